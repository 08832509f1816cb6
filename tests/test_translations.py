"""The translations are complete, current, and do not break the pages.

* Every page's catalogue (``locales/<lang>/LC_MESSAGES/<page>.po``) has a translation for
  every message: an empty ``msgstr``, a ``#, fuzzy`` entry (a message that changed since
  it was translated: the build leaves it in Japanese) or an obsolete ``#~`` entry fails,
  naming the file, its line and the message's first words.  Quick: part of ``make check``.
  (The words the extensions write are not messages: ``data/labels.yaml``,
  ``tests/test_edition_words.py``.)
* The catalogues are current: the Japanese pages' messages are extracted again (Sphinx's
  gettext builder, once per run) and each must be in its page's catalogue, and nothing
  else.  A page edited without ``make update-po`` fails here, naming the file and the
  message.  Builds the messages: ``slow`` (``make test``).
* A translation that breaks the page's markup fails the strict English build at its PO
  file's line (``_ext/book/outputs/checks/translation_checks.py``), proved on a tiny project.  ``slow``.
* The English pages show no Japanese, except what ``tests/english_japanese_allowed.txt``
  allows (names quoted with their Japanese form, the language switcher's 日本語).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from anchors import english_html_dir
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from book.core.page_catalogues import compile_catalogue
from bs4 import BeautifulSoup
from conftest import ROOT, SOURCE_DATE_EPOCH, Book
from minibook import STRICT, po_text, sphinx_build_edition, tiny_project

LOCALES = ROOT / "locales"
PAGES = sorted(p.stem for p in (ROOT / "docs").glob("*.md"))
# The translated editions (locales/ja/ holds only the theme's words for the source
# edition: the "sphinx" catalogue).
LANGUAGES = sorted(p.parent.name for p in LOCALES.glob("*/LC_MESSAGES") if p.parent.name != "ja")
SHOWN = 10  # problems listed per file; the rest are counted


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT))


def start(text: str, length: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def load(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


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


def fail(problems: list[str], advice: str) -> None:
    more = len(problems) - SHOWN
    listed = problems[:SHOWN] + ([f"... and {more} more"] if more > 0 else [])
    pytest.fail(f"{advice}:\n" + "\n".join(listed), pytrace=False)


PAGE_CATALOGUES = [(lang, page) for lang in LANGUAGES for page in PAGES]


@pytest.mark.parametrize(
    ("language", "page"), PAGE_CATALOGUES, ids=[f"{lang}/{page}" for lang, page in PAGE_CATALOGUES]
)
def test_page_catalogue_is_fully_translated(language: str, page: str) -> None:
    path = LOCALES / language / "LC_MESSAGES" / f"{page}.po"
    assert path.is_file(), f"{shown(path)} is missing: run `make update-po`"
    problems = unfinished(path)
    if problems:
        fail(
            problems,
            f"{shown(path)} is not finished (translate each message; clear '#, fuzzy' once "
            "the translation matches the Japanese again)",
        )


def test_every_page_catalogue_has_its_page() -> None:
    # A page removed or renamed leaves its catalogue behind ("sphinx" is the theme's
    # words: tests/test_interface_language.py).
    strays = [
        f"{shown(po)}: there is no docs/{po.stem}.md (delete the file, or rename it with the page)"
        for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
        if po.stem not in PAGES and po.stem != "sphinx"
    ]
    assert not strays, "\n".join(strays)


def test_there_is_a_translated_edition() -> None:
    # Without one, the tests above would have nothing to check and pass unseen.
    assert LANGUAGES, f"no locales/<language>/LC_MESSAGES/ folder under {shown(LOCALES)}"


# ---------------------------------------------------------------------------
# The catalogues are current with the Japanese pages
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """{page: its messages}, extracted from the Japanese pages as `make gettext` does."""
    out = tmp_path_factory.mktemp("gettext")
    env = {
        k: v for k, v in os.environ.items() if k not in ("BOOK_LANGUAGE", "READTHEDOCS_LANGUAGE")
    }
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *STRICT, "-q", "-b", "gettext", "-c", str(ROOT),
         "-d", str(out / "doctrees"), str(ROOT / "docs"), str(out / "pot")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**env, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )  # fmt: skip
    assert result.returncode == 0, f"make gettext failed:\n{result.stdout}{result.stderr}"
    return {
        pot.stem: {m.id for m in load(pot) if m.id} for pot in sorted((out / "pot").glob("*.pot"))
    }


@pytest.mark.slow
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


# ---------------------------------------------------------------------------
# A translation that breaks the markup fails the English build at the PO file
# ---------------------------------------------------------------------------

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


def test_a_catalogue_compiles_without_its_fuzzy_entries(tmp_path: Path) -> None:
    """The compiled catalogue gives each translation; a fuzzy one (its Japanese changed
    since) is left out, so the build shows the Japanese until it is translated again."""
    import gettext

    po = tmp_path / "chapter.po"
    po.write_text(
        po_text({"楽天がモデルを公開しました。": "Rakuten released a model."})
        + '\n#, fuzzy\nmsgid "古い文です。"\nmsgstr "An old sentence."\n',
        encoding="utf-8",
    )
    mo = tmp_path / "en" / "LC_MESSAGES" / "chapter.mo"
    assert compile_catalogue(po, mo) == []
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("楽天がモデルを公開しました。") == "Rakuten released a model."
    assert translations.gettext("古い文です。") == "古い文です。"
    assert not list(mo.parent.glob(".*.mo")), "a temporary catalogue was left behind"


def test_a_broken_catalogue_is_named(tmp_path: Path) -> None:
    po = tmp_path / "chapter.po"
    po.write_text('msgid "a"\nbogus\n', encoding="utf-8")
    problems = compile_catalogue(po, tmp_path / "chapter.mo")
    assert problems and str(po) in problems[0], problems
    assert not (tmp_path / "chapter.mo").exists()


@pytest.mark.slow
def test_page_catalogues_are_replaced_whole_and_follow_their_po_files(tmp_path: Path) -> None:
    """A translated build compiles a page's catalogue when it is missing or older than
    its PO file, and replaces the .mo whole (a new file renamed over the old one), so
    a builder running beside it reads the old catalogue or the new one, never half of
    one (_ext/book/core/page_catalogues.py; Sphinx's own compiling rewrites the file in place)."""
    tree = tiny_project(tmp_path / "project", TINY_PAGES, {"chapter": GOOD})
    mo = tree / "locales" / "en" / "LC_MESSAGES" / "chapter.mo"
    code, output = sphinx_build_edition(tree, "en")
    assert code == 0, output
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
    code, output = sphinx_build_edition(tree, "en")
    assert code == 0, output
    assert "Rakuten put out a model" in (tree / "out-en" / "chapter.html").read_text("utf-8")
    assert mo.stat().st_ino != first.st_ino, f"{mo.name} was rewritten in place, not replaced"
    assert not list(mo.parent.glob(".*.mo")), "a temporary catalogue was left behind"


@pytest.mark.slow
def test_a_translation_that_breaks_markup_fails_at_its_po_file(tmp_path: Path) -> None:
    good = tiny_project(tmp_path / "good", TINY_PAGES, {"chapter": GOOD})
    code, output = sphinx_build_edition(good, "en")
    assert code == 0, f"the good translation does not build:\n{output}"
    english = (good / "out-en" / "chapter.html").read_text(encoding="utf-8")
    assert "Rakuten released a model with" in english

    broken_messages = {**GOOD, **{k: v for k, (v, _) in BROKEN.items()}}
    broken = tiny_project(tmp_path / "broken", TINY_PAGES, {"chapter": broken_messages})
    code, output = sphinx_build_edition(broken, "en")
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
    code, output = sphinx_build_edition(broken, "ja")
    assert code == 0, output


# ---------------------------------------------------------------------------
# No Japanese in the English pages, except what the allow-list allows
# ---------------------------------------------------------------------------

ALLOWED = ROOT / "tests" / "english_japanese_allowed.txt"
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")
# Words a reader meets outside the text: <title>, descriptions, alternative texts.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
READ_META = re.compile(r"^(?:description|og:.*|twitter:.*)$")


def allowed() -> list[str]:
    lines = ALLOWED.read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return sorted(words, key=len, reverse=True)  # longest first: 楽天経済圏 before 楽天


def reader_facing_text(html: str) -> list[str]:
    """What a reader of the page reads or hears: text, titles, alternatives, metadata."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    texts = [t for t in soup.stripped_strings]
    for tag in soup.find_all(True):
        texts += [tag[a] for a in READ_ATTRIBUTES if isinstance(tag.get(a), str)]
        if tag.name == "meta" and READ_META.match(tag.get("name", "") or tag.get("property", "")):
            texts.append(tag.get("content", ""))
    return texts


@pytest.fixture(scope="session")
def english(book: Book) -> Path:
    return english_html_dir(book)


def test_english_pages_show_no_japanese_outside_the_allow_list(english: Path) -> None:
    words = allowed()
    found: dict[str, list[str]] = {}
    for path in sorted(english.rglob("*.html")):
        page = str(path.relative_to(english))
        for text in reader_facing_text(path.read_text(encoding="utf-8")):
            rest = text
            for word in words:
                rest = rest.replace(word, " ")
            for match in JAPANESE.finditer(rest):
                context = rest[max(0, match.start() - 15) : match.end() + 15]
                found.setdefault(page, []).append(
                    f"「{match.group(0)}」 in “{' '.join(context.split())}”"
                )
    if found:
        pytest.fail(
            f"Japanese in the English edition (translate it, or allow a quoted name in "
            f"{shown(ALLOWED)}):\n"
            + "\n".join(
                f"{page}: "
                + "; ".join(items[:3])
                + (f" (+{len(items) - 3} more)" if len(items) > 3 else "")
                for page, items in found.items()
            ),
            pytrace=False,
        )


# ---------------------------------------------------------------------------
# The English glossary in English alphabetical order (_ext/book/features/glossary_order.py)
# ---------------------------------------------------------------------------


def _glossary_terms(page: Path) -> list[str]:
    """The first term of each entry (an alias such as "LLM" follows its entry's term)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    firsts = []
    for dt in soup.select("dl.glossary > dt"):
        previous = dt.find_previous_sibling(["dt", "dd"])
        if previous is None or previous.name == "dd":
            firsts.append(" ".join(dt.get_text(" ").replace("¶", "").split()))
    return firsts


def test_the_english_glossary_is_in_alphabetical_order(english: Path, book: Book) -> None:
    terms = _glossary_terms(english / "glossary.html")
    assert len(terms) > 10, terms
    assert terms == sorted(terms, key=str.casefold), (
        "the English glossary should read A to Z (_ext/book/features/glossary_order.py sorts a translated "
        f"glossary): {terms}"
    )
    # The Japanese edition keeps the page's own order (Latin names, then by reading).
    japanese = _glossary_terms(book.html / "glossary.html")
    assert len(japanese) == len(terms)
    assert japanese != sorted(japanese, key=str.casefold) or japanese == terms
