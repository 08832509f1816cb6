"""The table of Japan's own foundation models (``{domestic-models-table}``), from
``models:`` in data/facts.yaml.

A numbered table, one row per entry in the data file's order: model, developer, total
and active parameters, architecture, training (and base), release, weights and licence,
GENIAC round.  Figures are shown as ``{fact}`` shows them and count as used by the page;
the rows' notes and a source line follow.  On the web the table scrolls in its own
focusable box (_static/domestic-models.css, on its page only); on paper it is a
``longtable`` with given column widths."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from book.core import edition_words
from book.core.facts import mark_nodes, note_use, status_mark
from book.core.figure_data import build_table, notes_box, source_line, tables_line
from book.core.models import MODELS_DATA
from book.core.node_writers import add_node
from book.core.page_assets import add_assets_where
from book.core.page_records import PageRecords
from book.data.book_numbers import format_about, format_large
from book.data.facts_file import FactsData, format_value
from book.data.models_file import largest_models


def cell_text(data: FactsData, key: str, labels: dict[str, Any]) -> str:
    """A figure as the table writes it: ``約4600億`` / ``about 460 billion`` (a count of
    parameters, without the unit its column names), ``2024年12月24日`` /
    ``24 December 2024`` (a date, as {fact} writes it)."""
    fact = data.facts[key]
    if fact.unit != "params":
        return format_value(fact, labels)  # with 約 / "about" when the data says so
    text = format_large(float(fact.value), labels)
    return format_about(text, labels) if fact.about else text


class domestic_models_scroll(nodes.General, nodes.Element):
    """The table's own scroll box on the web (``label``: the caption)."""


def _para(*content: nodes.Node | str, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    para.extend(nodes.Text(item) if isinstance(item, str) else item for item in content)
    return para


def _cell(first: nodes.paragraph | str, second: str | None = None) -> nodes.entry:
    """A cell: its text and, when there is one, a second, smaller line (developer,
    base model, licence)."""
    entry = nodes.entry("", first if isinstance(first, nodes.paragraph) else _para(first))
    if second:
        small = nodes.inline("", second, classes=["domestic-small"])
        entry += _para(small, classes=("domestic-sub",))
    return entry


class DomesticModelsTable(SphinxDirective):
    """``{domestic-models-table}``: the numbered table of ``models:``."""

    has_content = False
    option_spec = {"name": directives.unchanged_required}

    # Relative column widths (LaTeX; on the web the content sizes the columns), per
    # edition: each column as wide as its longest unbreakable piece in the table's
    # type (a heading's phrase 「総パラメータ数」, 「確認できず」, a date kept on one
    # line: 「2024年12月24日」, "24 December 2024"; _ext/book/outputs/paper/paper_tables.py).
    COLUMNS = ("model", "params", "active", "architecture", "training", "released")
    COLUMNS += ("openness", "geniac")
    WIDTHS = {
        "ja": (14, 14, 12, 11, 12, 17, 11, 9),
        "en": (16, 12, 9, 10, 13, 16, 14, 10),
    }

    def run(self) -> list[nodes.Node]:
        data = MODELS_DATA.get(self.env)
        if data is None or data.facts is None or not data.rows:
            raise self.error("domestic-models-table: data/facts.yaml has no usable 'models:' rows")
        facts, labels, rows = data.facts, data.labels, data.rows
        words = labels["models"]
        keys = [k for m in rows for k in m.fact_keys()]
        for key in keys:
            note_use(self.env, key)
        RECORDS.note(self.env, CODE_DIGEST)

        def figure(key: str | None) -> nodes.paragraph:
            """A fact as {fact} shows it (value and status mark), 約 when approximate.

            A parameter count without its unit: the column's heading names it, and
            「パラメータ」 in every cell would keep the table from fitting a page."""
            if not key:
                return _para(words["none"])
            fact = facts.facts[key]
            text = nodes.inline(
                "", cell_text(facts, key, labels), classes=["fact", f"fact-{fact.status}"]
            )
            return _para(text, *status_mark(self.env, fact))

        def word(group: str, value: str) -> str:
            return words[group].get(value, value)

        columns = words["columns"]
        head = [_cell(columns["model"], columns["developer"])]
        head += [_cell(columns[c]) for c in self.COLUMNS[1:]]
        body = []
        for model in rows:
            # The mark of a row whose words are only reported, linked to its first source.
            source = model.sources and f"source-{model.sources[0]}"
            mark = mark_nodes(labels, model.status, source) if source else []
            base = model.base and words["base"].format(base=model.base)
            geniac = [words["geniac-round"].format(n=model.geniac), model.geniac_note]
            cells = [
                _cell(_para(model.name, *mark), model.developer),
                _cell(figure(model.params)),
                _cell(figure(model.active)),
                _cell(word("architecture", model.architecture)),
                _cell(word("training", model.training), base),
                _cell(figure(model.released)),
                _cell(word("openness", model.openness), model.licence),
                _cell(*geniac) if model.geniac else _cell(words["none"]),
            ]
            body.append(nodes.row("", *cells, ids=[f"domestic-model-{model.key}"]))
        largest, scratch = largest_models(rows, facts.facts)
        caption = words["caption" if scratch else "caption-largest"].format(
            largest=largest.name,
            training=word("training", largest.training),
            largest_scratch=scratch.name if scratch else "",
        )
        table = build_table(
            ["domestic-models", "longtable", "colwidths-given"],
            self.WIDTHS.get(self.config.language or "ja", self.WIDTHS["en"]),
            [head],
            body,
            caption,  # the finding, named from the rows
            stub=True,  # the model names head their rows
        )
        self.options.setdefault("name", "table-domestic-models")
        self.add_name(table)
        self.set_source_info(table)

        noted = [words["note"].format(name=m.name, note=m.note) for m in rows if m.note]
        notes = notes_box("domestic-models", words["notes-title"], *noted)
        notes += source_line(self.env, keys, [s for m in rows for s in m.sources])
        notes += tables_line(table)  # its CSV file (_ext/book/outputs/data_files.py)
        begin, end = domestic_models_latex(where="begin"), domestic_models_latex(where="end")
        return [begin, table, end, notes]


class domestic_models_latex(nodes.General, nodes.Element):
    """The table's type size on paper (``where``: begin or end); LaTeX only."""


LATEX = {
    # A smaller type (8 pt: eight columns in the A4 text width, none breaking a word or
    # a date), narrower gaps, the smaller second line of a cell, and lines set ragged
    # right: justified, a narrow column stretches "2024 年 12 月" apart.
    "begin": (
        r"\begingroup\footnotesize\setlength{\tabcolsep}{3pt}"
        r"\expandafter\def\csname DUroledomestic-small\endcsname#1{{\scriptsize #1}}"
        r"\let\domesticAtStartPar\sphinxAtStartPar"
        r"\def\sphinxAtStartPar{\rightskip0pt plus 3em\relax"
        r"\spaceskip.33em\relax\domesticAtStartPar}"
    ),
    "end": r"\endgroup",
}


def visit_latex_size(self: Any, node: domestic_models_latex) -> None:
    self.body.append("\n" + LATEX[node["where"]] + "\n")
    raise nodes.SkipNode


class ScrollBox(SphinxPostTransform):
    """Furo wraps every table in ``div.table-wrapper`` (priority 500); this table's
    wrapper becomes a focusable region named by the caption (axe: a scrollable
    region must be reachable by keyboard), with a hint line before it on the web
    site (not in the EPUB, whose pages do not scroll sideways)."""

    default_priority = 502  # after Furo's wrapper and param_memory's id fix (501)
    formats = ("html",)  # the box is written by HTML builders only

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "domestic-models" not in table["classes"]:
                continue
            box = domestic_models_scroll(
                classes=["table-wrapper", "container", "domestic-models-scroll"],
                label=next(table.findall(nodes.title)).astext(),
            )
            wrapper = table.parent
            if isinstance(wrapper, nodes.container) and "table-wrapper" in wrapper["classes"]:
                wrapper.replace_self(box)
            else:
                table.replace_self(box)
            box += table
            if self.app.builder.name == "html":
                hint = MODELS_DATA.get(self.env).labels["models"]["scroll-hint"]
                hint = nodes.paragraph("", hint, classes=["domestic-models-hint"])
                box.parent.insert(box.parent.index(box), hint)


def visit_scroll_html(self: Any, node: domestic_models_scroll) -> None:
    label = self.attval(node["label"])
    classes = " ".join(node["classes"])
    self.body.append(f'<div class="{classes}" tabindex="0" role="region" aria-label="{label}">\n')


def depart_scroll_html(self: Any, node: domestic_models_scroll) -> None:
    self.body.append("</div>\n")


# A page with the table is re-read when this file changes (a change of the data or of
# its words is already a noted dependency, see facts.note_use).
CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# {docname: the digest of the code its table was made with}
RECORDS = PageRecords("domestic_models_docs", is_stale=lambda env, made: made != CODE_DIGEST)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(domestic_models_scroll, html=(visit_scroll_html, depart_scroll_html))
    add_node(app, domestic_models_latex, latex=(visit_latex_size, None))
    edition_words.require(app, "models")  # a word for each of the schema's words
    app.add_directive("domestic-models-table", DomesticModelsTable)
    app.add_post_transform(ScrollBox)
    # Its stylesheet on the pages that show the table only.
    add_assets_where(app, domestic_models_scroll, css=("domestic-models.css",))
    RECORDS.connect(app)
    return {
        "version": "1.0",
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
