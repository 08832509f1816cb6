"""Reader-facing words that must stay in Python: the ``book`` message catalogue.

Most words the code shows come from the data (``data/labels.yaml``, one block per
language).  The few that belong to the code itself (a heading an extension adds, a
sentence of a generated block, an ``alt`` text) go through ONE gettext catalogue,
the ``book`` domain, next to the page catalogues::

    locales/en/LC_MESSAGES/book.po     committed; msgid Japanese, msgstr English

The Japanese edition is the source: the msgid *is* the Japanese text, so the
Japanese edition needs no catalogue, and a Japanese string in ``_ext/`` is allowed
only as the argument of ``_()``.

How another extension uses it::

    from book.core.book_messages import _

    def setup(app):
        ...

    # at build time (in a directive, an event handler...), never at import time:
    heading = _("表の注")            # "Table notes" in the English edition

``_`` is ``sphinx.locale.get_translation("book")``: called before the catalogue is
registered it returns a lazy proxy, translated when it is turned into text.  Use
``%``-style or ``str.format`` placeholders in the msgid (``_("{n}件").format(n=3)``)
so that the translation can move them.  Plural forms: ``ngettext("{n}社", "{n}社", n)``
picks the English singular or plural from the catalogue.

When the build starts (``config-inited``), the PO file of the edition's language is
compiled to ``<doctreedir>/book-locales/<lang>/LC_MESSAGES/book.mo`` (the build's own
directory: builds running side by side never write the same file; ``*.mo`` is not
committed) and registered with ``app.add_message_catalog``.  Fuzzy entries are left
out, so an entry whose Japanese changed shows the Japanese until it is re-translated
(and the catalogue tests fail, naming it).

After adding or changing a ``_()`` string::

    .venv/bin/python _ext/book/core/book_messages.py      # (also run by `make update-po`)

extracts every ``_("…")`` / ``ngettext("…", "…", n)`` of ``_ext/*.py`` and merges
them into ``locales/en/LC_MESSAGES/book.po``: new messages untranslated, changed ones
fuzzy, removed ones dropped.  Translate the empty ``msgstr`` and clear ``#, fuzzy``.
"""

from __future__ import annotations

import ast
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util import logging

from book.data.paths import PROJECT

logger = logging.getLogger(__name__)

CATALOGUE = "book"
ROOT = PROJECT
LOCALES = ROOT / "locales"
EXT_DIR = ROOT / "_ext"
# The editions other than the source (Japanese) that have a catalogue.
TRANSLATED = ("en",)

_ = get_translation(CATALOGUE)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` (Japanese has one form: the msgid)."""
    if not locale.is_translator_registered(CATALOGUE):
        return singular if n == 1 else plural
    return locale.get_translator(CATALOGUE).ngettext(singular, plural, n)


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{CATALOGUE}.po"


def compile_catalogue(po: Path, mo: Path) -> list[str]:
    """Compile ``po`` to ``mo`` (atomically); return problems as 'file:LINE: text'."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    rel = po.relative_to(ROOT) if po.is_relative_to(ROOT) else po
    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as exc:
        return [f"{rel}: cannot read the message catalogue: {exc}"]
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=mo.parent, prefix=f".{mo.stem}-", suffix=".mo")
    try:
        with os.fdopen(fd, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
    except BaseException:
        os.unlink(tmp)
        raise
    return []


def register(app: Sphinx, config: Config) -> None:
    """Compile the edition's ``book.po`` into the build's directory and register it."""
    language = config.language or "ja"
    locale_dir = Path(app.doctreedir) / "book-locales"
    po = po_path(language)
    if po.is_file():
        for problem in compile_catalogue(po, locale_dir / language / "LC_MESSAGES" / "book.mo"):
            logger.warning(problem, type="book", subtype="catalogue")
    # sphinx.locale keeps translators per process and init() *adds* to an existing
    # one: without this, an English build followed by a Japanese one in the same
    # process (the tests) would give the Japanese edition English words.
    locale.translators.pop(("general", CATALOGUE), None)
    app.add_message_catalog(CATALOGUE, str(locale_dir))


# ==============================================================================
# Extraction (python _ext/book/core/book_messages.py)
# ==============================================================================


def extract(paths: list[Path]) -> Iterator[tuple[Path, int, str | tuple[str, str]]]:
    """Every ``_("…")`` and ``ngettext("…", "…", n)`` with a literal text."""
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if node.func.id == "_" and args and isinstance(args[0], str):
                yield path, node.lineno, args[0]
            elif (
                node.func.id == "ngettext"
                and len(args) >= 2
                and all(isinstance(a, str) for a in args[:2])
            ):
                yield path, node.lineno, (args[0], args[1])


def update_po(language: str = "en") -> Path:
    """Merge the messages of ``_ext/*.py`` into the language's ``book.po``."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="book", version="1", fuzzy=False)
    for path, line, message in extract(sorted(EXT_DIR.glob("*.py"))):
        template.add(message, locations=[(path.relative_to(ROOT).as_posix(), line)])
    po = po_path(language)
    if po.is_file():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        catalog = Catalog(locale=language, project="book", version="1", fuzzy=False)
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    catalog.obsolete.clear()  # removed messages are dropped, not kept commented out
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        # No "#: file:LINE" comments: a moved line would rewrite the catalogue.
        write_po(handle, catalog, width=0, no_location=True, omit_header=False)
    return po


def setup(app: Sphinx) -> dict[str, Any]:
    # Early (priority 100): other extensions may translate in their own config-inited.
    app.connect("config-inited", register, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    for lang in sys.argv[1:] or TRANSLATED:
        print(f"updated {update_po(lang).relative_to(ROOT)}")
