"""What each directive and role renders, kept in snapshot files: a change shows as a diff.

Each folder ``tests/roots/test-<name>`` is a small book (a conf.py, a frozen extract of
the data, a page per feature, its English catalogues).  It is built in each edition with
``sphinx.testing``, as MyST-Parser and sphinx-design test their directives, and compared
with ``tests/snapshots/<name>/``:

* ``<page>.<language>.xml``: the page's doctree as the HTML writer gets it;
* ``<page>.<language>.charts.txt``: each chart of the page as drawn (its alt text and
  every label of the SVG, in the drawing's order), when the page has charts.

The words are the project's own (``data/labels.yaml``...), copied in: a change of words or
code shows in the snapshots; a correction of the book's data does not, since the small
books' data is frozen.  After a change made on purpose, ``make snapshots`` (``pytest
tests/test_snapshots_slow.py --force-regen``) rewrites the files; read their diff before
committing it.  A page added to a small book fails until its snapshot is committed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import SMALL_BOOKS, small_book_copy
from sphinx.testing.util import SphinxTestApp

# slow (a build of its own), and run by `make check` too when the extension changes
pytestmark = [pytest.mark.slow, pytest.mark.snapshot]

SNAPSHOTS = Path(__file__).parent / "snapshots"
LANGUAGES = ("ja", "en")
# A chart's cache key hashes the drawing code: not part of what a reader sees.
CHART_KEY = re.compile(r'(<chart_node [^>]*\bkey=")[0-9a-f]+"')


def small_books() -> list[str]:
    return sorted(root.name.removeprefix("test-") for root in SMALL_BOOKS.glob("test-*"))


def pages_of(book: str) -> list[str]:
    return sorted(page.stem for page in (SMALL_BOOKS / f"test-{book}").glob("*.md"))


CASES = [(book, page) for book in small_books() for page in pages_of(book)]


def drawn_charts(html: str) -> str:
    """Each chart of a built page: its name, its alt text and its SVG's labels."""
    out = []
    for figure in BeautifulSoup(html, "html.parser").select("figure.chart"):
        svg = figure.find("svg")
        out += [f"== {figure['id']}", f"alt: {svg['aria-label']}"]
        out += [text.get_text() for text in svg.find_all("text")]
    return "\n".join(out) + "\n" if out else ""


def build(book: str, language: str, tmp_path: Path) -> dict[str, tuple[str, str]]:
    """The small book built as HTML in ``language``, strict (a warning fails the test):
    {page: (its doctree as the writer gets it, its charts as drawn)}."""
    source = small_book_copy(book, tmp_path / f"{book}-{language}")
    with pytest.MonkeyPatch.context() as env:
        # The edition {book-citation} cites, read when the build starts, whatever runs the
        # test: `make test` exports the commit's date; a checkout above it has a commit.
        env.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
        env.setenv("GIT_DIR", os.devnull)  # no commit
        app = SphinxTestApp("html", srcdir=source, confoverrides={"language": language})
    try:  # one app at a time: a second one alive would register every node again
        app.build()
        assert not app.warning.getvalue(), app.warning.getvalue()
        rendered = {}
        for page in pages_of(book):
            doctree = app.env.get_and_resolve_doctree(page, app.builder).pformat()
            doctree = CHART_KEY.sub(r'\1…"', doctree.replace(str(source), f"<{book}>"))
            html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
            rendered[page] = (doctree, drawn_charts(html))
        return rendered
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict]:
    """Every small book in every edition, built once for the module."""
    tmp_path = tmp_path_factory.mktemp("small-books")
    return {
        (book, language): build(book, language, tmp_path)
        for book in small_books()
        for language in LANGUAGES
    }


def test_every_snapshot_belongs_to_a_page() -> None:
    """A page removed from a small book takes its snapshots with it (none left unread)."""
    assert CASES, f"no small book with pages under {SMALL_BOOKS}"
    expected = {
        f"{book}/{page}.{language}{kind}"
        for book, page in CASES
        for language in LANGUAGES
        for kind in (".xml", ".charts.txt")
    }
    found = {path.relative_to(SNAPSHOTS).as_posix() for path in SNAPSHOTS.rglob("*.*")}
    assert not found - expected, f"snapshots of no page: {sorted(found - expected)}"


# (not "page": that fixture name is the browser's, tests/conftest.py)
@pytest.mark.parametrize("book,name", CASES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", [".xml", ".charts.txt"])
def test_page_renders_as_its_snapshot(
    rendered, file_regression, book: str, name: str, language: str, kind: str
) -> None:
    """The page's doctree, and its charts as drawn (when it has charts)."""
    text = rendered[book, language][name][kind == ".charts.txt"]
    where = SNAPSHOTS / book / f"{name}.{language}{kind}"
    if text or where.exists():
        file_regression.check(text, fullpath=where, encoding="utf-8")
