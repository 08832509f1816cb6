"""Charts drawn from the data (_ext/book/features/charts/): in every format, readable, true.

Checked on the book built once per session (``book``): the web page carries each
chart as inline SVG whose labels are real ``<text>``; the PDF embeds the chart
font and its labels come out of pdftotext; the EPUB has the drawing as an image
file; the numbers and bar lengths equal data/facts.yaml.  Then, in Chromium, the
SVG text follows the page's font and its light and dark colours.  Last, the
drawing is reproducible and cached.
"""

from __future__ import annotations

import re
import subprocess
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from book.core.facts import FACTS_DATA
from book.core.models import MODELS_DATA
from book.data import models_file
from book.data.book_numbers import format_date, format_large_en, format_large_ja
from book.data.facts_file import format_value, load_facts
from book.features import charts
from bs4 import BeautifulSoup
from conftest import ROOT, Book, make
from helpers import squash

FACTS = load_facts(ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "data/facts.yaml")
LABELS = FACTS.labels["ja"]
LABELS_EN = FACTS.labels["en"]
# The charts' typeface in the PDF: the book's own Gothic (charts/paper_font.py).
CHART_FONT = "HaranoAjiGothic"
# Japanese characters (kana, kanji, full-width forms): none in an English chart.
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")


def text(key: str) -> str:
    return format_value(FACTS.facts[key], LABELS)


def value(key: str) -> float:
    return float(FACTS.facts[key].value)


def run(*cmd: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{cmd[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result


def mark(key: str) -> str:
    """The status mark the prose puts after a reported or unverified value."""
    word = LABELS["statuses"][FACTS.facts[key].status]["mark"]
    return f"［{word}］" if word else ""


def marked(key: str) -> str:
    return text(key) + mark(key)


def previous(key: str) -> str:
    """The same measure in the report's previous edition (AI Index 2026 -> 2025)."""
    older = FACTS.facts[key].previous_edition
    assert older, f"{key} has no previous_edition"
    return older


def shown(key: str) -> str:
    """A fact as the charts write it: parameter counts without their unit."""
    fact = FACTS.facts[key]
    if fact.unit == "params":
        return format_large_ja(float(fact.value))
    return text(key)


# The AI Index facts of 2025 (AI Index 2026); the 2024 ones are their previous_edition.
MODELS_2025 = ["aiindex26-models-us", "aiindex26-models-cn"]
LAUNCH_2025 = ["aiindex26-models-us-launch", "aiindex26-models-cn-launch"]
INVEST_2025 = ["aiindex26-invest-us", "aiindex26-invest-cn", "aiindex26-invest-uk"]
# The GENIAC time line: (date fact, count fact or None), in the order of the dates.
TIMELINE = [
    ("geniac-first-round-date", "geniac-first-round"),
    ("geniac-round-2-start", "geniac-round-2-projects"),
    ("geniac-prize-date", None),
    ("meti-support-date", None),
    ("geniac-round-3-date", "companies-24"),
    ("rakuten-ai-3-date", None),
    ("rakuten-ai-3-open", None),
    ("geniac-round-4-date", "geniac-round-4-projects"),
    ("national-model-award-date", None),
]
TIMELINE_WORDS = LABELS["charts"]["geniac-timeline"]
# Japan's foundation models (data/facts.yaml "models:") and the words of their chart.
DOMESTIC = models_file.load_models(ROOT / "data" / "facts.yaml", "data/facts.yaml", FACTS).rows
DOMESTIC_WORDS = LABELS["charts"]["domestic-models"]


def about(key: str) -> str:
    """A parameter count as the charts write it: 約 when the data's label says so."""
    return ("約" if FACTS.facts[key].about else "") + shown(key)


def ratio(a: str, b: str) -> str:
    """Rounded here independently of the book's code."""
    return f"約{round(value(a) / value(b))}倍"


# The labels each chart must show, from the data (names are words, not figures).
def expected_labels(name: str) -> list[str]:
    years = [text(previous("aiindex26-year")), text("aiindex26-year")]
    if name == "models-by-region":
        # each edition a group named by its edition and year
        return (
            [
                "米国",
                "中国",
                *(f"AI Index {y}（{t}の数）" for y, t in zip(("2025", "2026"), years, strict=True)),
            ]
            + [marked(k) for k in MODELS_2025 + [previous(k) for k in MODELS_2025]]
            + [marked(k) for k in LAUNCH_2025]
        )
    if name == "private-investment":
        us, cn = INVEST_2025[:2]
        return (
            ["米国", "中国", "英国"]
            + [f"AI Index {y}（{t}の額）" for y, t in zip(("2025", "2026"), years, strict=True)]
            + [marked(k) for k in INVEST_2025 + [previous(k) for k in INVEST_2025]]
            # the US as a multiple of China, in each year
            + [ratio(previous(us), previous(cn)), ratio(us, cn)]
        )
    if name == "benchmark-gap":
        keys = [
            "aiindex-gap-mmlu-2023",
            "aiindex-gap-mmlu-2024",
            "aiindex-gap-humaneval-2023",
            "aiindex-gap-humaneval-2024",
        ]
        return (
            ["MMLU", "HumanEval"]
            + [text(k) for k in keys]
            + [format_date(FACTS.facts[k].as_of, LABELS) for k in keys[:2]]
        )
    if name == "rakuten-models":
        return [
            "Rakuten AI 7B",
            "Rakuten AI 2.0",
            "Rakuten AI 2.0 mini",
            "Rakuten AI 3.0",
            "目標の規模",
            shown("rakuten-ai-7b-params"),
            # the model card's total (約: the data calls it approximate)
            f"約{shown('rakuten-ai-2-params')}（働くのは{shown('rakuten-ai-2-active')}）",
            shown("prior-1-5b"),
            shown("target-params"),
            f"{shown('rakuten-ai-3-params-card')}（働くのは{shown('rakuten-ai-3-active-card')}）",
            "対数目盛",
        ]
    if name == "domestic-models":
        labels = [DOMESTIC_WORDS[t] for t in {m.training for m in DOMESTIC}]
        for model in DOMESTIC:
            labels.append(
                DOMESTIC_WORDS["row"].format(
                    name=model.name, training=DOMESTIC_WORDS[model.training]
                )
            )
            total = about(model.params) + mark(model.params)
            if model.active:
                active = about(model.active) + mark(model.active)
                labels.append(DOMESTIC_WORDS["size-moe"].format(total=total, active=active))
            else:
                labels.append(DOMESTIC_WORDS["size"].format(total=total))
        return labels
    if name == "geniac-timeline":
        labels = [TIMELINE_WORDS["geniac"], TIMELINE_WORDS["rakuten"]]
        for date, count in TIMELINE:
            labels += [marked(date), TIMELINE_WORDS["events"][date]]
            if count:
                labels.append(marked(count))
        return labels
    raise AssertionError(name)


def test_every_chart_has_expected_labels() -> None:
    """The list above covers every chart the extension can draw."""
    assert sorted(charts.CHARTS) == sorted(
        [
            "models-by-region",
            "private-investment",
            "benchmark-gap",
            "rakuten-models",
            "geniac-timeline",
            "domestic-models",
        ]
    )


def test_rakuten_labels_come_from_the_data() -> None:
    """Rakuten AI 2.0 at the model card's total (47B), not 8 × 7B; 3.0 at the model
    card's figures; the 2025-07 target on a row of its own."""
    assert format_large_ja(value("rakuten-ai-2-params")) == "470億"
    assert value("rakuten-ai-2-params") != value("rakuten-ai-2-experts") * value(
        "rakuten-ai-2-expert-params"
    )
    assert format_large_ja(value("rakuten-ai-3-params-card")) == "6710億"
    assert format_large_ja(value("rakuten-ai-3-active-card")) == "370億"
    assert value("target-params") != value("rakuten-ai-3-params-card")
    rows = charts.rakuten.rakuten_rows(charts.ChartData(fake_env(ROOT / "_build" / "unused")))
    by_name = {name: (total, active, label) for name, total, active, label, _ in rows}
    assert by_name["Rakuten AI 2.0"][:2] == (
        value("rakuten-ai-2-params"),
        value("rakuten-ai-2-active"),
    )
    assert by_name["Rakuten AI 3.0"][:2] == (
        value("rakuten-ai-3-params-card"),
        value("rakuten-ai-3-active-card"),
    )
    assert by_name["目標の規模"][0] == value("target-params")
    assert not any("×" in label for _, _, label in by_name.values()), "8×7B is back"


def test_two_editions_are_paired_through_previous_edition() -> None:
    """Each AI Index 2026 figure is drawn with the 2025 edition's figure that the
    data names as its previous_edition, not with a pair typed in the code."""
    env = fake_env(ROOT / "_build" / "unused")
    for name, new_keys in (
        ("models-by-region", MODELS_2025),
        ("private-investment", INVEST_2025),
    ):
        keys = charts.chart_keys(charts.CHARTS[name], FACTS.facts, DOMESTIC)
        for key in new_keys:
            old = FACTS.facts[key].previous_edition
            assert old and keys.index(old) == keys.index(key) - 1, (name, key, keys)
            assert not FACTS.facts[key].supersedes, f"{key}: an edition is not a newer value"
        assert charts.digest(env, name)


def test_timeline_events_are_the_datas_in_date_order() -> None:
    events = charts.timeline.timeline_events(charts.ChartData(fake_env(ROOT / "_build" / "unused")))
    assert [e.key for e in events] == [date for date, _ in TIMELINE]
    assert [e.date for e in events] == [marked(date) for date, _ in TIMELINE]
    days = [e.day for e in events]
    assert days == sorted(days), "the time line is not in date order"
    # GENIAC's rounds and Rakuten's own milestones are two groups, two marker shapes
    groups = {e.key: e.group for e in events}
    assert groups["rakuten-ai-3-date"] == groups["rakuten-ai-3-open"] == "rakuten"
    assert groups["geniac-round-3-date"] == groups["geniac-round-4-date"] == "geniac"
    shapes = {marker for marker, _ in charts.timeline.TIMELINE_STYLE.values()}
    assert len(shapes) == len(charts.timeline.TIMELINE_STYLE), "groups differ by colour only"
    # an approximate date is written with ごろ
    assert "ごろ" in next(e.date for e in events if e.key == "meti-support-date")


# ==============================================================================
# Where each chart is
# ==============================================================================


@pytest.fixture(scope="session")
def chart_pages(pages: dict[str, str]) -> dict[str, BeautifulSoup]:
    """Chart name -> the parsed page that shows it."""
    found = {}
    for name in charts.CHARTS:
        for _page, html in pages.items():
            if f'id="fig-{name}"' in html:
                found[name] = BeautifulSoup(html, "html.parser")
                break
    return found


def figure(chart_pages: dict[str, BeautifulSoup], name: str):
    assert name in chart_pages, f"no page shows the chart {name} (```{{chart}} {name}```)"
    fig = chart_pages[name].find(id=f"fig-{name}")
    assert fig is not None and fig.name == "figure"
    return fig


def latex_pdf(book: Book, name: str) -> Path:
    """The chart PDF that the book's .tex includes."""
    tex = book.tex.read_text(encoding="utf-8")
    match = re.search(rf"\\sphinxincludegraphics\[[^]]*\]\{{(chart-{name}-[0-9a-f]+\.pdf)\}}", tex)
    assert match, f"the LaTeX source does not include the chart {name}"
    return book.tex.parent / match.group(1)


CHART_NAMES = sorted(charts.CHARTS)
# The page that shows each chart.
CHART_PAGES = {
    "models-by-region": "comparison",
    "private-investment": "comparison",
    "benchmark-gap": "comparison",
    "rakuten-models": "parameters",
    "geniac-timeline": "updates",
    "domestic-models": "domestic",
}


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_in_html_as_inline_svg_with_text(chart_pages, name: str) -> None:
    fig = figure(chart_pages, name)
    svg = fig.find("svg")
    assert svg is not None, f"{name}: no inline SVG in the web page"
    texts = [t.get_text() for t in svg.find_all("text")]
    assert texts, f"{name}: the SVG has no <text>: labels were drawn as paths"
    joined = "".join(texts)
    for label in expected_labels(name):
        assert label in joined, f"{name}: label {label!r} is not SVG text ({texts})"
    # No font named in the drawing: the text takes the page's font stack.
    assert "font-family" not in str(svg), f"{name}: the SVG names a font"
    # Text colour from the page (dark mode), not a fixed black.
    styles = " ".join(t.get("style", "") for t in svg.find_all("text"))
    assert "currentColor" in styles and "#000000" not in str(svg)
    # Accessible: one image with the alt text, and a caption with a number.
    assert svg.get("role") == "img" and len(svg.get("aria-label", "")) > 20
    caption = fig.find("figcaption")
    assert caption is not None and re.search(r"図\s*\d+", caption.get_text())
    source = fig.find(class_="figure-source")
    assert source is not None and source.get_text().startswith("出典：")
    assert source.find("a", href=re.compile(r"sources\.html#source-")), (
        f"{name}: the source line does not link to the sources page"
    )
    # One short line: one source named, the rest counted and linked to the list.
    links = source.find_all("a")
    assert len(links) <= 2, f"{name}: {len(links)} links in the source line"
    if len(links) == 2:
        assert links[1]["href"].endswith("sources.html#sources-list")
        assert re.fullmatch(r"ほか\d+件", links[1].get_text()), links[1].get_text()


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_is_referenced_from_the_prose(chart_pages, name: str) -> None:
    page = chart_pages[name]
    refs = page.select(f'a[href="#fig-{name}"] .std-numref')
    assert refs, f"no {{numref}}`fig-{name}` on the page that shows the chart"
    number = re.search(r"図\s*(\d+)", figure(chart_pages, name).find("figcaption").get_text())
    assert refs[0].get_text().replace("\xa0", " ").strip() == f"図 {number.group(1)}"


def test_inline_svg_ids_are_unique_per_page(pages: dict[str, str]) -> None:
    for page, html in pages.items():
        ids = re.findall(r'\bid="([^"]+)"', html)
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{page}: duplicate ids {sorted(dupes)[:5]}"


@pytest.mark.pdf
@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_pdf_is_vector_with_japanese_font_embedded(book: Book, name: str) -> None:
    pdf = latex_pdf(book, name)
    result = run("pdffonts", pdf)
    rows = result.stdout.splitlines()[2:]
    fonts = [r for r in rows if CHART_FONT in r]
    assert fonts, f"{pdf.name}: {CHART_FONT} is not in the chart PDF:\n{result.stdout}"
    for row in rows:
        assert row.split()[-5] == "yes", f"{pdf.name}: font not embedded: {row}"
    # poppler says so when a font is declared as one type and embedded as another
    assert "Mismatch" not in result.stderr, result.stderr
    extracted = squash(run("pdftotext", pdf, "-").stdout)
    for label in expected_labels(name):
        assert squash(label) in extracted, f"{pdf.name}: {label!r} not extractable text"
    # Vector: no raster image inside.
    assert "/Subtype /Image" not in pdf.read_bytes().decode("latin-1")


@pytest.mark.pdf
def test_book_pdf_embeds_the_chart_font(book: Book) -> None:
    rows = run("pdffonts", book.pdf).stdout.splitlines()[2:]
    chart_rows = [r for r in rows if CHART_FONT in r]
    assert chart_rows, "the book PDF does not carry the charts' Japanese font"
    assert all(r.split()[-5] == "yes" for r in chart_rows)
    text = squash(run("pdftotext", book.pdf, "-").stdout)
    for name in CHART_NAMES:
        for label in expected_labels(name):
            assert squash(label) in text, f"book PDF: chart label {label!r} missing"


@pytest.mark.pdf
@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_in_epub_as_image_with_alt(book: Book, name: str) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        names = epub.namelist()
        svgs = [n for n in names if re.search(rf"_images/chart-{name}-[0-9a-f]+\.svg$", n)]
        assert len(svgs) == 1, f"EPUB: chart {name} image files: {svgs}"
        svg = epub.read(svgs[0]).decode("utf-8")
        pages = [epub.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")]
    assert "<text" in svg and "currentColor" not in svg and "var(--" not in svg
    img = [m for p in pages for m in re.findall(rf"<img [^>]*chart-{name}-[^>]*>", p)]
    assert img and 'alt="' in img[0] and 'alt=""' not in img[0]
    assert not any("<svg" in p and f"fig-{name}" in p for p in pages), (
        "EPUB pages must not inline SVG (epubcheck needs it declared)"
    )


# ==============================================================================
# The numbers equal the data: labels and bar lengths
# ==============================================================================


# A series colour the page's theme sets (``var(--book-chart-blue, #0072b2)``): its
# fallback is the colour drawn.
THEMED = r"(?:var\(--[\w-]+, )?"


def bars(svg) -> list[tuple[float, float, str]]:
    """(width, height, colour) of the bars: rectangles filled with a series colour,
    directly or through a hatch pattern, or outlined, outside the legend."""
    patterns = {}
    for pattern in svg.find_all("pattern"):
        fill = re.search(rf'fill(?:: |="){THEMED}(#[0-9a-f]{{6}})', str(pattern))
        patterns[pattern["id"]] = fill.group(1) if fill else None
    out = []
    for path in svg.find_all("path"):
        if path.find_parent("g", id=re.compile(r"legend")):
            continue
        style = path.get("style", "")
        fill = re.search(rf"fill: {THEMED}(#[0-9a-f]{{6}})", style)
        via = re.search(r"fill: url\(#([^)]+)\)", style)
        colour = fill.group(1) if fill else patterns.get(via.group(1)) if via else None
        # a third series is an outline in the ink colour (charts.Series.hollow)
        hollow = "fill: none" in style and "stroke: " in style and path["d"].rstrip().endswith("z")
        if hollow:
            colour = "outline"
        elif colour not in (charts.BLUE, charts.VERMILLION):
            continue
        points = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path["d"])]
        xs, ys = points[0::2], points[1::2]
        out.append((max(xs) - min(xs), max(ys) - min(ys), colour))
    return out


@pytest.mark.parametrize(
    "name,keys,horizontal",
    [
        # per region (a series of bars), its bar in each edition's group
        (
            "models-by-region",
            [key for k in MODELS_2025 for key in (previous(k), k)],
            True,
        ),
        (
            "private-investment",
            [key for k in INVEST_2025 for key in (previous(k), k)],
            True,
        ),
        (
            "benchmark-gap",
            [
                "aiindex-gap-mmlu-2023",
                "aiindex-gap-humaneval-2023",
                "aiindex-gap-mmlu-2024",
                "aiindex-gap-humaneval-2024",
            ],
            True,
        ),
    ],
)
def test_bar_lengths_are_proportional_to_the_data(
    chart_pages, name: str, keys: list[str], horizontal: bool
) -> None:
    found = bars(figure(chart_pages, name).find("svg"))
    assert len(found) == len(keys), f"{name}: {len(found)} bars for {len(keys)} values"
    lengths = [w if horizontal else h for w, h, _ in found]
    values = [value(k) for k in keys]
    scale = lengths[-1] / values[-1]
    for key, length, v in zip(keys, lengths, values, strict=False):
        assert length == pytest.approx(v * scale, rel=0.01, abs=0.05), (
            f"{name}: bar of {key} is {length}, expected {v * scale}"
        )


# A figure with its unit as the charts write it: 40件, 1091億ドル, 17.5ポイント, 約12倍, 70億, 7機関
FIGURE_RE = re.compile(r"約?\d+(?:\.\d+)?(?:件|億ドル|ポイント|倍|億|兆|機関)")
# Axis ticks of the log scale (powers of ten), which are not figures of the data.
TICK_RE = re.compile(r"^10*(億|兆)$")


@pytest.mark.parametrize("name", CHART_NAMES)
def test_numbers_in_charts_are_the_datas(chart_pages, name: str) -> None:
    """Every figure written in a chart is one of the data's, and each appears."""
    texts = [t.get_text() for t in figure(chart_pages, name).find("svg").find_all("text")]
    written = sorted(
        f for t in texts if not TICK_RE.match(t) and "目盛" not in t for f in FIGURE_RE.findall(t)
    )
    # A point's label that reads like a tick ("1000億") is left out on both sides.
    expected = sorted(
        f
        for label in expected_labels(name)
        if not TICK_RE.match(label)
        for f in FIGURE_RE.findall(label)
    )
    assert written == expected, f"{name}: figures {written}, data {expected}"


def svg_text(svg) -> str:
    return "".join(t.get_text() for t in svg.find_all("text"))


@pytest.mark.parametrize("name", CHART_NAMES)
def test_reported_values_carry_their_mark(chart_pages, name: str) -> None:
    """A reported or unverified figure shows its mark (59件［報道］) in the drawing
    and in the alt text, as it does in the prose."""
    svg = figure(chart_pages, name).find("svg")
    drawn, alt = svg_text(svg), svg["aria-label"]
    keys = charts.chart_keys(charts.CHARTS[name], FACTS.facts, DOMESTIC)
    for key in keys:
        if FACTS.facts[key].status == "confirmed":
            continue
        assert shown(key) + mark(key) in drawn, f"{name}: {key} without its mark in {drawn}"
        assert shown(key) + mark(key) in alt, f"{name}: {key} without its mark in the alt"
    if any(mark(k) for k in keys):
        assert LABELS["statuses"]["reported"]["word"] in alt, (
            f"{name}: the alt text does not say what ［報道］ means"
        )


@pytest.mark.parametrize("name", CHART_NAMES)
def test_alt_text_mentions_every_value(chart_pages, name: str) -> None:
    alt = figure(chart_pages, name).find("svg")["aria-label"]
    for key in charts.chart_keys(charts.CHARTS[name], FACTS.facts, DOMESTIC):
        assert shown(key) in alt, f"{name}: the alt text does not give {key} ({shown(key)})"


def _use_position(svg, gid: str) -> tuple[float, float]:
    """Where a marker drawn with an id (``gid``) stands in the SVG."""
    group = svg.find("g", id=gid)
    assert group is not None, f"no {gid} in the drawing"
    use = group.find("use")
    return float(use["x"]), float(use["y"])


def test_rakuten_points_stand_at_the_datas_sizes(chart_pages) -> None:
    """On the log axis, each model's point is at its value: Rakuten AI 2.0 at the
    model card's 47B total, no longer at 8 × 7B."""
    import math

    svg = figure(chart_pages, "rakuten-models").find("svg")
    ticks = {}
    for tick in svg.find_all("g", id=re.compile(r"xtick_\d+$")):
        label = tick.find("text").get_text()
        number = float(re.match(r"\d+", label).group()) * (1e8 if "億" in label else 1e12)
        ticks[math.log10(number)] = float(tick.find("use")["x"])
    (l0, x0), (l1, x1) = min(ticks.items()), max(ticks.items())
    at = lambda v: x0 + (math.log10(v) - l0) * (x1 - x0) / (l1 - l0)  # noqa: E731
    keys = [
        "rakuten-ai-7b-params",
        "rakuten-ai-2-params",
        "prior-1-5b",
        "target-params",
        "rakuten-ai-3-params-card",
    ]
    for key in keys:
        x, _ = _use_position(svg, f"chart-rakuten-models-total-{key}")
        assert x == pytest.approx(at(value(key)), abs=0.5), f"{key} drawn at the wrong size"
    for total, active in (
        ("rakuten-ai-2-params", "rakuten-ai-2-active"),
        ("rakuten-ai-3-params-card", "rakuten-ai-3-active-card"),
    ):
        x, _ = _use_position(svg, f"chart-rakuten-models-active-{total}")
        assert x == pytest.approx(at(value(active)), abs=0.5), f"{active} at the wrong size"
    eight_times_seven = value("rakuten-ai-2-experts") * value("rakuten-ai-2-expert-params")
    x, _ = _use_position(svg, "chart-rakuten-models-total-rakuten-ai-2-params")
    assert abs(x - at(eight_times_seven)) > 3, "Rakuten AI 2.0 is drawn at 8 × 7B again"


def test_timeline_has_each_event_at_its_date(chart_pages) -> None:
    """One event per entry of the data, in order, each at its date on the time axis
    (time runs down the page, at a constant scale)."""
    import datetime

    svg = figure(chart_pages, "geniac-timeline").find("svg")
    prefix = "chart-geniac-timeline-event-"
    found = [g["id"][len(prefix) :] for g in svg.find_all("g", id=re.compile(prefix))]
    assert found == [date for date, _ in TIMELINE]
    days = []
    for date, _ in TIMELINE:
        parts = [int(p) for p in str(FACTS.facts[date].value).split("-")] + [1, 1]
        days.append(datetime.date(*parts[:3]).toordinal())
    ys = [_use_position(svg, prefix + date)[1] for date, _ in TIMELINE]
    scale = (ys[-1] - ys[0]) / (days[-1] - days[0])
    assert scale > 0, "time does not run down the page"
    for (date, _), day, y in zip(TIMELINE, days, ys, strict=True):
        assert y == pytest.approx(ys[0] + (day - days[0]) * scale, abs=0.5), date
    # Labels in the same order, each date before its event's name
    drawn = svg_text(svg)
    where = [drawn.index(marked(date)) for date, _ in TIMELINE]
    assert where == sorted(where), "the labels are not in date order"
    # Every event listed in the alt text, in order
    alt = svg["aria-label"]
    where = [alt.index(marked(date)) for date, _ in TIMELINE]
    assert where == sorted(where), "the alt text does not list the events in order"
    for date, count in TIMELINE:
        assert TIMELINE_WORDS["events"][date] in alt
        if count:
            assert marked(count) in alt


@pytest.mark.parametrize("package", ["charts", "param_memory"])
def test_figure_words_come_from_the_labels_file(package: str) -> None:
    """No reader-facing word is written in the figures' code: every word of every
    chart, table and the calculator is in data/labels.yaml (per language).
    Comments, docstrings and regular expressions that read the data's own labels
    (r"...") are not reader-facing."""
    found = []
    for path in sorted((ROOT / "_ext" / package).glob("*.py")):
        code = path.read_text(encoding="utf-8")
        # (docstrings become as many empty lines, so that line numbers stay true)
        code = re.sub(r'"""(.*?)"""', lambda m: "\n" * m.group(0).count("\n"), code, flags=re.S)
        code = re.sub(r'\br"(?:[^"\\]|\\.)*"', '""', code)
        for number, line in enumerate(code.splitlines(), 1):
            line = line.split("#", 1)[0]
            if re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]", line):
                found.append(f"_ext/{package}/{path.name}:{number}: {line.strip()}")
    assert not found, found


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_label_is_cut_off(tmp_path: Path, name: str, language: str) -> None:
    """Every text of the drawing lies inside the figure (nothing cut at an edge)."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font_manager.fontManager.addfont(str(charts.find_font()))
    chart = charts.CHARTS[name]
    colours = charts.PAPER_COLOURS
    with matplotlib.rc_context(charts.style.rc(colours)):
        fig = Figure(figsize=chart.size, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        chart.draw(fig, charts.ChartData(fake_env(tmp_path, language=language)), colours)
        canvas.draw()  # runs the layout
        renderer = canvas.get_renderer()
        box = fig.bbox
        for text in fig.findobj(matplotlib.text.Text):
            if not text.get_visible() or not text.get_text():
                continue
            extent = text.get_window_extent(renderer)
            assert (
                extent.x0 >= box.x0 - 1
                and extent.x1 <= box.x1 + 1
                and extent.y0 >= box.y0 - 1
                and extent.y1 <= box.y1 + 1
            ), (
                f"{name} ({language}): {text.get_text()!r} is outside the drawing ({extent} vs {box})"
            )


# ==============================================================================
# The English edition: the same charts, in English, from the same data
# ==============================================================================


def word_keys(words: object, path: str = "") -> set[str]:
    if not isinstance(words, dict):
        return {path}
    return {k for key, value in words.items() for k in word_keys(value, f"{path}/{key}")}


@pytest.mark.parametrize("section", ["charts", "param-tables", "calculator"])
def test_every_figure_word_exists_in_every_edition(section: str) -> None:
    """A word added to one edition's charts, tables or calculator is added to every
    edition (the count words and the words for "parameters" are each edition's own)."""
    own = {"/count-words", "/params-words"}
    ja = {k for k in word_keys(LABELS[section]) if not k.startswith(tuple(own))}
    for language, labels in FACTS.labels.items():
        assert section in labels, f"data/labels.yaml: {language}: has no {section}:"
        other = {k for k in word_keys(labels[section]) if not k.startswith(tuple(own))}
        assert other == ja, f"{language}: {section}: missing {ja - other}, extra {other - ja}"


def en(key: str) -> str:
    return format_value(FACTS.facts[key], LABELS_EN)


def en_mark(key: str) -> str:
    word = LABELS_EN["statuses"][FACTS.facts[key].status]["mark"]
    return f" [{word}]" if word else ""


def en_marked(key: str) -> str:
    return en(key) + en_mark(key)


def en_size(key: str) -> str:
    """A parameter count as the English charts write it (``about 47 billion``)."""
    about = "about " if FACTS.facts[key].about else ""
    return about + format_large_en(value(key)) + en_mark(key)


# What each English chart must show, written out here (hand-checked words and the
# data's figures in English style).
def expected_labels_en(name: str) -> list[str]:
    years = [en(previous("aiindex26-year")), en("aiindex26-year")]
    if name == "models-by-region":
        return (
            ["US", "China", f"AI Index 2025 (counts for {years[0]})"]
            + [f"AI Index 2026 (counts for {years[1]})"]
            + [en_marked(previous(k)) for k in MODELS_2025]
            + [
                f"{en_marked(k)} ({en_marked(launch)} at launch)"
                for k, launch in zip(MODELS_2025, LAUNCH_2025, strict=True)
            ]
        )
    if name == "private-investment":
        us, cn = INVEST_2025[:2]
        times = [round(value(a) / value(b)) for a, b in ((previous(us), previous(cn)), (us, cn))]
        return (
            ["US", "China", "UK"]
            + [en_marked(k) for k in INVEST_2025 + [previous(k) for k in INVEST_2025]]
            + [f"(US: about {t} times this)" for t in times]
        )
    if name == "benchmark-gap":
        keys = [
            "aiindex-gap-mmlu-2023",
            "aiindex-gap-mmlu-2024",
            "aiindex-gap-humaneval-2023",
            "aiindex-gap-humaneval-2024",
        ]
        return ["MMLU", "HumanEval", "end of 2023", "end of 2024"] + [en(k) for k in keys]
    if name == "rakuten-models":
        return [
            "Rakuten AI 7B",
            "Rakuten AI 2.0 mini",
            "Target size",
            "7 billion",
            "about 47 billion (13 billion active)",
            "1.5 billion",
            "700 billion",
            "671 billion (37 billion active)",
            "log scale",
        ]
    if name == "domestic-models":
        labels = []
        for model in DOMESTIC:
            training = LABELS_EN["charts"]["domestic-models"][model.training]
            labels += [f"{model.name} ({training})", en_size(model.params)]
            if model.active:
                labels.append(f"({en_size(model.active)} active)")
        return labels
    if name == "geniac-timeline":
        words = LABELS_EN["charts"]["geniac-timeline"]
        labels = [words["geniac"], words["rakuten"]]
        for date, count in TIMELINE:
            labels += [en_marked(date), words["events"][date]]
            if count:
                labels.append(en_marked(count))
        return labels
    raise AssertionError(name)


@pytest.fixture(scope="session")
def chart_pages_en(pages_en: dict[str, str]) -> dict[str, BeautifulSoup]:
    """Chart name -> the parsed English page that shows it."""
    found = {}
    for name in charts.CHARTS:
        for _page, html in pages_en.items():
            if f'id="fig-{name}"' in html:
                found[name] = BeautifulSoup(html, "html.parser")
                break
    return found


def test_english_words_hand_checked() -> None:
    """The English number style of the charts, on the cases the contract names."""
    assert en_size("rakuten-ai-3-params-card") == "671 billion"
    assert en_size("target-params") == "700 billion [reported]"
    assert en_size("rakuten-ai-2-params") == "about 47 billion"
    assert en("aiindex26-invest-us").startswith("$") and "billion" in en("aiindex26-invest-us")


@pytest.mark.parametrize("name", CHART_NAMES)
def test_english_chart(chart_pages_en, name: str) -> None:
    """The English page shows the same chart, every word in English: its labels,
    alt text and caption; the figures are the data's, in the English style."""
    fig = figure(chart_pages_en, name)
    svg = fig.find("svg")
    assert svg is not None, f"{name}: no inline SVG in the English page"
    drawn = svg_text(svg)
    for label in expected_labels_en(name):
        assert label in drawn, f"{name}: {label!r} is not in the English drawing: {drawn}"
    alt = svg["aria-label"]
    assert not JAPANESE.search(drawn), f"{name}: Japanese in the English drawing: {drawn}"
    assert not JAPANESE.search(alt), f"{name}: Japanese in the English alt text: {alt}"
    # The alt text gives every value, marked as the drawing marks it.
    for key in charts.chart_keys(charts.CHARTS[name], FACTS.facts, DOMESTIC):
        if key == "aiindex26-year" or key == previous("aiindex26-year"):
            continue  # a year: named, not drawn as a value
        shown = en_size(key) if FACTS.facts[key].unit == "params" else en_marked(key)
        assert shown in alt, f"{name}: the English alt text lacks {key} ({shown}): {alt}"
    if any(en_mark(k) for k in charts.chart_keys(charts.CHARTS[name], FACTS.facts, DOMESTIC)):
        assert "Figures marked [reported] are reported." in alt, alt
    caption = fig.find("figcaption")
    number = caption.find(class_="caption-number")
    assert number is not None and re.fullmatch(r"Fig\. \d+\s*", number.get_text()), caption
    text = caption.find(class_="caption-text").get_text()
    assert not JAPANESE.search(text), f"{name}: Japanese in the English caption: {text}"
    source = fig.find(class_="figure-source")
    assert source is not None and source.get_text().startswith("Sources: ")
    assert source.find("a", href=re.compile(r"sources\.html#source-"))


@pytest.mark.parametrize("name", CHART_NAMES)
def test_english_and_japanese_charts_draw_the_same_marks(
    chart_pages, chart_pages_en, name: str
) -> None:
    """Bars, points and markers stand at the same places in both editions (the
    drawing is the data's; only the words, and so the margins, change): compared
    as the bar lengths' ratios and the order of the markers."""
    ja, en_svg = (figure(p, name).find("svg") for p in (chart_pages, chart_pages_en))
    ja_bars, en_bars = bars(ja), bars(en_svg)
    assert len(ja_bars) == len(en_bars), name
    if ja_bars:
        along = 0  # every bar chart is horizontal
        ja_len = [bar[along] for bar in ja_bars]
        en_len = [bar[along] for bar in en_bars]
        for a, b in zip(ja_len, en_len, strict=True):
            assert a / ja_len[-1] == pytest.approx(b / en_len[-1], rel=0.01), name

    def ids(svg) -> list[str]:
        marks = re.compile(r"-(total|active|event|marker)-")
        return [g["id"] for g in svg.find_all("g", id=marks)]

    assert ids(ja) == ids(en_svg), name


@pytest.mark.pdf
@pytest.mark.parametrize("name", CHART_NAMES)
def test_english_chart_pdf_embeds_the_font(book: Book, name: str) -> None:
    """The English PDF's charts: vector, the chart font embedded, English labels
    extractable."""
    tex = book.en.tex.read_text(encoding="utf-8")
    match = re.search(rf"\\sphinxincludegraphics\[[^]]*\]\{{(chart-{name}-[0-9a-f]+\.pdf)\}}", tex)
    assert match, f"the English LaTeX source does not include the chart {name}"
    pdf = book.en.tex.parent / match.group(1)
    result = run("pdffonts", pdf)
    rows = result.stdout.splitlines()[2:]
    assert any(CHART_FONT in r for r in rows), result.stdout
    assert all(r.split()[-5] == "yes" for r in rows), result.stdout
    assert "Mismatch" not in result.stderr, result.stderr
    extracted = squash(run("pdftotext", pdf, "-").stdout)
    for label in expected_labels_en(name):
        assert squash(label) in extracted, f"{pdf.name}: {label!r} not extractable text"
    assert "/Subtype /Image" not in pdf.read_bytes().decode("latin-1")


# ==============================================================================
# In the browser: page font, light and dark colours
# ==============================================================================


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "where",
    [
        "comparison#fig-models-by-region",
        "updates#fig-geniac-timeline",
        "domestic#fig-domestic-models",
    ],
)
def test_svg_text_uses_page_font_and_theme_colours(
    browser, site_url: str, scheme: str, where: str
) -> None:
    doc, figure_id = where.split("#")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{doc}.html")
        info = page.evaluate(
            """(id) => {
            const fig = document.getElementById(id);
            const text = fig.querySelector('svg text');
            const body = getComputedStyle(document.querySelector('article'));
            let bg = 'rgba(0, 0, 0, 0)', el = fig;
            while (el && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
              bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
            const t = getComputedStyle(text);
            return {fill: t.fill, font: t.fontFamily, pageFont: body.fontFamily,
                    colour: body.color, bg: bg};
        }""",
            figure_id,
        )
    finally:
        context.close()
    assert info["font"] == info["pageFont"], info
    assert info["fill"] == info["colour"], info
    assert contrast(info["fill"], info["bg"]) >= 4.5, info
    for series in (charts.BLUE, charts.VERMILLION):
        rgb = "rgb({}, {}, {})".format(*(int(series[i : i + 2], 16) for i in (1, 3, 5)))
        assert contrast(rgb, info["bg"]) >= 3, f"{series} on {info['bg']} ({scheme})"


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_charts_blue_stands_out_in_both_themes(browser, site_url: str, scheme: str) -> None:
    """The blue points, lines and bars are drawn in the theme's blue, at 4.5:1 or
    more against the page: the blue of the MoE lines and hollow points is as thin
    as text.  On the dark page Okabe–Ito blue had 3.55:1 (issue 20); there it is
    Okabe–Ito's sky blue (charts.BLUE_ON_DARK, _static/charts.css)."""
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/parameters.html")
        seen = page.evaluate(
            r"""() => {
            const svg = document.querySelector('#fig-rakuten-models svg');
            const colours = new Set();
            for (const el of svg.querySelectorAll('path, use')) {
              const s = getComputedStyle(el);
              for (const c of [s.fill, s.stroke]) if (/^rgb\(/.test(c)) colours.add(c);
            }
            return {colours: [...colours],
                    bg: getComputedStyle(document.body).backgroundColor};
        }"""
        )
    finally:
        context.close()
    blue = rgb(charts.BLUE if scheme == "light" else charts.BLUE_ON_DARK)
    assert blue in seen["colours"], seen
    assert contrast(blue, seen["bg"]) >= 4.5, seen


# Every line of text of the page's charts: its chart, the text it belongs to (the
# lines of one label are <text> elements of one group), its words, left and right
# edges, the middle of its line and its size, on the screen.
CHART_TEXTS = """() => {
    const groups = new Map();
    return [...document.querySelectorAll('figure.chart svg text')].map(t => {
      const r = t.getBoundingClientRect(), svg = t.closest('svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (!groups.has(t.parentNode)) groups.set(t.parentNode, groups.size);
      return [t.closest('figure').id, groups.get(t.parentNode), t.textContent, r.left, r.right,
              (r.top + r.bottom) / 2, parseFloat(t.style.fontSize) * scale];
    });
}"""
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


@pytest.mark.parametrize("edition", ["", "en/"])
def test_chart_texts_never_overlap(browser, site_url: str, edition: str) -> None:
    """No line of a chart's text runs into another, at 1280 px and 375 px: the
    sizes of the domestic models on two lines stood against the row names above
    and below them (one text size apart in English, overlapping in Japanese;
    issue 20)."""
    problems = []
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for doc in sorted(set(CHART_PAGES.values())):
            page.goto(f"{site_url}/{edition}{doc}.html")
            problems += [f"{width} px {doc}: {p}" for p in crowded(page.evaluate(CHART_TEXTS))]
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", ["", "en/"])
def test_charts_text_is_the_pages_size_on_a_desktop(browser, site_url: str, edition: str) -> None:
    """At 1280 px (a 736 px column) each chart grows to the width at which its
    text is as large as the page's, no larger (style.screen_width): at 448 px its
    words were 14.5 px next to 16 px text (issue 20), and the whole column would
    set them at 24 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    try:
        for name in CHART_NAMES:
            page.goto(f"{site_url}/{edition}{CHART_PAGES[name]}.html")
            info = page.evaluate(
                """(id) => {
                const svg = document.querySelector('#' + id + ' svg');
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const sizes = [...svg.querySelectorAll('text')].map(
                    t => parseFloat(t.style.fontSize) * scale).sort((a, b) => a - b);
                return {text: sizes[Math.floor(sizes.length / 2)],
                        page: parseFloat(getComputedStyle(document.querySelector('article')).fontSize),
                        width: svg.getBoundingClientRect().width};
            }""",
                f"fig-{name}",
            )
            if not 0.97 <= info["text"] / info["page"] <= 1.1:
                problems.append((name, info))
    finally:
        context.close()
    assert not problems, problems


@pytest.mark.parametrize("edition", ["", "en/"])
def test_charts_are_readable_on_a_phone(browser, site_url: str, edition: str) -> None:
    """On a 375 px wide screen every chart fits the width and its text is drawn at
    11 px or more (the page's text is about 16 px): the charts are drawn narrow."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    problems = []
    try:
        for name in CHART_NAMES:
            doc = CHART_PAGES[name]
            page.goto(f"{site_url}/{edition}{doc}.html")
            info = page.evaluate(
                """(id) => {
                const svg = document.querySelector('#' + id + ' svg');
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const sizes = [...svg.querySelectorAll('text')].map(
                    t => parseFloat(t.style.fontSize) * scale);
                return {right: svg.getBoundingClientRect().right, width: window.innerWidth,
                        smallest: Math.min(...sizes), largest: Math.max(...sizes)};
            }""",
                f"fig-{name}",
            )
            if info["right"] > info["width"] or info["smallest"] < 11:
                problems.append((name, info))
    finally:
        context.close()
    assert not problems, problems


# ==============================================================================
# Reproducible and cached
# ==============================================================================


def fake_env(doctreedir: Path, facts=FACTS, language: str = "ja") -> SimpleNamespace:
    """What the drawing code reads from the build environment: the data and the
    models' rows (kept as the core keeps them), the language, the cache dir."""
    env = SimpleNamespace(config=SimpleNamespace(language=language), doctreedir=str(doctreedir))
    FACTS_DATA.keep(env, facts)
    models = models_file.load_models(Path(facts.path), "data/facts.yaml", facts, language)
    MODELS_DATA.keep(env, models)
    return env


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ja", "en"])
def test_chart_pdf_is_set_in_the_books_typeface(tmp_path: Path, language: str) -> None:
    """A chart drawn for the PDF is set in HaranoAji Gothic, the Gothic of the PDF's
    text (pxchfon), not in IPAexGothic beside it (issue 20); embedded as the
    TrueType it is declared as, its words extractable."""
    env = fake_env(tmp_path, language=language)
    charts.render(env, "domestic-models", tmp_path, "k", "pdf")
    pdf = tmp_path / "domestic-models-k.pdf"
    result = run("pdffonts", pdf)
    names = [row.split()[0].split("+")[-1] for row in result.stdout.splitlines()[2:]]
    assert names and all(n.startswith(CHART_FONT) for n in names), result.stdout
    assert "Mismatch" not in result.stderr, result.stderr
    words = LABELS if language == "ja" else LABELS_EN
    extracted = squash(run("pdftotext", pdf, "-").stdout)
    assert squash(words["charts"]["domestic-models"]["axis"]) in extracted, extracted[:300]


@pytest.mark.slow
def test_drawing_is_reproducible(tmp_path: Path) -> None:
    outputs = []
    for run_dir in ("a", "b"):
        env = fake_env(tmp_path / run_dir)
        for name in CHART_NAMES:
            for fmt in ("svg", "pdf"):
                charts.render(env, name, charts.cache_dir(env), charts.digest(env, name), fmt)
        outputs.append({p.name: p.read_bytes() for p in charts.cache_dir(env).iterdir()})
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) == 3 * len(CHART_NAMES)
    for name, data in outputs[0].items():
        assert data == outputs[1][name], f"{name} differs between two drawings"
        assert b"CreationDate" not in data and b"<dc:date>" not in data
        assert b"Created with" not in data and b"Producer" not in data, (
            f"{name} names the tool that made it (its version would change the bytes)"
        )


def test_digest_follows_the_data_and_only_the_data(tmp_path: Path) -> None:
    env = fake_env(tmp_path)
    before = {name: charts.digest(env, name) for name in CHART_NAMES}
    changed = load_facts(ROOT / "data" / "facts.yaml", ROOT / "data" / "labels.yaml", "x")
    changed.facts["aiindex-models-us"].value = 41
    changed.facts["users-2b"].value = 3  # no chart shows it
    after = {name: charts.digest(fake_env(tmp_path, changed), name) for name in CHART_NAMES}
    assert after["models-by-region"] != before["models-by-region"]
    assert {n: after[n] for n in CHART_NAMES if n != "models-by-region"} == {
        n: before[n] for n in CHART_NAMES if n != "models-by-region"
    }


def test_each_edition_has_its_own_drawing(tmp_path: Path) -> None:
    """The cache key holds the language: the two editions never share a drawing
    (their doctrees differ too, but a key is the only thing the cache trusts)."""
    for name in CHART_NAMES:
        ja = charts.digest(fake_env(tmp_path), name)
        en = charts.digest(fake_env(tmp_path, language="en"), name)
        assert ja != en, name


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts.style, "FONT_FILES", ("/nonexistent/ipaexg.ttf",))
    monkeypatch.setenv("PATH", "/nonexistent")  # no fc-match either
    with pytest.raises(Exception, match=r"fonts-ipaexfont-gothic.*system-deps"):
        charts.find_font()


@pytest.mark.pdf
def test_no_change_rebuild_draws_nothing(book: Book) -> None:
    # one chart cache per builder (html, epub, latex), each in its own doctrees
    caches = sorted((book.builddir / "doctrees").glob("*/charts"))
    drawings = lambda: {  # noqa: E731
        f"{cache.parent.name}/{p.name}": p.stat().st_mtime_ns
        for cache in caches
        for p in cache.iterdir()
    }
    before = drawings()
    for builder in ("html", "epub", "latex"):
        for chart in CHART_NAMES:
            assert any(k.startswith(f"{builder}/{chart}-") for k in before), (builder, chart)
    start = time.perf_counter()
    result = make("html", book.builddir)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "charts: drew" not in result.stdout, "a chart was drawn again without a change"
    assert drawings() == before
    print(f"no-change html rebuild with charts: {elapsed:.2f} s")


# ==============================================================================
# A word missing in one edition: the build says where, and goes on
# ==============================================================================


@pytest.mark.slow
def test_a_missing_english_word_fails_the_build_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chart or calculator word the English block lacks fails the strict English
    build at data/labels.yaml's line, naming the word and where the Japanese one
    is; the Japanese word stands in, so the rest builds (no traceback)."""
    from minibook import SOURCE_DATE_EPOCH, make_project, sphinx_build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("BOOK_LANGUAGE", "en")
    tree = make_project(tmp_path / "book")
    labels = tree / "data" / "labels.yaml"
    lines = labels.read_text(encoding="utf-8").splitlines(keepends=True)
    en_start = lines.index("en:\n")

    def drop(after: int, line: str) -> int:
        """Remove the first ``line`` after line ``after``; its index."""
        index = next(i for i in range(after, len(lines)) if lines[i].strip() == line)
        del lines[index]
        return index

    rakuten = next(i for i in range(en_start, len(lines)) if lines[i] == "    rakuten-models:\n")
    drop(rakuten, 'axis: "Parameters (log scale: ×10 per step)"')
    calculator = next(i for i in range(en_start, len(lines)) if lines[i] == "  calculator:\n")
    drop(calculator, "title: Weights memory calculator")
    labels.write_text("".join(lines), encoding="utf-8")
    ja_axis = next(i for i, line in enumerate(lines) if "axis: パラメータ数" in line) + 1
    ja_title = next(i for i, line in enumerate(lines) if "title: 重みのメモリ計算機" in line) + 1
    en_rakuten = lines.index("    rakuten-models:\n", en_start) + 1
    en_calculator = lines.index("  calculator:\n", en_start) + 1

    code, output = sphinx_build(tree)
    assert code != 0, output
    # reported at the line of the block that lacks the word ("rakuten-models:")
    assert (
        f"data/labels.yaml:{en_rakuten}: WARNING: en: charts: rakuten-models: no word 'axis' "
        f"(the Japanese one is at line {ja_axis})" in output
    ), output
    assert (
        f"data/labels.yaml:{en_calculator}: WARNING: en: calculator: no word 'title' "
        f"(the Japanese one is at line {ja_title})" in output
    ), output
    assert "Traceback" not in output and "Exception occurred" not in output, output
    assert (tree / "out" / "index.html").is_file(), "the rest of the book was not built"


# ==============================================================================
# Captions state a finding: each finding still holds for the data
# ==============================================================================


def test_ai_index_captions_hold_in_each_edition() -> None:
    """「どちらの版でも…米国が中国を大きく上回る」 and 「…桁違いに上回る」: true of
    each edition's own figures (the captions compare regions, never editions)."""
    assert "どちらの版でも" in LABELS["charts"]["models-by-region"]["caption"]
    for us, cn in [("aiindex26-models-us", "aiindex26-models-cn")]:
        for a, b in ((previous(us), previous(cn)), (us, cn)):
            assert value(a) >= 1.5 * value(b), f"{a} is not far above {b}: the caption is wrong"
    assert "桁違い" in LABELS["charts"]["private-investment"]["caption"]
    us = INVEST_2025[0]
    for other in INVEST_2025[1:]:
        for a, b in ((previous(us), previous(other)), (us, other)):
            assert value(a) >= 10 * value(b), f"{a} is not ten times {b}: the caption is wrong"


def test_benchmark_caption_holds() -> None:
    """「大きく縮まった」: each gap is less than half of what it was."""
    for before, after in (
        ("aiindex-gap-mmlu-2023", "aiindex-gap-mmlu-2024"),
        ("aiindex-gap-humaneval-2023", "aiindex-gap-humaneval-2024"),
    ):
        assert value(after) < value(before) / 2, (before, after)


def test_rakuten_caption_holds() -> None:
    """「桁違いに大きい」: Rakuten AI 3.0 is at least ten times every earlier model."""
    newest = value("rakuten-ai-3-params-card")
    for key in ("rakuten-ai-7b-params", "rakuten-ai-2-params", "prior-1-5b"):
        assert newest >= 10 * value(key), key


def test_timeline_caption_holds() -> None:
    """「支援の報道から半年たたずに」: the announcement came within six months."""
    reported = FACTS.facts["meti-support-date"].value
    announced = FACTS.facts["rakuten-ai-3-date"].value
    y1, m1 = (int(x) for x in str(reported).split("-")[:2])
    y2, m2 = (int(x) for x in str(announced).split("-")[:2])
    assert 0 <= (y2 - y1) * 12 + (m2 - m1) < 6, (reported, announced)


def test_domestic_caption_names_the_datas_largest_models() -> None:
    """The caption's two names follow the rows: the largest total, the largest
    trained from scratch."""
    d = charts.ChartData(fake_env(ROOT / "_build" / "unused"))
    rows = models_file.read_models(ROOT).rows
    largest = max(rows, key=lambda m: value(m.params))
    scratch = max((m for m in rows if m.training == "scratch"), key=lambda m: value(m.params))
    caption = charts.CHARTS["domestic-models"].caption(d)
    assert caption.startswith(f"国内で最も大きいのは{largest.name}（"), caption
    assert f"ゼロから学習したモデルでは{scratch.name}が最大" in caption, caption
