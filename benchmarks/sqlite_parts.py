"""Where the SQLite export's time goes: the rows built, inserted, checked and indexed.

Usage: python benchmarks/sqlite_parts.py [N] [--runs K] [--variant NAME ...]

Generates N partners (generate.py; default 100,000), builds every row of the export once
(export/tables.stream), then times, in this process, what export/sqlite.py does with them:
the inserts (each table's rows by executemany, NULLs bound by the adapter the export
uses), the foreign-key check and the full-text index, in a new file with SQLite's journal
and syncing off (sqlitefiles.new_database). Variants change one thing each, to see
whether it helps: `cache` (a 64 MB page cache), `norowid` (tables with a primary key
WITHOUT ROWID), `detailcol` (FTS5 with detail=column). Prints the least of K runs of each
part, in seconds (load only ever adds).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

VARIANTS = ("plain", "cache", "norowid", "detailcol")


def _rows(n: int) -> list[list[tuple[Any, ...]]]:
    """Every row of the export of N generated partners, by table in layout() order."""
    import json

    from generate import generate

    from partyintl.data.load import load_bytes
    from partyintl.export.tables import layout, stream

    ds = load_bytes(json.dumps(generate(n)).encode("utf-8"), "generated.json", full=True)
    rows: list[list[tuple[Any, ...]]] = [[] for _ in layout()]
    for at, row in stream(ds):
        rows[at].append(tuple(row.values()))
    return rows


def _time(rows: list[list[tuple[Any, ...]]], variant: str, folder: str) -> dict[str, float]:
    """Seconds for the inserts, the foreign-key check and the full-text index, once."""
    from partyintl.export.sqlite import (
        NAMES_FTS,
        NAMES_FTS_FILLED,
        _create,
        _nulls_bound_quickly,
    )
    from partyintl.export.tables import layout
    from partyintl.sqlitefiles import new_database

    path = os.path.join(folder, f"{variant}.sqlite")
    if os.path.exists(path):
        os.remove(path)
    db = new_database(path)
    if variant == "cache":
        db.execute("PRAGMA cache_size = -65536")
    start = time.perf_counter()
    with _nulls_bound_quickly():
        for table, table_rows in zip(layout(), rows, strict=True):
            sql = _create(table)
            if variant == "norowid" and table.primary_key:
                sql += " WITHOUT ROWID"
            db.execute(sql)
            marks = ", ".join("?" for _ in table.columns)
            db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table_rows)
    inserted = time.perf_counter()
    db.execute("PRAGMA foreign_key_check").fetchone()
    checked = time.perf_counter()
    db.execute(NAMES_FTS.format(options=", detail=column" if variant == "detailcol" else ""))
    db.execute(NAMES_FTS_FILLED)
    indexed = time.perf_counter()
    db.commit()
    db.close()
    return {"inserts": inserted - start, "check": checked - inserted, "fts": indexed - checked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000, help="number of partners")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variant", action="append", choices=VARIANTS)
    args = parser.parse_args()
    rows = _rows(args.n)
    print(f"{sum(len(r) for r in rows):,} rows for {args.n:,} partners")
    with tempfile.TemporaryDirectory() as folder:
        for variant in args.variant or VARIANTS:
            runs = [_time(rows, variant, folder) for _ in range(args.runs)]
            best = {part: min(r[part] for r in runs) for part in runs[0]}
            print(f"{variant:10s} " + "  ".join(f"{k} {v:.3f} s" for k, v in best.items()))


if __name__ == "__main__":
    main()
