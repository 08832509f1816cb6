"""On paper, a page number after a link only where a reader needs one.

``latex_show_pagerefs`` prints a page number after every internal link (about 650 in the
Japanese PDF: every status mark, source and "used on" page).  This LaTeX translator
drops the queued page number unless the link goes to a section the prose names, and
writes it in the edition's words (``paper-page-ref``: 「（→{page}ページ）」)."""

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
    parent = node.parent  # not inside a status mark or a source line
    while parent is not None:
        if {"fact-status", "figure-source"} & set(parent.get("classes", [])):
            return False
        parent = parent.parent
    return True


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
