"""The main file's dataset with its party's memberships from every loaded file.

What the one-party commands (timeline, report, show, the exports) read when several files
are loaded: the main file as it is, plus, from each other file, the memberships whose
member is the main party (by id, identity.py), with what they cite:

- their sources, under the id `LABEL-ID` (the file's label and the source's own id), the
  title and everything else as that file declares them, and a note naming the file;
- the international they are of: the main file's record when it is the same organisation
  by id, else that file's record under `LABEL-ID`;
- the meetings that decided them, under `LABEL-ID` too.

Every record here is also found by its own file's `LABEL:ID` (Dataset.aliases), as the
questions across files name records.

The main file's own records are untouched: a period from another file is its own entry,
never merged with the main file's (two sources, two statements).
"""

from __future__ import annotations

import copy
from typing import Any

from . import Collection

__all__ = ["augmented"]


def _slug(label: str, ident: str) -> str:
    from ..draft.build import slug

    return f"{slug(label)}-{ident}"


def augmented(coll: Collection) -> Any:
    """The main file's Dataset with its party's memberships from every other file (the
    main file alone when no other file has one)."""
    from ..data.load import Dataset

    main = coll.main
    party_key = coll.key(0, main.raw["party"]["id"])
    main_ids = {coll.key(0, i): i for i in main.raw_orgs}
    raw: dict[str, Any] | None = None
    # Each file's LABEL:ID of the records that stand for them here.
    aliases = {f"{coll.labels[0]}:{i}": i for i in (*main.raw_orgs, *main.raw_events)}
    for index in range(1, len(coll.datasets)):
        ds = coll.datasets[index]
        label = coll.labels[index]
        for ident in ds.raw_orgs:  # the same organisation by id: the main file's record
            same = main_ids.get(coll.key(index, ident))
            if same is not None:
                aliases[f"{label}:{ident}"] = same
        found = [
            ms
            for ms in ds.raw.get("memberships", ())
            if coll.key(index, ms["member_id"]) == party_key
        ]
        if not found:
            continue
        if raw is None:
            raw = copy.deepcopy(main.raw)
            raw.setdefault("memberships", [])
            raw.setdefault("organizations", [])
            raw.setdefault("events", [])
        used_sources: set[str] = set()
        used_events: set[str] = set()
        for ms in found:
            org_key = coll.key(index, ms["organization_id"])
            org_id = main_ids.get(org_key)
            aliases[f"{label}:{ms['organization_id']}"] = org_id or _slug(
                label, ms["organization_id"]
            )
            if org_id is None:
                org_id = _slug(label, ms["organization_id"])
                if org_id not in {o["id"] for o in raw["organizations"]}:
                    org = copy.deepcopy(ds.raw_orgs[ms["organization_id"]])
                    _recite(org, label, used_sources)
                    org["id"] = org_id
                    for key in ("listing", "part_of"):
                        org.pop(key, None)
                    raw["organizations"].append(org)
            periods = copy.deepcopy(ms["periods"])
            for period in periods:
                _recite(period, label, used_sources)
                for holder in (period, period.get("end") or {}):
                    if holder.get("decided_at"):
                        used_events.add(holder["decided_at"])
                        holder["decided_at"] = _slug(label, holder["decided_at"])
            raw["memberships"].append(
                {
                    "id": _slug(label, ms["id"]),
                    "member_id": main.raw["party"]["id"],
                    "organization_id": org_id,
                    "periods": periods,
                }
            )
        for event_id in sorted(used_events):
            event = copy.deepcopy(ds.raw_events[event_id])
            _recite(event, label, used_sources)
            event["id"] = aliases[f"{label}:{event_id}"] = _slug(label, event_id)
            event["participants"] = []
            if event.get("organization_id"):
                event.pop("organization_id")
            raw["events"].append(event)
        for source in ds.raw["sources"]:
            if source["id"] in used_sources:
                added = copy.deepcopy(source)
                added["id"] = _slug(label, source["id"])
                added["note"] = f"From the data file {label}. " + (source.get("note") or "")
                added.pop("lists", None)
                raw["sources"].append(added)
    out = main if raw is None else Dataset(raw, main.path)
    out.aliases = aliases
    out.file_labels = coll.file_labels
    out.labels = coll.labels
    return out


def _recite(record: Any, label: str, used: set[str]) -> None:
    """Point every citation in a record (nested ones too) at the renamed sources."""
    if isinstance(record, dict):
        if isinstance(record.get("source"), str) and isinstance(record.get("at"), str):
            used.add(record["source"])
            record["source"] = _slug(label, record["source"])
        for value in record.values():
            _recite(value, label, used)
    elif isinstance(record, list):
        for value in record:
            _recite(value, label, used)
