"""External links in pages are https, and nothing but a link.

* ``http://`` links fail the strict build: readers follow them from the site and
  from the PDF, and a plain-http link can be altered on the way.  Almost every
  site serves https; for one that does not, cite an https archive copy.
* ``javascript:``, ``vbscript:`` and ``data:`` links run code or carry content
  instead of pointing to a page, and fail too (Markdown itself refuses them, but
  autolinks, HTML and directives can still produce one).

The source list in ``data/facts.yaml`` is checked the same way by ``facts.py``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def _located(node: nodes.Node) -> nodes.Node:
    """The node itself, or the nearest parent with a line (inline nodes may have none)."""
    while not node.line and node.parent is not None:
        node = node.parent
    return node


def check_links(app: Sphinx, doctree: nodes.document) -> None:
    for link in doctree.findall(nodes.reference):
        uri, node = link.get("refuri", ""), _located(link)
        compact = uri.strip().lower().replace(" ", "")
        if compact.startswith("http://"):
            logger.warning(
                "link over plain http:// is not allowed: use https://%s (or an https "
                "archive copy if the site has no https)",
                uri.strip()[len("http://") :],
                location=node,
                type="content",
                subtype="http_link",
            )
        elif compact.startswith(UNSAFE_SCHEMES):
            logger.warning(
                "'%s' link is not allowed in pages: link only to https:// addresses or "
                "to other pages ({ref}`label`)",
                compact.split(":")[0] + ":",
                location=node,
                type="content",
                subtype="unsafe_link",
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
