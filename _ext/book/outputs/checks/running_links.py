"""A link that prints a section's title inside a sentence, checked at its line
(``running_link``).

A ``{ref}`label``` without words of its own drops a heading into the prose; it must sit
in 「」 or quotation marks, or carry its own words (``{ref}`パラメータの規模 <params-scale>```).
A paragraph or list item that is nothing but the link is not running text."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .content_guards import located, warn
from .markup_leaks import in_translation, line_of

# What may stand right before and after a link that prints a section's title.
QUOTES = {"「": "」", "『": "』", "“": "”", '"': '"', "‘": "’"}


def _neighbour_text(node: nodes.Node, step: int) -> str:
    """The text next to ``node`` in its block: the end of what comes before it
    (``step=-1``) or the start of what follows (``step=1``)."""
    while node.parent is not None:
        siblings = node.parent.children
        i = next(n for n, child in enumerate(siblings) if child is node) + step
        if 0 <= i < len(siblings):
            return siblings[i].astext()
        if isinstance(node.parent, nodes.TextElement) and not isinstance(node.parent, nodes.inline):
            return ""
        node = node.parent
    return ""


def check_running_links(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("reftype") != "ref" or ref.get("refexplicit"):
            continue
        block = located(ref.parent)
        if not isinstance(block, nodes.TextElement) or block.astext().strip() == ref.astext():
            continue
        before = _neighbour_text(ref, -1).rstrip()
        after = _neighbour_text(ref, 1).lstrip()
        if before[-1:] in QUOTES and after[:1] == QUOTES[before[-1]]:
            continue
        if block.get("translation_markup_reported"):
            continue  # translation_checks.py named the PO file's line already
        translated = bool(block.get("translated"))
        texts = list(ref.findall(nodes.Text))
        # (a translated message is parsed on its own: its nodes' lines count from 1,
        # so the Japanese paragraph's line is the one to name)
        _, line = line_of(texts[0]) if texts and not translated else (block, block.line)
        label = ref.get("reftarget", "")
        warn(
            "the link {ref}`%s` prints the section's title inside a sentence%s; put it "
            "in 「」 or quotation marks (「{ref}`%s`」), or give it words that read as "
            "part of the sentence ({ref}`your words <%s>`)",
            label,
            in_translation(app, docname) if translated else "",
            label,
            label,
            location=(docname, line) if line else block,
            subtype="running_link",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_running_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
