"""The one rule for text that people see: characters that can drive a terminal or reorder
what it shows are written as visible escapes.

Escaped (`UNSAFE`): the C0 controls but tab and newline, DEL, the C1 controls, the line and
paragraph separators (U+2028, U+2029), and Unicode's Bidi_Control characters: the Arabic
letter mark (U+061C), the left-to-right and right-to-left marks (U+200E, U+200F), the
embeddings and overrides (U+202A..U+202E) and the isolates (U+2066..U+2069). Any of these in
a name could make a terminal, a browser or an editor show something other than what is
there ("Trojan Source", CVE-2021-42574) or end a line where none is.

A character below U+0100 becomes `\\xNN`, any other `\\uNNNN` (lower-case hex). Every
renderer for people (terminal tables and pictures, plain, Markdown, SVG, HTML, the report,
messages on stderr) escapes with `escape_control`; machine formats (JSON, JSON Lines, CSV,
the exports) keep the text exactly. Standard library only: messages use it before anything
heavy is imported.
"""

from __future__ import annotations

from .patterns import pattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

#: One character that must never reach a terminal raw (see the module docstring). Each
#: is one that str.isprintable() refuses, so printable text (most text) is returned as it
#: is without the pattern, and without importing `re` (tests/test_startup.py checks).
UNSAFE = pattern(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
#: Characters that show as nothing at all: the zero-width space, the word joiner and the
#: zero-width no-break space (a byte-order mark). The zero-width (non-)joiners are not
#: among them: Persian and Indic names need them.
INVISIBLE = "\u200b\u2060\ufeff"
#: One character a name may not hold: an UNSAFE one, or an INVISIBLE one (two names that
#: look the same would differ, and a name could look empty).
NOT_IN_NAMES = pattern(UNSAFE.pattern[:-1] + INVISIBLE + "]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def escape_hidden(text: str) -> str:
    """`text` with every character NOT_IN_NAMES matches written as a visible escape
    (`\\u200b`): escape_control's rule, the invisible characters too."""
    return NOT_IN_NAMES.sub(_visible, text)


def character_kind(ch: str) -> str:
    """What a character NOT_IN_NAMES matches is, in words: `a bidi control (it reorders
    what is shown)`, `an invisible character`, `a line or paragraph separator`, `a control
    character`."""
    if ch in _BIDI:
        return "a bidi control (it reorders what is shown)"
    if ch in INVISIBLE:
        return "an invisible character"
    if ch in "\u2028\u2029":
        return "a line or paragraph separator"
    return "a control character"


# Colour and bold as the table renderer writes them (SGR: ESC [ digits and ; m), kept by
# terminal_safe; any other escape sequence is data and is shown escaped.
_SGR_OR_UNSAFE = pattern(r"(\x1b\[[0-9;]*m)|" + UNSAFE.pattern)


#: Code points no text may hold (lone surrogates, noncharacters): data/load.py refuses
#: them, and a message quoting the refused text shows them as JSON escapes.
NOT_TEXT = pattern("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def visible(code: int) -> str:
    """The visible escape of a code point: `\\xNN` below U+0100, `\\uNNNN` above."""
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _printable(text: str) -> bool:
    """Whether text holds nothing but printable characters, tabs and newlines (and so
    nothing UNSAFE): two passes in C, no pattern."""
    return text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable()


def _visible(match: re.Match[str]) -> str:
    return visible(ord(match.group()))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_control(text: str) -> str:
    """`text` with every UNSAFE character written as a visible escape (`\\x1b`, `\\u202e`).

    Tab and newline are left for the caller's format to deal with (plain output escapes
    them, tables turn newlines into spaces). A byte of an argument that was not UTF-8 is
    shown as it was typed (`\\xff`). Linear in the length of the text.
    """
    if _printable(text):
        return text
    return _LONE.sub(_undecoded, UNSAFE.sub(_visible, text))


#: A lone surrogate: what Python makes of a byte of a command-line argument that is not
#: UTF-8 (U+DC80..U+DCFF stand for the bytes 0x80..0xFF, PEP 383).
_LONE = pattern("[\ud800-\udfff]")


def _undecoded(match: re.Match[str]) -> str:
    """The byte an argument held, as typed (`\\xff`), for a surrogate that stands for one;
    any other lone surrogate as its code point (`\\ud800`)."""
    code = ord(match.group())
    return visible(code - 0xDC00) if 0xDC80 <= code <= 0xDCFF else visible(code)


def terminal_safe(text: str) -> str:
    """A rendered page of text for people with anything UNSAFE left in it escaped, keeping
    the colour codes (SGR sequences) a renderer wrote on purpose.

    A last guard at the one place human formats are written (answer.emit): renderers
    escape data as they lay it out, so that widths are counted on what is shown; this
    makes sure that no renderer, however written, can let data drive the terminal.
    """
    if _printable(text):
        return text
    return _SGR_OR_UNSAFE.sub(lambda m: m.group(1) or _visible(m), text)


def escape_json(text: str) -> str:
    """JSON text with every UNSAFE character written as a JSON `\\uNNNN` escape: the same
    value to any JSON reader, harmless on a terminal. (json.dumps already escapes C0.)"""
    if _printable(text):
        return text
    return UNSAFE.sub(_json_escape, text)


def json_for_message(text: str) -> str:
    """JSON text quoted in a message about data: escape_json, and the code points no text
    may hold (NOT_TEXT) and the invisible ones (INVISIBLE) written as JSON escapes too, so
    the message shows what is there."""
    return _IN_MESSAGES.sub(_json_escape, escape_json(text))


def json_quoted(value: object) -> str:
    """A value as a message about data quotes it: its JSON (anything else by its str),
    escaped by json_for_message."""
    import json

    return json_for_message(json.dumps(value, ensure_ascii=False, default=str))


#: What json_for_message escapes beside UNSAFE.
_IN_MESSAGES = pattern(NOT_TEXT.pattern[:-1] + INVISIBLE + "]")
