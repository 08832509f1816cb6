"""Where the project's own files are (``data/``, ``_templates/``, ``locales/``): the
one module that knows how deep this package sits in the project."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
