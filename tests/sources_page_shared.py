"""What the sources page tests of every tier share (test_sources_page*.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from conftest import Book
from helpers import data_yaml

LABELS = data_yaml("labels")
LANGUAGES = ["ja", "en"]


def sources_page(book: Book, language: str) -> Tag:
    """The sources page's text (its ``<article>``) in an edition."""
    html = (book.edition(language).html / "sources.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("article")
