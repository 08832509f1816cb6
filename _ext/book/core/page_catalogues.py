"""The pages' message catalogues, compiled so that no build reads a half-written one.

Sphinx compiles missing or outdated ``.mo`` files when a build starts
(``gettext_auto_build``), writing each in place (``CatalogInfo.write_mo``); builders
running side by side (``make all``, ``make test``) share the folder, so one could read
a catalogue another is still writing.  ``conf.py`` sets ``gettext_auto_build = False``
and this compiles them at ``config-inited`` with Sphinx's rule (missing or older than
the PO file, fuzzy entries left out), writing a temporary file and renaming it over the
old one.

Upstream: Sphinx writes ``.mo`` files in place (sphinx 8.2.3, ``sphinx/util/i18n.py``);
sphinx#2946 is the open issue about Sphinx processes sharing files.  Remove this
module, and ``gettext_auto_build = False`` in ``conf.py``, once Sphinx writes them
atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from book.data.paths import PROJECT

logger = logging.getLogger(__name__)


def compile_catalogue(po: Path, mo: Path) -> list[str]:
    """Compile ``po`` to ``mo`` (atomically); return problems as 'file: text'."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    rel = po.relative_to(PROJECT) if po.is_relative_to(PROJECT) else po
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


def compile_page_catalogues(app: Sphinx, config: Config) -> None:
    """Every outdated catalogue of the edition's language, each replaced whole."""
    repository = CatalogRepository(
        app.srcdir, config.locale_dirs, config.language, config.source_encoding
    )
    for catalogue in repository.catalogs:
        if catalogue.is_outdated():  # Sphinx's own rule: missing, or older than the PO
            for problem in compile_catalogue(Path(catalogue.po_path), Path(catalogue.mo_path)):
                logger.warning(problem, type="i18n", subtype="not_readable")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", compile_page_catalogues)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
