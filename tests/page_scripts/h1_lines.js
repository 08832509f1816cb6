// Each level-one heading of the article: [its text, how many lines it takes (its
// text's line boxes; the hidden ¶ link after it is not counted), its height in CSS
// pixels].
// Used by test_browser.py (READ_PHONE).
() => [...document.querySelectorAll('article h1')].map(h => {
  const tops = new Set();
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('.headerlink') || !n.data.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 1) tops.add(Math.round(r.top));
  }
  return [h.textContent.replace('\u00b6', '').trim(), tops.size,
          Math.round(h.getBoundingClientRect().height)];
})
