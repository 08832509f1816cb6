"""The edition's words (``data/labels.yaml``, one block per edition), and the check that
every edition has every word.

No reader-facing word is written in Python.  A part declares the sections it reads::

    def setup(app):
        edition_words.require(app, "downloads")     # checked when the build starts

    words = edition_words.words(env, "downloads")  # at build time

When the build starts each required section is compared with the Japanese one (the
source): a missing word is reported at ``data/labels.yaml:LINE`` (the strict build
fails) and the Japanese word stands in, so the rest of the book still builds.  The
words a reader types into the calculator (``count-words``, ``params-words``) are each
edition's own and not compared."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from book.core.facts import edition_labels, facts_data

logger = logging.getLogger(__name__)

# Each edition's own: the words readers type (7000億 / 700 billion).
OWN_WORDS = frozenset({"count-words", "params-words"})


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
    words: dict[str, Any],
) -> None:
    for key_node, ja_value in ja_node.value:
        key = key_node.value
        if key in OWN_WORDS:
            continue
        value = _child(node, key)
        if value is None:
            logger.warning(
                f"{rel}:{line}: {language}: {': '.join(path)}: no word "
                f"'{key}' (the Japanese one is at line {key_node.start_mark.line + 1}); "
                f"add its {language} wording under {language}: {': '.join(path)}:",
                type="book",
                subtype="words",
            )
            words[key] = copy.deepcopy(ja_words[key])
        elif isinstance(ja_value, yaml.MappingNode) and isinstance(value, yaml.MappingNode):
            inner = _key_line(node, key)
            _compare(rel, language, [*path, key], inner, ja_value, value, ja_words[key], words[key])


def check_words(app: Sphinx, sections: tuple[str, ...]) -> None:
    """Report (and stand in for) the words of ``sections`` the edition's block lacks."""
    language = app.config.language
    data = facts_data(app.env)
    labels = data.labels
    if language == "ja" or language not in labels:
        return  # the source edition; a missing block is reported with the data
    path = Path(data.labels_path)
    rel = (
        path.relative_to(app.confdir).as_posix() if path.is_relative_to(app.confdir) else str(path)
    )
    # The file as the facts were loaded with it (composed once a build, with its lines).
    ja_block, block = _child(data.labels_root, "ja"), _child(data.labels_root, language)
    for section in sections:
        ja_node, node = _child(ja_block, section), _child(block, section)
        if not isinstance(ja_node, yaml.MappingNode):
            continue
        if not isinstance(node, yaml.MappingNode):
            logger.warning(
                f"{rel}:{block.start_mark.line + 1}: {language}: no '{section}:' block; copy "
                f"the one under ja: (line {_key_line(ja_block, section)}) and translate it",
                type="book",
                subtype="words",
            )
            labels[language][section] = copy.deepcopy(labels["ja"][section])
            continue
        _compare(
            rel,
            language,
            [section],
            _key_line(block, section),
            ja_node,
            node,
            labels["ja"][section],
            labels[language][section],
        )


class Words(dict):
    """A section's words; a word it lacks is an error naming the file and the key."""

    def __init__(self, found: dict[str, Any], where: str) -> None:
        super().__init__(found)
        self.where = where  # "data/labels.yaml: en: downloads"

    def __missing__(self, key: str) -> Any:
        raise ExtensionError(f"{self.where}: no word '{key}'; add it to every block")


def words(env: BuildEnvironment, section: str) -> Words:
    """The words of ``section`` in the edition being built."""
    found = edition_labels(env).get(section)
    where = f"data/labels.yaml: {env.config.language}"
    if not isinstance(found, dict):
        raise ExtensionError(f"{where}: no '{section}:' block")
    return Words(found, f"{where}: {section}")


def require(app: Sphinx, *sections: str) -> None:
    """In a part's ``setup``: the sections it reads, checked when the build starts
    (after the core has read the file: the core is set up first)."""
    app.connect("builder-inited", lambda app: check_words(app, sections))
