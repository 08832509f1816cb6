// The models table's scroll box, scrolled to its end, on a phone: its widths
// (scroll, client) and overflow, whether the hint above it is shown on the screen,
// and the left edges of its first column (sticky) and of the box (boxLeft).
// Used by test_domestic_browser.py.
() => {
  const box = document.querySelector('.domestic-models-scroll');
  const hint = document.querySelector('.domestic-models-hint');
  const r = hint.getBoundingClientRect();
  box.scrollLeft = box.scrollWidth;
  const first = box.querySelector('tbody th, tbody td').getBoundingClientRect();
  return {scroll: box.scrollWidth, client: box.clientWidth,
          overflow: getComputedStyle(box).overflowX,
          hint: getComputedStyle(hint).display !== 'none' && r.height > 0 && r.right <= 375,
          sticky: first.left, boxLeft: box.getBoundingClientRect().left};
}
