"""Whether the fonts installed here draw a figure's characters. resvg draws a character no
installed font has as an empty box, and says nothing: a PNG of Chinese names on a system
without a CJK font is a row of boxes. fontconfig (`fc-list`, on most Linux and BSD
systems) knows which fonts hold which characters; where it is missing, nothing is said.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape

#: Characters every font a figure can be drawn with has (ASCII and Latin-1).
EVERY_FONT = 0xFF
#: The most characters one fc-list call asks about, and the most calls one figure makes.
PER_CALL = 16
MAX_CALLS = 24
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
    """Which of `chars` no installed font has, as fontconfig answers (characters grouped by
    their 256-code block, a block asked about at once, then its characters one by one
    when no one font has them all; at most MAX_CALLS calls of `fc-list`, about 5 ms each).
    None when fontconfig is not there to ask, does not answer, or knows no font with
    SURELY_HELD."""
    if not chars:
        return []
    program = shutil.which("fc-list")
    if program is None or _held(program, [SURELY_HELD]) is not True:
        return None  # no fontconfig, or one that knows no font with a Latin letter
    blocks: dict[int, list[str]] = {}
    for c in chars:
        blocks.setdefault(ord(c) >> 8, []).append(c)
    calls = 0
    lacking: list[str] = []
    for members in blocks.values():
        for start in range(0, len(members), PER_CALL):
            group = members[start : start + PER_CALL]
            if calls >= MAX_CALLS:
                return sorted(lacking, key=chars.index)
            calls += 1
            held = _held(program, group)
            if held is None:
                return None
            if held:
                continue
            for c in group:
                if calls >= MAX_CALLS:
                    return sorted(lacking, key=chars.index)
                calls += 1
                if _held(program, [c]) is False:
                    lacking.append(c)
    return sorted(lacking, key=chars.index)


def _held(program: str, chars: list[str]) -> bool | None:
    """Whether one installed font holds every character (None: fc-list failed)."""
    pattern = ":charset=" + " ".join(f"{ord(c):x}" for c in chars)
    try:
        done = subprocess.run(
            [program, pattern, "family"], capture_output=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return bool(done.stdout.strip())


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
