"""A small book for tests/test_snapshots_slow.py: the book's extension with the third-party
extensions it stands on, a frozen extract of the data (data/facts.yaml, data/changelog.yaml,
CITATION.cff) and a few pages that use every directive and role whose rendering is the
contract.

The edition's words (data/labels.yaml, data/book.yaml) are the project's own, copied in
by the test: a change of words shows in the snapshots; a correction of the book's data
does not, because this data is frozen."""

from pathlib import Path

import yaml

extensions = ["myst_parser", "sphinx_design", "notfound.extension", "book"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
nitpicky = True
locale_dirs = ["locales"]
gettext_compact = False
# The small book is no git repository: no "last updated" dates (as the book's conf.py).
suppress_warnings = ["git.subprocess_error", "git.command_not_found", "git.too_shallow"]
git_untracked_check_dependencies = False
# The calculator's markup: the book's own template (a link to _templates/ of the book).
templates_path = ["_templates"]


def setup(app):
    def edition_words(app, config):
        """The edition's title and author, as the book's conf.py takes them (book.yaml)."""
        book = yaml.safe_load(Path(app.confdir, "data", "book.yaml").read_text(encoding="utf-8"))
        config.project, config.author = (book[config.language][k] for k in ("title", "author"))

    app.connect("config-inited", edition_words)
