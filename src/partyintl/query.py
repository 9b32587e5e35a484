"""Pure filters and look-ups over a Dataset's JSON; each answer is a list of JSON records."""

from __future__ import annotations

from collections import Counter
from enum import Enum

from .data import countries, dump
from .data.countries import fold
from .data.enums import PARTNER_TYPE_VALUES
from .errors import UsageError
from .slotted import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


class SortKey(str, Enum):
    """Orders for the partner list."""

    SOURCE = "source"
    NAME = "name"
    COUNTRY = "country"
    TYPE = "type"


class PartnerFilter(Struct):
    """What to keep of the partner list: kinds combine with AND, values of a kind with OR."""

    __slots__ = ("countries", "types", "region", "search", "sort", "limit")

    def __init__(
        self,
        countries: tuple[str, ...] = (),
        types: tuple[str, ...] = (),
        region: str | None = None,
        search: str | None = None,
        sort: SortKey = SortKey.SOURCE,
        limit: int | None = None,
    ) -> None:
        self.countries = countries
        self.types = types
        self.region = region
        self.search = search
        self.sort = sort
        self.limit = limit


class TimelineFilter(Struct):
    """Which timeline entries to keep."""

    __slots__ = ("org", "since", "until")

    def __init__(
        self, org: str | None = None, since: int | None = None, until: int | None = None
    ) -> None:
        self.org = org
        self.since = since
        self.until = until


def _raw(org: Any) -> Raw:
    """An organisation as JSON, whether given as a model or as validated JSON."""
    dumped = getattr(org, "model_dump", None)
    return dumped(mode="json") if dumped is not None else dict(org)


def partner_record(org: Any) -> Record:
    """A partner as a flat JSON record: every field, with its listing spread out."""
    data = dump.dump(_raw(org), dump.ORGANIZATION)
    listing = data.pop("listing") or {}
    record: Record = {}
    for key, value in data.items():
        record[key] = value
        if key == "region":
            record["list"] = listing.get("list")
            record["position"] = listing.get("position")
            record["printed"] = listing.get("printed")
    return record


def resolve_countries(values: tuple[str, ...]) -> list[countries.Country]:
    """Turn user spellings into countries, explaining a region given as a country."""
    return [_resolve_country(value) for value in values]


def _resolve_country(value: str) -> countries.Country:
    try:
        return countries.resolve(value)
    except UsageError as exc:
        try:
            region = countries.resolve_region(value)
        except UsageError:
            raise exc from None
        raise UsageError(
            f"'{value}' is a region, not a country: use --region '{region}'."
        ) from None


def _searchable(org: Raw) -> str:
    parts = [
        org["name"],
        org["id"],
        *(o["name"] for o in org.get("other_names", ())),
        *org.get("notes", ()),
    ]
    if org.get("description"):
        parts.append(org["description"])
    if org.get("listing"):
        parts.append(org["listing"]["printed"])
    return fold(" | ".join(parts))


def filter_partners(ds: Dataset, flt: PartnerFilter) -> list[Raw]:
    """The partners (as validated JSON) that pass a filter, sorted and limited."""
    for t in flt.types:
        if t not in PARTNER_TYPE_VALUES:
            raise UsageError(
                f"'{t}' is not a partner type.", countries.suggest(t, list(PARTNER_TYPE_VALUES))
            )
    wanted = resolve_countries(flt.countries)
    codes = {c.code for c in wanted if c.code}
    uncoded = {fold(c.name) for c in wanted if not c.code}
    region = countries.resolve_region(flt.region) if flt.region else None
    region_codes = countries.region_codes(region) if region else frozenset()
    needle = fold(flt.search) if flt.search else None
    types = set(flt.types)
    out = []
    for org in ds.raw_partners:
        if wanted:
            code = org.get("country_code")
            if not (
                code in codes
                or (
                    code is None
                    and org.get("country") is not None
                    and fold(org["country"]) in uncoded
                )
            ):
                continue
        if types and org["type"] not in types:
            continue
        if region and org.get("region") != region and org.get("country_code") not in region_codes:
            continue
        if needle and needle not in _searchable(org):
            continue
        out.append(org)
    out = _sorted(out, flt.sort)
    return out[: flt.limit] if flt.limit is not None else out


def _sorted(orgs: list[Raw], key: SortKey) -> list[Raw]:
    if key is SortKey.NAME:
        return sorted(orgs, key=lambda o: fold(o["name"]))
    if key is SortKey.COUNTRY:
        return sorted(
            orgs, key=lambda o: (fold(o.get("country") or o.get("region") or "~"), fold(o["name"]))
        )
    if key is SortKey.TYPE:
        order = {t: i for i, t in enumerate(PARTNER_TYPE_VALUES)}
        return sorted(orgs, key=lambda o: (order.get(o["type"], 9), fold(o["name"])))
    return orgs


def find_org(ds: Dataset, query: str) -> Raw:
    """One organisation by id, name or a unique part of a name; UsageError otherwise."""
    if query in ds.raw_orgs:
        return ds.raw_orgs[query]
    key = fold(query)
    if not key:
        raise UsageError("Give a partner's id or name.")
    names = {
        i: [fold(o["name"]), *(fold(n["name"]) for n in o.get("other_names", ()))]
        for i, o in ds.raw_orgs.items()
    }
    exact = [i for i, ns in names.items() if key in ns]
    if len(exact) == 1:
        return ds.raw_orgs[exact[0]]
    partial = exact or [i for i, ns in names.items() if any(key in n for n in ns)]
    if len(partial) == 1:
        return ds.raw_orgs[partial[0]]
    if partial:
        listed = [f"{i} ({ds.raw_orgs[i]['name']})" for i in partial]
        raise UsageError(
            f"'{query}' matches {len(partial)} organisations; be more precise.",
            listed,
            label="Candidates",
        )
    pool = {fold(o["name"]): o["name"] for o in ds.raw_orgs.values()}
    import difflib

    close = difflib.get_close_matches(key, list(pool), n=3, cutoff=0.5)
    raise UsageError(f"No partner matches '{query}'.", [pool[c] for c in close])


def _place_text(ev: Raw | None) -> str | None:
    place = ev.get("place") if ev else None
    if not place:
        return None
    bits = [b for b in (place.get("city"), place.get("country")) if b]
    return ", ".join(bits) or None


def _event_brief(ev: Raw, role: str | None = None) -> Record:
    brief: Record = {"id": ev["id"], "name": ev["name"], "type": ev["type"], "date": ev["date"]}
    if role:
        brief["role"] = role
    brief["place"] = _place_text(ev)
    return brief


def _dated_first(ds: Dataset) -> list[Raw]:
    return sorted(ds.raw_events.values(), key=lambda e: (e["date"] is None, e["date"] or ""))


def _org_scope(ds: Dataset, org_id: str) -> set[str]:
    """An organisation and every body that belongs to it."""
    scope = {org_id}
    grew = True
    while grew:
        more = {i for i, o in ds.raw_orgs.items() if o.get("part_of") in scope} - scope
        scope |= more
        grew = bool(more)
    return scope


def show_org(ds: Dataset, org: Any) -> Record:
    """Everything known about one organisation, as one record."""
    raw = _raw(org)
    org_id = raw["id"]
    record = partner_record(raw)
    scope = _org_scope(ds, org_id)
    part_of = raw.get("part_of")
    record["part_of_name"] = ds.name_of(part_of) if part_of else None
    record["parts"] = [
        {"id": i, "name": o["name"]} for i, o in ds.raw_orgs.items() if o.get("part_of") == org_id
    ]
    events = []
    for ev in _dated_first(ds):
        roles = [p["role"] for p in ev.get("participants", ()) if p["id"] == org_id]
        if ev.get("organization_id") == org_id:
            roles.insert(0, "organiser")
        if roles:
            events.append(_event_brief(ev, ", ".join(dict.fromkeys(roles))))
    record["events"] = events
    record["memberships"] = [
        {
            "status": p["status"],
            "start_date": p["start_date"],
            "member": ds.name_of(m["member_id"]),
            "organization": ds.name_of(m["organization_id"]),
            "decided_at": ds.name_of(p["decided_at"]),
        }
        for m in ds.raw.get("memberships", ())
        if org_id in (m["member_id"], m["organization_id"])
        for p in m["periods"]
    ]
    record["people"] = [
        {
            "id": person["id"],
            "name": person["name"],
            "role": post["role"],
            "organization": ds.name_of(post["organization_id"]),
            "start_date": post.get("start_date"),
            "as_of": post.get("as_of"),
        }
        for person in ds.raw_people.values()
        for post in person.get("posts", ())
        if post["organization_id"] in scope
    ]
    return record


def country_counts(ds: Dataset, flt: PartnerFilter | None = None) -> list[Record]:
    """Partners per country (or region, for transnational bodies), split by type."""
    orgs = filter_partners(ds, flt) if flt else ds.raw_partners
    groups: dict[tuple[str | None, str | None, str | None], Counter[str]] = {}
    for org in orgs:
        country = org.get("country")
        key = (country, org.get("country_code"), None if country else org.get("region"))
        groups.setdefault(key, Counter())[org["type"]] += 1
    rows = [
        {
            "country": c,
            "country_code": code,
            "region": region,
            "partners": sum(n.values()),
            **{t: n.get(t, 0) for t in PARTNER_TYPE_VALUES},
        }
        for (c, code, region), n in groups.items()
    ]
    rows.sort(
        key=lambda r: (-int(str(r["partners"])), fold(str(r["country"] or r["region"] or "")))
    )
    return rows


def _is_appointment(ds: Dataset, post: Raw) -> bool:
    # Appointments are dated posts or seats in an international's commissions; a post the
    # source only mentions in passing (a title "as of" a meeting) is not an appointment.
    org = ds.raw_orgs.get(post["organization_id"])
    return post.get("start_date") is not None or (org is not None and org["type"] == "commission")


def timeline(ds: Dataset, flt: TimelineFilter) -> list[Record]:
    """Status changes, events and appointments: dated ones in order, then the undated."""
    scope = _org_scope(ds, find_org(ds, flt.org)["id"]) if flt.org else None
    entries: list[Record] = []
    for ms in ds.raw.get("memberships", ()):
        if (
            scope is not None
            and ms["organization_id"] not in scope
            and ms["member_id"] not in scope
        ):
            continue
        for period in ms["periods"]:
            meeting = ds.raw_events.get(period["decided_at"])
            entries.append(
                {
                    "date": period["start_date"],
                    "end_date": None,
                    "kind": "status_change",
                    "title": f"{period['status'].capitalize()} status in "
                    f"{ds.name_of(ms['organization_id'])}",
                    "organization_id": ms["organization_id"],
                    "status": period["status"],
                    "place": _place_text(meeting),
                    "people": [],
                    "event_id": period["decided_at"],
                    "description": f"Granted at the {ds.name_of(period['decided_at'])}.",
                    "paragraph": period["paragraph"],
                    "inferred": dump.inferred(period),
                }
            )
    for ev in ds.raw_events.values():
        participants = ev.get("participants", ())
        involved = {ev.get("organization_id"), *(p["id"] for p in participants)}
        if scope is not None and not involved & scope:
            continue
        entries.append(
            {
                "date": ev["date"],
                "end_date": ev.get("end_date"),
                "kind": ev["type"],
                "title": ev["name"],
                "organization_id": ev.get("organization_id"),
                "status": None,
                "place": _place_text(ev),
                "people": [ds.name_of(p["id"]) for p in participants if p["id"] in ds.raw_people],
                "event_id": ev["id"],
                "description": ev["description"],
                "paragraph": ev["paragraph"],
                "inferred": dump.inferred(ev),
            }
        )
    for person in ds.raw_people.values():
        for post in person.get("posts", ()):
            if not _is_appointment(ds, post):
                continue
            if scope is not None and post["organization_id"] not in scope:
                continue
            entries.append(
                {
                    "date": post.get("start_date"),
                    "end_date": None,
                    "kind": "appointment",
                    "title": f"{person['name']}: {post['role']}, "
                    f"{ds.name_of(post['organization_id'])}",
                    "organization_id": post["organization_id"],
                    "status": None,
                    "place": None,
                    "people": [person["name"]],
                    "event_id": None,
                    "description": post.get("note") or f"{person['name']} holds this post.",
                    "paragraph": post["paragraph"],
                    "inferred": dump.inferred(post),
                }
            )
    if flt.since is not None or flt.until is not None:
        entries = [e for e in entries if _in_years(e, flt.since, flt.until)]
    entries.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["paragraph"]))
    return entries


def _in_years(entry: Record, since: int | None, until: int | None) -> bool:
    if entry["date"] is None:
        return False
    start = int(entry["date"][:4])
    end = int(entry["end_date"][:4]) if entry["end_date"] else start
    return (since is None or end >= since) and (until is None or start <= until)


def status_bands(ds: Dataset, scope: str | None = None) -> list[Record]:
    """The party's status periods in each international, each ending where the next begins.

    With a scope (an organisation id), only the memberships it concerns: the party's own
    (scope is the party) or those in that organisation; none for any other scope.
    """
    party = ds.raw["party"]["id"]
    bands: list[Record] = []
    for ms in ds.raw.get("memberships", ()):
        if ms["member_id"] != party or scope not in (None, party, ms["organization_id"]):
            continue
        periods = ms["periods"]
        for i, p in enumerate(periods):
            end = periods[i + 1]["start_date"] if i + 1 < len(periods) else None
            bands.append(
                {
                    "organization_id": ms["organization_id"],
                    "organization": ds.name_of(ms["organization_id"]),
                    "status": p["status"],
                    "start_date": p["start_date"],
                    "end_date": end,
                }
            )
    return bands


def people(ds: Dataset) -> list[Record]:
    """Each person with posts, delegations led and other events they appear in."""
    rows = []
    events = _dated_first(ds)
    for person in ds.raw_people.values():
        posts = [
            {
                "role": p["role"],
                "organization_id": p["organization_id"],
                "organization": ds.name_of(p["organization_id"]),
                "start_date": p.get("start_date"),
                "as_of": p.get("as_of"),
                "note": p.get("note"),
            }
            for p in person.get("posts", ())
        ]
        led: list[Record] = []
        other: list[Record] = []
        for ev in events:
            for part in ev.get("participants", ()):
                if part["id"] != person["id"]:
                    continue
                target = led if part["role"] == "head_of_delegation" else other
                target.append(_event_brief(ev, part["role"]))
        rows.append(
            {
                "id": person["id"],
                "name": person["name"],
                "family_name": person["family_name"],
                "other_names": [o["name"] for o in person.get("other_names", ())],
                "posts": posts,
                "delegations_led": led,
                "events": other,
            }
        )
    return rows


def contacts(ds: Dataset, lang: str = "en") -> list[Record]:
    """The contact block, with labels in the chosen language and both originals kept."""
    if lang not in ("en", "ru"):
        raise UsageError(f"'{lang}' is not a language of the labels.", ["en", "ru"])
    rows = []
    for c in ds.raw.get("contacts", ()):
        data = dump.dump(c, dump.CONTACT)
        row: Record = {
            "id": data["id"],
            "type": data["type"],
            "value": data["value"],
            "printed": data["printed"],
            "label": data[f"label_{lang}"],
            "office": data[f"office_{lang}"],
            "restriction": data[f"restriction_{lang}"],
        }
        row.update({k: v for k, v in data.items() if k not in row})
        rows.append(row)
    return rows


def check_fields(wanted: list[str], valid: list[str]) -> None:
    """A usage error naming the valid fields when a wanted one is not among them."""
    unknown = [w for w in wanted if w not in valid]
    if unknown:
        raise UsageError(
            f"Unknown field '{unknown[0]}'. Valid fields: {', '.join(valid)}.",
            countries.suggest(unknown[0], valid, n=1),
        )
