"""Every figure of the book from one data file (``data/facts.yaml``), in each edition.

Pages never type a figure; they write ``{fact}`target-params``` and get the value
formatted for the reader of the edition being built (``7000億パラメータ`` /
``700 billion parameters``, _ext/book/data/book_numbers.py), followed by a visible mark when
the claim is only *reported* or *unverified* (``［報道］`` / ``[reported]``), linked to
its row on the sources page.  Roles:

``{fact}`key```          the value with its unit, and the status mark
``{fact-mark}`key```     only the status mark (for claims without a figure)
``{ratio}`a / b```       the ratio of two values, rounded (``約12倍`` / ``about 12 times``)

Directives (the sources page's lists are _ext/book/features/sources_page.py's):

``{figures-as-of}``     one line per chapter (「この章の数字は…時点のものです」 / "The
                        figures in this chapter describe the situation as of …"),
                        from the facts the page uses (filled when writing, since the
                        facts used later on the page are not known before)
``{facts-changes}``     every superseded figure (old -> new) and every correction

Facts that describe the book itself rather than its subject (``facts-checked``)
are named in the config value ``facts_meta_keys`` and left out of the date line.
Nothing here depends on today's date (builds are reproducible); ``make stale``
(``tools/stale.py``) lists the facts not checked for too long.

Where the data lives.  ``load`` reads the data file when the build starts
(``builder-inited``) and keeps it on the build environment for that build, not
pickled (_ext/book/core/build_data.py); every extension reads it with ``facts_data(env)``.
Which page uses which fact is a record per page (``FACTS_USED``, _ext/book/core/page_records.py:
a page's set of fact keys, kept through purge and merge and pickled with the
environment); "used on" is that record inverted (``pages_using``; the sources page,
_ext/book/features/sources_page.py, groups its facts by it).

Languages.  The data is loaded for ``config.language``: a fact's ``label`` and
``note``, a source's ``title``, ``publisher`` and ``note`` are the edition's (from
``label_en`` … in the English edition; ``Fact.texts`` keeps every language's).  Every
reader-facing field with Japanese in it needs its ``<field>_<lang>`` for each block of
data/labels.yaml besides ``ja`` (TRANSLATED_FIELDS), in every edition's build, so a
contributor sees a missing translation at once.  The words around the data (units,
status words and marks, headings, punctuation, attribution words) are the edition's
block of ``data/labels.yaml``; a section a block lacks falls back to ``ja:``'s
(tests/test_english_data.py lists such sections).  Messages for contributors
(warnings) stay English.

The data file is validated when the build starts: an entry without a source, with
an unknown status, unit or source key (with "did you mean …?"), a missing
translation, or a malformed date fails the strict build with
``data/facts.yaml:LINE: ...``.  A page that uses an unknown key fails with the page's
file and the role's own line.  A *reported* or *unverified* figure must be attributed
in the words of its own paragraph (``attribution-words`` of the edition, and the
Japanese ones for a paragraph not translated yet); otherwise the build names the
line.
"""

from __future__ import annotations

import datetime
import decimal
import difflib
import functools
import re
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from book.core.build_data import BuildData
from book.core.page_records import PageRecords, book_order
from book.data.book_numbers import (  # noqa: F401  (format_large_ja, date_span: used by other extensions)
    date_span,
    format_approx_date,
    format_date,
    format_large_ja,
    format_quantity,
    format_ratio,
)
from book.data.book_numbers import plain as _plain  # noqa: F401

logger = logging.getLogger(__name__)

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


DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists (not 2026-13-45)."""
    if not DATE_RE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(*(parts + [1, 1])[:3])
    except ValueError:
        return False
    return True


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


def _scalar(node: yaml.Node) -> Any:
    """Construct a plain Python value from a YAML node (dates stay strings)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":timestamp"):
            return node.value  # keep dates as written ("2025-07-14")
        return _construct(node)
    if isinstance(node, yaml.SequenceNode):
        return [_scalar(item) for item in node.value]
    return {k.value: _scalar(v) for k, v in node.value}


# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one took
# 0.15 s of every build for this file.  Both keep the line numbers.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# One constructor for all scalars (they are plain: numbers, strings, null).
_CONSTRUCTOR = yaml.SafeLoader("")


def _construct(node: yaml.ScalarNode) -> Any:
    return _CONSTRUCTOR.construct_object(node)


def did_you_mean(name: str, known: Any) -> str:
    """' (did you mean 'target-params'?)' for a near miss among ``known``, else ''."""
    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _mapping(node: yaml.Node) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    return node.value if isinstance(node, yaml.MappingNode) else []


def _field_lines(node: yaml.Node, default: int) -> dict[str, int]:
    """Line of each field of a mapping (for errors that point at the field)."""
    return {k.value: k.start_mark.line + 1 for k, _v in _mapping(node)} or {"": default}


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
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        err(f"{rel}{line}: cannot read the data file: {exc}")
        return data
    data.labels = yaml.load(labels_path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
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

    sections = {k.value: v for k, v in _mapping(root)}
    for name in ("sources", "facts"):
        if not isinstance(sections.get(name), yaml.MappingNode):
            err(f"{rel}:1: the data file needs a '{name}:' mapping")
            return data

    for key_node, node in _mapping(sections["sources"]):
        line = key_node.start_mark.line + 1
        raw = _scalar(node) if isinstance(node, yaml.MappingNode) else {}
        for extra in sorted(set(raw) - SOURCE_FIELDS - extra_fields("source")):
            err(f"{rel}:{line}: source '{key_node.value}' has an unknown field '{extra}'")
        texts, missing = translations(raw, "source", languages)
        lines = _field_lines(node, line)
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
    for key_node, node in _mapping(sections["facts"]):
        key, line = key_node.value, key_node.start_mark.line + 1
        if key in data.facts:
            err(f"{rel}:{line}: fact '{key}' is defined twice")
        raw = _scalar(node) if isinstance(node, yaml.MappingNode) else {}
        for extra in sorted(set(raw) - FACT_FIELDS - extra_fields("fact")):
            err(f"{rel}:{line}: fact '{key}' has an unknown field '{extra}'")
        texts, missing = translations(raw, "fact", languages)
        lines = _field_lines(node, line)
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
        fix_nodes = {k.value: v for k, v in _mapping(node)}.get("corrects")
        fix_lines = (
            [item.start_mark.line + 1 for item in getattr(fix_nodes, "value", None) or []]
            if isinstance(fix_nodes, yaml.SequenceNode)
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


# ==============================================================================
# Nodes, roles and directives
# ==============================================================================


class figures_as_of_placeholder(nodes.General, nodes.Element):
    """Where a page's date line goes; filled when writing (``docname``: its page)."""


# The data of this build, on the environment (loaded by ``load`` at builder-inited).
FACTS_DATA = BuildData[FactsData]("facts_data", loaded_by="facts.load, at builder-inited")


def facts_data(env: BuildEnvironment) -> FactsData:
    """The data file as this build loaded it, in the edition's language."""
    return FACTS_DATA.of(env)


def _labels(env: BuildEnvironment) -> dict[str, Any]:
    """The words of the edition being built (its block of data/labels.yaml)."""
    labels = facts_data(env).labels
    return labels.get(env.config.language, labels["ja"])


def punctuation(labels: dict[str, Any]) -> dict[str, str]:
    """The edition's punctuation for lines put together in code (data/labels.yaml
    ``punctuation``: ``field`` "値：" / "Value: ", ``separator`` ／ / " / ", ``list``
    、 / ", ", ``paren``, ``sentences``, ``mark`` ［報道］ / [reported], ``mark-space``,
    ``arrow``)."""
    return labels["punctuation"]


def mark_text(labels: dict[str, Any], status: str, word: str = "mark") -> str:
    """'［報道］' / '[reported]' (``word="word"``: '［報道ベース］' / '[reported]'); ''
    for a confirmed fact's mark."""
    text = labels["statuses"][status][word]
    return punctuation(labels)["mark"].format(mark=text) if text else ""


def status_mark(env: BuildEnvironment, fact: Fact) -> list[nodes.Node]:
    """The visible mark of a reported or unverified fact, linked to its source row.

    In English a space comes first, outside the link ("700 billion [reported]")."""
    labels = _labels(env)
    status = labels["statuses"][fact.status]
    if not status["mark"]:
        return []
    ref = pending_xref(
        "",
        refdomain="std",
        reftype="ref",
        reftarget=f"fact-{fact.key}",
        refexplicit=True,
        refwarn=True,
    )
    ref += nodes.inline("", mark_text(labels, fact.status))
    # The classes sit on a wrapper: resolving the reference replaces its inner node.
    mark = nodes.inline("", "", ref, classes=["fact-status", f"fact-status-{fact.status}"])
    space = punctuation(labels)["mark-space"]
    return [nodes.Text(space), mark] if space else [mark]


def _note_dependencies(env: BuildEnvironment) -> None:
    """Pages that show data are re-read when the data or its words change."""
    data = facts_data(env)
    env.note_dependency(str(data.path))
    env.note_dependency(str(data.labels_path))


def _note_use(env: BuildEnvironment, key: str) -> None:
    """The page being read uses the fact ``key`` (its sources page entry lists it)."""
    FACTS_USED.of(env).setdefault(env.docname, set()).add(key)
    _note_dependencies(env)


@functools.lru_cache(maxsize=64)
def _source_lines(path: str, mtime: int) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def role_line(role: SphinxRole) -> int:
    """The line of the page where the role itself is written.

    MyST gives a role the line of its paragraph's first line; the role may be on a
    later line of the paragraph.  The role's text is looked up in the page from
    there (a paragraph from a translation is not in the page: its first line)."""
    source, line = role.get_source_info()
    line = line or 0
    # As the page writes it ({fact}`key`; MyST hands the role ":fact:`key`").
    written = f"{{{role.name}}}`{role.text}`"
    first = written.splitlines()[0]
    try:
        path = Path(str(source))
        lines = _source_lines(str(path), path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError, ValueError):
        return line
    for index in range(max(line - 1, 0), min(len(lines), max(line - 1, 0) + 500)):
        if first and first in lines[index]:
            return index + 1
        if index > line - 1 and not lines[index].strip():
            break  # the paragraph ends here
    return line


class FactRole(SphinxRole):
    """``{fact}`key``` -> the formatted value and its status mark."""

    with_value = True

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        fact = facts_data(self.env).facts.get(key)
        if fact is None:
            return self._unknown(key)
        _note_use(self.env, key)
        result: list[nodes.Node] = []
        if self.with_value:
            if fact.value is None:
                msg = self.inliner.reporter.error(
                    f"fact '{key}' has no value; use {{fact-mark}}`{key}` to mark the claim",
                    line=role_line(self),
                )
                return [], [msg]
            node = nodes.inline(
                "", format_value(fact, _labels(self.env)), classes=["fact", f"fact-{fact.status}"]
            )
            node["fact_key"] = key
            result.append(node)
        mark = status_mark(self.env, fact)
        for m in mark:
            if isinstance(m, nodes.Element):
                m["fact_key"] = key
        if not result and not mark:
            # A confirmed claim has no mark, but must still leave a trace for the
            # attribution check and for the sources page.
            mark = [nodes.inline("", "", classes=["fact-claim"], fact_key=key)]
        return result + mark, []

    def _unknown(self, key: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        hint = did_you_mean(key, facts_data(self.env).facts)
        msg = self.inliner.reporter.error(
            f"unknown fact '{key}'{hint}: add it to data/facts.yaml or fix the key",
            line=role_line(self),
        )
        return [nodes.problematic(self.rawtext, self.rawtext)], [msg]


class FactMarkRole(FactRole):
    """``{fact-mark}`key``` -> only the status mark of a claim."""

    with_value = False


class RatioRole(FactRole):
    """``{ratio}`a / b``` -> the ratio of two facts' values, e.g. 約12倍."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        parts = [p.strip() for p in self.text.split("/")]
        if len(parts) != 2:
            msg = self.inliner.reporter.error(
                f"ratio needs 'key-a / key-b', got '{self.text}'", line=role_line(self)
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        found = [facts_data(self.env).facts.get(p) for p in parts]
        for key, fact in zip(parts, found):
            if fact is None:
                return self._unknown(key)
            _note_use(self.env, key)
        a, b = found
        text = format_ratio(float(a.value), float(b.value), _labels(self.env))
        return [nodes.inline("", text, classes=["fact", "fact-ratio"])], []


def label_ref(target: str, text: str) -> pending_xref:
    """A link to a label of the book (a fact's or a source's row, a section), with
    its own words; resolved, or reported, when the pages are written."""
    ref = pending_xref(
        "", refdomain="std", reftype="ref", reftarget=target, refexplicit=True, refwarn=True
    )
    ref += nodes.inline("", text)
    return ref


def fact_ref(fact: Fact) -> pending_xref:
    """A link to the fact's entry on the sources page, showing its label."""
    return label_ref(f"fact-{fact.key}", fact.label)


def source_refs(
    data: FactsData, fact: Fact, labels: dict[str, Any] | None = None
) -> list[nodes.Node]:
    """Links to the fact's sources in the list of sources, separated by ／ (" / ")."""
    separator = punctuation(labels or data.labels.get(data.language) or {})["separator"]
    refs: list[nodes.Node] = []
    for i, key in enumerate(fact.sources):
        if i:
            refs.append(nodes.Text(separator))
        if key not in data.sources:  # reported at its line of the data file
            refs.append(nodes.Text(key))
            continue
        refs.append(
            label_ref(f"source-{key}", data.sources[key].title if key in data.sources else key)
        )
    return refs


class FiguresAsOfDirective(SphinxDirective):
    """A page's date line; computed when writing, from every fact the page uses."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _note_dependencies(self.env)
        node = figures_as_of_placeholder(docname=self.env.docname)
        self.set_source_info(node)
        return [node]


def figures_as_of_text(
    data: FactsData, keys: set[str], labels: dict[str, Any], meta_keys: list[str]
) -> str:
    """「この章の数字は、2026年11月28日以降に出典と照らし合わせて確かめたものです。」

    When the page's figures were compared with their sources: the oldest ``checked``
    date among them (everything on the page was checked on or after it), or the one
    date when all share it.  Each figure's own date is in the text and on the
    sources page; a chapter-wide "as of" (the newest date any figure describes) read
    as the date of the whole chapter and differed from page to page without reason."""
    words = labels["figures-as-of"]
    facts = [data.facts[k] for k in sorted(keys) if k in data.facts and k not in meta_keys]
    if not facts:
        return words["none"]
    oldest = min(facts, key=lambda f: date_span(f.checked)[0]).checked
    newest = max(facts, key=lambda f: date_span(f.checked)[1]).checked
    line = words["line-one"] if oldest == newest else words["line-since"]
    return line.format(date=format_date(oldest, labels))


def fill_figures_as_of(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each date-line placeholder with the line of the page it was placed on.

    (The placeholder keeps its page: the PDF builder assembles all pages into one.)"""
    meta = list(app.config.facts_meta_keys)
    used = FACTS_USED.of(app.env)
    for node in list(doctree.findall(figures_as_of_placeholder)):
        keys = used.get(node["docname"], set())
        text = figures_as_of_text(facts_data(app.env), keys, _labels(app.env), meta)
        para = nodes.paragraph("", text, classes=["figures-as-of"])
        para.source, para.line = node.source, node.line
        node.replace_self(para)


class FactsChangesDirective(SphinxDirective):
    """Every superseded figure (old -> new), then every correction (newest first)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = facts_data(self.env)
        labels = _labels(self.env)
        words, page_words = labels["changes"], labels["sources-page"]
        marks = punctuation(labels)
        _note_dependencies(self.env)
        result: list[nodes.Node] = []

        def shown(fact: Fact) -> list[nodes.Node]:
            _note_use(self.env, fact.key)
            value = format_value(fact, labels) if fact.value is not None else None
            return [nodes.Text(value or page_words["no-value"])] + status_mark(self.env, fact)

        def side(word: str, fact: Fact, with_label: bool) -> nodes.paragraph:
            """以前：1091億ドル／時点：2024年／出典：…（／項目：<label>）"""
            para = nodes.paragraph(classes=["facts-change-side"])
            field, sep = marks["field"], marks["separator"]
            para += nodes.inline("", field.format(name=word), classes=["fact-entry-field"])
            para.extend(shown(fact))
            as_of = field.format(name=page_words["date"]) + format_as_of(fact, labels)
            para += nodes.Text(f"{sep}{as_of}{sep}")
            para += nodes.Text(field.format(name=page_words["source"]))
            para.extend(source_refs(data, fact, labels))
            if with_label:
                para += nodes.Text(sep + field.format(name=words["entry"]))
                para += fact_ref(fact)
            return para

        pairs = [
            (data.facts[f.supersedes], f) for f in data.facts.values() if f.supersedes in data.facts
        ]
        # Newest figures first (a stable sort keeps the data file's order within a date).
        pairs.sort(key=lambda pair: date_span(pair[1].as_of)[1], reverse=True)
        if pairs:
            result.append(nodes.rubric("", words["superseded"]))
            dl = nodes.definition_list(classes=["facts-changes", "facts-changes-superseded"])
            for old, new in pairs:
                term = nodes.term("", "", fact_ref(new))
                body = nodes.definition()
                body += side(words["before"], old, with_label=old.label != new.label)
                body += side(words["now"], new, with_label=False)
                dl += nodes.definition_list_item("", term, body)
            result.append(dl)

        fixes = [(fix, f) for f in data.facts.values() for fix in f.corrections]
        fixes.sort(key=lambda item: date_span(str(item[0].get("on", "")))[1], reverse=True)
        if fixes:
            statuses = labels["statuses"]
            result.append(nodes.rubric("", words["corrections"]))
            dl = nodes.definition_list(classes=["facts-changes", "facts-changes-corrections"])
            for fix, fact in fixes:
                term = nodes.term("", "", fact_ref(fact))
                body = nodes.definition()
                on = format_date(str(fix.get("on", "")), labels)
                body += nodes.paragraph(
                    "",
                    words["corrected-on"].format(date=on, note=fix.get("note", "")),
                    classes=["facts-change-note"],
                )
                para = nodes.paragraph(classes=["facts-change-side"])
                was, was_status = fix.get("was"), fix.get("was_status")
                _note_use(self.env, fact.key)

                def state(value: Any, status: str | None, fact: Fact = fact) -> str:
                    """'470億パラメータ', '確認済み' or '2026年3月（報道ベース）'."""
                    text = (
                        "" if value is None else format_value(_replace(fact, value=value), labels)
                    )
                    word = statuses[status]["word"] if status else ""
                    if text and word:
                        return text + marks["paren"].format(text=word)
                    return text or word

                # The status is named when it changed, or when nothing else would be
                # shown; the mark of a reported or unverified fact follows, as in the text.
                now_status = (
                    fact.status if was_status or (was is None and fact.value is None) else None
                )
                if was is not None or was_status:
                    para += nodes.inline(
                        "",
                        marks["field"].format(name=words["before"]),
                        classes=["fact-entry-field"],
                    )
                    # Without 'was' the value itself did not change.
                    before = state(fact.value if was is None else was, was_status)
                    para += nodes.Text(before + marks["arrow"])
                para += nodes.inline(
                    "", marks["field"].format(name=words["now"]), classes=["fact-entry-field"]
                )
                para += nodes.Text(state(fact.value, now_status))
                para.extend(status_mark(self.env, fact))
                body += para
                dl += nodes.definition_list_item("", term, body)
            result.append(dl)
        if not result:
            result.append(nodes.paragraph("", words["none"]))
        return result


# ==============================================================================
# Checks
# ==============================================================================


def _text_without_marks(block: nodes.Element) -> str:
    """The words of a block, leaving out the status marks (［報道］ says nothing by itself)."""

    def is_mark(text: nodes.Text) -> bool:
        parent = text.parent
        while parent is not None and parent is not block:
            if "fact-status" in parent.get("classes", []):
                return True
            parent = parent.parent
        return False

    return "".join(t.astext() for t in block.findall(nodes.Text) if not is_mark(t))


def attribution_words(labels: dict[str, Any]) -> list[str]:
    """The words that attribute a claim in an edition (data/labels.yaml)."""
    return [str(w) for w in labels.get("attribution-words") or []]


def is_attributed(text: str, words: list[str]) -> bool:
    """Whether ``text`` has one of ``words``: Japanese anywhere, Latin words whole and
    in any case ("According to", not "unreported")."""
    for word in words:
        if JAPANESE.search(word):
            if word in text:
                return True
        elif re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
            return True
    return False


def check_attribution(app: Sphinx, doctree: nodes.document) -> None:
    """A reported/unverified fact must be attributed in the words of its paragraph.

    The edition's words count, and the source language's too: a paragraph without a
    translation yet is shown (and attributed) in Japanese."""
    data = facts_data(app.env)
    facts = data.facts
    labels = _labels(app.env)
    words = attribution_words(labels)
    for word in attribution_words(data.labels.get(SOURCE_LANGUAGE, {})):
        if word not in words:
            words.append(word)
    examples = labels.get("attribution-example", "")
    warned: set[tuple[int, str]] = set()
    for node in doctree.findall(lambda n: "fact_key" in getattr(n, "attributes", {})):
        fact = facts.get(node["fact_key"])
        if fact is None or fact.status == "confirmed":
            continue
        block = _block_of(node)
        # A figure and its mark are two nodes of one claim: one warning for both.
        if (id(block), fact.key) in warned:
            continue
        warned.add((id(block), fact.key))
        text = _text_without_marks(block) if block is not None else ""
        if not is_attributed(text, words):
            logger.warning(
                "fact '%s' is %s: attribute it in the same sentence or its paragraph (e.g. %s)",
                fact.key,
                fact.status,
                examples,
                location=block if block is not None else node,
                type="facts",
                subtype="attribution",
            )


def _block_of(node: nodes.Node) -> nodes.Element | None:
    """The paragraph, list item, table cell or heading a figure stands in (where a
    claim's attribution and its wording are read, and its warning is placed)."""
    block = node.parent
    while block is not None and not isinstance(
        block, (nodes.paragraph, nodes.list_item, nodes.entry, nodes.title)
    ):
        block = block.parent
    return block


def _ends_with_word(text: str, word: str) -> bool:
    """'総数は約' ends with 約; 'reach about' ends with about, 'roundabout' does not."""
    if not word.isascii():
        return text.endswith(word)
    lower = text.lower()
    return lower == word or lower.endswith(" " + word)


def check_typed_about(app: Sphinx, doctree: nodes.document) -> None:
    """ "About" is said by the data, once: a page that types 約 / "about" before a
    figure fails at its line, whether the data rounds the figure (the value already
    reads 約…: 約約) or gives it exactly (then the data should say ``about: true``)."""
    data = facts_data(app.env)
    words = _labels(app.env).get("about-typed", [])
    for word in data.labels.get(SOURCE_LANGUAGE, {}).get("about-typed", []):
        if word not in words:
            words.append(word)
    for node in doctree.findall(nodes.inline):
        key = node.get("fact_key")
        if key not in data.facts or "fact" not in node["classes"]:
            continue
        before = node.previous_sibling()
        text = before.astext().rstrip() if isinstance(before, nodes.Text) else ""
        typed = next((w for w in words if _ends_with_word(text, w)), None)
        if typed is None:
            continue
        if data.facts[key].about:
            message = (
                f"'{typed}' typed before fact '{key}', which data/facts.yaml marks "
                "'about: true': its value already says so; remove the word"
            )
        else:
            message = (
                f"'{typed}' typed before fact '{key}', which data/facts.yaml gives as "
                "exact: if its source rounds it, set 'about: true' there and remove the word"
            )
        block = _block_of(node)
        logger.warning(
            message, location=block if block is not None else node, type="facts", subtype="about"
        )


def check_data(app: Sphinx) -> None:
    """Report every problem of the data file at its line (fails the strict build)."""
    data = facts_data(app.env)
    for error in data.errors:
        logger.warning(error, type="facts", subtype="data")
    for key in app.config.facts_meta_keys:
        if key not in data.facts:
            logger.warning(
                "conf.py: facts_meta_keys names unknown fact '%s'",
                key,
                type="facts",
                subtype="data",
            )


# ==============================================================================
# Environment bookkeeping (incremental and parallel builds)
# ==============================================================================


# {docname: the keys of the facts it uses}.  Nothing makes a record stale by itself:
# a page that uses a fact has the data file as a dependency, so a change of the data
# re-reads it.  The records as the build found them tell whether "used on" changed.
FACTS_USED = PageRecords("facts_used", is_stale=lambda env, keys: False, keep_previous=True)


def pages_using(used: dict[str, set[str]]) -> dict[str, set[str]]:
    """{fact key: the pages using it}: the records per page, inverted."""
    pages: dict[str, set[str]] = {}
    for docname, keys in used.items():
        for key in keys:
            pages.setdefault(key, set()).add(docname)
    return pages


def fact_pages(env: BuildEnvironment) -> dict[str, list[str]]:
    """{fact key: the pages that show it, in the book's order}: the sources page groups
    a fact under the first, the published data lists them all."""
    rank = {name: i for i, name in enumerate(book_order(env))}
    return {
        key: sorted(pages, key=lambda name: (rank.get(name, len(rank)), name))
        for key, pages in pages_using(FACTS_USED.of(env)).items()
    }


def load(app: Sphinx) -> None:
    """Read the data file for this build's language; keep it on the environment."""
    root = Path(app.confdir)
    path = root / app.config.facts_file
    FACTS_DATA.keep(
        app.env,
        load_facts(
            path, root / "data" / "labels.yaml", app.config.facts_file, app.config.language or "ja"
        ),
    )


def setup(app: Sphinx) -> dict[str, Any]:
    # The "book" message catalogue (reader-facing words of the extensions).
    app.add_config_value("facts_file", "data/facts.yaml", "env", str)
    app.add_config_value("facts_sources_page", "sources", "env", str)
    # Facts about the book itself (when its sources were checked), not about its
    # subject: shown where a page uses them, but left out of the {figures-as-of} line.
    app.add_config_value("facts_meta_keys", ["facts-checked"], "env", list)
    app.add_node(figures_as_of_placeholder)
    app.add_role("fact", FactRole())
    app.add_role("fact-mark", FactMarkRole())
    app.add_role("ratio", RatioRole())
    app.add_directive("figures-as-of", FiguresAsOfDirective)
    app.add_directive("facts-changes", FactsChangesDirective)
    app.connect("builder-inited", load)
    app.connect("builder-inited", check_data)
    FACTS_USED.connect(app)
    app.connect("doctree-read", check_attribution)
    app.connect("doctree-read", check_typed_about)
    app.connect("doctree-resolved", fill_figures_as_of)
    # env_version: bump when a change here alters doctrees or what the environment
    # keeps (4: the data on the env, not on app; 5: "used on" as a record per page),
    # so old caches are read again.
    return {
        "version": "1.0",
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
