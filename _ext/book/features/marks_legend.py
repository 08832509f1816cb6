"""The legend of the status marks (``{marks-legend}``): what ［報道］ and ［未確認］
mean, and what an unmarked figure means, written once.

The words are the edition's ``statuses`` in data/labels.yaml (``word``, ``mark``,
``help``) and ``marks-legend``; the top page and the sources page both show this
directive, so the marks are defined one way everywhere."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from book.core.facts import edition_labels, mark_text, note_dependencies

# The order of the legend: the marks a reader meets, then the unmarked case.
LEGEND_ORDER = ("reported", "unverified", "confirmed")


class MarksLegendDirective(SphinxDirective):
    """A definition list: each mark (or "no mark") with its status word and meaning."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        note_dependencies(self.env)
        labels = edition_labels(self.env)
        statuses, words = labels["statuses"], labels["marks-legend"]
        legend = nodes.definition_list(classes=["marks-legend"])
        for status in LEGEND_ORDER:
            mark = mark_text(labels, status) or words["no-mark"]
            term = nodes.term("", "")
            term += nodes.inline("", mark, classes=["marks-legend-mark"])
            word = statuses[status]["word"]
            if word != statuses[status]["mark"]:  # ［未確認］ needs no（未確認）
                term += nodes.Text(words["term"].format(word=word))
            body = nodes.definition("", nodes.paragraph("", statuses[status]["help"]))
            legend += nodes.definition_list_item("", term, body)
        self.set_source_info(legend)
        return [legend]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("marks-legend", MarksLegendDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
