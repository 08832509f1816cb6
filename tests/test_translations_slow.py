"""The translations are complete, current, and do not break the pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, SOURCE_DATE_EPOCH
from helpers import small_book_copy
from minibook import STRICT, make_project, run_sphinx, sphinx_build
from translations_shared import LANGUAGES, LOCALES, PAGES, fail, load, shown, start
from translations_shared import english as english

pytestmark = pytest.mark.slow


# -- Every message of every page's catalogue is translated -----------------------------
# (Not in `make check`, though quick: an edit of a page leaves its new and changed
# messages untranslated until `make update-po` and a translator; tools/check.py.)


def unfinished(path: Path) -> list[str]:
    """The untranslated, fuzzy and obsolete entries of a PO file, located."""
    catalogue = load(path)
    found = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        if message.fuzzy:
            found.append(f"{shown(path)}:{message.lineno}: fuzzy: 「{start(message.id)}」")
        elif not all(message.string if isinstance(message.string, tuple) else [message.string]):
            found.append(f"{shown(path)}:{message.lineno}: untranslated: 「{start(message.id)}」")
    for message in catalogue.obsolete.values():
        found.append(
            f"{shown(path)}:{message.lineno}: obsolete #~ entry (`make update-po` removes it): "
            f"「{start(message.id)}」"
        )
    return found


PAGE_CATALOGUES = [(lang, name) for lang in LANGUAGES for name in PAGES]


# (Its argument is not called page: that is the browser's fixture, and a test using it
# is taken for one that starts Chromium, which belongs in the browser tier.)
@pytest.mark.parametrize(
    ("language", "name"), PAGE_CATALOGUES, ids=[f"{lang}/{name}" for lang, name in PAGE_CATALOGUES]
)
def test_page_catalogue_is_fully_translated(language: str, name: str) -> None:
    path = LOCALES / language / "LC_MESSAGES" / f"{name}.po"
    assert path.is_file(), f"{shown(path)} is missing: run `make update-po`"
    problems = unfinished(path)
    if problems:
        fail(
            problems,
            f"{shown(path)} is not finished (translate each message; clear '#, fuzzy' once "
            "the translation matches the Japanese again)",
        )


# -- The catalogues are current with the Japanese pages --------------------------------


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """{page: its messages}, extracted from the Japanese pages as `make gettext` does."""
    out = tmp_path_factory.mktemp("gettext")
    code, output = run_sphinx(
        [*STRICT, "-q", "-b", "gettext", "-c", str(ROOT), "-d", str(out / "doctrees")]
        + [str(ROOT / "docs"), str(out / "pot")],
        ROOT,
        {"BOOK_LANGUAGE": "", "READTHEDOCS_LANGUAGE": "", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )
    assert code == 0, f"make gettext failed:\n{output}"
    return {
        pot.stem: {m.id for m in load(pot) if m.id} for pot in sorted((out / "pot").glob("*.pot"))
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_match_the_japanese_pages(language: str, extracted: dict[str, set[str]]) -> None:
    problems = []
    for page, messages in extracted.items():
        path = LOCALES / language / "LC_MESSAGES" / f"{page}.po"
        if not path.is_file():
            problems.append(f"{shown(path)} is missing")
            continue
        catalogue = load(path)
        present = {m.id for m in catalogue if m.id}
        problems += [
            f"{shown(path)}: not in the catalogue: 「{start(msgid)}」"
            for msgid in sorted(messages - present)
        ]
        problems += [
            f"{shown(path)}:{catalogue[msgid].lineno}: no longer on the page: 「{start(msgid)}」"
            for msgid in sorted(present - messages)
        ]
    if problems:
        fail(
            problems,
            "the catalogues are stale against the Japanese pages: run `make update-po`, then "
            "translate what it adds or marks fuzzy",
        )


def test_the_extensions_words_are_no_messages(tmp_path: Path) -> None:
    """What the book's directives write is in each edition's own words (data/labels.yaml),
    not a message of the page's catalogue, whose translation would never show: every
    message `make gettext` finds in the small book (a page per feature) is text of its
    page (spaces aside: a paragraph's lines are joined)."""
    book = small_book_copy("book", tmp_path / "book")
    code, output = run_sphinx(
        [*STRICT, "-q", "-b", "gettext", "-D", "language=ja", str(book), str(tmp_path / "pot")],
        book,
        {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "GIT_DIR": os.devnull},
    )
    assert code == 0, f"make gettext failed:\n{output}"
    found = [
        (pot.stem, m.id) for pot in sorted((tmp_path / "pot").glob("*.pot")) for m in load(pot)
    ]
    assert any(msgid for _, msgid in found), "no message at all: the check would prove nothing"

    def text(page: str) -> str:
        return re.sub(r"\s", "", (book / f"{page}.md").read_text(encoding="utf-8"))

    stray = [
        f"{page}.md: 「{start(msgid)}」"
        for page, msgid in found
        if msgid and re.sub(r"\s", "", msgid) not in text(page)
    ]
    # (a rubric or title a directive writes: Sphinx gives it its page as source; the
    # directive marks it translatable=False)
    assert not stray, f"messages that are not the pages' text: {stray}"


# -- A translation that breaks the markup fails the English build at the PO file -------

TINY_PAGES = {
    "index.md": "(top)=\n# 試験の本\n\n```{toctree}\nchapter\nglossary\n```\n",
    "chapter.md": (
        "(chapter)=\n# 章\n\n"
        "楽天は {fact}`rakuten-ai-3-params-card` の{term}`パラメータ`を持つモデルを公開しました。\n\n"
        "続きは「{ref}`chapter-more`」にあります。\n\n"
        "(chapter-more)=\n## 続き\n\n"
        "GENIACは {fact}`geniac-start` に始まりました。\n\n"
        "詳しくは[経済産業省の案内](https://www.meti.go.jp/)にあります。\n"
    ),
    "glossary.md": (
        "(glossary)=\n# 用語集\n\n```{glossary}\n.. anchor: term-parameter\nパラメータ\n"
        "  数です。\n```\n"
    ),
}
GOOD = {
    "章": "Chapter",
    "楽天は {fact}`rakuten-ai-3-params-card` の{term}`パラメータ`を持つモデルを公開しました。": (
        "Rakuten released a model with {fact}`rakuten-ai-3-params-card` {term}`parameters <パラメータ>`."
    ),
    "続きは「{ref}`chapter-more`」にあります。": "More in “{ref}`chapter-more`”.",
    "続き": "More",
    "GENIACは {fact}`geniac-start` に始まりました。": "GENIAC began in {fact}`geniac-start`.",
    "詳しくは[経済産業省の案内](https://www.meti.go.jp/)にあります。": (
        "More in [METI's guide](https://www.meti.go.jp/)."
    ),
}
BROKEN = {
    # msgid: (broken translation, words of the warning)
    "楽天は {fact}`rakuten-ai-3-params-card` の{term}`パラメータ`を持つモデルを公開しました。": (
        "Rakuten released a model with {fact}rakuten-ai-3-params-card` {term}`parameters <パラメータ>`.",
        "{fact} has lost its backticks",
    ),
    "続きは「{ref}`chapter-more`」にあります。": (
        "More in “{ref}`chapter-mor`”.",
        "lost {ref}`chapter-more`",
    ),
    "GENIACは {fact}`geniac-start` に始まりました。": (
        "GENIAC began in February 2024.",
        "lost {fact}`geniac-start`",
    ),
    "詳しくは[経済産業省の案内](https://www.meti.go.jp/)にあります。": (
        "More in [METI's guide] (https://www.meti.go.jp/).",
        "does not have the original's Markdown links",
    ),
}


def test_page_catalogues_are_replaced_whole_and_follow_their_po_files(tmp_path: Path) -> None:
    """A translated build compiles a page's catalogue when it is missing or older than
    its PO file, and replaces the .mo whole (a new file renamed over the old one), so
    a builder running beside it reads the old catalogue or the new one, never half of
    one (_ext/book/core/page_catalogues.py; Sphinx's own compiling rewrites the file in place)."""
    tree = make_project(tmp_path / "project", TINY_PAGES, {"chapter": GOOD})
    mo = tree / "locales" / "en" / "LC_MESSAGES" / "chapter.mo"
    code, output = sphinx_build(tree, "en")
    assert code == 0, f"the good translation does not build:\n{output}"
    assert "Rakuten released a model with" in (tree / "out" / "chapter.html").read_text("utf-8")
    first = mo.stat()
    # A translator's edit, saved after the catalogue was compiled.
    po = mo.with_suffix(".po")
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            "Rakuten released a model", "Rakuten put out a model"
        ),
        encoding="utf-8",
    )
    later = first.st_mtime_ns + 1_000_000_000
    os.utime(po, ns=(later, later))
    code, output = sphinx_build(tree, "en")
    assert code == 0, output
    assert "Rakuten put out a model" in (tree / "out" / "chapter.html").read_text("utf-8")
    assert mo.stat().st_ino != first.st_ino, f"{mo.name} was rewritten in place, not replaced"
    assert not list(mo.parent.glob(".*.mo")), "a temporary catalogue was left behind"


def test_a_translation_that_breaks_markup_fails_at_its_po_file(tmp_path: Path) -> None:
    broken_messages = {**GOOD, **{k: v for k, (v, _) in BROKEN.items()}}
    broken = make_project(tmp_path, TINY_PAGES, {"chapter": broken_messages})
    code, output = sphinx_build(broken, "en")
    assert code != 0, f"the broken translation built:\n{output}"
    catalogue = load(broken / "locales" / "en" / "LC_MESSAGES" / "chapter.po")
    for msgid, (_, words) in BROKEN.items():
        line = catalogue[msgid].lineno
        located = [
            w for w in output.splitlines()
            if w.startswith(f"locales/en/LC_MESSAGES/chapter.po:{line}: WARNING:")
        ]  # fmt: skip
        assert located, f"no warning at chapter.po:{line} for 「{start(msgid)}」:\n{output}"
        assert words in located[0], located[0]
        assert "docs/chapter.md:" in located[0], located[0]  # names the page too
    # The Japanese edition does not read the catalogues' mistakes.
    code, output = sphinx_build(broken, "ja", out="out-ja")
    assert code == 0, output
