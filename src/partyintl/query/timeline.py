"""`timeline`: status changes and ends, events and appointments, in date order."""

from __future__ import annotations

from ..data import dates, shapes
from ..data.shapes import inferred_about
from ..structs import cast
from .events import place_text, runs_on
from .fields import TIMELINE_FIELDS
from .filters import TimelineFilter
from .names import find_org
from .orgs import org_scope
from .people import post_record
from .periods import holds_as_of, membership_periods, overlaps

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import PostRecord, TimelineRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def _is_appointment(ds: Dataset, post: Raw) -> bool:
    # Appointments are dated posts or seats in an international's commissions; a post the
    # source only mentions in passing (a title "as of" a meeting) is not an appointment.
    org = ds.org(post["organization_id"])
    return post.get("start_date") is not None or (org is not None and org["type"] == "commission")


def timeline(ds: Dataset, flt: TimelineFilter) -> list[TimelineRecord]:
    """Status changes and ends, events and appointments: dated ones in order, then the
    undated. Each entry names its sources; a period's entry runs to its end."""
    scope = org_scope(ds, find_org(ds, flt.org)["id"]) if flt.org else None
    entries: list[Record] = []
    order = 0
    for ms in ds.raw.get("memberships", ()):
        if (
            scope is not None
            and ms["organization_id"] not in scope
            and ms["member_id"] not in scope
        ):
            continue
        org_name = ds.name_of(ms["organization_id"])
        # A membership of another party (an international's file lists its members'):
        # its entries say whose it is.
        whose = "" if ms["member_id"] == ds.raw["party"]["id"] else ds.name_of(ms["member_id"])
        raw_periods = ms["periods"]
        for raw, period in zip(raw_periods, membership_periods(ds, ms), strict=True):
            meeting = ds.raw_events.get(period["decided_at"] or "")
            entries.append(
                {
                    "date": period["start_date"],
                    "end_date": period["end_date"],
                    "as_of": period["as_of"],
                    "kind": STATUS_CHANGE,
                    "title": f"{whose}: {period['status']} status in {org_name}"
                    if whose
                    else f"{period['status'].capitalize()} status in {org_name}",
                    "organization_id": ms["organization_id"],
                    "status": period["status"],
                    "place": place_text(meeting),
                    "people": [],
                    "countries": [],
                    "event_id": period["decided_at"],
                    "description": f"Granted at the {ds.name_of(period['decided_at'])}."
                    if period["decided_at"]
                    else f"{period['status'].capitalize()} status in {org_name}.",
                    "sources": period["sources"],
                    "inferred": inferred_about(
                        raw, {"date": None, "place": None}, {"start_date": "date"}
                    )
                    + [i for i in period["inferred"] if i["field"] == "end_date"]
                    # The place is the meeting's: what is inferred of it stays marked.
                    + inferred_about(
                        meeting, {"place": None}, whose=ds.name_of(period["decided_at"] or "")
                    ),
                    "order": order,
                }
            )
            order += 1
            end = raw.get("end")
            if end is None or end.get("status") is None:
                continue
            meeting = ds.raw_events.get(end.get("decided_at") or "")
            entries.append(
                {
                    "date": end.get("date"),
                    "end_date": None,
                    "as_of": None,
                    "kind": STATUS_END,
                    "title": f"{whose + ': m' if whose else 'M'}embership of {org_name}: "
                    f"{end['status']}",
                    "organization_id": ms["organization_id"],
                    "status": end["status"],
                    "place": place_text(meeting),
                    "people": [],
                    "countries": [],
                    "event_id": end.get("decided_at"),
                    "description": end["reason"] + (f" {end['note']}" if end.get("note") else ""),
                    "sources": shapes.citations(end),
                    "inferred": inferred_about(end, {"date": None, "place": None}),
                    "order": order,
                    # An end no earlier than its period's start, though a vague date
                    # ("../2016", "201X") could mean a day before it.
                    "not_before": period["start_date"],
                }
            )
            order += 1
    for ev in ds.raw_events.values():
        participants = ev.get("participants", ())
        involved = {ev.get("organization_id"), *(p["id"] for p in participants)}
        if scope is not None and not involved & scope:
            continue
        # An event whose dates run on (2020/.., an end date 2017/) holds as far as its
        # sources say, as a period with no end does.
        entries.append(
            {
                "date": ev["date"],
                "end_date": ev.get("end_date"),
                "as_of": holds_as_of(ds, ev) if runs_on(ev) else None,
                "kind": ev["type"],
                "title": ev["name"],
                "organization_id": ev.get("organization_id"),
                "status": None,
                "place": place_text(ev),
                "people": [ds.name_of(p["id"]) for p in participants if p["id"] in ds.raw_people],
                "countries": [c["country"] for c in ev.get("countries", ())],
                "event_id": ev["id"],
                "description": ev["description"],
                "sources": shapes.citations(ev),
                "inferred": inferred_about(ev, dict.fromkeys(TIMELINE_FIELDS), _EVENT_ENTRY),
                "order": order,
            }
        )
        order += 1
    for person in ds.raw_people.values():
        for post in person.get("posts", ()):
            if not _is_appointment(ds, post):
                continue
            if scope is not None and post["organization_id"] not in scope:
                continue
            flat = post_record(ds, post, person)
            entries.append(
                {
                    "date": post.get("start_date"),
                    "end_date": flat["end_date"],
                    "as_of": None
                    if flat["end_date"] or post.get("end") is not None
                    else holds_as_of(ds, {**post, "sources": flat["sources"]}),
                    "kind": "appointment",
                    "title": f"{person['name']}: {post['role']}, "
                    f"{ds.name_of(post['organization_id'])}",
                    "organization_id": post["organization_id"],
                    "status": None,
                    "place": None,
                    "people": [person["name"]],
                    "countries": [],
                    "event_id": None,
                    "description": post.get("note") or _held(person["name"], post, flat),
                    "sources": flat["sources"],
                    "inferred": [
                        *inferred_about(person, {"title": None}, {"name": "title"}),
                        *inferred_about(post, dict.fromkeys(TIMELINE_FIELDS), _POST_ENTRY),
                    ],
                    "order": order,
                }
            )
            order += 1
    if flt.since is not None or flt.until is not None:
        entries = [
            e
            for e in entries
            if e["date"] is not None
            and overlaps(  # as far as its sources say: an end that runs on, to its as_of
                e["date"], e["as_of"] or e["end_date"], flt.since, flt.until, e.get("not_before")
            )
        ]
    entries.sort(key=lambda e: (_placed(e["date"], e.get("not_before")), e["order"]))
    return [cast("TimelineRecord", {f: e[f] for f in TIMELINE_FIELDS}) for e in entries]


def _placed(date: str | None, not_before: str | None) -> tuple[bool, str, str]:
    """Where an entry stands in time (dates.sort_key), no earlier than `not_before` (an
    end's period start: "../2016" after a 2015 start comes after it)."""
    key = dates.sort_key(date)
    floor = dates.sort_key(not_before)[1] if not_before else ""
    return (key[0], max(key[1], floor), key[2]) if not key[0] else key


#: The timeline kind of a change of status in an international (a period).
STATUS_CHANGE = "status_change"


#: The timeline kind of the end of a membership (ended, expelled, left, ...).
STATUS_END = "status_end"


#: A timeline entry's names for an event's fields and for a post's.
_EVENT_ENTRY = {"type": "kind", "name": "title", "participants": "people"}


_POST_ENTRY = {"start_date": "date", "role": "title", "note": "description"}


def _held(name: str, post: Raw, flat: PostRecord) -> str:
    """What the timeline says of a post: held, or held until its end and why it ended (an
    ended post read "holds this post")."""
    if post.get("end") is None:
        return f"{name} holds this post."
    until = f" until {flat['end_date']}" if flat["end_date"] else ""
    why = f": {flat['end_reason']}" if flat["end_reason"] else ""
    return f"{name} held this post{until}{why}."
