"""Every figure of a page from the data (``data/facts.yaml``), in each edition.

``{fact}`key```          the value with its unit, and the status mark
``{fact-mark}`key```     only the status mark (for claims without a figure)
``{ratio}`a / b```       the ratio of two values, rounded (``約12倍`` / ``about 12 times``)
``{figures-as-of}``      one line per chapter (「この章の数字は…確かめたものです」),
                         filled when the page is written (all its facts known then)
``{facts-changes}``      every superseded figure (old -> new) and every correction

A page that uses an unknown key fails with the page's file and the role's own line."""

from __future__ import annotations

from dataclasses import replace as _replace
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from book.core import edition_words
from book.core.facts import (
    FACTS_USED,
    edition_labels,
    fact_ref,
    facts_data,
    note_dependencies,
    note_use,
    punctuation,
    role_line,
    source_refs,
    status_mark,
)
from book.data.book_numbers import date_span, format_date, format_ratio
from book.data.facts_file import Fact, format_as_of, format_value
from book.data.yamlfile import did_you_mean


class figures_as_of_placeholder(nodes.General, nodes.Element):
    """Where a page's date line goes; filled when writing (``docname``: its page)."""


class FactRole(SphinxRole):
    """``{fact}`key``` -> the formatted value and its status mark."""

    with_value = True

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        fact = facts_data(self.env).facts.get(key)
        if fact is None:
            return self._unknown(key)
        note_use(self.env, key)
        result: list[nodes.Node] = []
        if self.with_value:
            if fact.value is None:
                msg = self.inliner.reporter.error(
                    f"fact '{key}' has no value; use {{fact-mark}}`{key}` to mark the claim",
                    line=role_line(self),
                )
                return [], [msg]
            text = format_value(fact, edition_labels(self.env))
            result.append(
                nodes.inline("", text, classes=["fact", f"fact-{fact.status}"], fact_key=key)
            )
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
        for key, fact in zip(parts, found, strict=True):
            if fact is None:
                return self._unknown(key)
            note_use(self.env, key)
        a, b = found
        text = format_ratio(float(a.value), float(b.value), edition_labels(self.env))
        return [nodes.inline("", text, classes=["fact", "fact-ratio"])], []


class FiguresAsOfDirective(SphinxDirective):
    """A page's date line; computed when writing, from every fact the page uses."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        note_dependencies(self.env)
        node = figures_as_of_placeholder(docname=self.env.docname)
        self.set_source_info(node)
        return [node]


def figures_as_of_text(env: Any, keys: set[str]) -> str:
    """「この章の数字は、2026年11月28日以降に出典と照らし合わせて確かめたものです。」

    The oldest ``checked`` date among the page's figures (everything on the page was
    checked on or after it), or the one date when all share it."""
    data, labels, meta = facts_data(env), edition_labels(env), env.config.facts_meta_keys
    words = labels["figures-as-of"]
    facts = [data.facts[k] for k in sorted(keys) if k in data.facts and k not in meta]
    if not facts:
        return words["none"]
    oldest = min(facts, key=lambda f: date_span(f.checked)[0]).checked
    newest = max(facts, key=lambda f: date_span(f.checked)[1]).checked
    line = words["line-one"] if oldest == newest else words["line-since"]
    return line.format(date=format_date(oldest, labels))


def fill_figures_as_of(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each date-line placeholder with the line of the page it was placed on.

    (The placeholder keeps its page: the PDF builder assembles all pages into one.)"""
    used = FACTS_USED.of(app.env)
    for node in list(doctree.findall(figures_as_of_placeholder)):
        text = figures_as_of_text(app.env, used.get(node["docname"], set()))
        para = nodes.paragraph("", text, classes=["figures-as-of"])
        para.source, para.line = node.source, node.line
        node.replace_self(para)


class FactsChangesDirective(SphinxDirective):
    """Every superseded figure (old -> new), then every correction (newest first)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = facts_data(self.env)
        labels = edition_labels(self.env)
        words, page_words = labels["changes"], labels["sources-page"]
        marks = punctuation(labels)
        note_dependencies(self.env)
        result: list[nodes.Node] = []

        def field_word(name: str) -> nodes.inline:
            return nodes.inline("", marks["field"].format(name=name), classes=["fact-entry-field"])

        def side(word: str, fact: Fact, with_label: bool) -> nodes.paragraph:
            """以前：1091億ドル／時点：2024年／出典：…（／項目：<label>）"""
            note_use(self.env, fact.key)
            field, sep = marks["field"], marks["separator"]
            value = format_value(fact, labels) if fact.value is not None else None
            shown = [nodes.Text(value or page_words["no-value"]), *status_mark(self.env, fact)]
            para = nodes.paragraph("", "", field_word(word), *shown, classes=["facts-change-side"])
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
            # The edition's own words, no message of the page's catalogue (Sphinx gives a
            # rubric its page as source: `make gettext` would take it for the page's text).
            result.append(nodes.rubric("", words["superseded"], translatable=False))
            dl = nodes.definition_list(classes=["facts-changes", "facts-changes-superseded"])
            for old, new in pairs:
                term = nodes.term("", "", fact_ref(new))
                body = nodes.definition(
                    "",
                    side(words["before"], old, with_label=old.label != new.label),
                    side(words["now"], new, with_label=False),
                )
                dl += nodes.definition_list_item("", term, body)
            result.append(dl)

        fixes = [(fix, f) for f in data.facts.values() for fix in f.corrections]
        fixes.sort(key=lambda item: date_span(str(item[0].get("on", "")))[1], reverse=True)
        statuses = labels["statuses"]

        def state(fact: Fact, value: Any, status: str | None) -> str:
            """'470億パラメータ', '確認済み' or '2026年3月（報道ベース）'."""
            text = "" if value is None else format_value(_replace(fact, value=value), labels)
            word = statuses[status]["word"] if status else ""
            return text + marks["paren"].format(text=word) if text and word else text or word

        if fixes:
            result.append(nodes.rubric("", words["corrections"], translatable=False))
            dl = nodes.definition_list(classes=["facts-changes", "facts-changes-corrections"])
            for fix, fact in fixes:
                term = nodes.term("", "", fact_ref(fact))
                on = format_date(str(fix.get("on", "")), labels)
                note = words["corrected-on"].format(date=on, note=fix.get("note", ""))
                body = nodes.definition(
                    "", nodes.paragraph("", note, classes=["facts-change-note"])
                )
                para = nodes.paragraph(classes=["facts-change-side"])
                was, was_status = fix.get("was"), fix.get("was_status")
                note_use(self.env, fact.key)

                # The status is named when it changed, or when nothing else would be
                # shown; the mark of a reported or unverified fact follows, as in the text.
                now_status = (
                    fact.status if was_status or (was is None and fact.value is None) else None
                )
                if was is not None or was_status:
                    para += field_word(words["before"])
                    # Without 'was' the value itself did not change.
                    before = state(fact, fact.value if was is None else was, was_status)
                    para += nodes.Text(before + marks["arrow"])
                para += field_word(words["now"])
                para += nodes.Text(state(fact, fact.value, now_status))
                para.extend(status_mark(self.env, fact))
                body += para
                dl += nodes.definition_list_item("", term, body)
            result.append(dl)
        if not result:
            result.append(nodes.paragraph("", words["none"]))
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    # every edition writes numbers in its own words, and each unit and status the data
    # may use
    edition_words.require(app, "numbers", "units", "statuses")
    app.add_node(figures_as_of_placeholder)
    app.add_role("fact", FactRole())
    app.add_role("fact-mark", FactMarkRole())
    app.add_role("ratio", RatioRole())
    app.add_directive("figures-as-of", FiguresAsOfDirective)
    app.add_directive("facts-changes", FactsChangesDirective)
    app.connect("doctree-resolved", fill_figures_as_of)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
