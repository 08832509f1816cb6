"""Published anchors are ASCII, the same in both editions, and never silently disappear.

``tests/published_anchors.txt`` is the list: every ``page.html#anchor`` of the book.
Both editions must have each one, and every anchor of their pages must be on it, so a
removed or renamed anchor (a heading's label, a glossary term's ``.. anchor:``, a fact)
fails here by name until the list is edited in the same change.  Headings and glossary
terms must have an anchor someone chose (``overview-geniac``, ``term-parameter``), not a
number (``id3``, ``term-6``) or words of one language.  How anchors are given:
``_ext/book/core/stable_anchors.py``; what counts as one: ``tests/anchors.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from anchors import (
    ASCII_ANCHOR,
    NUMBERED,
    Anchor,
    page_anchors,
    read_list,
)
from anchors_shared import editions as editions
from anchors_shared import found as found
from bs4 import BeautifulSoup
from conftest import ROOT

LIST = ROOT / "tests" / "published_anchors.txt"
LIST_NAME = "tests/published_anchors.txt"


def test_every_published_anchor_exists_in_both_editions(found: dict[str, list[Anchor]]) -> None:
    listed = read_list(LIST)
    missing = []
    for edition, anchors in found.items():
        present = {a.link for a in anchors}
        missing += [
            f"{LIST_NAME}:{line}: {link} is gone from the {edition} edition"
            for link, line in listed.items()
            if link not in present
        ]
    if missing:
        pytest.fail(
            "published anchors disappeared (shared links to them now break): give them back, "
            "or delete their lines from the list in the same change if that is meant:\n"
            + "\n".join(missing),
            pytrace=False,
        )


def test_every_anchor_of_the_pages_is_published(found: dict[str, list[Anchor]]) -> None:
    listed = read_list(LIST)
    unlisted: dict[str, list[str]] = {}
    for edition, anchors in found.items():
        for anchor in anchors:
            if anchor.link not in listed:
                unlisted.setdefault(anchor.link, []).append(
                    f"{edition}: {anchor.kind} 「{anchor.text}」"
                )
    if unlisted:
        pytest.fail(
            f"anchors missing from {LIST_NAME}; add these lines (both editions must have "
            "each one):\n\n"
            + "\n".join(unlisted)
            + "\n\nwhere they are:\n"
            + "\n".join(f"{link}: {'; '.join(w)}" for link, w in unlisted.items()),
            pytrace=False,
        )


def test_headings_and_terms_have_chosen_ascii_anchors(found: dict[str, list[Anchor]]) -> None:
    bad = [
        f"{edition} {anchor.page}#{anchor.id}: {anchor.kind} 「{anchor.text}」"
        for edition, anchors in found.items()
        for anchor in anchors
        if not ASCII_ANCHOR.match(anchor.id)
        or (anchor.kind in ("heading", "term") and NUMBERED.match(anchor.id))
    ]
    assert not bad, (
        "anchors that are numbered or not ASCII (give a heading a label on the line above "
        "it, `(page-topic)=`, and a glossary term `.. anchor: term-english-name`):\n"
        + "\n".join(bad)
    )


def test_heading_links_and_contents_use_the_anchors(editions: dict[str, Path]) -> None:
    """The "¶" link of every heading and the page's table of contents name the
    published anchor (docutils would put the id made from the heading's words first)."""
    wrong = []
    for edition, folder in editions.items():
        for path in sorted(folder.glob("*.html")):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            article = soup.find("article")
            if article is None:
                continue
            ids = {a.id for a in page_anchors(path.name, soup)}
            for section in article.find_all("section", id=True):
                link = section.find("a", class_="headerlink")
                if link is not None and link["href"] != f"#{section['id']}":
                    wrong.append(f"{edition} {path.name}: ¶ of #{section['id']} is {link['href']}")
            for link in soup.select(".toc-tree a.reference"):
                fragment = urlsplit(link["href"]).fragment
                if fragment and fragment not in ids:
                    wrong.append(f"{edition} {path.name}: contents link #{fragment}")
    assert not wrong, "\n".join(wrong)


def test_links_within_each_edition_reach_their_anchor(editions: dict[str, Path]) -> None:
    """Every link to ``page.html#anchor`` inside an edition lands on an element (term
    links, fact marks, cross-references, the index page)."""
    broken = []
    for edition, folder in editions.items():
        pages = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
        ids = {name: set(re.findall(r'\sid="([^"]+)"', html)) for name, html in pages.items()}
        for name, html in pages.items():
            for href in set(re.findall(r'<a class="reference internal" href="([^"]+)"', html)):
                target, fragment = urlsplit(href).path or name, unquote(urlsplit(href).fragment)
                if fragment and target in ids and fragment not in ids[target]:
                    broken.append(f"{edition} {name}: {href}")
    assert not broken, "links to anchors that do not exist:\n" + "\n".join(sorted(broken))


def test_the_list_has_no_repeated_or_malformed_lines() -> None:
    text = LIST.read_text(encoding="utf-8").splitlines()
    seen: dict[str, int] = {}
    problems = []
    for number, line in enumerate(text, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not re.fullmatch(r"[a-z0-9-]+\.html#[A-Za-z0-9][A-Za-z0-9._-]*", line):
            problems.append(f"{LIST_NAME}:{number}: not page.html#anchor: {line}")
        if line in seen:
            problems.append(f"{LIST_NAME}:{number}: {line} again (line {seen[line]})")
        seen.setdefault(line, number)
    assert not problems, "\n".join(problems)


LABEL = re.compile(r"^\((?P<label>[^)]*)\)=\s*$")
HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*$")
CHOSEN_LABEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def headings_without_label(path: Path) -> list[str]:
    """Headings of a MyST page not preceded by an ASCII ``(label)=`` (comments and
    blank lines may stand between), located; code blocks are skipped."""
    problems, previous, fence = [], "", None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        opening = re.match(r"^(`{3,}|~{3,})(.*)$", line)
        if fence is not None:
            if line.startswith(fence) and not line[len(fence) :].strip():
                fence = None
            continue
        if opening and not opening.group(2).startswith("{"):
            fence = opening.group(1)  # a code block: its "#" lines are code
            continue
        heading = HEADING.match(line)
        if heading:
            label = LABEL.match(previous)
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            where = f"{shown}:{number}: heading 「{heading['text']}」"
            if not label:
                problems.append(f"{where} has no label on the line above it")
            elif not CHOSEN_LABEL.match(label["label"]):
                problems.append(f"{where}: label '{label['label']}' is not lowercase ASCII words")
        if line.strip() and not line.startswith("%"):
            previous = line
    return problems


def test_every_heading_has_an_ascii_label() -> None:
    """The label is the heading's anchor in both editions (_ext/book/core/stable_anchors.py)."""
    problems = [
        p for page in sorted((ROOT / "docs").glob("*.md")) for p in headings_without_label(page)
    ]
    assert not problems, (
        "headings need a label, `(page-topic)=` on the line above, lowercase ASCII words "
        "joined by hyphens (CONTRIBUTING.md, ラベルの付け方):\n" + "\n".join(problems)
    )


def test_an_unlabelled_heading_is_found(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "(page)=\n# 見出し\n\n```python\n# code, not a heading\n```\n\n"
        "(page-ok)=\n% a comment\n\n## 節\n\n## ラベルのない節\n\n(ページ)=\n## 日本語のラベル\n",
        encoding="utf-8",
    )
    found = headings_without_label(page)
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in found] == ["13", "16"]
