"""Reuse and trust: how to cite the book, what changed when, and when each page changed.

* CITATION.cff is valid CFF 1.2.0; the sources page renders a suggested citation and a
  BibTeX entry from it with the edition's date and commit (features/citation.py).
* data/changelog.yaml is the history page, newest first, linking the pages it touched;
  its mistakes are named at their line (features/changelog.py).
* Every chapter's footer says when the page last changed (outputs/site/last_updated.py).

The schema is check-jsonschema's copy of CFF 1.2.0 (the one cffconvert uses: cffconvert
2.0.0, its latest release, requires jsonschema<4, which check-jsonschema cannot use).
"""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from book.data.book_numbers import format_date
from book.features import changelog
from citation_history_shared import CHANGELOG, CITATION, EDITION, changelog_entries
from conftest import CHAPTERS, ROOT, Book
from helpers import BOOK_WORDS, data_yaml, plain, soup

CHECK_JSONSCHEMA = ROOT / ".venv" / "bin" / "check-jsonschema"


# The book's words (data/labels.yaml), per edition.
LABELS = data_yaml("labels")
EDITIONS = ["ja", "en"]


def cff() -> dict:
    return yaml.safe_load(CITATION.read_text(encoding="utf-8"))


def validate_cff(path: Path) -> str:
    """check-jsonschema's report on a CFF file; "" when it is valid."""
    schema = ("--builtin-schema", "vendor.citation-file-format")
    result = subprocess.run([CHECK_JSONSCHEMA, *schema, path], capture_output=True, text=True)
    return "" if result.returncode == 0 else result.stdout + result.stderr or "failed"


# -- CITATION.cff ----------------------------------------------------------------------


def test_citation_cff_is_valid(tmp_path: Path) -> None:
    """Valid, with the Japanese edition's title page (data/book.yaml) and no invented
    address; a broken copy is rejected, naming what is wrong."""
    assert validate_cff(CITATION) == ""
    data = cff()
    words = BOOK_WORDS["ja"]
    assert data["title"] == f"{words['title']} — {words['subtitle']}"
    assert (data["authors"], data["license"]) == ([{"name": words["author"]}], "CC-BY-4.0")
    book = data["preferred-citation"]
    assert (book["type"], book["title"], book["authors"]) == (
        "book",
        data["title"],
        data["authors"],
    )
    assert "example" not in CITATION.read_text(encoding="utf-8")
    del data["authors"]
    data["license"] = "CC-BY-4"  # not an SPDX identifier
    data["preferred-citation"]["type"] = "novel"
    broken = tmp_path / "CITATION.cff"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    output = validate_cff(broken)
    assert all(word in output for word in ("authors", "CC-BY-4", "novel")), output


# -- The citation on the sources page --------------------------------------------------


def cited(language: str) -> tuple[str, str]:
    """The author and title an edition cites: CITATION.cff's in the original, the
    edition's own (data/book.yaml) in a translation."""
    data = cff()["preferred-citation"]
    if language == "ja":
        return data["authors"][0]["name"], data["title"]
    return BOOK_WORDS[language]["author"], BOOK_WORDS[language]["title"]


@pytest.mark.parametrize("language", EDITIONS)
def test_sources_page_cites_the_book_and_its_edition(book: Book, language: str) -> None:
    """A suggested citation: the original's author and title (the edition's own too in
    a translation), the edition's date and the commit it was built from, if any, and
    no address (a local build is published nowhere); a BibTeX entry of the same.  The
    words, order and layout: tests/snapshots/book/sources.*.xml."""
    html = (book.edition(language).html / "sources.html").read_text(encoding="utf-8")
    box = soup(html).select_one("#sources-cite .book-citation")
    assert box is not None, f"{language}: sources.html: no citation in #sources-cite"
    text, words = box.select_one(".book-citation-text").get_text(), LABELS[language]["citation"]
    for part in {
        *cited("ja"),
        *cited(language),
        format_date(EDITION.isoformat(), LABELS[language]),
    }:
        assert part in text, (part, text)
    assert "https://" not in text and text.endswith(words["end"]), text
    commit = re.search(re.escape(words["commit"]).replace(r"\{commit\}", "([0-9a-f]{7,40})"), text)
    if commit:  # a git checkout: the commit the book was built from
        known = subprocess.run(["git", "cat-file", "-e", f"{commit[1]}^{{commit}}"], cwd=ROOT)
        assert known.returncode == 0, f"{commit[1]} is not a commit of this repository"
    block = box.select_one(".book-citation-bibtex")
    assert block is not None and block.select_one(".highlight"), "BibTeX not in a code block"
    entry = block.get_text()
    assert entry.startswith("@book{geniac-rakuten-book,\n"), entry
    # name = {value}: one layer of braces off (an entity author keeps its inner ones)
    fields = dict(re.findall(r"^\s+(\w+)\s*=\s*\{?(.*?)\}?,?$", entry, re.MULTILINE))
    translated = language != "ja"
    expected = {
        "author": "{" + cited(language)[0] + "}",
        "title": cited(language)[1],
        "origtitle": cited("ja")[1] if translated else None,
        "year": str(EDITION.year),
        "month": EDITION.strftime("%b").lower(),
        "date": EDITION.isoformat(),
        "language": {"ja": "japanese", "en": "english"}[language],
        "origlanguage": "japanese" if translated else None,
        "url": None,
        "version": commit[1] if commit else None,
    }
    assert {name: fields.get(name) for name in expected} == expected


def test_the_changelog_names_real_pages_and_facts() -> None:
    known = {p.stem for p in (ROOT / "docs").glob("*.md")}
    facts = set(data_yaml("facts")["facts"])
    log = changelog.load_changelog(CHANGELOG, "data/changelog.yaml", languages=("en",))
    assert changelog.check_references(log, "data/changelog.yaml", known, facts) == []


@pytest.mark.parametrize("language", EDITIONS)
def test_history_lists_every_entry_newest_first_with_its_pages(book: Book, language: str) -> None:
    """Each entry's summary and date in the edition's language, newest first, linking
    its pages and facts (the history page itself named, not linked: an empty fragment
    goes nowhere).  The words: tests/snapshots/book/updates.*.xml."""
    page = soup((book.edition(language).html / "history.html").read_text(encoding="utf-8"))
    assert language != "ja" or "改訂履歴" in page.find("h1").get_text()
    items = page.select(".changelog .changelog-entry")
    expected = sorted(changelog_entries(language), key=lambda e: e.date, reverse=True)
    dates = [
        dt.get_text(strip=True)
        for dt in page.select(".changelog > dt")
        for _ in dt.find_next_sibling("dd").select(".changelog-entry")
    ]
    assert dates == [format_date(entry.date, LABELS[language]) for entry in expected]
    assert len(items) == len(expected)
    for item, entry in zip(items, expected, strict=True):
        assert plain(item.select_one(".changelog-summary").get_text()) == plain(entry.summary)
        meta = item.select_one(".changelog-meta")
        links = [a["href"] for a in meta.select("a.reference.internal")]
        pages = [h.removesuffix(".html") for h in links if "#" not in h]
        facts = [h.split("#", 1)[1] for h in links if "#" in h]
        assert pages == [p for p in entry.pages if p != "history"], (entry.summary[:30], links)
        assert facts == [f"fact-{key}" for key in entry.facts], (entry.summary[:30], links)
        this_page = LABELS[language]["history"]["this-page"] in meta.get_text()
        assert this_page == ("history" in entry.pages), entry.summary[:30]


def test_history_is_in_the_toctree_after_sources_and_on_the_top_page(
    pages: dict[str, str],
) -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "sources\nhistory\n```" in index
    top = soup(pages["index"])
    assert top.select_one('.sd-card a[href^="history.html"]') is not None


SMALL_LOG = """\
entries:
  - date: 2026-11-28
    summary: 正しい項目です。
    pages: [overview]
  - date: 2026-02-30
    summary: 存在しない日付です。
    pages: [overview]
  - date: 2026-11-27
    summary: ""
    pages: []
    tags: [x]
  - date: 2026-11-26
    summary: 知らないページと数値です。
    pages: [overveiw]
    facts: [no-such-fact]
"""


def test_a_changelog_mistake_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "changelog.yaml"
    path.write_text(SMALL_LOG, encoding="utf-8")
    rel = "data/changelog.yaml"
    log = changelog.load_changelog(path, rel)
    assert log.errors == [
        f"{rel}:5: entry date '2026-02-30' is not a day YYYY-MM-DD",
        f"{rel}:8: entry has an unknown field 'tags' (known: date, facts, pages, summary)",
        f"{rel}:8: entry needs a 'summary' (what changed, in a sentence or two)",
        f"{rel}:8: entry needs 'pages': the pages it touched, as docnames "
        "(e.g. [overview, parameters])",
    ]
    assert changelog.check_references(log, rel, {"overview"}, {"target-params"}) == [
        f"{rel}:12: entry names page 'overveiw', which is not in the book (a docname "
        "such as 'overview', without docs/ or .md)",
        f"{rel}:12: entry names fact 'no-such-fact', which is not in data/facts.yaml",
    ]
    # Every entry is given in every edition's language.
    missing = [
        e
        for e in changelog.load_changelog(path, rel, "en", ("en",)).errors
        if "needs 'summary_en'" in e
    ]
    assert missing == [
        f"{rel}:{line}: entry needs 'summary_en', the en text of its summary "
        "(every edition shows the history)"
        for line in (2, 5, 12)
    ]
    path.write_text("entries:\n  - date: [\n", encoding="utf-8")
    assert changelog.load_changelog(path, rel).errors[0].startswith(f"{rel}:3: cannot read")
    assert [e.date for e in changelog.newest_first(log.entries)] == [
        "2026-11-28",
        "2026-11-27",
        "2026-11-26",
        "2026-02-30",
    ]


# -- Last updated ----------------------------------------------------------------------


def git_date(*paths: str) -> datetime.date | None:
    """The author date (UTC) of the last commit touching any of the paths."""
    out = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return datetime.datetime.fromtimestamp(int(out), tz=datetime.UTC).date() if out else None


@pytest.mark.parametrize("name", [*CHAPTERS, "history", "genindex", "search"])
def test_every_page_shows_when_it_last_changed(pages: dict[str, str], name: str) -> None:
    """Never after the newest commit touching the page or the data it shows, or the
    edition's date (the fallback for a page git cannot date); none on generated pages."""
    footer = soup(pages[name]).select_one(".last-updated")
    if name in ("genindex", "search"):
        assert footer is None
        return
    assert footer is not None, f"{name}.html: no last-updated date in the footer"
    match = re.fullmatch(r"最終更新：(\d{4})年(\d{1,2})月(\d{1,2})日", footer.get_text(strip=True))
    assert match, footer.get_text(strip=True)
    shown = datetime.date(*(int(g) for g in match.groups()))
    newest = git_date(f"docs/{name}.md", "data")
    assert shown <= max(d for d in (newest, EDITION) if d), (name, shown, newest)
