"""A minimal project built with the book's own configuration, for tests of the build.

Tests that break something on purpose (a contributor's mistake, a data change) do
not need the whole book: they need the book's ``conf.py``, extensions (``_ext/``),
data, theme files and Makefile, and a few tiny pages that use what the book's pages
use (labels, glossary terms, facts with their attribution, the sources page).  A
build of it takes about a second instead of the book's minute.

``sphinx_build`` runs ``sphinx-build`` with the Makefile's strict options through
its own entry point (``sphinx.cmd.build.build_main``, exit code and output as on
the command line) inside a Python process that has already imported Sphinx.
``parallel_builds`` spreads such builds over the machine's cores, each with the
environment it names (``BOOK_LANGUAGE=en`` for the English edition).
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import shutil
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DATE_EPOCH = "1764547200"  # as conftest: output comparable between builds
# Not part of what the build reads: everything else of the project is copied (conf.py,
# _ext, data, _static, _templates, tools, CITATION.cff..., and requirements.txt, which
# the Makefile's venv target depends on: copied with its time, nothing is reinstalled),
# so that a new input of the build is in the minimal project without a change here.
NOT_SOURCES = {
    ".git",
    ".venv",
    "node_modules",
    "_build",
    ".pytest_cache",
    "tests",
    ".github",
    "__pycache__",
    ".ruff_cache",
    "docs",  # the tiny pages instead
}
# The Makefile's strict options (Makefile: STRICT).
STRICT = ("-n", "-W", "--keep-going")


def first_fact_key(facts_yaml: Path = ROOT / "data" / "facts.yaml") -> str:
    """The key of the data file's first fact (the one the data-error cases edit)."""
    text = facts_yaml.read_text(encoding="utf-8")
    after = text[text.index("\nfacts:\n") :]
    return re.search(r"^  ([a-z0-9-]+):\s*$", after, re.MULTILINE).group(1)


def pages() -> dict[str, str]:
    """docs/<name> -> text: a table of contents, chapters that link each other, a
    glossary, reported figures attributed in their sentence, and the sources page."""
    return {
        "index.md": (
            "(top)=\n# 試験の本\n\n"
            "```{toctree}\n:hidden:\n\noverview\nparameters\nfaq\nupdates\nglossary\nsources\n```\n\n"
            "「{ref}`overview`」から読みはじめます。\n"
        ),
        "overview.md": (
            "(overview)=\n# 概要\n\n```{figures-as-of}\n```\n\n"
            "報道によれば、経済産業省は支援する方針を固めました"
            f"{{fact-mark}}`{first_fact_key()}`。\n"
            "報道によれば、楽天は {fact}`target-params` の{term}`パラメータ`を持つモデルを"
            "目指します。\n\n"
            "(overview-more)=\n## 続き\n\n"
            "詳しくは「{ref}`parameters`」と「{ref}`faq`」を見てください。\n"
        ),
        "parameters.md": (
            "(parameters)=\n# パラメータ解説\n\n"
            "{term}`パラメータ`の数の話です。「{ref}`overview-more`」も見てください。\n"
        ),
        "faq.md": (
            "(faq)=\n# よくある質問\n\n(faq-what)=\n## 何の本ですか\n\n"
            "「{ref}`overview`」を見てください。\n"
        ),
        "updates.md": (
            "(updates)=\n# その後の動き\n\n"
            "報道によれば、{fact}`companies-24` が採択されました。「{ref}`overview`」の続きです。\n"
        ),
        "glossary.md": (
            "(glossary)=\n# 用語集\n\n```{glossary}\n.. anchor: term-parameter\nパラメータ\n"
            "  モデルが学習で調整する数の集まりです。\n```\n"
        ),
        "sources.md": "(sources)=\n# 出典\n\n```{facts-list}\n```\n\n```{sources-list}\n```\n",
    }


def make_project(target: Path, *, with_pages: bool = True) -> Path:
    """The book's configuration, extensions, data and Makefile inputs in ``target``,
    with the tiny pages in ``target/docs`` (and the page templates contributors copy)."""
    target.mkdir(parents=True, exist_ok=True)
    for source in ROOT.iterdir():
        if source.name in NOT_SOURCES:
            continue
        if source.is_dir():
            shutil.copytree(
                source, target / source.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        elif source.is_file():
            shutil.copy2(source, target / source.name)  # keeps the mtime: no venv reinstall
    if with_pages:
        docs = target / "docs"
        docs.mkdir()
        for name, text in pages().items():
            (docs / name).write_text(text, encoding="utf-8")
        shutil.copytree(ROOT / "docs" / "_templates", docs / "_templates")
    return target


def run_sphinx(
    arguments: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """``sphinx-build <arguments>`` run in this process from ``cwd`` with ``env`` added
    to the environment: (exit code, everything it printed).  Sphinx is imported
    once per process, not once per build, and the build's own caches in memory
    (the compiled schema, the search splitter's) serve the next build."""
    from sphinx.cmd.build import build_main

    output = io.StringIO()
    before_cwd = os.getcwd()
    before_env = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            code = build_main(arguments)
    finally:
        os.chdir(before_cwd)
        # Sphinx keeps the message catalogues it loaded for the life of the process
        # (sphinx.locale.translators): the next build would translate with these.
        import sphinx.locale

        sphinx.locale.translators.clear()
        # And Python's gettext keeps every .mo file it parsed, by path (a private
        # cache, gettext._translations): a rebuild after a PO edit would translate
        # with the catalogue as the first build compiled it.
        import gettext

        gettext._translations.clear()
        for name, value in before_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return code, output.getvalue()


def sphinx_build(
    tree: Path, builder: str = "html", out: str = "out", env: dict[str, str] | None = None
) -> tuple[int, str]:
    """``sphinx-build -n -W --keep-going -q -c <tree> <tree>/docs <tree>/<out> -b <builder>``
    run in this process from ``tree``, with ``env`` added to the environment:
    (exit code, everything it printed)."""
    return run_sphinx(
        [*STRICT, "-q", "-c", str(tree), str(tree / "docs"), str(tree / out), "-b", builder],
        tree,
        env,
    )


def _worker_environment() -> None:
    """Each worker builds as the command line would in a bare environment: English
    messages, a fixed date, and nothing of the caller's environment."""
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    import sphinx.cmd.build  # noqa: F401  (imported once per worker, not per build)


Job = Path | tuple[Path, dict[str, str]]


def _build_job(job: Job) -> tuple[int, str]:
    """``sphinx_build`` of a tree, with the job's environment variables set for it."""
    tree, env = job if isinstance(job, tuple) else (job, {})
    return sphinx_build(tree, env=env)


def parallel_builds(jobs: Iterable[Job], workers: int | None = None) -> list[tuple[int, str]]:
    """``sphinx_build`` of each tree (or (tree, environment) pair), over the machine's
    cores (fresh processes: the test process may run browser threads, which a fork
    would copy badly).

    Each job is handed to the workers as soon as ``jobs`` yields it: a generator that
    makes the trees one by one lets the first builds start (and the workers import
    Sphinx) while the next trees are being copied.  Results are in the jobs' order."""
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_environment) as pool:
        futures = [pool.submit(_build_job, job) for job in jobs]
        return [future.result() for future in futures]


def sphinx_build_edition(
    tree: Path, language: str, builder: str = "html", out: str | None = None
) -> tuple[int, str]:
    """``sphinx_build`` of one edition: ``BOOK_LANGUAGE=<language>`` as the Makefile sets
    it (conf.py reads it), into ``<tree>/out-<language>`` unless ``out`` says otherwise."""
    return sphinx_build(tree, builder, out or f"out-{language}", {"BOOK_LANGUAGE": language})


def po_text(messages: dict[str, str]) -> str:
    """A PO file holding ``messages`` ({msgid: msgstr})."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    entries += [f"msgid {quoted(k)}\nmsgstr {quoted(v)}\n" for k, v in messages.items()]
    return "\n".join(entries)


def tiny_project(
    target: Path, pages: dict[str, str], catalogues: dict[str, dict[str, str]]
) -> Path:
    """The book's configuration, extensions and data with ``pages`` (docs/<name>) instead
    of the minimal book's, and English ``catalogues`` ({page: {msgid: msgstr}}) instead
    of the book's PO files."""
    tree = make_project(target, with_pages=False)
    (tree / "docs").mkdir()
    for name, text in pages.items():
        (tree / "docs" / name).write_text(text, encoding="utf-8")
    # The book's page catalogues go (the theme's "sphinx" catalogue stays).
    for page_po in (tree / "locales").glob("*/LC_MESSAGES/*.po"):
        if page_po.stem != "sphinx":
            page_po.unlink()
    messages = tree / "locales" / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True, exist_ok=True)
    for name, entries in catalogues.items():
        (messages / f"{name}.po").write_text(po_text(entries), encoding="utf-8")
    return tree


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small copy of the book (everything the build reads) whose pages use two
    reported facts and list them on a sources page: the facts tests' project."""
    make_project(tmp_path, with_pages=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# 試験\n\n```{toctree}\nchapter\nsources\n```\n", encoding="utf-8"
    )
    (docs / "chapter.md").write_text(
        "(chapter)=\n# 章\n\n報道によれば、楽天は {fact}`target-params` を目指します。\n\n"
        "報道によれば、{fact}`companies-24` が採択されました。\n",
        encoding="utf-8",
    )
    (docs / "sources.md").write_text(
        "(sources)=\n# 出典\n\n```{facts-list}\n```\n\n```{sources-list}\n```\n", encoding="utf-8"
    )
    return tmp_path


@dataclass
class Built:
    """A build's exit code and what it printed (Sphinx writes warnings to stderr)."""

    returncode: int
    stderr: str


def sphinx(tree: Path, language: str = "ja") -> Built:
    """The strict HTML build of one edition of ``tree``, as `make html` runs it, in
    this process (tests/minibook.py: Sphinx imported once, not per build)."""
    code, output = run_sphinx(
        ["-n", "-W", "--keep-going", "-c", str(tree), "-b", "html"]
        + ["-d", str(tree / "doctrees"), str(tree / "docs"), str(tree / "out")],
        tree,
        {"BOOK_LANGUAGE": language, "BOOK_EDITIONS": "ja en"},
    )
    return Built(code, output)
