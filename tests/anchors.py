"""The published anchors of an edition's web pages (``page.html#anchor``), read from its HTML.

An anchor is an ``id`` in a page's ``<article>`` a link can point at (sections, terms,
figures, tables, FAQ entries, facts, sources, history entries), but for what nobody
links to: the charts' SVG, the calculator's controls, index targets (``index-N``) and
the pages Sphinx generates per edition (the index and search pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

# Generated per edition, with words of its language as ids (genindex: "A", "お").
GENERATED_PAGES = {"genindex.html", "search.html"}
# Interface, not link targets: ids inside these (CSS selectors).
INTERFACE = ("svg", ".param-calculator")
INDEX_TARGET = re.compile(r"^index-\d+$")
# An anchor readers can share: ASCII, not a number Sphinx or docutils made up.
NUMBERED = re.compile(r"^(?:id|term-|index-)\d+$")
ASCII_ANCHOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Anchor:
    page: str  # "overview.html"
    id: str
    kind: str  # "heading", "term" or the element's name
    text: str  # the heading's or term's words, for messages

    @property
    def link(self) -> str:
        return f"{self.page}#{self.id}"


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text().replace("¶", "").split())[:60]


def page_anchors(page: str, soup: BeautifulSoup) -> list[Anchor]:
    article = soup.find("article")
    if article is None:
        return []
    hidden = {id(t) for selector in INTERFACE for t in article.select(selector)}
    found = []
    for tag in article.find_all(id=True):
        if any(id(p) in hidden for p in [tag, *tag.parents]) or INDEX_TARGET.match(tag["id"]):
            continue
        # A section's ids: its own, and the empty spans docutils writes before its heading.
        section = tag if tag.name == "section" else tag.parent
        if tag.name == "section" or (tag.name == "span" and section.name == "section"):
            heading = section.find(re.compile(r"^h[1-6]$"))
            found.append(Anchor(page, tag["id"], "heading", _text(heading) if heading else ""))
        elif tag.name == "dt" and tag["id"].startswith("term-"):
            found.append(Anchor(page, tag["id"], "term", _text(tag)))
        else:
            found.append(Anchor(page, tag["id"], tag.name, _text(tag)))
    return found


def edition_pages(html_dir: Path) -> dict[str, BeautifulSoup]:
    """The edition's pages ``html_dir/*.html`` by file name, parsed."""
    return {
        path.name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(html_dir.glob("*.html"))
    }


def edition_anchors(pages: Path | dict[str, BeautifulSoup]) -> list[Anchor]:
    """Every anchor of an edition: of its pages ``html_dir/*.html`` or of the pages
    edition_pages parsed."""
    if isinstance(pages, Path):
        pages = edition_pages(pages)
    return [
        anchor
        for name, soup in pages.items()
        if name not in GENERATED_PAGES
        for anchor in page_anchors(name, soup)
    ]


def read_list(path: Path) -> dict[str, int]:
    """``page.html#anchor`` -> line number, from a list with ``#`` comment lines."""
    listed = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            listed[line] = number
    return listed


def english_html_dir(book) -> Path:
    """The English edition's pages (``html/en/``: ``make html`` and ``make all`` build both
    editions), or a failure saying it was not built."""
    folder = book.en.html
    if not (folder / "index.html").is_file():
        pytest.fail(
            f"no English edition at {folder}: `make html` / `make all` build it under html/en/",
            pytrace=False,
        )
    return folder
