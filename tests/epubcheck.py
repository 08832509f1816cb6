"""EPUBCheck (Debian's epubcheck package) run on an EPUB the way the tests need it.

The JVM's optimising compiler (C2) costs more than it saves in a run of a few
seconds: with ``-XX:TieredStopAtLevel=1`` (the quick C1 compiler only) and the
serial collector one check of the book takes about half the CPU time (measured:
9.0 s → 4.6 s of user time), with the same verdict.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

JAR = Path("/usr/share/java/epubcheck.jar")
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def epubcheck(epub: Path) -> str:
    """EPUBCheck's report on ``epub``; fails the test unless it finds nothing."""
    if not JAR.exists():
        pytest.fail(f"{JAR} is missing: run tools/system-deps.sh", pytrace=False)
    result = subprocess.run(
        ["java", *JVM_OPTIONS, "-jar", str(JAR), str(epub)], capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 fatals / 0 errors" in output, output
    return output
