"""What the calculator tests of every tier share (test_calculator*.py)."""

from __future__ import annotations

import math
from fractions import Fraction

from book.data import book_numbers as bn
from book.data.facts_file import format_value
from book.data.schema import JAPANESE as JAPANESE  # re-exported
from book.features.param_memory import model as pm
from helpers import FACTS
from helpers import value as value  # re-exported

LABELS = FACTS.labels["ja"]
LABELS_EN = FACTS.labels["en"]
MIB = 2**20


def fmt_bytes(size: float, labels: dict = LABELS) -> str:
    return bn.format_bytes(size, labels, pm.SIGNIFICANT_BYTES)


def fmt_count(count: float, labels: dict = LABELS) -> str:
    return bn.format_count_sig(count, labels, pm.SIGNIFICANT_COUNT)


def model_name(key: str, labels: dict = LABELS) -> str:
    return labels["param-tables"]["models"][key]


def fact_text(key: str) -> str:
    """A fact as the book writes it ("81,559 MiB", "278.8万 GPU時間")."""
    return format_value(FACTS.facts[key], LABELS)


def gpu_capacity(gpu_id: str) -> int:
    """The driver's capacity in bytes, exactly (an integer, not a float)."""
    mib_key = next(k for gid, _, _, k in pm.GPUS if gid == gpu_id)
    return int(FACTS.facts[mib_key].value) * MIB


def gpu_label_bytes(gpu_id: str) -> int:
    """The product label read as decimal GB ("80GB" -> 80 × 10^9): the old, wrong count."""
    label_key = next(k for gid, _, k, _ in pm.GPUS if gid == gpu_id)
    return int(FACTS.facts[label_key].value) * 10**9


def exact_weights(params_key: str, bytes_key: str) -> Fraction:
    """A model's weights in bytes, exactly: its parameters × the format's bytes each,
    as the data writes them (no floats)."""
    facts = FACTS.facts
    return Fraction(str(facts[params_key].value)) * Fraction(str(facts[bytes_key].value))


def exact_gpus(weight_bytes: Fraction | int, capacity: int) -> int:
    """Ceiling of an exact quotient (no floats): the independent recomputation."""
    return math.ceil(Fraction(weight_bytes) / capacity)


def target_row_name(labels: dict = LABELS) -> str:
    return model_name(pm.TARGET, labels)
