"""The rows of ``models:`` (Japan's foundation models) during a build: built from the
facts when the build starts and kept on the environment (``models_of(env)``) for the
models table and the chart of the same rows."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from book.core.build_data import BuildData
from book.core.facts import facts_data
from book.data.models_file import Model, ModelsData, load_models

MODELS_DATA = BuildData[ModelsData]("domestic_models", loaded_by="models.load, at builder-inited")


def models_of(env: BuildEnvironment) -> list[Model]:
    """The rows of this build."""
    return MODELS_DATA.of(env).rows


def load(app: Sphinx) -> None:
    """Build the rows from the facts (their problems are reported with the data file's)."""
    MODELS_DATA.keep(app.env, load_models(facts_data(app.env), app.config.language))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", load)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
