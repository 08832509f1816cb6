"""sphinx-design components that read sensibly on paper.

In the PDF sphinx-design's containers fall through as plain text (sphinx-design 0.6.1,
``cards.py``: "TODO better degradation for latex"): a card's title runs into its body,
and a card's ``:link:`` prints its hidden text with nothing to say it is a link.  For
non-HTML outputs this makes the title a bold paragraph and the link a visible "→ link"
line.  In the EPUB (an HTML builder) dropdowns would be ``<details>`` with inline SVG,
which epubcheck rejects: there they keep the plain form too (heading, then answer)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def _is_component(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and node.get("design_component") == name


class CardsOnPaper(SphinxPostTransform):
    """Give cards a bold title paragraph and a visible link line outside HTML."""

    default_priority = 5  # before cross-references are resolved (priority 10)

    def is_supported(self) -> bool:
        # Not for the gettext builder either: it extracts the messages of the pages
        # as written (a title rebuilt here would have no source text to extract).
        return self.app.builder.format != "html" and self.app.builder.name != "gettext"

    def run(self, **kwargs: Any) -> None:
        for title in list(self.document.findall(lambda n: _is_component(n, "card-title"))):
            para = nodes.paragraph()
            # card-title > PassthroughTextElement > the title's inline nodes
            inline = [grand.deepcopy() for child in title.children for grand in child.children]
            para += nodes.strong("", "", *inline)
            title.replace_self(para)
        for link in list(self.document.findall(nodes.Element)):
            if "sd-stretched-link" not in link.get("classes", []):
                continue
            link["classes"] = [
                c for c in link["classes"] if c not in ("sd-stretched-link", "sd-hide-link-text")
            ]
            holder = link.parent
            para = nodes.paragraph("", "→ ", classes=["card-link-on-paper"])
            link.parent.remove(link)
            para += link
            holder.replace_self(para)


class PlainDropdownsInEbooks(SphinxPostTransform):
    """Keep dropdowns as title + content in the EPUB (see the module docstring)."""

    default_priority = 150  # before sphinx-design's DropdownHtmlTransform (199)

    def is_supported(self) -> bool:
        return self.app.builder.name == "epub"

    def run(self, **kwargs: Any) -> None:
        for dropdown in list(self.document.findall(lambda n: _is_component(n, "dropdown"))):
            dropdown["design_component"] = "dropdown-plain"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(CardsOnPaper)
    app.add_post_transform(PlainDropdownsInEbooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
