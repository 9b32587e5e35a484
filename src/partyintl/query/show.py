"""`show`: everything known about one organisation, person or event."""

from __future__ import annotations

from ..data.shapes import inferred_about
from .events import dated_first, event_brief, event_record
from .names import EVENT, PERSON, find_record
from .orgs import as_raw, org_scope
from .partners import partner_record
from .people import people, post_record
from .periods import membership_periods

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from ..data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


def show_record(ds: Dataset, query: str) -> Record:
    """Everything known about one organisation, person or event, with what it is."""
    kind, raw = find_record(ds, query)
    record: Mapping[str, Any]
    if kind == PERSON:
        record = next(r for r in people(ds) if r["id"] == raw["id"])
    elif kind == EVENT:
        record = event_record(ds, raw)
    else:
        record = show_org(ds, raw)
    return {"record_type": kind, **record}


def show_org(ds: Dataset, org: Any) -> Record:
    """Everything known about one organisation, as one record."""
    raw = as_raw(org)
    org_id = raw["id"]
    record: Record = dict(partner_record(raw, ds.list_headings, ds.list_sources))
    scope = org_scope(ds, org_id)
    part_of = raw.get("part_of")
    record["part_of_name"] = ds.name_of(part_of) if part_of else None
    record["parts"] = [
        {"id": i, "name": o["name"]} for i, o in ds.raw_orgs.items() if o.get("part_of") == org_id
    ]
    events = []
    for ev in dated_first(ds):
        roles = []
        for p in ev.get("participants", ()):
            if p["id"] == org_id:
                roles.append(p["role"])
            elif p["id"] in scope:  # through one of its parts (the PES through its group)
                roles.append(f"{p['role']} (as {ds.name_of(p['id'])})")
        as_participant = bool(roles)
        if ev.get("organization_id") in scope:
            roles.insert(0, "organiser")
        if roles:
            events.append(event_brief(ev, ", ".join(dict.fromkeys(roles)), as_participant))
    record["events"] = events
    record["memberships"] = [
        {
            "member": ds.name_of(m["member_id"]),
            "organization": ds.name_of(m["organization_id"]),
            **band,
            "decided_at": ds.name_of(band["decided_at"]) if band["decided_at"] else None,
        }
        for m in ds.raw.get("memberships", ())
        if org_id in (m["member_id"], m["organization_id"])
        for band in membership_periods(ds, m)
    ]
    record["people"] = [
        _holder(ds, person, post)
        for person in ds.raw_people.values()
        for post in person.get("posts", ())
        if post["organization_id"] in scope
    ]
    return record


def _holder(ds: Dataset, person: Raw, post: Raw) -> Record:
    """A post of an organisation with the person who holds it (a name no source gives in
    full stays marked)."""
    item: Record = {"id": person["id"], "name": person["name"], **post_record(ds, post, person)}
    item["inferred"] = [*inferred_about(person, {"name": None}), *item["inferred"]]
    return item
