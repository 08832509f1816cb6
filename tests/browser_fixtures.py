"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium
driven by Playwright (a browser Playwright downloads itself cannot be fetched here).

The site is served by tests/site_server.py, like its host: 404.html for missing
paths, the site also under the base URL's path, gzip for text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from site_server import serve

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def site_url(book) -> Iterator[str]:
    """The built HTML site, served on a free local port for the whole session."""
    with serve(book.html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (launched by path)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: make venv", pytrace=False)

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run tools/system-deps.sh", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page (own context) per test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


# Helpers of the browser tests of both editions


def wait_for_search(page) -> list[str]:
    """The search results' links in ranked order, once the search has finished."""
    # searchtools.js retitles the results "Search Results" once every result is
    # shown (its pulse counter is not a reliable signal: it restarts after stopping).
    page.wait_for_function(
        "() => typeof Search !== 'undefined' && Search.title"
        " && Search.title.textContent === _('Search Results')",
        timeout=15000,
    )
    return page.eval_on_selector_all(
        "#search-results ul.search > li > a", "els => els.map(a => a.getAttribute('href'))"
    )


def run_axe(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in result["violations"]
    ]
