"""Charts drawn from the data (_ext/book/features/charts/): in every format, readable, true.

Checked on the book built once per session (``book``): the web page carries each
chart as inline SVG whose labels are real ``<text>``; the PDF embeds the chart
font and its labels come out of pdftotext; the EPUB has the drawing as an image
file; the numbers and bar lengths equal data/facts.yaml.  Then, in Chromium, the
SVG text follows the page's font and its light and dark colours.  Last, the
drawing is reproducible and cached.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from book.data import models_file
from book.data.book_numbers import format_large_ja
from book.features import charts
from conftest import ROOT
from figures_shared import (
    CHART_NAMES,
    FACTS,
    INVEST_2025,
    LABELS,
    MODELS_2025,
    TIMELINE,
    chart_keys,
    charts_on,
    fake_env,
    figure,
    log_axis,
    mark,
    previous,
    svg_texts,
    value,
    written,
)
from helpers import book_facts

# Japanese characters (kana, kanji, full-width forms): none in an English chart.
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_chart_is_drawn_in_the_snapshots(language: str) -> None:
    """A chart's exact words (labels, alt text) are the contract of the small books'
    snapshots (tests/roots/test-charts, tests/test_snapshots_slow.py), not of the
    tests below: every chart the extension can draw must be in one, in each edition."""
    drawn = {
        line.removeprefix("== fig-").strip()
        for path in SNAPSHOTS.glob(f"*/*.{language}.charts.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("== fig-")
    }
    assert set(CHART_NAMES) <= drawn, f"not in a small book: {set(CHART_NAMES) - drawn}"


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
        keys = chart_keys(name)
        for key in new_keys:
            old = FACTS.facts[key].previous_edition
            assert old and keys.index(old) == keys.index(key) - 1, (name, key, keys)
            assert not FACTS.facts[key].supersedes, f"{key}: an edition is not a newer value"
        assert charts.digest(env, name)


class ReadFacts(dict):
    """The data's facts, noting every key read."""

    def __init__(self, facts: dict) -> None:
        super().__init__(facts)
        self.read: set[str] = set()

    def __getitem__(self, key: str):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default=None):
        self.read.add(key)
        return super().get(key, default)


@pytest.mark.parametrize("name", CHART_NAMES)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_chart_reads_only_the_facts_it_lists(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, language: str
) -> None:
    """Its caption, alt text, table rows and drawing read no fact but the chart's own
    (chart_keys): the chart's directive asks for those before anything is drawn, so a
    fact missing from the data ends in its message, never a traceback; and the cached
    drawing's key, made of those facts, changes whenever the drawing would."""
    seen: list[ReadFacts] = []
    reading = charts.ChartData.__init__

    def noting(self, env) -> None:
        reading(self, env)
        self.facts = ReadFacts(self.facts)
        seen.append(self.facts)

    monkeypatch.setattr(charts.ChartData, "__init__", noting)
    chart, env = charts.CHARTS[name], fake_env(tmp_path, language=language)
    data = charts.ChartData(env)
    chart.caption(data), chart.alt(data), chart.rows and chart.rows(data)
    charts.render(env, name, tmp_path, "key", "svg")
    read = set().union(*(facts.read for facts in seen))
    assert read and read <= set(chart_keys(name)), sorted(read - set(chart_keys(name)))


def test_timeline_events_are_the_datas_in_date_order() -> None:
    events = charts.timeline.timeline_events(charts.ChartData(fake_env(ROOT / "_build" / "unused")))
    assert [e.key for e in events] == [date for date, _ in TIMELINE]
    assert [e.date for e in events] == [written(date) for date, _ in TIMELINE]
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


# -- Where each chart is ---------------------------------------------------------------


@pytest.fixture(scope="session")
def chart_pages(pages: dict[str, str]) -> dict:
    return charts_on(pages)


@pytest.fixture(scope="session")
def chart_pages_en(pages_en: dict[str, str]) -> dict:
    return charts_on(pages_en)


def chart_rows(name: str, language: str = "ja") -> list[tuple[str, str]]:
    """(item, fact) of each figure a chart draws: its table and CSV file's rows."""
    data = charts.ChartData(fake_env(ROOT / "_build" / "unused", language=language))
    return charts.data.chart_rows(charts.CHARTS[name], data)


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_in_html_as_inline_svg_with_text(chart_pages, name: str) -> None:
    fig = figure(chart_pages, name)
    svg = fig.find("svg")
    assert svg is not None, f"{name}: no inline SVG in the web page"
    texts = svg_texts(fig)
    assert texts, f"{name}: the SVG has no <text>: labels were drawn as paths"
    # Each row of the chart's table (region, model, event...) is named in the drawing.
    joined = "".join(texts)
    for item, _ in chart_rows(name):
        assert item in joined, f"{name}: {item!r} is not SVG text ({texts})"
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


# -- The numbers equal the data: labels and bar lengths --------------------------------


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
        # a third series is an outline in the ink colour (charts.ai_index.LOOKS)
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
# A multiple of a figure, written beside it: 約12倍, about 12 times.
TIMES_RE = {"ja": re.compile(r"約(\d+)倍"), "en": re.compile(r"about (\d+) times")}


def assert_multiples_are_the_datas(name: str, texts: list[str], language: str) -> None:
    """A multiple written in a chart's label is the ratio, rounded here, of another of
    the chart's figures (of the same unit) to the figure of that label."""
    keys = chart_keys(name)
    for text in texts:
        for times in TIMES_RE[language].findall(text):
            ratios = {
                round(value(a) / value(b))
                for b in keys
                if written(b, language) in text
                for a in keys
                if a != b and FACTS.facts[a].unit == FACTS.facts[b].unit
            }
            assert int(times) in ratios, f"{name}: {text!r}: {times} is no ratio {ratios}"


@pytest.mark.parametrize("name", CHART_NAMES)
def test_numbers_in_charts_are_the_datas(chart_pages, name: str) -> None:
    """Every figure written in a chart is one of the data's, and each of the chart's
    facts appears, once; a multiple (約12倍) is the ratio of two of its figures."""
    texts = [t for t in svg_texts(figure(chart_pages, name)) if "目盛" not in t]
    found = sorted(
        f
        for t in texts
        if not TICK_RE.match(t)
        for f in FIGURE_RE.findall(t)
        if not TIMES_RE["ja"].fullmatch(f)
    )
    # A point's label that reads like a tick ("1000億") is left out on both sides.
    keys = chart_keys(name)
    expected = sorted(
        f for k in keys if not TICK_RE.match(written(k)) for f in FIGURE_RE.findall(written(k))
    )
    assert found == expected, f"{name}: figures {found}, data {expected}"
    assert_multiples_are_the_datas(name, texts, "ja")


@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_value_is_drawn_and_in_the_alt_text_with_its_mark(chart_pages, name: str) -> None:
    """Each of the chart's facts is written in the drawing and in the alt text as the
    data has it (約 when it rounds), a reported or unverified one with its mark
    (59件［報道］) as in the prose; the alt text says what the mark means."""
    svg = figure(chart_pages, name).find("svg")
    drawn, alt = "".join(svg_texts(svg)), svg["aria-label"]
    for key in chart_keys(name):
        assert written(key) in drawn, f"{name}: {key} is not drawn as {written(key)}: {drawn}"
        assert written(key) in alt, f"{name}: the alt text lacks {key} ({written(key)}): {alt}"
    if any(mark(k) for k in chart_keys(name)):
        assert LABELS["statuses"]["reported"]["word"] in alt, (
            f"{name}: the alt text does not say what ［報道］ means"
        )


def _use_position(svg, gid: str) -> tuple[float, float]:
    """Where a marker drawn with an id (``gid``) stands in the SVG."""
    group = svg.find("g", id=gid)
    assert group is not None, f"no {gid} in the drawing"
    use = group.find("use")
    return float(use["x"]), float(use["y"])


def test_rakuten_alt_compares_the_models_not_the_target(chart_pages) -> None:
    """ "The largest model is N times the smallest" is about models: the planned size is
    no model (it was, and read about 467 times instead of 447)."""
    alt = figure(chart_pages, "rakuten-models").find("svg")["aria-label"]
    keys = ["rakuten-ai-7b-params", "rakuten-ai-2-params", "prior-1-5b", "rakuten-ai-3-params-card"]
    sizes = [value(key) for key in keys]
    assert f"最小のモデルの約{round(max(sizes) / min(sizes))}倍" in alt, alt


def test_rakuten_points_stand_at_the_datas_sizes(chart_pages) -> None:
    """On the log axis, each model's point is at its value: Rakuten AI 2.0 at the
    model card's 47B total, no longer at 8 × 7B."""
    svg = figure(chart_pages, "rakuten-models").find("svg")
    at = log_axis(svg)
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
    drawn = "".join(svg_texts(svg))
    where = [drawn.index(written(date)) for date, _ in TIMELINE]
    assert where == sorted(where), "the labels are not in date order"
    # Every event listed in the alt text, in order
    alt = svg["aria-label"]
    where = [alt.index(written(date)) for date, _ in TIMELINE]
    assert where == sorted(where), "the alt text does not list the events in order"
    for date, count in TIMELINE:
        assert LABELS["charts"]["geniac-timeline"]["events"][date] in alt
        if count:
            assert written(count) in alt


# Japanese in the code that is no word for readers: the kana's order the index
# sorts by, and a comment in mendex's style file.  (Contributors' messages, in
# outputs/checks/ and data/check.py, quote Japanese examples: not scanned.)
NOT_WORDS = {"features/book_index/readings.py", "features/book_index/paper.py"}


@pytest.mark.parametrize("part", ["core", "features", "outputs/site", "outputs/paper"])
def test_figure_words_come_from_the_labels_file(part: str) -> None:
    """No reader-facing word is written in the extension's code: every word of every
    chart, table, the calculator, the search page and the page frame is in
    data/labels.yaml, data/book.yaml or a message catalogue (per language).  Comments,
    docstrings, one-line regular expressions (r"...") and the comments of JavaScript
    or CSS held in a string are not reader-facing; the rest of such a string is (the
    search page's result count was written in one)."""
    book = ROOT / "_ext" / "book"
    paths = [
        path
        for path in sorted((book / part).rglob("*.py"))
        if path.relative_to(book).as_posix() not in NOT_WORDS
    ]
    assert len(paths) > 5, f"_ext/book/{part}: the check would prove nothing"
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()}"
        for path in paths
        for line, text in words_in_code(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_the_words_check_reads_strings_of_code() -> None:
    """The check above finds a word in a string of JavaScript, and only there."""
    code = (
        '"""A docstring: 日本語."""\n'
        "# a comment: 日本語\n"
        'PATTERN = r"[億兆]"\n'
        'SCRIPT = r"""\n// a JavaScript comment: 圏\nshow("検索が終わりました");\n"""\n'
    )
    assert [line for line, _ in words_in_code(code)] == [6]


def words_in_code(code: str) -> list[tuple[int, str]]:
    """(line, text) of each line of Python strings with Japanese in it, leaving out
    docstrings, comments, one-line raw strings and JS/CSS comments inside strings."""
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
    docstrings = {
        node.body[0].lineno
        for node in ast.walk(ast.parse(code))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    found = []
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type != tokenize.STRING or token.start[0] in docstrings:
            continue
        prefix = token.string[: len(token.string) - len(token.string.lstrip("rRbBuUfF"))]
        if "r" in prefix.lower() and "\n" not in token.string:
            continue  # a regular expression
        text = re.sub(
            r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), token.string, flags=re.S
        )
        text = re.sub(r"//[^\n]*", "", text)
        found += [
            (token.start[0] + offset, line)
            for offset, line in enumerate(text.split("\n"))
            if japanese.search(line)
        ]
    return found


# -- The English edition: the same charts, in English, from the same data --------------


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


def test_english_words_hand_checked() -> None:
    """The English number style of the charts, on the cases the contract names."""
    assert written("rakuten-ai-3-params-card", "en") == "671 billion"
    assert written("target-params", "en") == "700 billion [reported]"
    assert written("rakuten-ai-2-params", "en") == "about 47 billion"
    invest = written("aiindex26-invest-us", "en")
    assert invest.startswith("$") and "billion" in invest


@pytest.mark.parametrize("name", CHART_NAMES)
def test_english_chart(chart_pages_en, name: str) -> None:
    """The English page shows the same chart, every word in English: its labels,
    alt text and caption; each row of its table is named, and each of its facts is
    drawn and in the alt text in the English style, marked as the prose marks it."""
    fig = figure(chart_pages_en, name)
    svg = fig.find("svg")
    assert svg is not None, f"{name}: no inline SVG in the English page"
    texts = svg_texts(svg)
    drawn = "".join(texts)
    assert_multiples_are_the_datas(name, texts, "en")
    for item, _ in chart_rows(name, "en"):
        assert item in drawn, f"{name}: {item!r} is not in the English drawing: {drawn}"
    alt = svg["aria-label"]
    assert not JAPANESE.search(drawn), f"{name}: Japanese in the English drawing: {drawn}"
    assert not JAPANESE.search(alt), f"{name}: Japanese in the English alt text: {alt}"
    for key in chart_keys(name):
        shown = written(key, "en")
        assert shown in drawn, f"{name}: {key} is not drawn as {shown!r}: {drawn}"
        assert shown in alt, f"{name}: the English alt text lacks {key} ({shown}): {alt}"
    if any(mark(k, "en") for k in chart_keys(name)):
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
    # The same multiples (約12倍, about 12 times), each checked against the data above.
    times = [
        [m for t in svg_texts(svg) for m in TIMES_RE[language].findall(t)]
        for svg, language in ((ja, "ja"), (en_svg, "en"))
    ]
    assert times[0] == times[1], name


def test_digest_follows_the_data_and_only_the_data(tmp_path: Path) -> None:
    env = fake_env(tmp_path)
    before = {name: charts.digest(env, name) for name in CHART_NAMES}
    changed = book_facts()
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


# -- Captions state a finding: each finding still holds for the data -------------------


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
