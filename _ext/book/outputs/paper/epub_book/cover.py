"""The EPUB's cover image, drawn with Pillow from the edition's words (data/book.yaml)
and the book's date, in the PDF's HaranoAji fonts.  The PNG has no timestamp or other
metadata: the same words give the same bytes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from book.core.tex_fonts import tex_font

# 1600 x 2560 (1 : 1.6), the size e-book shops ask for.
SIZE = (1600, 2560)
MARGIN = 150
# Dark blue ground, white type; the rule is the charts' blue and vermillion
# (Okabe-Ito), so that the cover looks like the book's figures.
GROUND = (16, 37, 66)
INK = (255, 255, 255)
SOFT_INK = (206, 219, 235)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)

BOLD = "HaranoAjiGothic-Bold.otf"
MEDIUM = "HaranoAjiGothic-Medium.otf"


@dataclass(frozen=True)
class CoverWords:
    title: str
    subtitle: str
    author: str
    date: str
    language: str


def phrases(text: str, language: str) -> list[str]:
    """Where a line may break: between words, or between Japanese phrases (BudouX,
    as the web's headings break: _ext/book/outputs/site/heading_phrases.py)."""
    if language == "ja":
        import budoux

        return budoux.load_default_japanese_parser().parse(text)
    words = text.split(" ")
    return [word + " " for word in words[:-1]] + words[-1:]


def wrap(text: str, language: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken only between phrases."""
    lines: list[str] = []
    line = ""
    for part in phrases(text, language):
        if line and font.getlength((line + part).rstrip()) > width:
            lines.append(line.rstrip())
            line = part
        else:
            line += part
    return [*lines, line.rstrip()] if line.strip() else lines


def fitted(
    text: str, language: str, file: Path, size: int, width: int, most_lines: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font up to ``size`` at which ``text`` takes ``most_lines`` lines,
    no phrase wider than the page."""
    while True:
        font = ImageFont.truetype(str(file), size)
        lines = wrap(text, language, font, width)
        if size <= 24 or (
            len(lines) <= most_lines and all(font.getlength(x) <= width for x in lines)
        ):
            return font, lines
        size -= 4


def draw_cover(words: CoverWords, path: Path) -> None:
    """Write the cover of ``words`` to ``path`` (PNG)."""
    bold, medium = (tex_font(name, "epub_book: the EPUB's cover") for name in (BOLD, MEDIUM))
    width = SIZE[0] - 2 * MARGIN
    image = Image.new("RGB", SIZE, GROUND)
    draw = ImageDraw.Draw(image)

    def block(lines: list[str], font: ImageFont.FreeTypeFont, y: int, fill, gap: float) -> int:
        step = round(font.size * gap)
        for line in lines:
            draw.text((MARGIN, y), line, font=font, fill=fill)
            y += step
        return y

    # The rule at the top, in two colours.
    draw.rectangle((MARGIN, 420, MARGIN + 260, 440), fill=VERMILLION)
    draw.rectangle((MARGIN + 260, 420, SIZE[0] - MARGIN, 440), fill=BLUE)
    title_font, title = fitted(words.title, words.language, bold, 150, width, 3)
    y = block(title, title_font, 520, INK, 1.3)
    sub_font, subtitle = fitted(words.subtitle, words.language, medium, 76, width, 3)
    block(subtitle, sub_font, y + 70, SOFT_INK, 1.45)
    # The author and the edition's date at the foot.
    foot = ImageFont.truetype(str(medium), 60)
    draw.rectangle((MARGIN, SIZE[1] - 470, SIZE[0] - MARGIN, SIZE[1] - 466), fill=SOFT_INK)
    author_font, author = fitted(words.author, words.language, medium, 64, width, 2)
    y = block(author, author_font, SIZE[1] - 400, INK, 1.4)
    draw.text((MARGIN, y + 20), words.date, font=foot, fill=SOFT_INK)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Five colours and their anti-aliased edges: a 32-colour palette looks the same
    # and takes a third of the bytes (105 KB -> 35 KB).  No pnginfo: Pillow then
    # writes no text or time chunk, only the pixels.
    palette = image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, "PNG", optimize=True)
