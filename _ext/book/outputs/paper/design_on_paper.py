"""sphinx-design components that read sensibly on paper.

sphinx-design renders cards, grids, tabs and dropdowns for HTML; in the PDF its
containers fall through as plain text, and two things go wrong (sphinx-design
0.6.1, ``cards.py``: "TODO better degradation for latex"):

* a card's title is bare text, not a paragraph, so it runs into the body;
* a card's ``:link:`` is an invisible "stretched link" in HTML, but in LaTeX its
  hidden text is printed at the end of the body with nothing to say it is a link.

For non-HTML outputs this post-transform turns the card title into a bold
paragraph and the card link into a visible "→ link" line (``latex_show_pagerefs``
adds the page number).  Dropdowns and tabs already degrade to a heading followed
by their content, which reads as plain Q&A and sections on paper.

The EPUB is built by an HTML builder, so sphinx-design would give it the web's
``<details>`` dropdowns with inline SVG chevrons, which epubcheck rejects (the
OPF does not declare "svg") and many e-readers do not open.  There, dropdowns
keep the plain form too: the question as a heading, the answer below it.
"""

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
