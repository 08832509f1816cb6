// For each fragment in turn, goTo(fragment) (go_to_fragment.js), then whether its
// target is in view (inView: in_view.js) at the next frame; a promise of those
// booleans (the jump is instant: it lands at once; the frame lets the theme's scroll
// handlers run, which move only its table of contents).
// Used by test_browser.py (the cross-reference test, given the other two scripts).
async (fragments, goTo, inView) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const seen = [];
  for (const fragment of fragments) {
    goTo(fragment);
    await frame();
    seen.push(inView(decodeURIComponent(fragment)));
  }
  return seen;
}
