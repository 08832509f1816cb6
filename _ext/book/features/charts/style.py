"""The charts' font and colours, matplotlib's settings for them, and the ways every
chart draws a model's parameters and their log axis."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError

# IPAexGothic is a TrueType font, which matplotlib embeds correctly in PDF
# (fonttype 42).  Debian package fonts-ipaexfont-gothic (tools/system-deps.sh).
# Its Latin letters are proportional: the English edition uses the same font.
FONT_FAMILY = "IPAexGothic"
FONT_FILES = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
)
FONT_PACKAGE = "fonts-ipaexfont-gothic"

# Okabe–Ito colours (Okabe & Ito 2008, safe for the common colour-vision
# deficiencies), restricted to those with >= 3:1 contrast against both white and
# Furo's dark background (#131416): blue 5.2/3.6, vermillion 3.9/4.8.
BLUE = "#0072b2"
VERMILLION = "#d55e00"
# On the dark page the blue becomes Okabe–Ito's sky blue (8.0:1), for thin lines and
# hollow points; the web page picks it by theme (_static/charts.css: --book-chart-blue).
BLUE_ON_DARK = "#56b4e9"

# The text size of a chart unless it sets its own (points of the drawing).
TEXT_SIZE = 10.5


# Colours the SVG uses for text and rules.  They are drawn as sentinel values and
# replaced afterwards: in the web page by the page's own colours (dark mode), in
# the EPUB and PDF by fixed dark-on-white ones.
INK_SENTINEL = "#010101"
GRID_SENTINEL = "#020202"
SVG_COLOURS = {INK_SENTINEL: INK_SENTINEL, GRID_SENTINEL: GRID_SENTINEL}
WEB_COLOURS = {
    INK_SENTINEL: "currentColor",
    GRID_SENTINEL: "var(--color-foreground-border, #8c8c8c)",
    BLUE: f"var(--book-chart-blue, {BLUE})",
}
PAPER_COLOURS = {INK_SENTINEL: "#1a1a1a", GRID_SENTINEL: "#b0b0b0"}
# Font stack of the standalone SVG (EPUB): it cannot use the page's stack.
EPUB_FONT_STACK = (
    "'IPAexGothic', 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic', 'Meiryo', sans-serif"
)


def find_font() -> Path:
    """The chart font's file, or a clear error saying how to install it."""
    for candidate in FONT_FILES:
        if Path(candidate).is_file():
            return Path(candidate)
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{FONT_FAMILY}:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found.endswith("ipaexg.ttf") and Path(found).is_file():
            return Path(found)
    raise ExtensionError(
        f"charts: the Japanese font {FONT_FAMILY} (ipaexg.ttf) is missing, so the charts "
        f"cannot be drawn. Install the Debian package {FONT_PACKAGE}: run "
        "`bash tools/system-deps.sh` (or `make system-deps`)."
    )


def rc(colours: dict[str, str], family: str = FONT_FAMILY) -> dict[str, Any]:
    """matplotlib's settings for one drawing (``colours``: web sentinels or paper;
    ``family``: the paper font for the PDF, paper_font.py)."""
    ink, grid = colours[INK_SENTINEL], colours[GRID_SENTINEL]
    return {
        "font.family": family,
        "font.size": TEXT_SIZE,
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.edgecolor": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        "grid.color": grid,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",  # text stays text in the SVG
        "svg.hashsalt": "geniac-book",  # stable clip-path ids
        "svg.id": None,
        "pdf.fonttype": 42,  # TrueType embedded, text extractable
        "legend.frameon": False,
    }


def plot_parameters(
    ax: Any,
    y: float,
    total: float,
    active: float | None,
    *,
    key: str,
    marker: str,
    size: float,
    colour: str,
) -> None:
    """A model's total parameters as a filled point at height ``y``; for a
    mixture-of-experts model also its active parameters, a hollow point of the same
    shape joined to the total by a line.  The points carry the SVG ids
    ``total-<key>`` and ``active-<key>``, by which the tests find them."""
    point = {"marker": marker, "markersize": size, "color": colour, "ls": "none", "zorder": 2}
    if active is not None:
        ax.plot([active, total], [y, y], color=colour, linewidth=1.5, zorder=1)
        hollow = {"markerfacecolor": "none", "markeredgewidth": 1.6}
        ax.plot([active], [y], **point, **hollow, gid=f"active-{key}")
    ax.plot([total], [y], **point, gid=f"total-{key}")


def legend_above(fig: Any, entries: list[tuple[Any, str]], ink: str, **layout: Any) -> None:
    """The legend (``entries``: handle, name) at the drawing's top left, above what it
    explains, where it covers nothing."""
    handles, names = zip(*entries, strict=True)
    where = {"loc": "upper left", "bbox_to_anchor": (0, 1), "labelcolor": ink}
    fig.legend(list(handles), list(names), **where, **layout)


def log_axis(ax: Any, low: float, high: float, d: Any, label: str, **text: Any) -> None:
    """The parameters' axis, logarithmic from ``low`` to ``high``: a grid line and the
    count (``d.count``: ``1兆``) at each power of ten, no axis line at the left."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(FixedLocator([10.0**e for e in range(16) if low <= 10.0**e <= high]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: d.count(v)))
    ax.grid(axis="x", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(label, **text)
