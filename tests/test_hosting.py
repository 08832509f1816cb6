"""The site as it is published: its address, its sitemap, its 404 page.

* The public address comes from the deployment (BOOK_BASE_URL from the Pages
  workflow, READTHEDOCS_CANONICAL_URL on Read the Docs); a local build names none:
  no canonical link, no og:url, no sitemap.xml.
* A published build (``hosted``: the book built with an address under a sub-path)
  has canonical links, og:url and a sitemap of every page under that address.
* The 404 page, served for a missing address at any depth, loads the theme's
  stylesheet and every link on it answers, both for the local build served at
  ``/`` and for the published build served only under its sub-path (as a
  project's GitHub Pages or Read the Docs serve it).
* sitemap.xml still lists every page after an incremental build
  (_ext/sitemap_all_pages.py), checked on a minimal project.
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

import pytest
import site_server  # tools/ is on sys.path (browser_fixtures)
from browser_fixtures import serve
from conftest import ROOT, SOURCE_DATE_EPOCH, Book

BASE_URL = "https://book.example/geniac-book/"
MOUNT = urlsplit(BASE_URL).path
UTILITY = {"search", "genindex", "404"}  # pages without a canonical place in the sitemap
NOT_IN_SITEMAP = {f"{n}.html" for n in UTILITY}
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
    return sorted(p.name for p in site.glob("*.html"))


@pytest.fixture(scope="module")
def hosted(book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web site built for BASE_URL, with the PDF and EPUB inside (as `make all`)."""
    builddir = tmp_path_factory.mktemp("hosted")
    result = make_html(builddir, BOOK_BASE_URL=BASE_URL)
    if result.returncode != 0:
        pytest.fail(f"make html failed:\n{(result.stdout + result.stderr)[-4000:]}", pytrace=False)
    site = builddir / "html"
    shutil.copy(book.pdf, site)
    shutil.copy(book.epub, site)
    return site


# ==============================================================================
# The address
# ==============================================================================


def conf_values(**env: str) -> dict[str, object]:
    """What conf.py decides under the given environment (read in a fresh Python)."""
    code = (
        "import json, runpy; c = runpy.run_path('conf.py'); print(json.dumps({k: c[k] for k in "
        "('html_baseurl', 'ogp_site_url', 'notfound_urls_prefix', 'extensions')}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BOOK_BASE_URL", "READTHEDOCS_CANONICAL_URL")
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
    assert "sphinx_sitemap" not in local["extensions"]

    # GitHub Pages: configure-pages gives the address without the final slash.
    pages = conf_values(BOOK_BASE_URL="https://someone.github.io/geniac-book")
    assert (
        pages["html_baseurl"] == pages["ogp_site_url"] == "https://someone.github.io/geniac-book/"
    )
    assert pages["notfound_urls_prefix"] == "/geniac-book/"
    assert "sphinx_sitemap" in pages["extensions"]

    rtd = conf_values(READTHEDOCS_CANONICAL_URL="https://geniac-book.readthedocs.io/ja/latest/")
    assert rtd["html_baseurl"] == "https://geniac-book.readthedocs.io/ja/latest/"
    assert rtd["notfound_urls_prefix"] == "/ja/latest/"

    custom_domain = conf_values(BOOK_BASE_URL="https://book.example.org")
    assert custom_domain["notfound_urls_prefix"] == "/"


def test_a_local_build_names_no_address(book: Book) -> None:
    for page in book.html.glob("*.html"):
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
        if name[:-5] not in UTILITY:
            og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html)
            if not og_url or og_url.group(1) != BASE_URL + name:
                problems.append(f"{name}: og:url {og_url and og_url.group(1)!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.pdf
def test_the_sitemap_lists_every_page_at_the_address(hosted: Path) -> None:
    sitemap = (hosted / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs == sorted(locs)
    assert all(loc.startswith(BASE_URL) for loc in locs), locs
    listed = {loc.removeprefix(BASE_URL) for loc in locs}
    assert listed == set(html_pages(hosted)) - NOT_IN_SITEMAP


# ==============================================================================
# The 404 page, at the root and under a sub-path
# ==============================================================================


@pytest.fixture(params=["root", "sub-path"])
def served_404(request, book: Book):
    """(site URL with its path, the site): the local build at "/", the published
    build only under its sub-path."""
    if request.param == "root":
        with serve(book.html, mount="/") as url:
            yield f"{url}/", book.html
    else:
        site = request.getfixturevalue("hosted")
        with serve(site, mount=MOUNT) as url:
            # Nothing is served outside the mount: the page could not borrow root paths.
            assert urlsplit(url).path == ""
            yield f"{url}{MOUNT}", site


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
    assert "ページが見つかりません" in page.inner_text("h1")
    # Furo's stylesheet lays the page out as a flex box (a bare <div> is a block).
    assert page.eval_on_selector(".page", "e => getComputedStyle(e).display") == "flex"
    assert page.eval_on_selector("link[href*='furo.css']", "e => e.sheet.cssRules.length") > 0
    assert not failed, failed

    origin = f"{urlsplit(root).scheme}://{urlsplit(root).netloc}"
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
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
# sitemap.xml after an incremental build (sphinx-sitemap issue #13)
# ==============================================================================

PAGES = {"index": "Top", "one": "One", "two": "Two", "three": "Three"}


def minimal_project(root: Path, extensions: list[str]) -> Path:
    """Four MyST pages with sphinx-sitemap (and the given extensions) in ``root``."""
    (root / "docs").mkdir(parents=True)
    conf = f"""\
        import sys
        sys.path.insert(0, {str(ROOT / "_ext")!r})
        extensions = {["myst_parser", *extensions]!r}
        html_baseurl = {BASE_URL!r}
        sitemap_url_scheme = "{{link}}"
        sitemap_excludes = ["search.html", "genindex.html"]
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
    project = minimal_project(tmp_path, ["sitemap_all_pages"])
    assert sitemap_after_editing_one_page(project) == {f"{n}.html" for n in PAGES}


@pytest.mark.slow
def test_sphinx_sitemap_alone_still_loses_the_unchanged_pages(tmp_path: Path) -> None:
    """The upstream bug is still there. When this fails, sphinx-sitemap lists
    unchanged pages itself: remove _ext/sitemap_all_pages.py and this test."""
    project = minimal_project(tmp_path, ["sphinx_sitemap"])
    assert sitemap_after_editing_one_page(project) != {f"{n}.html" for n in PAGES}


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
