"""What the anchors tests of every tier share (test_anchors*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from anchors import (
    Anchor,
    edition_anchors,
    english_html_dir,
)
from conftest import Book


@pytest.fixture(scope="session")
def editions(book: Book) -> dict[str, Path]:
    """The folder of each edition's pages."""
    return {"Japanese": book.html, "English": english_html_dir(book)}


@pytest.fixture(scope="session")
def found(editions: dict[str, Path]) -> dict[str, list[Anchor]]:
    """The anchors of each edition's pages (read once)."""
    return {edition: edition_anchors(folder) for edition, folder in editions.items()}
