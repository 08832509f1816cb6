"""A font file of the TeX Live installation the PDF already needs (HaranoAji, from
texlive-lang-japanese), found with ``kpsewhich``, for what draws in the book's typeface
outside LaTeX (the PDF's charts, the EPUB's cover).  A missing file stops the build
with the package to install."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError

PACKAGE = "texlive-lang-japanese"


def tex_font(name: str, needed_for: str) -> Path:
    """The file ``name`` (``HaranoAjiGothic-Bold.otf``), or an error saying which
    Debian package provides it; ``needed_for`` starts the message ("charts: the
    PDF's charts")."""
    found = ""
    if shutil.which("kpsewhich"):
        found = subprocess.run(
            ["kpsewhich", name], capture_output=True, text=True, check=False
        ).stdout.strip()
    if not found or not Path(found).is_file():
        raise ExtensionError(
            f"{needed_for} need the font {name}, which is missing. It comes with TeX Live's "
            f"Japanese support: install the Debian package {PACKAGE} with "
            "`bash tools/system-deps.sh` (or `make system-deps`)."
        )
    return Path(found)
