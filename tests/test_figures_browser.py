"""Charts drawn from the data (_ext/book/features/charts/): in every format, readable,
true.
"""

from __future__ import annotations

import re

import pytest
from book.features import charts
from browser_fixtures import page_script, tab
from figures_shared import CHART_NAMES

pytestmark = pytest.mark.browser
# The page that shows each chart.
CHART_PAGES = {
    "models-by-region": "comparison",
    "private-investment": "comparison",
    "benchmark-gap": "comparison",
    "rakuten-models": "parameters",
    "geniac-timeline": "updates",
    "domestic-models": "domestic",
}


# -- In the browser: page font, light and dark colours ---------------------------------


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_charts_blue_stands_out_in_both_themes(browser, site_url: str, scheme: str) -> None:
    """The blue points, lines and bars are drawn in the theme's blue, at 4.5:1 or
    more against the page: the blue of the MoE lines and hollow points is as thin
    as text.  On the dark page Okabe–Ito blue had 3.55:1 (issue 20); there it is
    Okabe–Ito's sky blue (charts.BLUE_ON_DARK, _static/charts.css)."""
    with tab(browser, f"{site_url}/parameters.html", theme=scheme) as page:
        seen = page.evaluate(page_script("chart_colours"))
    blue = rgb(charts.BLUE if scheme == "light" else charts.BLUE_ON_DARK)
    assert blue in seen["colours"], seen
    assert contrast(blue, seen["bg"]) >= 4.5, seen


# Two lines of different texts, one above the other, stand at least this far
# apart, in their text size (the charts' own lines: 1.24 and more).
LINE_APART = 1.15


def crowded(texts: list) -> list[str]:
    """Pairs of lines of different texts of the same chart, one above the other,
    closer than LINE_APART: they run into each other, or read as one label."""
    found = []
    for i, (chart, group, text, left, right, middle, size) in enumerate(texts):
        for other, group2, words, l2, r2, m2, s2 in texts[i + 1 :]:
            if other != chart or group2 == group or min(right, r2) - max(left, l2) <= 1:
                continue
            if abs(middle - m2) < LINE_APART * max(size, s2):
                found.append(f"{chart}: {text!r} and {words!r} {abs(middle - m2):.1f} px apart")
    return found


# What the tests read on a page with charts (given their figures' ids): every line of
# their text (chart_texts.js), and each chart's sizes (chart_sizes.js) and colours
# against the page's (chart_theme.js).
READ_CHARTS = f"""ids => ({{
    texts: ({page_script("chart_texts")})(),
    charts: Object.fromEntries(ids.map(id => [id, {{
        size: ({page_script("chart_sizes")})(id), theme: ({page_script("chart_theme")})(id)}}])),
}})"""


@pytest.fixture(scope="module")
def charts_seen(browser, site_url: str):
    """charts_seen(edition, width, scheme="light"): READ_CHARTS of every page that has a
    chart ({page: …}), each loaded once per edition, screen width and colour scheme
    (the system's: the theme left on auto)."""
    assert sorted(CHART_PAGES) == CHART_NAMES
    cache: dict[tuple, dict] = {}

    def seen(edition: str, width: int, scheme: str = "light") -> dict:
        if (edition, width, scheme) not in cache:
            viewport = {"width": width, "height": 812 if width < 400 else 900}
            with tab(browser, color_scheme=scheme, viewport=viewport) as page:
                found = cache[edition, width, scheme] = {}
                for doc in sorted(set(CHART_PAGES.values())):
                    page.goto(f"{site_url}/{edition}{doc}.html")
                    ids = [f"fig-{name}" for name, on in CHART_PAGES.items() if on == doc]
                    found[doc] = page.evaluate(READ_CHARTS, ids)
        return cache[edition, width, scheme]

    return seen


def every_chart(seen: dict) -> dict[str, dict]:
    return {name: read for page in seen.values() for name, read in page["charts"].items()}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_svg_text_uses_page_font_and_theme_colours(charts_seen, scheme: str) -> None:
    """Every chart's text is in the page's font and colour, readable on its background
    (4.5:1), and the two series' colours stand out from it (3:1)."""
    for name, read in every_chart(charts_seen("", 1280, scheme)).items():
        info = read["theme"]
        assert info["font"] == info["pageFont"], (name, info)
        assert info["fill"] == info["colour"], (name, info)
        assert contrast(info["fill"], info["bg"]) >= 4.5, (name, info)
        for series in (charts.BLUE, charts.VERMILLION):
            assert contrast(rgb(series), info["bg"]) >= 3, f"{name}: {series} on {info['bg']}"


@pytest.mark.parametrize("edition", ["", "en/"])
def test_chart_texts_never_overlap(charts_seen, edition: str) -> None:
    """No line of a chart's text runs into another, at 1280 px and 375 px: the
    sizes of the domestic models on two lines stood against the row names above
    and below them (one text size apart in English, overlapping in Japanese;
    issue 20)."""
    problems = [
        f"{width} px {doc}: {p}"
        for width in (1280, 375)
        for doc, read in charts_seen(edition, width).items()
        for p in crowded(read["texts"])
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", ["", "en/"])
def test_charts_text_is_the_pages_size_on_a_desktop(charts_seen, edition: str) -> None:
    """At 1280 px (a 736 px column) each chart grows to the width at which its
    text is as large as the page's, no larger (Chart.max_width): at 448 px its
    words were 14.5 px next to 16 px text (issue 20), and the whole column would
    set them at 24 px."""
    seen = {name: read["size"] for name, read in every_chart(charts_seen(edition, 1280)).items()}
    problems = [(n, i) for n, i in seen.items() if not 0.97 <= i["median"] / i["page"] <= 1.1]
    assert len(seen) == len(CHART_NAMES) and not problems, problems


@pytest.mark.parametrize("edition", ["", "en/"])
def test_charts_are_readable_on_a_phone(charts_seen, edition: str) -> None:
    """On a 375 px wide screen every chart fits the width, its texts included, and
    its text is drawn at 11 px or more (the page's text is about 16 px): the charts
    are drawn narrow."""
    seen = {name: read["size"] for name, read in every_chart(charts_seen(edition, 375)).items()}
    problems = [(n, i) for n, i in seen.items() if i["right"] > i["window"] or i["smallest"] < 11]
    assert len(seen) == len(CHART_NAMES) and not problems, problems
