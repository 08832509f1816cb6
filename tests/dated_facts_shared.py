"""What the dated facts tests of every tier share (test_dated_facts*.py)."""

from __future__ import annotations

from book.data import facts_file as facts
from bs4 import BeautifulSoup
from helpers import FACTS as DATA
from helpers import plain

LABELS = DATA.labels["ja"]


# -- Validation (the loader on a small data file) --------------------------------------

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


def date_line(html: str) -> str:
    lines = BeautifulSoup(html, "html.parser").select("p.figures-as-of")
    assert len(lines) == 1, lines
    return lines[0].get_text()


def changes_by_key(page: BeautifulSoup) -> dict[str, list[str]]:
    """fact key -> the text of each of its items in {facts-changes}."""
    items: dict[str, list[str]] = {}
    for dl in page.select("dl.facts-changes"):
        for term in dl.find_all("dt"):
            href = term.find("a")["href"]
            key = href.split("#fact-", 1)[1]
            body = term.find_next_sibling("dd")
            items.setdefault(key, []).append(plain(term.get_text() + body.get_text()))
    return items


def check_changes(items: dict[str, list[str]], data: facts.FactsData = DATA) -> None:
    """Every superseded figure and correction of ``data`` listed with its figures,
    dates and note, in the words of ``data``'s language."""
    labels = data.labels[data.language]
    pairs = [(data.facts[f.supersedes], f) for f in data.facts.values() if f.supersedes]
    fixes = [(f, fix) for f in data.facts.values() for fix in f.corrections]
    assert pairs and fixes, "the data has superseded figures and corrections"
    for old, new in pairs:
        text = "\n".join(items.get(new.key, []))
        assert plain(new.label) in text, f"{new.key}: not listed as superseding"
        for fact in (old, new):
            if fact.value is not None:
                assert plain(facts.format_value(fact, labels)) in text, (fact.key, text)
            assert plain(facts.format_date(fact.as_of, labels)) in text, (fact.key, text)
    for fact, fix in fixes:
        texts = items.get(fact.key, [])
        on = plain(facts.format_date(fix["on"], labels))
        match = [t for t in texts if plain(fix["note"]) in t]
        assert match, f"{fact.key}: correction of {fix['on']} not listed"
        rest = match[0].replace(plain(fix["note"]), "")  # (a note may use the words)
        assert on in rest
        if fix.get("was") is not None:
            was = facts.format_value(facts.Fact(**{**fact.__dict__, "value": fix["was"]}), labels)
            now = facts.format_value(fact, labels)
            assert plain(was) in rest and plain(now) in rest, match[0]
        if fix.get("was_status"):
            assert plain(labels["statuses"][fix["was_status"]]["word"]) in rest, match[0]
            assert plain(labels["statuses"][fact.status]["word"]) in rest, match[0]
    # Superseded figures first, then corrections.
    assert set(items) == {n.key for _, n in pairs} | {f.key for f, _ in fixes}
