"""The readings of the index entries (``data/index-readings.yaml``) and how they sort.

A Japanese index is ordered by reading (五十音順): 経済産業省 sorts under け.  An entry
with kanji has its reading in the data file (``entry: reading``, hiragana); one in kana
spells its own, one starting with a Latin letter or digit sorts by its letters.

The order is mendex's (its manual, "ABOUT JAPANESE PROCESSING"), so the web index and
the printed one agree: katakana read as hiragana, voiced and small kana as plain kana,
the long-vowel mark as the vowel before it (ワープロ → わあふろ).  An entry's heading is
the first kana of that form.  Without Sphinx: a test or a tool reads them on their own."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from book.data.yamlfile import compose

VOICING_MARKS = {"\u3099", "\u309a"}  # combining dakuten, handakuten (after NFD)
SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
LONG_VOWEL = "ー"
VOWEL_OF = {
    kana: vowel
    for vowel, row in {
        "あ": "あかさたなはまやらわ",
        "い": "いきしちにひみりゐ",
        "う": "うくすつぬふむゆる",
        "え": "えけせてねへめれゑ",
        "お": "おこそとのほもよろを",
    }.items()
    for kana in row
}


def is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u30ff"  # hiragana and katakana, ー included


def is_latin_or_digit(char: str) -> bool:
    char = unicodedata.normalize("NFKC", char)[:1]
    return char.isascii() and char.isalnum()


def needs_reading(text: str) -> bool:
    """An entry needs a reading unless it starts with a Latin letter or a digit, or
    every letter of it is kana or Latin (it spells its reading)."""
    text = unicodedata.normalize("NFKC", text.strip())
    if not text or is_latin_or_digit(text[0]):
        return False
    return any(
        unicodedata.category(c).startswith("L") and not (is_kana(c) or c.isascii()) for c in text
    )


def hiragana(text: str) -> str:
    """Katakana as hiragana (ア → あ; ー and other characters unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def kana_order(reading: str) -> str:
    """The form of a reading that sorts: mendex's (see the module docstring)."""
    plain = "".join(
        c
        for c in unicodedata.normalize("NFD", hiragana(unicodedata.normalize("NFKC", reading)))
        if c not in VOICING_MARKS
    ).translate(SMALL_KANA)
    out: list[str] = []
    for char in plain:
        out.append(VOWEL_OF.get(out[-1], char) if char == LONG_VOWEL and out else char)
    return "".join(out)


@dataclass
class Readings:
    """The data file as read: {entry: reading}, each entry's line, and its mistakes."""

    words: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def reading(self, text: str) -> str | None:
        """How ``text`` is read: its line's reading, or the text itself when it needs
        none and is Japanese (kana); None for Latin, digits and symbols."""
        text = text.strip()
        if text in self.words:
            return self.words[text]
        first = unicodedata.normalize("NFKC", text)[:1]
        return text if first and is_kana(first) and not needs_reading(text) else None


def load_readings(path: Path, rel: str) -> Readings:
    """Read and check the data file; every problem with its line."""
    readings = Readings()
    err = readings.errors.append
    root = compose(path, rel, "the readings", err)
    if root is None:  # reported, or an empty file
        return readings
    if not isinstance(root, yaml.MappingNode):
        err(f"{rel}:1: the readings must be lines 'entry: reading' (e.g. '国産: こくさん')")
        return readings
    for key, value in root.value:
        line = key.start_mark.line + 1
        entry, reading = str(key.value).strip(), str(getattr(value, "value", "")).strip()
        if entry in readings.words:
            err(
                f"{rel}:{line}: '{entry}' has a reading already "
                f"(line {readings.lines[entry]}): keep one line"
            )
            continue
        if any(c.isspace() for c in entry):
            err(
                f"{rel}:{line}: '{entry}' has a space: mendex, the PDF's index program, "
                "cannot look up an entry with spaces; write the entry without them"
            )
            continue
        if not reading or not all(is_kana(c) for c in reading):
            err(
                f"{rel}:{line}: the reading of '{entry}' must be written in kana "
                f"(hiragana, e.g. '{entry}: よみかた'), not '{reading}'"
            )
            continue
        readings.words[entry] = reading
        readings.lines[entry] = line
    return readings
