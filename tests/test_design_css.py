"""sphinx-design's stylesheet is cut to the rules the site uses, and nothing the
pages use is lost (_ext/book/outputs/site/design_css_subset.py)."""

from __future__ import annotations

import re
from importlib import resources

from book.outputs.site import design_css_subset
from conftest import Book


def test_subset_keeps_only_rules_for_used_classes() -> None:
    css = (
        ":root{--sd-x:1}.a{color:red}.a .b{margin:0}.c,.a:hover{top:0}"
        "@media (min-width:576px){.a{left:0}.d{right:0}}@keyframes k{from{opacity:0}}"
        "details.a summary:not(.c,.d){padding:0}"
    )
    subset = design_css_subset.subset_stylesheet(css, {"a"})
    assert ":root{--sd-x:1}" in subset and "@keyframes k" in subset
    assert ".a{color:red}" in subset and ".a:hover{top:0}" in subset
    assert ".b" not in subset and ".d{" not in subset and ".c," not in subset
    assert "@media (min-width:576px){.a{left:0}}" in subset
    # a class inside :not() is still a class the rule needs: conservative, dropped
    assert "details.a" not in subset


def _classes_with_rules(css: str) -> set[str]:
    return set(re.findall(r"\.(sd-[\w-]+)", css))


def test_every_class_the_pages_use_keeps_its_rules(book: Book) -> None:
    full = (resources.files("sphinx_design") / "compiled" / "style.min.css").read_text("utf-8")
    trimmed_files = list((book.html / "_static").glob("sphinx-design*.css"))
    assert trimmed_files, "no sphinx-design stylesheet in the site"
    trimmed = trimmed_files[0].read_text(encoding="utf-8")
    assert len(trimmed) < len(full) / 3, (len(trimmed), len(full))
    used = design_css_subset.used_classes(book.html)
    lost = (_classes_with_rules(full) & used) - _classes_with_rules(trimmed)
    assert not lost, f"classes used by pages lost their styles: {sorted(lost)}"
