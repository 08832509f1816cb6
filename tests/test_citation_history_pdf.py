"""Reuse and trust: how to cite the book, what changed when, and when each page changed."""

from __future__ import annotations

import zipfile

import pytest
from citation_history_shared import EDITION, changelog_entries
from conftest import Book
from helpers import run, soup, squash

pytestmark = pytest.mark.pdf


# -- PDF and EPUB ----------------------------------------------------------------------


def test_history_and_citation_are_in_the_pdf(book: Book) -> None:
    text = squash(run("pdftotext", book.pdf, "-").stdout)
    assert "改訂履歴" in text
    for entry in changelog_entries():
        assert squash(entry.summary)[:20] in text, entry.summary[:30]
    assert f"{EDITION.year}年{EDITION.month}月{EDITION.day}日版" in text
    assert "@book{geniac-rakuten-book," in text


def test_history_is_in_the_epub_with_working_links(book: Book) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        names = epub.namelist()
        history = next(n for n in names if n.endswith("history.xhtml"))
        page = soup(epub.read(history).decode("utf-8"))
        opf = epub.read(next(n for n in names if n.endswith(".opf"))).decode("utf-8")
    assert 'href="history.xhtml"' in opf
    entries = page.select(".changelog-entry")
    assert len(entries) == len(changelog_entries())
    hrefs = {a["href"].split("#")[0] for a in page.select(".changelog-meta a[href]")}
    assert hrefs and all(h.endswith(".xhtml") or h == "" for h in hrefs), hrefs
    # no footer in the EPUB, so no date and no meta tag for it
    assert "article:modified_time" not in epub_text(book)


def epub_text(book: Book) -> str:
    with zipfile.ZipFile(book.epub) as epub:
        return "".join(
            epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml")
        )
