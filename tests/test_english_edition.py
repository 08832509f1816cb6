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
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from book.outputs.site import (
    editions,
)
from conftest import BOOK, CHAPTERS, ROOT, Book
from helpers import BOOK_WORDS, soup

# Where each edition's pages are, from the site root.
PREFIX = {"ja": "", "en": "en/"}
OTHER = {"ja": "en", "en": "ja"}
LOCALE = {"ja": "ja_JP", "en": "en_GB"}


def resolve(language: str, name: str, href: str) -> str:
    """The site path (from the root, no leading slash) an href on a page leads to."""
    path = urlsplit(href).path
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(PREFIX[language] + name), path))


def editions_pages(pages: dict[str, str], pages_en: dict[str, str]) -> dict[str, dict[str, str]]:
    return {"ja": pages, "en": pages_en}


# -- Two editions, linked to each other ------------------------------------------------


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


def test_english_search_is_sphinxs_english_search(book: Book) -> None:
    """The English edition's index is built with Sphinx's English support (stemmed
    words); the Japanese splitter (_ext/book/outputs/site/ja_search.py) runs only in the Japanese one."""
    en_data = (book.en.html / "_static" / "language_data.js").read_text(encoding="utf-8")
    ja_data = (book.html / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "Stemmer" in en_data and "ja_search.py" not in en_data
    assert "ja_search.py" in ja_data
    index = (book.en.html / "searchindex.js").read_text(encoding="utf-8")
    assert '"envversion"' in index


# -- data/book.yaml and the editions' addresses (the functions conf.py calls) ----------


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
