"""Save conf.py's configuration with the doctrees, so that an unchanged rebuild is quiet.

Sphinx compares the saved configuration with the new one right after ``config-inited``
("The configuration has changed (...)"), but it saves the configuration as it is at the
end of reading, changed by the builder, theme and extensions, so every rebuild reported
three options although nothing had changed:

* ``html_static_path``: sphinx-design appends its output folder when the builder starts;
* ``pygments_dark_style``: Furo registers it when the theme is loaded, after the
  comparison;
* ``html_css_files``: Sphinx's HTML builder writes the default priority (800) into the
  entries.

This saves a copy taken after every other ``config-inited`` handler instead; the build
goes on with the live configuration, and a real change is still reported.
tests/test_hosting.py runs ``make html`` twice and checks the second is quiet."""

from __future__ import annotations

import pickle
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment


def keep_as_read(app: Sphinx, config: Config) -> None:
    # The same round trip Sphinx's own pickling of the environment makes.
    app._settled_config = pickle.loads(pickle.dumps(config, pickle.HIGHEST_PROTOCOL))


def save_as_read(app: Sphinx, env: BuildEnvironment) -> None:
    """Just before the environment is pickled: the configuration as conf.py gave it."""
    env.config = app._settled_config


def resume_live(app: Sphinx, builder: Builder) -> None:
    """Writing uses the live configuration again (the pickle is written by now)."""
    app.env.config = app.config


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", keep_as_read, priority=990)  # after every other handler
    app.connect("env-updated", save_as_read, priority=990)
    app.connect("write-started", resume_live, priority=10)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
