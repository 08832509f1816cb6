"""Published anchors are ASCII, the same in both editions, and never silently disappear.

``tests/published_anchors.txt`` lists every ``page.html#anchor`` of the book: both
editions must have each one and no other, so a removed or renamed anchor fails here by
name until the list changes with it.  Headings and glossary terms have chosen anchors
(``overview-geniac``, ``term-parameter``), not numbers (``id3``) or words of one
language.  How they are given: ``_ext/book/core/stable_anchors.py``; what counts as
one: ``tests/anchors.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from anchors import ASCII_ANCHOR, NUMBERED, Anchor, read_list
from anchors_shared import editions as editions
from anchors_shared import found as found
from anchors_shared import parsed as parsed
from bs4 import BeautifulSoup
from conftest import ROOT

LIST = ROOT / "tests" / "published_anchors.txt"
LIST_NAME = "tests/published_anchors.txt"


def test_the_list_is_every_anchor_of_both_editions(found: dict[str, list[Anchor]]) -> None:
    """Each listed anchor is in both editions, and each anchor of the pages is listed."""
    listed = read_list(LIST)
    missing = [
        f"{LIST_NAME}:{line}: {link} is gone from the {edition} edition"
        for edition, anchors in found.items()
        for link, line in listed.items()
        if link not in {a.link for a in anchors}
    ]
    unlisted: dict[str, list[str]] = {}
    for edition, anchors in found.items():
        for a in anchors:
            if a.link not in listed:
                unlisted.setdefault(a.link, []).append(f"{edition}: {a.kind} 「{a.text}」")
    assert not missing, (
        "published anchors disappeared (shared links to them now break): give them back, "
        "or delete their lines from the list in the same change if that is meant:\n"
        + "\n".join(missing)
    )
    assert not unlisted, (
        f"anchors missing from {LIST_NAME}; add these lines (both editions must have each one):\n\n"
        + "\n".join(unlisted)
        + "\n\nwhere they are:\n"
        + "\n".join(f"{link}: {'; '.join(w)}" for link, w in unlisted.items())
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


def test_links_use_the_anchors(
    parsed: dict[str, dict[str, BeautifulSoup]], found: dict[str, list[Anchor]]
) -> None:
    """The "¶" link of every heading and the page's table of contents name the
    published anchor (docutils would put the id made from the heading's words first),
    and every link to ``page.html#anchor`` inside an edition lands on an element (term
    links, fact marks, cross-references, the index page)."""
    wrong = []
    for edition, pages in parsed.items():
        ids = {name: {tag["id"] for tag in page.find_all(id=True)} for name, page in pages.items()}
        published = {anchor.link for anchor in found[edition]}
        for name, page in pages.items():
            for href in {a["href"] for a in page.select("a.reference.internal[href]")}:
                target, fragment = urlsplit(href).path or name, unquote(urlsplit(href).fragment)
                if fragment and target in ids and fragment not in ids[target]:
                    wrong.append(f"{edition} {name}: a link to {href}, which does not exist")
            article = page.find("article")
            if article is None:
                continue
            for section in article.find_all("section", id=True):
                link = section.find("a", class_="headerlink")
                if link is not None and link["href"] != f"#{section['id']}":
                    wrong.append(f"{edition} {name}: ¶ of #{section['id']} is {link['href']}")
            for link in page.select(".toc-tree a.reference"):
                fragment = urlsplit(link["href"]).fragment
                if fragment and f"{name}#{fragment}" not in published:
                    wrong.append(f"{edition} {name}: contents link #{fragment}")
    assert not wrong, "\n".join(sorted(wrong))


def test_the_list_has_no_repeated_or_malformed_lines() -> None:
    listed = read_list(LIST)  # (a repeated line: the last one)
    lines = [line.strip() for line in LIST.read_text(encoding="utf-8").splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
    problems = [
        f"{LIST_NAME}:{listed[link]}: not page.html#anchor: {link}"
        for link in listed
        if not re.fullmatch(r"[a-z0-9-]+\.html#[A-Za-z0-9][A-Za-z0-9._-]*", link)
    ]
    problems += [
        f"{LIST_NAME}:{listed[link]}: {link} again" for link in listed if entries.count(link) > 1
    ]
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
