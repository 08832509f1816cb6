"""Figures of the explainer's running text, computed like the tables' cells.

``{weights-size}`rakuten-ai-3-params-card bf16```  -> "1.34 TB"
``{gpus-needed}`model-fact precision gpu```        -> "16台" / "16 GPUs"
``{gpu-capacity}`h100```                           -> "85.5 GB"

``precision`` is an id of ``model.PRECISIONS``, ``gpu`` one of ``model.GPUS``."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from book.core.facts import edition_labels, facts_data, note_use, role_line
from book.data.book_numbers import apply_unit, format_integer

from .model import (
    GPUS,
    PRECISIONS,
    bytes_text,
    gpu_capacity_text,
    gpus_needed,
    value,
    weights_bytes,
)
from .rebuild import note_page


class _ParamRole(SphinxRole):
    """Reads ``model-fact precision gpu`` (as many parts as the role needs)."""

    parts: tuple[str, ...] = ()

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        words = self.text.split()
        known = {
            "model": None,
            "precision": {p[0]: p for p in PRECISIONS},
            "gpu": {g[0]: g for g in GPUS},
        }
        problem = ""
        if len(words) != len(self.parts):
            problem = f"needs '{' '.join(self.parts)}', got '{self.text}'"
            words = []
        found: dict[str, Any] = {}
        for part, word in zip(self.parts[: len(words)], words, strict=True):
            if problem:
                break
            if part == "model":
                fact = facts_data(self.env).facts.get(word)
                if fact is None or fact.value is None or fact.unit != "params":
                    problem = f"'{word}' is not a fact with a number of parameters"
                found[part] = word
            else:
                choice = known[part].get(word)
                if choice is None:
                    problem = f"unknown {part} '{word}' (one of: {', '.join(known[part])})"
                found[part] = choice
        if problem:
            msg = self.inliner.reporter.error(f"{{{self.name}}}: {problem}", line=role_line(self))
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        for key in self._keys(found):
            note_use(self.env, key)
        note_page(self.env)
        text = self.figure(found)
        return [nodes.inline("", text, classes=["param-figure"])], []

    @staticmethod
    def _keys(found: dict[str, Any]) -> list[str]:
        keys = []
        if "model" in found:
            keys.append(found["model"])
        if "precision" in found:
            keys.append(found["precision"][2])
        if "gpu" in found:
            keys.append(found["gpu"][3])
        return keys

    def figure(self, found: dict[str, Any]) -> str:
        raise NotImplementedError


class WeightsSizeRole(_ParamRole):
    parts = ("model", "precision")

    def figure(self, found: dict[str, Any]) -> str:
        size = weights_bytes(
            value(self.env, found["model"]), value(self.env, found["precision"][2])
        )
        return bytes_text(edition_labels(self.env), size)


class GpusNeededRole(_ParamRole):
    parts = ("model", "precision", "gpu")

    def figure(self, found: dict[str, Any]) -> str:
        size = weights_bytes(
            value(self.env, found["model"]), value(self.env, found["precision"][2])
        )
        count = gpus_needed(size, value(self.env, found["gpu"][3]))
        labels = edition_labels(self.env)
        return apply_unit(labels, "gpus", format_integer(count, labels))


class GpuCapacityRole(_ParamRole):
    parts = ("gpu",)

    def figure(self, found: dict[str, Any]) -> str:
        return gpu_capacity_text(self.env, found["gpu"][3])


ROLES = {
    "weights-size": WeightsSizeRole,
    "gpus-needed": GpusNeededRole,
    "gpu-capacity": GpuCapacityRole,
}
