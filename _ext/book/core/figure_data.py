"""What every chart and generated table puts under itself.

``source_line``: 「出典：」, the main source (the one most of its figures cite) linked
to its row on the sources page, and 「ほか3件」 linked to the list of sources (a full list
was longer than the figure).  ``data_line``: a placeholder for the link to the figure's
data; a chart records its CSV rows in the node, and outputs/data_files.py fills the line
and writes the files without knowing which feature made them.  ``build_table`` and
``notes_box`` build a generated table and its notes; ``table_cells`` are its cells as
the page shows them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx.environment import BuildEnvironment

from book.core.facts import edition_labels, facts_data, label_ref
from book.data.book_numbers import format_date


class data_line(nodes.General, nodes.Element):
    """Where the data's line goes.  ``files``: file names; ``titles``: their tables'
    titles; ``chart``: a chart's name (its table is shown under it), with ``rows``
    ((item, fact key) per figure) and ``caption``.  Filled when writing."""


def table_file(table_id: str) -> str:
    return f"{table_id}.csv"


def chart_line(name: str, rows: list[tuple[str, str]], caption: str) -> data_line:
    """The line under a chart, with the rows its data file lists."""
    return data_line(
        files=[f"chart-{name}.csv"], titles=[""], chart=name, rows=list(rows), caption=caption
    )


def tables_line(*tables: nodes.table) -> data_line:
    """The line under generated tables: each must have an id (its file's name)."""
    ids = [table["ids"][0] for table in tables]
    titles = [
        next((t.astext() for t in table.findall(nodes.title)), table["ids"][0]) for table in tables
    ]
    return data_line(files=list(map(table_file, ids)), titles=titles, chart="", rows=[], caption="")


def source_line(
    env: BuildEnvironment, fact_keys: Iterable[str], source_keys: Iterable[str] = ()
) -> nodes.paragraph:
    """One short line under a figure or table: its main source and 「ほかN件」."""
    data, labels = facts_data(env), edition_labels(env)
    words = labels["charts"]["common"]
    cited = [*source_keys, *(s for k in fact_keys for s in data.facts[k].sources)]
    keys = list(dict.fromkeys(cited))
    main = max(keys, key=cited.count)  # the first of the most cited, in order
    para = nodes.paragraph("", words["source"], classes=["figure-source"])
    source = data.sources[main]
    date = format_date(source.date, labels)
    item = words["source-item"].format(title=source.title, publisher=source.publisher, date=date)
    para += label_ref(f"source-{main}", item)
    if len(keys) > 1:
        more = words["source-more"].format(n=len(keys) - 1)  # " and 6 more" / 「ほか6件」
        # The space before the words stays outside the link: LaTeX drops a link's
        # leading space (the PDF printed "2025)and 6 more"), and a page underlines it.
        words_only = more.lstrip()
        if words_only != more:
            para += nodes.Text(more[: len(more) - len(words_only)])
        para += label_ref("sources-list", words_only)
    return para


# Generated tables: their cells, as the page shows them
def build_table(
    classes: list[str],
    widths: Sequence[int],
    head: list[list[nodes.entry]],
    body: list[list[nodes.entry]] | list[nodes.row],
    title: str = "",
    stub: bool = False,
) -> nodes.table:
    """A generated table: relative column ``widths``, the ``head`` and ``body`` rows
    (each a row or its entries), a ``title`` when it has one; ``stub``: the first
    column heads the rows."""
    out = nodes.table(classes=classes)
    if title:
        caption = nodes.title(title, title)
        # already in the edition's words (data/labels.yaml): not a message of the
        # page's catalogue, where a translation would override the English words
        caption["translatable"] = False
        out += caption
    group = nodes.tgroup(cols=len(widths))
    out += group
    for i, width in enumerate(widths):
        group += nodes.colspec(colwidth=width, **({"stub": 1} if stub and i == 0 else {}))
    for part, rows in ((nodes.thead(), head), (nodes.tbody(), body)):
        for row in rows:
            part += row if isinstance(row, nodes.row) else nodes.row("", *row)
        group += part
    return out


def notes_box(prefix: str, title: str, *items: str | list[nodes.Node]) -> nodes.container:
    """The notes under a table (``<prefix>-notes``): a title and a list readers can
    scan, each item text or nodes; nothing in the box without items."""
    box = nodes.container(classes=[f"{prefix}-notes"])
    if items:
        box += nodes.paragraph("", title, classes=[f"{prefix}-notes-title"])
        bullets = nodes.bullet_list()
        for item in items:
            para = nodes.paragraph("", "", *([nodes.Text(item)] if isinstance(item, str) else item))
            bullets += nodes.list_item("", para)
        box += bullets
    return box


def cell_text(entry: nodes.Element) -> str:
    """A table cell's text: its paragraphs joined with " / ", a superscript as ^n."""
    parts = []
    for block in list(entry.findall(nodes.paragraph)) or [entry]:
        text = "".join(
            f"^{node}" if isinstance(node.parent, nodes.superscript) else str(node)
            for node in block.findall(nodes.Text)
        )
        parts.append(" ".join(text.split()))  # no-break spaces too
    return " / ".join(p for p in parts if p)


def table_cells(table: nodes.table) -> list[list[str]]:
    """The header (one row: the texts of the cells above each column, a spanning
    cell's text over each of its columns) and the body rows."""
    group = next(iter(table.findall(nodes.tgroup)))
    cols = int(group["cols"])

    def grid(rows: list[nodes.row]) -> list[list[str]]:
        out = [[""] * cols for _ in rows]
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            c = 0
            for entry in row.children:
                while (r, c) in taken:
                    c += 1
                text = cell_text(entry)
                for dr in range(entry.get("morerows", 0) + 1):
                    for dc in range(entry.get("morecols", 0) + 1):
                        if r + dr < len(rows) and c + dc < cols:
                            out[r + dr][c + dc] = text
                            taken.add((r + dr, c + dc))
                c += entry.get("morecols", 0) + 1
        return out

    head_rows = [row for head in group.findall(nodes.thead) for row in head.children]
    body_rows = [row for body in group.findall(nodes.tbody) for row in body.children]
    head = grid(head_rows)
    header = [" ".join(dict.fromkeys(h[c] for h in head if h[c])) for c in range(cols)]
    return [header, *grid(body_rows)]
