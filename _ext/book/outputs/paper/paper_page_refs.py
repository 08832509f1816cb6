"""On paper, a page number after a link only where a reader needs one.

``latex_show_pagerefs`` prints 「(ページ 44)」 after every internal link of the PDF:
after each status mark (it links to the figure's entry on the sources page), each
source in a source line, and each page named in the sources page's "used on" lists:
about 650 in the Japanese PDF, most of them noise.  A reader of the printed book
needs the page only where the text sends them to another section
(「詳しくは「財源は補正予算」（→44ページ）」).

This module is the LaTeX translator with one change: after Sphinx has written a
reference, the page number it queued is dropped unless the link goes to a section
that an author named in the prose; where it stays it is written in the edition's
words (``paper-page-ref`` in data/labels.yaml: 「（→{page}ページ）」, " (→ p. {page})").
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator

from book.core.facts import edition_labels

# Links that never get a page number: a figure's entry and a source on the sources
# page (a mark, a source line), a glossary term, a figure or table by its number.
NO_PAGE_TARGETS = ("fact-", "source-", "term-")
NO_PAGE_CLASSES = {"std-numref", "std-term", "std-doc"}


def wants_page_number(node: nodes.Element) -> bool:
    """True for a link to a section written in the prose ({ref}`label`)."""
    uri = node.get("refuri", "") or ("#" + node["refid"] if node.get("refid") else "")
    target = uri.rsplit("#", 1)[1] if "#" in uri else ""
    if not target or target.startswith(NO_PAGE_TARGETS) or target == "sources-list":
        return False
    inner = node[0] if len(node) and isinstance(node[0], nodes.Element) else None
    classes = set(inner.get("classes", [])) if inner is not None else set()
    if classes & NO_PAGE_CLASSES or "std-ref" not in classes:
        return False
    return not any(
        "fact-status" in parent.get("classes", []) or "figure-source" in parent.get("classes", [])
        for parent in _ancestors(node)
    )


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element):
            yield parent
        parent = parent.parent


class PaperPageRefTranslator(LaTeXTranslator):
    def visit_reference(self, node: nodes.Element) -> None:
        super().visit_reference(node)
        queued = self.context[-1] if self.context else ""
        if not queued.startswith("}}} (") or not self.config.latex_show_pagerefs:
            return
        if not wants_page_number(node):
            self.context[-1] = "}}}"
            return
        # '}}} (\autopageref*{id})' -> the edition's words around \pageref{id}
        label = queued[len("}}} (\\autopageref*{") : -len("})")]
        words = edition_labels(self.builder.env)["paper-page-ref"]
        self.context[-1] = "}}}" + words.format(page=f"\\pageref{{{label}}}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("latex", PaperPageRefTranslator)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
