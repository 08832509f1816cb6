// Where the headings of the page wrap: {wrapped: how many wraps, bad: the wraps
// inside a phrase (BudouX <wbr> marks the phrases) when the phrase would fit on a
// line, each as "heading | broken before "…""}.
// Used by test_browser.py (READ_PHONE).
() => {
  const letter = /[\p{Letter}\p{Number}]/u;
  const bad = [];
  let wrapped = 0;
  for (const h of document.querySelectorAll('article :is(h1,h2,h3,h4)')) {
    // The heading's characters with their line, and the phrase marks.
    const chars = [], marks = new Set();
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_ALL);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeName === 'WBR') marks.add(chars.length);
      if (n.nodeType !== Node.TEXT_NODE || n.parentElement.closest('.headerlink')) continue;
      for (let i = 0; i < n.data.length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const rect = r.getBoundingClientRect();
        chars.push({c: n.data[i], top: rect.top, width: rect.width});
      }
    }
    const lineWidth = h.clientWidth;
    for (let i = 1; i < chars.length; i++) {
      if (chars[i].top - chars[i - 1].top < 4) continue;  // same line
      wrapped++;
      if (marks.has(i) || !letter.test(chars[i].c) || !letter.test(chars[i - 1].c)) continue;
      // Inside a phrase: allowed only when the phrase cannot fit on a line.
      let s = i, e = i;
      while (s > 0 && !marks.has(s)) s--;
      while (e < chars.length && !marks.has(e)) e++;
      const phrase = chars.slice(s, e);
      const width = phrase.reduce((w, ch) => w + ch.width, 0);
      if (width <= lineWidth) bad.push(h.textContent.trim() + ' | broken before "' +
          chars.slice(i, i + 4).map(ch => ch.c).join('') + '"');
    }
  }
  return {bad, wrapped};
}
