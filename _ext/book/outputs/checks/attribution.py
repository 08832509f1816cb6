"""Two rules for the figures a page shows, each failing the strict build at the
paragraph's line:

* a *reported* or *unverified* figure is attributed in the words of its own
  paragraph (``attribution-words`` of the edition in data/labels.yaml, and the
  Japanese ones for a paragraph not translated yet);
* a page never types 約 / "about" before a figure: the data says it once
  (``about: true``), and every output shows it (``about-typed`` lists the words).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from book.core.facts import edition_labels, facts_data
from book.data.schema import JAPANESE, SOURCE_LANGUAGE

logger = logging.getLogger(__name__)


def _text_without_marks(block: nodes.Element) -> str:
    """The words of a block, leaving out the status marks (［報道］ says nothing by itself)."""

    def is_mark(text: nodes.Text) -> bool:
        parent = text.parent
        while parent is not None and parent is not block:
            if "fact-status" in parent.get("classes", []):
                return True
            parent = parent.parent
        return False

    return "".join(t.astext() for t in block.findall(nodes.Text) if not is_mark(t))


def word_list(labels: dict[str, Any], name: str) -> list[str]:
    """The words of an edition's list ``name`` in data/labels.yaml (``attribution-words``,
    ``about-typed``); none if the edition has no such list."""
    return [str(w) for w in labels.get(name) or []]


def is_attributed(text: str, words: list[str]) -> bool:
    """Whether ``text`` has one of ``words``: Japanese anywhere, Latin words whole and
    in any case ("According to", not "unreported")."""
    for word in words:
        if JAPANESE.search(word):
            if word in text:
                return True
        elif re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
            return True
    return False


def _words(app: Sphinx, name: str) -> list[str]:
    """The edition's words of the list ``name``, then the source language's (a
    paragraph not translated yet is shown in Japanese)."""
    source = facts_data(app.env).labels.get(SOURCE_LANGUAGE, {})
    edition = word_list(edition_labels(app.env), name)
    return list(dict.fromkeys(edition + word_list(source, name)))


def _block_of(node: nodes.Node) -> nodes.Element | None:
    """The paragraph, list item, table cell or heading a figure stands in (where a
    claim's attribution and its wording are read, and its warning is placed)."""
    block = node.parent
    while block is not None and not isinstance(
        block, (nodes.paragraph, nodes.list_item, nodes.entry, nodes.title)
    ):
        block = block.parent
    return block


def check_attribution(app: Sphinx, doctree: nodes.document) -> None:
    """A reported/unverified fact must be attributed in the words of its paragraph."""
    facts = facts_data(app.env).facts
    words = _words(app, "attribution-words")
    examples = edition_labels(app.env).get("attribution-example", "")
    warned: set[tuple[int, str]] = set()
    for node in doctree.findall(lambda n: "fact_key" in getattr(n, "attributes", {})):
        fact = facts.get(node["fact_key"])
        if fact is None or fact.status == "confirmed":
            continue
        block = _block_of(node)
        # A figure and its mark are two nodes of one claim: one warning for both.
        if (id(block), fact.key) in warned:
            continue
        warned.add((id(block), fact.key))
        if not is_attributed(_text_without_marks(block) if block else "", words):
            logger.warning(
                f"fact '{fact.key}' is {fact.status}: attribute it in the same sentence or its "
                f"paragraph (e.g. {examples})",
                location=block or node,
                type="facts",
                subtype="attribution",
            )


def _ends_with_word(text: str, word: str) -> bool:
    """'総数は約' ends with 約; 'reach about' ends with about, 'roundabout' does not."""
    if not word.isascii():
        return text.endswith(word)
    lower = text.lower()
    return lower == word or lower.endswith(" " + word)


def check_typed_about(app: Sphinx, doctree: nodes.document) -> None:
    """ "About" is said by the data, once: a page that types 約 / "about" before a
    figure fails at its line, whether the data rounds the figure (the value already
    reads 約…: 約約) or gives it exactly (then the data should say ``about: true``)."""
    facts = facts_data(app.env).facts
    words = _words(app, "about-typed")
    for node in doctree.findall(nodes.inline):
        key = node.get("fact_key")
        if key not in facts or "fact" not in node["classes"]:
            continue
        before = node.previous_sibling()
        text = before.astext().rstrip() if isinstance(before, nodes.Text) else ""
        typed = next((w for w in words if _ends_with_word(text, w)), None)
        if typed is None:
            continue
        why = (
            "marks 'about: true': its value already says so; remove the word"
            if facts[key].about
            else "gives as exact: if its source rounds it, set 'about: true' there and remove "
            "the word"
        )
        logger.warning(
            f"'{typed}' typed before fact '{key}', which data/facts.yaml {why}",
            location=_block_of(node) or node,
            type="facts",
            subtype="about",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_attribution)
    app.connect("doctree-read", check_typed_about)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
