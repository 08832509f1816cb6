"""The tables of the parameter explainer: ``{param-memory-table}`` (the weights' memory
at FP32 / BF16 / FP8 / INT4 and the fewest H100 and H200 that hold them),
``{param-summary-table}`` (the chapter's short answer: BF16 and FP8, a few models) and
``{training-compute}`` (C ≈ 6·N·D), each with its assumptions listed under it.  Every
word comes from data/labels.yaml (``param-tables``)."""

from __future__ import annotations

import re
import string
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from book.core.facts import edition_labels, facts_data, joined, status_mark
from book.core.figure_data import build_table, notes_box, source_line, tables_line
from book.data.book_numbers import (
    BYTE_UNITS,
    apply_unit,
    format_integer,
    format_ratio,
    format_sig,
    style,
)
from book.data.facts_file import format_value

from .model import (
    GPU_FACTS,
    GPUS,
    MODELS,
    MOE_NAME,
    MOE_NOTE,
    PRECISIONS,
    RATIO_BASE,
    SIGNIFICANT_BYTES,
    SIGNIFICANT_COMPUTE,
    SIGNIFICANT_COUNT,
    SUMMARY_MODELS,
    SUMMARY_PRECISIONS,
    TARGET,
    bytes_text,
    count_text,
    gpu_capacity_text,
    gpu_name,
    gpus_needed,
    per_param_text,
    precision,
    require,
    scientific,
    unit_text,
    value,
    weights_bytes,
)


def fill(template: str, **parts: str | list[nodes.Node]) -> list[nodes.Node]:
    """A template of the labels file as nodes: ``{name}`` filled with text or with
    nodes (a fact with its linked status mark)."""
    out: list[nodes.Node] = []
    for literal, field, _, _ in string.Formatter().parse(template):
        if literal:
            out.append(nodes.Text(literal))
        if field is None:
            continue
        part = parts[field]
        out.extend([nodes.Text(part)] if isinstance(part, str) else part)
    return out


def fact_nodes(env: Any, key: str) -> list[nodes.Node]:
    """A fact as ``{fact}`key``` shows it: the formatted value and its status mark."""
    fact = facts_data(env).facts[key]
    return [nodes.Text(format_value(fact, edition_labels(env))), *status_mark(env, fact)]


def gpu_memory_nodes(env: Any) -> list[nodes.Node]:
    """What each GPU holds, and how it is counted (under the tables and in the calculator)."""
    words = edition_labels(env)["param-tables"]
    notes = words["memory-notes"]
    items = [
        fill(
            notes["gpu-memory-item"],
            name=gpu_name(env, label, label_key),
            capacity=gpu_capacity_text(env, mib_key),
        )
        for _, label, label_key, mib_key in GPUS
    ]
    return [
        nodes.Text(notes["gpu-memory"]),
        *joined(items, words["list-separator"]),
        *fill(notes["gpu-memory-end"]),
    ]


# Column widths on paper (LaTeX), per number style: "700 billion" needs a wider
# column than "7000億", which would otherwise hyphenate it ("bil-lion").
MEMORY_COLUMNS = {"ja": [22, 16, 12, 13, 13, 12, 12], "en": [22, 15, 11, 13, 13, 13, 13]}
SUMMARY_COLUMNS = {"ja": [24, 14, 12, 8, 8, 12, 8, 8], "en": [22, 16, 12, 8, 8, 12, 8, 8]}
COMPUTE_COLUMNS = {"ja": [30, 24, 23, 23], "en": [30, 32, 16, 22]}

VALUE_WITH_UNIT = re.compile(r"^[0-9.,]+ [A-Za-z]+$")


def _entry(content: str | list[nodes.Node], **attrs: Any) -> nodes.entry:
    # "1.5 GB" must not break between the number and its unit in a narrow column.
    if isinstance(content, str):
        content = [
            nodes.Text(
                content.replace(" ", "\u00a0") if VALUE_WITH_UNIT.match(content) else content
            )
        ]
    return nodes.entry("", nodes.paragraph("", "", *content), **attrs)


def _row(*cells: str | list[nodes.Node]) -> list[nodes.entry]:
    return [_entry(cell) for cell in cells]


class ParamTable(SphinxDirective):
    """A table of the explainer: its facts required, its rows and the notes under it."""

    has_content = False

    def table(
        self,
        name: str,
        kind: str,
        title: str,
        colwidths: list[int],
        head: list[list[nodes.entry]],
        body: list[list[nodes.entry]],
    ) -> nodes.table:
        """A named table (``{numref}`table-weights-memory```).  Widths given (not left to
        LaTeX's tabulary, which squeezes the value columns until "1.5 GB" breaks between
        number and unit)."""
        table = build_table(["param-table", "colwidths-given", kind], colwidths, head, body, title)
        table["ids"].append(name)
        table["names"].append(name)
        self.state.document.note_explicit_target(table, table)
        return table

    def with_notes(
        self, keys: list[str], tables: list[nodes.table], *items: str | list[nodes.Node]
    ) -> list[nodes.Node]:
        """The tables, then their notes, sources and CSV files (outputs/data_files.py)."""
        words = edition_labels(self.env)["param-tables"]
        notes = notes_box("param", words["notes-title"], *items)
        notes += source_line(self.env, keys)
        notes += tables_line(*tables)
        return [*tables, notes]


def params_cell(env: Any, key: str) -> str:
    """A model's size in a table: 約 (about) when the data calls the count approximate."""
    labels = edition_labels(env)
    text = count_text(labels, value(env, key))
    return (
        labels["param-tables"]["approx"].format(n=text)
        if facts_data(env).facts[key].about
        else text
    )


def _gpus_cells(env: Any, size: float) -> list[str]:
    """The GPUs of each kind needed to hold ``size`` bytes (「17台」 / "17")."""
    cell = edition_labels(env)["param-tables"]["gpus-cell"]
    return [cell.format(n=format_integer(gpus_needed(size, value(env, g)))) for *_, g in GPUS]


class ParamMemoryTable(ParamTable):
    """Weights memory per number format, and GPUs needed to hold the weights."""

    def run(self) -> list[nodes.Node]:
        env = self.env
        keys = require(
            self, [*MODELS, *(k for _, _, k in PRECISIONS), *GPU_FACTS, RATIO_BASE, *MOE_NOTE]
        )
        labels = edition_labels(env)
        words = labels["param-tables"]
        names = words["models"]
        # the narrow columns' own words: "約467倍" / "≈467×", "17台" / "17"
        ratio_words = {
            **labels,
            "ratio": words["ratio-cell"],
            "ratio-exact": words["ratio-cell-exact"],
        }
        memory_rows, gpu_rows = [], []
        for key in MODELS:
            params = value(env, key)
            sizes = [weights_bytes(params, value(env, b)) for _, _, b in PRECISIONS]
            ratio = format_ratio(params, value(env, RATIO_BASE), ratio_words)
            cells = [bytes_text(labels, size) for size in sizes]
            memory_rows.append(_row(names[key], params_cell(env, key), ratio, *cells))
            gpu_rows.append(_row(names[key], *(c for s in sizes for c in _gpus_cells(env, s))))
        memory = self.table(
            "table-weights-memory",
            "param-memory",
            words["memory-title"],
            MEMORY_COLUMNS[style(labels)],
            [_row(words["model"], words["params"], words["ratio"], *(p[1] for p in PRECISIONS))],
            memory_rows,
        )
        gpus = self.table(
            "table-gpus-needed",
            "param-gpus",
            words["gpus-title"],
            [28] + [9] * (len(PRECISIONS) * len(GPUS)),
            [
                [_entry(words["model"], morerows=1)]
                + [_entry(label, morecols=len(GPUS) - 1) for _, label, _ in PRECISIONS],
                _row(*(label for _ in PRECISIONS for _, label, _, _ in GPUS)),
            ],
            gpu_rows,
        )
        notes = words["memory-notes"]
        separator = words["list-separator"]
        per_format = separator.join(
            notes["bytes-format"].format(format=label, bytes=per_param_text(env, k))
            for _, label, k in PRECISIONS
        )
        # GB, then TB
        big_units = separator.join(unit_text(env, u, scale) for u, scale in BYTE_UNITS[2:0:-1])
        moe_total, moe_experts, moe_expert = MOE_NOTE
        return self.with_notes(
            keys,
            [memory, gpus],
            notes["units"].format(units=big_units),
            notes["bytes"].format(formats=per_format),
            notes["weights-only"],
            gpu_memory_nodes(env),
            notes["gpu-count"],
            notes["moe-total"],
            notes["moe"].format(
                name=MOE_NAME,
                total=count_text(labels, value(env, moe_total)),
                experts=format_sig(value(env, moe_experts), 4),
                expert=count_text(labels, value(env, moe_expert)),
            ),
            notes["ratio"].format(base=names[RATIO_BASE]),
            notes["rounding"].format(bytes=SIGNIFICANT_BYTES, count=SIGNIFICANT_COUNT),
        )


class ParamSummaryTable(ParamTable):
    """The chapter's short table: what it takes just to hold a few models' weights."""

    def run(self) -> list[nodes.Node]:
        env = self.env
        formats = [precision(p) for p in SUMMARY_PRECISIONS]
        keys = require(self, [*SUMMARY_MODELS, *(k for _, _, k in formats), *GPU_FACTS])
        labels = edition_labels(env)
        words = labels["param-tables"]
        rows = []
        for key in SUMMARY_MODELS:
            params = value(env, key)
            row = _row(words["summary-models"][key], params_cell(env, key))
            for _, _, b in formats:
                size = weights_bytes(params, value(env, b))
                row += _row(bytes_text(labels, size), *_gpus_cells(env, size))
            rows.append(row)
        head_top = [_entry(words[w], morerows=1) for w in ("model", "params")] + [
            _entry(
                words["summary-format"].format(format=label, bytes=per_param_text(env, b)),
                morecols=len(GPUS),
            )
            for _, label, b in formats
        ]
        head = _row(
            *(c for _ in formats for c in [words["summary-weights"], *(g[1] for g in GPUS)])
        )
        table = self.table(
            "table-run-summary",
            "param-summary",
            words["summary-title"],
            SUMMARY_COLUMNS[style(labels)],
            [head_top, head],
            rows,
        )
        notes = words["summary-notes"]
        return self.with_notes(
            keys, [table], notes["weights-only"], gpu_memory_nodes(env), notes["appendix"]
        )


class TrainingCompute(ParamTable):
    """C ≈ 6·N·D for a few cases, with N, D and every assumption stated."""

    # (the fact giving N, whether N is the active share) for each row; the rows'
    # names are in data/labels.yaml (``param-tables: cases``).
    CASES = (("deepseek-v3-active", True), (TARGET, False), ("rakuten-ai-3-active-card", True))
    TOKENS = "deepseek-v3-tokens"
    FACTOR = "compute-flops-per-param-token"
    # Rakuten AI 3.0: the model card's N (not the announcement's rounded one), and
    # how it was really made (continued pre-training of DeepSeek-V3-0324).
    RAKUTEN_CARD, RAKUTEN_ROUNDED = "rakuten-ai-3-active-card", "rakuten-ai-3-active"
    RAKUTEN_BASE = "rakuten-ai-3-base"
    # What DeepSeek reported in familiar units, beside the estimate.
    GPU_HOURS, GPU_COUNT, COST = "deepseek-v3-gpu-hours", "deepseek-v3-gpus", "deepseek-v3-cost"

    def run(self) -> list[nodes.Node]:
        env = self.env
        keys = require(
            self,
            [
                *(k for k, _ in self.CASES),
                *(self.TOKENS, self.FACTOR, self.RAKUTEN_CARD, self.RAKUTEN_ROUNDED),
                *(self.GPU_HOURS, self.GPU_COUNT, self.COST),
            ],
            claims=[self.RAKUTEN_BASE],  # a claim without a figure, cited below
        )
        labels = edition_labels(env)
        words = labels["param-tables"]
        factor, tokens = value(env, self.FACTOR), value(env, self.TOKENS)
        rows = []
        for key, active in self.CASES:
            mantissa, exponent = scientific(factor * value(env, key) * tokens, SIGNIFICANT_COMPUTE)
            what = words["n-active" if active else "n-all"]
            compute = [
                nodes.Text(words["c-before"].format(mantissa=mantissa)),
                nodes.superscript("", str(exponent)),
                *([nodes.Text(words["c-after"])] if words["c-after"] else []),
            ]
            count = words["n-cell"].format(count=count_text(labels, value(env, key)), what=what)
            rows.append(_row(words["cases"][key], count, count_text(labels, tokens), compute))
        factor_text = format_sig(factor, 3)
        table = self.table(
            "table-training-compute",
            "param-compute",
            words["compute-title"].format(factor=factor_text),
            COMPUTE_COLUMNS[style(labels)],
            [_row(*(words[h] for h in ("case", "n", "d", "c")))],
            rows,
        )
        per_hour = format_sig(value(env, self.COST) / value(env, self.GPU_HOURS), 3)
        notes = words["compute-notes"]
        return self.with_notes(
            keys,
            [table],
            notes["rule"].format(factor=factor_text),
            notes["n"],
            notes["rakuten-n"].format(
                card=count_text(labels, value(env, self.RAKUTEN_CARD)),
                rounded=count_text(labels, value(env, self.RAKUTEN_ROUNDED)),
            ),
            notes["d"].format(tokens=apply_unit(labels, "tokens", count_text(labels, tokens))),
            fill(
                notes["continued"],
                mark=status_mark(env, facts_data(env).facts[self.RAKUTEN_BASE]),
                factor=factor_text,
            ),
            fill(
                notes["deepseek-cost"],
                hours=fact_nodes(env, self.GPU_HOURS),
                gpus=fact_nodes(env, self.GPU_COUNT),
                cost=fact_nodes(env, self.COST),
                per_hour=apply_unit(labels, "usd", per_hour),
            ),
            notes["rounding"].format(digits=SIGNIFICANT_COMPUTE),
        )


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
