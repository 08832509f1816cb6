"""The web index (``genindex.html``) in reading order, each place named.

Sphinx groups the index by first character and sorts by character code
(``sphinx/environment/adapters/indexentries.py``), with no setting for the order and
no reading for an ``{index}`` entry (sphinx-doc/sphinx#1400, open).  So this rebuilds
the template's ``genindexentries`` at ``html-page-context`` of the index page; it can
go if Sphinx learns to sort by a reading.

* groups: 記号 (symbols and digits), A–Z, then one per kana, as mendex heads the
  PDF's index; entries and sub-entries in reading order (readings.py);
* entries differing only in spacing or character width are one entry;
* an entry's places are named by their sections' titles, in the book's order, instead
  of "[1]", "[2]" (``_templates/genindex.html`` writes them)."""

from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from book.core.facts import edition_labels, punctuation
from book.core.page_records import book_order

from .pages import INDEX_PLACES, READINGS
from .readings import Readings, hiragana, kana_order

Link = tuple[Any, str]  # (main, uri) as Sphinx gives them


def sort_key(name: str, readings: Readings) -> tuple[tuple, str]:
    """(the key an entry sorts by, its group's heading)."""
    text = unicodedata.normalize("NFKC", name).strip()
    first = text[:1]
    if first.isascii() and first.isalpha():
        return (1, first.upper(), text.casefold(), name), first.upper()
    reading = readings.reading(name)
    if reading:
        order = kana_order(reading)
        return (2, order[:1], order, hiragana(reading), name), order[:1]
    symbols = _("Symbols")
    return (0, "", text.casefold(), name), symbols


def _same(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split())


def merged(groups: list[tuple[str, list]]) -> dict[str, list]:
    """{name: [links, {subname: links}]}: Sphinx's entries, near-duplicates merged."""
    entries: dict[str, list] = {}
    for _heading, group in groups:
        for name, (links, subitems, _key) in group:
            entry = entries.setdefault(_same(name), [name, [], {}])
            entry[1].extend(links)
            for subname, sublinks in subitems:
                entry[2].setdefault(_same(subname), [subname, []])[1].extend(sublinks)
    return {entry[0]: [entry[1], dict(entry[2].values())] for entry in entries.values()}


def named_links(links: list[Link], places: dict[str, tuple[tuple, str]]) -> list[tuple]:
    """(main, uri, title) in the book's order; a place given twice is listed once."""
    seen: set[tuple[str, str]] = set()
    named = []
    for main, uri in sorted(links, key=lambda link: places.get(link[1], ((9999,), ""))[0]):
        title = places.get(uri, ((), uri.split("#")[0]))[1]
        page = uri.split("#")[0]
        if (page, title) in seen:
            continue
        seen.add((page, title))
        named.append((main, uri, title))
    return named


def regrouped(
    groups: list[tuple[str, list]], readings: Readings, places: dict[str, tuple[tuple, str]]
) -> list[tuple[str, list]]:
    """The template's ``genindexentries``, grouped and ordered by reading."""
    keyed = []
    for name, (links, subitems) in merged(groups).items():
        key, heading = sort_key(name, readings)
        subs = sorted(subitems.items(), key=lambda item: sort_key(item[0], readings)[0][2:])
        named_subs = [(sub, named_links(sublinks, places)) for sub, sublinks in subs]
        keyed.append((key, heading, (name, (named_links(links, places), named_subs, None))))
    keyed.sort(key=lambda item: item[0])
    return [
        (heading, [entry for _, _, entry in entries])
        for heading, entries in groupby(keyed, key=lambda item: item[1])
    ]


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename != "genindex" or "genindexentries" not in context:
        return
    # {docname: its place in the book}: the root page first, then the tables of
    # contents' order, then any page outside them
    pages = [app.config.root_doc, *book_order(app.env), *sorted(app.env.found_docs)]
    order = {docname: i for i, docname in enumerate(dict.fromkeys(pages))}
    places: dict[str, tuple[tuple, str]] = {}
    for docname, record in INDEX_PLACES.of(app.env).items():
        base = app.builder.get_relative_uri("genindex", docname)
        for anchor, (position, title) in record["places"].items():
            places[f"{base}#{anchor}"] = ((order.get(docname, 9999), position), title)
    groups = regrouped(context["genindexentries"], READINGS.of(app.env), places)
    context["genindexentries"] = groups
    context["genindexcounts"] = [
        sum(1 + len(subitems) for _name, (_links, subitems, _key) in entries)
        for _heading, entries in groups
    ]
    # the edition's punctuation for a list of places (data/labels.yaml)
    context["book_index_words"] = punctuation(edition_labels(app.env))
