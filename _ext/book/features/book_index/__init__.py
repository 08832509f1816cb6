"""The book's index, ordered by reading, on the web and on paper: the readings
(``readings``), checked as each page is read (``pages``), the web index (``web``) and the
PDF's (``paper``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from . import pages, paper, web
from .readings import INDEX_PLACES, READINGS, load_readings

logger = logging.getLogger(__name__)


def load(app: Sphinx) -> None:
    root = Path(app.confdir)
    rel = app.config.book_index_readings
    readings = READINGS.keep(app.env, load_readings(root / rel, rel))
    for error in readings.errors:
        logger.warning(error, type="index", subtype="readings")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_index_readings", "data/index-readings.yaml", "env", str)
    app.connect("builder-inited", load)
    app.connect("doctree-read", pages.read_entries)
    INDEX_PLACES.connect(app)
    app.connect("html-page-context", web.page_context)
    app.add_post_transform(paper.TermEntriesOutOfTheTerm)
    app.add_latex_package("book-index")
    app.connect("build-finished", paper.write_index_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
