"""What a page may contain: one policy, each problem failing the strict build at the page's
file and line (type ``content``, a subtype per check):

* **raw HTML** (``raw_html``, ``raw``): HTML runs in readers' browsers and vanishes from
  the PDF and EPUB; only the inline tags of ``ALLOWED_TAGS`` (STYLE.md, "HTML") with
  ``title`` and ``lang``, and comments, are allowed; ``{raw}`` is not;
* **links** (``http_link``, ``unsafe_link``): ``http://`` (cite an https copy),
  ``javascript:``, ``vbscript:`` and ``data:``;
* **images** (``image_alt``, ``remote_image``): without alt text, or from another site
  (a third-party request on every visit, missing from the PDF);
* **unclosed fences** (``unclosed_fence``): a fence never closed silently swallows the
  rest of the page; each page is parsed with the build's own MyST parser and every
  unclosed fence is reported at its opening line (where a later fence took the closing
  line, the earlier one)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from docutils import nodes
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def located(node: nodes.Node) -> nodes.Node:
    """The node itself, or the nearest parent with a line (inline nodes, a figure's
    image and text have none)."""
    while not node.line and node.parent is not None:
        node = node.parent
    return node


def warn(message: str, location: Any, subtype: str) -> None:
    logger.warning(message, location=location, type="content", subtype=subtype)


def compact_url(uri: str) -> str:
    """How a browser reads the scheme: case and spaces do not matter."""
    return uri.strip().lower().replace(" ", "")


# Raw HTML: named in STYLE.md ("HTML"); keep the two lists in step.
ALLOWED_TAGS = frozenset({"br", "wbr", "ruby", "rb", "rt", "rp", "sub", "sup", "abbr", "kbd"})
ALLOWED_ATTRIBUTES = frozenset({"title", "lang"})
# Tags that run code, embed other sites or change the page itself.
CODE_TAGS = frozenset(
    "script iframe frame frameset object embed applet style link meta base form input button "
    "textarea select svg math template noscript video audio img source portal".split()
)
WHAT_TO_DO = "write it with MyST instead (see STYLE.md, 'HTML')"


class _Fragment(HTMLParser):
    """Collect the problems of one HTML fragment, in reading order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.feed(text)
        self.close()

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
            value = compact_url(value or "")
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


def check_raw(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(nodes.raw):
        formats = node.get("format", "").split()
        if "html" not in formats:
            warn(
                f"raw {' '.join(formats) or 'content'} is not allowed in pages: layout belongs "
                "in conf.py or _ext/, not in the text; remove the {raw} block or ask in an issue",
                location=node,
                subtype="raw",
            )
            continue
        for problem in dict.fromkeys(_Fragment(node.astext()).problems):
            warn(problem, location=node, subtype="raw_html")


def check_links(app: Sphinx, doctree: nodes.document) -> None:
    for link in doctree.findall(nodes.reference):
        uri, node = link.get("refuri", ""), located(link)
        compact = compact_url(uri)
        if compact.startswith("http://"):
            warn(
                f"link over plain http:// is not allowed: use https://{uri.strip()[7:]} (or an "
                "https archive copy if the site has no https)",
                location=node,
                subtype="http_link",
            )
        elif compact.startswith(UNSAFE_SCHEMES):
            warn(
                f"'{compact.split(':')[0]}:' link is not allowed in pages: link only to https:// "
                "addresses or to other pages ({ref}`label`)",
                location=node,
                subtype="unsafe_link",
            )


REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def check_images(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        uri, node = image.get("uri", ""), located(image)
        if not str(image.get("alt", "")).strip():
            warn(
                f"image '{uri}' has no alt text: say what it shows, e.g. "
                f"![国別の民間AI投資額を比べた棒グラフ]({uri}), or add ':alt:' to the "
                "{figure}/{image} directive",
                location=node,
                subtype="image_alt",
            )
        if REMOTE.match(uri):
            warn(
                f"image '{uri}' is loaded from another site: add the file to the repository "
                "(with its source and licence noted) and link it by path; the book makes "
                "no third-party requests",
                location=node,
                subtype="remote_image",
            )


# Unclosed fences
# Directives whose content is literal text or another language, not Markdown.
LITERAL_DIRECTIVES = frozenset(
    "code code-block sourcecode code-cell literalinclude raw math eval-rst csv-table glossary "
    "facts-list sources-list toctree".split()
)
# Block-quote markers and indentation in front of a closing fence.
CONTAINER_PREFIX = re.compile(r"^[ \t>]*")


def _closed(token: Any, lines: list[str]) -> bool:
    start, end = token.map
    if end - start < 2 or end > len(lines):
        return False
    last = CONTAINER_PREFIX.sub("", lines[end - 1]).rstrip()
    return len(last) >= len(token.markup) and set(last) == {token.markup[0]}


def find_unclosed(md: Any, text: str, offset: int = 0) -> list[tuple[int, str, str]]:
    """(line, fence markup, info) of every unclosed fence, 1-based lines.

    A fence whose content holds an unclosed fence of the same character, at least
    as long, was not closed itself: the line that seems to close it belongs to the
    inner one (nesting needs a longer outer fence, so the two were meant to follow
    each other).  The outer one is reported then, not the inner one.
    """
    lines = text.splitlines()
    problems = []
    for token in md.parse(text, {}):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        info = token.info.strip()
        here = (offset + token.map[0] + 1, token.markup, info)
        if not _closed(token, lines):
            problems.append(here)
            continue
        name = info[1:].split("}", 1)[0] if info.startswith("{") else ""
        if not name or name in LITERAL_DIRECTIVES:
            continue
        inner = find_unclosed(md, token.content, offset + token.map[0] + 1)
        took_the_closing_line = [
            p for p in inner if p[1][0] == token.markup[0] and len(p[1]) >= len(token.markup)
        ]
        if took_the_closing_line:
            problems.append(here)
        problems += [p for p in inner if p not in took_the_closing_line]
    return sorted(problems)


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".md"):
        return
    config = getattr(app.env, "myst_config", None) or MdParserConfig()
    for line, markup, info in find_unclosed(create_md_parser(config, RendererHTML), source[0]):
        what = (
            f"the {info.split()[0]} directive"
            if info.startswith("{")
            else f"the code block ({markup}{info})"
        )
        warn(
            f"{what} opened here is never closed, so it swallows everything after it: add "
            f"a line '{markup}' after its content (at least as many '{markup[0]}' as the "
            "opening line)",
            location=(docname, line),
            subtype="unclosed_fence",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", check_fences)
    for check in (check_raw, check_links, check_images):
        app.connect("doctree-read", check)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
