"""The site as it is published: its address, its sitemap, its 404 page.

* The public address comes from the deployment (BOOK_BASE_URL from the Pages workflow,
  READTHEDOCS_CANONICAL_URL on Read the Docs), also in the PDF's colophon; a local
  build names none.
* A published build (``hosted``, test_hosting_pdf.py) has canonical links, og:url and
  ``<link rel="alternate" hreflang>`` (each edition its own, x-default), and one sitemap
  of both editions; its 404 page works at any depth (test_hosting_browser.py); the
  sitemap survives an incremental build (test_hosting_slow.py).
* The test server does not print the browser's dropped connections.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import site_server
from conftest import ROOT, Book
from helpers import BOOK_WORDS

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


PAGES = "https://someone.github.io/geniac-book"
RTD = "https://geniac-book.readthedocs.io/"
# What conf.py decides under each deployment's environment: where each edition is
# (editions.edition_roots), and the 404 page's prefix.  A published build (an address
# given) names its own edition's as html_baseurl and og:url and writes a sitemap.
ADDRESSES = [
    ({}, {"ja": "/", "en": "/en/"}, "/"),  # a local build: published nowhere
    ({"BOOK_LANGUAGE": "en"}, {"ja": "/", "en": "/en/"}, "/en/"),
    # GitHub Pages: configure-pages gives the address without the final slash.
    ({"BOOK_BASE_URL": PAGES}, {"ja": f"{PAGES}/", "en": f"{PAGES}/en/"}, "/geniac-book/"),
    (
        {"BOOK_BASE_URL": PAGES, "BOOK_LANGUAGE": "en"},
        {"ja": f"{PAGES}/", "en": f"{PAGES}/en/"},
        "/geniac-book/en/",
    ),
    # Read the Docs: each edition a project of its own, the English one a translation.
    (
        {"READTHEDOCS_CANONICAL_URL": f"{RTD}ja/latest/"},
        {"ja": f"{RTD}ja/latest/", "en": f"{RTD}en/latest/"},
        "/ja/latest/",
    ),
    (
        {"READTHEDOCS_CANONICAL_URL": f"{RTD}en/latest/", "READTHEDOCS_LANGUAGE": "en"},
        {"ja": f"{RTD}ja/latest/", "en": f"{RTD}en/latest/"},
        "/en/latest/",
    ),
    (
        {"BOOK_BASE_URL": "https://book.example.org"},
        {"ja": "https://book.example.org/", "en": "https://book.example.org/en/"},
        "/",
    ),
    ({"BOOK_EDITIONS": "ja"}, {"ja": "/"}, "/"),  # `make all LANGUAGES=ja`: no other edition
]


def test_the_address_comes_from_the_deployment() -> None:
    """From BOOK_BASE_URL (the Pages workflow) or READTHEDOCS_CANONICAL_URL; the PDF's
    colophon names it only then (a local build is published nowhere)."""
    found = conf_values(*(env for env, _, _ in ADDRESSES))
    for (env, roots, prefix), values in zip(ADDRESSES, found, strict=True):
        published = bool({"BOOK_BASE_URL", "READTHEDOCS_CANONICAL_URL"} & set(env))
        language = env.get("BOOK_LANGUAGE") or env.get("READTHEDOCS_LANGUAGE") or "ja"
        own = roots[language] if published else ""
        assert values["book_edition_roots"] == roots, env
        assert values["html_baseurl"] == values["ogp_site_url"] == own, env
        assert values["notfound_urls_prefix"] == prefix, env
        assert ("book.outputs.site.sitemap_all_pages" in values["parts"]) == published, env
        rows = values["preamble"].split("\\newcommand\\bookcolophonrows")[1].split("\n}\n")[0]
        words = BOOK_WORDS[language]
        assert words["colophon-author"] in rows and words["colophon-licence"] in rows, rows
        site = f"{words['colophon-site']} & \\url{{{own}}}"
        assert site in rows if published else words["colophon-site"] not in rows, (env, rows)


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
