"""The web site as readers get it, checked in a real browser (Debian's Chromium).

Every page is served on 127.0.0.1 (tests/site_server.py) and loaded by
Playwright: it must load cleanly and offline, search must find the right chapter
for Japanese queries, the downloads must be the real PDF and EPUB, links must
land on their targets, dark mode and a phone-width screen must work, and
axe-core must find no accessibility violation in light or dark mode.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_fixtures import (
    H1_LINES,
    H1_MOST_HEIGHT,
    H1_MOST_LINES,
    PHONE,
    SIDEWAYS,
    Visit,
    Watch,
    first_visits,
    page_weight,
    serve,
    tab,
    visit_each,
    wait_for_search,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PDF = "geniac-rakuten-book.pdf"
EPUB = "geniac-rakuten-book.epub"
JAPANESE = "\u3040-\u30ff\u3400-\u9fff"


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="session")
def page_names(book) -> list[str]:
    """Every HTML page of the site ("index", "overview", …, "search", "404")."""
    names = sorted(p.stem for p in book.html.glob("*.html"))
    assert "index" in names and "404" in names, names
    return names


def page_url(site_url: str, name: str) -> str:
    # The search page is checked with a query, so that its results are shown too.
    return f"{site_url}/{name}.html" + ("?q=GENIAC" if name == "search" else "")


def is_dark(rgb: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.25


# ---------------------------------------------------------------- every page


# What the tests below read from each page on its first visit: its <head>, and its
# in-book links with a #fragment (the address, and whether it is a glossary term).
# Headings and captions whose hidden ¶ link takes a line of its own: the height
# with the link against the height without it (it is restored at once).
HEADERLINK_ROOM = """(() => {
    const out = [];
    for (const a of document.querySelectorAll('article a.headerlink')) {
      const box = a.parentElement, before = box.getBoundingClientRect().height;
      a.style.display = 'none';
      const without = box.getBoundingClientRect().height;
      a.style.display = '';
      if (before - without > 1) out.push(box.textContent.trim().slice(0, 40));
    }
    return out;
})()"""

# Captions that wrap: where each of their lines starts (a centred caption of two
# lines starts them at different places).
CAPTION_LINES = """(() => [...document.querySelectorAll('figcaption > p')].map(p => {
    const range = document.createRange(); range.selectNodeContents(p);
    const lefts = {};
    for (const r of range.getClientRects()) {
      const top = Math.round(r.top);
      lefts[top] = Math.min(lefts[top] ?? Infinity, Math.round(r.left));
    }
    return [p.textContent.trim().slice(0, 30), Object.values(lefts)];
}))()"""

READ_PAGE = (
    """() => ({
    captionLines: """
    + CAPTION_LINES
    + """,
    headerlinkRoom: """
    + HEADERLINK_ROOM
    + """,
    head: {
        lang: document.documentElement.lang,
        description: document.querySelector('meta[name=description]')?.content || '',
        icon: document.querySelector('link[rel~=icon]')?.href || '',
        og: [...document.querySelectorAll('meta[property^="og:"]')].map(m => m.getAttribute('property')),
    },
    links: [...document.querySelectorAll("article a.reference.internal[href*='#']")]
        .map(a => [a.href, !!a.querySelector('.std-term')]),
})"""
)


@pytest.fixture(scope="session")
def light_visits(browser, site_url, page_names) -> dict[str, Visit]:
    """Every page's first visit (browser_fixtures.first_visits: a fresh context, light
    mode, until the network is idle, then every axe rule).  One load of each page
    serves the loading test, the light axe test, the metadata test and the
    link-following tests (loading every page again for each cost most of their time)."""
    urls = {name: page_url(site_url, name) for name in page_names}
    return first_visits(browser, site_url, urls, lambda page: page.evaluate(READ_PAGE))


@pytest.fixture(scope="session")
def english_urls(book, site_url) -> dict[str, str]:
    """Every English page's address."""
    names = sorted(p.stem for p in book.en.html.glob("*.html"))
    assert "index" in names and "search" in names, names
    return {name: page_url(f"{site_url}/en", name) for name in names}


@pytest.fixture(scope="session")
def english_visits(browser, site_url, english_urls) -> dict[str, Visit]:
    """Every English page's first visit, as light_visits (without reading the page)."""
    return first_visits(browser, site_url, english_urls)


@pytest.fixture(scope="session")
def english_phone_visits(browser, english_urls) -> dict[str, dict]:
    """Every English page on a 375 px phone, loaded once: its width (SIDEWAYS) and
    its title's lines (H1_LINES)."""
    context = browser.new_context(**PHONE)
    look = lambda page: {"sideways": page.evaluate(SIDEWAYS), "h1_lines": page.evaluate(H1_LINES)}  # noqa: E731
    seen = visit_each(context, english_urls, look)
    context.close()
    return seen


# Each edition's pages (the English ones share the Japanese pages' templates and
# styles, but not their text or language): the fixtures of its visits, and the prefix
# its pages are named with in a failure.
EDITIONS = pytest.mark.parametrize("language", ["ja", "en"])
VISITS = {"ja": ("", "light_visits", "phone_visits"),
          "en": ("en/", "english_visits", "english_phone_visits")}  # fmt: skip


def visits(request, language: str, phone: bool = False) -> tuple[str, dict]:
    prefix, light, on_a_phone = VISITS[language]
    return prefix, request.getfixturevalue(on_a_phone if phone else light)


@EDITIONS
def test_every_page_loads_cleanly_and_offline(request, language):
    """No console error, no failed request, nothing fetched from another host, and
    the search index is fetched by the search page only."""
    prefix, seen = visits(request, language)
    problems = [f"{prefix}{name}: {p}" for name, visit in seen.items() for p in visit.problems]
    assert not problems, "\n".join(problems)


def test_chromium_starts_no_page_of_its_own(browser, page, site_url):
    """The browser the tests drive runs the page under test and nothing else: no page
    of Chromium's own interface (its address bar's popup, built as a web page in
    every new context, cost more CPU than the book's pages; tests/chromium.py turns
    it off by its feature names, which a Chromium update may change)."""
    page.goto(f"{site_url}/index.html", wait_until="load")
    session = browser.new_browser_cdp_session()
    targets = session.send("Target.getTargets")["targetInfos"]
    session.detach()
    own = [f"{t['type']} {t['url']}" for t in targets if not t["url"].startswith(site_url)]
    assert not own, (
        "Chromium opened pages of its own (find the features that make them and add "
        "them to tests/chromium.py): " + ", ".join(own)
    )


def test_missing_page_gets_the_404_page_with_its_styles(page, site_url):
    """A wrong address anywhere on the site shows the book's 404 page, styled."""
    watch = Watch(page, site_url)
    response = page.goto(f"{site_url}/no/such/page.html", wait_until="networkidle")
    assert response.status == 404
    assert "ページが見つかりません" in page.inner_text("h1")
    # Its stylesheets are absolute paths under the base URL; they must load.
    stylesheets = page.eval_on_selector_all(
        "link[rel=stylesheet]", "els => els.map(e => e.sheet && e.sheet.cssRules.length)"
    )
    assert stylesheets and all(stylesheets), stylesheets
    # The page itself is the one expected 404.
    watch.failed = [f for f in watch.failed if "/no/such/page.html" not in f]
    watch.errors = [e for e in watch.errors if "/no/such/page.html" not in e]
    assert not (watch.failed or watch.foreign or watch.errors), vars(watch)


def test_page_metadata(page, light_visits):
    """lang="ja", a description, Open Graph tags and favicon everywhere (read on
    each page's first visit; each favicon address is fetched once).

    The canonical link and og:url name the public address, which a local build
    has not: tests/test_hosting.py checks them on a build that has one."""
    problems = []
    icons: dict[str, bool] = {}
    for name, visit in light_visits.items():
        head = visit.seen["head"]
        if head["lang"] != "ja":
            problems.append(f"{name}: lang={head['lang']!r}")
        if len(head["description"]) < 10:
            problems.append(f"{name}: description {head['description']!r}")
        if name not in ("search", "genindex", "404"):
            missing = {"og:title", "og:description", "og:type"} - set(head["og"])
            if missing:
                problems.append(f"{name}: missing {sorted(missing)}")
        if not head["icon"]:
            problems.append(f"{name}: no favicon")
        else:
            if head["icon"] not in icons:
                icon = page.request.get(head["icon"])
                icons[head["icon"]] = icon.ok and b"<svg" in icon.body()
            if not icons[head["icon"]]:
                problems.append(f"{name}: favicon {head['icon']} does not load")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- search

# The chapter a reader searching for the term should find first: the one that is
# about it (its sections treat the term), or the glossary when only the glossary
# explains the term.
SEARCHES = [
    ("パラメータ", "parameters"),
    ("基盤モデル", {"overview", "domestic"}),  # the story's, or the chapter named after it
    ("楽天経済圏", "overview"),
    ("GENIAC", "overview"),
    ("NEDO", "overview"),
    ("補正予算", "overview"),
    ("MMLU", {"comparison", "glossary"}),  # the results, or what MMLU is
    ("投資", "comparison"),
    ("AIエージェント", "overview"),
    # the figure is in no heading since it became a reported one (a heading carries
    # no attribution): the chapter that explains its scale, or the one that sets the
    # released model against it (equal scores; Sphinx then orders by name)
    ("7000億", {"parameters", "updates"}),
    # the domestic chapter, for a model's name and for 国産
    ("国産", "domestic"),
    ("Sarashina2", "domestic"),
    ("LLM-jp", "domestic"),
    ("tsuzumi", "domestic"),
    ("Stockmark", "domestic"),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search_puts_the_right_chapter_first(page, site_url, query, expected):
    page.goto(f"{site_url}/search.html?q={query}")
    results = wait_for_search(page)
    assert results, f"{query}: no result"
    first = urlsplit(results[0]).path.rsplit("/", 1)[-1].removesuffix(".html")
    expected = {expected} if isinstance(expected, str) else expected
    assert first in expected, f"{query}: first {results[0]}, all {results}"


def test_search_says_how_many_pages_it_found(page, site_url):
    """After a search the page says, in Japanese, how many pages it found: Sphinx's
    Japanese catalogue leaves that message untranslated, so the reader saw an empty
    line (the words are the book's: locales/ja/LC_MESSAGES/sphinx.po)."""
    page.goto(f"{site_url}/search.html?q=GENIAC")
    results = wait_for_search(page)
    summary = page.inner_text("#search-results .search-summary")
    assert summary == f"検索が終わりました。{len(results)} 件のページが見つかりました。", summary


def test_search_from_the_sidebar_box(page, site_url):
    """A reader types a compound word in the search box of a chapter."""
    page.goto(f"{site_url}/glossary.html")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("input.sidebar-search", "基盤モデル")
    page.press("input.sidebar-search", "Enter")
    page.wait_for_url("**/search.html?**")
    assert wait_for_search(page), "no result for 基盤モデル from the search box"


def test_search_highlights_only_the_page_opened_from_the_results(page, site_url):
    """The matches are highlighted on the page a reader opens from the results,
    not on whichever page comes next: Sphinx kept the terms in localStorage for
    the next page loaded (the glossary, opened from the menu, showed 10 matches of
    a search already left behind; issue 20, _static/search_highlight.js)."""
    page.goto(f"{site_url}/search.html?q=GENIAC")
    assert wait_for_search(page), "no result for GENIAC"
    page.goto(f"{site_url}/glossary.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)  # sphinx_highlight.js highlights 10 ms after loading
    assert page.locator("span.highlighted").count() == 0, "the glossary kept the search's terms"
    # From the results: the page opened highlights the terms, its address keeps none.
    page.goto(f"{site_url}/search.html?q=GENIAC")
    wait_for_search(page)
    page.click("#search-results ul.search > li > a >> nth=0")
    page.wait_for_function("() => document.querySelectorAll('span.highlighted').length > 0")
    assert "highlight=" not in page.url, page.url
    # And only there: the next page is clean again.
    page.goto(f"{site_url}/faq.html")
    page.wait_for_timeout(200)
    assert page.locator("span.highlighted").count() == 0


def test_the_search_page_has_its_own_search_box_on_a_phone(browser, site_url):
    """At 375 px the sidebar's search box is behind the menu button: the results page
    has its own, on screen, with the query in it, in both editions (issue 20)."""
    with tab(browser, **PHONE) as page:
        for prefix, query in (("", "基盤モデル"), ("/en", "GPU memory")):
            page.goto(f"{site_url}{prefix}/search.html?q={query}")
            wait_for_search(page)
            box = page.locator("article input[name=q]")
            assert box.count() == 1, f"{prefix or 'ja'}: no search box in the page"
            assert box.input_value() == query
            where = box.bounding_box()
            assert where and where["x"] >= 0 and where["x"] + where["width"] <= 375, where
            assert where["y"] + where["height"] <= 812, f"below the first screen: {where}"
            # A new query from that box.
            box.fill("GENIAC")
            box.press("Enter")
            page.wait_for_url("**/search.html?q=GENIAC")
            assert wait_for_search(page), f"{prefix or 'ja'}: no result from the page's box"


# ---------------------------------------------------------------- downloads


def check_download(page, href: str) -> None:
    response = page.request.get(href)
    assert response.ok, f"{href}: HTTP {response.status}"
    body = response.body()
    if href.endswith(".pdf"):
        assert body.startswith(b"%PDF-"), f"{href} is not a PDF"
    else:
        archive = zipfile.ZipFile(io.BytesIO(body))
        first = archive.infolist()[0]
        assert first.filename == "mimetype", f"{href}: first entry {first.filename}"
        assert archive.read("mimetype") == b"application/epub+zip"


# The goals of tools/page_weight.py: any page with its figures and assets (200 KiB),
# the longest page among them (it weighed 340 KiB as one flat list, issue 20), and the
# top pages (120 KiB; the Japanese one weighed 123 KiB with the stylesheets' comments).
PAGE_WEIGHTS = [
    ("sources", 200),
    ("en/sources", 200),
    ("index", 120),
    ("en/index", 120),
]


@pytest.mark.parametrize(("name", "kib"), PAGE_WEIGHTS)
def test_page_weighs_at_most_its_goal(browser, site_url, name, kib):
    """Everything the browser fetches for the page, uncompressed, as
    tools/page_weight.py counts it (it summed the gzipped sizes the local server
    sends, a third of the goal's bytes)."""
    total, fetched = page_weight(browser, f"{site_url}/{name}.html")
    assert total <= kib * 1024, f"{total / 1024:.1f} KiB > {kib} KiB: {fetched}"


def test_downloads_linked_from_every_page(page, site_url, page_names):
    seen = set()
    for name in page_names:
        page.goto(page_url(site_url, name))
        links = page.eval_on_selector_all(
            ".sidebar-drawer a[href$='.pdf'], .sidebar-drawer a[href$='.epub']",
            "els => els.map(a => a.href)",
        )
        kinds = sorted(href.rsplit(".", 1)[-1] for href in links)
        assert kinds == ["epub", "pdf"], f"{name}: sidebar download links {links}"
        seen.update(links)
    for href in seen:
        check_download(page, href)


def test_downloads_linked_from_the_top_page(page, site_url):
    page.goto(f"{site_url}/index.html")
    links = page.eval_on_selector_all(
        "article a[href$='.pdf'], article a[href$='.epub']", "els => els.map(a => a.href)"
    )
    assert {h.rsplit("/", 1)[-1] for h in links} == {PDF, EPUB}, links
    for href in links:
        check_download(page, href)


# ---------------------------------------------------------------- links


def test_cross_references_and_glossary_links_land_on_their_targets(browser, light_visits):
    """Every in-book link with a #fragment, followed in the browser, shows its target.

    The links (read on each page's first visit) are grouped by the page they lead
    to, and each such page is loaded once, as when a reader follows its first link
    from another page: the theme's smooth scroll must bring that target into view.
    The page's other targets are then followed on the loaded page, all in one go in
    the page (the fragment set again from the top of the page, as a fresh load would
    start), with the scroll made instant: a smooth scroll ends where an instant one
    lands, and 106 links into the sources page at 1.3 s of animation each took most
    of this test's minutes.  A target not in view after an instant jump is followed
    again the slow way (landing) before it is reported.
    """
    links: dict[str, str] = {}  # absolute href -> the page it was found on
    term_links = 0
    for name, visit in light_visits.items():
        for href, is_term in visit.seen["links"]:
            links.setdefault(href, name)
            term_links += is_term
    assert term_links, "no glossary ({term}) link in the book"
    assert links, "no cross-reference with a fragment in the book"
    by_target: dict[str, list[str]] = {}
    for href in sorted(links):
        by_target.setdefault(href.split("#", 1)[0], []).append(href)
    problems, followed = [], 0
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for first, *others in by_target.values():
        page.goto(first)  # a fresh load, scrolled smoothly by the theme
        outcomes = {first: landing(page, unquote(urlsplit(first).fragment))}
        jumped = page.evaluate(FOLLOW_FRAGMENTS, [urlsplit(h).fragment for h in others])
        for href, in_view in zip(others, jumped, strict=True):
            outcomes[href] = "visible"
            if not in_view:
                page.evaluate(GO_TO_FRAGMENT, urlsplit(href).fragment)
                outcomes[href] = landing(page, unquote(urlsplit(href).fragment))
        for href, state in outcomes.items():
            if state != "visible":
                problems.append(
                    f"{links[href]}: {href} -> #{unquote(urlsplit(href).fragment)} {state}"
                )
            followed += 1
    context.close()
    assert followed == len(links)
    assert not problems, "\n".join(problems)


# Resolves once the page has not scrolled for five frames (the end of a smooth
# scroll: a scroll still running would carry on past the next instant one).
SCROLL_STOPPED = """() => new Promise(resolve => {
    let last = NaN, still = 0;
    const frame = () => {
        if (window.scrollY === last) { if (++still >= 5) return resolve(true); }
        else { still = 0; last = window.scrollY; }
        requestAnimationFrame(frame);
    };
    frame();
})"""


# Follow a link to #fragment on the page already loaded: from the top of the page,
# with the scroll instant (see the test above), and the fragment set afresh even
# when it is the one in the address already.
GO_TO_FRAGMENT = """fragment => {
    document.documentElement.style.scrollBehavior = 'auto';
    history.replaceState(null, '', location.pathname + location.search);
    window.scrollTo({top: 0, behavior: 'instant'});
    location.hash = fragment;
}"""

# The target is at the top of the window (below the theme's scroll margin), or
# in view with the page scrolled to its end (a target near the end of a page).
IN_VIEW = """id => { const el = document.getElementById(id);
                      if (!el) return false;
                      const top = el.getBoundingClientRect().top;
                      const atEnd = Math.ceil(window.scrollY + window.innerHeight)
                                    >= document.scrollingElement.scrollHeight - 1;
                      return top >= -1 && (top < 120 || (atEnd && top < window.innerHeight)); }"""

# GO_TO_FRAGMENT for each fragment in turn, in the page; whether each target is in
# view (IN_VIEW) at the next frame (the jump is instant: it lands at once; the frame
# lets the theme's scroll handlers run, which move only its table of contents).
FOLLOW_FRAGMENTS = f"""async fragments => {{
    const goTo = {GO_TO_FRAGMENT};
    const inView = {IN_VIEW};
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    const seen = [];
    for (const fragment of fragments) {{
        goTo(fragment);
        await frame();
        seen.push(inView(decodeURIComponent(fragment)));
    }}
    return seen;
}}"""


def landing(page, fragment: str) -> str:
    """'visible' when the target is in view once the scroll has stopped (a smooth
    scroll gets up to 5 s to arrive), else where it is: 'missing' or 'out of view
    (top …)'."""
    try:
        page.wait_for_function(IN_VIEW, arg=fragment, timeout=5000)
        page.evaluate(SCROLL_STOPPED)  # where it stops, not only where it passed
        if page.evaluate(IN_VIEW, fragment):
            return "visible"
    except PlaywrightTimeout:
        pass
    return page.evaluate(
        """id => { const el = document.getElementById(id);
                       return el ? `out of view (top ${Math.round(el.getBoundingClientRect().top)})`
                                 : 'missing'; }""",
        fragment,
    )


def test_clicking_a_glossary_term_scrolls_to_its_definition(page, site_url, light_visits):
    page.set_viewport_size({"width": 1280, "height": 800})
    name = next(
        (
            name
            for name, visit in light_visits.items()
            if name != "glossary" and any(is_term for _, is_term in visit.seen["links"])
        ),
        None,
    )
    if name is None:
        pytest.fail("no page links to a glossary term")
    page.goto(page_url(site_url, name))
    term = page.query_selector("article a.reference.internal:has(.std-term)")
    target = unquote(urlsplit(term.get_attribute("href")).fragment)
    term.click()
    page.wait_for_url(re.compile(r".*/glossary\.html#"))
    try:
        page.wait_for_function(IN_VIEW, arg=target, timeout=5000)
    except PlaywrightTimeout:
        pytest.fail(f"#{target} is not scrolled into view after the click")


# ---------------------------------------------------------------- layout and theme


def test_dark_mode_renders(browser, site_url):
    """Furo's dark theme: chosen by the toggle (localStorage) or by the system."""
    for how in ("stored", "system"):
        with tab(browser, color_scheme="dark" if how == "system" else "light") as page:
            if how == "stored":
                page.add_init_script("localStorage.setItem('theme', 'dark')")
            page.goto(f"{site_url}/parameters.html")
            if how == "stored":
                assert page.get_attribute("body", "data-theme") == "dark"
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            text = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
        assert is_dark(background), f"{how}: background {background}"
        assert not is_dark(text), f"{how}: text {text}"


def test_theme_toggle_switches_to_dark(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/index.html")
    for _ in range(3):  # auto -> dark/light -> ... until dark
        if page.get_attribute("body", "data-theme") == "dark":
            break
        page.click(".theme-toggle-content .theme-toggle")
    assert page.get_attribute("body", "data-theme") == "dark"
    assert is_dark(page.evaluate("getComputedStyle(document.body).backgroundColor"))


@pytest.fixture(scope="session")
def phone_visits(browser, site_url, page_names) -> dict[str, dict]:
    """Every page on a 375 px phone (touch, 2× pixels), loaded once: its width
    (SIDEWAYS), how its headings wrap (HEADING_BREAKS) and its title's lines (H1_LINES)."""
    context = browser.new_context(**PHONE)
    urls = {name: page_url(site_url, name) for name in page_names}
    seen = visit_each(
        context,
        urls,
        lambda page: {
            "sideways": page.evaluate(SIDEWAYS),
            "headings": page.evaluate(HEADING_BREAKS),
            "headerlink_room": page.evaluate("() => " + HEADERLINK_ROOM),
            "h1_lines": page.evaluate(H1_LINES),
        },
    )
    context.close()
    return seen


def test_the_hidden_heading_link_takes_no_line_of_its_own(light_visits, phone_visits):
    """A heading that fills its last line keeps its height: the hidden ¶ link after
    it used to wrap onto a line of its own, a blank line under the heading (ten
    headings at 375 px and 1280 px)."""
    room = [
        f"{width}: {name}: {heading}"
        for width, visits in (("1280 px", {n: v.seen for n, v in light_visits.items()}),
                              ("375 px", phone_visits))
        for name, seen in visits.items()
        for heading in seen.get("headerlinkRoom", seen.get("headerlink_room", []))
    ]  # fmt: skip
    assert not room, "\n".join(room)


def test_captions_that_wrap_read_left_aligned(light_visits):
    """A caption that states a finding often takes two lines: every line starts at
    the same place (centred, the second line stood apart from the first)."""
    ragged = [
        f"{name}: {caption} {lefts}"
        for name, visit in light_visits.items()
        for caption, lefts in visit.seen["captionLines"]
        if len(lefts) > 1 and max(lefts) - min(lefts) > 2
    ]
    assert not ragged, "\n".join(ragged)


@EDITIONS
def test_page_titles_stay_short_on_a_phone(request, language):
    """At 375 px a page's title (h1) leaves room for the text under it: a smaller
    size on narrow screens, its lines balanced (issue 20: the English titles are
    longer; at Furo's 40 px six of them took three lines and the overview's four)."""
    prefix, seen_on_phone = visits(request, language, phone=True)
    long = [
        f"{prefix}{name}: {title!r} takes {lines} lines, {height} px"
        for name, seen in seen_on_phone.items()
        for title, lines, height in seen["h1_lines"]
        if lines > H1_MOST_LINES or height > H1_MOST_HEIGHT
    ]
    assert all(seen["h1_lines"] for seen in seen_on_phone.values()), "a page without h1"
    assert not long, "\n".join(long)


@EDITIONS
def test_nothing_scrolls_sideways_on_a_phone(request, language):
    prefix, seen_on_phone = visits(request, language, phone=True)
    wide = [
        f"{prefix}{name}: {seen['sideways']['width']}px {seen['sideways']['culprits']}"
        for name, seen in seen_on_phone.items()
        if seen["sideways"]["width"] > 375
    ]
    assert not wide, "\n".join(wide)


# Where the headings of the page wrap, and the wraps inside a phrase (BudouX <wbr>
# marks the phrases) when the phrase would fit on a line.
HEADING_BREAKS = r"""() => {
    const letter = /[\p{Letter}\p{Number}]/u;
    const bad = []; let wrapped = 0;
    for (const h of document.querySelectorAll('article :is(h1,h2,h3,h4)')) {
      // The heading's characters with their line, and the phrase marks.
      const chars = [], marks = new Set();
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_ALL);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeName === 'WBR') marks.add(chars.length);
        if (n.nodeType !== Node.TEXT_NODE || n.parentElement.closest('.headerlink')) continue;
        for (let i = 0; i < n.data.length; i++) {
          const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
          const rect = r.getBoundingClientRect();
          chars.push({c: n.data[i], top: rect.top, width: rect.width});
        }
      }
      const lineWidth = h.clientWidth;
      for (let i = 1; i < chars.length; i++) {
        if (chars[i].top - chars[i - 1].top < 4) continue;  // same line
        wrapped++;
        if (marks.has(i) || !letter.test(chars[i].c) || !letter.test(chars[i - 1].c)) continue;
        // Inside a phrase: allowed only when the phrase cannot fit on a line.
        let s = i, e = i;
        while (s > 0 && !marks.has(s)) s--;
        while (e < chars.length && !marks.has(e)) e++;
        const phrase = chars.slice(s, e);
        const width = phrase.reduce((w, ch) => w + ch.width, 0);
        if (width <= lineWidth) bad.push(h.textContent.trim() + ' | broken before "' +
            chars.slice(i, i + 4).map(ch => ch.c).join('') + '"');
      }
    }
    return {bad, wrapped};
}"""


def test_headings_break_between_phrases_on_a_phone(phone_visits):
    """At 375 px a heading wraps only at a phrase boundary (BudouX <wbr>), a space
    or punctuation — never inside a word — unless one phrase is wider than the line."""
    bad, wrapped = [], 0
    for name, seen in phone_visits.items():
        bad += [f"{name}: {b}" for b in seen["headings"]["bad"]]
        wrapped += seen["headings"]["wrapped"]
    assert wrapped, "no heading wraps at 375 px: nothing was checked"
    assert not bad, "\n".join(bad)


LINE_BREAK_PAGE = """\
# 改行の確認

日本語の文がソースの
行末で折り返されて
います。English words
stay apart.
"""


def test_no_stray_spaces_where_source_lines_break(browser, tmp_path):
    """A source line broken inside a Japanese sentence reads without a space, in
    the text and in the page description; a space between Latin words stays.

    The book's pages keep each paragraph on one line, so a one-page site is built
    with the book's configuration (conf.py) to exercise the line breaks.
    """
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(LINE_BREAK_PAGE, encoding="utf-8")
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "sphinx-build"),
            "-q",
            "-n",
            "-W",
            "-b",
            "html",
            "-c",
            str(ROOT),
            str(tmp_path / "docs"),
            str(tmp_path / "html"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(tmp_path / "html") as url:
        page = browser.new_page()
        page.goto(f"{url}/index.html")
        text = page.inner_text("article p")
        description = page.get_attribute("meta[name=description]", "content")
        og = page.get_attribute('meta[property="og:description"]', "content")
        page.close()
    expected = "日本語の文がソースの行末で折り返されています。English words stay apart."
    assert text == expected
    assert description == og == expected


def test_print_shows_the_text_without_navigation(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/parameters.html")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
        ['.sidebar-drawer', '.toc-drawer', '.mobile-header', '.related-pages',
         '.theme-toggle-container', '.back-to-top', 'article h1', 'article p']
        .map(s => [s, [...document.querySelectorAll(s)]
                      .some(e => e.getClientRects().length > 0
                                 && getComputedStyle(e).visibility !== 'hidden')]))""")
    assert shown.pop("article h1") and shown.pop("article p"), "the text is not printed"
    assert not any(shown.values()), f"navigation printed: {shown}"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


# ---------------------------------------------------------------- accessibility


@EDITIONS
def test_axe_finds_no_violations_in_light_mode(request, language):
    """Every axe rule, on each page's first visit."""
    prefix, seen = visits(request, language)
    problems = [f"{prefix}{name}: {v}" for name, visit in seen.items() for v in visit.violations]
    assert not problems, "\n".join(problems)


@EDITIONS
def test_axe_finds_no_violations_in_dark_mode(request, language):
    """Dark mode, as the system's setting and the theme's stored choice make it
    (browser_fixtures.switch_to_dark, on each page's first visit once the light mode
    checks are done).

    Dark mode changes only colours (Furo swaps its colour properties): the colour
    rules and the images' text alternatives are checked here (browser_fixtures
    DARK_MODE_RULES; every rule on a page with dark-only content), every other rule
    by the light mode test on the same pages."""
    prefix, seen = visits(request, language)
    problems = [
        f"{prefix}{name}: {v}" for name, visit in seen.items() for v in visit.dark_violations
    ]
    assert not problems, "\n".join(problems)
