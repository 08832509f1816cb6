"""On paper, the book's two parts: a part page and a contents line for each of the top
page's captioned toctrees (本編, 資料).

The LaTeX builder inlines each toctree's pages and drops its caption, so the contents
ran all the chapters together.  For the LaTeX builder a ``book_part`` node goes before
each captioned toctree of the root document, written as ``\\bookpart{<caption>}``
(_latex/bookdesign.sty).  The caption is the toctree's own, already translated."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


class book_part(nodes.General, nodes.Element):
    """The start of a part of the book (``caption``); on paper only."""


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    """Before each captioned toctree of the root document, the start of its part."""
    if app.builder.format != "latex" or app.env.docname != app.config.root_doc:
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        caption = toctree.get("caption")
        if caption and toctree.parent is not None:
            toctree.parent.insert(toctree.parent.index(toctree), book_part(caption=caption))


def visit_book_part(self: Any, node: book_part) -> None:
    self.body.append("\n\\bookpart{" + self.encode(node["caption"]) + "}\n")
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    # Only the LaTeX builder inserts the node; html (the EPUB's too) skips it, should
    # a doctree with one ever be written there.  No "epub=" entry: a builder with
    # handlers of its own no longer falls back to html's, and the EPUB lost the
    # charts' (sphinx/registry.py, create_translator).
    app.add_node(book_part, latex=(visit_book_part, None), html=(skip, None))
    app.connect("doctree-read", mark_parts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
