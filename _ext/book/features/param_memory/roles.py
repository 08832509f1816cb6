"""Figures of the explainer's running text, computed like the tables' cells.

``{weights-size}`rakuten-ai-3-params-card bf16```  -> "1.34 TB"
``{gpus-needed}`model-fact precision gpu```        -> "16台" / "16 GPUs"
``{gpu-capacity}`h100```                           -> "85.5 GB"

``precision`` is an id of ``model.PRECISIONS``, ``gpu`` one of ``model.GPUS``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from book.core.facts import edition_labels, facts_data, role_line
from book.data.book_numbers import apply_unit, format_integer

from .model import (
    GPUS,
    PRECISIONS,
    bytes_text,
    gpu_capacity_text,
    gpus_needed,
    note_uses,
    value,
    weights_bytes,
)

# The choices of a part by id, each giving the fact it reads (the last field).
CHOICES = {"precision": {p[0]: p[-1] for p in PRECISIONS}, "gpu": {g[0]: g[-1] for g in GPUS}}


class ParamRole(SphinxRole):
    """Reads ``model-fact precision gpu`` (as many ``parts`` as the role needs) and
    writes ``figure(env, *the facts they name)``."""

    def __init__(self, parts: tuple[str, ...], figure: Callable[..., str]) -> None:
        self.parts, self.figure = parts, figure

    def problem(self, words: list[str]) -> str:
        if len(words) != len(self.parts):
            return f"needs '{' '.join(self.parts)}', got '{self.text}'"
        for part, word in zip(self.parts, words, strict=True):
            if part == "model":
                fact = facts_data(self.env).facts.get(word)
                if fact is None or fact.value is None or fact.unit != "params":
                    return f"'{word}' is not a fact with a number of parameters"
            elif word not in CHOICES[part]:
                return f"unknown {part} '{word}' (one of: {', '.join(CHOICES[part])})"
        return ""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        words = self.text.split()
        problem = self.problem(words)
        if problem:
            msg = self.inliner.reporter.error(f"{{{self.name}}}: {problem}", line=role_line(self))
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        keys = [
            CHOICES[p][w] if p in CHOICES else w for p, w in zip(self.parts, words, strict=True)
        ]
        note_uses(self.env, keys)
        text = self.figure(self.env, *keys)
        return [nodes.inline("", text, classes=["param-figure"])], []


def _gpus(env: Any, model: str, precision: str, gpu: str) -> str:
    count = gpus_needed(weights_bytes(value(env, model), value(env, precision)), value(env, gpu))
    return apply_unit(edition_labels(env), "gpus", format_integer(count))


ROLES = {
    "weights-size": ParamRole(
        ("model", "precision"),
        lambda env, model, precision: bytes_text(
            edition_labels(env), weights_bytes(value(env, model), value(env, precision))
        ),
    ),
    "gpus-needed": ParamRole(("model", "precision", "gpu"), _gpus),
    "gpu-capacity": ParamRole(("gpu",), gpu_capacity_text),
}
