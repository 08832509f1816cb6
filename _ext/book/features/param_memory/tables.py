"""The tables of the parameter explainer: weights memory per number format, GPUs
needed to hold the weights, training compute; each with its assumptions listed
under it.  Every word comes from data/labels.yaml (``param-tables``)."""

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
    return build_table(["param-table", "colwidths-given", *classes], colwidths, head, body, title)


def params_cell(env: Any, key: str) -> str:
    """A model's size in a table: 約 (about) when the data calls the count approximate."""
    labels = edition_labels(env)
    text = count_text(labels, value(env, key))
    return (
        labels["param-tables"]["approx"].format(n=text)
        if facts_data(env).facts[key].about
        else text
    )


def _gpus_cells(env: Any, size: float) -> list[nodes.entry]:
    """The GPUs of each kind needed to hold ``size`` bytes (「17台」 / "17")."""
    labels = edition_labels(env)
    cell = labels["param-tables"]["gpus-cell"]
    return [
        _entry(cell.format(n=format_integer(gpus_needed(size, value(env, g)), labels)))
        for _, _, _, g in GPUS
    ]


def _name(directive: SphinxDirective, table: nodes.table, name: str) -> None:
    table["ids"].append(name)
    table["names"].append(name)
    directive.state.document.note_explicit_target(table, table)


class ParamMemoryTable(SphinxDirective):
    """Weights memory per number format, and GPUs needed to hold the weights."""

    has_content = False

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
            ratio = format_ratio(params, value(env, RATIO_BASE), ratio_words)
            memory_rows.append(
                [_entry(names[key]), _entry(params_cell(env, key))]
                + [_entry(ratio)]
                + [
                    _entry(bytes_text(labels, weights_bytes(params, value(env, b))))
                    for _, _, b in PRECISIONS
                ]
            )
            gpu_rows.append(
                [_entry(names[key])]
                + [
                    cell
                    for _, _, b in PRECISIONS
                    for cell in _gpus_cells(env, weights_bytes(params, value(env, b)))
                ]
            )

        memory = _table(
            words["memory-title"],
            ["param-memory"],
            MEMORY_COLUMNS[style(labels)],
            [
                [_entry(words["model"]), _entry(words["params"]), _entry(words["ratio"])]
                + [_entry(label) for _, label, _ in PRECISIONS]
            ],
            memory_rows,
        )
        _name(self, memory, "table-weights-memory")

        gpu_head_top = [_entry(words["model"], morerows=1)] + [
            _entry(label, morecols=len(GPUS) - 1) for _, label, _ in PRECISIONS
        ]
        gpu_head = [_entry(label) for _ in PRECISIONS for _, label, _, _ in GPUS]
        gpus = _table(
            words["gpus-title"],
            ["param-gpus"],
            [28] + [9] * (len(PRECISIONS) * len(GPUS)),
            [gpu_head_top, gpu_head],
            gpu_rows,
        )
        _name(self, gpus, "table-gpus-needed")

        notes_words = words["memory-notes"]
        separator = words["list-separator"]
        per_format = separator.join(
            notes_words["bytes-format"].format(format=label, bytes=per_param_text(env, k))
            for _, label, k in PRECISIONS
        )
        # GB, then TB
        big_units = separator.join(
            unit_text(env, unit, scale) for unit, scale in BYTE_UNITS[1:3][::-1]
        )
        moe_total, moe_experts, moe_expert = MOE_NOTE
        experts = format_sig(value(env, moe_experts), 4)
        notes = notes_box(
            "param",
            words["notes-title"],
            notes_words["units"].format(units=big_units),
            notes_words["bytes"].format(formats=per_format),
            notes_words["weights-only"],
            gpu_memory_nodes(env),
            notes_words["gpu-count"],
            notes_words["moe-total"],
            notes_words["moe"].format(
                name=MOE_NAME,
                total=count_text(labels, value(env, moe_total)),
                experts=experts,
                expert=count_text(labels, value(env, moe_expert)),
            ),
            notes_words["ratio"].format(base=names[RATIO_BASE]),
            notes_words["rounding"].format(bytes=SIGNIFICANT_BYTES, count=SIGNIFICANT_COUNT),
        )
        notes += source_line(env, keys)
        notes += tables_line(memory, gpus)  # their CSV files (_ext/book/outputs/data_files.py)
        return [memory, gpus, notes]


class ParamSummaryTable(SphinxDirective):
    """The chapter's short table: what it takes just to hold a few models' weights."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.env
        formats = [precision(p) for p in SUMMARY_PRECISIONS]
        keys = require(self, [*SUMMARY_MODELS, *(k for _, _, k in formats), *GPU_FACTS])
        labels = edition_labels(env)
        words = labels["param-tables"]
        names = words["summary-models"]
        rows = []
        for key in SUMMARY_MODELS:
            params = value(env, key)
            row = [_entry(names[key]), _entry(params_cell(env, key))]
            for _, _, b in formats:
                size = weights_bytes(params, value(env, b))
                row.append(_entry(bytes_text(labels, size)))
                row += _gpus_cells(env, size)
            rows.append(row)
        head_top = [
            _entry(words["model"], morerows=1),
            _entry(words["params"], morerows=1),
        ] + [
            _entry(
                words["summary-format"].format(format=label, bytes=per_param_text(env, b)),
                morecols=len(GPUS),
            )
            for _, label, b in formats
        ]
        head = [
            _entry(cell)
            for _ in formats
            for cell in [words["summary-weights"], *(label for _, label, _, _ in GPUS)]
        ]
        table = _table(
            words["summary-title"],
            ["param-summary"],
            SUMMARY_COLUMNS[style(labels)],
            [head_top, head],
            rows,
        )
        _name(self, table, "table-run-summary")
        notes_words = words["summary-notes"]
        notes = notes_box(
            "param",
            words["notes-title"],
            notes_words["weights-only"],
            gpu_memory_nodes(env),
            notes_words["appendix"],
        )
        notes += source_line(env, keys)
        notes += tables_line(table)
        return [table, notes]


class TrainingCompute(SphinxDirective):
    """C ≈ 6·N·D for a few cases, with N, D and every assumption stated."""

    has_content = False

    # (the fact giving N, whether N is the active share) for each row; the rows'
    # names are in data/labels.yaml (``param-tables: cases``).
    CASES = (
        ("deepseek-v3-active", True),
        (TARGET, False),
        ("rakuten-ai-3-active-card", True),
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
            compute = factor * value(env, key) * tokens
            mantissa, exponent = scientific(compute, SIGNIFICANT_COMPUTE)
            what = words["n-active" if active else "n-all"]
            after = words["c-after"]
            rows.append(
                [
                    _entry(words["cases"][key]),
                    _entry(
                        words["n-cell"].format(count=count_text(labels, value(env, key)), what=what)
                    ),
                    _entry(count_text(labels, tokens)),
                    _entry(
                        [
                            nodes.Text(words["c-before"].format(mantissa=mantissa)),
                            nodes.superscript("", str(exponent)),
                            *([nodes.Text(after)] if after else []),
                        ]
                    ),
                ]
            )
        factor_text = format_sig(factor, 3)
        table = _table(
            words["compute-title"].format(factor=factor_text),
            ["param-compute"],
            COMPUTE_COLUMNS[style(labels)],
            [[_entry(words[h]) for h in ("case", "n", "d", "c")]],
            rows,
        )
        _name(self, table, "table-training-compute")
        hours, cost = value(env, self.GPU_HOURS), value(env, self.COST)
        per_hour = apply_unit(labels, "usd", format_sig(cost / hours, 3))
        notes_words = words["compute-notes"]
        notes = notes_box(
            "param",
            words["notes-title"],
            notes_words["rule"].format(factor=factor_text),
            notes_words["n"],
            notes_words["rakuten-n"].format(
                card=count_text(labels, value(env, self.RAKUTEN_CARD)),
                rounded=count_text(labels, value(env, self.RAKUTEN_ROUNDED)),
            ),
            notes_words["d"].format(
                tokens=apply_unit(labels, "tokens", count_text(labels, tokens))
            ),
            fill(
                notes_words["continued"],
                mark=status_mark(env, facts_data(env).facts[self.RAKUTEN_BASE]),
                factor=factor_text,
            ),
            fill(
                notes_words["deepseek-cost"],
                hours=fact_nodes(env, self.GPU_HOURS),
                gpus=fact_nodes(env, self.GPU_COUNT),
                cost=fact_nodes(env, self.COST),
                per_hour=per_hour,
            ),
            notes_words["rounding"].format(digits=SIGNIFICANT_COMPUTE),
        )
        notes += source_line(env, keys)
        notes += tables_line(table)  # its CSV file (_ext/book/outputs/data_files.py)
        return [table, notes]


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
