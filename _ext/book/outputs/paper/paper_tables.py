"""On paper, table cells that do not break a word, a phrase or a date across lines.

LaTeX breaks Japanese between any two characters (「2024年5月/16日」, 「総パラメ/ータ数」).
For the LaTeX builder this marks each date in any cell and, in Japanese, each BudouX
phrase of a heading cell and of every cell of the models table (except phrases with
spaces or longer than ten characters, eight in a cell) as an inline of class
``book-nobreak``, which _latex/bookdesign.sty sets as a box."""

from __future__ import annotations

import re
from typing import Any

import budoux
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

_parser = budoux.load_default_japanese_parser()
# 2024年5月16日, 2024年6月; 16 May 2024, June 2024 (one group: split() keeps the dates)
DATE = re.compile(r"(\d{4}年\d{1,2}月(?:\d{1,2}日)?|(?:\d{1,2} )?[A-Z][a-z]+ \d{4})")
# Tables whose every cell is short words and figures in narrow columns.
PHRASE_TABLES = {"domestic-models"}
NOBREAK = "book-nobreak"


def pieces(text: str, longest: int) -> list[tuple[str, bool]]:
    """``text`` as (piece, keep on one line) pairs: the dates, and the phrases of at
    most ``longest`` characters (none when it is 0)."""
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(DATE.split(text)):  # dates at odd indices
        if i % 2 or (part and not longest):
            out.append((part, bool(i % 2)))
        elif part:
            # a phrase of Latin words or a long one ("土台：gpt-oss-120b") breaks as usual
            out += [
                (p, " " not in p.strip() and 1 < len(p.strip()) <= longest)
                for p in _parser.parse(part)
            ]
    return out


def mark_cell(entry: nodes.entry, longest: int) -> None:
    for text in list(entry.findall(nodes.Text)):
        parent = text.parent
        if parent is None or NOBREAK in parent.get("classes", []):
            continue
        split = pieces(str(text), longest)
        if not any(keep for _, keep in split):
            continue
        new = [
            nodes.inline(piece, piece, classes=[NOBREAK]) if keep else nodes.Text(piece)
            for piece, keep in split
        ]
        parent.replace(text, new)


class NoBreakCells(SphinxPostTransform):
    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        japanese = (self.config.language or "ja") == "ja"
        for table in self.document.findall(nodes.table):
            whole = bool(PHRASE_TABLES & set(table.get("classes", [])))
            for entry in table.findall(nodes.entry):
                head = isinstance(entry.parent.parent, nodes.thead)
                # a heading's phrases up to 「（学習トークン数）」; a cell's shorter
                # (its second line's 「（東京科学大学ほか）」 breaks)
                longest = (10 if head else 8 if whole else 0) if japanese else 0
                mark_cell(entry, longest)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(NoBreakCells)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
