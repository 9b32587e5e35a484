"""Terminal pictures as lines of styled text, written without rich when rich would write
them as they are.

Rich draws a picture's lines (`Text` in a `Group`) by wrapping any line wider than the
terminal and, in colour, wrapping each styled run in SGR codes. A line that fits needs
neither wrapping nor measuring beyond its width, so `Lines.render` writes it directly:
the same text rich writes (tests/test_lines.py compares the two on generated lines, in
colour and without), for about a tenth of what importing rich costs. Anything outside
what it can vouch for (a line too wide, a character of unusual width, a tab, a style it
does not know) makes it answer None, and the caller hands `to_rich()` to rich.
"""

from __future__ import annotations

from .cells import _all_one_cell

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rich.console import RenderableType

#: SGR codes of the style words rich knows, as rich writes them: attributes first, in
#: this order, then the colour.
_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_COLOURS = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
}


def sgr(style: str) -> str | None:
    """The SGR code rich writes for a style of these words ('' for none), or None."""
    words = style.split()
    colours = [w for w in words if w in _COLOURS]
    if len(colours) > 1 or any(w not in _ATTRIBUTES and w not in _COLOURS for w in words):
        return None
    codes = [code for word, code in _ATTRIBUTES.items() if word in words]
    return ";".join(codes + [_COLOURS[c] for c in colours])


#: The codes a table drawn by table.py may hold that rich writes back as they are.
_KNOWN_CODES = frozenset(
    code
    for attributes in ("", "1", "4", "1;4")
    for colour in ("", *_COLOURS.values())
    if (code := ";".join(c for c in (attributes, colour) if c))
)

#: The base style that marks a line written with SGR codes (no style holds ESC).
_ANSI = "\x1b"
#: A line: its base style (applied to every run, as rich's Text(style=...)), and its runs
#: of text with their own styles.
Line = tuple[str, list[tuple[str, str]]]


class Lines:
    """A picture for the terminal as lines of styled runs (see the module)."""

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def text(self, text: str, style: str = "") -> Lines:
        """Add a line of one run (rich's Text(text, style=style))."""
        self.lines.append((style, [(text, "")]))
        return self

    def runs(self, *runs: tuple[str, str], style: str = "") -> Lines:
        """Add a line of several runs, each (text, style)."""
        self.lines.append((style, list(runs)))
        return self

    def ansi(self, text: str) -> Lines:
        """Add lines already written with SGR codes, as table.py writes tables (rich's
        Text.from_ansi)."""
        for line in text.split("\n"):
            self.lines.append((_ANSI, [(line, "")]))
        return self

    def extend(self, other: Lines) -> Lines:
        """Add another picture's lines."""
        self.lines += other.lines
        return self

    def render(self, width: int, color: bool) -> str | None:
        """The text rich writes for these lines at this width (each line ending in a
        newline), or None where it cannot say for sure (see the module)."""
        out = []
        for base, runs in self.lines:
            line = _from_ansi(runs[0][0], color) if base == _ANSI else _line(base, runs, color)
            if line is None:
                return None
            if line[1] <= width:
                out.append(line[0])
                continue
            if "\xa0" in line[0]:
                return None  # a space rich does not break at
            if base == _ANSI:
                if "\x1b" in line[0]:
                    return None  # a table's line too wide, with its styles
                out += _wrapped(line[0], width)
                continue
            # Wrapped as rich wraps the plain text, each piece keeping its runs' styles;
            # spaces ending a piece beyond the width are dropped (rich's rstrip_end).
            at = 0
            for piece in _wrapped("".join(run for run, _ in runs), width):
                kept = min(len(piece), max(width, len(piece.rstrip(" "))))
                part = _line(base, _cut(runs, at, at + kept), color)
                if part is None:
                    return None
                out.append(part[0])
                at += len(piece)
        return "".join(f"{line}\n" for line in out)

    def to_rich(self) -> RenderableType:
        """The same picture as rich renderables (a Group of Text), for rich to draw."""
        from rich.console import Group
        from rich.text import Text

        texts = []
        for base, runs in self.lines:
            if base == _ANSI:
                texts.append(Text.from_ansi(runs[0][0]))
                continue
            text = Text(style=base)
            for run, style in runs:
                text.append(run, style=style or None)
            texts.append(text)
        return Group(*texts)


def _cut(runs: list[tuple[str, str]], start: int, end: int) -> list[tuple[str, str]]:
    """The runs' text from `start` to `end` (character offsets), each part in its style."""
    cut = []
    at = 0
    for run, style in runs:
        part = run[max(0, start - at) : max(0, end - at)]
        if part:
            cut.append((part, style))
        at += len(run)
    return cut


def _wrapped(text: str, width: int) -> list[str]:
    """A line of one-cell characters, unstyled, as rich wraps it at `width`: at the spaces
    before words that do not fit, a word wider than the line cut every `width` cells
    (rich's divide_line with fold; the lines' trailing spaces go, as to_text drops them)."""
    breaks: list[int] = []
    used = 0
    for start, word in _words(text):
        size = len(word.rstrip(" "))
        if width - used >= size:
            used += len(word)
        elif size > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    used = len(piece)
                else:
                    start += len(piece)
        elif used and start:
            breaks.append(start)
            used = len(word)
    ends = [*breaks, len(text)]
    return [text[a:b] for a, b in zip([0, *breaks], ends, strict=True)]


def _words(text: str) -> list[tuple[int, str]]:
    """Each word with the spaces after it (and the first with those before it), where it
    starts: rich's words() for text whose only white space is the space."""
    found: list[tuple[int, str]] = []
    at, size = 0, len(text)
    while True:
        word = at
        while word < size and text[word] == " ":
            word += 1
        if word == size:
            return found
        end = text.find(" ", word)
        end = size if end < 0 else end
        while end < size and text[end] == " ":
            end += 1
        found.append((at, text[at:end]))
        at = end


def _line(base: str, runs: list[tuple[str, str]], color: bool) -> tuple[str, int] | None:
    """One line as rich writes it, and its width in cells; None where unsure."""
    plain = "".join(run for run, _ in runs)
    if not _all_one_cell(plain):  # a tab, a newline, or a character of unusual width
        return None
    if not color:
        return plain, len(plain)
    if base and any(style for run, style in runs if run):
        return None  # rich would combine the two styles
    # rich writes a piece of text between two of its styled runs as one piece: runs
    # without a style of their own (empty runs aside) go out together.
    merged: list[tuple[str, str]] = []
    for run, style in runs:
        if not run:
            continue
        if not style and merged and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + run, "")
        else:
            merged.append((run, style))
    written = []
    for run, style in merged:
        code = sgr(style or base)
        if code is None:
            return None
        written.append(f"\x1b[{code}m{run}\x1b[0m" if code else run)
    return "".join(written), len(plain)


def _from_ansi(line: str, color: bool) -> tuple[str, int] | None:
    """A line with SGR codes (each run `ESC[codes m text ESC[0m`) as rich writes it back
    after reading it: the same codes in colour, none without; None where unsure."""
    runs: list[tuple[str, str]] = []
    at = 0
    while at < len(line):
        start = line.find("\x1b[", at)
        if start < 0:
            runs.append((line[at:], ""))
            break
        runs.append((line[at:start], ""))
        end_code = line.find("m", start)
        end = line.find("\x1b[0m", end_code + 1)
        if end_code < 0 or end < 0:
            return None
        code, run = line[start + 2 : end_code], line[end_code + 1 : end]
        if code not in _KNOWN_CODES or "\x1b" in run:
            return None
        runs.append((run, code))
        at = end + 4
    plain = "".join(run for run, _ in runs)
    if not _all_one_cell(plain):
        return None
    if not color:
        return plain, len(plain)
    text = "".join(f"\x1b[{code}m{run}\x1b[0m" if code and run else run for run, code in runs)
    return text, len(plain)
