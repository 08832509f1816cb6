"""The web site only: the pages as hosted, search, the footer, per-page assets."""
