"""Prose that prints wrong, checked at the page's file and line after translation (so in
the English edition too, where the warning names the PO file):

* markup left as literal text (``markup_leak``): a link Markdown refuses, a role whose
  backticks do not close (``{fact}`key``), a fence marker inside a line;
* a link that prints a section's title inside a sentence (``running_link``): a
  ``{ref}`label``` without words of its own must sit in 「」 or quotation marks, or carry
  its own words (``{ref}`パラメータの規模 <params-scale>```); a paragraph or list item
  that is nothing but the link is not running text."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .content_guards import located, warn

# Text that is code, or not text of the page: never scanned.
NOT_PROSE = (
    nodes.literal,
    nodes.literal_block,
    nodes.raw,
    nodes.comment,
    nodes.math,
    nodes.math_block,
    nodes.doctest_block,
    nodes.substitution_definition,
)
LEAKS = (
    (
        re.compile(r"\]\("),
        "a link Markdown did not take as a link is printed as typed",
        "write links as [text](https://...) or {ref}`label`; Markdown refuses "
        "javascript:, vbscript: and data: addresses",
    ),
    (
        re.compile(r"\{[A-Za-z][\w:.+-]*\}`"),
        "a role whose backticks do not close is printed as typed",
        "close it: {role}`content` (both backticks on the same line)",
    ),
    (
        re.compile(r"`{3,}|~{3,}|:{3,}"),
        "a fence marker is printed as typed",
        "a fence (``` or :::) must start its own line, with the same indentation "
        "as the block it belongs to",
    ),
    # "{ref}overview": a role name followed by its content without backticks
    (
        re.compile(r"\{[a-z][\w:.+-]*\}(?=[^\s`{}])"),
        "a role without backticks is printed as typed",
        "put its content in backticks: {role}`content`",
    ),
)
# "{fact} `key`": a role name, then a space, then what should have been its content.
SPACED_ROLE = re.compile(r"\{[A-Za-z][\w:.+-]*\}\s+$")
# What may stand right before and after a link that prints a section's title.
QUOTES = {"「": "」", "『": "』", "“": "”", '"': '"', "‘": "’"}


def _texts(node: nodes.Element):
    """The Text nodes of ``node`` in reading order, code and comments left out."""
    for child in node.children:
        if isinstance(child, NOT_PROSE):
            continue
        if isinstance(child, nodes.Text):
            yield child
        elif isinstance(child, nodes.Element):
            yield from _texts(child)


def line_of(text: nodes.Text) -> tuple[nodes.Node, int | None]:
    """The located block of a Text node and the source line the text is on: the
    block's line plus the line breaks before it in the block (MyST keeps a soft
    break as a "\\n" of its own); the block's line in a translated block."""
    block = located(text.parent)
    if block.line is None:
        return block, None
    if block.get("translated") or not isinstance(block, nodes.TextElement):
        return block, block.line
    before = 0
    for piece in block.findall(nodes.Text):
        if piece is text:
            break
        before += piece.count("\n")
    return block, block.line + before


def _where(app: Sphinx, block: nodes.Node, line: int | None) -> tuple[str, Any]:
    """What a warning says of a translated block (its PO file, where the problem is to
    be fixed), and the warning's location."""
    docname = app.env.docname
    po_file = f"locales/{app.config.language}/LC_MESSAGES/{docname}.po"
    note = f" (in the translation of this paragraph: {po_file})" if block.get("translated") else ""
    return note, (docname, line) if line else block


def check_leaks(app: Sphinx, doctree: nodes.document) -> None:
    for text in _texts(doctree):
        found = [
            (m.group(0), what, how) for pattern, what, how in LEAKS if (m := pattern.search(text))
        ]
        siblings = text.parent.children
        # By identity: a Text is a str, and list.index() would match an equal one.
        following = next(i for i, child in enumerate(siblings) if child is text) + 1
        spaced = SPACED_ROLE.search(text)
        if spaced and following < len(siblings) and isinstance(siblings[following], nodes.literal):
            role = spaced.group(0).strip()
            found.append(
                (role, "a role followed by a space is printed as typed", f"write {role}`…`")
            )
        if not found:
            continue
        block, line = line_of(text)
        if block.get("translation_markup_reported"):
            continue  # translation_checks.py named the PO file's line already
        note, location = _where(app, block, line)
        context = str(text).strip().replace("\n", " ")[:60]
        for typed, what, how in found:
            warn(f"{what}: {typed!r} in 「{context}」{note}; {how}", location, "markup_leak")


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
        texts = list(ref.findall(nodes.Text))
        # (a translated message is parsed on its own: its nodes' lines count from 1,
        # so the Japanese paragraph's line is the one to name)
        translated = block.get("translated")
        _, line = line_of(texts[0]) if texts and not translated else (block, block.line)
        note, location = _where(app, block, line)
        label = ref.get("reftarget", "")
        warn(
            f"the link {{ref}}`{label}` prints the section's title inside a sentence{note}; "
            f"put it in 「」 or quotation marks (「{{ref}}`{label}`」), or give it words that "
            f"read as part of the sentence ({{ref}}`your words <{label}>`)",
            location,
            "running_link",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_leaks)
    app.connect("doctree-read", check_running_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
