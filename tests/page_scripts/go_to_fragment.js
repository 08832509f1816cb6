// Follows a link to #fragment on the page already loaded (returns nothing): from the
// top of the page, with the scroll instant, and the fragment set afresh even when it
// is the one in the address already.
// Used by test_browser.py (the cross-reference test, and follow_fragments.js).
fragment => {
  document.documentElement.style.scrollBehavior = 'auto';
  history.replaceState(null, '', location.pathname + location.search);
  window.scrollTo({top: 0, behavior: 'instant'});
  location.hash = fragment;
}
