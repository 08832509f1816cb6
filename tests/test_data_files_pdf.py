"""The data files on paper and in the EPUB: named, not linked (_ext/book/outputs/data_files.py)."""

from __future__ import annotations

import zipfile

import pytest
from book.outputs import data_files
from conftest import Book
from data_files_shared import CHART_NAMES, TABLES, WORDS
from helpers import pdf_text, squash

pytestmark = pytest.mark.pdf


def test_paper_and_epub_name_the_files_without_links(book: Book) -> None:
    text = squash(pdf_text(book.pdf))
    names = [f"chart-{n}.csv" for n in CHART_NAMES] + [f"{t}.csv" for t in TABLES]
    for name in names:
        assert name in text, f"the PDF does not name {name}"
    assert squash(WORDS["on-paper"].format(files="chart-private-investment.csv")) in text
    assert WORDS["details"] not in text, "the chart's web table is printed"
    for name in data_files.PUBLISHED:
        assert name in text, f"the sources page on paper does not name {name}"
    with zipfile.ZipFile(book.epub) as epub:
        names = epub.namelist()
        xhtml = "".join(epub.read(n).decode("utf-8") for n in names if n.endswith(".xhtml"))
    assert "<details" not in xhtml and "data-file-link" not in xhtml
    assert "chart-private-investment.csv" in xhtml
    assert not any(n.endswith(".csv") for n in names)
