"""The book's own stylesheets served without their comments.

The comments were 3.8 KB of book.css's 9.3 KB and put the top page over its 120 KiB goal
(tools/page_weight.py).  After the HTML build the site's copies are rewritten without
comments (tinycss2 tokens written back as they were); the sources and the EPUB keep
them, and the pages' ``?v=`` checksum is unchanged."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tinycss2
from sphinx.application import Sphinx


def without_comments(css: str) -> str:
    """The stylesheet with every comment left out, at any depth."""
    tokens = tinycss2.parse_component_value_list(css, skip_comments=True)
    text = tinycss2.serialize(tokens)
    return re.sub(r"\n\s*\n(\s*\n)*", "\n", text).strip() + "\n"


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    served = Path(app.outdir) / "_static"
    # The project's own folders only: extensions add theirs as absolute paths
    # (sphinx-design's stylesheet, which design_css_subset.py has cut down).
    own = [folder for folder in app.config.html_static_path if not Path(folder).is_absolute()]
    for folder in own:
        for source in sorted((Path(app.confdir) / folder).glob("*.css")):
            copy = served / source.name
            if copy.is_file():
                copy.write_text(
                    without_comments(source.read_text(encoding="utf-8")), encoding="utf-8"
                )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
