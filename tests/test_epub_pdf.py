"""The EPUBs as books (issue 20): a cover, full metadata, and a models table that fits an
e-reader's page.
"""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BOOK, EDITIONS, SOURCE_DATE_EPOCH, Book, make
from epubcheck import epubcheck
from helpers import BOOK_WORDS
from PIL import Image

pytestmark = pytest.mark.pdf

OPF = "content.opf"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def read(epub: Path, name: str) -> bytes:
    with zipfile.ZipFile(epub) as archive:
        return archive.read(name)


def package(epub: Path) -> ET.Element:
    return ET.fromstring(read(epub, OPF))


def cover_item(opf: ET.Element) -> ET.Element:
    items = [
        item
        for item in opf.iterfind("opf:manifest/opf:item", NS)
        if "cover-image" in item.get("properties", "").split()
    ]
    assert len(items) == 1, f"items marked cover-image: {[i.attrib for i in items]}"
    return items[0]


def manifest_item(opf: ET.Element, item_id: str) -> ET.Element:
    return opf.find(f"opf:manifest/opf:item[@id='{item_id}']", NS)


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_declares_a_cover_image(book: Book, language: str) -> None:
    epub = book.edition(language).epub
    opf = package(epub)
    item = cover_item(opf)
    assert item.get("media-type") == "image/png"
    # EPUB 2 reading systems find it through the metadata
    assert opf.find("opf:metadata/opf:meta[@name='cover']", NS).get("content") == item.get("id")
    image = Image.open(io.BytesIO(read(epub, item.get("href"))))
    width, height = image.size
    assert width >= 1000 and 1.3 <= height / width <= 1.7, image.size
    # not a blank page: the title's area has light type on the dark ground
    colours = image.convert("L").crop((0, 0, width, height // 2)).getextrema()
    assert colours[1] - colours[0] > 150, colours


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_opens_on_its_cover_page(book: Book, language: str) -> None:
    epub = book.edition(language).epub
    opf = package(epub)
    first = opf.find("opf:spine/opf:itemref", NS).get("idref")
    page_href = manifest_item(opf, first).get("href")
    assert page_href == "epub-cover.xhtml"
    page = BeautifulSoup(read(epub, page_href).decode("utf-8"), "html.parser")
    img = page.find("img")
    assert img["src"] == cover_item(opf).get("href")
    words = BOOK_WORDS[language]
    # the text alternative is the edition's, with the book's title and author
    assert words["title"] in img["alt"] and words["author"] in img["alt"], img["alt"]


def test_each_edition_has_its_own_cover(book: Book) -> None:
    def cover(language: str) -> bytes:
        epub = book.edition(language).epub
        return read(epub, cover_item(package(epub)).get("href"))

    assert cover("ja") != cover("en")


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_navigation_is_named_in_the_editions_words(book: Book, language: str) -> None:
    """A reading app shows the navigation document's title and the guide's names: the
    edition's (目次, 表紙 in the Japanese book), not Sphinx's English ones."""
    epub = book.edition(language).epub
    words = BOOK_WORDS[language]
    nav = BeautifulSoup(read(epub, "nav.xhtml").decode("utf-8"), "html.parser")
    assert nav.title.get_text() == nav.h1.get_text() == words["contents"]
    guide = {
        ref.get("type"): ref.get("title")
        for ref in package(epub).iterfind("opf:guide/opf:reference", NS)
    }
    assert guide == {"cover": words["cover"], "toc": words["contents"]}, guide


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_metadata_is_the_editions(book: Book, language: str) -> None:
    metadata = package(book.edition(language).epub).find("opf:metadata", NS)
    words = BOOK_WORDS[language]

    def text(name: str) -> str:
        found = metadata.find(name, NS)
        assert found is not None, f"no {name}"
        return found.text or ""

    unknown = [e.tag for e in metadata if (e.text or "").strip() == "unknown"]
    assert not unknown, f"fields Sphinx filled with 'unknown': {unknown}"
    assert text("dc:title") == words["title"]
    assert text("dc:creator") == words["author"]
    assert text("dc:language") == language
    assert text("dc:description") == words["description"]
    assert text("dc:contributor") == words["contributor"]
    rights = text("dc:rights")
    year = time.gmtime(int(SOURCE_DATE_EPOCH)).tm_year
    assert "CC BY 4.0" in rights and str(year) in rights and words["author"] in rights
    subjects = [s.text for s in metadata.iterfind("dc:subject", NS)]
    assert subjects == [s.strip() for s in words["subject"].split(",")]
    # the edition's date: SOURCE_DATE_EPOCH, as on the title page
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(SOURCE_DATE_EPOCH)))
    assert text("dc:date") == stamp


def test_a_second_epub_build_into_the_same_folder_is_valid(tmp_path: Path) -> None:
    """`make epub` run again over its own output (what a writer does all day) makes
    a valid book: the first build's cover page must not be listed a second time."""
    for _ in range(2):
        result = make("epub-ja", tmp_path)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    epubcheck(tmp_path / "epub" / f"{BOOK}.epub")
