"""The edition's words of ``data/labels.yaml`` for the parts that do not show the data.

``data/labels.yaml`` holds the reader-facing words the code needs, one block per
edition (``ja:``, ``en:``); no such word is written in Python.  The facts load the
file with the data (features/facts.py); a part that only needs a few words (the web
page's frame, the download links, the footer's colophon) reads its section here,
without importing a feature::

    from book.core import labels

    def setup(app):
        labels.require(app, "downloads")     # checked when the build starts

    # at build time (a directive, an event handler):
    words = labels.words(env, "downloads")  # {"title": "Download", ...} in English

The file is read when the build starts (``builder-inited``), for the edition being
built (``config.language``), and kept on the build environment for that build
(core/build_data.py).  Each section a part requires is then compared with the
Japanese block, the source, as the charts' words are (features/charts/words.py): a
word the edition lacks is reported at its place, ``data/labels.yaml:LINE: en:
downloads: no word 'pdf' (the Japanese one is at line …)``, which fails the strict
build, and the Japanese word stands in meanwhile so that the rest of the book still
builds.  A word the Japanese block lacks too fails where it is read, naming the file,
the section and the word.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from book.core.build_data import BuildData

logger = logging.getLogger(__name__)

LABELS = "data/labels.yaml"  # in the project (the configuration's folder), as facts.py reads it
SOURCE_LANGUAGE = "ja"  # the block every other edition is compared with
# libyaml's parser when PyYAML has it, as facts.py reads the same file.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class EditionLabels:
    """The blocks of data/labels.yaml, for the edition ``language``."""

    path: Path
    language: str
    blocks: dict[str, Any]
    # the sections compared with the Japanese block so far (each once a build)
    checked: set[str] = field(default_factory=set)

    @property
    def block(self) -> dict[str, Any]:
        """The edition's block (the Japanese one when the file has none for it: the
        facts report the missing block with the data)."""
        return self.blocks.get(self.language) or self.blocks.get(SOURCE_LANGUAGE) or {}


LABELS_DATA: BuildData[EditionLabels] = BuildData(
    "book_labels", loaded_by="book.core.labels, at builder-inited"
)


class Words(dict):
    """A section's words; a word it lacks is an error naming the file and the key."""

    def __init__(self, found: dict[str, Any], where: str) -> None:
        super().__init__(found)
        self.where = where  # "data/labels.yaml: en: downloads"

    def __missing__(self, key: str) -> Any:
        raise ExtensionError(f"{self.where}: no word '{key}'; add it to every block")


def load(app: Sphinx) -> None:
    """Read the file for this build (every build: an edited word is seen at once)."""
    path = Path(app.confdir) / LABELS
    blocks = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    LABELS_DATA.keep(app.env, EditionLabels(path, app.config.language or SOURCE_LANGUAGE, blocks))


def labels_path(env: BuildEnvironment) -> Path:
    """The file the words are read from (for ``env.note_dependency``)."""
    return LABELS_DATA.of(env).path


def words(env: BuildEnvironment, section: str) -> Words:
    """The words of ``section`` in the edition being built."""
    loaded = LABELS_DATA.of(env)
    found = loaded.block.get(section)
    if not isinstance(found, dict):
        raise ExtensionError(f"{LABELS}: {loaded.language}: no '{section}:' block")
    return Words(found, f"{LABELS}: {loaded.language}: {section}")


# ==============================================================================
# Every edition has every word (compared with the Japanese block)
# ==============================================================================


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if k.value == key), None)


def _key_line(node: yaml.MappingNode, key: str) -> int:
    return next(k.start_mark.line + 1 for k, _ in node.value if k.value == key)


def _compare(
    rel: str,
    language: str,
    path: list[str],
    line: int,
    ja_node: yaml.MappingNode,
    node: yaml.MappingNode,
    ja_words: dict[str, Any],
    edition_words: dict[str, Any],
) -> None:
    for key_node, ja_value in ja_node.value:
        key = key_node.value
        value = _child(node, key)
        if value is None:
            logger.warning(
                f"{rel}:{line}: {language}: {': '.join(path)}: no word "
                f"'{key}' (the Japanese one is at line {key_node.start_mark.line + 1}); "
                f"add its {language} wording under {language}: {': '.join(path)}:",
                type="book",
                subtype="labels",
            )
            edition_words[key] = copy.deepcopy(ja_words[key])
        elif isinstance(ja_value, yaml.MappingNode) and isinstance(value, yaml.MappingNode):
            inner = _key_line(node, key)
            _compare(
                rel,
                language,
                [*path, key],
                inner,
                ja_value,
                value,
                ja_words[key],
                edition_words[key],
            )


def check(app: Sphinx, sections: tuple[str, ...]) -> None:
    """Report (and stand in for) the words of ``sections`` the edition's block lacks."""
    loaded = LABELS_DATA.of(app.env)
    language = loaded.language
    if language == SOURCE_LANGUAGE or language not in loaded.blocks:
        return  # the source edition; a missing block is reported with the data
    if set(sections) <= loaded.checked:
        return
    rel = LABELS
    root = yaml.compose(loaded.path.read_text(encoding="utf-8"), Loader=_LOADER)
    ja_block, block = _child(root, SOURCE_LANGUAGE), _child(root, language)
    ja_words = loaded.blocks[SOURCE_LANGUAGE]
    edition_words = loaded.blocks[language] = loaded.blocks[language] or {}
    for section in sorted(set(sections) - loaded.checked):
        loaded.checked.add(section)
        ja_node, node = _child(ja_block, section), _child(block, section)
        if not isinstance(ja_node, yaml.MappingNode):
            continue  # words() names it where the section is read
        if not isinstance(node, yaml.MappingNode):
            logger.warning(
                f"{rel}:{block.start_mark.line + 1}: {language}: no '{section}:' block; copy "
                f"the one under {SOURCE_LANGUAGE}: (line {_key_line(ja_block, section)}) "
                "and translate it",
                type="book",
                subtype="labels",
            )
            edition_words[section] = copy.deepcopy(ja_words[section])
            continue
        _compare(
            rel,
            language,
            [section],
            _key_line(block, section),
            ja_node,
            node,
            ja_words[section],
            edition_words[section],
        )


def require(app: Sphinx, *sections: str) -> None:
    """In a part's ``setup``: the sections it reads, checked when the build starts
    (after the file is read: this part is set up before the parts that read it)."""
    app.connect("builder-inited", lambda app: check(app, sections))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", load)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
