"""What the translations tests of every tier share (test_translations*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from anchors import english_html_dir
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from conftest import ROOT, Book

LOCALES = ROOT / "locales"
PAGES = sorted(p.stem for p in (ROOT / "docs").glob("*.md"))
# The translated editions (locales/ja/ holds only the theme's words for the source
# edition: the "sphinx" catalogue).
LANGUAGES = sorted(p.parent.name for p in LOCALES.glob("*/LC_MESSAGES") if p.parent.name != "ja")
SHOWN = 10  # problems listed per file; the rest are counted


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT))


def start(text: str, length: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def load(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def fail(problems: list[str], advice: str) -> None:
    more = len(problems) - SHOWN
    listed = problems[:SHOWN] + ([f"... and {more} more"] if more > 0 else [])
    pytest.fail(f"{advice}:\n" + "\n".join(listed), pytrace=False)


@pytest.fixture(scope="session")
def english(book: Book) -> Path:
    return english_html_dir(book)
