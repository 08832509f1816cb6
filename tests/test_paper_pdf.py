"""The PDF reads like a book (issue 20): a title page with the subtitle and the edition's
date, contents that show the book's two parts, a preface, no blank pages, a colophon on
the last page, and tables that neither break a word or a date inside a cell nor start at
the foot of a page with a few rows.  Read from both editions' PDFs with pdftotext and
pypdf; the words expected are the edition's own (data/book.yaml, data/labels.yaml).
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import budoux
import pytest
from conftest import SOURCE_DATE_EPOCH, Book
from figures_shared import DOMESTIC
from helpers import BOOK_WORDS, data_yaml, pdf_text
from helpers import plain as squash
from pypdf import PdfReader
from sphinx.util.i18n import format_date

pytestmark = pytest.mark.pdf

LANGUAGES = ["ja", "en"]
LABELS = data_yaml("labels")
EDITION_DATE = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=datetime.UTC)
# The captions of the top page's two toctrees (docs/index.md and its catalogue).
PART_CAPTIONS = {"ja": ("本編", "資料"), "en": ("Chapters", "Reference")}
TABLE_CAPTION = {"ja": "表 4.1: ", "en": "Table 4.1: "}
_phrases = budoux.load_default_japanese_parser()


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext; pages are separated by form feeds)."""
    return pdf_text(pdf, *(["-layout"] if layout else [])).split("\f")[:-1]


def assert_on(page: str, words: list[str], where: str) -> None:
    for what in words:
        assert squash(what) in squash(page), f"{what!r} not on the {where}: {squash(page)[:300]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_page_has_title_subtitle_and_date(book: Book, language: str) -> None:
    """Page 1: the title, the subtitle (Sphinx's stock page had none) and the date."""
    words = BOOK_WORDS[language]
    date = format_date(words["today"], date=EDITION_DATE, language=language)
    first = page_texts(book.edition(language).pdf)[0]
    assert_on(first, [words["title"], words["subtitle"], words["author"], date], "title page")


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_show_both_parts_and_the_preface(book: Book, language: str) -> None:
    """The contents (pages i, ii…) are titled 目次/Contents, not with the first
    part's caption, and list both parts and the preface; the preface is page 1, under
    its heading; each part starts on a page with its caption alone (and the number)."""
    words = BOOK_WORDS[language]
    pdf = book.edition(language).pdf
    labels = PdfReader(pdf).page_labels
    texts = [squash(t) for t in page_texts(pdf)]
    # after the title page (page 1, unnumbered)
    roman = [i for i, label in enumerate(labels) if i and re.fullmatch(r"[ivxlc]+", label)]
    assert roman, f"no contents pages numbered i, ii… (labels {labels[:6]})"
    contents = "".join(texts[i] for i in roman)
    assert squash(words["contents"]) in contents[:40], contents[:80]
    for caption in (*PART_CAPTIONS[language], words["preface"]):
        assert squash(caption) in contents, f"{caption!r} not in the contents"
    preface = texts[labels.index("1", 1)]
    assert squash(words["preface"]) in preface[:20], preface[:80]
    for caption in PART_CAPTIONS[language]:
        assert caption in texts, f"no page for the part {caption!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_blank_pages(book: Book, language: str) -> None:
    """No page blank but for its number (openright left five in the Japanese PDF and
    eight in the English one, after the title page, the contents and chapters)."""
    texts = page_texts(book.edition(language).pdf)
    blank = [n for n, text in enumerate(texts, 1) if re.fullmatch(r"[0-9ivxlc]*", squash(text))]
    assert not blank, f"blank pages: {blank}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_colophon_is_the_last_page(book: Book, language: str) -> None:
    """The last page is the colophon (奥付): title, subtitle, the edition's date and
    commit, authors and licence; no web address in a build published nowhere."""
    words = BOOK_WORDS[language]
    last = page_texts(book.edition(language).pdf)[-1]
    date = format_date(words["last-updated"], date=EDITION_DATE, language=language)
    expected = [words["title"], words["subtitle"], words["author"], words["licence"]]
    expected += [words["colophon-date"], date, words["colophon-licence"]]
    # The commit as the sources page's citation names it (test_citation_history checks
    # it is one of this repository's): not HEAD, which may be newer than a reused build.
    sources = (book.html / "sources.html").read_text(encoding="utf-8")
    commit = re.search(r"（コミット ([0-9a-f]{7,40})）", sources)
    if commit:
        expected += [words["colophon-revision"], commit[1]]
    assert_on(last, expected, "last page")
    assert squash(words["colophon-site"]) not in squash(last)  # a local build has no address


def table_page(pdf: Path, language: str, layout: bool = False) -> str:
    """The text of the page where Table 4.1 starts."""
    for text in page_texts(pdf, layout):
        if TABLE_CAPTION[language] in text:
            return text
    pytest.fail(f"{TABLE_CAPTION[language]!r} not found in {pdf}")


def assert_half_the_models_on(text: str) -> None:
    """At least half of Table 4.1's rows (data/facts.yaml ``models:``) are on the page."""
    names = [row.name for row in DOMESTIC]
    on_page = [name for name in names if squash(name) in squash(text)]
    assert len(on_page) >= len(names) / 2, f"only {on_page} on the table's first page"


@pytest.mark.parametrize("language", LANGUAGES)
def test_models_table_starts_with_enough_rows(book: Book, language: str) -> None:
    """It started at the foot of a page with three to five rows."""
    assert_half_the_models_on(table_page(book.edition(language).pdf, language))


def assert_headings_whole(text: str, labels: list[str], language: str) -> None:
    """Each heading keeps its phrases (ja) or words (en) on one line of the table's
    heading (pdftotext -layout: the line starting with the first heading, and the next
    three)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(labels[0]))
    heading = [squash(line) for line in lines[start : start + 4]]
    for label in labels:
        for piece in _phrases.parse(label) if language == "ja" else label.split():
            assert any(squash(piece) in line for line in heading), f"{piece!r} broken ({label})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_models_table_breaks_no_word_or_date_in_a_cell(book: Book, language: str) -> None:
    """Table 4.1's headings keep their words whole (「総パラメ/ータ数」, "Struc-/ture"
    were broken), and each date is on one line (「2024年5月/16日」, "16 May/2024")."""
    text = table_page(book.edition(language).pdf, language, layout=True)
    columns = LABELS[language]["models"]["columns"]
    assert_headings_whole(text, list(columns.values()), language)  # "model" first
    # a day alone in its column (「16 日」 under 「2024 年 5 月」), or a year ("2024" under "16 May")
    alone = r"\d{1,2} ?日" if language == "ja" else r"\d{4}"
    broken = [
        line
        for line in text.splitlines()
        if re.search(rf"(?:^|\s{{2,}}){alone}(?:\s{{2,}}|$)", line)
    ]
    assert not broken, f"dates broken across lines: {broken[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("title", "columns"),
    [("memory-title", ("model", "params", "ratio")), ("compute-title", ("case", "n", "d", "c"))],
)
def test_parameter_table_headings_are_whole(
    book: Book, language: str, title: str, columns: tuple[str, ...]
) -> None:
    """「パラメー/タ数」, 「D（学習トークン/数）」 were broken in narrow columns."""
    words = LABELS[language]["param-tables"]
    caption = squash(words[title])[:15]
    pages = [t for t in page_texts(book.edition(language).pdf, True) if caption in squash(t)]
    assert pages, f"the table {words[title]!r} not found"
    assert_headings_whole(pages[0], [words[key] for key in columns], language)


def test_models_table_never_starts_at_a_page_foot(book: Book, tmp_path: Path) -> None:
    """Where Table 4.1 would start with a quarter of a page left, it starts on the next
    page (_latex/bookdesign.sty: a long table needs a third of a page).  The book's
    LaTeX is typeset again with the page filled down to there: without that rule, two
    or three rows stood at the foot of the page, the rest overleaf."""
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
    assert_half_the_models_on(table_page(work / "filled.pdf", "ja"))
