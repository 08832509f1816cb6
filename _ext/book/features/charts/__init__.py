"""Charts drawn at build time from the data file, never by hand.

```{chart} models-by-region``` gives a numbered figure with caption, alt text and source
line, all from ``data/facts.yaml`` and the edition's words (``charts:`` in
data/labels.yaml); ``:name:``, ``:caption:`` and ``:alt:`` override them.

``style`` (font, colours, matplotlib settings), ``paper_font`` (the PDF's typeface),
``data`` (``ChartData``, ``Chart``), one module per subject (``ai_index``,
``rakuten``, ``timeline``, ``domestic``) gathered in ``registry``, ``render`` (cache,
SVG), ``directive`` (and ``setup``); every word is checked in every edition when the
build starts.

Three forms:

* web: an SVG inlined in the page, text left as text without a font name and coloured
  ``currentColor``, so it takes the page's fonts and follows Furo's light and dark
  themes (an ``<img>`` could do neither); series colours keep 3:1 contrast on both;
* EPUB: the same drawing as an SVG file in an ``<img>`` (epubcheck wants inline SVG
  declared in the manifest, which Sphinx does not do), dark on white;
* PDF: a vector PDF with the font embedded as TrueType (paper_font.py).

Output is reproducible and cached in ``<doctreedir>/charts`` under a hash of the
chart's data and words, its language, this package's code and matplotlib's version: a
rebuild with no change draws nothing, and a page is re-read when its charts' hash
changes."""

from __future__ import annotations

from .ai_index import YEAR_NEW
from .data import ChartData, chart_keys
from .directive import setup
from .domestic import DOMESTIC_EMPHASIS, DOMESTIC_STYLE
from .registry import CHARTS
from .render import cache_dir, digest, render
from .style import BLUE, BLUE_ON_DARK, PAPER_COLOURS, VERMILLION, find_font

__all__ = [
    "BLUE",
    "BLUE_ON_DARK",
    "CHARTS",
    "DOMESTIC_EMPHASIS",
    "DOMESTIC_STYLE",
    "PAPER_COLOURS",
    "VERMILLION",
    "YEAR_NEW",
    "ChartData",
    "cache_dir",
    "chart_keys",
    "digest",
    "find_font",
    "render",
    "setup",
]
