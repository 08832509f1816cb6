"""A minimal project built with the book's own configuration, for tests of the build.

Tests that break something on purpose (a contributor's mistake, a data change) do
not need the whole book: they need the book's ``conf.py``, extensions (``_ext/``),
data, theme files and Makefile, and a few tiny pages that use what the book's pages
use (labels, glossary terms, facts with their attribution, the sources page).  A
build of it takes about a second instead of the book's minute.

``sphinx_build`` runs ``sphinx-build`` with the Makefile's strict options through
its own entry point (``sphinx.cmd.build.build_main``, exit code and output as on
the command line) inside a Python process that has already imported Sphinx.
``parallel_builds`` spreads such builds over the machine's cores, each of the edition
it names (``en``: ``BOOK_LANGUAGE=en``, as the Makefile builds the English edition).
"""

from __future__ import annotations

import contextlib
import gettext
import io
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import sphinx.locale
from helpers import FACTS

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
# docs/<name> -> text: a table of contents, chapters that link each other, a glossary,
# reported figures attributed in their sentence (the data file's first fact, the one
# the data-error cases edit, among them), and the sources page.
PAGES = {
    "index.md": (
        "(top)=\n# 試験の本\n\n"
        "```{toctree}\n:hidden:\n\noverview\nparameters\nfaq\nupdates\nglossary\nsources\n```\n\n"
        "「{ref}`overview`」から読みはじめます。\n"
    ),
    "overview.md": (
        "(overview)=\n# 概要\n\n```{figures-as-of}\n```\n\n"
        "報道によれば、経済産業省は支援する方針を固めました"
        f"{{fact-mark}}`{next(iter(FACTS.facts))}`。\n"
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
        "(faq)=\n# よくある質問\n\n(faq-what)=\n## 何の本ですか\n\n「{ref}`overview`」を見てください。\n"
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


def make_project(
    target: Path,
    pages: dict[str, str] | None = None,
    catalogues: dict[str, dict[str, str]] | None = None,
) -> Path:
    """The book's configuration, extensions, data and Makefile inputs in ``target``,
    with ``pages`` in ``target/docs`` (the tiny pages above, and the page templates
    contributors copy, unless it says); given ``catalogues`` ({page: {msgid: msgstr}}),
    they are the English edition's instead of the book's."""
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
    docs = target / "docs"
    docs.mkdir()
    for name, text in (pages or PAGES).items():
        (docs / name).write_text(text, encoding="utf-8")
    if pages is None:
        shutil.copytree(ROOT / "docs" / "_templates", docs / "_templates")
    if catalogues is not None:
        messages = target / "locales" / "en" / "LC_MESSAGES"
        for page_po in messages.glob("*.po"):
            page_po.unlink()
        for name, entries in catalogues.items():
            (messages / f"{name}.po").write_text(po_text(entries), encoding="utf-8")
    return target


def po_text(messages: dict[str, str]) -> str:
    """A PO file holding ``messages`` ({msgid: msgstr})."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    entries += [f"msgid {quoted(k)}\nmsgstr {quoted(v)}\n" for k, v in messages.items()]
    return "\n".join(entries)


def run_sphinx(arguments: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """``sphinx-build <arguments>`` run in this process from ``cwd`` with ``env`` added
    to the environment: (exit code, everything it printed).  Sphinx is imported
    once per process, not once per build, and the build's own caches in memory
    (the compiled schema, the search splitter's) serve the next build."""
    from sphinx.cmd.build import build_main

    output = io.StringIO()
    before_cwd = os.getcwd()
    before_env = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            code = build_main(arguments)
    finally:
        os.chdir(before_cwd)
        # Sphinx keeps the message catalogues it loaded for the life of the process
        # (sphinx.locale.translators): the next build would translate with these.
        sphinx.locale.translators.clear()
        # And Python's gettext keeps every .mo file it parsed, by path (a private
        # cache, gettext._translations): a rebuild after a PO edit would translate
        # with the catalogue as the first build compiled it.
        gettext._translations.clear()
        for name, value in before_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return code, output.getvalue()


def sphinx_build(
    tree: Path, language: str = "ja", builder: str = "html", out: str = "out"
) -> tuple[int, str]:
    """The strict build of one edition of ``tree`` (``BOOK_LANGUAGE`` as the Makefile
    sets it) into ``<tree>/<out>``, its doctrees in ``<tree>/<out>-doctrees``, run in
    this process: (exit code, everything it printed)."""
    return run_sphinx(
        [*STRICT, "-q", "-c", str(tree), "-d", str(tree / f"{out}-doctrees")]
        + [str(tree / "docs"), str(tree / out), "-b", builder],
        tree,
        {"BOOK_LANGUAGE": language, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )


def _worker_environment() -> None:
    """Each worker builds as the command line would in a bare environment: English
    messages, and nothing of the caller's environment."""
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    import sphinx.cmd.build  # noqa: F401  (imported once per worker, not per build)


def parallel_builds(jobs: Iterable[tuple[Path, str]]) -> list[tuple[int, str]]:
    """``sphinx_build`` of each (tree, language) over the machine's cores (fresh
    processes: the test process may run browser threads, which a fork would copy
    badly).  Each job is handed to the workers as soon as ``jobs`` yields it: a
    generator that makes the trees one by one lets the first builds start while the
    next trees are being copied.  Results are in the jobs' order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(mp_context=context, initializer=_worker_environment) as pool:
        return [future.result() for future in [pool.submit(sphinx_build, *job) for job in jobs]]


def rebuilt_after_an_edit(root: Path, conf: str, pages: dict[str, str], edited: str) -> str:
    """A bare project (``conf``, the text of its conf.py, and ``pages`` in docs/) built,
    then built again after ``edited`` changed: the second build's output."""
    (root / "docs").mkdir(parents=True)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    command = [str(Path(sys.executable).parent / "sphinx-build"), "-b", "html", "-c", str(root)]
    command += [str(root / "docs"), str(root / "_build")]
    page = root / "docs" / edited
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    os.utime(page, (page.stat().st_mtime + 5,) * 2)  # newer than its doctree, surely
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 changed" in result.stdout, result.stdout  # the second was incremental
    return result.stdout


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small copy of the book (everything the build reads) whose pages use two
    reported facts and list them on a sources page: the facts tests' project."""
    return make_project(
        tmp_path,
        {
            "index.md": "# 試験\n\n```{toctree}\nchapter\nsources\n```\n",
            "chapter.md": "(chapter)=\n# 章\n\n報道によれば、楽天は {fact}`target-params` を目指します。"
            "\n\n報道によれば、{fact}`companies-24` が採択されました。\n",
            "sources.md": PAGES["sources.md"],
        },
    )
