"""The book's index, ordered by reading, on the web and on paper: the readings
(``readings``), loaded and checked as the build reads the pages (``pages``), the web
index (``web``) and the PDF's (``paper``)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import pages, paper, web


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_index_readings", "data/index-readings.yaml", "env", str)
    app.connect("builder-inited", pages.load)
    app.connect("doctree-read", pages.read_entries)
    pages.INDEX_PLACES.connect(app)
    app.connect("html-page-context", web.page_context)
    app.add_post_transform(paper.TermEntriesOutOfTheTerm)
    app.add_latex_package("book-index")
    app.connect("build-finished", paper.write_index_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
