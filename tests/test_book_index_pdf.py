"""The book's index (issue 20): in reading order, on the web and in the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from book_index_shared import SYMBOLS, assert_reading_order
from conftest import Book
from helpers import BOOK_WORDS, bookmarks, run
from pypdf import PdfReader

pytestmark = pytest.mark.pdf


def index_pages(pdf: Path, title: str) -> tuple[int, int]:
    reader = PdfReader(pdf)
    (mark,) = [m for m in bookmarks(reader.outline) if m.title == title]
    last = len(reader.pages)
    # the colophon (奥付) follows the index on a page of its own (_latex/bookdesign.sty)
    colophon = {edition["colophon-date"] for edition in BOOK_WORDS.values()}
    text = run("pdftotext", "-f", str(last), "-l", str(last), str(pdf), "-").stdout
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
            text = run(
                "pdftotext", "-layout", "-f", str(number), "-l", str(number), "-x", str(x),
                "-y", "60", "-W", "298", "-H", "720", pdf, "-",
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


def test_pdf_index_is_in_reading_order(book: Book) -> None:
    """The Japanese PDF's index: kana headings in order, each entry under the kana of
    its reading (経済産業省 under け, not under ン), in reading order."""
    found = pdf_index(book.pdf, "索引")
    assert found, "no entry found in the PDF's index"
    headings = list(dict.fromkeys(h for h, _, _ in found))
    assert_reading_order(headings, found)
    assert ("け", "経済産業省", []) in found and ("こ", "国産", []) in found, found
    assert "ン" not in headings, headings


@pytest.mark.parametrize("language", ["ja", "en"])
def test_pdf_index_is_set_in_the_text_face(language: str, book: Book) -> None:
    """No typewriter face (with its slashed zero) on the index pages."""
    edition = book.edition(language)
    first, last = index_pages(edition.pdf, "索引" if language == "ja" else "Index")
    fonts = run("pdffonts", "-f", str(first), "-l", str(last), str(edition.pdf)).stdout
    typewriter = [
        line for line in fonts.splitlines() if re.search(r"tt\b|Mono|Courier", line, re.I)
    ]
    assert not typewriter, fonts


def test_english_pdf_index_has_no_duplicates(book: Book) -> None:
    found = [entry for _, entry, _ in pdf_index(book.en.pdf, "Index")]
    assert "continued pre-training" in found, found
    assert len(found) == len(set(found)), sorted(e for e in found if found.count(e) > 1)
