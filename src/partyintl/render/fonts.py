"""Whether the fonts installed here draw a figure's characters. resvg draws a character no
installed font has as an empty box, and says nothing: a PNG of Chinese names on a system
without a CJK font is a row of boxes. fontconfig (`fc-list`, on most Linux and BSD
systems) knows which fonts hold which characters; where it is missing, nothing is said.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from bisect import bisect_right
from html import unescape

#: Characters every font a figure can be drawn with has (ASCII and Latin-1).
EVERY_FONT = 0xFF
#: fc-list's own options: every installed font's characters, a line a font.
FC_LIST_CHARSETS = ("-f", "%{charset}\n")
#: A character every installed font has: a fontconfig that knows no font with it knows
#: nothing (a fresh tester's stand-in fc-list answered nothing to everything).
SURELY_HELD = "A"
#: How many of the missing characters the note shows.
SHOWN = 8
#: The text a figure draws (its <title> and <desc> are read by screen readers, not drawn).
_DRAWN = re.compile(r"<(text|tspan)\b[^>]*>([^<]*)")


def drawn_characters(svg: str) -> list[str]:
    """The characters an SVG figure draws as text beyond Latin-1, each once, in order."""
    found = "".join(unescape(m.group(2)) for m in _DRAWN.finditer(svg))
    return [c for c in dict.fromkeys(found) if ord(c) > EVERY_FONT and c.isprintable()]


def missing(chars: list[str]) -> list[str] | None:
    """Which of `chars` no installed font has, in their order, as fontconfig answers: one
    call of `fc-list` lists every font's characters (about 25 ms), and each character is
    looked up in them. None when fontconfig is not there to ask, does not answer, or
    knows no font with SURELY_HELD. (Asking about a few characters a call, and at most
    24 calls, named only the first of 30 Chinese characters and miscounted the rest.)"""
    if not chars:
        return []
    program = shutil.which("fc-list")
    held = _charsets(program) if program is not None else None
    if held is None or not _holds(held, SURELY_HELD):
        return None  # no fontconfig, or one that knows no font with a Latin letter
    return [c for c in chars if not _holds(held, c)]


def _charsets(program: str) -> list[tuple[int, int]] | None:
    """The ranges of code points the installed fonts hold between them, sorted and merged
    (fontconfig's charsets: `20-7e a0-17f 192 ...`, a line a font); None when fc-list
    fails."""
    try:
        done = subprocess.run(
            [program, *FC_LIST_CHARSETS], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    spans: list[tuple[int, int]] = []
    for word in done.stdout.decode("ascii", "replace").split():
        first, _, last = word.partition("-")
        try:
            spans.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue  # not fontconfig's charset words: left out
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _holds(held: list[tuple[int, int]], char: str) -> bool:
    """Whether a font holds the character (`held`: _charsets' merged ranges)."""
    code = ord(char)
    at = bisect_right(held, (code, 0x110000)) - 1
    return at >= 0 and held[at][0] <= code <= held[at][1]


def missing_note(svg: str) -> str | None:
    """A note for the user when the PNG of this SVG figure shows characters as boxes: which
    (the first few) and what to do; None when every character is drawn, or when that
    cannot be known here."""
    lacking = missing(drawn_characters(svg))
    if not lacking:
        return None
    from ..cli.spec import flag

    shown = " ".join(lacking[:SHOWN])
    if len(lacking) > SHOWN:
        shown += f" and {len(lacking) - SHOWN:,} more"
    them, boxes = ("it", "an empty box") if len(lacking) == 1 else ("them", "empty boxes")
    return (
        f"No font installed here has {shown}: the PNG shows {them} as {boxes}. Install "
        f"a font that has {them} (Noto Sans CJK for Chinese, Japanese and Korean; Noto Sans "
        f"for most other scripts), or write SVG ({flag('fmt')} svg), which a browser "
        "draws with its own fonts."
    )
