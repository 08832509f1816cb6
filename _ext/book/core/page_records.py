"""What each page was made from, kept on the environment: pages re-read when it changes.

A chart's code, a table's data and language, the commit a citation names: Sphinx
re-reads a page only when its source or a noted file changed, so each such extension
keeps a record per page; this pickles, purges and merges them with the page and returns
the stale pages at ``env-get-outdated``::

    CHART_RECORDS = PageRecords("charts_used", is_stale=lambda env, charts: ...)
    CHART_RECORDS.note(env, record)        # while the page is read
    CHART_RECORDS.connect(app)             # in setup()

``keep_previous=True`` keeps ``previous(env)``: the records as the build found them
(facts.py rewrites the sources page when the pages using a fact changed)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from book.core.build_data import BuildData


class PageRecords:
    """``env.<attribute>``: {docname: record}, kept through purge and merge."""

    def __init__(
        self,
        attribute: str,
        is_stale: Callable[[BuildEnvironment, Any], bool],
        keep_previous: bool = False,
    ) -> None:
        self.attribute, self.is_stale, self.keep_previous = attribute, is_stale, keep_previous
        # The records as this build found them (not pickled: a build's own).
        self._previous = BuildData[dict[str, Any]](
            f"{attribute}_previous",
            loaded_by=f"PageRecords('{attribute}', keep_previous=True), at env-get-outdated",
        )

    def of(self, env: BuildEnvironment) -> dict[str, Any]:
        """The records (created empty on an environment that has none yet)."""
        return vars(env).setdefault(self.attribute, {})

    def previous(self, env: BuildEnvironment) -> dict[str, Any]:
        """The records as they were when this build started (``keep_previous``):
        taken at ``env-get-outdated``, before removed or changed pages are purged."""
        return self._previous.of(env)

    def note(self, env: BuildEnvironment, record: Any) -> None:
        """Record what the page being read is made from."""
        self.of(env)[env.docname] = record

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        theirs = getattr(other, self.attribute, {})
        self.of(env).update((name, theirs[name]) for name in docnames if name in theirs)

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """The pages whose record is stale: Sphinx reads them again."""
        if self.keep_previous:
            self._previous.keep(env, copy.deepcopy(self.of(env)))
        return sorted(
            docname
            for docname, record in self.of(env).items()
            if docname not in removed and self.is_stale(env, record)
        )

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)
        app.connect("env-get-outdated", self.outdated)


def book_order(env: BuildEnvironment) -> list[str]:
    """The pages in the book's order (its toctrees, depth first), the root page last."""
    order: list[str] = []

    def walk(docname: str) -> None:
        for child in env.toctree_includes.get(docname, []):
            if child not in order:
                order.append(child)
                walk(child)

    walk(env.config.root_doc)
    return [*order, env.config.root_doc]
