"""The PDF's index: in reading order under kana headings, in the text face, no doubles.

* **Order.**  Sphinx runs mendex with a reading dictionary (``-d <name>.dic``) but
  writes none.  After the build this writes ``<name>.dic`` from
  ``data/index-readings.yaml`` (entries escaped as in ``\\index``) and adds
  ``letter_head 2`` to ``python.ist`` for hiragana headings.
* **Face.**  ``book-index.sty`` sets entries in the text face, not ``\\texttt``.
* **Doubles.**  A glossary term's ``\\index`` is written inside
  ``\\sphinxlineitem{...}``, whose argument TeX has already read: it reaches the
  ``.idx`` file as ``pre\\sphinxhyphen {}training`` while the same entry in running
  text gives ``pre\\sphinxhyphen{}training``, and mendex lists the two apart.  Sphinx
  fixed this for ``\\spxentry`` only (sphinx-doc/sphinx#8214, PR #8767).  On paper the
  term's entry is moved to the start of its explanation.  Remove the move when Sphinx
  writes a term's index entry outside ``\\sphinxlineitem`` (or reads every entry as
  tokens, the alternative named in PR #8767)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from .pages import READINGS

STYLE_FILE = Path(__file__).with_name("book-index.sty")
HIRAGANA_HEADINGS = (
    "\n% _ext/book/features/book_index: headings in hiragana (あ, not ア)\nletter_head 2\n"
)


class TermEntriesOutOfTheTerm(SphinxPostTransform):
    """On paper, a glossary term's index entry opens its explanation (see above)."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                definition = item.next_node(nodes.definition)
                first = definition.next_node(nodes.paragraph) if definition else None
                if first is None:
                    continue
                terms = [c for c in item.children if isinstance(c, nodes.term)]
                moved = [index for term in terms for index in term.findall(addnodes.index)]
                for index in reversed(moved):
                    index.parent.remove(index)
                    first.insert(0, index)


def index_key(text: str, engine: str) -> str:
    """``text`` as Sphinx writes it as an ``\\index`` sort key (``visit_index``)."""
    value = texescape.escape(text, engine)
    value = value.replace(r"\{", r"\sphinxleftcurlybrace{}")
    value = value.replace(r"\}", r"\sphinxrightcurlybrace{}")
    value = value.replace('"', '""').replace("@", '"@').replace("!", '"!')
    return value.replace("|", r"\textbar{}")


def write_index_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "latex":
        return
    outdir = Path(app.builder.outdir)
    engine = app.config.latex_engine
    words = READINGS.of(app.env).words
    dictionary = "".join(f"{index_key(entry, engine)} {words[entry]}\n" for entry in sorted(words))
    for document in app.config.latex_documents:
        name = Path(document[1]).stem
        (outdir / f"{name}.dic").write_text(dictionary, encoding="utf-8")
    style = outdir / "python.ist"
    if style.is_file() and "letter_head" not in style.read_text(encoding="utf-8"):
        with style.open("a", encoding="utf-8") as out:
            out.write(HIRAGANA_HEADINGS)
    (outdir / STYLE_FILE.name).write_bytes(STYLE_FILE.read_bytes())
