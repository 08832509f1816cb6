"""The site as it is published: its address, its sitemap, its 404 page.

* The public address comes from the deployment (BOOK_BASE_URL from the Pages
  workflow, READTHEDOCS_CANONICAL_URL on Read the Docs); a local build names none:
  no canonical link, no og:url, no sitemap.xml.
* A published build (``hosted``: both editions built with an address under a
  sub-path) has canonical links and og:url (each edition its own: the English
  pages under ``en/``), ``<link rel="alternate" hreflang>`` both ways with
  x-default, and one sitemap at the root listing every page of both editions,
  each with its hreflang alternates and x-default.
* The 404 page, served for a missing address at any depth, loads the theme's
  stylesheet and every link on it answers, both for the local build served at
  ``/`` and for the published build served only under its sub-path (as a
  project's GitHub Pages or Read the Docs serve it); the English edition's 404
  page likewise under ``en/`` (as Read the Docs serves a translation project).
* sitemap.xml still lists every page after an incremental build
  (_ext/book/outputs/site/sitemap_all_pages.py), checked on a minimal project.
* A rebuild without changes does not report a changed configuration, and the
  test server does not print the browser's dropped connections.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import site_server
from conftest import ROOT, Book

# -- The address -----------------------------------------------------------------------


SITEMAP_PART = "book.outputs.site.sitemap_all_pages"


# The variables that decide the address and the edition: conf.py is read without
# them, but for those a test sets.
ADDRESS_ENV = ("BOOK_BASE_URL", "READTHEDOCS_CANONICAL_URL", "BOOK_LANGUAGE")
ADDRESS_ENV += ("READTHEDOCS_LANGUAGE", "BOOK_EDITIONS")


def conf_values(**env: str) -> dict[str, object]:
    """What conf.py decides under the given environment (read in a fresh Python)."""
    code = (
        "import json, runpy; c = runpy.run_path('conf.py'); import book; "
        "c['parts'] = book.parts(c['language'], bool(c['html_baseurl'])); "
        "print(json.dumps({k: c[k] for k in "
        "('html_baseurl', 'ogp_site_url', 'notfound_urls_prefix', 'parts')}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ADDRESS_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={**clean, **env}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_address_comes_from_the_deployment() -> None:
    local = conf_values()
    assert local["html_baseurl"] == "" and local["ogp_site_url"] == ""
    assert local["notfound_urls_prefix"] == "/"
    assert SITEMAP_PART not in local["parts"]
    # The English edition's 404 page is under en/ of the site.
    assert conf_values(BOOK_LANGUAGE="en")["notfound_urls_prefix"] == "/en/"

    # GitHub Pages: configure-pages gives the address without the final slash.
    pages = conf_values(BOOK_BASE_URL="https://someone.github.io/geniac-book")
    assert (
        pages["html_baseurl"] == pages["ogp_site_url"] == "https://someone.github.io/geniac-book/"
    )
    assert pages["notfound_urls_prefix"] == "/geniac-book/"
    assert SITEMAP_PART in pages["parts"]
    # The English edition: its own address under en/ (canonical links, og:url).
    pages_en = conf_values(
        BOOK_BASE_URL="https://someone.github.io/geniac-book", BOOK_LANGUAGE="en"
    )
    assert pages_en["html_baseurl"] == "https://someone.github.io/geniac-book/en/"
    assert pages_en["notfound_urls_prefix"] == "/geniac-book/en/"

    rtd = conf_values(READTHEDOCS_CANONICAL_URL="https://geniac-book.readthedocs.io/ja/latest/")
    assert rtd["html_baseurl"] == "https://geniac-book.readthedocs.io/ja/latest/"
    assert rtd["notfound_urls_prefix"] == "/ja/latest/"
    # The English translation project (Read the Docs sets its language and address).
    rtd_en = conf_values(
        READTHEDOCS_CANONICAL_URL="https://geniac-book.readthedocs.io/en/latest/",
        READTHEDOCS_LANGUAGE="en",
    )
    assert rtd_en["html_baseurl"] == "https://geniac-book.readthedocs.io/en/latest/"
    assert rtd_en["notfound_urls_prefix"] == "/en/latest/"

    custom_domain = conf_values(BOOK_BASE_URL="https://book.example.org")
    assert custom_domain["notfound_urls_prefix"] == "/"


def test_a_local_build_names_no_address(book: Book) -> None:
    for page in book.html.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html, page.name
        assert 'property="og:url"' not in html, page.name
        assert "example.github.io" not in html, page.name
    assert not (book.html / "sitemap.xml").exists()


def test_the_server_does_not_print_dropped_connections(capsys) -> None:
    server = site_server._Server(("127.0.0.1", 0), site_server._Handler)
    try:
        for dropped in (BrokenPipeError(), ConnectionResetError()):
            try:
                raise dropped
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        # A real error is still shown, with its traceback.
        try:
            raise ValueError("a real problem")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        err = capsys.readouterr().err
        assert "Exception occurred during processing of request" in err
        assert "ValueError: a real problem" in err
    finally:
        server.server_close()
