"""Headings that break between Japanese phrases, not inside words ("大規模言語モ / デル").

BudouX's phrase boundaries become ``<wbr>`` in every heading of the page body;
``_static/book.css`` sets ``word-break: keep-all`` on headings.  Not CSS's
``word-break: auto-phrase``: only Chromium has it, and many readers use Safari on iPhone.
``<wbr>`` adds no characters (the search index and ``<title>`` never see it)."""

from __future__ import annotations

import html
import re
from typing import Any

import budoux
from sphinx.application import Sphinx

_HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.DOTALL)
# Tags, and the heading's permalink anchor (a pilcrow that needs no marks).
_TAG_OR_PERMALINK = re.compile(r'(<a class="headerlink".*?</a>|<[^>]+>)', re.DOTALL)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

_parser = budoux.load_default_japanese_parser()


def _mark_text(text: str) -> str:
    """Escaped HTML text with ``<wbr>`` between the BudouX phrases."""
    plain = html.unescape(text)
    if not _JAPANESE.search(plain):
        return text
    return "<wbr>".join(html.escape(phrase, quote=False) for phrase in _parser.parse(plain))


def mark_heading_phrases(body: str) -> str:
    """Insert ``<wbr>`` at phrase boundaries inside every heading of ``body``."""

    def heading(match: re.Match[str]) -> str:
        start, inner, end = match.groups()
        parts = _TAG_OR_PERMALINK.split(inner)
        # split() with one group: text at even indices, tags at odd ones.
        marked = [part if i % 2 else _mark_text(part) for i, part in enumerate(parts)]
        return start + "".join(marked) + end

    return _HEADING.sub(heading, body)


def _on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # The web site only: the EPUB is XHTML (no bare <wbr>) and e-readers lay out
    # their own text.  The Japanese edition only: English headings break at their
    # spaces (a Japanese name they quote is a single short phrase).
    if app.builder.name == "html" and app.config.language == "ja" and "body" in context:
        context["body"] = mark_heading_phrases(context["body"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
