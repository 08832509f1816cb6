"""The facts and sources of ``data/facts.yaml``, read and checked without Sphinx.

``load_facts`` reads the data file with its line numbers and collects every problem
as ``data/facts.yaml:LINE: ...`` (an entry without a source, an unknown status, unit
or source key with "did you mean …?", a missing translation, a malformed date, a
value more precise than its unit is shown); ``format_value`` and ``format_as_of``
write a fact as a reader of an edition sees it (_ext/book/data/book_numbers.py).

Languages.  The data is loaded for one language: a fact's ``label`` and ``note``, a
source's ``title``, ``publisher`` and ``note`` are the edition's (from ``label_en`` …
in the English edition; ``Fact.texts`` keeps every language's).  Every reader-facing
field with Japanese in it needs its ``<field>_<lang>`` for each block of
data/labels.yaml besides ``ja`` (TRANSLATED_FIELDS), in every edition's build, so a
contributor sees a missing translation at once.  A section of words an edition's
block lacks falls back to ``ja:``'s.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml import MappingNode, SequenceNode

from book.data.book_numbers import format_approx_date, format_date, format_quantity
from book.data.yamlfile import (
    compose,
    did_you_mean,
    field_lines,
    is_date,
    load_plain,
    mapping,
    scalar,
)

STATUSES = ("confirmed", "reported", "unverified")
# The most significant figures a value of these units may have (issue 21): the book
# writes counts of parameters and tokens rounded (6710億, 3.8 billion) and amounts of
# money to four figures; a model card's exact count belongs in the fact's note.  A
# more precise value fails at its line (STYLE.md says so where units are explained).
SIGNIFICANT_FIGURES = {"params": 3, "tokens": 3, "jpy": 4, "usd": 4}


def significant_figures(value: float) -> int:
    """1091000000 -> 4; 3827476992 -> 10; 0.5 -> 1."""
    digits = decimal.Decimal(str(value)).normalize().as_tuple().digits
    return len(digits)


FACT_FIELDS = {
    "label",
    "about",
    "value",
    "unit",
    "as_of",
    "approx",
    "checked",
    "source",
    "status",
    "note",
    "added",
    "supersedes",
    "previous_edition",
    "corrects",
}
CORRECTION_FIELDS = {"on", "was", "was_status", "note"}
SOURCE_FIELDS = {"title", "publisher", "date", "url", "note"}
# Reader-facing text fields, written in Japanese (the source edition). Each other
# edition (a block of data/labels.yaml other than "ja") gives its own beside it,
# "<field>_<language>" (label_en), wherever the Japanese field has Japanese in it.
TRANSLATED_FIELDS = {
    "fact": ("label", "note"),
    "source": ("title", "publisher", "note"),
    "correction": ("note",),
    # a row of the table of Japan's foundation models (_ext/book/features/domestic_models.py)
    "model": ("developer", "base", "licence", "geniac_note", "note"),
}
SOURCE_LANGUAGE = "ja"
# Hiragana, katakana, CJK ideographs and full-width forms: text a reader of another
# edition cannot read ("NVIDIA" or "arXiv:2005.14165" needs no translation).
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


# ==============================================================================
# Loading and validating the data (with line numbers for clear errors)
# ==============================================================================


@dataclass
class Fact:
    """One entry of ``facts:``; ``label``, ``note`` and the corrections' ``note`` are
    in the language the data was loaded for (``texts`` has every language's)."""

    key: str
    label: str
    value: Any
    unit: str | None
    as_of: str
    checked: str
    sources: list[str]
    status: str
    note: str = ""
    added: str = ""
    approx: bool = False
    supersedes: str = ""
    # the same measure in the previous edition of the same report (AI Index 2025 for
    # a figure of AI Index 2026): another year, counted by that edition's rules, so
    # never shown as old -> new of one quantity
    previous_edition: str = ""
    corrections: list[dict[str, Any]] = field(default_factory=list)
    line: int = 0
    # the data gives the value rounded ("about"): 約 / "about" where it is shown
    about: bool = False
    # language -> {"label": ..., "note": ...}, the source language's included
    texts: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Source:
    """One entry of ``sources:``; title, publisher and note in the loaded language."""

    key: str
    title: str
    publisher: str
    date: str
    url: str = ""
    note: str = ""
    line: int = 0
    texts: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class FactsData:
    path: Path
    labels_path: Path
    facts: dict[str, Fact] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    language: str = SOURCE_LANGUAGE


def translations(
    raw: dict[str, Any], kind: str, languages: list[str]
) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    """Every language's text of an entry's reader-facing fields, and what is missing.

    Returns ({language: {field: text}}, [(missing field, its Japanese)]).  A
    translation may be left out only where the Japanese has no Japanese in it."""
    texts: dict[str, dict[str, str]] = {SOURCE_LANGUAGE: {}}
    missing: list[tuple[str, str]] = []
    for name in TRANSLATED_FIELDS[kind]:
        original = str(raw.get(name) or "")
        texts[SOURCE_LANGUAGE][name] = original
        for language in languages:
            translated = str(raw.get(f"{name}_{language}") or "")
            if original and not translated and JAPANESE.search(original):
                missing.append((f"{name}_{language}", original))
            texts.setdefault(language, {})[name] = translated or original
    return texts, missing


def _missing_error(rel: str, line: int, what: str, missing: tuple[str, str]) -> str:
    name, original = missing
    language = name.rsplit("_", 1)[1]
    return (
        f"{rel}:{line}: {what} needs '{name}', the {language} text of "
        f"'{name.rsplit('_', 1)[0]}' (every edition shows it): {original}"
    )


def load_facts(
    path: Path, labels_path: Path, rel: str, language: str = SOURCE_LANGUAGE
) -> FactsData:
    """Read and validate the data file; collect every problem with its line.

    The reader-facing words (labels, notes, titles) are those of ``language``; a
    missing translation is an error in every edition (both are built together)."""
    data = FactsData(path=path, labels_path=labels_path, language=language)
    err = data.errors.append
    root = compose(path, rel, "the data file", err)
    if root is None:
        return data
    data.labels = load_plain(labels_path) or {}
    # The editions besides the source, each with its labels block (data/labels.yaml).
    languages = [lang for lang in data.labels if lang != SOURCE_LANGUAGE]
    # A section an edition does not have yet is shown in the source language rather
    # than stopping the build (tests/test_facts.py lists such sections).
    source_words = data.labels.get(SOURCE_LANGUAGE) or {}
    for lang in languages:
        block = data.labels[lang] = data.labels[lang] or {}
        for section, words in source_words.items():
            block.setdefault(section, words)
    if language not in data.labels:
        err(
            f"{rel}:1: no words for the language '{language}' in "
            f"{labels_path.name} (known: {', '.join(data.labels)})"
        )

    def extra_fields(kind: str) -> set[str]:
        return {f"{n}_{lang}" for n in TRANSLATED_FIELDS[kind] for lang in languages}

    sections = {k.value: v for k, v in mapping(root)}
    for name in ("sources", "facts"):
        if not isinstance(sections.get(name), MappingNode):
            err(f"{rel}:1: the data file needs a '{name}:' mapping")
            return data

    for key_node, node in mapping(sections["sources"]):
        line = key_node.start_mark.line + 1
        raw = scalar(node) if isinstance(node, MappingNode) else {}
        for extra in sorted(set(raw) - SOURCE_FIELDS - extra_fields("source")):
            err(f"{rel}:{line}: source '{key_node.value}' has an unknown field '{extra}'")
        texts, missing = translations(raw, "source", languages)
        lines = field_lines(node, line)
        for gap in missing:
            field_line = lines.get(gap[0].rsplit("_", 1)[0], line)
            err(_missing_error(rel, field_line, f"source '{key_node.value}'", gap))
        shown = texts.get(language, texts[SOURCE_LANGUAGE])
        for required in ("title", "publisher", "date"):
            if not raw.get(required):
                err(f"{rel}:{line}: source '{key_node.value}' needs '{required}'")
        url = str(raw.get("url") or "")
        if url and not url.startswith("https://"):
            err(f"{rel}:{line}: source '{key_node.value}' url must start with https://")
        date = str(raw.get("date") or "")
        if date and not is_date(date):
            err(f"{rel}:{line}: source '{key_node.value}' date '{date}' is not YYYY[-MM[-DD]]")
        data.sources[key_node.value] = Source(
            key=key_node.value,
            title=shown["title"],
            publisher=shown["publisher"],
            date=date,
            url=url,
            note=shown["note"],
            line=line,
            texts=texts,
        )

    units = data.labels.get("ja", {}).get("units", {})
    for key_node, node in mapping(sections["facts"]):
        key, line = key_node.value, key_node.start_mark.line + 1
        if key in data.facts:
            err(f"{rel}:{line}: fact '{key}' is defined twice")
        raw = scalar(node) if isinstance(node, MappingNode) else {}
        for extra in sorted(set(raw) - FACT_FIELDS - extra_fields("fact")):
            err(f"{rel}:{line}: fact '{key}' has an unknown field '{extra}'")
        texts, missing = translations(raw, "fact", languages)
        lines = field_lines(node, line)
        for gap in missing:
            field_line = lines.get(gap[0].rsplit("_", 1)[0], line)
            err(_missing_error(rel, field_line, f"fact '{key}'", gap))
        sources = raw.get("source") or []
        sources = [sources] if isinstance(sources, str) else list(sources)
        status = raw.get("status")
        if not raw.get("label"):
            err(f"{rel}:{line}: fact '{key}' needs a 'label' (what the figure is)")
        if not sources:
            err(
                f"{rel}:{line}: fact '{key}' has no source; add 'source: [<key>]' "
                "naming an entry of 'sources:'"
            )
        for src in sources:
            if src not in data.sources:
                err(
                    f"{rel}:{lines.get('source', line)}: fact '{key}' names unknown source "
                    f"'{src}'{did_you_mean(src, data.sources)}"
                )
        if status not in STATUSES:
            err(
                f"{rel}:{line}: fact '{key}' has unknown status '{status}' "
                f"(expected one of: {', '.join(STATUSES)})"
            )
        value, unit = raw.get("value"), raw.get("unit")
        if value is not None and unit not in units:
            hint = did_you_mean(unit, units) or f" (known: {', '.join(sorted(units))})"
            err(
                f"{rel}:{lines.get('unit', line)}: fact '{key}' has unknown unit '{unit}'{hint}; "
                f"units are the keys of data/labels.yaml 'units:'"
            )
        elif value is not None:
            for lang in languages:
                if unit not in (data.labels[lang] or {}).get("units", {}):
                    err(
                        f"{labels_path.parent.name}/{labels_path.name}: {lang}: units: has "
                        f"no words for unit '{unit}' (fact '{key}', {rel}:{line})"
                    )
        if unit in ("month", "day", "year", "fiscal-year") and not is_date(str(value)):
            err(f"{rel}:{line}: fact '{key}' value '{value}' is not a date")
        elif (
            value is not None
            and unit not in ("month", "day")
            and not isinstance(value, (int, float))
        ):
            err(
                f"{rel}:{line}: fact '{key}' value '{value}' must be a number "
                "in base units (e.g. 700000000000)"
            )
        elif (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and significant_figures(value) > SIGNIFICANT_FIGURES.get(str(unit), 99)
        ):
            most = SIGNIFICANT_FIGURES[str(unit)]
            err(
                f"{rel}:{lines.get('value', line)}: fact '{key}' value {value} has "
                f"{significant_figures(value)} significant figures; a '{unit}' value is "
                f"shown with at most {most} (it would print as an odd-looking exact "
                f"count): round it to {most} and keep the exact figure in 'note' "
                "(STYLE.md, 数と単位)"
            )
        as_of = str(raw.get("as_of") or "")
        if not is_date(as_of):
            err(
                f"{rel}:{line}: fact '{key}' as_of '{as_of}' is not YYYY[-MM[-DD]] "
                "(the date the value describes)"
            )
        checked = str(raw.get("checked") or "")
        if not is_date(checked):
            err(
                f"{rel}:{line}: fact '{key}' checked '{checked}' is not YYYY[-MM[-DD]] "
                "(when someone last compared it with its sources)"
            )
        approx = raw.get("approx", False)
        if not isinstance(approx, bool):
            err(f"{rel}:{line}: fact '{key}' approx must be true or false, not '{approx}'")
        about = raw.get("about", False)
        if not isinstance(about, bool):
            err(f"{rel}:{line}: fact '{key}' about must be true or false, not '{about}'")
        corrections = raw.get("corrects") or []
        if not isinstance(corrections, list):
            err(f"{rel}:{line}: fact '{key}' corrects must be a list of corrections")
            corrections = []
        fix_nodes = {k.value: v for k, v in mapping(node)}.get("corrects")
        fix_lines = (
            [item.start_mark.line + 1 for item in getattr(fix_nodes, "value", None) or []]
            if isinstance(fix_nodes, SequenceNode)
            else []
        )
        shown_fixes = []
        for i, fix in enumerate(corrections):
            fix = fix if isinstance(fix, dict) else {}
            fix_line = fix_lines[i] if i < len(fix_lines) else line
            for extra in sorted(set(fix) - CORRECTION_FIELDS - extra_fields("correction")):
                err(f"{rel}:{line}: a correction of fact '{key}' has an unknown field '{extra}'")
            fix_texts, fix_missing = translations(fix, "correction", languages)
            for gap in fix_missing:
                err(_missing_error(rel, fix_line, f"a correction of fact '{key}'", gap))
            shown_fix = dict(fix)
            shown_fix.update(fix_texts.get(language, fix_texts[SOURCE_LANGUAGE]))
            shown_fixes.append(shown_fix)
            if not is_date(str(fix.get("on") or "")):
                err(f"{rel}:{line}: a correction of fact '{key}' needs 'on: YYYY-MM-DD'")
            if not fix.get("note"):
                err(f"{rel}:{line}: a correction of fact '{key}' needs a 'note' (what was wrong)")
            if fix.get("was_status") is not None and fix["was_status"] not in STATUSES:
                err(f"{rel}:{line}: a correction of fact '{key}' has unknown was_status")
        shown = texts.get(language, texts[SOURCE_LANGUAGE])
        data.facts[key] = Fact(
            key=key,
            label=shown["label"],
            value=value,
            unit=unit,
            as_of=as_of,
            checked=checked,
            approx=approx is True,
            supersedes=str(raw.get("supersedes") or ""),
            previous_edition=str(raw.get("previous_edition") or ""),
            corrections=[c for c in shown_fixes if c],
            # An unknown status is reported above (the build fails); shown as
            # unverified meanwhile, so that the rest of the book still builds.
            sources=sources,
            status=str(status) if status in STATUSES else "unverified",
            note=shown["note"],
            added=str(raw.get("added") or ""),
            line=line,
            about=about is True,
            texts=texts,
        )
    for fact in data.facts.values():
        for verb, other in (
            ("supersedes", fact.supersedes),
            ("names as its previous edition", fact.previous_edition),
        ):
            if other and other not in data.facts:
                err(
                    f"{rel}:{fact.line}: fact '{fact.key}' {verb} unknown fact "
                    f"'{other}'{did_you_mean(other, data.facts)}; "
                    "name the key of the older entry (both stay)"
                )
            elif other == fact.key:
                err(f"{rel}:{fact.line}: fact '{fact.key}' {verb} itself")
    return data


# ==============================================================================
# Formatting for readers
# ==============================================================================


def format_as_of(fact: Fact, labels: dict[str, Any]) -> str:
    """The date a value describes, with ごろ / "around" when the sources say 'about'."""
    text = format_date(fact.as_of, labels)
    return format_approx_date(text, labels) if fact.approx else text


def format_value(fact: Fact, labels: dict[str, Any]) -> str:
    """The value of a fact as a reader of the edition sees it, with its unit, and 約 /
    "about" when the data says the sources round it (``about: true``): the one way to
    say it, in the text, the tables, the sources page and the published data."""
    return format_quantity(fact.value, fact.unit, labels, approx=fact.approx, about=fact.about)
