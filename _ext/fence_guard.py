"""An unclosed code fence or directive fails the build at the line that opened it.

In Markdown an opening fence (```` ``` ```` or ``:::``) without its closing line is
not an error: the block silently runs to the end of the page (or of the directive
around it), swallowing every heading and paragraph after it.  The page still
builds, and the mistake reaches readers.  This check parses each page with the
same MyST parser and configuration as the build and reports every fence whose
last line is not a closing fence, then looks inside directives (a ``{note}``
holds Markdown of its own) the same way.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FENCES = ("fence", "colon_fence")
# Directives whose content is literal text or another language, not Markdown.
LITERAL_DIRECTIVES = frozenset(
    {
        "code",
        "code-block",
        "sourcecode",
        "code-cell",
        "literalinclude",
        "raw",
        "math",
        "eval-rst",
        "csv-table",
        "glossary",
        "facts-list",
        "sources-list",
        "toctree",
    }
)
# Block-quote markers and indentation in front of a closing fence.
CONTAINER_PREFIX = re.compile(r"^[ \t>]*")


def _closed(token: Any, lines: list[str]) -> bool:
    start, end = token.map
    if end - start < 2 or end > len(lines):
        return False
    last = CONTAINER_PREFIX.sub("", lines[end - 1]).rstrip()
    char, count = token.markup[0], len(token.markup)
    return len(last) >= count and set(last) == {char}


def find_unclosed(md: Any, text: str, offset: int = 0) -> list[tuple[int, str, str]]:
    """(line, fence markup, info) of every unclosed fence, 1-based lines."""
    lines = text.splitlines()
    problems = []
    for token in md.parse(text, {}):
        if token.type not in FENCES or token.map is None:
            continue
        info = token.info.strip()
        if not _closed(token, lines):
            problems.append((offset + token.map[0] + 1, token.markup, info))
            continue
        name = info[1:].split("}", 1)[0] if info.startswith("{") else ""
        if name and name not in LITERAL_DIRECTIVES:
            problems += find_unclosed(md, token.content, offset + token.map[0] + 1)
    return problems


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".md"):
        return
    config = getattr(app.env, "myst_config", None) or MdParserConfig()
    md = create_md_parser(config, RendererHTML)
    for line, markup, info in find_unclosed(md, source[0]):
        what = (
            f"the {info.split()[0]} directive"
            if info.startswith("{")
            else (f"the code block ({markup}{info})" if info else f"the code block ({markup})")
        )
        logger.warning(
            "%s opened here is never closed, so it swallows everything after it: add "
            "a line '%s' after its content (at least as many '%s' as the opening line)",
            what,
            markup,
            markup[0],
            location=(docname, line),
            type="content",
            subtype="unclosed_fence",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", check_fences)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
