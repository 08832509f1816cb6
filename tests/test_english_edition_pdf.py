"""The English edition's PDF and EPUB (the EPUB's metadata and cover: test_epub_pdf.py)."""

from __future__ import annotations

import pytest
from conftest import CHAPTERS, Book
from epubcheck import epubcheck
from helpers import BOOK_WORDS, bookmarks, pdf_text, run
from pypdf import PdfReader

pytestmark = pytest.mark.pdf


def test_each_edition_publishes_its_own_pdf_and_epub(book: Book) -> None:
    for edition in (book.edition("ja"), book.en):
        for built in (edition.pdf, edition.epub):
            published = edition.html / built.name
            assert published.is_file(), f"{published} missing"
            assert published.read_bytes() == built.read_bytes(), published


def test_english_pdf_embeds_every_font_and_keeps_japanese_names(book: Book) -> None:
    rows = run("pdffonts", book.en.pdf).stdout.splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)
    # The Japanese names the English text quotes are typeset (HaranoAji, embedded).
    assert any("HaranoAji" in row for row in rows), rows


def test_english_punctuation_is_set_as_latin_text(book: Book) -> None:
    """Quotes and dashes of the English text are Latin characters in the PDF: set in
    the Japanese font (upLaTeX's default for characters JIS also has) they came out
    with Japanese spacing, and pdftotext read “” as nothing and — as U+0336."""
    tex = book.en.tex.read_text(encoding="utf-8")
    text = pdf_text(book.en.pdf)
    assert "\u0336" not in text
    for mark in "“”—’":
        if mark in tex:
            assert mark in text, f"{mark!r} of the English text is not in the PDF's text"


def test_english_pdf_is_a4_with_english_metadata_and_bookmarks(book: Book) -> None:
    pdf = PdfReader(book.en.pdf)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (595.28, 841.89)
    assert pdf.trailer["/Root"].get("/Lang") == "en"
    assert pdf.metadata.title == BOOK_WORDS["en"]["title"]
    assert pdf.metadata.author == BOOK_WORDS["en"]["author"]
    marks = bookmarks(pdf.outline)
    assert any(isinstance(item, list) for item in pdf.outline)  # sections under chapters
    assert len(marks) > 2 * len(CHAPTERS), [b.title for b in marks]
    log = book.en.pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log


def test_english_epub_passes_epubcheck(book: Book) -> None:
    epubcheck(book.en.epub)
