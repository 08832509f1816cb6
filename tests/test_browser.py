"""The web site as readers get it, checked in a real browser (Debian's Chromium).

Every page is served on 127.0.0.1 (tools/site_server.py) and loaded by
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
from browser_fixtures import serve
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
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


def is_dark(rgb: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.25


# ---------------------------------------------------------------- every page


def test_every_page_loads_cleanly_and_offline(browser, site_url, page_names):
    """No console error, no failed request, nothing fetched from another host, and
    the search index is fetched by the search page only."""
    problems = []
    for name in page_names:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page, site_url)
        page.goto(page_url(site_url, name), wait_until="networkidle")
        if name == "search":
            wait_for_search(page)
        loads_index = any(urlsplit(u).path.endswith("/searchindex.js") for u in watch.requests)
        problems += [f"{name}: {e}" for e in watch.errors]
        problems += [f"{name}: failed {f}" for f in watch.failed]
        problems += [f"{name}: request to another host {u}" for u in watch.foreign]
        if loads_index != (name == "search"):
            problems.append(f"{name}: searchindex.js {'loaded' if loads_index else 'not loaded'}")
        context.close()
    assert not problems, "\n".join(problems)


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


def test_page_metadata(page, site_url, page_names):
    """lang="ja", a description, Open Graph tags and favicon everywhere.

    The canonical link and og:url name the public address, which a local build
    has not: tests/test_hosting.py checks them on a build that has one."""
    problems = []
    for name in page_names:
        page.goto(page_url(site_url, name))
        head = page.evaluate("""() => ({
            lang: document.documentElement.lang,
            description: document.querySelector('meta[name=description]')?.content || '',
            icon: document.querySelector('link[rel~=icon]')?.href || '',
            og: [...document.querySelectorAll('meta[property^="og:"]')].map(m => m.getAttribute('property')),
        })""")
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
            icon = page.request.get(head["icon"])
            if not (icon.ok and b"<svg" in icon.body()):
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
    ("7000億", "parameters"),
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


def test_search_from_the_sidebar_box(page, site_url):
    """A reader types a compound word in the search box of a chapter."""
    page.goto(f"{site_url}/glossary.html")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("input.sidebar-search", "基盤モデル")
    page.press("input.sidebar-search", "Enter")
    page.wait_for_url("**/search.html?**")
    assert wait_for_search(page), "no result for 基盤モデル from the search box"


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


@pytest.mark.pdf
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


@pytest.mark.pdf
def test_downloads_linked_from_the_top_page(page, site_url):
    page.goto(f"{site_url}/index.html")
    links = page.eval_on_selector_all(
        "article a[href$='.pdf'], article a[href$='.epub']", "els => els.map(a => a.href)"
    )
    assert {h.rsplit("/", 1)[-1] for h in links} == {PDF, EPUB}, links
    for href in links:
        check_download(page, href)


# ---------------------------------------------------------------- links


def test_cross_references_and_glossary_links_land_on_their_targets(page, site_url, page_names):
    """Every in-book link with a #fragment, followed in the browser, shows its target."""
    links: dict[str, str] = {}  # absolute href -> the page it was found on
    term_links = 0
    for name in page_names:
        page.goto(page_url(site_url, name))
        for href, is_term in page.eval_on_selector_all(
            "article a.reference.internal[href*='#']",
            "els => els.map(a => [a.href, !!a.querySelector('.std-term')])",
        ):
            links.setdefault(href, name)
            term_links += is_term
    assert term_links, "no glossary ({term}) link in the book"
    assert links, "no cross-reference with a fragment in the book"
    problems = []
    for href, origin in sorted(links.items()):
        # A fresh tab per link, as when a reader follows it from another page
        # (reusing one tab would start each smooth scroll from the last one).
        page = page.context.new_page()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(href)
        fragment = unquote(urlsplit(href).fragment)
        # The theme scrolls smoothly: give the scroll up to 5 s to arrive.
        try:
            page.wait_for_function(IN_VIEW, arg=fragment, timeout=5000)
            state = "visible"
        except PlaywrightTimeout:
            state = page.evaluate(
                """id => { const el = document.getElementById(id);
                           return el ? `out of view (top ${Math.round(el.getBoundingClientRect().top)})`
                                     : 'missing'; }""",
                fragment,
            )
        if state != "visible":
            problems.append(f"{origin}: {href} -> #{fragment} {state}")
        page.close()
    assert not problems, "\n".join(problems)


# The target is at the top of the window (below the theme's scroll margin), or
# in view with the page scrolled to its end (a target near the end of a page).
IN_VIEW = """id => { const el = document.getElementById(id);
                      if (!el) return false;
                      const top = el.getBoundingClientRect().top;
                      const atEnd = Math.ceil(window.scrollY + window.innerHeight)
                                    >= document.scrollingElement.scrollHeight - 1;
                      return top >= -1 && (top < 120 || (atEnd && top < window.innerHeight)); }"""


def test_clicking_a_glossary_term_scrolls_to_its_definition(page, site_url, page_names):
    page.set_viewport_size({"width": 1280, "height": 800})
    for name in page_names:
        page.goto(page_url(site_url, name))
        term = page.query_selector("article a.reference.internal:has(.std-term)")
        if term and name != "glossary":
            break
    else:
        pytest.fail("no page links to a glossary term")
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
        context = browser.new_context(color_scheme="dark" if how == "system" else "light")
        page = context.new_page()
        if how == "stored":
            page.add_init_script("localStorage.setItem('theme', 'dark')")
        page.goto(f"{site_url}/parameters.html")
        if how == "stored":
            assert page.get_attribute("body", "data-theme") == "dark"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        text = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
        assert is_dark(background), f"{how}: background {background}"
        assert not is_dark(text), f"{how}: text {text}"
        context.close()


def test_theme_toggle_switches_to_dark(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/index.html")
    for _ in range(3):  # auto -> dark/light -> ... until dark
        if page.get_attribute("body", "data-theme") == "dark":
            break
        page.click(".theme-toggle-content .theme-toggle")
    assert page.get_attribute("body", "data-theme") == "dark"
    assert is_dark(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_nothing_scrolls_sideways_on_a_phone(browser, site_url, page_names):
    context = browser.new_context(
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    wide = []
    for name in page_names:
        page.goto(page_url(site_url, name), wait_until="networkidle")
        if name == "search":
            wait_for_search(page)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > 375:
            culprits = page.evaluate("""() => [...document.querySelectorAll('article *')]
                .filter(e => e.getBoundingClientRect().right > 375.5)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)""")
            wide.append(f"{name}: {width}px {culprits}")
    context.close()
    assert not wide, "\n".join(wide)


def test_headings_break_between_phrases_on_a_phone(browser, site_url, page_names):
    """At 375 px a heading wraps only at a phrase boundary (BudouX <wbr>), a space
    or punctuation — never inside a word — unless one phrase is wider than the line."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    bad, wrapped = [], 0
    for name in page_names:
        page.goto(page_url(site_url, name))
        result = page.evaluate(r"""() => {
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
        }""")
        bad += [f"{name}: {b}" for b in result["bad"]]
        wrapped += result["wrapped"]
    context.close()
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser, site_url, page_names, scheme):
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    page = context.new_page()
    problems = []
    for name in page_names:
        page.goto(page_url(site_url, name), wait_until="networkidle")
        if name == "search":
            wait_for_search(page)
        problems += [f"{name}: {v}" for v in run_axe(page)]
    context.close()
    assert not problems, "\n".join(problems)
