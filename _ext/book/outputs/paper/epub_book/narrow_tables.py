"""In the EPUB, a wide table's cells also carry their column's name, so that on a phone
or an e-reader the table reads as one block per row (static/book-epub.css).

For the tables in ``STACKED``, each body cell after the first gets its column's heading
as a hidden ``<span class="stack-label">``; below 48em the stylesheet shows rows as
blocks with these labels and hides the header row."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

# The tables read as blocks on a phone (their class): the models table of
# _ext/book/features/domestic_models.py.
STACKED = ("domestic-models",)
LABEL_CLASS = "stack-label"


def column_names(table: nodes.table) -> list[str]:
    """Each column's name: the first paragraph of its heading cell."""
    head = next(iter(table.findall(nodes.thead)), None)
    if head is None:
        return []
    row = next(iter(head.findall(nodes.row)))
    names = []
    for entry in row.children:
        first = next(iter(entry.findall(nodes.paragraph)), None)
        names.append(first.astext() if first is not None else entry.astext())
    return names


class LabelStackedCells(SphinxPostTransform):
    default_priority = 900
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if not set(STACKED) & set(table["classes"]):
                continue
            names = column_names(table)
            for body in table.findall(nodes.tbody):
                for row in body.children:
                    for name, entry in list(zip(names, row.children, strict=False))[1:]:
                        first = next(iter(entry.findall(nodes.paragraph)), None)
                        label = nodes.inline("", name, classes=[LABEL_CLASS])
                        if first is not None:
                            first.insert(0, label)
                        else:
                            entry.insert(0, nodes.paragraph("", "", label))


def setup(app: Sphinx) -> None:
    app.add_post_transform(LabelStackedCells)
