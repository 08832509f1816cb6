"""The parameter explainer (_ext/book/features/param_memory/): tables and the calculator, in
both editions.

The tables are read from the built page and checked against an independent
recomputation (exact decimals), in both editions; how they write the figures (the
fact sheet's hand-checked cases: 700 billion is 2.8 TB in FP32, ≈467× Rakuten AI 2.0
mini, 17 H100 in BF16) is the small book's snapshot (tests/snapshots/book/figures.*.xml).
Byte sizes are decimal (1 GB = 10^9 bytes); a GPU holds the capacity its driver
reports (MiB × 2^20 bytes), not its product label × 10^9 bytes.
The calculator runs in Debian's Chromium (Playwright): in each edition its results
must equal the Python functions (_ext/book/data/book_numbers.py) on one grid of inputs, bad
input must give a clear message in the edition's language (never NaN or
Infinity), and it must work from the keyboard.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from book.data import book_numbers as bn
from book.features import param_memory as pm
from bs4 import BeautifulSoup
from calculator_shared import (
    FACTS,
    JAPANESE,
    LABELS,
    LABELS_EN,
    exact_gpus,
    fact_text,
    fmt_bytes,
    fmt_count,
    gpu_capacity,
    gpu_label_bytes,
    model_name,
    target_row_name,
    value,
)
from conftest import ROOT, Book
from helpers import squash


def cells(row) -> list[str]:
    return [c.get_text(" ", strip=True).replace("\xa0", " ") for c in row.find_all(["td", "th"])]


@pytest.fixture(scope="session")
def params_page(pages: dict[str, str]) -> BeautifulSoup:
    return BeautifulSoup(pages["parameters"], "html.parser")


@pytest.fixture(scope="session")
def params_page_en(pages_en: dict[str, str]) -> BeautifulSoup:
    return BeautifulSoup(pages_en["parameters"], "html.parser")


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


# -- The tables: hand-checked cases ----------------------------------------------------


def test_gpu_table_hand_checked_cases(params_page: BeautifulSoup) -> None:
    """700B at BF16 (1.4 TB) needs 17 × H100 (81,559 MiB ≈ 85.5 GB) or 10 × H200.

    Reported by a reader: counted with the product label as 80 × 10^9 bytes, the
    table said 18 H100.  Both counts are computed here from the data."""
    rows = table_rows(params_page, "table-gpus-needed")
    counts = rows[target_row_name()]
    weights = int(value(pm.TARGET)) * int(value("bytes-bf16"))
    h100 = math.ceil(700e9 * 2 / (value("gpu-h100-memory-mib") * 2**20))
    h200 = math.ceil(700e9 * 2 / (value("gpu-h200-memory-mib") * 2**20))
    assert value(pm.TARGET) == 700e9 and value("bytes-bf16") == 2  # the case the reader named
    assert h100 == exact_gpus(weights, gpu_capacity("h100"))
    assert h200 == exact_gpus(weights, gpu_capacity("h200"))
    # The correction changes the H100 count (the old convention asked for one more).
    assert h100 < exact_gpus(weights, gpu_label_bytes("h100"))
    # columns: FP32 H100, FP32 H200, BF16 H100, BF16 H200, ...
    assert counts[2:4] == [f"{h100}台", f"{h200}台"]


def _gb(n: Decimal) -> str:
    """Independent formatting for the recomputation: exact decimals, 3 significant figures."""
    for unit, scale in (
        ("TB", Decimal(10) ** 12),
        ("GB", Decimal(10) ** 9),
        ("MB", Decimal(10) ** 6),
    ):
        if n >= scale:
            q = n / scale
            exp = q.adjusted() - 2
            r = q.scaleb(-exp).quantize(Decimal(1), rounding="ROUND_HALF_UP").scaleb(exp)
            return f"{r.normalize():f} {unit}"
    raise AssertionError(n)


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_every_table_cell_recomputed_independently(
    params_page: BeautifulSoup, params_page_en: BeautifulSoup, edition: str
) -> None:
    """Each model's size (約 / about when the data calls it approximate), its weights
    in every format and the GPUs they need, in both editions."""
    page, labels = (params_page, LABELS) if edition == "ja" else (params_page_en, LABELS_EN)
    memory = table_rows(page, "table-weights-memory")
    gpus = table_rows(page, "table-gpus-needed")
    unit = "台" if edition == "ja" else ""
    bytes_per = [Decimal(str(FACTS.facts[k].value)) for _, _, k in pm.PRECISIONS]
    capacity = [Decimal(gpu_capacity(gid)) for gid, *_ in pm.GPUS]
    assert set(memory) == set(gpus) == {model_name(key, labels) for key in pm.MODELS}
    for key in pm.MODELS:
        name = model_name(key, labels)
        params = Decimal(str(FACTS.facts[key].value))
        assert memory[name][0] == count_cell(key, labels), name
        assert memory[name][2:] == [_gb(params * b) for b in bytes_per], name
        expected = [f"{math.ceil(params * b / c)}{unit}" for b in bytes_per for c in capacity]
        assert gpus[name] == expected, name


def test_memory_tables_list_totals_only(params_page: BeautifulSoup) -> None:
    """No row for DeepSeek-V3's active parameters: every weight must be loaded."""
    for table_id in ("table-weights-memory", "table-gpus-needed"):
        rows = table_rows(params_page, table_id)
        assert not any("働く" in name for name in rows), (table_id, list(rows))
        assert "deepseek-v3-active" not in pm.MODELS
    counts = [cells[0] for cells in table_rows(params_page, "table-weights-memory").values()]
    assert fmt_count(value("deepseek-v3-active")) not in counts
    # ... but the active count stays where it matters: the training-compute table.
    compute = table_rows(params_page, "table-training-compute")
    assert any(n.startswith(fmt_count(value("deepseek-v3-active"))) for n, *_ in compute.values())


def test_rakuten_ai_2_row_in_size_order(params_page: BeautifulSoup) -> None:
    """Rakuten AI 2.0 (total ≈ 47B, not 8 × 7B) between Rakuten AI 7B and GPT-3."""
    for table_id in ("table-weights-memory", "table-gpus-needed"):
        names = list(table_rows(params_page, table_id))
        row = next(n for n in names if n.startswith("Rakuten AI 2.0（"))
        assert names.index("Rakuten AI 7B") + 1 == names.index(row) == names.index("GPT-3") - 1
    assert value("rakuten-ai-2-params") < value("rakuten-ai-2-experts") * value(
        "rakuten-ai-2-expert-params"
    )
    sizes = [value(k) for k in pm.MODELS]
    assert sizes == sorted(sizes), "the rows are ordered by size"


def test_assumptions_are_written_under_the_tables(params_page: BeautifulSoup) -> None:
    """Under the short table, the compute table and the full grid (what they say, from
    the data: tests/snapshots/book/figures.*.xml)."""
    notes = params_page.select(".param-notes")
    assert len(notes) == 3, "assumptions under the short table, the compute table, the full grid"


def test_compute_notes_continued_pretraining_and_reported_cost(
    params_page: BeautifulSoup,
) -> None:
    compute = params_page.find(id="table-training-compute").find_next(class_="param-notes")
    compute = compute.get_text("", strip=True)
    # Rakuten AI 3.0 was continued pre-training: its real compute is not computable here.
    assert fmt_count(value("rakuten-ai-3-active-card")) in compute
    # DeepSeek's reported cost in familiar units, written by the facts formatter.
    for key in ("deepseek-v3-gpu-hours", "deepseek-v3-gpus", "deepseek-v3-cost"):
        # (the page drops the space between kanji and Latin letters: compare without spaces)
        assert squash(fact_text(key)) in squash(compute), key
    per_hour = bn.format_sig(value("deepseek-v3-cost") / value("deepseek-v3-gpu-hours"), 3)
    assert f"1時間{per_hour}ドル" in compute


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_training_compute_states_n_and_d(
    params_page: BeautifulSoup, params_page_en: BeautifulSoup, edition: str
) -> None:
    page, labels = (params_page, LABELS) if edition == "ja" else (params_page_en, LABELS_EN)
    rows = table_rows(page, "table-training-compute")
    n_text, d_text, c_text = rows[labels["param-tables"]["cases"]["deepseek-v3-active"]]
    assert n_text.startswith(fmt_count(value("deepseek-v3-active"), labels))
    assert d_text == fmt_count(value("deepseek-v3-tokens"), labels)
    # 6 × 37e9 × 14.8e12 = 3.2856e24 -> about 3.3 × 10^24, computed here again
    c = (
        value("compute-flops-per-param-token")
        * value("deepseek-v3-active")
        * value("deepseek-v3-tokens")
    )
    exponent = math.floor(math.log10(c))
    number = re.escape(f"{round(c / 10**exponent, 1)}×10{exponent}")
    assert re.search(rf"(?<![\d.]){number}(?!\d)", c_text.replace(" ", "")), c_text
    sup = page.find(id="table-training-compute").find("sup")
    assert sup is not None and sup.get_text() == str(exponent)


def test_rakuten_ai_3_row_is_a_hypothetical_from_scratch(params_page: BeautifulSoup) -> None:
    rows = table_rows(params_page, "table-training-compute")
    n_text, d_text, _ = rows[LABELS["param-tables"]["cases"]["rakuten-ai-3-active-card"]]
    # N is the model card's active count, not the announcement's rounded one.
    assert n_text.startswith(fmt_count(value("rakuten-ai-3-active-card")))
    assert not n_text.startswith(fmt_count(value("rakuten-ai-3-active")))
    assert d_text == fmt_count(value("deepseek-v3-tokens"))


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_short_table_answers_what_it_takes_to_run_it(
    params_page: BeautifulSoup, params_page_en: BeautifulSoup, edition: str
) -> None:
    """The chapter's short table: Rakuten AI 3.0 first, then the target and two models
    to compare, BF16 and FP8 only; every cell recomputed here with exact decimals."""
    page, labels = (params_page, LABELS) if edition == "ja" else (params_page_en, LABELS_EN)
    rows = table_rows(page, "table-run-summary")
    names = labels["param-tables"]["summary-models"]
    assert list(rows) == [names[k] for k in pm.SUMMARY_MODELS]
    assert pm.SUMMARY_MODELS[0] == "rakuten-ai-3-params-card"
    unit = "台" if edition == "ja" else ""
    capacity = [Decimal(gpu_capacity(gid)) for gid, *_ in pm.GPUS]
    for key in pm.SUMMARY_MODELS:
        params = Decimal(str(FACTS.facts[key].value))
        expected = [count_cell(key, labels)]
        for fmt in pm.SUMMARY_PRECISIONS:
            b = Decimal(str(value(pm.precision(fmt)[2])))
            expected.append(_gb(params * b))
            expected += [f"{math.ceil(params * b / c)}{unit}" for c in capacity]
        assert rows[names[key]] == expected, key
    # 56 GPU counts are the appendix's, not the chapter's: 2 formats x 2 GPUs here
    assert sum(len(r) for r in rows.values()) == len(pm.SUMMARY_MODELS) * (1 + 2 * 3)
    # ... and the full grid follows, in the appendix at the end of the chapter
    appendix = page.find(id="params-appendix")
    assert appendix is not None and appendix.find(id="table-gpus-needed") is not None


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_key_points_lead_with_what_it_takes_to_run_rakuten_ai_3(
    params_page: BeautifulSoup, params_page_en: BeautifulSoup, edition: str
) -> None:
    """The box at the top answers with figures computed from the data, as the table."""
    page, labels = (params_page, LABELS) if edition == "ja" else (params_page_en, LABELS_EN)
    box = page.select_one(".key-points")
    assert box is not None
    shown = [n.get_text() for n in box.select(".param-figure")]
    key = "rakuten-ai-3-params-card"
    params = Fraction(int(value(key)))
    expected = []
    for fmt, gpus in (("bf16", ("h200", "h100")), ("fp8", ("h200",))):
        weights = params * Fraction(str(value(pm.precision(fmt)[2])))
        expected.append(fmt_bytes(float(weights), labels))
        expected += [
            bn.apply_unit(labels, "gpus", str(exact_gpus(weights, gpu_capacity(g)))) for g in gpus
        ]
    assert shown == expected, shown
    assert fmt_count(value(key), labels) in box.get_text()


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_no_jargon_a_reader_does_not_need(
    params_page: BeautifulSoup, params_page_en: BeautifulSoup, edition: str
) -> None:
    page = params_page if edition == "ja" else params_page_en
    main = page.find("main") or page
    for node in main.select(".figure-source, .data-file-line"):
        node.decompose()  # the sources' own titles
    text = main.get_text(" ")
    found = [w for w in JARGON[edition] if w.lower() in text.lower()]
    assert not found, found


# -- The English edition's tables ------------------------------------------------------


def test_english_tables_and_notes_have_no_japanese(params_page_en: BeautifulSoup) -> None:
    """Every word of the tables, their notes and the calculator is English.  (The
    source line's titles are the data's, translated with the sources, and the
    data line is _ext/book/outputs/data_files.py's: both are checked with the pages.)"""
    found = []
    for node in params_page_en.select(
        "table.param-table, .param-notes, .param-calculator, .param-calculator-nojs"
    ):
        node = BeautifulSoup(str(node), "html.parser")
        for source in node.select(".figure-source, .data-file-line"):
            source.decompose()
        text = node.get_text(" ", strip=True)
        found += JAPANESE.findall(text)
    assert not found, sorted(set(found))
    notes = " ".join(n.get_text(" ", strip=True) for n in params_page_en.select(".param-notes"))
    notes = notes.replace("\xa0", " ")
    per_hour = bn.format_sig(value("deepseek-v3-cost") / value("deepseek-v3-gpu-hours"), 3)
    assert f"${per_hour} an hour" in notes


# -- The calculator in Chromium --------------------------------------------------------


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


def test_calculator_states_the_units(params_page: BeautifulSoup) -> None:
    """The calculator says how it counts: decimal GB, the driver's capacity in MiB."""
    select = params_page.find(id="pc-gpu")
    assert select["aria-describedby"] == "pc-gpu-help"
    help_text = params_page.find(id="pc-gpu-help").get_text()
    assert not any(word in help_text for word in JARGON["ja"]), help_text
    for gid, label, label_key, _ in pm.GPUS:
        name = f"{label}（{bn.format_sig(value(label_key), 4)}GB）"
        assert select.find("option", value=gid).get_text() == name


def test_the_gpu_tables_title_holds_for_the_data() -> None:
    """「目標の規模のモデルは、いちばん小さな数値の形式でも…GPUが複数台要る」: in every
    number format, on either GPU, the target's weights need two or more."""
    assert "複数台" in LABELS["param-tables"]["gpus-title"]
    target = value(pm.model.TARGET)
    for _, _, bytes_key in pm.model.PRECISIONS:
        size = pm.model.weights_bytes(target, value(bytes_key))
        for _, _, _, mib_key in pm.model.GPUS:
            assert pm.model.gpus_needed(size, value(mib_key)) >= 2, (bytes_key, mib_key)
