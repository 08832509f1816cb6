// Every line of text of the page's charts, on the screen: [its chart's id, the text
// it belongs to (the lines of one label are <text> elements of one group), its
// words, its left and right edges, the middle of its line, its size].
// Used by test_figures_browser.py (READ_CHARTS).
() => {
  const groups = new Map();
  return [...document.querySelectorAll('figure.chart svg text')].map(t => {
    const r = t.getBoundingClientRect(), svg = t.closest('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    if (!groups.has(t.parentNode)) groups.set(t.parentNode, groups.size);
    return [t.closest('figure').id, groups.get(t.parentNode), t.textContent, r.left, r.right,
            (r.top + r.bottom) / 2, parseFloat(t.style.fontSize) * scale];
  });
}
