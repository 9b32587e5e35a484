"""The whole dataset as Popolo JSON (organizations, memberships, persons, posts, events, areas).

What the page does not state stays marked: an object with such values has an `inferred`
list (Popolo allows properties of one's own), each entry naming the Popolo field that holds
the value (a dotted name for a part of it: `location.country`) and the reason, as the data
file gives it. Objects without inferred values have no `inferred` key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..data import dates, shapes

if TYPE_CHECKING:
    from ..data.load import Dataset

Obj = dict[str, Any]


def _url(source: Obj) -> str:
    """A source's address as Popolo's links want one (a site alone gets http://)."""
    if source.get("url"):
        return str(source["url"])
    return f"http://{source['site']}/" if source.get("site") else ""


def _links(ds: Dataset, citations: Any, what: str = "") -> list[Obj]:
    """Citations as Popolo sources: the source's address and a note saying which source,
    where in it, and what it states (`what`: the part of the record, e.g. 'end')."""
    out = []
    for cite in citations:
        source = ds.sources[cite["source"]]
        note = f"{source['id']}: {source['title']}, {cite['at']}"
        if cite.get("fields"):
            note += f"; states {', '.join(cite['fields'])}"
        if cite.get("date"):
            note += f"; dated {cite['date']}"
        if cite.get("note"):
            note += f"; {cite['note']}"
        if what:
            note = f"{what}: {note}"
        out.append({"url": _url(source), "note": note})
    return out


def popolo_date(value: str | None) -> str | None:
    """A date as Popolo's pattern takes it (ISO 8601 at year, month or day precision);
    None for an interval or an uncertain date, which the `_edtf` field keeps."""
    return value if value is not None and dates.is_plain(value) else None


def _dates(start: str | None, end: str | None) -> Obj:
    """Popolo's start and end dates, with the EDTF text where it is more than a plain date."""
    out: Obj = {"start_date": popolo_date(start), "end_date": popolo_date(end)}
    if start is not None and out["start_date"] is None:
        out["start_date_edtf"] = start
    if end is not None and out["end_date"] is None:
        out["end_date_edtf"] = end
    return out


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
    "label": "label",
    "office": "note",
    "restriction": "note",
    "note": "note",
}


def _marked(obj: Obj, *inferences: Sequence[Mapping[str, Any]]) -> Obj:
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


class _Lazy(list):  # type: ignore[type-arg]
    """A list that json's encoder walks item by item without the items being built first.

    Its len is 1 when it has items and 0 when not (`nonempty`): json's encoder asks only
    whether a list is empty, and counting a big file's organisations would read them."""

    def __init__(self, nonempty: Callable[[], bool], items: Callable[[], Iterator[Obj]]) -> None:
        super().__init__()
        self._nonempty = nonempty
        self._items = items

    def __iter__(self) -> Iterator[Obj]:
        return self._items()

    def __len__(self) -> int:
        return int(self._nonempty())


def popolo_chunks(ds: Dataset) -> Iterator[str]:
    """The Popolo document as JSON text, piece by piece (indented as json.dumps would)."""
    import json

    from ..escaping import escape_json

    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)  # RFC 8259
    pieces = encoder.iterencode(_document(ds))
    # Bidi controls and line separators as \u escapes: the same value, safe on a terminal.
    # Each escape is of one character, so a block of pieces is escaped at once (at 100,000
    # partners 6 million calls fewer; tests/test_export.py holds it to piece by piece).
    while block := list(islice(pieces, ESCAPED_TOGETHER)):
        yield escape_json("".join(block))
    yield "\n"


#: How many of the JSON encoder's pieces popolo_chunks escapes and yields at once.
ESCAPED_TOGETHER = 4096


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
        for raw, _ in ds.iter_orgs():  # from a big file's index, one at a time
            org = shapes.dump(raw, shapes.ORGANIZATION)
            aid = (
                area(org["country_code"], org["country"], "country")
                if org["country"]
                else area(None, org["region"], "region")
            )
            obj = {
                "id": org["id"],
                "name": org["name"],
                "classification": org["type"],
                "other_names": [_other_name(ds, o) for o in org["other_names"]],
                "identifiers": [
                    {"scheme": i["scheme"], "identifier": i["identifier"]}
                    for i in org["identifiers"]
                ],
                "parent_id": org["part_of"],
                "area_id": aid,
                "description": org["description"],
                "contact_details": _contact_details(ds) if org["id"] == party_id else [],
                "sources": _links(ds, _org_citations(ds, raw)),
            }
            yield _marked(obj, shapes.inferred_about(raw, obj, ORG_FIELDS))

    def events() -> Iterator[Obj]:
        return (_popolo_event(ds, ev, area) for ev in ds.raw_events.values())

    memberships: list[Obj] = []
    posts: list[Obj] = []
    # Read from the validated JSON, not the models: an export needs no pydantic.
    from ..query import membership_periods

    for ms in ds.raw.get("memberships", ()):
        periods = ms["periods"]
        for n, (raw, p) in enumerate(zip(periods, membership_periods(ds, ms), strict=True), 1):
            obj = {
                "id": f"{ms['id']}-{n}-{p['status']}",
                "label": f"{p['status']} member",
                "role": f"{p['status']} member",
                "member": {"@type": "Organization", "id": ms["member_id"]},
                "organization_id": ms["organization_id"],
                **_dates(p["start_date"], p["end_date"]),
                "end_status": p["end_status"],
                "end_reason": p["end_reason"],
                "as_of": p["as_of"],
                "sources": _links(ds, p["sources"])
                + _links(ds, p["end_sources"] if raw.get("end") else (), "end"),
            }
            # A period ends at its own end, or where the next begins: with that one's mark.
            ends = [i for i in p["inferred"] if i["field"].startswith("end_")]
            memberships.append(_marked(obj, shapes.inferred_about(raw, obj), ends))
    persons = []
    for person in ds.raw_people.values():
        obj = {
            "id": person["id"],
            "name": person["name"],
            "family_name": person["family_name"],
            "other_names": [_other_name(ds, o) for o in person.get("other_names", ())],
            "sources": _links(ds, _person_citations(person)),
        }
        persons.append(_marked(obj, shapes.inferred_about(person, obj)))
        for n, post in enumerate(person.get("posts", ()), start=1):
            role, org_id = post["role"], post["organization_id"]
            post_id = f"{org_id}-{'-'.join(role.lower().split())}"
            if post_id not in {p["id"] for p in posts}:
                posts.append(
                    {"id": post_id, "label": role, "role": role, "organization_id": org_id}
                )
            as_of = post.get("as_of")
            end = post.get("end") or {}
            obj = {
                "id": f"{person['id']}-post-{n}",
                "label": f"{role} (as of {as_of})" if as_of else role,
                "role": role,
                "person_id": person["id"],
                "organization_id": org_id,
                "post_id": post_id,
                **_dates(post.get("start_date"), end.get("date")),
                "as_of": as_of,
                "sources": _links(ds, post.get("sources") or person.get("sources") or ())
                + _links(ds, end.get("sources", ()), "end"),
            }
            memberships.append(_marked(obj, shapes.inferred_about(post, obj, POST_FIELDS)))
    return {
        # Organisations (nearly all of a big file) are made one at a time as they are
        # written; events and areas after them, since places register areas as they go.
        "organizations": _Lazy(lambda: True, organizations),  # the party at least
        "memberships": memberships,
        "persons": persons,
        "posts": posts,
        "events": _Lazy(lambda: bool(ds.raw_events), events),
        "areas": _Lazy(lambda: bool(areas), lambda: iter(list(areas.values()))),
        # The file's sources, whole: each object's `sources` above names one by id.
        "sources": ds.raw["sources"],
        "as_of": ds.as_of,
    }


def _other_name(ds: Dataset, name: Obj) -> Obj:
    """Another name as Popolo's other_name: its name and note, where it comes from."""
    out = {k: v for k, v in shapes.dump(name, shapes.OTHER_NAME).items() if k != "sources"}
    links = _links(ds, name.get("sources", ()))
    if links:
        out["sources"] = links
    return {k: v for k, v in out.items() if v is not None}


def _org_citations(ds: Dataset, org: Obj) -> list[Obj]:
    """An organisation's citations, the list item that names it first."""
    from ..query import listing_citation

    listing = org.get("listing")
    first = [listing_citation(listing, ds.list_sources)] if listing else []
    return [*first, *org.get("sources", ())]


def _person_citations(person: Obj) -> list[Obj]:
    cited = list(person.get("sources", ()))
    for post in person.get("posts", ()) if not cited else ():
        cited += [c for c in post.get("sources", ()) if c not in cited]
    return cited


def _contact_details(ds: Dataset) -> list[Obj]:
    """The page's contact block as Popolo contact details of the party."""
    details = []
    for raw in ds.raw.get("contacts", ()):
        c = shapes.dump(raw, shapes.CONTACT)
        label, office, restriction = c["label"], c["office"], c["restriction"]
        note = "; ".join(
            x
            for x in (
                (office["gloss"] or office["text"]) if office else None,
                f"restriction: {restriction['gloss'] or restriction['text']}"
                if restriction
                else None,
                c["note"],
            )
            if x
        )
        obj = {
            "type": "url" if c["type"] == "website" else "voice" if c["type"] != "fax" else "fax",
            "label": label["gloss"] or label["text"],
            "value": c["value"],
            "note": note or None,
            "label_printed": label["text"],
            "label_language": label["language"],
            "sources": _links(ds, c["sources"]),
        }
        # A label's, office's or restriction's text and gloss both become one Popolo field.
        whole = {"inferred": [{**i, "field": i["field"].split(".")[0]} for i in c["inferred"]]}
        details.append(_marked(obj, shapes.inferred_about(whole, obj, CONTACT_FIELDS)))
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
        **_dates(ev["date"], ev.get("end_date")),
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
        "sources": _links(ds, ev.get("sources", ())),
    }
    return _marked(obj, shapes.inferred_about(ev, obj, EVENT_FIELDS))
