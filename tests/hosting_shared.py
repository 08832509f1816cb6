"""What the hosting tests of every tier share (test_hosting*.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Book, make

BASE_URL = "https://book.example/geniac-book/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The variables that decide the address and the edition: conf.py is read without
# them, but for those a test sets.
ADDRESS_ENV = (
    "BOOK_BASE_URL",
    "READTHEDOCS_CANONICAL_URL",
    "BOOK_LANGUAGE",
    "READTHEDOCS_LANGUAGE",
    "BOOK_EDITIONS",
)


def conf_values(*envs: dict[str, str]) -> list[dict[str, object]]:
    """What conf.py decides under each environment (each read in turn, in one fresh
    Python: conf.py reads the environment as it runs)."""
    code = f"""if True:
        import json, os, runpy, sys
        for env in json.loads(sys.argv[1]):
            for name in {ADDRESS_ENV!r}:
                os.environ.pop(name, None)
            os.environ.update(env)
            c = runpy.run_path("conf.py")
            import book  # (_ext is on the path once conf.py has run)

            c["parts"] = book.parts(c["language"], bool(c["html_baseurl"]))
            c["preamble"] = c["latex_elements"]["preamble"]
            keys = ("html_baseurl", "ogp_site_url", "notfound_urls_prefix", "parts", "preamble")
            print(json.dumps({{k: c[k] for k in (*keys, "book_edition_roots")}}))
    """
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(envs)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def hosted(book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web site of both editions built for BASE_URL, each with its PDF and EPUB
    inside (as `make all`)."""
    builddir = tmp_path_factory.mktemp("hosted")
    result = make("html", builddir, BOOK_BASE_URL=BASE_URL)
    if result.returncode != 0:
        pytest.fail(f"make html failed:\n{(result.stdout + result.stderr)[-4000:]}", pytrace=False)
    site = builddir / "html"
    for edition, folder in ((book.edition("ja"), site), (book.en, site / "en")):
        shutil.copy(edition.pdf, folder)
        shutil.copy(edition.epub, folder)
    return site
