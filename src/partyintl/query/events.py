"""Events as records: in full (`show`), or in brief inside a person or organisation."""

from __future__ import annotations

from ..data import shapes
from ..data.shapes import inferred_about
from ..structs import cast

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import EventBrief

    Record = dict[str, Any]
    Raw = dict[str, Any]


def place_text(ev: Raw | None) -> str | None:
    place = ev.get("place") if ev else None
    if not place:
        return None
    bits = [b for b in (place.get("city"), place.get("country")) if b]
    return ", ".join(bits) or None


def event_brief(ev: Raw, role: str | None = None, as_participant: bool = True) -> EventBrief:
    """An event in brief, with the role an organisation had in it; `as_participant`: the
    role is read (in part) from the event's participants, so what is inferred of them is
    of the role; an organiser's role alone (the event's organization_id) is not."""
    brief: Record = {"id": ev["id"], "name": ev["name"], "type": ev["type"], "date": ev["date"]}
    if role:
        brief["role"] = role
    brief["place"] = place_text(ev)
    brief["sources"] = shapes.citations(ev)
    brief["inferred"] = inferred_about(
        ev, brief, {"participants": "role"} if as_participant else {}
    )
    return cast("EventBrief", brief)


def dated_first(ds: Dataset) -> list[Raw]:
    return sorted(ds.raw_events.values(), key=lambda e: (e["date"] is None, e["date"] or ""))


def runs_on(ev: Raw) -> bool:
    """Whether an event's dates run on: its date or its end date has an open or unknown end
    (2020/.., 2017/); an undated event does not."""
    from ..data import dates

    last = ev.get("end_date") or ev.get("date")
    return last is not None and dates.end(last) is None


def event_record(ds: Dataset, ev: Raw) -> Record:
    """An event as `show` gives it; one whose dates run on (2020/.., an end date 2017/)
    with the date its sources hold as of (`as_of`), as the timeline gives it."""
    from .periods import holds_as_of

    record: Record = {
        "id": ev["id"],
        "name": ev["name"],
        "type": ev["type"],
        "date": ev["date"],
        "end_date": ev.get("end_date"),
        "as_of": holds_as_of(ds, ev) if runs_on(ev) else None,
        "place": place_text(ev),
        "organization": ds.name_of(ev["organization_id"]) if ev.get("organization_id") else None,
        "participants": [
            {"id": p["id"], "name": ds.name_of(p["id"]), "role": p["role"]}
            for p in ev.get("participants", ())
        ],
        "countries": [c["country"] for c in ev.get("countries", ())],
        "description": ev["description"],
        "sources": shapes.citations(ev),
    }
    record["inferred"] = inferred_about(ev, record)
    return record
