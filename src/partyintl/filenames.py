"""File names between the text a user types and the bytes the system holds.

Arguments are read as UTF-8 whatever the locale (__main__.utf8_arguments), so that a
search for `Türkiye` finds it in an ASCII locale (LC_ALL=C with PYTHONUTF8=0). There the
file system's encoding is ASCII: a name typed as `café.json` must reach the system as
the bytes it was typed as (os_path), and a name the system gives back is text again
where it is shown or kept in data (as_text).
"""

from __future__ import annotations

import os
from functools import lru_cache

#: The path that names standard input, as in most tools (`cat data.json | partyintl
#: validate -`), and the system's name for it, through which it is read.
STDIN = "-"
STDIN_FILE = "/dev/stdin"


def shown_path(path: str) -> str:
    """A path as messages name it: standard input by those words, any other as given."""
    return "standard input" if path in (STDIN, STDIN_FILE) else path


def os_path(text: str) -> str:
    """A file or folder name as the operating system takes it: where the file system's
    encoding cannot hold the text (`café.json` in an ASCII locale), the escapes Python
    makes of its UTF-8 bytes (`caf\\udcc3\\udca9.json`), which open that file; any other
    name as it is."""
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        return os.fsdecode(text.encode("utf-8", "surrogateescape"))
    return text


def as_text(name: str) -> str:
    """A name the system holds, as text to show or keep in data: its bytes read as UTF-8
    (`caf\\udcc3\\udca9` is `café`; a byte that is not UTF-8 becomes U+FFFD)."""
    return os.fsencode(name).decode("utf-8", "replace")


def file_kind(path: str, mode: int) -> str:
    """What a file is, in words, by its mode (os.stat's st_mode): a file, a folder, a
    terminal (a character device that is a tty: /dev/tty), a device, a named pipe or a
    socket."""
    import stat

    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISCHR(mode):
        return "a terminal" if device_is_terminal(path) else "a device"
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


@lru_cache(maxsize=8)
def device_is_terminal(path: str) -> bool:
    """Whether a path names a terminal device (a character device that is a tty), opened
    without becoming the process's controlling terminal and without waiting; asked once a
    path in a process (an answer asks it as it picks its format and as it writes)."""
    import stat

    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)
