"""`make proof` (tools/proof.py): contact sheets of the whole book before a release.

Run on the session's build (conftest ``book``), kept short with the tool's own
options (the top page of each edition, the first two pages of each PDF): it writes a
PDF sheet and a web sheet per edition and an index.html that shows every sheet, and
says how many it made; a web sheet has the page's four views, and the dark ones are
dark.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import proof  # (tools/proof.py: its sheet layout)
import pytest
from conftest import EDITIONS, ROOT, Book
from PIL import Image, ImageStat

pytestmark = pytest.mark.browser


def test_proof_writes_contact_sheets_of_both_editions(book: Book, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "proof.py"), "--builddir", str(book.builddir)]
        + ["--out", str(tmp_path), "--pages", "index", "--pdf-pages", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wanted = {f"pdf-{lang}-01.png" for lang in EDITIONS} | {
        f"web-{lang}-index.png" for lang in EDITIONS
    }
    assert {p.name for p in tmp_path.glob("*.png")} == wanted
    summary = result.stdout.strip().splitlines()[-1]
    assert re.search(r"\b4 sheets\b", summary) and "4 PDF pages" in summary, summary
    assert "(8 screenshots)" in summary, summary
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for name in wanted:
        assert f'src="{name}"' in index, name

    # two PDF pages side by side, each an A4 page at the sheet's resolution
    pdf_sheet = Image.open(tmp_path / "pdf-ja-01.png")
    a4_width = round(210 / 25.4 * proof.PDF_RESOLUTION)
    assert pdf_sheet.width >= 2 * a4_width, pdf_sheet.size

    # the views left to right: 375 light, 375 dark, 1280 light, 1280 dark
    for lang in EDITIONS:
        sheet = Image.open(tmp_path / f"web-{lang}-index.png").convert("L")
        top = proof.GAP + 3 * proof.LABEL + 10
        x, brightness = proof.GAP, []
        for width in proof.WIDTHS:
            for _scheme in proof.SCHEMES:
                shown = proof.SHEET_WIDTH[width]
                area = sheet.crop((x, top, x + shown, top + 300))
                brightness.append(ImageStat.Stat(area).mean[0])
                x += shown + proof.GAP
        assert x - proof.GAP <= sheet.width
        light_375, dark_375, light_1280, dark_1280 = brightness
        assert light_375 > 150 and light_1280 > 150, (lang, brightness)
        assert dark_375 < 100 and dark_1280 < 100, (lang, brightness)
