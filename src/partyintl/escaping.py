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
#: The tag characters (U+E0000-U+E007F, as a pattern's range): invisible, they can hide
#: text in a name.
TAGS = "\U000e0000-\U000e007f"
#: Letters drawn as nothing: the Hangul fillers and the blank Braille pattern.
BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
#: One character a name may not hold: an UNSAFE one, or an INVISIBLE one (two names that
#: look the same would differ, and a name could look empty).
#: The characters of NOT_IN_NAMES below U+10000, as the inside of a character class: what
#: the JSON Schema says (its patterns cannot name a range of astral characters portably).
HIDING_IN_NAMES = UNSAFE.pattern[1:-1] + INVISIBLE
NOT_IN_NAMES = pattern("[" + HIDING_IN_NAMES + TAGS + "]")
#: What messages show escaped: NOT_IN_NAMES and the letters drawn as nothing.
_HIDDEN = pattern("[" + HIDING_IN_NAMES + TAGS + BLANK_LETTERS + "]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def as_shown(text: str) -> str:
    """A text as a page or a table shows it, to read names from: whitespace runs (no-break
    spaces too) as one space, trimmed; the soft hyphen and every character a name may not
    hold (NOT_IN_NAMES: control characters, bidi controls, the zero-width space and the
    other invisible characters, tags) left out, as none of them is drawn. The zero-width
    (non-)joiners stay: Persian and Indic names need them."""
    words = (undrawn_removed(w) for w in _BREAKS.sub(" ", text).split())
    return ends_trimmed(" ".join(w for w in words if w))


def undrawn_removed(text: str) -> str:
    """`text` without the characters no one sees in it: the soft hyphen, noncharacters
    (U+FDD0) and what a name may not hold (NOT_IN_NAMES: control characters, bidi
    controls, the zero-width space and the other invisible characters, tags); its spaces,
    tabs and line breaks as they are."""
    return NOT_TEXT.sub("", NOT_IN_NAMES.sub("", text.replace("\u00ad", "")))


#: What breaks a line or jumps to a column: a tab, the line breaks of every convention,
#: the line and paragraph separators. In a name read from a table's cell, a space.
_BREAKS = pattern("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")


def cell_text(text: str) -> str:
    """A table's cell as a name or a printed text takes it: its tabs and line breaks as
    spaces, what no one sees left out (undrawn_removed), and its ends as ends_trimmed
    leaves them; its other spaces as printed."""
    return ends_trimmed(undrawn_removed(_BREAKS.sub(" ", text)))


def ends_trimmed(text: str) -> str:
    """`text` without what shows nothing at its ends (blank_at_ends: spaces, a mark with
    no letter before it, a variation selector after the last letter), so that a name
    read from a page is one the rules take ("❤\ufe0f" is "❤"). An accent drawn on a
    space at the end goes with the space: it is put on no letter ("Party \u0301" is
    "Party", never "Partý")."""
    text = text.strip()
    while text and blank_at_ends(text):
        # The first character, or the last that shows nothing with the marks drawn on it.
        text = text[1:] if shows_nothing(text[0]) else text[: _last_base(text)]
        text = text.strip()
    return text


def escape_hidden(text: str) -> str:
    """`text` as messages show it: every character NOT_IN_NAMES matches, and the letters
    drawn as nothing (BLANK_LETTERS), written as a visible escape (`\\u200b`, `\\u3164`):
    escape_control's rule (a byte of an argument that was not UTF-8 as typed, `\\xff`), the
    invisible characters too."""
    return _LONE.sub(_undecoded, _HIDDEN.sub(_visible, text))


def one_line(text: str) -> str:
    """`text` with what escape_hidden escapes, and its tabs and line breaks too, written
    as visible escapes (`\\x09`): a name on one line, as the name of a file that a data
    file records (`tab\\x09here.html`)."""
    return escape_hidden(_LINE_BREAKS.sub(_visible, text))


_LINE_BREAKS = pattern("[\t\n\r]")


def character_kind(ch: str) -> str:
    """What a character NOT_IN_NAMES matches is, in words: `a bidi control (it reorders
    what is shown)`, `an invisible character`, `a line or paragraph separator`, `a control
    character`."""
    if ch in _BIDI:
        return "a bidi control (it reorders what is shown)"
    if ch in INVISIBLE or "\U000e0000" <= ch <= "\U000e007f":
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
    """The visible escape of a code point: `\\xNN` below U+0100, `\\uNNNN` below U+10000,
    `\\UNNNNNNNN` above (as Python writes them)."""
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _printable(text: str) -> bool:
    """Whether text holds nothing but printable characters, tabs and newlines (and so
    nothing UNSAFE): two passes in C, no pattern."""
    return text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable()


def _visible(match: re.Match[str]) -> str:
    return visible(ord(match.group()))


def _json_escape(match: re.Match[str]) -> str:
    """A character as JSON escapes it: `\\u200b`; beyond U+FFFF its UTF-16 surrogate pair
    (`\\udb40\\udc41` for U+E0041)."""
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


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
    may hold (NOT_TEXT) and the invisible ones (INVISIBLE, TAGS) written as JSON escapes, so
    the message shows what is there."""
    return _IN_MESSAGES.sub(_json_escape, escape_json(text))


def json_quoted(value: object) -> str:
    """A value as a message about data quotes it: its JSON (anything else by its str),
    escaped by json_for_message."""
    import json

    return json_for_message(json.dumps(value, ensure_ascii=False, default=str))


#: What json_for_message escapes beside UNSAFE.
_IN_MESSAGES = pattern(NOT_TEXT.pattern[:-1] + INVISIBLE + TAGS + BLANK_LETTERS + "]")


def shows_nothing(text: str) -> bool:
    """Whether a text shows nothing: only spaces, characters of no width (Unicode's format
    characters, Cf: the zero-width space, joiners, bidi marks, a byte-order mark), marks
    with no letter to sit on (Mn, Me: a lone accent, a variation selector) and letters
    drawn as nothing (BLANK_LETTERS). Stops at the first visible character."""
    if text.isascii():
        return not text.strip()
    import unicodedata

    return all(
        char.isspace() or char in BLANK_LETTERS or unicodedata.category(char) in ("Cf", "Mn", "Me")
        for char in text
    )


def quoted_ends_shown(text: str) -> str:
    """json_quoted(text), with the characters that show nothing at its start and end (a
    no-break space, a soft hyphen) written as JSON escapes (`"SPD\\u00a0"`), an ASCII
    space kept as it is: what a message about a text's blank ends shows."""
    quoted = json_quoted(text)
    body = quoted[1:-1]
    start = 0
    while start < len(body) and shows_nothing(body[start]):
        start += 1
    end = len(body)
    while end > start and shows_nothing(body[end - 1]):
        end -= 1

    def shown(part: str) -> str:
        return "".join(ch if ch == " " else f"\\u{ord(ch):04x}" for ch in part)

    return f'"{shown(body[:start])}{body[start:end]}{shown(body[end:])}"'


def blank_at_ends(text: str) -> bool:
    """Whether a text begins or ends with a character that shows nothing (shows_nothing's:
    a space, a zero-width character, a letter drawn as nothing): a name that looks like
    another ("Labour Party\\u3164") or is counted apart from it (" Germany"). Accents
    that follow the letter they sit on are part of it: a name in decomposed form (NFD, as
    macOS copies text) may end in one ("Unifie\\u0301")."""
    if not text:
        return False
    if shows_nothing(text[0]):
        return True
    return shows_nothing(text[_last_base(text)])


def _last_base(text: str) -> int:
    """Where the last character that is no mark drawn on the one before it stands (the
    letter an NFD accent or an Indic vowel sign at the end sits on); 0 at the least."""
    end = len(text)
    while end > 1 and _drawn_on_a_letter(text[end - 1]):
        end -= 1
    return end - 1


#: The combining marks that draw nothing (Unicode's default-ignorable ones): the combining
#: grapheme joiner, the Mongolian free variation selectors and the variation selectors.
_IGNORABLE_MARKS = pattern("[\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _drawn_on_a_letter(char: str) -> bool:
    """Whether a character is a mark drawn on the character before it: an accent, a vowel
    sign of an Indic script (पराग्वे ends in one), an enclosing mark (Mn, Me); not one
    that draws nothing (_IGNORABLE_MARKS: a variation selector, the grapheme joiner)."""
    import unicodedata

    return unicodedata.category(char) in ("Mn", "Me") and not _IGNORABLE_MARKS.match(char)
