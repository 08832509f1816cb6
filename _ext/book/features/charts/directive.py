"""The ``{chart}`` directive, its node written per output format, and the record of which
page shows which chart."""

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

from book.core.facts import note_use
from book.core.figure_data import chart_line, source_line
from book.core.page_records import PageRecords

from .data import Chart, ChartData, chart_keys, chart_rows
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
        facts = data.facts
        models = data.models if chart.from_models else None
        missing = [k for k in chart_keys(chart, facts, models) if k not in facts]
        if missing:
            raise self.error(
                f"chart '{name}' needs the fact(s) {', '.join(missing)} in data/facts.yaml"
            )
        for key in chart_keys(chart, facts, models):
            note_use(self.env, key)
        key = digest(self.env, name)
        CHART_RECORDS.of(self.env).setdefault(self.env.docname, {})[name] = key

        caption_text = self.options.get("caption") or chart.caption(data)
        alt = self.options.get("alt") or chart.alt(data)
        figure = nodes.figure(classes=["chart", f"chart-{name}"])
        figure += chart_node(chart=name, key=key, alt=alt)
        figure += nodes.caption(caption_text, caption_text)
        legend = self._source_line(data, chart)
        # The chart's numbers: a CSV file and a table on the web, the file's name on
        # paper (_ext/book/outputs/data_files.py, from the rows recorded here).
        legend += chart_line(name, chart_rows(chart, data), chart.caption(data))
        figure += legend
        self.options.setdefault("name", f"fig-{name}")
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]

    def _source_line(self, data: ChartData, chart: Chart) -> nodes.legend:
        models = data.models if chart.from_models else None
        # A chart of models: the rows' own sources (their words) before the figures'.
        rows = [s for m in models for s in m.sources] if models is not None else []
        return nodes.legend("", source_line(self.env, chart_keys(chart, data.facts, models), rows))


def _publish(source: Path, folder: Path, filename: str) -> Path:
    """Copy a drawing into the output, removing older drawings of the same chart
    (the EPUB packs every file of its folder, stale ones included)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = filename.rsplit("-", 1)[0]
    for old in folder.glob(f"{stem}-*{source.suffix}"):
        if old.name != filename and re.fullmatch(rf"{re.escape(stem)}-[0-9a-f]+\.\w+", old.name):
            old.unlink()
    target = folder / filename
    shutil.copyfile(source, target)
    return target


def visit_chart_html(self: Any, node: chart_node) -> None:
    env = self.builder.env
    name, key = node["chart"], node["key"]
    if self.builder.name == "epub":
        source = cached(env, name, key, "svg")
        target = _publish(
            source, Path(self.builder.outdir) / self.builder.imagedir, f"chart-{name}-{key}.svg"
        )
        alt = self.attval(node["alt"])
        limit = CHARTS[name].max_width
        style = f"width: 100%; max-width: {limit}" if limit else "width: 100%"
        self.body.append(
            f'<img src="{self.builder.imgpath}/{target.name}" alt="{alt}" '
            f'class="chart-image" style="{style}"/>'
        )
    else:
        svg = cached(env, name, key, "web.svg").read_text(encoding="utf-8")
        # role=img + aria-label: screen readers announce the alt text once instead
        # of reading every tick label.
        alt = self.attval(node["alt"])
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{alt}"', 1)
        limit = CHARTS[name].max_width
        style = f' style="max-width: {limit}"' if limit else ""
        self.body.append(f'<div class="chart-drawing"{style}>{svg}</div>')
    raise nodes.SkipNode


def visit_chart_latex(self: Any, node: chart_node) -> None:
    name, key = node["chart"], node["key"]
    source = cached(self.builder.env, name, key, "pdf")
    target = _publish(source, Path(self.builder.outdir), f"chart-{name}-{key}.pdf")
    width = CHARTS[name].paper_width
    self.body.append(f"\n\\sphinxincludegraphics[width={width}]{{{target.name}}}\n")
    raise nodes.SkipNode


def visit_chart_text(self: Any, node: chart_node) -> None:
    self.add_text(f"[{node['alt']}]")
    raise nodes.SkipNode


# Environment bookkeeping: which pages show which chart, with which hash
def _drawn_differently(env: BuildEnvironment, charts: dict[str, str]) -> bool:
    """True when a page's charts would now be drawn differently: the chart code or
    the words changed (a change of data/facts.yaml is already a noted dependency)."""
    return {name: digest(env, name) for name in charts if name in CHARTS} != charts


# {docname: {chart name: its hash}}: a page is read again when its charts would be drawn differently.
CHART_RECORDS = PageRecords("charts_used", is_stale=_drawn_differently)


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    CHART_RECORDS.of(env)
