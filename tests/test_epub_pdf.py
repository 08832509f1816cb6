"""The EPUBs as books (issue 20): a cover, full metadata, and a models table that fits an
e-reader's page.
"""

from __future__ import annotations

import io
import shutil
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


@pytest.mark.parametrize("language", EDITIONS)
def test_epub_opens_on_its_cover(book: Book, language: str) -> None:
    """A PNG cover image (EPUB 3's cover-image, EPUB 2's meta name="cover"), light type
    on a dark ground; the spine's first page shows it, with the edition's title and
    author as its text alternative."""
    epub = book.edition(language).epub
    opf = package(epub)
    item = cover_item(opf)
    assert item.get("media-type") == "image/png"
    assert opf.find("opf:metadata/opf:meta[@name='cover']", NS).get("content") == item.get("id")
    image = Image.open(io.BytesIO(read(epub, item.get("href"))))
    width, height = image.size
    assert width >= 1000 and 1.3 <= height / width <= 1.7, image.size
    # not a blank page: the title's area has light type on the dark ground
    colours = image.convert("L").crop((0, 0, width, height // 2)).getextrema()
    assert colours[1] - colours[0] > 150, colours
    first = opf.find("opf:spine/opf:itemref", NS).get("idref")
    page_href = opf.find(f"opf:manifest/opf:item[@id='{first}']", NS).get("href")
    assert page_href == "epub-cover.xhtml"
    img = BeautifulSoup(read(epub, page_href).decode("utf-8"), "html.parser").find("img")
    assert img["src"] == item.get("href")
    words = BOOK_WORDS[language]
    assert words["title"] in img["alt"] and words["author"] in img["alt"], img["alt"]


def test_each_edition_is_a_book_of_its_own(book: Book) -> None:
    """Its own cover and its own identifier."""
    covers, identifiers = set(), set()
    for language in EDITIONS:
        epub = book.edition(language).epub
        covers.add(read(epub, cover_item(package(epub)).get("href")))
        identifiers.add(package(epub).findtext("opf:metadata/dc:identifier", namespaces=NS))
    assert len(covers) == len(identifiers) == len(EDITIONS), identifiers


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
    """The edition's words (no field Sphinx filled with "unknown"), dated by
    SOURCE_DATE_EPOCH as the title page is."""
    metadata = package(book.edition(language).epub).find("opf:metadata", NS)
    words = BOOK_WORDS[language]
    unknown = [e.tag for e in metadata if (e.text or "").strip() == "unknown"]
    assert not unknown, f"fields Sphinx filled with 'unknown': {unknown}"
    edition = time.gmtime(int(SOURCE_DATE_EPOCH))
    fields = ("title", "creator", "language", "description", "contributor", "date")
    assert [metadata.findtext(f"dc:{name}", namespaces=NS) for name in fields] == [
        words["title"],
        words["author"],
        language,
        words["description"],
        words["contributor"],
        time.strftime("%Y-%m-%dT%H:%M:%SZ", edition),
    ]
    rights = metadata.findtext("dc:rights", namespaces=NS)
    assert "CC BY 4.0" in rights and str(edition.tm_year) in rights and words["author"] in rights
    subjects = [s.text for s in metadata.iterfind("dc:subject", NS)]
    assert subjects == [s.strip() for s in words["subject"].split(",")]


def test_an_epub_build_over_its_own_output_is_valid(book: Book, tmp_path: Path) -> None:
    """`make epub` run again over its own output (what a writer does all day) makes
    a valid book: the cover page the last build left must not be listed twice."""
    shutil.copytree(book.epub.parent, tmp_path / "epub")
    assert (tmp_path / "epub" / "epub-cover.xhtml").is_file()
    result = make("epub-ja", tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    epubcheck(tmp_path / "epub" / f"{BOOK}.epub")
