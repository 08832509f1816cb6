"""Every fact dated: ``as_of``/``checked``, ``supersedes`` and ``corrects``.

* the data file's new fields are validated at their line (fast: the loader on a
  small file; one real strict build);
* the sources page shows both dates of every fact and links superseded pairs
  both ways; ``{facts-changes}`` lists every superseded figure and correction;
* ``{figures-as-of}`` shows when the facts its page uses were checked (the oldest
  check), in HTML and LaTeX, and follows a data change on an incremental build;
* ``make stale`` (``tools/stale.py``) lists the facts not checked for too long.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from book.data import facts_file as facts
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from helpers import squash
from minibook import run_sphinx
from sources_entries import fact_entry, meta_line, published_pages
from test_facts import sphinx
from test_facts import tree as tree  # the small copy of the book (a fixture)

DATA = facts.load_facts(
    ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml"
)
LABELS = DATA.labels["ja"]
META_KEYS = {"facts-checked"}  # conf.py / facts.py: facts_meta_keys


# ==============================================================================
# Validation (the loader on a small data file)
# ==============================================================================

SMALL = """\
sources:
  report:
    title: Report
    publisher: Someone
    date: 2025
facts:
  old-figure:
    label: The figure in 2024
    value: 40
    unit: models
    as_of: 2024
    checked: 2026-11-28
    source: [report]
    status: confirmed
  new-figure:
    label: The figure in 2025
    value: 59
    unit: models
    as_of: 2025
    checked: 2026-11-28
    source: [report]
    status: reported
    supersedes: old-figure
    corrects:
      - on: 2026-11-28
        was: 50
        note: The launch coverage said 50.
"""


def load(tmp_path: Path, text: str) -> facts.FactsData:
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return facts.load_facts(path, ROOT / "data" / "labels.yaml", "data/facts.yaml")


def line_of(text: str, key: str) -> int:
    return text.splitlines().index(f"  {key}:") + 1


def test_the_small_data_file_is_valid(tmp_path: Path) -> None:
    data = load(tmp_path, SMALL)
    assert data.errors == []
    new = data.facts["new-figure"]
    assert (new.as_of, new.checked, new.supersedes) == ("2025", "2026-11-28", "old-figure")
    assert new.corrections == [
        {"on": "2026-11-28", "was": 50, "note": "The launch coverage said 50."}
    ]


@pytest.mark.parametrize(
    ("old", "new", "at", "says"),
    [
        ("supersedes: old-figure", "supersedes: old-figur", "    supersedes: old-figur",
         "supersedes unknown fact 'old-figur' (did you mean 'old-figure'?)"),
        ("supersedes: old-figure", "supersedes: new-figure", "    supersedes: new-figure",
         "supersedes itself"),
        ("supersedes: old-figure", "previous_edition: old-figur", "    previous_edition: old-figur",
         "names as its previous edition unknown fact 'old-figur'"),
        ("supersedes: old-figure", "previous_edition: new-figure",
         "    previous_edition: new-figure", "names as its previous edition itself"),
        ("checked: 2026-11-28\n    source: [report]\n    status: reported",
         "checked: 28.11.2026\n    source: [report]\n    status: reported",
         "    checked: 28.11.2026", "checked '28.11.2026' is not YYYY[-MM[-DD]]"),
        ("checked: 2026-11-28\n    source: [report]\n    status: reported",
         "checked: 2026-13-45\n    source: [report]\n    status: reported",
         "    checked: 2026-13-45", "checked '2026-13-45' is not YYYY[-MM[-DD]]"),
        ("checked: 2026-11-28\n    source: [report]\n    status: reported",
         "source: [report]\n    status: reported",
         "  new-figure:", "needs 'checked: YYYY[-MM[-DD]]'"),
        ("as_of: 2025\n", "as_of: last year\n", "    as_of: last year",
         "as_of 'last year' is not YYYY[-MM[-DD]]"),
        ("as_of: 2025\n", "as_of: 2025-02-30\n", "    as_of: 2025-02-30",
         "as_of '2025-02-30' is not YYYY[-MM[-DD]]"),
        ("        note: The launch coverage said 50.\n", "", "      - on: 2026-11-28",
         "needs a 'note' (what was wrong)"),
        ("      - on: 2026-11-28\n        was: 50", "      - was: 50", "      - was: 50",
         "needs 'on: YYYY-MM-DD'"),
        ("        was: 50\n", "        was: 50\n        was_status: rumour\n",
         "        was_status: rumour", "unknown was_status"),
        ("        was: 50\n", "        by: me\n", "        by: me", "has an unknown field 'by'"),
        ("    supersedes: old-figure\n", "    supersedes: old-figure\n    approx: maybe\n",
         "    approx: maybe", "approx must be true or false"),
    ],
    ids=[
        "unknown-supersedes",
        "supersedes-itself",
        "unknown-previous-edition",
        "previous-edition-itself",
        "checked-not-iso",
        "checked-impossible-day",
        "checked-missing",
        "as_of-words",
        "as_of-impossible-day",
        "correction-without-note",
        "correction-without-on",
        "correction-unknown-status",
        "correction-unknown-field",
        "approx-not-boolean",
    ],
)  # fmt: skip
def test_a_malformed_entry_is_named_at_its_line(
    tmp_path: Path, old: str, new: str, at: str, says: str
) -> None:
    """At the line of the field (or of the entry, when the field is missing)."""
    assert SMALL.count(old) == 1, old
    text = SMALL.replace(old, new)
    errors = load(tmp_path, text).errors
    assert len(errors) == 1, errors
    lines = text.splitlines()
    line = lines.index(at, line_of(text, "new-figure") - 1) + 1
    assert errors[0].startswith(f"data/facts.yaml:{line}: "), errors
    assert "'new-figure'" in errors[0] and says in errors[0], errors


@pytest.mark.slow
def test_an_unknown_supersedes_fails_the_strict_build(tree: Path) -> None:  # noqa: F811
    data = tree / "data" / "facts.yaml"
    text = data.read_text(encoding="utf-8")
    old = "    supersedes: rakuten-ai-3-params\n"
    assert text.count(old) == 1
    data.write_text(text.replace(old, "    supersedes: rakuten-ai-3-param\n"), encoding="utf-8")
    result = sphinx(tree)
    assert result.returncode != 0
    start = line_of(text, "rakuten-ai-3-params-card")
    line = text.splitlines().index("    supersedes: rakuten-ai-3-params", start) + 1
    want = (
        f"data/facts.yaml:{line}: WARNING: fact 'rakuten-ai-3-params-card' supersedes unknown "
        "fact 'rakuten-ai-3-param'"
    )
    assert want in result.stderr, result.stderr


# ==============================================================================
# {figures-as-of}, {facts-changes} and the sources page in the small book
# ==============================================================================


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


def date_line(html: str) -> str:
    lines = BeautifulSoup(html, "html.parser").select("p.figures-as-of")
    assert len(lines) == 1, lines
    return lines[0].get_text()


@pytest.mark.slow
def test_the_date_line_gives_when_the_pages_figures_were_checked_and_follows_the_data(
    tree: Path,  # noqa: F811
) -> None:
    write_pages(tree)
    data = tree / "data" / "facts.yaml"
    text = data.read_text(encoding="utf-8")
    # The two facts of the chapter, checked on one day: the line names that day.
    old = re.search(r"^  companies-24:\n(?:    .*\n|      .*\n)+", text, re.M).group(0)
    day = re.search(r"checked: (\S+)", old).group(1)
    target = re.search(r"^  target-params:\n(?:    .*\n|      .*\n)+", text, re.M).group(0)
    text = text.replace(target, re.sub(r"checked: \S+", f"checked: {day}", target))
    data.write_text(text, encoding="utf-8")
    result = sphinx(tree)
    assert result.returncode == 0, result.stderr
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
    result = sphinx(tree)
    assert result.returncode == 0, result.stderr
    line = date_line((tree / "out" / "chapter.html").read_text(encoding="utf-8"))
    assert line == LABELS["figures-as-of"]["line-since"].format(date="2026年5月2日"), line
    assert "〜" not in line and "時点" not in line, line


@pytest.mark.slow
def test_the_date_line_is_computed_per_page_in_the_pdf_source(tree: Path) -> None:  # noqa: F811
    """The LaTeX builder joins every page into one document; each line keeps its page."""
    write_pages(tree)
    out = tree / "latex"
    code, output = run_sphinx(
        [*("-n", "-W", "--keep-going", "-q", "-b", "latex", "-c", str(tree))]
        + [*("-d", str(tree / "doctrees-latex"), str(tree / "docs"), str(out))],
        tree,
    )
    assert code == 0, output
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    lines = re.findall(r"この章の数字は、(.+?)出典と照らし合わせて", tex)
    expected = [
        facts.format_date(min(DATA.facts[k].checked for k in keys), LABELS)
        for keys in (("target-params", "companies-24"), ("meti-support-date",))
    ]
    assert [re.sub(r"(に|以降に)$", "", line) for line in lines] == expected, lines


@pytest.mark.slow
def test_changes_list_every_superseded_figure_and_correction(tree: Path) -> None:  # noqa: F811
    write_pages(tree)
    result = sphinx(tree)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tree / "out" / "changes.html").read_text(encoding="utf-8"), "html.parser")
    items = changes_by_key(page)
    check_changes(items)


def changes_by_key(page: BeautifulSoup) -> dict[str, list[str]]:
    """fact key -> the text of each of its items in {facts-changes}."""
    items: dict[str, list[str]] = {}
    for dl in page.select("dl.facts-changes"):
        for term in dl.find_all("dt"):
            href = term.find("a")["href"]
            key = href.split("#fact-", 1)[1]
            body = term.find_next_sibling("dd")
            items.setdefault(key, []).append(squash(term.get_text() + body.get_text()))
    return items


def check_changes(items: dict[str, list[str]]) -> None:
    pairs = [(DATA.facts[f.supersedes], f) for f in DATA.facts.values() if f.supersedes]
    fixes = [(f, fix) for f in DATA.facts.values() for fix in f.corrections]
    assert pairs and fixes, "the data has superseded figures and corrections"
    for old, new in pairs:
        text = "\n".join(items.get(new.key, []))
        assert squash(new.label) in text, f"{new.key}: not listed as superseding"
        for fact in (old, new):
            if fact.value is not None:
                assert squash(facts.format_value(fact, LABELS)) in text, (fact.key, text)
            assert facts.format_date(fact.as_of, LABELS) in text, (fact.key, text)
    for fact, fix in fixes:
        texts = items.get(fact.key, [])
        on = facts.format_date(fix["on"], LABELS)
        match = [t for t in texts if squash(fix["note"]) in t]
        assert match, f"{fact.key}: correction of {fix['on']} not listed"
        assert on in match[0]
        if fix.get("was") is not None:
            was = facts.format_value(facts.Fact(**{**fact.__dict__, "value": fix["was"]}), LABELS)
            now = facts.format_value(fact, LABELS)
            assert squash(was) in match[0] and squash(now) in match[0], match[0]
        if fix.get("was_status"):
            assert LABELS["statuses"][fix["was_status"]]["word"] in match[0]
            assert LABELS["statuses"][fact.status]["word"] in match[0]
    # Superseded figures first, then corrections.
    assert set(items) == {n.key for _, n in pairs} | {f.key for f, _ in fixes}


# ==============================================================================
# The real book (built once for the session; BOOK_BUILD_DIR to reuse a build)
# ==============================================================================


@pytest.fixture(scope="module")
def sources(book: Book) -> BeautifulSoup:
    return BeautifulSoup((book.html / "sources.html").read_text(encoding="utf-8"), "html.parser")


def entry(sources: BeautifulSoup, key: str):  # noqa: ANN201
    """The body of a fact's entry (its <dd>)."""
    return fact_entry(sources, key)[1]


def test_sources_page_shows_both_dates_of_every_fact(sources: BeautifulSoup) -> None:
    """The date a figure describes (or its value, when that is the date) and the day
    it was checked: in its entry, or, when it is the day most facts were checked on,
    in the line above the list."""
    words = LABELS["sources-page"]
    dates = [fact.checked for fact in DATA.facts.values()]
    usual = max(sorted(set(dates)), key=dates.count)
    above = squash(sources.find(class_="fact-groups").find_next_sibling("p").get_text())
    assert above == words["checked-usual"].format(date=facts.format_date(usual, LABELS))
    for fact in DATA.facts.values():
        meta = meta_line(sources, fact.key).get_text()
        as_of = facts.format_date(fact.as_of, LABELS)
        if fact.approx:
            as_of = LABELS["approx-date"].format(date=as_of)
        shown = f"{words['date']}：{as_of}／" in meta or meta.startswith(
            f"{words['value']}：{as_of}／"
        )
        assert shown, (fact.key, meta)
        checked = f"{words['checked']}：{facts.format_date(fact.checked, LABELS)}／"
        assert (checked in meta) == (fact.checked != usual), (fact.key, meta)


@pytest.mark.parametrize(
    ("field", "newer_word", "older_word"),
    [("supersedes", "superseded-by", "supersedes"),
     ("previous_edition", "next-edition", "previous-edition")],
)  # fmt: skip
def test_sources_page_links_paired_figures_both_ways(
    sources: BeautifulSoup, field: str, newer_word: str, older_word: str
) -> None:
    """A newer value and the one it replaced, and a report's two editions of one
    measure, link to each other on the sources page with their own words."""
    words = LABELS["sources-page"]
    pairs = [(getattr(f, field), f.key) for f in DATA.facts.values() if getattr(f, field)]
    assert pairs
    for old, new in pairs:
        for here, there, word in ((old, new, newer_word), (new, old, older_word)):
            links = entry(sources, here).select_one(".fact-links")
            assert links is not None, f"{here}: no link to {there}"
            assert f"{words[word]}：" in links.get_text()
            assert links.find("a", href=f"#fact-{there}"), (here, there)


def test_sources_page_lists_each_correction(sources: BeautifulSoup) -> None:
    for fact in DATA.facts.values():
        shown = [squash(p.get_text()) for p in entry(sources, fact.key).select(".fact-correction")]
        assert len(shown) == len(fact.corrections), fact.key
        for fix, text in zip(fact.corrections, shown, strict=True):
            assert facts.format_date(fix["on"], LABELS) in text and squash(fix["note"]) in text


def used_on(book: Book) -> dict[str, set[str]]:
    """page -> the facts it shows (the site's data/facts.json)."""
    pages: dict[str, set[str]] = {}
    for fact, users in published_pages(book.html).items():
        for page in users:
            pages.setdefault(page, set()).add(fact)
    return pages


def test_each_chapters_date_line_is_the_oldest_check_of_its_facts(book: Book) -> None:
    users = used_on(book)
    checked = 0
    for path in sorted(book.html.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "figures-as-of" not in html:
            continue
        keys = users.get(path.stem, set()) - META_KEYS
        assert keys, f"{path.name}: a date line on a page without facts"
        used = [DATA.facts[k] for k in keys]
        line = date_line(html)
        oldest = min(used, key=lambda f: f.checked).checked
        one = all(f.checked == oldest for f in used)
        words = LABELS["figures-as-of"]["line-one" if one else "line-since"]
        assert line == words.format(date=facts.format_date(oldest, LABELS)), (path.name, line)
        checked += 1
    if not checked:
        pytest.skip("no page places {figures-as-of} yet")


def test_the_books_changes_list_is_complete(book: Book) -> None:
    for path in sorted(book.html.glob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select("dl.facts-changes"):
            check_changes(changes_by_key(page))
            return
    pytest.skip("no page places {facts-changes} yet")


# ==============================================================================
# make stale
# ==============================================================================


def stale(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "stale.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


@pytest.mark.slow
def test_stale_passes_when_every_fact_was_checked_recently() -> None:
    newest_check = max(f.checked for f in DATA.facts.values())
    result = stale("--months", "6", "--today", newest_check)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    assert result.stdout.startswith("stale: none;") and result.stderr == ""


@pytest.mark.slow
def test_stale_lists_old_checks_at_their_line_and_fails() -> None:
    oldest = min(f.checked for f in DATA.facts.values())
    # Seven months after the oldest check (its 1st, to keep the month count simple).
    y, m = divmod(int(oldest[:4]) * 12 + int(oldest[5:7]) - 1 + 7, 12)
    today = f"{y}-{m + 1:02d}-{int(oldest[8:10]) if len(oldest) > 7 else 1:02d}"
    result = stale("--months", "6", "--today", today)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    listed = {f.key for f in DATA.facts.values() if f.checked == oldest}
    assert len(lines) >= len(listed)
    for fact in DATA.facts.values():
        if fact.checked == oldest:
            want = f"data/facts.yaml:{fact.line}: {fact.key} last checked {oldest} (7 months ago)"
            assert want in lines, (want, lines[:3])
    assert "not checked for more than 6 months" in result.stderr


@pytest.mark.slow
def test_stale_counts_calendar_months(tmp_path: Path) -> None:
    text = SMALL.replace("checked: 2026-11-28\n    source: [report]\n    status: confirmed",
                         "checked: 2026-05-31\n    source: [report]\n    status: confirmed")  # fmt: skip
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    # 2026-05-31 + 6 months is 2026-11-30: not yet stale then, stale the day after.
    assert stale("--months", "6", "--today", "2026-11-30", "--facts", str(path)).returncode == 0
    result = stale("--months", "6", "--today", "2026-12-01", "--facts", str(path))
    assert result.returncode == 1
    line = line_of(text, "old-figure")
    assert result.stdout.splitlines() == [
        f"{path}:{line}: old-figure last checked 2026-05-31 (6 months ago)"
    ]


@pytest.mark.slow
def test_stale_refuses_a_broken_data_file(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(SMALL.replace("checked: 2026-11-28", "checked: soon", 1), encoding="utf-8")
    result = stale("--months", "6", "--today", "2026-12-01", "--facts", str(path))
    assert result.returncode == 2 and "checked 'soon'" in result.stderr


def test_the_build_never_reads_todays_date() -> None:
    """No part of the extension asks the clock (the EPUB's timestamps are the one
    exception: reproducible_epub.py sets them from SOURCE_DATE_EPOCH)."""
    for path in sorted((ROOT / "_ext" / "book").rglob("*.py")):
        if path.name == "reproducible_epub.py":
            continue
        source = path.read_text(encoding="utf-8")
        for call in ("today(", "now(", "time.time(", "localtime(", "gmtime("):
            assert call not in source, f"{path.relative_to(ROOT)}: {call}"
