"""The parameter explainer, computed from the data file: tables and a calculator.

Directives (all figures come from ``data/facts.yaml``; nothing is typed in a page):

``{param-memory-table}``
    Two numbered tables: the memory the *weights alone* take for the target
    model and the comparison models at FP32 / BF16 / FP8 / INT4, with each model's
    size relative to Rakuten AI 2.0 mini; and the minimum number of H100 and H200
    GPUs that can hold those weights.  Every assumption is listed under them.
``{training-compute}``
    A numbered table of the order-of-magnitude training compute C ≈ 6·N·D,
    stating N and D for each line, with its assumptions.
``{param-calculator}``
    The calculator of ``_static/param-calculator.js`` (web site only; the PDF and
    the EPUB show the tables).  Its constants (bytes per number format, GPU memory
    in MiB and the bytes of a MiB, units, limits, messages) are written into the page as JSON from this file, so
    the script never types a figure; its formula and rounding are the functions
    below, step for step (``tests/test_calculator.py`` runs both on one grid).
    Accepted input: a number (``700000000000``, ``1.5``), with thousands commas or
    spaces, in exponent form (``7e11``), followed by 万・億・兆 or k / M / B / T
    (``7000億``, ``700B``, ``0.7T``), optionally by 「パラメータ」; full-width digits
    and letters are read as ASCII.  Empty, unreadable, negative, below
    ``MIN_PARAMS`` or above ``MAX_PARAMS`` input gets a message in Japanese.

Units for Japanese readers: every byte size is decimal, 1 GB = 10^9 bytes and
1 TB = 10^12 bytes (weights and capacities alike); counts with 万・億・兆.  A GPU's
memory is the capacity its driver reports (nvidia-smi: 81,559 MiB for the H100,
1 MiB = 2^20 bytes, so about 85.5 GB), named by its product label ("H100（80GB）"):
the "80GB" of the name is nearer 80 GiB than 80 × 10^9 bytes, and counting it as
80 × 10^9 bytes would ask for one H100 too many (18 instead of 17 for 1.4 TB).
Memory is rounded to three significant figures, parameter counts to four, compute
to two; halves round up.

Rounding uses only + − × ÷ and ``floor`` on IEEE doubles (powers of ten are made
by multiplying by ten, which is exact), never ``log10``/``pow``/``toPrecision``,
whose results differ between Python and JavaScript.  So both give the same text.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from pathlib import Path
from typing import Any

from charts import source_line
from data_files import tables_line
from docutils import nodes
from facts import _note_use, format_ratio, format_value, status_mark
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

# ==============================================================================
# Constants (the calculator receives them as JSON)
# ==============================================================================

# Byte sizes are decimal (1 GB = 10^9 bytes).  A GPU's memory is the capacity its
# driver reports, in MiB (2^20 bytes): the H100 "80GB" has 81,559 MiB ≈ 85.5 GB.
BYTES_PER_MIB = 2**20
BYTE_UNITS = (("PB", 10**15), ("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3))
BYTE_WORD = "バイト"
COUNT_WORDS = (("兆", 10**12), ("億", 10**8), ("万", 10**4))
# Suffixes readers type after a number: Japanese words and the English short scale.
SUFFIXES = {"万": 10**4, "億": 10**8, "兆": 10**12, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
SIGNIFICANT_BYTES = 3
SIGNIFICANT_COUNT = 4
SIGNIFICANT_COMPUTE = 2
# The calculator's range: from one parameter to a thousand times the largest
# model discussed (10^15); beyond that the figures mean nothing.
MIN_PARAMS = 1
MAX_PARAMS = 10**15

# (id, name shown, fact with the bytes per parameter)
PRECISIONS = (
    ("fp32", "FP32", "bytes-fp32"),
    ("bf16", "BF16", "bytes-bf16"),
    ("fp8", "FP8", "bytes-fp8"),
    ("int4", "INT4", "bytes-int4"),
)
# (id, name shown, fact with the product label in GB, fact with the capacity in MiB)
GPUS = (
    ("h100", "H100", "gpu-h100-memory", "gpu-h100-memory-mib"),
    ("h200", "H200", "gpu-h200-memory", "gpu-h200-memory-mib"),
)
# Rows of the tables: (name shown, fact with the parameter count).
MODELS = (
    ("Rakuten AI 2.0 mini", "prior-1-5b"),
    ("Rakuten AI 7B", "rakuten-ai-7b-params"),
    ("Rakuten AI 2.0（総数）", "rakuten-ai-2-params"),
    ("GPT-3", "gpt3-params"),
    ("Llama 3.1（最大のモデル）", "llama-3-1-params"),
    ("DeepSeek-V3（総数）", "deepseek-v3-params"),
    ("楽天の目標の規模", "target-params"),
)
# Rakuten AI 2.0's note: experts × the size its name gives ("8x7B") is more than the total.
MOE_NOTE = ("rakuten-ai-2-params", "rakuten-ai-2-experts", "rakuten-ai-2-expert-params")
RATIO_BASE = "prior-1-5b"
TARGET = "target-params"
DEFAULT_PRECISION = "bf16"
DEFAULT_GPU = "h100"


# ==============================================================================
# The formula and its rounding (mirrored by _static/param-calculator.js)
# ==============================================================================


def pow10(k: int) -> float:
    """10^k for k >= 0, exactly (products of ten are exact up to 10^22)."""
    p = 1.0
    for _ in range(k):
        p *= 10
    return p


def round_sig(x: float, digits: int) -> tuple[int, int]:
    """(n, k) with x ≈ n × 10^k and n of ``digits`` digits, halves rounded up."""
    x = float(x)
    e = 0
    if x >= 1:
        while pow10(e + 1) <= x:
            e += 1
    else:
        while x * pow10(-e) < 1:
            e -= 1
    k = e - digits + 1
    n = math.floor(x / pow10(k) + 0.5) if k >= 0 else math.floor(x * pow10(-k) + 0.5)
    if n >= pow10(digits):  # 9.995 -> 10.0: one digit more, so one place up
        n, k = int(pow10(digits - 1)), k + 1
    return int(n), k


def decimal_text(n: int, k: int) -> str:
    """n × 10^k written out in decimal, without trailing zeros after the point."""
    digits = str(n)
    if k >= 0:
        return digits + "0" * k
    places = -k
    digits = digits.rjust(places + 1, "0")
    whole, frac = digits[:-places], digits[-places:].rstrip("0")
    return whole + ("." + frac if frac else "")


def _size(n: int, k: int) -> int:
    """How many digits the integer part of n × 10^k has (0 when it is < 1)."""
    return max(len(str(n)) + k, 0)


def format_sig(x: float, digits: int) -> str:
    return decimal_text(*round_sig(x, digits))


def scientific(x: float, digits: int) -> tuple[str, int]:
    """(mantissa, exponent) with 1 <= mantissa < 10: 3.2856e24 -> ('3.3', 24)."""
    n, k = round_sig(x, digits)
    places = len(str(n)) - 1
    return decimal_text(n, -places), places + k


def format_bytes(size: float) -> str:
    """Bytes in the largest unit that keeps the number >= 1: '1.4 TB', '750 MB'."""
    for i, (unit, scale) in enumerate(BYTE_UNITS):
        if size >= scale:
            n, k = round_sig(size / scale, SIGNIFICANT_BYTES)
            if _size(n, k) > 3 and i > 0:  # 999.96 GB rounds to 1000 GB: say 1 TB
                n, k = round_sig(size / BYTE_UNITS[i - 1][1], SIGNIFICANT_BYTES)
                unit = BYTE_UNITS[i - 1][0]
            return f"{decimal_text(n, k)} {unit}"
    return f"{format_sig(size, SIGNIFICANT_BYTES)} {BYTE_WORD}"


def format_count(count: float) -> str:
    """A count with 兆・億・万 and four significant figures: '7000億', '1.5兆'."""
    for i, (word, scale) in enumerate(COUNT_WORDS):
        if count >= scale:
            n, k = round_sig(count / scale, SIGNIFICANT_COUNT)
            if _size(n, k) > 4 and i > 0:  # 9999.5億 rounds to 10000億: say 1兆
                n, k = round_sig(count / COUNT_WORDS[i - 1][1], SIGNIFICANT_COUNT)
                word = COUNT_WORDS[i - 1][0]
            return decimal_text(n, k) + word
    return format_sig(count, SIGNIFICANT_COUNT)


def format_integer(n: int) -> str:
    """A whole number with thousands separators: 12,500."""
    text = str(n)
    groups = []
    while len(text) > 3:
        groups.insert(0, text[-3:])
        text = text[:-3]
    return ",".join([text, *groups])


def weights_bytes(params: float, bytes_per_param: float) -> float:
    """Memory of the weights alone."""
    return float(params) * float(bytes_per_param)


def gpu_bytes(gpu_mib: float) -> float:
    """A GPU's capacity in bytes, from the MiB its driver reports (exact in a double)."""
    return float(gpu_mib) * BYTES_PER_MIB


def gpus_needed(weight_bytes: float, gpu_mib: float) -> int:
    """The fewest GPUs whose memory together holds the weights (rounded up)."""
    return math.ceil(weight_bytes / gpu_bytes(gpu_mib))


# ==============================================================================
# Reading the data
# ==============================================================================


def _facts(env: Any) -> Any:
    return env.app.facts.facts


def _labels(env: Any) -> dict[str, Any]:
    return env.app.facts.labels.get(env.config.language, env.app.facts.labels["ja"])


def _value(env: Any, key: str) -> float:
    return float(_facts(env)[key].value)


def _require(directive: SphinxDirective, keys: list[str]) -> None:
    missing = [
        k for k in keys if k not in _facts(directive.env) or _facts(directive.env)[k].value is None
    ]
    if missing:
        raise directive.error(
            f"{directive.name} needs the fact(s) {', '.join(missing)} "
            "with a value in data/facts.yaml"
        )
    for key in keys:
        _note_use(directive.env, key)
    _note_page(directive.env)


def _bytes_text(env: Any, key: str) -> str:
    return format_sig(_value(env, key), SIGNIFICANT_BYTES)


def _fact_text(env: Any, key: str) -> str:
    """A fact as the facts formatter writes it ("81,559 MiB", "278.8万 GPU時間")."""
    return format_value(_facts(env)[key], _labels(env))


def _fact_nodes(env: Any, key: str) -> list[nodes.Node]:
    """A fact as ``{fact}`key``` shows it: the formatted value and its status mark."""
    return [nodes.Text(_fact_text(env, key)), *status_mark(env, _facts(env)[key])]


def gpu_name(env: Any, label: str, label_key: str) -> str:
    """A GPU by its product label, as NVIDIA writes it: "H100（80GB）"."""
    return f"{label}（{format_sig(_value(env, label_key), 4)}GB）"


def gpu_capacity_text(env: Any, mib_key: str) -> str:
    """The driver's capacity in decimal units: 81,559 MiB -> "85.5 GB"."""
    return format_bytes(gpu_bytes(_value(env, mib_key)))


def unit_text(unit: str) -> str:
    """'1 GB = 10億バイト' for a unit of BYTE_UNITS."""
    return f"1 {unit} = {format_count(dict(BYTE_UNITS)[unit])}{BYTE_WORD}"


def gpu_memory_nodes(env: Any) -> list[nodes.Node]:
    """What each GPU holds, and how it is counted (under the tables and in the calculator)."""
    out: list[nodes.Node] = [nodes.Text("GPU 1台のメモリ：")]
    for i, (_, label, label_key, mib_key) in enumerate(GPUS):
        out.append(nodes.Text(("、" if i else "") + f"{gpu_name(env, label, label_key)}は"))
        out += _fact_nodes(env, mib_key)
        out.append(nodes.Text(f" = {gpu_capacity_text(env, mib_key)}"))
    out.append(
        nodes.Text(
            f"。ドライバ（nvidia-smi）が報告する容量で、1 MiB = "
            f"{format_integer(BYTES_PER_MIB)}{BYTE_WORD}です"
            "（製品名の数字は呼び名で、容量そのものとは違います）。"
        )
    )
    return out


# ==============================================================================
# Tables
# ==============================================================================


VALUE_WITH_UNIT = re.compile(r"^[0-9.,]+ [A-Za-z]+$")


def _entry(content: str | list[nodes.Node], **attrs: Any) -> nodes.entry:
    entry = nodes.entry(**attrs)
    para = nodes.paragraph()
    if isinstance(content, str):
        # "1.5 GB" must not break between the number and its unit in a narrow column.
        if VALUE_WITH_UNIT.match(content):
            content = content.replace(" ", "\u00a0")
        para += nodes.Text(content)
    else:
        para.extend(content)
    entry += para
    return entry


def _table(
    title: str,
    classes: list[str],
    colwidths: list[int],
    head: list[list[nodes.entry]],
    body: list[list[nodes.entry]],
) -> nodes.table:
    # Widths given (not left to LaTeX's tabulary, which squeezes the value columns
    # until "1.5 GB" breaks between number and unit).
    table = nodes.table(classes=["param-table", "colwidths-given", *classes])
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(colwidths))
    table += group
    for width in colwidths:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    for cells in head:
        thead += nodes.row("", *cells)
    group += thead
    tbody = nodes.tbody()
    for cells in body:
        tbody += nodes.row("", *cells)
    group += tbody
    return table


def _notes(*items: list[nodes.Node] | str) -> nodes.container:
    """The assumptions under a table, as a list readers can scan."""
    box = nodes.container(classes=["param-notes"])
    box += nodes.paragraph("", "表の前提", classes=["param-notes-title"])
    bullets = nodes.bullet_list()
    for item in items:
        para = nodes.paragraph()
        if isinstance(item, str):
            para += nodes.Text(item)
        else:
            para.extend(item)
        bullets += nodes.list_item("", para)
    box += bullets
    return box


class ParamMemoryTable(SphinxDirective):
    """Weights memory per number format, and GPUs needed to hold the weights."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.env
        keys = list(
            dict.fromkeys(
                [k for _, k in MODELS]
                + [k for _, _, k in PRECISIONS]
                + [k for _, _, *ks in GPUS for k in ks]
                + [RATIO_BASE, *MOE_NOTE]
            )
        )
        _require(self, keys)
        base_name = next(n for n, k in MODELS if k == RATIO_BASE)
        labels = _labels(env)

        memory_rows, gpu_rows = [], []
        for name, key in MODELS:
            params = _value(env, key)
            ratio = format_ratio(params, _value(env, RATIO_BASE), labels)
            memory_rows.append(
                [_entry(name), _entry(format_count(params))]
                + [_entry(ratio)]
                + [
                    _entry(format_bytes(weights_bytes(params, _value(env, b))))
                    for _, _, b in PRECISIONS
                ]
            )
            gpu_rows.append(
                [_entry(name)]
                + [
                    _entry(
                        format_integer(
                            gpus_needed(weights_bytes(params, _value(env, b)), _value(env, g))
                        )
                        + "台"
                    )
                    for _, _, b in PRECISIONS
                    for _, _, _, g in GPUS
                ]
            )

        memory = _table(
            "重みを置くだけで必要なメモリ",
            ["param-memory"],
            [26, 11, 11, 13, 13, 13, 13],
            [
                [_entry("モデル"), _entry("パラメータ数"), _entry("規模の比")]
                + [_entry(label) for _, label, _ in PRECISIONS]
            ],
            memory_rows,
        )
        memory["ids"].append("table-weights-memory")
        memory["names"].append("table-weights-memory")
        self.state.document.note_explicit_target(memory, memory)

        gpu_head_top = [_entry("モデル", morerows=1)] + [
            _entry(label, morecols=len(GPUS) - 1) for _, label, _ in PRECISIONS
        ]
        gpu_head = [_entry(label) for _ in PRECISIONS for _, label, _, _ in GPUS]
        gpus = _table(
            "重みを載せるだけで必要なGPUの最少台数",
            ["param-gpus"],
            [28] + [9] * (len(PRECISIONS) * len(GPUS)),
            [gpu_head_top, gpu_head],
            gpu_rows,
        )
        gpus["ids"].append("table-gpus-needed")
        gpus["names"].append("table-gpus-needed")
        self.state.document.note_explicit_target(gpus, gpus)

        per_format = "、".join(
            f"{label} {_bytes_text(env, k)}{BYTE_WORD}" for _, label, k in PRECISIONS
        )
        big_units = "、".join(unit_text(unit) for unit, _ in BYTE_UNITS[1:3][::-1])
        moe_total, moe_experts, moe_expert = MOE_NOTE
        moe_name = next(n for n, k in MODELS if k == moe_total).split("（")[0]
        notes = _notes(
            f"単位：{big_units}（重みも GPU のメモリも10の累乗で数えます）。",
            f"1パラメータあたりのバイト数：{per_format}。",
            "メモリは「パラメータ数 × 1パラメータあたりのバイト数」で、重みそのものだけの量です。"
            "文章を生成するときの途中結果や会話の履歴（KVキャッシュ）、学習するときの勾配や"
            "最適化の状態は含みません。",
            gpu_memory_nodes(env),
            "台数はメモリの量を GPU 1台の容量で割り、端数を切り上げた最少の数です。"
            "GPU の間でのやりとりに必要な余裕は見込んでいません。",
            "MoE のモデルも、使われないエキスパートを含めて総パラメータ数ぶんの重みを"
            "すべて置く必要があるので、表には総数だけを載せています。",
            f"{moe_name}の総数は{format_count(_value(env, moe_total))}です。"
            f"{format_sig(_value(env, moe_experts), 4)}つのエキスパートが一部の層を共有するので、"
            f"{format_sig(_value(env, moe_experts), 4)} × "
            f"{format_count(_value(env, moe_expert))}より少なくなります。",
            f"規模の比は、{base_name}のパラメータ数を1としたときの倍率です。",
            f"メモリは有効数字{SIGNIFICANT_BYTES}桁、パラメータ数は有効数字{SIGNIFICANT_COUNT}桁に"
            "四捨五入しています。",
        )
        notes += source_line(env, keys)
        notes += tables_line(memory, gpus)  # their CSV files (_ext/data_files.py)
        return [memory, gpus, notes]


class TrainingCompute(SphinxDirective):
    """C ≈ 6·N·D for a few cases, with N, D and every assumption stated."""

    has_content = False

    CASES = (
        # (case, N fact, what N is)
        ("DeepSeek-V3（公表値で計算）", "deepseek-v3-active", "1トークンごとに働く分"),
        ("楽天の目標の規模を、密なモデルとして学習した場合", TARGET, "全パラメータ"),
        (
            "Rakuten AI 3.0（MoE）を仮にゼロから学習した場合の試算",
            "rakuten-ai-3-active-card",
            "1トークンごとに働く分",
        ),
    )
    TOKENS = "deepseek-v3-tokens"
    FACTOR = "compute-flops-per-param-token"
    # Rakuten AI 3.0: the model card's N (not the announcement's rounded one), and
    # how it was really made (continued pre-training of DeepSeek-V3-0324).
    RAKUTEN_CARD, RAKUTEN_ROUNDED, RAKUTEN_BASE = (
        "rakuten-ai-3-active-card",
        "rakuten-ai-3-active",
        "rakuten-ai-3-base",
    )
    # What DeepSeek reported in familiar units, beside the estimate.
    GPU_HOURS, GPU_COUNT, COST = "deepseek-v3-gpu-hours", "deepseek-v3-gpus", "deepseek-v3-cost"

    def run(self) -> list[nodes.Node]:
        env = self.env
        keys = list(
            dict.fromkeys(
                [k for _, k, _ in self.CASES]
                + [self.TOKENS, self.FACTOR, self.RAKUTEN_CARD, self.RAKUTEN_ROUNDED]
                + [self.GPU_HOURS, self.GPU_COUNT, self.COST]
            )
        )
        _require(self, keys)
        _note_use(env, self.RAKUTEN_BASE)  # a claim without a figure, cited below
        keys.append(self.RAKUTEN_BASE)
        factor, tokens = _value(env, self.FACTOR), _value(env, self.TOKENS)
        rows = []
        for case, key, what in self.CASES:
            compute = factor * _value(env, key) * tokens
            mantissa, exponent = scientific(compute, SIGNIFICANT_COMPUTE)
            rows.append(
                [
                    _entry(case),
                    _entry(f"{format_count(_value(env, key))}（{what}）"),
                    _entry(format_count(tokens)),
                    _entry(
                        [
                            nodes.Text(f"約{mantissa}×10"),
                            nodes.superscript("", str(exponent)),
                            nodes.Text("回"),
                        ]
                    ),
                ]
            )
        factor_text = format_sig(factor, 3)
        table = _table(
            f"学習に必要な計算量の目安（C ≈ {factor_text}·N·D）",
            ["param-compute"],
            [34, 26, 18, 22],
            [
                [
                    _entry("場合"),
                    _entry("N（パラメータ数）"),
                    _entry("D（学習トークン数）"),
                    _entry("C（演算回数）"),
                ]
            ],
            rows,
        )
        table["ids"].append("table-training-compute")
        table["names"].append("table-training-compute")
        self.state.document.note_explicit_target(table, table)
        hours, cost = _value(env, self.GPU_HOURS), _value(env, self.COST)
        per_hour = _labels(env)["units"]["usd"].format(n=format_sig(cost / hours, 3))
        notes = _notes(
            f"C ≈ {factor_text}·N·D は、1パラメータ・1トークンあたり約{factor_text}回の演算"
            "（予測の計算と、誤りを逆にたどって重みを直す計算）を数える経験則です。",
            "N は計算に加わるパラメータ数です。MoE のモデルでは総数ではなく、"
            "1トークンごとに働くパラメータ数を使います。",
            f"Rakuten AI 3.0 の N はモデルカードの値（{format_count(_value(env, self.RAKUTEN_CARD))}）"
            f"です。楽天の発表では丸めて約{format_count(_value(env, self.RAKUTEN_ROUNDED))}と"
            "しています。",
            f"D は DeepSeek-V3 の公表値（{format_count(tokens)}トークン）です。"
            "楽天のモデルの学習トークン数は本書のデータにないため、二つ目と三つ目の行では"
            "仮に同じ値を使っています。",
            [
                nodes.Text(
                    "楽天はモデルカードで、Rakuten AI 3.0 を DeepSeek-V3-0324 の継続事前学習で"
                    "作ったと説明しています"
                ),
                *status_mark(env, _facts(env)[self.RAKUTEN_BASE]),
                nodes.Text(
                    f"。その場合の計算量は「{factor_text} × 働くパラメータ数 × 継続事前学習の"
                    "トークン数」で、ゼロから学習した場合の試算のうち、そのトークン数に応じた"
                    "一部にとどまります。楽天はそのトークン数を公表していないため、"
                    "実際の値はここでは計算できません。"
                ),
            ],
            [
                nodes.Text("参考：DeepSeek-V3 の報告書によると、学習に使った H800 は延べ"),
                *_fact_nodes(env, self.GPU_HOURS),
                nodes.Text("（"),
                *_fact_nodes(env, self.GPU_COUNT),
                nodes.Text("のクラスタ、事後学習などを含む）で、費用は"),
                *_fact_nodes(env, self.COST),
                nodes.Text(f"です（1時間{per_hour}と仮定、事前の研究や試行の費用は除く）。"),
            ],
            f"結果は有効数字{SIGNIFICANT_COMPUTE}桁の目安で、学習のやり直しや評価にかかる"
            "計算は含みません。",
        )
        notes += source_line(env, keys)
        notes += tables_line(table)  # its CSV file (_ext/data_files.py)
        return [table, notes]


# ==============================================================================
# The calculator (web site only)
# ==============================================================================


class calculator_node(nodes.General, nodes.Element):
    """The calculator's place; written only for the web site."""


def calculator_constants(env: Any) -> dict[str, Any]:
    """Everything the script needs, from the data and the constants above."""
    max_text = format_count(MAX_PARAMS)
    target = _value(env, TARGET)
    return {
        "precisions": [
            {
                "id": pid,
                "label": label,
                "bytes": _value(env, key),
                "bytesText": _bytes_text(env, key),
            }
            for pid, label, key in PRECISIONS
        ],
        "gpus": [
            {
                "id": gid,
                "label": label,
                "name": gpu_name(env, label, label_key),
                "mib": _value(env, mib_key),
                "capacityText": gpu_capacity_text(env, mib_key),
            }
            for gid, label, label_key, mib_key in GPUS
        ],
        "bytesPerMiB": BYTES_PER_MIB,
        "byteUnits": [list(u) for u in BYTE_UNITS],
        "byteWord": BYTE_WORD,
        "countWords": [list(w) for w in COUNT_WORDS],
        "suffixes": SUFFIXES,
        "significantBytes": SIGNIFICANT_BYTES,
        "significantCount": SIGNIFICANT_COUNT,
        "minParams": MIN_PARAMS,
        "maxParams": MAX_PARAMS,
        "initial": format_count(target),
        "messages": {
            "result": "重みの大きさは{memory}です（{count}パラメータ × {bytes}{byteWord}）。"
            "{gpu}（1台{capacity}）に載せるだけで、最低{gpus}台が必要です。",
            "empty": "パラメータ数を入力してください。",
            "invalid": "数として読み取れませんでした。例のように、数字に「万」「億」「兆」"
            "または B・T などを付けて入力してください。",
            "negative": "マイナスの数は使えません。"
            f"{format_count(MIN_PARAMS)}以上の数を入力してください。",
            "tooSmall": f"{format_count(MIN_PARAMS)}以上の数を入力してください。",
            "tooLarge": f"大きすぎます。{max_text}パラメータ以下の数を入力してください。",
        },
    }


def _examples(env: Any) -> str:
    """Input examples, all the same count: the target (7000億, 700B, 7e11, 700000000000)."""
    target = _value(env, TARGET)
    mantissa, exponent = scientific(target, 15)
    return "、".join(
        [
            format_count(target),
            format_sig(target / 10**9, 6) + "B",
            f"{mantissa}e{exponent}",
            str(int(target)),
        ]
    )


class ParamCalculator(SphinxDirective):
    """``{param-calculator}``: the live calculator (web site only)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        keys = [k for _, _, k in PRECISIONS] + [k for _, _, *ks in GPUS for k in ks] + [TARGET]
        _require(self, keys)
        gpu_help = nodes.paragraph("", "", *gpu_memory_nodes(self.env))
        node = calculator_node(
            constants=json.dumps(
                calculator_constants(self.env), ensure_ascii=False, sort_keys=True
            ),
            examples=_examples(self.env),
            gpu_help=f"{gpu_help.astext()}重みの大きさも容量も、{unit_text('GB')}で数えます。",
        )
        self.set_source_info(node)
        return [node]


def _option(value: str, label: str, selected: bool) -> str:
    return f'<option value="{value}"{" selected" if selected else ""}>{label}</option>'


def visit_calculator_html(self: Any, node: calculator_node) -> None:
    if self.builder.name != "html":  # EPUB: no scripts; the tables stand alone
        raise nodes.SkipNode
    constants = json.loads(node["constants"])
    precision = "".join(
        _option(
            p["id"], f"{p['label']}（{p['bytesText']}{BYTE_WORD}）", p["id"] == DEFAULT_PRECISION
        )
        for p in constants["precisions"]
    )
    gpu = "".join(_option(g["id"], g["name"], g["id"] == DEFAULT_GPU) for g in constants["gpus"])
    gpu_help = html.escape(node["gpu_help"])
    data = html.escape(node["constants"], quote=True)
    examples = html.escape(node["examples"])
    initial = html.escape(constants["initial"], quote=True)
    self.body.append(f"""
<div class="param-calculator" role="group" aria-labelledby="pc-title" data-constants="{data}" hidden>
<p class="param-calculator-title" id="pc-title">重みのメモリ計算機</p>
<div class="pc-field">
<label for="pc-params">パラメータ数</label>
<input id="pc-params" type="text" value="{initial}" autocomplete="off" spellcheck="false" aria-describedby="pc-params-help">
<p class="pc-help" id="pc-params-help">例：{examples}。数字に「万」「億」「兆」、k（千）・M（百万）・B（十億）・T（一兆）を付けるか、指数表記（e）で入力できます。全角の数字とカンマも使えます。</p>
</div>
<div class="pc-field">
<label for="pc-precision">数値の形式</label>
<select id="pc-precision">{precision}</select>
</div>
<div class="pc-field">
<label for="pc-gpu">GPU</label>
<select id="pc-gpu" aria-describedby="pc-gpu-help">{gpu}</select>
<p class="pc-help" id="pc-gpu-help">{gpu_help}</p>
</div>
<p class="pc-result" id="pc-result" aria-live="polite"></p>
</div>
<p class="param-calculator-nojs">この計算機を使うには JavaScript を有効にしてください。主なモデルの値は上の表にあります。</p>
""")
    raise nodes.SkipNode


def visit_calculator_skip(self: Any, node: calculator_node) -> None:
    raise nodes.SkipNode


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The calculator's script and style on its page only."""
    if app.builder.name != "html" or doctree is None:
        return
    if next(iter(doctree.findall(calculator_node)), None) is None:
        return
    app.add_css_file("param-calculator.css")
    app.add_js_file("param-calculator.js", loading_method="defer")


# ==============================================================================
# Rebuilds: pages with these directives are re-read when this file changes
# ==============================================================================

CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _digest(app: Sphinx) -> str:
    """This code and the data: what the tables and the calculator are made of."""
    h = hashlib.sha256(CODE_DIGEST.encode())
    h.update(Path(app.facts.path).read_bytes())
    h.update(Path(app.facts.labels_path).read_bytes())
    return h.hexdigest()[:16]


def _note_page(env: Any) -> None:
    if not hasattr(env, "param_memory_docs"):
        env.param_memory_docs = {}
    env.param_memory_docs[env.docname] = _digest(env.app)


def purge_doc(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, "param_memory_docs", {}).pop(docname, None)


def merge_info(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    if not hasattr(env, "param_memory_docs"):
        env.param_memory_docs = {}
    for docname in docnames:
        if docname in getattr(other, "param_memory_docs", {}):
            env.param_memory_docs[docname] = other.param_memory_docs[docname]


def outdated(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose tables were made by older code or data."""
    current = _digest(app)
    return [
        doc
        for doc, made in getattr(env, "param_memory_docs", {}).items()
        if doc not in removed and made != current
    ]


class PlainSpacesOffline(SphinxPostTransform):
    """The no-break spaces of "1.4 TB" keep web tables tidy on a phone; in LaTeX's
    justified columns they stretch instead, so the PDF and EPUB get plain spaces."""

    default_priority = 400

    def is_supported(self) -> bool:
        return self.app.builder.name != "html"

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "param-table" not in table["classes"]:
                continue
            for text in list(table.findall(nodes.Text)):
                if "\u00a0" in text:
                    text.parent.replace(text, nodes.Text(text.replace("\u00a0", " ")))


class UniqueTableIds(SphinxPostTransform):
    """Furo wraps every table in ``div.table-wrapper`` and copies the table's ids to
    it (furo 2025.12.19, ``WrapTableAndMathInAContainerTransform``), so a named table
    (``{numref}`table-weights-memory```) has its id twice on the page.  The id stays
    on the table, where the link and the number belong."""

    default_priority = 501  # right after Furo's wrapper (500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if (
                "table-wrapper" in wrapper["classes"]
                and wrapper.children
                and isinstance(wrapper.children[0], nodes.table)
            ):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in wrapper.children[0]["ids"]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("facts")
    app.setup_extension("charts")
    app.setup_extension("data_files")
    app.add_node(
        calculator_node,
        html=(visit_calculator_html, None),
        latex=(visit_calculator_skip, None),
        text=(visit_calculator_skip, None),
        man=(visit_calculator_skip, None),
        texinfo=(visit_calculator_skip, None),
    )
    app.add_directive("param-memory-table", ParamMemoryTable)
    app.add_directive("training-compute", TrainingCompute)
    app.add_directive("param-calculator", ParamCalculator)
    app.connect("html-page-context", add_assets)
    app.add_post_transform(UniqueTableIds)
    app.add_post_transform(PlainSpacesOffline)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-get-outdated", outdated)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
