"""The data behind every chart and table (_ext/book/outputs/data_files.py,
data/facts.schema.json).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from minibook import sphinx
from minibook import tree as tree  # the small copy of the book (a fixture)

pytestmark = pytest.mark.slow


def test_a_schema_violation_fails_the_strict_build(tree: Path) -> None:  # noqa: F811
    data = tree / "data" / "facts.yaml"
    text = data.read_text(encoding="utf-8")
    old = "  target-params:\n"
    assert text.count(old) == 1
    text = text.replace(old, old + "    added: later\n")
    data.write_text(text, encoding="utf-8")
    result = sphinx(tree)
    assert result.returncode != 0
    line = text.splitlines().index("    added: later") + 1
    want = f"data/facts.yaml:{line}: WARNING: fact 'target-params' has unknown added 'later'"
    assert want in result.stderr, result.stderr
