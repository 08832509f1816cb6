"""sphinx-design's stylesheet is cut to the rules the site uses, and nothing the pages use
is lost (_ext/book/outputs/site/design_css_subset.py).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_cards_and_dropdowns_are_still_styled(page, site_url) -> None:
    page.goto(f"{site_url}/index.html")
    assert page.eval_on_selector(".sd-card", "e => getComputedStyle(e).display") == "flex"
    page.goto(f"{site_url}/faq.html")
    border = page.eval_on_selector(
        "details.sd-dropdown > summary", "e => getComputedStyle(e).borderTopWidth"
    )
    assert border not in ("0px", ""), border
