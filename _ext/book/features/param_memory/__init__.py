"""The parameter explainer, computed from the data file: tables and a calculator.

Directives (all figures come from ``data/facts.yaml``; nothing is typed in a page,
and every word comes from data/labels.yaml ``param-tables`` and ``calculator`` in
the edition's language):

``{param-memory-table}``
    Two numbered tables: the memory the *weights alone* take for the target
    model and the comparison models at FP32 / BF16 / FP8 / INT4, with each model's
    size relative to Rakuten AI 2.0 mini; and the minimum number of H100 and H200
    GPUs that can hold those weights.  Every assumption is listed under them.
``{param-summary-table}``
    The chapter's short answer: for Rakuten AI 3.0, the target and two models to
    compare, the weights' memory in BF16 and FP8 and the fewest H100 and H200 that
    hold them, with a few plain notes.  ``{param-memory-table}`` is the full grid
    (the chapter's appendix).
``{weights-size}`model precision```, ``{gpus-needed}`model precision gpu```, ``{gpu-capacity}`gpu```
    The same figures in running text (``roles``).
``{training-compute}``
    A numbered table of the order-of-magnitude training compute C ≈ 6·N·D,
    stating N and D for each line, with its assumptions.
``{param-calculator}``
    The calculator of ``_static/param-calculator.js`` (web site only; the PDF and
    the EPUB show the tables), its markup ``_templates/param-calculator.html``.
    Its constants and words (bytes per number format, GPU memory in MiB and the
    bytes of a MiB, units, count words, limits, messages) are written into the
    page as JSON, so the script types neither a figure nor a word; its formula is
    ``model``'s and its rounding _ext/book/data/book_numbers.py's, step for step
    (``tests/test_calculator.py`` runs both on one grid, in both editions).
    Accepted input: a number (``700000000000``, ``1.5``), with thousands commas or
    spaces, in exponent form (``7e11``), followed by k / M / B / T or the
    edition's count words (万・億・兆; thousand, million, billion, trillion), then
    optionally by the edition's word for parameters; full-width digits and
    letters are read as ASCII.  Empty, unreadable, negative, below ``MIN_PARAMS``
    or above ``MAX_PARAMS`` input gets a message in the edition's language.

Units: every byte size is decimal, 1 GB = 10^9 bytes and 1 TB = 10^12 bytes
(weights and capacities alike); counts in the edition's words.  A GPU's memory is
the capacity its driver reports (nvidia-smi: 81,559 MiB for the H100, 1 MiB = 2^20
bytes, so about 85.5 GB), named by its product label ("H100（80GB）"): the "80GB"
of the name is nearer 80 GiB than 80 × 10^9 bytes, and counting it as 80 × 10^9
bytes would ask for one H100 too many (18 instead of 17 for 1.4 TB).  Memory is
rounded to three significant figures, parameter counts to four, compute to two;
halves round up (only + − × ÷ and ``floor`` on IEEE doubles, so that Python and
JavaScript give the same text; see _ext/book/data/book_numbers.py).

The package, by concern: ``model`` (constants, formula, reading the data),
``tables`` (the two table directives and their notes), ``calculator`` (the
calculator's directive, constants and markup), ``rebuild`` (which pages to re-read).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from book.core import edition_words
from book.core.node_writers import add_node
from book.core.page_assets import add_assets_where

from .calculator import (
    ParamCalculator,
    calculator_constants,
    calculator_node,
    visit_calculator_html,
)
from .model import (
    BYTES_PER_MIB,
    GPUS,
    MAX_PARAMS,
    MIN_PARAMS,
    MODELS,
    PRECISIONS,
    SIGNIFICANT_BYTES,
    SIGNIFICANT_COUNT,
    SUMMARY_MODELS,
    SUMMARY_PRECISIONS,
    TARGET,
    gpu,
    gpu_bytes,
    gpus_needed,
    precision,
    scientific,
    weights_bytes,
)
from .rebuild import RECORDS
from .roles import ROLES
from .tables import (
    ParamMemoryTable,
    ParamSummaryTable,
    PlainSpacesOffline,
    TrainingCompute,
    UniqueTableIds,
)

__all__ = [
    "BYTES_PER_MIB",
    "GPUS",
    "MAX_PARAMS",
    "MIN_PARAMS",
    "MODELS",
    "PRECISIONS",
    "SIGNIFICANT_BYTES",
    "SIGNIFICANT_COUNT",
    "SUMMARY_MODELS",
    "SUMMARY_PRECISIONS",
    "TARGET",
    "calculator_constants",
    "gpu",
    "gpu_bytes",
    "gpus_needed",
    "precision",
    "scientific",
    "weights_bytes",
]


def setup(app: Sphinx) -> dict[str, Any]:
    # after facts has read the words (set up first): every word of
    # the tables and the calculator in the edition's language (_ext/book/core/edition_words.py)
    edition_words.require(app, "param-tables", "calculator")
    add_node(app, calculator_node, html=(visit_calculator_html, None))
    app.add_directive("param-memory-table", ParamMemoryTable)
    app.add_directive("param-summary-table", ParamSummaryTable)
    for name, role in ROLES.items():
        app.add_role(name, role())
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
