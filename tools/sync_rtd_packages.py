"""Copy the Read the Docs packages of tools/debian-packages.txt into .readthedocs.yaml.

tools/debian-packages.txt is the one list of the Debian packages the book needs.
Read the Docs cannot read it (``build.apt_packages`` must be written out in
.readthedocs.yaml), so this rewrites that block from the packages whose reason
starts with ``rtd:``, keeping every other line of .readthedocs.yaml as it is.

    .venv/bin/python tools/sync_rtd_packages.py          rewrite the block
    .venv/bin/python tools/sync_rtd_packages.py --check  only compare; exit 1 and
                                                         name the differing packages

tests/test_repo_config.py runs the comparison.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "tools" / "debian-packages.txt"
RTD_CONFIG = ROOT / ".readthedocs.yaml"
RTD_TAG = "rtd:"
# The block: the key, then every following line indented deeper than it.
BLOCK = re.compile(r"^(?P<indent>[ ]*)apt_packages:[^\n]*\n(?:(?P=indent)[ ]+[^\n]*\n|\n)*", re.M)


@dataclass(frozen=True)
class Package:
    name: str
    reason: str

    @property
    def for_rtd(self) -> bool:
        return self.reason.startswith(RTD_TAG)


def read_packages(path: Path = PACKAGES) -> list[Package]:
    """Every package of the list; each line must say why (after "#")."""
    packages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, reason = line.partition("#")
        if not sep or not reason.strip() or len(name.split()) != 1:
            raise SystemExit(f"{path.name}:{number}: write one package, then '# why'")
        packages.append(Package(name.strip(), reason.strip()))
    return packages


def rtd_packages(path: Path = PACKAGES) -> list[Package]:
    return [p for p in read_packages(path) if p.for_rtd]


def render_block(indent: str, packages: list[Package]) -> str:
    item = indent + "  "
    width = max(len(p.name) for p in packages)
    lines = [
        f"{indent}apt_packages:\n",
        f"{item}# Generated from tools/debian-packages.txt (the packages marked 'rtd:')\n",
        f"{item}# by tools/sync_rtd_packages.py: edit that list, not these lines.\n",
    ]
    for p in packages:
        reason = p.reason[len(RTD_TAG) :].strip()
        lines.append(f"{item}- {p.name.ljust(width)}  # {reason}\n")
    return "".join(lines)


def synced(config: str, packages: list[Package]) -> str:
    """.readthedocs.yaml's text with its apt_packages block generated from ``packages``."""
    match = BLOCK.search(config)
    if match is None:
        raise SystemExit(f"{RTD_CONFIG.name}: no 'apt_packages:' under 'build:'")
    # Keep a blank line that ended the block (it separates it from the next key).
    trailing = "\n" if match.group(0).endswith("\n\n") else ""
    block = render_block(match.group("indent"), packages) + trailing
    return config[: match.start()] + block + config[match.end() :]


def differences(listed: list[str], configured: list[str]) -> list[str]:
    """What .readthedocs.yaml lacks or has beyond the list, one line each."""
    missing = [f"missing from .readthedocs.yaml: {n}" for n in listed if n not in configured]
    extra = [
        f"in .readthedocs.yaml but not marked 'rtd:' in tools/debian-packages.txt: {n}"
        for n in configured
        if n not in listed
    ]
    return missing + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if they differ")
    args = parser.parse_args(argv)

    config = RTD_CONFIG.read_text(encoding="utf-8")
    new = synced(config, rtd_packages())
    if args.check:
        import yaml

        configured = yaml.safe_load(config)["build"].get("apt_packages") or []
        problems = differences([p.name for p in rtd_packages()], configured)
        if new != config and not problems:
            problems = ["the block differs only in order or comments"]
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run: .venv/bin/python tools/sync_rtd_packages.py", file=sys.stderr)
        return 1 if problems else 0
    if new != config:
        RTD_CONFIG.write_text(new, encoding="utf-8")
        print(f"{RTD_CONFIG.name}: apt_packages rewritten from {PACKAGES.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
