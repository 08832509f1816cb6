"""Serve the built web site on 127.0.0.1 the way its host will (for the browser tests
and tools/page_weight.py, tools/proof.py).  Like GitHub Pages, the server

* answers a missing path with status 404 and the site's ``404.html``;
* serves the site at ``/`` and also under the path of the public base URL
  (``html_baseurl``, read from ``index.html``'s canonical link), since the 404 page
  names its stylesheets by absolute paths under it; or, given ``mount``, only under
  that path, as a project's GitHub Pages (``/<repo>/``) or Read the Docs does;
* gzips text when the browser asks for it, so transfer sizes are the readers'.

A browser that drops a connection (a page closed while it loads) is not the site's
error: that is not printed; every other error still is.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def base_path(site: Path) -> str:
    """The path of the public base URL ("/geniac-book/"), or "/" if none is set."""
    match = _CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    if not match:
        return "/"
    path = urlsplit(match.group(1)).path
    return path[: path.rfind("/") + 1] or "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    only_under_prefix = False
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".epub": "application/epub+zip",
        ".svg": "image/svg+xml",
        ".js": "text/javascript",
        ".xml": "application/xml",
    }

    compressible = (
        "text/",
        "application/javascript",
        "application/xml",
        "image/svg+xml",
        "application/json",
    )

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (
            path.is_file()
            and ctype.startswith(self.compressible)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header(
                "Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else "")
            )
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        elif self.only_under_prefix:
            return str(Path(self.directory) / "\0 outside the mount")  # never a file
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


# The browser closed the connection first: nothing the site did wrong.
_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if isinstance(sys.exc_info()[1], _DISCONNECTS):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, mount: str | None = None) -> Iterator[str]:
    """Serve ``site`` on a free port; yields the server's root URL (no trailing slash):
    the site is there and under its base URL's path, or only under ``mount``
    ("/geniac-book/")."""
    if mount is not None and not (mount.startswith("/") and mount.endswith("/")):
        raise ValueError(f"mount must start and end with '/': {mount!r}")
    attributes = {"prefix": mount or base_path(site), "only_under_prefix": mount not in (None, "/")}
    handler = type("SiteHandler", (_Handler,), attributes)
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
