"""Charts drawn at build time from the data file, never by hand.

A page writes::

    ```{chart} models-by-region
    ```

and gets a numbered figure (``numfig``) with a caption, alt text and a source line,
all made from ``data/facts.yaml``; refer to it with ``{numref}`fig-models-by-region```
(``:name:`` changes the label, ``:caption:`` and ``:alt:`` replace the generated words).
Charts: ``models-by-region``, ``private-investment`` (AI Index 2025 and 2026 side
by side), ``benchmark-gap``, ``rakuten-models``, ``geniac-timeline``,
``domestic-models`` (the rows of ``models:``, read by _ext/book/data/models_file.py).

Every chart follows the edition's language (``language``: ``ja`` or ``en``): its
words (title, axes, labels, legend, caption, alt text, source line) are in
data/labels.yaml under ``<language>: charts:``, one mapping per chart plus
``common``; its figures are formatted for that language from data/facts.yaml.
No reader-facing word is written in this package.

The package, by concern:

``style``      the font (and its lookup), colours, matplotlib's settings
``data``       ``ChartData`` (facts, words and formatting of one edition), ``Chart``
``ai_index``, ``rakuten``, ``timeline``, ``domestic``
               the chart definitions, one module per subject; ``registry``: all of them
``render``     drawing into the cache, the cache key, the SVG for web and EPUB
``directive``  the ``{chart}`` directive, its node per format, the source line
``words``      every figure word in every edition, checked when the build starts

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
and cached in ``<doctreedir>/charts`` under a hash of the chart's data, its language
and the words used, this package's code and matplotlib's version: a rebuild with no change draws nothing
(and does not even import matplotlib).  A page with a chart is re-read when that
hash changes, so editing the data or this code redraws exactly the affected charts.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from book.core import edition_words
from book.core.node_writers import add_node
from book.core.page_assets import add_assets_where

from .ai_index import YEAR_NEW
from .data import Chart, ChartData, chart_keys, chart_rows, labels_of, model_keys
from .directive import (
    CHART_RECORDS,
    ChartDirective,
    chart_node,
    init_env,
    visit_chart_html,
    visit_chart_latex,
    visit_chart_text,
)
from .domestic import DOMESTIC_EMPHASIS, DOMESTIC_STYLE, domestic_rows
from .registry import CHARTS
from .render import cache_dir, digest, render
from .style import BLUE, BLUE_ON_DARK, FONT_PACKAGE, PAPER_COLOURS, VERMILLION, find_font

__all__ = [
    "BLUE",
    "BLUE_ON_DARK",
    "CHARTS",
    "DOMESTIC_EMPHASIS",
    "DOMESTIC_STYLE",
    "FONT_PACKAGE",
    "PAPER_COLOURS",
    "VERMILLION",
    "YEAR_NEW",
    "Chart",
    "ChartData",
    "cache_dir",
    "chart_keys",
    "chart_rows",
    "digest",
    "domestic_rows",
    "find_font",
    "labels_of",
    "model_keys",
    "render",
]


def setup(app: Sphinx) -> dict[str, Any]:
    # after facts has read the data and its words (set up first)
    edition_words.require(app, "charts")
    add_node(
        app,
        chart_node,
        html=(visit_chart_html, None),
        latex=(visit_chart_latex, None),
        text=(visit_chart_text, None),
    )
    app.add_directive("chart", ChartDirective)
    app.connect("env-before-read-docs", init_env)
    CHART_RECORDS.connect(app)
    # The charts' small stylesheet on the pages that show a chart only.
    add_assets_where(app, chart_node, css=("charts.css",))
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
