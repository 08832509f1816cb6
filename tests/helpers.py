"""Small text helpers the test files share (one copy, issue 21)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup


def squash(text: str) -> str:
    """Text without white space: pdftotext puts spaces between kana and Latin letters,
    and the Japanese edition drops those the source has between the two."""
    return re.sub(r"\s+", "", text)


def spaced(text: str) -> str:
    """Text with each run of white space as one space, trimmed (English text)."""
    return re.sub(r"\s+", " ", text).strip()


def soup(html: str) -> BeautifulSoup:
    """A page parsed as the tests read it."""
    return BeautifulSoup(html, "html.parser")


def run(*cmd: str | Path) -> subprocess.CompletedProcess[str]:
    """A tool (pdffonts, pdftotext...) that must succeed: its output, or a failure
    with what it printed."""
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{cmd[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result
