"""The book builds: HTML, PDF and EPUB from one source, strictly and reproducibly.

Every check calls the real tool (uplatex through ``make``, pdffonts, pdftotext,
epubcheck) on the book built once per session by the ``book`` fixture; the checks
of the Makefile's behaviour (strict on every target, every format following a data
change) run its targets on a minimal project (tests/minibook.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from book.features.charts.style import FONT_PACKAGE
from conftest import ALL_FORMATS, CHAPTERS, ROOT, SESSION, Book

# -- Strictness ------------------------------------------------------------------------


def test_the_book_builds(request: pytest.FixtureRequest) -> None:
    """The session's build (conftest ``book``): if it fails, this is the one test
    that reports it, with the build's own message, and every test that needs the
    book is skipped pointing here."""
    book = SESSION.get(request.config)
    if book is None:
        pytest.fail(SESSION.failure, pytrace=False)
    assert (book.html / "index.html").is_file()
    if book.formats == ALL_FORMATS:
        assert book.pdf.is_file() and book.epub.is_file()


def test_build_has_no_warnings(book: Book) -> None:
    if not book.log:
        pytest.fail(
            "BOOK_BUILD_DIR reuses a build without its log (BOOK_BUILD_LOG); unset it to "
            "check warnings"
        )
    assert "build succeeded" in book.log
    assert "WARNING" not in book.log and "ERROR" not in book.log


def test_latex_log_checker_catches_what_readers_would_see(tmp_path: Path) -> None:
    """The PDF target fails on ?? references and text cut at the margin."""
    checker = ROOT / "tools" / "check_latex_log.py"
    clean = tmp_path / "clean.log"
    clean.write_text("Overfull \\hbox (0.5pt too wide) in paragraph at lines 3--4\n")
    assert subprocess.run([sys.executable, checker, clean]).returncode == 0
    for bad in (
        "LaTeX Warning: Hyper reference `x:y' on page 3 undefined on input line 9.\n"
        "LaTeX Warning: There were undefined references.\n",
        "Overfull \\hbox (42.1pt too wide) in paragraph at lines 80--81\n",
    ):
        log = tmp_path / "bad.log"
        log.write_text(bad)
        result = subprocess.run([sys.executable, checker, log], capture_output=True, text=True)
        assert result.returncode == 1 and "bad.log" in result.stderr


# -- HTML: clean URLs, every chapter, downloads published inside the site --------------


def test_every_chapter_is_a_clean_url_in_the_toctree(book: Book) -> None:
    index = (book.html / "index.html").read_text(encoding="utf-8")
    for page, title in CHAPTERS.items():
        html = book.html / f"{page}.html"
        assert html.exists(), f"{page}.html missing"
        assert title in html.read_text(encoding="utf-8")
        assert f'href="{page}.html"' in index, f"{page} is not linked from the top page"
    assert not (book.html / "docs").exists()


# -- Set-up on a fresh machine ---------------------------------------------------------


def test_system_deps_as_non_root_prints_the_apt_line() -> None:
    script = ROOT / "tools" / "system-deps.sh"
    if os.geteuid() != 0:
        user_cmd: list[str] = []
    else:
        # As root, run it as "nobody" — who may not be able to read the checkout
        # (a clone under a 0700 home or `mktemp -d`): give them a readable copy.
        user_cmd = ["runuser", "-u", "nobody", "--"]
        readable = Path(tempfile.mkdtemp(prefix="book-deps-", dir="/tmp"))
        readable.chmod(0o755)
        script = Path(shutil.copy(script, readable / script.name))
        script.chmod(0o755)
    result = subprocess.run(
        [*user_cmd, "bash", str(script)],
        capture_output=True,
        text=True,
        cwd="/",
        env={**os.environ, "BOOK_APT_PACKAGES": "latexmk zz-book-test-missing"},
    )
    if script.parent != ROOT / "tools":
        shutil.rmtree(script.parent)
    assert result.returncode == 1
    assert "apt-get install --no-install-recommends zz-book-test-missing" in result.stderr
    assert "latexmk" not in result.stderr.split("Run:")[1]  # only what is missing


@pytest.mark.parametrize(
    ("target", "packages"),
    [
        ("html-ja", FONT_PACKAGE),
        ("livehtml", FONT_PACKAGE),
        ("snapshots", FONT_PACKAGE),
        ("epub-en", ""),  # its cover is set in TeX Live's fonts: the whole list
        ("check", ""),  # its quick tier checks the whole list is installed
    ],
)
def test_every_sphinx_target_installs_the_debian_packages_first(target: str, packages: str) -> None:
    """The charts need a Debian font: a first `make html` on a fresh machine must install
    it before Sphinx starts, as the README promises, not stop at the missing font; and a
    web build asks for that package alone (no TeX Live or Chromium to preview the site)."""
    plan = subprocess.run(
        ["make", "-n", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True
    ).stdout
    call = re.search(r"^bash tools/system-deps\.sh *(.*)$", plan, re.MULTILINE)
    assert call, f"make {target} does not run tools/system-deps.sh:\n{plan}"
    assert call.group(1).strip() == packages, call.group(0)
    builds = min(
        (plan.find(w) for w in ("sphinx", "tools/check.py") if w in plan), default=len(plan)
    )
    assert call.start() < builds, plan


def test_system_deps_installs_only_packages_of_its_list() -> None:
    """A package named on the command line must be one of tools/debian-packages.txt."""
    script = ["bash", str(ROOT / "tools" / "system-deps.sh"), "--check"]
    assert subprocess.run([*script, FONT_PACKAGE], capture_output=True).returncode == 0
    other = subprocess.run([*script, "zz-not-listed"], capture_output=True, text=True)
    assert other.returncode == 1
    assert "zz-not-listed is not in" in other.stderr and "debian-packages.txt" in other.stderr


def test_system_deps_are_all_installed() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "tools" / "system-deps.sh"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
