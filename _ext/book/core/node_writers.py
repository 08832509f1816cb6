"""A node of the book written by some outputs and skipped by all the others.

Sphinx needs a visitor for every output a node may reach (html, which the EPUB uses
too, latex, text, man, texinfo); most of the book's nodes are written by one or two
and skipped by the rest::

    add_node(app, chart_node, html=(visit_chart_html, None), latex=(visit_chart_latex, None))
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

OUTPUTS = ("html", "latex", "text", "man", "texinfo")


def skip(self: Any, node: nodes.Node) -> None:
    """A visitor that leaves the node and its children out."""
    raise nodes.SkipNode


def add_node(app: Sphinx, node: type[nodes.Element], **visitors: tuple[Any, Any]) -> None:
    """Register ``node`` with the given outputs' visitors; every other output skips it."""
    app.add_node(node, **{name: visitors.get(name, (skip, None)) for name in OUTPUTS})
