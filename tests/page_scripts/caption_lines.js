// Each caption's first words and where each of its lines starts, [words, [left…]]
// (a centred caption of two lines starts them at different places).
// Used by test_browser.py (READ_PAGE).
() => [...document.querySelectorAll('figcaption > p')].map(p => {
  const range = document.createRange();
  range.selectNodeContents(p);
  const lefts = {};
  for (const r of range.getClientRects()) {
    if (r.width < 1) continue;  // the hidden ¶ link's empty box, off the line's top
    const top = Math.round(r.top);
    lefts[top] = Math.min(lefts[top] ?? Infinity, Math.round(r.left));
  }
  return [p.textContent.trim().slice(0, 30), Object.values(lefts)];
})
