"""A command line read as the shell reads it, up to the cursor, and words quoted back into it.

Shell completion gets the line as typed (`show "Party of Eu`, `--data=~/d/x.json`,
`my#data.json`) and needs the words the program will see: quotes and backslashes removed,
a leading `~` expanded, `#` inside a word kept. Two dialects: POSIX shells (bash, zsh:
'...', "...", $'...' and backslashes) and fish (its own escapes inside quotes and out).

For bash it also says where readline's idea of the word under the cursor begins (readline
splits at the characters in COMP_WORDBREAKS, `:` and `=` among them, and inside an open
quote) and quotes a completion for that spot, so what bash inserts reads back as the value.
No imports beyond the standard library's `os`: this runs on every TAB.
"""

from __future__ import annotations

import os

from ..structs import Struct

#: Characters that end a word when unquoted (both dialects).
_BLANKS = " \t\n"
#: One-letter escapes of $'...' (bash, zsh) and of unquoted fish text.
_LETTER_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}
#: Characters readline keeps at the start of the word when it breaks there (bash's
#: rl_special_prefixes): `$` and `@` begin variable and host names.
_SPECIAL_PREFIXES = "$@"
#: bash's COMP_WORDBREAKS when the variable is not set.
DEFAULT_WORDBREAKS = " \t\n\"'><=;|&(:"


class Word(Struct):
    """One word of the line: the text the program gets, and where each character came from.

    `text` is the word with its quoting removed; `origin[i]` is the offset in the line of
    the character that gave `text[i]`; `quoted[i]` whether that character was quoted.
    `start` is the offset of the word's first character in the line.
    """

    __slots__ = ("text", "start", "origin", "quoted")

    def __init__(self, text: str, start: int, origin: list[int], quoted: list[bool]) -> None:
        self.text = text
        self.start = start
        self.origin = origin
        self.quoted = quoted

    def expanded(self, at: int = 0) -> str:
        """The text with a `~` or `~user` at offset `at` expanded, as the shell does when
        that `~` is unquoted (at the start of a word, or after `--opt=`)."""
        text = self.text
        if at >= len(text) or text[at] != "~" or self.quoted[at]:
            return text
        end = text.find("/", at)
        end = len(text) if end < 0 else end
        if any(self.quoted[at:end]):
            return text
        head = os.path.expanduser(text[at:end])
        return text[:at] + head + text[end:] if not head.startswith("~") else text


class Line(Struct):
    """A command line up to the cursor: the finished words, the one under the cursor, and
    the quote left open at the cursor ('' if none) with the offset of its opening mark.

    `raw_quoted[i]` says whether the line's character i is quoted (inside quotes, a quote
    mark itself, or escaped by a backslash), as readline's word breaking asks."""

    __slots__ = ("raw", "words", "current", "quote", "quote_at", "raw_quoted")

    def __init__(
        self,
        raw: str,
        words: list[Word],
        current: Word,
        quote: str,
        quote_at: int,
        raw_quoted: list[bool],
    ) -> None:
        self.raw = raw
        self.words = words
        self.current = current
        self.quote = quote
        self.quote_at = quote_at
        self.raw_quoted = raw_quoted


def parse(raw: str, dialect: str = "posix") -> Line:
    """Read a line up to the cursor as a POSIX shell ("posix") or fish ("fish") would.

    Never fails: an unclosed quote or a trailing backslash leaves the last word open, as
    it is while the user types. No comments, no expansions but `~` (see Word.expanded):
    a `#` is an ordinary character here, as it is inside a word.
    """
    reader = _Reader(raw, dialect)
    reader.run()
    return reader.line()


class _Reader:
    """The state machine behind parse(); one pass over the line."""

    def __init__(self, raw: str, dialect: str) -> None:
        self.raw = raw
        self.fish = dialect == "fish"
        self.words: list[Word] = []
        self.quoted = [False] * len(raw)
        self.text: list[str] = []
        self.origin: list[int] = []
        self.qflags: list[bool] = []
        self.start = -1  # offset where the open word began; -1 between words
        self.quote = ""
        self.quote_at = -1

    def add(self, ch: str, at: int, quoted: bool) -> None:
        if self.start < 0:
            self.start = at
        self.text.append(ch)
        self.origin.append(at)
        self.qflags.append(quoted)

    def begin(self, at: int) -> None:
        if self.start < 0:
            self.start = at

    def end_word(self) -> None:
        if self.start >= 0:
            self.words.append(Word("".join(self.text), self.start, self.origin, self.qflags))
        self.text, self.origin, self.qflags, self.start = [], [], [], -1

    def mark(self, i: int, j: int) -> None:
        for k in range(i, min(j, len(self.raw))):
            self.quoted[k] = True

    def run(self) -> None:
        raw, n, i = self.raw, len(self.raw), 0
        while i < n:
            ch = raw[i]
            if ch in _BLANKS:
                self.end_word()
                i += 1
            elif ch == "\\":
                i = self._backslash(i)
            elif ch == "'" and not self.fish and raw.startswith("$'", i - 1) and self._dollar(i):
                i = self._ansi(i)
            elif ch == "'":
                i = self._single(i)
            elif ch == '"':
                i = self._double(i)
            else:
                self.add(ch, i, False)
                i += 1

    def _dollar(self, i: int) -> bool:
        """Whether the `$` before a quote at i is unquoted text of the open word: $'...'."""
        if not self.text or self.origin[-1] != i - 1 or self.qflags[-1]:
            return False
        self.text.pop(), self.origin.pop(), self.qflags.pop()
        if not self.text:
            self.start = -1
        return True

    def _backslash(self, i: int) -> int:
        raw, n = self.raw, len(self.raw)
        self.begin(i)
        self.mark(i, i + 2)
        if i + 1 >= n:  # a trailing backslash: the next key decides
            return n
        nxt = raw[i + 1]
        if nxt == "\n":  # a line continuation
            return i + 2
        if self.fish:
            ch, used = _fish_escape(raw, i + 1)
            self.mark(i, i + 1 + used)
            for c in ch:
                self.add(c, i + 1, True)
            return i + 1 + used
        self.add(nxt, i + 1, True)
        return i + 2

    def _single(self, i: int) -> int:
        raw, n = self.raw, len(self.raw)
        self.begin(i)
        self.quoted[i] = True
        j = i + 1
        while j < n:
            ch = raw[j]
            self.quoted[j] = True
            if ch == "'":
                return j + 1
            if self.fish and ch == "\\" and j + 1 < n and raw[j + 1] in "\\'":
                self.quoted[j + 1] = True
                self.add(raw[j + 1], j + 1, True)
                j += 2
                continue
            self.add(ch, j, True)
            j += 1
        self.quote, self.quote_at = "'", i
        return n

    def _double(self, i: int) -> int:
        raw, n = self.raw, len(self.raw)
        self.begin(i)
        self.quoted[i] = True
        special = '\\"$\n' if self.fish else '\\"$`\n'
        j = i + 1
        while j < n:
            ch = raw[j]
            self.quoted[j] = True
            if ch == '"':
                return j + 1
            if ch == "\\" and j + 1 < n and raw[j + 1] in special:
                self.quoted[j + 1] = True
                if raw[j + 1] != "\n":
                    self.add(raw[j + 1], j + 1, True)
                j += 2
                continue
            self.add(ch, j, True)
            j += 1
        self.quote, self.quote_at = '"', i
        return n

    def _ansi(self, i: int) -> int:
        """$'...' of bash and zsh, from the quote at i (the `$` is at i - 1)."""
        raw, n = self.raw, len(self.raw)
        self.begin(i - 1)
        self.mark(i - 1, i + 1)
        j = i + 1
        while j < n:
            ch = raw[j]
            self.quoted[j] = True
            if ch == "'":
                return j + 1
            if ch == "\\" and j + 1 < n:
                text, used = _ansi_escape(raw, j + 1)
                self.mark(j, j + 1 + used)
                for c in text:
                    self.add(c, j + 1, True)
                j += 1 + used
                continue
            self.add(ch, j, True)
            j += 1
        self.quote, self.quote_at = "$'", i
        return n

    def line(self) -> Line:
        if self.start >= 0:
            current = Word("".join(self.text), self.start, self.origin, self.qflags)
        else:
            current = Word("", len(self.raw), [], [])
        return Line(self.raw, self.words, current, self.quote, self.quote_at, self.quoted)


def _hex(raw: str, at: int, most: int) -> tuple[str, int]:
    digits = ""
    while len(digits) < most and at + len(digits) < len(raw):
        c = raw[at + len(digits)]
        if c not in "0123456789abcdefABCDEF":
            break
        digits += c
    return digits, len(digits)


def _code_point(digits: str) -> str:
    value = int(digits, 16)
    return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else ""


def _ansi_escape(raw: str, at: int) -> tuple[str, int]:
    """One escape of $'...' starting after its backslash: (text, characters used)."""
    ch = raw[at]
    if ch in _LETTER_ESCAPES:
        return _LETTER_ESCAPES[ch], 1
    if ch in "xuU":
        digits, used = _hex(raw, at + 1, {"x": 2, "u": 4, "U": 8}[ch])
        return (_code_point(digits), 1 + used) if digits else ("\\" + ch, 1)
    if ch in "01234567":
        digits = ch
        for c in raw[at + 1 : at + 3]:
            if c not in "01234567":
                break
            digits += c
        return chr(int(digits, 8)), len(digits)
    if ch == "c" and at + 1 < len(raw):
        return chr(ord(raw[at + 1]) & 0x1F), 2
    if ch in "\\'\"?":
        return ch, 1
    return "\\" + ch, 1


def _fish_escape(raw: str, at: int) -> tuple[str, int]:
    """One unquoted fish escape starting after its backslash: (text, characters used)."""
    ch = raw[at]
    if ch in _LETTER_ESCAPES:
        return _LETTER_ESCAPES[ch], 1
    if ch in "xXuU":
        digits, used = _hex(raw, at + 1, {"x": 2, "X": 2, "u": 4, "U": 8}[ch])
        return (_code_point(digits), 1 + used) if digits else (ch, 1)
    if ch == "c" and at + 1 < len(raw):
        return chr(ord(raw[at + 1]) & 0x1F), 2
    if ch in "01234567":
        digits = ch
        for c in raw[at + 1 : at + 3]:
            if c not in "01234567":
                break
            digits += c
        return chr(int(digits, 8)), len(digits)
    return ch, 1


def readline_word_start(line: Line, wordbreaks: str = DEFAULT_WORDBREAKS) -> int:
    """Where readline (bash) starts the word it completes: after an open quote's mark, or
    after the last unquoted COMP_WORDBREAKS character of the word (before it for `$`, `@`)."""
    if line.quote:
        return line.quote_at + 1
    start = line.current.start
    for i in range(len(line.raw) - 1, start - 1, -1):
        ch = line.raw[i]
        if ch in wordbreaks and not line.raw_quoted[i] and ch not in _BLANKS:
            return i if ch in _SPECIAL_PREFIXES else i + 1
    return start


def bash_insertions(
    line: Line, values: list[str], wordbreaks: str = DEFAULT_WORDBREAKS
) -> list[str]:
    """What bash must insert at its word start for each value to become the word typed.

    Readline replaces only the text after its word start, so a value is offered when it
    begins with what the part before that start means (`--data=`, `Foo:`), and is quoted
    for the spot: inside an open quote in that quote's way (closing it where readline
    would not), else with backslashes. Values that cannot be reached so (another case
    before a `:`) are left out.
    """
    at = readline_word_start(line, wordbreaks)
    word = line.current
    fixed = "".join(c for c, o in zip(word.text, word.origin, strict=True) if o < at)
    # Readline closes an open quote after a sole completion, unless the line then ends
    # with the quote mark already: when it ends with one that leaves the quote open (an
    # escaped `\"`, `'\''`), the insertion closes the quote itself.
    mark = "'" if line.quote == "$'" else line.quote
    out = []
    for value in values:
        if value.startswith(fixed):
            text = quote_for(line.quote, value[len(fixed) :])
            if mark and (line.raw[:at] + text).endswith(mark):
                text += mark
            out.append(text)
    return out


def quote_for(quote: str, text: str) -> str:
    """Text as it must be typed after an open quote ('"', "'", "$'") or unquoted ('')."""
    if quote == '"':
        out = []
        for ch in text:
            if ch in '"\\$`':
                out.append("\\" + ch)
            elif ch == "!":  # history expansion works inside double quotes: step out
                out.append('"\\!"')
            else:
                out.append(ch)
        return "".join(out)
    if quote == "'":
        return text.replace("'", "'\\''")
    if quote == "$'":
        return text.replace("\\", "\\\\").replace("'", "\\'")
    return "".join(ch if _plain(ch) else "\\" + ch for ch in text)


def _plain(ch: str) -> bool:
    """Whether a character means itself unquoted, anywhere in a word, in bash and zsh."""
    if ch.isascii():
        return ch.isalnum() or ch in "_@%+=:,./-"
    return ch.isprintable() and not ch.isspace()
