"""The rows of ``models:`` in data/facts.yaml (Japan's foundation models), read and
checked without Sphinx.

``load_models`` reads the section with its line numbers: an unknown or missing field,
a fact key that does not exist or has no value, an unknown word (architecture,
training, openness), ``base`` missing for a continued model or given for another,
``licence`` missing for open weights or given for closed ones, a ``geniac`` that is not
a positive integer or null, an unknown source key or status is reported as
``data/facts.yaml:LINE: model '<key>' ...``.  Rows whose figures cannot be shown are
reported and left out, so that the rest of the book still builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from book.data.facts_file import (
    SOURCE_LANGUAGE,
    TRANSLATED_FIELDS,
    FactsData,
    load_facts,
    translations,
)
from book.data.yamlfile import LOADER, mapping, scalar

# The words a row may use (data/labels.yaml "models:" gives what readers see).
ARCHITECTURES = ("dense", "moe", "unknown")
TRAININGS = ("scratch", "continued", "unknown")
OPENNESS = ("open-weights", "closed")
STATUSES = ("confirmed", "reported")
# Fields a row must write (null allowed for the second group), and optional ones.
REQUIRED = ("name", "developer", "params", "architecture", "training", "released")
REQUIRED += ("openness", "source", "status")
NULLABLE = ("active", "base", "licence", "geniac")
OPTIONAL = ("geniac_note", "note")
MODEL_FIELDS = set(REQUIRED + NULLABLE + OPTIONAL)
# Fact fields of a row and the units their facts may have.
FACT_FIELDS = {
    "params": ("params",),
    "active": ("params",),
    "released": ("day", "month", "year"),
}
# The text fields of a row in each other edition: "<field>_<language>" (developer_en).
TRANSLATED = TRANSLATED_FIELDS["model"]


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
    errors: list[str] = field(default_factory=list)
    labels: dict[str, Any] = field(default_factory=dict)  # the language's labels
    # The facts the rows name.
    facts: FactsData | None = None


def load_models(path: Path, rel: str, facts: FactsData, language: str = "ja") -> ModelsData:
    """Read and validate ``models:``; every problem with its line in ``errors``.

    Rows whose figures cannot be shown (a fact key that is unknown or has no
    value) are reported and left out, so that the rest of the book still builds."""
    labels = facts.labels.get(language, facts.labels.get("ja", {}))
    languages = [lang for lang in facts.labels if lang != SOURCE_LANGUAGE]
    fields = MODEL_FIELDS | {f"{name}_{lang}" for name in TRANSLATED for lang in languages}
    data = ModelsData(labels=labels, facts=facts)
    err = data.errors.append
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return data  # the facts loader reports an unreadable file
    section = next((v for k, v in mapping(root) if k.value == "models"), None)
    if section is None:
        return data
    if not isinstance(section, yaml.MappingNode):
        err(f"{rel}:{section.start_mark.line + 1}: 'models:' must be a mapping of models")
        return data
    words = labels.get("models", {})
    for kind, known in (
        ("architecture", ARCHITECTURES),
        ("training", TRAININGS),
        ("openness", OPENNESS),
    ):
        for word in known:
            if word not in words.get(kind, {}):
                err(f"data/labels.yaml: models: {kind}: needs the word for '{word}'")
    seen: set[str] = set()
    for key_node, node in mapping(section):
        key, line = str(key_node.value), key_node.start_mark.line + 1
        where = f"{rel}:{line}: model '{key}'"
        if key in seen:
            err(f"{where} is defined twice")
        seen.add(key)
        if not isinstance(node, yaml.MappingNode):
            err(f"{where} must be a mapping of fields (name, developer, params, ...)")
            continue
        raw = {k.value: scalar(v) for k, v in node.value}
        lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}

        def at(name: str, lines: dict[str, int] = lines, line: int = line, key: str = key) -> str:
            """Where a field's problem is: the field's own line."""
            return f"{rel}:{lines.get(name, line)}: model '{key}'"

        for extra in sorted(set(raw) - fields):
            err(f"{at(extra)} has an unknown field '{extra}' (known: {', '.join(sorted(fields))})")
        texts, missing = translations(raw, "model", languages)
        for name, original in missing:
            err(
                f"{at(name.rsplit('_', 1)[0])} needs '{name}', the {name.rsplit('_', 1)[1]} "
                f"text of '{name.rsplit('_', 1)[0]}' (every edition shows it): {original}"
            )
        shown = texts.get(language, texts[SOURCE_LANGUAGE])
        for name in REQUIRED:
            if raw.get(name) in (None, "", []):
                err(f"{where} needs '{name}'")
        for name in NULLABLE:
            if name not in raw:
                err(f"{where} needs '{name}' (write '{name}: null' when there is none)")
        usable = True
        for name, units in FACT_FIELDS.items():
            fact_key = raw.get(name)
            if fact_key in (None, ""):
                usable = usable and name == "active"
                continue
            fact = facts.facts.get(str(fact_key))
            if fact is None:
                err(f"{at(name)} {name} names unknown fact '{fact_key}' (a key of 'facts:')")
                usable = usable and name == "active"
                raw[name] = None
            elif fact.value is None:
                err(f"{at(name)} {name} names fact '{fact_key}', which has no value")
                usable = usable and name == "active"
                raw[name] = None
            elif fact.unit not in units:
                err(
                    f"{at(name)} {name} names fact '{fact_key}' with unit '{fact.unit}' "
                    f"(expected: {', '.join(units)})"
                )
        for name, known in (
            ("architecture", ARCHITECTURES),
            ("training", TRAININGS),
            ("openness", OPENNESS),
        ):
            word = raw.get(name)
            if word not in (None, "") and word not in known:
                err(f"{at(name)} has unknown {name} '{word}' (expected one of: {', '.join(known)})")
                # reported; the row goes on with the word for "not known", so that the
                # chart and the table never meet a word they have no label or marker
                # for (a traceback after the message, issue 21)
                raw[name] = None
        training, base = raw.get("training"), raw.get("base")
        if training == "continued" and not base:
            err(f"{at('base')} is trained by continued pre-training: give its 'base' model")
        elif training != "continued" and base not in (None, ""):
            err(f"{at('base')} has a 'base' but its training is '{training}', not 'continued'")
        openness, licence = raw.get("openness"), raw.get("licence")
        if openness == "open-weights" and not licence:
            err(f"{at('licence')} publishes its weights: name the 'licence'")
        elif openness == "closed" and licence not in (None, ""):
            err(f"{at('licence')} has a 'licence' but its weights are not published (closed)")
        if raw.get("active") and raw.get("architecture") not in ("moe", None):
            err(f"{at('active')} has 'active' parameters but is not 'moe'")
        geniac = raw.get("geniac")
        if geniac is not None and (
            isinstance(geniac, bool) or not isinstance(geniac, int) or geniac < 1
        ):
            err(f"{at('geniac')} geniac '{geniac}' must be a round number (1, 2, ...) or null")
            geniac = None
        sources = raw.get("source") or []
        sources = [sources] if isinstance(sources, str) else list(sources)
        for src in sources:
            if src not in facts.sources:
                err(f"{at('source')} names unknown source '{src}'")
        status = raw.get("status")
        if status not in STATUSES:
            err(
                f"{at('status')} has unknown status '{status}' (expected one of: {', '.join(STATUSES)})"
            )
        if not usable:
            continue
        data.rows.append(
            Model(
                key=key,
                name=str(raw.get("name") or key),
                developer=shown["developer"],
                params=str(raw["params"]),
                active=str(raw["active"]) if raw.get("active") else None,
                architecture=str(raw.get("architecture") or "unknown"),
                training=str(raw.get("training") or "unknown"),
                base=shown["base"] if base else None,
                released=str(raw["released"]),
                openness=str(raw.get("openness") or "closed"),
                licence=shown["licence"] if licence else None,
                geniac=geniac,
                geniac_note=shown["geniac_note"],
                sources=[s for s in sources if s in facts.sources],
                status=str(status) if status in STATUSES else "reported",
                note=shown["note"],
                line=line,
            )
        )
    return data


def read_models(root: Path, language: str = SOURCE_LANGUAGE) -> ModelsData:
    """The rows of a project's data file (``root``: the project), with its facts, as a
    build of ``language`` reads them: for tools and tests that work outside a build."""
    path = root / "data" / "facts.yaml"
    facts = load_facts(path, root / "data" / "labels.yaml", "data/facts.yaml", language)
    return load_models(path, "data/facts.yaml", facts, language)
