"""The book builds: HTML, PDF and EPUB from one source, strictly and reproducibly."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import helpers
import pytest
from conftest import CHAPTERS, ROOT, Book
from epubcheck import epubcheck
from helpers import bookmarks, data_yaml, run, squash
from minibook import make_project
from pypdf import PdfReader

pytestmark = pytest.mark.pdf

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="session")
def pdf_text(book: Book) -> str:
    return squash(helpers.pdf_text(book.pdf))


@pytest.fixture(scope="session")
def pdf(book: Book) -> PdfReader:
    return PdfReader(book.pdf)


def test_pdf_and_epub_are_published_in_the_site(book: Book) -> None:
    assert (book.html / book.pdf.name).read_bytes() == book.pdf.read_bytes()
    assert (book.html / book.epub.name).read_bytes() == book.epub.read_bytes()


# -- PDF -------------------------------------------------------------------------------


def test_pdf_embeds_every_font(book: Book) -> None:
    rows = run("pdffonts", book.pdf).stdout.splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    fonts = {row.split()[0]: row for row in rows}
    assert any("HaranoAji" in name for name in fonts), fonts
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)


def test_pdf_text_is_extractable_japanese(pdf_text: str) -> None:
    for title in CHAPTERS.values():
        assert title in pdf_text, f"chapter title {title!r} not extractable"
    # Body text, not only headings: a sentence of the overview in Japanese.
    assert re.search(r"経済産業省.{0,40}(支援|GENIAC)", pdf_text)


def test_pdf_is_a4_with_metadata(book: Book, pdf: PdfReader) -> None:
    box = pdf.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    info = pdf.metadata
    assert info.title == "国産生成AIとGENIAC"
    assert info.author
    assert pdf.trailer["/Root"].get("/Lang") == "ja-JP"


def test_pdf_has_bookmarks_for_every_chapter_and_section(book: Book, pdf: PdfReader) -> None:
    titles = [item.title for item in bookmarks(pdf.outline)]
    for title in CHAPTERS.values():
        assert any(title in b for b in titles), f"no bookmark for {title}: {titles}"
    # sections too: more bookmarks than chapters, nested under them
    assert any(isinstance(item, list) for item in pdf.outline)
    assert len(titles) > 2 * len(CHAPTERS)


def test_pdf_cross_references_are_clickable_and_resolved(
    book: Book, pdf: PdfReader, pdf_text: str
) -> None:
    internal = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal > 20, f"only {internal} internal links in the PDF"
    assert "??" not in pdf_text
    log = book.pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log


def test_design_components_read_as_text_on_paper(pdf_text: str, book: Book) -> None:
    """FAQ dropdowns print as questions followed by their answers (cards, tabs and
    buttons are checked on a fixture below: the book's cards are on the web only)."""
    tex = book.tex.read_text(encoding="utf-8")
    assert "sd-stretched-link" not in tex and "sd-hide-link-text" not in tex
    # the chapter itself, not its line in the table of contents (followed by a page number)
    # (whatever its number: chapters are added before it)
    start = re.search(r"第\d+章よくある質問(?!\d)", pdf_text).end()
    faq = pdf_text[start:]
    questions = re.findall(
        r"[^。？]{6,60}？", faq[: re.search(r"第\d+章その後の動き(?!\d)", faq).start()]
    )
    assert len(questions) >= 5, questions
    # each question is followed by its answer, not by the next question
    for question in questions[:5]:
        after = faq[faq.index(question) + len(question) :][:80]
        assert "？" not in after[:20] and "。" in after, (question, after)


def test_tabs_and_cards_fixture_on_paper(tmp_path: Path) -> None:
    """Components the book does not use yet (tabs, badges, buttons) also compile."""
    design = Path(__file__).parent / "fixtures" / "design"
    make_project(tmp_path, {p.name: p.read_text(encoding="utf-8") for p in design.iterdir()})
    # the project's Makefile, run in the copied tree (the Japanese edition: the
    # components print the same in every language)
    result = subprocess.run(
        ["make", "-f", str(ROOT / "Makefile"), "pdf", "LANGUAGES=ja", f"VENV={ROOT / '.venv'}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = squash(run("pdftotext", next((tmp_path / "_build" / "latex").glob("*.pdf")), "-").stdout)
    shown = "タブA 内容A タブB 内容B 質問はこれですか 答えはこれです カードの題 →部品 →https://example.org/"
    for expected in shown.split():
        assert expected in text, f"{expected!r} missing from the fixture PDF:\n{text}"


# -- EPUB ------------------------------------------------------------------------------


def test_epub_passes_epubcheck(book: Book) -> None:
    epubcheck(book.epub)


def test_epub_has_every_chapter(book: Book) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        assert epub.namelist()[0] == "mimetype"
        assert epub.read("mimetype") == b"application/epub+zip"
        names = set(epub.namelist())
        faq = epub.read("faq.xhtml").decode("utf-8")
    for page in CHAPTERS:
        assert f"{page}.xhtml" in names
    # e-readers get the FAQ as plain questions and answers, not web dropdowns
    assert "<details" not in faq and "<svg" not in faq
    assert faq.count('class="rubric') >= 5


def test_index_works_in_html_and_pdf(book: Book, pdf: PdfReader) -> None:
    """Key terms are in the site's index, linking into chapters, and in the PDF's."""
    genindex = (book.html / "genindex.html").read_text(encoding="utf-8")
    for term in ("GENIAC", "NEDO", "楽天経済圏", "Mixture of Experts", "AI Index", "補正予算"):
        assert f">{term}" in genindex, f"{term} is not in the index"
    assert re.search(r'href="(overview|parameters|comparison)\.html#index-\d+"', genindex)
    # The PDF's index: from the page its bookmark points to, to the end (the word
    # 索引 is also in the table of contents and in the index pages' running heads).
    (mark,) = [m for m in bookmarks(pdf.outline) if m.title == "索引"]
    first = pdf.get_destination_page_number(mark) + 1
    index_part = squash(run("pdftotext", "-f", str(first), book.pdf, "-").stdout)
    for term in ("GENIAC", "NEDO", "楽天経済圏", "MixtureofExperts"):
        assert term in index_part, f"{term} is not in the PDF's index"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_status_marks_are_never_broken_across_lines_on_paper(book: Book, language: str) -> None:
    """「［報/道］」 and "[con-/firmed]" split over two lines read as two words: every
    mark is one box (conf.py, ``DUrolefact-status``)."""
    edition = book.edition(language)
    lines = run("pdftotext", "-layout", edition.pdf, "-").stdout.splitlines()
    opening = re.compile(r"(［(報|未|未確|確|確認|報道ベ|報道ベー)|\[(con|re|un)[a-z]*-?)$")
    split = [line.strip()[-30:] for line in lines if opening.search(line.rstrip())]
    assert not split, f"marks broken at the end of a line: {split[:5]}"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_page_numbers_follow_only_links_to_sections(book: Book, language: str) -> None:
    """On paper a page number follows a link that sends the reader to another
    section, in the edition's words, and nothing else: not each status mark, each
    source in a source line or each page of the sources page's "used on" lists
    (about 650 in the Japanese PDF before _ext/book/outputs/paper/paper_page_refs.py)."""
    edition = book.edition(language)
    text = run("pdftotext", edition.pdf, "-").stdout
    flat = re.sub(r"\s+", " ", text)
    # Sphinx's own form is gone ("(ページ 44)", "(page 44)")
    assert not re.search(r"\((ページ|page) \d+\)", flat), "Sphinx's page references remain"
    ours = r"（→ ?\d+ ?ページ）" if language == "ja" else r"\(→ p\. \d+\)"
    found = re.findall(ours, flat)
    assert found, "no page number after a link to another section"
    # never right after a status mark or a source
    after_mark = re.findall(r"(?:］|\])\s?" + ours, flat)
    assert not after_mark, after_mark[:3]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_marks_are_explained_before_the_first_chapter_on_paper(
    book: Book, language: str
) -> None:
    """The opening pages (the story, before chapter 1) use the marks and explain
    them (the legend was on the web's top page only: on paper, ［報道］ went
    unexplained until the sources chapter)."""
    edition = book.edition(language)
    reader = PdfReader(edition.pdf)
    # the chapters' bookmarks, nested under their parts' (the preface's and the
    # parts' own are at the top level)
    chapters = [b for item in reader.outline if isinstance(item, list) for b in bookmarks(item)]
    # the first chapter's first page, from the PDF's bookmarks (the contents page
    # lists the chapters too, so the text alone cannot tell where chapter 1 starts)
    first = min(reader.get_destination_page_number(b) for b in chapters) + 1
    pages = run("pdftotext", "-l", str(first - 1), edition.pdf, "-").stdout if first > 1 else ""
    before = squash(unicodedata.normalize("NFKC", pages))  # "ﬁ" ligatures -> "fi"
    labels = data_yaml("labels")
    for status in ("reported", "unverified"):
        help_text = squash(labels[language]["statuses"][status]["help"])
        assert help_text in before, f"{status}: not explained before page {first}"
