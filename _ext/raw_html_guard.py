"""Pages are content, not code: raw HTML is limited to a few inline tags.

MyST passes HTML written in a page straight into the site.  A ``<script>``, an
``<iframe>``, an inline event handler (``onclick=``) or a ``javascript:`` link
would run code in readers' browsers, load third-party content, or simply vanish
from the PDF and EPUB.  So every raw HTML fragment of a page (MyST's inline and
block HTML, and the ``{raw}`` directive) is checked, and anything outside the
list that STYLE.md names fails the strict build at the page's file and line:

* allowed tags: ``ALLOWED_TAGS`` (line breaks, ruby, sub/superscript,
  abbreviations, keys), with only ``title`` and ``lang`` attributes;
* HTML comments are allowed (e.g. ``<!-- textlint-disable -->``);
* ``{raw}`` content for other outputs (LaTeX...) is not allowed in pages: layout
  belongs in ``conf.py`` and ``_ext/``.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# Named in STYLE.md ("HTML"); keep the two lists in step.
ALLOWED_TAGS = frozenset({"br", "wbr", "ruby", "rb", "rt", "rp", "sub", "sup", "abbr", "kbd"})
ALLOWED_ATTRIBUTES = frozenset({"title", "lang"})
# Tags that run code, embed other sites or change the page itself.
CODE_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "style",
        "link",
        "meta",
        "base",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "svg",
        "math",
        "template",
        "noscript",
        "video",
        "audio",
        "img",
        "source",
        "portal",
    }
)
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
WHAT_TO_DO = "write it with MyST instead (see STYLE.md, 'HTML')"


class _Fragment(HTMLParser):
    """Collect the problems of one HTML fragment, in reading order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CODE_TAGS:
            self.problems.append(
                f"raw <{tag}> is not allowed in pages: pages are content, not code; "
                + (
                    "use a figure file with ![alt text](path) instead"
                    if tag == "img"
                    else "embed nothing from other sites and run no scripts; link to "
                    "the page with [text](https://...) instead"
                )
            )
            return
        if tag not in ALLOWED_TAGS:
            self.problems.append(
                f"raw <{tag}> is not allowed in pages (allowed: "
                f"{', '.join(sorted(ALLOWED_TAGS))}); {WHAT_TO_DO}"
            )
        for name, value in attrs:
            value = (value or "").strip().lower().replace(" ", "")
            if name.startswith("on"):
                self.problems.append(
                    f"inline event handler '{name}=' is not allowed in pages: pages "
                    "run no code; remove the attribute"
                )
            elif value.startswith(UNSAFE_SCHEMES):
                self.problems.append(
                    f"'{value.split(':')[0]}:' URL in <{tag} {name}=> is not allowed in "
                    "pages; link only to https:// addresses or to other pages"
                )
            elif name not in ALLOWED_ATTRIBUTES and tag in ALLOWED_TAGS:
                self.problems.append(
                    f"attribute '{name}' on <{tag}> is not allowed in pages (allowed: "
                    f"{', '.join(sorted(ALLOWED_ATTRIBUTES))}); {WHAT_TO_DO}"
                )

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"raw <!{decl}> is not allowed in pages; remove it")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"raw <?{data}> is not allowed in pages; remove it")


def check_fragment(text: str) -> list[str]:
    """The problems of an HTML fragment (empty when it is allowed)."""
    parser = _Fragment()
    parser.feed(text)
    parser.close()
    return parser.problems


def check_raw(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(nodes.raw):
        formats = node.get("format", "").split()
        if "html" not in formats:
            logger.warning(
                "raw %s is not allowed in pages: layout belongs in conf.py or _ext/, "
                "not in the text; remove the {raw} block or ask in an issue",
                " ".join(formats) or "content",
                location=node,
                type="content",
                subtype="raw",
            )
            continue
        for problem in dict.fromkeys(check_fragment(node.astext())):
            logger.warning(problem, location=node, type="content", subtype="raw_html")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_raw)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
