"""The PDF's colophon as conf.py gives it to LaTeX (the PDF itself: test_paper_pdf.py)."""

from __future__ import annotations

import runpy

import pytest
from conftest import ROOT
from helpers import BOOK_WORDS


@pytest.mark.parametrize("address", ["", "https://example.org/geniac-book/"])
def test_colophon_names_the_site_only_when_published(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    """The web edition's address when the build has one (the Pages workflow's
    BOOK_BASE_URL), no line for it in a local build, which is published nowhere."""
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
