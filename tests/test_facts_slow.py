"""The facts extension: figures formatted for readers, statuses enforced, and the sources
page kept in step with the pages, also on incremental builds.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from book.core.facts import FACTS_DATA, FACTS_USED
from bs4 import BeautifulSoup
from minibook import po_text, sphinx_build
from minibook import tree as tree  # the small copy of the book (a fixture)
from sources_entries import group_of, published_pages

pytestmark = pytest.mark.slow


# -- Builds of a small copy of the book ------------------------------------------------


def used_on(tree: Path, key: str) -> set[str]:
    """The pages using a fact ("chapter.html"): the one its entry on the built sources
    page is grouped under, and every one the published data lists."""
    html = (tree / "out" / "sources.html").read_text(encoding="utf-8")
    group = group_of(BeautifulSoup(html, "html.parser"), key)
    pages = set(published_pages(tree / "out").get(key, []))
    return {f"{page}.html" for page in pages | ({group} if group else set())}


def test_sources_page_follows_an_incremental_edit(tree: Path) -> None:
    """Reported figures carry a visible linked mark; removing the last use of a figure
    updates 'used on' without a clean build.  Which page uses which fact is kept in
    the saved environment for the next build; the data itself is read again by every
    build, so a copy saved with the environment (or sent back by every parallel
    reader) could only be stale."""
    assert sphinx_build(tree)[0] == 0
    html = (tree / "out" / "chapter.html").read_text(encoding="utf-8")
    assert "24件" in html and "7000億パラメータ" in html
    assert 'href="sources.html#fact-companies-24"' in html and "［報道］" in html
    with (tree / "out-doctrees" / "environment.pickle").open("rb") as saved:
        env = pickle.load(saved)
    assert FACTS_USED.of(env) == {"chapter": {"target-params", "companies-24"}}
    assert FACTS_DATA.get(env) is None
    assert "chapter.html" in used_on(tree, "companies-24")
    page = tree / "docs" / "chapter.md"
    page.write_text(
        "(chapter)=\n# 章\n\n報道によれば、楽天は {fact}`target-params` を目指します。\n",
        encoding="utf-8",
    )
    code, output = sphinx_build(tree)
    assert code == 0, output
    assert "chapter.html" not in used_on(tree, "companies-24")
    assert "chapter.html" in used_on(tree, "target-params")
    # the sources page was written again: the fact left its page's group
    html = (tree / "out" / "sources.html").read_text(encoding="utf-8")
    assert group_of(BeautifulSoup(html, "html.parser"), "companies-24") is None


def test_sources_page_forgets_a_removed_page(tree: Path) -> None:
    """A page taken out of the book leaves the 'used on' lists (no link to a page
    that is gone) without a clean build."""
    extra, index = tree / "docs" / "extra.md", tree / "docs" / "index.md"
    toctree = index.read_text(encoding="utf-8")
    extra.write_text(
        "(extra)=\n# 付録\n\n報道によれば、目標は {fact}`target-params` です。\n", encoding="utf-8"
    )
    index.write_text(toctree.replace("chapter\n", "chapter\nextra\n"), encoding="utf-8")
    assert sphinx_build(tree)[0] == 0
    assert "extra.html" in used_on(tree, "target-params")
    extra.unlink()
    index.write_text(toctree, encoding="utf-8")
    code, output = sphinx_build(tree)
    assert code == 0, output
    assert "extra.html" not in used_on(tree, "target-params")
    assert "chapter.html" in used_on(tree, "target-params")


# -- Mistakes in the data or a page: named at their line, with a suggestion (issue 13) --


def english_chapter(tree: Path, translation: str) -> None:
    """The chapter's second paragraph translated (locales/en/LC_MESSAGES/chapter.po)."""
    po = tree / "locales" / "en" / "LC_MESSAGES" / "chapter.po"
    po.write_text(
        po_text({"報道によれば、{fact}`companies-24` が採択されました。": translation}), "utf-8"
    )


def test_an_english_paragraph_attributes_a_reported_figure_in_english(tree: Path) -> None:
    english_chapter(tree, "According to reports, {fact}`companies-24` were selected.")
    code, output = sphinx_build(tree, "en")
    assert code == 0, output
    html = (tree / "out" / "chapter.html").read_text(encoding="utf-8")
    assert "According to reports, " in html and ">24 projects</span> <span" in html
    assert "[reported]" in html and "700 billion parameters" in html


def test_an_english_paragraph_without_attribution_fails(tree: Path) -> None:
    english_chapter(tree, "In all, {fact}`companies-24` were selected.")
    code, output = sphinx_build(tree, "en")
    assert code != 0
    found = re.findall(r"^(\S+?): (?:WARNING|ERROR|CRITICAL): (.*)$", output, re.M)
    assert [w for w, _ in found] == ["docs/chapter.md:6"], found
    assert "companies-24" in found[0][1] and '"according to the article"' in found[0][1]
