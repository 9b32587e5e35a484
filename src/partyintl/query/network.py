"""`graph`'s rows: the party's ties to partners, memberships, bodies and posts."""

from __future__ import annotations

from ..data import shapes
from ..data.shapes import inferred_about
from .partners import listing_citation
from .people import post_record
from .periods import holds_as_of, membership_periods, membership_summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from ..data.load import Dataset
    from .records import Citation, NetworkRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def network(ds: Dataset) -> list[NetworkRecord]:
    """The party's ties as rows: to its partners (with their listing), between members
    and internationals (each status in one line), bodies and the organisations they are
    part of, and people's posts. Each row says which sources state it and, for a tie with
    no end, the date it is known to hold as of (its sources'; a post's own), never as if it
    held for ever. render/network.py arranges the same network for drawing."""
    party = ds.raw["party"]
    rows: list[NetworkRecord] = []
    for o in ds.raw_partners:
        cited = [listing_citation(o["listing"], ds.list_sources)]
        rows.append(
            {
                "source": party["name"],
                "relation": "partner",
                "target": o["name"],
                "detail": f"{o['listing']['list']} list, item {o['listing']['position']}",
                "as_of": holds_as_of(ds, {"sources": cited}),
                "sources": cited,
                "inferred": [],
            }
        )
    for m in ds.raw.get("memberships", ()):
        periods = membership_periods(ds, m)
        rows.append(
            {
                "source": ds.name_of(m["member_id"]),
                "relation": "member",
                "target": ds.name_of(m["organization_id"]),
                "detail": membership_summary(ds, m),
                "as_of": periods[-1]["as_of"],
                "sources": _each_once(
                    c for p in periods for c in (*p["sources"], *p["end_sources"])
                ),
                # The summary shows each status's start and the end: their marks stay.
                "inferred": [
                    {"field": "detail", "reason": i["reason"]}
                    for p in periods
                    for i in p["inferred"]
                    if i["field"] in ("start_date", "end_date")
                ],
            }
        )
    rows += [
        {
            "source": o["name"],
            "relation": "part of",
            "target": ds.name_of(o["part_of"]),
            "detail": None,
            "as_of": holds_as_of(ds, o),
            "sources": shapes.citations(o),
            "inferred": [],
        }
        for o in ds.raw.get("organizations", ())
        if o.get("part_of")
    ]
    for person in ds.raw_people.values():
        for post in person.get("posts", ()):
            held = post_record(ds, post, person)
            until, as_of = post_when(post, held)
            rows.append(
                {
                    "source": person["name"],
                    "relation": "post",
                    "target": held["organization"],
                    "detail": post["role"] + (f" (until {until})" if until else ""),
                    "as_of": as_of,
                    "sources": held["sources"],
                    "inferred": inferred_about(post, {"detail": None}, {"role": "detail"}),
                }
            )
    return rows


def post_when(post: Raw, held: Any) -> tuple[str | None, str | None]:
    """(until when a post was held, or "ended" when its end has no date; the date it is
    held as of when it has no end): a post is never shown as held for ever. `held` is its
    people.post_record. As the timeline says, an ended post has no as-of date."""
    until = held["end_date"] or ("ended" if post.get("end") else None)
    return until, None if until else held["as_of"]


def _each_once(citations: Iterable[Citation]) -> list[Citation]:
    """Citations in order, a repeated one left out."""
    out: list[Citation] = []
    for cite in citations:
        if cite not in out:
            out.append(cite)
    return out
