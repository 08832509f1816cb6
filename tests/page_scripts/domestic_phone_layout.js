// The chapter of Japan's models on a phone: the page's and the window's width, the
// table's scroll box scrolled to its end (its widths and overflow; the left edges of
// its first column, which stays at the box's left edge, and of the box), whether
// the hint is shown on the screen, and the chart's right edge (its texts' too) and
// smallest text on the screen.
// Used by test_domestic_browser.py.
() => {
  const box = document.querySelector('.domestic-models-scroll');
  const hint = document.querySelector('.domestic-models-hint');
  const r = hint.getBoundingClientRect();
  box.scrollLeft = box.scrollWidth;
  const first = box.querySelector('tbody th, tbody td').getBoundingClientRect();
  const svg = document.querySelector('#fig-domestic-models svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  return {page: document.scrollingElement.scrollWidth, width: window.innerWidth,
          scroll: box.scrollWidth, client: box.clientWidth,
          overflow: getComputedStyle(box).overflowX,
          hint: getComputedStyle(hint).display !== 'none' && r.height > 0 && r.right <= 375,
          sticky: first.left, boxLeft: box.getBoundingClientRect().left,
          chartRight: Math.max(svg.getBoundingClientRect().right,
                               ...texts.map(t => t.getBoundingClientRect().right)),
          smallest: Math.min(...texts.map(t => parseFloat(t.style.fontSize) * scale))};
}
