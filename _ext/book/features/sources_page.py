"""The sources page: every fact, grouped by the page that first uses it, and every source.

``{facts-list}``   each fact: title and status, one line with its value, dates and its
                   sources by number, then links to older or newer figures and its note;
                   grouped under the page that first uses it, in the book's order
``{sources-list}`` every source numbered, its address printed once, as the link

A source's title is written once and the facts point to it by number, so the page stays
within its 200 KiB (tests/test_browser.py); the other pages using a fact are in the
published data.  Which page uses a fact is known only when every page is read, so the
directive writes the entries in a placeholder and ``GroupFactsByPage`` (a post-transform)
sorts them into groups when the page is written; the page is written again when the
pages using a fact change.  The groups are sections added after reading, so the page's
own contents lists only the parts of the page."""

from __future__ import annotations

from collections import Counter
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from book.core.facts import (
    FACTS_USED,
    edition_labels,
    fact_pages,
    facts_data,
    joined,
    label_ref,
    mark_text,
    note_dependencies,
    pages_using,
    punctuation,
)
from book.core.page_records import book_order
from book.data.book_numbers import format_date
from book.data.facts_file import Fact, format_as_of, format_value


class fact_entries(nodes.General, nodes.Element):
    """The facts list before it is grouped (replaced when the page is written)."""


class status_word(nodes.inline):
    """A fact's status after its title (［報道ベース］): on the web ``<small>``, styled
    by its place (``dl.fact-entries small``) instead of a class on each entry."""


def visit_status_word_html(self: Any, node: status_word) -> None:
    self.body.append("<small>")


def depart_status_word_html(self: Any, node: status_word) -> None:
    self.body.append("</small>")


class plain_link(nodes.reference):
    """A link the page has hundreds of: on the web a bare ``<a href>``, without
    docutils' ``class="reference internal"`` (6 KB of the page's 200 KB budget)."""


def visit_plain_link_html(self: Any, node: plain_link) -> None:
    href = node.get("refuri") or "#" + node["refid"]
    self.body.append(self.starttag(node, "a", "", href=href))


def depart_plain_link_html(self: Any, node: plain_link) -> None:
    self.body.append("</a>")


def source_numbers(env: BuildEnvironment) -> dict[str, int]:
    """{source key: its number in the list of sources} (the data file's order)."""
    return {key: i for i, key in enumerate(facts_data(env).sources, start=1)}


class FactsListDirective(SphinxDirective):
    """Every fact, compact; grouped by page when the page is written."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = facts_data(self.env)
        labels = edition_labels(self.env)
        words = labels["sources-page"]
        marks = punctuation(labels)
        field, separator = marks["field"], marks["separator"]
        numbers = source_numbers(self.env)
        note_dependencies(self.env)
        newer: dict[str, list[Fact]] = {}
        next_edition: dict[str, list[Fact]] = {}
        for fact in data.facts.values():
            if fact.supersedes:
                newer.setdefault(fact.supersedes, []).append(fact)
            if fact.previous_edition:
                next_edition.setdefault(fact.previous_edition, []).append(fact)

        # The date most facts were checked on is said once, above the list; an entry
        # names its own only when it differs.
        dates = Counter(fact.checked for fact in data.facts.values())
        usual = max(sorted(dates), key=lambda date: dates[date]) if dates else ""
        entries = fact_entries(
            "", nodes.paragraph("", words["checked-usual"].format(date=format_date(usual, labels)))
        )
        for fact in data.facts.values():
            # The fact's title is the term of a definition list: on the web one <dt>
            # with the anchor (no wrapper, no empty target), in the PDF a line item
            # with its hypertarget (Sphinx's LaTeX writer labels a term's ids).
            node_id = f"fact-{fact.key}"
            term = nodes.term("", "", ids=[node_id], names=[node_id])
            self.state.document.note_explicit_target(term)
            term += nodes.Text(fact.label)
            term += nodes.Text(marks["mark-space"])
            term += status_word("", mark_text(labels, fact.status, "word"), classes=["fact-status"])
            entry = nodes.definition()
            # One line: value (if any, and unless it is the date itself), the date it
            # describes, when it was checked, and its sources by number.
            value = format_value(fact, labels) if fact.value is not None else None
            as_of = format_as_of(fact, labels)
            fields = [(words["value"], value), (words["date"], as_of if value != as_of else None)]
            if fact.checked != usual:
                fields.append((words["checked"], format_date(fact.checked, labels)))
            parts = [[nodes.Text(field.format(name=n) + t)] for n, t in fields if t is not None]
            cited = [
                label_ref(f"source-{key}", str(numbers[key]))
                if key in numbers
                else nodes.Text(key)  # reported at its line of the data file
                for key in fact.sources
            ]
            parts.append(
                [nodes.Text(field.format(name=words["source"])), *joined(cited, marks["list"])]
            )
            entry += nodes.paragraph("", "", *joined(parts, separator))

            # A newer figure for the same quantity and the one it replaced (both stay);
            # the same measure in the report's other edition.
            links = [
                [nodes.Text(field.format(name=word)), label_ref(f"fact-{other.key}", other.label)]
                for word, others in (
                    (words["superseded-by"], newer.get(fact.key, [])),
                    (words["supersedes"], [data.facts.get(fact.supersedes or "")]),
                    (words["next-edition"], next_edition.get(fact.key, [])),
                    (words["previous-edition"], [data.facts.get(fact.previous_edition or "")]),
                )
                for other in others
                if other is not None
            ]
            if links:
                entry += nodes.paragraph("", "", *joined(links, separator), classes=["fact-links"])
            for fix in fact.corrections:
                text = words["correction"].format(
                    date=format_date(str(fix.get("on", "")), labels), note=fix.get("note", "")
                )
                entry += nodes.paragraph("", text, classes=["fact-correction"])
            if fact.note or fact.added:
                note = fact.note
                if fact.added:
                    note = marks["sentences"].format(first=words["after-article"], second=note)
                entry += nodes.paragraph("", field.format(name=words["note"]) + note)
            entries += nodes.definition_list_item("", term, entry, fact=fact.key)
        self.set_source_info(entries)
        return [entries]


class SourcesListDirective(SphinxDirective):
    """Every source, numbered: title, publisher and date, and its address once."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        data = facts_data(self.env)
        labels = edition_labels(self.env)
        marks = punctuation(labels)
        note_dependencies(self.env)
        listing = nodes.enumerated_list(enumtype="arabic", classes=["sources-list"])
        for source in data.sources.values():
            # A link target usable with {ref} from any page, in HTML and in the PDF.
            anchor = f"source-{source.key}"
            target = nodes.target("", "", ids=[anchor], names=[anchor])
            self.state.document.note_explicit_target(target)
            para = nodes.paragraph("", "", target)
            para += nodes.strong("", source.title)
            date = format_date(source.date, labels)
            para += nodes.Text(
                marks["paren"].format(text=f"{source.publisher}{marks['list']}{date}")
            )
            if source.url:
                para += nodes.Text(" ")
                para += plain_link(source.url, source.url, refuri=source.url)
            item = nodes.list_item("", para)
            if source.note:
                item += nodes.paragraph("", source.note, classes=["source-note"])
            listing += item
        return [listing]


class GroupFactsByPage(SphinxPostTransform):
    """Sort the facts list into one section per page, in the book's order."""

    # Before the references are resolved (ReferencesResolver: 10), so that the
    # links of the moved entries are resolved where they end up.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for entries in list(self.document.findall(fact_entries)):
            self.group(entries)
        on_paper = self.app.builder.format == "latex"
        for listing in list(self.document.findall(nodes.enumerated_list)):
            if "sources-list" not in listing["classes"]:
                continue
            for item in listing.children:
                if on_paper:
                    # In print a source's address starts a line under its title (book.css
                    # does it on the web): set on in the title's line, a long address
                    # stretched the words before it apart.
                    for link in list(item.findall(plain_link)):
                        if link.get("refuri"):
                            newline = nodes.raw("", r"\newline ", format="latex")
                            link.parent.insert(link.parent.index(link), newline)
                    continue
                # On the web a source's anchor is its <li> (not an empty <span> in it); the
                # PDF keeps the target, which Sphinx's LaTeX writer turns into a hypertarget.
                for target in list(item.findall(nodes.target)):
                    if not (target.get("refuri") or target.get("refid")):
                        item["ids"].extend(target["ids"])
                        target.parent.remove(target)

    def group(self, entries: fact_entries) -> None:
        env = self.env
        labels = edition_labels(env)
        words, separator = labels["sources-page"], punctuation(labels)["list"]
        shown_on = fact_pages(env)
        rank = {docname: i for i, docname in enumerate(book_order(env))}
        numbered = {f"source-{key}" for key in source_numbers(env)}
        groups: dict[str, list[nodes.Element]] = {}
        intro, *items = entries.children
        for item in items:
            key = item["fact"]
            home = shown_on.get(key, [""])[0]
            groups.setdefault(home, []).append(item)
            # A source of the list on this page: a plain link to its row (no wrapper
            # for the reference resolver to add to every number).
            for ref in list(item.findall(pending_xref)):
                if ref["reftarget"] in numbered and ref["reftarget"] in self.document.ids:
                    ref.replace_self(
                        plain_link("", ref.astext(), refid=ref["reftarget"], internal=True)
                    )
        on_paper = self.app.builder.format == "latex"
        result: list[nodes.Node] = []
        nav = nodes.paragraph(classes=["fact-groups"])
        for home in sorted(groups, key=lambda d: (d == "", rank.get(d, len(rank)), d)):
            section_id = f"facts-on-{home}" if home else "facts-not-used"
            title = env.titles.get(home)
            heading = title.astext() if title is not None else home or words["not-used-group"]
            if len(nav):
                nav += nodes.Text(separator)
            nav += plain_link("", heading, refid=section_id, internal=True)
            # "simple": not one of the API description lists Furo styles every
            # other classed <dl> as (grey titles, wide indents)
            listing = nodes.definition_list(classes=["fact-entries", "simple"])
            for item in groups[home]:
                if on_paper:  # the next entry's title never alone at a page foot
                    item[-1] += nodes.raw("", r"\needspace{4\baselineskip}", format="latex")
                listing += item
            result.append(nodes.section("", nodes.title("", heading), listing, ids=[section_id]))
        entries.replace_self([nav, intro, *result])


def rewrite_sources_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write the sources page again when the set of pages using a fact changed."""
    changed = pages_using(FACTS_USED.of(env)) != pages_using(FACTS_USED.previous(env))
    page = app.config.facts_sources_page
    return [page] if changed and page in env.found_docs else []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(fact_entries)
    # Web only: every other writer visits them as their base classes (inline,
    # reference), as Sphinx does for a node it has no visitor of its own for.
    app.add_node(status_word, html=(visit_status_word_html, depart_status_word_html))
    app.add_node(plain_link, html=(visit_plain_link_html, depart_plain_link_html))
    app.add_directive("facts-list", FactsListDirective)
    app.add_directive("sources-list", SourcesListDirective)
    app.add_post_transform(GroupFactsByPage)
    app.connect("env-updated", rewrite_sources_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
