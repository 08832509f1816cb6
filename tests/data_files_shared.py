"""What the data files tests of every tier share (test_data_files*.py)."""

from __future__ import annotations

from figures_shared import CHART_NAMES as CHART_NAMES  # re-exported, as FACTS
from figures_shared import FACTS as FACTS
from figures_shared import LABELS

WORDS = LABELS["data-files"]
# The generated tables: their ids (their CSV's name) and the page showing them.
TABLES = {
    "table-run-summary": "parameters",
    "table-weights-memory": "parameters",
    "table-gpus-needed": "parameters",
    "table-training-compute": "parameters",
    "table-domestic-models": "domestic",
}
