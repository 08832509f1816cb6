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
    edition_anchors,
    english_html_dir,
    page_anchors,
    read_list,
)
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from minibook import parallel_builds, sphinx_build_edition, tiny_project

LIST = ROOT / "tests" / "published_anchors.txt"
LIST_NAME = "tests/published_anchors.txt"


@pytest.fixture(scope="session")
def editions(book: Book) -> dict[str, Path]:
    """The folder of each edition's pages."""
    return {"Japanese": book.html, "English": english_html_dir(book)}


@pytest.fixture(scope="session")
def found(editions: dict[str, Path]) -> dict[str, list[Anchor]]:
    """The anchors of each edition's pages (read once)."""
    return {edition: edition_anchors(folder) for edition, folder in editions.items()}


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


# ---------------------------------------------------------------------------
# On a tiny project: the anchors' rules, and the same anchors in English
# ---------------------------------------------------------------------------

TINY_PAGES = {
    "index.md": "(top)=\n# 試験の本\n\n```{toctree}\nchapter\nglossary\n```\n",
    "chapter.md": (
        "(chapter)=\n# 章の見出し\n\n{term}`パラメータ`と{term}`GENIAC`の話です。\n\n"
        "```{index} パラメータ\n```\n\n"
        "(chapter-more)=\n## 続きの見出し\n\n本文です。\n"
    ),
    "glossary.md": (
        "(glossary)=\n# 用語集\n\n```{glossary}\nGENIAC\n  国の事業です。\n\n"
        ".. anchor: term-parameter\nパラメータ\n  数です。\n```\n"
    ),
}
# The English catalogues of the tiny pages: every heading and term translated.
TINY_PO = {
    "chapter": {
        "章の見出し": "The chapter's heading",
        "{term}`パラメータ`と{term}`GENIAC`の話です。": (
            "About {term}`parameters <パラメータ>` and {term}`GENIAC`."
        ),
        "パラメータ": "parameters",
        "続きの見出し": "More",
        "本文です。": "Text.",
    },
    "glossary": {
        "用語集": "Glossary",
        "国の事業です。": "A programme.",
        "パラメータ": "Parameter",
        "数です。": "Numbers.",
    },
    "index": {"試験の本": "A test book"},
}


@pytest.mark.slow
def test_tiny_book_has_the_same_chosen_anchors_in_english(tmp_path: Path) -> None:
    tree = tiny_project(tmp_path / "tiny", TINY_PAGES, TINY_PO)
    results = {lang: sphinx_build_edition(tree, lang) for lang in ("ja", "en")}
    for lang, (code, output) in results.items():
        assert code == 0, f"{lang}: {output}"
    found = {lang: {a.link for a in edition_anchors(tree / f"out-{lang}")} for lang in ("ja", "en")}
    expected = {
        "chapter.html#chapter",
        "chapter.html#chapter-more",
        "glossary.html#glossary",
        "glossary.html#term-GENIAC",
        "glossary.html#term-parameter",
        "index.html#top",
    }
    assert found["ja"] == expected
    assert found["en"] == expected
    english = (tree / "out-en" / "chapter.html").read_text(encoding="utf-8")
    assert "The chapter’s heading" in english  # (the English edition's quotes are curly)
    assert 'href="glossary.html#term-parameter"' in english
    assert 'href="#chapter-more"' in english  # the heading's ¶ link
    index = (tree / "out-en" / "genindex.html").read_text(encoding="utf-8")
    assert 'href="chapter.html#chapter-more"' in index  # the {index} entry above the heading


GLOSSARY_MISTAKES = {
    # name: (glossary block content, line of the problem in glossary.md, words of the message)
    "no anchor": ("量子化\n  数を丸めます。\n", 5, "glossary term '量子化' needs an ASCII anchor"),
    "not ascii": (
        ".. anchor: term-量子化\n量子化\n  数を丸めます。\n",
        5,
        "glossary anchor 'term-量子化' must be 'term-' and lowercase ASCII words",
    ),
    "twice": (
        ".. anchor: term-quantization\n量子化\n  数を丸めます。\n\n"
        ".. anchor: term-quantization\n蒸留\n  小さくします。\n",
        10,
        "glossary anchor 'term-quantization' is used twice",
    ),
    "no term below": (
        ".. anchor: term-quantization\n\n量子化\n  数を丸めます。\n",
        5,
        "'.. anchor: term-quantization' is not on the line above a term",
    ),
}


@pytest.mark.slow
def test_glossary_anchor_mistakes_fail_at_their_line(tmp_path: Path) -> None:
    trees = []
    for number, (content, _, _) in enumerate(GLOSSARY_MISTAKES.values()):
        pages = dict(TINY_PAGES)
        pages["glossary.md"] = f"(glossary)=\n# 用語集\n\n```{{glossary}}\n{content}```\n"
        trees.append(tiny_project(tmp_path / f"t{number}", pages, {}))
    for (name, (_, line, words)), (code, output) in zip(
        GLOSSARY_MISTAKES.items(), parallel_builds(trees), strict=True
    ):
        assert code != 0, f"{name}: the build passed:\n{output}"
        located = re.search(rf"docs/glossary\.md:{line}: WARNING: (.*)", output)
        assert located, f"{name}: no warning at docs/glossary.md:{line}:\n{output}"
        assert words in located.group(1), f"{name}: {located.group(1)}"


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
