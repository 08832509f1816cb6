"""What the index keeps during a build: the readings, loaded when the build starts
(``READINGS``), and, as each page is read, its entries' readings checked and their
places noted (``INDEX_PLACES``, for the web index)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.index_entries import split_index_msg

from book.core.build_data import BuildData
from book.core.page_records import PageRecords
from book.data.schema import SOURCE_LANGUAGE

from .readings import Readings, load_readings, needs_reading

logger = logging.getLogger(__name__)

# data/index-readings.yaml, loaded at builder-inited (every build).
READINGS = BuildData[Readings]("book_index_readings", loaded_by="pages.load, at builder-inited")


def _has_missing_readings(env: Any, record: dict[str, Any]) -> bool:
    # A page that lacked a reading is read again until it has one, so that the
    # strict build keeps failing on it (Sphinx would not read an unchanged page).
    return bool(record.get("missing"))


# Per page: {"places": {anchor: (position, section title)}, "missing": [entries]}.
INDEX_PLACES = PageRecords("book_index_places", is_stale=_has_missing_readings)


def load(app: Sphinx) -> None:
    """The readings read and checked for this build; each problem at its line."""
    root = Path(app.confdir)
    rel = app.config.book_index_readings
    readings = READINGS.keep(app.env, load_readings(root / rel, rel))
    for error in readings.errors:
        logger.warning(error, type="index", subtype="readings")


def section_title(doctree: nodes.document, anchor: str, page_title: str) -> str:
    """The title of the section that holds ``anchor`` (the page's title at its top)."""
    node = doctree.ids.get(anchor)
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    if node is not None and node.children and isinstance(node[0], nodes.title):
        return node[0].astext()
    return page_title


def read_entries(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    check = (app.config.language or SOURCE_LANGUAGE) == SOURCE_LANGUAGE
    readings = READINGS.of(env)
    page_title = env.titles[env.docname].astext() if env.docname in env.titles else ""
    places: dict[str, tuple[int, str]] = {}
    missing: list[str] = []
    for node in doctree.findall(addnodes.index):
        # A glossary term's entry is inside the term, whose line is the page's.
        where = node.parent if isinstance(node.parent, nodes.term) else node
        for entry_type, value, anchor, _main, _key in node["entries"]:
            if anchor and anchor not in places:
                places[anchor] = (len(places), section_title(doctree, anchor, page_title))
            if not check:
                continue
            try:
                parts = split_index_msg(entry_type, value)
            except ValueError:
                continue  # Sphinx reports it
            for part in parts:
                if needs_reading(part) and readings.reading(part) is None:
                    missing.append(part)
                    logger.warning(
                        "%s '%s' has no reading: add the line '%s: <its reading "
                        "in hiragana>' to %s (the index is ordered by reading; an entry "
                        "in kana or starting with a Latin letter needs none)",
                        "glossary term" if where is not node else "index entry",
                        part,
                        part,
                        app.config.book_index_readings,
                        location=where,
                        type="index",
                        subtype="reading",
                    )
    INDEX_PLACES.note(env, {"places": places, "missing": missing})
