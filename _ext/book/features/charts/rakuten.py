"""Rakuten's models by size, on a log axis (``rakuten-models``).

Every word is in data/labels.yaml (``charts: rakuten-models``), per language;
model names are names, the same in every language.
"""

from __future__ import annotations

from typing import Any

from book.data.book_numbers import format_ratio

from .data import Chart, ChartData
from .style import BLUE, INK_SENTINEL, log_axis, plot_parameters

# Rakuten's models, from the oldest to the newest: name, total, active (MoE) or None.
# Rakuten AI 2.0 at its total from the model card, 「8x7B (47B)」: the eight experts
# share the attention and embedding layers, so the total is not 8 × 7B.
RAKUTEN = (
    ("Rakuten AI 7B", "rakuten-ai-7b-params", None),
    ("Rakuten AI 2.0", "rakuten-ai-2-params", "rakuten-ai-2-active"),
    ("Rakuten AI 2.0 mini", "prior-1-5b", None),
)
# Rakuten AI 3.0 at the model card's figures (Rakuten's announcement rounded them),
# and the size planned in 2025-07 (``target-params``) as a row of its own when the
# finished model differs from it.
RAKUTEN_TARGET = "target-params"
RAKUTEN_3 = ("Rakuten AI 3.0", "rakuten-ai-3-params-card", "rakuten-ai-3-active-card")
# The fact of a model's active parameters, by its total's (None: not an MoE model).
ACTIVE = {total: active for _, total, active in (*RAKUTEN, RAKUTEN_3)}


def rakuten_rows(d: ChartData) -> list[tuple[str, float, float | None, str, str]]:
    """(name, total, active or None, label, the total's fact) from the oldest to the
    newest model; an MoE model's label ``約470億（働くのは130億）``."""
    words = d.words("rakuten-models")
    moe = d.common()["moe"]
    rows = [
        (
            name,
            d.value(total),
            d.value(active) if active else None,
            moe.format(total=d.size(total), active=d.size(active)) if active else d.size(total),
            total,
        )
        for name, total, active in (*RAKUTEN, RAKUTEN_3)
    ]
    name, *finished = rows.pop()
    if d.value(RAKUTEN_TARGET) == finished[0]:
        rows.append((words["target-named"].format(name=name), *finished))
    else:  # the finished model differs from the target: show both
        target = d.value(RAKUTEN_TARGET)
        rows.append((words["target"], target, None, d.size(RAKUTEN_TARGET), RAKUTEN_TARGET))
        rows.append((name, *finished))
    return rows


def draw_rakuten(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    words = d.words("rakuten-models")
    ax = fig.add_subplot()
    rows = rakuten_rows(d)[::-1]
    high = max(r[1] for r in rows)
    for y, (_, total, active, label, key) in enumerate(rows):
        plot_parameters(ax, y, total, active, key=key, marker="o", size=8, colour=BLUE)
        ax.annotate(
            label,
            (total, y),
            xytext=(0, 8),
            textcoords="offset points",
            # Near the right edge (within a decade of the largest), the label ends at
            # its point: centred, it would run past the last grid line.
            ha="right" if total * 10 > high else "center",
            va="bottom",
        )
    low = min(min(r[1], r[2] or r[1]) for r in rows)
    log_axis(ax, low / 3, high * 2.5, d, words["axis"])
    ax.set_ylim(-0.6, len(rows) - 0.2)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.tick_params(axis="y", length=0)
    point = {"marker": "o", "color": BLUE, "linestyle": "none"}
    ax.plot([], [], **point, label=words["total"])
    ax.plot([], [], **point, markerfacecolor="none", label=words["active"])
    # Above the plot, where it cannot cover a point; one entry a line (the drawing
    # is narrow).
    fig.legend(
        loc="outside upper left", ncols=1, labelcolor=colours[INK_SENTINEL], labelspacing=0.3
    )


def rakuten_alt(d: ChartData) -> str:
    rows = rakuten_rows(d)
    part = d.words("rakuten-models")["alt-part"]
    parts = d.join([part.format(name=name, size=label) for name, _, _, label, _ in rows])
    # models only: the target is a plan, not a model (unless a model met it: then it is named)
    sizes = [total for _, total, _, _, key in rows if key != RAKUTEN_TARGET]
    ratio = format_ratio(max(sizes), min(sizes), d.labels)
    # what a mark in the list means (the target is only reported)
    keys = [k for _, k in rakuten_chart_rows(d)]
    return d.alt("rakuten-models", keys, parts=parts, ratio=ratio)


def rakuten_chart_rows(d: ChartData) -> list[tuple[str, str]]:
    return [
        (name, k) for name, *_, total in rakuten_rows(d) for k in (total, ACTIVE.get(total)) if k
    ]


CHARTS = {
    "rakuten-models": Chart(
        keys=(
            *(k for _, total, active in RAKUTEN for k in (total, active) if k),
            RAKUTEN_TARGET,
            *RAKUTEN_3[1:],
        ),
        caption=lambda d: d.words("rakuten-models")["caption"],
        alt=rakuten_alt,
        draw=draw_rakuten,
        rows=rakuten_chart_rows,
        size=(4.5, 4.2),
    ),
}
