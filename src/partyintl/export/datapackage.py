"""The dataset as a Frictionless Data Package: one CSV per table and datapackage.json.

The tables, their field types and their primary and foreign keys come from
export/tables.py, as for the SQLite export; the descriptor adds the licences and sources.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from typing import TYPE_CHECKING, Any

from .tables import Table, layout, stream

if TYPE_CHECKING:
    from ..data.load import Dataset


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def descriptor(ds: Dataset, all_tables: list[Table]) -> dict[str, Any]:
    """The datapackage.json descriptor."""
    resources = []
    for table in all_tables:
        schema: dict[str, Any] = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    "description": c.description,
                    **({"constraints": {"required": True}} if c.required else {}),
                }
                for c in table.columns
            ],
        }
        if table.primary_key:
            schema["primaryKey"] = table.primary_key
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": col,
                    "reference": {"resource": ref if ref != table.name else "", "fields": key},
                }
                for col, (ref, key) in table.foreign_keys.items()
            ]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "description": table.description,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "partyintl-" + ds.raw["party"]["id"],
        "title": f"International relations of {ds.raw['party']['name']}",
        "description": "Partners, memberships, people, events and contacts as of "
        f"{ds.as_of}, from {len(ds.sources)} sources, each fact citing its source "
        "(table citations).",
        "licenses": licences(ds),
        "sources": [
            {
                "title": source["title"],
                **({"path": url} if (url := _address(source)) else {}),
            }
            for source in ds.sources.values()
        ],
        "resources": resources,
    }


def _address(source: dict[str, Any]) -> str | None:
    if source.get("url"):
        return str(source["url"])
    return f"http://{source['site']}/" if source.get("site") else None


def licences(ds: Dataset) -> list[dict[str, str]]:
    """The package's licences, from the file's own: its words' licence, and each source's
    licence or terms (every source is cited, so a source not used is not credited)."""
    found: list[dict[str, str]] = []
    own = ds.raw.get("licence")
    if own:
        found.append({"name": own, "title": "The dataset's own words: descriptions and notes"})
    for source in ds.sources.values():
        if source.get("licence"):
            found.append(
                {"name": source["licence"], "title": f"{source['title']} ({source['id']})"}
            )
        else:
            terms = source.get("terms") or "no reuse terms recorded; only facts are taken"
            found.append(
                {"name": "other-at", "title": f"{source['title']} ({source['id']}): {terms}"}
            )
    return found


def write_datapackage(ds: Dataset, folder: str) -> None:
    """Write the package's files into a folder that exists and is empty: each table's CSV
    row by row as tables.stream gives them (no table is held whole)."""
    all_tables = layout()
    with contextlib.ExitStack() as files:
        writers = []
        for table in all_tables:
            handle = files.enter_context(
                open(os.path.join(folder, f"{table.name}.csv"), "w", encoding="utf-8", newline="")
            )
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([c.name for c in table.columns])
            writers.append(writer.writerow)
        for at, row in stream(ds):
            writers[at]([_cell(v) for v in row.values()])  # in column order (tests check)
    with open(os.path.join(folder, "datapackage.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(descriptor(ds, all_tables), ensure_ascii=False, indent=2) + "\n")
