"""Typographic quotes also in the text the extensions add once a page is read.

``smartquotes`` (conf.py) turns the English edition's straight quotes into
typographic ones (’ “ ”), but Sphinx does it while it reads a page: the text an
extension adds later, when the page is written (the tables of the figures a
chapter uses, the links to its data files, filled in at ``doctree-resolved``),
kept the quotes the data was typed with, and the English pages mixed both
(issue 20).  This runs Sphinx's own transform again on the finished page, after
those handlers, with the same settings (languages and builders excluded by
``smartquotes_excludes``, code and URLs left alone); text already made
typographic has no straight quote left to change.

Text that is not a docutils node (the charts' SVG, the calculator's template)
takes the typographic quotes in ``data/labels.yaml`` itself.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes


def educate(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    SphinxSmartQuotes(doctree, doctree).apply()


def setup(app: Sphinx) -> dict[str, Any]:
    # Set up after every part that adds text to the page (_ext/book/__init__.py),
    # and after the third-party extensions, which set up before the book's.
    app.connect("doctree-resolved", educate)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
