"""A small book for tests/test_snapshots_slow.py: every chart the book draws, each on a
page as docs/*.md show it, from a frozen extract of the data (data/facts.yaml: the
facts, sources and models the charts read).

Its snapshots (tests/snapshots/charts/*.charts.txt) are the charts' words: every label
and the alt text, in both editions.  The edition's words (data/labels.yaml) are the
project's own, copied in by the test: a change of words shows in the snapshots; a
correction of the book's data does not, because this data is frozen."""

extensions = ["myst_parser", "sphinx_design", "notfound.extension", "book"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
nitpicky = True
numfig = True  # the charts are numbered figures, referred to with {numref} (as the book)
locale_dirs = ["locales"]
gettext_compact = False
# The small book is no git repository: no "last updated" dates (as the book's conf.py).
suppress_warnings = ["git.subprocess_error", "git.command_not_found", "git.too_shallow"]
git_untracked_check_dependencies = False
