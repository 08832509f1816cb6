"""Core: what every feature stands on during a build — the data loaded once per build
(``build_data``), what each page was made from (``page_records``), the nodes features
share, each page's assets, the pages' compiled catalogues, the edition's words of
``data/labels.yaml`` for the parts that are not the facts (``labels``) and the anchors
of sections.

Core imports the data core and Sphinx, never a feature or an output."""
