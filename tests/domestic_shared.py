"""What the domestic tests of every tier share (test_domestic*.py)."""

from __future__ import annotations

import pytest
from book.data import models_file
from book.data.book_numbers import format_large_ja
from book.data.facts_file import format_value
from bs4 import BeautifulSoup
from helpers import book_facts

FACTS = book_facts()
LABELS = FACTS.labels["ja"]
WORDS = LABELS["models"]
MODELS = models_file.load_models(FACTS)
ROWS = MODELS.rows


def mark(key: str) -> str:
    word = LABELS["statuses"][FACTS.facts[key].status]["mark"]
    return f"［{word}］" if word else ""


def cell(key: str | None) -> str:
    """A figure as the table writes it, computed here from the facts module:
    parameter counts without their unit (the heading names it), 約 when the
    data calls the count approximate, then the status mark."""
    if key is None:
        return WORDS["none"]
    fact = FACTS.facts[key]
    if fact.unit != "params":
        return format_value(fact, LABELS) + mark(key)  # 約 from the data (about: true)
    text = format_large_ja(float(fact.value))
    if fact.about:
        text = LABELS["about"].format(n=text)
    return text + mark(key)


# -- The table on the web --------------------------------------------------------------


@pytest.fixture(scope="module")
def page(pages: dict[str, str]) -> BeautifulSoup:
    assert "domestic" in pages, "docs/domestic.md is not built"
    return BeautifulSoup(pages["domestic"], "html.parser")


@pytest.fixture(scope="module")
def table(page: BeautifulSoup):
    found = page.find("table", id="table-domestic-models")
    assert found is not None, "no table with the label table-domestic-models"
    return found
