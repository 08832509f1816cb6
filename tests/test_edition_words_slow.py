"""A word missing from a block of data/labels.yaml fails the build, naming the file
(builds of their own: the slow tier; the quick checks are test_edition_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from minibook import make_project, parallel_builds

pytestmark = pytest.mark.slow
LABELS = ROOT / "data" / "labels.yaml"
# Words the English block lacks (their sections, then the word): the page frame's, a
# chart's, the calculator's and the words of large counts (its own, not translations).
MISSING_EN = [
    ("downloads", "pdf"),
    ("charts", "rakuten-models", "axis"),
    ("calculator", "title"),
    ("numbers", "count-words"),
]


def find(lines: list[str], block: str, *path: str) -> int:
    """The index of the line of ``path`` (sections, then a word) in ``block``."""
    at = lines.index(f"{block}:\n")
    for depth, name in enumerate(path, 1):
        at = next(
            i for i in range(at + 1, len(lines)) if lines[i].startswith(f"{'  ' * depth}{name}:")
        )
    return at


def test_a_missing_word_fails_the_build_naming_data_labels(tmp_path: Path) -> None:
    """A word the English block lacks: the English build stops at data/labels.yaml's
    line of its section, naming the word and where the Japanese one is (which stands
    in meanwhile, so the rest builds: no traceback).  A word the Japanese block lacks
    too: the build stops naming the file and the word."""
    en_lines = LABELS.read_text(encoding="utf-8").splitlines(keepends=True)
    ja_lines = list(en_lines)
    for path in MISSING_EN:
        del en_lines[find(en_lines, "en", *path)]
    del ja_lines[find(ja_lines, "ja", "page-frame", "colophon")]

    def trees():
        for language, lines in (("en", en_lines), ("ja", ja_lines)):
            tree = make_project(tmp_path / language)
            (tree / "data" / "labels.yaml").write_text("".join(lines), encoding="utf-8")
            yield tree, language

    (en_code, en_output), (ja_code, ja_output) = parallel_builds(trees())
    assert en_code != 0, en_output
    for *sections, word in MISSING_EN:
        section, japanese = find(en_lines, "en", *sections), find(en_lines, "ja", *sections, word)
        assert (
            f"data/labels.yaml:{section + 1}: WARNING: en: {': '.join(sections)}: no word "
            f"'{word}' (the Japanese one is at line {japanese + 1})"
        ) in en_output, en_output
    assert "Traceback" not in en_output and "Exception occurred" not in en_output, en_output
    assert (tmp_path / "en" / "out" / "index.html").is_file(), "the rest was not built"
    assert ja_code != 0, ja_output
    assert "data/labels.yaml: ja: page-frame: no word 'colophon'" in ja_output, ja_output
