"""What the hosting tests of every tier share (test_hosting*.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import Book, make, shared_root

BASE_URL = "https://book.example/geniac-book/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def build_hosted(builddir: Path, book: Book) -> dict[str, str | None]:
    """``make html`` for BASE_URL into ``builddir``, each edition's PDF and EPUB copied
    in from the book: the site's folder, or why it failed."""
    result = make("html", builddir, BOOK_BASE_URL=BASE_URL)
    if result.returncode != 0:
        return {
            "site": None,
            "failure": f"make html failed:\n{(result.stdout + result.stderr)[-4000:]}",
        }
    site = builddir / "html"
    try:
        for edition, folder in ((book.edition("ja"), site), (book.en, site / "en")):
            shutil.copy(edition.pdf, folder)
            shutil.copy(edition.epub, folder)
    except pytest.fail.Exception as missing:  # a run without them (BOOK_FORMATS=html)
        return {"site": None, "failure": missing.msg}
    return {"site": str(site), "failure": None}


def hosted_site(config: pytest.Config, book: Book) -> dict[str, str | None]:
    """The run's one hosted build (build_hosted), made as the book's is: by the first
    process of the run that needs it (with pytest-xdist the first worker, right after
    collecting, before any test is handed out: conftest.pytest_collection_finish),
    which says how it went in ``hosted.json`` for the others."""
    outcome = shared_root(config) / "hosted.json"
    if not outcome.exists():
        told = build_hosted(outcome.with_suffix(""), book)
        outcome.write_text(json.dumps(told), encoding="utf-8")
    return json.loads(outcome.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def hosted(book: Book, request: pytest.FixtureRequest) -> Path:
    """The web site of both editions built for BASE_URL, each with its PDF and EPUB
    inside (as `make all`), once for the run (hosted_site): the tests only read it."""
    told = hosted_site(request.config, book)
    if told["failure"]:
        pytest.fail(told["failure"], pytrace=False)
    return Path(told["site"])
