"""Typographic quotes also in the text the extensions add once a page is read.

Sphinx applies ``smartquotes`` while a page is read, so text added at
``doctree-resolved`` (the figures' tables, the data-file links) kept straight quotes.
This runs Sphinx's own transform again on the finished page, after those handlers, with
the same settings (``smartquotes_excludes``).  Text that is not a docutils node (the
charts' SVG, the calculator) takes the typographic quotes in ``data/labels.yaml``."""

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
