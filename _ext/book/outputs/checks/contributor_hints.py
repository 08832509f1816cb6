"""Warnings a contributor can act on: short paths and a "what to do" hint.

A filter on Sphinx's warning output that writes every path relative to the project
(``docs/overview.md:6``, without MyST's stray ``.rst``), appends a hint (``→ ...``) to
the warnings contributors meet most, writes a message that starts with its own location
in the ``file:line: WARNING:`` form, says "not UTF-8" once per line, and gives a
directive's "Has content, but none permitted" the hint about an unclosed fence where
that is the cause.  Which warnings exist, and that ``-W`` fails on them, is unchanged
(Sphinx counts a warning before the filter sees it)."""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

# What to do, by Sphinx's warning type.subtype where it has one, by the message otherwise.
HINTS_BY_TYPE = {
    "ref.ref": "define the label with `(label)=` on the line above a heading, or fix "
    "its spelling (labels are page name + topic, e.g. `overview-geniac`; "
    "see CONTRIBUTING.md)",
    "ref.term": "use the term exactly as written in docs/glossary.md, or add it there "
    "(template: docs/_templates/page-kinds/glossary-term.md)",
    "ref.doc": "name an existing page without its suffix, e.g. {doc}`overview`",
    "ref.numref": "define the label on the figure or table (`:name:`) or fix its spelling",
    "toc.not_included": "list the page in a {toctree} in docs/index.md (template: "
    "docs/_templates/page-kinds/chapter.md)",
    "toc.excluded": "the toctree names a page that is not built; fix the entry",
    "toc.not_readable": "the toctree names a page that does not exist; fix the entry "
    "or add docs/<name>.md",
    "image.not_readable": "add the image file to the repository and write its path "
    "relative to the page, or from docs/ with a leading `/`",
    "myst.topmatter": "the front matter (between the two `---` lines at the top of the "
    "page) must be valid YAML: `key: value` lines; quote values containing `:` or `[`",
    "myst.header": "go down one heading level at a time (# then ## then ###)",
    "myst.directive_unknown": "check the directive's spelling; the directives pages use "
    "are listed in STYLE.md",
    "myst.role_unknown": "check the role's spelling; the roles pages use "
    "({fact}, {ref}, {term}, ...) are listed in STYLE.md",
    "myst.xref_missing": "link another page by its label, {ref}`label`, or by its file "
    "name relative to this page (e.g. `[概要](overview.md)`)",
    "myst.directive_parse": "check the directive's options (`:name: value` lines right "
    "after the opening line) and its argument",
    "myst.duplicate_def": "each link definition name may appear once per page; rename one",
}
HINTS_BY_MESSAGE = {  # the start of the message
    "duplicate label ": "labels must be unique in the whole book: rename this one "
    "(page name + topic, e.g. `(overview-geniac)=`)",
    "undecodable source characters": "save the file as UTF-8 (without BOM); the book reads "
    "only UTF-8",
    "Document or section may not begin with a transition": "a `---` line at the very top "
    "starts the front matter: close it with a second `---` line, or delete it",
    "Unknown directive type": HINTS_BY_TYPE["myst.directive_unknown"],
    "Unknown interpreted text role": "check the role's spelling; the roles pages use are "
    "listed in STYLE.md",
}
# A directive's complaint at the line of a fence that is never closed.
UNCLOSED_FENCE_HINT = (
    "its fence is never closed (see the warning for this line), so the lines after it "
    "became its content: close the fence and this goes away"
)
# MyST reports some locations as "page.md.rst"; there is no such file.
STRAY_RST = re.compile(r"(\.md)\.rst(?=:|\b|$)")
# A message that starts with its own location ("data/facts.yaml:12: ...").
MESSAGE_LOCATION = re.compile(r"^([\w./-]+\.\w+:\d+): (.*)$", re.DOTALL)
LINE = re.compile(r":\d+$")


class ContributorHints(logging.Filter):
    """Rewrite paths relative to the project and append a hint (idempotent)."""

    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root.rstrip(os.sep) + os.sep
        self.undecodable: set[str | None] = set()
        self.unclosed: set[str] = set()  # locations of fences never closed

    def _short(self, text: str) -> str:
        return STRAY_RST.sub(r"\1", text.replace(self.root, ""))

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "contributor_hint_done", False):
            return True
        record.contributor_hint_done = True
        location = getattr(record, "location", None)
        message = self._short(logging.LogRecord.getMessage(record))
        kind = getattr(record, "type", None)
        subtype = getattr(record, "subtype", None)
        if isinstance(location, str):
            location = self._short(location)
        elif located := MESSAGE_LOCATION.match(message):
            # "data/facts.yaml:12: ..." -> the usual "file:line: WARNING: ..." form.
            location, message = located.group(1), located.group(2)
        if location and kind == "toc" and not LINE.search(location):
            location = f"{location.rstrip(':')}:1"  # the page as a whole: its first line
        if location:
            record.location = location
        if message.startswith("undecodable source characters"):
            # Sphinx repeats this for every bad byte, with the bytes: say it once.
            if location in self.undecodable:
                return False
            self.undecodable.add(location)
            message = "undecodable source characters: this line is not UTF-8 text"
        hint = HINTS_BY_TYPE.get(f"{kind}.{subtype}")
        if (kind, subtype) == ("content", "unclosed_fence") and location:
            self.unclosed.add(location)
        elif kind == "myst" and subtype == "directive_parse" and location in self.unclosed:
            hint = UNCLOSED_FENCE_HINT
        if hint is None:
            hint = next(
                (h for start, h in HINTS_BY_MESSAGE.items() if message.startswith(start)), None
            )
        if hint and "→" not in message:
            message = f"{message} → {hint}"
        # The message is final text now; no %-formatting may run on it again.
        record.msg, record.args = message, ()
        return True


def setup(app: Sphinx) -> dict[str, Any]:
    # At once, so that warnings about the configuration get it too; last, after Sphinx's
    # filters have turned locations into paths.
    root = os.path.abspath(app.confdir)
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler) and not any(
            isinstance(f, ContributorHints) for f in handler.filters
        ):
            handler.addFilter(ContributorHints(root))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
