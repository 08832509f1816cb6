"""What the data files tests of every tier share (test_data_files*.py)."""

from __future__ import annotations

from book.data import facts_file as facts
from book.features import charts
from conftest import ROOT

FACTS = facts.load_facts(
    ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml"
)
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
