"""Page weight and Lighthouse scores of every page of the built web site.

    .venv/bin/python tools/page_weight.py [SITE_DIR] [--no-lighthouse]

SITE_DIR defaults to _build/html (``make page-weight BUILDDIR=...`` passes it).
The site is served on 127.0.0.1 (tests/site_server.py) and every page is loaded
in Debian's Chromium through Playwright: the bytes (headers + bodies, as
transferred; the local server does not compress) and the number of requests the
browser made for it.  Then Lighthouse 12 (node_modules, mobile form factor, its
default simulated throttling) scores each page in its four categories.

Goals (issue 5): every Lighthouse category 1.0 on every page; the landing page
at most 120 KB; any chapter page at most 200 KB with its figures; the search
index loaded only by the search page.  A missed goal is printed with "!!" and
makes the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The browser tests' server and browser settings: the page weights are measured on
# the site as those tests see it.
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from site_server import serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LANDING_LIMIT = 120 * 1024
CHAPTER_LIMIT = 200 * 1024
# Utility pages Sphinx makes; they are measured but are not chapters.
UTILITY = {"search", "genindex", "404"}


def weigh(site_url: str, pages: list[str]) -> dict[str, dict]:
    """Bytes and requests per page as Chromium fetched them (fresh cache each)."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for name in pages:
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            requests = []
            page.on("requestfinished", lambda request: requests.append(request))
            url = f"{site_url}/{name}.html"
            if name.removeprefix("en/") == "search":
                url += "?q=GENIAC"
            page.goto(url, wait_until="networkidle")
            transferred = raw = 0
            for request in requests:
                sizes = request.sizes()
                transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                raw += len(request.response().body())
            results[name] = {
                "bytes": raw,
                "transferred": transferred,
                "requests": len(requests),
                "searchindex": any(
                    r.url.split("?")[0].endswith("/searchindex.js") for r in requests
                ),
                "largest": sorted(
                    (
                        (len(r.response().body()), r.url.rsplit("/", 1)[-1].split("?")[0])
                        for r in requests
                    ),
                    reverse=True,
                )[:3],
            }
            context.close()
        browser.close()
    return results


def lighthouse(url: str) -> dict[str, float]:
    """The four Lighthouse category scores of one page (mobile)."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    scores["failed"] = [  # the audits that cost points, for the report
        audit_id
        for c in CATEGORIES
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"])
        and (report["audits"][audit_id]["score"] or 0) < 1
        and report["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric")
    ]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}/index.html not found: run `make html` first")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run tools/system-deps.sh")
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci`")
    # Every edition's pages: the Japanese at the root, the English under en/ (served
    # from the root, so that the English pages' absolute paths resolve as published).
    pages = sorted(p.stem for p in site.glob("*.html"))
    pages.sort(key=lambda n: n != "index")
    english = sorted(p.stem for p in (site / "en").glob("*.html"))
    english.sort(key=lambda n: n != "index")
    pages += [f"en/{name}" for name in english]
    problems = 0
    with serve(site) as url:
        weights = weigh(url, pages)
        print("KB: files as the browser received them, uncompressed (the goals apply to it);")
        print("gzip KB: bytes on the wire with the host's gzip (headers included).")
        print(f"{'page':<15}{'KB':>8}{'gzip KB':>9}{'req':>5}  largest files (KB)")
        for name in pages:
            w = weights[name]
            base = name.removeprefix("en/")
            limit = (
                LANDING_LIMIT if base == "index" else (None if base in UTILITY else CHAPTER_LIMIT)
            )
            flag = ""
            if limit and w["bytes"] > limit:
                flag = f"  !! over {limit // 1024} KB"
            if w["searchindex"] and base != "search":
                flag += "  !! loads searchindex.js"
            problems += bool(flag)
            largest = ", ".join(f"{n} {b / 1024:.1f}" for b, n in w["largest"])
            print(
                f"{name:<15}{w['bytes'] / 1024:>8.1f}{w['transferred'] / 1024:>9.1f}"
                f"{w['requests']:>5}  {largest}{flag}"
            )
        if args.no_lighthouse:
            return 1 if problems else 0
        print()
        print(f"{'page':<15}" + "".join(f"{c[:6]:>8}" for c in CATEGORIES) + "  below 1.0")
        for name in pages:
            scores = lighthouse(f"{url}/{name}.html")
            low = [c for c in CATEGORIES if scores[c] is None or scores[c] < 1]
            note = ""
            # The search page is noindex on purpose (Furo: result pages are not
            # for search engines), which Lighthouse's SEO counts against it.
            if (
                name.removeprefix("en/") == "search"
                and low == ["seo"]
                and "is-crawlable" in scores["failed"]
            ):
                low, note = [], "  (SEO: noindex by design)"
            problems += bool(low)
            print(
                f"{name:<15}"
                + "".join(f"{scores[c]:>8.2f}" for c in CATEGORIES)
                + ("  !! " + " ".join(scores["failed"]) if low else note),
                flush=True,
            )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
