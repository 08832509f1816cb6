"""Every fact dated: ``as_of``/``checked``, ``supersedes`` and ``corrects``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from book.data import facts_file as facts
from bs4 import BeautifulSoup
from conftest import ROOT
from dated_facts_shared import (
    DATA,
    LABELS,
    SMALL,
    changes_by_key,
    check_changes,
    date_line,
)
from helpers import line_of
from minibook import sphinx_build
from minibook import tree as tree  # the small copy of the book (a fixture)

pytestmark = pytest.mark.slow


# -- {figures-as-of}, {facts-changes} and the sources page in the small book -----------


def write_pages(root: Path) -> None:
    docs = root / "docs"
    (docs / "index.md").write_text(
        "# 試験\n\n```{toctree}\nchapter\nother\nchanges\nsources\n```\n", encoding="utf-8"
    )
    (docs / "chapter.md").write_text(
        "(chapter)=\n# 章\n\n```{figures-as-of}\n```\n\n"
        "報道によれば、楽天は {fact}`target-params` を目指します。\n\n"
        "報道によれば、{fact}`companies-24` が採択されました。\n\n"
        "本書の確認は {fact}`facts-checked` です。\n",
        encoding="utf-8",
    )
    (docs / "other.md").write_text(
        "(other)=\n# 別の章\n\n報道によれば、{fact}`meti-support-date` に方針が伝えられました。\n\n"
        "```{figures-as-of}\n```\n",
        encoding="utf-8",
    )
    (docs / "changes.md").write_text(
        "(changes)=\n# 変化\n\n```{facts-changes}\n```\n", encoding="utf-8"
    )


def test_the_date_line_and_the_changes_follow_the_data(tree: Path) -> None:  # noqa: F811
    """The date line gives when the page's figures were checked; the changes page
    lists every superseded figure and correction."""
    write_pages(tree)
    data = tree / "data" / "facts.yaml"
    text = data.read_text(encoding="utf-8")
    # The two facts of the chapter, checked on one day: the line names that day.
    old = re.search(r"^  companies-24:\n(?:    .*\n|      .*\n)+", text, re.M).group(0)
    day = re.search(r"checked: (\S+)", old).group(1)
    target = re.search(r"^  target-params:\n(?:    .*\n|      .*\n)+", text, re.M).group(0)
    text = text.replace(target, re.sub(r"checked: \S+", f"checked: {day}", target))
    data.write_text(text, encoding="utf-8")
    code, output = sphinx_build(tree)
    assert code == 0, output
    changes = (tree / "out" / "changes.html").read_text(encoding="utf-8")
    check_changes(changes_by_key(BeautifulSoup(changes, "html.parser")))
    chapter = (tree / "out" / "chapter.html").read_text(encoding="utf-8")
    # facts-checked is about the book, not the subject: left out.
    assert date_line(chapter) == LABELS["figures-as-of"]["line-one"].format(
        date=facts.format_date(day, LABELS)
    )

    # A data change reaches the line without a clean build: one figure checked
    # earlier, and the line says since when (no range, no "as of" of the subject).
    old = re.search(r"^  companies-24:\n(?:    .*\n|      .*\n)+", text, re.M).group(0)
    new = re.sub(r"checked: \S+", "checked: 2026-05-02", old)
    assert new != old
    data.write_text(text.replace(old, new), encoding="utf-8")
    code, output = sphinx_build(tree)
    assert code == 0, output
    line = date_line((tree / "out" / "chapter.html").read_text(encoding="utf-8"))
    assert line == LABELS["figures-as-of"]["line-since"].format(date="2026年5月2日"), line
    assert "〜" not in line and "時点" not in line, line


def test_the_date_line_is_computed_per_page_in_the_pdf_source(tree: Path) -> None:  # noqa: F811
    """The LaTeX builder joins every page into one document; each line keeps its page."""
    write_pages(tree)
    code, output = sphinx_build(tree, builder="latex", out="latex")
    assert code == 0, output
    tex = next((tree / "latex").glob("*.tex")).read_text(encoding="utf-8")
    lines = re.findall(r"この章の数字は、(.+?)出典と照らし合わせて", tex)
    expected = [
        facts.format_date(min(DATA.facts[k].checked for k in keys), LABELS)
        for keys in (("target-params", "companies-24"), ("meti-support-date",))
    ]
    assert [re.sub(r"(に|以降に)$", "", line) for line in lines] == expected, lines


# -- make stale ------------------------------------------------------------------------


def stale(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "stale.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


def test_stale_passes_when_every_fact_was_checked_recently() -> None:
    newest_check = max(f.checked for f in DATA.facts.values())
    result = stale("--months", "6", "--today", newest_check)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    assert result.stdout.startswith("stale: none;") and result.stderr == ""


def test_stale_lists_old_checks_at_their_line_and_fails() -> None:
    oldest = min(f.checked for f in DATA.facts.values())
    # Seven months after the oldest check (its 1st, to keep the month count simple).
    y, m = divmod(int(oldest[:4]) * 12 + int(oldest[5:7]) - 1 + 7, 12)
    today = f"{y}-{m + 1:02d}-{int(oldest[8:10]) if len(oldest) > 7 else 1:02d}"
    result = stale("--months", "6", "--today", today)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for fact in DATA.facts.values():
        if fact.checked == oldest:
            want = f"data/facts.yaml:{fact.line}: {fact.key} last checked {oldest} (7 months ago)"
            assert want in lines, (want, lines[:3])
    assert "not checked for more than 6 months" in result.stderr


def test_stale_counts_calendar_months(tmp_path: Path) -> None:
    text = SMALL.replace("checked: 2026-11-28\n    source: [report]\n    status: confirmed",
                         "checked: 2026-05-31\n    source: [report]\n    status: confirmed")  # fmt: skip
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    # 2026-05-31 + 6 months is 2026-11-30: not yet stale then, stale the day after.
    assert stale("--months", "6", "--today", "2026-11-30", "--facts", str(path)).returncode == 0
    result = stale("--months", "6", "--today", "2026-12-01", "--facts", str(path))
    assert result.returncode == 1
    line = line_of(text, "  old-figure:")
    assert result.stdout.splitlines() == [
        f"{path}:{line}: old-figure last checked 2026-05-31 (6 months ago)"
    ]


def test_stale_refuses_a_broken_data_file(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(SMALL.replace("checked: 2026-11-28", "checked: soon", 1), encoding="utf-8")
    result = stale("--months", "6", "--today", "2026-12-01", "--facts", str(path))
    assert result.returncode == 2 and "checked 'soon'" in result.stderr
