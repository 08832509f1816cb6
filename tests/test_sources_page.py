"""The sources page as a reader uses it (_ext/book/features/sources_page.py, issue 20).

On the web: the facts grouped under the page that first uses them, in the book's
order, each fact once, each source's title written once (the facts point to it by
number), no "value: (no figure)".  On paper: no entry's title alone at the foot of a
page, and each source's address printed once (not again in a footnote).  The page's
weight with its assets is checked in the browser (tests/test_browser.py).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import Book
from helpers import squash as squash_spaces
from sources_page_shared import LABELS, LANGUAGES, data, sources_page


def squash(text: str) -> str:
    """helpers.squash, with straight quotes (the English edition's are typographic)."""
    return squash_spaces(text.translate(str.maketrans("’‘“”", "''\"\"")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_facts_are_grouped_by_page_in_the_books_order(book: Book, language: str) -> None:
    page = sources_page(book, language)
    sections = page.select("section[id^=facts-on-]")
    groups = [s["id"].removeprefix("facts-on-") for s in sections]
    assert len(groups) >= 5, groups
    # the book's order: the sidebar's (its table of contents), the top page last
    edition = book.edition(language)
    html = (edition.html / "sources.html").read_text(encoding="utf-8")
    sidebar = BeautifulSoup(html, "html.parser").select(".sidebar-tree a.reference.internal")
    order = [a["href"].split("#")[0].removesuffix(".html") for a in sidebar] + ["index"]
    assert groups == [name for name in order if name in groups], groups
    # the line under the heading leads to every group, in the same order
    nav = [a["href"] for a in page.select("p.fact-groups a")]
    assert nav == [f"#{s['id']}" for s in sections]
    # every fact once, under a page
    shown = [dt["id"] for s in sections for dt in s.select("dl.fact-entries > dt")]
    assert sorted(shown) == sorted(f"fact-{key}" for key in data(language).facts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_sources_title_is_written_once(book: Book, language: str) -> None:
    """A fact points to its sources by their numbers in the list; the titles are in
    the list only (they were repeated in every fact that cites them)."""
    page = sources_page(book, language)
    listed = data(language).sources
    numbers = {f"source-{key}": str(i) for i, key in enumerate(listed, start=1)}
    links = page.select('dl.fact-entries a[href^="#source-"]')
    assert links
    for link in links:
        assert link.get_text() == numbers[link["href"][1:]], link
    items = page.select("ol.sources-list > li")
    assert [item["id"] for item in items] == list(numbers)
    for item, source in zip(items, listed.values(), strict=True):
        # (squashed: sphinxcontrib-trimblank drops the Japanese edition's spaces)
        assert squash(item.find("strong").get_text()) == squash(source.title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_says_it_has_no_figure(book: Book, language: str) -> None:
    """ "Value: (no figure)" under every claim without a figure said nothing."""
    page = sources_page(book, language)
    assert LABELS[language]["sources-page"]["no-value"] not in page.get_text()
