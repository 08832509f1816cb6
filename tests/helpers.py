"""Small text helpers the test files share (one copy, issue 21)."""

from __future__ import annotations

import re


def squash(text: str) -> str:
    """Text without white space: pdftotext puts spaces between kana and Latin letters,
    and the Japanese edition drops those the source has between the two."""
    return re.sub(r"\s+", "", text)


def spaced(text: str) -> str:
    """Text with each run of white space as one space, trimmed (English text)."""
    return re.sub(r"\s+", " ", text).strip()
