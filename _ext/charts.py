"""Charts drawn at build time from the data file, never by hand.

A page writes::

    ```{chart} models-by-region
    ```

and gets a numbered figure (``numfig``) with a caption, alt text and a source line,
all made from ``data/facts.yaml``; refer to it with ``{numref}`fig-models-by-region```
(``:name:`` changes the label, ``:caption:`` and ``:alt:`` replace the generated words).
Charts: ``models-by-region``, ``private-investment`` (AI Index 2025 and 2026 side
by side), ``benchmark-gap``, ``rakuten-models``, ``geniac-timeline``,
``domestic-models`` (the rows of ``models:``, read by _ext/domestic_models.py; see
``CHARTS`` at the end).  Words of a chart that are not figures may live in data/labels.yaml
under ``charts:`` (read with ``ChartData.words``).

Drawn with matplotlib (Agg), in three forms:

* web site: an SVG *inlined* in the page.  Text stays text (``svg.fonttype: none``)
  without a font name, so it is set in the page's own font stack, can be searched
  and selected, and its colour is ``currentColor``: it follows Furo's light and dark
  themes (an ``<img>`` SVG could use neither the page's fonts nor its colours).
  Series colours are Okabe–Ito hues that keep a 3:1 contrast on both backgrounds;
* EPUB: the same drawing as an SVG file in an ``<img>`` (epubcheck wants inline
  SVG declared in the manifest, which Sphinx does not do), dark text on white;
* PDF: a vector PDF with the Japanese font embedded (IPAexGothic, TrueType: the
  OpenType/CFF fonts on the machine are embedded by matplotlib under a TrueType
  font type, which PDF readers flag as broken).

Output is reproducible (fixed ``svg.hashsalt``, no dates or tool names in the files)
and cached in ``<doctreedir>/charts`` under a hash of the chart's data, the words
used, this file and matplotlib's version: a rebuild with no change draws nothing
(and does not even import matplotlib).  A page with a chart is re-read when that
hash changes, so editing the data or this code redraws exactly the affected charts.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import logging as std_logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from facts import Fact, _note_use, format_date, format_large_ja, format_ratio, format_value
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

# ==============================================================================
# Fonts and colours
# ==============================================================================

# IPAexGothic is a TrueType font, which matplotlib embeds correctly in PDF
# (fonttype 42).  Debian package fonts-ipaexfont-gothic (tools/system-deps.sh).
FONT_FAMILY = "IPAexGothic"
FONT_FILES = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
)
FONT_PACKAGE = "fonts-ipaexfont-gothic"

# Okabe–Ito colours (Okabe & Ito 2008, safe for the common colour-vision
# deficiencies), restricted to those with >= 3:1 contrast against both white and
# Furo's dark background (#131416): blue 5.2/3.6, vermillion 3.9/4.6.
BLUE = "#0072b2"
VERMILLION = "#d55e00"

# Colours the SVG uses for text and rules.  They are drawn as sentinel values and
# replaced afterwards: in the web page by the page's own colours (dark mode), in
# the EPUB and PDF by fixed dark-on-white ones.
INK_SENTINEL = "#010101"
GRID_SENTINEL = "#020202"
WEB_COLOURS = {
    INK_SENTINEL: "currentColor",
    GRID_SENTINEL: "var(--color-foreground-border, #8c8c8c)",
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


# ==============================================================================
# The data a chart reads
# ==============================================================================


class ChartData:
    """Facts and words for one chart, with the book's formatting."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.facts = app.facts.facts
        self.labels = app.facts.labels.get(app.config.language, app.facts.labels["ja"])

    def fact(self, key: str) -> Fact:
        return self.facts[key]

    @functools.cached_property
    def models(self) -> list[Any]:
        """The rows of ``models:`` (Japan's foundation models), for the charts drawn
        from them; read only by those charts."""
        import domestic_models  # it imports this module (source_line)

        return domestic_models.models_of(self.app)

    def value(self, key: str) -> float:
        return float(self.facts[key].value)

    def text(self, key: str) -> str:
        """The value as readers see it in the prose (``40件``, ``1091億ドル``)."""
        return format_value(self.facts[key], self.labels)

    def mark(self, key: str) -> str:
        """The status mark of a reported or unverified fact (``［報道］``), as the
        prose shows it after the value; nothing for a confirmed one."""
        mark = self.labels["statuses"][self.facts[key].status]["mark"]
        return f"［{mark}］" if mark else ""

    def marked(self, key: str) -> str:
        """The value with its status mark (``59件［報道］``)."""
        return self.text(key) + self.mark(key)

    def marks_note(self, keys: Any) -> str:
        """What the marks used among ``keys`` mean (``［報道］は報道ベースの値。``),
        for the alt text, where the mark alone would be cryptic."""
        statuses = self.labels["statuses"]
        used = dict.fromkeys(self.facts[k].status for k in keys if self.mark(k))
        return "".join(f"［{statuses[s]['mark']}］は{statuses[s]['word']}の値。" for s in used)

    def previous(self, key: str) -> str:
        """The fact that ``key`` supersedes (the same quantity in the older edition)."""
        older = self.facts[key].supersedes
        if not older:
            raise ExtensionError(f"charts: fact '{key}' supersedes nothing (data/facts.yaml)")
        return older

    def words(self, chart: str) -> dict[str, Any]:
        """The reader-facing words of one chart (data/labels.yaml ``charts:``)."""
        return self.labels["charts"][chart]

    def ratio(self, a: str, b: str) -> str:
        return format_ratio(self.value(a), self.value(b), self.labels)

    def date(self, key: str) -> str:
        return format_date(self.facts[key].as_of, self.labels)

    def count(self, number: float) -> str:
        """A bare count the Japanese way (``7000億``)."""
        return format_large_ja(number)


@dataclass(frozen=True)
class Chart:
    keys: tuple[str, ...]  # facts drawn (and listed as used)
    caption: Callable[[ChartData], str]
    alt: Callable[[ChartData], str]
    draw: Callable[[Any, ChartData, dict[str, str]], None]  # (figure, data, colours)
    size: tuple[float, float]  # inches
    # Width on paper (LaTeX): a tall chart drawn narrow, so that it stays readable
    # on a phone, would fill more than a page at the full line width.
    paper_width: str = r"\linewidth"
    # Largest width on screen and in the EPUB (CSS), for the same tall charts.
    max_width: str = ""
    # Also the facts that ``keys`` supersede (a chart of two editions side by side).
    with_previous: bool = False
    # Drawn from the rows of ``models:``: the facts shown are theirs (``keys`` empty).
    from_models: bool = False


def model_keys(models: list[Any]) -> tuple[str, ...]:
    """The facts a chart of ``models:`` shows: total and active parameters."""
    return tuple(dict.fromkeys(k for m in models for k in (m.params, m.active) if k))


def chart_keys(
    chart: Chart, facts: dict[str, Fact], models: list[Any] | None = None
) -> tuple[str, ...]:
    """Every fact a chart shows: its keys, each preceded by the fact it supersedes
    when the chart compares two editions.  A chart drawn from ``models:`` shows the
    facts of the rows (``models``: this build's; the repository's data otherwise)."""
    if chart.from_models:
        if models is None:
            import domestic_models

            models = domestic_models.default_models().rows
        return model_keys(models)
    keys: list[str] = []
    for key in chart.keys:
        fact = facts.get(key)
        if chart.with_previous and fact is not None and fact.supersedes:
            keys.append(fact.supersedes)
        keys.append(key)
    return tuple(dict.fromkeys(keys))


@functools.cache
def _matplotlib_version() -> str:
    return metadata.version("matplotlib")


def digest(app: Sphinx, name: str) -> str:
    """What a chart's drawing depends on: its data, its words, the code, matplotlib."""
    chart = CHARTS[name]
    data = ChartData(app)
    models = data.models if chart.from_models else None
    facts = {
        key: [f.value, f.unit, f.label, f.as_of, f.sources, f.status, f.approx, f.supersedes]
        for key, f in ((k, data.facts.get(k)) for k in chart_keys(chart, data.facts, models))
        if f
    }
    sources = sorted({s for f in facts.values() for s in f[4]})
    rows = [dataclasses.asdict(m) for m in models] if models is not None else None
    payload = json.dumps(
        {
            "chart": name,
            "facts": facts,
            "labels": data.labels.get("units"),
            "ratio": [data.labels.get("ratio"), data.labels.get("ratio-exact")],
            "statuses": data.labels.get("statuses"),
            "approx-date": data.labels.get("approx-date"),
            "words": data.labels.get("charts", {}).get(name),
            "sources": sources,
            "rows": rows,
            "code": CODE_DIGEST,
            "matplotlib": _matplotlib_version(),
        },
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


# ==============================================================================
# Drawing (matplotlib is imported only when a chart must be drawn)
# ==============================================================================


def _rc(colours: dict[str, str], font: Path) -> dict[str, Any]:
    ink, grid = colours[INK_SENTINEL], colours[GRID_SENTINEL]
    return {
        "font.family": FONT_FAMILY,
        "font.size": 10.5,
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


def _svg_colours() -> dict[str, str]:
    return {INK_SENTINEL: INK_SENTINEL, GRID_SENTINEL: GRID_SENTINEL}


def render(app: Sphinx, name: str, cache: Path, key: str, fmt: str) -> None:
    """Draw one chart into the cache: ``svg`` (web and EPUB files) or ``pdf``.

    One format at a time: a web-only build never pays for the PDF's font subsetting.
    """
    font = find_font()
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure  # no pyplot: no global state, faster import

    font_manager.fontManager.addfont(str(font))
    # fontTools reports every subsetting step at INFO level into Sphinx's log.
    std_logging.getLogger("fontTools").setLevel(std_logging.WARNING)
    chart = CHARTS[name]
    data = ChartData(app)
    cache.mkdir(parents=True, exist_ok=True)
    # Remove older drawings of this chart: the cache keeps the current one only.
    for old in cache.glob(f"{name}-*"):
        if re.fullmatch(rf"{re.escape(name)}-[0-9a-f]+\..*", old.name) and key not in old.name:
            old.unlink()

    colours = _svg_colours() if fmt == "svg" else PAPER_COLOURS
    tmp = cache / f".{name}-{key}.{fmt}.tmp"
    with matplotlib.rc_context(_rc(colours, font)):
        fig = Figure(figsize=chart.size, layout="constrained")
        chart.draw(fig, data, colours)
        if fmt == "svg":
            fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(
                tmp,
                format="pdf",
                metadata={"Creator": None, "Producer": None, "CreationDate": None},
            )
    if fmt == "svg":
        raw = tmp.read_text(encoding="utf-8")
        tmp.unlink()
        _write(cache / f"{name}-{key}.web.svg", web_svg(raw, name))
        _write(cache / f"{name}-{key}.svg", epub_svg(raw))
    else:
        os.replace(tmp, cache / f"{name}-{key}.pdf")


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _strip_prolog(svg: str) -> str:
    """Drop the XML prolog, DOCTYPE and the metadata block (nothing readers need)."""
    svg = svg[svg.index("<svg") :]
    start, end = svg.find("<metadata>"), svg.find("</metadata>")
    if start != -1 and end != -1:
        svg = svg[:start] + svg[end + len("</metadata>") :]
    return svg


def _colours(svg: str, colours: dict[str, str]) -> str:
    for sentinel, colour in colours.items():
        svg = svg.replace(sentinel, colour)
    return svg


def web_svg(raw: str, name: str) -> str:
    """The SVG to inline in a web page: page font, page colours, unique ids."""
    svg = _strip_prolog(raw)
    # No font name: the text inherits the page's font stack (and its Japanese font).
    svg = re.sub(r"font-family: [^;\"]*;?\s*", "", svg)
    svg = _colours(svg, WEB_COLOURS)
    # Several charts share a page: every id gets the chart's name.
    prefix = f"chart-{name}-"
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}\1"', svg)
    # Scale with the page; the viewBox keeps the proportions.
    svg = re.sub(
        r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
        r'<svg\1 class="chart-svg" width="100%" style="height: auto; overflow: visible"',
        svg,
        count=1,
    )
    return svg.strip() + "\n"


def epub_svg(raw: str) -> str:
    """A standalone SVG (EPUB): fixed dark-on-white colours and a font stack."""
    svg = _strip_prolog(raw)
    svg = re.sub(r"font-family: [^;\"]*", f"font-family: {EPUB_FONT_STACK}", svg)
    svg = _colours(svg, PAPER_COLOURS)
    # A white card, so that the drawing stays readable in a reader's night mode.
    svg = re.sub(
        r"(<svg[^>]*>)", r'\1<rect width="100%" height="100%" fill="#ffffff"/>', svg, count=1
    )
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg.strip() + "\n"


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

# The rows of the two AI Index charts: a region's name and its fact in AI Index
# 2026 (data for 2025).  The 2024 value is the fact that one supersedes in the
# data (``ChartData.previous``), so each pair is written once, in the data file.
# Europe (3 models in 2024) is not drawn: the data has no 2025 total for it, a
# lone bar would look like a fall to nothing, and the prose states the figure.
# Japan's 2025 investment (no 2024 counterpart) stays in the prose likewise.
YEAR_NEW = "aiindex26-year"
MODELS = (
    ("米国", "aiindex26-models-us"),
    ("中国", "aiindex26-models-cn"),
)
# The 2025 model counts differ between the report's text (drawn as the bar) and
# the launch coverage (drawn as a range mark and written in the label): neither
# is known to be the final one.
MODELS_LAUNCH = {
    "aiindex26-models-us": "aiindex26-models-us-launch",
    "aiindex26-models-cn": "aiindex26-models-cn-launch",
}
INVEST = (
    ("米国", "aiindex26-invest-us"),
    ("中国", "aiindex26-invest-cn"),
    ("英国", "aiindex26-invest-uk"),
)
# The ratio written next to the bars, per year: the US as a multiple of China.
INVEST_RATIO = ("aiindex26-invest-us", "aiindex26-invest-cn")
BAR_HEIGHT = 0.38  # of each year's bar; a region's pair takes 0.76 of its row


def _years(d: ChartData) -> tuple[str, str]:
    """The data years of the two editions (``2024年``, ``2025年``)."""
    return d.text(d.previous(YEAR_NEW)), d.text(YEAR_NEW)


def _editions(d: ChartData) -> tuple[str, str]:
    """``AI Index 2025``, ``AI Index 2026``: an edition is named after its year of
    publication, the date of its year fact."""
    return tuple(f"AI Index {d.fact(k).as_of[:4]}" for k in (d.previous(YEAR_NEW), YEAR_NEW))


def _pairs(d: ChartData, rows: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str]]:
    """(region, 2024 fact, 2025 fact) for each row, paired through ``supersedes``."""
    return [(name, d.previous(new), new) for name, new in rows]


def _ratio_note(d: ChartData, key: str) -> str:
    """``（米国はこの約12倍）`` after China's value, in either year."""
    base, other = INVEST_RATIO
    if key == other:
        return f"（米国はこの{d.ratio(base, other)}）"
    if key == d.previous(other):
        return f"（米国はこの{d.ratio(d.previous(base), key)}）"
    return ""


def _models_label(d: ChartData, key: str) -> str:
    """``59件［報道］（公開時の報道は50件［報道］）``: both 2025 counts, marked."""
    launch = MODELS_LAUNCH.get(key)
    return d.marked(key) + (f"（公開時の報道は{d.marked(launch)}）" if launch else "")


def _invest_label(d: ChartData, key: str) -> str:
    return d.marked(key) + _ratio_note(d, key)


def _draw_two_years(
    fig: Any,
    d: ChartData,
    colours: dict[str, str],
    rows: tuple[tuple[str, str], ...],
    label: Callable[[ChartData, str], str],
) -> Any:
    """Grouped horizontal bars: per region the older year above the newer one,
    told apart by colour *and* hatching (a grey printout keeps the difference)."""
    ax = fig.add_subplot()
    pairs = _pairs(d, rows)
    before, after = _years(d)
    editions = _editions(d)
    height = BAR_HEIGHT
    # From the top: first region's two bars, then the next region's...
    centres = [len(pairs) - 1 - i for i in range(len(pairs))]
    old = ax.barh(
        [c + height / 2 for c in centres],
        [d.value(o) for _, o, _ in pairs],
        height,
        color=BLUE,
        label=f"{before}（{editions[0]}）",
    )
    new = ax.barh(
        [c - height / 2 for c in centres],
        [d.value(n) for _, _, n in pairs],
        height,
        color=VERMILLION,
        hatch="///",
        edgecolor=colours[INK_SENTINEL],
        linewidth=0,
        label=f"{after}（{editions[1]}）",
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


# --- notable models by region -------------------------------------------------


def draw_models(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax = _draw_two_years(fig, d, colours, MODELS, _models_label)
    # The launch coverage's count as a range mark on each 2025 bar: a line from
    # that count to the bar's end, with a tick at each end.
    for i, (_, new) in enumerate(MODELS):
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
                label=f"{_years(d)[1]}の値の幅（本文と報道）" if i == 0 else None,
            )
    _legend_above(fig, ax, colours)


def models_caption(d: ChartData) -> str:
    before, after = _years(d)
    return (
        f"開発した機関の所在地別にみた注目すべきAIモデルの数（{before}と{after}）。"
        f"{after}は報告書本文の値を棒で、公開時の報道の値との幅を線で示す"
    )


def models_alt(d: ChartData) -> str:
    before, after = _years(d)
    parts = "、".join(
        f"{name}は{before}が{d.marked(old)}、{after}が{_models_label(d, new)}"
        for name, old, new in _pairs(d, MODELS)
    )
    keys = [k for _, o, n in _pairs(d, MODELS) for k in (o, n, MODELS_LAUNCH.get(n, n))]
    return (
        f"横棒グラフ。注目すべきAIモデルの数は、{parts}。"
        f"{after}の件数は報告書本文と公開時の報道で食い違っている。{d.marks_note(keys)}"
    )


# --- private investment -------------------------------------------------------


def draw_investment(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax = _draw_two_years(fig, d, colours, INVEST, _invest_label)
    _legend_above(fig, ax, colours)


def investment_caption(d: ChartData) -> str:
    before, after = _years(d)
    return f"国別の民間AI投資額（{before}と{after}、米ドル）"


def investment_alt(d: ChartData) -> str:
    before, after = _years(d)
    parts = "、".join(
        f"{name}は{before}が{_invest_label(d, old)}、{after}が{_invest_label(d, new)}"
        for name, old, new in _pairs(d, INVEST)
    )
    keys = [k for _, o, n in _pairs(d, INVEST) for k in (o, n)]
    return f"横棒グラフ。民間AI投資額は、{parts}。{d.marks_note(keys)}"


# --- the US–China gap on two benchmarks -----------------------------------------

GAP = (
    ("MMLU", "aiindex-gap-mmlu-2023", "aiindex-gap-mmlu-2024"),
    ("HumanEval", "aiindex-gap-humaneval-2023", "aiindex-gap-humaneval-2024"),
)


def _gap_years(d: ChartData) -> tuple[str, str]:
    return f"{d.date(GAP[0][1])}末", f"{d.date(GAP[0][2])}末"


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
    ax.set_title("米中トップモデルの差（ポイント）", loc="left", fontsize=10)
    ax.legend(loc="upper right")


def gap_caption(d: ChartData) -> str:
    before, after = _gap_years(d)
    return f"MMLU と HumanEval での米中トップモデルの差（{before}と{after}）"


def gap_alt(d: ChartData) -> str:
    before, after = _gap_years(d)
    parts = "、".join(f"{n}は{d.text(b)}から{d.text(a)}" for n, b, a in GAP)
    return f"縦棒グラフ。米中トップモデルの差は、{before}から{after}にかけて{parts}に縮まった。"


# --- Rakuten's models by size ---------------------------------------------------


def _about(d: ChartData, key: str) -> str:
    """``約`` before a count that the data calls approximate: its label says so in
    its closing parenthesis (「…（約）」, 「…（楽天の発表での丸めた値、約）」)."""
    return "約" if re.search(r"[（、]約）$", d.fact(key).label) else ""


def _size(d: ChartData, key: str) -> str:
    """A parameter count as the chart writes it (``約470億``), with its mark."""
    return f"{_about(d, key)}{d.count(d.value(key))}{d.mark(key)}"


def _moe(d: ChartData, total: str, active: str) -> str:
    """``約470億（働くのは130億）``: total and active parameters of an MoE model."""
    return f"{_size(d, total)}（働くのは{_size(d, active)}）"


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


def _rakuten_rows(d: ChartData) -> list[tuple[str, float, float | None, str, str]]:
    """(name, total, active or None, label, the total's fact) from the oldest to the
    newest model."""
    rows = [
        (
            name,
            d.value(total),
            d.value(active) if active else None,
            _moe(d, total, active) if active else _size(d, total),
            total,
        )
        for name, total, active in RAKUTEN
    ]
    name, total, active = RAKUTEN_3
    finished = (d.value(total), d.value(active), _moe(d, total, active), total)
    if d.value(RAKUTEN_TARGET) == d.value(total):
        rows.append((f"{name}（目標の規模）", *finished))
    else:  # the finished model differs from the target: show both
        target = d.value(RAKUTEN_TARGET)
        rows.append(("目標の規模", target, None, _size(d, RAKUTEN_TARGET), RAKUTEN_TARGET))
        rows.append((name, *finished))
    return rows


def draw_rakuten(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax = fig.add_subplot()
    rows = _rakuten_rows(d)[::-1]
    ink = colours[INK_SENTINEL]
    for y, (_, total, active, label, key) in enumerate(rows):
        if active is not None:
            ax.plot([active, total], [y, y], color=BLUE, linewidth=1.5, zorder=1)
            ax.plot(
                [active],
                [y],
                marker="o",
                markersize=8,
                color=BLUE,
                markerfacecolor="none",
                markeredgewidth=1.6,
                linestyle="none",
                zorder=2,
                gid=f"active-{key}",
            )
        ax.plot(
            [total],
            [y],
            marker="o",
            markersize=8,
            color=BLUE,
            linestyle="none",
            zorder=2,
            gid=f"total-{key}",  # an id in the SVG: the tests find the point by it
        )
        ax.annotate(
            label,
            (total, y),
            xytext=(0, 8),
            textcoords="offset points",
            # Near the right edge (within a decade of the largest), the label ends at
            # its point: centred, it would run past the last grid line.
            ha="right" if total * 10 > max(r[1] for r in rows) else "center",
            va="bottom",
        )
    ax.set_xscale("log")
    low = min(min(r[1], r[2] or r[1]) for r in rows)
    high = max(r[1] for r in rows)
    ax.set_xlim(low / 3, high * 2.5)
    ax.set_ylim(-0.6, len(rows) - 0.2)
    decades = [10.0**e for e in range(0, 16) if low / 3 <= 10.0**e <= high * 2.5]
    ax.xaxis.set_major_locator(FixedLocator(decades))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: d.count(v)))
    ax.grid(axis="x", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("パラメータ数（対数目盛：目盛り一つで10倍）")
    ax.plot([], [], marker="o", color=BLUE, linestyle="none", label="総パラメータ数")
    ax.plot(
        [],
        [],
        marker="o",
        color=BLUE,
        markerfacecolor="none",
        linestyle="none",
        label="1トークンごとに働くパラメータ数（MoE）",
    )
    # Above the plot, where it cannot cover a point.
    fig.legend(loc="outside upper center", ncols=2, fontsize=9.5, labelcolor=ink)


def rakuten_caption(d: ChartData) -> str:
    return "楽天のモデルの大きさ（パラメータ数、対数目盛）"


def rakuten_alt(d: ChartData) -> str:
    rows = _rakuten_rows(d)
    parts = "、".join(f"{name}は{label}" for name, _, _, label, _ in rows)
    largest, smallest = max(r[1] for r in rows), min(r[1] for r in rows)
    ratio = format_ratio(largest, smallest, d.labels)
    return (
        f"対数目盛の点グラフ。パラメータ数は{parts}。"
        f"目盛りが一つ進むごとに10倍になるので、最大のモデルは最小のモデルの{ratio}ある。"
    )


# --- GENIAC and Rakuten on a time line ------------------------------------------

# The events: group, the fact giving the date, the fact giving a count (or None).
# "geniac": GENIAC's rounds and the state's other steps; "rakuten": what concerns
# Rakuten itself.  Drawn in the order of their dates; names and every other word
# in data/labels.yaml (ja: charts: geniac-timeline).
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
# Layout in points (the drawing is narrow and tall, so that on a 375 px phone the
# text stays about as large as the page's): where the time axis and the labels
# stand, and the size of the two lines of each label (date, then event).
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


def timeline_events(d: ChartData) -> list[Event]:
    """The events of ``TIMELINE`` in the order of their dates."""
    words = d.words("geniac-timeline")
    events = []
    for group, key, count in TIMELINE:
        name = words["events"][key]
        if count:
            name = words["with-count"].format(event=name, count=d.marked(count))
        events.append(Event(group, key, _ordinal(d.fact(key).value), d.marked(key), name))
    return sorted(events, key=lambda e: e.day)


def _timeline_span(d: ChartData) -> tuple[str, str]:
    """The months of the first and the last event (``2024年2月``, ``2026年6月``)."""
    events = timeline_events(d)
    first, last = (datetime.date.fromordinal(e.day) for e in (events[0], events[-1]))
    return tuple(format_date(f"{x.year}-{x.month:02d}", d.labels) for x in (first, last))


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
    end_day = datetime.date.fromordinal(events[-1].day)
    end = datetime.date(end_day.year + end_day.month // 12, end_day.month % 12 + 1, 1)
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
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)

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
        ax.plot(
            [TIMELINE_AXIS_X, TIMELINE_MARKER_X - 7],
            [event.day, y],
            color=grid,
            lw=0.9,
            zorder=1,
        )
        ax.plot(
            [TIMELINE_AXIS_X],
            [event.day],
            marker="o",
            markersize=3.5,
            color=ink,
            linestyle="none",
            zorder=3,
            gid=f"event-{event.key}",
        )
        ax.plot(
            [TIMELINE_MARKER_X],
            [y],
            marker=marker,
            markersize=8 if marker == "o" else 7,
            color=colour,
            linestyle="none",
            zorder=3,
            gid=f"marker-{event.group}-{event.key}",
        )
        ax.text(TIMELINE_TEXT_X, y, event.date, va="center", fontsize=TIMELINE_DATE_SIZE)
        ax.text(
            TIMELINE_TEXT_X,
            y + line * days_per_pt,
            event.name,
            va="center",
            fontsize=TIMELINE_NAME_SIZE,
        )
    handles = [
        Line2D([], [], marker=m, color=c, linestyle="none", markersize=8 if m == "o" else 7)
        for m, c in TIMELINE_STYLE.values()
    ]
    fig.legend(
        handles,
        [words[group] for group in TIMELINE_STYLE],
        loc="upper left",
        bbox_to_anchor=(0, 1),
        ncols=2,
        fontsize=10.5,
        labelcolor=ink,
        handletextpad=0.3,
        columnspacing=1.2,
    )


def timeline_caption(d: ChartData) -> str:
    first, last = _timeline_span(d)
    return d.words("geniac-timeline")["caption"].format(first=first, last=last)


def timeline_alt(d: ChartData) -> str:
    words = d.words("geniac-timeline")
    first, last = _timeline_span(d)
    events = timeline_events(d)
    listed = "".join(
        words["alt-event"].format(date=e.date, event=e.name, group=words[e.group]) for e in events
    )
    text = words["alt"].format(first=first, last=last, n=len(events), events=listed)
    return text + d.marks_note(k for _, date, count in TIMELINE for k in (date, count) if k)


# --- Japan's own foundation models (data/facts.yaml "models:") -------------------

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


def domestic_rows(d: ChartData) -> list[Any]:
    """The rows of ``models:`` from the largest total to the smallest.

    Sorted by size, not by date: the chart answers how large each model is next
    to the others (the chapter's question of the largest), and on a log axis a
    descending order reads as a ladder; the table beside it keeps the data's
    order.  Models of the same size keep the data's order."""
    return sorted(d.models, key=lambda m: -d.value(m.params))


def _domestic_size(d: ChartData, model: Any) -> str:
    """``6710億（働くのは370億）``, ``約4600億``: the sizes with 約 and their marks."""
    words = d.words("domestic-models")
    if model.active:
        return words["size-moe"].format(total=_size(d, model.params), active=_size(d, model.active))
    return words["size"].format(total=_size(d, model.params))


def _row_mark(d: ChartData, model: Any) -> str:
    """The mark of a row whose words (training, base...) are only reported."""
    mark = d.labels["statuses"][model.status]["mark"]
    return f"［{mark}］" if mark else ""


def _domestic_name(d: ChartData, model: Any) -> str:
    words = d.words("domestic-models")
    return words["row"].format(
        name=model.name + _row_mark(d, model), training=words[model.training]
    )


def _text_width_pt(text: str, size: float) -> float:
    """About how wide a text is set: Latin letters and digits half a square."""
    return sum(size * (0.6 if ord(c) < 0x2E80 else 1.0) for c in text)


def draw_domestic(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    import math

    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    words = d.words("domestic-models")
    rows = domestic_rows(d)
    ink, grid = colours[INK_SENTINEL], colours[GRID_SENTINEL]
    # Laid out by hand, in points: the labels are placed beside their points
    # knowing where the points stand.
    fig.set_layout_engine("none")
    height_pt = DOMESTIC_LEGEND_PT + DOMESTIC_ROW_PT * (len(rows) + 0.4) + DOMESTIC_AXIS_PT
    fig.set_size_inches(DOMESTIC_WIDTH_IN, height_pt / 72)
    width_pt = DOMESTIC_WIDTH_IN * 72
    # Room at the right for the last tick's label ("1兆"), centred on its line.
    right_pt = 14.0
    ax = fig.add_axes(
        (
            0,
            DOMESTIC_AXIS_PT / height_pt,
            1 - right_pt / width_pt,
            1 - (DOMESTIC_AXIS_PT + DOMESTIC_LEGEND_PT) / height_pt,
        )
    )
    width_pt -= right_pt  # the plot's own width, where the points stand
    values = [d.value(k) for m in rows for k in (m.params, m.active) if k]
    low, high = min(values) / 2.5, max(values) * 1.5
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    # Row i: its name at i - 0.28, its points at i + 0.17 (time... sizes run right).
    ax.set_ylim(len(rows) - 0.5, -0.9)
    span = math.log10(high) - math.log10(low)

    def at_pt(v: float) -> float:
        return (math.log10(v) - math.log10(low)) / span * width_pt

    for y, model in enumerate(rows):
        marker, colour = DOMESTIC_STYLE.get(model.training, DOMESTIC_STYLE["unknown"])
        colour = colour or ink
        size = 7.5 if marker == "o" else 7
        emphasised = model.key == DOMESTIC_EMPHASIS
        if emphasised:
            ax.axhspan(y - 0.62, y + 0.45, color=grid, alpha=0.28, linewidth=0, zorder=0)
        total, active = d.value(model.params), d.value(model.active) if model.active else None
        point_y = y + 0.17
        if active is not None:
            ax.plot([active, total], [point_y] * 2, color=colour, linewidth=1.5, zorder=1)
            ax.plot(
                [active],
                [point_y],
                marker=marker,
                markersize=size,
                color=colour,
                markerfacecolor="none",
                markeredgewidth=1.6,
                linestyle="none",
                zorder=2,
                gid=f"active-{model.key}",
            )
        ax.plot(
            [total],
            [point_y],
            marker=marker,
            markersize=size,
            color=colour,
            linestyle="none",
            zorder=2,
            gid=f"total-{model.key}",  # an id in the SVG: the tests find the point by it
        )
        ax.text(
            0.0,
            y - 0.28,
            _domestic_name(d, model),
            transform=ax.get_yaxis_transform(),
            ha="left",
            va="center",
            fontsize=DOMESTIC_NAME_SIZE,
            fontweight="bold" if emphasised else "normal",
        )
        # The sizes beside the points: right of the total when they fit there,
        # else left of the leftmost point.
        label = _domestic_size(d, model)
        width = _text_width_pt(label, DOMESTIC_TEXT_SIZE)
        right_room = width_pt - at_pt(total) - 8
        left_room = at_pt(min(total, active or total)) - 8
        if width > right_room and width > left_room and active is not None:
            # Fits neither side (a long MoE line far right): the working share on
            # a second line, beside the total.
            total_text, _, rest = label.partition("（")
            label = f"{total_text}\n（{rest}"
            width = max(_text_width_pt(part, DOMESTIC_TEXT_SIZE) for part in label.split("\n"))
        if width <= right_room or width > left_room:
            xy, offset, ha = total, 7, "left"
        else:
            xy, offset, ha = min(total, active or total), -7, "right"
        ax.annotate(
            label,
            (xy, point_y),
            xytext=(offset, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=DOMESTIC_TEXT_SIZE,
        )

    decades = [10.0**e for e in range(0, 16) if low <= 10.0**e <= high]
    ax.xaxis.set_major_locator(FixedLocator(decades))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: d.count(v)))
    ax.tick_params(axis="x", labelsize=DOMESTIC_TEXT_SIZE)
    ax.grid(axis="x", linewidth=0.6, color=grid)
    ax.set_axisbelow(True)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(words["axis"], fontsize=DOMESTIC_TEXT_SIZE)

    shown = [t for t in DOMESTIC_STYLE if any(m.training == t for m in rows)]
    handles = [
        Line2D(
            [],
            [],
            marker=DOMESTIC_STYLE[t][0],
            color=DOMESTIC_STYLE[t][1] or ink,
            linestyle="none",
            markersize=7,
        )
        for t in shown
    ]
    names = [words[t] for t in shown]
    if any(m.active for m in rows):
        handles.append(
            Line2D([], [], marker="o", color=ink, markerfacecolor="none", linestyle="none")
        )
        names.append(words["active"])
    fig.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(0, 1),
        ncols=2,
        fontsize=DOMESTIC_TEXT_SIZE,
        labelcolor=ink,
        handletextpad=0.2,
        columnspacing=0.8,
        borderaxespad=0.1,
    )


def domestic_caption(d: ChartData) -> str:
    return d.words("domestic-models")["caption"]


def domestic_alt(d: ChartData) -> str:
    words = d.words("domestic-models")
    rows = domestic_rows(d)
    listed = "".join(
        words["alt-model"].format(
            name=model.name + _row_mark(d, model),
            size=_domestic_size(d, model),
            training=words[model.training],
        )
        for model in rows
    )
    text = words["alt"].format(n=len(rows), models=listed)
    return text + d.marks_note(model_keys(rows))


CHARTS: dict[str, Chart] = {
    "models-by-region": Chart(
        keys=(YEAR_NEW, *(k for _, new in MODELS for k in (new, MODELS_LAUNCH.get(new)) if k)),
        caption=models_caption,
        alt=models_alt,
        draw=draw_models,
        size=(6.0, 2.6),
        with_previous=True,
    ),
    "private-investment": Chart(
        keys=(YEAR_NEW, *(new for _, new in INVEST)),
        caption=investment_caption,
        alt=investment_alt,
        draw=draw_investment,
        size=(6.0, 3.0),
        with_previous=True,
    ),
    "benchmark-gap": Chart(
        keys=tuple(k for _, b, a in GAP for k in (b, a)),
        caption=gap_caption,
        alt=gap_alt,
        draw=draw_gap,
        size=(6.0, 3.2),
    ),
    "rakuten-models": Chart(
        keys=(
            *(k for _, total, active in RAKUTEN for k in (total, active) if k),
            RAKUTEN_TARGET,
            *RAKUTEN_3[1:],
        ),
        caption=rakuten_caption,
        alt=rakuten_alt,
        draw=draw_rakuten,
        size=(6.0, 3.4),
    ),
    "geniac-timeline": Chart(
        keys=tuple(k for _, date, count in TIMELINE for k in (date, count) if k),
        caption=timeline_caption,
        alt=timeline_alt,
        draw=draw_timeline,
        size=(4.2, 7.0),
        paper_width=r"0.62\linewidth",
        max_width="26rem",
    ),
    "domestic-models": Chart(
        keys=(),
        caption=domestic_caption,
        alt=domestic_alt,
        draw=draw_domestic,
        # The height follows the number of rows (draw_domestic sets it).
        size=(DOMESTIC_WIDTH_IN, 6.0),
        paper_width=r"0.7\linewidth",
        max_width="28rem",
        from_models=True,
    ),
}


# ==============================================================================
# The directive and its node
# ==============================================================================


class chart_node(nodes.General, nodes.Element):
    """Where the drawing goes inside the figure; written per output format."""


def cache_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "charts"


def cached(app: Sphinx, name: str, key: str, suffix: str) -> Path:
    """The cached file of a chart, drawn first when it is missing."""
    path = cache_dir(app) / f"{name}-{key}.{suffix}"
    if not path.exists():
        fmt = "pdf" if suffix == "pdf" else "svg"
        render(app, name, cache_dir(app), key, fmt)
        logger.info("charts: drew %s (%s)", name, fmt)
    return path


class ChartDirective(SphinxDirective):
    """``{chart} name``: a numbered figure drawn from the data."""

    required_arguments = 1
    has_content = False
    option_spec = {
        "caption": directives.unchanged_required,
        "alt": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        chart = CHARTS.get(name)
        if chart is None:
            raise self.error(f"unknown chart '{name}' (known: {', '.join(CHARTS)})")
        facts = self.env.app.facts.facts
        data = ChartData(self.env.app)
        models = data.models if chart.from_models else None
        missing = [k for k in chart_keys(chart, facts, models) if k not in facts]
        if missing:
            raise self.error(
                f"chart '{name}' needs the fact(s) {', '.join(missing)} in data/facts.yaml"
            )
        for key in chart_keys(chart, facts, models):
            _note_use(self.env, key)
        key = digest(self.env.app, name)
        self.env.charts_used.setdefault(self.env.docname, {})[name] = key

        caption_text = self.options.get("caption") or chart.caption(data)
        alt = self.options.get("alt") or chart.alt(data)
        figure = nodes.figure(classes=["chart", f"chart-{name}"])
        figure += chart_node(chart=name, key=key, alt=alt)
        figure += nodes.caption(caption_text, caption_text)
        legend = self._source_line(data, chart)
        # The chart's numbers: a CSV file and a table on the web, the file's name on
        # paper (_ext/data_files.py).
        from data_files import chart_line

        legend += chart_line(name)
        figure += legend
        self.options.setdefault("name", f"fig-{name}")
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]

    def _source_line(self, data: ChartData, chart: Chart) -> nodes.legend:
        models = data.models if chart.from_models else None
        # A chart of models: the rows' own sources (their words) before the figures'.
        rows = [s for m in models for s in m.sources] if models is not None else []
        return nodes.legend("", source_line(self.env, chart_keys(chart, data.facts, models), rows))


def source_line(env: BuildEnvironment, fact_keys: Any, source_keys: Any = ()) -> nodes.paragraph:
    """「出典：」and every source of the facts, each linked to its row on the sources page
    (``source_keys``: more sources, listed first, e.g. those of a table's words)."""
    data = ChartData(env.app)
    keys = list(
        dict.fromkeys([*source_keys, *(s for k in fact_keys for s in data.fact(k).sources)])
    )
    para = nodes.paragraph(classes=["figure-source"])
    para += nodes.Text("出典：")
    for i, key in enumerate(keys):
        if i:
            para += nodes.Text("／")
        source = env.app.facts.sources[key]
        ref = pending_xref(
            "",
            refdomain="std",
            reftype="ref",
            reftarget=f"source-{key}",
            refexplicit=True,
            refwarn=True,
        )
        ref += nodes.inline(
            "", f"{source.title}（{source.publisher}、{format_date(source.date, data.labels)}）"
        )
        para += ref
    return para


def _publish(source: Path, folder: Path, filename: str) -> Path:
    """Copy a drawing into the output, removing older drawings of the same chart
    (the EPUB packs every file of its folder, stale ones included)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = filename.rsplit("-", 1)[0]
    for old in folder.glob(f"{stem}-*{source.suffix}"):
        if old.name != filename and re.fullmatch(rf"{re.escape(stem)}-[0-9a-f]+\.\w+", old.name):
            old.unlink()
    target = folder / filename
    shutil.copyfile(source, target)
    return target


def visit_chart_html(self: Any, node: chart_node) -> None:
    app = self.builder.app
    name, key = node["chart"], node["key"]
    if self.builder.name == "epub":
        source = cached(app, name, key, "svg")
        target = _publish(
            source, Path(self.builder.outdir) / self.builder.imagedir, f"chart-{name}-{key}.svg"
        )
        alt = self.attval(node["alt"])
        limit = CHARTS[name].max_width
        style = f"width: 100%; max-width: {limit}" if limit else "width: 100%"
        self.body.append(
            f'<img src="{self.builder.imgpath}/{target.name}" alt="{alt}" '
            f'class="chart-image" style="{style}"/>'
        )
    else:
        svg = cached(app, name, key, "web.svg").read_text(encoding="utf-8")
        # role=img + aria-label: screen readers announce the alt text once instead
        # of reading every tick label.
        alt = self.attval(node["alt"])
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{alt}"', 1)
        limit = CHARTS[name].max_width
        style = f' style="max-width: {limit}"' if limit else ""
        self.body.append(f'<div class="chart-drawing"{style}>{svg}</div>')
    raise nodes.SkipNode


def visit_chart_latex(self: Any, node: chart_node) -> None:
    name, key = node["chart"], node["key"]
    source = cached(self.builder.app, name, key, "pdf")
    target = _publish(source, Path(self.builder.outdir), f"chart-{name}-{key}.pdf")
    width = CHARTS[name].paper_width
    self.body.append(f"\n\\sphinxincludegraphics[width={width}]{{{target.name}}}\n")
    raise nodes.SkipNode


def visit_chart_text(self: Any, node: chart_node) -> None:
    self.add_text(f"[{node['alt']}]")
    raise nodes.SkipNode


def visit_chart_skip(self: Any, node: chart_node) -> None:
    raise nodes.SkipNode


# ==============================================================================
# Environment bookkeeping: which pages show which chart, with which hash
# ==============================================================================


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(env, "charts_used"):
        env.charts_used = {}


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "charts_used", {}).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    for docname in docnames:
        if docname in getattr(other, "charts_used", {}):
            env.charts_used[docname] = other.charts_used[docname]


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose chart would now be drawn differently: the chart code or the words
    changed (a change of data/facts.yaml is already a noted dependency)."""
    stale = []
    for docname, charts in getattr(env, "charts_used", {}).items():
        if docname in removed:
            continue
        current = {name: digest(app, name) for name in charts if name in CHARTS}
        if current != charts:
            stale.append(docname)
    return stale


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The charts' small stylesheet, on pages that show a chart only."""
    if (
        app.builder.name == "html"
        and doctree is not None
        and any(True for _ in doctree.findall(chart_node))
    ):
        app.add_css_file("charts.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("facts")
    app.setup_extension("data_files")  # the data line under each chart
    app.add_node(
        chart_node,
        html=(visit_chart_html, None),
        latex=(visit_chart_latex, None),
        text=(visit_chart_text, None),
        man=(visit_chart_skip, None),
        texinfo=(visit_chart_skip, None),
    )
    app.add_directive("chart", ChartDirective)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-get-outdated", outdated)
    app.connect("html-page-context", add_assets)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
