"""The English edition in the browser: the switcher between the editions, and its
search's highlights.  The checks of every page of both editions (loading, axe, a
phone's width, search) are in test_browser.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_fixtures import PHONE, tab, wait_for_search

pytestmark = pytest.mark.browser


SWITCH = "nav.book-editions a.book-edition-link"


def test_the_switcher_keeps_the_section_and_the_search_query(page, site_url) -> None:
    """From a section of a Japanese page to the same section of the English page and
    back, by keyboard; also after the reader followed a link within the page.  From
    the search page the other edition's search page opens with the same query and
    its results (the query was dropped, issue 20)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/overview.html")
    first, second = page.eval_on_selector_all(
        "article section section[id]", "els => els.slice(0, 2).map(e => e.id)"
    )
    page.goto(f"{site_url}/overview.html#{first}")
    page.focus(SWITCH)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/overview.html#{first}")
    assert page.evaluate("document.documentElement.lang") == "en"
    # Within the English page, to another section; then back to Japanese.
    page.evaluate(f"location.hash = '#{second}'")
    page.click(SWITCH)
    page.wait_for_url(re.compile(rf"/overview\.html#{second}$"))
    assert "/en/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "ja"
    page.goto(f"{site_url}/search.html?q=GENIAC")
    wait_for_search(page)
    page.click(SWITCH)
    page.wait_for_url(re.compile(r"/en/search\.html\?q=GENIAC$"))
    assert wait_for_search(page), "no English results after switching"
    assert page.locator("article input[name=q]").input_value() == "GENIAC"
    page.click(SWITCH)
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
    with tab(browser, f"{site_url}/en/index.html", **PHONE) as page:
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


def test_the_switcher_works_without_javascript(browser, site_url) -> None:
    url = f"{site_url}/parameters.html#anything"
    with tab(
        browser, url, java_script_enabled=False, viewport={"width": 1280, "height": 800}
    ) as page:
        page.click(SWITCH)
        page.wait_for_url("**/en/parameters.html")
        assert urlsplit(page.url).path.endswith("/en/parameters.html")
