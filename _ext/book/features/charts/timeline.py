"""GENIAC and Rakuten on a time line (``geniac-timeline``): narrow and tall, so
that its text stays readable on a phone.

Every word is in data/labels.yaml (``charts: geniac-timeline``), per language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from book.data.book_numbers import format_date

from .data import Chart, ChartData
from .style import BLUE, GRID_SENTINEL, INK_SENTINEL, VERMILLION, legend_above

# The events: group ("geniac": the state's steps; "rakuten": Rakuten's own), the fact
# giving the date, the fact giving a count (or None); drawn in the order of their dates.
TIMELINE = (
    ("geniac", "geniac-first-round-date", "geniac-first-round"),
    ("geniac", "geniac-round-2-start", "geniac-round-2-projects"),
    ("geniac", "geniac-prize-date", None),
    ("rakuten", "meti-support-date", None),
    ("geniac", "geniac-round-3-date", "companies-24"),
    ("rakuten", "rakuten-ai-3-date", None),
    ("rakuten", "rakuten-ai-3-open", None),
    ("geniac", "geniac-round-4-date", "geniac-round-4-projects"),
    ("geniac", "national-model-award-date", None),
)
# Marker shape and colour of each group: the shapes differ, not only the hues.
TIMELINE_STYLE = {"geniac": ("o", BLUE), "rakuten": ("D", VERMILLION)}
# Layout in points (narrow and tall, for a 375 px phone): where the time axis and the
# labels stand, and the size of the two lines of each label (date, then event).
TIMELINE_AXIS_X = 52.0
TIMELINE_MARKER_X = 72.0
TIMELINE_TEXT_X = 82.0
TIMELINE_DATE_SIZE = 10.5
TIMELINE_NAME_SIZE = 11.5
TIMELINE_LEGEND_PT = 30.0


@dataclass(frozen=True)
class Event:
    group: str
    key: str  # the fact giving the date
    day: int  # the date as a proleptic ordinal (a month without day: its 1st)
    date: str  # as readers see it, ごろ and status mark included
    name: str  # the event's name, with its count and that count's mark


def _ordinal(value: Any) -> int:
    parts = [int(p) for p in str(value).split("-")] + [1, 1]
    return datetime.date(*parts[:3]).toordinal()


def _size(marker: str) -> float:
    """A marker's size: a diamond looks as large as a dot one point smaller."""
    return 8 if marker == "o" else 7


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def timeline_events(d: ChartData) -> list[Event]:
    """The events of ``TIMELINE`` in the order of their dates."""
    words = d.words("geniac-timeline")
    events = []
    for group, key, count in TIMELINE:
        name = words["events"][key]
        if count:
            name = words["with-count"].format(event=name, count=d.marked(count))
        events.append(Event(group, key, _ordinal(d.facts[key].value), d.marked(key), name))
    return sorted(events, key=lambda e: e.day)


def _span(d: ChartData) -> dict[str, str]:
    """The months of the first and the last event (``2024年2月``, ``2026年6月``)."""
    events = timeline_events(d)
    first, last = (datetime.date.fromordinal(e.day) for e in (events[0], events[-1]))
    return {k: format_date(f"{x:%Y-%m}", d.labels) for k, x in (("first", first), ("last", last))}


def _spread(ideal: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions as near their dates as they can be, ``gap`` apart at least:
    labels that would overlap move as a block centred on their dates."""
    blocks: list[list[float]] = []  # [sum of (ideal - index in block * gap), count]
    for y in ideal:
        blocks.append([y, 1])
        while len(blocks) > 1:
            (s1, n1), (s2, n2) = blocks[-2], blocks[-1]
            if s1 / n1 + n1 * gap <= s2 / n2:
                break
            blocks[-2:] = [[s1 + s2 - n2 * n1 * gap, n1 + n2]]
    out = [s / n + i * gap for s, n in blocks for i in range(int(n))]
    # Inside the drawing: push down from the top, then up from the bottom.
    for i, y in enumerate(out):
        out[i] = max(y, low if i == 0 else out[i - 1] + gap)
    for i in range(len(out) - 1, -1, -1):
        out[i] = min(out[i], high if i == len(out) - 1 else out[i + 1] - gap)
    return out


def draw_timeline(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    from matplotlib.lines import Line2D

    words = d.words("geniac-timeline")
    events = timeline_events(d)
    ink, grid = colours[INK_SENTINEL], colours[GRID_SENTINEL]
    # Laid out by hand, in points: the labels must be placed before drawing.
    fig.set_layout_engine("none")
    width_pt, height_pt = (s * 72 for s in fig.get_size_inches())
    axes_pt = height_pt - TIMELINE_LEGEND_PT
    ax = fig.add_axes((0, 0, 1, axes_pt / height_pt))
    ax.set_axis_off()
    # From January of the first year to the month after the last event.
    start = datetime.date(datetime.date.fromordinal(events[0].day).year, 1, 1)
    end = _next_month(datetime.date.fromordinal(events[-1].day))
    line = TIMELINE_NAME_SIZE * 1.3
    pad_pt = line  # room above the first and below the last label
    days_per_pt = (end.toordinal() - start.toordinal()) / (axes_pt - 2 * pad_pt)
    top, bottom = start.toordinal() - pad_pt * days_per_pt, end.toordinal() + pad_pt * days_per_pt
    ax.set_xlim(0, width_pt)
    ax.set_ylim(bottom, top)  # time flows down the page

    # The time axis: a rule, a tick for every month, the year at each January.
    ax.plot([TIMELINE_AXIS_X] * 2, [start.toordinal(), end.toordinal()], color=ink, lw=1.2)
    month = start
    while month <= end:
        y = month.toordinal()
        length = 8 if month.month == 1 else 4
        ax.plot([TIMELINE_AXIS_X - length, TIMELINE_AXIS_X], [y, y], color=ink, lw=1)
        if month.month == 1:
            year = d.labels["units"]["year"].format(n=month.year)
            ax.text(TIMELINE_AXIS_X - 11, y, year, ha="right", va="center", fontsize=10.5)
        month = _next_month(month)

    # Each event: a dot on the axis at its date, a leader to its label, the
    # group's marker, the date and the event's name.
    label_days = _spread(
        [e.day for e in events],
        (2 * line + 6) * days_per_pt,
        start.toordinal() - 0.4 * line * days_per_pt,
        end.toordinal() - 1.2 * line * days_per_pt,
    )
    for event, y in zip(events, label_days, strict=True):
        marker, colour = TIMELINE_STYLE[event.group]
        leader = ([TIMELINE_AXIS_X, TIMELINE_MARKER_X - 7], [event.day, y])
        ax.plot(*leader, color=grid, lw=0.9, zorder=1)
        point = {"linestyle": "none", "zorder": 3}
        dot, mark = f"event-{event.key}", f"marker-{event.group}-{event.key}"
        ax.plot([TIMELINE_AXIS_X], [event.day], "o", ms=3.5, color=ink, gid=dot, **point)
        ax.plot([TIMELINE_MARKER_X], [y], marker, ms=_size(marker), color=colour, gid=mark, **point)
        ax.text(TIMELINE_TEXT_X, y, event.date, va="center", fontsize=TIMELINE_DATE_SIZE)
        name_y = y + line * days_per_pt
        ax.text(TIMELINE_TEXT_X, name_y, event.name, va="center", fontsize=TIMELINE_NAME_SIZE)
    entries = [
        (Line2D([], [], marker=m, color=c, ls="none", ms=_size(m)), words[group])
        for group, (m, c) in TIMELINE_STYLE.items()
    ]
    layout = {"handletextpad": 0.3, "columnspacing": 1.2}
    legend_above(fig, entries, ink, ncols=2, fontsize=10.5, **layout)


def timeline_alt(d: ChartData) -> str:
    words = d.words("geniac-timeline")
    events = timeline_events(d)
    listed = "".join(
        words["alt-event"].format(date=e.date, event=e.name, group=words[e.group]) for e in events
    )
    keys = (k for _, date, count in TIMELINE for k in (date, count) if k)
    return d.alt("geniac-timeline", keys, **_span(d), n=len(events), events=listed)


def timeline_rows(d: ChartData) -> list[tuple[str, str]]:
    counts = {date: count for _, date, count in TIMELINE}
    events = d.words("geniac-timeline")["events"]
    return [(events[e.key], k) for e in timeline_events(d) for k in (e.key, counts.get(e.key)) if k]


CHARTS = {
    "geniac-timeline": Chart(
        keys=tuple(k for _, date, count in TIMELINE for k in (date, count) if k),
        caption=lambda d: d.words("geniac-timeline")["caption"].format(**_span(d)),
        alt=timeline_alt,
        draw=draw_timeline,
        rows=timeline_rows,
        size=(4.2, 7.0),
        paper_width=r"0.62\linewidth",
        text_pt=TIMELINE_DATE_SIZE,
    ),
}
