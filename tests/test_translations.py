"""The translations are complete, current, and do not break the pages.

Every page's catalogue (``locales/<lang>/LC_MESSAGES/<page>.po``) translates every
message, is current with its page and compiles without its fuzzy entries; a broken
translation fails the strict build at its line (test_translations_slow.py).  The
English pages show no Japanese but what ``tests/english_japanese_allowed.txt`` allows
(names quoted with their Japanese form, the switcher's 日本語), and the English
glossary reads A to Z.  (The extensions' words: ``data/labels.yaml``,
test_edition_words.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

from book.core.page_catalogues import compile_catalogue
from book.data.schema import JAPANESE
from bs4 import BeautifulSoup
from conftest import ROOT, Book
from minibook import po_text
from translations_shared import LANGUAGES, LOCALES, PAGES, shown
from translations_shared import english as english


def test_every_page_catalogue_has_its_page() -> None:
    """A page removed or renamed leaves its catalogue behind ("sphinx" is the theme's
    words: test_interface_language.py); and there is a translated edition to check."""
    assert LANGUAGES, f"no locales/<language>/LC_MESSAGES/ folder under {shown(LOCALES)}"
    strays = [
        f"{shown(po)}: there is no docs/{po.stem}.md (delete the file, or rename it with the page)"
        for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
        if po.stem not in PAGES and po.stem != "sphinx"
    ]
    assert not strays, "\n".join(strays)


# -- No Japanese in the English pages, except what the allow-list allows ---------------

ALLOWED = ROOT / "tests" / "english_japanese_allowed.txt"
# A run of Japanese (book.data.schema.JAPANESE) or of the CJK punctuation and spaces
# (U+3000-303F: 、。「」) the data's check lets pass: an English page shows neither.
JAPANESE_OR_CJK_PUNCTUATION = re.compile(rf"(?:[\u3000-\u303f]|{JAPANESE.pattern})+")
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


def test_english_pages_show_no_japanese_outside_the_allow_list(english: Path) -> None:
    words = allowed()
    found: dict[str, list[str]] = {}
    for path in sorted(english.rglob("*.html")):
        for text in reader_facing_text(path.read_text(encoding="utf-8")):
            for word in words:
                text = text.replace(word, " ")
            found.setdefault(str(path.relative_to(english)), []).extend(
                f"「{m[0]}」 in “{' '.join(text[max(0, m.start() - 15) : m.end() + 15].split())}”"
                for m in JAPANESE_OR_CJK_PUNCTUATION.finditer(text)
            )
    found = {page: items for page, items in found.items() if items}
    assert not found, (
        f"Japanese in the English edition (translate it, or allow a quoted name in "
        f"{shown(ALLOWED)}):\n"
        + "\n".join(
            f"{page}: {'; '.join(items[:3])} ({len(items)} in all)" for page, items in found.items()
        )
    )


# -- The English glossary in English alphabetical order (features/glossary_order.py) ---


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
