"""Build benchmark: times and sizes, printed as figures and as ratios to a baseline.

Runs on a throw-away copy of the project (so an edit never touches your tree):

* cold builds of html, pdf and epub (each from an empty build directory);
* a no-change html rebuild;
* a one-page-edit html rebuild, and which pages it re-wrote;
* output sizes (site, PDF with page count, EPUB);
* the contributor's loop: ``make check`` after a one-page edit against a no-change
  ``make html`` (goal: at most 3 times), on a copy of the working tree made a git
  repository (so that "changed pages" means the edited one);
* the two editions: a cold ``make all`` (every edition of ``LANGUAGES``, Japanese
  and English) against a cold ``make all LANGUAGES=ja`` (the Japanese book alone,
  as before the English edition), in the same run (goal: at most 1.7 times).  A
  Makefile without ``LANGUAGES`` has one edition: the figure is then reported as
  not measured, never estimated;
* the code's size (first, it takes no time): lines of Python in ``_ext/`` and
  ``tests/`` against their budgets, told apart into code, docstrings, comments and
  blank lines, and the largest module of ``_ext/`` against its 500-line limit;
* with ``--full`` (``make bench FULL=1``), the whole ``make test`` against a cold
  ``make html`` of both editions, one after the other in the same fresh copy of the
  working tree (goal: at most 40 times).  The processor time is printed too: how
  much work the suite does.  The load average is printed with each figure: other
  work on the machine slows everything down.

Baseline: a naive Sphinx build of the article's text (4 pages, default theme)
measured on this machine kind: HTML cold 1.0 s, no-change rebuild 0.8 s, PDF 2.0 s,
12 pages (issue "The book builds").  Goals: cold <= 3x baseline, no-change <= 1 s,
a one-page edit re-writes only that page (plus pages whose content depends on it,
such as the sources page, which lists where each figure is used).

Usage: python tools/bench.py [--repeat N] [--full] [--only-tiers | --only-editions]
"""

from __future__ import annotations

import argparse
import ast
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
EDITED_PAGE = "faq"
# The edit a contributor makes, as far as the build is concerned: a changed page
# (an HTML comment: textlint and the content checks pass on it, so the figure is a
# passing check's).
EDIT = "\n<!-- bench edit {run} -->\n"
# The tiers (issue "A contributor's loop that is fast and honest").
CHECK_GOAL = 3.0  # make check after a one-page edit <= 3 x a no-change make html
# The whole suite against a cold `make html` of both editions in the same fresh copy
# (issue 21; it replaced issue 13's "40 % of the suite before the tiers").
TEST_GOAL = 40.0
# Two editions, three formats each, cold: <= 1.7 x the Japanese book alone (issue 11).
EDITIONS_GOAL = 1.7
# Lines of Python (as `wc -l` counts them), and the largest module (issue 21).
LINE_BUDGETS = {"_ext": 7700, "tests": 8000}
MODULE_LIMIT = 500


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


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def copy_working_tree(target: Path) -> None:
    """The working tree's files as they are (tracked and new, not ignored) in a fresh
    git repository, with the project's venv and node_modules linked in."""
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    (target / ".venv").symlink_to(ROOT / ".venv")  # tests run the venv's tools by path
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "bench"], cwd=target, check=True)


CPU_SPENT: list[float] = []  # processor seconds of the last timed() command


def busy_seconds() -> float:
    """Processor seconds the whole machine has spent working since it started (user,
    nice, system, irq and softirq time of every core, from /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(n) for n in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def timed(tree: Path, *cmd: str, **env: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall time and result of a command; the processor time the machine spent while
    it ran (every core) is left in CPU_SPENT: how much work the command did, a figure
    other work on the machine barely changes as long as there is little of it (the
    load average is printed beside each figure).  Not the command's own resource
    usage: Chromium's processes leave the process tree of the tests that start them,
    and getrusage() missed half of a browser test's work."""
    before = busy_seconds()
    start = time.perf_counter()
    result = subprocess.run(
        list(cmd), cwd=tree, capture_output=True, text=True, check=False,
        env={**os.environ, **env},
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    CPU_SPENT[:] = [busy_seconds() - before]
    return elapsed, result


def bench_tiers(repeat: int) -> None:
    """make check after a one-page edit vs a no-change make html, on a copy."""
    with tempfile.TemporaryDirectory(prefix="book-bench-check-") as tmp:
        tree = Path(tmp)
        copy_working_tree(tree)
        # Both as a contributor runs them: the same date (else a configuration change).
        env = {"SOURCE_DATE_EPOCH": "1764547200"}
        venv = f"VENV={ROOT / '.venv'}"

        html_cpu: list[float] = []
        check_cpu: list[float] = []

        def html_build() -> float:
            elapsed, result = timed(tree, "make", "html", venv, **env)
            if result.returncode:
                sys.exit(f"make html failed:\n{result.stdout[-3000:]}{result.stderr}")
            html_cpu.extend(CPU_SPENT)
            return elapsed

        html_build()
        html_cpu.clear()
        html = [html_build() for _ in range(repeat)]
        load_html = load()
        # The first check after a plain `make html` reads every page again (see
        # tools/check.py); a contributor's loop is edit -> check -> edit -> check.
        timed(tree, "make", "check", venv, **env)
        page = tree / "docs" / f"{EDITED_PAGE}.md"
        checks, outcome = [], ""
        for run in range(repeat):
            page.write_text(
                page.read_text(encoding="utf-8") + EDIT.format(run=run), encoding="utf-8"
            )
            elapsed, result = timed(tree, "make", "check", venv, **env)
            checks.append(elapsed)
            check_cpu.extend(CPU_SPENT)
            summary = [
                line
                for line in result.stdout.splitlines()
                if line.startswith("check: ") or re.search(r"\d+ (passed|failed)", line)
            ]
            outcome = " / ".join(summary[-2:]) if summary else "(no summary)"
            if result.returncode:
                outcome += " -- the figure still counts, but fix the failure"
        load_check = load()
    no_change, check = statistics.median(html), statistics.median(checks)
    ratio = check / no_change
    print(f"Contributor's loop (median of {repeat} runs)")
    print(
        f"  no-change make html  {no_change:6.2f} s   ({load_html}; "
        f"processor time {statistics.median(html_cpu):.2f} s)"
    )
    print(
        f"  make check, one page {check:6.2f} s   {ratio:4.1f}x the no-change html build "
        f"(goal <= {CHECK_GOAL:.0f}x: {'met' if ratio <= CHECK_GOAL else 'NOT met'}) ({load_check}; "
        f"processor time {statistics.median(check_cpu):.2f} s over build, textlint and tests "
        "side by side)"
    )
    print(f"    last run: {outcome}")


def has_editions(tree: Path) -> bool:
    """Whether this Makefile builds editions chosen by LANGUAGES."""
    makefile = (tree / "Makefile").read_text(encoding="utf-8")
    return re.search(r"^LANGUAGES\s*\?=", makefile, re.MULTILINE) is not None


def bench_editions(repeat: int) -> None:
    """Cold make all (every edition) vs cold make all LANGUAGES=ja, on one copy."""
    print("Two editions (cold make all, html + pdf + epub)")
    with tempfile.TemporaryDirectory(prefix="book-bench-editions-") as tmp:
        tree = Path(tmp)
        copy_working_tree(tree)
        if not has_editions(tree):
            print(
                "  not measured: this Makefile has no LANGUAGES variable, so `make all` "
                "builds one edition (the editions branch adds the English one)"
            )
            return
        env = {"SOURCE_DATE_EPOCH": "1764547200"}
        venv = f"VENV={ROOT / '.venv'}"
        both: list[float] = []
        alone: list[float] = []
        for run in range(repeat):
            # Alternate which goes first, so that neither always finds warmer caches.
            order = [("both", ()), ("ja", ("LANGUAGES=ja",))]
            for name, extra in order if run % 2 == 0 else order[::-1]:
                elapsed, result = timed(
                    tree, "make", "all", f"BUILDDIR=_cold{run}{name}", venv, *extra, **env
                )
                if result.returncode:
                    print(f"  not measured: make all {' '.join(extra)} failed:")
                    print(f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
                    return
                (both if name == "both" else alone).append(elapsed)
        languages = subprocess.run(
            ["make", "--no-print-directory", "-s", "-f", "Makefile", "-f", "-", "print-languages"],
            cwd=tree, input="print-languages:\n\t@echo $(LANGUAGES)\n",
            capture_output=True, text=True, check=False,
        ).stdout.strip() or "?"  # fmt: skip
    two, one = statistics.median(both), statistics.median(alone)
    ratio = two / one
    print(f"  make all LANGUAGES=ja {one:6.1f} s   the Japanese book alone (median of {repeat})")
    print(
        f"  make all              {two:6.1f} s   editions: {languages}; {ratio:4.2f}x the "
        f"Japanese book alone (goal <= {EDITIONS_GOAL}x: "
        f"{'met' if ratio <= EDITIONS_GOAL else 'NOT met'}) ({load()})"
    )


def suite_summary(result: subprocess.CompletedProcess[str]) -> str:
    """pytest's last line (how many passed and failed, in how long)."""
    return (result.stdout.strip().splitlines() or ["(no output)"])[-1].strip("= ")


def bench_full_suite() -> None:
    """A cold `make html` (both editions) and the whole `make test`, one after the
    other, in the same fresh copy of the working tree (issue 21's measure)."""
    print("Whole suite (make test) against a cold make html, in one fresh copy")
    with tempfile.TemporaryDirectory(prefix="book-bench-suite-") as tmp:
        tree = Path(tmp)
        copy_working_tree(tree)
        html_load = load()
        html, result = timed(tree, "make", "--no-print-directory", "html", "BUILDDIR=_build")
        if result.returncode:
            print(f"  not measured: make html failed\n{result.stdout[-2000:]}{result.stderr}")
            return
        print(f"  cold make html       {html:6.1f} s   both editions ({html_load})")
        suite_load = load()
        elapsed, result = timed(tree, "make", "--no-print-directory", "test")
    ratio = elapsed / html
    print(
        f"  make test            {elapsed:6.1f} s   {ratio:4.1f}x the cold make html "
        f"(goal <= {TEST_GOAL:.0f}x: {'met' if ratio <= TEST_GOAL else 'NOT met'}): "
        f"{suite_summary(result)} (processor time {CPU_SPENT[0]:.0f} s; {suite_load})"
    )


def line_kinds(source: str) -> dict[str, int]:
    """A module's lines told apart: blank, comment, docstring and the rest (code)."""
    lines = source.splitlines()
    kinds = {
        "blank": sum(1 for line in lines if not line.strip()),
        "comment": sum(1 for line in lines if line.strip().startswith("#")),
        "docstring": 0,
    }
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    kinds["docstring"] += first.end_lineno - first.lineno + 1
    kinds["code"] = len(lines) - sum(kinds.values())
    return {"lines": len(lines), **kinds}


def bench_code_size() -> None:
    """Lines of Python of the extension and of the tests, against their budgets."""
    print("Code size (lines of Python, as wc -l counts them)")
    for folder, budget in LINE_BUDGETS.items():
        modules = {
            path: line_kinds(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / folder).rglob("*.py"))
            if "__pycache__" not in path.parts
        }
        total = {
            kind: sum(m[kind] for m in modules.values()) for kind in next(iter(modules.values()))
        }
        verdict = "met" if total["lines"] <= budget else "NOT met"
        print(
            f"  {folder + '/':20} {total['lines']:6d} lines (budget {budget}: {verdict}); "
            f"code {total['code']}, docstrings {total['docstring']}, "
            f"comments {total['comment']}, blank {total['blank']}; {len(modules)} files"
        )
        if folder == "_ext":
            largest = max(modules, key=lambda path: modules[path]["lines"])
            size = modules[largest]["lines"]
            print(
                f"  largest module       {size:6d} lines ({largest.relative_to(ROOT)}; limit "
                f"{MODULE_LIMIT}: {'met' if size <= MODULE_LIMIT else 'NOT met'})"
            )


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
    parser.add_argument("--full", action="store_true", help="also time the whole make test")
    only = parser.add_mutually_exclusive_group()
    only.add_argument(
        "--only-tiers", action="store_true", help="only make check / make test, no build times"
    )
    only.add_argument("--only-editions", action="store_true", help="only the two-edition make all")
    args = parser.parse_args()
    bench_code_size()
    if not (args.only_tiers or args.only_editions):
        bench_builds(args.repeat)
    if not args.only_editions:
        bench_tiers(args.repeat)
    if not args.only_tiers:
        bench_editions(args.repeat)
    if args.full:
        bench_full_suite()


def bench_builds(repeat: int) -> None:
    args = argparse.Namespace(repeat=repeat)

    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        tree = Path(tmp)
        copy_working_tree(tree)
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
                page.read_text(encoding="utf-8") + EDIT.format(run=run), encoding="utf-8"
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
