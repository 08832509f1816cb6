"""Data core: the book's data files read, checked and formatted, without Sphinx.

Nothing here imports Sphinx or docutils, so a tool (``tools/stale.py``) or a test can
use it on its own."""
