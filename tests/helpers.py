"""Small helpers the test files share (one copy, issue 21): text, pages, data."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from book.data.facts_file import FactsData, load_facts
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


# libyaml's loader, as the build's (_ext/book/data/yamlfile.py): the pure-Python one took
# a third of a second for data/facts.yaml, longer than the tests of a page edit.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_yaml(name: str) -> dict:
    """``data/<name>.yaml`` (book, labels, facts...) as plain YAML, not through the
    book's loaders."""
    return yaml.load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"), YAML_LOADER)


# The book's own words (title, author, description...) in each edition.
BOOK_WORDS = data_yaml("book")


def book_facts(language: str = "ja", path: Path = ROOT / "data" / "facts.yaml") -> FactsData:
    """data/facts.yaml (or a copy of it at ``path``) as the build loads it, with the
    words of ``language``."""
    return load_facts(path, ROOT / "data" / "labels.yaml", "data/facts.yaml", language)


# The book's data, with the Japanese words (``FACTS.labels[language]`` for each
# edition's): loaded once for every test file; each edition's in EDITION_FACTS (its
# translated titles and notes).  Read them only: a test that changes the data loads its own.
FACTS = book_facts()
EDITION_FACTS = {"ja": FACTS, "en": book_facts("en")}


def value(key: str) -> float:
    """A fact's value, as a number."""
    return float(FACTS.facts[key].value)


def squash(text: str) -> str:
    """Text without white space: pdftotext puts spaces between kana and Latin letters,
    and the Japanese edition drops those the source has between the two."""
    return re.sub(r"\s+", "", text)


def plain(text: str) -> str:
    """squash, with straight quotes: the English edition's are typographic (smartquotes),
    the data's straight."""
    return squash(text.translate(str.maketrans("’‘“”", "''\"\"")))


def spaced(text: str) -> str:
    """Text with each run of white space as one space, trimmed (English text)."""
    return re.sub(r"\s+", " ", text).strip()


def soup(html: str) -> BeautifulSoup:
    """A page parsed as the tests read it."""
    return BeautifulSoup(html, "html.parser")


def run(*cmd: str | Path) -> subprocess.CompletedProcess[str]:
    """A tool (pdffonts, pdftotext...) that must succeed: its output, or a failure
    with what it printed."""
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{cmd[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result


@functools.cache
def pdf_text(pdf: Path, *options: str) -> str:
    """pdftotext's text of a PDF (with ``options``), read once in a run."""
    return run("pdftotext", *options, pdf, "-").stdout


def facts_from_text(folder: Path, text: str) -> FactsData:
    """``text`` as the data file (written to ``folder/data/facts.yaml``), loaded as the
    build loads it."""
    path = folder / "data" / "facts.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return book_facts(path=path)


def line_of(text: str, needle: str, after: str = "") -> int:
    """The number of the first line of ``text`` that holds ``needle``, at or after the
    first line that holds ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def bookmarks(outline: list) -> list:
    """Every bookmark of a PDF's outline (pypdf's ``reader.outline``), nested ones too,
    in order."""
    found = []
    for item in outline:
        found.extend(bookmarks(item) if isinstance(item, list) else [item])
    return found


# The small books (tests/roots/test-<name>): a conf.py, frozen data and a few pages; the
# words they are built with are the project's own, copied in (tests/test_snapshots_slow.py).
SMALL_BOOKS = ROOT / "tests" / "roots"
WORD_FILES = ("labels.yaml", "book.yaml", "index-readings.yaml")


def small_book_copy(book: str, target: Path) -> Path:
    """A copy of the small book ``book`` in ``target``, with the project's words."""
    shutil.copytree(SMALL_BOOKS / f"test-{book}", target)
    for name in WORD_FILES:
        shutil.copy2(ROOT / "data" / name, target / "data" / name)
    return target
