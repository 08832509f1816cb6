"""Reuse and trust: how to cite the book, what changed when, and when each page changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from citation_history_shared import CITATION, EDITION_JA
from helpers import soup
from minibook import make_project, sphinx_build

pytestmark = pytest.mark.slow


# -- Outside git: no warnings, dated by SOURCE_DATE_EPOCH, no commit named -------------


def test_a_copy_outside_git_builds_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The book's configuration and extensions on a few pages in a folder that is
    not a git checkout (tests/minibook.py), built in this process."""
    monkeypatch.delenv("BOOK_BASE_URL", raising=False)
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    tree = make_project(tmp_path / "book")
    shutil.copy2(CITATION, tree / "CITATION.cff")
    docs = tree / "docs"
    index = docs / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("sources\n```", "sources\nhistory\n```"),
        encoding="utf-8",
    )
    sources = docs / "sources.md"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "\n(sources-cite)=\n## この本を引用する\n\n```{book-citation}\n```\n",
        encoding="utf-8",
    )
    (tree / "data" / "changelog.yaml").write_text(
        "entries:\n  - date: 2026-11-28\n    summary: 試験の項目です。\n"
        "    summary_en: A test entry.\n"
        "    pages: [overview, sources]\n    facts: [target-params]\n",
        encoding="utf-8",
    )
    (docs / "history.md").write_text(
        "(history)=\n# 改訂履歴\n\n```{changelog}\n```\n", encoding="utf-8"
    )
    code, output = sphinx_build(tree)
    assert code == 0 and "WARNING" not in output, output
    html = {p.stem: p.read_text(encoding="utf-8") for p in (tree / "out").glob("*.html")}
    text = soup(html["sources"]).select_one(".book-citation-text").get_text()
    assert text.endswith(f"{EDITION_JA}版。"), text  # no commit outside git
    for name in ("overview", "history"):
        footer = soup(html[name]).select_one(".last-updated").get_text(strip=True)
        assert footer == f"最終更新：{EDITION_JA}", (name, footer)
    links = [a["href"] for a in soup(html["history"]).select(".changelog-meta a")]
    assert links == ["overview.html", "sources.html", "sources.html#fact-target-params"]

    # A mistake in the changelog fails the strict build at its line.
    (tree / "data" / "changelog.yaml").write_text(
        "entries:\n  - date: 2026-11-28\n    summary: 試験です。\n"
        "    summary_en: A test.\n    pages: [nowhere]\n",
        encoding="utf-8",
    )
    code, output = sphinx_build(tree, out="out2")
    assert code != 0
    assert "data/changelog.yaml:2: WARNING: entry names page 'nowhere'" in output, output
