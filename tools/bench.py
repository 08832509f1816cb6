"""Build benchmark: times and sizes, printed as figures and as ratios to a baseline.

Runs on a throw-away copy of the project (so an edit never touches your tree):

* cold builds of html, pdf and epub (each from an empty build directory);
* a no-change html rebuild;
* a one-page-edit html rebuild, and which pages it re-wrote;
* output sizes (site, PDF with page count, EPUB).

Baseline: a naive Sphinx build of the article's text (4 pages, default theme)
measured on this machine kind: HTML cold 1.0 s, no-change rebuild 0.8 s, PDF 2.0 s,
12 pages (issue "The book builds").  Goals: cold <= 3x baseline, no-change <= 1 s,
a one-page edit re-writes only that page (plus pages whose content depends on it,
such as the sources page, which lists where each figure is used).

Usage: python tools/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = "geniac-rakuten-book"
BASELINE = {"html": 1.0, "rebuild": 0.8, "pdf": 2.0}
COPY = [
    "conf.py",
    "Makefile",
    "requirements.txt",
    "docs",
    "data",
    "_ext",
    "_static",
    "_templates",
    "tools",
]
EDITED_PAGE = "faq"


def copy_project(target: Path) -> None:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)


def make(tree: Path, *targets: str, builddir: str) -> tuple[float, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200", "SPHINXOPTS": "-v"}
    start = time.perf_counter()
    result = subprocess.run(
        ["make", *targets, f"BUILDDIR={builddir}", f"VENV={ROOT / '.venv'}"],
        cwd=tree,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"make {' '.join(targets)} failed:\n{result.stdout[-3000:]}{result.stderr}")
    return elapsed, result.stdout


def written_pages(log: str) -> list[str]:
    """Pages Sphinx wrote, from its 'writing output... [ 50%] faq' lines."""
    return re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", log)


def tree_size(path: Path) -> int:
    return sum(
        p.stat().st_size
        for p in path.rglob("*")
        if p.is_file() and ".doctrees" not in p.parts and "doctrees" not in p.parts
    )


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(match.group(1)) if match else 0


def fmt_ratio(value: float, base: float) -> str:
    return f"{value / base:4.2f}x baseline ({base:.1f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        tree = Path(tmp)
        copy_project(tree)
        cold: dict[str, list[float]] = {"html": [], "pdf": [], "epub": []}
        for run in range(args.repeat):
            for target in cold:
                elapsed, _ = make(tree, target, builddir=f"_cold{run}{target}")
                cold[target].append(elapsed)
        make(tree, "html", builddir="_b")
        rebuild = [make(tree, "html", builddir="_b")[0] for _ in range(args.repeat)]
        page = tree / "docs" / f"{EDITED_PAGE}.md"
        edits, written = [], []
        for run in range(args.repeat):
            page.write_text(
                page.read_text(encoding="utf-8") + f"\n% bench edit {run}\n", encoding="utf-8"
            )
            elapsed, log = make(tree, "html", builddir="_b")
            edits.append(elapsed)
            written = written_pages(log)
        make(tree, "all", builddir="_all")
        site, pdf = tree / "_all" / "html", tree / "_all" / "latex" / f"{BOOK}.pdf"
        epub = tree / "_all" / "epub" / f"{BOOK}.epub"
        pages = len([p for p in (tree / "docs").rglob("*.md") if "_templates" not in p.parts])
        html_pages = len(list(site.glob("*.html")))
        sizes = {
            "site": tree_size(site),
            "pdf": pdf.stat().st_size,
            "pages": pdf_pages(pdf),
            "epub": epub.stat().st_size,
            "downloads": pdf.stat().st_size + epub.stat().st_size,
        }

    med = {k: statistics.median(v) for k, v in cold.items()}
    print(f"Book: {pages} source pages, {html_pages} HTML pages; median of {args.repeat} runs")
    print(
        f"  cold html            {med['html']:6.2f} s   {fmt_ratio(med['html'], BASELINE['html'])}"
    )
    print(f"  cold pdf             {med['pdf']:6.2f} s   {fmt_ratio(med['pdf'], BASELINE['pdf'])}")
    print(f"  cold epub            {med['epub']:6.2f} s")
    print(
        f"  no-change rebuild    {statistics.median(rebuild):6.2f} s   "
        f"{fmt_ratio(statistics.median(rebuild), BASELINE['rebuild'])} (goal <= 1 s)"
    )
    print(
        f"  one-page edit        {statistics.median(edits):6.2f} s   "
        f"re-wrote: {', '.join(written) or '(nothing)'} (edited: {EDITED_PAGE})"
    )
    print(
        f"  site size            {sizes['site'] / 1024:8.0f} KiB "
        f"({(sizes['site'] - sizes['downloads']) / 1024:.0f} KiB without the PDF and EPUB)"
    )
    print(
        f"  PDF                  {sizes['pdf'] / 1024:8.0f} KiB, {sizes['pages']} pages "
        f"(baseline 12 pages)"
    )
    print(f"  EPUB                 {sizes['epub'] / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
