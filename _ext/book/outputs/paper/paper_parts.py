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

from book.core.node_writers import add_node


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


def setup(app: Sphinx) -> dict[str, Any]:
    add_node(app, book_part, latex=(visit_book_part, None))  # only LaTeX inserts it
    app.connect("doctree-read", mark_parts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
