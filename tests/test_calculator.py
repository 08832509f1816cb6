"""The parameter explainer (_ext/book/features/param_memory/): its tables and the
calculator's page, in both editions.

Every cell of the tables is read from the built page and checked against an independent
recomputation (exact fractions); how they write the figures (700 billion is 2.8 TB in
FP32, ≈467× Rakuten AI 2.0 mini, 17 H100 in BF16), and what the notes under them say
(the assumptions, DeepSeek-V3's reported cost), is the small book's snapshot
(tests/snapshots/book/figures.*.xml).  Byte sizes are decimal (1 GB = 10^9 bytes); a GPU
holds the capacity its driver reports (MiB × 2^20 bytes), not its product label × 10^9
bytes.  The calculator itself runs in Chromium (test_calculator_browser.py).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from book.data import book_numbers as bn
from book.features.param_memory import model as pm
from bs4 import BeautifulSoup
from calculator_shared import (
    FACTS,
    JAPANESE,
    LABELS,
    LABELS_EN,
    exact_gpus,
    exact_weights,
    fmt_bytes,
    fmt_count,
    gpu_capacity,
    gpu_label_bytes,
    model_name,
    value,
)
from conftest import ROOT, Book
from helpers import soup


def cells(row) -> list[str]:
    return [c.get_text(" ", strip=True).replace("\xa0", " ") for c in row.find_all(["td", "th"])]


@pytest.fixture(scope="session")
def params_pages(pages: dict[str, str], pages_en: dict[str, str]) -> dict[str, BeautifulSoup]:
    """The parameters chapter of each edition, parsed."""
    return {"ja": soup(pages["parameters"]), "en": soup(pages_en["parameters"])}


def table_rows(page: BeautifulSoup, table_id: str) -> dict[str, list[str]]:
    table = page.find(id=table_id)
    assert table is not None and table.name == "table", f"no table #{table_id}"
    return {cells(r)[0]: cells(r)[1:] for r in table.find("tbody").find_all("tr")}


def count_cell(key: str, labels: dict = LABELS) -> str:
    """A model's size as the tables write it: 約 / about when the data calls it approximate."""
    text = fmt_count(value(key), labels)
    return labels["param-tables"]["approx"].format(n=text) if FACTS.facts[key].about else text


# Words a general reader does not need (issue 19): none on the page, in either edition.
JARGON = {
    "ja": ["KVキャッシュ", "勾配", "最適化の状態", "MiB", "nvidia-smi", "有効数字", "10^9"],
    "en": ["KV cache", "gradient", "optimiser state", "MiB", "nvidia-smi", "significant figures"],
}
EDITIONS = ["ja", "en"]


# -- The tables ------------------------------------------------------------------------


def _gb(n: Fraction) -> str:
    """Independent formatting for the recomputation: exact, 3 significant figures
    rounded half up (Decimal only prints the rounded digits)."""
    for unit, exponent in (("TB", 12), ("GB", 9), ("MB", 6)):
        q = n / 10**exponent
        if q >= 1:
            shift = 3 - len(str(math.floor(q)))
            digits = math.floor(q * Fraction(10) ** shift + Fraction(1, 2))
            return f"{Decimal(digits).scaleb(-shift).normalize():f} {unit}"
    raise AssertionError(n)


def weights_and_gpus(key: str, bytes_keys: list[str], edition: str) -> list[list[str]]:
    """A model's weights in each format and the GPUs they need (one row a format:
    the size, then a count for each GPU), recomputed here exactly."""
    unit = "台" if edition == "ja" else ""
    out = []
    for bytes_key in bytes_keys:
        size = exact_weights(key, bytes_key)
        counts = [f"{exact_gpus(size, gpu_capacity(gid))}{unit}" for gid, *_ in pm.GPUS]
        out.append([_gb(size), *counts])
    return out


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_table_cell_recomputed_independently(params_pages, edition: str) -> None:
    """One row per model, by size, totals only (no row for DeepSeek-V3's active
    parameters: every weight must be loaded): its size (約 / about when the data calls
    it approximate), its weights in every format and the GPUs they need."""
    page, labels = params_pages[edition], FACTS.labels[edition]
    memory = table_rows(page, "table-weights-memory")
    gpus = table_rows(page, "table-gpus-needed")
    names = [model_name(key, labels) for key in pm.MODELS]
    assert list(memory) == list(gpus) == names
    assert "deepseek-v3-active" not in pm.MODELS
    sizes = [value(k) for k in pm.MODELS]
    assert sizes == sorted(sizes), "the rows are ordered by size"
    bytes_keys = [k for _, _, k in pm.PRECISIONS]
    for key, name in zip(pm.MODELS, names, strict=True):
        assert memory[name][0] == count_cell(key, labels), name
        grid = weights_and_gpus(key, bytes_keys, edition)
        assert memory[name][2:] == [size for size, *_ in grid], name
        assert gpus[name] == [count for _, *counts in grid for count in counts], name


def test_gpus_are_counted_by_the_drivers_capacity() -> None:
    """700B at BF16 (1.4 TB) needs 17 × H100 (81,559 MiB ≈ 85.5 GB), not the 18 a reader
    found when the product label was counted as 80 × 10^9 bytes; and the GPU tables'
    title 「目標の規模のモデルは、いちばん小さな数値の形式でも…GPUが複数台要る」 holds: in
    every number format, on either GPU, the target's weights need two or more."""
    assert value(pm.TARGET) == 700e9 and value("bytes-bf16") == 2  # the case the reader named
    weights = int(value(pm.TARGET)) * int(value("bytes-bf16"))
    assert exact_gpus(weights, gpu_capacity("h100")) < exact_gpus(weights, gpu_label_bytes("h100"))
    assert "複数台" in LABELS["param-tables"]["gpus-title"]
    for _, _, bytes_key in pm.PRECISIONS:
        size = pm.weights_bytes(value(pm.TARGET), value(bytes_key))
        for _, _, _, mib_key in pm.GPUS:
            assert pm.gpus_needed(size, value(mib_key)) >= 2, (bytes_key, mib_key)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(
    ("case", "not_n"),
    [
        ("deepseek-v3-active", None),
        ("target-params", None),
        # N is the model card's active count, not the announcement's rounded one
        ("rakuten-ai-3-active-card", "rakuten-ai-3-active"),
    ],
)
def test_training_compute_states_n_and_d(
    params_pages, edition: str, case: str, not_n: str | None
) -> None:
    """Each case's N, D (DeepSeek-V3's tokens: Rakuten AI 3.0 as a hypothetical from
    scratch) and C = 6 N D, computed here again."""
    page, labels = params_pages[edition], FACTS.labels[edition]
    rows = table_rows(page, "table-training-compute")
    n_text, d_text, c_text = rows[labels["param-tables"]["cases"][case]]
    assert n_text.startswith(fmt_count(value(case), labels))
    assert not_n is None or not n_text.startswith(fmt_count(value(not_n), labels))
    assert d_text == fmt_count(value("deepseek-v3-tokens"), labels)
    # 6 × 37e9 × 14.8e12 = 3.2856e24 -> about 3.3 × 10^24
    c = value("compute-flops-per-param-token") * value(case) * value("deepseek-v3-tokens")
    exponent = math.floor(math.log10(c))
    number = re.escape(f"{round(c / 10**exponent, 1)}×10{exponent}")
    assert re.search(rf"(?<![\d.]){number}(?!\d)", c_text.replace(" ", "")), c_text
    sups = [s.get_text() for s in page.find(id="table-training-compute").find_all("sup")]
    assert str(exponent) in sups


@pytest.mark.parametrize("edition", EDITIONS)
def test_short_table_answers_what_it_takes_to_run_it(params_pages, edition: str) -> None:
    """The chapter's short table: Rakuten AI 3.0 first, then the target and two models
    to compare, BF16 and FP8 only; every cell recomputed here exactly."""
    page, labels = params_pages[edition], FACTS.labels[edition]
    rows = table_rows(page, "table-run-summary")
    names = labels["param-tables"]["summary-models"]
    assert list(rows) == [names[k] for k in pm.SUMMARY_MODELS]
    assert pm.SUMMARY_MODELS[0] == "rakuten-ai-3-params-card"
    bytes_keys = [pm.precision(fmt)[2] for fmt in pm.SUMMARY_PRECISIONS]
    for key in pm.SUMMARY_MODELS:
        grid = weights_and_gpus(key, bytes_keys, edition)
        expected = [count_cell(key, labels), *(cell for row in grid for cell in row)]
        assert rows[names[key]] == expected, key
    # 56 GPU counts are the appendix's, not the chapter's: 2 formats x 2 GPUs here
    assert sum(len(r) for r in rows.values()) == len(pm.SUMMARY_MODELS) * (1 + 2 * 3)
    # ... and the full grid follows, in the appendix at the end of the chapter
    appendix = page.find(id="params-appendix")
    assert appendix is not None and appendix.find(id="table-gpus-needed") is not None


@pytest.mark.parametrize("edition", EDITIONS)
def test_key_points_lead_with_what_it_takes_to_run_rakuten_ai_3(params_pages, edition) -> None:
    """The box at the top answers with figures computed from the data, as the table."""
    labels = FACTS.labels[edition]
    box = params_pages[edition].select_one(".key-points")
    assert box is not None
    shown = [n.get_text() for n in box.select(".param-figure")]
    key = "rakuten-ai-3-params-card"
    expected = []
    for fmt, gpus in (("bf16", ("h200", "h100")), ("fp8", ("h200",))):
        weights = exact_weights(key, pm.precision(fmt)[2])
        expected.append(fmt_bytes(float(weights), labels))
        expected += [
            bn.apply_unit(labels, "gpus", str(exact_gpus(weights, gpu_capacity(g)))) for g in gpus
        ]
    assert shown == expected, shown
    assert fmt_count(value(key), labels) in box.get_text()


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_jargon_a_reader_does_not_need(params_pages, edition: str) -> None:
    main = BeautifulSoup(str(params_pages[edition].find("main")), "html.parser")
    for node in main.select(".figure-source, .data-file-line"):
        node.decompose()  # the sources' own titles
    text = main.get_text(" ").lower()
    assert not [w for w in JARGON[edition] if w.lower() in text]


def test_english_tables_and_notes_have_no_japanese(params_pages) -> None:
    """Every word of the tables, their notes and the calculator is English.  (The
    source line's titles are the data's, translated with the sources, and the
    data line is _ext/book/outputs/data_files.py's: both are checked with the pages.)"""
    found = []
    for node in params_pages["en"].select(
        "table.param-table, .param-notes, .param-calculator, .param-calculator-nojs"
    ):
        node = BeautifulSoup(str(node), "html.parser")
        for source in node.select(".figure-source, .data-file-line"):
            source.decompose()
        found += JAPANESE.findall(node.get_text(" ", strip=True))
    assert not found, sorted(set(found))


# -- The calculator --------------------------------------------------------------------


def test_script_types_no_word_of_either_edition() -> None:
    """The calculator's words come from the page (data/labels.yaml): the script is
    ASCII, so it holds no Japanese word, and it names no English word of the
    messages either."""
    script = (ROOT / "_static" / "param-calculator.js").read_text(encoding="utf-8")
    assert script.isascii(), [c for c in script if not c.isascii()][:10]
    for language, labels in FACTS.labels.items():
        for key, message in labels["calculator"]["messages"].items():
            words = re.sub(r"\{\w+\}", "", message).strip()
            assert words[:20] not in script, f"{language} message {key} typed in the script"


def test_script_only_on_the_calculator_page(pages: dict[str, str], book: Book) -> None:
    users = sorted(p for p, html in pages.items() if "param-calculator.js" in html)
    assert users == ["parameters"]
    size = (book.html / "_static" / "param-calculator.js").stat().st_size
    assert size < 8000, f"the calculator script is {size} bytes"
    html = pages["parameters"]
    assert "NaN" not in html and "Infinity" not in html


def test_count_words_per_edition() -> None:
    """The counts the calculator and the tables write, hand-checked in both styles
    (the grid above compares the script with these functions)."""
    cases = [
        (7e11, "7000億", "700 billion"),
        (1.5e9, "15億", "1.5 billion"),
        (14.8e12, "14.8兆", "14.8 trillion"),
        (12345, "1.235万", "12,350"),
        (999, "999", "999"),
        # rounding up into the next word: 9999.5億 is 1兆, 999.96 billion 1 trillion
        (999940000000, "9999億", "999.9 billion"),
        (999950000000, "1兆", "1 trillion"),
    ]
    for count, ja, en in cases:
        assert fmt_count(count, LABELS) == ja, (count, fmt_count(count, LABELS))
        assert fmt_count(count, LABELS_EN) == en, (count, fmt_count(count, LABELS_EN))
    assert fmt_bytes(1.4e12, LABELS_EN) == fmt_bytes(1.4e12, LABELS) == "1.4 TB"
    assert fmt_bytes(2, LABELS) == "2バイト" and fmt_bytes(2, LABELS_EN) == "2 bytes"
    assert fmt_bytes(1, LABELS_EN) == "1 byte"


def test_calculator_states_the_units(params_pages) -> None:
    """The calculator says how it counts: decimal GB, the driver's capacity in MiB."""
    select = params_pages["ja"].find(id="pc-gpu")
    assert select["aria-describedby"] == "pc-gpu-help"
    help_text = params_pages["ja"].find(id="pc-gpu-help").get_text()
    assert not any(word in help_text for word in JARGON["ja"]), help_text
    for gid, label, label_key, _ in pm.GPUS:
        name = f"{label}（{bn.format_sig(value(label_key), 4)}GB）"
        assert select.find("option", value=gid).get_text() == name
