"""The PDF reads like a book (issue 20): a title page with the subtitle and the edition's
date, contents that show the book's two parts, a preface, no blank pages, a colophon on
the last page, and tables that do not break a word or a date inside a cell nor start at
the foot of a page with a few rows.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import budoux
import pytest
import yaml
from conftest import ROOT, SOURCE_DATE_EPOCH, Book
from helpers import BOOK_WORDS, data_yaml
from pypdf import PdfReader
from sphinx.util.i18n import format_date

pytestmark = pytest.mark.pdf

LANGUAGES = ["ja", "en"]
LABELS = data_yaml("labels")
EDITION_DATE = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=datetime.UTC)
# The captions of the top page's two toctrees (docs/index.md; the English ones are
# its catalogue's).
PART_CAPTIONS = {"ja": ("本編", "資料"), "en": ("Chapters", "Reference")}
TABLE_CAPTION = {"ja": "表 4.1: ", "en": "Table 4.1: "}
_phrases = budoux.load_default_japanese_parser()


def squash(text: str) -> str:
    """Without white space (pdftotext puts spaces between kana and Latin letters),
    apostrophes as typed (LaTeX prints ' as ’)."""
    return re.sub(r"\s+", "", text).replace("\u2019", "'")


def page_texts(pdf: object, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext; pages are separated by form feeds)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_page_has_title_subtitle_and_date(book: Book, language: str) -> None:
    """Page 1 is a title page: the title, the subtitle (Sphinx's stock page had
    none) and the edition's date."""
    words = BOOK_WORDS[language]
    first = squash(page_texts(book.edition(language).pdf)[0])
    date = format_date(words["today"], date=EDITION_DATE, language=language)
    for what in (words["title"], words["subtitle"], words["author"], date):
        assert squash(what) in first, f"{what!r} not on the title page: {first[:200]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_show_both_parts_and_the_preface(book: Book, language: str) -> None:
    """The contents (the pages numbered i, ii…) are titled 目次/Contents, not with
    the first part's caption, and list both parts and the preface; the preface is
    page 1, under its heading."""
    words = BOOK_WORDS[language]
    pdf = book.edition(language).pdf
    labels = PdfReader(pdf).page_labels
    texts = [squash(t) for t in page_texts(pdf)]
    # after the title page (page 1, unnumbered)
    roman = [i for i, label in enumerate(labels) if i and re.fullmatch(r"[ivxlc]+", label)]
    assert roman, f"no contents pages numbered i, ii… (labels {labels[:6]})"
    contents = "".join(texts[i] for i in roman)
    assert (
        contents.startswith(squash(words["contents"]))
        or squash(words["contents"]) in (contents[:40])
    ), contents[:80]
    for caption in (*PART_CAPTIONS[language], words["preface"]):
        assert squash(caption) in contents, f"{caption!r} not in the contents"
    preface = texts[labels.index("1", 1)]
    assert squash(words["preface"]) in preface[:20], preface[:80]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_part_has_its_page(book: Book, language: str) -> None:
    """Each part starts on a page with its caption alone (and the page number)."""
    texts = [squash(t) for t in page_texts(book.edition(language).pdf)]
    for caption in PART_CAPTIONS[language]:
        assert caption in texts, f"no page for the part {caption!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_blank_pages(book: Book, language: str) -> None:
    """No page is blank but for its number (openright left five in the Japanese
    PDF and eight in the English one: after the title page, the contents and every
    chapter that ended on a right-hand page)."""
    texts = page_texts(book.edition(language).pdf)
    blank = [n for n, text in enumerate(texts, 1) if re.fullmatch(r"[0-9ivxlc]*", squash(text))]
    assert not blank, f"blank pages: {blank}"


def built_commit(book: Book) -> str:
    """The commit the build was made from, as its citation on the sources page names
    it (test_citation_history checks it is a commit of this repository); "" outside
    git.  Not HEAD: a build checked with BOOK_BUILD_DIR may predate the last commit."""
    text = (book.html / "sources.html").read_text(encoding="utf-8")
    found = re.search(r"（コミット ([0-9a-f]{7,40})）", text)
    return found.group(1) if found else ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_colophon_is_the_last_page(book: Book, language: str) -> None:
    """The last page is the colophon (奥付): title, subtitle, the edition's date and
    commit, authors and licence; no web address in a build published nowhere."""
    words = BOOK_WORDS[language]
    last = squash(page_texts(book.edition(language).pdf)[-1])
    date = format_date(words["last-updated"], date=EDITION_DATE, language=language)
    expected = [words["title"], words["subtitle"], words["author"], words["licence"]]
    expected += [words["colophon-date"], date, words["colophon-licence"]]
    commit = built_commit(book)
    if commit:
        expected += [words["colophon-revision"], commit]
    for what in expected:
        assert squash(what) in last, f"{what!r} not on the last page: {last[:300]}"
    assert squash(words["colophon-site"]) not in last  # a local build has no address


def table_page(pdf: object, language: str, layout: bool = False) -> tuple[int, str]:
    texts = page_texts(pdf, layout)
    for number, text in enumerate(texts, 1):
        if TABLE_CAPTION[language] in text:
            return number, text
    pytest.fail(f"{TABLE_CAPTION[language]!r} not found in {pdf}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_models_table_starts_with_enough_rows(book: Book, language: str) -> None:
    """The page where Table 4.1 starts holds at least half of its rows (it started
    at the foot of a page with three to five rows)."""
    _, text = table_page(book.edition(language).pdf, language)
    names = model_names()
    on_page = [name for name in names if squash(name) in squash(text)]
    assert len(on_page) >= len(names) / 2, f"only {on_page} on the table's first page"


def model_names() -> list[str]:
    """The names of Table 4.1's models (data/facts.yaml ``models:``)."""
    with (ROOT / "data" / "facts.yaml").open(encoding="utf-8") as file:
        return [str(row["name"]) for row in yaml.safe_load(file)["models"].values()]


def header_pieces(label: str, language: str) -> list[str]:
    """What a heading cell must keep whole: each phrase (ja), each word (en)."""
    return _phrases.parse(label) if language == "ja" else label.split()


def header_lines(text: str, first: str) -> list[str]:
    """The lines of a table's heading (pdftotext -layout): the one that starts with
    the first column's heading, and the next three; without white space."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    return [squash(line) for line in lines[start : start + 4]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_models_table_breaks_no_word_or_date_in_a_cell(book: Book, language: str) -> None:
    """Table 4.1's headings keep their words and phrases whole (「総パラメ/ータ数」,
    "Struc-/ture" were broken), and its dates are each on one line (「2024年5月/
    16日」, "16 May/2024")."""
    _, text = table_page(book.edition(language).pdf, language, layout=True)
    columns = LABELS[language]["models"]["columns"]
    lines = header_lines(text, columns["model"])
    for label in columns.values():
        for piece in header_pieces(label, language):
            assert any(squash(piece) in line for line in lines), f"{piece!r} broken ({label})"
    raw = text.splitlines()
    if language == "ja":  # a day alone in its column: 「16 日」 under 「2024 年 5 月」
        broken = [line for line in raw if re.search(r"(?:^|\s{2,})\d{1,2} ?日(?:\s{2,}|$)", line)]
    else:  # a year alone in its column: "2024" under "16 May"
        broken = [line for line in raw if re.search(r"(?:^|\s{2,})\d{4}(?:\s{2,}|$)", line)]
    assert not broken, f"dates broken across lines: {broken[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("title", "columns"),
    [("memory-title", ("model", "params", "ratio")), ("compute-title", ("case", "n", "d", "c"))],
)
def test_parameter_table_headings_are_whole(
    book: Book, language: str, title: str, columns: tuple[str, ...]
) -> None:
    """The parameter tables' headings keep their words and phrases whole
    (「パラメー/タ数」, 「D（学習トークン/数）」 were broken in narrow columns)."""
    words = LABELS[language]["param-tables"]
    texts = page_texts(book.edition(language).pdf, layout=True)
    caption = squash(words[title])[:15]
    pages = [t for t in texts if caption in squash(t)]
    assert pages, f"the table {words[title]!r} not found"
    lines = header_lines(pages[0], words[columns[0]])
    for key in columns:
        for piece in header_pieces(words[key], language):
            assert any(squash(piece) in line for line in lines), f"{piece!r} broken"


def test_models_table_never_starts_at_a_page_foot(book: Book, tmp_path: Path) -> None:
    """Where Table 4.1 would start with a quarter of a page left, it starts on the
    next page instead (_latex/bookdesign.sty: a long table needs a third of a page).
    The book's LaTeX is typeset again with the page filled down to there: without
    that rule, two or three rows stood at the foot of the page, the rest overleaf."""
    work = tmp_path / "latex"
    shutil.copytree(book.tex.parent, work)
    tex = (work / book.tex.name).read_text(encoding="utf-8")
    label = tex.index(r"\label{\detokenize{domestic:table-domestic-models}}")
    start = tex.rindex(r"\begin{savenotes}", 0, label)
    filler = "\\clearpage\\vspace*{0.72\\textheight}\n"
    (work / "filled.tex").write_text(tex[:start] + filler + tex[start:], encoding="utf-8")
    for command in (
        ["uplatex", "-kanji=utf8", "-interaction=nonstopmode", "filled.tex"],
        ["dvipdfmx", "-q", "filled.dvi"],
    ):
        subprocess.run(command, cwd=work, capture_output=True, check=False, timeout=600)
    _, text = table_page(work / "filled.pdf", "ja")
    names = model_names()
    on_page = [name for name in names if squash(name) in squash(text)]
    assert len(on_page) >= len(names) / 2, f"only {on_page} on the table's first page"
