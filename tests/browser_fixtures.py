"""Browser fixtures and helpers: the built site served on 127.0.0.1 like its host
(tests/site_server.py) and Debian's Chromium driven by Playwright (a browser
Playwright downloads itself cannot be fetched here).
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from site_server import serve

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_SCRIPTS = Path(__file__).parent / "page_scripts"

# The axe rules whose result can differ between the light and the dark theme.
# Furo's dark theme swaps the values of its CSS colour properties and nothing else
# in the page (the book has no ``only-dark``/``only-light`` content): what can break
# in dark mode is a colour, so the colour rules run in both themes, and every other
# rule (structure, names, landmarks, language …) in light mode only.  The theme
# toggle does show a different icon in each theme: the rules about images' text
# alternatives run in dark mode too.  A page that has ``.only-dark`` content gets
# the whole rule set in dark mode as well (dark_mode_rules).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
IMAGE_RULES = ["image-alt", "svg-img-alt", "role-img-alt", "input-image-alt"]
DARK_MODE_RULES = COLOUR_RULES + IMAGE_RULES


@functools.cache
def page_script(name: str) -> str:
    """The page function in tests/page_scripts/<name>.js, for ``page.evaluate`` and the
    like (read once per process).  A script of more than a few lines is kept there, as
    JavaScript, with a header saying what it returns and which test uses it; a
    one-liner stays in its test."""
    return (PAGE_SCRIPTS / f"{name}.js").read_text(encoding="utf-8")


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
    with tab(browser) as page:
        yield page


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


def dark_mode_rules(page) -> list[str] | None:
    """DARK_MODE_RULES, or every rule (None) on a page with dark-only content."""
    return None if page.locator(".only-dark").count() else DARK_MODE_RULES


def switch_to_dark(page) -> None:
    """The loaded page in dark mode, as a reader whose system is dark and who chose
    dark with the theme's toggle sees it: the scheme emulated, the choice stored and
    applied as Furo's toggle does (``body[data-theme]``), no colour transition (Furo
    eases a few backgrounds) still running."""
    page.emulate_media(color_scheme="dark")
    page.evaluate(
        "() => { localStorage.setItem('theme', 'dark'); document.body.dataset.theme = 'dark'; }"
    )
    page.wait_for_function(
        "() => document.getAnimations().filter(a => a instanceof CSSTransition)"
        ".every(a => a.playState !== 'running')"
    )


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

    def problems(self) -> list[str]:
        return [
            *self.errors,
            *(f"failed {f}" for f in self.failed),
            *(f"request to another host {u}" for u in self.foreign),
        ]


@dataclass
class Visit:
    """What one page showed on its first load: its load problems, axe's findings in
    light mode (every rule) and in dark mode, and what ``look`` read from it."""

    problems: list[str]
    light: list[str]
    dark: list[str]
    seen: dict


# How many pages load at the same time in first_visits: each waits half a second of
# network silence ("networkidle"), which they then spend side by side.  (Checking them
# side by side too, in batches, was slower: axe-core keeps both cores busy already.)
PAGES_AT_ONCE = 4


def first_visits(browser, site_url: str, urls: dict[str, str], look: Callable) -> dict:
    """{name: Visit} of each page as a reader's first visit shows it: a fresh context
    (nothing cached: every request is seen), light mode, until the network has been
    idle for half a second (a late request is seen too).  Then ``look(page)`` reads
    the page (before axe's script is added), axe checks it with every rule, and,
    switched to dark mode in place, with dark_mode_rules (a second load of every page
    in dark mode cost more than that check itself).

    The load problems are console errors and warnings, failed requests, requests to
    another host, and the search index fetched by a page other than the search page
    (or not by it)."""
    waiting, loading, visits = deque(urls.items()), deque(), {}
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
        problems = watch.problems()
        if any(urlsplit(u).path.endswith("/searchindex.js") for u in watch.requests) != is_search:
            problems.append(f"searchindex.js {'not ' if is_search else ''}loaded")
        seen = look(page)
        light = run_axe(page)
        switch_to_dark(page)
        visits[name] = Visit(problems, light, run_axe(page, dark_mode_rules(page)), seen)
        context.close()
    return visits


PHONE = {
    "viewport": {"width": 375, "height": 812},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
