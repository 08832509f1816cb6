"""The site as it is published: its address, its sitemap, its 404 page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser_fixtures import Watch, serve
from bs4 import BeautifulSoup
from conftest import Book
from hosting_shared import BASE_URL
from hosting_shared import hosted as hosted

pytestmark = pytest.mark.browser
MOUNT = urlsplit(BASE_URL).path


# -- The 404 page, at the root and under a sub-path ------------------------------------


@pytest.fixture(params=["root", "sub-path", "en-root", "en-sub-path"])
def served_404(request, book: Book, hosted: Path):
    """(edition's URL with its path, the edition's folder): the local build at "/",
    the published build only under its sub-path; the English edition alone under
    its own path ("/en/", "<sub-path>en/"), as Read the Docs serves a translation
    project (GitHub Pages serves the root's 404 page for every missing address)."""
    english = request.param.startswith("en-")
    if request.param.endswith("root"):
        site, mount = book.html, "/"
    else:
        site, mount = hosted, MOUNT
    if english:
        site, mount = site / "en", mount + "en/"
    with serve(site, mount=mount) as url:
        # Nothing is served outside the mount: the page could not borrow root paths.
        assert urlsplit(url).path == ""
        yield f"{url}{mount}", site


@pytest.mark.parametrize("missing", ["no-such-page.html", "no/such/deep/page.html"])
def test_the_404_page_is_styled_and_its_links_answer(page, served_404, missing: str) -> None:
    """A wrong address shows the edition's own 404 page with status 404, styled by all
    its stylesheets (absolute paths under the base URL), loading nothing else that
    fails or comes from another host, without a console error."""
    root, site = served_404
    watch = Watch(page, root)
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
    sheets = page.eval_on_selector_all(
        "link[rel=stylesheet]", "els => els.map(e => e.sheet && e.sheet.cssRules.length)"
    )
    assert sheets and all(sheets), sheets
    # Furo's stylesheet lays the page out as a flex box (a bare <div> is a block).
    assert page.eval_on_selector(".page", "e => getComputedStyle(e).display") == "flex"
    # The page itself is the one expected 404 (and its console error).
    watch.failed = [f for f in watch.failed if not f.startswith(root + missing)]
    watch.errors = [
        e
        for e in watch.errors
        if not (e.startswith("console error: Failed to load resource") and root + missing in e)
    ]
    assert not watch.problems(), watch.problems()

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
