"""The PDF reads like a book (issue 20): a title page with the subtitle and the
edition's date, contents that show the book's two parts, a preface, no blank
pages, a colophon on the last page, and tables that do not break a word or a date
inside a cell nor start at the foot of a page with a few rows.

Every check reads the built PDFs (both editions) with pdftotext and pypdf; the
words expected are the edition's own, from data/book.yaml and data/labels.yaml.
"""

from __future__ import annotations

import runpy

import pytest
from conftest import ROOT
from helpers import BOOK_WORDS


@pytest.mark.parametrize("address", ["", "https://example.org/geniac-book/"])
def test_colophon_names_the_site_only_when_published(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    """The colophon's lines as conf.py gives them to LaTeX: the web edition's
    address when the build has one (the Pages workflow's BOOK_BASE_URL), no line
    for it in a local build, which is published nowhere."""
    monkeypatch.setenv("BOOK_BASE_URL", address)
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    monkeypatch.setenv("BOOK_LANGUAGE", "ja")
    conf = runpy.run_path(str(ROOT / "conf.py"))
    preamble = conf["latex_elements"]["preamble"]
    rows = preamble[preamble.index("\\newcommand\\bookcolophonrows") :]
    rows = rows[: rows.index("\n}\n")]
    words = BOOK_WORDS["ja"]
    for label in ("colophon-author", "colophon-licence"):
        assert words[label] in rows
    if address:
        assert f"{words['colophon-site']} & \\url{{{address}}}" in rows, rows
    else:
        assert words["colophon-site"] not in rows, rows
