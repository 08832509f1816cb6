"""The EPUBs as books (issue 20): a cover, full metadata, and a models table that fits an
e-reader's page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from browser_fixtures import page_script, tab
from conftest import EDITIONS, Book

pytestmark = pytest.mark.browser


# A tablet shows the table; an e-reader (about 600 px) and a phone, one block per model.
TABLE_WIDTHS, BLOCK_WIDTHS = (1024,), (600, 375)


COVER = """() => ({height: document.scrollingElement.scrollHeight,
                   width: document.scrollingElement.scrollWidth,
                   image: document.querySelector('img').naturalWidth})"""


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_pages_fit_an_e_reader(book: Book, browser, tmp_path: Path, language: str) -> None:
    """The EPUB's pages as a reading system shows them (its own XHTML and stylesheets,
    no web CSS).  The page of Japan's models: a table on a tablet; on a 600 px e-reader
    and a 375 px phone one block per model, where every value follows its column's
    name (the header row is not shown there); never a sideways scroll, never a word
    broken inside itself.  The cover: one screen, on a tall and on a wide one (a page
    taller than the screen would leave a reader a blank page after the cover)."""
    with zipfile.ZipFile(book.edition(language).epub) as archive:
        archive.extractall(tmp_path)
    too_wide, broken, seen, too_big = {}, {}, {}, {}
    with tab(browser) as page:
        for width in TABLE_WIDTHS + BLOCK_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto((tmp_path / "domestic.xhtml").as_uri())
            seen[width] = page.evaluate(page_script("epub_table_widths"))
            if seen[width]["page"] > seen[width]["screen"] or seen[width]["table"] > width:
                too_wide[width] = seen[width]
            if seen[width]["broken"]:
                broken[width] = seen[width]["broken"]
        for width, height in ((600, 800), (1024, 600)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto((tmp_path / "epub-cover.xhtml").as_uri())
            cover = page.evaluate(COVER)
            if cover["height"] > height or cover["width"] > width or not cover["image"]:
                too_big[(width, height)] = cover
    assert not too_wide, f"the table makes the page scroll sideways: {too_wide}"
    assert not broken, f"words of the table broken across lines, by page width: {broken}"
    assert not too_big, f"the cover page does not fit the screen: {too_big}"
    for width in TABLE_WIDTHS:
        assert seen[width]["header"] and seen[width]["labels"] == 0, (width, seen[width])
    for width in BLOCK_WIDTHS:
        blocks = seen[width]
        assert not blocks["header"] and blocks["labels"] == blocks["cells"] > 0, (width, blocks)
