// The EPUB's page of Japan's models as it is laid out: what makes its reader scroll
// sideways (page against screen width, the table's right edge), how the table shows
// (its column labels shown in the cells, its cells, whether its header row shows),
// and the words of the table broken inside themselves ("GENIA|C": a Latin word whose
// letters stand on two lines).
// Used by test_epub_browser.py.
() => {
  const table = document.getElementById('table-domestic-models');
  const broken = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const word of text.data.matchAll(/[A-Za-z]{2,}/g)) {
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(word[0]);
    }
  }
  return {
    page: document.scrollingElement.scrollWidth,
    screen: document.scrollingElement.clientWidth,
    table: table.getBoundingClientRect().right,
    labels: [...table.querySelectorAll('.stack-label')]
      .filter(e => e.getClientRects().length > 0).length,
    cells: table.querySelectorAll('tbody td').length,
    header: table.querySelector('thead').getClientRects().length > 0,
    broken,
  };
}
