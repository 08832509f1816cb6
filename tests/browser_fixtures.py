"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium
driven by Playwright (a browser Playwright downloads itself cannot be fetched here).

The site is served by tests/site_server.py, like its host: 404.html for missing
paths, the site also under the base URL's path, gzip for text.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from site_server import serve

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The axe rules whose result can differ between the light and the dark theme.
# Furo's dark theme swaps the values of its CSS colour properties and nothing else
# in the page (the book has no ``only-dark``/``only-light`` content): what can break
# in dark mode is a colour, so the colour rules run in both themes, and every other
# rule (structure, names, landmarks, language …) in light mode only.  The theme
# toggle does show a different icon in each theme: the rules about images' text
# alternatives run in dark mode too.  A page that has ``.only-dark`` content gets
# the whole rule set in dark mode as well (run_axe_in_dark_mode).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
IMAGE_RULES = ["image-alt", "svg-img-alt", "role-img-alt", "input-image-alt"]
DARK_MODE_RULES = COLOUR_RULES + IMAGE_RULES


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


@contextmanager
def tab(browser, url: str | None = None, theme: str | None = None, **options):
    """A page in a context of its own (``options``: viewport, is_mobile…), loaded
    from ``url`` if given (until "load"), closed afterwards.  ``theme``: the colour
    scheme the system asks for and the one chosen with the theme's toggle (stored)."""
    if theme:
        options["color_scheme"] = theme
    context = browser.new_context(**options)
    if theme:
        context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    try:
        page = context.new_page()
        if url:
            page.goto(url)
        yield page
    finally:
        context.close()


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


def run_axe(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now: every rule, or only ``rules``."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`", pytrace=False)
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per loaded page
        page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("async options => await axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in result["violations"]
    ]


def run_axe_in_dark_mode(page) -> list[str]:
    """axe's colour and image rules (DARK_MODE_RULES), or all of them on a page that
    shows content in dark mode only (``.only-dark``)."""
    dark_only_content = page.locator(".only-dark").count() > 0
    return run_axe(page, None if dark_only_content else DARK_MODE_RULES)


# No CSS transition still running (Furo eases a few backgrounds): colours are final.
TRANSITIONS_DONE = """() => document.getAnimations()
    .filter(a => a instanceof CSSTransition).every(a => a.playState !== 'running')"""


def switch_to_dark(page) -> None:
    """The loaded page in dark mode, as a reader whose system is dark and who chose
    dark with the theme's toggle sees it: the colour scheme emulated, the choice
    stored and applied the way Furo's toggle applies it (``body[data-theme]``),
    and no colour transition still running.  (That a page loaded in dark mode is
    dark is test_browser.py's test_dark_mode_renders.)"""
    page.emulate_media(color_scheme="dark")
    page.evaluate(
        "() => { localStorage.setItem('theme', 'dark'); document.body.dataset.theme = 'dark'; }"
    )
    page.wait_for_function(TRANSITIONS_DONE)


# Pages of one edition, each loaded once for several checks


class Watch:
    """Console errors, failed requests and requests to other hosts of one page."""

    def __init__(self, page, site_url: str) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.requests: list[str] = []
        host = urlsplit(site_url).netloc
        page.on(
            "console",
            lambda m: (
                m.type in ("error", "warning")
                and self.errors.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"),
        )
        page.on("request", lambda r: self.requests.append(r.url))

        def route(route):
            if urlsplit(route.request.url).netloc == host or route.request.url.startswith("data:"):
                route.continue_()
            else:  # never leave the machine, but remember the attempt
                self.foreign.append(route.request.url)
                route.abort()

        page.route("**/*", route)


@dataclass
class Visit:
    """What one page showed on its first load: its load problems, axe's findings
    (every rule in light mode, then the dark mode rules once switched to dark) and
    what ``look`` read from it."""

    problems: list[str]
    violations: list[str]
    dark_violations: list[str]
    seen: dict = field(default_factory=dict)


# How many pages load at the same time in first_visits: each waits half a second of
# network silence ("networkidle"), which they then spend side by side.
PAGES_AT_ONCE = 4


def first_visits(
    browser,
    site_url: str,
    urls: dict[str, str],
    look: Callable[[object], dict] = lambda page: {},
) -> dict[str, Visit]:
    """Each page as a reader's first visit shows it: in a fresh browser context
    (nothing cached: every request is seen) in the light colour scheme, until the
    network has been idle for half a second (a request made late is seen too).
    Then ``look(page)`` reads what other tests need from the page, axe-core checks
    it with every rule, and then, switched to dark mode in place (switch_to_dark),
    with the rules whose result can depend on the theme (run_axe_in_dark_mode): a
    second load of every page in dark mode cost more than that check itself.

    The load problems are console errors and warnings, failed requests, requests to
    another host, and the search index fetched by a page other than the search page
    (or not by it).  Up to PAGES_AT_ONCE pages load side by side, each in its own
    context; they are then checked one at a time.
    """
    waiting = deque(urls.items())
    loading: deque = deque()
    visits = {}
    while waiting or loading:
        while waiting and len(loading) < PAGES_AT_ONCE:
            name, url = waiting.popleft()
            context = browser.new_context(color_scheme="light")
            context.add_init_script("localStorage.setItem('theme', 'light')")
            page = context.new_page()
            watch = Watch(page, site_url)
            page.goto(url, wait_until="commit")
            loading.append((name, url, context, page, watch))
        name, url, context, page, watch = loading.popleft()
        page.wait_for_load_state("networkidle")
        is_search = urlsplit(url).path.endswith("/search.html")
        if is_search:
            wait_for_search(page)
        loads_index = any(urlsplit(u).path.endswith("/searchindex.js") for u in watch.requests)
        problems = [*watch.errors]
        problems += [f"failed {f}" for f in watch.failed]
        problems += [f"request to another host {u}" for u in watch.foreign]
        if loads_index != is_search:
            problems.append(f"searchindex.js {'loaded' if loads_index else 'not loaded'}")
        # Recorded before axe runs: its script is the test's, not the page's.
        seen = look(page)
        light = run_axe(page)
        switch_to_dark(page)
        visits[name] = Visit(problems, light, run_axe_in_dark_mode(page), seen)
        context.close()
    return visits


def visit_each(context, urls: dict[str, str], look: Callable[[object], object]) -> dict:
    """``look(page)`` on each page, loaded in turn in one tab of ``context`` until its
    "load" event (styles, scripts and images are in: enough for layout, colours and
    axe; how pages load request by request is first_visits' concern).  The search
    page is read once its results are shown."""
    page = context.new_page()
    seen = {}
    for name, url in urls.items():
        page.goto(url, wait_until="load")
        if urlsplit(url).path.endswith("/search.html"):
            wait_for_search(page)
        seen[name] = look(page)
    page.close()
    return seen


PHONE = {
    "viewport": {"width": 375, "height": 812},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}

# Each level-one heading of the article, how many lines it takes (its text's line
# boxes; the hidden ¶ link after it is not counted) and its height in CSS pixels.
H1_LINES = """() => [...document.querySelectorAll('article h1')].map(h => {
    const tops = new Set();
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('.headerlink') || !n.data.trim()) continue;
      const range = document.createRange(); range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 1) tops.add(Math.round(r.top));
    }
    return [h.textContent.replace('\u00b6', '').trim(), tops.size,
            Math.round(h.getBoundingClientRect().height)];
})"""

# The most lines and pixels a page's title may take on a 375 px phone (812 px
# high).  At Furo's size (40 px) six English titles took three lines (150 px) and
# the overview's four (200 px), the first screen holding little else.  The longest
# still take three lines at the phone size (28 px) in the tests' font (DejaVu Sans,
# wider than a phone's own), 105 px.
H1_MOST_LINES = 3
H1_MOST_HEIGHT = 110

# The page's width, and the first elements of the text that stick out on the right
# of a 375 px screen.
SIDEWAYS = """() => ({
    width: document.scrollingElement.scrollWidth,
    culprits: [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > 375.5)
        .slice(0, 3).map(e => e.tagName + '.' + e.className),
})"""


def page_weight(browser, url: str) -> tuple[int, list[str]]:
    """Everything a phone-sized browser fetches for ``url``, uncompressed, as
    tools/page_weight.py counts it (the local server gzips like a real host), and
    the addresses fetched."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    tab = context.new_page()
    requests = []
    tab.on("requestfinished", lambda request: requests.append(request))
    tab.goto(url, wait_until="networkidle")
    total = sum(len(request.response().body()) for request in requests)
    context.close()
    return total, [request.url for request in requests]
