"""`graph`'s rows: the party's ties to partners, memberships, bodies and posts."""

from __future__ import annotations

from ..data.shapes import inferred_about
from .periods import membership_periods, membership_summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import NetworkRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def network(ds: Dataset) -> list[NetworkRecord]:
    """The party's ties as rows: to its partners (with their listing), between members
    and internationals (each status in one line), bodies and the organisations they are
    part of, and people's posts. render/network.py arranges the same network for drawing."""
    party = ds.raw["party"]
    rows: list[NetworkRecord] = [
        {
            "source": party["name"],
            "relation": "partner",
            "target": o["name"],
            "detail": f"{o['listing']['list']} list, item {o['listing']['position']}",
            "inferred": [],
        }
        for o in ds.raw_partners
    ]
    rows += [
        {
            "source": ds.name_of(m["member_id"]),
            "relation": "member",
            "target": ds.name_of(m["organization_id"]),
            "detail": membership_summary(ds, m),
            # The summary shows each status's start and the end: their marks stay.
            "inferred": [
                {"field": "detail", "reason": i["reason"]}
                for p in membership_periods(ds, m)
                for i in p["inferred"]
                if i["field"] in ("start_date", "end_date")
            ],
        }
        for m in ds.raw.get("memberships", ())
    ]
    rows += [
        {
            "source": o["name"],
            "relation": "part of",
            "target": ds.name_of(o["part_of"]),
            "detail": None,
            "inferred": [],
        }
        for o in ds.raw.get("organizations", ())
        if o.get("part_of")
    ]
    rows += [
        {
            "source": person["name"],
            "relation": "post",
            "target": ds.name_of(post["organization_id"]),
            "detail": post["role"],
            "inferred": inferred_about(post, {"detail": None}, {"role": "detail"}),
        }
        for person in ds.raw_people.values()
        for post in person.get("posts", ())
    ]
    return rows
