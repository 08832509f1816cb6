"""Contact sheets of the whole book, to look at before a release (`make proof`).

Every page of each edition's PDF (pdftoppm, at low resolution) and a full-page
screenshot of every web page of each edition, on a 375 px phone and a 1280 px
screen, in the light and the dark theme (Debian's Chromium through Playwright,
launched as the tests launch it: tests/chromium.py; the site served as its host
serves it: tests/site_server.py) are tiled into PNG contact sheets in one folder
(``_build/proof/``), with an ``index.html`` that shows them all:

* ``pdf-<lang>-<n>.png``: PDF_COLUMNS x PDF_ROWS pages of the edition's PDF each;
* ``web-<lang>-<page>.png``: one web page, its four views side by side, with every
  dropdown open (the FAQ's answers, the charts' tables).

Everything is local: the site is served on 127.0.0.1 and a request to any other
host is refused.  ``--pages`` and ``--pdf-pages`` keep a run short (the test does).

    .venv/bin/python tools/proof.py --builddir _build [--editions ja en]
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
# The browser tests' server and browser settings (one place for both, like
# tools/page_weight.py).
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from site_server import serve  # noqa: E402

BOOK = "geniac-rakuten-book"  # the Makefile's BOOK
SOURCE_LANGUAGE = "ja"  # the edition at the site's root
PDF_RESOLUTION = 40  # dots per inch: an A4 page is 331 x 468 px
PDF_COLUMNS, PDF_ROWS = 6, 3
# The views of each web page: (width, colour scheme), left to right.
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
# Each view's screenshot is scaled to this width on the sheet (the phone's at
# half size, the wide screen's to a third).
SHEET_WIDTH = {375: 188, 1280: 427}
# The tallest a column of the sheet may be: a longer view is split into columns
# side by side, so that nothing is left out (the sources page on a phone is about
# 32,500 px long at the sheet's scale: three columns).
MAX_VIEW_HEIGHT = 12000
GAP = 16
LABEL = 28
PAPER = (236, 236, 236)
INK = (30, 30, 30)


@dataclass
class Sheet:
    file: str
    title: str
    group: str


def label_font(size: int = 18) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def pdf_file(builddir: Path, language: str) -> Path:
    suffix = "" if language == SOURCE_LANGUAGE else f"-{language}"
    return builddir / f"latex{suffix}" / f"{BOOK}{suffix}.pdf"


def site_root(builddir: Path, language: str) -> Path:
    root = builddir / "html"
    return root if language == SOURCE_LANGUAGE else root / language


def pdf_pages(pdf: Path, workdir: Path, last: int | None) -> list[Path]:
    """Each page of ``pdf`` as a PNG (up to page ``last``)."""
    command = ["pdftoppm", "-r", str(PDF_RESOLUTION), "-png"]
    if last:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf), str(workdir / "page")], check=True)
    return sorted(workdir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def tile_pdf(pages: list[Path], language: str, out: Path) -> list[Sheet]:
    """The pages in sheets of PDF_COLUMNS x PDF_ROWS, each numbered."""
    sheets = []
    per_sheet = PDF_COLUMNS * PDF_ROWS
    font = label_font()
    for start in range(0, len(pages), per_sheet):
        chunk = [Image.open(p).convert("RGB") for p in pages[start : start + per_sheet]]
        cell_w = max(i.width for i in chunk)
        cell_h = max(i.height for i in chunk) + LABEL
        rows = -(-len(chunk) // PDF_COLUMNS)
        sheet = Image.new(
            "RGB",
            (GAP + PDF_COLUMNS * (cell_w + GAP), GAP + rows * (cell_h + GAP)),
            PAPER,
        )
        draw = ImageDraw.Draw(sheet)
        for n, image in enumerate(chunk):
            x = GAP + (n % PDF_COLUMNS) * (cell_w + GAP)
            y = GAP + (n // PDF_COLUMNS) * (cell_h + GAP)
            draw.text((x, y), f"p. {start + n + 1}", font=font, fill=INK)
            sheet.paste(image, (x, y + LABEL))
            draw.rectangle(
                (x - 1, y + LABEL - 1, x + image.width, y + LABEL + image.height), outline=INK
            )
        name = f"pdf-{language}-{start // per_sheet + 1:02d}.png"
        sheet.save(out / name, optimize=True)
        last = start + len(chunk)
        sheets.append(Sheet(name, f"PDF {language}: pages {start + 1}-{last}", f"pdf-{language}"))
    return sheets


def web_pages(root: Path, language: str, only: list[str] | None) -> list[str]:
    """The edition's pages (their paths from the site root), the top page first."""
    others = {p.name for p in root.iterdir() if p.is_dir() and (p / "index.html").is_file()}
    names = sorted(
        str(p.relative_to(root).with_suffix(""))
        for p in root.rglob("*.html")
        if p.relative_to(root).parts[0] not in others and not p.name.startswith("_")
    )
    names.sort(key=lambda n: n != "index")
    if only:
        names = [n for n in names if n in only]
    return names


def screenshot(browser, url: str, width: int, scheme: str, host: str) -> Image.Image:
    """The whole page at ``width`` in the ``scheme`` theme, as Furo shows it when the
    reader chose it (the system's scheme and Furo's stored choice)."""
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 812 if phone else 900},
        color_scheme=scheme,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
    )
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc in (host, "") else route.abort()
        ),
    )
    page = context.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        # Every dropdown open (the FAQ's answers, "Show as a table"): what they
        # hide is part of the page to look at.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        shot = page.screenshot(full_page=True, animations="disabled")
    finally:
        context.close()
    return Image.open(BytesIO(shot)).convert("RGB")


def tile_views(views: list[tuple[str, Image.Image]], title: str) -> Image.Image:
    """The views side by side, each scaled to its sheet width (a long one in several
    columns), under a title."""
    scaled = []
    for caption, image in views:
        width = SHEET_WIDTH.get(image.width, min(image.width, 427))
        height = round(image.height * width / image.width)
        small = image.resize((width, height), Image.Resampling.LANCZOS)
        parts = -(-height // MAX_VIEW_HEIGHT)
        for part in range(parts):
            strip = small.crop(
                (0, part * MAX_VIEW_HEIGHT, width, min(height, (part + 1) * MAX_VIEW_HEIGHT))
            )
            note = f"part {part + 1} of {parts}" if parts > 1 else ""
            scaled.append((caption if part == 0 else "", note, strip))
    font, small_font = label_font(), label_font(13)
    width = GAP + sum(i.width + GAP for _, _, i in scaled)
    top = GAP + LABEL * 3  # the title, then each view's caption and its note
    height = top + max(i.height for _, _, i in scaled) + GAP
    sheet = Image.new("RGB", (max(width, 600), height), PAPER)
    draw = ImageDraw.Draw(sheet)
    draw.text((GAP, GAP // 2), title, font=label_font(22), fill=INK)
    x = GAP
    for caption, note, image in scaled:
        draw.text((x, GAP + LABEL), caption, font=font, fill=INK)
        draw.text((x, GAP + LABEL * 2), note, font=small_font, fill=INK)
        sheet.paste(image, (x, top))
        draw.rectangle((x - 1, top - 1, x + image.width, top + image.height), outline=INK)
        x += image.width + GAP
    return sheet


def web_sheets(
    builddir: Path, editions: list[str], only: list[str] | None, out: Path
) -> tuple[list[Sheet], int]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: run tools/system-deps.sh")
    sheets, shots = [], 0
    with serve(builddir / "html") as url, sync_playwright() as playwright:
        host = urlsplit(url).netloc
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for language in editions:
                prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
                for name in web_pages(site_root(builddir, language), language, only):
                    views = [
                        (
                            f"{width} px {scheme}",
                            screenshot(browser, f"{url}/{prefix}{name}.html", width, scheme, host),
                        )
                        for width in WIDTHS
                        for scheme in SCHEMES
                    ]
                    shots += len(views)
                    file = f"web-{language}-{name.replace('/', '-')}.png"
                    tile_views(views, f"{language}: {prefix}{name}.html").save(
                        out / file, optimize=True
                    )
                    sheets.append(Sheet(file, f"{language}: {name}", f"web-{language}"))
        finally:
            browser.close()
    return sheets, shots


def write_index(out: Path, sheets: list[Sheet]) -> None:
    """index.html: every sheet, grouped (PDF of each edition, web of each edition)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Proof sheets</title>",
        "<style>body{font-family:sans-serif;margin:1rem;background:#fafafa}"
        "img{max-width:100%;border:1px solid #999;background:#fff}"
        "figure{margin:0 0 1.5rem}</style></head><body>",
        "<h1>Proof sheets</h1>",
    ]
    groups: dict[str, list[Sheet]] = {}
    for sheet in sheets:
        groups.setdefault(sheet.group, []).append(sheet)
    parts.append(
        "<ul>"
        + "".join(
            f'<li><a href="#{g}">{html.escape(g)}</a> ({len(s)})</li>' for g, s in groups.items()
        )
        + "</ul>"
    )
    for group, members in groups.items():
        parts.append(f'<h2 id="{group}">{html.escape(group)}</h2>')
        for sheet in members:
            parts.append(
                f"<figure><figcaption>{html.escape(sheet.title)}</figcaption>"
                f'<a href="{sheet.file}"><img src="{sheet.file}" alt="{html.escape(sheet.title)}"'
                ' loading="lazy"></a></figure>'
            )
    parts.append("</body></html>")
    (out / "index.html").write_text("\n".join(parts) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builddir", type=Path, default=ROOT / "_build")
    parser.add_argument("--out", type=Path, help="default: <builddir>/proof")
    parser.add_argument("--editions", nargs="+", default=["ja", "en"])
    parser.add_argument("--pages", nargs="+", help="only these web pages (index, overview …)")
    parser.add_argument("--pdf-pages", type=int, help="only the first N pages of each PDF")
    parser.add_argument("--no-pdf", action="store_true", help="web pages only")
    args = parser.parse_args(argv)
    out = args.out or args.builddir / "proof"
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.png"), out / "index.html"]:
        old.unlink(missing_ok=True)

    sheets: list[Sheet] = []
    pdf_total = 0
    if not args.no_pdf:
        for language in args.editions:
            pdf = pdf_file(args.builddir, language)
            if not pdf.is_file():
                sys.exit(f"{pdf} is missing: run `make all` first")
            with tempfile.TemporaryDirectory() as work:
                pages = pdf_pages(pdf, Path(work), args.pdf_pages)
                pdf_total += len(pages)
                sheets += tile_pdf(pages, language, out)
    web, shots = web_sheets(args.builddir, args.editions, args.pages, out)
    sheets += web
    write_index(out, sheets)
    print(
        f"proof: {len(sheets)} sheets in {out / 'index.html'}: "
        f"{pdf_total} PDF pages, {len(web)} web pages x {len(WIDTHS) * len(SCHEMES)} views "
        f"({shots} screenshots), editions {' '.join(args.editions)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
