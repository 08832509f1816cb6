"""Give table-of-contents captions the heading level ARIA requires.

Sphinx 8.2 writes a toctree caption as ``<p class="caption" role="heading">`` without
``aria-level``, so axe-core and Lighthouse fail every page (the body and Furo's
sidebar).  This adds ``aria-level="2"``: the captions head lists of chapters."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

_BARE = '<p class="caption" role="heading">'
_FIXED = '<p class="caption" role="heading" aria-level="2">'
# The HTML snippets in a page's context that may hold a toctree.
_KEYS = ("body", "furo_navigation_tree", "toctree")


def _on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for key in _KEYS:
        value = context.get(key)
        if isinstance(value, str) and _BARE in value:
            context[key] = value.replace(_BARE, _FIXED)


def setup(app: Sphinx) -> dict[str, Any]:
    # After Furo (priority 500), which renders its sidebar tree in this event.
    app.connect("html-page-context", _on_page_context, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
