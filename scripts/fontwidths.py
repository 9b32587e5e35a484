"""The advance widths of a TrueType font's glyphs, read from its own tables (no library).

Used by gen_static.py to write src/partyintl/render/_glyphs.py from DejaVu Sans, the first
font the figures ask for. A font file is a table directory; `cmap` (format 4, Unicode BMP)
maps a code point to a glyph, `hmtx` gives each glyph's advance in font units, `hhea`
how many glyphs have their own advance (the rest take the last), `head` the units per em.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

#: Where DejaVu Sans lies on Debian, Ubuntu and Fedora.
DEJAVU_SANS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def find_font() -> Path | None:
    """The DejaVu Sans file of this machine, or None."""
    return next((p for p in DEJAVU_SANS if p.is_file()), None)


def advance_widths(path: Path, code_points: list[int]) -> dict[int, float]:
    """Each code point the font maps to a glyph, with its advance in em (x/units per em);
    a code point the font lacks (glyph 0) is left out."""
    data = path.read_bytes()
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = offset
    units = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    advances = [struct.unpack_from(">H", data, tables["hmtx"] + 4 * i)[0] for i in range(metrics)]
    glyph_of = _cmap_format_4(data, tables["cmap"])
    found = {}
    for cp in code_points:
        glyph = glyph_of(cp)
        if glyph:
            found[cp] = advances[min(glyph, metrics - 1)] / units
    return found


def _cmap_format_4(data: bytes, cmap: int) -> Callable[[int], int]:
    """The glyph of a code point by the font's Unicode BMP subtable (platform 3, encoding 1)."""
    subtables = struct.unpack_from(">H", data, cmap + 2)[0]
    at = None
    for i in range(subtables):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) == (3, 1):
            at = cmap + offset
    if at is None or struct.unpack_from(">H", data, at)[0] != 4:
        raise ValueError("the font has no Unicode BMP table of format 4")
    doubled = struct.unpack_from(">H", data, at + 6)[0]
    segments = doubled // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + doubled)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 2 * doubled)
    ranges_at = at + 16 + 3 * doubled
    offsets = struct.unpack_from(f">{segments}H", data, ranges_at)

    def glyph(cp: int) -> int:
        for i in range(segments):
            if starts[i] <= cp <= ends[i]:
                if offsets[i] == 0:
                    return int((cp + deltas[i]) & 0xFFFF)
                where = ranges_at + 2 * i + offsets[i] + 2 * (cp - starts[i])
                found: int = struct.unpack_from(">H", data, where)[0]
                return (found + deltas[i]) & 0xFFFF if found else 0
        return 0

    return glyph
