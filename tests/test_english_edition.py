"""The English edition: built from the same source beside the Japanese one, and linked.

``make all`` builds both editions (the Makefile's LANGUAGES): the Japanese site at
the root (``html/``), the English one in ``html/en/``, each with its own PDF and
EPUB inside.  Checked here, on the session's build (conftest ``book``):

* every page of each edition has a language switcher to the same page of the
  other (a real link with ``hreflang`` and ``lang``, in the sidebar and in the
  phone header), the right ``<html lang>`` and ``og:locale``; each edition links
  its own downloads;
* the English edition uses Sphinx's English search (not the Japanese splitter);
* the English PDF (fonts embedded, ``/Lang en``, A4, bookmarks, English metadata)
  and EPUB (epubcheck, its own identifier);
* in Chromium: the switcher keeps the reader's section (``#anchor``) and works
  without JavaScript; the English pages load cleanly and offline, are axe clean in
  light and dark, do not scroll sideways at 375 px, the landing page weighs at most 120 KiB, and search
  finds the right page first for ten queries an English reader would type.

The ``<link rel="alternate" hreflang>`` links (both ways, x-default), the sitemap
with both editions and the English 404 page under ``/en/`` are checked in
tests/test_hosting.py (a build with a public address).
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
import textwrap
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from book.outputs.site import (
    editions,
)  # (_ext/book/outputs/site/editions.py: the functions conf.py calls)
from browser_fixtures import (
    H1_LINES,
    H1_MOST_HEIGHT,
    H1_MOST_LINES,
    PHONE,
    SIDEWAYS,
    first_visits,
    page_weight,
    visit_each,
    wait_for_search,
)
from bs4 import BeautifulSoup
from conftest import BOOK, CHAPTERS, ROOT, Book
from epubcheck import epubcheck
from pypdf import PdfReader

BOOK_WORDS = yaml.safe_load((ROOT / "data" / "book.yaml").read_text(encoding="utf-8"))
LANDING_LIMIT = 120 * 1024
# Where each edition's pages are, from the site root.
PREFIX = {"ja": "", "en": "en/"}
OTHER = {"ja": "en", "en": "ja"}
LOCALE = {"ja": "ja_JP", "en": "en_GB"}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def resolve(language: str, name: str, href: str) -> str:
    """The site path (from the root, no leading slash) an href on a page leads to."""
    path = urlsplit(href).path
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(PREFIX[language] + name), path))


def editions_pages(pages: dict[str, str], pages_en: dict[str, str]) -> dict[str, dict[str, str]]:
    return {"ja": pages, "en": pages_en}


# ==============================================================================
# Two editions, linked to each other
# ==============================================================================


def test_both_editions_have_every_page(pages: dict[str, str], pages_en: dict[str, str]) -> None:
    assert set(pages) == set(pages_en), set(pages) ^ set(pages_en)
    assert {"index", *CHAPTERS, "404", "search", "genindex"} <= set(pages_en)


def test_every_page_links_to_the_same_page_in_the_other_edition(
    book: Book, pages: dict[str, str], pages_en: dict[str, str]
) -> None:
    problems = []
    for language, site in editions_pages(pages, pages_en).items():
        other = OTHER[language]
        for name, html in sorted(site.items()):
            links = soup(html).select("nav.book-editions a.book-edition-link")
            if len(links) != 1:
                problems.append(f"{PREFIX[language]}{name}: {len(links)} switcher links")
                continue
            (link,) = links
            # The 404 page stands for any address: it leads to the other top page.
            target = "index" if name == "404" else name
            lands = resolve(language, name, link["href"])
            if lands != f"{PREFIX[other]}{target}.html":
                problems.append(f"{PREFIX[language]}{name}: switcher leads to {lands}")
            if not (book.html / lands).is_file():
                problems.append(f"{PREFIX[language]}{name}: {lands} does not exist")
            if (link.get("hreflang"), link.get("lang")) != (other, other):
                problems.append(f"{PREFIX[language]}{name}: hreflang/lang {link.attrs}")
            if link.get_text(strip=True) != BOOK_WORDS[other]["name"]:
                problems.append(f"{PREFIX[language]}{name}: named {link.get_text()!r}")
            # The same link in the phone header (the sidebar is behind a button there).
            header = [
                (a["href"], a.get("hreflang"), a.get("lang"), a.get_text(strip=True))
                for a in soup(html).select(".mobile-header a.book-edition-link")
            ]
            if header != [(link["href"], other, other, BOOK_WORDS[other]["name"])]:
                problems.append(f"{PREFIX[language]}{name}: header link {header}")
    assert not problems, "\n".join(problems)


def test_a_local_build_has_no_hreflang_links(
    pages: dict[str, str], pages_en: dict[str, str]
) -> None:
    """hreflang needs absolute URLs, which a local build has not (like its canonical
    link): tests/test_hosting.py checks them both ways on a published build."""
    for language, site in editions_pages(pages, pages_en).items():
        for name, html in sorted(site.items()):
            assert not soup(html).select("link[hreflang]"), f"{PREFIX[language]}{name}"


def test_html_lang_and_og_locale_follow_the_edition(
    pages: dict[str, str], pages_en: dict[str, str]
) -> None:
    problems = []
    for language, site in editions_pages(pages, pages_en).items():
        for name, html in sorted(site.items()):
            page = soup(html)
            if page.html.get("lang") != language:
                problems.append(f"{PREFIX[language]}{name}: <html lang={page.html.get('lang')}>")
            if name in ("search", "genindex"):  # no Open Graph tags at all (not shared)
                continue
            locale = page.select_one('meta[property="og:locale"]')
            alternate = [m["content"] for m in page.select('meta[property="og:locale:alternate"]')]
            if locale is None or locale["content"] != LOCALE[language]:
                problems.append(f"{PREFIX[language]}{name}: og:locale {locale}")
            if alternate != [LOCALE[OTHER[language]]]:
                problems.append(f"{PREFIX[language]}{name}: og:locale:alternate {alternate}")
    assert not problems, "\n".join(problems)


def test_each_edition_links_its_own_downloads(
    pages: dict[str, str], pages_en: dict[str, str]
) -> None:
    own = {
        "ja": {f"{BOOK}.pdf", f"{BOOK}.epub"},
        "en": {f"en/{BOOK}-en.pdf", f"en/{BOOK}-en.epub"},
    }
    problems = []
    for language, site in editions_pages(pages, pages_en).items():
        for name, html in sorted(site.items()):
            links = {
                resolve(language, name, a["href"])
                for a in soup(html).select("nav.book-downloads a[download]")
            }
            if links != own[language]:
                problems.append(f"{PREFIX[language]}{name}: {sorted(links)}")
    assert not problems, "\n".join(problems)


def test_each_edition_names_itself_in_its_own_words(pages_en: dict[str, str]) -> None:
    """Title, description and the page frame's landmarks of the English edition come
    from data/book.yaml and data/labels.yaml, not from the Japanese defaults."""
    page = soup(pages_en["search"])
    assert page.title.get_text().endswith(BOOK_WORDS["en"]["title"]), page.title
    assert page.select_one('meta[name="description"]')["content"] == BOOK_WORDS["en"]["description"]


@pytest.mark.pdf
def test_each_edition_publishes_its_own_pdf_and_epub(book: Book) -> None:
    for edition in (book.edition("ja"), book.en):
        for built in (edition.pdf, edition.epub):
            published = edition.html / built.name
            assert published.is_file(), f"{published} missing"
            assert published.read_bytes() == built.read_bytes(), published


def test_english_search_is_sphinxs_english_search(book: Book) -> None:
    """The English edition's index is built with Sphinx's English support (stemmed
    words); the Japanese splitter (_ext/book/outputs/site/ja_search.py) runs only in the Japanese one."""
    en_data = (book.en.html / "_static" / "language_data.js").read_text(encoding="utf-8")
    ja_data = (book.html / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "Stemmer" in en_data and "ja_search.py" not in en_data
    assert "ja_search.py" in ja_data
    index = (book.en.html / "searchindex.js").read_text(encoding="utf-8")
    assert '"envversion"' in index


# ==============================================================================
# data/book.yaml and the editions' addresses (the functions conf.py calls)
# ==============================================================================


def test_a_missing_word_of_an_edition_names_the_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data" / "book.yaml"
    data.parent.mkdir()
    data.write_text(
        textwrap.dedent("""\
            ja:
              title: 本
              author: 著者
            en:
              title: Book
              author: ""
            """),
        encoding="utf-8",
    )
    with pytest.raises(Exception) as raised:
        editions.read_book_words(data, tmp_path)
    assert "data/book.yaml:6: 'en:' author is empty" in str(raised.value)
    data.write_text("ja:\n  title: 本\n  author: 著者\nen:\n  title: Book\n", encoding="utf-8")
    with pytest.raises(Exception) as raised:
        editions.read_book_words(data, tmp_path)
    assert "data/book.yaml:4: 'en:' has no 'author'" in str(raised.value)


def test_every_edition_has_every_word_of_the_japanese_one() -> None:
    words = editions.read_book_words(ROOT / "data" / "book.yaml", ROOT)
    assert set(words) >= {"ja", "en"}


def test_each_edition_has_its_address() -> None:
    both = ["ja", "en"]
    assert editions.edition_roots("en", both, "", "") == {"ja": "/", "en": "/en/"}
    assert editions.edition_roots("ja", both, "https://x.github.io/book", "") == {
        "ja": "https://x.github.io/book/",
        "en": "https://x.github.io/book/en/",
    }
    # Read the Docs: the sibling translation project's address.
    assert editions.edition_roots("en", both, "", "https://b.readthedocs.io/en/latest/") == {
        "ja": "https://b.readthedocs.io/ja/latest/",
        "en": "https://b.readthedocs.io/en/latest/",
    }


def test_make_all_languages_ja_is_the_japanese_book_alone() -> None:
    """`make all LANGUAGES=ja` runs no English builder and links to no other edition."""
    planned = subprocess.run(
        ["make", "-n", "all", "BUILDDIR=B", "LANGUAGES=ja"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "BOOK_LANGUAGE=ja" in planned and "BOOK_LANGUAGE=en" not in planned
    assert "B/html/en" not in planned
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy, json; c = runpy.run_path('conf.py'); print(json.dumps(c['book_edition_roots']))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"BOOK_EDITIONS": "ja", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == '{"ja": "/"}'


# ==============================================================================
# English PDF and EPUB
# ==============================================================================


def _bookmarks(outline: list) -> list:
    found = []
    for item in outline:
        found.extend(_bookmarks(item) if isinstance(item, list) else [item])
    return found


@pytest.mark.pdf
def test_english_pdf_embeds_every_font_and_keeps_japanese_names(book: Book) -> None:
    rows = subprocess.run(
        ["pdffonts", book.en.pdf], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)
    # The Japanese names the English text quotes are typeset (HaranoAji, embedded).
    assert any("HaranoAji" in row for row in rows), rows


# Straight quotes where readers see them: text (and text alternatives) outside code.
STRAIGHT_QUOTE = re.compile(r"['\"]")
READER_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")


def straight_quotes(html: str) -> list[str]:
    """The reader-facing text of a page's body that has a straight quote (' or "):
    its text, the charts' SVG text and the text alternatives; code, addresses and
    the page's scripts and styles keep theirs."""
    body = soup(html).body
    for element in body.select("script, style, code, pre, kbd, samp, .highlight"):
        element.decompose()
    found = [
        text.strip()
        for text in body.find_all(string=STRAIGHT_QUOTE)
        if not re.fullmatch(r"\s*https?://\S+\s*", text)
    ]
    found += [
        f"{element.name}[{name}]: {element[name]}"
        for element in body.find_all(True)
        for name in READER_ATTRIBUTES
        if STRAIGHT_QUOTE.search(element.get(name, ""))
    ]
    return found


def test_english_prose_has_typographic_quotes_only(pages_en: dict[str, str]) -> None:
    """The English pages use ’ “ ” throughout: the translators' PO files and the
    data's English words typed both kinds, and a page mixed “physical AI” with
    Rakuten's (issue 20).  Sphinx's smartquotes handles the text of the pages, the
    late_smart_quotes extension the text added as a page is written; the words
    drawn into charts and templates are typed typographic in data/labels.yaml."""
    found = [
        f"en/{name}: {text[:90]}"
        for name, html in pages_en.items()
        for text in straight_quotes(html)
    ]
    assert not found, f"{len(found)} straight quotes, first ones:\n" + "\n".join(found[:25])


def test_straight_quote_check_finds_them_and_spares_code() -> None:
    page = (
        "<html><body><p>Rakuten's plan</p><svg aria-label='a \"b\"'><text>c</text></svg>"
        "<p><code>x = 'y'</code> <a href='https://example.org/?a=\"'>link</a></p></body></html>"
    )
    assert straight_quotes(page) == ["Rakuten's plan", 'svg[aria-label]: a "b"']


@pytest.mark.pdf
def test_english_punctuation_is_set_as_latin_text(book: Book) -> None:
    """Quotes and dashes of the English text are Latin characters in the PDF: set in
    the Japanese font (upLaTeX's default for characters JIS also has) they came out
    with Japanese spacing, and pdftotext read “” as nothing and — as U+0336."""
    tex = book.en.tex.read_text(encoding="utf-8")
    text = subprocess.run(
        ["pdftotext", book.en.pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\u0336" not in text
    for mark in "“”—’":
        if mark in tex:
            assert mark in text, f"{mark!r} of the English text is not in the PDF's text"


@pytest.mark.pdf
def test_english_pdf_is_a4_with_english_metadata_and_bookmarks(book: Book) -> None:
    pdf = PdfReader(book.en.pdf)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (595.28, 841.89)
    assert pdf.trailer["/Root"].get("/Lang") == "en"
    assert pdf.metadata.title == BOOK_WORDS["en"]["title"]
    assert pdf.metadata.author == BOOK_WORDS["en"]["author"]
    bookmarks = _bookmarks(pdf.outline)
    assert any(isinstance(item, list) for item in pdf.outline)  # sections under chapters
    assert len(bookmarks) > 2 * len(CHAPTERS), [b.title for b in bookmarks]
    log = book.en.pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log


@pytest.mark.pdf
def test_english_epub_passes_epubcheck(book: Book) -> None:
    epubcheck(book.en.epub)


@pytest.mark.pdf
def test_english_epub_is_its_own_book_in_english(book: Book) -> None:
    def package(path: Path) -> str:
        with zipfile.ZipFile(path) as epub:
            return epub.read("content.opf").decode("utf-8")

    en, ja = package(book.en.epub), package(book.edition("ja").epub)
    assert "<dc:language>en</dc:language>" in en
    title = re.search(r"<dc:title>([^<]+)</dc:title>", en).group(1)
    assert unescape(title) == BOOK_WORDS["en"]["title"]
    identifier = re.compile(r"<dc:identifier[^>]*>([^<]+)</dc:identifier>")
    assert identifier.search(en).group(1) != identifier.search(ja).group(1)


# ==============================================================================
# In the browser
# ==============================================================================


def english_names(book: Book) -> list[str]:
    names = sorted(p.stem for p in book.en.html.glob("*.html"))
    assert "index" in names and "search" in names, names
    return names


def en_url(site_url: str, name: str) -> str:
    return f"{site_url}/en/{name}.html" + ("?q=GENIAC" if name == "search" else "")


def test_the_switcher_keeps_the_section(page, site_url) -> None:
    """From a section of a Japanese page to the same section of the English page and
    back, by keyboard; also after the reader followed a link within the page."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/overview.html")
    first, second = page.eval_on_selector_all(
        "article section section[id]", "els => els.slice(0, 2).map(e => e.id)"
    )
    page.goto(f"{site_url}/overview.html#{first}")
    page.focus("nav.book-editions a.book-edition-link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/overview.html#{first}")
    assert page.evaluate("document.documentElement.lang") == "en"
    # Within the English page, to another section; then back to Japanese.
    page.evaluate(f"location.hash = '#{second}'")
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url(re.compile(rf"/overview\.html#{second}$"))
    assert "/en/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "ja"


def test_the_switcher_keeps_the_search_query(page, site_url) -> None:
    """From the search page the other edition's search page opens with the same
    query and its results (the query was dropped, issue 20)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/search.html?q=GENIAC")
    wait_for_search(page)
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url(re.compile(r"/en/search\.html\?q=GENIAC$"))
    assert wait_for_search(page), "no English results after switching"
    assert page.locator("article input[name=q]").input_value() == "GENIAC"
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url(re.compile(r"/search\.html\?q=GENIAC$"))
    assert "/en/" not in page.url


# Highlighted matches on an English page: the text just before and just after each
# match, and the match.
HIGHLIGHTS = """() => [...document.querySelectorAll('span.highlighted')].map(e => [
    (e.previousSibling?.textContent || '').slice(-1), e.textContent,
    (e.nextSibling?.textContent || '').slice(0, 4)])"""


def test_english_matches_are_highlighted_as_words(page, site_url) -> None:
    """In English a term is highlighted where it is a word (or a word and its
    ending: model → models), not inside another word: "ai" was highlighted in
    "explained" and "against", "capac" in "capacity" (issue 20).  Japanese has
    no spaces between words: there every match stays (test_browser.py)."""
    seen = {}
    for term in ("ai", "capac", "model"):
        page.goto(f"{site_url}/en/parameters.html?highlight={term}")
        page.wait_for_timeout(300)  # sphinx_highlight.js highlights 10 ms after loading
        seen[term] = page.evaluate(HIGHLIGHTS)
    inside = [
        f"{term}: …{before}[{match}]{after}…"
        for term, marks in seen.items()
        for before, match, after in marks
        if re.match(r"[A-Za-z0-9]", before)
        or re.match(r"[A-Za-z0-9]", after)
        and not re.match(r"(s|es|ed|d|ing)\b", after)
    ]
    assert not inside, "\n".join(inside[:10])
    assert seen["ai"], "AI is no longer highlighted as a word"
    assert any(after.startswith("s") for _, _, after in seen["model"]), "models lost its match"
    assert not seen["capac"], seen["capac"]


def test_the_switcher_is_in_the_phone_header(browser, site_url) -> None:
    """At 375 px the sidebar is behind the menu button; the header has the link."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/en/index.html")
    # The sidebar's link is off screen in the closed drawer; the header's is on screen.
    drawer = page.locator("nav.book-editions a").bounding_box()
    header = page.locator(".mobile-header a.book-edition-link").bounding_box()
    assert drawer["x"] + drawer["width"] <= 0, drawer
    assert 0 <= header["x"] and header["x"] + header["width"] <= 375, header
    assert header["height"] >= 24, header  # a target a finger can hit (WCAG 2.2)
    # On one line beside the long English title (it once stood a character a line).
    lines = page.locator(".mobile-header a.book-edition-link").evaluate(
        """a => { const r = document.createRange(); r.selectNodeContents(a);
                  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"""
    )
    assert lines == 1, f"the header's switcher takes {lines} lines"
    page.click(".mobile-header a.book-edition-link")
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert "/en/" not in page.url
    context.close()


def test_the_switcher_works_without_javascript(browser, site_url) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{site_url}/parameters.html#anything")
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url("**/en/parameters.html")
    assert urlsplit(page.url).path.endswith("/en/parameters.html")
    context.close()


@pytest.fixture(scope="session")
def english_visits(browser, site_url, book: Book) -> dict:
    """Every English page's first visit (browser_fixtures.first_visits: a fresh
    context, light mode, until the network is idle, then every axe rule)."""
    urls = {name: en_url(site_url, name) for name in english_names(book)}
    return first_visits(browser, site_url, urls)


def test_english_pages_load_cleanly_and_offline(english_visits) -> None:
    """No console error, no failed request, nothing fetched from another host, and
    the search index is fetched by the search page only."""
    problems = [f"en/{name}: {p}" for name, visit in english_visits.items() for p in visit.problems]
    assert not problems, "\n".join(problems)


def test_english_pages_axe_clean_in_light_mode(english_visits) -> None:
    """Every axe rule: the English pages share the Japanese pages' templates and
    styles, but not their text or language."""
    problems = [
        f"en/{name}: {v}" for name, visit in english_visits.items() for v in visit.violations
    ]
    assert not problems, "\n".join(problems)


def test_english_pages_axe_clean_in_dark_mode(english_visits) -> None:
    """The rules whose result can depend on the theme (browser_fixtures
    DARK_MODE_RULES: colours, images' text alternatives; every rule on a page with
    dark-only content), on each page's first visit switched to dark mode
    (browser_fixtures.switch_to_dark): dark mode only swaps colours, and every
    other rule is checked in light mode on the same pages."""
    problems = [
        f"en/{name}: {v}" for name, visit in english_visits.items() for v in visit.dark_violations
    ]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def english_phone_visits(browser, site_url, book: Book) -> dict:
    """Every English page on a 375 px phone, loaded once: its width (SIDEWAYS) and
    its title's lines (H1_LINES)."""
    context = browser.new_context(**PHONE)
    urls = {name: en_url(site_url, name) for name in english_names(book)}
    found = visit_each(
        context,
        urls,
        lambda page: {"sideways": page.evaluate(SIDEWAYS), "h1_lines": page.evaluate(H1_LINES)},
    )
    context.close()
    return found


def test_english_pages_do_not_scroll_sideways_on_a_phone(english_phone_visits) -> None:
    wide = [
        f"en/{name}: {seen['sideways']['width']}px {seen['sideways']['culprits']}"
        for name, seen in english_phone_visits.items()
        if seen["sideways"]["width"] > 375
    ]
    assert not wide, "\n".join(wide)


def test_english_page_titles_stay_short_on_a_phone(english_phone_visits) -> None:
    """The English titles are longer than the Japanese ones: at Furo's 40 px, six
    of them took three lines of a 375 px screen and the overview's four (issue 20)."""
    long = [
        f"en/{name}: {title!r} takes {lines} lines, {height} px"
        for name, seen in english_phone_visits.items()
        for title, lines, height in seen["h1_lines"]
        if lines > H1_MOST_LINES or height > H1_MOST_HEIGHT
    ]
    assert all(seen["h1_lines"] for seen in english_phone_visits.values()), "a page without h1"
    assert not long, "\n".join(long)


def test_english_landing_page_weighs_at_most_120_kib(browser, site_url) -> None:
    """Everything the browser fetches for the English top page, uncompressed, as
    tools/page_weight.py counts it (it summed the gzipped sizes the local server
    sends, a third of the goal's bytes)."""
    total, fetched = page_weight(browser, f"{site_url}/en/index.html")
    assert total <= LANDING_LIMIT, f"{total / 1024:.1f} KiB > 120 KiB: {fetched}"


# Ten queries an English reader would type, and the page that should come first:
# the chapter about it (its sections treat it).  They hold once the translators'
# PO files are in (until then the English pages are still Japanese).
ENGLISH_SEARCHES = [
    ("parameters", "parameters"),
    ("GENIAC", "overview"),
    ("supplementary budget", "overview"),
    ("DeepSeek", "updates"),
    ("open weights", "updates"),
    ("private investment", "comparison"),
    ("GPU memory", "parameters"),
    ("Rakuten AI 3.0", "updates"),
    ("continued pre-training", "domestic"),
    ("Stanford AI Index", "comparison"),
]


@pytest.mark.parametrize(("query", "expected"), ENGLISH_SEARCHES)
def test_english_search_puts_the_right_page_first(page, site_url, query, expected) -> None:
    page.goto(f"{site_url}/en/search.html?q={query}")
    results = wait_for_search(page)
    assert results, f"{query}: no result"
    first = urlsplit(results[0]).path.rsplit("/", 1)[-1].removesuffix(".html")
    assert first == expected, f"{query}: {first} first, expected {expected} ({results[:5]})"
