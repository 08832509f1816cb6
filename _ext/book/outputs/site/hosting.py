"""The web pages as they are hosted: addresses that hold wherever the site is served.

* **No relative og:url.** sphinxext-opengraph always writes ``og:url``; a build without
  ``html_baseurl`` drops the tag (Sphinx writes no canonical link then either).
* **The 404 page's own links.** ``404.html`` is served at any depth, so this makes the
  links in the text of ``docs/404.md`` absolute under ``notfound_urls_prefix``, as
  sphinx-notfound-page does for the theme's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def drop_relative_og_url(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.config.html_baseurl or "metatags" not in context:
        return
    context["metatags"] = _OG_URL.sub("", context["metatags"])


def absolute_links_on_404(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != app.config.notfound_pagename or app.builder.format != "html":
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if ref.get("internal") and uri and not uri.startswith(("/", "#")) and "://" not in uri:
            ref["refuri"] = prefix + uri


def drop_stale_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """A build without an address writes no sitemap; one left in the output folder
    by an earlier build with an address (or by an older version of the book) would
    be published with that address's URLs, so it goes."""
    if exception is None and app.builder.format == "html" and not app.config.html_baseurl:
        (Path(app.outdir) / "sitemap.xml").unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    # After sphinxext-opengraph (default priority 500) has added its tags.
    app.connect("html-page-context", drop_relative_og_url, priority=900)
    app.connect("doctree-resolved", absolute_links_on_404)
    app.connect("build-finished", drop_stale_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
