// Whether the element of this id is in view: at the top of the window (below the
// theme's scroll margin), or anywhere in the window with the page scrolled to its
// end (a target near the end of a page).
// Used by test_browser.py (landing, the glossary click test, follow_fragments.js).
id => {
  const el = document.getElementById(id);
  if (!el) return false;
  const top = el.getBoundingClientRect().top;
  const atEnd = Math.ceil(window.scrollY + window.innerHeight)
                >= document.scrollingElement.scrollHeight - 1;
  return top >= -1 && (top < 120 || (atEnd && top < window.innerHeight));
}
