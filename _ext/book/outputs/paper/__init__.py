"""Paper (the PDF) and the e-book (EPUB)."""
