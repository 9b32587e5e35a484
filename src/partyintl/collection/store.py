"""A collection as one SQLite file with its keys: for datasette, and for answering one
organisation's ties in milliseconds however large the collection.

`partyintl network --format sqlite -o collection.db` writes it; `partyintl --data
collection.db ties NAME` answers from it through its indexes, without reading the data
files again (the other commands read the data files). Tables, with primary and foreign
keys declared:

- `files` (label): each data file, its path, its party's record and as-of date;
- `sources` (file, id): each file's sources, as declared;
- `organizations` (key): one row per organisation (identity.py: `partyfacts:N`,
  `wikidata:Q…`, `fileN:record`), its name, type, country and ids;
- `records` (file, record): every organisation record of every file, with its
  organisation's key;
- `ties` (id): a file's party lists a partner: `lister` and `listed` (keys), the file,
  the partner's record, the source and place, the as-of date; indexed by lister and by
  listed;
- `periods` (id): one status period of a membership in a file: `member`, `organization`
  (keys), status, dates, end, as-of, sources; indexed by member and by organisation;
- `meta`: what made the file (`format` = STORE_FORMAT).

It is built streaming, one data file at a time (memory bounded by the largest file and
the Wikidata ids, not by the collection): rows go in with record ids, keys are settled
in a second pass over the records (identity.Identity), and the keyed tables are filled by
SQL joins.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from .. import query
from ..data.load import SQLITE_HEADER
from ..sqlitefiles import disk_errors, new_database, open_uri
from .identity import Identity, RecordIds, ids_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from . import Entry

__all__ = ["STORE_FORMAT", "find_key", "is_store", "store_ties", "write_store"]

#: The `format` a store's meta table holds: its schema's name and version.
STORE_FORMAT = "partyintl-collection 1"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  label TEXT PRIMARY KEY, position INTEGER NOT NULL, path TEXT NOT NULL,
  party_record TEXT NOT NULL, as_of TEXT NOT NULL
);
CREATE TABLE sources (
  file TEXT NOT NULL REFERENCES files (label), id TEXT NOT NULL, title TEXT NOT NULL,
  url TEXT, publisher TEXT, published TEXT, as_of TEXT, note TEXT,
  PRIMARY KEY (file, id)
);
CREATE TABLE organizations (
  key TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, country TEXT, country_code TEXT,
  partyfacts TEXT, wikidata TEXT, records INTEGER NOT NULL
);
CREATE TABLE records (
  file TEXT NOT NULL REFERENCES files (label), record TEXT NOT NULL,
  organization TEXT REFERENCES organizations (key), name TEXT NOT NULL, type TEXT,
  country TEXT, country_code TEXT, partyfacts TEXT, wikidata TEXT,
  PRIMARY KEY (file, record)
);
CREATE TABLE ties (
  id INTEGER PRIMARY KEY, lister TEXT NOT NULL REFERENCES organizations (key),
  listed TEXT NOT NULL REFERENCES organizations (key), file TEXT NOT NULL,
  partner_record TEXT NOT NULL, source TEXT, at TEXT, as_of TEXT,
  FOREIGN KEY (file, partner_record) REFERENCES records (file, record),
  FOREIGN KEY (file, source) REFERENCES sources (file, id)
);
CREATE TABLE periods (
  id INTEGER PRIMARY KEY, member TEXT NOT NULL REFERENCES organizations (key),
  organization TEXT NOT NULL REFERENCES organizations (key), file TEXT NOT NULL
  REFERENCES files (label), status TEXT NOT NULL, start_date TEXT, end_date TEXT,
  end_status TEXT, as_of TEXT, sources TEXT NOT NULL
);
CREATE TEMP TABLE raw_ties (
  file TEXT, party TEXT, partner TEXT, source TEXT, at TEXT, as_of TEXT
);
CREATE TEMP TABLE raw_periods (
  file TEXT, member TEXT, organization TEXT, status TEXT, start_date TEXT,
  end_date TEXT, end_status TEXT, as_of TEXT, sources TEXT
);
"""

INDEXES = """
CREATE INDEX ties_lister ON ties (lister, listed);
CREATE INDEX ties_listed ON ties (listed, lister);
CREATE INDEX periods_member ON periods (member);
CREATE INDEX periods_organization ON periods (organization);
CREATE INDEX records_organization ON records (organization);
CREATE INDEX records_name ON records (name COLLATE NOCASE);
"""


def _file_rows(
    db: sqlite3.Connection, position: int, label: str, path: str, ds: Any, identity: Identity
) -> None:
    """One file's rows, by record ids (keys come later)."""
    raw = ds.raw
    db.execute(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
        (label, position, path, raw["party"]["id"], ds.as_of),
    )
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                label,
                s["id"],
                s["title"],
                s.get("url"),
                s.get("publisher"),
                s.get("published"),
                s.get("as_of"),
                s.get("note"),
            )
            for s in raw["sources"]
        ],
    )
    rows = []
    for ident, org in ds.raw_orgs.items():
        pf, wikidata = ids_of(org)
        identity.see(RecordIds(position, ident, pf, wikidata))
        rows.append(
            (
                label,
                ident,
                None,
                org["name"],
                org.get("type"),
                org.get("country"),
                org.get("country_code"),
                pf,
                " ".join(wikidata) or None,
            )
        )
    db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    party = raw["party"]["id"]
    lists = ds.list_sources
    ties = []
    for partner in ds.raw_partners:
        listing = partner.get("listing")
        if listing is not None:
            cited = lists.get(listing["list"])
            at = f"list {listing['list']}, item {listing['position']}"
        else:
            first = (partner.get("sources") or [{}])[0]
            cited, at = first.get("source"), first.get("at")
        source = ds.sources.get(cited or "", {})
        ties.append((label, party, partner["id"], cited, at, source.get("as_of") or ds.as_of))
    db.executemany("INSERT INTO raw_ties VALUES (?, ?, ?, ?, ?, ?)", ties)
    periods = []
    for ms in raw.get("memberships", ()):
        for p in query.membership_periods(ds, ms):
            cited = [c["source"] for c in (*p["sources"], *p["end_sources"])]
            periods.append(
                (
                    label,
                    ms["member_id"],
                    ms["organization_id"],
                    p["status"],
                    p["start_date"],
                    p["end_date"],
                    p["end_status"],
                    p["as_of"],
                    json.dumps(list(dict.fromkeys(cited))),
                )
            )
    db.executemany("INSERT INTO raw_periods VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", periods)


def write_store(
    entries: Iterable[Entry], path: str, page_size: int | None = None, datasets: Any = None
) -> None:
    """Write the collection the entries name (or the loaded `datasets`, in order) into a
    new SQLite file at `path`, streaming: each file is loaded, written and let go."""

    with disk_errors():
        _write_store(new_database(path, page_size), entries, datasets)


def _write_store(db: sqlite3.Connection, entries: Iterable[Entry], datasets: Any) -> None:
    """write_store's rows, into `db` (closed after)."""
    from ..data.load import load_dataset

    try:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
        identity = Identity()
        labels: list[str] = []
        for position, entry in enumerate(entries):
            ds = (
                datasets[position]
                if datasets is not None
                else load_dataset(entry.path, origin=entry.origin)
            )
            _file_rows(db, position, entry.label, entry.path, ds, identity)
            labels.append(entry.label)
        _settle_keys(db, identity, labels)
        db.executescript(INDEXES)
        db.commit()
    finally:
        db.close()


def _settle_keys(db: sqlite3.Connection, identity: Identity, labels: list[str]) -> None:
    """Second pass: every record's key, then the keyed tables by joins."""
    position = {label: i for i, label in enumerate(labels)}
    cursor = db.execute("SELECT file, record, partyfacts, wikidata FROM records")
    while batch := cursor.fetchmany(10000):
        keys = [
            (identity.key(RecordIds(position[f], r, pf, tuple((wd or "").split()))), f, r)
            for f, r, pf, wd in batch
        ]
        db.executemany("UPDATE records SET organization = ? WHERE file = ? AND record = ?", keys)
    db.execute(
        """INSERT INTO organizations
           SELECT organization, name, type, country, country_code, partyfacts,
                  substr(wikidata, 1, instr(wikidata || ' ', ' ') - 1), count(*)
           FROM (SELECT r.*, f.position FROM records r JOIN files f ON f.label = r.file
                 ORDER BY f.position, r.rowid)
           GROUP BY organization"""
    )
    db.execute(
        """INSERT INTO ties (lister, listed, file, partner_record, source, at, as_of)
           SELECT a.organization, b.organization, t.file, t.partner, t.source, t.at, t.as_of
           FROM raw_ties t
           JOIN records a ON a.file = t.file AND a.record = t.party
           JOIN records b ON b.file = t.file AND b.record = t.partner
           ORDER BY t.rowid"""
    )
    db.execute(
        """INSERT INTO periods (member, organization, file, status, start_date, end_date,
                                end_status, as_of, sources)
           SELECT a.organization, b.organization, p.file, p.status, p.start_date,
                  p.end_date, p.end_status, p.as_of, p.sources
           FROM raw_periods p
           JOIN records a ON a.file = p.file AND a.record = p.member
           JOIN records b ON b.file = p.file AND b.record = p.organization
           ORDER BY p.rowid"""
    )
    db.execute("DROP TABLE raw_ties")
    db.execute("DROP TABLE raw_periods")


def is_store(path: str) -> bool:
    """Whether a file is a collection store (an SQLite file whose meta says so)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                return False
    except OSError:
        return False
    try:
        db = open_uri(path, "ro")
        try:
            found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return found is not None and found[0] == STORE_FORMAT


def find_key(db: sqlite3.Connection, name: str) -> str:
    """The organisation a key, a Party Facts id (partyfacts:N), a Wikidata id, FILE:ID, a
    record's id or an exact name (any case) finds; a UsageError when none or several do."""
    from ..errors import UsageError

    scheme, colon, value = name.partition(":")
    if colon and scheme.casefold() in ("partyfacts", "wikidata"):  # PARTYFACTS:383 too
        name = f"{scheme.casefold()}:{value.strip()}"
    if db.execute("SELECT 1 FROM organizations WHERE key = ?", (name,)).fetchone():
        return name
    if name[:1] in "Qq" and name[1:].isdigit():
        name = f"wikidata:{name.upper()}"
    scheme, _, value = name.partition(":")
    if scheme == "wikidata" and value:
        found = db.execute(
            "SELECT DISTINCT organization FROM records WHERE ' ' || wikidata || ' ' LIKE ?",
            (f"% {value} %",),
        ).fetchall()
    else:
        found = (
            _by_file_and_id(db, name)
            or db.execute(
                "SELECT DISTINCT organization FROM records WHERE name = ? COLLATE NOCASE "
                "UNION SELECT DISTINCT organization FROM records WHERE record = ?",
                (name, name),
            ).fetchall()
        )
    if len(found) == 1:
        return str(found[0][0])
    if not found:
        example = db.execute("SELECT key FROM organizations ORDER BY key LIMIT 1").fetchone()
        raise UsageError(
            f"No organisation of the store is '{name}': give its key as answers print it"
            + (f" ({example[0]})" if example else "")
            + ", FILE:ID with a file's label and a record's id, a record's id, or its exact "
            "name."
        )
    raise UsageError(
        f"'{name}' is the name of {len(found)} organisations of the store; give a key.",
        [str(f[0]) for f in found[:10]],
        label="Keys",
    )


def _by_file_and_id(db: sqlite3.Connection, name: str) -> list[Any]:
    """The organisation of a record named FILE:ID, FILE a file's label in any case where
    one file has it, or its place (`file1`), as a folder of the same files takes it."""
    from ..query.names import file_label

    at = name.rfind(":")
    if at <= 0 or not name[at + 1 :]:
        return []
    labels = [str(r[0]) for r in db.execute("SELECT label FROM files ORDER BY position")]
    label = file_label(name[:at], labels, {})
    if label is None:
        return []
    return db.execute(
        "SELECT organization FROM records WHERE file = ? AND record = ?", (label, name[at + 1 :])
    ).fetchall()


def store_ties(path: str, name: str) -> list[dict[str, Any]]:
    """An organisation's ties from a store, in the rows `ties` answers (questions.py):
    whom it lists, then who lists it, with reciprocity. Two indexed look-ups."""
    db = open_uri(path, "ro")
    try:
        key = find_key(db, name)
        rows = []
        for direction, mine, theirs in (
            ("lists", "lister", "listed"),
            ("listed by", "listed", "lister"),
        ):
            named = "p.name" if direction == "lists" else "q.name"
            found = db.execute(
                f"""SELECT o.key, o.name, o.country, t.lister, t.listed, t.file, t.source,
                           t.at, t.as_of,
                           EXISTS (SELECT 1 FROM ties r
                                   WHERE r.lister = t.listed AND r.listed = t.lister),
                           {named}
                    FROM ties t JOIN organizations o ON o.key = t.{theirs}
                    JOIN records p ON p.file = t.file AND p.record = t.partner_record
                    JOIN files f ON f.label = t.file
                    JOIN records q ON q.file = t.file AND q.record = f.party_record
                    WHERE t.{mine} = ? AND t.lister != t.listed ORDER BY t.id""",
                (key,),
            ).fetchall()
            names = {
                key: db.execute("SELECT name FROM organizations WHERE key = ?", (key,)).fetchone()[
                    0
                ]
            }
            for (
                other,
                other_name,
                country,
                lister,
                listed,
                file,
                source,
                at,
                as_of,
                back,
                printed,
            ) in found:
                names[other] = other_name
                rows.append(
                    {
                        "direction": direction,
                        "other": other_name,
                        "named": printed,
                        "other_country": country,
                        "reciprocal": bool(back),
                        "lister": names[lister],
                        "listed": names[listed],
                        "dataset": file,
                        "source": source,
                        "at": at,
                        "as_of": as_of,
                        "other_key": other,
                    }
                )
        return rows
    finally:
        db.close()
