"""Byte-identical EPUB files for the same sources.

Sphinx zips each file of the EPUB with its modification time.  This rewrites the archive
with every entry dated ``SOURCE_DATE_EPOCH`` (or 1980-01-01), in the same order,
``mimetype`` first and stored, as the EPUB specification requires."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalise_epub(path: Path) -> None:
    """Rewrite ``path`` in place with fixed entry dates and permissions."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date_time = max(ZIP_EPOCH, tuple(time.gmtime(int(epoch))[:6])) if epoch else ZIP_EPOCH
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3  # unix, whatever the building machine is
            target.writestr(fixed, data)
    tmp.replace(path)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "epub":
        normalise_epub(Path(app.outdir) / f"{app.config.epub_basename}.epub")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
