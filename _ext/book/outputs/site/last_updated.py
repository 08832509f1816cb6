"""When each web page last changed, in its footer: 「最終更新：2026年11月28日」.

The dates come from sphinx-last-updated-by-git (loaded from here): the last commit that
changed the page or a file it depends on; Furo prints them (``html_last_updated_fmt``).
Where git cannot date a page (no ``.git``, no git, not committed, too shallow a clone)
the page takes ``SOURCE_DATE_EPOCH``, never the wall clock, without a warning (those
warnings are in conf.py's ``suppress_warnings``; an info line counts such pages).  The
EPUB has no footer: its pages get neither a date nor ``article:modified_time``."""

from __future__ import annotations

import os
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.i18n import format_date

logger = logging.getLogger(__name__)

# The meta tag the extension adds to every dated page.
MODIFIED_TIME = re.compile(r'\s*<meta property="article:modified_time" content="[^"]*" />')


def fallback_date(app: Sphinx) -> str | None:
    """The edition's date (SOURCE_DATE_EPOCH), formatted; None without it."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    # Sphinx's format_date reads SOURCE_DATE_EPOCH (UTC) when given no date.
    return format_date(app.config.html_last_updated_fmt, language=app.config.language)


def report(app: Sphinx, env: BuildEnvironment) -> None:
    """After the extension asked git (priority 500): say which pages it could not date."""
    undated = sorted(
        name
        for name, data in getattr(env, "git_last_updated", {}).items()
        if data is None or data[0] is None
    )
    if undated and app.builder.format == "html" and app.builder.name != "epub":
        how = "SOURCE_DATE_EPOCH" if fallback_date(app) else "no date (no SOURCE_DATE_EPOCH)"
        logger.info(
            "last updated: %d page(s) not dated by git, shown with %s: %s",
            len(undated),
            how,
            ", ".join(undated[:5]) + (" …" if len(undated) > 5 else ""),
        )


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After the extension's handler: the fallback date, nothing in the EPUB."""
    if app.builder.name == "epub":
        context["last_updated"] = None
        context["metatags"] = MODIFIED_TIME.sub("", context.get("metatags", ""))
        return
    if pagename in app.env.found_docs and app.config.html_last_updated_fmt:
        context["last_updated"] = context.get("last_updated") or fallback_date(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_last_updated_by_git")
    app.connect("env-updated", report, priority=600)
    app.connect("html-page-context", page_context, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
