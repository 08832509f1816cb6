// The chart of this figure id: its first text's colour (fill) and font, the page's
// font and colour, and the background behind the chart.
// Used by test_figures_browser.py (READ_CHARTS).
id => {
  const fig = document.getElementById(id);
  const body = getComputedStyle(document.querySelector('article'));
  let bg = 'rgba(0, 0, 0, 0)', el = fig;
  while (el && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
    bg = getComputedStyle(el).backgroundColor;
    el = el.parentElement;
  }
  const t = getComputedStyle(fig.querySelector('svg text'));
  return {fill: t.fill, font: t.fontFamily, pageFont: body.fontFamily, colour: body.color, bg};
}
