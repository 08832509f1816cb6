"""The English edition: built from the same source beside the Japanese one, and linked.

The checks in Chromium (the browser tier, left out of `make check`); the quick ones are
in test_english_edition.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_fixtures import (
    H1_LINES,
    H1_MOST_HEIGHT,
    H1_MOST_LINES,
    PHONE,
    SIDEWAYS,
    first_visits,
    page_weight,
    visit_each,
    wait_for_search,
)
from conftest import Book

pytestmark = pytest.mark.browser
LANDING_LIMIT = 120 * 1024


# ==============================================================================
# In the browser
# ==============================================================================


def english_names(book: Book) -> list[str]:
    names = sorted(p.stem for p in book.en.html.glob("*.html"))
    assert "index" in names and "search" in names, names
    return names


def en_url(site_url: str, name: str) -> str:
    return f"{site_url}/en/{name}.html" + ("?q=GENIAC" if name == "search" else "")


def test_the_switcher_keeps_the_section(page, site_url) -> None:
    """From a section of a Japanese page to the same section of the English page and
    back, by keyboard; also after the reader followed a link within the page."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/overview.html")
    first, second = page.eval_on_selector_all(
        "article section section[id]", "els => els.slice(0, 2).map(e => e.id)"
    )
    page.goto(f"{site_url}/overview.html#{first}")
    page.focus("nav.book-editions a.book-edition-link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/overview.html#{first}")
    assert page.evaluate("document.documentElement.lang") == "en"
    # Within the English page, to another section; then back to Japanese.
    page.evaluate(f"location.hash = '#{second}'")
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url(re.compile(rf"/overview\.html#{second}$"))
    assert "/en/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "ja"


def test_the_switcher_keeps_the_search_query(page, site_url) -> None:
    """From the search page the other edition's search page opens with the same
    query and its results (the query was dropped, issue 20)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/search.html?q=GENIAC")
    wait_for_search(page)
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url(re.compile(r"/en/search\.html\?q=GENIAC$"))
    assert wait_for_search(page), "no English results after switching"
    assert page.locator("article input[name=q]").input_value() == "GENIAC"
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url(re.compile(r"/search\.html\?q=GENIAC$"))
    assert "/en/" not in page.url


# Highlighted matches on an English page: the text just before and just after each
# match, and the match.
HIGHLIGHTS = """() => [...document.querySelectorAll('span.highlighted')].map(e => [
    (e.previousSibling?.textContent || '').slice(-1), e.textContent,
    (e.nextSibling?.textContent || '').slice(0, 4)])"""


def test_english_matches_are_highlighted_as_words(page, site_url) -> None:
    """In English a term is highlighted where it is a word (or a word and its
    ending: model → models), not inside another word: "ai" was highlighted in
    "explained" and "against", "capac" in "capacity" (issue 20).  Japanese has
    no spaces between words: there every match stays (test_browser.py)."""
    seen = {}
    for term in ("ai", "capac", "model"):
        page.goto(f"{site_url}/en/parameters.html?highlight={term}")
        page.wait_for_timeout(300)  # sphinx_highlight.js highlights 10 ms after loading
        seen[term] = page.evaluate(HIGHLIGHTS)
    inside = [
        f"{term}: …{before}[{match}]{after}…"
        for term, marks in seen.items()
        for before, match, after in marks
        if re.match(r"[A-Za-z0-9]", before)
        or re.match(r"[A-Za-z0-9]", after)
        and not re.match(r"(s|es|ed|d|ing)\b", after)
    ]
    assert not inside, "\n".join(inside[:10])
    assert seen["ai"], "AI is no longer highlighted as a word"
    assert any(after.startswith("s") for _, _, after in seen["model"]), "models lost its match"
    assert not seen["capac"], seen["capac"]


def test_the_switcher_is_in_the_phone_header(browser, site_url) -> None:
    """At 375 px the sidebar is behind the menu button; the header has the link."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/en/index.html")
    # The sidebar's link is off screen in the closed drawer; the header's is on screen.
    drawer = page.locator("nav.book-editions a").bounding_box()
    header = page.locator(".mobile-header a.book-edition-link").bounding_box()
    assert drawer["x"] + drawer["width"] <= 0, drawer
    assert 0 <= header["x"] and header["x"] + header["width"] <= 375, header
    assert header["height"] >= 24, header  # a target a finger can hit (WCAG 2.2)
    # On one line beside the long English title (it once stood a character a line).
    lines = page.locator(".mobile-header a.book-edition-link").evaluate(
        """a => { const r = document.createRange(); r.selectNodeContents(a);
                  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"""
    )
    assert lines == 1, f"the header's switcher takes {lines} lines"
    page.click(".mobile-header a.book-edition-link")
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert "/en/" not in page.url
    context.close()


def test_the_switcher_works_without_javascript(browser, site_url) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{site_url}/parameters.html#anything")
    page.click("nav.book-editions a.book-edition-link")
    page.wait_for_url("**/en/parameters.html")
    assert urlsplit(page.url).path.endswith("/en/parameters.html")
    context.close()


@pytest.fixture(scope="session")
def english_visits(browser, site_url, book: Book) -> dict:
    """Every English page's first visit (browser_fixtures.first_visits: a fresh
    context, light mode, until the network is idle, then every axe rule)."""
    urls = {name: en_url(site_url, name) for name in english_names(book)}
    return first_visits(browser, site_url, urls)


def test_english_pages_load_cleanly_and_offline(english_visits) -> None:
    """No console error, no failed request, nothing fetched from another host, and
    the search index is fetched by the search page only."""
    problems = [f"en/{name}: {p}" for name, visit in english_visits.items() for p in visit.problems]
    assert not problems, "\n".join(problems)


def test_english_pages_axe_clean_in_light_mode(english_visits) -> None:
    """Every axe rule: the English pages share the Japanese pages' templates and
    styles, but not their text or language."""
    problems = [
        f"en/{name}: {v}" for name, visit in english_visits.items() for v in visit.violations
    ]
    assert not problems, "\n".join(problems)


def test_english_pages_axe_clean_in_dark_mode(english_visits) -> None:
    """The rules whose result can depend on the theme (browser_fixtures
    DARK_MODE_RULES: colours, images' text alternatives; every rule on a page with
    dark-only content), on each page's first visit switched to dark mode
    (browser_fixtures.switch_to_dark): dark mode only swaps colours, and every
    other rule is checked in light mode on the same pages."""
    problems = [
        f"en/{name}: {v}" for name, visit in english_visits.items() for v in visit.dark_violations
    ]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def english_phone_visits(browser, site_url, book: Book) -> dict:
    """Every English page on a 375 px phone, loaded once: its width (SIDEWAYS) and
    its title's lines (H1_LINES)."""
    context = browser.new_context(**PHONE)
    urls = {name: en_url(site_url, name) for name in english_names(book)}
    found = visit_each(
        context,
        urls,
        lambda page: {"sideways": page.evaluate(SIDEWAYS), "h1_lines": page.evaluate(H1_LINES)},
    )
    context.close()
    return found


def test_english_pages_do_not_scroll_sideways_on_a_phone(english_phone_visits) -> None:
    wide = [
        f"en/{name}: {seen['sideways']['width']}px {seen['sideways']['culprits']}"
        for name, seen in english_phone_visits.items()
        if seen["sideways"]["width"] > 375
    ]
    assert not wide, "\n".join(wide)


def test_english_page_titles_stay_short_on_a_phone(english_phone_visits) -> None:
    """The English titles are longer than the Japanese ones: at Furo's 40 px, six
    of them took three lines of a 375 px screen and the overview's four (issue 20)."""
    long = [
        f"en/{name}: {title!r} takes {lines} lines, {height} px"
        for name, seen in english_phone_visits.items()
        for title, lines, height in seen["h1_lines"]
        if lines > H1_MOST_LINES or height > H1_MOST_HEIGHT
    ]
    assert all(seen["h1_lines"] for seen in english_phone_visits.values()), "a page without h1"
    assert not long, "\n".join(long)


def test_english_landing_page_weighs_at_most_120_kib(browser, site_url) -> None:
    """Everything the browser fetches for the English top page, uncompressed, as
    tools/page_weight.py counts it (it summed the gzipped sizes the local server
    sends, a third of the goal's bytes)."""
    total, fetched = page_weight(browser, f"{site_url}/en/index.html")
    assert total <= LANDING_LIMIT, f"{total / 1024:.1f} KiB > 120 KiB: {fetched}"


# Ten queries an English reader would type, and the page that should come first:
# the chapter about it (its sections treat it).  They hold once the translators'
# PO files are in (until then the English pages are still Japanese).
ENGLISH_SEARCHES = [
    ("parameters", "parameters"),
    ("GENIAC", "overview"),
    ("supplementary budget", "overview"),
    ("DeepSeek", "updates"),
    ("open weights", "updates"),
    ("private investment", "comparison"),
    ("GPU memory", "parameters"),
    ("Rakuten AI 3.0", "updates"),
    ("continued pre-training", "domestic"),
    ("Stanford AI Index", "comparison"),
]


@pytest.mark.parametrize(("query", "expected"), ENGLISH_SEARCHES)
def test_english_search_puts_the_right_page_first(page, site_url, query, expected) -> None:
    page.goto(f"{site_url}/en/search.html?q={query}")
    results = wait_for_search(page)
    assert results, f"{query}: no result"
    first = urlsplit(results[0]).path.rsplit("/", 1)[-1].removesuffix(".html")
    assert first == expected, f"{query}: {first} first, expected {expected} ({results[:5]})"
