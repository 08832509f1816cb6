"""How the tests and the page-weight benchmark (tools/page_weight.py) start Debian's
Chromium (one place for both).

Playwright launches /usr/bin/chromium by path: a browser that Playwright would
download itself cannot be fetched here.  The flags keep it headless-friendly as
root and stop its background connections, which this machine's closed network
refuses (and which a site that works offline must not need).

They also stop work that a headless browser does for a window nobody sees.
Chromium 156 builds its address bar's suggestion popup as a web page of its own
(``chrome://omnibox-popup.top-chrome/``, two of them) in every new browser
context, in a renderer of its own: about 0.7 CPU-seconds per context, more than
loading one of the book's pages, and the tests open well over a hundred contexts.
Switching the two features off leaves only the page under test
(``test_browser.py::test_chromium_starts_no_page_of_its_own`` fails when a Chromium
update renames them, so that this list is brought up to date).
"""

CHROMIUM = "/usr/bin/chromium"
# Chromium's features that make the address bar's popup a web page (WebUI).
BROWSER_UI_PAGES_OFF = "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    BROWSER_UI_PAGES_OFF,
]
