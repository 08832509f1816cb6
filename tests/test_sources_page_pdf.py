"""The sources page as a reader uses it (_ext/book/features/sources_page.py, issue 20)."""

from __future__ import annotations

import re

import pytest
from conftest import Book
from helpers import EDITION_FACTS, pdf_text
from pypdf import PdfReader
from sources_page_shared import LABELS, LANGUAGES, sources_page

pytestmark = pytest.mark.pdf


def _outline(items: list, depth: int = 0) -> list[tuple[object, int]]:
    """Every bookmark with its depth (chapters sit under the parts' bookmarks)."""
    found = []
    for item in items:
        if isinstance(item, list):
            found += _outline(item, depth + 1)
        else:
            found.append((item, depth))
    return found


def chapter_pages(pdf_path, title: str) -> range:
    """The pages (1-based) of the chapter with this title, from the PDF's bookmarks:
    from its own to the next one at its level or above."""
    reader = PdfReader(pdf_path)
    marks = _outline(reader.outline)
    at = next(i for i, (item, _) in enumerate(marks) if title in item.title)
    depth = marks[at][1]
    start = reader.get_destination_page_number(marks[at][0]) + 1
    after = [item for item, d in marks[at + 1 :] if d <= depth]
    end = reader.get_destination_page_number(after[0]) + 1 if after else len(reader.pages) + 1
    return range(start, end)


def page_text(pdf_path, number: int, *options: str) -> str:
    """Page ``number`` (from 1) of the PDF's text (pdftotext, read once per PDF)."""
    return pdf_text(pdf_path, *options).split("\f")[number - 1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_title_is_alone_at_a_page_foot(book: Book, language: str) -> None:
    """An entry's title (its label and status word) is followed on the same page by
    at least its first line (9 Japanese and 7 English titles sat alone)."""
    edition = book.edition(language)
    title = sources_page(book, language).find("h1").get_text().rstrip("¶")
    mark = LABELS[language]["punctuation"]["mark"]
    ends = tuple(mark.format(mark=s["word"]) for s in LABELS[language]["statuses"].values())
    alone = []
    pages = chapter_pages(edition.pdf, title)
    assert len(pages) > 5, pages
    # the running foot: the page number, and the chapter's or the section's title
    # ("第 8 章 出典と確認状況", "8.3. Figures and claims")
    foot = re.compile(r"^(\d+|第\s*\d+\s*章.*|Chapter \d+\..*|\d+\.\d+\.? .*)$")
    for number in pages:
        lines = [line.strip() for line in page_text(edition.pdf, number).splitlines()]
        lines = [line for line in lines if line]
        while lines and foot.match(lines[-1]):
            lines.pop()
        if lines and lines[-1].endswith(ends):
            alone.append(f"p. {number}: {lines[-1]}")
    assert not alone, alone


def printed_text(tex: str) -> str:
    """LaTeX source as the text it prints, near enough to find addresses in: a
    \\sphinxhref's address is not printed (its text and, in footnote mode, a
    footnote with the address are), and Sphinx's escapes are undone."""
    text = re.sub(r"\\sphinxhref\{[^}]*\}", "", tex)
    text = text.replace("\\sphinxhyphen{}", "-").replace("\\textasciitilde{}", "~")
    return re.sub(r"\\([%#_&{}$])", r"\1", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_sources_address_is_printed_once(book: Book, language: str) -> None:
    """In print a link's address goes into a footnote; the list of sources prints
    each address as the link itself, once (it was printed under the title and
    again in the title's footnote).  Read in the LaTeX source of the chapter."""
    edition = book.edition(language)
    title = sources_page(book, language).find("h1").get_text().rstrip("¶")
    tex = edition.tex.read_text(encoding="utf-8")
    chapter = tex[tex.index("\\chapter{" + title) :]
    chapter = printed_text(chapter[: chapter.find("\\chapter{", 1)])
    addresses = [s.url for s in EDITION_FACTS[language].sources.values() if s.url]
    assert addresses
    counts = {
        url: len(re.findall(re.escape(url) + r"(?![\w/.#%~-])", chapter)) for url in addresses
    }
    wrong = {url: n for url, n in counts.items() if n != 1}
    assert not wrong, wrong
