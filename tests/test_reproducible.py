"""Two clean builds of the same commit publish the same bytes: every HTML file of
both editions, both PDFs and both EPUBs.

In a file of its own (pdf tier): one long test, a second `make all` of both
editions, which `make test`'s workers run beside the other files' tests.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import ALL_FORMATS, Book, BuildFailed, build_book, requested_formats

pytestmark = pytest.mark.pdf


def _digest_tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo.bak"
    }


def test_two_clean_builds_are_byte_identical(book: Book, tmp_path: Path) -> None:
    """The session's build and ONE second clean build, compared byte for byte."""
    if os.environ.get("BOOK_BUILD_DIR"):
        pytest.fail("reproducibility needs a fresh build: unset BOOK_BUILD_DIR", pytrace=False)
    if requested_formats() != ALL_FORMATS:
        pytest.fail("reproducibility compares every format: unset BOOK_FORMATS", pytrace=False)
    try:
        second = build_book(tmp_path / "second")
    except BuildFailed as failure:
        pytest.fail(f"the second clean build failed, the first did not: {failure}", pytrace=False)
    for language in ("ja", "en"):
        first_edition, second_edition = book.edition(language), second.edition(language)
        assert second_edition.pdf.read_bytes() == first_edition.pdf.read_bytes(), (
            f"{language} PDF differs between builds"
        )
        assert second_edition.epub.read_bytes() == first_edition.epub.read_bytes(), (
            f"{language} EPUB differs between builds"
        )
    first_tree, second_tree = _digest_tree(book.html), _digest_tree(second.html)
    differing = sorted(
        k for k in first_tree.keys() | second_tree.keys() if first_tree.get(k) != second_tree.get(k)
    )
    assert not differing, f"HTML files differ between builds: {differing[:10]}"
