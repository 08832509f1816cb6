"""The chapter on Japan's own foundation models: its table and its chart.

The real book's table and chart hold the data's models, figures and sources; how a
row or a label is laid out is the small book's snapshot (tests/snapshots/book/
models.*), and the browser checks the page on a phone and a wide screen.
"""

from __future__ import annotations

import re

import pytest
from book.features import charts
from browser_fixtures import PHONE, dark_mode_rules, page_script, run_axe, switch_to_dark, tab
from bs4 import BeautifulSoup
from domestic_shared import FACTS, LABELS, ROWS, WORDS, cell, mark
from domestic_shared import page as page
from domestic_shared import table as table
from figures_shared import log_axis
from helpers import squash

pytestmark = pytest.mark.browser


def size(model) -> float:
    return float(FACTS.facts[model.params].value)


BY_SIZE = sorted(ROWS, key=lambda m: -size(m))


def test_every_row_holds_its_models_data_in_data_order(table) -> None:
    """Each model of the data is a row, in the data's order, with its name, developer,
    figures (as the table writes them, with their marks) and the words of its data."""
    rows = table.find("tbody").find_all("tr", recursive=False)
    assert [r.get("id") for r in rows] == [f"domestic-model-{m.key}" for m in ROWS]
    for row, model in zip(rows, ROWS, strict=True):
        text = squash(row.get_text())
        shown = [model.name, model.developer, *(cell(key) for key in model.fact_keys())]
        shown += [WORDS["architecture"][model.architecture], WORDS["training"][model.training]]
        shown += [WORDS["openness"][model.openness], model.licence, model.base]
        if model.geniac:
            shown += [WORDS["geniac-round"].format(n=model.geniac), model.geniac_note]
        else:
            shown.append(WORDS["none"])
        missing = [words for words in shown if words and squash(words) not in text]
        assert not missing, (model.key, missing, text)


def test_marks_only_on_unconfirmed_values_and_linked_to_the_sources(table) -> None:
    """A reported or unverified value shows its mark, linked to its entry on the
    sources page; a confirmed one shows none (as {fact} does)."""
    expected = set()
    for model in ROWS:
        expected |= {f"sources.html#fact-{key}" for key in model.fact_keys() if mark(key)}
        if LABELS["statuses"][model.status]["mark"]:
            expected.add(f"sources.html#source-{model.sources[0]}")
    assert {a["href"] for a in table.select(".fact-status a")} == expected
    for status in table.select(".fact-status"):
        assert re.fullmatch(r"［.+］", status.get_text()), status


def test_notes_and_source_line_under_the_table(page: BeautifulSoup) -> None:
    """Each model's note, then one short source line: the main source (the one most
    rows and figures cite), then 「ほかN件」 linked to the list of sources."""
    notes = page.find(class_="domestic-models-notes")
    text = squash(notes.get_text())
    for model in ROWS:
        if model.note:  # (sphinxcontrib-trimblank drops the spaces between Japanese and Latin)
            assert squash(WORDS["note"].format(name=model.name, note=model.note)) in text
    source = notes.find(class_="figure-source")
    cited = [s for m in ROWS for s in m.sources]
    cited += [s for m in ROWS for k in m.fact_keys() for s in FACTS.facts[k].sources]
    wanted = list(dict.fromkeys(cited))
    links = [a["href"].split("#")[1] for a in source.find_all("a")]
    assert links == [f"source-{max(wanted, key=cited.count)}", "sources-list"], links
    assert source.get_text().startswith("出典：")
    assert source.get_text().endswith(f"ほか{len(wanted) - 1}件"), source.get_text()


def test_table_is_numbered_referenced_and_in_a_named_scroll_box(page, table) -> None:
    caption = squash(table.find("caption").get_text())
    # the caption's finding names the largest model and the largest from scratch
    scratch = BY_SIZE[[m.training for m in BY_SIZE].index("scratch")]
    assert squash(BY_SIZE[0].name) in caption and squash(scratch.name) in caption, caption
    number = re.search(r"表(\d+)", caption)
    assert number, caption
    refs = page.select('a[href="#table-domestic-models"] .std-numref')
    assert refs and squash(refs[0].get_text()) == f"表{number.group(1)}"
    box = table.parent
    assert "domestic-models-scroll" in box.get("class", [])
    assert box.get("tabindex") == "0" and box.get("role") == "region"
    label = squash(box.get("aria-label", ""))
    assert squash(BY_SIZE[0].name) in label and label in caption, label
    hint = box.find_previous_sibling("p")
    assert "domestic-models-hint" in hint.get("class", [])
    assert squash(hint.get_text()) == squash(WORDS["scroll-hint"])
    assert page.find("link", href=re.compile(r"domestic-models\.css")), "the table's CSS"


# -- In the browser: a phone, a wide screen, and axe -----------------------------------


def test_the_table_on_a_phone(browser, site_url) -> None:
    """At 375 px the table scrolls sideways in its own box, with the hint shown and
    the model names staying at its left edge (that the page does not, and that the
    chart fits with its text at 11 px or more, is checked on every page and chart:
    test_browser.py, test_figures_browser.py).  Axe finds nothing in this layout,
    the only one that shows the hint: every rule in light mode, then, switched to
    dark mode in place, the rules that depend on the theme
    (browser_fixtures.DARK_MODE_RULES; the wide layout is in test_browser.py's
    every-page axe test)."""
    with tab(browser, theme="light", **PHONE) as page:
        page.goto(f"{site_url}/domestic.html", wait_until="networkidle")
        problems = run_axe(page)
        switch_to_dark(page)
        problems += [f"dark: {p}" for p in run_axe(page, dark_mode_rules(page))]
        info = page.evaluate(page_script("domestic_table_on_a_phone"))
    assert not problems, "\n".join(problems)
    assert info["hint"] and info["overflow"] == "auto" and info["scroll"] > info["client"], info
    assert abs(info["sticky"] - info["boxLeft"]) <= 1, info


@pytest.mark.parametrize("edition", ["", "en/"])
def test_wide_screen_shows_the_whole_table_without_the_hint(browser, site_url, edition) -> None:
    """At 1280 px every column shows in both editions (the English table was 863,
    then 919 px wide in its 736 px column, its last columns cut off)."""
    url = f"{site_url}/{edition}domestic.html"
    with tab(browser, url, viewport={"width": 1280, "height": 900}) as page:
        info = page.evaluate("""() => {
            const box = document.querySelector('.domestic-models-scroll');
            return {scroll: box.scrollWidth, client: box.clientWidth,
                    hint: getComputedStyle(document.querySelector('.domestic-models-hint')).display};
        }""")
    assert info["scroll"] <= info["client"] + 1 and info["hint"] == "none", info


# -- The chart -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def svg(page: BeautifulSoup):
    fig = page.find(id="fig-domestic-models")
    assert fig is not None and fig.name == "figure", "no {chart} domestic-models on the page"
    return fig.find("svg")


def test_chart_rows_and_alt_text_are_the_datas_by_size(svg) -> None:
    """Each model, with its size, in the drawing and in the alt text, from the largest
    to the smallest (their words are the snapshot's: tests/snapshots/book/models.*)."""
    for text in ("".join(t.get_text() for t in svg.find_all("text")), svg["aria-label"]):
        missing = [m.name for m in BY_SIZE if m.name not in text or cell(m.params) not in text]
        assert not missing, (missing, text)
        names = [text.index(m.name) for m in BY_SIZE]
        assert names == sorted(names), f"not from the largest to the smallest: {text}"


def _use(svg, gid: str):
    group = svg.find("g", id=f"chart-domestic-models-{gid}")
    assert group is not None, gid
    return group.find("use")


def test_chart_points_stand_at_the_datas_sizes(svg) -> None:
    at = log_axis(svg)
    for model in ROWS:
        x = float(_use(svg, f"total-{model.key}")["x"])
        assert x == pytest.approx(at(size(model)), abs=0.5), model.key
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
    assert len(shapes["scratch"]) == len(shapes["continued"]) == 1
    assert not shapes["scratch"] & shapes["continued"], "same marker shape for both"
    styles = charts.DOMESTIC_STYLE
    assert styles["scratch"][0] != styles["continued"][0]


def test_rakuten_ai_3_is_emphasised(svg) -> None:
    name = next(m.name for m in ROWS if m.key == charts.DOMESTIC_EMPHASIS)
    text = next(t for t in svg.find_all("text") if t.get_text().startswith(name))
    assert re.search(r"font-weight: (bold|[6-9]00)", text.get("style", "")), text
