"""The book's content: pages exist and are linked, every figure comes from the data file,
statuses show in HTML and PDF, glossary terms resolve, and the Japanese prose passes
textlint.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"


# -- (g) The Japanese prose passes textlint --------------------------------------------


def textlint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    if not TEXTLINT.exists():
        pytest.fail("textlint is not installed: run `make node-deps` (npm ci) first", pytrace=False)
    return subprocess.run(
        [str(TEXTLINT), *map(str, args)], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_textlint_passes_on_the_pages() -> None:
    result = textlint("docs")
    assert result.returncode == 0, f"textlint docs:\n{result.stdout}{result.stderr}"
