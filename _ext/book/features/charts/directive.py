"""The ``{chart}`` directive, its node written per output format, the record of which
page shows which chart, and the charts' ``setup``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from book.core import edition_words
from book.core.facts import note_use
from book.core.figure_data import chart_line, source_line
from book.core.node_writers import add_node
from book.core.page_assets import add_assets_where
from book.core.page_records import PageRecords

from .data import ChartData
from .registry import CHARTS
from .render import cached, digest


class chart_node(nodes.General, nodes.Element):
    """Where the drawing goes inside the figure; written per output format."""


class ChartDirective(SphinxDirective):
    """``{chart} name``: a numbered figure drawn from the data."""

    required_arguments = 1
    has_content = False
    option_spec = {
        "caption": directives.unchanged_required,
        "alt": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        chart = CHARTS.get(name)
        if chart is None:
            raise self.error(f"unknown chart '{name}' (known: {', '.join(CHARTS)})")
        data = ChartData(self.env)
        keys = data.keys(chart)
        missing = [k for k in keys if k not in data.facts]
        if missing:
            raise self.error(
                f"chart '{name}' needs the fact(s) {', '.join(missing)} in data/facts.yaml"
            )
        for key in keys:
            note_use(self.env, key)
        key = digest(self.env, name)
        CHART_RECORDS.of(self.env).setdefault(self.env.docname, {})[name] = key

        caption = chart.caption(data)
        text = self.options.get("caption") or caption
        figure = nodes.figure(classes=["chart", f"chart-{name}"])
        figure += chart_node(chart=name, key=key, alt=self.options.get("alt") or chart.alt(data))
        figure += nodes.caption(text, text)
        # A chart of models: the rows' own sources (their words) before the figures'.
        rows = [s for m in data.models for s in m.sources] if chart.from_models else []
        figure += nodes.legend("", source_line(self.env, keys, rows))
        # The chart's numbers: a CSV file and a table on the web, the file's name on
        # paper (_ext/book/outputs/data_files.py, from the rows recorded here).
        figure[-1] += chart_line(name, chart.rows(data), caption)
        self.options.setdefault("name", f"fig-{name}")
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]


def _publish(source: Path, folder: Path, filename: str) -> None:
    """Copy a drawing into the output, removing older drawings of the same chart
    (the EPUB packs every file of its folder, stale ones included)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = filename.rsplit("-", 1)[0]
    for old in folder.glob(f"{stem}-*{source.suffix}"):
        if old.name != filename and re.fullmatch(rf"{re.escape(stem)}-[0-9a-f]+\.\w+", old.name):
            old.unlink()
    shutil.copyfile(source, folder / filename)


def visit_chart_html(self: Any, node: chart_node) -> None:
    name, key = node["chart"], node["key"]
    alt, width = self.attval(node["alt"]), CHARTS[name].max_width
    if self.builder.name == "epub":
        filename = f"chart-{name}-{key}.svg"
        source = cached(self.builder.env, name, key, "svg")
        _publish(source, Path(self.builder.outdir) / self.builder.imagedir, filename)
        self.body.append(
            f'<img src="{self.builder.imgpath}/{filename}" alt="{alt}" '
            f'class="chart-image" style="width: 100%; max-width: {width}"/>'
        )
    else:
        svg = cached(self.builder.env, name, key, "web.svg").read_text(encoding="utf-8")
        # role=img + aria-label: screen readers announce the alt text once instead
        # of reading every tick label.
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{alt}"', 1)
        self.body.append(f'<div class="chart-drawing" style="max-width: {width}">{svg}</div>')
    raise nodes.SkipNode


def visit_chart_latex(self: Any, node: chart_node) -> None:
    name, key = node["chart"], node["key"]
    filename = f"chart-{name}-{key}.pdf"
    _publish(cached(self.builder.env, name, key, "pdf"), Path(self.builder.outdir), filename)
    width = CHARTS[name].paper_width
    self.body.append(f"\n\\sphinxincludegraphics[width={width}]{{{filename}}}\n")
    raise nodes.SkipNode


def visit_chart_text(self: Any, node: chart_node) -> None:
    self.add_text(f"[{node['alt']}]")
    raise nodes.SkipNode


def _drawn_differently(env: BuildEnvironment, charts: dict[str, str]) -> bool:
    """True when a page's charts would now be drawn differently: the chart code or
    the words changed (a change of data/facts.yaml is already a noted dependency)."""
    return {name: digest(env, name) for name in charts if name in CHARTS} != charts


# {docname: {chart name: its hash}}: a page is read again when its charts would be drawn differently.
CHART_RECORDS = PageRecords("charts_used", is_stale=_drawn_differently)


def setup(app: Sphinx) -> dict[str, Any]:
    # after facts has read the data and its words (set up first)
    edition_words.require(app, "charts")
    add_node(
        app,
        chart_node,
        html=(visit_chart_html, None),
        latex=(visit_chart_latex, None),
        text=(visit_chart_text, None),
    )
    app.add_directive("chart", ChartDirective)
    CHART_RECORDS.connect(app)
    # The charts' small stylesheet on the pages that show a chart only.
    add_assets_where(app, chart_node, css=("charts.css",))
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
