"""Charts of the Stanford AI Index: notable models and private investment by
region (two editions side by side), and the US–China gap on two benchmarks.

Every word is in data/labels.yaml (``charts: models-by-region`` …), per language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .data import Chart, ChartData
from .style import BLUE, INK_SENTINEL, VERMILLION


def _bar_labels(ax: Any, bars: Any, texts: list[str], horizontal: bool) -> None:
    for bar, text in zip(bars, texts, strict=False):
        if horizontal:
            ax.annotate(
                text,
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                ha="left",
            )
        else:
            ax.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 3),
                textcoords="offset points",
                va="bottom",
                ha="center",
            )


def _clean_value_axis(ax: Any, axis: str) -> None:
    """Values are written on the bars: the value axis itself would only repeat them."""
    getattr(ax, f"get_{axis}axis")().set_visible(False)
    ax.spines["bottom" if axis == "x" else "left"].set_visible(False)


# --- AI Index: two editions side by side ----------------------------------------

# The rows of the two AI Index charts: a region's fact in AI Index 2026 (data for
# 2025), named in data/labels.yaml (``charts: <chart>: rows: <fact>``).  The 2024
# value is the fact that one supersedes in the data (``ChartData.previous``), so
# each pair is written once, in the data file.
# Europe (3 models in 2024) is not drawn: the data has no 2025 total for it, a
# lone bar would look like a fall to nothing, and the prose states the figure.
# Japan's 2025 investment (no 2024 counterpart) stays in the prose likewise.
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
# The ratio written next to the bars, per year: the US as a multiple of China.
INVEST_RATIO = ("aiindex26-invest-us", "aiindex26-invest-cn")
BAR_HEIGHT = 0.38  # of each year's bar; a region's pair takes 0.76 of its row


def _years(d: ChartData) -> tuple[str, str]:
    """The data years of the two editions (``2024年``, ``2025年``)."""
    return d.text(d.previous(YEAR_NEW)), d.text(YEAR_NEW)


def _editions(d: ChartData, chart: str) -> tuple[str, ...]:
    """``AI Index 2025``, ``AI Index 2026``: an edition is named after its year of
    publication, the date of its year fact."""
    edition = d.words(chart)["edition"]
    return tuple(edition.format(year=d.fact(k).as_of[:4]) for k in (d.previous(YEAR_NEW), YEAR_NEW))


def _pairs(d: ChartData, chart: str, rows: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(region, 2024 fact, 2025 fact) for each row, paired through ``supersedes``."""
    names = d.words(chart)["rows"]
    return [(names[new], d.previous(new), new) for new in rows]


def _ratio_note(d: ChartData, key: str) -> str:
    """``（米国はこの約12倍）`` after China's value, in either year."""
    base, other = INVEST_RATIO
    note = d.words("private-investment")["ratio-note"]
    if key == other:
        return note.format(ratio=d.ratio(base, other))
    if key == d.previous(other):
        return note.format(ratio=d.ratio(d.previous(base), key))
    return ""


def _models_label(d: ChartData, key: str) -> str:
    """``59件［報道］（公開時の報道は50件［報道］）``: both 2025 counts, marked."""
    launch = MODELS_LAUNCH.get(key)
    if not launch:
        return d.marked(key)
    words = d.words("models-by-region")
    return words["with-launch"].format(count=d.marked(key), launch=d.marked(launch))


def _invest_label(d: ChartData, key: str) -> str:
    return d.marked(key) + _ratio_note(d, key)


def _draw_two_years(
    fig: Any,
    d: ChartData,
    colours: dict[str, str],
    chart: str,
    rows: tuple[str, ...],
    label: Callable[[ChartData, str], str],
) -> Any:
    """Grouped horizontal bars: per region the older year above the newer one,
    told apart by colour *and* hatching (a grey printout keeps the difference)."""
    ax = fig.add_subplot()
    pairs = _pairs(d, chart, rows)
    before, after = _years(d)
    editions = _editions(d, chart)
    legend = d.words(chart)["year-legend"]
    height = BAR_HEIGHT
    # From the top: first region's two bars, then the next region's...
    centres = [len(pairs) - 1 - i for i in range(len(pairs))]
    old = ax.barh(
        [c + height / 2 for c in centres],
        [d.value(o) for _, o, _ in pairs],
        height,
        color=BLUE,
        label=legend.format(year=before, edition=editions[0]),
    )
    new = ax.barh(
        [c - height / 2 for c in centres],
        [d.value(n) for _, _, n in pairs],
        height,
        color=VERMILLION,
        hatch="///",
        edgecolor=colours[INK_SENTINEL],
        linewidth=0,
        label=legend.format(year=after, edition=editions[1]),
    )
    _bar_labels(ax, old, [label(d, o) for _, o, _ in pairs], horizontal=True)
    _bar_labels(ax, new, [label(d, n) for _, _, n in pairs], horizontal=True)
    ax.set_yticks(centres, [name for name, _, _ in pairs])
    ax.set_ylim(-0.6, len(pairs) - 0.4)
    ax.set_xlim(0, max(d.value(k) for _, o, n in pairs for k in (o, n)) * 1.02)
    _clean_value_axis(ax, "x")
    ax.tick_params(axis="y", length=0)
    return ax


def _legend_above(fig: Any, ax: Any, colours: dict[str, str]) -> None:
    """The legend above the plot, where it cannot cover a bar or a label: the two
    years side by side, then any other entry (the range mark) below them."""
    from matplotlib.lines import Line2D

    entries = list(zip(*ax.get_legend_handles_labels(), strict=True))
    entries.sort(key=lambda entry: isinstance(entry[0], Line2D))
    # A legend fills its columns one after the other: reorder to read by rows.
    ncols = 2
    entries = [entries[i] for col in range(ncols) for i in range(col, len(entries), ncols)]
    fig.legend(
        [h for h, _ in entries],
        [label for _, label in entries],
        loc="outside upper left",
        ncols=ncols,
        labelcolor=colours[INK_SENTINEL],
    )


def _two_years_alt(d: ChartData, chart: str, rows: tuple[str, ...], label: Callable) -> str:
    """The alt text's list: per region, each year's value."""
    before, after = _years(d)
    part = d.words(chart)["alt-part"]
    return d.join(
        [
            part.format(name=name, before=before, old=label(d, old), after=after, new=label(d, new))
            for name, old, new in _pairs(d, chart, rows)
        ]
    )


# --- notable models by region -------------------------------------------------


def draw_models(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax = _draw_two_years(fig, d, colours, "models-by-region", MODELS, _models_label)
    range_label = d.words("models-by-region")["range"].format(year=_years(d)[1])
    # The launch coverage's count as a range mark on each 2025 bar: a line from
    # that count to the bar's end, with a tick at each end.
    for i, new in enumerate(MODELS):
        launch = MODELS_LAUNCH.get(new)
        if launch:
            ax.plot(
                [d.value(launch), d.value(new)],
                [len(MODELS) - 1 - i - BAR_HEIGHT / 2] * 2,
                color=colours[INK_SENTINEL],
                linewidth=1.4,
                marker="|",
                markersize=10,
                markeredgewidth=1.4,
                zorder=3,
                gid=f"range-{new}",
                label=range_label if i == 0 else None,
            )
    _legend_above(fig, ax, colours)


def models_caption(d: ChartData) -> str:
    before, after = _years(d)
    return d.words("models-by-region")["caption"].format(before=before, after=after)


def models_alt(d: ChartData) -> str:
    before, after = _years(d)
    # (the 2024 values carry their marks: _models_label adds the launch count only
    # to a 2025 fact)
    parts = _two_years_alt(d, "models-by-region", MODELS, _models_label)
    keys = [
        k
        for _, o, n in _pairs(d, "models-by-region", MODELS)
        for k in (o, n, MODELS_LAUNCH.get(n, n))
    ]
    text = d.words("models-by-region")["alt"].format(parts=parts, before=before, after=after)
    return (text + d.marks_note(keys)).strip()


def models_rows(d: ChartData) -> list[tuple[str, str]]:
    return [
        (region, key)
        for region, old, new in _pairs(d, "models-by-region", MODELS)
        for key in (old, new, MODELS_LAUNCH.get(new))
        if key
    ]


# --- private investment -------------------------------------------------------


def draw_investment(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax = _draw_two_years(fig, d, colours, "private-investment", INVEST, _invest_label)
    _legend_above(fig, ax, colours)


def investment_caption(d: ChartData) -> str:
    before, after = _years(d)
    return d.words("private-investment")["caption"].format(before=before, after=after)


def investment_alt(d: ChartData) -> str:
    parts = _two_years_alt(d, "private-investment", INVEST, _invest_label)
    keys = [k for _, o, n in _pairs(d, "private-investment", INVEST) for k in (o, n)]
    text = d.words("private-investment")["alt"].format(parts=parts)
    return (text + d.marks_note(keys)).strip()


def investment_rows(d: ChartData) -> list[tuple[str, str]]:
    return [
        (region, key)
        for region, old, new in _pairs(d, "private-investment", INVEST)
        for key in (old, new)
    ]


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
    ax = fig.add_subplot()
    before, after = _gap_years(d)
    xs = range(len(GAP))
    width = 0.36
    first = ax.bar(
        [x - width / 2 for x in xs],
        [d.value(b) for _, b, _ in GAP],
        width,
        color=BLUE,
        label=before,
    )
    # Hatched as well as coloured, so the two years differ on a grey printout too.
    second = ax.bar(
        [x + width / 2 for x in xs],
        [d.value(a) for _, _, a in GAP],
        width,
        color=VERMILLION,
        hatch="///",
        edgecolor=colours[INK_SENTINEL],
        linewidth=0,
        label=after,
    )
    _bar_labels(ax, first, [d.text(b) for _, b, _ in GAP], horizontal=False)
    _bar_labels(ax, second, [d.text(a) for _, _, a in GAP], horizontal=False)
    ax.set_xticks(list(xs), [n for n, _, _ in GAP])
    ax.tick_params(axis="x", length=0)
    ax.set_ylim(0, max(d.value(b) for _, b, _ in GAP) * 1.2)
    # The unit as a title above the axis: Japanese set sideways is hard to read.
    ax.set_title(d.words("benchmark-gap")["title"], loc="left", fontsize=10)
    ax.legend(loc="upper right")


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
        size=(6.0, 2.6),
        with_previous=True,
    ),
    "private-investment": Chart(
        keys=(YEAR_NEW, *INVEST),
        caption=investment_caption,
        alt=investment_alt,
        draw=draw_investment,
        rows=investment_rows,
        size=(6.0, 3.0),
        with_previous=True,
    ),
    "benchmark-gap": Chart(
        keys=tuple(k for _, b, a in GAP for k in (b, a)),
        caption=gap_caption,
        alt=gap_alt,
        draw=draw_gap,
        rows=gap_rows,
        size=(6.0, 3.2),
    ),
}
