/*
 * The search page's own behaviour: the chapter that is about a term comes first;
 * a page is listed once per title; an excerpt keeps a space between blocks (the
 * last two at the end of this file).
 * (conf.py html_search_scorer; Sphinx puts this file into language_data.js,
 * which only the search page loads.)
 *
 * Sphinx's default gives an index entry an exact-match score of 100, while a
 * word in a page's headings scores 15.  Every glossary term is an index entry,
 * so the glossary came first for every term the book explains in a chapter.
 * Here:
 *   1. a page with the query in its title or a section heading (15 and up),
 *      ahead of others by the number of its headings that contain the query;
 *   2. the glossary definition (an index entry, capped at 14);
 *   3. pages that mention the query in their text (5, partial matches 2).
 * Among pages with the same score, one with an index entry ({index}, a glossary
 * term) containing the query comes first (+1): the author marked it as a place
 * that treats the term, where the others only mention it.  Sphinx would order
 * them by name (the English edition: "DeepSeek", "open weights").
 * The defaults below are Sphinx 8.2's (searchtools.js).
 */
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename, kind] = result;
    if (kind === "index") return Math.min(score, Scorer.title - 1);
    const query = (new URLSearchParams(window.location.search).get("q") || "")
      .toLowerCase().trim();
    const index = Search._index;
    const here = (places) => places.some(([file]) => index.docnames[file] === docname);
    const indexed = Object.entries(index.indexentries || {}).some(
      ([entry, places]) => query && entry.toLowerCase().includes(query) && here(places)
    ) ? 1 : 0;
    if (score < Scorer.title) return score + indexed;
    let headings = 0;
    for (const [heading, places] of Object.entries(index.alltitles)) {
      if (query && heading.toLowerCase().includes(query))
        headings += places.filter(([file]) => index.docnames[file] === docname).length;
    }
    return score + Math.min(headings, 9) + indexed;
  },

  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

/*
 * One result per page and title.  Sphinx lists every index entry that matches
 * under its page's title, with its own anchor, so a search for パラメータ showed
 * 「パラメータ解説」 five times and 「用語集」 twice: results a reader cannot tell
 * apart.  Of those, only the one shown first (the highest score) is kept; a
 * section's result ("Page > Section") has a title of its own and stays.
 * Workaround for https://github.com/sphinx-doc/sphinx/issues/11961 (closed, but
 * Sphinx 8.2.3's searchtools.js still removes only results that are the same to
 * the anchor).  Remove it when searchtools.js merges them itself;
 * tests/test_browser.py checks the behaviour either way.
 */
{
  const performSearch = Search._performSearch;
  Search._performSearch = (...query) => {
    const seen = new Set();
    // results are shown from the last one (Sphinx pops them)
    return performSearch(...query).reverse().filter(([docname, title]) => {
      const key = `${docname}\n${title}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).reverse();
  };
}

/*
 * A result's excerpt with a space where one block of the page ends and the next
 * begins.  Sphinx takes the page's text as textContent, which joins blocks that
 * the HTML writes without a line between them: "AI agentAn AI system" (a
 * glossary term and its definition), "[confirmed]Value: 1.5 billion", 「［報道ベース］
 * 時点」.  Sphinx 8.2.3's Search.htmlToText; remove this when its excerpts keep
 * the blocks apart (tests/test_browser.py checks the behaviour either way).
 */
{
  const htmlToText = Search.htmlToText;
  // a space before each block's end tag (in a script or style too, which Sphinx drops)
  const BLOCK_END = /<\/(?:p|li|dt|dd|h[1-6]|th|td|caption|figcaption)>/gi;
  Search.htmlToText = (htmlString, anchor) =>
    htmlToText(htmlString.replace(BLOCK_END, " $&"), anchor);
}
