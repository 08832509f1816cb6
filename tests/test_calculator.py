"""The parameter explainer (_ext/book/features/param_memory/): tables and the calculator, in
both editions.

The tables are read from the built page and checked against the hand-checked
figures of the fact sheet and an independent recomputation (exact decimals).
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


def notes_after(page: BeautifulSoup, table_id: str) -> str:
    """The list of assumptions right after a table (or a pair of tables)."""
    notes = page.find(id=table_id).find_next(class_="param-notes")
    return notes.get_text(" ", strip=True).replace("\xa0", " ")


# Words a general reader does not need (issue 19): none on the page, in either edition.
JARGON = {
    "ja": ["KVキャッシュ", "勾配", "最適化の状態", "MiB", "nvidia-smi", "有効数字", "10^9"],
    "en": ["KV cache", "gradient", "optimiser state", "MiB", "nvidia-smi", "significant figures"],
}


# -- The tables: hand-checked cases ----------------------------------------------------


def test_memory_table_hand_checked_cases(params_page: BeautifulSoup) -> None:
    """700B: FP32 2.8 TB, BF16 1.4 TB, FP8 700 GB, INT4 350 GB; 700B / 1.5B ≈ 467×."""
    rows = table_rows(params_page, "table-weights-memory")
    params, ratio, fp32, bf16, fp8, int4 = rows[target_row_name()]
    assert params == "7000億"
    assert ratio == "約467倍"
    assert (fp32, bf16, fp8, int4) == ("2.8 TB", "1.4 TB", "700 GB", "350 GB")
    header = cells(params_page.find(id="table-weights-memory").find("thead").find("tr"))
    assert header[-4:] == ["FP32", "BF16", "FP8", "INT4"]


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
    head = params_page.find(id="table-gpus-needed").find("thead").find_all("tr")
    assert cells(head[1])[2:4] == ["H100", "H200"] and "BF16" in cells(head[0])


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


def test_every_table_cell_recomputed_independently(params_page: BeautifulSoup) -> None:
    memory = table_rows(params_page, "table-weights-memory")
    gpus = table_rows(params_page, "table-gpus-needed")
    bytes_per = [Decimal(str(FACTS.facts[k].value)) for _, _, k in pm.PRECISIONS]
    capacity = [Decimal(gpu_capacity(gid)) for gid, *_ in pm.GPUS]
    assert set(memory) == set(gpus) == {model_name(key) for key in pm.MODELS}
    for key in pm.MODELS:
        name = model_name(key)
        params = Decimal(str(FACTS.facts[key].value))
        assert memory[name][2:] == [_gb(params * b) for b in bytes_per], name
        expected = [f"{math.ceil(params * b / c)}台" for b in bytes_per for c in capacity]
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
    memory = table_rows(params_page, "table-weights-memory")
    assert memory[row][0] == count_cell("rakuten-ai-2-params")
    assert memory[row][0].startswith("約")  # the model card's total is approximate
    assert value("rakuten-ai-2-params") < value("rakuten-ai-2-experts") * value(
        "rakuten-ai-2-expert-params"
    )
    sizes = [value(k) for k in pm.MODELS]
    assert sizes == sorted(sizes), "the rows are ordered by size"


def test_assumptions_are_written_under_the_tables(params_page: BeautifulSoup) -> None:
    notes = [n.get_text(" ", strip=True) for n in params_page.select(".param-notes")]
    assert len(notes) == 3, "assumptions under the short table, the compute table, the full grid"
    summary = notes_after(params_page, "table-run-summary")
    memory = notes_after(params_page, "table-gpus-needed")
    compute = notes_after(params_page, "table-training-compute")
    assert "1 GB = 10億バイト" in memory and "1 TB = 1兆バイト" in memory  # decimal, stated
    # The GPU: named by its product label, counted with the capacity its driver
    # reports, written in the weights' units (no MiB for the reader).
    for gid, label, label_key, _ in pm.GPUS:
        name = f"{label}（{bn.format_sig(value(label_key), 4)}GB）"
        capacity = fmt_bytes(gpu_capacity(gid))
        for text in (summary, memory):
            assert f"{name}は{capacity}" in text, name
    assert "切り上げ" in memory and "付録" in summary
    # what the weights leave out, in plain words
    assert "会話の履歴" in memory and "会話の履歴" in summary
    assert "働く" in compute and "DeepSeek-V3" in compute and "14.8兆" in compute
    assert all("出典：" in n for n in notes)


def test_compute_notes_continued_pretraining_and_reported_cost(
    params_page: BeautifulSoup,
) -> None:
    compute = params_page.find(id="table-training-compute").find_next(class_="param-notes")
    compute = compute.get_text("", strip=True)
    # Rakuten AI 3.0 was continued pre-training: its real compute is not computable here.
    assert "継続事前学習" in compute and "公表していない" in compute
    assert fmt_count(value("rakuten-ai-3-active-card")) in compute and "モデルカード" in compute
    # DeepSeek's reported cost in familiar units, written by the facts formatter.
    for key in ("deepseek-v3-gpu-hours", "deepseek-v3-gpus", "deepseek-v3-cost"):
        # (the page drops the space between kanji and Latin letters: compare without spaces)
        assert squash(fact_text(key)) in squash(compute), key
    per_hour = bn.format_sig(value("deepseek-v3-cost") / value("deepseek-v3-gpu-hours"), 3)
    assert f"1時間{per_hour}ドル" in compute


def test_training_compute_states_n_and_d(params_page: BeautifulSoup) -> None:
    rows = table_rows(params_page, "table-training-compute")
    first = rows["DeepSeek-V3（公表値で計算）"]
    n_text, d_text, c_text = first
    assert n_text.startswith("370億") and d_text == "14.8兆"
    # 6 × 37e9 × 14.8e12 = 3.2856e24 -> about 3.3 × 10^24, computed here again
    c = (
        value("compute-flops-per-param-token")
        * value("deepseek-v3-active")
        * value("deepseek-v3-tokens")
    )
    exponent = math.floor(math.log10(c))
    assert c_text.replace(" ", "") == f"約{round(c / 10**exponent, 1)}×10{exponent}回"
    sup = params_page.find(id="table-training-compute").find("sup")
    assert sup is not None and sup.get_text() == str(exponent)


def test_rakuten_ai_3_row_is_a_hypothetical_from_scratch(params_page: BeautifulSoup) -> None:
    rows = table_rows(params_page, "table-training-compute")
    name = next(n for n in rows if n.startswith("Rakuten AI 3.0"))
    assert "仮にゼロから学習した場合の試算" in name
    n_text, d_text, _ = rows[name]
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


def test_english_tables_hand_checked_cases(params_page_en: BeautifulSoup) -> None:
    """700 billion: FP32 2.8 TB … INT4 350 GB, ≈467× Rakuten AI 2.0 mini (a narrow
    column's short form); 17 H100 GPUs or 10 H200 at BF16 (the table's title says
    what its numbers count); the same figures as the Japanese table."""
    memory = table_rows(params_page_en, "table-weights-memory")
    params, ratio, fp32, bf16, fp8, int4 = memory[target_row_name(LABELS_EN)]
    assert params == "700 billion" and ratio == "≈467×"
    assert (fp32, bf16, fp8, int4) == ("2.8 TB", "1.4 TB", "700 GB", "350 GB")
    gpus = table_rows(params_page_en, "table-gpus-needed")[target_row_name(LABELS_EN)]
    weights = int(value(pm.TARGET)) * int(value("bytes-bf16"))
    h100, h200 = (exact_gpus(weights, gpu_capacity(g)) for g in ("h100", "h200"))
    assert gpus[2:4] == [str(h100), str(h200)]
    title = params_page_en.find(id="table-gpus-needed").find("caption").get_text()
    assert "GPU" in title, title
    # every cell recomputed, in English words
    bytes_per = [Decimal(str(FACTS.facts[k].value)) for _, _, k in pm.PRECISIONS]
    capacity = [Decimal(gpu_capacity(gid)) for gid, *_ in pm.GPUS]
    gpus_all = table_rows(params_page_en, "table-gpus-needed")
    for key in pm.MODELS:
        name = model_name(key, LABELS_EN)
        count = Decimal(str(FACTS.facts[key].value))
        assert memory[name][0] == count_cell(key, LABELS_EN), name
        assert memory[name][2:] == [_gb(count * b) for b in bytes_per], name
        needed = [math.ceil(count * b / c) for b in bytes_per for c in capacity]
        assert gpus_all[name] == [str(n) for n in needed], name
    compute = table_rows(params_page_en, "table-training-compute")
    first = compute[LABELS_EN["param-tables"]["cases"]["deepseek-v3-active"]]
    assert first[0] == "37 billion (active per token)" and first[1] == "14.8 trillion"
    assert first[2].replace(" ", "") == "about3.3×1024"


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
    assert "1 GB = 1 billion bytes" in notes and "1 TB = 1 trillion bytes" in notes
    for gid, label, label_key, _ in pm.GPUS:
        name = f"{label} ({bn.format_sig(value(label_key), 4)}GB)"
        assert f"{name} {fmt_bytes(gpu_capacity(gid), LABELS_EN)}" in notes, name
    # the reported cost is attributed in words, in English too
    assert "according to DeepSeek-V3’s report" in notes
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
    assert "1 GB = 10億バイト" in help_text
    assert not any(word in help_text for word in JARGON["ja"]), help_text
    for gid, label, label_key, _ in pm.GPUS:
        name = f"{label}（{bn.format_sig(value(label_key), 4)}GB）"
        assert f"{name}は{fmt_bytes(gpu_capacity(gid))}" in help_text
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
