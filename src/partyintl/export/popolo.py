"""The whole dataset as Popolo JSON (organizations, memberships, persons, posts, events, areas).

What the page does not state stays marked: an object with such values has an `inferred`
list (Popolo allows properties of one's own), each entry naming the Popolo field that holds
the value (a dotted name for a part of it: `location.country`) and the reason, as the data
file gives it. Objects without inferred values have no `inferred` key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..data import dump

if TYPE_CHECKING:
    from ..data.load import Dataset

Obj = dict[str, Any]


def _source(ds: Dataset, where: str) -> list[Obj]:
    src = ds.raw["source"]
    return [{"url": f"http://{src['site']}/", "note": f"{src['title']}, {where}"}]


#: Popolo's names for the fields of the data file's records.
ORG_FIELDS = {
    "type": "classification",
    "country": "area_id",
    "country_code": "area_id",
    "region": "area_id",
    "part_of": "parent_id",
}
EVENT_FIELDS = {
    "date": "start_date",
    "place": "location",
    "type": "classification",
    "participants": "attendees",
    "countries": "area_ids",
}
POST_FIELDS = {"as_of": "label", "organization_id": "organization_id"}
CONTACT_FIELDS = {
    "label_en": "label",
    "office_en": "note",
    "restriction_en": "note",
    "note": "note",
}


def _marked(obj: Obj, *inferences: list[Obj]) -> Obj:
    """The object with its `inferred` list, when anything in it is inferred: one entry a
    field (a country and its code are both the area's id: their reasons are joined)."""
    found: dict[str, list[str]] = {}
    for group in inferences:
        for entry in group:
            reasons = found.setdefault(entry["field"], [])
            if entry["reason"] not in reasons:
                reasons.append(entry["reason"])
    if found:
        obj["inferred"] = [{"field": f, "reason": "; ".join(r)} for f, r in found.items()]
    return obj


def _where(org: Obj) -> str:
    listing = org.get("listing")
    if listing is not None:
        return f"{listing['list']} list, item {listing['position']}"
    if org.get("paragraphs"):
        return "paragraphs " + ", ".join(str(p) for p in org["paragraphs"])
    return "whole page"


class _Lazy(list):  # type: ignore[type-arg]
    """A list that json's encoder walks item by item without the items being built first."""

    def __init__(self, count: Callable[[], int], items: Callable[[], Iterator[Obj]]) -> None:
        super().__init__()
        self._size = count
        self._items = items

    def __iter__(self) -> Iterator[Obj]:
        return self._items()

    def __len__(self) -> int:
        return self._size()


def popolo_chunks(ds: Dataset) -> Iterator[str]:
    """The Popolo document as JSON text, piece by piece (indented as json.dumps would)."""
    import json

    from ..escaping import escape_json

    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)  # RFC 8259
    # Bidi controls and line separators as \u escapes: the same value, safe on a terminal.
    yield from (escape_json(piece) for piece in encoder.iterencode(_document(ds)))
    yield "\n"


def to_popolo(ds: Dataset) -> Obj:
    """The dataset as Popolo: organizations, memberships, persons, posts, events, areas."""
    return {key: list(value) for key, value in _document(ds).items()}


def area_id(code: str | None, name: str | None) -> str | None:
    """The Popolo area id of a country (by ISO code), a place without one, or a region."""
    if code:
        return f"country:{code.lower()}"
    if name:
        return "area:" + "-".join(name.lower().split())
    return None


def _document(ds: Dataset) -> Obj:
    """The Popolo document with its long lists made as they are read, in key order."""
    areas: dict[str, Obj] = {}

    def area(code: str | None, name: str | None, kind: str) -> str | None:
        ident = area_id(code, name)
        if ident and ident not in areas:
            areas[ident] = {"id": ident, "name": name, "identifier": code, "classification": kind}
        return ident

    party_id = ds.raw["party"]["id"]

    def organizations() -> Iterator[Obj]:
        for raw in ds.raw_orgs.values():
            org = dump.dump(raw, dump.ORGANIZATION)
            aid = (
                area(org["country_code"], org["country"], "country")
                if org["country"]
                else area(None, org["region"], "region")
            )
            obj = {
                "id": org["id"],
                "name": org["name"],
                "classification": org["type"],
                "other_names": [
                    {k: v for k, v in dump.dump(o, dump.OTHER_NAME).items() if v is not None}
                    for o in org["other_names"]
                ],
                "identifiers": [
                    {"scheme": i["scheme"], "identifier": i["identifier"]}
                    for i in org["identifiers"]
                ],
                "parent_id": org["part_of"],
                "area_id": aid,
                "description": org["description"],
                "contact_details": _contact_details(ds) if org["id"] == party_id else [],
                "sources": _source(ds, _where(org)),
            }
            yield _marked(obj, dump.inferred_about(raw, obj, ORG_FIELDS))

    def events() -> Iterator[Obj]:
        return (_popolo_event(ds, ev, area) for ev in ds.raw_events.values())

    memberships: list[Obj] = []
    posts: list[Obj] = []
    # Read from the validated JSON, not the models: an export needs no pydantic.
    for ms in ds.raw.get("memberships", ()):
        periods = ms["periods"]
        for i, p in enumerate(periods):
            following = periods[i + 1] if i + 1 < len(periods) else None
            obj = {
                "id": f"{ms['id']}-{p['status']}",
                "label": f"{p['status']} member",
                "role": f"{p['status']} member",
                "member": {"@type": "Organization", "id": ms["member_id"]},
                "organization_id": ms["organization_id"],
                "start_date": p["start_date"],
                "end_date": following["start_date"] if following else None,
                "sources": _source(ds, f"paragraph {p['paragraph']}"),
            }
            memberships.append(
                _marked(
                    obj,
                    dump.inferred_about(p, obj),
                    # A period ends where the next begins: the next one's date, and its mark.
                    dump.inferred_about(following, obj, {"start_date": "end_date"}),
                )
            )
    persons = []
    for person in ds.raw_people.values():
        obj = {
            "id": person["id"],
            "name": person["name"],
            "family_name": person["family_name"],
            "other_names": [
                {k: v for k, v in dump.dump(o, dump.OTHER_NAME).items() if v is not None}
                for o in person.get("other_names", ())
            ],
            "sources": _source(ds, "prose"),
        }
        persons.append(_marked(obj, dump.inferred_about(person, obj)))
        for n, post in enumerate(person.get("posts", ()), start=1):
            role, org_id = post["role"], post["organization_id"]
            post_id = f"{org_id}-{'-'.join(role.lower().split())}"
            if post_id not in {p["id"] for p in posts}:
                posts.append(
                    {"id": post_id, "label": role, "role": role, "organization_id": org_id}
                )
            as_of = post.get("as_of")
            obj = {
                "id": f"{person['id']}-post-{n}",
                "label": f"{role} (as of {as_of})" if as_of else role,
                "role": role,
                "person_id": person["id"],
                "organization_id": org_id,
                "post_id": post_id,
                "start_date": post.get("start_date"),
                "sources": _source(ds, f"paragraph {post['paragraph']}"),
            }
            memberships.append(_marked(obj, dump.inferred_about(post, obj, POST_FIELDS)))
    return {
        # Organisations (nearly all of a big file) are made one at a time as they are
        # written; events and areas after them, since places register areas as they go.
        "organizations": _Lazy(lambda: len(ds.raw_orgs), organizations),
        "memberships": memberships,
        "persons": persons,
        "posts": posts,
        "events": _Lazy(lambda: len(ds.raw_events), events),
        "areas": _Lazy(lambda: len(areas), lambda: iter(list(areas.values()))),
        # The page everything comes from, whole: the sources above point at it.
        "source": [ds.raw["source"]],
    }


def _contact_details(ds: Dataset) -> list[Obj]:
    """The page's contact block as Popolo contact details of the party."""
    details = []
    for raw in ds.raw.get("contacts", ()):
        c = dump.dump(raw, dump.CONTACT)
        note = "; ".join(
            x
            for x in (
                c["office_en"],
                f"restriction: {c['restriction_en']}" if c["restriction_en"] else None,
                c["note"],
            )
            if x
        )
        obj = {
            "type": "url" if c["type"] == "website" else "voice" if c["type"] != "fax" else "fax",
            "label": c["label_en"],
            "value": c["value"],
            "note": note or None,
            "sources": _source(ds, "contact block"),
        }
        details.append(_marked(obj, dump.inferred_about(raw, obj, CONTACT_FIELDS)))
    return details


def _popolo_event(ds: Dataset, ev: Obj, area: Any) -> Obj:
    location = None
    place = ev.get("place")
    if place is not None:
        area(place.get("country_code"), place.get("country"), "country")
        location = ", ".join(b for b in (place.get("city"), place.get("country")) if b) or None
    obj = {
        "id": ev["id"],
        "name": ev["name"],
        "description": ev["description"],
        "start_date": ev["date"],
        "end_date": ev.get("end_date"),
        "location": location,
        "classification": ev["type"],
        "organization_id": ev.get("organization_id"),
        "attendees": [
            {"id": p["id"], "name": ds.raw_people[p["id"]]["name"]}
            for p in ev.get("participants", ())
            if p["id"] in ds.raw_people
        ],
        "area_ids": [
            area(c["country_code"], c["country"], "country") for c in ev.get("countries", ())
        ],
        "sources": _source(ds, f"paragraph {ev['paragraph']}"),
    }
    return _marked(obj, dump.inferred_about(ev, obj, EVENT_FIELDS))
