"""The standard streams: writing answers and notes whole (or saying why not), whether a
stream is a terminal and how wide, and a stand-in for a stream the shell closed.

Standard library only: `--version`, `--help` and the fast path write through here before
anything heavy is imported.
"""

from __future__ import annotations

import os
import sys

from .errors import OutputClosed, OutputError
from .patterns import pattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re


class ClosedStream:
    """Stands for a standard stream the shell closed (`>&-`): every write fails."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.buffer = self

    def write(self, data: object) -> int:
        import errno

        raise OSError(errno.EBADF, "the stream is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise ValueError("closed")


def is_terminal(stream: object) -> bool:
    """Whether a standard stream is an interactive terminal (a closed one is not)."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def terminal_columns(fallback: int) -> int:
    """Columns as shutil.get_terminal_size counts them (COLUMNS, else the terminal), cheaply:
    what click lays --help out in. Tables use output_columns, which takes COLUMNS only
    when it is sane."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or fallback


#: The widest text laid out for a terminal, in columns: a larger COLUMNS (or terminal) is
#: taken as this. Far wider than any screen, small enough that a table stays small.
MAX_COLUMNS = 1000


def error_columns() -> int | None:
    """Columns to wrap error lists in: None when stderr is no terminal (a log or a pipe gets
    each item on one line, never hard-wrapped), else COLUMNS as output_columns reads it, or
    the width of the terminal stderr is on (80 when it cannot be told)."""
    if not is_terminal(sys.stderr):
        return None
    return output_columns(80, sys.stderr)


def output_columns(fallback: int, stream: object = None) -> int:
    """Columns to lay tables and pictures out in: COLUMNS when it is a whole number above 0
    (ASCII digits; at most MAX_COLUMNS), else the width of the terminal `stream` is on
    (stdout by default), else `fallback`.

    Anything else in COLUMNS (`abc`, `-5`, `0`, `٣`, an empty string) is taken as unset,
    as `ls` does; a number too big for any screen (`99999999999999999999999`) is clamped.
    """
    raw = os.environ.get("COLUMNS", "").strip()
    columns = 0
    if raw.isascii() and raw.isdigit():
        # Compared as text first: int() of a thousand digits is refused by Python itself.
        columns = MAX_COLUMNS if len(raw.lstrip("0")) > 4 else int(raw)
    if columns <= 0:
        try:
            target = sys.__stdout__ if stream is None else stream
            columns = os.get_terminal_size(target.fileno()).columns  # type: ignore[attr-defined]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return min(columns, MAX_COLUMNS) if columns > 0 else fallback


def write(text: str, machine: bool) -> None:
    """Write to stdout: machine formats always as UTF-8, human text in the terminal's
    encoding (what it cannot show, as `closest` writes it, and a note says how many
    characters became `?` and how to see them)."""
    encoding = "utf-8" if machine else (getattr(sys.stdout, "encoding", None) or "utf-8")
    data = closest(text, encoding)
    lost = data.count(b"?") - text.count("?")  # counted first: the write is the answer's end
    write_bytes(data, encoding)
    if lost > 0:
        from .cli.spec import flag
        from .words import counted

        note(
            f"note: {counted(lost, 'character')} that standard output's encoding ({encoding}) "
            f"cannot hold are shown as '?'; a UTF-8 locale shows them, and {flag('fmt')} "
            "plain, csv or json writes them whole."
        )


#: Typographic characters and the ASCII character people write for them, one for one so
#: that columns stay aligned (an ellipsis the layout cut a word with is ASCII already).
_PLAIN = {"–": "-", "—": "-", "‒": "-", "−": "-", "…": ".", "‘": "'", "’": "'", "“": '"',
          "”": '"', "«": '"', "»": '"', "•": "*", "·": "."}  # fmt: skip


def closest(text: str, encoding: str) -> bytes:
    """Human text in an encoding that may not hold all of it (an ASCII terminal): dashes,
    ellipses and quotes as people type them, a letter with accents as the letter (é as
    e), and `?` for anything else, each one character for one where it can be (columns
    stay aligned); text the encoding holds is unchanged."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    import unicodedata

    out = []
    for ch in text:
        try:
            out.append(ch.encode(encoding))
            continue
        except UnicodeEncodeError:
            pass
        plain = _PLAIN.get(ch)
        if plain is None:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            plain = base if len(base) == 1 and base != ch else "?"
        out.append(plain.encode(encoding, errors="replace"))
    return b"".join(out)


def write_bytes(data: bytes, encoding: str = "utf-8") -> None:
    """Write encoded bytes to stdout, every one of them, or raise why not (OutputError;
    OutputClosed for a reader gone). A write that takes only part of them (a file-size
    limit, a full disk, a pipe set not to wait) is carried on with the rest, so the
    error comes with the next write: a short answer never exits 0."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # no descriptor (a notebook, a test)
        fd = -1
    try:
        if fd >= 0:
            sys.stdout.flush()
            write_all(fd, data, "standard output")
            return
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data.decode(encoding))
        else:
            sys.stdout.flush()
            buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:  # a closed stream
        raise OutputError("standard output", exc) from None


def write_all(fd: int, data: bytes, name: str) -> None:
    """Write every byte to a descriptor, waiting while one that does not block is full,
    or raise OutputError saying why not (`name` says what it is; BrokenPipeError passes)."""
    import errno

    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except InterruptedError:
            continue
        except BlockingIOError:  # O_NONBLOCK, and the reader has not caught up
            import select

            select.select([], [fd], [])
            continue
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(name, exc) from None
        if n == 0:
            raise OutputError(name, OSError(errno.EIO, "nothing could be written"))
        view = view[n:]


#: A value in a message (quoted, or one word such as a path) is cut to its start when
#: longer than this many characters.
MAX_SHOWN = 200
_LONG = pattern(
    f"'([^'\\n]{{{MAX_SHOWN + 1},}})'|\"([^\"\\n]{{{MAX_SHOWN + 1},}})\"|(\\S{{{MAX_SHOWN + 1},}})"
)


def _cut(match: re.Match[str]) -> str:
    value = next(v for v in match.groups() if v is not None)
    quote, after = (match.group()[0], "") if match.group(3) is None else ("", "")
    if not quote:  # a word's own punctuation stays after it (`PATH: why`)
        bare = value.rstrip(":,;.")
        value, after = bare, value[len(bare) :]
    return f"{quote}{value[:80]}…{quote} ({len(value):,} characters){after}"


def shorten_quoted(text: str) -> str:
    """A message with every value longer than MAX_SHOWN characters (quoted, or a word such
    as a path) cut to its first 80 and its length (`'aaaa…' (100,000 characters)`): a
    100 KB argument is not echoed back whole."""
    if len(text) <= MAX_SHOWN:
        return text
    return _LONG.sub(_cut, text)


def note(message: str) -> None:
    """A message for people, on stderr, with control and invisible characters shown escaped
    (a zero-width space typed into an argument is seen: `\\u200b`) and long quoted values
    cut (shorten_quoted)."""
    from .escaping import escape_hidden

    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    text = escape_hidden(shorten_quoted(message)).replace("\n", "\\n")
    try:
        sys.stderr.write(closest(text, encoding).decode(encoding) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr full or gone: the exit code still tells
        pass


def silence_stdout() -> None:
    """After the reader has gone, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
