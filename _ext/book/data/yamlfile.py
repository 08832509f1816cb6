"""The book's YAML files read with their line numbers, so that every problem a
contributor makes is reported at ``file:LINE``: composed into nodes (which keep their
lines), plain values built from the nodes; dates stay as written ("2025-07-14")."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one took
# 0.15 s of every build for the data file.  Both keep the line numbers.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# One constructor for all scalars (they are plain: numbers, strings, null).
_CONSTRUCTOR = yaml.SafeLoader("")


def compose(path: Path, rel: str, what: str, err: Callable[[str], None]) -> yaml.Node | None:
    """The file's root node (None for an empty file), or None after reporting
    ``rel:LINE: cannot read <what>`` (the line of a syntax error when there is one)."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{rel}:{mark.line + 1}" if mark else rel
        err(f"{where}: cannot read{' ' + what if what else ''}: {exc}")
        return None


def load_plain(path: Path) -> Any:
    """A whole file as plain values (for files whose errors need no line)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def scalar(node: yaml.Node) -> Any:
    """Construct a plain Python value from a YAML node (dates stay strings)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":timestamp"):
            return node.value  # keep dates as written ("2025-07-14")
        return _CONSTRUCTOR.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [scalar(item) for item in node.value]
    return {k.value: scalar(v) for k, v in node.value}


def mapping(node: yaml.Node | None) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The (key, value) node pairs of a mapping; none for anything else."""
    return node.value if isinstance(node, yaml.MappingNode) else []


def item(node: yaml.Node | None, key: Any) -> tuple[Any, Any]:
    """The (key, value) nodes of ``key`` in a mapping; (None, None) when it has none."""
    return next(((k, v) for k, v in mapping(node) if k.value == key), (None, None))


def field_lines(node: yaml.Node, default: int) -> dict[str, int]:
    """Line of each field of a mapping (for errors that point at the field)."""
    return {k.value: k.start_mark.line + 1 for k, _v in mapping(node)} or {"": default}


def did_you_mean(name: str, known: Any) -> str:
    """' (did you mean 'target-params'?)' for a near miss among ``known``, else ''."""
    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists (not 2026-13-45)."""
    if not DATE_RE.match(text):
        return False
    try:
        datetime.date(*([int(p) for p in text.split("-")] + [1, 1])[:3])
    except ValueError:
        return False
    return True
