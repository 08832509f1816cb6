"""The theme's words in the edition's language: the project's ``sphinx`` catalogue.

Furo's interface words and a few of Sphinx's are missing from Sphinx's Japanese
catalogue.  ``locales/ja/LC_MESSAGES/sphinx.po`` holds them; page_catalogues.py compiles
it after Sphinx has set up its translator, so this adds it as a fallback of the
builder's translator.  It holds only messages Sphinx's own catalogue lacks (a test
checks it), so the order of the two never changes a word."""

from __future__ import annotations

import gettext
from typing import Any

from sphinx.application import Sphinx


def add_theme_catalogue(app: Sphinx) -> None:
    """The project's compiled ``sphinx`` catalogue, after Sphinx's own."""
    if app.translator is None or not app.config.language:
        return
    config = app.config
    project = gettext.translation("sphinx", config.locale_dirs[0], [config.language], fallback=True)
    if type(project) is not gettext.NullTranslations:  # an edition without one
        app.translator.add_fallback(project)


def setup(app: Sphinx) -> dict[str, Any]:
    # the catalogue is compiled at config-inited (page_catalogues), before this runs
    app.connect("builder-inited", add_theme_catalogue)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
