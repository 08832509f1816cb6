"""Stable ASCII anchors: the same ``page.html#anchor`` in both editions, decided in the source.

Left alone, docutils numbers what it cannot spell (``#term-6``, ``#id3``), and adding a
term renumbers every later one.

**Sections.**  A heading's MyST label becomes the section's first id (the id made from
its words is dropped), and an ``{index}`` entry just above the heading points at it too.

**Glossary terms.**  A term with other than Latin letters, digits and spaces takes its
anchor from a comment above it in the ``{glossary}`` block (the directive skips
comments: the text and the translation messages do not change)::

    .. anchor: term-parameter
    パラメータ : は
      モデルの…

A Latin term keeps Sphinx's anchor (``term-GENIAC``) unless a comment overrides it; the
English edition re-creates each translated term with the original's id, and the
standard domain's registry is updated here, so ``{term}`` links match.

Fails the strict build at the glossary line: a term needing an anchor without one, a
malformed anchor, an anchor twice, an anchor comment not followed by a term.
``tests/published_anchors.txt`` lists every published anchor."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import std
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

# ".. anchor: term-parameter" inside a {glossary} block.
ANCHOR_COMMENT = re.compile(r"^\.\.\s+anchor:\s*(?P<anchor>\S*)\s*$")
TERM_ANCHOR = re.compile(r"^term-[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids docutils makes up for a section whose heading has no Latin letters.
AUTO_ID = re.compile(r"^id\d+$")
# Targets of {index} entries (Sphinx numbers them in page order).
INDEX_ID = re.compile(r"^index-\d+$")


def _warn(message: str, location: Any) -> None:
    logger.warning(message, location=location, type="anchors", subtype="glossary")


def _retarget(root: nodes.Node, old: list[Any], anchor: str) -> None:
    """The ``{index}`` entries under ``root`` that point at one of ``old`` point at ``anchor``."""
    for index in root.findall(addnodes.index):
        index["entries"] = [
            (kind, value, anchor if target in old else target, main, key)
            for kind, value, target, main, key in index["entries"]
        ]


class Glossary(std.Glossary):
    """Sphinx's ``glossary`` directive, with each term's anchor from ``.. anchor:``."""

    def run(self) -> list[nodes.Node]:
        wanted, problems = self._anchor_comments()
        result = super().run()
        for glossary in (n for n in result if isinstance(n, addnodes.glossary)):
            for term in glossary.findall(nodes.term):
                # MyST numbers the block's lines from 0: the term's line in the page.
                term.line = self._page_line(term.line or 0)
                self._give_anchor(term, wanted.pop((term.source, term.line), None))
        for (source, line), anchor in wanted.items():
            problems.append(
                (source, line - 1, f"'.. anchor: {anchor}' is not on the line above a term")
            )
        for source, line, message in problems:
            _warn(message, f"{source}:{line}")
        return result

    def _anchor_comments(self) -> tuple[dict[tuple[str, int], str], list[tuple[str, int, str]]]:
        """{(source, line of the term below): anchor}, and the malformed comments."""
        wanted: dict[tuple[str, int], str] = {}
        problems: list[tuple[str, int, str]] = []
        for line, (source, lineno) in zip(self.content, self.content.items, strict=True):
            match = ANCHOR_COMMENT.match(line)
            if not match:
                continue
            anchor = match["anchor"]
            if not TERM_ANCHOR.match(anchor):
                problems.append(
                    (
                        source,
                        self._page_line(lineno),
                        f"glossary anchor '{anchor}' must be 'term-' and lowercase "
                        "ASCII words joined by hyphens (e.g. '.. anchor: term-foundation-model')",
                    )
                )
                continue
            wanted[(source, self._page_line(lineno + 1))] = anchor
        return wanted, problems

    def _page_line(self, offset: int) -> int:
        """The page's line of the block's line ``offset`` (MyST counts from the block's
        first line, after the directive's line and options)."""
        return self.lineno + self.content_offset + offset + 1

    def _give_anchor(self, term: nodes.term, anchor: str | None) -> None:
        text = term.astext()
        old = term["ids"][0] if term["ids"] else None
        if anchor is None:
            if not (text.isascii() and re.search(r"[A-Za-z0-9]", text)):
                _warn(
                    f"glossary term '{text}' needs an ASCII anchor, the same in both editions: "
                    "put '.. anchor: term-<english-words>' on the line above it (e.g. "
                    "'.. anchor: term-foundation-model')",
                    term,
                )
            return
        document = self.state.document
        if anchor == old:
            return
        if anchor in document.ids:
            _warn(f"glossary anchor '{anchor}' is used twice: give '{text}' another one", term)
            return
        term["ids"] = [anchor]
        document.ids.pop(old, None)
        document.ids[anchor] = term
        # The standard domain registered the term under Sphinx's id (make_glossary_term).
        domain = self.env.domains.standard_domain
        docname = self.env.docname
        domain.objects["term", text] = (docname, anchor)
        domain._terms[text.lower()] = (docname, anchor)
        _retarget(term, [old], anchor)


class LabelFirst(SphinxTransform):
    """A labelled section's first id is its label; the id made from its heading goes.

    Runs after docutils' PropagateTargets (260), which moves ``(label)=`` onto the
    section, and after Sphinx's translation of the headings (Locale, 20)."""

    default_priority = 270

    def apply(self, **kwargs: Any) -> None:
        document = self.document
        for section in document.findall(nodes.section):
            labels = [
                document.nameids[name]
                for name in section["names"]
                if document.nametypes.get(name) and document.nameids.get(name) in section["ids"]
            ]
            if not labels:
                continue
            implicit = {
                document.nameids.get(name)
                for name in section["names"]
                if not document.nametypes.get(name, True)
            }
            # An {index} entry just above the heading points at the section: its link
            # becomes the label too, instead of a numbered "index-N".
            dropped = [
                i
                for i in section["ids"]
                if i not in labels and (i in implicit or AUTO_ID.match(i) or INDEX_ID.match(i))
            ]
            section["ids"] = labels + [i for i in section["ids"] if i not in labels + dropped]
            for name, target in list(document.nameids.items()):
                if target in dropped:
                    document.nameids[name] = labels[0]
            for dropped_id in dropped:
                document.ids.pop(dropped_id, None)
            if any(INDEX_ID.match(i) for i in dropped):
                _retarget(document, dropped, labels[0])


def setup(app: Sphinx) -> dict[str, Any]:
    # The standard domain's directive: Sphinx looks a directive up in the domains first.
    app.add_directive_to_domain("std", "glossary", Glossary, override=True)
    app.add_transform(LabelFirst)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
