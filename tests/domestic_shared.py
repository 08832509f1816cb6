"""What the domestic tests of every tier share (test_domestic*.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from figures_shared import DOMESTIC, LABELS, written
from figures_shared import FACTS as FACTS  # re-exported, as mark
from figures_shared import mark as mark

ROWS = DOMESTIC
WORDS = LABELS["models"]


def cell(key: str | None) -> str:
    """A figure as the table writes it, as the charts do (a parameter count without its
    unit, which the heading names, 約 when the data rounds it; then the status mark),
    or the table's word for none."""
    return WORDS["none"] if key is None else written(key)


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
