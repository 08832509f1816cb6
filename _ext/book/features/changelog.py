"""The book's revision history (改訂履歴), from ``data/changelog.yaml``.

An entry (CONTRIBUTING.md)::

    entries:
      - date: 2026-11-28
        summary: Rakuten AI 2.0 の総パラメータ数を…改めました。
        summary_en: Corrected the total parameters of Rakuten AI 2.0…
        pages: [parameters]           # docnames it touched
        facts: [rakuten-ai-2-params]  # optional

``{changelog}`` shows the entries newest first, grouped by date (each date a term with
the anchor ``history-YYYY-MM-DD``), each with links to its pages and to its facts on the
sources page.  Problems fail the strict build at ``data/changelog.yaml:LINE``: the shape
when the build starts, unknown pages or fact keys where the history is shown (the
project's pages are known then).  The file is kept on the environment (``CHANGELOG``)
and the page is read again whenever it changes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from book.core.build_data import BuildData
from book.core.facts import edition_labels, fact_ref, facts_data, joined, punctuation
from book.data.book_numbers import format_date
from book.data.schema import SOURCE_LANGUAGE
from book.data.yamlfile import compose, is_date, mapping, scalar

logger = logging.getLogger(__name__)

ENTRY_FIELDS = {"date", "summary", "pages", "facts"}
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Entry:
    date: str
    summary: str
    pages: list[str]
    facts: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Changelog:
    path: Path
    entries: list[Entry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _names(value: Any) -> list[str] | None:
    """A list of names (a single name is accepted as a list of one); None if neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def load_changelog(
    path: Path, rel: str, language: str = SOURCE_LANGUAGE, languages: tuple[str, ...] = ()
) -> Changelog:
    """Read and check the file's form; every problem with its line.

    ``languages``: the editions besides the source, each needing ``summary_<lang>``;
    the entries' summaries are those of ``language``."""
    log = Changelog(path=path)
    fields = ENTRY_FIELDS | {f"summary_{lang}" for lang in languages}
    err = log.errors.append
    root = compose(path, rel, "the changelog", err)
    if log.errors:
        return log
    entries = {k.value: v for k, v in mapping(root)}.get("entries")
    if not isinstance(entries, yaml.SequenceNode):
        err(f"{rel}:1: the changelog needs an 'entries:' list")
        return log
    for node in entries.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            err(f"{rel}:{line}: an entry must be a mapping (date, summary, pages, facts)")
            continue
        raw = scalar(node)
        for extra in sorted(set(raw) - fields):
            err(
                f"{rel}:{line}: entry has an unknown field '{extra}' "
                f"(known: {', '.join(sorted(fields))})"
            )
        date = str(raw.get("date") or "")
        if not (DAY_RE.match(date) and is_date(date)):
            err(f"{rel}:{line}: entry date '{date}' is not a day YYYY-MM-DD")
        summary = raw.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            err(f"{rel}:{line}: entry needs a 'summary' (what changed, in a sentence or two)")
            summary = ""
        for lang in languages:
            translated = raw.get(f"summary_{lang}")
            if summary and (not isinstance(translated, str) or not translated.strip()):
                err(
                    f"{rel}:{line}: entry needs 'summary_{lang}', the {lang} text of its "
                    "summary (every edition shows the history)"
                )
            elif lang == language and isinstance(translated, str):
                summary = translated
        pages = _names(raw.get("pages"))
        if not pages:
            err(
                f"{rel}:{line}: entry needs 'pages': the pages it touched, "
                "as docnames (e.g. [overview, parameters])"
            )
            pages = []
        facts = _names(raw.get("facts") or [])
        if facts is None:
            err(f"{rel}:{line}: entry 'facts' must be a list of keys of data/facts.yaml")
            facts = []
        log.entries.append(
            Entry(date=date, summary=summary.strip(), pages=pages, facts=facts, line=line)
        )
    return log


def check_references(
    log: Changelog, rel: str, known_pages: set[str], known_facts: set[str]
) -> list[str]:
    """Pages that are not in the book, fact keys that are not in the data."""
    errors = []
    for entry in log.entries:
        errors += [
            f"{rel}:{entry.line}: entry names page '{page}', which is not in the book "
            "(a docname such as 'overview', without docs/ or .md)"
            for page in entry.pages
            if page not in known_pages
        ]
        errors += [
            f"{rel}:{entry.line}: entry names fact '{key}', which is not in data/facts.yaml"
            for key in entry.facts
            if key not in known_facts
        ]
    return errors


def newest_first(entries: list[Entry]) -> list[Entry]:
    """By date, newest first; entries of one day keep the file's order."""
    return sorted(entries, key=lambda e: e.date, reverse=True)


# What readers see
def _page_ref(docname: str, refdoc: str) -> pending_xref:
    """A link to a page, titled by the page's title (resolved when writing)."""
    return pending_xref(
        "",
        nodes.inline("", docname),
        refdomain="std",
        reftype="doc",
        reftarget=f"/{docname}",
        refdoc=refdoc,
        refexplicit=False,
        refwarn=True,
    )


class ChangelogDirective(SphinxDirective):
    """Every entry of the changelog, newest first, grouped by day."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        changelog = CHANGELOG.of(self.env)
        known_facts = facts_data(self.env).facts
        self.env.note_dependency(str(changelog.path))
        # The pages and facts an entry names are checked where the history is shown
        # (a project without that page, such as tests/minibook.py, has other pages).
        rel = self.config.changelog_file
        for error in check_references(changelog, rel, set(self.env.found_docs), set(known_facts)):
            logger.warning(error, type="changelog", subtype="data")
        labels = edition_labels(self.env)
        words = labels["history"]
        marks = punctuation(labels)
        if not changelog.entries:
            return [nodes.paragraph("", words["none"])]

        def field_word(name: str) -> nodes.inline:
            word = marks["field"].format(name=words[name])
            return nodes.inline("", word, classes=["changelog-field"])

        dl = nodes.definition_list(classes=["changelog"])
        for day, day_entries in groupby(newest_first(changelog.entries), lambda e: e.date):
            target = nodes.target("", "", ids=[f"history-{day}"], names=[f"history-{day}"])
            self.state.document.note_explicit_target(target)
            term = nodes.term("", "", target, nodes.Text(format_date(day, labels) if day else ""))
            items = nodes.bullet_list(classes=["changelog-entries"])
            for entry in day_entries:
                item = nodes.list_item(classes=["changelog-entry"])
                item += nodes.paragraph("", entry.summary, classes=["changelog-summary"])
                meta = nodes.paragraph("", "", field_word("pages"), classes=["changelog-meta"])
                pages = [
                    nodes.inline("", words["this-page"])
                    if page == self.env.docname  # a link to itself would go nowhere
                    else _page_ref(page, self.env.docname)
                    for page in entry.pages
                ]
                meta.extend(joined(pages, marks["list"]))
                facts = [known_facts[k] for k in entry.facts if k in known_facts]
                if facts:
                    meta += [nodes.Text(marks["separator"]), field_word("facts")]
                    meta.extend(joined([fact_ref(fact) for fact in facts], marks["list"]))
                item += meta
                items += item
            dl += nodes.definition_list_item("", term, nodes.definition("", items))
        return [dl]


# Build events
# The changelog of this build, on the environment (loaded by ``load``).
CHANGELOG = BuildData[Changelog]("changelog", loaded_by="changelog.load, at builder-inited")


def load(app: Sphinx) -> None:
    rel, language = app.config.changelog_file, app.config.language or SOURCE_LANGUAGE
    languages = tuple(lang for lang in facts_data(app.env).labels if lang != SOURCE_LANGUAGE)
    changelog = load_changelog(Path(app.confdir) / rel, rel, language, languages)
    for error in CHANGELOG.keep(app.env, changelog).errors:
        logger.warning(error, type="changelog", subtype="data")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("changelog_file", "data/changelog.yaml", "env", str)
    app.add_directive("changelog", ChangelogDirective)
    app.connect("builder-inited", load)  # after core.facts loads (the languages)
    return {
        "version": "1.0",
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
