"""The theme's words in the edition's language: the project's ``sphinx`` catalogue.

Furo's interface ("Skip to content", "On this page", "Back to top", "Previous",
"Next", the footer's "Copyright" and "Last updated on …") and a few of Sphinx's own
messages ("Link to this heading") are missing from Sphinx's Japanese catalogue, so
the Japanese edition showed them in English.  Sphinx's documented way to supply
them is a ``sphinx`` catalogue in the project's ``locale_dirs``:
``locales/ja/LC_MESSAGES/sphinx.po`` (msgid: the theme's English).

``_ext/book/core/page_catalogues.py`` compiles it with the pages' catalogues when the build
starts; Sphinx has set up its own translator before that (and, with
``gettext_auto_build = False``, never compiles it itself), so this extension adds
the compiled catalogue as a fallback of the builder's translator.  The catalogue
holds only messages Sphinx's own catalogue lacks (a test checks it), so which of
the two is consulted first never changes a word.  Words that Furo writes into the
page without ``_()`` (button labels, icon titles) are passed through the same
catalogue by ``_templates/page.html``.
"""

from __future__ import annotations

import gettext
from typing import Any

from sphinx.application import Sphinx


def add_theme_catalogue(app: Sphinx) -> None:
    """The project's compiled ``sphinx`` catalogue, after Sphinx's own."""
    if app.translator is None or not app.config.language:
        return
    project = gettext.translation(
        "sphinx",
        localedir=app.config.locale_dirs[0],
        languages=[app.config.language],
        fallback=True,
    )
    if type(project) is not gettext.NullTranslations:  # an edition without one
        app.translator.add_fallback(project)


def setup(app: Sphinx) -> dict[str, Any]:
    # the catalogue is compiled at config-inited (page_catalogues), before this runs
    app.connect("builder-inited", add_theme_catalogue)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
