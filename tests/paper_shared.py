"""What the paper tests of every tier share (test_paper*.py)."""

from __future__ import annotations

import yaml
from conftest import ROOT

BOOK_WORDS = yaml.safe_load((ROOT / "data" / "book.yaml").read_text(encoding="utf-8"))
