"""What the parts of the index feature share during a build (see ``__init__``)."""

from __future__ import annotations

from typing import Any

from book.core.build_data import BuildData
from book.core.page_records import PageRecords

from .readings import Readings

# data/index-readings.yaml, loaded at builder-inited (every build).
READINGS = BuildData[Readings]("book_index_readings", loaded_by="book_index, at builder-inited")
# The edition's punctuation for a list of places (data/labels.yaml).
WORDS = BuildData[dict[str, str]]("book_index_words", loaded_by="book_index, at builder-inited")


def _has_missing_readings(env: Any, record: dict[str, Any]) -> bool:
    # A page that lacked a reading is read again until it has one, so that the
    # strict build keeps failing on it (Sphinx would not read an unchanged page).
    return bool(record.get("missing"))


# Per page: {"places": {anchor: (position, section title)}, "missing": [entries]}.
INDEX_PLACES = PageRecords("book_index_places", is_stale=_has_missing_readings)
