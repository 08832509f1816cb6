"""What the citation history tests of every tier share (test_citation_history*.py)."""

from __future__ import annotations

import datetime

from book.features import changelog
from conftest import ROOT, SOURCE_DATE_EPOCH

CITATION = ROOT / "CITATION.cff"
CHANGELOG = ROOT / "data" / "changelog.yaml"
# The edition's date of the session's build (conftest sets SOURCE_DATE_EPOCH), in UTC.
EDITION = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=datetime.UTC).date()
EDITION_JA = f"{EDITION.year}年{EDITION.month}月{EDITION.day}日"


# -- The revision history --------------------------------------------------------------


def changelog_entries(language: str = "ja") -> list[changelog.Entry]:
    log = changelog.load_changelog(CHANGELOG, "data/changelog.yaml", language, ("en",))
    assert not log.errors, log.errors
    return log.entries
