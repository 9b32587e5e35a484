"""The dataset as one SQLite file, for datasette or any SQL client (standard library only).

Tables as export/tables.py describes them, with primary and foreign keys declared, a
full-text index of organisation names (their other names included), and views for the
common questions: the partners with their countries and ids, and the timeline.

A database keeps files beside it while it is open or after a crash: `NAME-wal` and
`NAME-shm` in WAL mode (datasette, notebooks), `NAME-journal` otherwise. SQLite applies
them to whatever file then has the name, so a new file renamed over an old database
would be read through the old journal (stale rows, or "malformed"). Hence (see
export_sqlite):

- An existing SQLite database is written through SQLite itself: the new database is
  built beside it and copied into it with SQLite's backup API, under SQLite's locks and
  journal, as the `.backup` command does. Readers that have it open see the old or the
  new content; its own journal is SQLite's to apply or remove; the file keeps its mode,
  owner and links. A database another program is writing is an error after a few
  seconds' wait, with nothing changed.
- A new name, or a file that is not a database, is made or replaced as files.py does,
  but refused while a `-wal`, `-shm` or `-journal` file lies beside it: no database owns
  it, and it would be applied to the new one. Removing it is left to the user.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING

from ..errors import OutputError, UsageError
from ..sqlitefiles import disk_errors, new_database, open_uri
from . import files
from .tables import Table, layout, stream

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from ..data.load import Dataset

#: The files SQLite keeps beside a database named NAME: NAME + each of these.
SIDE_FILES = ("-wal", "-shm", "-journal")
#: How long a database another program is writing is waited for, in seconds.
BUSY_WAIT = 5.0

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}

VIEWS = {
    "partners_with_ids": """
        SELECT o.name, o.type, o.country, o.country_code, o.region, p.list, p.position,
               o.left_right, o.ideology,
               (SELECT identifier FROM identifiers i
                 WHERE i.organization_id = o.id AND i.scheme = 'partyfacts') AS partyfacts,
               (SELECT identifier FROM identifiers i
                 WHERE i.organization_id = o.id AND i.scheme = 'wikidata') AS wikidata,
               (SELECT group_concat(identifier, '; ') FROM identifiers i
                 WHERE i.organization_id = o.id AND i.scheme = 'manifesto') AS manifesto,
               o.id AS organization_id
        FROM partners p JOIN organizations o ON o.id = p.organization_id
        ORDER BY p.list DESC, p.position""",
    "timeline": """
        SELECT * FROM (
            SELECT s.start_date AS date, s.end_date AS end_date, 'status_change' AS kind,
                   upper(substr(s.status, 1, 1)) || substr(s.status, 2) || ' status in '
                     || o.name AS title, s.decided_at AS event_id
            FROM status_periods s JOIN memberships m ON m.id = s.membership_id
                 JOIN organizations o ON o.id = m.organization_id
            UNION ALL
            SELECT s.end_date, NULL, 'status_end',
                   'Membership of ' || o.name || ': ' || s.end_status, NULL
            FROM status_periods s JOIN memberships m ON m.id = s.membership_id
                 JOIN organizations o ON o.id = m.organization_id
            WHERE s.end_status IS NOT NULL
            UNION ALL
            SELECT date, end_date, type, name, id FROM events
        ) ORDER BY date IS NULL, date""",
}


def _create(table: Table) -> str:
    cols = [
        f'"{c.name}" {SQL_TYPES[c.type]}' + (" NOT NULL" if c.required else "")
        for c in table.columns
    ]
    if table.primary_key:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    cols += [
        f'FOREIGN KEY ("{col}") REFERENCES "{ref}" ("{ref_col}")'
        for col, (ref, ref_col) in table.foreign_keys.items()
    ]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def foreign_key_indexes(tables: list[Table]) -> list[str]:
    """An index on every column that refers to another table, unless it leads the table's
    primary key: joins and look-ups by it (`partners_with_ids` finds an organisation's
    identifiers by `organization_id`) take a look-up, not a scan of the table for every
    row (2 min 16 s for 20,000 partners with ids; 0.13 s with the index)."""
    return [
        f'CREATE INDEX "{table.name}_{column}" ON "{table.name}" ("{column}")'
        for table in tables
        for column in table.foreign_keys
        if not table.primary_key or table.primary_key[0] != column
    ]


#: The full-text index of organisation names (FTS5 `options` after the columns, if any),
#: and what fills it: every organisation's name and other names.
NAMES_FTS = "CREATE VIRTUAL TABLE names_fts USING fts5(organization_id UNINDEXED, name{options})"
NAMES_FTS_FILLED = (
    "INSERT INTO names_fts SELECT id, name FROM organizations "
    "UNION ALL SELECT organization_id, name FROM other_names"
)
#: Rows buffered before they are written (all tables' together, each in its order).
BATCH = 20_000


def write_sqlite(ds: Dataset, path: str, page_size: int | None = None) -> None:
    """Write the whole dataset into a new SQLite file at path (which must not exist), with
    pages of `page_size` bytes when given (SQLite's default otherwise).

    Rows are written as tables.stream gives them, BATCH at a time, each table's rows in
    their order and after those they refer to (the references are checked once all are in).
    The file is new and renamed into place when complete, so SQLite keeps no journal and
    does not wait for the disk between statements (files.py syncs the finished file).
    """
    with disk_errors(), closing(new_database(path, page_size)) as db, _nulls_bound_quickly():
        all_tables = layout()
        inserts = []
        for table in all_tables:
            db.execute(_create(table))
            names = [c.name for c in table.columns]
            marks = ", ".join("?" for _ in names)
            quoted = ", ".join(f'"{n}"' for n in names)
            inserts.append((f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', names))
        pending: list[list[tuple[Any, ...]]] = [[] for _ in all_tables]
        count = 0
        for at, row in stream(ds):
            pending[at].append(tuple(row.values()))  # in column order (tests check)
            count += 1
            if count >= BATCH:
                _flush(db, inserts, pending)
                count = 0
        _flush(db, inserts, pending)
        # The references are checked once, when every row is in: checked row by row as
        # they went in (PRAGMA foreign_keys) they took a third of the writing.
        if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")
        for sql in foreign_key_indexes(all_tables):
            db.execute(sql)
        db.execute(NAMES_FTS.format(options=""))
        db.execute(NAMES_FTS_FILLED)
        for name, sql in VIEWS.items():
            db.execute(f'CREATE VIEW "{name}" AS {sql}')
        db.commit()


@contextmanager
def _nulls_bound_quickly() -> Iterator[None]:
    """Python's sqlite3 binds a None through its adapter look-up (the key built, two
    attributes sought on the protocol and on None): 5 us a value, a third of writing a big
    file's rows. An adapter of None's own, while the rows are written, makes the look-up
    find its answer at once (NULL as before; tests/test_tables.py compares both)."""
    key = (type(None), sqlite3.PrepareProtocol)
    if key in sqlite3.adapters:  # someone else's adapter: theirs is used, as it was
        yield
        return
    sqlite3.register_adapter(type(None), _null)
    try:
        yield
    finally:
        if sqlite3.adapters.get(key) is _null:  # one registered meanwhile is the user's
            del sqlite3.adapters[key]


#: None as None, adapted in C (a builtin looked up in an empty dict), for _nulls_bound_quickly.
_NOTHING: dict[object, None] = {}
_null = _NOTHING.get


def _flush(
    db: sqlite3.Connection,
    inserts: list[tuple[str, list[str]]],
    pending: list[list[tuple[Any, ...]]],
) -> None:
    """Write the buffered rows, table by table in the layout's order (references first)."""
    for (sql, _), rows in zip(inserts, pending, strict=True):
        if rows:
            db.executemany(sql, rows)
            rows.clear()


def is_database(path: str) -> bool:
    """Whether a file starts with SQLite's header (an empty file is not taken for one)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def export_sqlite(
    ds: Dataset | None,
    path: str,
    writer: Callable[[str, int | None], None] | None = None,
) -> Iterator[str]:
    """Write the dataset as a database at `path` (as typed with -o), as the module docstring
    says; yield notes for the user. UsageError for a path that cannot be written as asked,
    OutputError when the writing fails (the target then unchanged). `writer(path,
    page_size)` builds another database the same safe way (a collection's)."""
    if writer is None:
        assert ds is not None
        data = ds

        def writer(new: str, page_size: int | None) -> None:
            write_sqlite(data, new, page_size)

    target = files.file_target(path)
    if target.info is not None and not target.regular:
        raise files.not_a_file(target)
    if target.regular and is_database(target.real):
        _copy_into(writer, target)
        yield f"Wrote {path}"
        return
    left = [target.real + end for end in SIDE_FILES if os.path.lexists(target.real + end)]
    if left:
        names = " and ".join(os.path.basename(n) for n in left)
        belong, them = ("belongs", "it") if len(left) == 1 else ("belong", "them")
        raise UsageError(
            f"cannot write {path}: {names} beside it {belong} to no database, and SQLite "
            f"would apply {them} to the new one; nothing was written. Remove {them}, or "
            "give another name."
        )
    yield from files.build_file(target, lambda tmp: writer(tmp, None))


def _copy_into(writer: Callable[[str, int | None], None], target: files.Target) -> None:
    """Build the database beside the target and copy it in with SQLite's backup API."""
    try:
        old = open_uri(target.real, "rw", BUSY_WAIT)
    except sqlite3.Error as exc:
        raise OutputError(target.shown, OSError(0, str(exc))) from None
    try:
        page_size = old.execute("PRAGMA page_size").fetchone()[0]
        with files.scratch_beside(target) as private:
            fresh = os.path.join(private, "new.db")
            writer(fresh, page_size)
            new = sqlite3.connect(fresh)
            try:
                new.backup(old, progress=_give_up_when_busy)
            finally:
                new.close()
    except OSError as exc:  # the new database's disk (sqlitefiles.disk_errors)
        raise OutputError(target.shown, exc) from None
    except (sqlite3.Error, _Busy) as exc:
        reason = str(exc)
        if isinstance(exc, _Busy) or "locked" in reason or "busy" in reason:
            reason = "another program holds this database locked; close it and try again"
        elif "not a database" in reason or "malformed" in reason:
            reason = (
                f"it begins as a SQLite database but is damaged ({reason}); nothing was "
                "written: remove it, or give another name"
            )
        raise OutputError(target.shown, OSError(0, reason)) from None
    finally:
        old.close()


class _Busy(Exception):
    """The database stayed locked by another connection for BUSY_WAIT seconds."""


def _give_up_when_busy(status: int, remaining: int, total: int) -> None:
    # Each step waits BUSY_WAIT for the lock (the busy timeout); Python would then retry
    # for ever. SQLITE_BUSY is 5, SQLITE_LOCKED 6 (named in sqlite3 only from 3.11).
    if status in (5, 6):
        raise _Busy("busy")
