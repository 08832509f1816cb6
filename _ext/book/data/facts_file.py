"""The facts and sources of ``data/facts.yaml``, read without Sphinx.

``load_facts`` reads the file with its line numbers, checks it once (check.py; every
problem as ``data/facts.yaml:LINE: ...`` in ``errors``) and builds the facts and
sources for one language: the texts are the edition's (``label_en`` … in English;
``Fact.texts`` keeps every language's).  ``format_value`` and ``format_as_of`` write a
fact as a reader of an edition sees it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml import MappingNode

from book.data import check
from book.data.book_numbers import format_approx_date, format_date, format_quantity
from book.data.schema import SOURCE_LANGUAGE, translated, words
from book.data.yamlfile import compose, mapping, scalar


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
    # data/labels.yaml as composed, with its lines (for checks that name a word's line)
    labels_root: Any = None
    # the data file as composed (the models' rows are read from the same tree)
    root: Any = None


def texts_of(
    raw: dict[str, Any], kind: str, languages: list[str], language: str
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Every language's text of an entry's reader-facing fields ({language: {field:
    text}}), and those of ``language``; the Japanese stands in for a missing
    translation (check.py reports it)."""
    texts: dict[str, dict[str, str]] = {SOURCE_LANGUAGE: {}}
    for name in translated(kind):
        original = str(raw.get(name) or "")
        texts[SOURCE_LANGUAGE][name] = original
        for other in languages:
            translation = str(raw.get(f"{name}_{other}") or "")
            texts.setdefault(other, {})[name] = translation or original
    return texts, texts.get(language, texts[SOURCE_LANGUAGE])


def entries(section: Any, kind: str, languages: list[str], language: str) -> Iterator[Any]:
    """(key node, fields, every language's texts, the texts of ``language``) of each entry
    of a section's node; an entry that is not a mapping has no fields."""
    for key_node, node in mapping(section):
        raw = scalar(node) if isinstance(node, MappingNode) else {}
        yield key_node, raw, *texts_of(raw, kind, languages, language)


def _with_source_sections(labels: dict[str, Any]) -> dict[str, Any]:
    """data/labels.yaml's blocks, each with the sections it lacks taken from ``ja:``
    (shown in the source language rather than stopping the build)."""
    source_words = labels.get(SOURCE_LANGUAGE) or {}
    for lang in labels:
        block = labels[lang] = labels[lang] or {}
        for section, section_words in source_words.items():
            block.setdefault(section, section_words)
    return labels


def load_facts(
    path: Path, labels_path: Path, rel: str, language: str = SOURCE_LANGUAGE
) -> FactsData:
    """Read the data file, check it (every problem in ``errors``), build its entries.

    The reader-facing words (labels, notes, titles) are those of ``language``; a
    missing translation is an error in every edition (both are built together)."""
    data = FactsData(path=path, labels_path=labels_path, language=language)
    labels_rel = f"{labels_path.parent.name}/{labels_path.name}"
    labels_root = compose(labels_path, labels_rel, "the words", data.errors.append)
    data.labels_root = labels_root
    data.labels = _with_source_sections(scalar(labels_root) if labels_root is not None else {})
    root = data.root = compose(path, rel, "the data file", data.errors.append)
    if root is None:
        return data
    data.errors += check.problems(root, rel, labels_root, labels_rel)
    languages = [lang for lang in data.labels if lang != SOURCE_LANGUAGE]
    sections = {k.value: v for k, v in mapping(root)}
    source_entries = entries(sections.get("sources"), "source", languages, language)
    for key_node, raw, texts, shown in source_entries:
        data.sources[key_node.value] = Source(
            key=key_node.value,
            title=shown["title"],
            publisher=shown["publisher"],
            date=str(raw.get("date") or ""),
            url=str(raw.get("url") or ""),
            note=shown["note"],
            line=key_node.start_mark.line + 1,
            texts=texts,
        )
    statuses = words("/$defs/status")
    for key_node, raw, texts, shown in entries(sections.get("facts"), "fact", languages, language):
        sources = raw.get("source") or []
        fixes = raw.get("corrects") if isinstance(raw.get("corrects"), list) else []
        corrections = [
            {**fix, **texts_of(fix, "correction", languages, language)[1]}
            for fix in fixes
            if isinstance(fix, dict)
        ]
        status = raw.get("status")
        data.facts[key_node.value] = Fact(
            key=key_node.value,
            label=shown["label"],
            value=raw.get("value"),
            unit=raw.get("unit"),
            as_of=str(raw.get("as_of") or ""),
            checked=str(raw.get("checked") or ""),
            approx=raw.get("approx") is True,
            supersedes=str(raw.get("supersedes") or ""),
            previous_edition=str(raw.get("previous_edition") or ""),
            corrections=corrections,
            sources=[sources] if isinstance(sources, str) else list(sources),
            # an unknown status is reported (the build fails); shown as unverified
            # meanwhile, so that the rest of the book still builds
            status=str(status) if status in statuses else "unverified",
            note=shown["note"],
            added=str(raw.get("added") or ""),
            line=key_node.start_mark.line + 1,
            about=raw.get("about") is True,
            texts=texts,
        )
    return data


# Formatting for readers
def format_as_of(fact: Fact, labels: dict[str, Any]) -> str:
    """The date a value describes, with ごろ / "around" when the sources say 'about'."""
    text = format_date(fact.as_of, labels)
    return format_approx_date(text, labels) if fact.approx else text


def format_value(fact: Fact, labels: dict[str, Any]) -> str:
    """The value of a fact as a reader of the edition sees it, with its unit, and 約 /
    "about" when the data says the sources round it (``about: true``)."""
    return format_quantity(fact.value, fact.unit, labels, approx=fact.approx, about=fact.about)
