"""What the sources page tests of every tier share (test_sources_page*.py)."""

from __future__ import annotations

import yaml
from book.data import facts_file as facts
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, Book

LABELS = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
LANGUAGES = ["ja", "en"]


def data(language: str) -> facts.FactsData:
    return facts.load_facts(
        ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml", language
    )


def sources_page(book: Book, language: str) -> Tag:
    edition = book if language == "ja" else book.en
    html = (edition.html / "sources.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("article")
