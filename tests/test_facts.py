"""The facts extension: figures formatted for readers, statuses enforced, and the
sources page kept in step with the pages, also on incremental builds."""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from book.core.facts import FACTS_DATA, FACTS_USED
from book.data import facts_file as facts
from book.data.book_numbers import format_ratio
from bs4 import BeautifulSoup
from conftest import ROOT
from minibook import make_project, run_sphinx
from sources_entries import group_of, published_pages

ALL_LABELS = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
LABELS = ALL_LABELS["ja"]
LABELS_EN = ALL_LABELS["en"]


def fact(value: object, unit: str) -> facts.Fact:
    return facts.Fact(
        key="k",
        label="l",
        value=value,
        unit=unit,
        as_of="2025",
        checked="2026-11-28",
        sources=["s"],
        status="confirmed",
    )


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (700_000_000_000, "params", "7000億パラメータ"),
        (1_500_000_000, "params", "15億パラメータ"),
        (109_100_000_000, "usd", "1091億ドル"),
        (9_300_000_000, "usd", "93億ドル"),
        (29_000_000_000, "jpy", "290億円"),
        (14_800_000_000_000, "tokens", "14.8兆トークン"),
        (24, "companies", "24社"),
        (0.3, "points", "0.3ポイント"),
        (0.5, "bytes", "0.5バイト"),
        (141, "gb", "141 GB"),
        ("2024-02", "month", "2024年2月"),
        ("2025-12-18", "day", "2025年12月18日"),
        (2023, "fiscal-year", "2023年度"),
    ],
)
def test_values_are_written_for_japanese_readers(value: object, unit: str, text: str) -> None:
    assert facts.format_value(fact(value, unit), LABELS) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (700_000_000_000, "params", "700 billion parameters"),
        (1_500_000_000, "params", "1.5 billion parameters"),
        (109_100_000_000, "usd", "$109.1 billion"),
        (29_000_000_000, "jpy", "¥29 billion"),
        (14_800_000_000_000, "tokens", "14.8 trillion tokens"),
        (100_000_000, "people-over", "more than 100 million people"),
        (24, "companies", "24 companies"),
        (1, "organisations", "1 organisation"),
        (2048, "gpus", "2,048 GPUs"),
        (2_788_000, "gpu-hours", "2.788 million GPU hours"),
        (0.3, "points", "0.3 percentage points"),
        (1, "bytes", "1 byte"),
        (141, "gb", "141 GB"),
        (81559, "mib", "81,559 MiB"),
        (3, "term", "round 3"),
        ("2024-02", "month", "February 2024"),
        ("2025-12-18", "day", "18 December 2025"),
        (2023, "fiscal-year", "fiscal year 2023"),
        (2025, "year", "2025"),
    ],
)
def test_values_are_written_for_english_readers(value: object, unit: str, text: str) -> None:
    assert facts.format_value(fact(value, unit), LABELS_EN) == text


def test_an_approximate_date_says_so_in_both_editions() -> None:
    approx = facts.Fact(**{**fact("2025-07-14", "day").__dict__, "approx": True})
    assert facts.format_value(approx, LABELS) == "2025年7月14日ごろ"
    assert facts.format_value(approx, LABELS_EN) == "around 14 July 2025"
    assert facts.format_date("2024", LABELS_EN) == "2024"


def test_every_unit_has_words_in_every_edition() -> None:
    """A unit added to ja: without its English words would fail English pages."""
    for language, block in ALL_LABELS.items():
        assert set(block["units"]) == set(LABELS["units"]), language


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        (109.1e9, 9.3e9, "about 12 times"),
        (700e9, 1.5e9, "about 467 times"),
        (40, 20, "2 times"),
        (3, 2, "1.5 times"),
    ],
)
def test_ratios_in_english(a: float, b: float, text: str) -> None:
    assert format_ratio(a, b, LABELS_EN) == text


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        (109.1e9, 9.3e9, "約12倍"),
        (109.1e9, 4.5e9, "約24倍"),
        (700e9, 1.5e9, "約467倍"),
        (40, 20, "2倍"),
        (3, 2, "1.5倍"),
    ],
)
def test_ratios_are_computed_and_rounded(a: float, b: float, text: str) -> None:
    assert format_ratio(a, b, LABELS) == text


def test_the_data_file_is_valid() -> None:
    data = facts.load_facts(
        ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml"
    )
    assert data.errors == []
    assert len(data.facts) > 40 and all(f.sources for f in data.facts.values())


# ==============================================================================
# Builds of a small copy of the book
# ==============================================================================


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    # everything the build reads (minibook: a new input, such as _latex/, needs no
    # change here), with this file's own pages
    make_project(tmp_path, with_pages=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# 試験\n\n```{toctree}\nchapter\nsources\n```\n", encoding="utf-8"
    )
    (docs / "chapter.md").write_text(
        "(chapter)=\n# 章\n\n報道によれば、楽天は {fact}`target-params` を目指します。\n\n"
        "報道によれば、{fact}`companies-24` が採択されました。\n",
        encoding="utf-8",
    )
    (docs / "sources.md").write_text(
        "(sources)=\n# 出典\n\n```{facts-list}\n```\n\n```{sources-list}\n```\n", encoding="utf-8"
    )
    return tmp_path


@dataclass
class Built:
    """A build's exit code and what it printed (Sphinx writes warnings to stderr)."""

    returncode: int
    stderr: str


def sphinx(tree: Path, language: str = "ja") -> Built:
    """The strict HTML build of one edition of ``tree``, as `make html` runs it, in
    this process (tests/minibook.py: Sphinx imported once, not per build)."""
    code, output = run_sphinx(
        ["-n", "-W", "--keep-going", "-c", str(tree), "-b", "html"]
        + ["-d", str(tree / "doctrees"), str(tree / "docs"), str(tree / "out")],
        tree,
        {"BOOK_LANGUAGE": language, "BOOK_EDITIONS": "ja en"},
    )
    return Built(code, output)


@pytest.mark.slow
def test_unattributed_report_fails_naming_file_and_line(tree: Path) -> None:
    page = tree / "docs" / "chapter.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("報道によれば、", ""), encoding="utf-8"
    )
    result = sphinx(tree)
    assert result.returncode != 0
    assert "chapter.md:6" in result.stderr
    assert "companies-24" in result.stderr and "報道によれば" in result.stderr


@pytest.mark.slow
def test_unknown_fact_fails_naming_file_and_line(tree: Path) -> None:
    page = tree / "docs" / "chapter.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("target-params", "target-parms"), encoding="utf-8"
    )
    result = sphinx(tree)
    assert result.returncode != 0
    assert "chapter.md:4" in result.stderr and "unknown fact 'target-parms'" in result.stderr


@pytest.mark.slow
def test_reported_figures_carry_a_visible_linked_mark(tree: Path) -> None:
    assert sphinx(tree).returncode == 0
    html = (tree / "out" / "chapter.html").read_text(encoding="utf-8")
    assert "24件" in html and "7000億パラメータ" in html
    assert 'href="sources.html#fact-companies-24"' in html and "［報道］" in html


def used_on(tree: Path, key: str) -> set[str]:
    """The pages using a fact ("chapter.html"): the one its entry on the built sources
    page is grouped under, and every one the published data lists."""
    html = (tree / "out" / "sources.html").read_text(encoding="utf-8")
    group = group_of(BeautifulSoup(html, "html.parser"), key)
    pages = set(published_pages(tree / "out").get(key, []))
    return {f"{page}.html" for page in pages | ({group} if group else set())}


@pytest.mark.slow
def test_sources_page_follows_an_incremental_edit(tree: Path) -> None:
    """Removing the last use of a figure updates 'used on' without a clean build."""
    assert sphinx(tree).returncode == 0
    assert "chapter.html" in used_on(tree, "companies-24")
    page = tree / "docs" / "chapter.md"
    page.write_text(
        "(chapter)=\n# 章\n\n報道によれば、楽天は {fact}`target-params` を目指します。\n",
        encoding="utf-8",
    )
    result = sphinx(tree)
    assert result.returncode == 0, result.stderr
    assert "chapter.html" not in used_on(tree, "companies-24")
    assert "chapter.html" in used_on(tree, "target-params")
    # the sources page was written again: the fact left its page's group
    html = (tree / "out" / "sources.html").read_text(encoding="utf-8")
    assert group_of(BeautifulSoup(html, "html.parser"), "companies-24") is None


@pytest.mark.slow
def test_sources_page_forgets_a_removed_page(tree: Path) -> None:
    """A page taken out of the book leaves the 'used on' lists (no link to a page
    that is gone) without a clean build."""
    extra, index = tree / "docs" / "extra.md", tree / "docs" / "index.md"
    toctree = index.read_text(encoding="utf-8")
    extra.write_text(
        "(extra)=\n# 付録\n\n報道によれば、目標は {fact}`target-params` です。\n", encoding="utf-8"
    )
    index.write_text(toctree.replace("chapter\n", "chapter\nextra\n"), encoding="utf-8")
    assert sphinx(tree).returncode == 0
    assert "extra.html" in used_on(tree, "target-params")
    extra.unlink()
    index.write_text(toctree, encoding="utf-8")
    result = sphinx(tree)
    assert result.returncode == 0, result.stderr
    assert "extra.html" not in used_on(tree, "target-params")
    assert "chapter.html" in used_on(tree, "target-params")


@pytest.mark.slow
def test_the_saved_environment_keeps_the_uses_but_not_the_data(tree: Path) -> None:
    """Which page uses which fact is kept for the next build; the data itself is
    read again by every build, so a copy saved with the environment (or sent back
    by every parallel reader) could only be stale."""
    assert sphinx(tree).returncode == 0
    with (tree / "doctrees" / "environment.pickle").open("rb") as saved:
        env = pickle.load(saved)
    assert FACTS_USED.of(env) == {"chapter": {"target-params", "companies-24"}}
    assert FACTS_DATA.get(env) is None


# ==============================================================================
# Mistakes in the data or a page: named at their line, with a suggestion (issue 13)
# ==============================================================================


def edit_data(tree: Path, old: str, new: str) -> int:
    """Replace the first ``old`` line of the data file; return its line number."""
    path = tree / "data" / "facts.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line == old + "\n")
    lines[index] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def warnings(result: Built) -> list[tuple[str, str]]:
    return re.findall(r"^(\S+?): (?:WARNING|ERROR|CRITICAL): (.*)$", result.stderr, re.M)


@pytest.mark.slow
def test_an_unknown_unit_is_named_at_its_line_without_a_traceback(tree: Path) -> None:
    line = edit_data(tree, "    unit: params", "    unit: parms")
    result = sphinx(tree)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    found = warnings(result)
    assert len(found) == 1, found
    where, message = found[0]
    assert where == f"data/facts.yaml:{line}", found
    assert "unknown unit 'parms' (did you mean 'params'?)" in message


@pytest.mark.slow
def test_a_misspelled_source_key_blames_only_the_data(tree: Path) -> None:
    path = tree / "data" / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    old = "source: [secondary-2025-07, rakuten-press-2025-07-15]"
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, old.replace("2025-07,", "2025-7,"), 1), encoding="utf-8")
    result = sphinx(tree)
    assert result.returncode != 0
    found = warnings(result)
    assert found == [
        (
            f"data/facts.yaml:{line}",
            "fact 'target-params' names unknown source 'secondary-2025-7' "
            "(did you mean 'secondary-2025-07'?) [facts.data]",
        )
    ], found


@pytest.mark.slow
def test_a_fact_role_error_is_at_the_roles_own_line(tree: Path) -> None:
    page = tree / "docs" / "chapter.md"
    page.write_text(
        "(chapter)=\n# 章\n\n楽天は大きなモデルを目指します。\n"
        "その規模は {fact}`target-parms` です。\n",
        encoding="utf-8",
    )
    result = sphinx(tree)
    assert result.returncode != 0
    found = warnings(result)
    assert [w for w, _ in found] == ["docs/chapter.md:5"], found
    assert "unknown fact 'target-parms' (did you mean 'target-params'?)" in found[0][1]


@pytest.mark.slow
def test_a_fact_without_its_english_label_fails_the_build(tree: Path) -> None:
    path = tree / "data" / "facts.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("    label_en:"))
    del lines[index]
    path.write_text("".join(lines), encoding="utf-8")
    result = sphinx(tree)
    assert result.returncode != 0
    found = warnings(result)
    assert [w for w, _ in found] == [f"data/facts.yaml:{index}"], found
    assert "needs 'label_en'" in found[0][1]


def english_chapter(tree: Path, translation: str) -> None:
    """The chapter's second paragraph translated (locales/en/LC_MESSAGES/chapter.po)."""
    po = tree / "locales" / "en" / "LC_MESSAGES" / "chapter.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "報道によれば、{fact}`companies-24` が採択されました。"\n'
        f'msgstr "{translation}"\n',
        encoding="utf-8",
    )


@pytest.mark.slow
def test_an_english_paragraph_attributes_a_reported_figure_in_english(tree: Path) -> None:
    english_chapter(tree, "According to reports, {fact}`companies-24` were selected.")
    result = sphinx(tree, "en")
    assert result.returncode == 0, result.stderr
    html = (tree / "out" / "chapter.html").read_text(encoding="utf-8")
    assert "According to reports, " in html and ">24 projects</span> <span" in html
    assert "[reported]" in html and "700 billion parameters" in html


@pytest.mark.slow
def test_an_english_paragraph_without_attribution_fails(tree: Path) -> None:
    english_chapter(tree, "In all, {fact}`companies-24` were selected.")
    result = sphinx(tree, "en")
    assert result.returncode != 0
    found = warnings(result)
    assert [w for w, _ in found] == ["docs/chapter.md:6"], found
    assert "companies-24" in found[0][1] and '"according to the article"' in found[0][1]


def test_about_is_said_by_the_data_in_every_edition() -> None:
    """A figure the sources round (about: true) reads 約 / "about" wherever its value
    is formatted (the text, tables, the sources page, facts.json and facts.csv);
    an exact one does not."""
    for language, rounded, exact in (
        ("ja", "約470億パラメータ", "1720億パラメータ"),
        ("en", "about 47 billion parameters", "172 billion parameters"),
    ):
        data = facts.load_facts(
            ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml", language
        )
        labels = data.labels[language]
        assert data.facts["rakuten-ai-2-params"].about
        assert facts.format_value(data.facts["rakuten-ai-2-params"], labels) == rounded
        assert facts.format_value(data.facts["jp-llmjp3-params"], labels) == exact
