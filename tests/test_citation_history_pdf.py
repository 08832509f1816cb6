"""Reuse and trust: how to cite the book, what changed when, and when each page changed."""

from __future__ import annotations

import zipfile

import pytest
from citation_history_shared import EDITION_JA, changelog_entries
from conftest import Book
from helpers import pdf_text, soup, squash

pytestmark = pytest.mark.pdf


def test_history_and_citation_are_in_the_pdf(book: Book) -> None:
    text = squash(pdf_text(book.pdf))
    assert "改訂履歴" in text
    for entry in changelog_entries():
        assert squash(entry.summary)[:20] in text, entry.summary[:30]
    assert f"{EDITION_JA}版" in text
    assert "@book{geniac-rakuten-book," in text


def test_history_is_in_the_epub_with_working_links(book: Book) -> None:
    """Every entry, linking pages of the EPUB; no footer there, so no date and no meta
    tag for it."""
    with zipfile.ZipFile(book.epub) as epub:
        pages = {n: epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith("html")}
        opf = epub.read("content.opf").decode("utf-8")
    assert 'href="history.xhtml"' in opf
    page = soup(pages["history.xhtml"])
    assert len(page.select(".changelog-entry")) == len(changelog_entries())
    hrefs = {a["href"].split("#")[0] for a in page.select(".changelog-meta a[href]")}
    assert hrefs and all(h.endswith(".xhtml") or h == "" for h in hrefs), hrefs
    assert not any("article:modified_time" in text for text in pages.values())
