"""The dataset as normalised tables, for SQLite and for a Frictionless Data Package.

One description of the tables (columns and their types, primary and foreign keys) serves
both exports, so that they cannot drift apart. Rows come from the validated JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..data import dump
from ..slotted import Struct

if TYPE_CHECKING:
    from ..data.load import Dataset

Row = dict[str, Any]


class Column(Struct):
    """A column: its name, type (string, integer, number, boolean) and meaning."""

    __slots__ = ("name", "type", "description", "required")

    def __init__(self, name: str, type: str, description: str, required: bool = False) -> None:
        self.name = name
        self.type = type
        self.description = description
        self.required = required


class Table(Struct):
    """A table: columns, primary key, foreign keys (column -> (table, column)), rows."""

    __slots__ = ("name", "description", "columns", "primary_key", "foreign_keys", "rows")

    def __init__(
        self,
        name: str,
        description: str,
        columns: list[Column],
        primary_key: list[str],
        foreign_keys: dict[str, tuple[str, str]],
        rows: list[Row],
    ) -> None:
        self.name = name
        self.description = description
        self.columns = columns
        self.primary_key = primary_key
        self.foreign_keys = foreign_keys
        self.rows = rows


def _c(name: str, kind: str, description: str, required: bool = False) -> Column:
    return Column(name, kind, description, required)


def tables(ds: Dataset) -> list[Table]:
    """Every table, in an order where each one's references come before it."""
    raw = ds.raw
    party_id = raw["party"]["id"]
    orgs = [dump.dump(o, dump.ORGANIZATION) for o in ds.raw_orgs.values()]
    areas = _areas(ds)
    org_rows = [
        {
            "id": o["id"],
            "name": o["name"],
            "type": o["type"],
            "kind": o["kind"],
            "country": o["country"],
            "country_code": o["country_code"],
            "region": o["region"],
            "part_of": o["part_of"],
            "description": o["description"],
            "left_right": o["left_right"],
            "ideology": "; ".join(o["ideology"]) or None,
            "is_party": o["id"] == party_id,
        }
        for o in orgs
    ]
    people = list(ds.raw_people.values())
    events = list(ds.raw_events.values())
    headings = {
        entry["list"]: entry["heading"]
        for entry in raw["source"].get("lists", ())
        if entry.get("heading")
    }
    return [
        Table(
            "areas",
            "Countries (by ISO 3166-1 alpha-2 code) and regions that records refer to.",
            [
                _c("id", "string", "country:xx for a country, region:... for a region", True),
                _c("name", "string", "English short name", True),
                _c("code", "string", "ISO 3166-1 alpha-2 code of a country"),
                _c("kind", "string", "country or region", True),
            ],
            ["id"],
            {},
            areas,
        ),
        Table(
            "organizations",
            "The party, its partners and the other bodies the page names.",
            [
                _c("id", "string", "stable slug", True),
                _c("name", "string", "the name as the page gives it", True),
                _c("type", "string", "party, international, npo or another kind of body", True),
                _c("kind", "string", "a finer classification"),
                _c("country", "string", "English short name of the country"),
                _c("country_code", "string", "ISO 3166-1 alpha-2 code"),
                _c("region", "string", "region of a transnational body"),
                _c("part_of", "string", "the body it belongs to"),
                _c("description", "string", "what it is, in the dataset's words"),
                _c("left_right", "number", "left-right score (Wikipedia tags via Party Facts)"),
                _c("ideology", "string", "position and ideology tags, separated by '; '"),
                _c("is_party", "boolean", "whether it is the party the data is about", True),
                _c("area_id", "string", "its country or region in areas"),
            ],
            ["id"],
            {"part_of": ("organizations", "id"), "area_id": ("areas", "id")},
            [{**r, "area_id": _area_of(r)} for r in org_rows],
        ),
        Table(
            "partners",
            "The page's two lists of partners: each item's organisation and place.",
            [
                _c("organization_id", "string", "the partner", True),
                _c("list", "string", "partners or npo: the page's list", True),
                _c("position", "integer", "the item's number in that list", True),
                _c("printed", "string", "the item exactly as printed", True),
                _c("list_heading", "string", "the list's heading as printed, if it has one"),
            ],
            ["organization_id"],
            {"organization_id": ("organizations", "id")},
            [
                {
                    "organization_id": o["id"],
                    "list": o["listing"]["list"],
                    "position": o["listing"]["position"],
                    "printed": o["listing"]["printed"],
                    "list_heading": headings.get(o["listing"]["list"]),
                }
                for o in ds.raw_partners
            ],
        ),
        Table(
            "identifiers",
            "Ids of organisations in other datasets, from Party Facts, with provenance.",
            [
                _c("organization_id", "string", "the organisation", True),
                _c("scheme", "string", "partyfacts, wikidata, manifesto, vparty or parlgov", True),
                _c("identifier", "string", "the id in that scheme", True),
                _c("source_table", "string", "the Party Facts table read", True),
                _c("source_commit", "string", "the commit of Party Facts read", True),
                _c("evidence", "string", "why it is the same party"),
            ],
            ["scheme", "identifier"],
            {"organization_id": ("organizations", "id")},
            [
                {
                    "organization_id": o["id"],
                    "scheme": i["scheme"],
                    "identifier": i["identifier"],
                    "source_table": i["table"],
                    "source_commit": i["commit"],
                    "evidence": i["evidence"],
                }
                for o in orgs
                for i in o["identifiers"]
            ],
        ),
        Table(
            "other_names",
            "Other names of organisations: the page's forms, abbreviations and usual names.",
            [
                _c("organization_id", "string", "the organisation", True),
                _c("name", "string", "the other name", True),
                _c("note", "string", "where the name is used"),
                _c("source", "string", "where a name from outside the page comes from"),
                _c("usage", "string", "usual, short or own (language)"),
            ],
            [],
            {"organization_id": ("organizations", "id")},
            [
                {"organization_id": o["id"], **dump.dump(n, dump.OTHER_NAME)}
                for o in orgs
                for n in o["other_names"]
            ],
        ),
        Table(
            "people",
            "Everybody the page names.",
            [
                _c("id", "string", "stable slug", True),
                _c("name", "string", "the fullest form the page gives", True),
                _c("family_name", "string", "family name", True),
            ],
            ["id"],
            {},
            [{"id": p["id"], "name": p["name"], "family_name": p["family_name"]} for p in people],
        ),
        Table(
            "posts",
            "Positions people hold, as the page gives them.",
            [
                _c("person_id", "string", "the person", True),
                _c("role", "string", "the position, in the page's terms", True),
                _c("organization_id", "string", "the body", True),
                _c("start_date", "string", "held since (ISO 8601 at the page's precision)"),
                _c("as_of", "string", "a date at which the page says it was held"),
                _c("note", "string", "remarks"),
                _c("paragraph", "integer", "the page's paragraph", True),
            ],
            [],
            {"person_id": ("people", "id"), "organization_id": ("organizations", "id")},
            [
                {
                    "person_id": p["id"],
                    "role": post["role"],
                    "organization_id": post["organization_id"],
                    "start_date": post.get("start_date"),
                    "as_of": post.get("as_of"),
                    "note": post.get("note"),
                    "paragraph": post["paragraph"],
                }
                for p in people
                for post in p.get("posts", ())
            ],
        ),
        Table(
            "events",
            "Events and relationships the page describes.",
            [
                _c("id", "string", "stable slug", True),
                _c("name", "string", "a short title", True),
                _c("type", "string", "congress, agreement, forum, ...", True),
                _c("date", "string", "when (ISO 8601 at the page's precision); empty if undated"),
                _c("end_date", "string", "when a span ended"),
                _c("city", "string", "where"),
                _c("area_id", "string", "the country where it happened"),
                _c("organization_id", "string", "the body whose meeting or network it is"),
                _c("description", "string", "what happened, in the dataset's words", True),
                _c("paragraph", "integer", "the page's paragraph", True),
            ],
            ["id"],
            {"organization_id": ("organizations", "id"), "area_id": ("areas", "id")},
            [_event_row(e) for e in events],
        ),
        Table(
            "event_participants",
            "Who took part in an event, and as what.",
            [
                _c("event_id", "string", "the event", True),
                _c("organization_id", "string", "a participating organisation"),
                _c("person_id", "string", "a participating person"),
                _c("role", "string", "the part played", True),
            ],
            [],
            {
                "event_id": ("events", "id"),
                "organization_id": ("organizations", "id"),
                "person_id": ("people", "id"),
            },
            [
                {
                    "event_id": e["id"],
                    "organization_id": p["id"] if p["id"] in ds.raw_orgs else None,
                    "person_id": p["id"] if p["id"] in ds.raw_people else None,
                    "role": p["role"],
                }
                for e in events
                for p in e.get("participants", ())
            ],
        ),
        Table(
            "event_countries",
            "Countries the page names as represented at an event.",
            [
                _c("event_id", "string", "the event", True),
                _c("area_id", "string", "the country", True),
            ],
            ["event_id", "area_id"],
            {"event_id": ("events", "id"), "area_id": ("areas", "id")},
            [
                {"event_id": e["id"], "area_id": f"country:{c['country_code'].lower()}"}
                for e in events
                for c in e.get("countries", ())
            ],
        ),
        Table(
            "memberships",
            "The party's memberships of internationals.",
            [
                _c("id", "string", "stable slug", True),
                _c("member_id", "string", "the member", True),
                _c("organization_id", "string", "the international", True),
            ],
            ["id"],
            {"member_id": ("organizations", "id"), "organization_id": ("organizations", "id")},
            [
                {
                    "id": m["id"],
                    "member_id": m["member_id"],
                    "organization_id": m["organization_id"],
                }
                for m in raw.get("memberships", ())
            ],
        ),
        Table(
            "status_periods",
            "Each membership's stages, each lasting until the next begins.",
            [
                _c("membership_id", "string", "the membership", True),
                _c("status", "string", "observer, consultative or full", True),
                _c("start_date", "string", "when it was granted", True),
                _c("end_date", "string", "when the next stage began"),
                _c("decided_at", "string", "the meeting that granted it", True),
                _c("paragraph", "integer", "the page's paragraph", True),
            ],
            ["membership_id", "status"],
            {"membership_id": ("memberships", "id"), "decided_at": ("events", "id")},
            list(_periods(ds)),
        ),
        Table(
            "contacts",
            "The page's contact block: phones (E.164, ;ext= for an extension), fax and website.",
            [
                _c("id", "string", "stable slug", True),
                _c("type", "string", "phone, fax, mobile or website", True),
                _c(
                    "value",
                    "string",
                    "E.164 for numbers, ;ext=N for an extension; the site for a website",
                    True,
                ),
                _c("printed", "string", "as printed", True),
                _c("label_ru", "string", "the Russian label as printed", True),
                _c("label_en", "string", "the label in English", True),
                _c("office_ru", "string", "the office, as printed"),
                _c("office_en", "string", "the office in English"),
                _c("restriction_ru", "string", "who may use it, as printed"),
                _c("restriction_en", "string", "the restriction in English"),
                _c("note", "string", "how the line is read"),
            ],
            ["id"],
            {},
            [
                {k: v for k, v in dump.dump(c, dump.CONTACT).items() if k != "inferred"}
                for c in raw.get("contacts", ())
            ],
        ),
        Table(
            "inferred",
            "Values the page does not state, with why they are certain or how they are read.",
            [
                _c("table_name", "string", "the table of the record", True),
                _c("record_id", "string", "the record's id", True),
                _c("field", "string", "the field inferred", True),
                _c("reason", "string", "why", True),
            ],
            [],
            {},
            list(_inferences(ds)),
        ),
    ]


def _areas(ds: Dataset) -> list[Row]:
    found: dict[str, Row] = {}

    def add(code: str | None, name: str | None, kind: str) -> None:
        if not name:
            return
        ident = f"country:{code.lower()}" if code else f"{kind}:{'-'.join(name.lower().split())}"
        found.setdefault(ident, {"id": ident, "name": name, "code": code, "kind": kind})

    for o in ds.raw_orgs.values():
        add(o.get("country_code"), o.get("country"), "country")
        add(None, o.get("region"), "region")
    for e in ds.raw_events.values():
        place = e.get("place") or {}
        add(place.get("country_code"), place.get("country"), "country")
        for c in e.get("countries", ()):
            add(c["country_code"], c["country"], "country")
    return list(found.values())


def _area_of(org: Row) -> str | None:
    if org["country_code"]:
        return f"country:{org['country_code'].lower()}"
    if org["country"]:
        return f"country:{'-'.join(org['country'].lower().split())}"
    if org["region"]:
        return f"region:{'-'.join(org['region'].lower().split())}"
    return None


def _event_row(e: Row) -> Row:
    place = e.get("place") or {}
    code = place.get("country_code")
    return {
        "id": e["id"],
        "name": e["name"],
        "type": e["type"],
        "date": e["date"],
        "end_date": e.get("end_date"),
        "city": place.get("city"),
        "area_id": f"country:{code.lower()}" if code else None,
        "organization_id": e.get("organization_id"),
        "description": e["description"],
        "paragraph": e["paragraph"],
    }


def _periods(ds: Dataset) -> Iterator[Row]:
    for m in ds.raw.get("memberships", ()):
        periods = m["periods"]
        for i, p in enumerate(periods):
            yield {
                "membership_id": m["id"],
                "status": p["status"],
                "start_date": p["start_date"],
                "end_date": periods[i + 1]["start_date"] if i + 1 < len(periods) else None,
                "decided_at": p["decided_at"],
                "paragraph": p["paragraph"],
            }


def _inferences(ds: Dataset) -> Iterator[Row]:
    def rows(table: str, record_id: str, raw: Row) -> Iterator[Row]:
        for i in dump.inferred(raw):
            yield {"table_name": table, "record_id": record_id, **i}

    for o in ds.raw_orgs.values():
        yield from rows("organizations", o["id"], o)
    for e in ds.raw_events.values():
        yield from rows("events", e["id"], e)
    for m in ds.raw.get("memberships", ()):
        for p in m["periods"]:
            yield from rows("status_periods", f"{m['id']}/{p['status']}", p)
    for person in ds.raw_people.values():
        for n, post in enumerate(person.get("posts", ()), start=1):
            yield from rows("posts", f"{person['id']}/{n}", post)
    for c in ds.raw.get("contacts", ()):
        yield from rows("contacts", c["id"], c)
