"""The book's index, ordered by reading, on the web and on paper.

* ``readings``: the readings of the index entries (``data/index-readings.yaml``) and
  the order they give (mendex's);
* ``pages``: in the Japanese edition, an index entry or glossary term with kanji and no
  reading fails the strict build at its line; the section of each entry is noted;
* ``web``: ``genindex.html`` grouped 記号, A–Z, あ, い…, in reading order, each place
  named by its section;
* ``paper``: the PDF's index sorted by mendex with a reading dictionary from the same
  data, hiragana headings, the text face, a glossary term's entry not split in two."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from book.core.facts import edition_labels, punctuation

from . import pages, paper, web
from .readings import load_readings
from .state import INDEX_PLACES, READINGS, WORDS

logger = logging.getLogger(__name__)


def load(app: Sphinx) -> None:
    root = Path(app.confdir)
    rel = app.config.book_index_readings
    readings = READINGS.keep(app.env, load_readings(root / rel, rel))
    for error in readings.errors:
        logger.warning(error, type="index", subtype="readings")
    words = punctuation(edition_labels(app.env))
    WORDS.keep(app.env, {"list": words["list"], "field": words["field"]})


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
