"""The rows of ``models:`` in data/facts.yaml (Japan's foundation models), read without
Sphinx.

The section is checked with the rest of the data file.  A row whose figures cannot be
shown is left out, and a word the schema does not allow reads as "unknown" (openness:
"closed"), so that the rest of the book still builds after the message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from book.data.facts_file import Fact, FactsData, entries, load_facts
from book.data.schema import SOURCE_LANGUAGE, words
from book.data.yamlfile import item


@dataclass
class Model:
    key: str
    name: str
    developer: str
    params: str  # fact key
    # developer, base, licence, geniac_note and note are in the loaded language
    active: str | None  # fact key
    architecture: str
    training: str
    base: str | None
    released: str  # fact key
    openness: str
    licence: str | None
    geniac: int | None
    geniac_note: str = ""
    sources: list[str] = field(default_factory=list)
    status: str = "confirmed"
    note: str = ""
    line: int = 0

    def fact_keys(self) -> list[str]:
        return [k for k in (self.params, self.active, self.released) if k]


@dataclass
class ModelsData:
    rows: list[Model] = field(default_factory=list)
    labels: dict[str, Any] = field(default_factory=dict)  # the language's labels
    # The facts the rows name.
    facts: FactsData | None = None


def largest_models(rows: list[Model], facts: Mapping[str, Fact]) -> tuple[Model, Model | None]:
    """The largest model by total parameters and, when it is another model, the largest
    trained from scratch (None when the largest is itself, or none was); of equal sizes,
    the data's first.  The models table's and chart's captions state both."""

    def size(model: Model) -> float:
        return float(facts[model.params].value)

    largest = max(rows, key=size)
    scratch = max((m for m in rows if m.training == "scratch"), key=size, default=largest)
    return largest, (scratch if scratch is not largest else None)


def load_models(facts: FactsData, language: str = "ja") -> ModelsData:
    """The rows of ``models:`` that can be shown, in the data file's order, read from the
    data file as ``load_facts`` composed it (``facts.root``; its problems are reported
    there)."""
    labels = facts.labels.get(language, facts.labels.get("ja", {}))
    languages = [lang for lang in facts.labels if lang != SOURCE_LANGUAGE]
    data = ModelsData(labels=labels, facts=facts)

    def word(raw: dict[str, Any], name: str, otherwise: str) -> str:
        allowed = words(f"/$defs/model/properties/{name}")
        return str(raw[name]) if raw.get(name) in allowed else otherwise

    def shown_fact(raw: dict[str, Any], name: str) -> str | None:
        fact = facts.facts.get(str(raw.get(name)))
        return fact.key if fact is not None and fact.value is not None else None

    section = item(facts.root, "models")[1]
    for key_node, raw, _texts, shown in entries(section, "model", languages, language):
        params, released = shown_fact(raw, "params"), shown_fact(raw, "released")
        if not raw or params is None or released is None:
            continue  # not a mapping, or its figures cannot be shown
        geniac = raw.get("geniac")
        sources = raw.get("source") or []
        sources = [sources] if isinstance(sources, str) else sources
        data.rows.append(
            Model(
                key=str(key_node.value),
                name=str(raw.get("name") or key_node.value),
                developer=shown["developer"],
                params=params,
                active=shown_fact(raw, "active"),
                architecture=word(raw, "architecture", "unknown"),
                training=word(raw, "training", "unknown"),
                base=shown["base"] if raw.get("base") else None,
                released=released,
                openness=word(raw, "openness", "closed"),
                licence=shown["licence"] if raw.get("licence") else None,
                geniac=geniac if type(geniac) is int and geniac > 0 else None,  # not a bool
                geniac_note=shown["geniac_note"],
                sources=[s for s in sources if s in facts.sources],
                status=word(raw, "status", "reported"),
                note=shown["note"],
                line=key_node.start_mark.line + 1,
            )
        )
    return data


def read_models(root: Path, language: str = SOURCE_LANGUAGE) -> ModelsData:
    """The rows of a project's data file (``root``: the project), with its facts, as a
    build of ``language`` reads them: for tools and tests that work outside a build."""
    path = root / "data" / "facts.yaml"
    facts = load_facts(path, root / "data" / "labels.yaml", "data/facts.yaml", language)
    return load_models(facts, language)
