"""The words the extensions write around the pages are each edition's own, from the data.

The page frame's landmarks (the sidebar, the page's contents, the language
switcher), the download links (``{book-downloads}`` on the top page and the
sidebar's) and the footer's colophon are the edition's block of ``data/labels.yaml``
(``page-frame:``, ``downloads:``; _ext/book/core/edition_words.py), as every word the code
writes: the English edition shows the English words, the Japanese edition the
Japanese ones, on every page.  A word the English block lacks fails the strict
build, naming data/labels.yaml, the line and the word (a build of its own: ``slow``).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from book.data.book_numbers import format_date
from bs4 import BeautifulSoup
from conftest import ROOT, SOURCE_DATE_EPOCH
from minibook import make_project, parallel_builds

LABELS = ROOT / "data" / "labels.yaml"
WORDS = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
BOOK_WORDS = yaml.safe_load((ROOT / "data" / "book.yaml").read_text(encoding="utf-8"))
# The sections of data/labels.yaml the page frame and the downloads read.
SECTIONS = ("page-frame", "downloads")
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# What a reader of each edition sees, as written today: the words themselves, so
# that an edition showing another's words (or none) fails here, not only a change
# of data/labels.yaml.
READER_SEES = {
    "ja": {
        "download": "ダウンロード",
        "switcher": "ほかの言語で読む",
        "colophon": "コードは MIT ライセンスです。",
    },
    "en": {
        "download": "Download",
        "switcher": "Read in another language",
        "colophon": "Text and data: CC BY 4.0; code: MIT licence.",
    },
}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


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
    """The landmarks, the download links and the colophon of every page are the
    edition's words of data/labels.yaml."""
    frame, downloads = WORDS[language]["page-frame"], WORDS[language]["downloads"]
    sees = READER_SEES[language]
    assert (downloads["title"], frame["editions"]) == (sees["download"], sees["switcher"])
    colophon = frame["colophon"].format(
        title=BOOK_WORDS[language]["title"], date=edition_date(language)
    )
    assert colophon.endswith(sees["colophon"]), colophon
    problems = []
    site = pages if language == "ja" else pages_en
    for name, html in sorted(site.items()):
        page = soup(html)
        if page.select_one(".book-colophon") is None:  # the 404 page and the like
            continue
        shown = {
            "site-navigation": page.select_one("aside.sidebar-drawer")["aria-label"],
            "page-contents": page.select_one("aside.toc-drawer")["aria-label"],
            "editions": page.select_one("nav.book-editions")["aria-label"],
            "colophon": page.select_one(".book-colophon").get_text(),
        }
        expected = {key: frame[key] for key in shown} | {"colophon": colophon}
        sidebar = page.select_one("nav.book-downloads")
        shown["download"] = [sidebar.select_one("#book-downloads-title").get_text(strip=True)]
        shown["download"] += [a.get_text() for a in sidebar.select("a[download]")]
        expected["download"] = [downloads["title"], downloads["pdf"], downloads["epub"]]
        for key in shown:
            if shown[key] != expected[key]:
                problems.append(f"{name}: {key}: {shown[key]!r}, not {expected[key]!r}")
    # {book-downloads} on the top page: the sentence, then the two links.
    links = soup(site["index"]).select_one("p.book-downloads-links")
    assert links.contents[0] == downloads["intro"], links
    assert [a.get_text() for a in links.select("a.book-download")] == [
        downloads["pdf"],
        downloads["epub"],
    ]
    assert not problems, "\n".join(problems[:20])


# ==============================================================================
# A word missing from a block fails the build, naming the file
# ==============================================================================


def without_line(text: str, block: str, section: str, key: str) -> tuple[str, int, int]:
    """``text`` of data/labels.yaml without ``key`` of ``block``'s ``section``; with the
    line of the section in the result and of the Japanese word's line in it."""
    lines = text.splitlines(keepends=True)
    starts = {name: lines.index(f"{name}:\n") for name in ("ja", "en")}
    start = starts[block]
    end = max((s for s in starts.values() if s > start), default=len(lines))
    in_section = lines.index(f"  {section}:\n", start, end)
    index = next(i for i in range(in_section + 1, end) if lines[i].startswith(f"    {key}:"))
    del lines[index]
    ja_start = lines.index("ja:\n")
    ja_section = lines.index(f"  {section}:\n", ja_start)
    ja_line = next(
        i for i in range(ja_section + 1, len(lines)) if lines[i].startswith(f"    {key}:")
    )
    return "".join(lines), in_section + 1, ja_line + 1


@pytest.mark.slow
def test_a_missing_word_fails_the_build_naming_data_labels(tmp_path: Path) -> None:
    """A word the English block lacks: the English build stops at data/labels.yaml's
    line (the Japanese word shown meanwhile would be the wrong language).  A word
    the Japanese block lacks too: the build stops naming the file and the word."""
    text = LABELS.read_text(encoding="utf-8")
    en_text, en_section_line, ja_line = without_line(text, "en", "downloads", "pdf")
    ja_text, _line, _ja = without_line(text, "ja", "page-frame", "colophon")

    def trees():
        for name, broken, language in (("en", en_text, "en"), ("ja", ja_text, "ja")):
            tree = make_project(tmp_path / name)
            (tree / "data" / "labels.yaml").write_text(broken, encoding="utf-8")
            yield tree, {"BOOK_LANGUAGE": language}

    (en_code, en_output), (ja_code, ja_output) = parallel_builds(trees())
    assert en_code != 0, en_output
    assert (
        f"data/labels.yaml:{en_section_line}: WARNING: en: downloads: no word 'pdf' "
        f"(the Japanese one is at line {ja_line})"
    ) in en_output, en_output
    assert ja_code != 0, ja_output
    assert "data/labels.yaml: ja: page-frame: no word 'colophon'" in ja_output, ja_output
