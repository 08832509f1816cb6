"""The sources page as a reader uses it (_ext/book/features/sources_page.py, issue 20).

The facts grouped under the page that first uses them, in the book's order, each once;
each source's title written once (facts point to it by number); every entry and source
shows its data, and no "value: (no figure)".  The words, marks and order around the data
are the small book's snapshots (tests/snapshots/book/sources.*.xml); on paper:
test_sources_page_pdf.py; the page's weight: test_browser.py.
"""

from __future__ import annotations

import pytest
from book.data import facts_file as facts
from book.data.schema import JAPANESE
from conftest import Book
from helpers import EDITION_FACTS, plain
from sources_entries import fact_entry
from sources_page_shared import LABELS, LANGUAGES, sources_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_facts_are_grouped_by_page_in_the_books_order(book: Book, language: str) -> None:
    page = sources_page(book, language)
    sections = page.select("section[id^=facts-on-]")
    groups = [s["id"].removeprefix("facts-on-") for s in sections]
    assert len(groups) >= 5, groups
    # the book's order: the sidebar's (its table of contents), the top page last
    sidebar = page.find_parent("body").select(".sidebar-tree a.reference.internal")
    order = [a["href"].split("#")[0].removesuffix(".html") for a in sidebar] + ["index"]
    assert groups == [name for name in order if name in groups], groups
    # the line under the heading leads to every group, in the same order
    nav = [a["href"] for a in page.select("p.fact-groups a")]
    assert nav == [f"#{s['id']}" for s in sections]
    # every fact once, under a page
    shown = [dt["id"] for s in sections for dt in s.select("dl.fact-entries > dt")]
    assert sorted(shown) == sorted(f"fact-{key}" for key in EDITION_FACTS[language].facts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_sources_title_is_written_once(book: Book, language: str) -> None:
    """A fact points to its sources by their numbers in the list; the titles are in
    the list only (they were repeated in every fact that cites them)."""
    page = sources_page(book, language)
    listed = EDITION_FACTS[language].sources
    numbers = {f"source-{key}": str(i) for i, key in enumerate(listed, start=1)}
    links = page.select('dl.fact-entries a[href^="#source-"]')
    assert links
    for link in links:
        assert link.get_text() == numbers[link["href"][1:]], link
    items = page.select("ol.sources-list > li")
    assert [item["id"] for item in items] == list(numbers)
    for item, source in zip(items, listed.values(), strict=True):
        # (squashed: sphinxcontrib-trimblank drops the Japanese edition's spaces)
        assert plain(item.find("strong").get_text()) == plain(source.title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_shows_its_data(book: Book, language: str) -> None:
    """A fact's label and status word; its value, the date it describes (its value, for
    a date), the day it was checked unless it is the day most facts were (said once,
    above the list) and its sources' numbers.  A source's title, publisher, date and
    address.  The English edition's entries have no Japanese (but the pages' titles).
    No "Value: (no figure)" under a claim without a figure."""
    page, known, labels = sources_page(book, language), EDITION_FACTS[language], LABELS[language]
    words, marks = labels["sources-page"], labels["punctuation"]

    def field(name: str, text: str) -> str:
        return plain(marks["field"].format(name=words[name]) + text)

    dates = [fact.checked for fact in known.facts.values()]
    usual = max(sorted(set(dates)), key=dates.count)
    above = page.find(class_="fact-groups").find_next_sibling("p").get_text()
    assert plain(above) == plain(
        words["checked-usual"].format(date=facts.format_date(usual, labels))
    )
    numbers = {key: str(number) for number, key in enumerate(known.sources, start=1)}
    for fact in known.facts.values():
        title, body = fact_entry(page, fact.key)
        status = plain(title.find("small").get_text())
        assert status == plain(marks["mark"].format(mark=labels["statuses"][fact.status]["word"]))
        assert plain(title.get_text()).removesuffix(status) == plain(fact.label), fact.key
        meta = body.find("p")
        parts = [plain(part) for part in meta.get_text().split(marks["separator"])]
        if fact.value is not None:
            assert parts[0] == field("value", facts.format_value(fact, labels)), (fact.key, parts)
        as_of = facts.format_as_of(fact, labels)
        assert field("date", as_of) in parts or parts[0] == field("value", as_of), (fact.key, parts)
        checked = field("checked", facts.format_date(fact.checked, labels))
        assert (checked in parts) == (fact.checked != usual), (fact.key, parts)
        cited = [a.get_text() for a in meta.select('a[href^="#source-"]')]
        assert cited == [numbers[key] for key in fact.sources], (fact.key, cited)
        for link in meta.select("a"):  # (the pages using it: titled as the pages are)
            if "#fact-" not in link["href"] and "#source-" not in link["href"]:
                link.decompose()
        assert language == "ja" or not JAPANESE.search(meta.get_text()), (fact.key, meta)
    items = page.select("ol.sources-list > li")
    for item, source in zip(items, known.sources.values(), strict=True):
        text = plain(item.find("p").get_text())
        shown = (source.title, source.publisher, facts.format_date(source.date, labels), source.url)
        assert all(plain(part) in text for part in shown), (source.key, text)
    assert words["no-value"] not in page.get_text()
