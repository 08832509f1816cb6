"""Drawing a chart into the cache (matplotlib is imported only when a chart must
be drawn), the cache key, and the SVG rewritten for the web page and the EPUB."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import logging as std_logging
import os
import re
from importlib import metadata
from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .data import ChartData
from .paper_font import PAPER_FONT_FAMILY, paper_fonts
from .registry import CHARTS
from .style import (
    EPUB_FONT_STACK,
    FONT_FAMILY,
    PAPER_COLOURS,
    SVG_COLOURS,
    WEB_COLOURS,
    find_font,
    rc,
)

logger = logging.getLogger(__name__)

# Every module of this package: a change to any of them redraws the charts.
CODE_DIGEST = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
).hexdigest()


@functools.cache
def _matplotlib_version() -> str:
    return metadata.version("matplotlib")


# What of a fact a drawing shows (its value, words, date, sources and status).
DRAWN = ("value", "unit", "label", "as_of", "sources", "status", "approx", "about")
DRAWN += ("supersedes", "previous_edition")


def digest(env: BuildEnvironment, name: str) -> str:
    """What a chart's drawing depends on: its data, its language and words, the
    code, matplotlib.  Two editions never share a drawing."""
    chart, data = CHARTS[name], ChartData(env)
    facts = {
        k: [getattr(data.facts[k], f) for f in DRAWN] for k in data.keys(chart) if k in data.facts
    }
    labels = data.labels
    payload = {
        "chart": name,
        "language": data.language,
        "facts": facts,
        "labels": [
            labels.get(k) for k in ("units", "ratio", "ratio-exact", "statuses", "approx-date")
        ],
        "words": [labels.get("charts", {}).get(k) for k in (name, "common")],
        "rows": [dataclasses.asdict(m) for m in data.models] if chart.from_models else None,
        "code": CODE_DIGEST,
        "matplotlib": _matplotlib_version(),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cache_dir(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir) / "charts"


def cached(env: BuildEnvironment, name: str, key: str, suffix: str) -> Path:
    """The cached file of a chart, drawn first when it is missing."""
    path = cache_dir(env) / f"{name}-{key}.{suffix}"
    if not path.exists():
        fmt = "pdf" if suffix == "pdf" else "svg"
        render(env, name, cache_dir(env), key, fmt)
        logger.info("charts: drew %s (%s)", name, fmt)
    return path


# The metadata that would make a drawing differ from build to build.
NO_METADATA = {"svg": ("Date", "Creator"), "pdf": ("Creator", "Producer", "CreationDate")}


def render(env: BuildEnvironment, name: str, cache: Path, key: str, fmt: str) -> None:
    """Draw one chart into the cache: ``svg`` (web and EPUB files) or ``pdf``.

    One format at a time: a web-only build never pays for the PDF's font subsetting.
    """
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure  # no pyplot: no global state, faster import

    font_manager.fontManager.addfont(str(find_font()))
    # fontTools reports every subsetting step at INFO level into Sphinx's log.
    std_logging.getLogger("fontTools").setLevel(std_logging.WARNING)
    chart = CHARTS[name]
    cache.mkdir(parents=True, exist_ok=True)
    # Remove older drawings of this chart: the cache keeps the current one only.
    for old in cache.glob(f"{name}-*"):
        if re.fullmatch(rf"{re.escape(name)}-[0-9a-f]+\..*", old.name) and key not in old.name:
            old.unlink()

    colours = SVG_COLOURS if fmt == "svg" else PAPER_COLOURS
    family = FONT_FAMILY
    if fmt == "pdf":  # the PDF's own typeface (paper_font.py)
        for path in paper_fonts(cache.parent / "chart-fonts").values():
            font_manager.fontManager.addfont(str(path))
        family = PAPER_FONT_FAMILY
    drawn = io.BytesIO()
    with matplotlib.rc_context(rc(colours, family)):
        fig = Figure(figsize=chart.size, layout="constrained")
        chart.draw(fig, ChartData(env), colours)
        fig.savefig(drawn, format=fmt, metadata=dict.fromkeys(NO_METADATA[fmt]))
    if fmt == "svg":
        raw = drawn.getvalue().decode()
        files = {"web.svg": web_svg(raw, name).encode(), "svg": epub_svg(raw).encode()}
    else:
        files = {"pdf": drawn.getvalue()}
    for suffix, content in files.items():  # each file whole, for a builder beside this one
        path = cache / f"{name}-{key}.{suffix}"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)


def _svg(raw: str, colours: dict[str, str]) -> str:
    """Without the XML prolog, DOCTYPE and metadata block (nothing readers need), the
    sentinel colours replaced by ``colours``."""
    svg = re.sub(r"<metadata>.*?</metadata>", "", raw[raw.index("<svg") :], count=1, flags=re.S)
    for sentinel, colour in colours.items():
        svg = svg.replace(sentinel, colour)
    return svg


def web_svg(raw: str, name: str) -> str:
    """The SVG to inline in a web page: page font, page colours, unique ids."""
    # No font name: the text inherits the page's font stack (and its Japanese font).
    svg = re.sub(r"font-family: [^;\"]*;?\s*", "", _svg(raw, WEB_COLOURS))
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
    svg = _svg(raw, PAPER_COLOURS)
    svg = re.sub(r"font-family: [^;\"]*", f"font-family: {EPUB_FONT_STACK}", svg)
    # A white card, so that the drawing stays readable in a reader's night mode.
    svg = re.sub(
        r"(<svg[^>]*>)", r'\1<rect width="100%" height="100%" fill="#ffffff"/>', svg, count=1
    )
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg.strip() + "\n"
