"""Sphinx configuration: the one configuration of the book.

Built as ``sphinx-build -c . docs <outdir>`` so that ``docs/`` holds only pages and
page URLs stay clean (``overview.html``). Every run is strict (``-n -W
--keep-going``); see the Makefile.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
# The small local extensions, one feature per file (see _ext/README.md).
sys.path.insert(0, str(ROOT / "_ext"))

from book.features import citation  # noqa: E402  (_ext/book/features/citation.py: the edition's date and commit, for the PDF)
from book.outputs.site import editions  # noqa: E402  (_ext/book/outputs/site/editions.py: data/book.yaml and the editions' addresses)
from sphinx.util import texescape  # noqa: E402
from sphinx.util.i18n import format_date  # noqa: E402

# ==============================================================================
# Project
# ==============================================================================

# The edition: Japanese (the source) unless BOOK_LANGUAGE (the Makefile's English
# targets) or Read the Docs' project language says otherwise.
language = os.environ.get("BOOK_LANGUAGE") or os.environ.get("READTHEDOCS_LANGUAGE") or "ja"

# The book's own words per edition (title, author, description, date formats) are
# data, not Python strings: data/book.yaml, one block per language.  A missing key
# stops the build naming the file and line.
BOOK_WORDS = editions.read_book_words(ROOT / "data" / "book.yaml", ROOT)
# The editions published together: the Makefile's LANGUAGES (exported as
# BOOK_EDITIONS); every edition of data/book.yaml for a bare sphinx-build.
book_editions = editions.edition_list(os.environ.get("BOOK_EDITIONS", ""), BOOK_WORDS, language)
BOOK = BOOK_WORDS[language]

project = BOOK["title"]
subtitle = BOOK["subtitle"]
author = BOOK["author"]
# The year comes from SOURCE_DATE_EPOCH when it is set, so that two builds of the
# same commit are byte-identical (Sphinx also honours it for ``copyright``).
_build_time = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
copyright = f"{_build_time.tm_year}, {author}"
# No release number on the title page or in the running heads: the book is
# dated instead (today_fmt, from SOURCE_DATE_EPOCH: the commit's date).
release = ""
version = "0.1"  # EPUB 3 requires a version (content.opf); it is not printed

# Base name of the downloadable files; the Makefile copies them into the site.
# The Japanese edition's keep the name they always had; another edition's end in
# its language (geniac-rakuten-book-en.pdf), so that the two never overwrite each
# other and a reader can tell them apart in a download folder.
book_basename = "geniac-rakuten-book"
book_file = book_basename if language == editions.SOURCE_LANGUAGE else f"{book_basename}-{language}"

# ==============================================================================
# General
# ==============================================================================

root_doc = "index"
exclude_patterns = ["_templates/page-kinds/*"]
templates_path = ["_templates"]
# Every cross-reference must resolve; a broken one fails the strict build.
nitpicky = True
numfig = True
# English prose takes typographic quotes (’ “ ”) whichever the translator typed
# in a PO file or in data/*.yaml (the two were mixed, issue 20); code and URLs
# keep theirs.  Quotes only: "--" and "..." stay as typed.  Japanese text has no
# use for them (they would rewrite 「」-adjacent quotes): not in Japanese editions.
smartquotes = True
smartquotes_action = "q"
smartquotes_excludes = {"languages": ["ja"], "builders": ["man", "text"]}
today_fmt = BOOK["today"]  # "2026年11月" / "November 2026": babel's month names

extensions = [
    "myst_parser",
    "sphinx_design",
]

# ==============================================================================
# Translations (the English edition)
# ==============================================================================

# The Japanese pages are the source; each other edition is a set of PO files,
# one per page, under locales/<language>/LC_MESSAGES/ (`make gettext` extracts the
# messages, `make update-po` merges them into the PO files; CONTRIBUTING.md).
locale_dirs = [str(ROOT / "locales")]
gettext_compact = False
# No "#: docs/page.md:LINE" comments in the catalogues: a line moving in a page
# would otherwise rewrite every PO file and bury the real changes in diffs.
gettext_location = False
gettext_uuid = False
# Index entries are translated too (the English index lists English words).
gettext_additional_targets = ["index"]
# The .mo files are compiled by _ext/book/core/page_catalogues.py, which replaces each one whole:
# Sphinx's own compiling writes them in place, and builders running side by side
# (make all's, or two builds at once) could read one half-written.  Remove with that
# module once Sphinx writes them atomically (sphinx/util/i18n.py, CatalogInfo.write_mo).
gettext_auto_build = False

# ==============================================================================
# MyST
# ==============================================================================

myst_enable_extensions = [
    "colon_fence",  # ::: fences read better around prose than backticks
    "deflist",
    "fieldlist",
]
# Explicit labels only (`(overview-geniac)=`), never implicit heading anchors,
# so that renaming a heading cannot silently break a link.
myst_heading_anchors = 0

# ==============================================================================
# Japanese text
# ==============================================================================

# Source lines broken inside a Japanese sentence must not leave a space in the
# output (sphinxcontrib-trimblank); spaces next to Latin words are kept.  Not in
# other editions: it would also remove the spaces around a Japanese name quoted
# in an English sentence.
if language == "ja":
    extensions.insert(extensions.index("sphinx_design") + 1, "sphinxcontrib.trimblank")
trimblank_keep_alnum_blank = False

# ==============================================================================
# Data (one source for every figure; see _ext/book/core/facts.py)
# ==============================================================================

facts_file = "data/facts.yaml"
facts_sources_page = "sources"

# ==============================================================================
# HTML
# ==============================================================================

# Theme: Furo.  Measured on the same 4-page content (landing page, everything the
# browser fetched): alabaster 112 KB / 11 requests, furo 173 KB / 11,
# sphinx-book-theme 2.32 MB / 20, pydata-sphinx-theme 2.30 MB / 18.  Alabaster
# is lightest but has no dark mode and a weak phone layout; the two book themes
# cost 20 times the bytes.  Furo is maintained, has dark mode, a real mobile
# layout, a keyboard-accessible sidebar and Lighthouse accessibility 1.0 out of
# the box; its extra weight (sphinx-design and Pygments CSS on pages that do not
# use them) is trimmed per page by _ext/book/core/page_assets.py.
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
# Each page's footer says when the page last changed (「最終更新：2026年11月28日」):
# the date of the last commit that changed the page or the data it shows
# (sphinx-last-updated-by-git, through _ext/book/outputs/site/last_updated.py).  It was None while the
# only date Sphinx offered was the build's, the same on every page.  Dates are UTC,
# like SOURCE_DATE_EPOCH's; uncommitted edits do not count, so builds of one commit
# stay byte-identical.  Where git cannot date a page (no .git in a copy, a page not
# committed yet, a shallow clone) the page gets the edition's date
# (SOURCE_DATE_EPOCH), without the extension's warnings, which would fail the
# strict build.
html_last_updated_fmt = BOOK["last-updated"]
git_last_updated_timezone = "UTC"
git_untracked_check_dependencies = False  # a new page is dated by the edition, not the data
suppress_warnings = ["git.subprocess_error", "git.command_not_found", "git.too_shallow"]
html_context = {
    # This edition's own files (`make all` copies them into the edition's root).
    "book_pdf": f"{book_file}.pdf",
    "book_epub": f"{book_file}.epub",
    # <meta name="description"> of the pages without text of their own (search,
    # index); the other pages describe themselves (sphinxext-opengraph).
    "book_description": BOOK["description"],
}
# The downloads sit in the sidebar of every page (under the table of contents).
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/editions.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/downloads.html",
        "sidebar/scroll-end.html",
    ]
}
html_theme_options = {
    # No "edit/view source" buttons: the sources are not published with the site.
    "top_of_page_buttons": [],
}


# The public address of the site, decided in this one place: canonical links,
# Open Graph URLs, the language switcher's and hreflang links and the sitemap name
# it, and the 404 page's links are absolute paths under it.  It is the
# deployment's real address, or none:
#
# * GitHub Pages: the Pages workflow passes the address of the repository's Pages
#   configuration (actions/configure-pages) as BOOK_BASE_URL: the site root, where
#   the Japanese edition is; the English one is under en/ (Makefile);
# * Read the Docs sets READTHEDOCS_CANONICAL_URL (https://<project>.readthedocs.io/ja/latest/):
#   each edition is a translation project with its own address (…/en/latest/);
# * a local build (make html, make livehtml, the tests) is published nowhere, so it
#   names no address: no <link rel="canonical">, no og:url, and no sitemap.xml (a
#   sitemap must list absolute URLs, and one naming an invented host would send
#   search engines to a site that does not exist).  Its 404 page's links start at
#   "/" ("/en/" for the English edition), where tests/site_server.py (and
#   `python -m http.server`) serve the site.
_base_url = os.environ.get("BOOK_BASE_URL", "").strip()
_readthedocs_url = os.environ.get("READTHEDOCS_CANONICAL_URL", "").strip()
# Every edition's root (an absolute URL when published, else a path from "/").
book_edition_roots = editions.edition_roots(language, book_editions, _base_url, _readthedocs_url)
book_edition_words = {lang: BOOK_WORDS[lang] for lang in book_editions}
html_baseurl = book_edition_roots[language] if (_base_url or _readthedocs_url) else ""

extensions += [
    "sphinxext.opengraph",
    "notfound.extension",
]

# Open Graph tags and the <meta name="description"> (the first words of each page).
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_description_length = 120
# No generated social cards: they are drawn with matplotlib's bundled Latin fonts
# (Japanese titles would come out as tofu) and add a PNG per page to the build.
ogp_social_cards = {"enable": False}
# sphinxext-opengraph 0.13 imports matplotlib.pyplot at start-up for those cards:
# 0.65 s of a 1.6 s no-change rebuild. Blocking its optional card module sends it
# down its documented "no matplotlib" path (its notice about that is silenced).
# Remove when the extension imports the card code only when cards are enabled.
sys.modules.setdefault("sphinxext.opengraph._social_cards", None)
with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph  # noqa: F401  (loaded here, set up by Sphinx below)

# Search (_ext/book/outputs/site/ja_search.py): the query is split against the index's own words.
# Word splitter for the index: Sphinx's built-in TinySegmenter, not Janome.
# Compared on the required queries (tests/test_browser.py SEARCHES), both gave
# the same ranks: without the extension both found nothing for 7000億 and only
# the glossary entry for the compounds (基盤モデル, 補正予算, AIエージェント…);
# with it both find every chapter.  The gap was the query side, not the
# splitter, and Janome would add a 20 MB dictionary to the build for nothing.
#
# The English edition uses Sphinx's own English search (stemming, stop words):
# ja_search is not loaded there.
html_search_language = language
# The search page: the chapter about a term ranked above its glossary entry, a page
# listed once per title, excerpts with a space between blocks (see the file; it does
# not depend on the language).
html_search_scorer = str(ROOT / "_ext" / "book" / "outputs" / "site" / "search_scorer.js")
# Search matches highlighted on the page opened from the results only, and as
# words (Sphinx kept them for whichever page came next, inside words too; see the
# file).  Every page: any page can be opened from the results.
html_js_files = [("search_highlight.js", {"defer": "defer"})]

# sitemap.xml, for a build with a public address only (see html_baseurl), at the
# root of the site: every page of every edition published under that root, each
# with its alternates in the other editions (_ext/book/outputs/site/sitemap_all_pages.py), without
# the utility pages.
sitemap_excludes = ["search", "genindex", "404"]

# The 404 page is docs/404.md (sphinx-notfound-page uses a document named "404"
# instead of generating one; it is an orphan, kept out of the search index, and
# not part of the PDF or EPUB).  The host serves it for any missing address, at
# any depth, so its links (stylesheets, scripts, sidebar, its own text via
# _ext/book/outputs/site/hosting.py) are absolute paths under the site's path on the host:
# "/geniac-book/" on a project's GitHub Pages, "/ja/latest/" on Read the Docs,
# "/" at a domain's root and in local builds.
notfound_urls_prefix = urlsplit(book_edition_roots[language]).path or "/"

# ==============================================================================
# LaTeX / PDF  (uplatex + dvipdfmx through latexmk, in every edition)
# ==============================================================================

# uplatex is Sphinx's choice for ``ja``.  The English edition keeps it, with
# Sphinx's non-Japanese document class (report, not ujbook): its text quotes
# Japanese names (経済産業省, 補正予算), which upLaTeX typesets natively with the
# same embedded HaranoAji fonts, from the TeX Live packages the Japanese PDF
# already needs (xelatex/lualatex would need a CJK font package on top).
latex_engine = "uplatex"
latex_documents = [
    (root_doc, f"{book_file}.tex", project, author, "manual"),
]
latex_show_urls = "footnote"
# On paper a link cannot be clicked: print the page number after internal ones
# (only after links to sections: _ext/book/outputs/paper/paper_page_refs.py).
latex_show_pagerefs = True
latex_elements = {
    # The default is US Letter.
    "papersize": "a4paper",
    "pointsize": "10pt",
    "preamble": r"""
% Embed every Japanese font. Debian's default kanji map is noEmbed, which leaves
% Ryumin-Light and GothicBBB-Medium out of the PDF (tofu on devices without them).
% pxchfon maps the standard Japanese fonts to HaranoAji (shipped with TeX Live)
% for this document only, without touching the machine's TeX configuration.
\usepackage[haranoaji]{pxchfon}
% Cross-references upright: Sphinx sets them in italics, which slants only the
% Latin letters of a Japanese title.
\renewcommand{\sphinxcrossref}[1]{#1}
\renewcommand{\sphinxtermref}[1]{#1}
% Status marks of reported / unverified figures (［報道］): a size smaller, and
% never broken across lines (a box: 「［報/道］」, "[con-/firmed]" were split).
\expandafter\def\csname DUrolefact-status\endcsname#1{{\small\mbox{#1}}}
""",
}
if language == "ja":
    # The running heads are 15pt high in the Japanese class (ujbook, 10pt), where
    # fancyhdr found 12pt and warned on 56 pages, enlarging it from the first page
    # it warned on: the first pages' text block sat 3pt lower than the rest.
    latex_elements["preamble"] += "\\geometry{headheight=15pt}\n"
if language != "ja":
    # upLaTeX sets every character that JIS also has (’ “ ” — … × ° ¥) in the
    # Japanese font, with Japanese spacing: in English text the punctuation of
    # General Punctuation and Latin-1 must be Latin characters (pxcjkcat); kana,
    # kanji and symbols LaTeX's fonts lack (≈, →) stay with the Japanese font.
    # Bookmarks and metadata in Unicode (Sphinx loads pxjahyper for ``ja`` only;
    # English bookmarks may quote a Japanese name).
    latex_elements["preamble"] += r"""
\usepackage{pxcjkcat}
\cjkcategory{sym04}{noncjk}
\cjkcategory{latn1}{noncjk}
\usepackage{pxjahyper}
"""
# Document metadata for PDF readers and screen readers (data/book.yaml).
latex_elements["preamble"] += (
    f"\\hypersetup{{pdflang={{{BOOK['pdf-lang']}}},pdfsubject={{{BOOK['subject']}}}}}\n"
)

# The book's front and back matter (issue 20; _latex/bookdesign.sty): Sphinx's stock
# title page (a rule, the title, the author) and its contents titled with the first
# toctree's caption (「本編」) made the PDF look unfinished.  Instead: a title page
# with the subtitle and the edition's date; a contents page ("目次") that shows the
# two parts, 本編 and 資料, each also on a page of its own (_ext/book/outputs/paper/paper_parts.py);
# the top page's text under a heading, はじめに (the news in brief and the legend
# of the marks); and a colophon (奥付) on the last page.  The words are the
# edition's, from data/book.yaml; the edition's date and commit are the ones the
# citation names (_ext/book/features/citation.py: SOURCE_DATE_EPOCH, `git rev-parse --short
# HEAD`, left out outside git), the site's address only when it is published.
#
# No blank pages: Sphinx's manual class starts every chapter on a right-hand page
# (openright), which left a blank page after the title page, the contents and
# every chapter ending on a right-hand page (five in the Japanese PDF, eight in the
# English one).  The PDF is read on screen far more than printed double-sided, so
# chapters start on the next page (openany).  dvipdfmx is Sphinx's own class option
# for uplatex, which a setting of classoptions replaces.
latex_additional_files = ["_latex/bookdesign.sty"]
latex_elements["classoptions"] = ",dvipdfmx,openany"
_edition = citation.current_edition(ROOT, html_baseurl)
_tex = texescape.escape
# The colophon's lines: (label, LaTeX); a line without a value is left out.
_colophon = []
if _edition.date:
    _date = datetime.date.fromisoformat(_edition.date)
    _colophon.append(
        (
            BOOK["colophon-date"],
            _tex(format_date(BOOK["last-updated"], date=_date, language=language)),
        )
    )
if _edition.commit:
    # In type without ligatures: "eaff932" was printed with an "ﬀ", which a reader
    # copying the hash or searching the PDF for it could not match.
    _colophon.append((BOOK["colophon-revision"], f"\\texttt{{{_tex(_edition.commit)}}}"))
_colophon.append((BOOK["colophon-author"], _tex(author)))
_colophon.append((BOOK["colophon-licence"], _tex(BOOK["licence"])))
if html_baseurl:
    _colophon.append((BOOK["colophon-site"], f"\\url{{{html_baseurl}}}"))
latex_elements["preamble"] += "".join(
    [
        f"\\newcommand\\booksubtitle{{{_tex(subtitle)}}}\n",
        f"\\newcommand\\bookcontentsname{{{_tex(BOOK['contents'])}}}\n",
        f"\\newcommand\\bookprefacename{{{_tex(BOOK['preface'])}}}\n",
        "\\newcommand\\bookcolophonrows{%\n",
        *(f"  {_tex(label)} & {value} \\\\\n" for label, value in _colophon),
        "}\n",
        "\\usepackage{bookdesign}\n",
    ]
)
latex_elements["maketitle"] = "\\bookmaketitle"
latex_elements["tableofcontents"] = "\\booktableofcontents"
# Table cells that keep a word, a phrase or a date on one line (Japanese broke
# anywhere: 「総パラメ/ータ数」, 「2024年5月/16日」; issue 20).

# ==============================================================================
# EPUB
# ==============================================================================

epub_basename = book_file
epub_title = project
epub_author = author
epub_publisher = author
epub_language = language
# A stable identifier per edition (two editions are two books to a reading app).
# The NCX repeats the OPF's identifier, and epubcheck (NCX-001) requires the two
# to match, so both settings hold the same XML name.
epub_identifier = epub_uid = f"geniacrakutenbook{language}"
epub_show_urls = "no"
epub_tocdepth = 2
# The rest of the book's metadata (data/book.yaml): what reading apps show in a
# book's details (Sphinx writes "unknown" for an unset description or contributor).
epub_description = BOOK["description"]
epub_contributor = BOOK["contributor"]
epub_copyright = BOOK["rights"].format(year=_build_time.tm_year, author=author)
# _ext/book/outputs/paper/epub_book: the cover, drawn at build time from the edition's words (never a
# file with typed text that could fall out of step), the cover page's template
# (_templates/epub-cover.html), the cover marked in content.opf, and the EPUB's own
# stylesheet (the models table fits an e-reader's page).
epub_cover = ("_static/cover.png", "epub-cover.html")
epub_css_files = [*html_css_files, "book-epub.css"]
# Sphinx leaves .buildinfo.bak after a configuration change; it is not part of the book.
# The 404 page belongs to the web site only.
epub_exclude_files = [".buildinfo.bak", "404.xhtml"]

# ==============================================================================
# The book's own extension
# ==============================================================================

# _ext/book/: every local part, set up in the order _ext/book/__init__.py lists
# (data core, core, features, outputs; the Japanese search in the Japanese edition
# only, the sitemap only for a build with a public address).  Last, so that its
# parts see each event after the third-party extensions above.
extensions.append("book")
