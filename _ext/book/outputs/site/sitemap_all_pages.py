"""sitemap.xml: every page of every edition under the site's root, with its alternates.

Written by a build with a public address (``html_baseurl``): every page of the project
(``env.found_docs``, whole even after an incremental build) but ``sitemap_excludes``, in
every edition whose root is under this build's, each with ``<xhtml:link rel="alternate"
hreflang>`` to every edition and ``x-default``, sorted by URL.  It replaces
sphinx-sitemap, whose alternates assume every edition sits under ``<root>/<lang>/`` (the
Japanese edition is the root here) and which listed only the pages the last, possibly
incremental, build wrote (https://github.com/jdillard/sphinx-sitemap/issues/13).
tests/test_hosting.py checks both."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sphinx.application import Sphinx

from book.outputs.site.editions import SOURCE_LANGUAGE

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(roots: dict[str, str], own: str, docnames: list[str]) -> bytes:
    """The sitemap of the editions under ``own``'s root (``roots``: language -> root URL)."""
    listed = [lang for lang, root in roots.items() if root.startswith(roots[own])]
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    urlset = ElementTree.Element(f"{{{SITEMAP}}}urlset")
    entries = sorted((roots[lang] + f"{doc}.html", doc) for lang in listed for doc in docnames)
    for loc, doc in entries:
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP}}}loc").text = loc
        if len(roots) < 2:
            continue
        alternates = [(lang, roots[lang] + f"{doc}.html") for lang in roots]
        alternates.append(("x-default", roots[SOURCE_LANGUAGE] + f"{doc}.html"))
        for hreflang, href in alternates:
            ElementTree.SubElement(
                url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href
            )
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    config = app.config
    if exception is not None or app.builder.name != "html" or not config.html_baseurl:
        return
    # Every edition's root (editions.py registers the value; alone, this build's).
    roots = getattr(config, "book_edition_roots", None) or {config.language: config.html_baseurl}
    own = config.language
    # Under another edition's root (en/ inside the Japanese site): that one lists it.
    if any(lang != own and roots[own].startswith(root) for lang, root in roots.items()):
        return
    excluded = set(config.sitemap_excludes)
    docnames = sorted(d for d in app.env.found_docs if d not in excluded)
    (Path(app.outdir) / "sitemap.xml").write_bytes(sitemap(roots, own, docnames))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("sitemap_excludes", [], "html", types=frozenset({list}))
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
