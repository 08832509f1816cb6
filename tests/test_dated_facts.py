"""Every fact dated: ``as_of``/``checked``, ``supersedes`` and ``corrects``.

The data file's fields are validated at their line (the loader on a small file); the
sources page links superseded pairs both ways and lists every correction;
``{facts-changes}`` lists every superseded figure and correction and
``{figures-as-of}`` the oldest check of its page's facts, in both editions (LaTeX and
incremental builds: test_dated_facts_slow.py).
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
)
from helpers import EDITION_FACTS, facts_from_text, line_of, squash
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


CHECKED = "checked: 2026-11-28\n    source: [report]\n    status: reported"
NOTE = "        note: The launch coverage said 50.\n"
# id: (text of SMALL, what replaces it, text of the line the error names, what it says)
MALFORMED = {
    "unknown-supersedes": ("supersedes: old-figure", "supersedes: old-figur",
        "supersedes: old-figur",
        "supersedes unknown fact 'old-figur' (did you mean 'old-figure'?)"),
    "supersedes-itself": ("supersedes: old-figure", "supersedes: new-figure",
        "supersedes: new-figure", "supersedes itself"),
    "unknown-previous-edition": ("supersedes: old-figure", "previous_edition: old-figur",
        "previous_edition: old-figur", "names as its previous edition unknown fact 'old-figur'"),
    "previous-edition-itself": ("supersedes: old-figure", "previous_edition: new-figure",
        "previous_edition: new-figure", "names as its previous edition itself"),
    "checked-not-iso": (CHECKED, CHECKED.replace("2026-11-28", "28.11.2026"),
        "checked: 28.11.2026", "checked '28.11.2026' is not YYYY[-MM[-DD]]"),
    "checked-impossible-day": (CHECKED, CHECKED.replace("11-28", "13-45"),
        "checked: 2026-13-45", "checked '2026-13-45' is not YYYY[-MM[-DD]]"),
    "checked-missing": (CHECKED, CHECKED.split("\n    ", 1)[1],
        "new-figure:", "needs 'checked: YYYY[-MM[-DD]]'"),
    "as_of-words": ("as_of: 2025\n", "as_of: last year\n",
        "as_of: last year", "as_of 'last year' is not YYYY[-MM[-DD]]"),
    "as_of-impossible-day": ("as_of: 2025\n", "as_of: 2025-02-30\n",
        "as_of: 2025-02-30", "as_of '2025-02-30' is not YYYY[-MM[-DD]]"),
    "correction-without-note": (NOTE, "", "- on: 2026-11-28", "needs a 'note' (what was wrong)"),
    "correction-without-on": ("- on: 2026-11-28\n        was: 50", "- was: 50",
        "- was: 50", "needs 'on: YYYY-MM-DD'"),
    "correction-unknown-status": ("was: 50\n", "was: 50\n        was_status: rumour\n",
        "was_status: rumour", "unknown was_status"),
    "correction-unknown-field": ("was: 50\n", "by: me\n", "by: me", "has an unknown field 'by'"),
    "approx-not-boolean": ("status: reported\n", "status: reported\n    approx: maybe\n",
        "approx: maybe", "approx must be true or false"),
}  # fmt: skip


@pytest.mark.parametrize(("old", "new", "at", "says"), MALFORMED.values(), ids=MALFORMED)
def test_a_malformed_entry_is_named_at_its_line(
    tmp_path: Path, old: str, new: str, at: str, says: str
) -> None:
    """At the line of the field (or of the entry, when the field is missing)."""
    assert SMALL.count(old) == 1, old
    text = SMALL.replace(old, new)
    errors = facts_from_text(tmp_path, text).errors
    assert len(errors) == 1, errors
    line = line_of(text, at, "  new-figure:")
    assert errors[0].startswith(f"data/facts.yaml:{line}: "), errors
    assert "'new-figure'" in errors[0] and says in errors[0], errors


# -- The real book --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sources(book: Book) -> BeautifulSoup:
    return BeautifulSoup((book.html / "sources.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("field", ["supersedes", "previous_edition"])
def test_sources_page_links_paired_figures_both_ways(sources: BeautifulSoup, field: str) -> None:
    """A newer value and the one it replaced, and a report's two editions of one
    measure, link to each other (the words: tests/snapshots/book/sources.*.xml)."""
    pairs = [(getattr(f, field), f.key) for f in DATA.facts.values() if getattr(f, field)]
    assert pairs
    for here, there in pairs + [(new, old) for old, new in pairs]:
        links = fact_entry(sources, here)[1].select_one(".fact-links")
        assert links is not None and links.find("a", href=f"#fact-{there}"), (here, there)


def test_sources_page_lists_each_correction(sources: BeautifulSoup) -> None:
    for fact in DATA.facts.values():
        shown = [
            squash(p.get_text())
            for p in fact_entry(sources, fact.key)[1].select(".fact-correction")
        ]
        assert len(shown) == len(fact.corrections), fact.key
        for fix, text in zip(fact.corrections, shown, strict=True):
            assert facts.format_date(fix["on"], LABELS) in text and squash(fix["note"]) in text


@pytest.mark.parametrize("language", ["ja", "en"])
def test_each_chapters_date_line_is_the_oldest_check_of_its_facts(
    book: Book, language: str
) -> None:
    used_on: dict[str, set[str]] = {}  # page -> the facts it shows (the site's facts.json)
    for fact, users in published_pages(book.html).items():
        for page in users:
            used_on.setdefault(page, set()).add(fact)
    labels = DATA.labels[language]
    dated = [
        p
        for p in sorted(book.edition(language).html.glob("*.html"))
        if "figures-as-of" in p.read_text(encoding="utf-8")
    ]
    assert len(dated) >= 5, f"{len(dated)} pages with a date line"
    for path in dated:
        used = [DATA.facts[k] for k in used_on.get(path.stem, set()) - META_KEYS]
        assert used, f"{path.name}: a date line on a page without facts"
        oldest = min(f.checked for f in used)
        words = labels["figures-as-of"][
            "line-one" if all(f.checked == oldest for f in used) else "line-since"
        ]
        expected = words.format(date=facts.format_date(oldest, labels))
        assert date_line(path.read_text(encoding="utf-8")) == expected, path.name


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_books_changes_list_is_complete(
    pages: dict[str, str], pages_en: dict[str, str], language: str
) -> None:
    site = pages if language == "ja" else pages_en
    placed = [
        BeautifulSoup(html, "html.parser") for html in site.values() if "facts-changes" in html
    ]
    placed = [page for page in placed if page.select("dl.facts-changes")]
    assert placed, "no page places {facts-changes}"
    check_changes(changes_by_key(placed[0]), EDITION_FACTS[language])


def test_the_build_never_reads_todays_date() -> None:
    """No part of the extension asks the clock (but reproducible_epub.py, which sets
    the EPUB's timestamps from SOURCE_DATE_EPOCH)."""
    for path in sorted((ROOT / "_ext" / "book").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for call in ("today(", "now(", "time.time(", "localtime(", "gmtime("):
            assert path.name == "reproducible_epub.py" or call not in source, (path, call)
