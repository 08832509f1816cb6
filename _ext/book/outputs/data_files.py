"""The data behind every chart and table, published in the site's ``data/`` folder.

When the HTML build finishes (and only where the bytes change), without dates or
versions: ``facts.json`` and ``facts.csv`` (the licence, then one record per fact),
``facts.schema.json`` (data/schema.py's, byte for byte), ``README.txt`` (each file and
the licence: a header comment is not CSV), a ``chart-<name>.csv`` with exactly the rows
and columns each chart shows and a ``table-<id>.csv`` with each generated table's cells
as the page shows them, all from what each page recorded, not from the features.  The
``data_line`` under a chart or table becomes a link to its file (and, for a chart, its
numbers as a table in ``<details>``) on the web, the file's name on paper and in the
EPUB.  ``{data-files}`` lists the published files."""

from __future__ import annotations

import csv
import io
import json
import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, new_document

from book.core.facts import (
    edition_labels,
    fact_pages,
    facts_data,
    joined,
    mark_text,
    punctuation,
)
from book.core.figure_data import build_table, data_line, table_cells, table_file
from book.core.node_writers import add_node
from book.core.page_records import PageRecords
from book.data.facts_file import format_as_of, format_value
from book.data.schema import SCHEMA_PATH

FOLDER = "data"  # in the site
SCHEMA_NAME = "facts.schema.json"
PUBLISHED = ("facts.json", "facts.csv", SCHEMA_NAME, "README.txt")
LICENSE_SPDX = "CC-BY-4.0"
# Columns of facts.csv (the schema's $defs/published-csv-row) and of a chart's CSV.
FACTS_COLUMNS = tuple(
    "key label value unit as_of approx checked status status_label formatted "
    "source_titles source_urls about pages".split()
)
CHART_COLUMNS = ("item", "label", "key", "value", "unit", "formatted", "status", "as_of")
CHART_TABLE_COLUMNS = ("item", "label", "value", "as_of")  # the table under a chart


# The records of facts.json and facts.csv, and a chart's CSV
def fact_records(env: BuildEnvironment) -> list[dict[str, Any]]:
    """One record per fact, in the data file's order ($defs/published-fact)."""
    data, labels, pages = facts_data(env), edition_labels(env), fact_pages(env)
    records = []
    for fact in data.facts.values():
        sources = [data.sources[s] for s in fact.sources if s in data.sources]
        records.append(
            {
                "key": fact.key,
                "label": fact.label,
                "value": fact.value,
                "unit": fact.unit,
                "as_of": str(fact.as_of),
                "approx": fact.approx,
                "checked": str(fact.checked),
                "status": fact.status,
                "status_label": labels["statuses"][fact.status]["word"],
                "formatted": format_value(fact, labels) if fact.value is not None else None,
                "sources": [
                    {
                        "key": s.key,
                        "title": s.title,
                        "publisher": s.publisher,
                        "date": str(s.date),
                        "url": s.url or None,
                    }
                    for s in sources
                ],
                "note": fact.note or None,
                "supersedes": fact.supersedes or None,
                "previous_edition": fact.previous_edition or None,
                "about": fact.about,
                "pages": pages.get(fact.key, []),
            }
        )
    return records


def _cell(value: Any) -> str:
    """A value in a CSV cell: numbers as written in the data (no float noise), lists
    joined with " | ", true/false, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return " | ".join(value)
    return str(value)


def csv_text(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[_cell(c) for c in row] for row in rows])
    return out.getvalue()


def facts_csv(records: list[dict[str, Any]]) -> str:
    rows: list[list[Any]] = [list(FACTS_COLUMNS)]
    for record in records:
        sources = record["sources"]
        cells = {
            **record,
            "source_titles": [s["title"] for s in sources],
            "source_urls": [s["url"] or "" for s in sources],
        }
        rows.append([cells[column] for column in FACTS_COLUMNS])
    return csv_text(rows)


def chart_rows(env: BuildEnvironment, rows: list[tuple[str, str]]) -> list[list[Any]]:
    """A chart's CSV rows: one per figure it draws (``rows``: the (item, fact key)
    pairs the chart recorded under itself)."""
    labels, facts = edition_labels(env), facts_data(env).facts
    records: list[list[Any]] = [list(CHART_COLUMNS)]
    for item, key in rows:
        f = facts[key]
        records.append(
            [item, f.label, key, f.value, f.unit, format_value(f, labels), f.status, f.as_of]
        )
    return records


def _meta(env: BuildEnvironment) -> dict[str, str]:
    words = edition_labels(env)["data-files"]
    names = {"project": env.config.project, "author": env.config.author}
    return {
        "title": words["title"].format(**names),
        "license": words["license"],
        "url": words["license-url"],
        "attribution": words["attribution"].format(**names),
        "source": words["source"].format(**names),
    }


# The line under a chart or table, and a chart's table
class data_details(nodes.General, nodes.Element):
    """A ``<details>`` with a ``<summary>`` (``summary``); web site only."""


def visit_details_html(self: Any, node: data_details) -> None:
    summary = self.encode(node["summary"])
    self.body.append(f'<details class="{" ".join(node["classes"])}"><summary>{summary}</summary>\n')


def depart_details_html(self: Any, node: data_details) -> None:
    self.body.append("</details>\n")


def _link(docname: str, filename: str, text: str) -> nodes.reference:
    uri = posixpath.relpath(f"{FOLDER}/{filename}", posixpath.dirname(docname) or ".")
    return nodes.reference("", text, refuri=uri, classes=["data-file-link"])


def _chart_table(env: BuildEnvironment, rows: list[tuple[str, str]]) -> nodes.table:
    """The chart's numbers as a table: item (row heading), label, value with its
    mark (plain text: the chart's own marks are not links either), date."""
    labels, facts = edition_labels(env), facts_data(env).facts
    columns = labels["data-files"]["columns"]
    head = [nodes.entry("", nodes.paragraph("", columns[w])) for w in CHART_TABLE_COLUMNS]
    body = []
    for item, key in rows:
        fact = facts[key]
        value = nodes.paragraph("", format_value(fact, labels))
        mark = mark_text(labels, fact.status)
        if mark:
            value += nodes.Text(punctuation(labels)["mark-space"])
            value += nodes.inline("", mark, classes=["fact-status", f"fact-status-{fact.status}"])
        as_of = nodes.paragraph("", format_as_of(fact, labels))
        cells = [nodes.paragraph("", item), nodes.paragraph("", fact.label), value, as_of]
        body.append([nodes.entry("", cell) for cell in cells])
    return build_table(["chart-data-table"], [1] * len(head), [head], body, stub=True)


def fill_data_lines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each placeholder becomes the link (web) or the file names (paper, EPUB)."""
    labels = edition_labels(app.env)
    words = labels["data-files"]
    for node in list(doctree.findall(data_line)):
        files, titles = node["files"], node["titles"]
        para = nodes.paragraph(classes=["data-file-line"])
        result: list[nodes.Node] = [para]
        if app.builder.name != "html":
            para += nodes.Text(words["on-paper"].format(files=words["separator"].join(files)))
        elif len(files) == 1:
            para += _link(docname, files[0], words["link"])
        else:
            para += nodes.Text(words["link-several"])
            links = [
                _link(docname, name, words["link-title"].format(title=title))
                for name, title in zip(files, titles, strict=True)
            ]
            para.extend(joined(links, punctuation(labels)["separator"]))
        if node["chart"] and app.builder.name == "html":
            details = data_details(summary=words["details"], classes=["chart-data"])
            details += _chart_table(app.env, node["rows"])
            result.append(details)
        node.replace_self(result)


class DataFilesDirective(SphinxDirective):
    """The published files, linked on the web; named (with the site's address when
    it has one) on paper and in the EPUB; then the licence."""

    def run(self) -> list[nodes.Node]:
        labels = edition_labels(self.env)
        words, field = labels["data-files"], punctuation(labels)["field"]
        meta = _meta(self.env)
        base = self.config.html_baseurl
        on_web = addnodes.only(expr="html and not epub")
        on_paper = addnodes.only(expr="not html or epub")
        web, paper = nodes.bullet_list(), nodes.bullet_list()
        for name in PUBLISHED:
            what = words["files"][name]
            # "facts.json：…" / "facts.json: …": the field format without the name
            link = nodes.paragraph("", "", _link(self.env.docname, name, name))
            link += nodes.Text(field.format(name="") + what)
            web += nodes.list_item("", link)
            shown = f"{base}{FOLDER}/{name}" if base else name
            paper += nodes.list_item("", nodes.paragraph("", field.format(name=shown) + what))
        on_web += web
        on_paper += paper
        licence = nodes.paragraph(
            "",
            words["license-line"].format(
                license=meta["license"], url=meta["url"], attribution=meta["attribution"]
            ),
            classes=["data-files-license"],
            translatable=False,  # in the edition's own words (data/labels.yaml), not the PO's
        )
        result: list[nodes.Node] = [on_web, on_paper, licence]
        if base:
            where = words["published-at"].format(url=f"{base}{FOLDER}/")
            result.append(nodes.paragraph("", where, translatable=False))
        for node in result:
            self.set_source_info(node)
        return result


# What each page's data lines publish, noted while the page is read: {file name:
# ["chart", caption, rows] or ["table", title, cells as the page shows them]}.  A page
# is read again when its data changes, so nothing makes a record stale by itself.
PUBLISHED_DATA = PageRecords("data_files_published", is_stale=lambda env, record: False)


def note_published_data(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: the files this page's data lines stand for, and their contents."""
    found: dict[str, list[Any]] = {}
    tables = {table_file(i): t for t in doctree.findall(nodes.table) for i in t["ids"][:1]}
    for line in doctree.findall(data_line):
        if line["chart"]:
            found[line["files"][0]] = ["chart", line["caption"], line["rows"]]
            continue
        for name, title in zip(line["files"], line["titles"], strict=True):
            if name in tables:
                found[name] = ["table", title, table_cells(_as_shown(app, tables[name]))]
    PUBLISHED_DATA.note(app.env, found)


def _as_shown(app: Sphinx, table: nodes.table) -> nodes.table:
    """A copy of the table with the spaces trimmed as the page will show them
    (sphinxcontrib-trimblank trims when the page is written, in the Japanese edition)."""
    if "sphinxcontrib.trimblank" not in app.extensions:
        return table
    from sphinxcontrib.trimblank import trimblank

    holder = new_document("")  # the trimmer visits a document
    holder += table.deepcopy()
    trimblank(app, holder, app.env.docname)
    return holder[0]


def _write(path: Path, text: str) -> None:
    """Write only when the bytes change (a rebuild without changes touches nothing)."""
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_files(app: Sphinx, exception: Exception | None) -> None:
    """build-finished (HTML): every published file, and no CSV the book no longer has."""
    if exception is not None or app.builder.name != "html":
        return
    env, folder = app.env, Path(app.outdir) / FOLDER
    words, meta = edition_labels(env)["data-files"], _meta(env)
    records = fact_records(env)
    document = {
        "title": meta["title"],
        "license": LICENSE_SPDX,
        "license_url": meta["url"],
        "attribution": meta["attribution"],
        "source": meta["source"],
        "schema": SCHEMA_NAME,
        "facts": records,
    }
    files = {
        "facts.json": json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        "facts.csv": facts_csv(records),
    }
    listing = [words["readme-file"].format(name=n, what=words["files"][n]) for n in PUBLISHED]
    published = {name: e for found in PUBLISHED_DATA.of(env).values() for name, e in found.items()}
    # Charts first, then tables, each by file name (as the files were always listed).
    for name, (kind, title, content) in sorted(published.items(), key=lambda i: (i[1][0], i[0])):
        files[name] = csv_text(chart_rows(env, content) if kind == "chart" else content)
        listing.append(words[f"readme-{kind}"].format(name=name, title=title))
    files["README.txt"] = words["readme"].format(files="\n".join(listing), **meta)
    for name, text in files.items():
        _write(folder / name, text)
    _write(folder / SCHEMA_NAME, SCHEMA_PATH.read_text(encoding="utf-8"))
    for old in folder.glob("*.csv"):
        if old.name not in files:
            old.unlink()


def setup(app: Sphinx) -> dict[str, Any]:
    add_node(app, data_line)  # replaced when the page is written
    add_node(app, data_details, html=(visit_details_html, depart_details_html))
    app.add_directive("data-files", DataFilesDirective)
    app.connect("doctree-read", note_published_data)
    PUBLISHED_DATA.connect(app)
    app.connect("doctree-resolved", fill_data_lines)
    app.connect("build-finished", write_files)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
