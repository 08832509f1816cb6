"""What a chart reads: the facts, the rows of ``models:`` and the words of its
edition's language, with the book's formatting (``ChartData``); and what a chart
is (``Chart``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError

from book.core.facts import edition_labels, facts_data, mark_text, punctuation
from book.core.models import models_of
from book.data.book_numbers import format_large
from book.data.facts_file import Fact, format_value

from .style import TEXT_SIZE


class ChartData:
    """Facts and words for one chart, from the data this build loaded, with the book's
    formatting."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self.language = env.config.language
        self.facts = facts_data(env).facts
        self.labels = edition_labels(env)

    @functools.cached_property
    def models(self) -> list[Any]:
        """The rows of ``models:`` (Japan's foundation models), for the charts of them."""
        return models_of(self.env)

    def keys(self, chart: Chart) -> tuple[str, ...]:
        """Every fact ``chart`` shows (``chart_keys``)."""
        return chart_keys(chart, self.facts, self.models if chart.from_models else None)

    def value(self, key: str) -> float:
        return float(self.facts[key].value)

    def text(self, key: str) -> str:
        """The value as readers see it in the prose (``40件``, ``1091億ドル``)."""
        return format_value(self.facts[key], self.labels)

    def common(self) -> dict[str, Any]:
        """The words every chart shares (``charts: common:``)."""
        return self.labels["charts"]["common"]

    def status_mark(self, status: str) -> str:
        """The mark of a status as the prose shows it after a value (``［報道］``,
        `` [reported]``: the edition's punctuation); nothing for confirmed."""
        text = mark_text(self.labels, status)
        return punctuation(self.labels)["mark-space"] + text if text else ""

    def mark(self, key: str) -> str:
        """The status mark of a fact (``［報道］``) as the prose shows it after the value."""
        return self.status_mark(self.facts[key].status)

    def marked(self, key: str) -> str:
        """The value with its status mark (``59件［報道］``)."""
        return self.text(key) + self.mark(key)

    def alt(self, chart: str, keys: Any = (), **fields: Any) -> str:
        """The chart's alt text (its words' ``alt`` filled with ``fields``) and what the
        marks used among ``keys`` mean (``［報道］は報道ベースの値。``), where the mark
        alone would be cryptic."""
        note, statuses = self.common()["marks-note"], self.labels["statuses"]
        used = dict.fromkeys(self.facts[k].status for k in keys if self.mark(k))
        notes = [
            note.format(mark=self.status_mark(s).strip(), word=statuses[s]["word"]) for s in used
        ]
        return (self.words(chart)["alt"].format(**fields) + "".join(notes)).strip()

    def previous(self, key: str) -> str:
        """The same measure in the report's previous edition (``previous_edition``)."""
        older = self.facts[key].previous_edition
        if not older:
            raise ExtensionError(f"charts: fact '{key}' has no previous_edition (data/facts.yaml)")
        return older

    def words(self, chart: str) -> dict[str, Any]:
        """The reader-facing words of one chart (data/labels.yaml ``charts:``)."""
        return self.labels["charts"][chart]

    def count(self, number: float) -> str:
        """A bare count as the edition writes it (``7000億``, ``700 billion``)."""
        return format_large(number, self.labels)

    def size(self, key: str) -> str:
        """A parameter count as the charts write it (``約470億``), with its mark: 約 /
        "about" when the data calls it approximate (``about: true``)."""
        text = self.count(self.value(key))
        if self.facts[key].about:
            text = self.common()["approx"].format(n=text)
        return text + self.mark(key)

    def join(self, parts: list[str]) -> str:
        """Parts of a sentence in a list (``、`` / ``; ``)."""
        return self.common()["separator"].join(parts)


@dataclass(frozen=True)
class Chart:
    keys: tuple[str, ...]  # facts drawn (and listed as used)
    caption: Callable[[ChartData], str]
    alt: Callable[[ChartData], str]
    draw: Callable[[Any, ChartData, dict[str, str]], None]  # (figure, data, colours)
    # (item, fact key) for every figure drawn, in the chart's order: its CSV file
    # and its "view as table" block (_ext/book/outputs/data_files.py).
    rows: Callable[[ChartData], list[tuple[str, str]]]
    # Inches: narrow, for a 375 px phone (a chart laid out by hand sets its height).
    size: tuple[float, float]
    # Width on paper (LaTeX): a tall chart drawn narrow, so that it stays readable
    # on a phone, would fill more than a page at the full line width.
    paper_width: str = r"0.7\linewidth"
    text_pt: float = TEXT_SIZE  # the size of its text (its values, dates), in points
    # Also the facts that ``keys`` supersede (a chart of two editions side by side).
    with_previous: bool = False
    # Drawn from the rows of ``models:``: the facts shown are theirs (``keys`` empty).
    from_models: bool = False

    @property
    def max_width(self) -> str:
        """Its largest width on screen and in the EPUB (CSS): where its text is as large
        as the page's (1rem, 16 px); it grows with the column up to that width."""
        return f"{self.size[0] * 72 / self.text_pt:.2f}rem"


def model_keys(models: list[Any]) -> tuple[str, ...]:
    """The facts a chart of ``models:`` shows: total and active parameters."""
    return tuple(dict.fromkeys(k for m in models for k in (m.params, m.active) if k))


def chart_keys(
    chart: Chart, facts: dict[str, Fact], models: list[Any] | None = None
) -> tuple[str, ...]:
    """Every fact a chart shows: its keys, each preceded by the same measure in the
    report's previous edition when the chart shows two editions; for a chart drawn from
    ``models:``, the facts of the rows (``models``)."""
    if chart.from_models:
        return model_keys(models)  # type: ignore[arg-type]  # always given for these
    keys: list[str] = []
    for key in chart.keys:
        fact = facts.get(key)
        if chart.with_previous and fact is not None and fact.previous_edition:
            keys.append(fact.previous_edition)
        keys.append(key)
    return tuple(dict.fromkeys(keys))
