// {colours: the rgb() colours of the points, lines and bars of the parameter
// chart (#fig-rakuten-models), bg: the page's background colour}.
// Used by test_figures_browser.py (the blue in both themes).
() => {
  const svg = document.querySelector('#fig-rakuten-models svg');
  const colours = new Set();
  for (const el of svg.querySelectorAll('path, use')) {
    const s = getComputedStyle(el);
    for (const c of [s.fill, s.stroke]) if (/^rgb\(/.test(c)) colours.add(c);
  }
  return {colours: [...colours], bg: getComputedStyle(document.body).backgroundColor};
}
