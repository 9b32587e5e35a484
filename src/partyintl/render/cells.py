"""How much room text takes: one rule for terminal tables, rich pictures and SVG figures.

A string's width is counted in terminal cells by rich's `cell_len` (the rule rich applies
to the pictures it draws): East Asian wide and fullwidth characters take two cells,
combining marks, zero-width characters (ZWSP, ZWJ, variation selectors) and other format
characters none, everything else one. Rich is imported only for text with a character
outside the ranges known to take exactly one cell (Latin, Greek, Cyrillic, general
punctuation, box drawing, geometric shapes), so plain answers keep their start-up time; a
space takes its cell even after a zero-width joiner. Figures turn cells into pixels at
`EM_PER_CELL` of the font size: a CJK name is measured as twice as wide as a Latin one of
as many characters, an accent on a letter adds nothing.
"""

from __future__ import annotations

from itertools import repeat

#: Figure text is measured as this many em a terminal cell: generous for DejaVu Sans
#: (Latin letters average about 0.55 em), and a wide character's two cells (1.2 em) cover
#: a CJK glyph (1 em).
EM_PER_CELL = 0.6

#: Code point ranges whose every character rich counts as one cell (checked against rich
#: in tests/test_width.py): ASCII and Latin-1 printables but the soft hyphen, Latin
#: Extended, IPA and spacing modifiers, Greek and Cyrillic letters, the general punctuation
#: that is neither a format character nor a line separator (dashes, quotes, the dagger,
#: the ellipsis), box drawing and block elements, and the geometric shapes but the two
#: that take two cells (the spectrum's marks).
_ONE_CELL_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),
    (0x370, 0x482),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2500, 0x259F),
    (0x25A0, 0x25FC),
)
_ONE_CELL = frozenset(chr(c) for start, end in _ONE_CELL_RANGES for c in range(start, end + 1))
_all_one_cell = _ONE_CELL.issuperset


def one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one cell (printable ASCII), so that its
    width is its length (found in C: quick for a long text)."""
    return text.isascii() and text.isprintable()


def cells(text: str) -> int:
    """How many terminal cells `text` takes (0, 1 or 2 a character; see the module)."""
    if one_cell_each(text):
        return len(text)
    if _all_one_cell(text):
        return len(text)
    from rich.cells import cell_len

    if "\u200d" in text:
        # rich lets a zero-width joiner swallow the character after it (right inside emoji
        # sequences); a space after one still takes its cell on a terminal.
        return sum(cell_len(word) for word in text.split(" ")) + text.count(" ")
    return cell_len(text)


def clip(text: str, size: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `size` cells, ending in `ellipsis` when it was cut.

    Never splits a character from the combining marks that follow it.
    """
    if cells(text) <= size:
        return text
    room = max(0, size - cells(ellipsis))
    used = 0
    end = 0
    for i, ch in enumerate(text):
        w = cells(ch)
        if used + w > room:
            break
        used += w
        end = i + 1
    # Marks of width 0 after the last character kept belong to it.
    while end < len(text) and cells(text[end]) == 0:
        end += 1
    return text[:end] + ellipsis


def pad(text: str, size: int) -> str:
    """`text` followed by spaces up to `size` cells (as str.ljust counts characters)."""
    return text + " " * max(0, size - cells(text))


def text_width(text: str, size: float) -> float:
    """The width in pixels of `text` in a figure at font size `size` (px): the wider of
    cells x 0.6 em and the sum of DejaVu Sans's own advance widths (render/_glyphs.py;
    0.6 em for a character it lacks). Mixed-case text with spaces is narrower than 0.6 em
    a character, and keeps its room; capitals are not (M 0.86 em, W 0.99 em): an
    all-capitals name ran into the next column."""
    from ._glyphs import ADVANCE

    drawn = sum(map(ADVANCE.get, text, repeat(600))) / 1000
    return max(cells(text) * EM_PER_CELL, drawn) * size


def fits(width: float, size: float) -> int:
    """How many cells of text fit in `width` pixels at font size `size`."""
    # A hair over the quotient: 3 cells measured (21.6 px at 12 px) must give 3 back.
    return int(width / (size * EM_PER_CELL) + 1e-9)
