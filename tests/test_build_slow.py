"""The book builds: HTML, PDF and EPUB from one source, strictly and reproducibly."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import data_yaml
from minibook import make_project, rebuilt_after_an_edit

pytestmark = pytest.mark.slow


def test_a_broken_build_fails_the_run_once_with_its_message(tmp_path: Path) -> None:
    """The suite run on a book that does not build, on two workers as `make test`
    runs it: one failure, by the build's own test, with the build's located message;
    the tests that need the book skipped (not passed, not failed again); the cause
    repeated in the summary."""
    tree = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests", tree / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (tree / ".venv").symlink_to(ROOT / ".venv")
    faq = tree / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n{fact}`no-such-fact` です。\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "BOOK_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile"]
        + ["-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run")]
        + [
            "tests/test_build.py::test_the_book_builds",
            "tests/test_build.py::test_build_has_no_warnings",
        ]
        + ["tests/test_content.py::test_every_chapter_is_in_the_toctree"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        # One edition is enough to fail the build (make_in, below, says why).
        env={**env, "BOOK_FORMATS": "html", "LANGUAGES": "ja"},
    )
    out = result.stdout
    assert result.returncode == 1, out
    assert re.search(r"^1 failed, 2 skipped in ", out, re.MULTILINE), out
    assert "FAILED tests/test_build.py::test_the_book_builds" in out, out
    summary = out[out.index("the book did not build ====") :]
    assert "docs/faq.md:" in summary and "unknown fact 'no-such-fact'" in summary, summary
    assert "see tests/test_build.py::test_the_book_builds" in out, out


def make_in(tree: Path, target: str) -> subprocess.CompletedProcess[str]:
    """The project's Makefile, run in a minimal project (tests/minibook.py), for the
    Japanese edition: the Makefile writes every edition's targets from one template
    (its EDITION block), so what these tests check of one holds for each."""
    return subprocess.run(
        ["make", "-f", str(ROOT / "Makefile"), target, f"VENV={ROOT / '.venv'}", "LANGUAGES=ja"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764547200"},
    )


def test_every_target_is_strict(tmp_path: Path) -> None:
    """html, epub and pdf each fail on a warning (-W), report every problem rather
    than the first (--keep-going), and on references only nitpicky mode checks (-n)."""
    tree = make_project(tmp_path)
    for page, text in (
        ("faq.md", "{ref}`no-such-label` です。"),  # a warning on one page
        ("updates.md", "{py:func}`no_such_function` です。"),  # only -n warns
    ):
        path = tree / "docs" / page
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(TARGETS, pool.map(lambda t: make_in(tree, t), TARGETS), strict=True))
    for target, result in results.items():
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"make {target} passed despite warnings:\n{output}"
        assert "docs/faq.md:" in output and "no-such-label" in output, (target, output)
        assert "docs/updates.md:" in output and "no_such_function" in output, (target, output)
    assert not (tree / "_build" / "latex" / "geniac-rakuten-book.pdf").exists()


TARGETS = ("html", "epub", "pdf")


def test_every_format_follows_a_data_change(tmp_path: Path) -> None:
    """After a figure changes, building one format must not leave another stale
    (the Makefile's targets on a minimal project whose chapter shows the figure)."""
    tree = make_project(tmp_path)

    def build(target: str) -> None:
        result = make_in(tree, target)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    # companies-24 is shown on the page as "<n>件" (its unit's words).
    unit = data_yaml("labels")["ja"]["units"]
    before, after = unit["projects"].format(n=24), unit["projects"].format(n=25)
    page = tree / "_build" / "html" / "updates.html"
    assert "{fact}`companies-24`" in (tree / "docs" / "updates.md").read_text("utf-8")
    build("html")
    assert before in page.read_text("utf-8")
    data = tree / "data" / "facts.yaml"
    data.write_text(data.read_text("utf-8").replace("value: 24\n", "value: 25\n"), "utf-8")
    build("epub")
    build("html")
    shown = page.read_text("utf-8")
    assert after in shown and before not in shown


# -- The search index after an incremental build (sphinx#12599) ------------------------


def index_entries_after_editing_one_page(tmp_path: Path, extensions: list[str]) -> set[str]:
    """Two pages with index entries; build, edit one, build again: the index entries
    of searchindex.js."""
    conf = f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\nextensions = {extensions!r}\n"
    pages = {
        "index.rst": "Top\n===\n\n.. toctree::\n\n   one\n   two\n",
        "one.rst": "One\n===\n\n.. index:: kept entry\n\nText.\n",
        "two.rst": "Two\n===\n\n.. index:: edited entry\n\nText.\n",
    }
    rebuilt_after_an_edit(tmp_path, conf, pages, "two.rst")
    script = (tmp_path / "_build" / "searchindex.js").read_text(encoding="utf-8")
    return set(json.loads(script[script.index("(") + 1 : script.rindex(")")])["indexentries"])


def test_the_search_index_keeps_index_entries_after_an_incremental_build(tmp_path: Path) -> None:
    found = index_entries_after_editing_one_page(
        tmp_path, ["book.outputs.site.search_index_entries"]
    )
    assert found == {"kept entry", "edited entry"}


def test_sphinx_alone_still_loses_them(tmp_path: Path) -> None:
    """The upstream bug is still there. When this fails, Sphinx keeps the entries
    itself: remove _ext/book/outputs/site/search_index_entries.py, its line in conf.py and this test."""
    found = index_entries_after_editing_one_page(tmp_path, [])
    assert found == {"edited entry"}
