// The headings and captions whose hidden ¶ link takes a line of its own: their
// first words, where the height with the link exceeds the height without it (the
// link is shown again at once).
// Used by test_browser.py (READ_PAGE and READ_PHONE).
() => {
  const out = [];
  for (const a of document.querySelectorAll('article a.headerlink')) {
    const box = a.parentElement, before = box.getBoundingClientRect().height;
    a.style.display = 'none';
    const without = box.getBoundingClientRect().height;
    a.style.display = '';
    if (before - without > 1) out.push(box.textContent.trim().slice(0, 40));
  }
  return out;
}
