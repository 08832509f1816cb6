"""The translations are complete, current, and do not break the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from translations_shared import LANGUAGES, LOCALES, PAGES, fail, load, shown, start

pytestmark = pytest.mark.browser


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
