"""While a page is read: its index entries' readings checked, their places noted."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.index_entries import split_index_msg

from book.data.schema import SOURCE_LANGUAGE

from .readings import INDEX_PLACES, READINGS, needs_reading

logger = logging.getLogger(__name__)


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
