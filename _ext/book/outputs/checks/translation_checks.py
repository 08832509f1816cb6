"""A translation that breaks the page's MyST markup fails the strict build, at its PO file.

Before Sphinx's Locale transform (priority 20) every translated message is compared with
its original, and each problem is a warning in the PO file, naming the page's line too::

    locales/en/LC_MESSAGES/overview.po:123: WARNING: the translation of 「GENIACは、国内で…」
    (docs/overview.md:15) lost {fact}`geniac-start` [translation.markup]

Checked: every role is kept with the same target (a ``{term}`` may change its words) and
none added; no role without backticks, no unmatched backtick; as many Markdown links.
Fuzzy entries are not used by the build, so not checked."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

logger = logging.getLogger(__name__)

ROLE = re.compile(r"\{(?P<role>[A-Za-z][\w:.-]*)\}`(?P<body>[^`]*)`")
# A role name not followed by its backtick: the role's text would be printed as is.
BARE_ROLE = re.compile(r"\{[A-Za-z][\w:.-]*\}(?!`)")
# The explicit target of "words <target>" (ref, term, doc).
EXPLICIT_TARGET = re.compile(r"<([^<>]+)>\s*$")
MARKDOWN_LINK = "]("


def roles(text: str) -> Counter[str]:
    """``{role}`target``` of each role in ``text`` (the target without the words)."""
    found: Counter[str] = Counter()
    for match in ROLE.finditer(text):
        body = match["body"]
        explicit = EXPLICIT_TARGET.search(body)
        target = explicit.group(1) if explicit else body
        found[f"{{{match['role']}}}`{target.strip()}`"] += 1
    return found


def problems(msgid: str, msgstr: str) -> list[str]:
    """What the translation ``msgstr`` breaks of the markup of ``msgid``."""
    found = []
    bare = BARE_ROLE.findall(ROLE.sub("", msgstr))
    if bare:
        found.append(f"{bare[0]} has lost its backticks (its text would show as is)")
    elif ROLE.sub("", msgstr).count("`") % 2 != ROLE.sub("", msgid).count("`") % 2:
        found.append("has an unmatched backtick")
    original, translated = roles(msgid), roles(msgstr)
    for role in sorted((original - translated).elements()):
        found.append(f"lost {role}")
    for role in sorted((translated - original).elements()):
        found.append(f"has {role}, which the original does not")
    if msgstr.count(MARKDOWN_LINK) != msgid.count(MARKDOWN_LINK):
        found.append("does not have the original's Markdown links ([words](address))")
    return found


def _start(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 24 else text[:24] + "…"


class CheckTranslatedMarkup(SphinxTransform):
    """Warn, at the PO file's line, about each translated message that breaks markup."""

    default_priority = 19  # just before sphinx.transforms.i18n.Locale

    def apply(self, **kwargs: Any) -> None:
        name = Path(self.config.language, "LC_MESSAGES", f"{self.env.docname}.po")
        paths = (Path(self.env.srcdir, folder, name) for folder in self.config.locale_dirs)
        po_file = next((path for path in paths if path.is_file()), None)
        if po_file is None:
            return
        with po_file.open("rb") as file:
            catalogue = read_po(file)
        # Paths as the contributor sees them, from the project's folder (conf.py's).
        shown = os.path.relpath(po_file, self.app.confdir)
        page = os.path.relpath(self.env.doc2path(self.env.docname), self.app.confdir)
        seen = set()
        for node, msgid in extract_messages(self.document):
            message = catalogue.get(msgid)
            if message is None or message.fuzzy or message.string in ("", msgid) or msgid in seen:
                continue
            seen.add(msgid)
            found = problems(msgid, message.string)
            if found:
                # Reported here, at the PO line: markup_leaks.py leaves this block
                # alone, so that one mistake gives one message.
                node["translation_markup_reported"] = True
            for problem in found:
                logger.warning(
                    f"the translation of 「{_start(msgid)}」 ({page}:{node.line or ''}) {problem}",
                    location=f"{shown}:{message.lineno}",
                    type="translation",
                    subtype="markup",
                )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(CheckTranslatedMarkup)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
