"""Every fact dated: ``as_of``/``checked``, ``supersedes`` and ``corrects``.

* the data file's new fields are validated at their line (fast: the loader on a
  small file; one real strict build);
* the sources page links superseded pairs both ways and lists every correction (both
  dates of every fact: tests/test_sources_page.py); ``{facts-changes}`` lists every
  superseded figure and correction, in both editions;
* ``{figures-as-of}`` shows when the facts its page uses were checked (the oldest
  check), in both editions, in HTML and LaTeX, and follows a data change on an
  incremental build;
* ``make stale`` (``tools/stale.py``) lists the facts not checked for too long.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from book.data import facts_file as facts
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from dated_facts_shared import (
    DATA,
    LABELS,
    SMALL,
    changes_by_key,
    check_changes,
    date_line,
    line_of,
)
from helpers import book_facts, facts_from_text, squash
from sources_entries import fact_entry, published_pages

META_KEYS = {"facts-checked"}  # conf.py / facts.py: facts_meta_keys


def test_the_small_data_file_is_valid(tmp_path: Path) -> None:
    data = facts_from_text(tmp_path, SMALL)
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
    errors = facts_from_text(tmp_path, text).errors
    assert len(errors) == 1, errors
    lines = text.splitlines()
    line = lines.index(at, line_of(text, "new-figure") - 1) + 1
    assert errors[0].startswith(f"data/facts.yaml:{line}: "), errors
    assert "'new-figure'" in errors[0] and says in errors[0], errors


# -- The real book (built once for the session; BOOK_BUILD_DIR to reuse a build) -------


@pytest.fixture(scope="module")
def sources(book: Book) -> BeautifulSoup:
    return BeautifulSoup((book.html / "sources.html").read_text(encoding="utf-8"), "html.parser")


def entry(sources: BeautifulSoup, key: str):  # noqa: ANN201
    """The body of a fact's entry (its <dd>)."""
    return fact_entry(sources, key)[1]


@pytest.mark.parametrize("field", ["supersedes", "previous_edition"])
def test_sources_page_links_paired_figures_both_ways(sources: BeautifulSoup, field: str) -> None:
    """A newer value and the one it replaced, and a report's two editions of one
    measure, link to each other on the sources page (each with its own words:
    tests/snapshots/book/sources.*.xml)."""
    pairs = [(getattr(f, field), f.key) for f in DATA.facts.values() if getattr(f, field)]
    assert pairs
    for old, new in pairs:
        for here, there in ((old, new), (new, old)):
            links = entry(sources, here).select_one(".fact-links")
            assert links is not None, f"{here}: no link to {there}"
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


@pytest.mark.parametrize("language", ["ja", "en"])
def test_each_chapters_date_line_is_the_oldest_check_of_its_facts(
    book: Book, language: str
) -> None:
    users, labels = used_on(book), DATA.labels[language]
    checked = 0
    for path in sorted(book.edition(language).html.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "figures-as-of" not in html:
            continue
        keys = users.get(path.stem, set()) - META_KEYS
        assert keys, f"{path.name}: a date line on a page without facts"
        used = [DATA.facts[k] for k in keys]
        line = date_line(html)
        oldest = min(used, key=lambda f: f.checked).checked
        one = all(f.checked == oldest for f in used)
        words = labels["figures-as-of"]["line-one" if one else "line-since"]
        expected = words.format(date=facts.format_date(oldest, labels))
        assert line == expected, (path.name, line)
        checked += 1
    assert checked >= 5, f"{checked} pages with a date line"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_books_changes_list_is_complete(book: Book, language: str) -> None:
    for path in sorted(book.edition(language).html.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "facts-changes" in html and (page := BeautifulSoup(html, "html.parser")).select(
            "dl.facts-changes"
        ):
            check_changes(changes_by_key(page), book_facts(language))
            return
    pytest.fail("no page places {facts-changes}")


def test_the_build_never_reads_todays_date() -> None:
    """No part of the extension asks the clock (the EPUB's timestamps are the one
    exception: reproducible_epub.py sets them from SOURCE_DATE_EPOCH)."""
    for path in sorted((ROOT / "_ext" / "book").rglob("*.py")):
        if path.name == "reproducible_epub.py":
            continue
        source = path.read_text(encoding="utf-8")
        for call in ("today(", "now(", "time.time(", "localtime(", "gmtime("):
            assert call not in source, f"{path.relative_to(ROOT)}: {call}"
