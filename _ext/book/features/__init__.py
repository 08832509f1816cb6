"""Features: what the pages show (the figures, charts, tables, calculator, sources page,
history, citation, index).

A feature imports the core and the data core only, never another feature: features meet
through the core's nodes and per-page records (``.importlinter``)."""
