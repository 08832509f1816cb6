"""Charts of the Stanford AI Index: notable models and private investment by
region (each edition its own group of bars), and the US–China gap on two benchmarks.

Every word is in data/labels.yaml (``charts: models-by-region`` …), per language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .data import Chart, ChartData
from .style import BLUE, INK_SENTINEL, VERMILLION, screen_width

# Layout of the three bar charts, in points: narrow, so that on a 375 px phone their
# text is 11 px or more; each bar's value on its own line above the bar, each group
# (a region, a benchmark) named above its bars.
BARS_WIDTH_IN = 4.5
BARS_TEXT_SIZE = 10.5
BARS_LINE_PT = 14.0  # a line of text
BARS_BAR_PT = 11.0  # a bar's thickness
BARS_GAP_PT = 10.0  # between two groups
BARS_LEGEND_LINE_PT = 15.0
BARS_MAX_WIDTH = screen_width(BARS_WIDTH_IN, BARS_TEXT_SIZE)  # wide screens, EPUB
BARS_PAPER_WIDTH = r"0.7\linewidth"


@dataclass(frozen=True)
class Series:
    label: str  # in the legend
    colour: str
    hatched: bool
    # drawn as an outline in the ink colour (a third series: only two colours keep
    # 3:1 contrast on both light and dark backgrounds)
    hollow: bool = False


def draw_bar_groups(
    fig: Any,
    colours: dict[str, str],
    groups: list[tuple[str, list[tuple[float, str]]]],
    series: list[Series],
) -> tuple[Any, list[float], float]:
    """Horizontal bars in groups: per group its name, then one bar per series (the
    value written above it).  Series differ by colour *and* hatching (a grey
    printout keeps the difference).  ``groups``: (name, [(value, label) per
    series]).  Returns the axes (1 unit = 1 pt, y down), each bar's centre (group
    by group) and the points per unit of value."""
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
    largest = max(v for _, bars in groups for v, _ in bars)
    scale = (width_pt - 4) / largest
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
    for i, one in enumerate(series):
        ax.barh(
            centres[i],
            [bars[i][0] * scale for _, bars in groups],
            BARS_BAR_PT,
            left=0.5,
            color="none" if one.hollow else one.colour,
            label=one.label,
            **({"hatch": "///", "edgecolor": ink, "linewidth": 0} if one.hatched else {}),
            **({"edgecolor": ink, "linewidth": 1.2} if one.hollow else {}),
        )
    flat = [c for i in range(len(groups)) for c in (centres[s][i] for s in range(len(series)))]
    return ax, flat, scale


def legend_above(fig: Any, ax: Any, colours: dict[str, str]) -> None:
    """The legend above the bars, one entry a line: the series, then the range mark."""
    from matplotlib.lines import Line2D

    entries = list(zip(*ax.get_legend_handles_labels(), strict=True))
    entries.sort(key=lambda entry: isinstance(entry[0], Line2D))
    fig.legend(
        [h for h, _ in entries],
        [label for _, label in entries],
        loc="upper left",
        bbox_to_anchor=(0, 1),
        ncols=1,
        fontsize=BARS_TEXT_SIZE,
        labelcolor=colours[INK_SENTINEL],
        borderaxespad=0.2,
        handletextpad=0.5,
        labelspacing=0.3,
    )


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
# The regions' looks, in the order of the rows: colour, hatching, outline.
REGION_LOOKS = ((BLUE, False, False), (VERMILLION, True, False), (BLUE, False, True))


def _years(d: ChartData) -> tuple[str, str]:
    """The data years of the two editions (``2024年``, ``2025年``)."""
    return d.text(d.previous(YEAR_NEW)), d.text(YEAR_NEW)


def _editions(d: ChartData, chart: str) -> tuple[str, ...]:
    """``AI Index 2025``, ``AI Index 2026``: an edition is named after its year of
    publication, the date of its year fact."""
    edition = d.words(chart)["edition"]
    return tuple(edition.format(year=d.fact(k).as_of[:4]) for k in (d.previous(YEAR_NEW), YEAR_NEW))


def _edition_keys(d: ChartData, rows: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """(edition index, its facts in the order of the rows), the older edition first."""
    return [(0, [d.previous(k) for k in rows]), (1, list(rows))]


def _group_names(d: ChartData, chart: str) -> tuple[str, str]:
    """``AI Index 2025（2024年の数字）``: each group named by its edition and year."""
    group = d.words(chart)["group"]
    return tuple(  # type: ignore[return-value]
        group.format(edition=edition, year=year)
        for edition, year in zip(_editions(d, chart), _years(d), strict=True)
    )


def _ratio_note(d: ChartData, key: str) -> str:
    """``（米国はこの約12倍）`` after China's value, in either edition."""
    base, other = INVEST_RATIO
    note = d.words("private-investment")["ratio-note"]
    if key == other:
        return note.format(ratio=d.ratio(base, other))
    if key == d.previous(other):
        return note.format(ratio=d.ratio(d.previous(base), key))
    return ""


def _region_value(d: ChartData, chart: str, row: str, text: str) -> str:
    """``米国：40件``: a bar's label names its region (the legend is not needed to
    read the chart, in grey print too)."""
    name = d.words(chart)["rows"][row]
    return d.words(chart)["bar"].format(name=name, value=text)


def _models_label(d: ChartData, key: str) -> str:
    """``59件［報道］（公開時の報道は50件［報道］）``: both 2025 counts, marked."""
    launch = MODELS_LAUNCH.get(key)
    if not launch:
        return d.marked(key)
    words = d.words("models-by-region")
    return words["with-launch"].format(count=d.marked(key), launch=d.marked(launch))


def _invest_label(d: ChartData, key: str) -> str:
    return d.marked(key) + _ratio_note(d, key)


def _draw_editions(
    fig: Any,
    d: ChartData,
    colours: dict[str, str],
    chart: str,
    rows: tuple[str, ...],
    label: Callable[[ChartData, str], str],
) -> tuple[Any, list[float], float]:
    """Per edition a group: its regions' bars, each labelled with region and value."""
    names = _group_names(d, chart)
    groups = [
        (
            names[edition],
            [
                (d.value(key), _region_value(d, chart, row, label(d, key)))
                for row, key in zip(rows, keys, strict=True)
            ],
        )
        for edition, keys in _edition_keys(d, rows)
    ]
    regions = d.words(chart)["rows"]
    series = [
        Series(regions[row], colour, hatched=hatched, hollow=hollow)
        for row, (colour, hatched, hollow) in zip(rows, REGION_LOOKS, strict=False)
    ]
    return draw_bar_groups(fig, colours, groups, series)


def _editions_alt(d: ChartData, chart: str, rows: tuple[str, ...], label: Callable) -> str:
    """The alt text's list: per edition, each region's value."""
    names = _group_names(d, chart)
    part = d.words(chart)["alt-part"]
    return d.join(
        [
            part.format(
                group=names[edition],
                values=d.join(
                    [
                        _region_value(d, chart, row, label(d, key))
                        for row, key in zip(rows, keys, strict=True)
                    ]
                ),
            )
            for edition, keys in _edition_keys(d, rows)
        ]
    )


def _edition_rows(d: ChartData, chart: str, rows: tuple[str, ...]) -> list[tuple[str, str]]:
    """The chart's CSV rows: (region, fact), edition by edition."""
    regions = d.words(chart)["rows"]
    return [
        (regions[row], key)
        for _, keys in _edition_keys(d, rows)
        for row, key in zip(rows, keys, strict=True)
    ]


# --- notable models by region -------------------------------------------------


def draw_models(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax, centres, scale = _draw_editions(fig, d, colours, "models-by-region", MODELS, _models_label)
    range_label = d.words("models-by-region")["range"].format(year=_years(d)[1])
    # The launch coverage's count as a range mark on each bar of the newer edition:
    # a line from that count to the bar's end, with a tick at each end.
    for i, new in enumerate(MODELS):
        launch = MODELS_LAUNCH.get(new)
        if launch:
            ax.plot(
                [0.5 + d.value(launch) * scale, 0.5 + d.value(new) * scale],
                [centres[len(MODELS) + i]] * 2,
                color=colours[INK_SENTINEL],
                linewidth=1.4,
                marker="|",
                markersize=10,
                markeredgewidth=1.4,
                zorder=3,
                gid=f"range-{new}",
                label=range_label if i == 0 else None,
            )
    legend_above(fig, ax, colours)


def models_caption(d: ChartData) -> str:
    before, after = _years(d)
    return d.words("models-by-region")["caption"].format(before=before, after=after)


def models_alt(d: ChartData) -> str:
    before, after = _years(d)
    parts = _editions_alt(d, "models-by-region", MODELS, _models_label)
    keys = [
        k
        for _, keys in _edition_keys(d, MODELS)
        for key in keys
        for k in (key, MODELS_LAUNCH.get(key, key))
    ]
    text = d.words("models-by-region")["alt"].format(parts=parts, before=before, after=after)
    return (text + d.marks_note(keys)).strip()


def models_rows(d: ChartData) -> list[tuple[str, str]]:
    regions = d.words("models-by-region")["rows"]
    return [
        *_edition_rows(d, "models-by-region", MODELS),
        *((regions[row], MODELS_LAUNCH[row]) for row in MODELS if row in MODELS_LAUNCH),
    ]


# --- private investment -------------------------------------------------------


def draw_investment(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax, _, _ = _draw_editions(fig, d, colours, "private-investment", INVEST, _invest_label)
    legend_above(fig, ax, colours)


def investment_caption(d: ChartData) -> str:
    before, after = _years(d)
    return d.words("private-investment")["caption"].format(before=before, after=after)


def investment_alt(d: ChartData) -> str:
    parts = _editions_alt(d, "private-investment", INVEST, _invest_label)
    keys = [k for _, keys in _edition_keys(d, INVEST) for k in keys]
    text = d.words("private-investment")["alt"].format(parts=parts)
    return (text + d.marks_note(keys)).strip()


def investment_rows(d: ChartData) -> list[tuple[str, str]]:
    return _edition_rows(d, "private-investment", INVEST)


# --- the US–China gap on two benchmarks -----------------------------------------

# (benchmark, its gap at the end of the older year, at the end of the newer one);
# benchmark names are names, the same in every language.
GAP = (
    ("MMLU", "aiindex-gap-mmlu-2023", "aiindex-gap-mmlu-2024"),
    ("HumanEval", "aiindex-gap-humaneval-2023", "aiindex-gap-humaneval-2024"),
)


def _gap_years(d: ChartData) -> tuple[str, str]:
    """``2023年末``, ``2024年末``."""
    end = d.words("benchmark-gap")["year-end"]
    return end.format(date=d.date(GAP[0][1])), end.format(date=d.date(GAP[0][2]))


def draw_gap(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    before, after = _gap_years(d)
    ax, _, _ = draw_bar_groups(
        fig,
        colours,
        [(name, [(d.value(b), d.text(b)), (d.value(a), d.text(a))]) for name, b, a in GAP],
        [Series(before, BLUE, hatched=False), Series(after, VERMILLION, hatched=True)],
    )
    legend_above(fig, ax, colours)


def gap_caption(d: ChartData) -> str:
    before, after = _gap_years(d)
    return d.words("benchmark-gap")["caption"].format(before=before, after=after)


def gap_alt(d: ChartData) -> str:
    words = d.words("benchmark-gap")
    before, after = _gap_years(d)
    parts = d.join(
        [words["alt-part"].format(name=n, old=d.text(b), new=d.text(a)) for n, b, a in GAP]
    )
    return words["alt"].format(before=before, after=after, parts=parts).strip()


def gap_rows(d: ChartData) -> list[tuple[str, str]]:
    return [(bench, k) for bench, before, after in GAP for k in (before, after)]


CHARTS = {
    "models-by-region": Chart(
        keys=(YEAR_NEW, *(k for new in MODELS for k in (new, MODELS_LAUNCH.get(new)) if k)),
        caption=models_caption,
        alt=models_alt,
        draw=draw_models,
        rows=models_rows,
        size=(BARS_WIDTH_IN, 3.0),  # the height follows the bars (draw_bar_groups)
        paper_width=BARS_PAPER_WIDTH,
        max_width=BARS_MAX_WIDTH,
        with_previous=True,
    ),
    "private-investment": Chart(
        keys=(YEAR_NEW, *INVEST),
        caption=investment_caption,
        alt=investment_alt,
        draw=draw_investment,
        rows=investment_rows,
        size=(BARS_WIDTH_IN, 4.0),
        paper_width=BARS_PAPER_WIDTH,
        max_width=BARS_MAX_WIDTH,
        with_previous=True,
    ),
    "benchmark-gap": Chart(
        keys=tuple(k for _, b, a in GAP for k in (b, a)),
        caption=gap_caption,
        alt=gap_alt,
        draw=draw_gap,
        rows=gap_rows,
        size=(BARS_WIDTH_IN, 3.0),
        paper_width=BARS_PAPER_WIDTH,
        max_width=BARS_MAX_WIDTH,
    ),
}
