"""Rebuilds: pages with the explainer's directives are re-read when this package,
the calculator's template, the data or its words change."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment

from book.core.facts import facts_data
from book.core.page_records import PageRecords
from book.data.paths import PROJECT

HERE = Path(__file__).resolve().parent
TEMPLATE = PROJECT / "_templates" / "param-calculator.html"
CODE_DIGEST = hashlib.sha256(
    b"".join(p.read_bytes() for p in [*sorted(HERE.glob("*.py")), TEMPLATE])
).hexdigest()


def _digest(env: BuildEnvironment) -> str:
    """What the tables and the calculator are made of: this code, the data, the language."""
    data = facts_data(env)
    h = hashlib.sha256(CODE_DIGEST.encode())
    h.update(env.config.language.encode())
    h.update(Path(data.path).read_bytes())
    h.update(Path(data.labels_path).read_bytes())
    return h.hexdigest()[:16]


# {docname: the digest its tables were made with}
RECORDS = PageRecords("param_memory_docs", is_stale=lambda env, made: made != _digest(env))


def note_page(env: Any) -> None:
    RECORDS.note(env, _digest(env))
