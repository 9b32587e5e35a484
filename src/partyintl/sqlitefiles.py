"""SQLite files as partyintl opens them: existing ones by a URI whose path is quoted (so
`?`, `#` and `%` in a file name are its own), new ones written without a journal.

Used by the big-file index (data/index.py), the SQLite export (export/sqlite.py) and the
collection store (collection/store.py).
"""

from __future__ import annotations

import sqlite3


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
