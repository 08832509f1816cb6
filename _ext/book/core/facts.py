"""The facts during a build: the data file loaded once for the edition being built
(``facts_data(env)``, not pickled: build_data.py), its problems reported at their lines,
the edition's words (``edition_labels(env)``), which page uses which fact (the page
record ``FACTS_USED``; "used on" is it inverted, ``fact_pages``), and the nodes every
feature builds from a fact (its status mark, a link to its row or its sources)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from book.core.build_data import BuildData
from book.core.page_records import PageRecords, book_order
from book.data.facts_file import Fact, FactsData, load_facts

logger = logging.getLogger(__name__)

FACTS_DATA = BuildData[FactsData]("facts_data", loaded_by="facts.load, at builder-inited")


def facts_data(env: BuildEnvironment) -> FactsData:
    """The data file as this build loaded it, in the edition's language."""
    return FACTS_DATA.of(env)


def edition_labels(env: BuildEnvironment) -> dict[str, Any]:
    """The words of the edition being built (its block of data/labels.yaml)."""
    labels = facts_data(env).labels
    return labels.get(env.config.language, labels["ja"])


def punctuation(labels: dict[str, Any]) -> dict[str, str]:
    """The edition's punctuation for lines put together in code (``punctuation`` in
    data/labels.yaml: ``field`` "値：" / "Value: ", ``separator``, ``list``, ``mark`` …)."""
    return labels["punctuation"]


def mark_text(labels: dict[str, Any], status: str, word: str = "mark") -> str:
    """'［報道］' / '[reported]' (``word="word"``: '［報道ベース］' / '[reported]'); ''
    for a confirmed fact's mark."""
    text = labels["statuses"][status][word]
    return punctuation(labels)["mark"].format(mark=text) if text else ""


def mark_nodes(labels: dict[str, Any], status: str, target: str) -> list[nodes.Node]:
    """The visible mark of a reported or unverified claim, linked to ``target`` (a
    fact's row or a source); nothing for a confirmed one.  In English a space comes
    first, outside the link ("700 billion [reported]")."""
    text = mark_text(labels, status)
    if not text:
        return []
    # The classes sit on a wrapper: resolving the reference replaces its inner node.
    mark = nodes.inline(
        "", "", label_ref(target, text), classes=["fact-status", f"fact-status-{status}"]
    )
    space = punctuation(labels)["mark-space"]
    return [nodes.Text(space), mark] if space else [mark]


def status_mark(env: BuildEnvironment, fact: Fact) -> list[nodes.Node]:
    """The mark of a fact, linked to its row on the sources page."""
    return mark_nodes(edition_labels(env), fact.status, f"fact-{fact.key}")


def note_dependencies(env: BuildEnvironment) -> None:
    """Pages that show data are re-read when the data or its words change."""
    data = facts_data(env)
    env.note_dependency(str(data.path))
    env.note_dependency(str(data.labels_path))


def note_use(env: BuildEnvironment, key: str) -> None:
    """The page being read uses the fact ``key`` (its sources page entry lists it)."""
    FACTS_USED.of(env).setdefault(env.docname, set()).add(key)
    note_dependencies(env)


@functools.lru_cache(maxsize=64)
def _source_lines(path: str, mtime: int) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def role_line(role: SphinxRole) -> int:
    """The line of the page where the role itself is written.

    MyST gives a role its paragraph's first line; the role's text, as the page writes
    it ({fact}`key`), is looked up from there (a paragraph from a translation is not
    in the page: its first line)."""
    source, line = role.get_source_info()
    line = line or 0
    first = f"{{{role.name}}}`{role.text}`".splitlines()[0]
    try:
        path = Path(str(source))
        lines = _source_lines(str(path), path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError, ValueError):
        return line
    start = max(line - 1, 0)
    for index in range(start, min(len(lines), start + 500)):
        if first in lines[index]:
            return index + 1
        if index > line - 1 and not lines[index].strip():
            break  # the paragraph ends here
    return line


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
    refs = [
        label_ref(f"source-{key}", data.sources[key].title)
        if key in data.sources
        else nodes.Text(key)  # reported at its line of the data file
        for key in fact.sources
    ]
    return joined(refs, separator)


def joined(parts: Iterable[nodes.Node | list[nodes.Node]], separator: str) -> list[nodes.Node]:
    """``parts`` (each a node or a list of nodes) with the text ``separator`` between them."""
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(separator))
        out.extend(part if isinstance(part, list) else [part])
    return out


def check_data(app: Sphinx) -> None:
    """Report every problem of the data file at its line (fails the strict build)."""
    data = facts_data(app.env)
    problems = list(data.errors)
    if data.labels and (language := app.config.language or "ja") not in data.labels:
        where = f"{data.labels_path.parent.name}/{data.labels_path.name}:1"
        known = ", ".join(data.labels)
        problems.append(f"{where}: no words for the language '{language}' (known: {known})")
    problems += [
        f"conf.py: facts_meta_keys names unknown fact '{key}'"
        for key in app.config.facts_meta_keys
        if key not in data.facts
    ]
    for problem in problems:
        logger.warning(problem, type="facts", subtype="data")


# {docname: the keys of the facts it uses}.  Never stale by itself: a page that uses a
# fact depends on the data file.  The records as the build found them tell whether
# "used on" changed.
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
    root, rel = Path(app.confdir), app.config.facts_file
    data = load_facts(root / rel, root / "data" / "labels.yaml", rel, app.config.language or "ja")
    FACTS_DATA.keep(app.env, data)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("facts_file", "data/facts.yaml", "env", str)
    app.add_config_value("facts_sources_page", "sources", "env", str)
    # Facts about the book itself (when its sources were checked), not about its
    # subject: shown where a page uses them, but left out of the {figures-as-of} line.
    app.add_config_value("facts_meta_keys", ["facts-checked"], "env", list)
    app.connect("builder-inited", load)
    app.connect("builder-inited", check_data)
    FACTS_USED.connect(app)
    # env_version: bump when a change here alters doctrees or what the environment keeps.
    return {
        "version": "1.0",
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
