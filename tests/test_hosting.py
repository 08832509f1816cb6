"""The site as it is published: its address, its sitemap, its 404 page.

* The public address comes from the deployment (BOOK_BASE_URL from the Pages workflow,
  READTHEDOCS_CANONICAL_URL on Read the Docs); a local build names none.
* A published build (``hosted``, test_hosting_pdf.py) has canonical links, og:url and
  ``<link rel="alternate" hreflang>`` (each edition its own, x-default), and one sitemap
  of both editions; its 404 page works at any depth (test_hosting_browser.py); the
  sitemap survives an incremental build (test_hosting_slow.py).
* The test server does not print the browser's dropped connections.
"""

from __future__ import annotations

import re

import pytest
import site_server
from conftest import Book
from hosting_shared import conf_values

PAGES = "https://someone.github.io/geniac-book"
RTD = "https://geniac-book.readthedocs.io/"
# What conf.py decides under each deployment's environment: the address (html_baseurl
# and og:url), the 404 page's prefix, and whether the sitemap is written.
ADDRESSES = [
    ({}, ("", "", "/", False)),  # a local build: published nowhere
    ({"BOOK_LANGUAGE": "en"}, ("", "", "/en/", False)),  # its English 404 page under en/
    # GitHub Pages: configure-pages gives the address without the final slash.
    ({"BOOK_BASE_URL": PAGES}, (f"{PAGES}/", f"{PAGES}/", "/geniac-book/", True)),
    (
        {"BOOK_BASE_URL": PAGES, "BOOK_LANGUAGE": "en"},
        (f"{PAGES}/en/", f"{PAGES}/en/", "/geniac-book/en/", True),
    ),
    (
        {"READTHEDOCS_CANONICAL_URL": f"{RTD}ja/latest/"},
        (f"{RTD}ja/latest/", f"{RTD}ja/latest/", "/ja/latest/", True),
    ),
    # The English translation project (Read the Docs sets its language and address).
    (
        {"READTHEDOCS_CANONICAL_URL": f"{RTD}en/latest/", "READTHEDOCS_LANGUAGE": "en"},
        (f"{RTD}en/latest/", f"{RTD}en/latest/", "/en/latest/", True),
    ),
    (
        {"BOOK_BASE_URL": "https://book.example.org"},
        ("https://book.example.org/", "https://book.example.org/", "/", True),
    ),
]


def test_the_address_comes_from_the_deployment() -> None:
    """From BOOK_BASE_URL (the Pages workflow) or READTHEDOCS_CANONICAL_URL; the
    English edition's own under en/."""
    found = conf_values(*(env for env, _ in ADDRESSES))
    for (env, expected), values in zip(ADDRESSES, found, strict=True):
        sitemap = "book.outputs.site.sitemap_all_pages" in values["parts"]
        decided = (values["html_baseurl"], values["ogp_site_url"], values["notfound_urls_prefix"])
        assert (*decided, sitemap) == expected, env


def test_a_local_build_names_no_address(book: Book) -> None:
    """No canonical link, og:url or hreflang link (they need absolute addresses: the
    published build's are checked in test_hosting_pdf.py) and no sitemap, in either
    edition (html/en/ is inside html/)."""
    for page in book.html.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for absolute in ('rel="canonical"', 'property="og:url"', "example.github.io"):
            assert absolute not in html, (page, absolute)
        assert not re.search(r"<link [^>]*hreflang", html), page
    assert not (book.html / "sitemap.xml").exists()


def test_the_server_does_not_print_dropped_connections(capsys: pytest.CaptureFixture) -> None:
    server = site_server._Server(("127.0.0.1", 0), site_server._Handler)
    try:
        for error in (BrokenPipeError(), ConnectionResetError(), ValueError("a real problem")):
            try:
                raise error
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
            err = capsys.readouterr().err
            if isinstance(error, OSError):
                assert err == ""
            else:  # a real error is still shown, with its traceback
                assert "Exception occurred during processing of request" in err
                assert "ValueError: a real problem" in err
    finally:
        server.server_close()
