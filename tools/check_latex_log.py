"""Fail when the LaTeX log shows problems a reader would see in the PDF.

Undefined references print as ``??``; an overfull box cuts text at the margin.
Usage: python tools/check_latex_log.py _build/latex/book.log
"""

import re
import sys
from pathlib import Path

# Overfull boxes smaller than this (pt) are invisible in print; larger ones cut text.
OVERFULL_TOLERANCE_PT = 3.0

PROBLEMS = [
    (
        re.compile(r"LaTeX Warning: (Reference|Citation) `[^']*' on page \d+ undefined"),
        "unresolved reference (shows as ?? in the PDF)",
    ),
    (re.compile(r"LaTeX Warning: There were undefined references"), "undefined references"),
    (re.compile(r"Missing character: There is no"), "a character the font does not have (tofu)"),
]
OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\).*?lines? (\d+)", re.M)


def main(log_path: str) -> int:
    text = Path(log_path).read_text(encoding="utf-8", errors="replace")
    found = []
    for pattern, why in PROBLEMS:
        for match in pattern.finditer(text):
            found.append(f"{why}: {match.group(0)}")
    for match in OVERFULL.finditer(text):
        if float(match.group(1)) > OVERFULL_TOLERANCE_PT:
            found.append(f"text cut at the margin: {match.group(0)}")
    for line in found:
        print(f"{log_path}: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
