"""The chapter on Japan's own foundation models: its data (``models:`` in data/facts.yaml).

Every model of the data is a row of the table, whose figures the published data lists
for the chapter; the loader's messages for a broken row name ``data/facts.yaml:LINE``,
once; a word added to the schema needs its words.  The table and the chart on the web,
on paper and in the EPUB: test_domestic_browser.py, test_domestic_pdf.py, test_figures.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from book.data import check
from book.data.yamlfile import compose
from conftest import ROOT, Book
from domestic_shared import FACTS, ROWS
from helpers import data_yaml, facts_from_text, line_of
from sources_entries import published_pages

# -- The data --------------------------------------------------------------------------


def test_the_data_has_no_problem_and_every_model_is_a_row() -> None:
    assert FACTS.errors == []
    raw = data_yaml("facts")["models"]
    assert [m.key for m in ROWS] == list(raw), "a model of the data is missing from the rows"


def test_published_data_lists_the_chapter_for_every_figure(book: Book) -> None:
    published = published_pages(book.html)
    for model in ROWS:
        for key in model.fact_keys():
            assert "domestic" in published[key], f"{key}: page not listed"


def test_table_css_only_on_its_page(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        if name != "domestic":
            assert "domestic-models.css" not in html, name


# -- Errors in the data: data/facts.yaml:LINE ------------------------------------------

GOOD = """\
sources:
  src-a:
    title: A source
    publisher: Someone
    date: 2025-01-01
facts:
  m-params:
    label: the size
    value: 100000000000
    unit: params
    as_of: 2025-01-01
    checked: 2025-01-02
    source: [src-a]
    status: confirmed
  m-date:
    label: the day
    value: 2025-01-01
    unit: day
    as_of: 2025-01-01
    checked: 2025-01-02
    source: [src-a]
    status: confirmed
  m-claim:
    label: a claim without a figure
    value: null
    as_of: 2025-01-01
    checked: 2025-01-02
    source: [src-a]
    status: confirmed
models:
  good-model:
    name: Good
    developer: Somebody
    params: m-params
    active: null
    architecture: dense
    training: scratch
    base: null
    released: m-date
    openness: open-weights
    licence: MIT
    geniac: 1
    source: [src-a]
    status: confirmed
"""


def test_good_data_loads(tmp_path: Path) -> None:
    """The rows are checked with the rest of the data file, by its loader."""
    assert facts_from_text(tmp_path, GOOD).errors == []
    assert facts_from_text(tmp_path, GOOD.replace("geniac: 1", "geniac: null")).errors == []


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("    status: confirmed\n", "    status: confirmed\n    colour: red\n", "colour:",
         "unknown field 'colour'"),
        ("    developer: Somebody\n", "", "good-model:", "needs 'developer'"),
        ("    geniac: 1\n", "", "good-model:", "needs 'geniac'"),
        ("params: m-params", "params: m-nothing", "params:", "unknown fact 'm-nothing'"),
        ("released: m-date", "released: m-claim", "released:", "'m-claim', which has no value"),
        ("architecture: dense", "architecture: huge", "architecture:",
         "unknown architecture 'huge'"),
        ("training: scratch", "training: borrowed", "training:", "unknown training 'borrowed'"),
        # the row reads as closed meanwhile: the licence rule, which tests the openness,
        # is not said too
        ("openness: open-weights", "openness: open", "openness:", "unknown openness 'open'"),
        ("training: scratch", "training: continued", "base:", "give its 'base'"),
        ("base: null", "base: Llama", "base:", "has a 'base' but its training is 'scratch'"),
        ("geniac: 1", "geniac: 0", "geniac:", "geniac '0' must be a round number"),
        ("geniac: 1", "geniac: first", "geniac:", "geniac 'first' must be a round number"),
        ("geniac: 1", "geniac: true", "geniac:", "geniac 'True' must be a round number"),
        ("    source: [src-a]\n    status: confirmed\n",
         "    source: [src-b]\n    status: confirmed\n", "source: [src-b]",
         "unknown source 'src-b'"),
        ("    source: [src-a]\n    status: confirmed\n",
         "    source: [src-a]\n    status: rumour\n", "status: rumour", "unknown status 'rumour'"),
        ("licence: MIT", "licence: null", "licence:", "name the 'licence'"),
    ],
)  # fmt: skip
def test_a_broken_row_is_named_once_at_its_line(
    tmp_path: Path, old: str, new: str, at: str, message: str
) -> None:
    models = GOOD.index("models:")
    assert old in GOOD[models:], old
    text = GOOD[:models] + GOOD[models:].replace(old, new, 1)
    errors = facts_from_text(tmp_path, text).errors
    line = line_of(text, at, "models:")
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"data/facts.yaml:{line}: model 'good-model'"), errors
    assert message in errors[0], errors


def test_a_model_defined_twice(tmp_path: Path) -> None:
    block = GOOD[GOOD.index("  good-model:") :]
    errors = facts_from_text(tmp_path, GOOD + block).errors
    line = GOOD.count("\n") + 1
    assert f"data/facts.yaml:{line}: model 'good-model' is defined twice" in errors


def test_a_new_word_of_the_schema_needs_its_words(tmp_path: Path) -> None:
    """A word is added in one place, the schema's enum (which the code reads), with
    its words in data/labels.yaml: without them, the build names the sections."""
    raw = json.loads((ROOT / "data" / "facts.schema.json").read_text(encoding="utf-8"))
    raw["$defs"]["model"]["properties"]["training"]["enum"].append("distilled")
    (tmp_path / "facts.schema.json").write_text(json.dumps(raw), encoding="utf-8")
    data, labels = (ROOT / "data" / name for name in ("facts.yaml", "labels.yaml"))
    roots = [compose(path, path.name, "", print) for path in (data, labels)]
    problems = check.problems(
        roots[0], "data/facts.yaml", roots[1], "data/labels.yaml", tmp_path / "facts.schema.json"
    )
    lines = labels.read_text(encoding="utf-8").splitlines()
    training = lines.index("    training:", lines.index("  models:")) + 1
    chart = lines.index("    domestic-models:") + 1
    assert [p.split(" no words")[0] for p in problems] == [
        f"data/labels.yaml:{training}: ja: models: training:",
        f"data/labels.yaml:{chart}: ja: charts: domestic-models:",
    ], problems
    assert all("for 'distilled', a word of data/facts.schema.json" in p for p in problems)
