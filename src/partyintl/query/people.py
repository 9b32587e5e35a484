"""`people`: each person with posts, delegations led and other events."""

from __future__ import annotations

from ..data import shapes
from ..data.shapes import inferred_about
from .events import dated_first, event_brief
from .fields import PEOPLE_FIELDS
from .names import PERSON, find_record
from .periods import end_fields, holds_as_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import Citation, EventBrief, PersonRecord, PostRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def post_record(ds: Dataset, post: Raw, person: Raw) -> PostRecord:
    """A post as a flat record: role, body, since, as of, end, sources. A post without an
    end holds as of its own `as_of`, else as of the newest source that states it."""
    ends = end_fields(ds, post.get("end"), None)
    cited = post.get("sources") or person.get("sources") or ()
    as_of = post.get("as_of")
    if not as_of and post.get("end") is None:  # held with no end: as of its sources' date,
        as_of = holds_as_of(ds, {"sources": cited})  # never as if it held for ever
    return {
        "role": post["role"],
        "organization_id": post["organization_id"],
        "organization": ds.name_of(post["organization_id"]),
        "start_date": post.get("start_date"),
        "as_of": as_of,
        "end_date": ends["end_date"],
        "end_reason": ends["end_reason"],
        "note": post.get("note"),
        "sources": shapes.citations({"sources": cited}),
        "inferred": shapes.inferred(post),
    }


def people(ds: Dataset, name: str | None = None) -> list[PersonRecord]:
    """Each person (or the one a name finds) with posts, delegations led and other events."""
    rows: list[PersonRecord] = []
    # Each person's events, read in one pass over the events (not one pass a person).
    taking_part: dict[str, list[tuple[Raw, str]]] = {}
    for ev in dated_first(ds):
        for part in ev.get("participants", ()):
            taking_part.setdefault(part["id"], []).append((ev, part["role"]))
    chosen = [find_record(ds, name, (PERSON,))[1]] if name else ds.raw_people.values()
    for person in chosen:
        posts = [post_record(ds, p, person) for p in person.get("posts", ())]
        led: list[EventBrief] = []
        other: list[EventBrief] = []
        for ev, role in taking_part.get(person["id"], ()):
            target = led if role == "head_of_delegation" else other
            target.append(event_brief(ev, role))
        rows.append(
            {
                "id": person["id"],
                "name": person["name"],
                "family_name": person["family_name"],
                "other_names": [o["name"] for o in person.get("other_names", ())],
                "posts": posts,
                "delegations_led": led,
                "events": other,
                "sources": _person_sources(person),
                # The person's own; each post and event brief carries its own list.
                "inferred": inferred_about(person, dict.fromkeys(PEOPLE_FIELDS)),
            }
        )
    return rows


def _person_sources(person: Raw) -> list[Citation]:
    """A person's citations: their own, else those of their posts (each place once)."""
    cited = list(person.get("sources", ()))
    if not cited:
        for post in person.get("posts", ()):
            cited += [c for c in post.get("sources", ()) if c not in cited]
    return shapes.citations({"sources": cited})
