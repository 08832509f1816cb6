"""What the content tests of every tier share (test_content*.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import FACTS, soup

# The chapters a reader reads through; each must send the reader to two others.
# (Links to the glossary and the sources page come with every {term} and status
# mark, so they do not count as cross-links between chapters.)
PROSE_CHAPTERS = ("overview", "parameters", "comparison", "domestic", "faq", "updates")


class Parsed:
    """The built pages, each parsed once, on first use, and never changed by a test."""

    def __init__(self, pages: dict[str, str]) -> None:
        self._pages = pages
        self._soups: dict[str, BeautifulSoup] = {}
        self._texts: dict[str, str] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._pages

    def __iter__(self):
        return iter(self._pages)

    def page(self, name: str) -> BeautifulSoup:
        if name not in self._soups:
            self._soups[name] = soup(self._pages[name])
        return self._soups[name]

    def main(self, name: str) -> Tag:
        """The page body without the theme's navigation (role="main" in every theme)."""
        main = self.page(name).select_one('[role="main"]')
        assert main is not None, f"{name}.html: no element with role=main in the page"
        return main

    def text(self, name: str) -> str:
        """The text of the page's body (``main(name).get_text()``)."""
        if name not in self._texts:
            self._texts[name] = self.main(name).get_text()
        return self._texts[name]


@pytest.fixture(scope="session")
def parsed(pages: dict[str, str]) -> Parsed:
    return Parsed(pages)


# -- (c) Every data entry is used and has a source; (d) statuses show ------------------

LABELS = FACTS.labels["ja"]


def status_marks() -> dict[str, str]:
    """status -> the mark readers see (［報道］), from data/labels.yaml."""
    return {s: f"［{w['mark']}］" for s, w in LABELS["statuses"].items() if w["mark"]}
