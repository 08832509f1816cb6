"""The weights-memory calculator (web site only; the PDF and the EPUB show the
tables): its directive, the constants and words it receives from the build, and
its markup, rendered from ``_templates/param-calculator.html``."""

from __future__ import annotations

import html
import json
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from book.core.facts import edition_labels
from book.data.book_numbers import BYTE_UNITS, count_words, format_sig, style

from .model import (
    BYTES_PER_MIB,
    GPU_FACTS,
    GPUS,
    MAX_PARAMS,
    MIN_PARAMS,
    PRECISIONS,
    SIGNIFICANT_BYTES,
    SIGNIFICANT_COUNT,
    TARGET,
    count_text,
    gpu_capacity_text,
    gpu_name,
    per_param_text,
    require,
    scientific,
    unit_text,
    value,
)
from .tables import gpu_memory_nodes

TEMPLATE = "param-calculator.html"
# Suffixes readers type after a number in every edition: the English short scale
# (the edition's own words, 億 or billion, come from data/labels.yaml).
SUFFIXES = {"k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
# ... and after it all: "700B params" (the edition adds its word for parameters).
PARAMS_WORDS = ("params", "param")
DEFAULT_PRECISION = "bf16"
DEFAULT_GPU = "h100"


class calculator_node(nodes.General, nodes.Element):
    """The calculator's place; written only for the web site."""


def calculator_constants(env: Any) -> dict[str, Any]:
    """Everything the script needs, from the data, the words of the edition's
    language and the constants of ``model``: the script types no figure and no word."""
    labels = edition_labels(env)
    words = labels["calculator"]
    counts = count_words(labels)
    limits = {"min": count_text(labels, MIN_PARAMS), "max": count_text(labels, MAX_PARAMS)}
    return {
        "precisions": [
            {
                "id": pid,
                "label": label,
                "bytes": value(env, key),
                "bytesText": per_param_text(env, key),
            }
            for pid, label, key in PRECISIONS
        ],
        "gpus": [
            {
                "id": gid,
                "label": label,
                "name": gpu_name(env, label, label_key),
                "mib": value(env, mib_key),
                "capacityText": gpu_capacity_text(env, mib_key),
            }
            for gid, label, label_key, mib_key in GPUS
        ],
        "bytesPerMiB": BYTES_PER_MIB,
        "byteUnits": [list(u) for u in BYTE_UNITS],
        # below a kB: the edition's word (a string, or {one, other})
        "byteTemplate": labels["units"]["bytes"],
        # a number of GPUs with its word ("17台", "1 GPU" / "17 GPUs")
        "gpusTemplate": labels["units"]["gpus"],
        # (word, size, how many digits before it rounds up to the next word)
        "countWords": [
            [word, scale, len(str(counts[i - 1][1] // scale)) - 1 if i else 0]
            for i, (word, scale) in enumerate(counts)
        ],
        # English counts below a million get thousands separators (12,500)
        "groupSmallCounts": style(labels) == "en",
        "suffixes": {
            **SUFFIXES,
            **{str(w).lower(): int(n) for w, n in words["count-words"].items()},
        },
        "paramsWords": [*words["params-words"], *PARAMS_WORDS],
        "significantBytes": SIGNIFICANT_BYTES,
        "significantCount": SIGNIFICANT_COUNT,
        "minParams": MIN_PARAMS,
        "maxParams": MAX_PARAMS,
        "initial": count_text(labels, value(env, TARGET)),
        # (the result's fields are filled by the script)
        "messages": {
            key: text if key == "result" else text.format(**limits)
            for key, text in words["messages"].items()
        },
    }


class ParamCalculator(SphinxDirective):
    """``{param-calculator}``: the live calculator (web site only)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        require(self, [*(k for _, _, k in PRECISIONS), *GPU_FACTS, TARGET])
        labels = edition_labels(self.env)
        # Input examples, all the same count: the target (7000億, 700B, 7e11, 700000000000).
        target = value(self.env, TARGET)
        mantissa, exponent = scientific(target, 15)
        examples = [
            count_text(labels, target),
            format_sig(target / 10**9, 6) + "B",
            f"{mantissa}e{exponent}",
            str(int(target)),
        ]
        gpu_help = nodes.paragraph("", "", *gpu_memory_nodes(self.env)).astext()
        node = calculator_node(
            constants=json.dumps(
                calculator_constants(self.env), ensure_ascii=False, sort_keys=True
            ),
            examples=labels["param-tables"]["list-separator"].join(examples),
            gpu_help=gpu_help
            + labels["calculator"]["gpu-help-end"].format(unit=unit_text(self.env, "GB", 10**9)),
        )
        self.set_source_info(node)
        return [node]


def visit_calculator_html(self: Any, node: calculator_node) -> None:
    if self.builder.name != "html":  # EPUB: no scripts; the tables stand alone
        raise nodes.SkipNode
    words = edition_labels(self.builder.env)["calculator"]
    constants = json.loads(node["constants"])
    # Every value is escaped here; the template writes them as they are.
    esc = html.escape
    labels = ("title", "params-label", "precision-label", "gpu-label", "no-script")
    context = {key.replace("-", "_"): esc(words[key]) for key in labels}
    context |= {
        "constants": esc(node["constants"]),
        "initial": esc(constants["initial"]),
        "params_help": esc(words["params-help"].format(examples=node["examples"])),
        "gpu_help": esc(node["gpu_help"]),
        "precisions": [
            {
                "id": p["id"],
                "label": esc(
                    words["precision-option"].format(format=p["label"], bytes=p["bytesText"])
                ),
                "selected": p["id"] == DEFAULT_PRECISION,
            }
            for p in constants["precisions"]
        ],
        "gpus": [
            {"id": g["id"], "label": esc(g["name"]), "selected": g["id"] == DEFAULT_GPU}
            for g in constants["gpus"]
        ],
    }
    self.body.append("\n" + self.builder.templates.render(TEMPLATE, context) + "\n")
    raise nodes.SkipNode
