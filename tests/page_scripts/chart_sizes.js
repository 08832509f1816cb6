// The chart of this figure id: its text sizes on the screen (median, smallest,
// largest), the page's text size, its width, where the drawing ends against the
// window (right: the drawing's edge, or a text's beyond it; window).
// Used by test_figures_browser.py (READ_CHARTS).
id => {
  const svg = document.querySelector('#' + id + ' svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(t.style.fontSize) * scale).sort((a, b) => a - b);
  return {median: sizes[Math.floor(sizes.length / 2)], smallest: sizes[0],
          largest: sizes[sizes.length - 1],
          page: parseFloat(getComputedStyle(document.querySelector('article')).fontSize),
          width: svg.getBoundingClientRect().width,
          right: Math.max(svg.getBoundingClientRect().right,
                          ...texts.map(t => t.getBoundingClientRect().right)),
          window: window.innerWidth};
}
