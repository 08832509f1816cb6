"""Published anchors are ASCII, the same in both editions, and never silently disappear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from anchors import edition_anchors
from minibook import make_project, parallel_builds, sphinx_build

pytestmark = pytest.mark.slow


# -- On a tiny project: the anchors' rules, and the same anchors in English ------------

TINY_PAGES = {
    "index.md": "(top)=\n# 試験の本\n\n```{toctree}\nchapter\nglossary\n```\n",
    "chapter.md": (
        "(chapter)=\n# 章の見出し\n\n{term}`パラメータ`と{term}`GENIAC`の話です。\n\n"
        "```{index} パラメータ\n```\n\n"
        "(chapter-more)=\n## 続きの見出し\n\n本文です。\n"
    ),
    "glossary.md": (
        "(glossary)=\n# 用語集\n\n```{glossary}\nGENIAC\n  国の事業です。\n\n"
        ".. anchor: term-parameter\nパラメータ\n  数です。\n```\n"
    ),
}
# The English catalogues of the tiny pages: every heading and term translated.
TINY_PO = {
    "chapter": {
        "章の見出し": "The chapter's heading",
        "{term}`パラメータ`と{term}`GENIAC`の話です。": (
            "About {term}`parameters <パラメータ>` and {term}`GENIAC`."
        ),
        "パラメータ": "parameters",
        "続きの見出し": "More",
        "本文です。": "Text.",
    },
    "glossary": {
        "用語集": "Glossary",
        "国の事業です。": "A programme.",
        "パラメータ": "Parameter",
        "数です。": "Numbers.",
    },
    "index": {"試験の本": "A test book"},
}


def test_tiny_book_has_the_same_chosen_anchors_in_english(tmp_path: Path) -> None:
    tree = make_project(tmp_path / "tiny", TINY_PAGES, TINY_PO)
    for lang in ("ja", "en"):
        code, output = sphinx_build(tree, lang, out=f"out-{lang}")
        assert code == 0, f"{lang}: {output}"
    found = {lang: {a.link for a in edition_anchors(tree / f"out-{lang}")} for lang in ("ja", "en")}
    expected = {
        "chapter.html#chapter",
        "chapter.html#chapter-more",
        "glossary.html#glossary",
        "glossary.html#term-GENIAC",
        "glossary.html#term-parameter",
        "index.html#top",
    }
    assert found["ja"] == expected
    assert found["en"] == expected
    english = (tree / "out-en" / "chapter.html").read_text(encoding="utf-8")
    assert "The chapter’s heading" in english  # (the English edition's quotes are curly)
    assert 'href="glossary.html#term-parameter"' in english
    assert 'href="#chapter-more"' in english  # the heading's ¶ link
    index = (tree / "out-en" / "genindex.html").read_text(encoding="utf-8")
    assert 'href="chapter.html#chapter-more"' in index  # the {index} entry above the heading


GLOSSARY_MISTAKES = {
    # name: (glossary block content, line of the problem in glossary.md, words of the message)
    "no anchor": ("量子化\n  数を丸めます。\n", 5, "glossary term '量子化' needs an ASCII anchor"),
    "not ascii": (
        ".. anchor: term-量子化\n量子化\n  数を丸めます。\n",
        5,
        "glossary anchor 'term-量子化' must be 'term-' and lowercase ASCII words",
    ),
    "twice": (
        ".. anchor: term-quantization\n量子化\n  数を丸めます。\n\n"
        ".. anchor: term-quantization\n蒸留\n  小さくします。\n",
        10,
        "glossary anchor 'term-quantization' is used twice",
    ),
    "no term below": (
        ".. anchor: term-quantization\n\n量子化\n  数を丸めます。\n",
        5,
        "'.. anchor: term-quantization' is not on the line above a term",
    ),
}


def test_glossary_anchor_mistakes_fail_at_their_line(tmp_path: Path) -> None:
    trees = [
        make_project(
            tmp_path / f"t{number}",
            {
                **TINY_PAGES,
                "glossary.md": f"(glossary)=\n# 用語集\n\n```{{glossary}}\n{content}```\n",
            },
            {},
        )
        for number, (content, _, _) in enumerate(GLOSSARY_MISTAKES.values())
    ]
    for (name, (_, line, words)), (code, output) in zip(
        GLOSSARY_MISTAKES.items(), parallel_builds((t, "ja") for t in trees), strict=True
    ):
        assert code != 0, f"{name}: the build passed:\n{output}"
        located = re.search(rf"docs/glossary\.md:{line}: WARNING: (.*)", output)
        assert located, f"{name}: no warning at docs/glossary.md:{line}:\n{output}"
        assert words in located.group(1), f"{name}: {located.group(1)}"
