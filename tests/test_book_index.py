"""The book's index (issue 20): in reading order, on the web and in the PDF.

A Japanese index is ordered by how its words are read (五十音順): 経済産業省 under
け, not after every kana under 「ン」 or under a heading 国 of its own.  The readings
are data/index-readings.yaml's; an entry in kana spells its own, and one starting
with a Latin letter sorts A–Z.  The checks below compare what readers get (the
web index page, the PDF's index pages) with those readings, using plain rules of
their own: katakana read as hiragana, voiced and small kana as plain ones.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from pypdf import PdfReader

READINGS = yaml.safe_load((ROOT / "data" / "index-readings.yaml").read_text(encoding="utf-8"))
SYMBOLS = {"ja": "記号", "en": "Symbols"}
SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ")


def plain_kana(text: str) -> str:
    """Hiragana without voicing marks, small kana as large ones (ガッ → かつ)."""
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    return "".join(
        c for c in unicodedata.normalize("NFD", hira) if c not in "\u3099\u309a"
    ).translate(SMALL)


def expected_place(entry: str, language: str = "ja") -> tuple[tuple, str]:
    """(order within the index, heading) an entry belongs under."""
    first = unicodedata.normalize("NFKC", entry)[:1]
    if first.isascii() and first.isalpha():
        return (1, first.upper(), entry.casefold()), first.upper()
    reading = READINGS.get(entry, entry)
    if "\u3041" <= reading[:1] <= "\u30ff":
        kana = plain_kana(reading)
        return (2, kana[:1], kana.replace("ー", "")), kana[:1]
    return (0, "", entry), SYMBOLS[language]


def heading_order(heading: str) -> tuple:
    return expected_place(heading)[0][:2] if heading not in SYMBOLS.values() else (0, "")


def test_which_entries_need_a_reading() -> None:
    """Kanji anywhere in an entry that does not start with a Latin letter or a digit
    needs a line in the data (メモリの表 too, though it starts in kana)."""
    from book.features.book_index.readings import Readings, kana_order

    need = {"国産", "メモリの表", "「国産」"}
    free = {"パラメータ", "フィジカルAI", "GENIAC", "AI推進法", "100B"}
    assert all(Readings().reading(e) is None for e in need)
    assert all(Readings().reading(e) in (e, None) for e in free)
    assert Readings().reading("パラメータ") == "パラメータ"
    assert kana_order("パラメータ") == "はらめえた"  # mendex: voicing and ー dropped
    assert kana_order("ジャッジ") == "しやつし"


# ==============================================================================
# The web index
# ==============================================================================


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
    jump, headings, entries = web_index(pages_en["genindex"])
    names = [entry.casefold() for _, entry, _ in entries]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert jump == headings == sorted(headings, key=heading_order), headings
    assert all(re.fullmatch(r"[A-Z]", h) for h in headings), headings


# ==============================================================================
# The PDF's index
# ==============================================================================


def assert_reading_order(headings: list[str], entries: list) -> None:
    """Headings in their order, each entry under the kana of its reading, entries and
    sub-entries in reading order (the web index and the PDF's alike)."""
    assert headings == sorted(headings, key=heading_order), headings
    for heading, entry, subs in entries:
        assert expected_place(entry)[1] == heading, (
            f"'{entry}' is under {heading}, its reading puts it under {expected_place(entry)[1]}"
        )
        keys = [expected_place(sub)[0][2] for sub in subs]
        assert keys == sorted(keys), (
            f"the sub-entries of '{entry}' are not in reading order: {subs}"
        )
    for heading in headings:
        names = [entry for h, entry, _ in entries if h == heading]
        keys = [expected_place(name)[0] for name in names]
        assert keys == sorted(keys), f"{heading}: not in reading order: {names}"


def index_pages(pdf: Path, title: str) -> tuple[int, int]:
    reader = PdfReader(pdf)

    def marks(outline: list) -> list:
        found = []
        for item in outline:
            found.extend(marks(item) if isinstance(item, list) else [item])
        return found

    (mark,) = [m for m in marks(reader.outline) if m.title == title]
    last = len(reader.pages)
    # the colophon (奥付) follows the index on a page of its own (_latex/bookdesign.sty)
    words = yaml.safe_load((ROOT / "data" / "book.yaml").read_text(encoding="utf-8"))
    colophon = {edition["colophon-date"] for edition in words.values()}
    text = subprocess.run(
        ["pdftotext", "-f", str(last), "-l", str(last), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if any(word in text for word in colophon):
        last -= 1
    return reader.get_destination_page_number(mark) + 1, last


def pdf_index_lines(pdf: Path, title: str) -> list[str]:
    """The lines of the PDF's index pages as laid out (a sub-entry indented), the
    left column before the right one."""
    first, last = index_pages(pdf, title)
    lines = []
    for number in range(first, last + 1):
        for x in (0, 298):
            text = subprocess.run(
                ["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-x", str(x),
                 "-y", "60", "-W", "298", "-H", "720", str(pdf), "-"],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            lines += [line.rstrip() for line in text.splitlines() if line.strip()]
    return lines


def pdf_index(pdf: Path, title: str) -> list[tuple[str, str, list[str]]]:
    """[(heading, entry, its sub-entries)] of the PDF's index (an entry is a line
    with page numbers, a sub-entry an indented one)."""
    found: list[tuple[str, str, list[str]]] = []
    heading = ""
    for line in pdf_index_lines(pdf, title):
        entry = re.match(r"^(\s*)(.+?)(?:,\s*\d+)+,?$", line)
        if entry:
            # pdftotext puts a space between kana and Latin letters (AI エージェント)
            name = re.sub(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+", "", entry[2])
            if entry[1] and found:
                found[-1][2].append(name)
            else:
                found.append((heading, name, []))
        elif len(line.strip()) == 1 or line.strip() in SYMBOLS.values():
            heading = line.strip()
    return found


@pytest.mark.pdf
def test_pdf_index_is_in_reading_order(book: Book) -> None:
    """The Japanese PDF's index: kana headings in order, each entry under the kana of
    its reading (経済産業省 under け, not under ン), in reading order."""
    found = pdf_index(book.pdf, "索引")
    assert found, "no entry found in the PDF's index"
    headings = list(dict.fromkeys(h for h, _, _ in found))
    assert_reading_order(headings, found)
    assert ("け", "経済産業省", []) in found and ("こ", "国産", []) in found, found
    assert "ン" not in headings, headings


@pytest.mark.pdf
@pytest.mark.parametrize("language", ["ja", "en"])
def test_pdf_index_is_set_in_the_text_face(language: str, book: Book) -> None:
    """No typewriter face (with its slashed zero) on the index pages."""
    edition = book.edition(language)
    first, last = index_pages(edition.pdf, "索引" if language == "ja" else "Index")
    fonts = subprocess.run(
        ["pdffonts", "-f", str(first), "-l", str(last), str(edition.pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    typewriter = [
        line for line in fonts.splitlines() if re.search(r"tt\b|Mono|Courier", line, re.I)
    ]
    assert not typewriter, fonts


@pytest.mark.pdf
def test_english_pdf_index_has_no_duplicates(book: Book) -> None:
    found = [entry for _, entry, _ in pdf_index(book.en.pdf, "Index")]
    assert "continued pre-training" in found, found
    assert len(found) == len(set(found)), sorted(e for e in found if found.count(e) > 1)
