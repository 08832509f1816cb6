"""The ``book`` message catalogue (_ext/book/core/book_messages.py): the words that stay in
the extensions' Python are all translated for the English edition, and the
catalogue really reaches a build."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from book.core import book_messages
from conftest import ROOT

PO = ROOT / "locales" / "en" / "LC_MESSAGES" / "book.po"


def _catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="en")


def test_extraction_finds_both_kinds_of_call(tmp_path: Path) -> None:
    source = tmp_path / "ext.py"
    source.write_text(
        "from book_messages import _, ngettext\n"
        'a = _("表の注")\n'
        'b = ngettext("{n}社", "{n}社", 3)\n'
        "c = _(variable)\n",
        encoding="utf-8",
    )
    found = [(line, msg) for _path, line, msg in book_messages.extract([source])]
    assert found == [(2, "表の注"), (3, ("{n}社", "{n}社"))]


def test_every_message_of_the_extensions_is_translated() -> None:
    """A _() string added to _ext/ without `make update-po` and a translation fails here."""
    catalogue = _catalogue()
    problems = []
    used = set()
    for path, line, message in book_messages.extract(sorted((ROOT / "_ext").glob("*.py"))):
        msgid = message if isinstance(message, str) else message[0]
        used.add(msgid)
        where = f"{path.relative_to(ROOT)}:{line}"
        entry = catalogue.get(msgid)
        if entry is None:
            problems.append(f"{where}: '{msgid}' is not in {PO.relative_to(ROOT)} (make update-po)")
        elif entry.fuzzy:
            problems.append(f"{PO.relative_to(ROOT)}: '{msgid}' is fuzzy ({where})")
        elif not all(entry.string if isinstance(entry.string, tuple) else [entry.string]):
            problems.append(f"{PO.relative_to(ROOT)}: '{msgid}' is not translated ({where})")
    for entry in catalogue:
        msgid = entry.id if isinstance(entry.id, str) else entry.id[0]
        if msgid and msgid not in used:
            problems.append(
                f"{PO.relative_to(ROOT)}: '{msgid}' is used nowhere in _ext/ (make update-po)"
            )
    assert not problems, "\n".join(problems)


def test_the_catalogue_compiles_and_translates(tmp_path: Path) -> None:
    """The compiled catalogue gives the English words (what the English build shows)."""
    import gettext

    catalogue = _catalogue()
    mo = tmp_path / "en" / "LC_MESSAGES" / "book.mo"
    assert book_messages.compile_catalogue(PO, mo) == []
    translations = gettext.translation("book", localedir=tmp_path, languages=["en"])
    for entry in catalogue:
        if entry.id and isinstance(entry.id, str) and entry.string and not entry.fuzzy:
            assert translations.gettext(entry.id) == entry.string


def test_a_broken_catalogue_is_named(tmp_path: Path) -> None:
    po = tmp_path / "book.po"
    po.write_text('msgid "a"\nbogus\n', encoding="utf-8")
    problems = book_messages.compile_catalogue(po, tmp_path / "book.mo")
    assert problems and str(po) in problems[0], problems
