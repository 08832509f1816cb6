"""Two kinds of the site's stylesheets made smaller when the HTML build has finished,
with tinycss2 (they put the top page over its 120 KiB budget, tools/page_weight.py);
the sources and the EPUB keep them whole, and the theme's and Sphinx's are untouched:

* sphinx-design's (48 KiB): only the rules that can match the class names of the
  written pages (a selector naming a class no page has is dropped, even inside
  ``:not()``; ``:root``, rules without a class and at-rules other than ``@media`` and
  ``@supports`` stay), under the same name; the subset is kept in the doctree folder
  (``design-css-subset.json``) and in this process for the next build with the same
  classes;
* the book's own, the ``*.css`` of the project's ``html_static_path`` (``_static/``:
  ``book.css`` and the charts', models table's and calculator's): without their
  comments (3.8 KiB of book.css's 9.1 KiB) and blank lines, every other token written
  back as it was.

The pages are written by then: their ``?v=`` is Sphinx's checksum of the whole file,
which still changes with its source."""

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


def without_comments(css: str) -> str:
    """The stylesheet with every comment left out, at any depth."""
    tokens = tinycss2.parse_component_value_list(css, skip_comments=True)
    text = tinycss2.serialize(tokens)
    return re.sub(r"\n\s*\n(\s*\n)*", "\n", text).strip() + "\n"


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    served = Path(app.outdir) / "_static"
    subset_design_stylesheets(app, sorted(served.glob("sphinx-design*.css")))
    # The project's own folders only: extensions add theirs as absolute paths.
    own = [folder for folder in app.config.html_static_path if not Path(folder).is_absolute()]
    for folder in own:
        for source in sorted((Path(app.confdir) / folder).glob("*.css")):
            copy = served / source.name
            if copy.is_file():
                copy.write_text(
                    without_comments(source.read_text(encoding="utf-8")), encoding="utf-8"
                )


def subset_design_stylesheets(app: Sphinx, stylesheets: list[Path]) -> None:
    """sphinx-design's stylesheets cut down, each by the build folder's cache or this
    process's when the stylesheet and the used classes are the same."""
    if not stylesheets:
        return
    used = used_classes(Path(app.outdir))
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
