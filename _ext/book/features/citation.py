"""How to cite the book (``{book-citation}``): a suggested citation and a BibTeX entry,
from ``CITATION.cff`` and the edition being built.

The English edition cites the same work: the original author and title, each followed
by the edition's own (conf.py's ``author`` and ``project``) in brackets; its BibTeX
entry gives the edition's, the original as ``origtitle`` (biblatex).

Never the wall clock, so two builds of a commit are byte-identical: the date is
``SOURCE_DATE_EPOCH``, else the last commit's, else none; the commit is ``git
rev-parse --short HEAD`` when there is one; the URL is ``html_baseurl``, else none.

A page using the directive is read again when CITATION.cff or the edition (date,
commit, URL) changes.  A CITATION.cff that is missing or lacks a title or authors fails
the strict build at its line.  Words: ``citation:`` in data/labels.yaml."""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from book.core.build_data import BuildData
from book.core.facts import edition_labels, punctuation
from book.core.page_records import PageRecords
from book.data.book_numbers import format_date
from book.data.yamlfile import compose, item, load_plain

logger = logging.getLogger(__name__)

BIBTEX_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
# biblatex's language names (babel's), by Sphinx language code.
BIBTEX_LANGUAGES = {"ja": "japanese", "en": "english"}


@dataclass(frozen=True)
class Edition:
    """What distinguishes one edition of the book from another."""

    date: str = ""  # YYYY-MM-DD (UTC), or "" when unknown
    commit: str = ""  # short hash, or "" outside git
    url: str = ""  # the site's public address, or "" for a local build


@dataclass
class BookCitation:
    """What this build cites: CITATION.cff's title and authors, the edition being built."""

    path: Path
    edition: Edition
    title: str = ""
    authors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Another edition's own title and author where they are not the original's, and
    # BibTeX's name of its language ("english"); "" in the Japanese edition.
    own_title: str = ""
    own_author: str = ""
    language: str = ""


def _git(root: Path, *args: str) -> str:
    """The output of a git command in ``root``, or "" when it fails (not a checkout,
    no git); never a warning, since the build is strict and git is optional."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def current_edition(root: Path, base_url: str) -> Edition:
    """The date is SOURCE_DATE_EPOCH as YYYY-MM-DD in UTC, else the last commit's, else ""."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or _git(
        root, "log", "-1", "--format=%ct"
    )
    try:
        date = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        date = ""
    return Edition(date, _git(root, "rev-parse", "--short", "HEAD"), base_url or "")


def _names(authors: Any) -> list[str]:
    """CFF authors: an entity has ``name``, a person ``given-names``/``family-names``."""
    names = []
    for author in authors if isinstance(authors, list) else []:
        if not isinstance(author, dict):
            continue
        if author.get("name"):
            names.append(str(author["name"]))
        else:
            # Japanese order: family name first, no space between kanji names.
            parts = [author.get("family-names"), author.get("given-names")]
            names.append(" ".join(str(p) for p in parts if p))
    return [n for n in names if n]


def load_citation(path: Path, rel: str, edition: Edition) -> BookCitation:
    """The title and authors to cite: ``preferred-citation``'s, else the file's own."""
    cited = BookCitation(path, edition)
    errors = cited.errors
    root = compose(path, rel, "", errors.append)
    if errors:
        return cited
    raw = load_plain(path)
    if not isinstance(raw, dict) or not isinstance(root, yaml.MappingNode):
        errors.append(f"{rel}:1: CITATION.cff must be a mapping (cff-version, title, …)")
        return cited
    preferred = raw.get("preferred-citation")
    cite = preferred if isinstance(preferred, dict) else raw
    where = "preferred-citation" if cite is preferred else "title"
    cited.title = str(cite.get("title") or "")
    cited.authors = _names(cite.get("authors"))
    key, _ = item(root, where)
    line = key.start_mark.line + 1 if key else 1
    if not cited.title:
        errors.append(f"{rel}:{line}: the citation needs a 'title'")
    if not cited.authors:
        errors.append(f"{rel}:{line}: the citation needs 'authors' (each with a 'name')")
    return cited


# What readers see
def citation_text(cited: BookCitation, words: dict[str, str], date: str, separator: str) -> str:
    """「著者『書名』2025年12月1日版（コミット 1a2b3c4）、https://…。」 (``date``: the
    edition's date as readers read it, or ""); in another edition the original
    author and title, each with the edition's own after it (``words["translated"]``).
    ``separator`` goes between authors (the edition's ``punctuation.list``)."""
    authors, title = separator.join(cited.authors), cited.title
    if cited.own_author:
        authors += words["translated"].format(text=cited.own_author)
    if cited.own_title:
        title += words["translated"].format(text=cited.own_title)
    text = words["text"].format(authors=authors, title=title)
    edition = cited.edition
    if date:
        text += words["edition"].format(date=date)
    if edition.commit:
        text += words["commit"].format(commit=edition.commit)
    if edition.url:
        text += words["url"].format(url=edition.url)
    return text + words["end"]


def bibtex_entry(cited: BookCitation, key: str) -> str:
    """A BibTeX ``@book`` entry; the author is an entity, so in double braces
    (BibTeX must not split it into first and last names).  Another edition's entry
    has its own title and author, the original title as ``origtitle``."""
    names = [cited.own_author] if cited.own_author else cited.authors
    authors = "{" + " and ".join(f"{{{name}}}" for name in names) + "}"
    date, commit, url = (cited.edition.date, cited.edition.commit, cited.edition.url)
    fields = [  # (name, value), an empty value left out
        ("author", authors),
        ("title", f"{{{cited.own_title or cited.title}}}"),
        ("publisher", authors),
        ("origtitle", cited.own_title and f"{{{cited.title}}}"),
        ("year", date and f"{{{date[:4]}}}"),
        ("month", date and BIBTEX_MONTHS[int(date[5:7]) - 1]),  # the standard macro
        ("date", date and f"{{{date}}}"),  # biblatex
        ("version", commit and f"{{{commit}}}"),
        ("url", url and f"{{{url}}}"),
        ("language", f"{{{cited.language or 'japanese'}}}"),
        ("origlanguage", cited.language and "{japanese}"),
    ]
    fields = [(name, value) for name, value in fields if value]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {value}" for name, value in fields)
    return f"@book{{{key},\n{body},\n}}"


class BookCitationDirective(SphinxDirective):
    """The suggested citation and the BibTeX entry of the edition being built."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        cited = BOOK_CITATION.of(self.env)
        self.env.note_dependency(str(cited.path))
        CITATION_RECORDS.note(self.env, cited.edition)
        # Reported where the citation is shown: a project without it (tests/minibook.py)
        # needs no CITATION.cff.
        for error in cited.errors:
            logger.warning(error, type="citation", subtype="data")
        edition = cited.edition
        labels = edition_labels(self.env)
        words = labels["citation"]
        date = format_date(edition.date, labels) if edition.date else ""
        box = nodes.container(classes=["book-citation"])
        # The edition's own words, no message of the page's catalogue (Sphinx gives a
        # rubric its page as source, so `make gettext` would take it for the page's text).
        box += nodes.rubric("", words["suggested"], translatable=False)
        # In an inline, so that sphinxcontrib-trimblank keeps the title's spaces
        # ("GENIAC — 楽天") and the one before the commit.
        text = citation_text(cited, words, date, punctuation(labels)["list"])
        box += nodes.paragraph("", "", nodes.inline("", text), classes=["book-citation-text"])
        if edition.url:
            box += nodes.paragraph("", words["access-date"], classes=["book-citation-hint"])
        box += nodes.rubric("", words["bibtex"], translatable=False)
        code = bibtex_entry(cited, self.config.citation_bibtex_key)
        # Not coloured: a reader copies the entry, and the colours would cost the
        # sources page Pygments' stylesheet (20 KB of its 200 KB budget).
        block = nodes.literal_block(code, code, language="none", classes=["book-citation-bibtex"])
        self.set_source_info(block)
        box += block
        return [box]


# Build events
# The citation of this build, on the environment (loaded by ``load``).
BOOK_CITATION = BuildData[BookCitation](
    "book_citation", loaded_by="citation.load, at builder-inited"
)


def load(app: Sphinx) -> None:
    root = Path(app.confdir)
    edition = current_edition(root, app.config.html_baseurl)
    rel = app.config.citation_file
    cited = BOOK_CITATION.keep(app.env, load_citation(root / rel, rel, edition))
    language, title, author = app.config.language or "ja", app.config.project, app.config.author
    if language != "ja":
        cited.own_title = title if title and title not in cited.title else ""
        cited.own_author = author if author and author not in cited.authors else ""
        cited.language = BIBTEX_LANGUAGES.get(language, language)


# {docname: the edition its citation names}: a page citing another edition (a new
# commit or date) is read again.
CITATION_RECORDS = PageRecords(
    "book_citation_editions",
    is_stale=lambda env, edition: edition != BOOK_CITATION.of(env).edition,
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("citation_file", "CITATION.cff", "env", str)
    app.add_config_value("citation_bibtex_key", "geniac-rakuten-book", "env", str)
    app.add_directive("book-citation", BookCitationDirective)
    app.connect("builder-inited", load)
    CITATION_RECORDS.connect(app)
    return {
        "version": "1.0",
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
