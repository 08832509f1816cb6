"""What the book index tests of every tier share (test_book_index*.py)."""

from __future__ import annotations

import unicodedata

import yaml
from conftest import ROOT

READINGS = yaml.safe_load((ROOT / "data" / "index-readings.yaml").read_text(encoding="utf-8"))
SYMBOLS = {"ja": "記号", "en": "Symbols"}
SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ")


def plain_kana(text: str) -> str:
    """Hiragana without voicing marks, small kana as large ones (ガッ → かつ)."""
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    return "".join(
        c for c in unicodedata.normalize("NFD", hira) if c not in "\u3099\u309a"
    ).translate(SMALL)


def expected_place(entry: str, language: str = "ja") -> tuple[tuple, str]:
    """(order within the index, heading) an entry belongs under."""
    first = unicodedata.normalize("NFKC", entry)[:1]
    if first.isascii() and first.isalpha():
        return (1, first.upper(), entry.casefold()), first.upper()
    reading = READINGS.get(entry, entry)
    if "\u3041" <= reading[:1] <= "\u30ff":
        kana = plain_kana(reading)
        return (2, kana[:1], kana.replace("ー", "")), kana[:1]
    return (0, "", entry), SYMBOLS[language]


def heading_order(heading: str) -> tuple:
    return expected_place(heading)[0][:2] if heading not in SYMBOLS.values() else (0, "")


# -- The PDF's index -------------------------------------------------------------------


def assert_reading_order(headings: list[str], entries: list) -> None:
    """Headings in their order, each entry under the kana of its reading, entries and
    sub-entries in reading order (the web index and the PDF's alike)."""
    assert headings == sorted(headings, key=heading_order), headings
    for heading, entry, subs in entries:
        assert expected_place(entry)[1] == heading, (
            f"'{entry}' is under {heading}, its reading puts it under {expected_place(entry)[1]}"
        )
        keys = [expected_place(sub)[0][2] for sub in subs]
        assert keys == sorted(keys), (
            f"the sub-entries of '{entry}' are not in reading order: {subs}"
        )
    for heading in headings:
        names = [entry for h, entry, _ in entries if h == heading]
        keys = [expected_place(name)[0] for name in names]
        assert keys == sorted(keys), f"{heading}: not in reading order: {names}"
