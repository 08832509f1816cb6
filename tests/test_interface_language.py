"""The page frame speaks the edition's language, and the footer is a colophon.

Furo's words ("Skip to content", "On this page", "Back to top"...) are translated by the
project's ``sphinx`` catalogue (locales/ja/LC_MESSAGES/sphinx.po,
_ext/book/outputs/site/theme_messages.py, _templates/page.html); the footer's colophon
(_ext/book/outputs/site/page_footer.py) is checked in test_edition_words.py.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import sphinx
from babel.messages.pofile import read_po
from book.data.schema import JAPANESE
from bs4 import BeautifulSoup
from conftest import ROOT

CATALOGUE = ROOT / "locales" / "ja" / "LC_MESSAGES" / "sphinx.po"
# Latin words a Japanese page may show outside its text: names, not interface.
NAMES = {"GENIAC", "AI", "Index", "PDF", "EPUB", "Rakuten", "English"}


def project_messages() -> dict[str, str]:
    with CATALOGUE.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_the_catalogue_only_fills_what_sphinx_lacks() -> None:
    """Each message is one Sphinx's own Japanese catalogue does not translate, so
    the order in which the two catalogues are consulted never changes a word."""
    builtin = gettext.translation(
        "sphinx", str(Path(sphinx.__file__).parent / "locale"), languages=["ja"]
    )
    messages = project_messages()
    assert messages, "the catalogue is empty"
    for msgid, msgstr in messages.items():
        assert msgstr and msgstr != msgid, f"{msgid!r}: not translated"
        assert builtin.gettext(msgid) == msgid, f"{msgid!r}: Sphinx already translates it"


def frame_texts(html: str) -> list[str]:
    """What a reader sees or hears of the page frame: text outside the chapter's
    own text, and every aria-label and title (the chapter's ¶ links included)."""
    soup = BeautifulSoup(html, "html.parser")
    labels = [t["aria-label"] for t in soup.find_all(attrs={"aria-label": True})]
    labels += [t["title"] for t in soup.find_all(attrs={"title": True})]
    labels += [t.get_text() for t in soup.find_all("title")]
    for other in soup.select("article, script, style, [lang]:not(html)"):
        other.decompose()
    return labels + [t.strip() for t in soup.body.find_all(string=True) if t.strip()]


def english_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in NAMES]


def test_the_japanese_edition_frame_is_japanese(pages: dict[str, str]) -> None:
    problems = []
    for name, html in pages.items():
        for text in frame_texts(html):
            if english_words(text) and not JAPANESE.search(text):
                problems.append(f"{name}: {text[:60]!r}")
    assert not problems, "English in the Japanese edition's frame:\n" + "\n".join(
        sorted(set(problems))[:30]
    )
