"""The book's content on paper: the status marks the chapters show are in the PDF."""

from __future__ import annotations

import pytest
from conftest import Book
from content_shared import PROSE_CHAPTERS, Parsed, status_marks
from content_shared import parsed as parsed
from helpers import FACTS, pdf_text, squash

pytestmark = pytest.mark.pdf


def test_status_marks_are_in_the_pdf_text(book: Book, parsed: Parsed) -> None:
    pdf = squash(pdf_text(book.pdf))  # pdftotext may break a line inside ［報道］
    for status, mark in status_marks().items():
        in_html = sum(
            1
            for name in PROSE_CHAPTERS
            if name in parsed
            for a in parsed.main(name).select('a[href*="sources.html#fact-"]')
            if FACTS.facts[a["href"].split("#fact-", 1)[1]].status == status
            and a.get_text() == mark
        )
        assert in_html, f"no chapter shows {mark}: the check would prove nothing"
        assert pdf.count(mark) >= in_html, (
            f"the chapters show {mark} {in_html} times in HTML, the PDF {pdf.count(mark)}"
        )
