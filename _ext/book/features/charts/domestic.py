"""Japan's own foundation models by size (``domestic-models``), drawn from the rows
of ``models:`` in data/facts.yaml (read by _ext/book/data/models_file.py).

Every word is in data/labels.yaml (``charts: domestic-models``), per language.
"""

from __future__ import annotations

from typing import Any

from book.data.models_file import largest_models

from .data import Chart, ChartData, model_keys
from .style import (
    BLUE,
    GRID_SENTINEL,
    INK_SENTINEL,
    VERMILLION,
    legend_above,
    log_axis,
    plot_parameters,
)

# Marker shape and colour of each way of training: the shapes differ, not only the
# hues, and each row also names its way in words.  A model whose way is not
# published gets the text colour (it is neither of the two groups).
DOMESTIC_STYLE = {"scratch": ("o", BLUE), "continued": ("s", VERMILLION), "unknown": ("^", None)}
# The model the book is about: its row is drawn on a band, its name in bold.
DOMESTIC_EMPHASIS = "rakuten-ai-3"
# Layout in points.  Narrow (like the time line), so that on a 375 px phone the
# text stays at least 11 px; each row is two lines: the name and how it was
# trained, then the points on the log axis with their sizes.
DOMESTIC_WIDTH_IN = 4.5
DOMESTIC_ROW_PT = 38.0
DOMESTIC_LEGEND_PT = 44.0
DOMESTIC_AXIS_PT = 44.0
DOMESTIC_NAME_SIZE = 11.5
DOMESTIC_TEXT_SIZE = 11.0
# A row whose sizes take two lines is this much (of a row) taller.
DOMESTIC_WRAP_EXTRA = 0.45


def domestic_rows(d: ChartData) -> list[Any]:
    """The rows of ``models:`` from the largest total to the smallest (the chart asks
    how large each model is next to the others; on a log axis a descending order reads
    as a ladder); models of the same size keep the data's order."""
    return sorted(d.models, key=lambda m: -d.value(m.params))


def _domestic_size(d: ChartData, model: Any, wrapped: bool = False) -> str:
    """``6710億（働くのは370億）``, ``約4600億``: the sizes with 約 and their marks
    (``wrapped``: an MoE model's on two lines)."""
    words = d.words("domestic-models")
    if model.active:
        template = words["size-moe-wrapped" if wrapped else "size-moe"]
        return template.format(total=d.size(model.params), active=d.size(model.active))
    return words["size"].format(total=d.size(model.params))


def _training(words: dict[str, Any], model: Any) -> str:
    """How the row was trained, in words; a word data/labels.yaml lacks (reported when
    the data is read) is said as "not found" meanwhile."""
    return words.get(model.training) or words["unknown"]


def _text_width_pt(text: str, size: float) -> float:
    """About how wide a text is set: Latin letters and digits half a square."""
    return sum(size * (0.6 if ord(c) < 0x2E80 else 1.0) for c in text)


def _size_label(d: ChartData, model: Any, at_pt: Any, plot_pt: float) -> tuple[Any, ...]:
    """A row's sizes (text, the value beside which they stand, points from there:
    left of it when negative, on two lines or not): right of the total when they fit
    there, else left of the leftmost point; on two lines (beside the total) when they
    fit neither."""
    total = d.value(model.params)
    active = d.value(model.active) if model.active else None
    text = _domestic_size(d, model)
    width = _text_width_pt(text, DOMESTIC_TEXT_SIZE)
    right_room = plot_pt - at_pt(total) - 8
    left_room = at_pt(min(total, active or total)) - 8
    wrapped = width > right_room and width > left_room and active is not None
    if wrapped:
        text = _domestic_size(d, model, wrapped=True)
        width = max(_text_width_pt(part, DOMESTIC_TEXT_SIZE) for part in text.split("\n"))
    if width <= right_room or width > left_room:
        return text, total, 7, wrapped
    return text, min(total, active or total), -7, wrapped


def draw_domestic(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    import math

    from matplotlib.lines import Line2D

    words = d.words("domestic-models")
    rows = domestic_rows(d)
    ink, grid = colours[INK_SENTINEL], colours[GRID_SENTINEL]
    # Laid out by hand, in points: the labels are placed beside their points
    # knowing where the points stand.
    fig.set_layout_engine("none")
    width_pt = DOMESTIC_WIDTH_IN * 72
    values = [d.value(k) for m in rows for k in (m.params, m.active) if k]
    low, high = min(values) / 2.5, max(values) * 1.5
    # Room at the right for the last tick's label ("1兆", "1 trillion"), centred
    # on its line: half its width, at least 14 pt.
    last = 10.0 ** math.floor(math.log10(high))
    right_pt = max(14.0, _text_width_pt(d.count(last), DOMESTIC_TEXT_SIZE) / 2 + 2)
    plot_pt = width_pt - right_pt  # the plot's own width, where the points stand
    span = math.log10(high) - math.log10(low)

    def at_pt(v: float) -> float:
        return (math.log10(v) - math.log10(low)) / span * plot_pt

    labels = [_size_label(d, m, at_pt, plot_pt) for m in rows]
    # Where each row stands (in rows): a label on two lines takes a line more
    # under its points, so that it never runs into the next row's name.
    tops, y = [], 0.0
    for *_, wrapped in labels:
        tops.append(y)
        y += 1 + (DOMESTIC_WRAP_EXTRA if wrapped else 0)
    height_pt = DOMESTIC_LEGEND_PT + DOMESTIC_ROW_PT * (y + 0.4) + DOMESTIC_AXIS_PT
    fig.set_size_inches(DOMESTIC_WIDTH_IN, height_pt / 72)
    ax = fig.add_axes(
        (
            0,
            DOMESTIC_AXIS_PT / height_pt,
            1 - right_pt / width_pt,
            1 - (DOMESTIC_AXIS_PT + DOMESTIC_LEGEND_PT) / height_pt,
        )
    )
    log_axis(ax, low, high, d, words["axis"], fontsize=DOMESTIC_TEXT_SIZE)
    ax.tick_params(axis="x", labelsize=DOMESTIC_TEXT_SIZE)
    ax.set_yticks([])
    # Row at y: its name at y - 0.28, its points at y + 0.17 (sizes run right).
    ax.set_ylim(y - 0.5, -0.9)

    for y, model, (text, at, offset, wrapped) in zip(tops, rows, labels, strict=True):
        marker, colour = DOMESTIC_STYLE.get(model.training, DOMESTIC_STYLE["unknown"])
        emphasised = model.key == DOMESTIC_EMPHASIS
        if emphasised:
            bottom = y + 0.45 + (DOMESTIC_WRAP_EXTRA if wrapped else 0)
            ax.axhspan(y - 0.62, bottom, color=grid, alpha=0.28, linewidth=0, zorder=0)
        total, active = d.value(model.params), d.value(model.active) if model.active else None
        point_y = y + 0.17
        look = {"marker": marker, "size": 7.5 if marker == "o" else 7, "colour": colour or ink}
        plot_parameters(ax, point_y, total, active, key=model.key, **look)
        # Its name (marked when its words, training, base..., are only reported) and
        # how it was trained.
        name = model.name + d.status_mark(model.status)
        name = words["row"].format(name=name, training=_training(words, model))
        style = {"fontsize": DOMESTIC_NAME_SIZE, "fontweight": "bold" if emphasised else "normal"}
        ax.text(0.0, y - 0.28, name, transform=ax.get_yaxis_transform(), va="center", **style)
        # Two lines hang from the points' height (their first line beside the
        # points), one line is centred on it.
        ax.annotate(
            text,
            (at, point_y),
            xytext=(offset, DOMESTIC_TEXT_SIZE * 0.62 if wrapped else 0),
            textcoords="offset points",
            ha="left" if offset > 0 else "right",
            va="top" if wrapped else "center",
            fontsize=DOMESTIC_TEXT_SIZE,
        )

    entries = [
        (Line2D([], [], marker=marker, color=colour or ink, ls="none", markersize=7), words[t])
        for t, (marker, colour) in DOMESTIC_STYLE.items()
        if any(m.training == t for m in rows)
    ]
    if any(m.active for m in rows):
        hollow = Line2D([], [], marker="o", color=ink, markerfacecolor="none", ls="none")
        entries.append((hollow, words["active"]))
    layout = {"handletextpad": 0.2, "columnspacing": 0.8, "borderaxespad": 0.1}
    legend_above(fig, entries, ink, ncols=2, fontsize=DOMESTIC_TEXT_SIZE, **layout)


def domestic_caption(d: ChartData) -> str:
    """The finding, named from the data: the largest model by total parameters and,
    when it is another, the largest trained from scratch (the caption follows the rows)."""
    largest, scratch = largest_models(d.models, d.facts)
    words = d.words("domestic-models")
    return words["caption" if scratch else "caption-largest"].format(
        largest=largest.name,
        training=_training(words, largest),
        largest_scratch=scratch.name if scratch else "",
    )


def domestic_alt(d: ChartData) -> str:
    words = d.words("domestic-models")
    rows = domestic_rows(d)
    listed = "".join(
        words["alt-model"].format(
            name=model.name + d.status_mark(model.status),
            size=_domestic_size(d, model),
            training=_training(words, model),
        )
        for model in rows
    )
    return d.alt("domestic-models", model_keys(rows), n=len(rows), models=listed)


def domestic_chart_rows(d: ChartData) -> list[tuple[str, str]]:
    return [(m.name, k) for m in domestic_rows(d) for k in (m.params, m.active) if k]


CHARTS = {
    "domestic-models": Chart(
        keys=(),
        caption=domestic_caption,
        alt=domestic_alt,
        draw=draw_domestic,
        rows=domestic_chart_rows,
        # The height follows the number of rows (draw_domestic sets it).
        size=(DOMESTIC_WIDTH_IN, 6.0),
        text_pt=DOMESTIC_TEXT_SIZE,
        from_models=True,
    ),
}
