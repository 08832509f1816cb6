// {selector: whether any element it selects is shown} for the page's navigation
// and its text, as the page is laid out now (the tests emulate print first).
// Used by test_browser.py (the print test).
() => Object.fromEntries(
  ['.sidebar-drawer', '.toc-drawer', '.mobile-header', '.related-pages',
   '.theme-toggle-container', '.back-to-top', 'article h1', 'article p']
    .map(s => [s, [...document.querySelectorAll(s)]
      .some(e => e.getClientRects().length > 0
                 && getComputedStyle(e).visibility !== 'hidden')]))
