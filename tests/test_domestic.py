"""The chapter on Japan's own foundation models: its table and its chart.

Every row and value of the table (_ext/book/features/domestic_models.py) equals the data of
``models:`` in data/facts.yaml, formatted by the facts module; reported figures
carry their marks; the sources page lists the chapter for each figure.  On paper
the table is a longtable that repeats its header, without an overfull line; in
the EPUB it is there without the web's hint.  On a 375 px phone the page never
scrolls sideways: the table scrolls inside its own focusable box, with a hint;
axe finds nothing.  The chart ``domestic-models`` (_ext/book/features/charts/domestic.py) puts each
model at its size, tells the ways of training apart by shape, emphasises Rakuten
AI 3.0 and lists every model in its alt text.  Last, the loader's messages for
broken data name ``data/facts.yaml:LINE``.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from book.data import check, models_file
from book.data.book_numbers import format_large_ja
from book.data.facts_file import format_value, load_facts
from book.data.yamlfile import compose
from book.features import charts
from browser_fixtures import run_axe, run_axe_in_dark_mode
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from helpers import squash
from sources_entries import published_pages

FACTS = load_facts(ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml")
LABELS = FACTS.labels["ja"]
WORDS = LABELS["models"]
CHART_WORDS = LABELS["charts"]["domestic-models"]
MODELS = models_file.load_models(ROOT / "data" / "facts.yaml", "data/facts.yaml", FACTS)
ROWS = MODELS.rows


def mark(key: str) -> str:
    word = LABELS["statuses"][FACTS.facts[key].status]["mark"]
    return f"［{word}］" if word else ""


def cell(key: str | None) -> str:
    """A figure as the table writes it, computed here from the facts module:
    parameter counts without their unit (the heading names it), 約 when the
    data calls the count approximate, then the status mark."""
    if key is None:
        return WORDS["none"]
    fact = FACTS.facts[key]
    if fact.unit != "params":
        return format_value(fact, LABELS) + mark(key)  # 約 from the data (about: true)
    text = format_large_ja(float(fact.value))
    if fact.about:
        text = LABELS["about"].format(n=text)
    return text + mark(key)


def run(*cmd: str | Path) -> str:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{cmd[0]} failed:\n{result.stderr}"
    return result.stdout


# ==============================================================================
# The data
# ==============================================================================


def test_the_data_has_no_problem_and_every_model_is_a_row() -> None:
    assert FACTS.errors == []
    import yaml

    raw = yaml.safe_load((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))["models"]
    assert [m.key for m in ROWS] == list(raw), "a model of the data is missing from the rows"


# ==============================================================================
# The table on the web
# ==============================================================================


@pytest.fixture(scope="module")
def page(pages: dict[str, str]) -> BeautifulSoup:
    assert "domestic" in pages, "docs/domestic.md is not built"
    return BeautifulSoup(pages["domestic"], "html.parser")


@pytest.fixture(scope="module")
def table(page: BeautifulSoup):
    found = page.find("table", id="table-domestic-models")
    assert found is not None, "no table with the label table-domestic-models"
    return found


def cells(row) -> list:
    return row.find_all(["th", "td"], recursive=False)


def test_table_has_the_labels_columns(table) -> None:
    heads = [squash(c.get_text()) for c in cells(table.find("thead").find("tr"))]
    columns = WORDS["columns"]
    expected = [columns["model"] + columns["developer"]] + [
        columns[c]
        for c in ("params", "active", "architecture", "training", "released", "openness", "geniac")
    ]
    assert heads == expected


def test_every_row_equals_the_data_in_data_order(table) -> None:
    rows = table.find("tbody").find_all("tr", recursive=False)
    assert [r.get("id") for r in rows] == [f"domestic-model-{m.key}" for m in ROWS]
    for row, model in zip(rows, ROWS, strict=True):
        got = [squash(c.get_text()) for c in cells(row)]
        training = WORDS["training"][model.training]
        if model.base:
            training += WORDS["base"].format(base=model.base)
        weights = WORDS["openness"][model.openness] + (model.licence or "")
        geniac = (
            WORDS["geniac-round"].format(n=model.geniac) + model.geniac_note
            if model.geniac
            else WORDS["none"]
        )
        row_mark = LABELS["statuses"][model.status]["mark"]
        expected = [
            model.name + (f"［{row_mark}］" if row_mark else "") + model.developer,
            cell(model.params),
            cell(model.active),
            WORDS["architecture"][model.architecture],
            training,
            cell(model.released),
            weights,
            geniac,
        ]
        assert got == [squash(e) for e in expected], model.key


def test_marks_only_on_unconfirmed_values_and_linked_to_the_sources(table) -> None:
    """A reported or unverified value shows its mark, linked to its entry on the
    sources page; a confirmed one shows none (as {fact} does)."""
    expected = set()
    for model in ROWS:
        for key in model.fact_keys():
            if mark(key):
                expected.add(f"sources.html#fact-{key}")
        if LABELS["statuses"][model.status]["mark"]:
            expected.add(f"sources.html#source-{model.sources[0]}")
    links = {a["href"] for a in table.select(".fact-status a")}
    assert links == expected
    for status in table.select(".fact-status"):
        assert re.fullmatch(r"［.+］", status.get_text()), status


def test_published_data_lists_the_chapter_for_every_figure(book: Book) -> None:
    published = published_pages(book.html)
    for model in ROWS:
        for key in model.fact_keys():
            assert "domestic" in published[key], f"{key}: page not listed"


def test_notes_and_source_line_under_the_table(page: BeautifulSoup) -> None:
    notes = page.find(class_="domestic-models-notes")
    assert notes is not None
    text = notes.get_text()
    for model in ROWS:
        if model.note:
            # (sphinxcontrib-trimblank drops the spaces between Japanese and Latin)
            assert squash(WORDS["note"].format(name=model.name, note=model.note)) in squash(text)
    source = notes.find(class_="figure-source")
    assert source is not None and source.get_text().startswith("出典：")
    # One short line: the main source (the one most rows and figures cite), then
    # 「ほかN件」 linked to the list of sources, where every source is.
    cited = [s for m in ROWS for s in m.sources]
    cited += [s for m in ROWS for k in m.fact_keys() for s in FACTS.facts[k].sources]
    wanted = list(dict.fromkeys(cited))
    main = max(wanted, key=cited.count)
    links = [a["href"].split("#")[1] for a in source.find_all("a")]
    assert links == [f"source-{main}", "sources-list"], links
    assert source.get_text().endswith(f"ほか{len(wanted) - 1}件"), source.get_text()


def test_table_is_numbered_referenced_and_in_a_named_scroll_box(page, table) -> None:
    caption = table.find("caption")
    # the caption's finding names the largest rows of the data
    largest = max(ROWS, key=lambda m: float(FACTS.facts[m.params].value))
    scratch = max(
        (m for m in ROWS if m.training == "scratch"),
        key=lambda m: float(FACTS.facts[m.params].value),
    )
    words = WORDS["caption"].format(
        largest=largest.name,
        training=WORDS["training"][largest.training],
        largest_scratch=scratch.name,
    )
    assert caption is not None and squash(words) in squash(caption.get_text())
    number = re.search(r"表\s*(\d+)", caption.get_text())
    assert number, caption.get_text()
    refs = page.select('a[href="#table-domestic-models"] .std-numref')
    assert refs and squash(refs[0].get_text()) == f"表{number.group(1)}"
    box = table.parent
    assert "domestic-models-scroll" in box.get("class", [])
    assert box.get("tabindex") == "0" and box.get("role") == "region"
    assert squash(box.get("aria-label")) == squash(words)
    hint = box.find_previous_sibling("p")
    assert hint is not None and "domestic-models-hint" in hint.get("class", [])
    assert squash(hint.get_text()) == squash(WORDS["scroll-hint"])
    assert page.find("link", href=re.compile(r"domestic-models\.css")), "the table's CSS"


def test_table_css_only_on_its_page(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        if name != "domestic":
            assert "domestic-models.css" not in html, name


# ==============================================================================
# On paper and in the EPUB
# ==============================================================================


def table_tex(book: Book) -> tuple[str, int, int]:
    """The .tex, and the first and last line of the table's longtable."""
    tex = book.tex.read_text(encoding="utf-8")
    lines = tex.splitlines()
    label = next(
        i
        for i, line in enumerate(lines)
        if r"\caption{" in line and "{domestic:table-domestic-models}" in line
    )
    start = max(i for i in range(label + 1) if r"\begin{longtable}" in lines[i])
    end = next(i for i in range(label, len(lines)) if r"\end{longtable}" in lines[i])
    return tex, start + 1, end + 1


@pytest.mark.pdf
def test_tex_has_a_longtable_with_a_repeated_header(book: Book) -> None:
    tex, start, end = table_tex(book)
    body = "\n".join(tex.splitlines()[start - 1 : end])
    assert r"\endfirsthead" in body and r"\endhead" in body, "the header is not repeated"
    # the header repeated after \endfirsthead names the columns again
    repeated = body.split(r"\endfirsthead", 1)[1].split(r"\endhead", 1)[0]
    assert WORDS["columns"]["params"] in repeated
    # given column widths, eight of them
    spec = re.search(r"\\begin\{longtable\}(?:\[[^]]*\])?\{(.*)\}", body).group(1)
    assert spec.count(r"\X{") == 8, spec


@pytest.mark.pdf
def test_no_overfull_line_in_the_table(book: Book) -> None:
    _, start, end = table_tex(book)
    log = (book.tex.parent / f"{book.tex.stem}.log").read_text(encoding="utf-8", errors="replace")
    bad = []
    for match in re.finditer(
        r"^Overfull \\hbox \(([\d.]+)pt too wide\).*?lines? (\d+)(?:--(\d+))?", log, re.M
    ):
        first, last = int(match.group(2)), int(match.group(3) or match.group(2))
        if first <= end and last >= start:
            bad.append(match.group(0))
    assert not bad, bad


@pytest.mark.pdf
def test_tex_and_pdf_have_every_row(book: Book) -> None:
    """Every word of each row in the table's LaTeX; the figures in the PDF's text
    (a cell's longer words may break across lines, which pdftotext interleaves)."""
    tex, start, end = table_tex(book)
    body = "\n".join(tex.splitlines()[start - 1 : end]).replace(r"\sphinxhyphen{}", "-")
    # the phrases and dates a cell keeps on one line, as their words (_ext/book/outputs/paper/paper_tables.py)
    body = squash(re.sub(r"\\DUrole\{book-nobreak\}\{([^{}]*)\}", r"\1", body))
    text = squash(run("pdftotext", book.pdf, "-"))
    for model in ROWS:
        for needed in (model.name, model.developer, model.base or "", model.licence or ""):
            assert squash(needed) in body, needed
        for key in (model.params, model.active):
            if key:
                assert squash(cell(key)) in body and squash(cell(key)) in text, key
        assert squash(cell(model.released)) in body, model.released


@pytest.mark.pdf
def test_pdf_embeds_every_font(book: Book) -> None:
    rows = run("pdffonts", book.pdf).splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"


@pytest.mark.pdf
def test_epub_has_the_table_without_the_hint(book: Book) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        page = epub.read(next(n for n in epub.namelist() if n.endswith("domestic.xhtml")))
    soup = BeautifulSoup(page.decode("utf-8"), "html.parser")
    table = soup.find("table", id="table-domestic-models")
    assert table is not None
    assert len(table.find("tbody").find_all("tr", recursive=False)) == len(ROWS)
    assert soup.find(class_="domestic-models-hint") is None


# ==============================================================================
# In the browser: a phone, and axe
# ==============================================================================


@pytest.mark.browser
def test_phone_page_does_not_scroll_sideways_but_the_table_does(browser, site_url) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(f"{site_url}/domestic.html", wait_until="networkidle")
        info = page.evaluate("""() => {
            const box = document.querySelector('.domestic-models-scroll');
            const hint = document.querySelector('.domestic-models-hint');
            const r = hint.getBoundingClientRect();
            box.scrollLeft = box.scrollWidth;
            const first = box.querySelector('tbody th, tbody td').getBoundingClientRect();
            return {page: document.scrollingElement.scrollWidth, width: window.innerWidth,
                    scroll: box.scrollWidth, client: box.clientWidth,
                    overflow: getComputedStyle(box).overflowX,
                    hint: getComputedStyle(hint).display !== 'none' && r.height > 0 && r.right <= 375,
                    sticky: first.left, boxLeft: box.getBoundingClientRect().left};
        }""")
    finally:
        context.close()
    assert info["page"] <= info["width"], info
    assert info["overflow"] == "auto" and info["scroll"] > info["client"], info
    assert info["hint"], info
    # scrolled to the end, the model names are still at the box's left edge
    assert abs(info["sticky"] - info["boxLeft"]) <= 1, info


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "en/"])
def test_wide_screen_shows_the_whole_table_without_the_hint(browser, site_url, edition) -> None:
    """At 1280 px every column shows in both editions (the English table was 863,
    then 919 px wide in its 736 px column, its last columns cut off)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{edition}domestic.html")
        info = page.evaluate("""() => {
            const box = document.querySelector('.domestic-models-scroll');
            return {scroll: box.scrollWidth, client: box.clientWidth,
                    hint: getComputedStyle(document.querySelector('.domestic-models-hint')).display};
        }""")
    finally:
        context.close()
    assert info["scroll"] <= info["client"] + 1 and info["hint"] == "none", info


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_chapter_on_a_phone(browser, site_url, scheme: str) -> None:
    """At 375 px, where the table scrolls in its own box with the hint shown: every
    axe rule in light mode, the rules that depend on the theme in dark mode (as the
    every-page tests do: browser_fixtures.DARK_MODE_RULES).  The wide-screen layout
    is checked by the every-page axe tests (tests/test_browser.py, light and dark)."""
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": 375, "height": 812}, is_mobile=True
    )
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/domestic.html", wait_until="load")
        problems = run_axe(page) if scheme == "light" else run_axe_in_dark_mode(page)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


# ==============================================================================
# The chart
# ==============================================================================


@pytest.fixture(scope="module")
def svg(page: BeautifulSoup):
    fig = page.find(id="fig-domestic-models")
    assert fig is not None and fig.name == "figure", "no {chart} domestic-models on the page"
    found = fig.find("svg")
    assert found is not None
    return found


def by_size() -> list:
    return sorted(ROWS, key=lambda m: -float(FACTS.facts[m.params].value))


def size_label(model) -> str:
    total = cell(model.params)
    if model.active:
        return CHART_WORDS["size-moe"].format(total=total, active=cell(model.active))
    return CHART_WORDS["size"].format(total=total)


def test_chart_rows_are_the_datas_by_size(svg) -> None:
    texts = [t.get_text() for t in svg.find_all("text")]
    joined = "".join(texts)
    names = []
    for model in by_size():
        row = CHART_WORDS["row"].format(name=model.name, training=CHART_WORDS[model.training])
        assert row in texts, row
        # one text, or two lines (the total, then the working share) where one
        # line would not fit beside the point
        assert size_label(model) in texts or size_label(model) in joined, size_label(model)
        names.append(joined.index(row))
    assert names == sorted(names), "the rows are not from the largest to the smallest"


def _ticks(svg) -> tuple[float, float, float, float]:
    ticks = {}
    for tick in svg.find_all("g", id=re.compile(r"xtick_\d+$")):
        label = tick.find("text").get_text()
        number = float(re.match(r"\d+", label).group()) * (1e8 if "億" in label else 1e12)
        ticks[math.log10(number)] = float(tick.find("use")["x"])
    (l0, x0), (l1, x1) = min(ticks.items()), max(ticks.items())
    return l0, x0, l1, x1


def _use(svg, gid: str):
    group = svg.find("g", id=f"chart-domestic-models-{gid}")
    assert group is not None, gid
    return group.find("use")


def test_chart_points_stand_at_the_datas_sizes(svg) -> None:
    l0, x0, l1, x1 = _ticks(svg)

    def at(v: float) -> float:
        return x0 + (math.log10(v) - l0) * (x1 - x0) / (l1 - l0)

    for model in ROWS:
        x = float(_use(svg, f"total-{model.key}")["x"])
        assert x == pytest.approx(at(float(FACTS.facts[model.params].value)), abs=0.5), model.key
        if model.active:
            use = _use(svg, f"active-{model.key}")
            value = float(FACTS.facts[model.active].value)
            assert float(use["x"]) == pytest.approx(at(value), abs=0.5), model.key
            # open: the marker of the active count is not filled
            style = use.get("style", "") + svg.find(id=use["xlink:href"][1:]).get("style", "")
            assert "fill-opacity: 0;" in style or "fill: none" in style, model.key


def test_scratch_and_continued_differ_in_shape_not_only_colour(svg) -> None:
    shapes = {}
    for model in ROWS:
        href = _use(svg, f"total-{model.key}")["xlink:href"]
        shapes.setdefault(model.training, set()).add(svg.find(id=href[1:])["d"])
    assert shapes["scratch"] and shapes["continued"]
    assert not shapes["scratch"] & shapes["continued"], "same marker shape for both"
    assert len(shapes["scratch"]) == len(shapes["continued"]) == 1
    # and in words: each row names its way of training
    styles = charts.DOMESTIC_STYLE
    assert styles["scratch"][0] != styles["continued"][0]


def test_rakuten_ai_3_is_emphasised(svg) -> None:
    model = next(m for m in ROWS if m.key == charts.DOMESTIC_EMPHASIS)
    row = CHART_WORDS["row"].format(name=model.name, training=CHART_WORDS[model.training])
    text = next(t for t in svg.find_all("text") if t.get_text() == row)
    assert re.search(r"font-weight: (bold|[6-9]00)", text.get("style", "")), text


def test_chart_alt_lists_every_model(svg) -> None:
    alt = svg["aria-label"]
    where = []
    for model in by_size():
        line = CHART_WORDS["alt-model"].format(
            name=model.name, size=size_label(model), training=CHART_WORDS[model.training]
        )
        assert line in alt, line
        where.append(alt.index(line))
    assert where == sorted(where)


@pytest.mark.browser
def test_chart_text_is_readable_on_a_phone(browser, site_url) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/domestic.html")
        info = page.evaluate("""() => {
            const svg = document.querySelector('#fig-domestic-models svg');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')].map(
                t => parseFloat(t.style.fontSize) * scale);
            const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect());
            return {right: svg.getBoundingClientRect().right, width: window.innerWidth,
                    smallest: Math.min(...sizes),
                    textRight: Math.max(...texts.map(r => r.right))};
        }""")
    finally:
        context.close()
    assert info["right"] <= info["width"], info
    assert info["textRight"] <= info["width"], info
    assert info["smallest"] >= 11, info


# ==============================================================================
# Errors in the data: data/facts.yaml:LINE
# ==============================================================================

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


def load(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "data").mkdir(exist_ok=True)
    path = tmp_path / "data" / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    # the rows are checked with the rest of the data file, by its loader
    return load_facts(path, ROOT / "data" / "labels.yaml", "data/facts.yaml").errors


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_good_data_loads(tmp_path: Path) -> None:
    assert load(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            "    status: confirmed\n",
            "    status: confirmed\n    colour: red\n",
            "colour:",
            "unknown field 'colour'",
        ),
        ("    developer: Somebody\n", "", "good-model:", "needs 'developer'"),
        ("    geniac: 1\n", "", "good-model:", "needs 'geniac'"),
        ("params: m-params", "params: m-nothing", "params:", "unknown fact 'm-nothing'"),
        ("released: m-date", "released: m-claim", "released:", "'m-claim', which has no value"),
        (
            "architecture: dense",
            "architecture: huge",
            "architecture:",
            "unknown architecture 'huge'",
        ),
        ("training: scratch", "training: borrowed", "training:", "unknown training 'borrowed'"),
        ("openness: open-weights", "openness: open", "openness:", "unknown openness 'open'"),
        ("training: scratch", "training: continued", "base:", "give its 'base'"),
        ("base: null", "base: Llama", "base:", "has a 'base' but its training is 'scratch'"),
        ("geniac: 1", "geniac: 0", "geniac:", "geniac '0' must be a round number"),
        ("geniac: 1", "geniac: first", "geniac:", "geniac 'first' must be a round number"),
        ("geniac: 1", "geniac: true", "geniac:", "geniac 'True' must be a round number"),
        (
            "    source: [src-a]\n    status: confirmed\n",
            "    source: [src-b]\n    status: confirmed\n",
            "source: [src-b]",
            "unknown source 'src-b'",
        ),
        (
            "    source: [src-a]\n    status: confirmed\n",
            "    source: [src-a]\n    status: rumour\n",
            "status: rumour",
            "unknown status 'rumour'",
        ),
        ("licence: MIT", "licence: null", "licence:", "name the 'licence'"),
    ],
)
def test_broken_rows_name_the_file_and_line(
    tmp_path: Path, old: str, new: str, at: str, message: str
) -> None:
    models = GOOD.index("models:")
    assert old in GOOD[models:], old
    text = GOOD[:models] + GOOD[models:].replace(old, new, 1)
    errors = load(tmp_path, text)
    line = line_of(text[models:], at) + GOOD[:models].count("\n")
    assert any(
        e.startswith(f"data/facts.yaml:{line}: model 'good-model'") and message in e for e in errors
    ), errors


def test_geniac_null_is_allowed(tmp_path: Path) -> None:
    assert load(tmp_path, GOOD.replace("geniac: 1", "geniac: null")) == []


def test_a_model_defined_twice(tmp_path: Path) -> None:
    block = GOOD[GOOD.index("  good-model:") :]
    errors = load(tmp_path, GOOD + block)
    line = GOOD.count("\n") + 1
    assert f"data/facts.yaml:{line}: model 'good-model' is defined twice" in errors


def test_a_word_the_schema_does_not_allow_is_said_once(tmp_path: Path) -> None:
    """The row reads as closed meanwhile; the licence rule, which tests the openness,
    is not said too."""
    models = GOOD.index("models:")
    text = GOOD[:models] + GOOD[models:].replace("openness: open-weights", "openness: open", 1)
    errors = load(tmp_path, text)
    assert len(errors) == 1 and "unknown openness 'open'" in errors[0], errors


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
