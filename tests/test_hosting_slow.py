"""The site as it is published: its address, its sitemap, its 404 page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from hosting_shared import BASE_URL
from minibook import rebuilt_after_an_edit

pytestmark = pytest.mark.slow


# -- sitemap.xml after an incremental build --------------------------------------------
# (the reason sphinx-sitemap was replaced: https://github.com/jdillard/sphinx-sitemap/issues/13)


def test_the_sitemap_lists_every_page_after_an_incremental_build(tmp_path: Path) -> None:
    names = ("index", "one", "two", "three")
    pages = {f"{name}.md": f"# {name}\n\nText.\n" for name in names}
    pages["index.md"] += "\n```{toctree}\none\ntwo\nthree\n```\n"
    conf = (
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\nhtml_baseurl = {BASE_URL!r}\n"
        "extensions = ['myst_parser', 'book.outputs.site.sitemap_all_pages']\n"
    )
    rebuilt_after_an_edit(tmp_path, conf, pages, "two.md")
    sitemap = (tmp_path / "_build" / "sitemap.xml").read_text(encoding="utf-8")
    listed = {loc.removeprefix(BASE_URL) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert listed == {f"{name}.html" for name in names}
