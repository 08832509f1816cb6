"""A word missing from a block of data/labels.yaml fails the build, naming the file
(builds of their own: the slow tier; the quick checks are test_edition_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from minibook import make_project, parallel_builds

pytestmark = pytest.mark.slow
LABELS = ROOT / "data" / "labels.yaml"


def without_line(text: str, block: str, section: str, key: str) -> tuple[str, int, int]:
    """``text`` of data/labels.yaml without ``key`` of ``block``'s ``section``; with the
    line of the section in the result and of the Japanese word's line in it."""
    lines = text.splitlines(keepends=True)
    starts = {name: lines.index(f"{name}:\n") for name in ("ja", "en")}
    start = starts[block]
    end = max((s for s in starts.values() if s > start), default=len(lines))
    in_section = lines.index(f"  {section}:\n", start, end)
    index = next(i for i in range(in_section + 1, end) if lines[i].startswith(f"    {key}:"))
    del lines[index]
    ja_start = lines.index("ja:\n")
    ja_section = lines.index(f"  {section}:\n", ja_start)
    ja_line = next(
        i for i in range(ja_section + 1, len(lines)) if lines[i].startswith(f"    {key}:")
    )
    return "".join(lines), in_section + 1, ja_line + 1


def test_a_missing_word_fails_the_build_naming_data_labels(tmp_path: Path) -> None:
    """A word the English block lacks: the English build stops at data/labels.yaml's
    line (the Japanese word shown meanwhile would be the wrong language).  A word
    the Japanese block lacks too: the build stops naming the file and the word."""
    text = LABELS.read_text(encoding="utf-8")
    en_text, en_section_line, ja_line = without_line(text, "en", "downloads", "pdf")
    ja_text, _line, _ja = without_line(text, "ja", "page-frame", "colophon")

    def trees():
        for name, broken, language in (("en", en_text, "en"), ("ja", ja_text, "ja")):
            tree = make_project(tmp_path / name)
            (tree / "data" / "labels.yaml").write_text(broken, encoding="utf-8")
            yield tree, {"BOOK_LANGUAGE": language}

    (en_code, en_output), (ja_code, ja_output) = parallel_builds(trees())
    assert en_code != 0, en_output
    assert (
        f"data/labels.yaml:{en_section_line}: WARNING: en: downloads: no word 'pdf' "
        f"(the Japanese one is at line {ja_line})"
    ) in en_output, en_output
    assert ja_code != 0, ja_output
    assert "data/labels.yaml: ja: page-frame: no word 'colophon'" in ja_output, ja_output
