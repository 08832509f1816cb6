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
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import site_server  # tests/site_server.py (tests/ is on sys.path under pytest)
from browser_fixtures import serve
from bs4 import BeautifulSoup
from conftest import ROOT, SOURCE_DATE_EPOCH, Book

BASE_URL = "https://book.example/geniac-book/"
MOUNT = urlsplit(BASE_URL).path
UTILITY = {"search", "genindex", "404"}  # pages without a canonical place in the sitemap
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
SPHINX_BUILD = Path(sys.executable).parent / "sphinx-build"


def make_html(builddir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "html", f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **env},
    )


def html_pages(site: Path) -> list[str]:
    """The pages of both editions, by their path from the site root (en/… English)."""
    return sorted(
        str(p.relative_to(site)) for edition in (site, site / "en") for p in edition.glob("*.html")
    )


@pytest.fixture(scope="module")
def hosted(book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web site of both editions built for BASE_URL, each with its PDF and EPUB
    inside (as `make all`)."""
    builddir = tmp_path_factory.mktemp("hosted")
    result = make_html(builddir, BOOK_BASE_URL=BASE_URL)
    if result.returncode != 0:
        pytest.fail(f"make html failed:\n{(result.stdout + result.stderr)[-4000:]}", pytrace=False)
    site = builddir / "html"
    for edition, folder in ((book.edition("ja"), site), (book.en, site / "en")):
        shutil.copy(edition.pdf, folder)
        shutil.copy(edition.epub, folder)
    return site


# ==============================================================================
# The address
# ==============================================================================


SITEMAP_PART = "book.outputs.site.sitemap_all_pages"


def conf_values(**env: str) -> dict[str, object]:
    """What conf.py decides under the given environment (read in a fresh Python)."""
    code = (
        "import json, runpy; c = runpy.run_path('conf.py'); import book; "
        "c['parts'] = book.parts(c['language'], bool(c['html_baseurl'])); "
        "print(json.dumps({k: c[k] for k in "
        "('html_baseurl', 'ogp_site_url', 'notfound_urls_prefix', 'parts')}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "BOOK_BASE_URL",
            "READTHEDOCS_CANONICAL_URL",
            "BOOK_LANGUAGE",
            "READTHEDOCS_LANGUAGE",
            "BOOK_EDITIONS",
        )
    }
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


@pytest.mark.slow
@pytest.mark.pdf
def test_a_published_build_names_its_address_on_every_page(hosted: Path) -> None:
    problems = []
    for name in html_pages(hosted):
        html = (hosted / name).read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        if not canonical or canonical.group(1) != BASE_URL + name:
            problems.append(f"{name}: canonical {canonical and canonical.group(1)!r}")
        if Path(name).stem not in UTILITY:
            og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html)
            if not og_url or og_url.group(1) != BASE_URL + name:
                problems.append(f"{name}: og:url {og_url and og_url.group(1)!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.pdf
def test_every_page_names_its_alternates_in_both_editions(hosted: Path) -> None:
    """<link rel="alternate" hreflang> to the page in each edition (itself included)
    and x-default (the Japanese page), absolute, on every page but the 404 page."""
    problems = []
    for name in html_pages(hosted):
        page = Path(name).name
        html = (hosted / name).read_text(encoding="utf-8")
        found = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
        expected = {
            "ja": BASE_URL + page,
            "en": BASE_URL + "en/" + page,
            "x-default": BASE_URL + page,
        }
        if found != ({} if page == "404.html" else expected):
            problems.append(f"{name}: {found}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.pdf
def test_the_sitemap_lists_every_page_of_both_editions_with_alternates(hosted: Path) -> None:
    """One sitemap, at the root: every page of both editions, each with its
    alternates in both languages and x-default (the Japanese page)."""
    assert not (hosted / "en" / "sitemap.xml").exists()
    tree = ElementTree.parse(hosted / "sitemap.xml")
    urls = tree.getroot().findall(f"{{{SITEMAP}}}url")
    locs = [url.findtext(f"{{{SITEMAP}}}loc") for url in urls]
    assert locs == sorted(locs)
    assert all(loc.startswith(BASE_URL) for loc in locs), locs
    listed = {loc.removeprefix(BASE_URL) for loc in locs}
    assert listed == {p for p in html_pages(hosted) if Path(p).stem not in UTILITY}
    problems = []
    for url, loc in zip(urls, locs, strict=True):
        page = Path(loc.removeprefix(BASE_URL)).name
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{{{XHTML}}}link")
            if link.get("rel") == "alternate"
        }
        expected = {
            "ja": BASE_URL + page,
            "en": BASE_URL + "en/" + page,
            "x-default": BASE_URL + page,
        }
        if alternates != expected:
            problems.append(f"{loc}: {alternates}")
    assert not problems, "\n".join(problems)


# ==============================================================================
# The 404 page, at the root and under a sub-path
# ==============================================================================


@pytest.fixture(params=["root", "sub-path", "en-root", "en-sub-path"])
def served_404(request, book: Book):
    """(edition's URL with its path, the edition's folder): the local build at "/",
    the published build only under its sub-path; the English edition alone under
    its own path ("/en/", "<sub-path>en/"), as Read the Docs serves a translation
    project (GitHub Pages serves the root's 404 page for every missing address)."""
    english = request.param.startswith("en-")
    if request.param.endswith("root"):
        site, mount = book.html, "/"
    else:
        site, mount = request.getfixturevalue("hosted"), MOUNT
    if english:
        site, mount = site / "en", mount + "en/"
    with serve(site, mount=mount) as url:
        # Nothing is served outside the mount: the page could not borrow root paths.
        assert urlsplit(url).path == ""
        yield f"{url}{mount}", site


@pytest.mark.slow
@pytest.mark.pdf
@pytest.mark.parametrize("missing", ["no-such-page.html", "no/such/deep/page.html"])
def test_the_404_page_is_styled_and_its_links_answer(page, served_404, missing: str) -> None:
    root, site = served_404
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and r.url != root + missing and failed.append(f"{r.url} {r.status}")
        ),
    )
    response = page.goto(root + missing, wait_until="networkidle")
    assert response.status == 404
    # The edition's own 404 page (its heading as built: the English one from its PO file).
    built = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    for permalink in built.select("article h1 a.headerlink"):
        permalink.decompose()
    heading = built.select_one("article h1").get_text().strip()
    assert heading and heading in page.inner_text("h1")
    if site.name != "en":
        assert "ページが見つかりません" in heading
    # Furo's stylesheet lays the page out as a flex box (a bare <div> is a block).
    assert page.eval_on_selector(".page", "e => getComputedStyle(e).display") == "flex"
    assert page.eval_on_selector("link[href*='furo.css']", "e => e.sheet.cssRules.length") > 0
    assert not failed, failed

    origin = f"{urlsplit(root).scheme}://{urlsplit(root).netloc}"
    # The language switcher leads to the other edition's top page (served on its
    # own: checked by its path here).
    (switch,) = page.eval_on_selector_all(
        "nav.book-editions a.book-edition-link", "els => els.map(a => a.href)"
    )
    other_root = root.removesuffix("en/") if site.name == "en" else root + "en/"
    assert switch == other_root + "index.html", switch
    hrefs = page.eval_on_selector_all(
        "a[href]:not(.book-edition-link)", "els => els.map(a => a.href)"
    )
    ours = sorted({h.split("#")[0] for h in hrefs if h.startswith(origin)} - {root + missing})
    assert urljoin(root, "index.html") in ours, ours  # the text's link to the top page
    broken = [h for h in ours if page.request.get(h).status != 200]
    assert not broken, broken
    # Everything the page links to is on this site, under its path.
    assert all(h.startswith(root) for h in ours), ours


@pytest.mark.pdf
def test_the_404_page_is_a_page_of_the_book(book: Book) -> None:
    """Its words are in docs/404.md; it is in no toctree, search index, PDF or EPUB."""
    assert "ページが見つかりません" in (ROOT / "docs" / "404.md").read_text(encoding="utf-8")
    assert "ページが見つかりません" not in (ROOT / "conf.py").read_text(encoding="utf-8")
    # In the search index by name only: none of its words lead to it.
    script = (book.html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    doc = index["docnames"].index("404")
    pages_of = [v if isinstance(v, list) else [v] for v in index["terms"].values()]
    assert not [p for p in pages_of if doc in p]
    assert "404.html" not in (book.html / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(book.epub) as epub:
        assert not [n for n in epub.namelist() if Path(n).stem == "404"]
    assert "ページが見つかりません" not in book.tex.read_text(encoding="utf-8")


# ==============================================================================
# sitemap.xml after an incremental build (the reason sphinx-sitemap was replaced:
# https://github.com/jdillard/sphinx-sitemap/issues/13)
# ==============================================================================

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


@pytest.mark.slow
def test_the_sitemap_lists_every_page_after_an_incremental_build(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, ["book.outputs.site.sitemap_all_pages"])
    assert sitemap_after_editing_one_page(project) == {f"{n}.html" for n in PAGES}


# ==============================================================================
# Quiet: no configuration change reported, no dropped connection printed
# ==============================================================================


@pytest.mark.slow
@pytest.mark.pdf
def test_a_rebuild_without_changes_reports_no_configuration_change(hosted: Path) -> None:
    """The `hosted` build, run again unchanged (the same address and date)."""
    result = make_html(hosted.parent, BOOK_BASE_URL=BASE_URL)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "no targets are out of date" in log
    assert "configuration has changed" not in log, re.findall(r".*configuration has changed.*", log)


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
