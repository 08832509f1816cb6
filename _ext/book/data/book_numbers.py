"""Numbers, money, units, dates and ratios as each edition writes them: the one formatter.

==========================  =====================  ==============================
value, unit                 Japanese               English
==========================  =====================  ==============================
700000000000 params         7000億パラメータ       700 billion parameters
29000000000 jpy             290億円                ¥29 billion
1 organisations             1機関                  1 organisation
"2025-07-14" day, approx    2025年7月14日ごろ      around 14 July 2025
ratio 15.2                  約15倍                 about 15 times
==========================  =====================  ==============================

Every function takes the edition's block of ``data/labels.yaml`` (``labels``) and reads
the style and words from it (``units``, ``approx-date``, ``ratio``, ``ratio-exact``,
``numbers``), so a caller never names a language; a block without ``numbers`` is
Japanese.  The significant-figure functions (``round_sig`` … ``format_bytes``) are
mirrored by the JavaScript calculator; tests/test_calculator.py checks the parity."""

from __future__ import annotations

import math
from typing import Any

import yaml

from book.data.paths import PROJECT
from book.data.yamlfile import load_plain

# Units whose number is written as it is (a year, a small count): never 億 / billion.
PLAIN_UNITS = frozenset(
    {"year", "fiscal-year", "term", "experts", "flops", "bytes", "gb", "percent", "score", "gpus"}
)
# Units that are a year or a round number: no thousands separator ("2025", not "2,025").
NO_SEPARATOR_UNITS = frozenset({"year", "fiscal-year", "term"})
DATE_UNITS = frozenset({"month", "day"})
# Decimal byte units (1 GB = 10^9 bytes), the same in both editions.
BYTE_UNITS = (("PB", 10**15), ("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3))


def style(labels: dict[str, Any]) -> str:
    """The edition's number style ("ja" or "en") from its labels block."""
    return str((labels.get("numbers") or {}).get("style", "ja"))


def count_words(labels: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    """The edition's words for large counts, largest first: (word, size), the word
    with the space that comes before it ("億" / " billion"), from ``numbers``
    (``count-words`` and ``count-word-space``) of its labels block."""
    numbers = labels.get("numbers") or {}
    space = str(numbers.get("count-word-space") or "")
    pairs = ((space + str(w), int(n)) for w, n in (numbers.get("count-words") or {}).items())
    return tuple(sorted(pairs, key=lambda pair: -pair[1]))


def _count_words_of_the_data() -> dict[str, tuple[tuple[str, int], ...]]:
    """Each style's count words, read once from data/labels.yaml (for code that
    formats without an edition's labels block at hand)."""
    try:
        blocks = load_plain(PROJECT / "data" / "labels.yaml") or {}
    except (OSError, yaml.YAMLError):
        return {}
    return {
        str((block.get("numbers") or {}).get("style", lang)): count_words(block)
        for lang, block in blocks.items()
        if isinstance(block, dict) and count_words(block)
    }


# The count words of each style, largest first: (word, size); words are data.
COUNT_WORDS = _count_words_of_the_data()


# Plain numbers
def plain(number: float) -> str:
    """A number without float noise: 1091.0000000001 -> '1091', 0.30 -> '0.3'."""
    text = f"{round(number, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def group_thousands(text: str) -> str:
    """'2048' -> '2,048', '1234567.5' -> '1,234,567.5' (English separators)."""
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{frac}"


def format_plain(number: float, labels: dict[str, Any], separators: bool = True) -> str:
    """A number as it is: '2048' in Japanese, '2,048' in English."""
    text = plain(number)
    return group_thousands(text) if separators and style(labels) == "en" else text


# Counts and money in the edition's words
def _large(number: float, words: tuple[tuple[str, int], ...], separators: bool) -> str:
    for word, size in words:
        if abs(number) >= size:
            return plain(number / size) + word
    return group_thousands(plain(number)) if separators else plain(number)


def format_large_ja(number: float) -> str:
    """Write a count the Japanese way: 7000億, 14.8兆, 15億, 40."""
    return _large(number, COUNT_WORDS["ja"], separators=False)


def format_large_en(number: float) -> str:
    """Write a count the English way: 700 billion, 14.8 trillion, 1.5 billion, 2,048."""
    return _large(number, COUNT_WORDS["en"], separators=True)


def format_large(number: float, labels: dict[str, Any]) -> str:
    """A count in the edition's words: '7000億' / '700 billion'."""
    return _large(number, count_words(labels), separators=style(labels) == "en")


def apply_unit(labels: dict[str, Any], unit: str, number_text: str) -> str:
    """'7000億' + params -> '7000億パラメータ'; '1' + organisations -> '1 organisation'.

    The unit's template is a string or ``{one:, other:}`` (English); a unit without
    words (reported by the data check) gives the number alone."""
    template = labels["units"].get(unit, "{n}")
    if isinstance(template, dict):
        template = template["one" if number_text == "1" else "other"]
    return str(template).format(n=number_text)


# Dates
def format_date(date: str, labels: dict[str, Any]) -> str:
    """'2025-07' -> '2025年7月' / 'July 2025'; '2024' -> '2024年' / '2024';
    '2025-07-14' -> '2025年7月14日' / '14 July 2025'."""
    parts = str(date).split("-")
    if len(parts) == 1:
        return apply_unit(labels, "year", parts[0])
    y, m, d = (parts + [""])[:3]
    months = (labels.get("numbers") or {}).get("months") or []
    month = months[int(m) - 1] if len(months) >= int(m) else ""
    template = labels["units"]["day" if d else "month"]
    return template.format(y=y, m=int(m), d=int(d) if d else "", month=month)


def format_approx_date(text: str, labels: dict[str, Any]) -> str:
    """A date the sources give only as 'about': '…ごろ' / 'around …'."""
    return labels["approx-date"].format(date=text)


def date_span(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a date may mean: '2025' -> (2025, 1, 1), (2025, 12, 31).

    (The last day of a month is written 31: only the order matters.)"""
    parts = [int(p) for p in str(date).split("-")]
    y, m, d = (parts + [0, 0])[:3]
    return (y, m or 1, d or 1), (y, m or 12, d or 31)


# A value with its unit, a ratio
def format_quantity(
    value: Any,
    unit: str | None,
    labels: dict[str, Any],
    approx: bool = False,
    about: bool = False,
) -> str:
    """A value of the data as a reader sees it, with its unit.

    ``value`` is in base units (700000000000) or a date ("2025-07-14") for the date
    units; ``approx`` adds ごろ / "around" to a date; ``about`` writes 約 / "about"."""
    if unit in DATE_UNITS:
        text = format_date(str(value), labels)
        return format_approx_date(text, labels) if approx else text
    if unit == "mib":  # as the driver prints it, in both editions: 81,559 MiB
        text = apply_unit(labels, unit, f"{int(value):,}")
    elif unit in PLAIN_UNITS:
        number = format_plain(float(value), labels, separators=unit not in NO_SEPARATOR_UNITS)
        text = apply_unit(labels, str(unit), number)
    else:
        text = apply_unit(labels, str(unit), format_large(float(value), labels))
    return format_about(text, labels) if about else text


def format_about(text: str, labels: dict[str, Any]) -> str:
    """'約4600億' / 'about 460 billion': a figure the sources give rounded."""
    return labels["about"].format(n=text)


def format_ratio(a: float, b: float, labels: dict[str, Any]) -> str:
    """A ratio rounded to whole numbers from 10 up, else to one decimal:
    '約12倍' / 'about 12 times'; without 約 / about when it is exact."""
    ratio = a / b
    rounded = round(ratio) if ratio >= 10 else round(ratio, 1)
    exact = math.isclose(ratio, rounded)
    template = labels["ratio-exact" if exact else "ratio"]
    return template.format(n=format_plain(rounded, labels))


# Significant figures (computed values: the parameter calculator)
def pow10(k: int) -> float:
    """10^k for k >= 0, exactly (products of ten are exact up to 10^22)."""
    p = 1.0
    for _ in range(k):
        p *= 10
    return p


def round_sig(x: float, digits: int) -> tuple[int, int]:
    """(n, k) with x ≈ n × 10^k and n of ``digits`` digits, halves rounded up."""
    x = float(x)
    e = 0
    if x >= 1:
        while pow10(e + 1) <= x:
            e += 1
    else:
        while x * pow10(-e) < 1:
            e -= 1
    k = e - digits + 1
    n = math.floor(x / pow10(k) + 0.5) if k >= 0 else math.floor(x * pow10(-k) + 0.5)
    if n >= pow10(digits):  # 9.995 -> 10.0: one digit more, so one place up
        n, k = int(pow10(digits - 1)), k + 1
    return int(n), k


def decimal_text(n: int, k: int) -> str:
    """n × 10^k written out in decimal, without trailing zeros after the point."""
    digits = str(n)
    if k >= 0:
        return digits + "0" * k
    places = -k
    digits = digits.rjust(places + 1, "0")
    whole, frac = digits[:-places], digits[-places:].rstrip("0")
    return whole + ("." + frac if frac else "")


def _size(n: int, k: int) -> int:
    """How many digits the integer part of n × 10^k has (0 when it is < 1)."""
    return max(len(str(n)) + k, 0)


def format_sig(x: float, digits: int) -> str:
    """x rounded to ``digits`` significant figures: 3.2856 -> '3.29' (3 digits)."""
    return decimal_text(*round_sig(x, digits))


def _in_units(x: float, units: Any, digits: int) -> tuple[str, str] | None:
    """x to ``digits`` significant figures in the largest of ``units`` ((name, size),
    largest first) that keeps it >= 1, or in the next one up when it rounds up to that
    one's size (9999.5億 is 1兆, 999.96 GB 1 TB); None below the smallest."""
    for i, (name, scale) in enumerate(units):
        if x >= scale:
            n, k = round_sig(x / scale, digits)
            if i > 0 and _size(n, k) > round(math.log10(units[i - 1][1] / scale)):
                n, k = round_sig(x / units[i - 1][1], digits)
                name = units[i - 1][0]
            return decimal_text(n, k), name
    return None


def format_count_sig(count: float, labels: dict[str, Any], digits: int = 4) -> str:
    """A computed count, ``digits`` significant figures, in the edition's words:
    '7000億' / '700 billion'; 9999.5億 is '1兆' and 999.95 billion '1 trillion'."""
    if scaled := _in_units(count, count_words(labels), digits):
        return "".join(scaled)
    text = format_sig(count, digits)
    return group_thousands(text) if style(labels) == "en" else text


def format_bytes(size: float, labels: dict[str, Any], digits: int = 3) -> str:
    """Bytes in the largest decimal unit that keeps the number >= 1: '1.4 TB'.

    Below 1 kB the number takes the edition's unit word ``units.bytes``."""
    if scaled := _in_units(size, BYTE_UNITS, digits):
        return " ".join(scaled)
    return apply_unit(labels, "bytes", format_sig(size, digits))


def format_integer(n: int) -> str:
    """A whole number with thousands separators (both editions): 12,500."""
    return group_thousands(str(int(n)))
