"""sphinx-design's stylesheet cut down to the rules the site uses.

Its 48 KB stylesheet put the top page over its 120 KB budget.  After the HTML build this
collects the class names of every written page and rewrites the output's copy of
``sphinx-design.min.css`` with only the rules those classes satisfy (``:root``,
``@keyframes`` and class-less rules stay), parsed with tinycss2.  The file keeps its
name; the EPUB keeps the full one."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import tinycss2
from sphinx.application import Sphinx

CLASS_ATTR = re.compile(r'class="([^"]*)"')
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NESTED_RULE_AT_KEYWORDS = {"media", "supports"}


def used_classes(site: Path) -> set[str]:
    """Every class name that appears in a class attribute of a page of the site."""
    classes: set[str] = set()
    for page in site.rglob("*.html"):
        for value in CLASS_ATTR.findall(page.read_text(encoding="utf-8")):
            classes.update(value.split())
    return classes


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas (not inside :not(...))."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def subset_stylesheet(css: str, used: set[str]) -> str:
    """The stylesheet with only the rules that can match the used classes."""

    def subset(rules: list[Any]) -> str:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = _split_selectors(tinycss2.serialize(rule.prelude))
                kept = [s for s in selectors if set(CLASS_IN_SELECTOR.findall(s)) <= used]
                if kept:
                    out.append(f"{','.join(kept)}{{{tinycss2.serialize(rule.content)}}}")
            elif rule.type != "at-rule":
                continue
            elif rule.lower_at_keyword in NESTED_RULE_AT_KEYWORDS and rule.content is not None:
                inner = subset(
                    tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
                )
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            else:
                out.append(rule.serialize())
        return "".join(out)

    return subset(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


# The subsets made in this process, by the same key as the build folder's cache
# (the stylesheet and the used classes): the next build here with the same classes,
# in another folder, does not parse the stylesheet again (the tests' small builds).
_SUBSETS: dict[str, str] = {}


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    site = Path(app.outdir)
    stylesheets = sorted((site / "_static").glob("sphinx-design*.css"))
    if not stylesheets:
        return
    used = used_classes(site)
    cache_file = Path(app.doctreedir) / "design-css-subset.json"
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    for stylesheet in stylesheets:
        css = stylesheet.read_text(encoding="utf-8")
        key = hashlib.sha256((css + "\n" + " ".join(sorted(used))).encode()).hexdigest()
        if cache.get(stylesheet.name, {}).get("key") != key:
            if key not in _SUBSETS:
                _SUBSETS[key] = subset_stylesheet(css, used)
            cache[stylesheet.name] = {"key": key, "css": _SUBSETS[key]}
        stylesheet.write_text(cache[stylesheet.name]["css"], encoding="utf-8")
    cache_file.write_text(json.dumps(cache), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
