// A promise of true, resolved once the page has not scrolled for five frames (the
// end of a smooth scroll: a scroll still running would carry on past the next
// instant one).
// Used by test_browser.py (landing).
() => new Promise(resolve => {
  let last = NaN, still = 0;
  const frame = () => {
    if (window.scrollY === last) { if (++still >= 5) return resolve(true); }
    else { still = 0; last = window.scrollY; }
    requestAnimationFrame(frame);
  };
  frame();
})
