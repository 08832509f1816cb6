// What the page's <head> says: {lang, description, icon (the favicon's address),
// og (the names of its Open Graph properties)}.
// Used by test_browser.py (READ_PAGE).
() => ({
  lang: document.documentElement.lang,
  description: document.querySelector('meta[name=description]')?.content || '',
  icon: document.querySelector('link[rel~=icon]')?.href || '',
  og: [...document.querySelectorAll('meta[property^="og:"]')]
    .map(m => m.getAttribute('property')),
})
