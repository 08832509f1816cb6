"""The chapter on Japan's own foundation models: its table and its chart."""

from __future__ import annotations

import re

import pytest
from book.features import charts
from browser_fixtures import run_axe, run_axe_in_dark_mode, tab
from bs4 import BeautifulSoup
from domestic_shared import FACTS, LABELS, ROWS, WORDS, cell, mark
from domestic_shared import page as page
from domestic_shared import table as table
from figures_shared import log_axis
from helpers import squash

pytestmark = pytest.mark.browser
CHART_WORDS = LABELS["charts"]["domestic-models"]


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


# -- In the browser: a phone, and axe --------------------------------------------------


def test_phone_page_does_not_scroll_sideways_but_the_table_does(browser, site_url) -> None:
    phone = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
    with tab(browser, **phone) as page:
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
    assert info["page"] <= info["width"], info
    assert info["overflow"] == "auto" and info["scroll"] > info["client"], info
    assert info["hint"], info
    # scrolled to the end, the model names are still at the box's left edge
    assert abs(info["sticky"] - info["boxLeft"]) <= 1, info


@pytest.mark.parametrize("edition", ["", "en/"])
def test_wide_screen_shows_the_whole_table_without_the_hint(browser, site_url, edition) -> None:
    """At 1280 px every column shows in both editions (the English table was 863,
    then 919 px wide in its 736 px column, its last columns cut off)."""
    with tab(
        browser, f"{site_url}/{edition}domestic.html", viewport={"width": 1280, "height": 900}
    ) as page:
        info = page.evaluate("""() => {
            const box = document.querySelector('.domestic-models-scroll');
            return {scroll: box.scrollWidth, client: box.clientWidth,
                    hint: getComputedStyle(document.querySelector('.domestic-models-hint')).display};
        }""")
    assert info["scroll"] <= info["client"] + 1 and info["hint"] == "none", info


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_chapter_on_a_phone(browser, site_url, scheme: str) -> None:
    """At 375 px, where the table scrolls in its own box with the hint shown: every
    axe rule in light mode, the rules that depend on the theme in dark mode (as the
    every-page tests do: browser_fixtures.DARK_MODE_RULES).  The wide-screen layout
    is checked by the every-page axe tests (tests/test_browser.py, light and dark)."""
    phone = {"viewport": {"width": 375, "height": 812}, "is_mobile": True}
    with tab(browser, f"{site_url}/domestic.html", theme=scheme, **phone) as page:
        problems = run_axe(page) if scheme == "light" else run_axe_in_dark_mode(page)
    assert not problems, "\n".join(problems)


# -- The chart -------------------------------------------------------------------------


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


def _use(svg, gid: str):
    group = svg.find("g", id=f"chart-domestic-models-{gid}")
    assert group is not None, gid
    return group.find("use")


def test_chart_points_stand_at_the_datas_sizes(svg) -> None:
    at = log_axis(svg)
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


def test_chart_text_is_readable_on_a_phone(browser, site_url) -> None:
    with tab(browser, f"{site_url}/domestic.html", viewport={"width": 375, "height": 812}) as page:
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
    assert info["right"] <= info["width"], info
    assert info["textRight"] <= info["width"], info
    assert info["smallest"] >= 11, info
