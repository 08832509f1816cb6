"""Charts drawn at build time from the data file, never by hand.

A page writes::

    ```{chart} models-by-region
    ```

and gets a numbered figure (``numfig``) with a caption, alt text and a source line,
all made from ``data/facts.yaml``; refer to it with ``{numref}`fig-models-by-region```
(``:name:`` changes the label, ``:caption:`` and ``:alt:`` replace the generated words).
Charts: ``models-by-region``, ``private-investment``, ``benchmark-gap``,
``rakuten-models`` (see ``CHARTS`` at the end).

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

    def value(self, key: str) -> float:
        return float(self.facts[key].value)

    def text(self, key: str) -> str:
        """The value as readers see it in the prose (``40件``, ``1091億ドル``)."""
        return format_value(self.facts[key], self.labels)

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


@functools.cache
def _matplotlib_version() -> str:
    return metadata.version("matplotlib")


def digest(app: Sphinx, name: str) -> str:
    """What a chart's drawing depends on: its data, its words, the code, matplotlib."""
    chart = CHARTS[name]
    data = ChartData(app)
    facts = {
        key: [f.value, f.unit, f.label, f.as_of, f.sources]
        for key, f in ((k, data.facts.get(k)) for k in chart.keys)
        if f
    }
    sources = sorted({s for f in facts.values() for s in f[4]})
    payload = json.dumps(
        {
            "chart": name,
            "facts": facts,
            "labels": data.labels.get("units"),
            "ratio": [data.labels.get("ratio"), data.labels.get("ratio-exact")],
            "sources": sources,
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


# --- notable models by region -------------------------------------------------

REGIONS = (
    ("米国", "aiindex-models-us"),
    ("中国", "aiindex-models-cn"),
    ("欧州", "aiindex-models-eu"),
)


def draw_models(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax = fig.add_subplot()
    names = [n for n, _ in REGIONS][::-1]
    values = [d.value(k) for _, k in REGIONS][::-1]
    bars = ax.barh(names, values, color=BLUE, height=0.6)
    _bar_labels(ax, bars, [d.text(k) for _, k in REGIONS][::-1], horizontal=True)
    ax.set_xlim(0, max(values) * 1.18)
    _clean_value_axis(ax, "x")
    ax.tick_params(axis="y", length=0)


def models_caption(d: ChartData) -> str:
    return f"開発した機関の所在地別にみた注目すべきAIモデルの数（{d.text('aiindex-year')}）"


def models_alt(d: ChartData) -> str:
    parts = "、".join(f"{n}{d.text(k)}" for n, k in REGIONS)
    return f"横棒グラフ。{d.text('aiindex-year')}の注目すべきAIモデルの数は{parts}。"


# --- private investment -------------------------------------------------------

INVEST = (
    ("米国", "aiindex-invest-us"),
    ("中国", "aiindex-invest-cn"),
    ("英国", "aiindex-invest-uk"),
)


def _invest_texts(d: ChartData) -> list[str]:
    base = INVEST[0][1]
    texts = [d.text(base)]
    for _, key in INVEST[1:]:
        texts.append(f"{d.text(key)}（米国はこの{d.ratio(base, key)}）")
    return texts


def draw_investment(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    ax = fig.add_subplot()
    names = [n for n, _ in INVEST][::-1]
    values = [d.value(k) for _, k in INVEST][::-1]
    bars = ax.barh(names, values, color=BLUE, height=0.6)
    _bar_labels(ax, bars, _invest_texts(d)[::-1], horizontal=True)
    # Room on the right for the longest label (China's, with its ratio).
    ax.set_xlim(0, max(values) * 1.2)
    _clean_value_axis(ax, "x")
    ax.tick_params(axis="y", length=0)


def investment_caption(d: ChartData) -> str:
    return f"国別の民間AI投資額（{d.text('aiindex-year')}、米ドル）"


def investment_alt(d: ChartData) -> str:
    parts = "、".join(f"{n}{t}" for (n, _), t in zip(INVEST, _invest_texts(d), strict=False))
    return f"横棒グラフ。{d.text('aiindex-year')}の民間AI投資額は{parts}。"


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


def _rakuten_rows(d: ChartData) -> list[tuple[str, float, float | None, str]]:
    """(name, total, active or None, label) from the oldest to the newest model."""
    moe_total = d.value("rakuten-ai-2-experts") * d.value("rakuten-ai-2-expert-params")
    experts = d.fact("rakuten-ai-2-experts").value
    rows = [
        (
            "Rakuten AI 7B",
            d.value("rakuten-ai-7b-params"),
            None,
            d.count(d.value("rakuten-ai-7b-params")),
        ),
        (
            "Rakuten AI 2.0",
            moe_total,
            d.value("rakuten-ai-2-active"),
            f"{experts}×{d.count(d.value('rakuten-ai-2-expert-params'))}"
            f"（働くのは{d.count(d.value('rakuten-ai-2-active'))}）",
        ),
        ("Rakuten AI 2.0 mini", d.value("prior-1-5b"), None, d.count(d.value("prior-1-5b"))),
    ]
    target, v3 = d.value("target-params"), d.value("rakuten-ai-3-params")
    active = d.value("rakuten-ai-3-active")
    if target == v3:
        rows.append(
            (
                "Rakuten AI 3.0（目標の規模）",
                v3,
                active,
                f"約{d.count(v3)}（働くのは約{d.count(active)}）",
            )
        )
    else:  # the finished model differs from the target: show both
        rows.append(("目標の規模", target, None, d.count(target)))
        rows.append(
            ("Rakuten AI 3.0", v3, active, f"約{d.count(v3)}（働くのは約{d.count(active)}）")
        )
    return rows


def draw_rakuten(fig: Any, d: ChartData, colours: dict[str, str]) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax = fig.add_subplot()
    rows = _rakuten_rows(d)[::-1]
    ink = colours[INK_SENTINEL]
    for y, (_, total, active, label) in enumerate(rows):
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
            )
        ax.plot([total], [y], marker="o", markersize=8, color=BLUE, linestyle="none", zorder=2)
        ax.annotate(
            label,
            (total, y),
            xytext=(0, 8),
            textcoords="offset points",
            ha="right" if total >= max(r[1] for r in rows) else "center",
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
    parts = "、".join(f"{name}は{label}" for name, _, _, label in _rakuten_rows(d))
    return (
        f"対数目盛の点グラフ。パラメータ数は{parts}。"
        "目盛りが一つ進むごとに10倍になるので、最大のモデルは最小のモデルより"
        "数百倍大きい。"
    )


CHARTS: dict[str, Chart] = {
    "models-by-region": Chart(
        keys=("aiindex-year", "aiindex-models-us", "aiindex-models-cn", "aiindex-models-eu"),
        caption=models_caption,
        alt=models_alt,
        draw=draw_models,
        size=(6.0, 2.0),
    ),
    "private-investment": Chart(
        keys=("aiindex-year", "aiindex-invest-us", "aiindex-invest-cn", "aiindex-invest-uk"),
        caption=investment_caption,
        alt=investment_alt,
        draw=draw_investment,
        size=(6.0, 2.0),
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
            "rakuten-ai-7b-params",
            "rakuten-ai-2-experts",
            "rakuten-ai-2-expert-params",
            "rakuten-ai-2-active",
            "prior-1-5b",
            "target-params",
            "rakuten-ai-3-params",
            "rakuten-ai-3-active",
        ),
        caption=rakuten_caption,
        alt=rakuten_alt,
        draw=draw_rakuten,
        size=(6.0, 3.0),
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
        missing = [k for k in chart.keys if k not in self.env.app.facts.facts]
        if missing:
            raise self.error(
                f"chart '{name}' needs the fact(s) {', '.join(missing)} in data/facts.yaml"
            )
        data = ChartData(self.env.app)
        for key in chart.keys:
            _note_use(self.env, key)
        key = digest(self.env.app, name)
        self.env.charts_used.setdefault(self.env.docname, {})[name] = key

        caption_text = self.options.get("caption") or chart.caption(data)
        alt = self.options.get("alt") or chart.alt(data)
        figure = nodes.figure(classes=["chart", f"chart-{name}"])
        figure += chart_node(chart=name, key=key, alt=alt)
        figure += nodes.caption(caption_text, caption_text)
        figure += self._source_line(data, chart)
        self.options.setdefault("name", f"fig-{name}")
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]

    def _source_line(self, data: ChartData, chart: Chart) -> nodes.legend:
        return nodes.legend("", source_line(self.env, chart.keys))


def source_line(env: BuildEnvironment, fact_keys: Any) -> nodes.paragraph:
    """「出典：」and every source of the facts, each linked to its row on the sources page."""
    data = ChartData(env.app)
    keys = list(dict.fromkeys(s for k in fact_keys for s in data.fact(k).sources))
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
        self.body.append(
            f'<img src="{self.builder.imgpath}/{target.name}" alt="{alt}" '
            'class="chart-image" style="width: 100%"/>'
        )
    else:
        svg = cached(app, name, key, "web.svg").read_text(encoding="utf-8")
        # role=img + aria-label: screen readers announce the alt text once instead
        # of reading every tick label.
        alt = self.attval(node["alt"])
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{alt}"', 1)
        self.body.append(f'<div class="chart-drawing">{svg}</div>')
    raise nodes.SkipNode


def visit_chart_latex(self: Any, node: chart_node) -> None:
    name, key = node["chart"], node["key"]
    source = cached(self.builder.app, name, key, "pdf")
    target = _publish(source, Path(self.builder.outdir), f"chart-{name}-{key}.pdf")
    self.body.append(f"\n\\sphinxincludegraphics[width=\\linewidth]{{{target.name}}}\n")
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
