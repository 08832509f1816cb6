"""Shared fixtures: the book is built once per test session, with the real tools.

``book`` runs ``make all`` (both editions: HTML, PDF and EPUB, strict) into a
temporary folder and returns its paths: ``book.html``, ``book.pdf``… are the Japanese
edition's, ``book.en.html``, ``book.en.pdf``… the English edition's.  The ``pages``
fixture holds the Japanese pages, ``pages_en`` the English ones.

* ``BOOK_FORMATS=html`` builds only the web site (``make html``), as ``make check``
  does: no LaTeX.  Tests that need the PDF or the EPUB are marked ``pdf`` and
  deselected then; run anyway, they fail saying so (they never pass unchecked).
* ``BOOK_BUILD_DIR=<dir>`` checks an existing build instead (a ``make all`` output,
  or a ``make html`` one with ``BOOK_FORMATS=html``), with ``BOOK_BUILD_LOG=<file>``
  its log if there is one and ``BOOK_SOURCE_DATE_EPOCH`` the date it was made with
  (handy while iterating on the tests; CI never sets them).

``make test`` runs the suite on every core (pytest-xdist ``-n auto --dist loadfile``:
each test file on one worker).  The book is still built once: the first worker
(``gw0``) builds it right after collecting, before xdist hands out any test, into the
run's shared folder (``book0``), and says how it went in ``book0.json`` for the other
workers.  Without xdist, the first test that needs the book builds it.

If the book does not build, ``test_build.py::test_the_book_builds`` fails with the
build's own message, every test that needs the book is skipped with a one-line
reason pointing there, the summary repeats the cause and the run fails (even when
that test is not selected).

Tiers (pytest.ini): each test file is of one tier, marked at its top
(``pytestmark = pytest.mark.pdf``): ``pdf``, ``browser`` (every test using the
``browser``, ``page`` or ``site_url`` fixture), ``slow``, or none: quick.  A file that
mixes tiers, or a test that starts Chromium outside a browser file, fails every test
it runs, saying so.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

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
FORMAT_CHOICES = {"all": ALL_FORMATS, "html": frozenset({"html"})}
# Fixtures that start Chromium: their tests are marked ``browser``.
BROWSER_FIXTURES = {"browser", "page", "site_url"}
# The test that reports a failed build with the build's own message.
BUILD_TEST = "tests/test_build.py::test_the_book_builds"
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

    def _built(self, fmt: str, folder: str, extension: str) -> Path:
        if fmt not in self.book.formats:
            pytest.fail(
                f"this test needs the {fmt.upper()}, which this run did not build "
                f"({describe_formats(self.book.formats)}): mark it @pytest.mark.pdf "
                "(make check leaves those out) or run `make test`",
                pytrace=False,
            )
        return self.book.builddir / f"{folder}{self.suffix}" / f"{self.name}.{extension}"

    pdf = property(lambda self: self._built("pdf", "latex", "pdf"))
    tex = property(lambda self: self._built("pdf", "latex", "tex"))
    epub = property(lambda self: self._built("epub", "epub", "epub"))


@dataclass
class Book:
    """The build: ``html``, ``pdf``, ``tex`` and ``epub`` are the Japanese edition's."""

    builddir: Path
    log: str
    formats: frozenset[str] = ALL_FORMATS

    def edition(self, language: str) -> Edition:
        return Edition(self, language)

    en = property(lambda self: self.edition("en"))  # html/en/, latex-en/, epub-en/
    html = property(lambda self: self.edition("ja").html)
    pdf = property(lambda self: self.edition("ja").pdf)
    tex = property(lambda self: self.edition("ja").tex)
    epub = property(lambda self: self.edition("ja").epub)


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
    """The book did not build; ``str()`` is the build's own message."""


# Lines of the build's output worth putting in the one-line summary, best first:
# a located Sphinx warning, any warning or error, LaTeX's own failure line.
PROBLEM_LINES = (
    re.compile(r"^\S+:\d*:? (?:WARNING|ERROR|CRITICAL): .*$", re.MULTILINE),
    re.compile(r"^.*(?:WARNING|ERROR|CRITICAL|Error|error|failed).*$", re.MULTILINE),
)


def build_book(builddir: Path, formats: frozenset[str] = ALL_FORMATS) -> Book:
    """``make all`` (or ``make html`` for an HTML-only run) into ``builddir``: both
    editions, the builders side by side (``make -j``: they write separate folders)."""
    target = "all" if formats == ALL_FORMATS else "html"
    result = make(target, builddir, f"-j{min(os.cpu_count() or 1, 3)}")
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


def check_existing_book(builddir: Path, formats: frozenset[str]) -> None:
    """A build made outside the run (BOOK_BUILD_DIR) holds what the run needs."""
    editions = [Book(builddir, "", formats).edition(language) for language in EDITIONS]
    wanted = [edition.html / "index.html" for edition in editions]
    wanted += [edition.pdf for edition in editions if "pdf" in formats]
    wanted += [edition.epub for edition in editions if "epub" in formats]
    missing = [str(path) for path in wanted if not path.is_file()]
    if missing:
        raise BuildFailed(
            f"BOOK_BUILD_DIR={builddir} lacks {', '.join(missing)}: run `make all "
            f"BUILDDIR={builddir}` (or set BOOK_FORMATS=html for an HTML build)"
        )


def shared_root(config: pytest.Config) -> Path:
    """The folder every process of the run sees: pytest's base folder, or with
    pytest-xdist (``make test`` runs ``-n auto``) its parent, which holds each
    worker's own base folder (``--basetemp=_build/tests`` puts the build at
    ``_build/tests/book0``, the folder the pull-request job uploads)."""
    basetemp = config._tmp_path_factory.getbasetemp()
    return basetemp.parent if hasattr(config, "workerinput") else basetemp


def session_build_dir(root: Path) -> Path:
    """Where the run's one build of the book goes."""
    return root / "book0"


def outcome_file(config: pytest.Config) -> Path:
    """Where the process that built (or found) the book says how it went, for the
    other processes of the run: the build's folder and log, or the failure."""
    return session_build_dir(shared_root(config)).with_suffix(".json")


def build_once(config: pytest.Config) -> dict[str, str | None]:
    """Build the book (or check BOOK_BUILD_DIR): its folder and log file, or the failure."""
    formats = requested_formats()
    try:
        if os.environ.get("BOOK_BUILD_DIR"):
            builddir = Path(os.environ["BOOK_BUILD_DIR"]).resolve()
            check_existing_book(builddir, formats)
            log = os.environ.get("BOOK_BUILD_LOG", "")
        else:
            builddir = session_build_dir(shared_root(config))
            log = str(builddir.with_suffix(".log"))
            Path(log).write_text(build_book(builddir, formats).log, encoding="utf-8")
    except BuildFailed as failure:
        return {"dir": None, "log": "", "failure": str(failure)}
    return {"dir": str(builddir), "log": log, "failure": None}


@dataclass
class SessionBuild:
    """The book of this run: built (or found) once, or its failure."""

    book: Book | None = None
    failure: str | None = None

    def get(self, config: pytest.Config) -> Book | None:
        if self.book is None and self.failure is None:
            outcome = outcome_file(config)
            if not outcome.exists():  # this process is the run's first: it builds
                outcome.write_text(json.dumps(build_once(config)), encoding="utf-8")
            told = json.loads(outcome.read_text(encoding="utf-8"))
            self.failure = told["failure"]
            if told["dir"]:
                log = Path(told["log"]).read_text(encoding="utf-8") if told["log"] else ""
                self.book = Book(Path(told["dir"]), log, requested_formats())
        return self.book


SESSION = SessionBuild()


def needs_book(item: pytest.Item) -> bool:
    return "book" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """With pytest-xdist, the first worker builds the book right after collecting,
    if a selected test needs it: xdist hands out no test before every worker has
    reported its collection, so the others find the build (or its failure) ready
    when they start.  Without xdist, the first test that needs the book builds it.
    The published site of the hosting tests (hosting_shared.hosted) is built the
    same way, after the book."""
    worker = getattr(session.config, "workerinput", {}).get("workerid")
    if worker == "gw0" and any(needs_book(item) for item in session.items):
        book = SESSION.get(session.config)
        if book is not None and any(
            "hosted" in getattr(item, "fixturenames", ()) for item in session.items
        ):
            from hosting_shared import hosted_site  # (it imports this module)

            hosted_site(session.config, book)


@pytest.fixture(scope="session")
def book(request: pytest.FixtureRequest) -> Book:
    built = SESSION.get(request.config)
    if built is None:
        pytest.skip(f"the book did not build: see {BUILD_TEST}")
    return built


TIERS = ("pdf", "browser", "slow")  # (pytest.ini; none: quick)
# {test file: what is wrong with its tier}, found at collection.
TIER_PROBLEMS: dict[Path, str] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each test file is of one tier (its ``pytestmark``), and a test that starts
    Chromium is in a file of the browser tier: `make check` leaves these out.  A file
    that breaks the rule fails every test it runs, saying why (an error raised here
    would be lost in pytest-xdist's workers, which collect on their own)."""
    tiers: dict[Path, set[tuple[str, ...]]] = {}
    for item in items:
        marks = tuple(sorted({m.name for m in item.iter_markers() if m.name in TIERS}))
        tiers.setdefault(item.path, set()).add(marks)
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) and "browser" not in marks:
            TIER_PROBLEMS[item.path] = f"{item.nodeid} starts Chromium: mark its file browser"
    for path, marks in tiers.items():
        if len(marks) > 1 or len(next(iter(marks))) > 1:
            names = sorted({" + ".join(m) or "quick" for m in marks})
            TIER_PROBLEMS[path] = f"{path.name} mixes tiers ({', '.join(names)}): one tier a file"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path in TIER_PROBLEMS:
        pytest.fail(TIER_PROBLEMS[item.path], pytrace=False)
    if (
        needs_book(item)
        and item.get_closest_marker("pdf")
        and (formats := requested_formats()) != ALL_FORMATS
    ):
        pytest.fail(
            f"marked pdf (needs the PDF or EPUB), but this run builds only "
            f"{describe_formats(formats)}: run `make test`, or unset BOOK_FORMATS",
            pytrace=False,
        )


def build_failure(config: pytest.Config) -> str | None:
    """The run's build failure, in whichever process of the run built."""
    if SESSION.failure is None and outcome_file(config).exists():
        SESSION.get(config)
    return SESSION.failure


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A build that failed fails the run, whatever was selected or skipped.
    if build_failure(session.config) is not None and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    failure = build_failure(config)
    if failure is not None:
        terminalreporter.section("the book did not build", sep="=", red=True, bold=True)
        terminalreporter.line(failure.split("\n", 1)[0])
        terminalreporter.line(
            f"(reported in full by {BUILD_TEST}; the tests that need the book were skipped, "
            "not passed)"
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
    """Every HTML page of the Japanese edition (the site root) by its name."""
    return edition_pages(book.html)


@pytest.fixture(scope="session")
def pages_en(book: Book) -> dict[str, str]:
    """Every HTML page of the English edition (html/en/) by its name."""
    return edition_pages(book.en.html)


# Browser fixtures (site_url, browser, page) live in their own module.
from browser_fixtures import browser, page, site_url  # noqa: E402,F401
