"""The English edition's data: every figure, status mark, date line, list of sources,
change, history entry, citation, table cell and published file comes from the same
data as the Japanese edition, written in English (data/labels.yaml ``en:``, the
``*_en`` fields of data/facts.yaml and data/changelog.yaml, _ext/book/data/book_numbers.py).

The page prose is translated elsewhere (the PO files); these tests look only at what
the extensions write, so they hold whether a page is translated yet or not.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from book.data import facts_file as facts
from book.data import models_file, schema
from book.features import changelog, domestic_models
from book.outputs.checks.attribution import attribution_words, is_attributed
from conftest import ROOT, SOURCE_DATE_EPOCH, Book
from docutils.utils.smartquotes import smartyPants
from helpers import BOOK_WORDS, book_facts, data_yaml, facts_from_text, soup, spaced
from sources_entries import fact_entry

DATA = ROOT / "data" / "facts.yaml"
FACTS_EN = book_facts("en")
FACTS_JA = book_facts("ja")
EN = FACTS_EN.labels["en"]
RAW_LABELS = data_yaml("labels")
EDITION = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=datetime.UTC).date()
# Hiragana, katakana, CJK ideographs and full-width forms (［］：／（）、。)
JAPANESE = schema.JAPANESE


def typographic(text: str) -> str:
    """The data's English words as the pages show them: their straight quotes made
    typographic (’ “ ”) by docutils' smartquotes, as conf.py's smartquotes does."""
    return smartyPants(text, "q", "en")


def shown(fact: facts.Fact) -> str:
    return (
        facts.format_value(fact, EN) if fact.value is not None else EN["sources-page"]["no-value"]
    )


# -- The data itself (no build) --------------------------------------------------------


def test_every_reader_facing_field_has_its_english() -> None:
    """A label, note, title... with Japanese in it and no English fails the build."""
    assert FACTS_EN.errors == []
    for fact in FACTS_EN.facts.values():
        assert not JAPANESE.search(fact.label), (fact.key, fact.label)
        assert not JAPANESE.search(fact.note), (fact.key, fact.note)
        for fix in fact.corrections:
            assert not JAPANESE.search(fix["note"]), (fact.key, fix["note"])
    for source in FACTS_EN.sources.values():
        for text in (source.title, source.publisher, source.note):
            assert not JAPANESE.search(text), (source.key, text)
    # The Japanese edition keeps the Japanese.
    assert (
        FACTS_JA.facts["target-params"].label
        == FACTS_EN.facts["target-params"].texts["ja"]["label"]
    )
    assert JAPANESE.search(FACTS_JA.facts["target-params"].label)


def test_the_english_block_has_every_section_of_the_japanese() -> None:
    """Every section of ja: is written for en: (a missing one would show Japanese)."""
    missing = sorted(set(RAW_LABELS["ja"]) - set(RAW_LABELS["en"]))
    assert missing == [], f"data/labels.yaml en: lacks {missing}"
    for section in ("units", "statuses", "sources-page", "changes", "figures-as-of", "models"):
        assert set(RAW_LABELS["en"][section]) == set(RAW_LABELS["ja"][section]), section


def test_a_missing_english_label_is_named_at_its_line(tmp_path: Path) -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("    label_en:"))
    label_line = index  # the Japanese label is the line before (1-based: index)
    del lines[index]
    errors = facts_from_text(tmp_path, "".join(lines)).errors
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"data/facts.yaml:{label_line}: "), errors
    assert "needs 'label_en'" in errors[0]
    # An English text field the data does not know is an unknown field.
    lines.insert(index, "    label_fr: Taille du modèle\n")
    errors = facts_from_text(tmp_path, "".join(lines)).errors
    assert any("unknown field 'label_fr'" in e for e in errors), errors


@pytest.mark.parametrize(
    ("text", "attributed"),
    [
        ("According to reports, Rakuten aims for 700 billion parameters.", True),
        ("Rakuten reportedly aims for it.", True),
        ("The article claims so.", True),
        ("TV Tokyo said the ministry would help.", True),
        ("Rakuten aims for 700 billion parameters.", False),
        ("An unreported number, essays and restated plans.", False),
        ("報道によれば、楽天は目指します。", True),  # a paragraph not translated yet
    ],
)
def test_attribution_words_in_english(text: str, attributed: bool) -> None:
    words = attribution_words(EN) + attribution_words(RAW_LABELS["ja"])
    assert is_attributed(text, words) is attributed


def test_the_models_table_cells_in_english() -> None:
    models = models_file.load_models(FACTS_EN, "en")
    assert FACTS_EN.errors == []
    sarashina = FACTS_EN.facts["jp-sarashina-params"]
    assert sarashina.about
    assert domestic_models.cell_text(FACTS_EN, sarashina.key, EN) == "about 460 billion"
    assert domestic_models.cell_text(FACTS_JA, sarashina.key, RAW_LABELS["ja"]) == "約4600億"
    for row in models.rows:
        for text in (row.developer, row.base or "", row.licence or "", row.note, row.geniac_note):
            assert not JAPANESE.search(text), (row.key, text)


# -- The English HTML edition (html/en/) -----------------------------------------------


def test_every_marked_figure_is_written_in_english(pages_en: dict[str, str]) -> None:
    """A reported or unverified figure: its English value, a space, "[reported]"."""
    checked = 0
    for name, html in pages_en.items():
        for mark in soup(html).select(".fact-status"):
            link = mark.find("a")
            if link is None or "#fact-" not in link.get("href", ""):
                continue
            key = link["href"].split("#fact-", 1)[1]
            fact = FACTS_EN.facts[key]
            word = EN["statuses"][fact.status]["mark"]
            assert mark.get_text() == f"[{word}]", (name, key, mark.get_text())
            before = mark.previous_sibling  # the text or figure, then one space
            assert isinstance(before, str) and before.endswith(" "), (name, key, repr(before))
            value = mark.find_previous_sibling() if before == " " else None
            if value is not None and "fact" in value.get("class", []):
                assert value.get_text() == facts.format_value(fact, EN), (name, key)
                checked += 1
    assert checked > 20


def test_no_figure_of_the_english_edition_is_japanese(pages_en: dict[str, str]) -> None:
    everything = {facts.format_value(f, EN) for f in FACTS_EN.facts.values() if f.value is not None}
    # the models table writes a count without its unit (its column names it)
    everything |= {
        domestic_models.cell_text(FACTS_EN, k, EN)
        for k, f in FACTS_EN.facts.items()
        if f.unit == "params"
    }
    for name, html in pages_en.items():
        for node in soup(html).select("span.fact"):
            text = node.get_text()
            assert not JAPANESE.search(text), (name, text)
            if "fact-ratio" not in node["class"]:
                assert text in everything, (name, text)


def test_the_target_reads_700_billion_parameters(pages_en: dict[str, str]) -> None:
    values = [n.get_text() for n in soup(pages_en["overview"]).select("span.fact")]
    assert "700 billion parameters" in values
    assert "¥29 billion" in values


def test_each_chapter_dates_its_figures_in_english(pages_en: dict[str, str]) -> None:
    pattern = re.compile(
        r"^The figures in this chapter were checked against their sources on (or after )?"
        r"\d{1,2} [A-Z][a-z]+ \d{4}\.$"
    )
    lines = {
        name: spaced(p.get_text())
        for name, html in pages_en.items()
        for p in soup(html).select("p.figures-as-of")
    }
    assert len(lines) >= 5, lines
    for name, line in lines.items():
        assert pattern.match(line) or line == EN["figures-as-of"]["none"], (name, line)


def test_the_sources_page_lists_every_fact_and_source_in_english(
    pages_en: dict[str, str],
) -> None:
    page = soup(pages_en["sources"])
    words = EN["sources-page"]
    for fact in FACTS_EN.facts.values():
        title, body = fact_entry(page, fact.key)
        title = spaced(title.get_text())
        assert title == typographic(f"{fact.label} [{EN['statuses'][fact.status]['word']}]")
        meta = body.find("p")
        text = spaced(meta.get_text())
        value = f"{words['value']}: {shown(fact)} / " if fact.value is not None else ""
        assert text.startswith(value) and "/ Source: " in text, text
        # the date it describes (the value itself, for a date)
        assert facts.format_as_of(fact, EN) in text, text
        # Everything but the links to the pages using it (their titles are the pages').
        for link in meta.select("a"):
            if "#fact-" not in link["href"] and "#source-" not in link["href"]:
                link.decompose()
        assert not JAPANESE.search(meta.get_text()), (fact.key, meta.get_text())
    items = page.select(".sources-list > li")
    assert len(items) == len(FACTS_EN.sources)
    for item, source in zip(items, FACTS_EN.sources.values(), strict=True):
        first = spaced(item.find("p").get_text())
        date = facts.format_date(source.date, EN)
        address = f" {source.url}" if source.url else ""
        assert first == typographic(f"{source.title} ({source.publisher}, {date})") + address, first


def test_the_changes_since_the_article_in_english(pages_en: dict[str, str]) -> None:
    page = soup(pages_en["updates"])
    sides = [spaced(p.get_text()) for p in page.select(".facts-change-side")]
    assert sides, "no changes listed"
    for side in sides:
        assert side.startswith(("Before: ", "Now: ")), side
    before = FACTS_EN.facts["rakuten-ai-3-params"]
    assert any(s.startswith(f"Before: {facts.format_value(before, EN)} / As of: ") for s in sides)
    notes = [spaced(p.get_text()) for p in page.select(".facts-change-note")]
    assert notes and all(n.startswith("Corrected on ") for n in notes), notes


def test_the_history_in_english(pages_en: dict[str, str]) -> None:
    page = soup(pages_en["history"])
    log = changelog.load_changelog(
        ROOT / "data" / "changelog.yaml", "data/changelog.yaml", "en", ("en",)
    )
    assert log.errors == []
    summaries = [spaced(p.get_text()) for p in page.select(".changelog-summary")]
    expected = [typographic(spaced(e.summary)) for e in changelog.newest_first(log.entries)]
    assert summaries == expected
    for meta in page.select(".changelog-meta"):
        assert spaced(meta.get_text()).startswith("Pages changed: "), meta.get_text()
    dates = [dt.get_text(strip=True) for dt in page.select(".changelog > dt")]
    assert dates and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", d) for d in dates), dates


def test_the_citation_in_english(pages_en: dict[str, str]) -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    title_ja = cff["preferred-citation"]["title"]
    author_ja = cff["preferred-citation"]["authors"][0]["name"]
    page = soup(pages_en["sources"])
    text = spaced(page.select_one(".book-citation-text").get_text())
    date = f"{EDITION.day} {EDITION.strftime('%B')} {EDITION.year}"
    assert text.startswith(
        f"{author_ja} [{BOOK_WORDS['en']['author']}]. {title_ja} [{BOOK_WORDS['en']['title']}]. "
        f"English edition, {date}"
    ), text
    bibtex = page.select_one(".book-citation-bibtex").get_text()
    assert f"title        = {{{BOOK_WORDS['en']['title']}}}" in bibtex, bibtex
    assert f"origtitle    = {{{title_ja}}}" in bibtex
    assert "language     = {english}" in bibtex and "origlanguage = {japanese}" in bibtex


def test_the_models_table_in_english(pages_en: dict[str, str]) -> None:
    page = soup(pages_en["domestic"])
    table = page.select_one("table.domestic-models")
    # the caption's finding, named from the rows: the largest, the largest from scratch
    rows = data_yaml("facts")["models"]
    size = {name: float(FACTS_EN.facts[row["params"]].value) for name, row in rows.items()}
    largest = max(rows, key=size.get)
    scratch = max((n for n, r in rows.items() if r["training"] == "scratch"), key=size.get)
    caption = EN["models"]["caption"].format(
        largest=rows[largest]["name"],
        training=EN["models"]["training"][rows[largest]["training"]],
        largest_scratch=rows[scratch]["name"],
    )
    assert caption in table.find("caption").get_text(), table.find("caption").get_text()
    headers = [spaced(th.get_text()) for th in table.select("thead th")]
    assert (
        headers[0] == f"{EN['models']['columns']['model']} {EN['models']['columns']['developer']}"
    )
    cells = table.select("tbody tr")
    models = models_file.load_models(FACTS_EN, "en").rows
    assert len(cells) == len(models)
    for row, model in zip(cells, models, strict=True):
        text = spaced(row.get_text(" "))
        assert model.developer in text, (model.key, text)
        params = domestic_models.cell_text(FACTS_EN, model.params, EN)
        assert params in text, (model.key, params, text)
        assert not JAPANESE.search(text), (model.key, text)


def test_the_english_edition_publishes_english_data(book: Book) -> None:
    folder = book.en.html / "data"
    document = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    records = {r["key"]: r for r in document["facts"]}
    assert set(records) == set(FACTS_EN.facts)
    for key, fact in FACTS_EN.facts.items():
        record = records[key]
        assert record["label"] == fact.label
        assert record["status_label"] == EN["statuses"][fact.status]["word"]
        if fact.value is not None:
            assert record["formatted"] == facts.format_value(fact, EN)
        for source in record["sources"]:
            assert not JAPANESE.search(source["title"] + source["publisher"]), source
    rows = list(csv.DictReader(io.StringIO((folder / "facts.csv").read_text(encoding="utf-8"))))
    assert [r["label"] for r in rows] == [f.label for f in FACTS_EN.facts.values()]
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "Licence: CC BY 4.0" in readme
    # (the lines naming a chart's or a table's file quote its caption, the charts')
    for line in readme.splitlines():
        if not line.startswith(("  chart-", "  table-")):
            assert not JAPANESE.search(line), line
    # The Japanese edition's files stay Japanese.
    ja = json.loads((book.html / "data" / "facts.json").read_text(encoding="utf-8"))
    assert {r["key"]: r["label"] for r in ja["facts"]} == {
        k: f.label for k, f in FACTS_JA.facts.items()
    }


def test_the_footer_date_is_english(pages_en: dict[str, str]) -> None:
    footer = soup(pages_en["overview"]).select_one(".last-updated")
    assert footer is not None
    assert re.fullmatch(r"Last updated on \d{1,2} [A-Z][a-z]+ \d{4}", spaced(footer.get_text())), (
        footer.get_text()
    )
