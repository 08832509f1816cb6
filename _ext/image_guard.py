"""Every image has alt text and is a file of the book.

* An image or figure without alt text is invisible to a reader using a screen
  reader (and to the EPUB's accessibility checks).  ``![説明](path)`` or the
  ``:alt:`` option of ``{figure}`` / ``{image}`` gives it one; a figure's caption
  is not a replacement, since screen readers announce the image before it.
* An image loaded from another site (``https://...``) is a third-party request
  every time a reader opens the page, breaks offline reading, and is missing from
  the PDF.  Images are files in the repository, with their source noted.

Either fails the strict build at the page's file and line.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _located(node: nodes.Node) -> nodes.Node:
    """The node itself, or the nearest parent with a line (a figure's image has none)."""
    while not node.line and node.parent is not None:
        node = node.parent
    return node


def check_images(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        uri, node = image.get("uri", ""), _located(image)
        if not str(image.get("alt", "")).strip():
            logger.warning(
                "image '%s' has no alt text: say what it shows, e.g. "
                "![国別の民間AI投資額を比べた棒グラフ](%s), or add ':alt:' to the "
                "{figure}/{image} directive",
                uri,
                uri,
                location=node,
                type="content",
                subtype="image_alt",
            )
        if REMOTE.match(uri):
            logger.warning(
                "image '%s' is loaded from another site: add the file to the repository "
                "(with its source and licence noted) and link it by path; the book makes "
                "no third-party requests",
                uri,
                location=node,
                type="content",
                subtype="remote_image",
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_images)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
