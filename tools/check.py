"""`make check`: the quick checks to run after editing a page or the data.

1. The strict HTML build (``make html``: -n -W --keep-going), incremental: into the
   same folder and doctrees as ``make html``, so only what changed is read again.
   After an edit of pages only, the Japanese edition (``make html-ja``): a page's
   English text comes from its PO file, which the edit leaves as it was (its
   changed messages show in Japanese until ``make update-po`` and a translation);
   ``make test``, and ``make check`` after any other change, build both editions.
2. textlint on the pages changed since git's HEAD (and new pages), at the same time
   as the build; on every page when git cannot tell or no page changed.
3. The tests that need only the HTML, chosen by what changed since git's HEAD:

   * only pages (``docs/``): what a page edit can break (``PAGE_TESTS``): figures
     typed by hand, facts used and their status marks, glossary terms and links
     between chapters, the table of contents, figures referred to from the prose;
     the build itself has already checked references, attribution, markup and
     the data each page uses;
   * anything else (the data, conf.py, ``_ext/``, ``_templates/``, the tests...),
     nothing (a check of the commit as it is), or when git cannot tell: the whole
     quick tier, ``pytest -m "not pdf and not browser and not slow"``; and when the
     extension or its words changed (``SNAPSHOT_INPUTS``), the small books' snapshots
     too (marker ``snapshot``), which show how the rendered pages changed.

4. Before all that, ruff on the Python files changed since git's HEAD: ``ruff format``
   rewrites them in the project's style (it used to run only in ``make test``, as a
   failing check), then ``ruff check`` lints them; and, when the extension changed
   (``_ext/``), import-linter keeps its layers (``.importlinter``: a feature never
   imports another, a layer never one above it).

No LaTeX, no browser: ``make test`` runs everything before a pull request.

The three run side by side (the build first in the processor's queue, textlint last:
``TESTS_NICENESS``): textlint from the start, and pytest too, which imports and
collects the tests while the book builds, then waits at a gate (this module,
loaded as a pytest plugin) and runs them once the build has passed, or leaves
quietly if it failed.  Starting pytest and collecting took longer than the tests
of a page edit themselves.

Sphinx keeps its environment even when the strict build fails, and an incremental
build does not read an unchanged page again: a warning that was never fixed would
not show a second time.  So the build reads every page again (-E) unless the last
build of this folder was a ``make check`` that passed.

Usage: python tools/check.py [--builddir _build] [pytest arguments...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"
# Who gets the processor first when the three run side by side on few cores: the
# build, which everything waits for; then pytest (collecting, then testing the build);
# textlint, which nothing waits for, last.  A page edit's make check on two cores,
# median of five (tools/bench.py --only-tiers --repeat 5): 6.8 s with equal shares,
# 6.1 s with textlint alone lowered, 5.9 s with this order.
TESTS_NICENESS, TEXTLINT_NICENESS = 5, 15
QUICK = "not pdf and not browser and not slow"
# What a page edit can break, beyond what the strict build checks by itself: the
# content tests (figures typed by hand, facts used and marked, glossary terms,
# links between chapters, figures referred to from the prose) and the table of
# contents.  A page edit cannot change the data, the extensions or the
# configuration: what they compute (a chapter's date line, the page dates, the
# charts and tables, where the calculator's script goes) is checked by the whole
# quick tier when they change, and the build rejects what a page could get wrong
# about them (an unknown chart or fact, a chart placed twice: a duplicate label,
# a changelog naming a page that no longer exists).  Importing the modules of
# those other tests cost more than the tests of a page edit themselves.
PAGE_TESTS = (
    "tests/test_content.py",
    "tests/test_build.py::test_every_chapter_is_a_clean_url_in_the_toctree",
)
# What changes what the extension renders: after a change to these, the small books'
# snapshots (tests/test_snapshots_slow.py, a few seconds) show the difference at once.
SNAPSHOT_INPUTS = (
    "_ext/",
    "data/labels.yaml",
    "data/book.yaml",
    "data/index-readings.yaml",
    "data/facts.schema.json",  # the small books' data is checked against it
    "tests/roots/",
    "tests/snapshots/",
    "tests/test_snapshots_slow.py",
    "tests/helpers.py",  # small_book_copy: what the small books are built from
)
# The formatter and linter, from the project's environment (pinned in requirements.txt).
RUFF = Path(sys.executable).parent / "ruff"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# A change to these is a change for every page.
LINT_CONFIG = (".textlintrc.yml", "package-lock.json")


def changed_files() -> list[str] | None:
    """Files changed or new since HEAD (not ignored), or None when git cannot tell."""
    try:
        changed = subprocess.run(
            ["git", "diff", "--name-only", "HEAD"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        new = subprocess.run(
            ["git", "ls-files", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted(set(changed + new))


def changed_pages(changed: list[str] | None) -> tuple[list[str], str]:
    """Pages to lint and why: changed or new since HEAD, else every page."""
    if changed is None:
        return ["docs"], "every page (git cannot tell what changed)"
    if any(name in LINT_CONFIG for name in changed):
        return ["docs"], "every page (the textlint configuration changed)"
    pages = [
        n for n in changed if n.startswith("docs/") and n.endswith(".md") and (ROOT / n).is_file()
    ]
    if not pages:
        return ["docs"], "every page (none changed since HEAD)"
    return pages, f"{len(pages)} page(s) changed since HEAD"


def chosen_tests(changed: list[str] | None) -> tuple[list[str], str]:
    """The pytest arguments for what changed, and why (see the module's docstring)."""
    if changed and all(name.startswith("docs/") for name in changed):
        return ["-m", QUICK, *PAGE_TESTS], "what a page edit can break (only pages changed)"
    why = "git cannot tell what changed" if changed is None else (
        "nothing changed since HEAD" if not changed else "not only pages changed"
    )  # fmt: skip
    if changed is None or any(name.startswith(SNAPSHOT_INPUTS) for name in changed):
        return ["-m", f"({QUICK}) or snapshot", "tests"], (
            f"the whole quick tier and the snapshots of what the extension renders ({why})"
        )
    return ["-m", QUICK, "tests"], f"the whole quick tier ({why})"


def format_python(changed: list[str] | None, root: Path = ROOT) -> int:
    """``ruff format`` then ``ruff check`` on the Python files changed since HEAD;
    the linter's exit status (what the formatter rewrote is said, not a failure)."""
    files = [n for n in changed or [] if n.endswith(".py") and (root / n).is_file()]
    if not files:
        return 0
    formatted = subprocess.run(
        [str(RUFF), "format", *files], cwd=root, capture_output=True, text=True, check=False
    )
    print(f"check: ruff format on {len(files)} changed file(s): {formatted.stdout.strip()}")
    if formatted.returncode != 0:
        print(formatted.stderr, end="", file=sys.stderr)
        return formatted.returncode
    lint = subprocess.run(
        [str(RUFF), "check", "--quiet", *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"check: ruff check: {'passed' if lint.returncode == 0 else 'FAILED'}")
    if lint.returncode != 0:
        print(lint.stdout + lint.stderr, end="")
    return lint.returncode


def check_layers(changed: list[str] | None, root: Path = ROOT) -> int:
    """``lint-imports`` (the contracts of ``.importlinter``) when the extension changed
    or git cannot tell; its exit status."""
    if changed is not None and not any(n.startswith(("_ext/", ".importlinter")) for n in changed):
        return 0
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root / "_ext")},
    )
    print(f"check: import layers (lint-imports): {'kept' if result.returncode == 0 else 'BROKEN'}")
    if result.returncode != 0:
        print(result.stdout[result.stdout.find("Broken contracts") :] + result.stderr, end="")
    return result.returncode


def source_date_epoch() -> str:
    """The book's date as the Makefile sets it: the caller's, else the commit's."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    # The Makefile's own fallback outside git.
    return commit.stdout.strip() if commit.returncode == 0 else "1751328000"


# The gate (see the module's docstring): pytest loads this module as a plugin
# (``-p check``) and reads one word from the pipe named by BOOK_CHECK_GATE before
# running the tests: "go" once the build has passed, anything else (or the pipe
# closed) when it failed.
GATE = "BOOK_CHECK_GATE"


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    gate = os.environ.get(GATE)
    if gate is None:
        return None
    with os.fdopen(int(gate), "rb") as pipe:
        word = pipe.read()
    if word == b"go":
        return None  # pytest's own loop runs the tests
    os._exit(0)  # the build failed: check.py says so; no pytest summary of no tests


def start_tests(builddir: Path, arguments: list[str]) -> tuple[subprocess.Popen, int]:
    """pytest on the build to come, waiting at the gate; (process, gate's write end)."""
    read_end, write_end = os.pipe()
    env = {
        **os.environ,
        "BOOK_FORMATS": "html",
        "BOOK_BUILD_DIR": str(builddir),
        "BOOK_BUILD_LOG": str(builddir / "check-html.log"),
        "BOOK_SOURCE_DATE_EPOCH": source_date_epoch(),  # tests compare the book's date
        GATE: str(read_end),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")])
        ),
    }
    tests = subprocess.Popen(
        ["nice", "-n", str(TESTS_NICENESS), sys.executable, "-m", "pytest", "-p", "check", "-q",
         *arguments],
        cwd=ROOT, env=env, pass_fds=(read_end,),
    )  # fmt: skip
    os.close(read_end)
    return tests, write_end


def open_gate(write_end: int, go: bool) -> None:
    try:
        os.write(write_end, b"go" if go else b"stop")
    except BrokenPipeError:
        pass  # pytest stopped before the gate (it could not collect): it said why
    finally:
        os.close(write_end)


def must_read_everything(doctrees: Path) -> bool:
    """True unless the last build of these doctrees was a passing ``make check``."""
    stamp, env = doctrees / ".check-passed", doctrees / "environment.pickle"
    return not (stamp.exists() and env.exists() and env.stat().st_mtime <= stamp.stat().st_mtime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--builddir", default="_build", type=Path)
    args, pytest_args = parser.parse_known_args()
    builddir = (ROOT / args.builddir).resolve()
    doctrees = builddir / "doctrees" / "html"
    start = time.perf_counter()

    changed = changed_files()
    linted = format_python(changed)
    layered = check_layers(changed)
    pages_only = bool(changed) and all(name.startswith("docs/") for name in changed)
    target = "html-ja" if pages_only else "html"
    pages, why = changed_pages(changed)
    selection, chosen = chosen_tests(changed)
    if not TEXTLINT.exists():
        print("textlint is not installed: run `make node-deps`", file=sys.stderr)
        return 2
    lint = subprocess.Popen(
        ["nice", "-n", str(TEXTLINT_NICENESS), str(TEXTLINT), *pages],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    print(f"check: tests: {chosen}")
    tests, gate = start_tests(builddir, [*pytest_args, *selection])

    reread = must_read_everything(doctrees)
    options = " ".join(filter(None, [os.environ.get("SPHINXOPTS", ""), "-E" if reread else ""]))
    print(
        f"check: strict HTML build into {args.builddir}/html (make {target}"
        + (": only pages changed, the Japanese edition" if pages_only else ": every edition")
        + ")"
        + (
            " (every page read again: the last build here was not a passing check)"
            if reread
            else ""
        )
    )
    phase = time.perf_counter()
    build = subprocess.run(
        ["make", "--no-print-directory", target, f"BUILDDIR={builddir}", f"SPHINXOPTS={options}"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    log = build.stdout + build.stderr
    timings = {"build": time.perf_counter() - phase}
    (stamp := doctrees / ".check-passed").unlink(missing_ok=True)
    if build.returncode != 0:
        print(build.stderr or build.stdout[-3000:], end="", file=sys.stderr)
        print(f"check: the strict HTML build failed (make {target}, exit {build.returncode})")
    else:
        stamp.touch()
        (builddir / "check-html.log").write_text(log, encoding="utf-8")

    phase = time.perf_counter()
    open_gate(gate, go=build.returncode == 0)
    if build.returncode != 0:
        tests.terminate()  # still collecting, maybe: no need to wait for it
    tested = tests.wait()
    if build.returncode == 0:
        timings["tests"] = time.perf_counter() - phase
    else:
        tested = 0  # not run: the build's failure is the one to fix

    lint_output = lint.communicate()[0]
    print(f"check: textlint on {why}: {'passed' if lint.returncode == 0 else 'FAILED'}")
    if lint.returncode != 0:
        print(lint_output, end="")
    failed = [
        name
        for name, code in (
            ("build", build.returncode),
            ("tests", tested),
            ("textlint", lint.returncode),
            ("ruff", linted),
            ("import layers", layered),
        )
        if code != 0
    ]
    elapsed = time.perf_counter() - start
    spent = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    print(
        f"check: {'FAILED: ' + ', '.join(failed) if failed else 'passed'} in {elapsed:.1f} s "
        f"({spent}; textlint alongside)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
