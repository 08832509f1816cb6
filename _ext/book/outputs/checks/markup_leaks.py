"""Markup left as literal text, checked at the page's file and line (``markup_leak``).

A link Markdown refuses, a role whose backticks do not close (``{fact}`key``), a fence
marker inside a line.  Checked after translation, so in the English edition too, where
the warning names the PO file."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
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


def in_translation(app: Sphinx, docname: str) -> str:
    """Where a translated paragraph's problem is to be fixed: its PO file."""
    return (
        " (in the translation of this paragraph: "
        f"locales/{app.config.language}/LC_MESSAGES/{docname}.po)"
    )


def check_leaks(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
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
        translated = bool(block.get("translated"))
        for typed, what, how in found:
            context = str(text).strip().replace("\n", " ")[:60]
            warn(
                "%s: %r in 「%s」%s; %s",
                what,
                typed,
                context,
                in_translation(app, docname) if translated else "",
                how,
                location=(docname, line) if line else block,
                subtype="markup_leak",
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_leaks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
