"""What the sources page tests of every tier share (test_sources_page*.py)."""

from __future__ import annotations

from book.data import facts_file as facts
from bs4 import BeautifulSoup, Tag
from conftest import Book
from helpers import book_facts, data_yaml

LABELS = data_yaml("labels")
LANGUAGES = ["ja", "en"]


def data(language: str) -> facts.FactsData:
    return book_facts(language)


def sources_page(book: Book, language: str) -> Tag:
    edition = book.edition(language)
    html = (edition.html / "sources.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("article")
