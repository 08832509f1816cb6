"""The EPUBs as books (issue 20): a cover, full metadata, and a models table that fits an
e-reader's page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from browser_fixtures import tab
from conftest import EDITIONS, Book

pytestmark = pytest.mark.browser


# What a page of the EPUB makes its reader scroll sideways by, and the table's edge.
WIDTHS = """() => ({
    page: document.scrollingElement.scrollWidth,
    screen: document.scrollingElement.clientWidth,
    table: document.getElementById('table-domestic-models').getBoundingClientRect().right,
    labels: [...document.querySelectorAll('#table-domestic-models .stack-label')]
        .filter(e => e.getClientRects().length > 0).length,
    cells: document.querySelectorAll('#table-domestic-models tbody td').length,
    header: document.querySelector('#table-domestic-models thead').getClientRects().length > 0,
})"""


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_models_table_fits_an_e_reader(
    book: Book, browser, tmp_path: Path, language: str
) -> None:
    """The EPUB's page of Japan's models, as a reading system shows it (its own
    XHTML and stylesheets, no web CSS), on a 600 px e-reader and a 375 px phone:
    a table on the e-reader, one block per model on the phone, where every value
    follows its column's name (the header row is not shown there)."""
    with zipfile.ZipFile(book.edition(language).epub) as archive:
        archive.extractall(tmp_path)
    page_file = tmp_path / "domestic.xhtml"
    too_wide, seen = {}, {}
    for width in (600, 375):
        with tab(browser, page_file.as_uri(), viewport={"width": width, "height": 900}) as page:
            seen[width] = page.evaluate(WIDTHS)
        if seen[width]["page"] > seen[width]["screen"] or seen[width]["table"] > width:
            too_wide[width] = seen[width]
    assert not too_wide, f"the table makes the page scroll sideways: {too_wide}"
    table, blocks = seen[600], seen[375]
    assert table["header"] and table["labels"] == 0, table
    assert not blocks["header"] and blocks["labels"] == blocks["cells"] > 0, blocks


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_cover_page_fits_one_screen(
    book: Book, browser, tmp_path: Path, language: str
) -> None:
    """The cover is one screen, on a tall and on a wide one: a page taller than the
    screen would leave a reader a blank page after the cover."""
    with zipfile.ZipFile(book.edition(language).epub) as archive:
        archive.extractall(tmp_path)
    too_big = {}
    for width, height in ((600, 800), (1024, 600)):
        cover = (tmp_path / "epub-cover.xhtml").as_uri()
        with tab(browser, cover, viewport={"width": width, "height": height}) as page:
            seen = page.evaluate(
                """() => ({height: document.scrollingElement.scrollHeight,
                           width: document.scrollingElement.scrollWidth,
                           image: document.querySelector('img').naturalWidth})"""
            )
        if seen["height"] > height or seen["width"] > width or not seen["image"]:
            too_big[(width, height)] = seen
    assert not too_big, f"the cover page does not fit the screen: {too_big}"
