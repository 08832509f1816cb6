// {width: the page's width, culprits: the first elements of the text that stick
// out on the right of a 375 px screen}.
// Used by test_browser.py (READ_PHONE).
() => ({
  width: document.scrollingElement.scrollWidth,
  culprits: [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > 375.5)
    .slice(0, 3).map(e => e.tagName + '.' + e.className),
})
