"""Japanese search that finds compound words and Japanese numbers.

Sphinx splits Japanese into words with TinySegmenter (or Janome) for the index, but in
the browser splits a query only at spaces and punctuation (sphinx#13395): 基盤モデル
then finds nothing, the index holding 基盤 and モデル; and TinySegmenter cuts 7000億
into digits.  This search language (``ja``)

* keeps number expressions whole (``7000億``, ``14.8兆``) whatever the splitter;
* also indexes each compound (a run of kanji, katakana, Latin letters and digits) next
  to the splitter's pieces;
* splits the query in the browser against the index's own words, longest first
  (in ``language_data.js``, which only the search page loads).

The splitter is still ``html_search_options["type"]``.  TinySegmenter's words are cached
per text for the process (most texts repeat; it took 1 s of a 2 s build); Janome, with
its user dictionary, is not cached."""

from __future__ import annotations

import gettext
import json
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.search.ja import DefaultSplitter, SearchJapanese

# A number as written in the book: 7000億, 14.8兆, 1,000, 12.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*[万億兆]?")
# A compound: a run of kanji, katakana (with the long-vowel mark) and Latin
# letters/digits.  Hiragana and punctuation end it (particles, okurigana).
_COMPOUND = re.compile(r"[\u3005\u3400-\u9fff\u30a0-\u30ffA-Za-z0-9\uff10-\uff19\uff21-\uff5a.]+")

# splitQuery for the browser (language_data.js; loaded by search.html only).
# It runs when the index is loaded (Search.query waits for it).
JS_SPLITTER = r"""
/* Split a query the way the index was split: at spaces and punctuation, then
   each piece into the longest words the index knows (see _ext/book/outputs/site/ja_search.py). */
var splitQuery = (query) => {
  const pieces = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}.]+/gu)
    .filter((piece) => piece);
  const index = (typeof Search !== "undefined" && Search._index) || null;
  if (!index) return pieces;
  const known = (word) => {
    const lower = word.toLowerCase();
    return Object.prototype.hasOwnProperty.call(index.terms, lower) ||
           Object.prototype.hasOwnProperty.call(index.titleterms, lower);
  };
  const words = [];
  for (const piece of pieces) {
    if (known(piece)) { words.push(piece); continue; }
    const chars = [...piece];
    let unknown = "";
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      while (end > start + 1 && !known(chars.slice(start, end).join(""))) end--;
      const word = chars.slice(start, end).join("");
      if (end > start + 1 || known(word)) {
        if (unknown.length > 1) words.push(unknown);
        unknown = "";
        words.push(word);
      } else {
        unknown += word;  // not in the index: keep it, so it still has to match
      }
      start = end;
    }
    // A single leftover character (圏, 額) is never indexed: drop it.
    if (unknown.length > 1) words.push(unknown);
  }
  return words.length ? words : pieces;
};

/* Sphinx 8.2's searchtools.js (_displayItem, sphinx/themes/basic/static/searchtools.js)
   appends makeSearchSummary()'s result without a check, but it returns null when
   the anchored block is empty, as an {index} entry's target always is: the page
   then threw "appendChild ... not of type 'Node'" and lost the rest of the
   summaries.  An empty summary instead.  No upstream report found (2026-12-07);
   remove when searchtools.js checks the summary (test_browser's search tests load
   a result page with an {index} target and fail on a console error). */
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  const makeSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (...args) =>
    makeSummary(...args) || document.createTextNode("");
});
"""

# The count Sphinx's search page shows after a search: Sphinx 8.2's Japanese
# catalogue leaves it untranslated (sphinx/locale/ja/LC_MESSAGES/sphinx.po: msgstr[0]
# ""), so its JavaScript catalogue shows an empty line, and its compiled catalogue
# answers the English, which hides the project's from the builder's translator.
# Its words are the book's, in the project's own "sphinx" catalogue
# (locales/ja/LC_MESSAGES/sphinx.po), set into the JavaScript catalogue when the build
# starts.  Remove when Sphinx translates it (test_interface_language fails then: the
# project's catalogue may only hold what Sphinx lacks).
SEARCH_COUNT = (
    "Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query.",
)


# TinySegmenter's words of each text it split in this process (see the docstring).
_TINY_SEGMENTER_WORDS: dict[str, tuple[str, ...]] = {}


class SearchJapaneseBook(SearchJapanese):
    """Sphinx's Japanese search with whole numbers, compounds and a JS splitter."""

    js_splitter_code = JS_SPLITTER

    def _split_text(self, text: str) -> tuple[str, ...] | list[str]:
        """The configured splitter's words for ``text`` (TinySegmenter's once per text)."""
        if type(self.splitter) is not DefaultSplitter:
            return self.splitter.split(text)
        words = _TINY_SEGMENTER_WORDS.get(text)
        if words is None:
            words = _TINY_SEGMENTER_WORDS[text] = tuple(self.splitter.split(text))
        return words

    def split(self, input: str) -> list[str]:
        words: list[str] = []
        position = 0
        # Numbers are cut out first, the rest goes to the configured splitter.
        for number in _NUMBER.finditer(input):
            words.extend(self._split_text(input[position : number.start()]))
            words.append(number.group())
            position = number.end()
        words.extend(self._split_text(input[position:]))
        words = [w for w in words if w.strip()]
        # Compounds made of several words, as one more word each.
        seen = set(words)
        words.extend(
            compound
            for compound in _COMPOUND.findall(input)
            if compound not in seen and not _NUMBER.fullmatch(compound)
        )
        return words


def add_search_count(app: Sphinx) -> None:
    """The search count's words from the project's catalogue, into the search page's
    JavaScript (its Japanese catalogue, Documentation.TRANSLATIONS)."""
    project = gettext.translation(
        "sphinx", app.config.locale_dirs[0], [app.config.language], fallback=True
    )
    words = project.ngettext(*SEARCH_COUNT, 1)
    SearchJapaneseBook.js_splitter_code = JS_SPLITTER
    if words != SEARCH_COUNT[0]:
        key, value = json.dumps(SEARCH_COUNT[0]), json.dumps(words, ensure_ascii=False)
        SearchJapaneseBook.js_splitter_code += (
            'if (typeof Documentation !== "undefined") {\n'
            f"  Documentation.TRANSLATIONS[{key}] = [{value}];\n}}\n"
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchJapaneseBook)
    app.connect("builder-inited", add_search_count)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
