"""Shared fixtures: the book is built once per test session, with the real tools.

``book`` runs ``make all`` (both editions, Japanese and English: HTML, PDF and EPUB,
strict; the builders side by side on the machine's cores) into a temporary folder
and returns its paths: ``book.html``, ``book.pdf``… are the Japanese edition's,
``book.en.html``, ``book.en.pdf``… the English edition's (``html/en/``,
``latex-en/``, ``epub-en/``).  The ``pages`` fixture holds the Japanese pages,
``pages_en`` the English ones.

* ``BOOK_FORMATS=html`` builds only the web site (``make html``), as ``make check``
  does: no LaTeX.  Tests that need the PDF or the EPUB are marked ``pdf`` and
  deselected then; run anyway, they fail saying so (they never pass unchecked).
* ``BOOK_BUILD_DIR=<dir>`` checks an existing build instead (a ``make all`` output,
  or a ``make html`` one with ``BOOK_FORMATS=html``), with ``BOOK_BUILD_LOG=<file>``
  its log if there is one and ``BOOK_SOURCE_DATE_EPOCH`` the date it was made with
  (handy while iterating on the tests; CI never sets them).

``make test`` runs the suite on every core (pytest-xdist ``-n auto --dist loadfile``:
each test file on one worker).  The book is still built once: the first worker to
need it builds it into the run's shared folder (``book0``) under a file lock, and
the other workers use that build.

If the book does not build, the run fails once
(``test_build.py::test_the_book_builds``, with the build's own message), and every
test that needs the book is skipped with a one-line reason pointing there.

Markers (pytest.ini): ``pdf`` (needs the PDF or EPUB), ``browser`` (needs Chromium:
given automatically to every test that uses the ``browser``, ``page`` or ``site_url``
fixture) and ``slow`` (builds of its own, or long runs of a tool).  ``make check`` runs
``-m "not pdf and not browser and not slow"`` on an HTML build; ``make test`` runs all.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

# Sphinx colours its messages whenever CI=true or FORCE_COLOR is set, even into a pipe
# (sphinx/_cli/util/colour.py), and CI services set CI=true.  The tests read those
# messages as text ("docs/x.md:4: WARNING: …"), so every build they start, which
# inherits this environment, is told to write plain text.
os.environ["NO_COLOR"] = "1"

ROOT = Path(__file__).resolve().parents[1]
BOOK = "geniac-rakuten-book"
# Every page of the book (its file name) and words its title contains.
CHAPTERS = {
    "overview": "概要",
    "parameters": "パラメータ",
    "comparison": "世界との比較",
    "domestic": "国内の基盤モデル",
    "faq": "よくある質問",
    "updates": "その後の動き",
    "glossary": "用語集",
    "sources": "出典と確認状況",
}
# The book's date (SOURCE_DATE_EPOCH) in the build the tests check: a fixed one, so
# that output is comparable between builds, unless BOOK_SOURCE_DATE_EPOCH says which
# date the build in BOOK_BUILD_DIR was made with (`make check` builds as `make html`
# does, with the commit's date, and says so).
SOURCE_DATE_EPOCH = os.environ.get("BOOK_SOURCE_DATE_EPOCH") or "1764547200"  # 2025-12-01


ALL_FORMATS = frozenset({"html", "pdf", "epub"})
# Fixtures that start Chromium: their tests are marked ``browser``.
BROWSER_FIXTURES = {"browser", "page", "site_url"}
# The test that reports a failed build (first in the run when it is selected).
BUILD_TEST = "test_build.py::test_the_book_builds"
# The name under which that test's report carries the build's failure to the summary.
BUILD_FAILURE = "book build failure"


# The editions `make all` builds (Makefile: LANGUAGES); Japanese is the source, at
# the site root.
EDITIONS = ("ja", "en")


@dataclass
class Edition:
    """One edition's files in the build (the Makefile's layout)."""

    book: Book
    language: str

    @property
    def suffix(self) -> str:
        return "" if self.language == "ja" else f"-{self.language}"

    @property
    def name(self) -> str:
        """The base name of its PDF and EPUB (geniac-rakuten-book-en)."""
        return BOOK + self.suffix

    @property
    def html(self) -> Path:
        root = self.book.builddir / "html"
        return root if self.language == "ja" else root / self.language

    @property
    def pdf(self) -> Path:
        return self.book._built(
            "pdf", self.book.builddir / f"latex{self.suffix}" / f"{self.name}.pdf"
        )

    @property
    def tex(self) -> Path:
        return self.book._built(
            "pdf", self.book.builddir / f"latex{self.suffix}" / f"{self.name}.tex"
        )

    @property
    def epub(self) -> Path:
        return self.book._built(
            "epub", self.book.builddir / f"epub{self.suffix}" / f"{self.name}.epub"
        )


@dataclass
class Book:
    builddir: Path
    log: str
    formats: frozenset[str] = ALL_FORMATS

    def edition(self, language: str) -> Edition:
        return Edition(self, language)

    @property
    def en(self) -> Edition:
        """The English edition (html/en/, latex-en/, epub-en/)."""
        return self.edition("en")

    @property
    def html(self) -> Path:
        return self.builddir / "html"

    def _built(self, fmt: str, path: Path) -> Path:
        if fmt not in self.formats:
            pytest.fail(
                f"this test needs the {fmt.upper()}, which this run did not build "
                f"({describe_formats(self.formats)}): mark it @pytest.mark.pdf "
                "(make check leaves those out) or run `make test`",
                pytrace=False,
            )
        return path

    @property
    def pdf(self) -> Path:
        return self._built("pdf", self.builddir / "latex" / f"{BOOK}.pdf")

    @property
    def tex(self) -> Path:
        return self._built("pdf", self.builddir / "latex" / f"{BOOK}.tex")

    @property
    def epub(self) -> Path:
        return self._built("epub", self.builddir / "epub" / f"{BOOK}.epub")


def describe_formats(formats: frozenset[str]) -> str:
    return "all formats" if formats == ALL_FORMATS else f"BOOK_FORMATS={','.join(sorted(formats))}"


def make(
    target: str, builddir: Path, *options: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a Makefile target as a user would, into ``builddir``."""
    return subprocess.run(
        ["make", *options, target, f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **env},
    )


class BuildFailed(Exception):
    """The book did not build; ``str()`` is the build's own message, ``reported_by``
    the test that reports it (when the run's shared build has named one)."""

    reported_by: str | None = None


# Lines of the build's output worth putting in the one-line summary, best first:
# a located Sphinx warning, any warning or error, LaTeX's own failure line.
PROBLEM_LINES = (
    re.compile(r"^\S+:\d*:? (?:WARNING|ERROR|CRITICAL): .*$", re.MULTILINE),
    re.compile(r"^.*(?:WARNING|ERROR|CRITICAL|Error|error|failed).*$", re.MULTILINE),
)


def build_book(builddir: Path, formats: frozenset[str] = ALL_FORMATS) -> Book:
    """``make all`` (or ``make html`` for an HTML-only run) into ``builddir``: both
    editions.

    The Makefile's targets html, pdf and epub of each edition write separate
    folders, so ``make -j`` builds them side by side."""
    target = "all" if formats == ALL_FORMATS else "html"
    jobs = f"-j{min(os.cpu_count() or 1, 3)}"
    result = make(target, builddir, jobs)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        found = (m for pattern in PROBLEM_LINES if (m := pattern.search(log)))
        first = next(found, None)
        cause = first.group(0).strip() if first else (log.strip().splitlines() or ["?"])[-1]
        raise BuildFailed(
            f"make {target} failed (exit {result.returncode}): {cause}\n\n"
            f"--- the build's output (last 6000 characters) ---\n{log[-6000:]}"
        )
    return Book(builddir=builddir, log=log, formats=formats)


FORMAT_CHOICES = {"all": ALL_FORMATS, "html": frozenset({"html"})}


def requested_formats() -> frozenset[str]:
    """BOOK_FORMATS: ``all`` (the default: ``make all``) or ``html`` (``make html``)."""
    return FORMAT_CHOICES[os.environ.get("BOOK_FORMATS", "all").strip() or "all"]


def pytest_configure(config: pytest.Config) -> None:
    value = os.environ.get("BOOK_FORMATS", "all").strip() or "all"
    if value not in FORMAT_CHOICES:
        raise pytest.UsageError(f"BOOK_FORMATS={value!r}: use 'all' (the default) or 'html'")
    # pytest makes a --basetemp folder but not its parents, and the pull-request job
    # gives one inside _build/, which a fresh clone does not have yet.
    if config.option.basetemp:
        Path(config.option.basetemp).resolve().parent.mkdir(parents=True, exist_ok=True)


def existing_book(builddir: Path, formats: frozenset[str]) -> Book:
    """A build made outside the run (BOOK_BUILD_DIR), checked for what it must hold."""
    wanted = {}
    for language in EDITIONS:
        edition = Book(builddir, "", formats).edition(language)
        wanted[f"{language} html"] = edition.html / "index.html"
        if "pdf" in formats:
            wanted[f"{language} pdf"] = builddir / f"latex{edition.suffix}" / f"{edition.name}.pdf"
        if "epub" in formats:
            wanted[f"{language} epub"] = builddir / f"epub{edition.suffix}" / f"{edition.name}.epub"
    missing = [f"{fmt} ({path})" for fmt, path in wanted.items() if not path.is_file()]
    if missing:
        raise BuildFailed(
            f"BOOK_BUILD_DIR={builddir} lacks {', '.join(missing)}: run `make all "
            f"BUILDDIR={builddir}` (or set BOOK_FORMATS=html for an HTML build)"
        )
    log_file = os.environ.get("BOOK_BUILD_LOG")
    log = Path(log_file).read_text(encoding="utf-8") if log_file else ""
    return Book(builddir=builddir, log=log, formats=formats)


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every process of the run sees: pytest's base folder, or with
    pytest-xdist (``make test`` runs ``-n auto``) its parent, which holds each
    worker's own base folder."""
    basetemp = tmp_path_factory.getbasetemp()
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def session_build_dir(root: Path) -> Path:
    """Where the run's one build of the book goes (``--basetemp=_build/tests`` puts it
    at ``_build/tests/book0``, the folder the pull-request job uploads)."""
    return root / "book0"


def shared_build(root: Path, formats: frozenset[str], test: str) -> Book:
    """The book built once for the whole run: the first worker to need it (for
    ``test``) builds it while holding a lock; the others wait, then use it, or learn
    that it failed and which test reports it.  The outcome is kept beside the build:
    ``book0.log`` (the build's output) when it built, ``book0.failed`` (the test,
    then the message) when not."""
    from filelock import FileLock

    builddir = session_build_dir(root)
    log_file, failed_file = builddir.with_suffix(".log"), builddir.with_suffix(".failed")
    with FileLock(builddir.with_suffix(".lock")):
        if failed_file.exists():
            reported_by, message = failed_file.read_text(encoding="utf-8").split("\n", 1)
            failure = BuildFailed(message)
            failure.reported_by = reported_by
            raise failure
        if log_file.exists():
            return Book(builddir, log_file.read_text(encoding="utf-8"), formats)
        builddir.mkdir(parents=True, exist_ok=True)
        try:
            book = build_book(builddir, formats)
        except BuildFailed as failure:
            failed_file.write_text(f"{test}\n{failure}", encoding="utf-8")
            failure.reported_by = test
            raise
        log_file.write_text(book.log, encoding="utf-8")
        return book


@dataclass
class SessionBuild:
    """The book of this run: built (or found) once, or the failure, reported once."""

    book: Book | None = None
    failure: str | None = None
    reported_by: str | None = None  # the one test that reports the failure
    current: str | None = None  # the test being set up
    build_test: str | None = None  # test_the_book_builds, when the run has it

    def get(self, tmp_path_factory: pytest.TempPathFactory) -> Book | None:
        if self.book is None and self.failure is None:
            formats = requested_formats()
            try:
                existing = os.environ.get("BOOK_BUILD_DIR")
                if existing:
                    self.book = existing_book(Path(existing).resolve(), formats)
                else:
                    root = shared_root(tmp_path_factory)
                    reporter = self.build_test or self.current
                    self.book = shared_build(root, formats, str(reporter))
            except BuildFailed as failure:
                self.failure = str(failure)
                self.reported_by = failure.reported_by or self.build_test or self.current
        return self.book


SESSION = SessionBuild()


def report_build_failure() -> NoReturn:
    """The build failed: the one test that reports it fails with the build's own
    message; any other skips, naming it.  That test is test_the_book_builds when
    the run has it (whichever pytest-xdist worker built), else the first test that
    needed the book."""
    if SESSION.current != SESSION.reported_by:
        pytest.skip(f"the book did not build: see {SESSION.reported_by}")
    pytest.fail(SESSION.failure, pytrace=False)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> None:
    """The test that reports a failed build carries its cause to the summary below
    (user properties travel from a pytest-xdist worker to the main process too)."""
    if SESSION.failure is not None and SESSION.reported_by == item.nodeid:
        if not any(name == BUILD_FAILURE for name, _ in item.user_properties):
            item.user_properties.append((BUILD_FAILURE, SESSION.failure.split("\n", 1)[0]))


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    built = SESSION.get(tmp_path_factory)
    if built is None:
        # Only the first test that needs the book gets here (see pytest_runtest_setup).
        report_build_failure()
    return built


# The order in which `make test` hands whole test files to its workers: the files
# that take longest first (pytest --durations, summed per file), so that no long
# file is left to run alone at the end; an unlisted file comes after these.  The
# first two start together: test_build.py builds the book for the run, and
# test_reproducible.py makes its own clean build beside it (it asks for the
# session's build only when its own is done), so that neither worker waits idle
# for the book.
LONGEST_FILES = (
    "test_build.py",
    "test_reproducible.py",
    "test_contributor_errors.py",
    "test_browser.py",
    "test_english_edition.py",
    "test_hosting.py",
    "test_figures.py",
    "test_calculator.py",
    "test_facts.py",
    "test_dated_facts.py",
    "test_repo_config.py",
)


def file_rank(item: pytest.Item) -> int:
    name = item.path.name
    return LONGEST_FILES.index(name) if name in LONGEST_FILES else len(LONGEST_FILES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests; the build's own test first, so that a broken build is the
    first thing the run reports; then the files longest first (a stable sort: each
    file's tests keep their order)."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: (not item.nodeid.endswith(BUILD_TEST), file_rank(item)))
    if items and items[0].nodeid.endswith(BUILD_TEST):
        SESSION.build_test = items[0].nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    SESSION.current = item.nodeid
    if "book" not in getattr(item, "fixturenames", ()):
        return
    if SESSION.failure is not None:
        # Reported once (report_build_failure); the others would only repeat it
        # (and a skipped test is never counted as passed).
        pytest.skip(f"the book did not build: see {SESSION.reported_by}")
    formats = requested_formats()
    if item.get_closest_marker("pdf") and formats != ALL_FORMATS:
        pytest.fail(
            f"marked pdf (needs the PDF or EPUB), but this run builds only "
            f"{describe_formats(formats)}: run `make test`, or unset BOOK_FORMATS",
            pytrace=False,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A build that failed fails the run, whatever was selected or skipped.
    if SESSION.failure is not None and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    reported = [
        (report.nodeid, value)
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == BUILD_FAILURE
    ]
    if reported:
        nodeid, cause = reported[0]
        terminalreporter.section("the book did not build", sep="=", red=True, bold=True)
        terminalreporter.line(cause)
        terminalreporter.line(
            f"(reported in full by {nodeid}; the tests that need the book were skipped, not passed)"
        )


def edition_pages(root: Path) -> dict[str, str]:
    """Every HTML page of the edition in ``root`` by its name without extension
    (not those of another edition in a folder of it: html/en/ for html/)."""
    others = {language for language in EDITIONS if language != "ja"}
    return {
        str(rel.with_suffix("")): p.read_text(encoding="utf-8")
        for p in root.rglob("*.html")
        if (rel := p.relative_to(root)).parts[0] not in others
    }


@pytest.fixture(scope="session")
def pages(book: Book) -> dict[str, str]:
    """Every HTML page of the Japanese edition (the site root) by its name without
    extension."""
    return edition_pages(book.html)


@pytest.fixture(scope="session")
def pages_en(book: Book) -> dict[str, str]:
    """Every HTML page of the English edition (html/en/) by its name."""
    return edition_pages(book.en.html)


# Browser fixtures (site_url, browser, page) live in their own module.
from browser_fixtures import browser, page, site_url  # noqa: E402,F401
