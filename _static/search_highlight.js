/* Search matches are highlighted on the page opened from the results, and only
   as words (issue 20).  Loaded on every page, before Sphinx highlights anything.

   1. Only the page opened from the results.  Sphinx's search keeps the terms of
      the last search in localStorage ("sphinx_highlight_terms"), and the next
      page loaded, whichever it is (one opened from the menu, or days later),
      highlights them; another result opened in a new tab gets nothing
      (sphinx_highlight.js since sphinx#10854,
      https://github.com/sphinx-doc/sphinx/pull/10854).  On the search page this
      moves the terms into each result's address (?highlight=…, which
      sphinx_highlight.js still reads, and then removes from the address bar) and
      forgets the stored ones.  Remove this part when Sphinx no longer keeps the
      terms for whichever page comes next (check sphinx_highlight.js after an
      upgrade; the browser test test_search_highlights_only_the_page_opened_from_the_results
      fails while it is needed).

   2. Words, not parts of words.  Sphinx highlights a term wherever its letters
      occur ("cap" inside "capacity", "ai" inside "said").  A match in Latin
      letters is kept when it starts a word and the word goes on by at most an
      ending (models, parameters, trained); otherwise it is undone.  Japanese
      has no spaces between words: a match in Japanese text is always kept. */
"use strict";

(() => {
  const STORED = "sphinx_highlight_terms";
  const LETTER = /[\p{Script=Latin}\p{Nd}]/u;
  const ENDINGS = new Set(["", "s", "es", "ed", "d", "ing"]);

  // -- 1. the terms travel with the result's link
  const results = document.getElementById("search-results");
  if (results) {
    let terms = "";
    const withTerms = (href) => {
      const [address, fragment] = href.split("#", 2);
      const joiner = address.includes("?") ? "&" : "?";
      return address + joiner + "highlight=" + encodeURIComponent(terms) +
        (fragment === undefined ? "" : "#" + fragment);
    };
    new MutationObserver(() => {
      const stored = localStorage.getItem(STORED);
      if (stored !== null) {
        terms = stored;
        localStorage.removeItem(STORED);
      }
      if (!terms) return;
      for (const link of results.querySelectorAll("ul.search a[href]:not([data-highlight])")) {
        link.setAttribute("href", withTerms(link.getAttribute("href")));
        link.dataset.highlight = "";
      }
    }).observe(results, { childList: true, subtree: true });
  }

  // -- 2. a match inside a word is undone
  const lastLetter = (node) =>
    node && node.nodeType === Node.TEXT_NODE ? node.data.slice(-1) : "";
  const wordGoesOn = (node) => {
    const text = node && node.nodeType === Node.TEXT_NODE ? node.data : "";
    return text.match(/^[\p{Script=Latin}\p{Nd}]*/u)[0].toLowerCase();
  };
  const insideWord = (mark) => {
    const text = mark.textContent;
    if (!LETTER.test(text)) return false; // Japanese: every match stands
    if (LETTER.test(text[0]) && LETTER.test(lastLetter(mark.previousSibling))) return true;
    return LETTER.test(text.slice(-1)) && !ENDINGS.has(wordGoesOn(mark.nextSibling));
  };
  const undo = (mark) => {
    const parent = mark.parentNode;
    parent.replaceChild(document.createTextNode(mark.textContent), mark);
    parent.normalize();
    return parent;
  };
  const check = () => {
    for (const mark of document.querySelectorAll("span.highlighted")) {
      if (insideWord(mark)) undo(mark);
    }
    // In a chart, Sphinx marks the match with a <tspan> and puts a highlighted
    // <rect> before the whole <text>: the rect goes when no match is left.
    for (const rect of document.querySelectorAll("svg rect.highlighted")) {
      const text = rect.nextElementSibling;
      if (!text) continue;
      for (const mark of text.querySelectorAll("tspan:not([class])")) {
        if (insideWord(mark)) undo(mark);
      }
      if (!text.querySelector("tspan")) rect.remove();
    }
  };
  let pending = false;
  new MutationObserver((changes) => {
    if (pending) return;
    const marked = changes.some((change) =>
      [...change.addedNodes].some((n) =>
        n.nodeType === Node.ELEMENT_NODE &&
        (n.matches("span.highlighted, tspan, rect.highlighted") ||
         n.querySelector?.("span.highlighted"))));
    if (!marked) return;
    pending = true;
    queueMicrotask(() => { pending = false; check(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
