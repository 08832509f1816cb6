"""List the facts whose sources nobody has compared with them for too long.

Every fact of ``data/facts.yaml`` says when it was last ``checked``.  This lists,
one line each, those checked more than ``--months`` months before today::

    data/facts.yaml:245: meti-support last checked 2026-11-28 (7 months ago)

and exits 1 when there is any (0, with a one-line summary, when there is none).
``make stale`` runs it with the Makefile's ``STALE_MONTHS`` (the one place that
sets the limit); the weekly link check runs ``make stale`` too.  To clear a line,
compare the entry with its sources, correct it if needed, and set ``checked`` to
the day you did.

The data file is read by the book's own loader (``_ext/book/data/facts_file.py``), so the same
entries and the same line numbers as the build.  The build itself never looks at
today's date; only this tool does (``--today`` fixes it, for tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
from book.data.facts_file import load_facts  # noqa: E402  (_ext on the path first)


def first_day(date: str) -> dt.date:
    """The earliest day a date may mean ('2026-05' -> 2026-05-01): a partial date
    counts from its start, so that it is never taken as fresher than it is."""
    parts = [int(p) for p in date.split("-")]
    y, m, d = (parts + [1, 1])[:3]
    return dt.date(y, m, d)


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the 31st becomes the 30th...)."""
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    m += 1
    for day in range(today.day, 27, -1):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    return dt.date(y, m, min(today.day, 28))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--months",
        type=int,
        required=True,
        help="a fact is stale when last checked more than this many months ago "
        "(the Makefile's STALE_MONTHS)",
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="the date to compare with, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--facts", type=Path, default=ROOT / "data" / "facts.yaml")
    parser.add_argument("--labels", type=Path, default=ROOT / "data" / "labels.yaml")
    args = parser.parse_args(argv)
    if args.months < 1:
        parser.error("--months must be 1 or more")
    today = args.today or dt.date.today()
    rel = display_path(args.facts)

    data = load_facts(args.facts, args.labels, rel)
    if data.errors:
        for error in data.errors:
            print(error, file=sys.stderr)
        print(f"stale: {rel} has errors; fix them first (make html names them)", file=sys.stderr)
        return 2

    limit = months_before(today, args.months)
    stale = [f for f in data.facts.values() if first_day(f.checked) < limit]
    # GitHub Actions shows these as annotations on the file and line.
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for fact in sorted(stale, key=lambda f: (first_day(f.checked), f.line)):
        ago = months_between(first_day(fact.checked), today)
        message = f"{fact.key} last checked {fact.checked} ({ago} months ago)"
        print(f"{rel}:{fact.line}: {message}")
        if annotate:
            print(f"::error file={rel},line={fact.line}::{message}")
    total = len(data.facts)
    if stale:
        print(
            f"stale: {len(stale)} of {total} facts not checked for more than {args.months} "
            f"months (before {limit.isoformat()}): compare each with its sources, "
            "correct it if needed, and set 'checked' to that day",
            file=sys.stderr,
        )
        return 1
    oldest = min((f.checked for f in data.facts.values()), key=first_day, default="-")
    print(
        f"stale: none; all {total} facts checked within {args.months} months of "
        f"{today.isoformat()} (oldest check: {oldest})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
