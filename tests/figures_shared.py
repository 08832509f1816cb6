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
from book.data.book_numbers import format_large_en, format_large_ja
from book.data.facts_file import format_value
from book.features import charts
from bs4 import BeautifulSoup
from helpers import FACTS, soup, value

LABELS = FACTS.labels["ja"]
LABELS_EN = FACTS.labels["en"]
# The charts' typeface in the PDF: the book's own Gothic (charts/paper_font.py).
CHART_FONT = "HaranoAjiGothic"


def previous(key: str) -> str:
    """The same measure in the report's previous edition (AI Index 2026 -> 2025)."""
    older = FACTS.facts[key].previous_edition
    assert older, f"{key} has no previous_edition"
    return older


def mark(key: str, language: str = "ja") -> str:
    """The status mark the prose puts after a reported or unverified value."""
    word = FACTS.labels[language]["statuses"][FACTS.facts[key].status]["mark"]
    return "" if not word else f"［{word}］" if language == "ja" else f" [{word}]"


def written(key: str, language: str = "ja") -> str:
    """A fact as every chart writes it, from the data and the book's number style (not
    the charts' code): a parameter count bare (7000億, 700 billion) with 約 / "about"
    when the data rounds it, any other value as the prose writes it; then its mark."""
    fact = FACTS.facts[key]
    if fact.unit != "params":
        return format_value(fact, FACTS.labels[language]) + mark(key, language)
    count = (format_large_ja if language == "ja" else format_large_en)(value(key))
    about = ("約" if language == "ja" else "about ") if fact.about else ""
    return about + count + mark(key, language)


# The AI Index facts of 2025 (AI Index 2026); the 2024 ones are their previous_edition.
MODELS_2025 = ["aiindex26-models-us", "aiindex26-models-cn"]
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
# Japan's foundation models (data/facts.yaml "models:").
DOMESTIC = models_file.load_models(FACTS).rows
CHART_NAMES = sorted(charts.CHARTS)


def chart_keys(name: str) -> tuple[str, ...]:
    """Every fact a chart shows (the extension's list, from the data)."""
    return charts.chart_keys(charts.CHARTS[name], FACTS.facts, DOMESTIC)


def log_axis(svg) -> Callable[[float], float]:
    """Where a value stands on a chart's log axis (read from its 億/兆 ticks)."""
    ticks = {}
    for tick in svg.find_all("g", id=re.compile(r"xtick_\d+$")):
        label = tick.find("text").get_text()
        number = float(re.match(r"\d+", label).group()) * (1e8 if "億" in label else 1e12)
        ticks[math.log10(number)] = float(tick.find("use")["x"])
    (l0, x0), (l1, x1) = min(ticks.items()), max(ticks.items())
    return lambda v: x0 + (math.log10(v) - l0) * (x1 - x0) / (l1 - l0)


def charts_on(pages: dict[str, str]) -> dict[str, BeautifulSoup]:
    """Chart name -> the parsed page of ``pages`` (an edition's) that shows it."""
    found = {}
    for name in charts.CHARTS:
        html = next((html for html in pages.values() if f'id="fig-{name}"' in html), None)
        if html is not None:
            found[name] = soup(html)
    return found


def figure(chart_pages: dict[str, BeautifulSoup], name: str):
    assert name in chart_pages, f"no page shows the chart {name} (```{{chart}} {name}```)"
    fig = chart_pages[name].find(id=f"fig-{name}")
    assert fig is not None and fig.name == "figure"
    return fig


def svg_texts(drawing) -> list[str]:
    """The labels of a chart's drawing (its SVG's ``<text>``, in a figure or the SVG), in order."""
    return [t.get_text() for t in drawing.find_all("text")]


# -- Reproducible and cached -----------------------------------------------------------


def fake_env(doctreedir: Path, facts=FACTS, language: str = "ja") -> SimpleNamespace:
    """What the drawing code reads from the build environment: the data and the
    models' rows (kept as the core keeps them), the language, the cache dir."""
    env = SimpleNamespace(config=SimpleNamespace(language=language), doctreedir=str(doctreedir))
    FACTS_DATA.keep(env, facts)
    models = models_file.load_models(facts, language)
    MODELS_DATA.keep(env, models)
    return env
