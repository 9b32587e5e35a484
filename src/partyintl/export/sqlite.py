"""The dataset as one SQLite file, for datasette or any SQL client (standard library only).

Tables as export/tables.py describes them, with primary and foreign keys declared, a
full-text index of organisation names (their other names included), and views for the
common questions: the partners with their countries and ids, and the timeline.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from .tables import Table, tables

if TYPE_CHECKING:
    from ..data.load import Dataset

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


def write_sqlite(ds: Dataset, path: str) -> None:
    """Write the whole dataset into a new SQLite file at path (which must not exist)."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for table in tables(ds):
            db.execute(_create(table))
            names = [c.name for c in table.columns]
            marks = ", ".join("?" for _ in names)
            quoted = ", ".join(f'"{n}"' for n in names)
            db.executemany(
                f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})',
                [[row.get(n) for n in names] for row in table.rows],
            )
        db.execute("CREATE VIRTUAL TABLE names_fts USING fts5(organization_id UNINDEXED, name)")
        db.execute(
            "INSERT INTO names_fts SELECT id, name FROM organizations "
            "UNION ALL SELECT organization_id, name FROM other_names"
        )
        for name, sql in VIEWS.items():
            db.execute(f'CREATE VIEW "{name}" AS {sql}')
        db.commit()
    finally:
        db.close()
