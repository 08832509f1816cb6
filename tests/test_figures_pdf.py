"""Charts on paper and in the EPUB (vector PDFs with their labels, an image with alt
text), and not drawn again by a rebuild without a change."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
from conftest import Book, Edition, make
from figures_shared import CHART_FONT, CHART_NAMES, charts_on, figure, svg_texts
from helpers import pdf_text, run, squash

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def web_labels(pages: dict[str, str], pages_en: dict[str, str]) -> dict[str, dict]:
    """Every label of every chart as each edition's web page draws it: the PDF's drawing
    is the same, on paper (its exact words: the snapshots of tests/roots/test-charts)."""
    return {
        language: {name: svg_texts(figure(found, name)) for name in CHART_NAMES}
        for language, found in (("ja", charts_on(pages)), ("en", charts_on(pages_en)))
    }


def latex_pdf(edition: Edition, name: str) -> Path:
    """The chart PDF that the edition's .tex includes."""
    tex = edition.tex.read_text(encoding="utf-8")
    match = re.search(rf"\\sphinxincludegraphics\[[^]]*\]\{{(chart-{name}-[0-9a-f]+\.pdf)\}}", tex)
    assert match, f"the LaTeX source of {edition.name} does not include the chart {name}"
    return edition.tex.parent / match.group(1)


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_pdf_is_vector_with_the_chart_font_embedded(
    book: Book, web_labels: dict, name: str, language: str
) -> None:
    """Each edition's PDF charts: vector, the chart font embedded as the type it is
    declared as, every label of the edition extractable."""
    pdf = latex_pdf(book.edition(language), name)
    result = run("pdffonts", pdf)
    rows = result.stdout.splitlines()[2:]
    fonts = [r for r in rows if CHART_FONT in r]
    assert fonts, f"{pdf.name}: {CHART_FONT} is not in the chart PDF:\n{result.stdout}"
    for row in rows:
        assert row.split()[-5] == "yes", f"{pdf.name}: font not embedded: {row}"
    # poppler says so when a font is declared as one type and embedded as another
    assert "Mismatch" not in result.stderr, result.stderr
    extracted = squash(run("pdftotext", pdf, "-").stdout)
    assert web_labels[language][name], f"{name}: the web page draws no label to look for"
    for label in web_labels[language][name]:
        assert squash(label) in extracted, f"{pdf.name}: {label!r} not extractable text"
    # Vector: no raster image inside.
    assert "/Subtype /Image" not in pdf.read_bytes().decode("latin-1")


def test_book_pdf_carries_the_charts_font_and_labels(book: Book, web_labels: dict) -> None:
    """(Every font of the book embedded: test_build_pdf.py.)"""
    assert CHART_FONT in run("pdffonts", book.pdf).stdout, "no chart font in the book PDF"
    text = squash(pdf_text(book.pdf))
    for name in CHART_NAMES:
        for label in web_labels["ja"][name]:
            assert squash(label) in text, f"book PDF: chart label {label!r} missing"


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_in_epub_as_image_with_alt(book: Book, name: str) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        names = epub.namelist()
        svgs = [n for n in names if re.search(rf"_images/chart-{name}-[0-9a-f]+\.svg$", n)]
        assert len(svgs) == 1, f"EPUB: chart {name} image files: {svgs}"
        svg = epub.read(svgs[0]).decode("utf-8")
        pages = [epub.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")]
    assert "<text" in svg and "currentColor" not in svg and "var(--" not in svg
    img = [m for p in pages for m in re.findall(rf"<img [^>]*chart-{name}-[^>]*>", p)]
    assert img and 'alt="' in img[0] and 'alt=""' not in img[0]
    assert not any("<svg" in p and f"fig-{name}" in p for p in pages), (
        "EPUB pages must not inline SVG (epubcheck needs it declared)"
    )


def test_no_change_rebuild_draws_nothing(book: Book) -> None:
    # one chart cache per builder (html, epub, latex), each in its own doctrees
    caches = sorted((book.builddir / "doctrees").glob("*/charts"))
    drawings = lambda: {  # noqa: E731
        f"{cache.parent.name}/{p.name}": p.stat().st_mtime_ns
        for cache in caches
        for p in cache.iterdir()
    }
    before = drawings()
    for builder in ("html", "epub", "latex"):
        for chart in CHART_NAMES:
            assert any(k.startswith(f"{builder}/{chart}-") for k in before), (builder, chart)
    start = time.perf_counter()
    result = make("html", book.builddir)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "charts: drew" not in result.stdout, "a chart was drawn again without a change"
    assert drawings() == before
    print(f"no-change html rebuild with charts: {elapsed:.2f} s")


def test_source_lines_keep_the_space_before_their_link_on_paper(book: Book) -> None:
    """The line under a chart or table ends "(Rakuten Group, February 2025) and 6
    more" in the PDF as on the page: LaTeX dropped the space that began the link
    ("2025)and 6 more"), so it stands before the link (core/figure_data.py)."""
    text = pdf_text(book.edition("en").pdf)
    before = re.findall(r"(\S*)and \d+ more", text)
    assert before, "the English PDF has no source line with 'and N more'"
    assert not any(before), f"no space before 'and N more' after: {sorted(set(before))}"
