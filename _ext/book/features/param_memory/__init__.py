"""The parameter explainer, computed from the data file: the weights' memory and the
GPUs that hold them, training compute (``tables``), the same figures in running text
(``roles``) and a calculator for the web (``calculator``).  Every figure comes from
``data/facts.yaml`` and every word from data/labels.yaml.

Units: byte sizes are decimal (1 GB = 10^9 bytes).  A GPU's memory is what its driver
reports (81,559 MiB for the H100, about 85.5 GB): the "80GB" of its name is nearer
80 GiB, and 80 × 10^9 bytes would ask for one H100 too many.  Memory is rounded to three
significant figures, counts to four, compute to two, halves up, with only + − × ÷ and
``floor`` so that Python and JavaScript give the same text (tests/test_calculator.py)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from book.core import edition_words
from book.core.node_writers import add_node
from book.core.page_assets import add_assets_where

from .calculator import ParamCalculator, calculator_node, visit_calculator_html
from .model import RECORDS
from .roles import ROLES
from .tables import (
    ParamMemoryTable,
    ParamSummaryTable,
    PlainSpacesOffline,
    TrainingCompute,
    UniqueTableIds,
)


def setup(app: Sphinx) -> dict[str, Any]:
    # every word of the tables and the calculator in the edition's language
    edition_words.require(app, "param-tables", "calculator")
    add_node(app, calculator_node, html=(visit_calculator_html, None))
    app.add_directive("param-memory-table", ParamMemoryTable)
    app.add_directive("param-summary-table", ParamSummaryTable)
    for name, role in ROLES.items():
        app.add_role(name, role)
    app.add_directive("training-compute", TrainingCompute)
    app.add_directive("param-calculator", ParamCalculator)
    # The calculator's script and style on its page only.
    add_assets_where(
        app, calculator_node, css=("param-calculator.css",), js=("param-calculator.js",)
    )
    app.add_post_transform(UniqueTableIds)
    app.add_post_transform(PlainSpacesOffline)
    RECORDS.connect(app)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
