"""The EPUB as a book: a cover, full metadata and an e-reader's stylesheet.

* The cover: ``cover.draw_cover`` draws it from the edition's words in data/book.yaml and
  the book's date when the EPUB builder starts, into ``<doctrees>/epub-cover/`` (the web
  site never gets it); the cover page is ``_templates/epub-cover.html``.
* content.opf marks the image as the EPUB 3 cover (``properties="cover-image"``) and
  names the subjects (``dc:subject``).  Sphinx 8.2 writes only EPUB 2's ``<meta
  name="cover">`` (EPUB 3 readers show no cover) and no subject, and its template has no
  place for either (checked up to Sphinx's main branch of August 2026, commit e44a40e).
  Remove when sphinx/templates/epub3/content.opf.jinja marks the cover image itself.
* The navigation document's title and the guide's names are the edition's (目次, 表紙).
* ``static/book-epub.css``: the models table fits an e-reader's page and on a phone
  reads one block per model (``narrow_tables`` labels the cells)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import ExtensionError
from sphinx.util.i18n import format_date

from . import narrow_tables
from .cover import CoverWords, draw_cover

STATIC = Path(__file__).resolve().parent / "static"
# Where the cover is drawn: a folder of the builder's own (doctrees/epub-en/...).
COVER_FOLDER = "epub-cover"


def cover_words(app: Sphinx) -> dict[str, str]:
    """The edition's words for the cover (data/book.yaml, through conf.py) and the
    book's date as its title page prints it (2025年12月, December 2025)."""
    words = app.config.book_edition_words[app.config.language]
    date = format_date(app.config.today_fmt, language=app.config.language)
    return {**{key: words[key] for key in ("title", "subtitle", "author")}, "date": date}


def draw_for_build(app: Sphinx) -> None:
    """Draw the cover and give the EPUB builder its static folders."""
    if app.builder.name != "epub" or not app.config.epub_cover:
        return
    # conf.py's epub_cover names the image in _static/: the folder drawn into is
    # served as _static/ too.
    folder = Path(app.doctreedir) / COVER_FOLDER
    image = folder / Path(app.config.epub_cover[0]).name
    draw_cover(CoverWords(**cover_words(app), language=app.config.language), image)
    # After sphinx-design's folder (settled_config.py saves conf.py's list, so a
    # rebuild does not see a changed configuration).
    app.config.html_static_path += [str(folder), str(STATIC)]


def cover_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name == "epub" and pagename == "epub-cover":
        words = app.config.book_edition_words[app.config.language]
        context["cover_alt"] = words["cover-alt"].format(**cover_words(app))


class BookEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with the cover marked and the subjects named in
    the package document, and a rebuild's cover page listed once (see the module's
    docstring: remove with that)."""

    def init(self) -> None:
        super().init()
        # The navigation document's title and the package's guide in the edition's
        # words (data/book.yaml contents, cover): Sphinx writes "Table of Contents" and
        # "Cover" in English in every edition (GUIDE_TITLES in sphinx/builders/
        # _epub_base.py, marked "XXX These strings should be localized according to
        # epub_language"; Sphinx 8.2.3).  Remove when Sphinx localizes them.
        words = self.config.book_edition_words[self.config.language]
        self.guide_titles = {"toc": words["contents"], "cover": words["cover"]}

    def build_content(self) -> None:
        # Sphinx lists every .xhtml file it finds in the output folder in the spine,
        # then adds the cover page at its head: the cover page a previous build left
        # there was listed twice (epubcheck RSC-005, "Itemref refers to the same
        # manifest entry"), so every second `make epub` into the same folder made an
        # invalid book.  It is written anew just below.  (Sphinx 8.2.3; main of
        # August 2026 lists the folder the same way: remove with the rest.)
        if self.config.epub_cover and self.config.epub_cover[1]:
            (Path(self.outdir) / self.coverpage_name).unlink(missing_ok=True)
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        words = self.config.book_edition_words[self.config.language]
        opf.write_text(
            complete_package(
                opf.read_text(encoding="utf-8"),
                self.make_id(self.config.epub_cover[0]) if self.config.epub_cover else None,
                [s.strip() for s in words.get("subject", "").split(",") if s.strip()],
            ),
            encoding="utf-8",
        )


def complete_package(opf: str, cover_id: str | None, subjects: list[str]) -> str:
    """content.opf with ``properties="cover-image"`` on the cover's manifest item
    and a ``dc:subject`` per subject after the description."""
    if cover_id is not None:
        item = re.compile(rf'(<item id="{re.escape(cover_id)}" [^>]*?)\s*/>')
        opf, found = item.subn(r'\1 properties="cover-image" />', opf)
        if found != 1:
            raise ExtensionError(
                f"epub_book: content.opf has {found} manifest items {cover_id!r} for the "
                "cover (Sphinx changed how it writes them: see _ext/book/outputs/paper/epub_book)"
            )
    if subjects:
        lines = "".join(
            f"\n    <dc:subject>{html.escape(s, quote=False)}</dc:subject>" for s in subjects
        )
        opf, found = re.subn(r"(<dc:description>.*?</dc:description>)", rf"\1{lines}", opf)
        if found != 1:
            raise ExtensionError("epub_book: content.opf has no dc:description to follow")
    return opf


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(BookEpubBuilder, override=True)
    narrow_tables.setup(app)
    app.connect("builder-inited", draw_for_build)
    app.connect("html-page-context", cover_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
