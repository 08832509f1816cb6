"""``{book-downloads}``: links to the PDF and EPUB files, for the top page.

The files are not pages (``make all`` copies them into the edition's root after the
build), so a Markdown link to them would not resolve; this writes the links from
``html_context["book_pdf"]`` and ``["book_epub"]`` (conf.py; the sidebar template uses
the same names and gets its words as ``book_download_words``).  Only the web site shows
them: an EPUB may not link to files outside it.  Words: ``downloads:`` in
``data/labels.yaml``."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from book.core import edition_words
from book.core.facts import note_dependencies

# data/labels.yaml: the section's title, intro, pdf and epub
WORDS = "downloads"


class BookDownloads(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        context = self.config.html_context
        missing = [key for key in ("book_pdf", "book_epub") if not context.get(key)]
        if missing:
            raise self.error(f"html_context in conf.py has no {', '.join(missing)}")
        words = edition_words.words(self.env, WORDS)
        note_dependencies(self.env)
        para = nodes.paragraph(classes=["book-downloads-links"])
        para += nodes.Text(words["intro"])
        # Two buttons side by side (book.css): no 「／」 between them.
        for key, label in (("book_pdf", words["pdf"]), ("book_epub", words["epub"])):
            para += nodes.reference("", label, refuri=context[key], classes=["book-download"])
        # The web site only (the EPUB builder is also an "html" builder).
        only = addnodes.only(expr="html and not epub")
        only += para
        self.set_source_info(only)
        return [only]


def add_sidebar_words(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["book_download_words"] = edition_words.words(app.env, WORDS)


def setup(app: Sphinx) -> dict[str, Any]:
    edition_words.require(app, WORDS)
    app.add_directive("book-downloads", BookDownloads)
    app.connect("html-page-context", add_sidebar_words)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
