"""SQLite files as partyintl opens them: existing ones by a URI whose path is quoted (so
`?`, `#` and `%` in a file name are its own), new ones written without a journal.

Used by the big-file index (data/index.py), the SQLite export (export/sqlite.py) and the
collection store (collection/store.py).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


def open_uri(path: str, mode: str, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection to the SQLite file at `path`, any characters in it, opened with the URI
    parameters `mode` ("ro", "rw", or "ro&immutable=1" for a file nobody writes); waits
    up to `timeout` seconds for a lock. Raises sqlite3.Error as sqlite3.connect does."""
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(path, safe='/')}?mode={mode}", uri=True, timeout=timeout)


def new_database(path: str, page_size: int | None = None) -> sqlite3.Connection:
    """A connection to a new SQLite file at `path`, with pages of `page_size` bytes when
    given (SQLite's default otherwise), no journal and no waiting for the disk between
    statements: the caller writes a file nobody else sees and renames it into place when
    complete (export/files.py syncs it then)."""
    db = sqlite3.connect(path)
    if page_size is not None:
        db.execute(f"PRAGMA page_size = {int(page_size)}")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


@contextmanager
def disk_errors() -> Iterator[None]:
    """SQLite's failures of the disk while a file is written, as the OSError they are: a
    full disk (ENOSPC) and an I/O error (EIO: a full disk as SQLite meets it at times, or
    a file over the size limit, `ulimit -f`). Whoever writes the file then says "cannot
    write FILE: ..." as for any other file, never an internal error. Other errors pass."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        reason = str(exc)
        if "disk is full" in reason:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        if "disk I/O error" in reason:
            raise OSError(
                errno.EIO, "disk I/O error (is the disk full, or the file over a size limit?)"
            ) from None
        raise
