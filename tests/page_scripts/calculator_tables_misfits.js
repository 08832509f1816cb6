// What does not fit in the parameter page's three tables: a table wider than its
// column ("<id> is too wide"), a figure cell that breaks onto a second line
// ("<id>: <its text>").
// Used by test_calculator_browser.py (the phone test).
() => {
  const out = [];
  for (const id of ['table-run-summary', 'table-weights-memory', 'table-gpus-needed']) {
    const t = document.getElementById(id);
    if (t.scrollWidth > t.parentElement.clientWidth) out.push(id + ' is too wide');
    for (const p of t.querySelectorAll('td:not(:first-child) p, thead tr + tr p')) {
      const line = parseFloat(getComputedStyle(p).lineHeight);
      if (p.getBoundingClientRect().height > 1.5 * line) out.push(id + ': ' + p.textContent);
    }
  }
  return out;
}
