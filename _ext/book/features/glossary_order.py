"""A translated glossary in the alphabetical order of its own language.

A translation keeps the Japanese order, which in English reads as no order at all.  After
Sphinx's ``Locale`` transform (priority 20) this sorts every glossary of a translated
edition by first term, ignoring case; anchors and references belong to the terms."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from book.data.schema import SOURCE_LANGUAGE


def _first_term(item: nodes.Node) -> str:
    term = next(iter(item.findall(nodes.term)), None)
    return term.astext().casefold() if term is not None else ""


class TranslatedGlossaryInItsOwnOrder(SphinxTransform):
    """Sort a translated glossary's entries alphabetically (see the module docstring)."""

    default_priority = 25  # after Locale (20), which translates the terms

    def apply(self, **kwargs: Any) -> None:
        if (self.config.language or SOURCE_LANGUAGE) == SOURCE_LANGUAGE:
            return
        for glossary in self.document.findall(addnodes.glossary):
            for entries in glossary.findall(nodes.definition_list):
                entries.children.sort(key=_first_term)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(TranslatedGlossaryInItsOwnOrder)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
