"""The formula, its constants and the data it reads (no words here: they are in
data/labels.yaml ``param-tables`` and ``calculator``; the numbers are written by
_ext/book/data/book_numbers.py, mirrored by _static/param-calculator.js); and the
rebuilds: pages with the explainer's directives are re-read when this package, the
calculator's template, the data or its words change."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from book.core.facts import edition_labels, facts_data, note_use
from book.core.page_records import PageRecords
from book.data.book_numbers import (
    apply_unit,
    decimal_text,
    format_bytes,
    format_count_sig,
    format_sig,
    round_sig,
)
from book.data.paths import PROJECT

# Byte sizes are decimal (1 GB = 10^9 bytes).  A GPU's memory is the capacity its
# driver reports, in MiB (2^20 bytes): the H100 "80GB" has 81,559 MiB ≈ 85.5 GB.
BYTES_PER_MIB = 2**20
SIGNIFICANT_BYTES = 3
SIGNIFICANT_COUNT = 4
SIGNIFICANT_COMPUTE = 2
# The calculator's range: from one parameter to a thousand times the largest
# model discussed (10^15); beyond that the figures mean nothing.
MIN_PARAMS = 1
MAX_PARAMS = 10**15

# (id, name shown, fact with the bytes per parameter): names of number formats
# are the same in every language.
PRECISIONS = (
    ("fp32", "FP32", "bytes-fp32"),
    ("bf16", "BF16", "bytes-bf16"),
    ("fp8", "FP8", "bytes-fp8"),
    ("int4", "INT4", "bytes-int4"),
)
# (id, product name, fact with the product label in GB, fact with the capacity in MiB)
GPUS = (
    ("h100", "H100", "gpu-h100-memory", "gpu-h100-memory-mib"),
    ("h200", "H200", "gpu-h200-memory", "gpu-h200-memory-mib"),
)
GPU_FACTS = tuple(k for _, _, *keys in GPUS for k in keys)
# Rows of the tables, by the fact with the parameter count (their names:
# data/labels.yaml ``param-tables: models``).
MODELS = (
    "prior-1-5b",
    "rakuten-ai-7b-params",
    "rakuten-ai-2-params",
    "gpt3-params",
    "llama-3-1-params",
    "deepseek-v3-params",
    "rakuten-ai-3-params-card",
    "target-params",
    "kimi-k2-params",
)
# The chapter's short table (``{param-summary-table}``): what it takes to run
# Rakuten AI 3.0, beside the target, a well-known model and a trillion-parameter
# open model, in the two number formats most used to run a model.  The full grid
# (every model, format and GPU) is ``{param-memory-table}``, in the appendix.
SUMMARY_MODELS = ("rakuten-ai-3-params-card", "target-params", "gpt3-params", "kimi-k2-params")
SUMMARY_PRECISIONS = ("bf16", "fp8")
# Rakuten AI 2.0's note: experts × the size its name gives ("8x7B") is more than the total.
MOE_NAME = "Rakuten AI 2.0"
MOE_NOTE = ("rakuten-ai-2-params", "rakuten-ai-2-experts", "rakuten-ai-2-expert-params")
RATIO_BASE = "prior-1-5b"
TARGET = "target-params"

# This package and the calculator's template, read once.
CODE = b"".join(
    p.read_bytes()
    for p in [
        *sorted(Path(__file__).parent.glob("*.py")),
        PROJECT / "_templates/param-calculator.html",
    ]
)


def _digest(env: BuildEnvironment) -> str:
    """What the tables and the calculator are made of: this code, the data, the language."""
    data = facts_data(env)
    h = hashlib.sha256(CODE + env.config.language.encode())
    for path in (data.path, data.labels_path):
        h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


# {docname: the digest its tables were made with}
RECORDS = PageRecords("param_memory_docs", is_stale=lambda env, made: made != _digest(env))


# The formula (mirrored by _static/param-calculator.js)
def weights_bytes(params: float, bytes_per_param: float) -> float:
    """Memory of the weights alone."""
    return float(params) * float(bytes_per_param)


def gpu_bytes(gpu_mib: float) -> float:
    """A GPU's capacity in bytes, from the MiB its driver reports (exact in a double)."""
    return float(gpu_mib) * BYTES_PER_MIB


def gpus_needed(weight_bytes: float, gpu_mib: float) -> int:
    """The fewest GPUs whose memory together holds the weights (rounded up)."""
    return math.ceil(weight_bytes / gpu_bytes(gpu_mib))


def scientific(x: float, digits: int) -> tuple[str, int]:
    """(mantissa, exponent) with 1 <= mantissa < 10: 3.2856e24 -> ('3.3', 24)."""
    n, k = round_sig(x, digits)
    places = len(str(n)) - 1
    return decimal_text(n, -places), places + k


# Reading the data, in the edition's language
def value(env: Any, key: str) -> float:
    return float(facts_data(env).facts[key].value)


def require(
    directive: SphinxDirective, keys: Iterable[str], claims: Iterable[str] = ()
) -> list[str]:
    """Every fact a directive needs (each once, in order), with a value, then the claims
    (facts without a figure) it cites; each counts as used by the page."""
    keys, claims = list(dict.fromkeys(keys)), list(claims)
    facts = facts_data(directive.env).facts
    missing = [k for k in keys if k not in facts or facts[k].value is None]
    missing += [k for k in claims if k not in facts]
    if missing:
        raise directive.error(
            f"{directive.name} needs the fact(s) {', '.join(missing)} "
            "with a value in data/facts.yaml"
        )
    keys += claims
    note_uses(directive.env, keys)
    return keys


def note_uses(env: BuildEnvironment, keys: Iterable[str]) -> None:
    """The facts the page being read uses, and what its figures are made of."""
    for key in keys:
        note_use(env, key)
    RECORDS.note(env, _digest(env))


def precision(key: str) -> tuple[str, str, str]:
    """A number format by its id ("bf16"): (id, name, fact with its bytes)."""
    return next(p for p in PRECISIONS if p[0] == key)


def count_text(labels: dict[str, Any], count: float) -> str:
    """A computed count, four significant figures: ``7000億`` / ``700 billion``."""
    return format_count_sig(count, labels, SIGNIFICANT_COUNT)


def bytes_text(labels: dict[str, Any], size: float) -> str:
    """A computed size, three significant figures: ``1.4 TB``."""
    return format_bytes(size, labels, SIGNIFICANT_BYTES)


def per_param_text(env: Any, key: str) -> str:
    """Bytes per parameter with their word: ``2バイト`` / ``2 bytes``."""
    return apply_unit(edition_labels(env), "bytes", format_sig(value(env, key), SIGNIFICANT_BYTES))


def gpu_name(env: Any, label: str, label_key: str) -> str:
    """A GPU by its product label, as NVIDIA writes it: "H100（80GB）"."""
    words = edition_labels(env)["param-tables"]
    return words["gpu-name"].format(gpu=label, gb=format_sig(value(env, label_key), 4))


def gpu_capacity_text(env: Any, mib_key: str) -> str:
    """The driver's capacity in decimal units: 81,559 MiB -> "85.5 GB"."""
    return bytes_text(edition_labels(env), gpu_bytes(value(env, mib_key)))


def unit_text(env: Any, unit: str, size: int) -> str:
    """'1 GB = 10億バイト' / '1 GB = 1 billion bytes' (``size``: the unit in bytes)."""
    labels = edition_labels(env)
    number = apply_unit(labels, "bytes", count_text(labels, size))
    return labels["param-tables"]["unit"].format(unit=unit, bytes=number)
