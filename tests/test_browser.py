"""The web site as readers get it, checked in a real browser (Debian's Chromium).

Every page of both editions is served on 127.0.0.1 (tests/site_server.py) and loaded
once by Playwright (first_visits): it must load cleanly and offline, axe-core must
find no accessibility violation in light or dark mode, and what the other checks need
is read on that load.  Search must find the right chapter, the downloads must be the
real PDF and EPUB, links must land on their targets, dark mode, print and a
phone-width screen must work.
"""

from __future__ import annotations

import io
import re
import subprocess
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_fixtures import PHONE, first_visits, page_script, serve, tab, wait_for_search
from helpers import FACTS
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = {"ja": "", "en": "en/"}


def base(name: str) -> str:
    """A page's name without its edition ("en/index" -> "index")."""
    return name.rsplit("/", 1)[-1]


def is_dark(rgb: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.25


def reader(**parts: str) -> str:
    """A page function that returns {key: part()} for the functions ``parts``."""
    return "() => ({" + ", ".join(f"{key}: ({js})()" for key, js in parts.items()) + "})"


HREFS = "selector => [...document.querySelectorAll(selector)].map(a => a.href)"

# What the tests read on each page's first visit: where its captions' lines start,
# its headings' hidden ¶ links that take a line of their own, its <head>, its in-book
# links with a #fragment (the address, and whether it is a glossary term), its
# download links, the search page's summary and results.
READ_PAGE = reader(
    captionLines=page_script("caption_lines"),
    headerlinkRoom=page_script("headerlink_room"),
    head=page_script("page_head"),
    links="""() => [...document.querySelectorAll("article a.reference.internal[href*='#']")]
        .map(a => [a.href, !!a.querySelector('.std-term')])""",
    downloads=f"""() => Object.fromEntries(['.sidebar-drawer', 'article'].map(where =>
        [where, ({HREFS})(`${{where}} a[href$='.pdf'], ${{where}} a[href$='.epub']`)]))""",
    search="""() => ({
        summary: document.querySelector('#search-results .search-summary')?.innerText,
        results: document.querySelectorAll('#search-results ul.search > li > a').length,
    })""",
    # sphinx-design's components, styled by its stylesheet as cut to the site's rules
    design="""() => [...document.querySelectorAll('.sd-card, details.sd-dropdown > summary')]
        .map(e => [e.className, getComputedStyle(e).display, getComputedStyle(e).borderTopWidth])""",
)

# The most lines and pixels a page's title may take on a 375 px phone (812 px
# high).  At Furo's size (40 px) six English titles took three lines (150 px) and
# the overview's four (200 px), the first screen holding little else.  The longest
# still take three lines at the phone size (28 px) in the tests' font (DejaVu Sans,
# wider than a phone's own), 105 px.
H1_MOST_LINES = 3
H1_MOST_HEIGHT = 110

# What the tests read on each page on a phone: the page's width and what sticks out,
# where its headings wrap, its hidden ¶ links that take a line of their own, its
# title's lines.
READ_PHONE = reader(
    sideways=page_script("sideways"),
    headings=page_script("heading_breaks"),
    headerlinkRoom=page_script("headerlink_room"),
    h1Lines=page_script("h1_lines"),
)


@pytest.fixture(scope="session")
def page_urls(book, site_url) -> dict[str, str]:
    """Every page of both editions ("overview", "en/overview"…) and its address: the
    search page's with a query, so that its results are shown too."""
    urls = {}
    for language, prefix in EDITIONS.items():
        names = sorted(p.stem for p in book.edition(language).html.glob("*.html"))
        assert {"index", "search", "404"} <= set(names), names
        for name in names:
            query = "?q=GENIAC" if name == "search" else ""
            urls[prefix + name] = f"{site_url}/{prefix}{name}.html{query}"
    return urls


@pytest.fixture(scope="session")
def visits(browser, site_url, page_urls) -> dict:
    """Every page's first visit (browser_fixtures.first_visits: a fresh context, light
    mode, until the network is idle, READ_PAGE, axe in light then dark mode).  One load
    of each page serves every test below that reads a page as it is first shown."""
    return first_visits(browser, site_url, page_urls, lambda page: page.evaluate(READ_PAGE))


@pytest.fixture(scope="session")
def phone_visits(browser, page_urls) -> dict[str, dict]:
    """READ_PHONE of every page on a 375 px phone (touch, 2× pixels), loaded in turn in
    one tab until "load" (styles, scripts and images are in: enough for layout)."""
    seen = {}
    with tab(browser, **PHONE) as page:
        for name, url in page_urls.items():
            page.goto(url)
            if base(name) == "search":
                wait_for_search(page)
            seen[name] = page.evaluate(READ_PHONE)
    return seen


def report(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- every page


def test_every_page_loads_cleanly_and_offline(visits):
    """No console error, no failed request, nothing fetched from another host, and
    the search index is fetched by the search page only."""
    report([f"{name}: {p}" for name, visit in visits.items() for p in visit.problems])


def test_axe_finds_no_violations_in_light_or_dark_mode(visits):
    """Every axe rule on each page's first visit; then dark mode, as the system's
    setting and the theme's stored choice make it (browser_fixtures.switch_to_dark).

    Dark mode changes only colours (Furo swaps its colour properties): there the
    colour rules and the images' text alternatives are checked (browser_fixtures
    DARK_MODE_RULES; every rule on a page with dark-only content)."""
    report(
        [
            f"{name} ({scheme}): {v}"
            for name, visit in visits.items()
            for scheme, found in (("light", visit.light), ("dark", visit.dark))
            for v in found
        ]
    )


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


def test_page_metadata(visits):
    """The edition's lang, a description, Open Graph tags and a favicon on every
    page (each favicon address is fetched once).  The canonical link and og:url name
    the public address, which a local build has not: tests/test_hosting*.py check them."""
    problems = []
    icons: dict[str, bool] = {}
    for name, visit in visits.items():
        head = visit.seen["head"]
        if head["lang"] != ("en" if name.startswith("en/") else "ja"):
            problems.append(f"{name}: lang={head['lang']!r}")
        if len(head["description"]) < 10:
            problems.append(f"{name}: description {head['description']!r}")
        missing = {"og:title", "og:description", "og:type"} - set(head["og"])
        if missing and base(name) not in ("search", "genindex", "404"):
            problems.append(f"{name}: missing {sorted(missing)}")
        if head["icon"] and head["icon"] not in icons:
            with urllib.request.urlopen(head["icon"]) as icon:  # a 404 raises
                icons[head["icon"]] = b"<svg" in icon.read()
        if not icons.get(head["icon"]):
            problems.append(f"{name}: favicon {head['icon']!r} missing or not an SVG")
    report(problems)


def test_design_components_are_still_styled(visits):
    """sphinx-design's stylesheet is cut to the rules the site uses
    (_ext/book/outputs/site/design_css_subset.py): its cards are still flex boxes and its
    dropdowns keep their border, on every page that has them."""
    seen = [(name, *e) for name, visit in visits.items() for e in visit.seen["design"]]
    cards = [(n, display) for n, cls, display, _ in seen if "sd-card" in cls.split()]
    dropdowns = [(n, border) for n, cls, _, border in seen if "sd-card" not in cls.split()]
    assert cards and all(display == "flex" for _, display in cards), cards
    assert dropdowns and all(border not in ("0px", "") for _, border in dropdowns), dropdowns


# ---------------------------------------------------------------- search

# The chapter a reader searching for the term should find first: the one that is
# about it (its sections treat the term), or the glossary when only the glossary
# explains the term.  The English queries hold once the translators' PO files are in.
SEARCHES = {
    "ja": [
        ("パラメータ", "parameters"),
        ("基盤モデル", {"overview", "domestic"}),  # the story's, or the chapter named after it
        ("楽天経済圏", "overview"),
        ("GENIAC", "overview"),
        ("NEDO", "overview"),
        ("補正予算", "overview"),
        ("MMLU", {"comparison", "glossary"}),  # the results, or what MMLU is
        ("投資", "comparison"),
        ("AIエージェント", "overview"),
        # the figure is in no heading since it became a reported one (a heading
        # carries no attribution): the chapter that explains its scale, or the one that
        # sets the released model against it (equal scores; Sphinx then orders by name)
        ("7000億", {"parameters", "updates"}),
        # the domestic chapter, for a model's name and for 国産
        ("国産", "domestic"),
        ("Sarashina2", "domestic"),
        ("LLM-jp", "domestic"),
        ("tsuzumi", "domestic"),
        ("Stockmark", "domestic"),
    ],
    "en": [
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
    ],
}


@pytest.mark.parametrize("language", EDITIONS)
def test_search_puts_the_right_chapter_first_and_lists_a_page_once(page, site_url, language):
    """The chapter about the term first, and no two results a reader cannot tell
    apart: the same page under the same title (Sphinx listed a page once for each of
    its index entries that matched; search_scorer.js merges them)."""
    wrong = []
    # a fact's status word on the sources page, run into the next block's first word
    # ("[confirmed]Value"): the excerpt took the page's text without the blocks apart
    # (seen in English words; Japanese text runs on without spaces anyway)
    statuses = "|".join(s["word"] for s in FACTS.labels["en"]["statuses"].values())
    joined = re.compile(rf"\[(?:{statuses})\][A-Za-z]")
    for query, expected in SEARCHES[language]:
        page.goto(f"{site_url}/{EDITIONS[language]}search.html?q={query}")
        results = wait_for_search(page)
        first = base(urlsplit(results[0]).path).removesuffix(".html") if results else None
        if first not in ({expected} if isinstance(expected, str) else expected):
            wrong.append(f"{query}: {first} first, expected {expected} ({results[:5]})")
        # each result's title and excerpt, in the order of the links above
        shown = page.eval_on_selector_all(
            "#search-results ul.search > li",
            "els => els.map(li => [li.querySelector('a').textContent,"
            " li.querySelector('p.context')?.textContent ?? ''])",
        )
        seen = [(t, urlsplit(href).path) for (t, _), href in zip(shown, results, strict=True)]
        twice = sorted({result for result in seen if seen.count(result) > 1})
        if twice:
            wrong.append(f"{query}: listed more than once: {twice}")
        wrong += [
            f"{query}: blocks run together: {m[0]!r}" for _, e in shown for m in joined.finditer(e)
        ]
    report(wrong)


# What the search page says once it has found n pages.  Sphinx's Japanese catalogue
# leaves the message untranslated, so the reader saw an empty line (the words are the
# book's: locales/ja/LC_MESSAGES/sphinx.po).
SUMMARY = {
    "search": "検索が終わりました。{n} 件のページが見つかりました。",
    "en/search": "Search finished, found {n} pages matching the search query.",
}


def test_search_says_how_many_pages_it_found(visits):
    for name, words in SUMMARY.items():
        search = visits[name].seen["search"]
        assert search["results"] > 1 and search["summary"] == words.format(n=search["results"])


def test_search_from_the_sidebar_box_highlights_only_the_page_opened(page, site_url):
    """A reader types a compound word in the search box of a chapter.  The matches are
    then highlighted on the page a reader opens from the results, not on whichever
    page comes next: Sphinx kept the terms in localStorage for the next page loaded
    (the glossary, opened from the menu, showed 10 matches of a search already left
    behind; issue 20, _static/search_highlight.js)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/glossary.html")
    page.fill("input.sidebar-search", "基盤モデル")
    page.press("input.sidebar-search", "Enter")
    page.wait_for_url("**/search.html?**")
    assert wait_for_search(page), "no result for 基盤モデル from the search box"

    def highlights(url: str) -> int:
        page.goto(url)
        page.wait_for_timeout(200)  # sphinx_highlight.js highlights 10 ms after loading
        return page.locator("span.highlighted").count()

    assert highlights(f"{site_url}/glossary.html") == 0, "the glossary kept the search's terms"
    # From the results: the page opened highlights the terms, its address keeps none.
    page.goto(f"{site_url}/search.html?q=GENIAC")
    wait_for_search(page)
    page.click("#search-results ul.search > li > a >> nth=0")
    page.wait_for_function("() => document.querySelectorAll('span.highlighted').length > 0")
    assert "highlight=" not in page.url, page.url
    assert highlights(f"{site_url}/faq.html") == 0, "the next page kept the search's terms"


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
            box.fill("GENIAC")  # a new query from that box
            box.press("Enter")
            page.wait_for_url("**/search.html?q=GENIAC")
            assert wait_for_search(page), f"{prefix or 'ja'}: no result from the page's box"


# ---------------------------------------------------------------- downloads


def test_downloads_are_linked_and_real(book, visits):
    """Every page's sidebar, and the top page's text, link its edition's PDF and EPUB
    (once each), and they are the real files."""
    problems, hrefs = [], set()
    for name, visit in visits.items():
        edition = book.edition("en" if name.startswith("en/") else "ja").name
        for where, links in visit.seen["downloads"].items():
            if where == ".sidebar-drawer" or base(name) == "index":
                hrefs.update(links)
                if sorted(base(h) for h in links) != [f"{edition}.epub", f"{edition}.pdf"]:
                    problems.append(f"{name}: {where} links {links}")
    report(problems)
    for href in hrefs:
        with urllib.request.urlopen(href) as response:
            body = response.read()
        if href.endswith(".pdf"):
            assert body.startswith(b"%PDF-"), f"{href} is not a PDF"
        else:
            archive = zipfile.ZipFile(io.BytesIO(body))
            assert archive.infolist()[0].filename == "mimetype", href
            assert archive.read("mimetype") == b"application/epub+zip", href


# The goals of tools/page_weight.py: any page with its figures and assets (200 KiB),
# the longest page among them (it weighed 340 KiB as one flat list, issue 20), and the
# top pages (120 KiB; the Japanese one weighed 123 KiB with the stylesheets' comments).
PAGE_WEIGHTS = {"sources": 200, "en/sources": 200, "index": 120, "en/index": 120}


@pytest.mark.parametrize(("name", "kib"), PAGE_WEIGHTS.items())
def test_page_weighs_at_most_its_goal(browser, site_url, name, kib):
    """Everything a phone-sized browser fetches for the page, uncompressed, as
    tools/page_weight.py counts it (it summed the gzipped sizes the local server
    sends, a third of the goal's bytes)."""
    with tab(browser, viewport={"width": 412, "height": 823}) as page:
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(f"{site_url}/{name}.html", wait_until="networkidle")
        total = sum(len(request.response().body()) for request in requests)
    assert total <= kib * 1024, f"{total / 1024:.1f} KiB > {kib} KiB: {[r.url for r in requests]}"


# ---------------------------------------------------------------- links

# Follows each fragment in turn on the loaded page (go_to_fragment.js: from the top,
# with the scroll instant) and says whether its target is in view at the next frame.
FOLLOW_FRAGMENTS = (
    f"fragments => ({page_script('follow_fragments')})"
    f"(fragments, {page_script('go_to_fragment')}, {page_script('in_view')})"
)


def landing(page, fragment: str) -> str:
    """'visible' when the target is in view once the scroll has stopped (a smooth
    scroll gets up to 5 s to arrive), else where it is: 'missing' or 'out of view
    (top …)'."""
    try:
        page.wait_for_function(page_script("in_view"), arg=fragment, timeout=5000)
        page.evaluate(page_script("scroll_stopped"))  # where it stops, not only where it passed
        if page.evaluate(page_script("in_view"), fragment):
            return "visible"
    except PlaywrightTimeout:
        pass
    return page.evaluate(
        """id => { const el = document.getElementById(id);
                       return el ? `out of view (top ${Math.round(el.getBoundingClientRect().top)})`
                                 : 'missing'; }""",
        fragment,
    )


def test_cross_references_and_glossary_links_land_on_their_targets(browser, visits):
    """Every in-book link with a #fragment of the Japanese edition, followed in the
    browser, shows its target.

    The links are grouped by the page they lead to, and each such page is loaded once,
    as when a reader follows its first link from another page: the theme's smooth
    scroll must bring that target into view.  The page's other targets are then
    followed on the loaded page, all in one go in the page (the fragment set again
    from the top of the page, as a fresh load would start), with the scroll made
    instant: a smooth scroll ends where an instant one lands, and 106 links into the
    sources page at 1.3 s of animation each took most of this test's minutes.  A
    target not in view after an instant jump is followed again the slow way
    (landing) before it is reported.
    """
    links: dict[str, str] = {}  # absolute href -> the page it was found on
    term_links = 0
    for name, visit in visits.items():
        for href, is_term in visit.seen["links"] if "/" not in name else ():
            links.setdefault(href, name)
            term_links += is_term
    assert term_links, "no glossary ({term}) link in the book"
    by_target: dict[str, list[str]] = {}
    for href in sorted(links):
        by_target.setdefault(href.split("#", 1)[0], []).append(href)
    problems, followed = [], 0
    with tab(browser, viewport={"width": 1280, "height": 800}) as page:
        for first, *others in by_target.values():
            page.goto(first)  # a fresh load, scrolled smoothly by the theme
            outcomes = {first: landing(page, unquote(urlsplit(first).fragment))}
            jumped = page.evaluate(FOLLOW_FRAGMENTS, [urlsplit(h).fragment for h in others])
            for href, in_view in zip(others, jumped, strict=True):
                outcomes[href] = "visible"
                if not in_view:
                    page.evaluate(page_script("go_to_fragment"), urlsplit(href).fragment)
                    outcomes[href] = landing(page, unquote(urlsplit(href).fragment))
            for href, state in outcomes.items():
                if state != "visible":
                    fragment = unquote(urlsplit(href).fragment)
                    problems.append(f"{links[href]}: {href} -> #{fragment} {state}")
                followed += 1
    assert followed == len(links)
    report(problems)


def test_clicking_a_glossary_term_scrolls_to_its_definition(page, site_url, visits):
    page.set_viewport_size({"width": 1280, "height": 800})
    name = next(
        (n for n, v in visits.items() if n != "glossary" and any(t for _, t in v.seen["links"])),
        None,
    )
    assert name, "no page links to a glossary term"
    page.goto(f"{site_url}/{name}.html")
    term = page.query_selector("article a.reference.internal:has(.std-term)")
    target = unquote(urlsplit(term.get_attribute("href")).fragment)
    term.click()
    page.wait_for_url(re.compile(r".*/glossary\.html#"))
    try:
        page.wait_for_function(page_script("in_view"), arg=target, timeout=5000)
    except PlaywrightTimeout:
        pytest.fail(f"#{target} is not scrolled into view after the click")


# ---------------------------------------------------------------- layout and theme


def test_dark_mode_by_the_system_the_stored_choice_or_the_toggle(browser, site_url):
    """Furo's dark theme: chosen by the system, by the toggle's stored choice, or by
    clicking the toggle (auto -> dark/light -> … until dark)."""
    for how in ("system", "stored", "toggle"):
        scheme = "dark" if how == "system" else "light"
        with tab(browser, color_scheme=scheme, viewport={"width": 1280, "height": 800}) as page:
            if how == "stored":
                page.add_init_script("localStorage.setItem('theme', 'dark')")
            page.goto(f"{site_url}/parameters.html")
            for _ in range(3 if how == "toggle" else 0):
                if page.get_attribute("body", "data-theme") == "dark":
                    break
                page.click(".theme-toggle-content .theme-toggle")
            if how != "system":
                assert page.get_attribute("body", "data-theme") == "dark", how
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            text = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
        assert is_dark(background), f"{how}: background {background}"
        assert not is_dark(text), f"{how}: text {text}"


def test_the_hidden_heading_link_takes_no_line_of_its_own(visits, phone_visits):
    """A heading that fills its last line keeps its height: the hidden ¶ link after
    it used to wrap onto a line of its own, a blank line under the heading (ten
    headings at 375 px and 1280 px)."""
    widths = {"1280 px": {n: v.seen for n, v in visits.items()}, "375 px": phone_visits}
    report(
        [
            f"{width}: {name}: {heading}"
            for width, seen in widths.items()
            for name, read in seen.items()
            for heading in read["headerlinkRoom"]
        ]
    )


def test_captions_that_wrap_read_left_aligned(visits):
    """A caption that states a finding often takes two lines: every line starts at
    the same place (centred, the second line stood apart from the first)."""
    report(
        [
            f"{name}: {caption} {lefts}"
            for name, visit in visits.items()
            for caption, lefts in visit.seen["captionLines"]
            if len(lefts) > 1 and max(lefts) - min(lefts) > 2
        ]
    )


def test_page_titles_stay_short_on_a_phone(phone_visits):
    """At 375 px a page's title (h1) leaves room for the text under it: a smaller
    size on narrow screens, its lines balanced (issue 20: the English titles are
    longer; at Furo's 40 px six of them took three lines and the overview's four)."""
    assert all(seen["h1Lines"] for seen in phone_visits.values()), "a page without h1"
    report(
        [
            f"{name}: {title!r} takes {lines} lines, {height} px"
            for name, seen in phone_visits.items()
            for title, lines, height in seen["h1Lines"]
            if lines > H1_MOST_LINES or height > H1_MOST_HEIGHT
        ]
    )


def test_nothing_scrolls_sideways_on_a_phone(phone_visits):
    report(
        [
            f"{name}: {seen['sideways']['width']}px {seen['sideways']['culprits']}"
            for name, seen in phone_visits.items()
            if seen["sideways"]["width"] > 375
        ]
    )


def test_headings_break_between_phrases_on_a_phone(phone_visits):
    """At 375 px a heading wraps only at a phrase boundary (BudouX <wbr>), a space
    or punctuation — never inside a word — unless one phrase is wider than the line."""
    assert sum(seen["headings"]["wrapped"] for seen in phone_visits.values()), (
        "no heading wraps at 375 px: nothing was checked"
    )
    report([f"{n}: {bad}" for n, seen in phone_visits.items() for bad in seen["headings"]["bad"]])


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
        [ROOT / ".venv" / "bin" / "sphinx-build", "-q", "-n", "-W", "-b", "html", "-c", ROOT,
         tmp_path / "docs", tmp_path / "html"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(tmp_path / "html") as url, tab(browser, f"{url}/index.html") as page:
        text = page.inner_text("article p")
        description = page.get_attribute("meta[name=description]", "content")
        og = page.get_attribute('meta[property="og:description"]', "content")
    expected = "日本語の文がソースの行末で折り返されています。English words stay apart."
    assert text == expected
    assert description == og == expected


def test_print_shows_the_text_without_navigation(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/parameters.html")
    page.emulate_media(media="print")
    shown = page.evaluate(page_script("print_shown"))
    assert shown.pop("article h1") and shown.pop("article p"), "the text is not printed"
    assert not any(shown.values()), f"navigation printed: {shown}"
    assert page.pdf(format="A4").startswith(b"%PDF")
