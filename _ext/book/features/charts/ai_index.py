"""Charts of the Stanford AI Index: notable models and private investment by
region (each edition its own group of bars), and the US–China gap on two benchmarks.

Every word is in data/labels.yaml (``charts: models-by-region`` …), per language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from book.data.book_numbers import format_date, format_ratio

from .data import Chart, ChartData
from .style import BLUE, INK_SENTINEL, VERMILLION, legend_above

# Layout of the three bar charts, in points: narrow, so that on a 375 px phone their
# text is 11 px or more; each bar's value on its own line above the bar, each group
# (a region, a benchmark) named above its bars.
BARS_WIDTH_IN = 4.5  # the height follows the bars (draw_bar_groups)
BARS_TEXT_SIZE = 10.5
BARS_LINE_PT = 14.0  # a line of text
BARS_BAR_PT = 11.0  # a bar's thickness
BARS_GAP_PT = 10.0  # between two groups
BARS_LEGEND_LINE_PT = 15.0
# The series' looks, in order: colour, hatching, outline.  Colour *and* hatching: a
# grey printout keeps the difference; a third series is an outline in the ink colour
# (only two colours keep 3:1 contrast on both light and dark backgrounds).
LOOKS = ((BLUE, False, False), (VERMILLION, True, False), (BLUE, False, True))


def draw_bar_groups(
    fig: Any,
    colours: dict[str, str],
    groups: list[tuple[str, list[tuple[float, str]]]],
    series: list[str],
    marks: Callable[[Any, list[float], float], None] | None = None,
) -> None:
    """Horizontal bars in groups (``groups``: name, [(value, label) per series]): per
    group its name, then one bar per series (its label above it), the legend above
    (``series``: their names).  ``marks`` draws more on the axes (1 unit = 1 pt, y
    down), given each bar's centre (group by group) and the points per unit of value."""
    from matplotlib.lines import Line2D

    ink = colours[INK_SENTINEL]
    fig.set_layout_engine("none")
    width_pt = BARS_WIDTH_IN * 72
    legend_pt = BARS_LEGEND_LINE_PT * (len(series) + 1) + 6
    per_group = BARS_LINE_PT + len(series) * (BARS_LINE_PT + BARS_BAR_PT + 3) + BARS_GAP_PT
    content_pt = per_group * len(groups)
    height_pt = legend_pt + content_pt
    fig.set_size_inches(BARS_WIDTH_IN, height_pt / 72)
    ax = fig.add_axes((0, 0, 1, content_pt / height_pt))
    ax.set_axis_off()
    ax.set_xlim(0, width_pt)
    ax.set_ylim(content_pt, 0)
    scale = (width_pt - 4) / max(v for _, bars in groups for v, _ in bars)
    centres: list[list[float]] = [[] for _ in series]
    y = 0.0
    for name, bars in groups:
        ax.text(0, y + BARS_LINE_PT / 2, name, va="center", ha="left", fontweight="bold")
        y += BARS_LINE_PT
        for i, (_, label) in enumerate(bars):
            ax.text(1, y + BARS_LINE_PT / 2, label, va="center", ha="left")
            y += BARS_LINE_PT
            centres[i].append(y + BARS_BAR_PT / 2)
            y += BARS_BAR_PT + 3
        y += BARS_GAP_PT
    for i, (name, (colour, hatched, hollow)) in enumerate(
        zip(series, LOOKS[: len(series)], strict=True)
    ):
        ax.barh(
            centres[i],
            [bars[i][0] * scale for _, bars in groups],
            BARS_BAR_PT,
            left=0.5,
            color="none" if hollow else colour,
            label=name,
            **({"hatch": "///", "edgecolor": ink, "linewidth": 0} if hatched else {}),
            **({"edgecolor": ink, "linewidth": 1.2} if hollow else {}),
        )
    if marks:
        marks(ax, [c for i in range(len(groups)) for c in (s[i] for s in centres)], scale)
    # The legend above the bars, one entry a line: the series, then the range mark.
    entries = sorted(
        zip(*ax.get_legend_handles_labels(), strict=True),
        key=lambda entry: isinstance(entry[0], Line2D),
    )
    layout = {"borderaxespad": 0.2, "handletextpad": 0.5, "labelspacing": 0.3}
    legend_above(fig, entries, ink, ncols=1, fontsize=BARS_TEXT_SIZE, **layout)


# --- AI Index: each edition its own group --------------------------------------

# The rows of the two AI Index charts: a region's fact in AI Index 2026, named in
# data/labels.yaml; the same measure in AI Index 2025 is that fact's
# ``previous_edition``.  Each edition is a group of its own: the editions count anew
# (Epoch AI revises its database), so the chart never reads as one series.  Europe and
# Japan's 2025 investment have no figure in both editions: the prose states them.
YEAR_NEW = "aiindex26-year"
MODELS = ("aiindex26-models-us", "aiindex26-models-cn")
# The 2025 model counts differ between the report's text (drawn as the bar) and
# the launch coverage (drawn as a range mark and written in the label): neither
# is known to be the final one.
MODELS_LAUNCH = {
    "aiindex26-models-us": "aiindex26-models-us-launch",
    "aiindex26-models-cn": "aiindex26-models-cn-launch",
}
INVEST = ("aiindex26-invest-us", "aiindex26-invest-cn", "aiindex26-invest-uk")
# The ratio written next to the bars, per edition: the US as a multiple of China.
INVEST_RATIO = ("aiindex26-invest-us", "aiindex26-invest-cn")


def _years(d: ChartData) -> dict[str, str]:
    """The data years of the two editions (``2024年``, ``2025年``), as the words name
    them."""
    return {"before": d.text(d.previous(YEAR_NEW)), "after": d.text(YEAR_NEW)}


def _models_label(d: ChartData, key: str) -> str:
    """``59件［報道］（公開時の報道は50件［報道］）``: both 2025 counts, marked."""
    launch = MODELS_LAUNCH.get(key)
    if not launch:
        return d.marked(key)
    words = d.words("models-by-region")
    return words["with-launch"].format(count=d.marked(key), launch=d.marked(launch))


def _invest_label(d: ChartData, key: str) -> str:
    """``10億ドル（米国はこの約12倍）``: after China's value in either edition, the
    US's as its multiple."""
    base, other = INVEST_RATIO
    if key not in (other, d.previous(other)):
        return d.marked(key)
    if key != other:
        base = d.previous(base)
    ratio = format_ratio(d.value(base), d.value(key), d.labels)
    return d.marked(key) + d.words("private-investment")["ratio-note"].format(ratio=ratio)


@dataclass(frozen=True)
class Editions:
    """A chart of one measure by region (``rows``), each edition its own group."""

    chart: str
    rows: tuple[str, ...]
    label: Callable[[ChartData, str], str]  # a bar's value, as written beside it

    def groups(self, d: ChartData) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """Per edition, the older first: its name (``AI Index 2025（2024年の数）``,
        after its year of publication, the date of its year fact) and per region (the
        region, its fact, its bar's label ``米国：40件``: a label names its region, so
        that the legend is not needed, in grey print too)."""
        words = d.words(self.chart)
        years = (d.previous(YEAR_NEW), YEAR_NEW)
        groups = []
        for year, year_text, keys in zip(
            years, _years(d).values(), ([d.previous(k) for k in self.rows], self.rows), strict=True
        ):
            edition = words["edition"].format(year=d.facts[year].as_of[:4])
            bars = [
                (row, key, words["bar"].format(name=words["rows"][row], value=self.label(d, key)))
                for row, key in zip(self.rows, keys, strict=True)
            ]
            groups.append((words["group"].format(edition=edition, year=year_text), bars))
        return groups

    def caption(self, d: ChartData) -> str:
        return d.words(self.chart)["caption"].format(**_years(d))

    def alt(self, d: ChartData) -> str:
        part = d.words(self.chart)["alt-part"]
        groups = self.groups(d)
        parts = [part.format(group=g, values=d.join([t for _, _, t in bars])) for g, bars in groups]
        keys = [
            k for _, bars in groups for _, key, _ in bars for k in (key, MODELS_LAUNCH.get(key))
        ]
        return d.alt(self.chart, filter(None, keys), parts=d.join(parts), **_years(d))

    def table_rows(self, d: ChartData) -> list[tuple[str, str]]:
        """(region, fact), edition by edition, then the launch coverage's counts."""
        regions = d.words(self.chart)["rows"]
        return [
            *((regions[row], key) for _, bars in self.groups(d) for row, key, _ in bars),
            *((regions[row], MODELS_LAUNCH[row]) for row in self.rows if row in MODELS_LAUNCH),
        ]

    def draw(self, fig: Any, d: ChartData, colours: dict[str, str]) -> None:
        groups = self.groups(d)

        def ranges(ax: Any, centres: list[float], scale: float) -> None:
            """The launch coverage's count as a range mark on each bar of the newer
            edition: a line from that count to the bar's end, a tick at each end."""
            for i, new in enumerate(self.rows):
                if launch := MODELS_LAUNCH.get(new):
                    year = _years(d)["after"]
                    ax.plot(
                        [0.5 + d.value(launch) * scale, 0.5 + d.value(new) * scale],
                        [centres[len(self.rows) + i]] * 2,
                        color=colours[INK_SENTINEL],
                        linewidth=1.4,
                        marker="|",
                        markersize=10,
                        markeredgewidth=1.4,
                        zorder=3,
                        gid=f"range-{new}",
                        label=d.words(self.chart)["range"].format(year=year) if i == 0 else None,
                    )

        draw_bar_groups(
            fig,
            colours,
            [(name, [(d.value(key), text) for _, key, text in bars]) for name, bars in groups],
            [d.words(self.chart)["rows"][row] for row in self.rows],
            ranges,
        )

    def as_chart(self) -> Chart:
        keys = (k for new in self.rows for k in (new, MODELS_LAUNCH.get(new)) if k)
        return Chart(
            size=(BARS_WIDTH_IN, 3.0),
            text_pt=BARS_TEXT_SIZE,
            keys=(YEAR_NEW, *keys),
            caption=self.caption,
            alt=self.alt,
            draw=self.draw,
            rows=self.table_rows,
            with_previous=True,
        )


# --- the US–China gap on two benchmarks -----------------------------------------

# (benchmark, its gap at the end of the older year, at the end of the newer one);
# benchmark names are names, the same in every language.
GAP = (
    ("MMLU", "aiindex-gap-mmlu-2023", "aiindex-gap-mmlu-2024"),
    ("HumanEval", "aiindex-gap-humaneval-2023", "aiindex-gap-humaneval-2024"),
)


def _gap_years(d: ChartData) -> dict[str, str]:
    """``2023年末``, ``2024年末``: the ends of the two years compared."""
    end = d.words("benchmark-gap")["year-end"]
    dates = (format_date(d.facts[k].as_of, d.labels) for k in GAP[0][1:])
    return dict(zip(("before", "after"), (end.format(date=x) for x in dates), strict=True))


def draw_gap(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    draw_bar_groups(
        fig,
        colours,
        [(name, [(d.value(b), d.text(b)), (d.value(a), d.text(a))]) for name, b, a in GAP],
        list(_gap_years(d).values()),
    )


def gap_alt(d: ChartData) -> str:
    part = d.words("benchmark-gap")["alt-part"]
    parts = d.join([part.format(name=n, old=d.text(b), new=d.text(a)) for n, b, a in GAP])
    return d.alt("benchmark-gap", parts=parts, **_gap_years(d))


CHARTS = {
    "models-by-region": Editions("models-by-region", MODELS, _models_label).as_chart(),
    "private-investment": Editions("private-investment", INVEST, _invest_label).as_chart(),
    "benchmark-gap": Chart(
        size=(BARS_WIDTH_IN, 3.0),
        text_pt=BARS_TEXT_SIZE,
        keys=tuple(k for _, b, a in GAP for k in (b, a)),
        caption=lambda d: d.words("benchmark-gap")["caption"].format(**_gap_years(d)),
        alt=gap_alt,
        draw=draw_gap,
        rows=lambda d: [(bench, k) for bench, b, a in GAP for k in (b, a)],
    ),
}
