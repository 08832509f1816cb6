"""What the hosting tests of every tier share (test_hosting*.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Book, make

BASE_URL = "https://book.example/geniac-book/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


@pytest.fixture(scope="module")
def hosted(book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web site of both editions built for BASE_URL, each with its PDF and EPUB
    inside (as `make all`)."""
    builddir = tmp_path_factory.mktemp("hosted")
    result = make("html", builddir, BOOK_BASE_URL=BASE_URL)
    if result.returncode != 0:
        pytest.fail(f"make html failed:\n{(result.stdout + result.stderr)[-4000:]}", pytrace=False)
    site = builddir / "html"
    for edition, folder in ((book.edition("ja"), site), (book.en, site / "en")):
        shutil.copy(edition.pdf, folder)
        shutil.copy(edition.epub, folder)
    return site
