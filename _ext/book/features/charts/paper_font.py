"""The charts' typeface on paper: HaranoAji Gothic, the PDF's own.

HaranoAji has PostScript (CFF) outlines, which matplotlib cannot embed as it should (it
declares a TrueType font and embeds the CFF data; poppler: "Mismatch between font type
and embedded font file").  So the characters the charts can use (data/labels.yaml,
data/facts.yaml and ASCII) are cut out with fontTools and converted to TrueType
(fontTools' Snippets/otf2ttf.py recipe), once per set of characters, into the charts'
cache."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from book.core.tex_fonts import tex_font
from book.data.paths import PROJECT

# The family (as matplotlib names it) and its files, by weight.
PAPER_FONT_FAMILY = "Harano Aji Gothic"
PAPER_FONT_FILES = {"normal": "HaranoAjiGothic-Regular.otf", "bold": "HaranoAjiGothic-Bold.otf"}
# Where the charts' words come from: the fonts hold every character of these.
WORD_FILES = ("data/labels.yaml", "data/facts.yaml")


def _characters() -> str:
    text = "".join(chr(c) for c in range(0x20, 0x7F))
    for name in WORD_FILES:
        text += (PROJECT / name).read_text(encoding="utf-8")
    return "".join(sorted(set(text) - {"\n", "\r", "\t"}))


def _to_truetype(font: object) -> None:
    """CFF outlines to TrueType ones, in place (fontTools' Snippets/otf2ttf.py)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\000\001\000\000"


def paper_fonts(cache: Path) -> dict[str, Path]:
    """The TrueType files of the charts' paper font (by weight) in ``cache``, made
    when missing (a folder of their own beside the drawings' cache)."""
    characters = _characters()
    sources = {
        weight: tex_font(name, "charts: the PDF's charts")
        for weight, name in PAPER_FONT_FILES.items()
    }
    key = hashlib.sha256(
        (characters + "".join(f"{p}:{p.stat().st_size}" for p in sources.values())).encode()
    ).hexdigest()[:12]
    made = {}
    for weight, source in sources.items():
        target = cache / f"paper-font-{source.stem}-{key}.ttf"
        if not target.exists():
            from fontTools import subset
            from fontTools.ttLib import TTFont

            font = TTFont(source, recalcTimestamp=False)  # the same bytes every time
            options = subset.Options()
            options.name_IDs = ["*"]
            options.notdef_outline = True
            options.desubroutinize = True
            options.layout_features = []  # plain glyphs: matplotlib sets no features
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=characters)
            subsetter.subset(font)
            _to_truetype(font)
            cache.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            font.save(tmp)
            os.replace(tmp, target)
        made[weight] = target
    return made
