"""How the tests and the page-weight benchmark (tools/page_weight.py) start Debian's
Chromium (one place for both).

Playwright launches /usr/bin/chromium by path: a browser that Playwright would
download itself cannot be fetched here.  The flags keep it headless-friendly as
root and stop its background connections, which this machine's closed network
refuses (and which a site that works offline must not need).
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
