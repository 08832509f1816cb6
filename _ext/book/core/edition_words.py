"""The edition's words (``data/labels.yaml``, one block per edition), and the check that
every edition has every word.  No reader-facing word is written in Python.  A part
declares the sections it reads::

    def setup(app):
        edition_words.require(app, "downloads")     # checked when the build starts

    words = edition_words.words(env, "downloads")  # at build time

When the build starts each required section is compared with the Japanese one: a
missing word is reported at ``data/labels.yaml:LINE`` (the strict build fails) and the
Japanese word stands in meanwhile.  The words of large counts and the ones a reader
types into the calculator (``count-words``, ``params-words``) are each edition's own:
required, but not compared word by word."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from book.core.facts import edition_labels, facts_data
from book.data.yamlfile import item

logger = logging.getLogger(__name__)

# Each edition's own words, not the Japanese ones translated (7000億 / 700 billion).
OWN_WORDS = frozenset({"count-words", "params-words"})


def check_words(app: Sphinx, sections: tuple[str, ...]) -> None:
    """Report (and stand in for) the words of ``sections`` the edition's block lacks."""
    language = app.config.language
    data = facts_data(app.env)
    labels = data.labels
    if language == "ja" or language not in labels:
        return  # the source edition; a missing block is reported with the data
    path = data.labels_path
    rel = (
        path.relative_to(app.confdir).as_posix() if path.is_relative_to(app.confdir) else str(path)
    )

    def say(line: int, text: str) -> None:
        logger.warning(f"{rel}:{line}: {language}: {text}", type="book", subtype="words")

    def compare(keys: list[str], line: int, ja_node: Any, node: Any, ja: dict, own: dict) -> None:
        where = ": ".join(keys)
        for key_node, ja_value in ja_node.value:
            key = key_node.value
            own_key, value = item(node, key)
            if value is None:
                say(
                    line,
                    f"{where}: no word '{key}' (the Japanese one is at line "
                    f"{key_node.start_mark.line + 1}); add its {language} wording under "
                    f"{language}: {where}:",
                )
                own[key] = copy.deepcopy(ja[key])
            elif key in OWN_WORDS:
                continue  # there: its words are the edition's own, not compared
            elif isinstance(ja_value, yaml.MappingNode) and isinstance(value, yaml.MappingNode):
                inner = own_key.start_mark.line + 1
                compare([*keys, key], inner, ja_value, value, ja[key], own[key])

    # The file as the facts were loaded with it (composed once a build, with its lines).
    ja_block, block = item(data.labels_root, "ja")[1], item(data.labels_root, language)[1]
    for section in sections:
        (ja_key, ja_node), (key, node) = item(ja_block, section), item(block, section)
        if not isinstance(ja_node, yaml.MappingNode):
            continue
        if isinstance(node, yaml.MappingNode):
            line = key.start_mark.line + 1
            compare(
                [section], line, ja_node, node, labels["ja"][section], labels[language][section]
            )
            continue
        say(
            block.start_mark.line + 1,
            f"no '{section}:' block; copy the one under ja: (line "
            f"{ja_key.start_mark.line + 1}) and translate it",
        )
        labels[language][section] = copy.deepcopy(labels["ja"][section])


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
