"""The site as it is published: its address, its sitemap, its 404 page."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOT, Book, make
from hosting_shared import BASE_URL, SITEMAP
from hosting_shared import hosted as hosted

pytestmark = pytest.mark.pdf
UTILITY = {"search", "genindex", "404"}  # pages without a canonical place in the sitemap
XHTML = "http://www.w3.org/1999/xhtml"


def html_pages(site: Path) -> list[str]:
    """The pages of both editions, by their path from the site root (en/… English)."""
    return sorted(
        str(p.relative_to(site)) for edition in (site, site / "en") for p in edition.glob("*.html")
    )


def alternates(name: str) -> dict[str, str]:
    """hreflang -> the address of the page in that edition (x-default: the Japanese)."""
    page = Path(name).name
    return {"ja": BASE_URL + page, "en": BASE_URL + "en/" + page, "x-default": BASE_URL + page}


def test_a_published_build_names_its_address_on_every_page(hosted: Path) -> None:
    """Its canonical address and og:url (the English pages' under en/), and
    <link rel="alternate" hreflang> to the page in each edition (itself included) and
    x-default, absolute; the 404 page has no alternates, search and index no og:url."""
    problems = []
    for name in html_pages(hosted):
        html = (hosted / name).read_text(encoding="utf-8")
        found = {
            "canonical": re.findall(r'<link rel="canonical" href="([^"]+)"', html),
            "og:url": re.findall(r'<meta property="og:url" content="([^"]+)"', html),
            "alternates": dict(
                re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)
            ),
        }
        expected = {
            "canonical": [BASE_URL + name],
            "og:url": [] if Path(name).stem in ("search", "genindex") else [BASE_URL + name],
            "alternates": {} if Path(name).name == "404.html" else alternates(name),
        }
        problems += [f"{name}: {k} {found[k]}" for k in found if found[k] != expected[k]]
    assert not problems, "\n".join(problems)


def test_the_sitemap_lists_every_page_of_both_editions_with_alternates(hosted: Path) -> None:
    """One sitemap, at the root: every page of both editions, sorted, each with its
    alternates in both languages and x-default (the Japanese page)."""
    assert not (hosted / "en" / "sitemap.xml").exists()
    urls = ElementTree.parse(hosted / "sitemap.xml").getroot().findall(f"{{{SITEMAP}}}url")
    locs = [url.findtext(f"{{{SITEMAP}}}loc") for url in urls]
    pages = [p for p in html_pages(hosted) if Path(p).stem not in UTILITY]
    assert locs == sorted(BASE_URL + page for page in pages), locs
    problems = []
    for url, loc in zip(urls, locs, strict=True):
        found = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{{{XHTML}}}link")
            if link.get("rel") == "alternate"
        }
        if found != alternates(loc):
            problems.append(f"{loc}: {found}")
    assert not problems, "\n".join(problems)


def test_the_404_page_is_a_page_of_the_book(book: Book) -> None:
    """Its words are in docs/404.md; it is in no toctree, search index, PDF or EPUB."""
    assert "ページが見つかりません" in (ROOT / "docs" / "404.md").read_text(encoding="utf-8")
    assert "ページが見つかりません" not in (ROOT / "conf.py").read_text(encoding="utf-8")
    # In the search index by name only: none of its words lead to it.
    script = (book.html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    doc = index["docnames"].index("404")
    pages_of = [v if isinstance(v, list) else [v] for v in index["terms"].values()]
    assert not [p for p in pages_of if doc in p]
    assert "404.html" not in (book.html / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(book.epub) as epub:
        assert not [n for n in epub.namelist() if Path(n).stem == "404"]
    assert "ページが見つかりません" not in book.tex.read_text(encoding="utf-8")


# -- Quiet: no configuration change reported, no dropped connection printed ------------


def test_a_rebuild_without_changes_reports_no_configuration_change(
    hosted: Path, tmp_path: Path
) -> None:
    """The `hosted` build, run again unchanged (the same address and date), in a copy
    of its folder: the run's other tests read the site itself, maybe at this time."""
    builddir = shutil.copytree(hosted.parent, tmp_path / "hosted", symlinks=True)
    result = make("html", builddir, BOOK_BASE_URL=BASE_URL)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "no targets are out of date" in log
    assert "configuration has changed" not in log, re.findall(r".*configuration has changed.*", log)
