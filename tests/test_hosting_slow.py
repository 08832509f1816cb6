"""The site as it is published: its address, its sitemap, its 404 page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hosting_shared import BASE_URL

pytestmark = pytest.mark.slow
SPHINX_BUILD = Path(sys.executable).parent / "sphinx-build"


# -- sitemap.xml after an incremental build --------------------------------------------
# (the reason sphinx-sitemap was replaced: https://github.com/jdillard/sphinx-sitemap/issues/13)

PAGES = {"index": "Top", "one": "One", "two": "Two", "three": "Three"}


def minimal_project(root: Path, extensions: list[str]) -> Path:
    """Four MyST pages with the given extensions (the sitemap's) in ``root``."""
    (root / "docs").mkdir(parents=True)
    conf = f"""\
        import sys
        sys.path.insert(0, {str(ROOT / "_ext")!r})
        extensions = {["myst_parser", *extensions]!r}
        html_baseurl = {BASE_URL!r}
        """
    (root / "conf.py").write_text(textwrap.dedent(conf), encoding="utf-8")
    toctree = "\n".join(n for n in PAGES if n != "index")
    for name, title in PAGES.items():
        body = f"# {title}\n\nText.\n"
        if name == "index":
            body += f"\n```{{toctree}}\n{toctree}\n```\n"
        (root / "docs" / f"{name}.md").write_text(body, encoding="utf-8")
    return root


def sphinx_html(project: Path) -> str:
    result = subprocess.run(
        [SPHINX_BUILD, "-b", "html", "-c", project, project / "docs", project / "_build"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def sitemap_after_editing_one_page(project: Path) -> set[str]:
    sphinx_html(project)
    page = project / "docs" / "two.md"
    time.sleep(0.01)
    page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    os.utime(page, (time.time() + 5, time.time() + 5))  # newer than its doctree, surely
    log = sphinx_html(project)
    assert "1 changed" in log, log  # it was an incremental build
    sitemap = (project / "_build" / "sitemap.xml").read_text(encoding="utf-8")
    return {loc.removeprefix(BASE_URL) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}


def test_the_sitemap_lists_every_page_after_an_incremental_build(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, ["book.outputs.site.sitemap_all_pages"])
    assert sitemap_after_editing_one_page(project) == {f"{n}.html" for n in PAGES}
