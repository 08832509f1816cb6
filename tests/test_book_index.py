"""The book's index (issue 20): in reading order, on the web and in the PDF.

A Japanese index is ordered by how its words are read (五十音順, data/index-readings.yaml):
経済産業省 under け, not under 「ン」 or a heading 国 of its own; Latin words sort A–Z.
The checks use plain rules of their own: katakana as hiragana, voiced and small kana
as plain ones (book_index_shared.py).
"""

from __future__ import annotations

import re

import pytest
from book_index_shared import READINGS, assert_reading_order, heading_order
from bs4 import BeautifulSoup


def test_which_entries_need_a_reading() -> None:
    """Kanji anywhere in an entry that does not start with a Latin letter or a digit
    needs a line in the data (メモリの表 too, though it starts in kana)."""
    from book.features.book_index.readings import Readings, kana_order

    readings = Readings()
    assert [readings.reading(e) for e in ("国産", "メモリの表", "「国産」")] == [None] * 3
    free = {"パラメータ", "フィジカルAI", "GENIAC", "AI推進法", "100B"}
    assert all(readings.reading(e) in (e, None) for e in free)
    assert readings.reading("パラメータ") == "パラメータ"
    assert kana_order("パラメータ") == "はらめえた"  # mendex: voicing and ー dropped
    assert kana_order("ジャッジ") == "しやつし"


# -- The web index ---------------------------------------------------------------------


def web_index(html: str) -> tuple[list[str], list[str], list[tuple[str, str, list[str]]]]:
    """(jump box, headings, [(heading, entry, its sub-entries)]) of genindex.html."""
    page = BeautifulSoup(html, "html.parser")
    jump = [a.get_text(strip=True) for a in page.select(".genindex-jumpbox a")]
    headings, entries = [], []
    for section in page.select("section.genindex-section[id]"):
        heading = section.find("h2").get_text(strip=True)
        headings.append(heading)
        for item in section.select("table.genindextable > tr > td > ul > li"):
            name = item.find(["a", "span"], recursive=False) or item
            text = name.get_text(strip=True)
            text = re.split(r"[：:]", text, maxsplit=1)[0] if name.name == "span" else text
            subs = [
                re.split(r"[：:]", li.get_text(strip=True), maxsplit=1)[0]
                for li in item.select("ul > li")
            ]
            entries.append((heading, text, subs))
    return jump, headings, entries


def test_web_index_is_in_reading_order(pages: dict[str, str]) -> None:
    """Headings 記号, A–Z, then one per kana; each entry under the heading of its
    reading, and the entries (and sub-entries) of a heading in reading order."""
    jump, headings, entries = web_index(pages["genindex"])
    assert entries, "the index page lists no entry"
    assert jump == headings, f"the jump box {jump} does not match the headings {headings}"
    assert len(set(headings)) == len(headings), headings
    assert_reading_order(headings, entries)
    # The kanji entries the old index put under headings of their own.
    where = {entry: heading for heading, entry, _ in entries}
    assert where["経済産業省"] == "け" and where["国産"] == "こ" and where["訂正"] == "て", where


def test_every_reading_is_used(pages: dict[str, str]) -> None:
    """Each line of data/index-readings.yaml is the reading of an entry of the index
    (a stale line would hide a misspelt entry)."""
    _, _, entries = web_index(pages["genindex"])
    names = {entry for _, entry, _ in entries} | {sub for _, _, subs in entries for sub in subs}
    assert set(READINGS) - names == set(), "readings of entries the index does not have"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_web_index_names_the_places(
    language: str, pages: dict[str, str], pages_en: dict[str, str]
) -> None:
    """An entry with several places names each by its section, never "[1]"."""
    html = (pages if language == "ja" else pages_en)["genindex"]
    page = BeautifulSoup(html, "html.parser")
    bare = [
        a.get_text()
        for a in page.select(".genindextable a")
        if re.fullmatch(r"\[\d+\]", a.get_text(strip=True))
    ]
    assert not bare, f"bare numbered links in the {language} index: {bare}"
    places = page.select(".genindextable .book-index-places")
    assert places, "no entry with several places"
    glossary = "用語集" if language == "ja" else "Glossary"
    for entry in places:
        links = entry.find_all("a")
        assert len(links) >= 2 and all(a.get_text(strip=True) for a in links), entry
        # A glossary term's definition is one of its places, in bold, named as the glossary.
        for link in links:
            if "glossary.html#term-" in link["href"]:
                assert link.find("strong") and link.get_text(strip=True) == glossary, entry


def test_english_index_has_no_duplicates(pages_en: dict[str, str]) -> None:
    """Headings A–Z only (in order, as in the jump box), each entry once."""
    jump, headings, entries = web_index(pages_en["genindex"])
    names = [entry.casefold() for _, entry, _ in entries]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert jump == headings == sorted(headings, key=heading_order), headings
    assert all(re.fullmatch(r"[A-Z]", h) for h in headings), headings
