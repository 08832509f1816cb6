"""Each web page loads only the stylesheets and scripts it uses.

Sphinx adds every extension's assets to every page.  At ``html-page-context`` this
drops, from a page whose doctree does not use them, sphinx-design's stylesheet and
script (cards, grids, buttons, badges, dropdowns, tabs), ``pygments.css`` (highlighted
code) and Furo's ``furo-extensions.css`` (needed only with the first two).  Pages
without a doctree (search, index) get neither.

``add_assets_where`` gives an extension's own stylesheet or script to the pages that
show its content, and to no other page."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# The assets by file name (sphinx-design may add a content hash to its CSS name).
DESIGN_CSS_PREFIX = "sphinx-design."
DESIGN_JS = "design-tabs.js"
PYGMENTS_CSS = ("pygments.css", "pygments_dark.css")
FURO_EXTENSIONS_CSS = "furo-extensions.css"


def _uses_design(doctree: nodes.Node | None) -> bool:
    """True when the page has any sphinx-design component (classes ``sd-*``)."""
    return doctree is not None and any(
        node.get("design_component") or any(c.startswith("sd-") for c in node.get("classes", []))
        for node in doctree.findall(nodes.Element)
    )


def _uses_tabs(doctree: nodes.Node | None) -> bool:
    return doctree is not None and any(
        "sd-tab-set" in node.get("classes", []) or node.get("design_component") == "tab-set"
        for node in doctree.findall(nodes.Element)
    )


# Code blocks in these "languages" get no colours (book.css gives them their box).
UNCOLOURED = ("none", "text")


def _uses_highlighting(doctree: nodes.Node | None) -> bool:
    """True when the page has a coloured code block or a highlighted inline ``code`` role."""
    return doctree is not None and any(
        isinstance(node, nodes.doctest_block)
        or (isinstance(node, nodes.literal_block) and node.get("language") not in UNCOLOURED)
        or (isinstance(node, nodes.literal) and "code" in node.get("classes", []))
        for node in doctree.findall(nodes.Element)
    )


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


def _on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.name != "html":
        return
    drop_css: set[str] = set()
    drop_js: set[str] = set()
    uses_design, uses_highlighting = _uses_design(doctree), _uses_highlighting(doctree)
    if not uses_design:
        drop_css |= {
            n for n in map(_name, context.get("css_files", [])) if n.startswith(DESIGN_CSS_PREFIX)
        }
    if not _uses_tabs(doctree):
        drop_js.add(DESIGN_JS)
    if not uses_highlighting:
        drop_css |= set(PYGMENTS_CSS)
    if not uses_design and not uses_highlighting:
        drop_css.add(FURO_EXTENSIONS_CSS)
    # New lists: the builder restores its shared lists for every page.
    context["css_files"] = [a for a in context.get("css_files", []) if _name(a) not in drop_css]
    context["script_files"] = [
        a for a in context.get("script_files", []) if _name(a) not in drop_js
    ]


def add_assets_where(
    app: Sphinx, node_type: type[nodes.Node], css: tuple[str, ...] = (), js: tuple[str, ...] = ()
) -> None:
    """The stylesheets ``css`` and deferred scripts ``js`` (files of ``_static``) on
    the web pages whose doctree has a ``node_type`` node, and on no other page."""

    def on_page_context(
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        if app.builder.name != "html" or doctree is None:
            return
        if next(iter(doctree.findall(node_type)), None) is None:
            return
        for name in css:
            app.add_css_file(name)
        for name in js:
            app.add_js_file(name, loading_method="defer")

    app.connect("html-page-context", on_page_context)


def setup(app: Sphinx) -> dict[str, Any]:
    # Late (priority > 500) so that assets other handlers add are seen too.
    app.connect("html-page-context", _on_page_context, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
