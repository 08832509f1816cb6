"""The book's own Sphinx extension: sets up every part in an explicit order, layer by layer
(``data``, ``core``, ``features``, ``outputs``; see ``_ext/README.md``).

Handlers of one event at the same priority run in the order they were connected, so
``PARTS`` is also the order in which the parts see each event (the data is loaded before
it is checked, a feature's nodes exist before an output reads them).  Priorities are
left for ordering against Sphinx, the theme and third-party extensions."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

# (module, when): "all" for every build, "ja" for the Japanese edition only,
# "published" for a build with a public address (html_baseurl) only.
PARTS = (
    ("core.page_catalogues", "all"),
    ("core.stable_anchors", "all"),
    ("core.page_assets", "all"),
    ("core.facts", "all"),
    ("core.models", "all"),
    ("features.facts", "all"),
    ("features.sources_page", "all"),
    ("features.marks_legend", "all"),
    ("features.charts", "all"),
    ("features.param_memory", "all"),
    ("features.domestic_models", "all"),
    ("features.citation", "all"),
    ("features.changelog", "all"),
    ("features.book_index", "all"),
    ("features.book_downloads", "all"),
    ("features.glossary_order", "all"),
    ("outputs.data_files", "all"),
    ("outputs.checks.contributor_hints", "all"),
    ("outputs.checks.content_guards", "all"),
    ("outputs.checks.markup_leaks", "all"),
    ("outputs.checks.attribution", "all"),
    ("outputs.checks.translation_checks", "all"),
    ("outputs.paper.design_on_paper", "all"),
    ("outputs.paper.paper_page_refs", "all"),
    ("outputs.paper.reproducible_epub", "all"),
    ("outputs.paper.paper_parts", "all"),
    ("outputs.paper.paper_tables", "all"),
    ("outputs.paper.epub_book", "all"),
    ("outputs.site.heading_phrases", "all"),
    ("outputs.site.design_css_subset", "all"),
    ("outputs.site.toctree_caption_level", "all"),
    ("outputs.site.description_spaces", "all"),
    ("outputs.site.ja_search", "ja"),
    ("outputs.site.editions", "all"),
    ("outputs.site.search_index_entries", "all"),
    ("outputs.site.hosting", "all"),
    ("outputs.site.last_updated", "all"),
    ("outputs.site.theme_messages", "all"),
    ("outputs.site.page_footer", "all"),
    ("outputs.site.sitemap_all_pages", "published"),
    # After every part that adds text when a page is written (doctree-resolved).
    ("outputs.late_smart_quotes", "all"),
    ("core.settled_config", "all"),
)


def parts(language: str, published: bool) -> list[str]:
    """The modules set up for an edition, in order."""
    wanted = {"all", language} | ({"published"} if published else set())
    return [f"book.{name}" for name, when in PARTS if when in wanted]


def setup(app: Sphinx) -> dict[str, Any]:
    for name in parts(app.config.language or "ja", bool(app.config.html_baseurl)):
        app.setup_extension(name)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
