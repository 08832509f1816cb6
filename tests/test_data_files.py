"""The data behind every chart and table (_ext/book/outputs/data_files.py, data/facts.schema.json).

* the schema is valid JSON Schema 2020-12, its word lists are the code's and the labels',
  and the data file passes it (check-jsonschema, as a contributor would run it);
* a contributor's violation is named at its line, once (the schema's check and the
  loader on a small data file);
* each edition's site publishes facts.json (valid under the schema, with its licence)
  and facts.csv with the data's values, the schema and README.txt, and a CSV per chart
  and per generated table with exactly what the chart draws or the table's cells, which
  the chart or table links (a chart also shows them as its 「表で見る」 table).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from book.data import facts_file as facts
from book.data import models_file as domestic_models
from book.data import schema
from book.data.yamlfile import LOADER
from book.features import charts
from book.outputs import data_files
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from data_files_shared import CHART_NAMES, FACTS, LABELS, TABLES, WORDS
from dated_facts_shared import SMALL
from helpers import EDITION_FACTS, data_yaml, facts_from_text, line_of, soup, squash
from jsonschema import Draft202012Validator

BIN = Path(sys.executable).parent
SCHEMA_PATH = ROOT / "data" / "facts.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
FORMATS = Draft202012Validator.FORMAT_CHECKER
ALL_LABELS = FACTS.labels
# Facts that only name the legend of a chart (the year of each AI Index edition).
LEGEND_ONLY = {charts.YEAR_NEW, FACTS.facts[charts.YEAR_NEW].previous_edition}


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text and text.endswith("\n"), f"{path.name}: not \\n line ends"
    return list(csv.reader(io.StringIO(text)))


# -- The schema ------------------------------------------------------------------------


def test_the_schema_is_valid_2020_12_and_names_the_codes_words() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    defs = SCHEMA["$defs"]
    assert defs["unit"]["enum"] == list(LABELS["units"]), "units: data/labels.yaml"
    # The code reads the words from the schema (one place): models_file, check.py.
    assert schema.words("/$defs/model/properties/training") == ("scratch", "continued", "unknown")
    # Each edition besides the source (a block of data/labels.yaml) has its
    # "<field>_<language>" beside each translated field, and no other.
    languages = [lang for lang in ALL_LABELS if lang != schema.SOURCE_LANGUAGE]
    for kind in ("fact", "source", "correction", "model"):
        names = set(defs[kind]["properties"])
        beside = {n for n in names if re.fullmatch(r".+_[a-z]{2}", n) and n != "as_of"}
        want = {f"{n}_{lang}" for n in schema.translated(kind) for lang in languages}
        assert beside == want, kind
    published = defs["published-csv-row"]["required"]
    assert tuple(published) == data_files.FACTS_COLUMNS


def shape(text: str) -> list[schema.Problem]:
    """The schema's verdict on a data file's text."""
    return schema.problems(yaml.compose(text, Loader=LOADER), "data/facts.yaml")


def test_the_data_files_pass_the_schema() -> None:
    """The repository's, and the small one the tests below break."""
    assert shape(SMALL) == []
    assert shape((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8")) == []
    # as a contributor would check it
    result = subprocess.run(
        [BIN / "check-jsonschema", "--schemafile", SCHEMA_PATH, ROOT / "data" / "facts.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ("    status: reported\n", "    status: maybe\n", "    status: maybe",
         "has unknown status 'maybe' (expected one of: confirmed, reported, unverified"),
        ("    status: reported\n", "    status: reported\n    added: later\n", "    added: later",
         "has unknown added 'later' (expected one of: after-article"),
        ("    as_of: 2025\n    checked", "    as_of: 25.11.2025\n    checked",
         "    as_of: 25.11.2025", "as_of '25.11.2025' is not YYYY[-MM[-DD]]"),
        ("    status: reported\n", "    status: reported\n    sauce: [report]\n",
         "    sauce: [report]", "has an unknown field 'sauce' (did you mean 'source'?)"),
        ("    value: 59\n", "    value: fifty-nine\n", "    value: fifty-nine",
         "value 'fifty-nine' must be a number in base units"),
    ],
    ids=["status-maybe", "added-unknown", "as_of-not-a-date", "unknown-field", "value-words"],
)  # fmt: skip
def test_a_violation_is_named_at_its_line(old: str, new: str, field: str, says: str) -> None:
    assert SMALL.count(old) == 1, old
    text = SMALL.replace(old, new)
    problems = shape(text)
    assert len(problems) == 1, problems
    line, where, message = problems[0]
    assert line == line_of(text, field, "  new-figure:"), problems
    assert message.startswith(f"data/facts.yaml:{line}: fact 'new-figure' "), message
    assert says in message, message
    assert where[:2] == ("facts", "new-figure"), where


@pytest.mark.parametrize("field", ["publisher", "publisher_en"])
def test_a_publisher_in_brackets_is_named_at_its_line(field: str) -> None:
    """The sources list puts the publisher in brackets: a remark in brackets of its own
    (「テレビ東京（二次情報による要約で確認）」) nests them, and belongs in 'note'."""
    text = SMALL.replace("    publisher: Someone\n", f"    {field}: Someone (seen in a copy)\n")
    if field == "publisher_en":
        text = text.replace("    title: Report\n", "    title: Report\n    publisher: 誰か\n")
    problems = shape(text)
    assert [p.message for p in problems] == [
        f"data/facts.yaml:{line_of(text, f'    {field}: Someone')}: source 'report' {field} "
        "'Someone (seen in a copy)' does not fit: no brackets: the sources list writes the "
        "publisher inside brackets of its own; say how the book saw the source in 'note'"
    ], problems


def test_each_problem_is_said_once_at_its_line(tmp_path: Path) -> None:
    """One validation: the schema's message, not another check's too; what the schema
    cannot say (an unknown source key) only where the shape is right."""
    text = SMALL.replace("    status: reported\n", "    status: maybe\n    added: later\n")
    errors = facts_from_text(tmp_path, text).errors
    status, added = (
        line_of(text, f, "  new-figure:") for f in ("    status: maybe", "    added: later")
    )
    assert [e.split(": ", 1)[0] for e in errors] == [
        f"data/facts.yaml:{status}",
        f"data/facts.yaml:{added}",
    ], errors
    text = SMALL.replace(
        "    source: [report]\n    status: reported", "    source: [Report]\n    status: reported"
    )
    errors = facts_from_text(tmp_path, text).errors
    assert len(errors) == 1 and "source 'Report' does not fit" in errors[0], errors
    text = SMALL.replace(
        "    source: [report]\n    status: reported", "    source: [reprt]\n    status: reported"
    )
    errors = facts_from_text(tmp_path, text).errors
    assert errors == [
        f"data/facts.yaml:{line_of(text, '    source: [reprt]', '  new-figure:')}: fact "
        "'new-figure' names unknown source 'reprt' (did you mean 'report'?)"
    ], errors


# -- The published files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(book: Book) -> Path:
    return book.html / "data"


def test_the_published_files_exist_with_their_licence(folder: Path) -> None:
    """The data, its CSV, the schema, the README stating the licence and describing each
    file, and a CSV per chart and per table: UTF-8 with newline line ends."""
    names = {p.name for p in folder.iterdir()}
    wanted = {"facts.json", "facts.csv", "facts.schema.json", "README.txt"}
    wanted |= {f"chart-{n}.csv" for n in CHART_NAMES} | {f"{t}.csv" for t in TABLES}
    assert names == wanted
    assert (folder / "facts.schema.json").read_bytes() == SCHEMA_PATH.read_bytes()
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "creativecommons.org/licenses/by/4.0" in readme
    for path in folder.iterdir():
        assert path.name == "README.txt" or path.name in readme, f"README.txt lacks {path.name}"
        data = path.read_bytes()
        assert b"\r" not in data and data.endswith(b"\n"), path.name
        data.decode("utf-8")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_facts_json_has_every_fact_with_the_datas_values(book: Book, language: str) -> None:
    """In each edition, with its words (the English edition's from the ``*_en`` fields)."""
    folder, known = book.edition(language).html / "data", EDITION_FACTS[language]
    document = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    # valid under the schema, its formats checked (as check-jsonschema does, in-process)
    errors = [
        e.message
        for e in Draft202012Validator(SCHEMA, format_checker=FORMATS).iter_errors(document)
    ]
    assert not errors, errors[:5]
    assert document["license"] == "CC-BY-4.0"
    assert "CC BY 4.0" in document["attribution"]
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    records = document["facts"]
    assert [r["key"] for r in records] == list(known.facts)
    for record in records:
        fact = known.facts[record["key"]]
        assert record["value"] == fact.value and record["unit"] == fact.unit, fact.key
        assert (record["label"], record["status"]) == (fact.label, fact.status)
        assert (record["as_of"], record["checked"]) == (str(fact.as_of), str(fact.checked))
        assert [s["key"] for s in record["sources"]] == fact.sources
        for source in record["sources"]:
            assert source["title"] == known.sources[source["key"]].title
            assert source["url"] == (known.sources[source["key"]].url or None)
        shown = facts.format_value(fact, known.labels[language]) if fact.value is not None else None
        assert record["formatted"] == shown


@pytest.mark.parametrize("language", ["ja", "en"])
def test_facts_csv_parses_and_matches_the_json(book: Book, language: str) -> None:
    folder = book.edition(language).html / "data"
    rows = read_csv(folder / "facts.csv")
    assert tuple(rows[0]) == data_files.FACTS_COLUMNS
    records = json.loads((folder / "facts.json").read_text(encoding="utf-8"))["facts"]
    assert len(rows) - 1 == len(records) == len(FACTS.facts)
    # The schema's $defs, with the row's definition at the root.
    row_schema = {k: v for k, v in SCHEMA.items() if k not in ("if", "then", "else")}
    validator = Draft202012Validator({**row_schema, "$ref": "#/$defs/published-csv-row"})
    for row, record in zip(rows[1:], records, strict=True):
        cells = dict(zip(rows[0], row, strict=True))
        errors = [e.message for e in validator.iter_errors(cells)]
        assert not errors, (cells["key"], errors)
        assert cells["key"] == record["key"] and cells["label"] == record["label"]
        value = record["value"]
        assert cells["value"] == ("" if value is None else str(value).removesuffix(".0"))
        assert cells["formatted"] == (record["formatted"] or "")
        assert cells["source_titles"].split(" | ") == [s["title"] for s in record["sources"]]
        assert cells["source_urls"].split(" | ") == [s["url"] or "" for s in record["sources"]]


# -- Charts and tables: the CSV, the link, the table -----------------------------------


@pytest.fixture(scope="module")
def soups(pages: dict[str, str]) -> dict[str, BeautifulSoup]:
    return {name: soup(html) for name, html in pages.items()}


@pytest.mark.parametrize("name", CHART_NAMES)
def test_each_chart_links_its_csv_of_what_it_draws(soups, folder: Path, name: str) -> None:
    """The chart's CSV has a row for each figure it draws (once), with the data's value,
    words, status and date, named by the chart's own name of the row (region, model,
    event...); the chart links it, and its 「表で見る」 table shows the same rows."""
    rows = read_csv(folder / f"chart-{name}.csv")
    assert tuple(rows[0]) == data_files.CHART_COLUMNS
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    chart = charts.CHARTS[name]
    keys = (
        set(charts.chart_keys(chart, FACTS.facts, domestic_models.read_models(ROOT).rows))
        - LEGEND_ONLY
    )
    assert [r["key"] for r in records] and {r["key"] for r in records} == keys
    assert len(records) == len(keys), "a figure drawn twice"
    fig = next((f for page in soups.values() if (f := page.find(id=f"fig-{name}"))), None)
    assert fig is not None, f"no page shows the chart {name}"
    drawn = squash("".join(t.get_text() for t in fig.find("svg").find_all("text")))
    link = fig.find("a", class_="data-file-link")
    assert link is not None and link.get_text() == WORDS["link"], f"{name}: no CSV link"
    assert link["href"] == f"data/chart-{name}.csv"
    details = fig.find("details")
    assert details is not None, f"{name}: no 「表で見る」"
    assert details.find("summary").get_text() == WORDS["details"]
    body = details.find("tbody").find_all("tr")
    assert len(body) == len(records)
    for record, tr in zip(records, body, strict=True):
        fact = FACTS.facts[record["key"]]
        assert record["label"] == fact.label and record["unit"] == (fact.unit or "")
        assert record["value"] == str(fact.value).removesuffix(".0")
        assert record["formatted"] == facts.format_value(fact, LABELS)
        assert (record["status"], record["as_of"]) == (fact.status, str(fact.as_of))
        assert squash(record["item"]) in drawn, (name, record["item"])
        mark = LABELS["statuses"][fact.status]["mark"]
        value = record["formatted"] + (f"［{mark}］" if mark else "")
        shown = [record["item"], record["label"], value, facts.format_as_of(fact, LABELS)]
        assert [c.get_text() for c in tr.find_all(["th", "td"])] == shown
    assert fig.find("th", class_="stub") is not None, "rows are headed by their item"


def html_cell(cell) -> str:
    """A cell's text as the CSV writes it: paragraphs joined with " / ", ^superscript."""
    for sup in cell.find_all("sup"):
        sup.replace_with("^" + sup.get_text())
    paragraphs = cell.find_all("p") or [cell]
    texts = [" ".join(p.get_text().replace("\xa0", " ").split()) for p in paragraphs]
    return " / ".join(t for t in texts if t)


def html_table_cells(table) -> list[list[str]]:
    """The header (one row, spanning cells repeated over their columns) and the body."""
    cols = len(table.find("tbody").find("tr").find_all(["th", "td"]))

    def grid(trs) -> list[list[str]]:
        out = [[""] * cols for _ in trs]
        taken = set()
        for r, tr in enumerate(trs):
            c = 0
            for cell in tr.find_all(["th", "td"]):
                while (r, c) in taken:
                    c += 1
                text = html_cell(cell)
                for dr in range(int(cell.get("rowspan", 1))):
                    for dc in range(int(cell.get("colspan", 1))):
                        out[r + dr][c + dc] = text
                        taken.add((r + dr, c + dc))
                c += int(cell.get("colspan", 1))
        return out

    head = grid(table.find("thead").find_all("tr"))
    header = [" ".join(dict.fromkeys(h[c] for h in head if h[c])) for c in range(cols)]
    return [header, *grid(table.find("tbody").find_all("tr"))]


@pytest.mark.parametrize("table_id", sorted(TABLES))
def test_each_table_links_its_csv_of_its_cells(soups, folder: Path, table_id: str) -> None:
    """The CSV is the table's cells; the link to it stands under the table's source line."""
    table = soups[TABLES[table_id]].find("table", id=table_id)
    assert table is not None, table_id
    rows = read_csv(folder / f"{table_id}.csv")
    assert rows == html_table_cells(table)
    assert len(rows) > 2 and all(len(r) == len(rows[0]) for r in rows)
    link = table.find_next("a", class_="data-file-link", href=f"data/{table_id}.csv")
    assert link is not None, f"{table_id}: no link to its CSV"
    source = table.find_next(class_="figure-source")
    assert source is not None and source.find_next(class_="data-file-line") is link.parent


def test_the_sources_page_links_the_published_files(soups) -> None:
    """With the words of data/labels.yaml, which describe each published file."""
    section = soups["sources"].find(id="sources-data")
    assert section is not None, "no (sources-data)= section"
    hrefs = {a["href"] for a in section.select("a.data-file-link")}
    assert hrefs == {f"data/{n}" for n in data_files.PUBLISHED}
    assert WORDS["license"] in section.get_text()
    words = data_yaml("labels")["ja"]["data-files"]
    for key in ("link", "details", "on-paper", "license", "files", "columns", "readme"):
        assert key in words, key
    assert set(words["files"]) == set(data_files.PUBLISHED)
