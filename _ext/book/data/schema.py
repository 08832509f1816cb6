"""The shape of ``data/facts.yaml``: its JSON Schema, ``data/facts.schema.json``.

The schema (also published) is the one statement of the data's shape: fields, types,
date and key patterns, translated fields (``translated``) and the words a field may
take (``words``).  ``problems`` says each violation at the line of the field, with "did
you mean" for a near miss.  The schema is read once per process and its ``$ref``
inlined before it is compiled: that halves a validation."""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from jsonschema import Draft202012Validator

from book.data.paths import PROJECT
from book.data.yamlfile import did_you_mean, item, scalar

SCHEMA_PATH = PROJECT / "data" / "facts.schema.json"
# The sections of the data file and what each entry is called in a message.
SECTIONS = {"sources": "source", "facts": "fact", "models": "model"}
# The data is written in Japanese; each other edition (a block of data/labels.yaml)
# gives its own text of a reader-facing field beside it ("label_en").
SOURCE_LANGUAGE = "ja"
# Hiragana, katakana, CJK ideographs and full-width forms (as $defs/english): text a
# reader of another edition cannot read ("NVIDIA" or "arXiv:2005.14165" needs none).
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# How a missing (or empty) field is said: (entry kind, field) -> what the entry needs.
NEEDS = {
    ("fact", "label"): "needs a 'label' (what the figure is)",
    ("fact", "source"): "has no source; add 'source: [<key>]' naming an entry of 'sources:'",
    ("fact", "unit"): "needs a 'unit' for its value (a key of 'units:' in data/labels.yaml)",
    ("fact", "as_of"): "needs 'as_of: YYYY[-MM[-DD]]' (the date the value describes)",
    ("fact", "checked"): "needs 'checked: YYYY[-MM[-DD]]' (when someone last compared it "
    "with its sources)",
    ("correction", "on"): "needs 'on: YYYY-MM-DD'",
    ("correction", "note"): "needs a 'note' (what was wrong)",
}
# How a value of the wrong form is said, by field.
WRITE = {
    "as_of": "as_of '{value}' is not YYYY[-MM[-DD]] (the date the value describes)",
    "checked": "checked '{value}' is not YYYY[-MM[-DD]] (when someone last compared it with "
    "its sources)",
    "date": "date '{value}' is not YYYY[-MM[-DD]]",
    "on": "on '{value}' is not YYYY[-MM[-DD]] (the day of the correction)",
    "url": "url '{value}' must start with https://",
    "approx": "approx must be true or false, not '{value}'",
    "about": "about must be true or false, not '{value}'",
    "value": "value '{value}' must be a number in base units (e.g. 700000000000)",
    "geniac": "geniac '{value}' must be a round number (1, 2, ...) or null",
    "corrects": "corrects must be a list of corrections",
}
# The schema's rules that tie two fields of an entry (its ``if``/``then``/``else``):
# (entry kind, field, branch) -> what is wrong, with the entry's fields filled in.
CONDITIONS = {
    ("fact", "value", "then"): "value '{value}' is not a date (YYYY-MM or YYYY-MM-DD, as "
    "unit '{unit}' needs)",
    ("model", "base", "then"): "is trained by continued pre-training: give its 'base' model",
    ("model", "base", "else"): "has a 'base' but its training is '{training}', not 'continued'",
    ("model", "licence", "then"): "publishes its weights: name the 'licence'",
    ("model", "licence", "else"): "has a 'licence' but its weights are not published ({openness})",
}


class Problem(NamedTuple):
    line: int
    # (section, key, field) of what is wrong: the later checks leave it alone
    where: tuple[str, ...]
    message: str


@functools.lru_cache(maxsize=4)
def _read(path: Path, stamp: int) -> tuple[dict[str, Any], Draft202012Validator]:
    """The schema as written, and a validator of the data file with every $ref inlined."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    defs = schema["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(part) for part in node]
        if not isinstance(node, dict):
            return node
        target = inline(defs[node["$ref"].rsplit("/", 1)[1]]) if "$ref" in node else {}
        return {**target, **{k: inline(v) for k, v in node.items() if k != "$ref"}}

    return schema, Draft202012Validator(inline(defs["data-file"]))


def _at(node: Any, path: list[Any]) -> Any:
    return functools.reduce(lambda inner, part: inner[part], path, node)


def read(path: Path = SCHEMA_PATH) -> tuple[dict[str, Any], Draft202012Validator]:
    return _read(path, path.stat().st_mtime_ns)


def words(pointer: str, path: Path = SCHEMA_PATH) -> tuple[str, ...]:
    """The words of the ``enum`` at a JSON pointer (``/$defs/model/properties/training``)."""
    return tuple(_at(read(path)[0], pointer.strip("/").split("/"))["enum"])


def translated(kind: str, path: Path = SCHEMA_PATH) -> tuple[str, ...]:
    """The fields of an entry (``fact``, ``source``, ``correction``, ``model``) with a
    translation beside them: those whose ``<field>_en`` is of type ``$defs/english``."""
    properties = read(path)[0]["$defs"][kind]["properties"]
    english = [name for name, sub in properties.items() if sub.get("$ref") == "#/$defs/english"]
    return tuple(name.rsplit("_", 1)[0] for name in english)


def line_at(root: yaml.Node, path: list[Any], key: Any = None) -> int:
    """The line of the YAML node at a JSON path (a mapping value's key line, a sequence
    item's own line), or of ``key`` in the mapping there (an unknown field's line)."""
    node, line = root, root.start_mark.line + 1
    for part in [*path, key]:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            at = node = node.value[part]
        else:
            at, node = item(node, part)
        if at is None:
            break
        line = at.start_mark.line + 1
    return line


def _entry(path: list[Any]) -> tuple[str, str, int]:
    """What a JSON path is in: (how a message names it, its kind, where its fields
    start in the path): ("fact 'x'", "fact", 2), ("a correction of fact 'x'", ...)."""
    if len(path) < 2 or path[0] not in SECTIONS:
        return "the data file", "file", 0
    kind, key = SECTIONS[path[0]], path[1]
    if len(path) > 3 and path[0] == "facts" and path[2] == "corrects" and isinstance(path[3], int):
        return f"a correction of fact '{key}'", "correction", 4
    return f"{kind} '{key}'", kind, 2


def _said(error: Any, instance: Any, schema: dict[str, Any]) -> list[tuple[list[Any], str, str]]:
    """(path, field, what is wrong) for one error of the validator."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        # the alternative that came closest: one of the value's type, the deepest
        error = min(error.context, key=lambda e: (e.validator == "type", -len(e.path)))
    path, value, validator = list(error.absolute_path), error.instance, error.validator
    _subject, kind, start = _entry(path)
    field = next((str(p) for p in path[start:] if isinstance(p, str)), "")
    if validator == "required":
        return [
            (path, f, _needs(kind, f, error.schema))
            for f in error.validator_value
            if f not in value
        ]
    if validator == "additionalProperties":
        known = error.schema.get("properties", {})
        what = "section" if kind == "file" else "field"
        return [
            (path, name, f"has an unknown {what} '{name}'"
             + (did_you_mean(name, known) or f" (known: {', '.join(sorted(known))})"))
            for name in sorted(set(value) - set(known))
        ]  # fmt: skip
    if "propertyNames" in error.absolute_schema_path:
        what = SECTIONS.get(str(path[0]) if path else "", "entry")
        return [
            (path, value, f"has a {what} key '{value}' that is not lower-case words joined by '-'")
        ]
    branch = next((p for p in error.absolute_schema_path if p in ("then", "else")), None)
    if (kind, field, branch) in CONDITIONS:
        entry = _at(instance, path[:start])
        if not _condition_holds(schema, list(error.absolute_schema_path), entry):
            return []  # the field the rule tests is wrong: its own message says so
        said = CONDITIONS[kind, field, branch].format_map(defaultdict(str, entry))
    elif value in (None, "", []) or (validator == "type" and kind == "file"):
        said = _needs(kind, field, None)
    elif validator == "enum":
        said = (
            f"has unknown {field} '{value}'{did_you_mean(value, error.validator_value)} "
            f"(expected one of: {', '.join(map(str, error.validator_value))}; the words of "
            "data/facts.schema.json)"
        )
    elif validator == "type" and not field:
        said = (
            f"must be a mapping of fields ({', '.join(error.schema.get('required', [])[:3])}, ...)"
        )
    elif field in WRITE:
        said = WRITE[field].format(value=value)
    elif validator == "pattern" and re.fullmatch(r".+_[a-z]{2}", field):
        said = f"{field} is the {field[-2:]} edition's text, but it has Japanese in it"
    else:
        detail = str(error.schema.get("description") or error.message).rstrip(".")
        said = f"{field} '{value}' does not fit: {detail[:1].lower()}{detail[1:]}"
    return [(path, field, said)]


def _condition_holds(schema: dict[str, Any], at: list[Any], entry: dict[str, Any]) -> bool:
    """Whether the fields an ``if`` of the entry's schema tests have values the schema
    allows (an openness 'open' makes no rule about the licence true or false)."""
    branch = max(i for i, part in enumerate(at) if part in ("then", "else"))
    owner = _at(schema, at[: branch - 2])
    fields = owner.get("properties", {})
    tested = owner["allOf"][at[branch - 1]]["if"].get("properties", {})
    return all(
        Draft202012Validator(fields[f]).is_valid(entry.get(f)) for f in tested if f in fields
    )


def _needs(kind: str, field: str, schema: dict[str, Any] | None) -> str:
    if (kind, field) in NEEDS:
        return NEEDS[kind, field]
    if kind == "file":
        return f"needs a '{field}:' mapping" if field else "must be a mapping of sections"
    own = (schema or {}).get("properties", {}).get(field)
    nullable = isinstance(own, dict) and Draft202012Validator(own).is_valid(None)
    return f"needs '{field}'" + (f" (write '{field}: null' when there is none)" if nullable else "")


def problems(root: yaml.Node | None, rel: str, path: Path = SCHEMA_PATH) -> list[Problem]:
    """Every violation of the schema by a data file (composed with its lines), each
    once, as ``rel:LINE: <entry> <what is wrong>`` at the line of the field."""
    instance = scalar(root) if root is not None else {}
    validator = read(path)[1]
    found: dict[tuple[int, str], Problem] = {}
    for error in validator.iter_errors(instance):
        for at, field, said in _said(error, instance, validator.schema):
            line = line_at(root, at, field) if root is not None else 1
            where = tuple(str(p) for p in [*at[:2], at[2] if len(at) > 2 else field])
            message = f"{rel}:{line}: {_entry(at)[0]} {said}"
            found.setdefault((line, message), Problem(line, where, message))
    return list(found.values())
