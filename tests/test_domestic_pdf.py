"""The domestic models' table on paper (a longtable) and in the EPUB (without the hint)."""

from __future__ import annotations

import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from conftest import Book
from domestic_shared import ROWS, WORDS, cell
from helpers import pdf_text, squash

pytestmark = pytest.mark.pdf


# -- On paper and in the EPUB ----------------------------------------------------------


def table_tex(book: Book) -> tuple[str, int, int]:
    """The .tex, and the first and last line of the table's longtable."""
    tex = book.tex.read_text(encoding="utf-8")
    lines = tex.splitlines()
    label = next(
        i
        for i, line in enumerate(lines)
        if r"\caption{" in line and "{domestic:table-domestic-models}" in line
    )
    start = max(i for i in range(label + 1) if r"\begin{longtable}" in lines[i])
    end = next(i for i in range(label, len(lines)) if r"\end{longtable}" in lines[i])
    return tex, start + 1, end + 1


def test_tex_has_a_longtable_with_a_repeated_header_and_no_overfull_line(book: Book) -> None:
    tex, start, end = table_tex(book)
    body = "\n".join(tex.splitlines()[start - 1 : end])
    assert r"\endfirsthead" in body and r"\endhead" in body, "the header is not repeated"
    # the header repeated after \endfirsthead names the columns again
    repeated = body.split(r"\endfirsthead", 1)[1].split(r"\endhead", 1)[0]
    assert WORDS["columns"]["params"] in repeated
    # given column widths, eight of them
    spec = re.search(r"\\begin\{longtable\}(?:\[[^]]*\])?\{(.*)\}", body).group(1)
    assert spec.count(r"\X{") == 8, spec
    log = (book.tex.parent / f"{book.tex.stem}.log").read_text(encoding="utf-8", errors="replace")
    overfull = r"^Overfull \\hbox \(([\d.]+)pt too wide\).*?lines? (\d+)(?:--(\d+))?"
    bad = [
        match.group(0)
        for match in re.finditer(overfull, log, re.M)
        if int(match.group(2)) <= end and int(match.group(3) or match.group(2)) >= start
    ]
    assert not bad, bad


def test_tex_and_pdf_have_every_row(book: Book) -> None:
    """Every word of each row in the table's LaTeX; the figures in the PDF's text
    (a cell's longer words may break across lines, which pdftotext interleaves)."""
    tex, start, end = table_tex(book)
    body = "\n".join(tex.splitlines()[start - 1 : end]).replace(r"\sphinxhyphen{}", "-")
    # the phrases and dates a cell keeps on one line, as their words
    # (_ext/book/outputs/paper/paper_tables.py)
    body = squash(re.sub(r"\\DUrole\{book-nobreak\}\{([^{}]*)\}", r"\1", body))
    text = squash(pdf_text(book.pdf))
    for model in ROWS:
        for needed in (model.name, model.developer, model.base or "", model.licence or ""):
            assert squash(needed) in body, needed
        for key in (model.params, model.active):
            if key:
                assert squash(cell(key)) in body and squash(cell(key)) in text, key
        assert squash(cell(model.released)) in body, model.released


def test_epub_has_the_table_without_the_hint(book: Book) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        page = epub.read(next(n for n in epub.namelist() if n.endswith("domestic.xhtml")))
    soup = BeautifulSoup(page.decode("utf-8"), "html.parser")
    table = soup.find("table", id="table-domestic-models")
    assert table is not None
    assert len(table.find("tbody").find_all("tr", recursive=False)) == len(ROWS)
    assert soup.find(class_="domestic-models-hint") is None
