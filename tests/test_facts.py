"""The facts' figures, ratios and dates as each edition's readers read them (book.data)."""

from __future__ import annotations

import pytest
from book.data import facts_file as facts
from book.data.book_numbers import format_ratio
from helpers import EDITION_FACTS, book_facts, data_yaml

ALL_LABELS = data_yaml("labels")
LABELS = ALL_LABELS["ja"]
LABELS_EN = ALL_LABELS["en"]


def fact(value: object, unit: str, **more: object) -> facts.Fact:
    fields = dict(label="l", as_of="2025", checked="2026-11-28", sources=["s"], status="confirmed")
    return facts.Fact(key="k", value=value, unit=unit, **fields, **more)


@pytest.mark.parametrize(
    ("language", "value", "unit", "text"),
    [
        ("ja", 700_000_000_000, "params", "7000億パラメータ"),
        ("ja", 1_500_000_000, "params", "15億パラメータ"),
        ("ja", 109_100_000_000, "usd", "1091億ドル"),
        ("ja", 9_300_000_000, "usd", "93億ドル"),
        ("ja", 29_000_000_000, "jpy", "290億円"),
        ("ja", 14_800_000_000_000, "tokens", "14.8兆トークン"),
        ("ja", 24, "companies", "24社"),
        ("ja", 0.3, "points", "0.3ポイント"),
        ("ja", 0.5, "bytes", "0.5バイト"),
        ("ja", 141, "gb", "141 GB"),
        ("ja", "2024-02", "month", "2024年2月"),
        ("ja", "2025-12-18", "day", "2025年12月18日"),
        ("ja", 2023, "fiscal-year", "2023年度"),
        ("en", 700_000_000_000, "params", "700 billion parameters"),
        ("en", 1_500_000_000, "params", "1.5 billion parameters"),
        ("en", 109_100_000_000, "usd", "$109.1 billion"),
        ("en", 29_000_000_000, "jpy", "¥29 billion"),
        ("en", 14_800_000_000_000, "tokens", "14.8 trillion tokens"),
        ("en", 100_000_000, "people-over", "more than 100 million people"),
        ("en", 24, "companies", "24 companies"),
        ("en", 1, "organisations", "1 organisation"),
        ("en", 2048, "gpus", "2,048 GPUs"),
        ("en", 2_788_000, "gpu-hours", "2.788 million GPU hours"),
        ("en", 0.3, "points", "0.3 percentage points"),
        ("en", 1, "bytes", "1 byte"),
        ("en", 141, "gb", "141 GB"),
        ("en", 81559, "mib", "81,559 MiB"),
        ("en", 3, "term", "round 3"),
        ("en", "2024-02", "month", "February 2024"),
        ("en", "2025-12-18", "day", "18 December 2025"),
        ("en", 2023, "fiscal-year", "fiscal year 2023"),
        ("en", 2025, "year", "2025"),
    ],
)
def test_values_are_written_for_the_editions_readers(
    language: str, value: object, unit: str, text: str
) -> None:
    assert facts.format_value(fact(value, unit), ALL_LABELS[language]) == text


def test_an_approximate_date_says_so_in_both_editions() -> None:
    approx = fact("2025-07-14", "day", approx=True)
    assert facts.format_value(approx, LABELS) == "2025年7月14日ごろ"
    assert facts.format_value(approx, LABELS_EN) == "around 14 July 2025"
    assert facts.format_date("2024", LABELS_EN) == "2024"


@pytest.mark.parametrize(
    ("language", "a", "b", "text"),
    [
        ("ja", 109.1e9, 9.3e9, "約12倍"),
        ("ja", 109.1e9, 4.5e9, "約24倍"),
        ("ja", 700e9, 1.5e9, "約467倍"),
        ("ja", 40, 20, "2倍"),
        ("ja", 3, 2, "1.5倍"),
        ("en", 109.1e9, 9.3e9, "about 12 times"),
        ("en", 700e9, 1.5e9, "about 467 times"),
        ("en", 40, 20, "2 times"),
        ("en", 3, 2, "1.5 times"),
    ],
)
def test_ratios_are_computed_and_rounded(language: str, a: float, b: float, text: str) -> None:
    assert format_ratio(a, b, ALL_LABELS[language]) == text


def test_the_data_file_is_valid() -> None:
    data = book_facts()
    assert data.errors == []
    assert len(data.facts) > 40 and all(f.sources for f in data.facts.values())


@pytest.mark.parametrize(
    ("language", "rounded", "exact"),
    [
        ("ja", "約470億パラメータ", "1720億パラメータ"),
        ("en", "about 47 billion parameters", "172 billion parameters"),
    ],
)
def test_about_is_said_by_the_data(language: str, rounded: str, exact: str) -> None:
    """A figure the sources round (about: true) reads 約 / "about" wherever its value
    is formatted (the text, tables, the sources page, facts.json and facts.csv);
    an exact one does not."""
    data = EDITION_FACTS[language]
    labels = data.labels[language]
    assert data.facts["rakuten-ai-2-params"].about
    assert facts.format_value(data.facts["rakuten-ai-2-params"], labels) == rounded
    assert facts.format_value(data.facts["jp-llmjp3-params"], labels) == exact
