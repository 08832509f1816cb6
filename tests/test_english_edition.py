"""The English edition: built from the same source beside the Japanese one, and linked.

``make all`` builds the Japanese site at the root (``html/``) and the English one in
``html/en/``.  Checked here: every page of each edition has a language switcher to the
same page of the other (sidebar and phone header), the right ``<html lang>`` and
``og:locale`` and its own downloads; the English edition uses Sphinx's English search;
data/book.yaml's words and the editions' addresses; typographic quotes in English.
The English PDF and EPUB: test_english_edition_pdf.py; hreflang links and the sitemap
of a published build: test_hosting*.py; Chromium: test_english_edition_browser.py.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from book.outputs.site import editions
from conftest import BOOK, CHAPTERS, ROOT, Book
from helpers import BOOK_WORDS, soup

# Where each edition's pages are, from the site root.
PREFIX = {"ja": "", "en": "en/"}
OTHER = {"ja": "en", "en": "ja"}
LOCALE = {"ja": "ja_JP", "en": "en_GB"}
DOWNLOADS = {
    "ja": {f"{BOOK}.pdf", f"{BOOK}.epub"},
    "en": {f"en/{BOOK}-en.pdf", f"en/{BOOK}-en.epub"},
}


def resolve(language: str, name: str, href: str) -> str:
    """The site path (from the root, no leading slash) an href on a page leads to."""
    path = urlsplit(href).path
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(PREFIX[language] + name), path))


def test_both_editions_have_every_page(pages: dict[str, str], pages_en: dict[str, str]) -> None:
    assert set(pages) == set(pages_en), set(pages) ^ set(pages_en)
    assert {"index", *CHAPTERS, "404", "search", "genindex"} <= set(pages_en)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_page_links_the_other_edition_and_its_own_downloads(
    book: Book, pages: dict[str, str], pages_en: dict[str, str], language: str
) -> None:
    """One switcher link (the same in the phone header, where the sidebar hides behind
    a button) to the same page of the other edition, with its hreflang, lang and
    name; ``<html lang>``, og:locale and its alternate; the edition's own downloads."""
    other = OTHER[language]
    problems = []
    for name, html in sorted((pages if language == "ja" else pages_en).items()):
        page, where = soup(html), f"{PREFIX[language]}{name}"
        links = page.select("nav.book-editions a.book-edition-link")
        header = page.select(".mobile-header a.book-edition-link")
        if len(links) != 1:
            problems.append(f"{where}: {len(links)} switcher links")
            continue
        link = links[0]
        # The 404 page stands for any address: it leads to the other top page.
        lands = resolve(language, name, link["href"])
        if lands != f"{PREFIX[other]}{'index' if name == '404' else name}.html":
            problems.append(f"{where}: switcher leads to {lands}")
        if not (book.html / lands).is_file():
            problems.append(f"{where}: {lands} does not exist")
        for a in (link, *header):
            seen = (a["href"], a.get("hreflang"), a.get("lang"), a.get_text(strip=True))
            if seen != (link["href"], other, other, BOOK_WORDS[other]["name"]):
                problems.append(f"{where}: switcher link {seen}")
        if len(header) != 1:
            problems.append(f"{where}: {len(header)} header links")
        if page.html.get("lang") != language:
            problems.append(f"{where}: <html lang={page.html.get('lang')}>")
        downloads = {
            resolve(language, name, a["href"])
            for a in page.select("nav.book-downloads a[download]")
        }
        if downloads != DOWNLOADS[language]:
            problems.append(f"{where}: downloads {sorted(downloads)}")
        if name in ("search", "genindex"):  # no Open Graph tags at all (not shared)
            continue
        locale = [m["content"] for m in page.select('meta[property="og:locale"]')]
        alternate = [m["content"] for m in page.select('meta[property="og:locale:alternate"]')]
        if (locale, alternate) != ([LOCALE[language]], [LOCALE[other]]):
            problems.append(f"{where}: og:locale {locale}, alternate {alternate}")
    assert not problems, "\n".join(problems)


def test_each_edition_names_itself_in_its_own_words(pages_en: dict[str, str]) -> None:
    """The English title and description come from data/book.yaml, not the Japanese."""
    page = soup(pages_en["search"])
    assert page.title.get_text().endswith(BOOK_WORDS["en"]["title"]), page.title
    assert page.select_one('meta[name="description"]')["content"] == BOOK_WORDS["en"]["description"]


def test_english_search_is_sphinxs_english_search(book: Book) -> None:
    """Stemmed English words; the Japanese splitter (_ext/book/outputs/site/ja_search.py)
    runs only in the Japanese edition."""
    en_data = (book.en.html / "_static" / "language_data.js").read_text(encoding="utf-8")
    ja_data = (book.html / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "Stemmer" in en_data and "ja_search.py" not in en_data
    assert "ja_search.py" in ja_data
    assert '"envversion"' in (book.en.html / "searchindex.js").read_text(encoding="utf-8")


# -- data/book.yaml and `make all LANGUAGES=ja` ----------------------------------------


@pytest.mark.parametrize(
    ("english", "error"),
    [
        ('  title: Book\n  author: ""\n', "data/book.yaml:6: 'en:' author is empty"),
        ("  title: Book\n", "data/book.yaml:4: 'en:' has no 'author'"),
    ],
)
def test_a_missing_word_of_an_edition_names_the_file_and_line(
    tmp_path: Path, english: str, error: str
) -> None:
    data = tmp_path / "data" / "book.yaml"
    data.parent.mkdir()
    data.write_text(f"ja:\n  title: 本\n  author: 著者\nen:\n{english}", encoding="utf-8")
    with pytest.raises(Exception, match=re.escape(error)):
        editions.read_book_words(data, tmp_path)


def test_every_edition_has_every_word_of_the_japanese_one() -> None:
    assert set(editions.read_book_words(ROOT / "data" / "book.yaml", ROOT)) >= {"ja", "en"}


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
    assert "B/html/en" not in planned  # (conf.py's part: test_hosting.py, BOOK_EDITIONS=ja)


# Straight quotes where readers see them: text (and text alternatives) outside code.
STRAIGHT_QUOTE = re.compile(r"['\"]")
READER_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")


def straight_quotes(html: str) -> list[str]:
    """The reader-facing text of a page's body with a straight quote (' or "): its
    text, the charts' SVG text and the text alternatives, not code or addresses."""
    body = soup(html).body
    for element in body.select("script, style, code, pre, kbd, samp, .highlight"):
        element.decompose()
    found = [
        text.strip()
        for text in body.find_all(string=STRAIGHT_QUOTE)
        if not re.fullmatch(r"\s*https?://\S+\s*", text)
    ]
    return found + [
        f"{element.name}[{name}]: {element[name]}"
        for element in body.find_all(True)
        for name in READER_ATTRIBUTES
        if STRAIGHT_QUOTE.search(element.get(name, ""))
    ]


def test_english_prose_has_typographic_quotes_only(pages_en: dict[str, str]) -> None:
    """’ “ ” throughout: the PO files and the data's English words typed both kinds
    (issue 20).  Sphinx's smartquotes and the late_smart_quotes extension convert the
    pages' text; the words of charts and templates are typographic in data/labels.yaml."""
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
