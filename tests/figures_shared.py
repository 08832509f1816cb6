"""What the figures tests of every tier share (test_figures*.py)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from book.core.facts import FACTS_DATA
from book.core.models import MODELS_DATA
from book.data import models_file
from book.data.book_numbers import format_date, format_large_en, format_large_ja
from book.data.facts_file import format_value
from book.features import charts
from helpers import book_facts

FACTS = book_facts()
LABELS = FACTS.labels["ja"]
LABELS_EN = FACTS.labels["en"]
# The charts' typeface in the PDF: the book's own Gothic (charts/paper_font.py).
CHART_FONT = "HaranoAjiGothic"


def text(key: str) -> str:
    return format_value(FACTS.facts[key], LABELS)


def value(key: str) -> float:
    return float(FACTS.facts[key].value)


def mark(key: str) -> str:
    """The status mark the prose puts after a reported or unverified value."""
    word = LABELS["statuses"][FACTS.facts[key].status]["mark"]
    return f"［{word}］" if word else ""


def marked(key: str) -> str:
    return text(key) + mark(key)


def previous(key: str) -> str:
    """The same measure in the report's previous edition (AI Index 2026 -> 2025)."""
    older = FACTS.facts[key].previous_edition
    assert older, f"{key} has no previous_edition"
    return older


def shown(key: str) -> str:
    """A fact as the charts write it: parameter counts without their unit."""
    fact = FACTS.facts[key]
    if fact.unit == "params":
        return format_large_ja(float(fact.value))
    return text(key)


# The AI Index facts of 2025 (AI Index 2026); the 2024 ones are their previous_edition.
MODELS_2025 = ["aiindex26-models-us", "aiindex26-models-cn"]
LAUNCH_2025 = ["aiindex26-models-us-launch", "aiindex26-models-cn-launch"]
INVEST_2025 = ["aiindex26-invest-us", "aiindex26-invest-cn", "aiindex26-invest-uk"]
# The GENIAC time line: (date fact, count fact or None), in the order of the dates.
TIMELINE = [
    ("geniac-first-round-date", "geniac-first-round"),
    ("geniac-round-2-start", "geniac-round-2-projects"),
    ("geniac-prize-date", None),
    ("meti-support-date", None),
    ("geniac-round-3-date", "companies-24"),
    ("rakuten-ai-3-date", None),
    ("rakuten-ai-3-open", None),
    ("geniac-round-4-date", "geniac-round-4-projects"),
    ("national-model-award-date", None),
]
TIMELINE_WORDS = LABELS["charts"]["geniac-timeline"]
# Japan's foundation models (data/facts.yaml "models:") and the words of their chart.
DOMESTIC = models_file.load_models(FACTS).rows
DOMESTIC_WORDS = LABELS["charts"]["domestic-models"]


def log_axis(svg) -> Callable[[float], float]:
    """Where a value stands on a chart's log axis (read from its 億/兆 ticks)."""
    ticks = {}
    for tick in svg.find_all("g", id=re.compile(r"xtick_\d+$")):
        label = tick.find("text").get_text()
        number = float(re.match(r"\d+", label).group()) * (1e8 if "億" in label else 1e12)
        ticks[math.log10(number)] = float(tick.find("use")["x"])
    (l0, x0), (l1, x1) = min(ticks.items()), max(ticks.items())
    return lambda v: x0 + (math.log10(v) - l0) * (x1 - x0) / (l1 - l0)


def about(key: str) -> str:
    """A parameter count as the charts write it: 約 when the data's label says so."""
    return ("約" if FACTS.facts[key].about else "") + shown(key)


def ratio(a: str, b: str) -> str:
    """Rounded here independently of the book's code."""
    return f"約{round(value(a) / value(b))}倍"


# The labels each chart must show, from the data (names are words, not figures).
def expected_labels(name: str) -> list[str]:
    years = [text(previous("aiindex26-year")), text("aiindex26-year")]
    if name == "models-by-region":
        # each edition a group named by its edition and year
        return (
            [
                "米国",
                "中国",
                *(f"AI Index {y}（{t}の数）" for y, t in zip(("2025", "2026"), years, strict=True)),
            ]
            + [marked(k) for k in MODELS_2025 + [previous(k) for k in MODELS_2025]]
            + [marked(k) for k in LAUNCH_2025]
        )
    if name == "private-investment":
        us, cn = INVEST_2025[:2]
        return (
            ["米国", "中国", "英国"]
            + [f"AI Index {y}（{t}の額）" for y, t in zip(("2025", "2026"), years, strict=True)]
            + [marked(k) for k in INVEST_2025 + [previous(k) for k in INVEST_2025]]
            # the US as a multiple of China, in each year
            + [ratio(previous(us), previous(cn)), ratio(us, cn)]
        )
    if name == "benchmark-gap":
        keys = [
            "aiindex-gap-mmlu-2023",
            "aiindex-gap-mmlu-2024",
            "aiindex-gap-humaneval-2023",
            "aiindex-gap-humaneval-2024",
        ]
        return (
            ["MMLU", "HumanEval"]
            + [text(k) for k in keys]
            + [format_date(FACTS.facts[k].as_of, LABELS) for k in keys[:2]]
        )
    if name == "rakuten-models":
        return [
            "Rakuten AI 7B",
            "Rakuten AI 2.0",
            "Rakuten AI 2.0 mini",
            "Rakuten AI 3.0",
            "目標の規模",
            shown("rakuten-ai-7b-params"),
            # the model card's total (約: the data calls it approximate)
            f"約{shown('rakuten-ai-2-params')}（働くのは{shown('rakuten-ai-2-active')}）",
            shown("prior-1-5b"),
            shown("target-params"),
            f"{shown('rakuten-ai-3-params-card')}（働くのは{shown('rakuten-ai-3-active-card')}）",
            "対数目盛",
        ]
    if name == "domestic-models":
        labels = [DOMESTIC_WORDS[t] for t in {m.training for m in DOMESTIC}]
        for model in DOMESTIC:
            labels.append(
                DOMESTIC_WORDS["row"].format(
                    name=model.name, training=DOMESTIC_WORDS[model.training]
                )
            )
            total = about(model.params) + mark(model.params)
            if model.active:
                active = about(model.active) + mark(model.active)
                labels.append(DOMESTIC_WORDS["size-moe"].format(total=total, active=active))
            else:
                labels.append(DOMESTIC_WORDS["size"].format(total=total))
        return labels
    if name == "geniac-timeline":
        labels = [TIMELINE_WORDS["geniac"], TIMELINE_WORDS["rakuten"]]
        for date, count in TIMELINE:
            labels += [marked(date), TIMELINE_WORDS["events"][date]]
            if count:
                labels.append(marked(count))
        return labels
    raise AssertionError(name)


CHART_NAMES = sorted(charts.CHARTS)


def en(key: str) -> str:
    return format_value(FACTS.facts[key], LABELS_EN)


def en_mark(key: str) -> str:
    word = LABELS_EN["statuses"][FACTS.facts[key].status]["mark"]
    return f" [{word}]" if word else ""


def en_marked(key: str) -> str:
    return en(key) + en_mark(key)


def en_size(key: str) -> str:
    """A parameter count as the English charts write it (``about 47 billion``)."""
    about = "about " if FACTS.facts[key].about else ""
    return about + format_large_en(value(key)) + en_mark(key)


# What each English chart must show, written out here (hand-checked words and the
# data's figures in English style).
def expected_labels_en(name: str) -> list[str]:
    years = [en(previous("aiindex26-year")), en("aiindex26-year")]
    if name == "models-by-region":
        return (
            ["US", "China", f"AI Index 2025 (counts for {years[0]})"]
            + [f"AI Index 2026 (counts for {years[1]})"]
            + [en_marked(previous(k)) for k in MODELS_2025]
            + [
                f"{en_marked(k)} ({en_marked(launch)} at launch)"
                for k, launch in zip(MODELS_2025, LAUNCH_2025, strict=True)
            ]
        )
    if name == "private-investment":
        us, cn = INVEST_2025[:2]
        times = [round(value(a) / value(b)) for a, b in ((previous(us), previous(cn)), (us, cn))]
        return (
            ["US", "China", "UK"]
            + [en_marked(k) for k in INVEST_2025 + [previous(k) for k in INVEST_2025]]
            + [f"(US: about {t} times this)" for t in times]
        )
    if name == "benchmark-gap":
        keys = [
            "aiindex-gap-mmlu-2023",
            "aiindex-gap-mmlu-2024",
            "aiindex-gap-humaneval-2023",
            "aiindex-gap-humaneval-2024",
        ]
        return ["MMLU", "HumanEval", "end of 2023", "end of 2024"] + [en(k) for k in keys]
    if name == "rakuten-models":
        return [
            "Rakuten AI 7B",
            "Rakuten AI 2.0 mini",
            "Target size",
            "7 billion",
            "about 47 billion (13 billion active)",
            "1.5 billion",
            "700 billion",
            "671 billion (37 billion active)",
            "log scale",
        ]
    if name == "domestic-models":
        labels = []
        for model in DOMESTIC:
            training = LABELS_EN["charts"]["domestic-models"][model.training]
            labels += [f"{model.name} ({training})", en_size(model.params)]
            if model.active:
                labels.append(f"({en_size(model.active)} active)")
        return labels
    if name == "geniac-timeline":
        words = LABELS_EN["charts"]["geniac-timeline"]
        labels = [words["geniac"], words["rakuten"]]
        for date, count in TIMELINE:
            labels += [en_marked(date), words["events"][date]]
            if count:
                labels.append(en_marked(count))
        return labels
    raise AssertionError(name)


# -- Reproducible and cached -----------------------------------------------------------


def fake_env(doctreedir: Path, facts=FACTS, language: str = "ja") -> SimpleNamespace:
    """What the drawing code reads from the build environment: the data and the
    models' rows (kept as the core keeps them), the language, the cache dir."""
    env = SimpleNamespace(config=SimpleNamespace(language=language), doctreedir=str(doctreedir))
    FACTS_DATA.keep(env, facts)
    models = models_file.load_models(facts, language)
    MODELS_DATA.keep(env, models)
    return env
