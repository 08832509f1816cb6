"""Save conf.py's configuration with the doctrees, so that an unchanged rebuild is quiet.

Sphinx saves the configuration with the environment (doctrees) and, on the next
run, compares it with the new one right after conf.py is read and
``config-inited`` has run, to report "The configuration has changed (...)" and to
decide what to re-read.  But what it saves is the configuration as it is at the
end of reading, after the builder, the theme and the extensions have changed it,
so every rebuild of this book reported three options as changed although nothing
had:

* ``html_static_path``: sphinx-design appends its folder in the output
  (``_sphinx_design_static``) when the builder starts;
* ``pygments_dark_style``: Furo registers this option when the theme is loaded,
  which happens after the comparison, so the new configuration lacks it;
* ``html_css_files``: Sphinx's HTML builder writes the default priority (800)
  into the entries' own dicts.

This keeps a copy of the configuration as the comparison will see it (taken
after every other ``config-inited`` handler) and makes it the one saved with the
environment; the running build goes on with the live configuration.  A real
change to conf.py is still reported and still rebuilds what it affects.
tests/test_hosting.py runs ``make html`` twice and checks the second is quiet.
"""

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
