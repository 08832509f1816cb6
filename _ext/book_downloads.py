"""``{book-downloads}``: links to the PDF and EPUB editions, for the top page.

    ```{book-downloads}
    ```

The files are not pages: ``make all`` copies them into the site root after the
build, so a Markdown link to them would be an unresolved reference.  This
directive writes the two links from ``html_context["book_pdf"]`` and
``["book_epub"]`` (conf.py; the sidebar template uses the same names).  Only
the web site shows them: the PDF and the EPUB are those books themselves, and
an EPUB may not link to files outside it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class BookDownloads(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        context = self.config.html_context
        missing = [key for key in ("book_pdf", "book_epub") if not context.get(key)]
        if missing:
            raise self.error(f"html_context in conf.py has no {', '.join(missing)}")
        para = nodes.paragraph(classes=["book-downloads-links"])
        para += nodes.Text("この本はファイルでも読めます：")
        for i, (key, label) in enumerate(
            (("book_pdf", "PDF版（A4）"), ("book_epub", "EPUB版（電子書籍）"))
        ):
            if i:
                para += nodes.Text("／")
            para += nodes.reference("", label, refuri=context[key], classes=["book-download"])
        # The web site only (the EPUB builder is also an "html" builder).
        only = addnodes.only(expr="html and not epub")
        only += para
        self.set_source_info(only)
        return [only]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("book-downloads", BookDownloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
