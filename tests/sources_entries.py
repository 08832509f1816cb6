"""How the tests read the sources page's entries (_ext/book/features/sources_page.py).

A fact's entry is its title, ``<dt id="fact-KEY">`` (label and status word), and its
body, the ``<dd>`` after it (the line of value, dates and sources, then links,
corrections and note), in a section ``facts-on-PAGE`` of the page that first uses it.
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import Tag

# Each page's elements by id, indexed once (page.find(id=...) for each of the 170-odd
# facts cost a second of `make check`); the page is kept, so its id() is never reused.
_IDS: dict[int, tuple[Tag, dict[str, Tag]]] = {}


def element(page: Tag, element_id: str) -> Tag | None:
    """The first element of ``page`` with that id."""
    if id(page) not in _IDS:
        index: dict[str, Tag] = {}
        for tag in page.find_all(id=True):
            index.setdefault(tag["id"], tag)
        _IDS[id(page)] = (page, index)
    return _IDS[id(page)][1].get(element_id)


def fact_entry(page: Tag, key: str) -> tuple[Tag, Tag]:
    """A fact's title (its ``<dt>``) and body (the ``<dd>`` after it)."""
    title = element(page, f"fact-{key}")
    assert title is not None, f"sources page: no entry for fact '{key}'"
    assert title.name == "dt", f"sources page: the anchor of '{key}' is a <{title.name}>"
    body = title.find_next_sibling("dd")
    assert body is not None, f"sources page: the entry of '{key}' has no body"
    return title, body


def group_of(page: Tag, key: str) -> str | None:
    """The page a fact's entry is grouped under ("overview"), or None (used nowhere)."""
    title, _ = fact_entry(page, key)
    section = title.find_parent("section")
    if section is not None and section.get("id", "").startswith("facts-on-"):
        return section["id"].removeprefix("facts-on-")
    return None


def published_pages(html: Path) -> dict[str, list[str]]:
    """{fact key: the pages that show it, in the book's order}, as the site's
    data/facts.json publishes them (the sources page names only the first)."""
    document = json.loads((html / "data" / "facts.json").read_text(encoding="utf-8"))
    return {record["key"]: record["pages"] for record in document["facts"]}
