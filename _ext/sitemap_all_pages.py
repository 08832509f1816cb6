"""sitemap.xml lists every page after any build, not only the pages just written.

Workaround for sphinx-sitemap's open bug
https://github.com/jdillard/sphinx-sitemap/issues/13 ("Only references pages that
are new or have changed since the last build"): it collects a page's URL when
the page is written (``html-page-context``) and writes sitemap.xml from those at
``build-finished``, so after a one-page edit ``make html`` rewrote the sitemap
with that one page.  Just before it writes, this adds every document of the
project (``env.found_docs``, which the saved environment keeps whole) through
sphinx-sitemap's own link function, so its URL scheme and ``sitemap_excludes``
apply unchanged, and puts the links in a fixed order (by URL), so the file does
not depend on which pages the last build happened to write.

Remove this file (and its line in conf.py) when sphinx-sitemap lists unchanged
pages itself; tests/test_hosting.py checks the behaviour either way.
"""

from __future__ import annotations

import queue
from typing import Any

import sphinx_sitemap
from sphinx.application import Sphinx

HTML_BUILDERS = {"html", "dirhtml"}


def _drain(links: Any) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    while True:
        try:
            link, last_updated = links.get_nowait()
        except queue.Empty:
            return found
        found.setdefault(link, last_updated)


def add_unwritten_pages(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app, "sitemap_links", None)  # sphinx-sitemap's queue
    if exception is not None or links is None or app.builder.name not in HTML_BUILDERS:
        return
    written = _drain(links)
    for docname in sorted(app.env.found_docs):
        sphinx_sitemap.add_html_link(app, docname, None, {}, None)
    every = _drain(links)
    every.update(written)  # pages written by this build keep what they collected
    for link in sorted(every):
        links.put((link, every[link]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_sitemap")
    # Before sphinx-sitemap writes the file (its handler has the default priority, 500).
    app.connect("build-finished", add_unwritten_pages, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
