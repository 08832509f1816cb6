"""What the anchors tests of every tier share (test_anchors*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from anchors import Anchor, edition_anchors, edition_pages, english_html_dir
from bs4 import BeautifulSoup
from conftest import Book


@pytest.fixture(scope="session")
def editions(book: Book) -> dict[str, Path]:
    """The folder of each edition's pages."""
    return {"Japanese": book.html, "English": english_html_dir(book)}


@pytest.fixture(scope="session")
def parsed(editions: dict[str, Path]) -> dict[str, dict[str, BeautifulSoup]]:
    """Each edition's pages by file name, parsed once for every test of the anchors."""
    return {edition: edition_pages(folder) for edition, folder in editions.items()}


@pytest.fixture(scope="session")
def found(parsed: dict[str, dict[str, BeautifulSoup]]) -> dict[str, list[Anchor]]:
    """The anchors of each edition's pages."""
    return {edition: edition_anchors(pages) for edition, pages in parsed.items()}
