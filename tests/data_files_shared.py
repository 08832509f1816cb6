"""What the data files tests of every tier share (test_data_files*.py)."""

from __future__ import annotations

from book.features import charts
from helpers import book_facts

FACTS = book_facts()
LABELS = FACTS.labels["ja"]
WORDS = LABELS["data-files"]
CHART_NAMES = sorted(charts.CHARTS)
# The generated tables: their ids (their CSV's name) and the page showing them.
TABLES = {
    "table-run-summary": "parameters",
    "table-weights-memory": "parameters",
    "table-gpus-needed": "parameters",
    "table-training-compute": "parameters",
    "table-domestic-models": "domestic",
}
