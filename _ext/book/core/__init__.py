"""Core: what every feature stands on during a build — the facts and the models'
rows loaded once per build (``facts``, ``models``, ``build_data``) and the edition's
words (``edition_words``), what each page was made from (``page_records``), the line
every chart and table puts under itself (``figure_data``), each page's assets, the
pages' compiled catalogues and the anchors of sections.

Core imports the data core and Sphinx, never a feature or an output."""
