"""A fact the pages need, gone from the data, stops the build with a message: never a traceback.

Each fact of the small book tests/roots/test-book (every directive and role of the book
on a few pages) is taken out of its data file in turn and the book is built: the build
may warn (it must, when a page or a directive uses the fact, and the message names the
fact), but nothing may fail with an exception.  A directive that reads a fact it did
not ask for (training-compute's claim, found this way) would end the contributor's
build in a Python traceback.  The charts read only the facts they list, which their
directive asks for as a whole (test_figures.py::test_a_chart_reads_only_the_facts_it_lists):
the charts' small book need not be taken apart fact by fact.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import SMALL_BOOKS, small_book_copy
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.slow
DATA = SMALL_BOOKS / "test-book" / "data" / "facts.yaml"
# What the small book's pages say: a fact named there must be named by the build's warning.
PAGES = "".join(page.read_text(encoding="utf-8") for page in DATA.parents[1].glob("*.md"))


def without(text: str, key: str) -> str:
    """The data file without the fact ``key`` (its line and the indented lines under it)."""
    block = re.compile(rf"^  {re.escape(key)}:\s*\n(?:(?:    .*)?\n)*", re.MULTILINE)
    found = block.search(text, text.index("\nfacts:\n"))  # (sources have keys too)
    assert found, key
    return text[: found.start()] + text[found.end() :]


@pytest.mark.parametrize("key", list(yaml.safe_load(DATA.read_text(encoding="utf-8"))["facts"]))
def test_a_missing_fact_stops_the_build_cleanly(tmp_path: Path, key: str) -> None:
    source = small_book_copy("book", tmp_path / "book")
    data = source / "data" / "facts.yaml"
    data.write_text(without(data.read_text(encoding="utf-8"), key), encoding="utf-8")
    # Every feature has run once a page is resolved, which the dummy builder does
    # without writing HTML (the drawings: see the module's docstring).
    app = SphinxTestApp("dummy", srcdir=source)
    try:
        app.build()  # an exception here is the failure this test is for
    finally:
        app.cleanup()
    said = app.warning.getvalue()
    if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", PAGES):
        assert key in said, f"a page uses '{key}', but the build did not name it:\n{said}"
    assert not said or key in said, f"the build warned without naming '{key}':\n{said}"
