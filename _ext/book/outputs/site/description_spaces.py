"""No stray spaces in Japanese page descriptions.

sphinxext-opengraph builds ``<meta name="description">`` and ``og:description`` from the
raw text, where each source line break inside a Japanese sentence became a space (the
body is handled by sphinxcontrib-trimblank).  This removes white space between two
Japanese characters in those tags; spaces next to Latin words stay."""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
_STRAY = re.compile(f"(?<={_CJK})\\s+(?={_CJK})")
_DESCRIPTION = re.compile(
    r'(<meta (?:name="description"|property="og:description") content=")([^"]*)(")'
)


def _on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    metatags = context.get("metatags")
    if metatags:
        context["metatags"] = _DESCRIPTION.sub(
            lambda m: m.group(1) + _STRAY.sub("", m.group(2)) + m.group(3), metatags
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # After sphinxext-opengraph (default priority 500) has written the tags.
    app.connect("html-page-context", _on_page_context, priority=850)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
