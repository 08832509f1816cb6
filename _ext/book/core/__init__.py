"""Core: what every feature stands on during a build (the facts and models loaded once,
the edition's words, per-page records, the line under every chart and table, each
page's assets; see ``_ext/README.md``).  It imports the data core and Sphinx only."""
