"""The English edition's data: every figure, status mark, table cell, word and published
file the extensions write comes from the same data as the Japanese edition, in English
(data/labels.yaml ``en:``, the ``*_en`` fields of data/facts.yaml, _ext/book/data/book_numbers.py).

The page prose is translated elsewhere (the PO files); the words and order the extensions
write are the small book's snapshots (tests/snapshots/book/*.en.xml); the date lines, the
sources page, the changes, the history and the citation are checked in both editions
with their features (test_dated_facts.py, test_sources_page.py, test_citation_history.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from book.data import facts_file as facts
from book.data import models_file, schema
from book.features import domestic_models
from book.outputs.checks.attribution import is_attributed, word_list
from conftest import ROOT, Book
from helpers import EDITION_FACTS, data_yaml, facts_from_text, soup, spaced, value

DATA = ROOT / "data" / "facts.yaml"
FACTS_EN, FACTS_JA = EDITION_FACTS["en"], EDITION_FACTS["ja"]
EN = FACTS_EN.labels["en"]
RAW_LABELS = data_yaml("labels")
# Hiragana, katakana, CJK ideographs and full-width forms (［］：／（）、。)
JAPANESE = schema.JAPANESE


# -- The data itself (no build) --------------------------------------------------------


def test_every_reader_facing_field_has_its_english() -> None:
    """A label, note, title... with Japanese in it and no English fails the build; the
    models' rows too."""
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
    for row in models_file.load_models(FACTS_EN, "en").rows:
        for text in (row.developer, row.base or "", row.licence or "", row.note, row.geniac_note):
            assert not JAPANESE.search(text), (row.key, text)


# Words each edition has of its own: how it counts (万, 億 / million, billion), its words
# for "parameters", its month names.
OWN_WORDS = {"count-words", "params-words", "months"}


def word_keys(words: object, path: str = "") -> set[str]:
    """The path of every word of a block of data/labels.yaml (a unit's singular and
    plural forms are one word)."""
    if not isinstance(words, dict) or set(words) <= {"one", "other"}:
        return {path}
    return {
        k
        for key, value in words.items()
        if key not in OWN_WORDS
        for k in word_keys(value, f"{path}/{key}")
    }


def test_the_english_block_has_every_word_of_the_japanese() -> None:
    """Every word of ja: is written for en:, and no other: a missing one would show
    Japanese, or fail the build (the charts', tables' and calculator's words too)."""
    ja, en = word_keys(RAW_LABELS["ja"]), word_keys(RAW_LABELS["en"])
    assert ja == en, f"data/labels.yaml en: lacks {sorted(ja - en)}, has {sorted(en - ja)}"


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
    words = word_list(EN, "attribution-words") + word_list(RAW_LABELS["ja"], "attribution-words")
    assert is_attributed(text, words) is attributed


# -- The English HTML edition (html/en/) -----------------------------------------------


def test_every_figure_of_the_english_edition_is_written_in_english(
    pages_en: dict[str, str],
) -> None:
    """Every figure an extension writes is one of the data's, in English; a reported or
    unverified one: its English value, a space, "[reported]"."""
    everything = {facts.format_value(f, EN) for f in FACTS_EN.facts.values() if f.value is not None}
    # the models table writes a count without its unit (its column names it)
    everything |= {
        domestic_models.cell_text(FACTS_EN, k, EN)
        for k, f in FACTS_EN.facts.items()
        if f.unit == "params"
    }
    checked = 0
    for name, html in pages_en.items():
        page = soup(html)
        for node in page.select("span.fact"):
            text = node.get_text()
            assert not JAPANESE.search(text), (name, text)
            if "fact-ratio" not in node["class"]:
                assert text in everything, (name, text)
        for mark in page.select(".fact-status"):
            link = mark.find("a")
            if link is None or "#fact-" not in link.get("href", ""):
                continue
            key = link["href"].split("#fact-", 1)[1]
            fact = FACTS_EN.facts[key]
            assert mark.get_text() == f"[{EN['statuses'][fact.status]['mark']}]", (name, key)
            before = mark.previous_sibling  # the text or figure, then one space
            assert isinstance(before, str) and before.endswith(" "), (name, key, repr(before))
            value = mark.find_previous_sibling() if before == " " else None
            if value is not None and "fact" in value.get("class", []):
                assert value.get_text() == facts.format_value(fact, EN), (name, key)
                checked += 1
    assert checked > 20


def test_the_models_table_in_english(pages_en: dict[str, str]) -> None:
    table = soup(pages_en["domestic"]).select_one("table.domestic-models")
    # the caption's finding, named from the rows: the largest, the largest from scratch
    models = models_file.load_models(FACTS_EN, "en").rows
    largest = max(models, key=lambda m: value(m.params))
    scratch = max((m for m in models if m.training == "scratch"), key=lambda m: value(m.params))
    words = EN["models"]
    caption = words["caption"].format(
        largest=largest.name,
        training=words["training"][largest.training],
        largest_scratch=scratch.name,
    )
    assert caption in table.find("caption").get_text(), table.find("caption").get_text()
    cells = table.select("tbody tr")
    assert len(cells) == len(models)
    for row, model in zip(cells, models, strict=True):
        text = spaced(row.get_text(" "))
        assert model.developer in text, (model.key, text)
        params = domestic_models.cell_text(FACTS_EN, model.params, EN)
        assert params in text, (model.key, params, text)
        assert not JAPANESE.search(text), (model.key, text)


def test_the_english_edition_publishes_english_data(book: Book) -> None:
    """Its words, sources and README in English (its values: test_data_files.py)."""
    folder = book.en.html / "data"
    document = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    for record in document["facts"]:
        fact = FACTS_EN.facts[record["key"]]
        assert record["status_label"] == EN["statuses"][fact.status]["word"]
        for source in record["sources"]:
            assert not JAPANESE.search(source["title"] + source["publisher"]), source
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "Licence: CC BY 4.0" in readme
    # (the lines naming a chart's or a table's file quote its caption, the charts')
    for line in readme.splitlines():
        if not line.startswith(("  chart-", "  table-")):
            assert not JAPANESE.search(line), line


def test_the_footer_date_is_english(pages_en: dict[str, str]) -> None:
    footer = soup(pages_en["overview"]).select_one(".last-updated")
    assert footer is not None
    assert re.fullmatch(r"Last updated on \d{1,2} [A-Z][a-z]+ \d{4}", spaced(footer.get_text())), (
        footer.get_text()
    )
