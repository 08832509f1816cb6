"""Charts drawn from the data (_ext/book/features/charts/): on the web, readable, true.

Checked on the book built once per session: each chart is inline SVG whose labels
are real ``<text>``, in both editions; its numbers, bar lengths and points equal
data/facts.yaml; its captions' findings hold for the data; the drawing reads only its
own facts and is cached by them.  Its exact words are the small books' snapshots
(tests/roots/test-charts); paper, EPUB and the browser are the other tiers' files.
"""

from __future__ import annotations

import ast
import datetime
import io
import re
import tokenize
from pathlib import Path

import pytest
from book.data.schema import JAPANESE
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

SNAPSHOTS = Path(__file__).parent / "snapshots"
UNUSED = ROOT / "_build" / "unused"  # a cache folder the chart data never writes to


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


def test_two_editions_are_paired_through_previous_edition() -> None:
    """Each AI Index 2026 figure is drawn with the 2025 edition's figure that the
    data names as its previous_edition, not with a pair typed in the code."""
    for name, new_keys in (("models-by-region", MODELS_2025), ("private-investment", INVEST_2025)):
        keys = chart_keys(name)
        for key in new_keys:
            old = FACTS.facts[key].previous_edition
            assert old and keys.index(old) == keys.index(key) - 1, (name, key, keys)
            assert not FACTS.facts[key].supersedes, f"{key}: an edition is not a newer value"


class ReadFacts(dict):
    """The data's facts, noting every key read."""

    read: set[str]

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
    read: set[str] = set()
    reading = charts.ChartData.__init__

    def noting(self, env) -> None:
        reading(self, env)
        self.facts = ReadFacts(self.facts)
        self.facts.read = read

    monkeypatch.setattr(charts.ChartData, "__init__", noting)
    chart, env = charts.CHARTS[name], fake_env(tmp_path, language=language)
    data = charts.ChartData(env)
    chart.caption(data), chart.alt(data), chart.rows and chart.rows(data)
    charts.render(env, name, tmp_path, "key", "svg")
    assert read and read <= set(chart_keys(name)), sorted(read - set(chart_keys(name)))


def test_digest_follows_the_data_the_language_and_only_them(tmp_path: Path) -> None:
    """The cache key changes with a fact the chart shows, never with another, and holds
    the language: the two editions never share a drawing (their doctrees differ too,
    but a key is the only thing the cache trusts)."""
    ja = {name: charts.digest(fake_env(tmp_path), name) for name in CHART_NAMES}
    en = {name: charts.digest(fake_env(tmp_path, language="en"), name) for name in CHART_NAMES}
    assert not {n for n in CHART_NAMES if ja[n] == en[n]}, "an edition shares a drawing"
    changed = book_facts()
    changed.facts["aiindex-models-us"].value = 41
    changed.facts["users-2b"].value = 3  # no chart shows it
    after = {name: charts.digest(fake_env(tmp_path, changed), name) for name in CHART_NAMES}
    assert {n for n in CHART_NAMES if after[n] != ja[n]} == {"models-by-region"}


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts.style, "FONT_FILES", ("/nonexistent/ipaexg.ttf",))
    monkeypatch.setenv("PATH", "/nonexistent")  # no fc-match either
    with pytest.raises(Exception, match=r"fonts-ipaexfont-gothic.*system-deps"):
        charts.find_font()


# -- On the web: inline SVG with text, in both editions --------------------------------


@pytest.fixture(scope="session")
def chart_pages(pages: dict[str, str], pages_en: dict[str, str]) -> dict[str, dict]:
    """{language: {chart name: the parsed page of that edition that shows it}}."""
    return {"ja": charts_on(pages), "en": charts_on(pages_en)}


def chart_rows(name: str, language: str = "ja") -> list[tuple[str, str]]:
    """(item, fact) of each figure a chart draws: its table and CSV file's rows."""
    data = charts.ChartData(fake_env(UNUSED, language=language))
    return charts.CHARTS[name].rows(data)


# Each edition's caption number, and its source line: the prefix, the link to the
# list that counts the other sources, and what stands between the two links (outside
# them: a link's leading space was lost on paper).
CAPTION_NUMBER = {"ja": r"図 \d+ ", "en": r"Fig\. \d+ "}
SOURCE_LINE = {"ja": ("出典：", r"ほか\d+件", ""), "en": ("Sources: ", r"and \d+ more", " ")}


@pytest.mark.parametrize("name", CHART_NAMES)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_chart_on_the_web(chart_pages: dict, name: str, language: str) -> None:
    """Inline SVG, one image with alt text, every label real ``<text>`` in the page's
    font and colour; each row of its table named; each of its facts drawn and in the
    alt text as the data has it (約 / "about" when it rounds), a reported or unverified
    one with its mark (59件［報道］) as in the prose, the alt text saying what the mark
    means; a multiple (約12倍) the ratio of two of its figures; a numbered caption; a
    source line naming and linking one source and counting the rest.  No Japanese in
    the English chart."""
    fig = figure(chart_pages[language], name)
    svg = fig.find("svg")
    assert svg is not None, f"{name}: no inline SVG in the web page"
    texts = svg_texts(svg)
    assert texts, f"{name}: the SVG has no <text>: labels were drawn as paths"
    drawn, alt = "".join(texts), svg["aria-label"]
    # No font named in the drawing: the text takes the page's font stack, and its
    # colour from the page (dark mode), not a fixed black.
    assert "font-family" not in str(svg), f"{name}: the SVG names a font"
    styles = " ".join(t.get("style", "") for t in svg.find_all("text"))
    assert "currentColor" in styles and "#000000" not in str(svg)
    assert svg.get("role") == "img" and len(alt) > 20
    for item, _ in chart_rows(name, language):
        assert item in drawn, f"{name}: {item!r} is not SVG text ({texts})"
    keys = chart_keys(name)
    for key in keys:
        shown = written(key, language)
        assert shown in drawn, f"{name}: {key} is not drawn as {shown!r}: {drawn}"
        assert shown in alt, f"{name}: the alt text lacks {key} ({shown}): {alt}"
    labels = FACTS.labels[language]
    marks = {FACTS.facts[k].status: mark(k, language).strip() for k in keys if mark(k, language)}
    for status, shown in marks.items():
        note = labels["charts"]["common"]["marks-note"]
        note = note.format(mark=shown, word=labels["statuses"][status]["word"]).strip()
        assert note in alt, f"{name}: the alt text does not say what {shown} means: {alt}"
    assert_multiples_are_the_datas(name, texts, language)
    caption = fig.find("figcaption")
    assert re.fullmatch(CAPTION_NUMBER[language], caption.find(class_="caption-number").text)
    if language == "en":
        for text in (drawn, alt, caption.find(class_="caption-text").get_text()):
            assert not JAPANESE.search(text), f"{name}: Japanese in the English chart: {text}"
    prefix, more, between = SOURCE_LINE[language]
    source = fig.find(class_="figure-source")
    assert source is not None and source.get_text().startswith(prefix)
    links = source.find_all("a")
    assert 1 <= len(links) <= 2, f"{name}: {len(links)} links in the source line"
    assert re.match(r"sources\.html#source-", links[0]["href"]), links[0]
    if len(links) == 2:
        assert links[1]["href"] == "sources.html#sources-list"
        assert re.fullmatch(more, links[1].get_text()), links[1].get_text()
        whole = links[0].get_text() + between + links[1].get_text()
        assert source.get_text().endswith(whole), source.get_text()


def test_inline_svg_ids_are_unique_per_page(pages: dict[str, str]) -> None:
    for page, html in pages.items():
        ids = re.findall(r'\bid="([^"]+)"', html)
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{page}: duplicate ids {sorted(dupes)[:5]}"


# -- The numbers equal the data: labels, bar lengths, points ---------------------------


# A series colour the page's theme sets (``var(--book-chart-blue, #0072b2)``): its
# fallback is the colour drawn.
THEMED = r"(?:var\(--[\w-]+, )?"


def bar_widths(svg) -> list[float]:
    """The widths of the bars (every bar chart is horizontal): shapes filled with a
    series colour, directly or through a hatch pattern, or outlined in the ink colour
    (a third series: charts.ai_index.LOOKS), outside the legend."""
    patterns = {}
    for pattern in svg.find_all("pattern"):
        fill = re.search(rf'fill(?:: |="){THEMED}(#[0-9a-f]{{6}})', str(pattern))
        patterns[pattern["id"]] = fill and fill.group(1)
    widths = []
    for path in svg.find_all("path"):
        if path.find_parent("g", id=re.compile(r"legend")):
            continue
        style = path.get("style", "")
        fill = re.search(rf"fill: {THEMED}(#[0-9a-f]{{6}})", style)
        via = re.search(r"fill: url\(#([^)]+)\)", style)
        colour = fill.group(1) if fill else patterns.get(via.group(1)) if via else None
        hollow = "fill: none" in style and "stroke: " in style and path["d"].rstrip().endswith("z")
        if hollow or colour in (charts.BLUE, charts.VERMILLION):
            xs = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path["d"])][0::2]
            widths.append(max(xs) - min(xs))
    return widths


@pytest.mark.parametrize(
    "name,keys",
    [
        # per region (a series of bars), its bar in each edition's group
        ("models-by-region", [key for k in MODELS_2025 for key in (previous(k), k)]),
        ("private-investment", [key for k in INVEST_2025 for key in (previous(k), k)]),
        (
            "benchmark-gap",
            [
                "aiindex-gap-mmlu-2023",
                "aiindex-gap-humaneval-2023",
                "aiindex-gap-mmlu-2024",
                "aiindex-gap-humaneval-2024",
            ],
        ),
    ],
)
def test_bar_lengths_are_proportional_to_the_data(chart_pages, name: str, keys: list[str]) -> None:
    lengths = bar_widths(figure(chart_pages["ja"], name).find("svg"))
    assert len(lengths) == len(keys), f"{name}: {len(lengths)} bars for {len(keys)} values"
    scale = lengths[-1] / value(keys[-1])
    for key, length in zip(keys, lengths, strict=True):
        assert length == pytest.approx(value(key) * scale, rel=0.01, abs=0.05), (
            f"{name}: bar of {key} is {length}, expected {value(key) * scale}"
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
    facts appears, once (a multiple, 約12倍, is checked above)."""
    texts = [t for t in svg_texts(figure(chart_pages["ja"], name)) if "目盛" not in t]
    found = sorted(
        f
        for t in texts
        if not TICK_RE.match(t)
        for f in FIGURE_RE.findall(t)
        if not TIMES_RE["ja"].fullmatch(f)
    )
    # A point's label that reads like a tick ("1000億") is left out on both sides.
    expected = sorted(
        f
        for k in chart_keys(name)
        if not TICK_RE.match(written(k))
        for f in FIGURE_RE.findall(written(k))
    )
    assert found == expected, f"{name}: figures {found}, data {expected}"


@pytest.mark.parametrize("name", CHART_NAMES)
def test_english_and_japanese_charts_draw_the_same_marks(chart_pages, name: str) -> None:
    """Bars, points and markers stand at the same places in both editions (the
    drawing is the data's; only the words, and so the margins, change): compared
    as the bar lengths' ratios, the order of the markers and the multiples written."""
    ja, en = (figure(chart_pages[language], name).find("svg") for language in ("ja", "en"))
    ja_bars, en_bars = bar_widths(ja), bar_widths(en)
    assert len(ja_bars) == len(en_bars), name
    for a, b in zip(ja_bars, en_bars, strict=True):
        assert a / ja_bars[-1] == pytest.approx(b / en_bars[-1], rel=0.01), name
    marks = re.compile(r"-(total|active|event|marker)-")
    assert [g["id"] for g in ja.find_all("g", id=marks)] == [
        g["id"] for g in en.find_all("g", id=marks)
    ], name
    times = [
        [m for t in svg_texts(svg) for m in TIMES_RE[language].findall(t)]
        for svg, language in ((ja, "ja"), (en, "en"))
    ]
    assert times[0] == times[1], name


def use_position(svg, gid: str) -> tuple[float, float]:
    """Where a marker drawn with an id (``gid``) stands in the SVG."""
    group = svg.find("g", id=gid)
    assert group is not None, f"no {gid} in the drawing"
    use = group.find("use")
    return float(use["x"]), float(use["y"])


def test_rakuten_points_stand_at_the_datas_sizes(chart_pages) -> None:
    """On the log axis, each model's point is at its value: Rakuten AI 2.0 at the
    model card's 47B total, no longer at 8 × 7B; the target on a point of its own."""
    svg = figure(chart_pages["ja"], "rakuten-models").find("svg")
    at = log_axis(svg)
    for key in (
        "rakuten-ai-7b-params",
        "rakuten-ai-2-params",
        "prior-1-5b",
        "target-params",
        "rakuten-ai-3-params-card",
    ):
        x, _ = use_position(svg, f"chart-rakuten-models-total-{key}")
        assert x == pytest.approx(at(value(key)), abs=0.5), f"{key} drawn at the wrong size"
    for total, active in (
        ("rakuten-ai-2-params", "rakuten-ai-2-active"),
        ("rakuten-ai-3-params-card", "rakuten-ai-3-active-card"),
    ):
        x, _ = use_position(svg, f"chart-rakuten-models-active-{total}")
        assert x == pytest.approx(at(value(active)), abs=0.5), f"{active} at the wrong size"
    eight_times_seven = value("rakuten-ai-2-experts") * value("rakuten-ai-2-expert-params")
    x, _ = use_position(svg, "chart-rakuten-models-total-rakuten-ai-2-params")
    assert abs(x - at(eight_times_seven)) > 3, "Rakuten AI 2.0 is drawn at 8 × 7B again"


def test_timeline_has_each_event_at_its_date(chart_pages) -> None:
    """One event per entry of the data, in date order, each at its date on the time
    axis (time runs down the page, at a constant scale), its label and its place in
    the alt text in the same order; GENIAC's rounds and Rakuten's own milestones are
    two groups, told apart by the marker's shape, not by colour only."""
    svg = figure(chart_pages["ja"], "geniac-timeline").find("svg")
    prefix = "chart-geniac-timeline-event-"
    found = [g["id"][len(prefix) :] for g in svg.find_all("g", id=re.compile(prefix))]
    assert found == [date for date, _ in TIMELINE]
    days = []
    for date, _ in TIMELINE:
        parts = [int(p) for p in str(FACTS.facts[date].value).split("-")] + [1, 1]
        days.append(datetime.date(*parts[:3]).toordinal())
    assert days == sorted(days), "the time line is not in date order"
    ys = [use_position(svg, prefix + date)[1] for date, _ in TIMELINE]
    scale = (ys[-1] - ys[0]) / (days[-1] - days[0])
    assert scale > 0, "time does not run down the page"
    for (date, _), day, y in zip(TIMELINE, days, ys, strict=True):
        assert y == pytest.approx(ys[0] + (day - days[0]) * scale, abs=0.5), date
    alt = svg["aria-label"]
    for text in ("".join(svg_texts(svg)), alt):
        where = [text.index(written(date)) for date, _ in TIMELINE]
        assert where == sorted(where), f"the events are not in date order: {text}"
    for date, count in TIMELINE:
        assert LABELS["charts"]["geniac-timeline"]["events"][date] in alt
        assert count is None or written(count) in alt
    events = charts.timeline.timeline_events(charts.ChartData(fake_env(UNUSED)))
    groups = {e.key: e.group for e in events}
    assert groups["rakuten-ai-3-date"] == groups["rakuten-ai-3-open"] == "rakuten"
    assert groups["geniac-round-3-date"] == groups["geniac-round-4-date"] == "geniac"
    shapes = {marker for marker, _ in charts.timeline.TIMELINE_STYLE.values()}
    assert len(shapes) == len(charts.timeline.TIMELINE_STYLE), "groups differ by colour only"


# -- Captions state a finding: each finding still holds for the data -------------------


# A chart's caption states a finding: its word, and (a, b, factor): a is over factor
# times b, in each edition of the report where the fact has a previous one.
FINDINGS = [
    ("models-by-region", "どちらの版でも", "aiindex26-models-us", "aiindex26-models-cn", 1.5),
    ("private-investment", "桁違い", "aiindex26-invest-us", "aiindex26-invest-cn", 10),
    ("private-investment", "桁違い", "aiindex26-invest-us", "aiindex26-invest-uk", 10),
    ("benchmark-gap", "大きく縮まった", "aiindex-gap-mmlu-2023", "aiindex-gap-mmlu-2024", 2),
    ("benchmark-gap", "大きく縮まった",
     "aiindex-gap-humaneval-2023", "aiindex-gap-humaneval-2024", 2),
    ("rakuten-models", "桁違いに大きい", "rakuten-ai-3-params-card", "rakuten-ai-7b-params", 10),
    ("rakuten-models", "桁違いに大きい", "rakuten-ai-3-params-card", "rakuten-ai-2-params", 10),
    ("rakuten-models", "桁違いに大きい", "rakuten-ai-3-params-card", "prior-1-5b", 10),
]  # fmt: skip


@pytest.mark.parametrize(("chart", "word", "a", "b", "factor"), FINDINGS)
def test_a_captions_finding_holds_for_the_data(
    chart: str, word: str, a: str, b: str, factor: float
) -> None:
    """The AI Index captions hold for each edition's own figures (they compare
    regions, never editions); 「大きく縮まった」: each gap is less than half what it
    was; 「桁違いに大きい」: Rakuten AI 3.0 is over ten times each earlier model."""
    assert word in LABELS["charts"][chart]["caption"], chart
    pairs = [(a, b)] + ([(previous(a), previous(b))] if FACTS.facts[a].previous_edition else [])
    for x, y in pairs:
        assert value(x) > factor * value(y), f"{x} is not {factor} times {y}: the caption is wrong"


def test_timeline_caption_holds() -> None:
    """「支援の報道から半年たたずに」: the announcement came within six months."""
    assert "半年たたずに" in LABELS["charts"]["geniac-timeline"]["caption"]
    reported = FACTS.facts["meti-support-date"].value
    announced = FACTS.facts["rakuten-ai-3-date"].value
    y1, m1 = (int(x) for x in str(reported).split("-")[:2])
    y2, m2 = (int(x) for x in str(announced).split("-")[:2])
    assert 0 <= (y2 - y1) * 12 + (m2 - m1) < 6, (reported, announced)


# -- No reader-facing word in the code -------------------------------------------------


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
            if JAPANESE.search(line)
        ]
    return found
