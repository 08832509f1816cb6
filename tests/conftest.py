"""Shared fixtures: the book is built once per test session, with the real tools.

``book`` runs ``make all`` (HTML, PDF and EPUB, strict) into a temporary folder and
returns its paths. Set ``BOOK_BUILD_DIR=<dir>`` to check an existing ``make all``
output instead (handy while iterating on the tests; CI never sets it).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = "geniac-rakuten-book"
# Every page of the book (its file name) and words its title contains.
CHAPTERS = {
    "overview": "概要",
    "parameters": "パラメータ",
    "comparison": "世界との比較",
    "domestic": "国内の基盤モデル",
    "faq": "よくある質問",
    "updates": "その後の動き",
    "glossary": "用語集",
    "sources": "出典と確認状況",
}
# A fixed date, so that output is comparable between builds.
SOURCE_DATE_EPOCH = "1764547200"  # 2025-12-01T00:00:00Z


@dataclass
class Book:
    builddir: Path
    log: str

    @property
    def html(self) -> Path:
        return self.builddir / "html"

    @property
    def pdf(self) -> Path:
        return self.builddir / "latex" / f"{BOOK}.pdf"

    @property
    def tex(self) -> Path:
        return self.builddir / "latex" / f"{BOOK}.tex"

    @property
    def epub(self) -> Path:
        return self.builddir / "epub" / f"{BOOK}.epub"


def make(target: str, builddir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a Makefile target as a user would, into ``builddir``."""
    return subprocess.run(
        ["make", target, f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **env},
    )


def build_book(builddir: Path) -> Book:
    result = make("all", builddir)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"make all failed ({result.returncode}):\n{log[-6000:]}", pytrace=False)
    return Book(builddir=builddir, log=log)


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    existing = os.environ.get("BOOK_BUILD_DIR")
    if existing:
        return Book(builddir=Path(existing).resolve(), log="")
    return build_book(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def pages(book: Book) -> dict[str, str]:
    """Every HTML page of the site by its name without extension."""
    return {
        str(p.relative_to(book.html).with_suffix("")): p.read_text(encoding="utf-8")
        for p in book.html.rglob("*.html")
    }


# Browser fixtures (site_url, browser, page) live in their own module.
from browser_fixtures import browser, page, site_url  # noqa: E402,F401
