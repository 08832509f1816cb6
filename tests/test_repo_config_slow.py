"""The contributor tooling is valid and passes on the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from repo_config_shared import ROOT, WORKFLOWS, load

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
ISSUE_FORMS = sorted(
    p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


# -- Schemas ---------------------------------------------------------------------------

SCHEMA_CASES = [
    # (schema, its files, one of them broken as a contributor might: (old, new))
    ("vendor.github-workflows", WORKFLOWS, ("jobs:", "job:")),
    ("vendor.github-issue-forms", ISSUE_FORMS, ("type: textarea", "type: essay")),
    ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"], None),
    (
        "vendor.readthedocs",
        [ROOT / ".readthedocs.yaml"],
        ("fail_on_warning: true", "fail_on_warning: yes please"),
    ),
]


@pytest.mark.parametrize(
    ("schema", "files", "edit"), SCHEMA_CASES, ids=[s for s, *_ in SCHEMA_CASES]
)
def test_files_match_their_schema_and_a_broken_copy_does_not(
    schema: str, files: list[Path], edit: tuple[str, str] | None, tmp_path: Path
) -> None:
    assert files, f"no files for {schema}"
    result = check_jsonschema(schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr
    if edit:
        text = next(t for f in files if edit[0] in (t := f.read_text(encoding="utf-8")))
        broken = tmp_path / files[0].name
        broken.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
        assert check_jsonschema(schema, broken).returncode != 0, f"{schema} took {edit[1]!r}"


# A test that needs no build of the book (the fresh clone has none).
QUICK_TEST = "test_every_edition_has_every_word_in_its_own_language"


def test_the_pull_request_test_options_work_in_a_fresh_clone(tmp_path: Path) -> None:
    """The job's PYTEST_ADDOPTS (a --basetemp inside _build/, which a fresh clone
    lacks) start the suite on two workers as `make test` runs it."""
    pr = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    (job,) = pr["jobs"].values()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "BOOK_"))}
    result = subprocess.run(
        [str(BIN / "pytest"), "-q", "-n", "2", "--dist", "loadfile", "-p", "no:cacheprovider"]
        + ["--rootdir", str(ROOT), "-c", str(ROOT / "pytest.ini")]
        + [f"{ROOT / 'tests' / 'test_edition_words.py'}::{QUICK_TEST}"],
        cwd=tmp_path,  # a checkout without _build/
        capture_output=True,
        text=True,
        check=False,
        env={**env, "PYTEST_ADDOPTS": job["env"]["PYTEST_ADDOPTS"]},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"^\d+ passed", result.stdout, re.MULTILINE), result.stdout


# -- Read the Docs ---------------------------------------------------------------------


def read_the_docs_html_job() -> list[str]:
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    return rtd["build"]["jobs"]["build"]["html"]


def run_read_the_docs_job(tree: Path, commands: list[str], output: Path):
    """The job's commands in ``tree``, as Read the Docs runs them: its variables set,
    ``python`` the project's (the one Read the Docs installs requirements.txt into)."""
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": "1764547200",
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": "https://geniac-book.readthedocs.io/ja/latest/",
    }
    script = "set -e\n" + "\n".join(commands)
    return subprocess.run(
        ["bash", "-c", script], cwd=tree, env=env, capture_output=True, text=True, check=False
    )


def test_read_the_docs_builds_the_site_strictly_for_its_address(tmp_path: Path) -> None:
    """The html job of .readthedocs.yaml, run on a minimal project with the book's
    configuration: it builds the site into Read the Docs' output folder for the
    project's address, and a page with a broken reference fails it (strict, as
    `make html`)."""
    from minibook import make_project

    commands = read_the_docs_html_job()
    good = make_project(tmp_path / "good")
    result = run_read_the_docs_job(good, commands, tmp_path / "out-good")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    index = (tmp_path / "out-good" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://geniac-book.readthedocs.io/ja/latest/' in index

    broken = make_project(tmp_path / "broken")
    page = broken / "docs" / "overview.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n{ref}`no-such-label` を見てください。\n",
        encoding="utf-8",
    )
    result = run_read_the_docs_job(broken, commands, tmp_path / "out-broken")
    assert result.returncode != 0, "the Read the Docs build passed with a broken reference"
    assert "docs/overview.md" in result.stderr and "no-such-label" in result.stderr


# -- pre-commit ------------------------------------------------------------------------


def repo_copy(tmp_path: Path) -> Path:
    """The tracked files as they are on disk, in a fresh git repository.

    pre-commit's fixers rewrite files; running them on a copy leaves the working
    tree (and anyone editing it) alone.
    """
    copy = tmp_path / "repo"
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    # The hooks run the tools installed for the project (see .pre-commit-config.yaml).
    (copy / ".venv").symlink_to(BIN.parent)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    subprocess.run([*git, "add", "."], cwd=copy, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "copy"], cwd=copy, check=True)
    return copy


def pre_commit(copy: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--show-diff-on-failure", "--color=never", *args],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(copy.parent / "pre-commit-home"), **env},
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return repo_copy(tmp_path_factory.mktemp("pre-commit"))


def test_pre_commit_passes_on_the_repository(copy: Path) -> None:
    """Every hook passes on every file.  textlint over all the pages is left to
    test_textlint_passes_on_the_pages, below (the same command with the same
    configuration: it need not run twice); the test after this one proves the hook runs."""
    result = pre_commit(copy, "--all-files", SKIP="textlint")
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ("ruff (lint)", "GitHub workflows match their schema"):
        assert re.search(rf"^{re.escape(hook)}.*Passed$", result.stdout, re.MULTILINE), (
            result.stdout
        )
    skipped = re.findall(r"^(\S+).*\.Skipped$", result.stdout, re.MULTILINE)
    assert skipped == ["textlint"], result.stdout


def test_pre_commit_catches_what_its_hooks_are_for(copy: Path) -> None:
    bad = copy / "tools" / "sloppy.py"
    bad.write_text("import os \nx=1", encoding="utf-8")
    # A page mixing だ・である into です・ます: the textlint configuration is active.
    page = copy / "docs" / "mixed.md"
    page.write_text("# 見出し\n\nこれは本です。これはペンである。\n", encoding="utf-8")
    result = pre_commit(copy, "--files", "tools/sloppy.py", "docs/mixed.md")
    assert result.returncode != 0
    for hook in ("trim trailing whitespace", "end files with one newline", "ruff (lint)"):
        assert re.search(rf"^{re.escape(hook)}.*Failed$", result.stdout, re.MULTILINE), (
            result.stdout
        )
    assert re.search(r"^textlint.*Failed$", result.stdout, re.MULTILINE), result.stdout
    assert "no-mix-dearu-desumasu" in result.stdout, result.stdout


def test_textlint_passes_on_the_pages() -> None:
    """The Japanese prose of the pages passes textlint."""
    textlint = ROOT / "node_modules" / ".bin" / "textlint"
    if not textlint.exists():
        pytest.fail("textlint is not installed: run `make node-deps` (npm ci) first", pytrace=False)
    result = subprocess.run(
        [str(textlint), "docs"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"textlint docs:\n{result.stdout}{result.stderr}"
