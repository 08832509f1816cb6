"""Rebuilds: pages with the explainer's directives are re-read when this package,
the calculator's template, the data or its words change."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE.parents[1] / "_templates" / "param-calculator.html"
CODE_DIGEST = hashlib.sha256(
    b"".join(p.read_bytes() for p in [*sorted(HERE.glob("*.py")), TEMPLATE])
).hexdigest()


def _digest(app: Sphinx) -> str:
    """This code, the data and the language: what the tables and the calculator are
    made of."""
    h = hashlib.sha256(CODE_DIGEST.encode())
    h.update(app.config.language.encode())
    h.update(Path(app.facts.path).read_bytes())
    h.update(Path(app.facts.labels_path).read_bytes())
    return h.hexdigest()[:16]


def note_page(env: Any) -> None:
    if not hasattr(env, "param_memory_docs"):
        env.param_memory_docs = {}
    env.param_memory_docs[env.docname] = _digest(env.app)


def purge_doc(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, "param_memory_docs", {}).pop(docname, None)


def merge_info(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    if not hasattr(env, "param_memory_docs"):
        env.param_memory_docs = {}
    for docname in docnames:
        if docname in getattr(other, "param_memory_docs", {}):
            env.param_memory_docs[docname] = other.param_memory_docs[docname]


def outdated(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose tables were made by older code or data."""
    current = _digest(app)
    return [
        doc
        for doc, made in getattr(env, "param_memory_docs", {}).items()
        if doc not in removed and made != current
    ]
