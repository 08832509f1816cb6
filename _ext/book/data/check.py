"""``data/facts.yaml`` checked once, every build: ``problems`` says each problem once, at
``file:LINE``.

1. Its shape against the JSON Schema (schema.py).
2. Where the shape is right, what a schema cannot say: an entry defined twice; a key
   that names no entry; a model's facts missing, without value or of the wrong unit;
   ``active`` for a model that is not ``moe``; a day the calendar lacks; a value more
   precise than it is shown; a missing ``<field>_<language>`` translation.
3. The source edition's words (data/labels.yaml) for every word the schema allows."""

from __future__ import annotations

import decimal
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from book.data import schema
from book.data.schema import JAPANESE, SECTIONS, SOURCE_LANGUAGE, Problem
from book.data.yamlfile import DATE_RE, did_you_mean, field_lines, is_date, item, mapping, scalar

# The most significant figures a value of these units may have: the book
# writes counts of parameters and tokens rounded (6710億, 3.8 billion) and amounts of
# money to four figures; a model card's exact count belongs in the fact's note.  A
# more precise value fails at its line (STYLE.md says so where units are explained).
SIGNIFICANT_FIGURES = {"params": 3, "tokens": 3, "jpy": 4, "usd": 4}
# Units whose value is a date (a year is a number, a month or day a text).
DATE_UNITS = ("month", "day", "year", "fiscal-year")
# A model's fields that name facts, and the units those facts may have.
MODEL_FACTS = {"params": ("params",), "active": ("params",), "released": ("day", "month", "year")}
# The reader-facing words of the words the schema allows: the section of
# data/labels.yaml that has a word for each, and the schema's list.
WORDS = {
    ("units",): "/$defs/unit",
    ("statuses",): "/$defs/status",
    ("models", "architecture"): "/$defs/model/properties/architecture",
    ("models", "training"): "/$defs/model/properties/training",
    ("models", "openness"): "/$defs/model/properties/openness",
    ("charts", "domestic-models"): "/$defs/model/properties/training",
}


def significant_figures(value: float) -> int:
    """1091000000 -> 4; 3827476992 -> 10; 0.5 -> 1."""
    return len(decimal.Decimal(str(value)).normalize().as_tuple().digits)


def missing_translations(
    raw: dict[str, Any], kind: str, languages: list[str]
) -> list[tuple[str, str]]:
    """(field, what the entry needs) for each translation it lacks: one may be left out
    only where the field has no Japanese in it."""
    return [
        (
            name,
            f"needs '{name}_{language}', the {language} text of '{name}' (every edition "
            f"shows it): {raw[name]}",
        )
        for name in schema.translated(kind)
        if JAPANESE.search(str(raw.get(name) or ""))
        for language in languages
        if not raw.get(f"{name}_{language}")
    ]


class _Entry(NamedTuple):
    section: str
    key: str
    name: str  # "fact 'x'"
    line: int
    raw: dict[str, Any]
    lines: dict[str, int]  # each field's line


def problems(
    root: yaml.Node | None,
    rel: str,
    labels_root: yaml.Node | None,
    labels_rel: str,
    schema_path: Path = schema.SCHEMA_PATH,
) -> list[str]:
    """Every problem of the data file, each once: its own lines first (in line order),
    then the words data/labels.yaml lacks."""
    found = schema.problems(root, rel, schema_path)
    blamed = {p.where for p in found}
    labels = scalar(labels_root) if labels_root is not None else {}
    languages = [lang for lang in labels or {} if lang != SOURCE_LANGUAGE]
    found += _references(root, rel, languages, blamed)
    said = [p.message for p in sorted(found, key=lambda p: p.line)]
    return said + _words(labels_root, labels_rel, schema_path)


def _entries(root: yaml.Node | None, section: str) -> list[_Entry]:
    return [
        _Entry(section, k.value, f"{SECTIONS[section]} '{k.value}'", k.start_mark.line + 1,
               scalar(v), field_lines(v, k.start_mark.line + 1))
        for k, v in mapping(item(root, section)[1])
        if isinstance(v, yaml.MappingNode)
    ]  # fmt: skip


def _references(
    root: yaml.Node | None, rel: str, languages: list[str], blamed: set[tuple[str, ...]]
) -> list[Problem]:
    found: list[Problem] = []
    entries = {section: _entries(root, section) for section in SECTIONS}
    facts = {e.key: e.raw for e in entries["facts"]}
    sources = [e.key for e in entries["sources"]]

    def say(entry: _Entry, field: str, what: str, line: int = 0, subject: str = "") -> None:
        line = line or entry.lines.get(field, entry.line)
        found.append(Problem(line, (), f"{rel}:{line}: {subject or entry.name} {what}"))

    def right(entry: _Entry, field: str) -> Any:
        """The field's value when it has the right shape (None when it is missing)."""
        return None if (entry.section, entry.key, field) in blamed else entry.raw.get(field)

    for section, kind in SECTIONS.items():
        seen: set[str] = set()
        for entry in entries[section]:
            if entry.key in seen:
                say(entry, "", "is defined twice", entry.line)
            seen.add(entry.key)
            for field, what in missing_translations(entry.raw, kind, languages):
                say(entry, field, what)
            for field in ("date", "as_of", "checked"):
                if _no_such_day(right(entry, field)):
                    say(entry, field, schema.WRITE[field].format(value=entry.raw[field]))
            named = right(entry, "source") or []
            for src in [named] if isinstance(named, str) else named:
                if src not in sources:
                    say(
                        entry, "source", f"names unknown source '{src}'{did_you_mean(src, sources)}"
                    )

    for entry in entries["facts"]:
        for field, verb in (
            ("supersedes", "supersedes"),
            ("previous_edition", "names as its previous edition"),
        ):
            other = right(entry, field)
            if other == entry.key:
                say(entry, field, f"{verb} itself")
            elif other and other not in facts:
                say(
                    entry,
                    field,
                    f"{verb} unknown fact '{other}'{did_you_mean(other, facts)}; "
                    "name the key of the older entry (both stay)",
                )
        value, unit = right(entry, "value"), right(entry, "unit")
        if unit in DATE_UNITS and value is not None and not is_date(str(value)):
            say(entry, "value", f"value '{value}' is not a date")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            most, figures = SIGNIFICANT_FIGURES.get(str(unit), 99), significant_figures(value)
            if figures > most:
                say(
                    entry,
                    "value",
                    f"value {value} has {figures} significant figures; a "
                    f"'{unit}' value is shown with at most {most} (it would print as an "
                    f"odd-looking exact count): round it to {most} and keep the exact figure "
                    "in 'note' (STYLE.md, 数と単位)",
                )
        for i, fix in enumerate(right(entry, "corrects") or []):
            line = schema.line_at(root, ["facts", entry.key, "corrects", i])
            said = missing_translations(fix, "correction", languages)
            if _no_such_day(fix.get("on")):
                said.insert(0, ("on", schema.WRITE["on"].format(value=fix["on"])))
            for _field, what in said:
                say(entry, "", what, line, f"a correction of fact '{entry.key}'")

    for entry in entries["models"]:
        for field, units in MODEL_FACTS.items():
            key = right(entry, field)
            fact = facts.get(str(key)) if key else None
            if key and fact is None:
                known = did_you_mean(key, facts) or " (a key of 'facts:')"
                say(entry, field, f"{field} names unknown fact '{key}'{known}")
            elif fact is not None and fact.get("value") is None:
                say(entry, field, f"{field} names fact '{key}', which has no value")
            elif fact is not None and fact.get("unit") not in units:
                say(
                    entry,
                    field,
                    f"{field} names fact '{key}' with unit '{fact.get('unit')}' "
                    f"(expected: {', '.join(units)})",
                )
        if right(entry, "active") and right(entry, "architecture") not in ("moe", None):
            say(entry, "active", "has 'active' parameters but is not 'moe'")
    return found


def _no_such_day(value: Any) -> bool:
    """A date written the right way that is not a day of the calendar (2025-02-30)."""
    return bool(DATE_RE.match(str(value or ""))) and not is_date(str(value))


def _words(labels_root: yaml.Node | None, rel: str, schema_path: Path) -> list[str]:
    """The source edition's words for each word the schema allows, at the line of the
    section of data/labels.yaml that lacks one."""
    if labels_root is None:
        return []  # reported: the file cannot be read
    found = []
    for section, pointer in WORDS.items():
        node, line = item(labels_root, SOURCE_LANGUAGE)[1], 1
        for part in section:
            key, node = item(node, part)
            line = key.start_mark.line + 1 if key else line
        have = {k.value for k, _v in mapping(node)}
        for word in schema.words(pointer, schema_path):
            if word not in have:
                found.append(
                    f"{rel}:{line}: {SOURCE_LANGUAGE}: {': '.join(section)}: no words for "
                    f"'{word}', a word of data/facts.schema.json ({pointer}); add them here "
                    "and in every edition's block (CONTRIBUTING.md)"
                )
    return found
