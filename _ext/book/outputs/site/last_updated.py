"""When each web page last changed, in its footer: 「最終更新：2026年11月28日」.

The dates come from sphinx-last-updated-by-git (loaded from here): for each page, the
author date of the last commit that changed its file or a file it depends on (the
data it shows: data/facts.yaml, data/labels.yaml…).  Uncommitted edits do not count,
so two builds of the same commit show the same dates.  Furo prints the date in the
footer when ``html_last_updated_fmt`` is set (conf.py; in UTC, like the other dates of
the build).  This module adds what the book needs on top:

* A fallback without warnings.  Where git cannot date a page (the sources copied
  without ``.git``, git missing, a page not committed yet, a clone too shallow to
  reach the page's last change), the page is dated by ``SOURCE_DATE_EPOCH``: the
  edition's date, which the Makefile takes from the commit, so never the wall clock;
  without it, the page shows no date.  The extension's own warnings for those cases
  (``git.subprocess_error``, ``git.command_not_found``, ``git.too_shallow``) are
  listed in conf.py's ``suppress_warnings``, since a warning fails the strict build;
  an info line says how many pages were dated by the fallback.
* The edition's words: Furo's "Last updated on …" is in the project's ``sphinx``
  catalogue (locales/<lang>/LC_MESSAGES/sphinx.po, _ext/book/outputs/site/theme_messages.py).
* The EPUB has no footer: its pages get neither a date nor the extension's
  ``article:modified_time`` meta tag.

Generated pages (the index, search) show no date.  CI and Read the Docs need the
history (not a depth-1 clone) for the dates to be each page's own.
"""

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
    if context.get("last_updated") or pagename not in app.env.found_docs:
        return
    if not app.config.html_last_updated_fmt:
        return
    context["last_updated"] = fallback_date(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_last_updated_by_git")
    app.connect("env-updated", report, priority=600)
    app.connect("html-page-context", page_context, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
