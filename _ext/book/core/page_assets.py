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
# Code blocks in these "languages" get no colours (book.css gives them their box).
UNCOLOURED = ("none", "text")


def _uses(doctree: nodes.Node | None) -> tuple[bool, bool, bool]:
    """Whether the page has a sphinx-design component (classes ``sd-*``), a tab set, and
    a coloured code block or highlighted inline ``code`` role."""
    design = tabs = code = False
    for node in doctree.findall(nodes.Element) if doctree is not None else ():
        classes, component = node.get("classes", []), node.get("design_component")
        design = design or bool(component) or any(c.startswith("sd-") for c in classes)
        tabs = tabs or "sd-tab-set" in classes or component == "tab-set"
        code = code or (
            isinstance(node, nodes.doctest_block)
            or (isinstance(node, nodes.literal_block) and node.get("language") not in UNCOLOURED)
            or (isinstance(node, nodes.literal) and "code" in classes)
        )
    return design, tabs, code


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
    design, tabs, code = _uses(doctree)
    css = context.get("css_files", [])
    drop = set() if code else set(PYGMENTS_CSS)
    if not design:
        drop |= {n for n in map(_name, css) if n.startswith(DESIGN_CSS_PREFIX)}
    if not design and not code:
        drop.add(FURO_EXTENSIONS_CSS)
    # New lists: the builder restores its shared lists for every page.
    context["css_files"] = [a for a in css if _name(a) not in drop]
    context["script_files"] = [
        a for a in context.get("script_files", []) if tabs or _name(a) != DESIGN_JS
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
        if next(doctree.findall(node_type), None) is None:
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
