"""The footer's colophon (title, edition date, licences) in place of the theme's generator
credit.

``_templates/page.html`` passes Furo's footer through ``without_theme_credit`` and adds
``book_colophon``, from ``page-frame: colophon`` in ``data/labels.yaml`` and the date
the citation names (citation.py)."""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

from book.core import edition_words
from book.core.facts import edition_labels
from book.data.book_numbers import format_date
from book.features.citation import BOOK_CITATION
from book.outputs.site.editions import FRAME_WORDS

# Furo's credit, from "Made with" to the link to Furo (Furo 2025.12.19, page.html).
THEME_CREDIT = re.compile(
    r"\s*Made with .*?<a href=\"https://github\.com/pradyunsg/furo\">Furo</a>\s*", re.S
)


def without_theme_credit(html: str) -> str:
    """The footer without the generator credit (unchanged if Furo words it anew:
    the footer test then fails, naming the credit)."""
    return THEME_CREDIT.sub("\n", html, count=1)


def add_filter(app: Sphinx) -> None:
    if app.builder.format == "html" and hasattr(app.builder, "templates"):
        app.builder.templates.environment.filters["without_theme_credit"] = without_theme_credit


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    edition = BOOK_CITATION.of(app.env).edition
    date = format_date(edition.date, edition_labels(app.env)) if edition.date else ""
    colophon = edition_words.words(app.env, FRAME_WORDS)["colophon"]
    context["book_colophon"] = colophon.format(title=app.config.project, date=date)


def setup(app: Sphinx) -> dict[str, Any]:
    edition_words.require(app, FRAME_WORDS)
    app.connect("builder-inited", add_filter)
    app.connect("html-page-context", page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
