"""Sphinx configuration: the one configuration of the book.

Built as ``sphinx-build -c . docs <outdir>`` so that ``docs/`` holds only pages and
page URLs stay clean (``overview.html``). Every run is strict (``-n -W
--keep-going``); see the Makefile.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
# The small local extensions, one feature per file (see _ext/README.md).
sys.path.insert(0, str(ROOT / "_ext"))

# ==============================================================================
# Project
# ==============================================================================

project = "国産生成AIとGENIAC"
subtitle = "楽天の大規模言語モデル計画を読み解く"
author = "GENIAC解説ブック執筆チーム"
# The year comes from SOURCE_DATE_EPOCH when it is set, so that two builds of the
# same commit are byte-identical (Sphinx also honours it for ``copyright``).
_build_time = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
copyright = f"{_build_time.tm_year}, {author}"
# No release number on the title page or in the running heads: the book is
# dated instead (today_fmt, from SOURCE_DATE_EPOCH: the commit's date).
release = ""
version = "0.1"  # EPUB 3 requires a version (content.opf); it is not printed

# Base name of the downloadable editions; the Makefile copies them into the site.
book_basename = "geniac-rakuten-book"

# ==============================================================================
# General
# ==============================================================================

# The edition: Japanese (the source) unless BOOK_LANGUAGE (the Makefile's English
# targets) or Read the Docs' project language says otherwise.
language = os.environ.get("BOOK_LANGUAGE") or os.environ.get("READTHEDOCS_LANGUAGE") or "ja"
root_doc = "index"
exclude_patterns = ["_templates/page-kinds/*"]
templates_path = ["_templates"]
# Every cross-reference must resolve; a broken one fails the strict build.
nitpicky = True
numfig = True
# Japanese text has no use for smart quotes (and they would rewrite 「」-adjacent quotes).
smartquotes = False
today_fmt = "%Y年%B"  # "2026年11月": babel's Japanese month name

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.trimblank",
    # local extensions (``_ext/``)
    "facts",
    "design_on_paper",
    "reproducible_epub",
    # figures computed from data/facts.yaml: charts (matplotlib) and the
    # parameter explainer's tables and calculator
    "charts",
    "param_memory",
    "domestic_models",
    # data/facts.yaml checked against data/facts.schema.json; the data published
    # with the site (data/facts.json, facts.csv, a CSV under every chart and table)
    "data_files",
    # how to cite the book (CITATION.cff, on the sources page) and the revision
    # history (data/changelog.yaml, on the history page)
    "citation",
    "changelog",
    # checks on contributors' pages: each fails the strict build at the file and
    # line, saying what to do (see CONTRIBUTING.md)
    "contributor_hints",
    "content_guards",
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
# output (sphinxcontrib-trimblank); spaces next to Latin words are kept.
trimblank_keep_alnum_blank = False

# ==============================================================================
# Data (one source for every figure; see _ext/facts.py)
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
# use them) is trimmed per page by _ext/page_assets.py.
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
# Each page's footer says when the page last changed (「最終更新：2026年11月28日」):
# the date of the last commit that changed the page or the data it shows
# (sphinx-last-updated-by-git, through _ext/last_updated.py).  It was None while the
# only date Sphinx offered was the build's, the same on every page.  Dates are UTC,
# like SOURCE_DATE_EPOCH's; uncommitted edits do not count, so builds of one commit
# stay byte-identical.  Where git cannot date a page (no .git in a copy, a page not
# committed yet, a shallow clone) the page gets the edition's date
# (SOURCE_DATE_EPOCH), without the extension's warnings, which would fail the
# strict build.
html_last_updated_fmt = "%Y年%-m月%-d日"
git_last_updated_timezone = "UTC"
git_untracked_check_dependencies = False  # a new page is dated by the edition, not the data
suppress_warnings = ["git.subprocess_error", "git.command_not_found", "git.too_shallow"]
html_context = {
    "book_pdf": f"{book_basename}.pdf",
    "book_epub": f"{book_basename}.epub",
    # <meta name="description"> of the pages without text of their own (search,
    # index); the other pages describe themselves (sphinxext-opengraph).
    "book_description": f"{project}：{subtitle}。",
}
# The downloads sit in the sidebar of every page (under the table of contents).
html_sidebars = {
    "**": [
        "sidebar/brand.html",
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
# Open Graph URLs and the sitemap name it, and the 404 page's links are absolute
# paths under it.  It is the deployment's real address, or none:
#
# * GitHub Pages: the Pages workflow passes the address of the repository's Pages
#   configuration (actions/configure-pages) as BOOK_BASE_URL;
# * Read the Docs sets READTHEDOCS_CANONICAL_URL (https://<project>.readthedocs.io/ja/latest/);
# * a local build (make html, make livehtml, the tests) is published nowhere, so it
#   names no address: no <link rel="canonical">, no og:url, and no sitemap.xml (a
#   sitemap must list absolute URLs, and one naming an invented host would send
#   search engines to a site that does not exist).  Its 404 page's links start at
#   "/", where tools/site_server.py (and `python -m http.server`) serve the site.
def _public_base_url() -> str:
    for variable in ("BOOK_BASE_URL", "READTHEDOCS_CANONICAL_URL"):
        url = os.environ.get(variable, "").strip()
        if url:
            return url.rstrip("/") + "/"  # configure-pages gives it without the slash
    return ""


html_baseurl = _public_base_url()

extensions += [
    "sphinxext.opengraph",
    "notfound.extension",
    # local extensions (``_ext/``), HTML only
    "heading_phrases",
    "page_assets",
    "design_css_subset",
    "toctree_caption_level",
    "book_downloads",
    "description_spaces",
    "ja_search",
    # the page as published: no relative og:url without an address, and the
    # 404 page's own links absolute (see the 404 section below)
    "hosting",
    # the date each page last changed, in its footer (see html_last_updated_fmt)
    "last_updated",
    # (every builder) the configuration saved with the doctrees is conf.py's, so
    # that a rebuild without changes does not say "The configuration has changed"
    "settled_config",
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

# Search (_ext/ja_search.py): the query is split against the index's own words.
# Word splitter for the index: Sphinx's built-in TinySegmenter, not Janome.
# Compared on the required queries (tests/test_browser.py SEARCHES), both gave
# the same ranks: without the extension both found nothing for 7000億 and only
# the glossary entry for the compounds (基盤モデル, 補正予算, AIエージェント…);
# with it both find every chapter.  The gap was the query side, not the
# splitter, and Janome would add a 20 MB dictionary to the build for nothing.
html_search_language = "ja"
# Rank the chapter about a term above its glossary entry (see the file).
html_search_scorer = str(ROOT / "_ext" / "search_scorer.js")

# sitemap.xml, for a build with a public address only (see html_baseurl): every
# page's URL (no "ja/" language prefix), without the utility pages.
# _ext/sitemap_all_pages.py works around sphinx-sitemap listing only the pages
# written by the last (incremental) build.
if html_baseurl:
    extensions += ["sphinx_sitemap", "sitemap_all_pages"]
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]

# The 404 page is docs/404.md (sphinx-notfound-page uses a document named "404"
# instead of generating one; it is an orphan, kept out of the search index, and
# not part of the PDF or EPUB).  The host serves it for any missing address, at
# any depth, so its links (stylesheets, scripts, sidebar, its own text via
# _ext/hosting.py) are absolute paths under the site's path on the host:
# "/geniac-book/" on a project's GitHub Pages, "/ja/latest/" on Read the Docs,
# "/" at a domain's root and in local builds.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"

# ==============================================================================
# LaTeX / PDF  (uplatex + dvipdfmx through latexmk: Sphinx's choice for ``ja``)
# ==============================================================================

latex_engine = "uplatex"
latex_documents = [
    (root_doc, f"{book_basename}.tex", project, author, "manual"),
]
latex_show_urls = "footnote"
# On paper a link cannot be clicked: print the page number after internal ones.
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
% Status marks of reported / unverified figures (［報道］): a size smaller.
\expandafter\def\csname DUrolefact-status\endcsname#1{{\small #1}}
% Document metadata for PDF readers and screen readers.
\hypersetup{pdflang={ja-JP},pdfsubject={GENIAC, Rakuten, large language models}}
""",
}
latex_additional_files: list[str] = []

# ==============================================================================
# EPUB
# ==============================================================================

epub_basename = book_basename
epub_title = project
epub_author = author
epub_publisher = author
epub_language = "ja"
# A stable identifier. The NCX repeats the OPF's identifier, and epubcheck
# (NCX-001) requires the two to match, so both settings hold the same XML name.
epub_identifier = epub_uid = "geniacrakutenbookja"
epub_show_urls = "no"
epub_tocdepth = 2
# Sphinx leaves .buildinfo.bak after a configuration change; it is not part of the book.
# The 404 page belongs to the web site only.
epub_exclude_files = [".buildinfo.bak", "404.xhtml"]
