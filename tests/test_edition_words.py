"""The words the extensions write around the pages are each edition's own, from the data.

The page frame's landmarks, the download links (``{book-downloads}`` and the sidebar's)
and the footer's colophon come from the edition's block of ``data/labels.yaml``
(``page-frame:``, ``downloads:``; _ext/book/core/edition_words.py), on every page.  A
word the English block lacks fails the strict build (test_edition_words_slow.py).
"""

from __future__ import annotations

import datetime
import re

import pytest
from book.data.book_numbers import format_date
from book.data.schema import JAPANESE
from conftest import ROOT, SOURCE_DATE_EPOCH
from helpers import BOOK_WORDS, data_yaml, soup

LABELS = ROOT / "data" / "labels.yaml"
WORDS = data_yaml("labels")
# The sections of data/labels.yaml the page frame and the downloads read.
SECTIONS = ("page-frame", "downloads")
# What a reader of each edition sees, as written today: the words themselves, so
# that an edition showing another's words (or none) fails here, not only a change
# of data/labels.yaml.
READER_SEES = {
    "ja": {
        "download": "ダウンロード",
        "switcher": "ほかの言語で読む",
        "colophon": "本文とデータは CC BY 4.0、コードは MIT ライセンスです。",
    },
    "en": {
        "download": "Download",
        "switcher": "Read in another language",
        "colophon": "Text and data: CC BY 4.0; code: MIT licence.",
    },
}


def test_every_edition_has_every_word_in_its_own_language() -> None:
    """Each block has every word of the Japanese one, written (not empty), the
    English ones without Japanese and with the same placeholders."""
    for language, block in WORDS.items():
        for section in SECTIONS:
            words, source = block[section], WORDS["ja"][section]
            assert set(words) == set(source), (language, section, set(source) ^ set(words))
            for key, text in words.items():
                assert isinstance(text, str) and text.strip(), (language, section, key)
                placeholders = set(re.findall(r"{(\w+)}", text))
                assert placeholders == set(re.findall(r"{(\w+)}", source[key])), (key, text)
                if language == "ja":
                    assert JAPANESE.search(text), (section, key, text)
                else:
                    assert not JAPANESE.search(text), (language, section, key, text)


def edition_date(language: str) -> str:
    """The edition's date as the colophon writes it (the build's SOURCE_DATE_EPOCH)."""
    day = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=datetime.UTC).date()
    return format_date(day.isoformat(), WORDS[language])


@pytest.mark.parametrize("language", ["ja", "en"])
def test_each_edition_shows_its_own_words(
    pages: dict[str, str], pages_en: dict[str, str], language: str
) -> None:
    """The landmarks, the download links and the colophon (the footer's only words:
    no theme credit) of every page with a footer; the top page's download buttons,
    side by side (no 「／」 between them, issue 20)."""
    frame, downloads = WORDS[language]["page-frame"], WORDS[language]["downloads"]
    sees = READER_SEES[language]
    assert (downloads["title"], frame["editions"]) == (sees["download"], sees["switcher"])
    colophon = frame["colophon"].format(
        title=BOOK_WORDS[language]["title"], date=edition_date(language)
    )
    assert colophon.endswith(sees["colophon"]), colophon
    expected = {key: frame[key] for key in ("site-navigation", "page-contents", "editions")}
    expected |= {
        "colophon": colophon,
        "download": [downloads["title"], downloads["pdf"], downloads["epub"]],
        "credit": False,
    }
    problems = []
    site = pages if language == "ja" else pages_en
    for name, html in sorted(site.items()):
        page = soup(html)
        footer = page.select_one(".bottom-of-page")
        if footer is None:  # the 404 page and the like keep Furo's frame
            continue
        sidebar, words = page.select_one("nav.book-downloads"), footer.select_one(".book-colophon")
        shown = {
            "site-navigation": page.select_one("aside.sidebar-drawer")["aria-label"],
            "page-contents": page.select_one("aside.toc-drawer")["aria-label"],
            "editions": page.select_one("nav.book-editions")["aria-label"],
            "colophon": words and words.get_text(),
            "download": [sidebar.select_one("#book-downloads-title").get_text(strip=True)]
            + [a.get_text() for a in sidebar.select("a[download]")],
            "credit": "Made with" in footer.get_text() or "pradyunsg" in str(footer),
        }
        problems += [
            f"{name}: {key}: {shown[key]!r}, not {expected[key]!r}"
            for key in shown
            if shown[key] != expected[key]
        ]
    assert not problems, "\n".join(problems[:20])
    links = soup(site["index"]).select_one("p.book-downloads-links")
    assert [a.get_text() for a in links.select("a.book-download")] == [
        downloads["pdf"],
        downloads["epub"],
    ]
    assert links.get_text() == downloads["intro"] + downloads["pdf"] + downloads["epub"], links
