"""The dataset as normalised tables, for SQLite and for a Frictionless Data Package.

One description of the tables (columns and their types, primary and foreign keys) serves
both exports, so that they cannot drift apart. Rows come from the validated JSON, in one
stream that reads each organisation once (an indexed file's from its database, one at a
time), so that an export holds no more than one organisation's rows at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..data import shapes
from ..structs import Struct

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
    """A table: columns, primary key, foreign keys (column -> (table, column)) and rows
    (empty in layout(); `tables` fills them, `stream` gives them one at a time)."""

    __slots__ = ("name", "description", "columns", "primary_key", "foreign_keys", "rows")

    def __init__(
        self,
        name: str,
        description: str,
        columns: list[Column],
        primary_key: list[str],
        foreign_keys: dict[str, tuple[str, str]],
        rows: list[Row] | None = None,
    ) -> None:
        self.name = name
        self.description = description
        self.columns = columns
        self.primary_key = primary_key
        self.foreign_keys = foreign_keys
        self.rows: list[Row] = rows or []


def _c(name: str, kind: str, description: str, required: bool = False) -> Column:
    return Column(name, kind, description, required)


def layout() -> list[Table]:
    """Every table, without rows, in an order where each one's references come before it."""
    return [
        Table(
            "sources",
            "The sources the data cites, each declared once: what it is and as of when.",
            [
                _c("id", "string", "stable slug, cited by facts", True),
                _c("title", "string", "the title as printed", True),
                _c("url", "string", "where it is published"),
                _c("site", "string", "the website it belongs to"),
                _c("publisher", "string", "who publishes it", True),
                _c("language", "string", "its language (BCP 47)", True),
                _c("published", "string", "when published (EDTF; an interval when uncertain)"),
                _c("as_of", "string", "the date its facts hold as of (EDTF)"),
                _c("retrieved", "string", "when the copy read was taken"),
                _c("terms", "string", "its terms of reuse"),
                _c("licence", "string", "its licence (SPDX)"),
                _c("commit", "string", "for a repository, the commit read"),
                _c("citation", "string", "how its authors ask to be cited"),
                _c("note", "string", "what a reader should know"),
            ],
            ["id"],
            {},
        ),
        Table(
            "source_parts",
            "Parts of sources that facts cite by id: a repository's tables.",
            [
                _c("source_id", "string", "the source", True),
                _c("id", "string", "the part's id", True),
                _c("path", "string", "where the part is in the source", True),
                _c("note", "string", "what it holds, or how it was read"),
            ],
            ["source_id", "id"],
            {"source_id": ("sources", "id")},
        ),
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
        ),
        Table(
            "partners",
            "The sources' lists of partners: each item's organisation and place.",
            [
                _c("organization_id", "string", "the partner", True),
                _c("list", "string", "the id of the list (as its source declares it)", True),
                _c("position", "integer", "the item's number in that list", True),
                _c("printed", "string", "the item exactly as printed", True),
                _c("list_heading", "string", "the list's heading as printed, if it has one"),
                _c("source_id", "string", "the source that prints the list", True),
            ],
            ["organization_id"],
            {"organization_id": ("organizations", "id"), "source_id": ("sources", "id")},
        ),
        Table(
            "identifiers",
            "Ids of organisations in other datasets, each with the source (and table) it is "
            "read from.",
            [
                _c("organization_id", "string", "the organisation", True),
                _c("scheme", "string", "partyfacts, wikidata, manifesto, vparty or parlgov", True),
                _c("identifier", "string", "the id in that scheme", True),
                _c("source_id", "string", "the source it is read from", True),
                _c("at", "string", "the part of that source (a table's id)", True),
                _c("source_table", "string", "the path of that table, if it is a declared part"),
                _c("source_commit", "string", "the commit of the source read, if it has one"),
                _c("evidence", "string", "why it is the same party (null: a linked id)"),
            ],
            ["scheme", "identifier"],
            {"organization_id": ("organizations", "id"), "source_id": ("sources", "id")},
        ),
        Table(
            "other_names",
            "Other names of organisations: the page's forms, abbreviations and usual names.",
            [
                _c("organization_id", "string", "the organisation", True),
                _c("name", "string", "the other name", True),
                _c("note", "string", "where the name is used"),
                _c("usage", "string", "usual, short or own (language)"),
                _c("sources", "string", "the sources that give the name, by id ('; ')"),
            ],
            [],
            {"organization_id": ("organizations", "id")},
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
        ),
        Table(
            "posts",
            "Positions people hold, as the sources give them: periods.",
            [
                _c("id", "string", "person id / number of the post", True),
                _c("person_id", "string", "the person", True),
                _c("role", "string", "the position, in the source's terms", True),
                _c("organization_id", "string", "the body", True),
                _c("start_date", "string", "held since (EDTF at the source's precision)"),
                _c("as_of", "string", "a date at which a source says it was held"),
                _c("end_date", "string", "when it ended, if a source says so"),
                _c("end_reason", "string", "why it ended"),
                _c("note", "string", "remarks"),
            ],
            ["id"],
            {"person_id": ("people", "id"), "organization_id": ("organizations", "id")},
        ),
        Table(
            "events",
            "Events and relationships the page describes.",
            [
                _c("id", "string", "stable slug", True),
                _c("name", "string", "a short title", True),
                _c("type", "string", "congress, agreement, forum, ...", True),
                _c("date", "string", "when (EDTF at the source's precision); empty if undated"),
                _c("end_date", "string", "when a span ended"),
                _c("city", "string", "where"),
                _c("area_id", "string", "the country where it happened"),
                _c("organization_id", "string", "the body whose meeting or network it is"),
                _c("description", "string", "what happened, in the dataset's words", True),
            ],
            ["id"],
            {"organization_id": ("organizations", "id"), "area_id": ("areas", "id")},
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
        ),
        Table(
            "status_periods",
            "Each membership's standings: each lasts to its end, or until the next begins; "
            "one with no end holds as of the date given.",
            [
                _c("id", "string", "membership id / number of the period", True),
                _c("membership_id", "string", "the membership", True),
                _c("status", "string", "observer, consultative, full, associate, ...", True),
                _c("start_date", "string", "when it was granted (EDTF)"),
                _c("end_date", "string", "when it ended, or the next began (EDTF)"),
                _c("end_status", "string", "what the membership became: ended, expelled, left"),
                _c("end_reason", "string", "why it ended"),
                _c("as_of", "string", "with no end: the date it is known to hold as of"),
                _c("decided_at", "string", "the meeting that granted it"),
            ],
            ["id"],
            {"membership_id": ("memberships", "id"), "decided_at": ("events", "id")},
        ),
        Table(
            "contacts",
            "The contact block: phones (E.164, ;ext= for an extension), fax and website, "
            "labels as printed.",
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
                _c("label", "string", "the label as printed", True),
                _c("label_language", "string", "the label's language (BCP 47)", True),
                _c("label_en", "string", "the label in English"),
                _c("office", "string", "the office, as printed"),
                _c("office_language", "string", "its language"),
                _c("office_en", "string", "the office in English"),
                _c("restriction", "string", "who may use it, as printed"),
                _c("restriction_language", "string", "its language"),
                _c("restriction_en", "string", "the restriction in English"),
                _c("note", "string", "how the line is read"),
            ],
            ["id"],
            {},
        ),
        Table(
            "citations",
            "Which source states which record, and where in it (list items are in partners).",
            [
                _c("table_name", "string", "the table of the record", True),
                _c("record_id", "string", "the record's id", True),
                _c("source_id", "string", "the source", True),
                _c("at", "string", "where in the source", True),
                _c("fields", "string", "the fields it states, if not all ('; ')"),
                _c("date", "string", "the date it gives, where it differs (EDTF)"),
                _c("note", "string", "what a reader should know of it here"),
            ],
            [],
            {"source_id": ("sources", "id")},
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
        ),
    ]


def tables(ds: Dataset) -> list[Table]:
    """Every table with its rows as lists (`stream` gives them without holding them)."""
    found = layout()
    grouped: list[list[Row]] = [[] for _ in found]
    for at, row in stream(ds):
        grouped[at].append(row)
    for table, table_rows in zip(found, grouped, strict=True):
        table.rows = table_rows
    return found


# Each table's place in layout(), for the stream.
_SOURCES = 0
_SOURCE_PARTS = 1
_AREAS = 2
_ORGANIZATIONS = 3
_PARTNERS = 4
_IDENTIFIERS = 5
_OTHER_NAMES = 6
_PEOPLE = 7
_POSTS = 8
_EVENTS = 9
_EVENT_PARTICIPANTS = 10
_EVENT_COUNTRIES = 11
_MEMBERSHIPS = 12
_STATUS_PERIODS = 13
_CONTACTS = 14
_CITATIONS = 15
_INFERRED = 16


def stream(ds: Dataset) -> Iterator[tuple[int, Row]]:
    """Every row of every table as (the table's place in layout(), row), reading each
    organisation once: each table's rows in their order, and a row after every row of
    another table that it refers to. Nothing is held but the ids of the organisations.
    """
    raw = ds.raw
    party_id = raw["party"]["id"]
    source_columns = [column.name for column in layout()[_SOURCES].columns]
    for s in ds.sources.values():
        yield _SOURCES, {k: s.get(k) for k in source_columns}
    for s in ds.sources.values():
        for p in s.get("parts", ()):
            yield (
                _SOURCE_PARTS,
                {"source_id": s["id"], "id": p["id"], "path": p["path"], "note": p.get("note")},
            )
    parts = {
        (s["id"], part["id"]): part["path"]
        for s in ds.sources.values()
        for part in s.get("parts", ())
    }
    headings = ds.list_headings
    areas: set[str] = set()
    org_ids: set[str] = set()
    for o, listed in ds.iter_orgs():
        org_ids.add(o["id"])
        for code, name, kind in (
            (o.get("country_code"), o.get("country"), "country"),
            (None, o.get("region"), "region"),
        ):
            if (area := _area(code, name, kind, areas)) is not None:
                yield _AREAS, area
        row = {
            "id": o["id"],
            "name": o["name"],
            "type": o["type"],
            "kind": o.get("kind"),
            "country": o.get("country"),
            "country_code": o.get("country_code"),
            "region": o.get("region"),
            "part_of": o.get("part_of"),
            "description": o.get("description"),
            "left_right": o.get("left_right"),
            "ideology": "; ".join(o.get("ideology", ())) or None,
            "is_party": o["id"] == party_id,
        }
        row["area_id"] = _area_of(row)
        yield _ORGANIZATIONS, row
        if listed:
            listing = o["listing"]
            yield (
                _PARTNERS,
                {
                    "organization_id": o["id"],
                    "list": listing["list"],
                    "position": listing["position"],
                    "printed": listing["printed"],
                    "list_heading": headings.get(listing["list"]),
                    "source_id": ds.list_sources[listing["list"]],
                },
            )
        for i in o.get("identifiers", ()):
            yield (
                _IDENTIFIERS,
                {
                    "organization_id": o["id"],
                    "scheme": i["scheme"],
                    "identifier": i["identifier"],
                    "source_id": i["source"],
                    "at": i["at"],
                    "source_table": parts.get((i["source"], i["at"])),
                    "source_commit": ds.sources[i["source"]].get("commit"),
                    "evidence": i.get("evidence"),
                },
            )
        for n in o.get("other_names", ()):
            yield (
                _OTHER_NAMES,
                {
                    "organization_id": o["id"],
                    "name": n["name"],
                    "note": n.get("note"),
                    "usage": n.get("usage"),
                    "sources": "; ".join(c["source"] for c in n.get("sources", ())) or None,
                },
            )
        if (
            o.get("sources")
            or o.get("positions_source")
            or any(n.get("sources") for n in o.get("other_names", ()))
        ):
            for cite in _org_citations(o):
                yield _CITATIONS, cite
        if "inferred" in o:
            for entry in _inference_rows("organizations", o["id"], o):
                yield _INFERRED, entry
    for e in ds.raw_events.values():
        place = e.get("place") or {}
        if area := _area(place.get("country_code"), place.get("country"), "country", areas):
            yield _AREAS, area
        for c in e.get("countries", ()):
            if (area := _area(c["country_code"], c["country"], "country", areas)) is not None:
                yield _AREAS, area
    people = list(ds.raw_people.values())
    events = list(ds.raw_events.values())
    for p in people:
        yield _PEOPLE, {"id": p["id"], "name": p["name"], "family_name": p["family_name"]}
    for p in people:
        for n, post in enumerate(p.get("posts", ()), start=1):
            yield (
                _POSTS,
                {
                    "id": f"{p['id']}/{n}",
                    "person_id": p["id"],
                    "role": post["role"],
                    "organization_id": post["organization_id"],
                    "start_date": post.get("start_date"),
                    "as_of": post.get("as_of"),
                    "end_date": (post.get("end") or {}).get("date"),
                    "end_reason": (post.get("end") or {}).get("reason"),
                    "note": post.get("note"),
                },
            )
    for e in events:
        yield _EVENTS, _event_row(e)
    for e in events:
        for p in e.get("participants", ()):
            yield (
                _EVENT_PARTICIPANTS,
                {
                    "event_id": e["id"],
                    "organization_id": p["id"] if p["id"] in org_ids else None,
                    "person_id": p["id"] if p["id"] in ds.raw_people else None,
                    "role": p["role"],
                },
            )
    for e in events:
        for c in e.get("countries", ()):
            yield (
                _EVENT_COUNTRIES,
                {"event_id": e["id"], "area_id": f"country:{c['country_code'].lower()}"},
            )
    for m in raw.get("memberships", ()):
        yield (
            _MEMBERSHIPS,
            {"id": m["id"], "member_id": m["member_id"], "organization_id": m["organization_id"]},
        )
    for period in _periods(ds):
        yield _STATUS_PERIODS, period
    for c in raw.get("contacts", ()):
        yield _CONTACTS, _contact_row(c)
    for cite in _citations(ds):
        yield _CITATIONS, cite
    for entry in _inferences(ds):
        yield _INFERRED, entry


def _contact_row(contact: Row) -> Row:
    c = shapes.dump(contact, shapes.CONTACT)
    row: Row = {k: c[k] for k in ("id", "type", "value", "printed")}
    for key in ("label", "office", "restriction"):
        text = c[key]
        row[key] = text["text"] if text else None
        row[f"{key}_language"] = text["language"] if text else None
        row[f"{key}_en"] = (
            (text["gloss"] or (text["text"] if text["language"].startswith("en") else None))
            if text
            else None
        )
    row["note"] = c["note"]
    return row


def _citation_rows(table: str, record_id: str, raw: Row) -> Iterator[Row]:
    for cite in shapes.citations(raw):
        yield {
            "table_name": table,
            "record_id": record_id,
            "source_id": cite["source"],
            "at": cite["at"],
            "fields": "; ".join(cite["fields"]) or None,
            "date": cite["date"],
            "note": cite["note"],
        }


def _org_citations(o: Row) -> Iterator[Row]:
    """An organisation's citations, its other names' and its positions'."""
    yield from _citation_rows("organizations", o["id"], o)
    for n, name in enumerate(o.get("other_names", ()), start=1):
        yield from _citation_rows("other_names", f"{o['id']}/{n}", name)
    if o.get("positions_source"):
        yield from _citation_rows(
            "organizations", f"{o['id']}/positions", {"sources": [o["positions_source"]]}
        )


def _citations(ds: Dataset) -> Iterator[Row]:
    """Every citation of a record other than an organisation, named by the record's table
    and id (the organisations' come from _org_citations)."""
    rows = _citation_rows
    for person in ds.raw_people.values():
        yield from rows("people", person["id"], person)
        for n, post in enumerate(person.get("posts", ()), start=1):
            yield from rows("posts", f"{person['id']}/{n}", post)
            if post.get("end"):
                yield from rows("posts", f"{person['id']}/{n}/end", post["end"])
    for e in ds.raw_events.values():
        yield from rows("events", e["id"], e)
    for m in ds.raw.get("memberships", ()):
        for n, p in enumerate(m["periods"], start=1):
            yield from rows("status_periods", f"{m['id']}/{n}", p)
            if p.get("end"):
                yield from rows("status_periods", f"{m['id']}/{n}/end", p["end"])
    for c in ds.raw.get("contacts", ()):
        yield from rows("contacts", c["id"], c)


def _area(code: str | None, name: str | None, kind: str, seen: set[str]) -> Row | None:
    """The areas row of a country or region the first time it is named (else None)."""
    if not name:
        return None
    ident = f"country:{code.lower()}" if code else f"{kind}:{'-'.join(name.lower().split())}"
    if ident in seen:
        return None
    seen.add(ident)
    return {"id": ident, "name": name, "code": code, "kind": kind}


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
    }


def _periods(ds: Dataset) -> Iterator[Row]:
    from ..query import membership_periods

    for m in ds.raw.get("memberships", ()):
        for n, p in enumerate(membership_periods(ds, m), start=1):
            yield {
                "id": f"{m['id']}/{n}",
                "membership_id": m["id"],
                "status": p["status"],
                "start_date": p["start_date"],
                "end_date": p["end_date"],
                "end_status": p["end_status"],
                "end_reason": p["end_reason"],
                "as_of": p["as_of"],
                "decided_at": p["decided_at"],
            }


def _inference_rows(table: str, record_id: str, raw: Row) -> Iterator[Row]:
    for i in shapes.inferred(raw):
        yield {"table_name": table, "record_id": record_id, **i}


def _inferences(ds: Dataset) -> Iterator[Row]:
    """Every inference of a record other than an organisation (those come with it)."""
    rows = _inference_rows
    for e in ds.raw_events.values():
        yield from rows("events", e["id"], e)
    for m in ds.raw.get("memberships", ()):
        for n, p in enumerate(m["periods"], start=1):
            yield from rows("status_periods", f"{m['id']}/{n}", p)
            if p.get("end"):
                yield from rows("status_periods", f"{m['id']}/{n}/end", p["end"])
    for person in ds.raw_people.values():
        for n, post in enumerate(person.get("posts", ()), start=1):
            yield from rows("posts", f"{person['id']}/{n}", post)
    for c in ds.raw.get("contacts", ()):
        yield from rows("contacts", c["id"], c)
