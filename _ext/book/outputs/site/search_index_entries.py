"""The search index keeps every page's index entries after an incremental build.

Workaround for Sphinx's open bug https://github.com/sphinx-doc/sphinx/issues/12599
("'indexentries' section missing results from search index following non-fresh
project rebuild"), still in Sphinx 8.2.3: the HTML builder gathers each page's index
entries while it writes the page and reloads the previous ``searchindex.js`` without
them, so after a one-page edit the index held the entries of the re-written pages only
(and search_scorer.js ranks by them).  Before the pages are written, this puts the
previous entries back for every page that still exists.

Remove this file (and its line in conf.py) when Sphinx keeps the entries itself;
tests/test_build.py checks the behaviour either way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.search import js_index


def restore_index_entries(app: Sphinx, builder: Builder) -> None:
    if builder.format != "html" or builder.name != "html":
        return
    previous = Path(builder.outdir) / "searchindex.js"
    try:
        frozen = js_index.loads(previous.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # a first build: nothing to keep
    if not isinstance(frozen, dict) or "indexentries" not in frozen:
        return
    docnames = frozen["docnames"]
    restored: dict[str, list[tuple[str, str, str]]] = {}
    for entry, places in frozen["indexentries"].items():
        for file, target_id, main in places:
            restored.setdefault(docnames[file], []).append(
                (entry, target_id, "main" if main else "")
            )
    # Every page that still exists, in name order as a full build feeds them (so
    # that the file is the same as after a full build); a page written now
    # replaces its own list in place.
    table = app.env._search_index_index_entries
    table.clear()
    for docname in sorted(app.env.all_docs):
        table[docname] = sorted(restored.get(docname, []))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("write-started", restore_index_entries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
