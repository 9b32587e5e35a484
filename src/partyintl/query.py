"""Pure filters and look-ups over a Dataset's JSON; each answer is a list of JSON records."""

from __future__ import annotations

import shlex
from collections import Counter
from enum import Enum

from .data import countries, dates, dump
from .data.countries import fold
from .data.enums import PARTNER_TYPE_VALUES, IdentifierScheme
from .data.suggest import close_matches
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
    LEFT_RIGHT = "left_right"


class PartnerFilter(Struct):
    """What to keep of the partner list: kinds combine with AND, values of a kind with OR."""

    __slots__ = (
        "countries",
        "types",
        "region",
        "search",
        "sort",
        "limit",
        "ideology",
        "left_right",
    )

    def __init__(
        self,
        countries: tuple[str, ...] = (),
        types: tuple[str, ...] = (),
        region: str | None = None,
        search: str | None = None,
        sort: SortKey = SortKey.SOURCE,
        limit: int | None = None,
        ideology: tuple[str, ...] = (),
        left_right: tuple[float | None, float | None] | None = None,
    ) -> None:
        self.countries = countries
        self.types = types
        self.region = region
        self.search = search
        self.sort = sort
        self.limit = limit
        self.ideology = ideology
        self.left_right = left_right


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


# The fields of every answer's records, in order, written once here. An answer with no
# records has the same fields (render/views.py gives them to the views, so --fields, the CSV
# header and the JSON shape never depend on which rows happen to be there);
# tests/test_empty.py holds every record of a full answer to them.

#: A partner's listing, spread out after its region, with the heading of its list.
LISTING_FIELDS = ("list", "position", "printed", "list_heading")
#: A partner: the models' fields in their order, the listing spread out (its item is the
#: first of its `sources`).
PARTNER_FIELDS: tuple[str, ...] = tuple(
    field
    for name, _ in dump.ORGANIZATION
    if name != "listing"
    for field in ((name, *LISTING_FIELDS) if name == "region" else (name,))
)
#: A row of `spectrum`.
SPECTRUM_FIELDS = (
    "id",
    "name",
    "type",
    "country",
    "left_right",
    "ideology",
    "subject",
    "positions_source",
    "inferred",
)
#: A row of `countries` and `map`: the count per partner type after the total, and what
#: is inferred of the place (from the partners counted there).
COUNTRY_FIELDS = (
    "country",
    "country_code",
    "region",
    "partners",
    *PARTNER_TYPE_VALUES,
    "inferred",
)
#: A timeline entry: a period's entry runs to `end_date`, or holds as of `as_of`.
TIMELINE_FIELDS = (
    "date",
    "end_date",
    "as_of",
    "kind",
    "title",
    "organization_id",
    "status",
    "place",
    "people",
    "countries",
    "event_id",
    "description",
    "sources",
    "inferred",
)
#: A person of `people`.
PEOPLE_FIELDS = (
    "id",
    "name",
    "family_name",
    "other_names",
    "posts",
    "delegations_led",
    "events",
    "sources",
    "inferred",
)
#: A line of `contacts`: the texts in the language asked for, then both forms of each.
CONTACT_FIELDS = (
    "id",
    "type",
    "value",
    "printed",
    "label",
    "office",
    "restriction",
    "note",
    "formatted",
    "language",
    "label_printed",
    "label_en",
    "office_printed",
    "office_en",
    "restriction_printed",
    "restriction_en",
    "sources",
    "inferred",
)
#: A tie of `graph`.
NETWORK_FIELDS = ("source", "relation", "target", "detail", "inferred")
#: A region of `regions`.
REGION_FIELDS = (
    "name",
    "kind",
    "aliases",
    "as_of",
    "within",
    "countries",
    "partners",
    "country_codes",
    "source",
    "note",
)
#: A source of `sources`.
SOURCE_FIELDS = (
    "id",
    "title",
    "publisher",
    "url",
    "language",
    "published",
    "as_of",
    "retrieved",
    "terms",
    "licence",
    "commit",
    "parts",
    "lists",
    "facts",
    "note",
)
#: A tag of `tags`.
TAG_FIELDS = ("tag", "kind", "partners")


def shaped(fields: tuple[str, ...], **values: Any) -> Record:
    """A record with exactly `fields`, in their order (a KeyError names a missing one)."""
    if len(values) != len(fields):
        extra = sorted(set(values) - set(fields))
        raise KeyError(f"fields not in the answer's shape: {extra}")
    return {f: values[f] for f in fields}


def partner_record(
    org: Any, headings: dict[str, str] | None = None, list_sources: dict[str, str] | None = None
) -> Record:
    """A partner as a flat JSON record: every field, with its listing spread out, the
    heading its list has in its source (`Dataset.list_headings`) and, first among its
    `sources`, the list item that names it (given `Dataset.list_sources`)."""
    data = dump.dump(_raw(org), dump.ORGANIZATION)
    listing = data.pop("listing") or {}
    data["list"] = listing.get("list")
    data["position"] = listing.get("position")
    data["printed"] = listing.get("printed")
    data["list_heading"] = (headings or {}).get(listing.get("list") or "")
    if listing and list_sources and listing.get("list") in list_sources:
        data["sources"] = [listing_citation(listing, list_sources), *data["sources"]]
    return {f: data[f] for f in PARTNER_FIELDS}


def listing_citation(listing: Raw, list_sources: dict[str, str]) -> Record:
    """The citation a list item stands for: its list's source and the item's number (as
    dump.CITATION shapes citations; built directly, as every listed partner has one)."""
    return {
        "source": list_sources[listing["list"]],
        "at": f"list '{listing['list']}', item {listing['position']}",
        "fields": [],
        "date": None,
        "note": None,
    }


def resolve_countries(
    values: tuple[str, ...], ds: Dataset | None = None
) -> list[countries.Country]:
    """Turn user spellings into countries, explaining a region given as a country.

    A value may list several countries separated by commas (`Armenia,Belarus`); a value
    that is itself a name with a comma (`Korea, Republic of`) counts as one.
    """
    found = []
    for value in values:
        if "," in value and countries.lookup(value) is None:
            found += [
                _resolve_country(part.strip(), ds) for part in value.split(",") if part.strip()
            ]
        else:
            found.append(_resolve_country(value, ds))
    return found


def country_notes(values: tuple[str, ...]) -> list[str]:
    """What an answer about these countries should add when it is empty: for a divided
    former country (`USSR`), the countries that followed it."""
    notes = [countries.successors_note(c) for c in resolve_countries(values) if c.successors]
    return list(dict.fromkeys(notes))


def _resolve_country(value: str, ds: Dataset | None = None) -> countries.Country:
    try:
        return countries.resolve(value)
    except UsageError:
        from .data import regions

        region = regions.lookup(value)
        if region is None:
            if ds is not None:
                _hint_from_dataset(ds, value)
            raise
        from .cli.spec import flag

        raise UsageError(
            f"'{value}' is a region, not a country: use {flag('region')} '{region}'."
        ) from None


def _hint_from_dataset(ds: Dataset, value: str) -> None:
    """A usage error pointing at what the dataset holds under that word, if anything.

    The dataset's own country names and partner names come before spelling distance:
    `Korea` means North Korea here, `Kurdistan` a party of Iraq.
    """
    key = fold(value)
    if len(key) < 3:
        return
    names = sorted({o["country"] for o in ds.raw_partners if o.get("country")})
    in_countries = [n for n in names if key in fold(n)]
    in_partners = [o for o in ds.raw_partners if any(key in n for n in _names_of(ORGANISATION, o))]
    if in_countries:
        raise UsageError(f"'{value}' is not a country I know.", in_countries)
    if in_partners:
        from .cli.spec import flag

        listed = [
            f"{o['name']} ({o.get('country') or o.get('region') or 'no country'})"
            for o in in_partners
        ]
        raise UsageError(
            f"'{value}' is not a country I know, but partners have it in their names; "
            f"try {flag('search', 'partners')} '{value}'.",
            listed,
            label="Partners",
        )


#: British and other spellings read as the ones the page uses.
_SPELLINGS = {
    "labour": "labor",
    "centre": "center",
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
}


#: Endings a word loses (the first that fits) on its way to its plain form.
_SUFFIXES = ("ists", "ist", "ism")


def search_rules() -> dict[str, Any]:
    """The rules of `search_key` as data, for the report page's filter to apply them alike:
    `drop` (the punctuation and spaces `fold` turns into one space, a regular expression),
    `combining` (the combining marks `fold` removes after decomposing, as a character class
    of Python's own Unicode data, since JavaScript has no combining classes), `spellings`
    (words read as others) and `suffixes` (endings dropped)."""
    return {
        "drop": countries.FOLD_DROP,
        "combining": _combining_class(),
        "spellings": _SPELLINGS,
        "suffixes": _SUFFIXES,
    }


def _combining_class() -> str:
    """The code points `unicodedata.combining` counts, as a regular-expression class with
    \\u{...} ranges (planes 0 and 1 hold every combining mark Unicode has)."""
    import unicodedata

    ranges: list[tuple[int, int]] = []
    for code in range(0x20000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "[" + "".join(f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in ranges) + "]"


def _stem(word: str) -> str:
    """A word's plain form, so `Socialist`, `socialists` and `social` meet, and
    `Democratic`, `Democrats` and `democrat` (the page's translation varies).

    The report page's filter applies the same steps in JavaScript (render/report.py);
    tests/test_report.py checks that both find the same partners."""
    word = _SPELLINGS.get(word, word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ic") and len(word) > 6:
        word = word[:-2]
    return word


#: The longest --search text, in characters: far longer than any name or description it
#: could be part of, short enough that folding it costs nothing.
MAX_SEARCH = 1000


def search_key(text: str) -> str:
    """Text in the form searches compare: folded, each word in its plain form."""
    return " ".join(_stem(w) for w in fold(text).split())


def searchable(org: Raw) -> str:
    """The text `--search` looks in: an organisation's names, id, notes, description and
    printed list item, folded and in plain form (see `search_key`)."""
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
    text = " | ".join(parts)
    return f"{fold(text)} | {search_key(text)}"


def filter_partners(ds: Dataset, flt: PartnerFilter) -> list[Raw]:
    """The partners (as validated JSON) that pass a filter, sorted and limited."""
    for t in flt.types:
        if t not in PARTNER_TYPE_VALUES:
            raise UsageError(f"'{t}' is not a partner type.", close_matches(t, PARTNER_TYPE_VALUES))
    wanted = resolve_countries(flt.countries, ds)
    codes = {c.code for c in wanted if c.code}
    uncoded = {countries.place_key(c.name) for c in wanted if not c.code}
    from .data import regions  # only questions about regions load them

    region = regions.resolve(flt.region) if flt.region else None
    region_codes = regions.countries_of(region, ds.as_of) if region else frozenset()
    region_bodies = regions.inside(region) if region else frozenset()
    if flt.search and len(flt.search) > MAX_SEARCH:
        from .cli.spec import flag

        raise UsageError(
            f"{flag('search', 'partners')} is {len(flt.search):,} characters long; at most "
            f"{MAX_SEARCH:,} are "
            "compared. Search for a word or a part of a name."
        )
    needle = search_key(flt.search) if flt.search else ""
    folded_needle = fold(flt.search) if flt.search else ""
    types = set(flt.types)
    tags = {fold(t) for t in flt.ideology}
    out = []
    for org in ds.raw_partners:
        if wanted:
            code = org.get("country_code")
            if not (
                code in codes
                or (
                    code is None
                    and org.get("country") is not None
                    and countries.place_key(org["country"]) in uncoded
                )
            ):
                continue
        if types and org["type"] not in types:
            continue
        if (
            region
            and org.get("region") not in region_bodies
            and org.get("country_code") not in region_codes
        ):
            continue
        if tags and not tags & {fold(t) for t in org.get("ideology", ())}:
            continue
        if flt.left_right is not None and not _in_range(org.get("left_right"), flt.left_right):
            continue
        if flt.search:
            hay = searchable(org)
            if needle not in hay and folded_needle not in hay:
                continue
        out.append(org)
    out = _sorted(out, flt.sort)
    return out[: flt.limit] if flt.limit is not None else out


def score_bounds(text: str) -> tuple[float | None, float | None]:
    """MIN..MAX (as cli/values.py checked it) as two bounds; an open end is None."""
    low, _, high = text.partition("..")
    return (float(low) if low else None, float(high) if high else None)


def _in_range(score: float | None, bounds: tuple[float | None, float | None]) -> bool:
    """Whether a left-right score lies in MIN..MAX; a partner with no score never does."""
    low, high = bounds
    return score is not None and (low is None or score >= low) and (high is None or score <= high)


def spectrum(ds: Dataset, flt: PartnerFilter) -> list[Record]:
    """The party and its partners on the left-right scale, left to right; unscored last."""
    party = ds.raw["party"]
    rows = [_spectrum_row(party, True)]
    rows += [_spectrum_row(o, False) for o in filter_partners(ds, flt)]
    return sorted(rows, key=lambda r: (r["left_right"] is None, r["left_right"] or 0.0))


def _spectrum_row(org: Raw, subject: bool) -> Record:
    return shaped(
        SPECTRUM_FIELDS,
        id=org["id"],
        name=org["name"],
        type=org["type"],
        country=org.get("country"),
        left_right=org.get("left_right"),
        ideology=list(org.get("ideology", ())),
        subject=subject,
        positions_source=org.get("positions_source"),
        inferred=_inferred_about(org, dict.fromkeys(SPECTRUM_FIELDS)),
    )


def _sorted(orgs: list[Raw], key: SortKey) -> list[Raw]:
    """Orgs in the order asked; those without the value sorted on come last, in the
    source's order (the sort is stable)."""
    if key is SortKey.LEFT_RIGHT:
        return sorted(orgs, key=lambda o: (o.get("left_right") is None, o.get("left_right") or 0))
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


_SCHEMES = frozenset(s.value for s in IdentifierScheme)

#: The kinds of record a name can find, as answers name them.
ORGANISATION, PERSON, EVENT = "organisation", "person", "event"


def spellings(kind: str, raw: Raw) -> list[str]:
    """The names a record is found by, as the data writes them: its name, other names, a
    person's family name, an event's city (find_record compares them folded)."""
    names = [raw["name"], *(n["name"] for n in raw.get("other_names", ()))]
    if kind == PERSON:
        names.append(raw["family_name"])
    if kind == EVENT and raw.get("place") and raw["place"].get("city"):
        names.append(raw["place"]["city"])
    return names


def _names_of(kind: str, raw: Raw) -> list[str]:
    return [fold(n) for n in spellings(kind, raw)]


def _pools(ds: Dataset, kinds: tuple[str, ...]) -> list[tuple[str, str, Raw]]:
    pools = {ORGANISATION: ds.raw_orgs, PERSON: ds.raw_people, EVENT: ds.raw_events}
    return [(kind, i, raw) for kind in kinds for i, raw in pools[kind].items()]


def record_names(
    ds: Dataset, kinds: tuple[str, ...] = (ORGANISATION, PERSON, EVENT), schemes: bool = False
) -> list[str]:
    """Everything find_record accepts for records of these kinds, as written: ids and
    spellings, and with `schemes` the ids of other datasets (`partyfacts:2020`)."""
    names: list[str] = []
    for kind, ident, raw in _pools(ds, kinds):
        names += [ident, *spellings(kind, raw)]
        if schemes:
            names += [f"{i['scheme']}:{i['identifier']}" for i in raw.get("identifiers", ())]
    return names


def find_record(
    ds: Dataset, query: str, kinds: tuple[str, ...] = (ORGANISATION, PERSON, EVENT)
) -> tuple[str, Raw]:
    """One organisation, person or event by id, name, other name or a unique part of one.

    A usage error lists the candidates when several match, and suggests names (the
    dataset's own, other names included) when none does.
    """
    pool = _pools(ds, kinds)
    for kind, ident, raw in pool:
        if ident == query:
            return kind, raw
    by_scheme = _by_identifier(pool, query)
    if by_scheme is not None:
        return by_scheme
    key = fold(query)
    if not key:
        raise UsageError("Give an id or a name.")
    names = [(kind, ident, raw, _names_of(kind, raw)) for kind, ident, raw in pool]
    exact = [(k, r) for k, _, r, ns in names if key in ns]
    if len(exact) == 1:
        return exact[0]
    what = _WHAT.get(kinds, "partner, person or event")
    country = None if exact else countries.lookup(query)
    containing = [(k, r) for k, _, r, ns in names if any(key in n for n in ns)]
    if country is not None and not _looks_like_code(query):
        # `show Germany` asks about a country, not the one party with it in its name.
        raise UsageError(
            f"'{query}' is a country, not a {what}: for its partners, try "
            f"{_partners_command(query)}.",
            [f"{r['id']} ({r['name']}, {k})" for k, r in containing],
            label=f"Records with '{query}' in their names",
        )
    partial = exact or containing
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise UsageError(
            f"'{query}' matches {len(partial)} records; be more precise.",
            [f"{r['id']} ({r['name']}, {k})" for k, r in partial],
            label="Candidates",
        )
    if country is not None:  # a code such as DE or DEU that names nothing here
        raise UsageError(
            f"No {what} matches '{query}', which is the ISO code of {country.name}: for "
            f"its partners, try {_partners_command(query)}."
        )
    spellings = {n: r["name"] for _, _, r, ns in names for n in ns}
    spellings.update({fold(i): r["name"] for _, i, r in pool})
    raise UsageError(f"No {what} matches '{query}'.", close_matches(query, spellings))


#: How a no-match error names what was looked for, by the kinds of record searched.
_WHAT: dict[tuple[str, ...], str] = {(ORGANISATION,): "partner", (PERSON,): "person"}


def _partners_command(country: str) -> str:
    """The command line that answers a country's partners, as messages show it."""
    from .cli.spec import flag

    return f"`partyintl partners {flag('country', 'partners', short=True)} {shlex.quote(country)}`"


def _looks_like_code(text: str) -> bool:
    """Whether a country spelling is a bare ISO code (DE, DEU) rather than a name."""
    stripped = text.strip()
    return len(stripped) <= 3 and stripped.isascii() and stripped.isalpha()


def _by_identifier(pool: list[tuple[str, str, Raw]], query: str) -> tuple[str, Raw] | None:
    """The record that has an id of another dataset: `Q49768`, `partyfacts:383`."""
    scheme, colon, value = query.partition(":")
    if not colon:
        if not (query[:1] in "Qq" and query[1:].isdigit()):
            return None
        scheme, value = "wikidata", query.upper()
    scheme = scheme.strip().casefold()
    value = value.strip()
    for kind, _, raw in pool:
        for ident in raw.get("identifiers", ()):
            if ident["scheme"] == scheme and ident["identifier"] == value:
                return kind, raw
    if colon and scheme in _SCHEMES:
        raise UsageError(f"No record has the {scheme} id {value}.")
    return None


def scheme_ids(record: Record, scheme: str) -> list[str]:
    """A record's ids in one scheme (most have one; a few have two Manifesto codes)."""
    return [i["identifier"] for i in record.get("identifiers") or () if i["scheme"] == scheme]


def find_org(ds: Dataset, query: str) -> Raw:
    """One organisation by id, name or a unique part of a name; UsageError otherwise."""
    return find_record(ds, query, (ORGANISATION,))[1]


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
    brief["sources"] = dump.citations(ev)
    # The role is read from the participants: what is inferred of them is of the role.
    brief["inferred"] = _inferred_about(ev, brief, {"participants": "role"})
    return brief


def _inferred_about(
    raw: Raw | None, record: Record, renamed: dict[str, str] | None = None, whose: str = ""
) -> list[Raw]:
    """A raw record's inferences about a derived record's fields (see dump.inferred_about)."""
    return dump.inferred_about(raw, record, renamed, whose)


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


def show_record(ds: Dataset, query: str) -> Record:
    """Everything known about one organisation, person or event, with what it is."""
    kind, raw = find_record(ds, query)
    if kind == PERSON:
        record = next(r for r in people(ds) if r["id"] == raw["id"])
    elif kind == EVENT:
        record = _event_record(ds, raw)
    else:
        record = show_org(ds, raw)
    return {"record_type": kind, **record}


def _event_record(ds: Dataset, ev: Raw) -> Record:
    record: Record = {
        "id": ev["id"],
        "name": ev["name"],
        "type": ev["type"],
        "date": ev["date"],
        "end_date": ev.get("end_date"),
        "place": _place_text(ev),
        "organization": ds.name_of(ev["organization_id"]) if ev.get("organization_id") else None,
        "participants": [
            {"id": p["id"], "name": ds.name_of(p["id"]), "role": p["role"]}
            for p in ev.get("participants", ())
        ],
        "countries": [c["country"] for c in ev.get("countries", ())],
        "description": ev["description"],
        "sources": dump.citations(ev),
    }
    record["inferred"] = _inferred_about(ev, record)
    return record


def show_org(ds: Dataset, org: Any) -> Record:
    """Everything known about one organisation, as one record."""
    raw = _raw(org)
    org_id = raw["id"]
    record = partner_record(raw, ds.list_headings, ds.list_sources)
    scope = _org_scope(ds, org_id)
    part_of = raw.get("part_of")
    record["part_of_name"] = ds.name_of(part_of) if part_of else None
    record["parts"] = [
        {"id": i, "name": o["name"]} for i, o in ds.raw_orgs.items() if o.get("part_of") == org_id
    ]
    events = []
    for ev in _dated_first(ds):
        roles = []
        for p in ev.get("participants", ()):
            if p["id"] == org_id:
                roles.append(p["role"])
            elif p["id"] in scope:  # through one of its parts (the PES through its group)
                roles.append(f"{p['role']} (as {ds.name_of(p['id'])})")
        if ev.get("organization_id") in scope:
            roles.insert(0, "organiser")
        if roles:
            events.append(_event_brief(ev, ", ".join(dict.fromkeys(roles))))
    record["events"] = events
    record["memberships"] = [
        {
            "member": ds.name_of(m["member_id"]),
            "organization": ds.name_of(m["organization_id"]),
            **band,
            "decided_at": ds.name_of(band["decided_at"]) if band["decided_at"] else None,
        }
        for m in ds.raw.get("memberships", ())
        if org_id in (m["member_id"], m["organization_id"])
        for band in membership_periods(ds, m)
    ]
    record["people"] = [
        _holder(ds, person, post)
        for person in ds.raw_people.values()
        for post in person.get("posts", ())
        if post["organization_id"] in scope
    ]
    return record


def _holder(ds: Dataset, person: Raw, post: Raw) -> Record:
    """A post of an organisation with the person who holds it (a name no source gives in
    full stays marked)."""
    item: Record = {"id": person["id"], "name": person["name"], **_post_record(ds, post, person)}
    item["inferred"] = [*_inferred_about(person, {"name": None}), *item["inferred"]]
    return item


def holds_as_of(ds: Dataset, record: Raw) -> str | None:
    """The latest date at which a period with no end is known to hold: its own `as_of`, or
    the as-of date of the newest source that states it. Never later than what a source says."""
    found = [record["as_of"]] if record.get("as_of") else []
    for cite in record.get("sources", ()):
        source = ds.sources.get(cite["source"])
        if source is not None and source.get("as_of"):
            found.append(source["as_of"])
    return max(found, key=lambda d: dates.end(d) or "") if found else None


def _end_fields(ds: Dataset, end: Raw | None, following: Raw | None) -> Record:
    """A period's end as flat fields: its date, what it became, why, and who says so.

    An explicit end is the file's; a period followed by another ends where that one
    begins, because of it, on its sources."""
    if end is not None:
        return {
            "end_date": end.get("date"),
            "end_status": end.get("status"),
            "end_reason": end["reason"],
            "end_decided_at": end.get("decided_at"),
            "end_note": end.get("note"),
            "end_sources": dump.citations(end),
        }
    if following is not None:
        return {
            "end_date": following.get("start_date"),
            "end_status": None,
            "end_reason": f"{following['status']} status from then",
            "end_decided_at": following.get("decided_at"),
            "end_note": None,
            "end_sources": dump.citations(following),
        }
    return {
        "end_date": None,
        "end_status": None,
        "end_reason": None,
        "end_decided_at": None,
        "end_note": None,
        "end_sources": [],
    }


def membership_periods(ds: Dataset, ms: Raw) -> list[Record]:
    """A membership's status periods, each with its end (explicit, or the next one's
    start) and, for one with no end, the date it is known to hold as of."""
    periods = ms["periods"]
    out = []
    for i, p in enumerate(periods):
        following = periods[i + 1] if i + 1 < len(periods) else None
        ends = _end_fields(ds, p.get("end"), following)
        record: Record = {
            "status": p["status"],
            "start_date": p.get("start_date"),
            **ends,
            "as_of": None if ends["end_date"] or p.get("end") else holds_as_of(ds, p),
            "decided_at": p.get("decided_at"),
            "sources": dump.citations(p),
        }
        end = p.get("end") or {}
        # An end keeps the marks of where it comes from: the explicit end's own, or the
        # next status's start when that is this one's end.
        ended = (
            _inferred_about(following, {"end_date": None}, {"start_date": "end_date"})
            if following is not None and not end
            else [{**i, "field": f"end_{i['field']}"} for i in dump.inferred(end)]
        )
        record["inferred"] = [*dump.inferred(p), *ended]
        out.append(record)
    return out


def _post_record(ds: Dataset, post: Raw, person: Raw) -> Record:
    """A post as a flat record: role, body, since, as of, end, sources."""
    ends = _end_fields(ds, post.get("end"), None)
    cited = post.get("sources") or person.get("sources") or ()
    return {
        "role": post["role"],
        "organization_id": post["organization_id"],
        "organization": ds.name_of(post["organization_id"]),
        "start_date": post.get("start_date"),
        "as_of": post.get("as_of"),
        "end_date": ends["end_date"],
        "end_reason": ends["end_reason"],
        "note": post.get("note"),
        "sources": [dump.dump(c, dump.CITATION) for c in cited],
        "inferred": dump.inferred(post),
    }


def country_counts(ds: Dataset, flt: PartnerFilter | None = None) -> list[Record]:
    """Partners per country (or region, for transnational bodies), split by type."""
    orgs = filter_partners(ds, flt) if flt else ds.raw_partners
    groups: dict[tuple[str | None, str | None, str | None], Counter[str]] = {}
    members: dict[tuple[str | None, str | None, str | None], list[Raw]] = {}
    for org in orgs:
        country = org.get("country")
        key = (country, org.get("country_code"), None if country else org.get("region"))
        groups.setdefault(key, Counter())[org["type"]] += 1
        members.setdefault(key, []).append(org)
    rows = [
        shaped(
            COUNTRY_FIELDS,
            country=c,
            country_code=code,
            region=region,
            partners=sum(n.values()),
            **{t: n.get(t, 0) for t in PARTNER_TYPE_VALUES},
            inferred=_grouped_inferences(
                members[(c, code, region)], {"country": c, "country_code": code, "region": region}
            ),
        )
        for (c, code, region), n in groups.items()
    ]
    rows.sort(
        key=lambda r: (-int(str(r["partners"])), fold(str(r["country"] or r["region"] or "")))
    )
    return rows


def _grouped_inferences(orgs: list[Raw], row: Record) -> list[Raw]:
    """What is inferred of a count's country, code or region, from the partners counted.

    When every partner counted has the value inferred, the value itself is; when only
    some have, the name (country, or region) is marked with a reason that says how many
    of the partners counted are placed there by inference (counts stay numbers).
    """
    found: list[Raw] = []
    for key in ("country", "country_code", "region"):
        if row.get(key) is None:
            continue
        unsure = [o for o in orgs if key in {e["field"] for e in dump.inferred(o)}]
        if not unsure:
            continue
        reasons = "; ".join(
            f"{o['name']}: {e['reason']}"
            for o in unsure
            for e in dump.inferred(o)
            if e["field"] == key
        )
        if len(unsure) == len(orgs):
            found.append({"field": key, "reason": reasons})
        elif key != "country_code":
            found.append(
                {
                    "field": key,
                    "reason": f"{len(unsure)} of the {len(orgs)} partners counted here: " + reasons,
                }
            )
    return found


def _is_appointment(ds: Dataset, post: Raw) -> bool:
    # Appointments are dated posts or seats in an international's commissions; a post the
    # source only mentions in passing (a title "as of" a meeting) is not an appointment.
    org = ds.raw_orgs.get(post["organization_id"])
    return post.get("start_date") is not None or (org is not None and org["type"] == "commission")


def timeline(ds: Dataset, flt: TimelineFilter) -> list[Record]:
    """Status changes and ends, events and appointments: dated ones in order, then the
    undated. Each entry names its sources; a period's entry runs to its end."""
    scope = _org_scope(ds, find_org(ds, flt.org)["id"]) if flt.org else None
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
        raw_periods = ms["periods"]
        for raw, period in zip(raw_periods, membership_periods(ds, ms), strict=True):
            meeting = ds.raw_events.get(period["decided_at"] or "")
            entries.append(
                {
                    "date": period["start_date"],
                    "end_date": period["end_date"],
                    "as_of": period["as_of"],
                    "kind": STATUS_CHANGE,
                    "title": f"{period['status'].capitalize()} status in {org_name}",
                    "organization_id": ms["organization_id"],
                    "status": period["status"],
                    "place": _place_text(meeting),
                    "people": [],
                    "countries": [],
                    "event_id": period["decided_at"],
                    "description": f"Granted at the {ds.name_of(period['decided_at'])}."
                    if period["decided_at"]
                    else f"{period['status'].capitalize()} status in {org_name}.",
                    "sources": period["sources"],
                    "inferred": _inferred_about(
                        raw, {"date": None, "place": None}, {"start_date": "date"}
                    )
                    + [i for i in period["inferred"] if i["field"] == "end_date"]
                    # The place is the meeting's: what is inferred of it stays marked.
                    + _inferred_about(
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
                    "title": f"Membership of {org_name}: {end['status']}",
                    "organization_id": ms["organization_id"],
                    "status": end["status"],
                    "place": _place_text(meeting),
                    "people": [],
                    "countries": [],
                    "event_id": end.get("decided_at"),
                    "description": end["reason"] + (f" {end['note']}" if end.get("note") else ""),
                    "sources": dump.citations(end),
                    "inferred": _inferred_about(end, {"date": None, "place": None}),
                    "order": order,
                }
            )
            order += 1
    for ev in ds.raw_events.values():
        participants = ev.get("participants", ())
        involved = {ev.get("organization_id"), *(p["id"] for p in participants)}
        if scope is not None and not involved & scope:
            continue
        entries.append(
            {
                "date": ev["date"],
                "end_date": ev.get("end_date"),
                "as_of": None,
                "kind": ev["type"],
                "title": ev["name"],
                "organization_id": ev.get("organization_id"),
                "status": None,
                "place": _place_text(ev),
                "people": [ds.name_of(p["id"]) for p in participants if p["id"] in ds.raw_people],
                "countries": [c["country"] for c in ev.get("countries", ())],
                "event_id": ev["id"],
                "description": ev["description"],
                "sources": dump.citations(ev),
                "inferred": _inferred_about(ev, dict.fromkeys(TIMELINE_FIELDS), _EVENT_ENTRY),
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
            flat = _post_record(ds, post, person)
            entries.append(
                {
                    "date": post.get("start_date"),
                    "end_date": flat["end_date"],
                    "as_of": None
                    if flat["end_date"]
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
                    "description": post.get("note") or f"{person['name']} holds this post.",
                    "sources": flat["sources"],
                    "inferred": [
                        *_inferred_about(person, {"title": None}, {"name": "title"}),
                        *_inferred_about(post, dict.fromkeys(TIMELINE_FIELDS), _POST_ENTRY),
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
            and overlaps(e["date"], e["end_date"] or e["as_of"], flt.since, flt.until)
        ]
    entries.sort(key=lambda e: (dates.sort_key(e["date"]), e["order"]))
    return [{f: e[f] for f in TIMELINE_FIELDS} for e in entries]


#: The timeline kind of a change of status in an international (a period).
STATUS_CHANGE = "status_change"
#: The timeline kind of the end of a membership (ended, expelled, left, ...).
STATUS_END = "status_end"
#: A timeline entry's names for an event's fields and for a post's.
_EVENT_ENTRY = {"type": "kind", "name": "title", "participants": "people"}
_POST_ENTRY = {"start_date": "date", "role": "title", "note": "description"}


def overlaps(start: str, last: str | None, since: int | None, until: int | None) -> bool:
    """Whether a span of EDTF dates overlaps the years `since`..`until` (each inclusive,
    either open).

    The span runs from the earliest year `start` can mean to the latest `last` can mean:
    the period's end, or the date it is known to hold as of; without one, `start`'s own
    years. Nothing runs on past what a source says.
    """
    first = dates.first_year(start)
    end = dates.last_year(last) if last is not None else dates.last_year(start)
    if first is not None and end is not None:
        end = max(end, first)
    return (since is None or end is None or end >= since) and (
        until is None or first is None or first <= until
    )


def status_bands(
    ds: Dataset, scope: str | None = None, since: int | None = None, until: int | None = None
) -> list[Record]:
    """The party's status periods in each international, each with its end: an explicit
    one (with what the membership became, why, and on which sources), or where the next
    begins; a period with no end carries the date it is known to hold as of.

    With a scope (an organisation id), only the memberships it concerns: the party's own
    (scope is the party) or those in that organisation; none for any other scope. With
    `since`/`until`, only the periods that overlap those years (`overlaps`; a period with
    no start date is not drawn then).
    """
    party = ds.raw["party"]["id"]
    bands: list[Record] = []
    for ms in ds.raw.get("memberships", ()):
        if ms["member_id"] != party or scope not in (None, party, ms["organization_id"]):
            continue
        name = ds.name_of(ms["organization_id"])
        bands += [
            {"organization_id": ms["organization_id"], "organization": name, **period}
            for period in membership_periods(ds, ms)
            if (since is None and until is None)
            or (
                period["start_date"] is not None
                and overlaps(
                    period["start_date"], period["end_date"] or period["as_of"], since, until
                )
            )
        ]
    return bands


def membership_summary(ds: Dataset, ms: Raw) -> str:
    """A membership in one line: each status from its start, and its end or the date it is
    known to hold as of ('observer 2008-06-30, full 2012-08-30; ended 2022-03-07')."""
    periods = membership_periods(ds, ms)
    text = ", ".join(f"{p['status']} {p['start_date'] or '(undated)'}" for p in periods)
    last = periods[-1]
    if last["end_date"] or last["end_status"]:
        text += f"; {last['end_status'] or 'ended'} {last['end_date'] or '(undated)'}"
    elif last["as_of"]:
        text += f" (holds as of {last['as_of']})"
    return text


def region_rows(ds: Dataset) -> list[Record]:
    """Every known region: what it is, its source, and how many partners it holds."""
    rows = []
    from .data import regions

    for region in regions.regions().values():
        held = filter_partners(ds, PartnerFilter(region=region.name))
        members = regions.countries_of(region.name, ds.as_of)
        rows.append(
            shaped(
                REGION_FIELDS,
                name=region.name,
                kind=region.kind,
                aliases=list(region.aliases),
                as_of=ds.as_of if region.dated else None,
                within=list(region.within),
                countries=len(members),
                partners=len(held),
                country_codes=sorted(members),
                source=region.source,
                note=region.note,
            )
        )
    return rows


def tag_rows(ds: Dataset) -> list[Record]:
    """The partners' position and ideology tags (what --ideology matches), each with how
    many partners have it: positions first, from far left to far right, then ideologies
    by name."""
    from .data.enums import POSITION_TAGS

    counts = Counter(tag for org in ds.raw_partners for tag in set(org.get("ideology", ())))
    order = {tag: i for i, tag in enumerate(POSITION_TAGS)}
    tags = sorted(counts, key=lambda t: (order.get(t, len(order)), fold(t)))
    return [
        shaped(
            TAG_FIELDS,
            tag=t,
            kind="position" if t in order else "ideology",
            partners=counts[t],
        )
        for t in tags
    ]


def unknown_tag_notes(ds: Dataset, tags: tuple[str, ...]) -> list[str]:
    """For each --ideology tag that no partner has, a note suggesting close ones."""
    known = [row["tag"] for row in tag_rows(ds)]
    folded = {fold(t) for t in known}
    notes = []
    for tag in tags:
        if fold(tag) in folded:
            continue
        close = close_matches(tag, known)
        if close:
            guess = " or ".join(f"'{c}'" for c in close)
            notes.append(f"No partner has the tag '{tag}'. Did you mean {guess}?")
        else:
            notes.append(
                f"No partner has the tag '{tag}'; `partyintl tags` lists the "
                f"{len(known)} tags they have."
            )
    return notes


def people(ds: Dataset, name: str | None = None) -> list[Record]:
    """Each person (or the one a name finds) with posts, delegations led and other events."""
    rows = []
    # Each person's events, read in one pass over the events (not one pass a person).
    taking_part: dict[str, list[tuple[Raw, str]]] = {}
    for ev in _dated_first(ds):
        for part in ev.get("participants", ()):
            taking_part.setdefault(part["id"], []).append((ev, part["role"]))
    chosen = [find_record(ds, name, (PERSON,))[1]] if name else ds.raw_people.values()
    for person in chosen:
        posts = [_post_record(ds, p, person) for p in person.get("posts", ())]
        led: list[Record] = []
        other: list[Record] = []
        for ev, role in taking_part.get(person["id"], ()):
            target = led if role == "head_of_delegation" else other
            target.append(_event_brief(ev, role))
        rows.append(
            shaped(
                PEOPLE_FIELDS,
                id=person["id"],
                name=person["name"],
                family_name=person["family_name"],
                other_names=[o["name"] for o in person.get("other_names", ())],
                posts=posts,
                delegations_led=led,
                events=other,
                sources=_person_sources(person),
                # The person's own; each post and event brief carries its own list.
                inferred=_inferred_about(person, dict.fromkeys(PEOPLE_FIELDS)),
            )
        )
    return rows


def _person_sources(person: Raw) -> list[Record]:
    """A person's citations: their own, else those of their posts (each place once)."""
    cited = list(person.get("sources", ()))
    if not cited:
        for post in person.get("posts", ()):
            cited += [c for c in post.get("sources", ()) if c not in cited]
    return [dump.dump(c, dump.CITATION) for c in cited]


def contacts(ds: Dataset, lang: str = "en") -> list[Record]:
    """The contact block, its labels in the language asked for: `en` gives the English
    glosses, `printed` the texts as printed, a language the texts are printed in (ru)
    the printed texts. Each row keeps both forms (`label_printed`, `label_en`, ...)."""
    raws = [dump.dump(c, dump.CONTACT) for c in ds.raw.get("contacts", ())]
    printed = {
        t["language"].split("-")[0]
        for c in raws
        for key in ("label", "office", "restriction")
        if (t := c[key]) is not None
    }
    if lang not in ("en", "printed") and lang.split("-")[0] not in printed:
        known = ", ".join(sorted(printed - {"en"})) or "en"
        raise UsageError(
            f"'{lang}' is not a language of the labels: they are printed in {known}.",
            list(dict.fromkeys(["en", "printed", *sorted(printed)])),
            label="Give one of",
        )
    rows = []
    for data in raws:
        row: Record = {
            "id": data["id"],
            "type": data["type"],
            "value": data["value"],
            "printed": data["printed"],
            "label": _text_in(data["label"], lang),
            "office": _text_in(data["office"], lang),
            "restriction": _text_in(data["restriction"], lang),
            "note": data["note"],
            "formatted": _formatted(data),
            "language": data["label"]["language"],
        }
        for key in ("label", "office", "restriction"):
            text = data[key]
            row[f"{key}_printed"] = text["text"] if text else None
            row[f"{key}_en"] = _text_in(text, "en")
        row["sources"] = data["sources"]
        # What is inferred of a text (restriction.text, restriction.gloss) marks the column
        # that shows it, in whichever language.
        row["inferred"] = data["inferred"]
        rows.append({f: row[f] for f in CONTACT_FIELDS})
    return rows


def _text_in(text: Raw | None, lang: str) -> str | None:
    """A printed text in the language asked for: its gloss for en (the text itself when it
    is English or has no gloss), the text as printed otherwise."""
    if text is None:
        return None
    if lang == "en" and not text["language"].startswith("en"):
        return str(text["gloss"] or text["text"])
    return str(text["text"])


def _formatted(contact: Raw) -> str:
    """A number in international format with any extension (+7 495 787-85-15 ext. 123);
    a website as it is."""
    if contact["type"] == "website":
        return str(contact["value"])
    from .data import phones

    return phones.formatted(contact["value"])


def check_fields(wanted: list[str], valid: list[str]) -> None:
    """A usage error naming the valid fields when a wanted one is not among them."""
    unknown = [w for w in wanted if w not in valid]
    if unknown:
        raise UsageError(
            f"Unknown field '{unknown[0]}'. Valid fields: {', '.join(valid)}.",
            close_matches(unknown[0], valid, n=1),
        )


def source_as_of(ds: Dataset) -> str:
    """As of when the data holds: the file's `as_of` (each source has its own too)."""
    return ds.as_of


def source_line(ds: Dataset) -> str:
    """The line under every figure: the main source with its as-of date, the others by
    publisher (or short title), and the date the data holds as of."""
    first, *others = ds.sources.values()
    where = first.get("site") or first.get("publisher")
    head = f"Source: {first['title']} ({where}"
    head += f", as of {first['as_of']})" if first.get("as_of") else ")"
    names = [str(s["title"] if len(s["title"]) <= 30 else s["publisher"]) for s in others]
    if names:
        head += "; also " + ", ".join(dict.fromkeys(names))
    return f"{head}; data as of {ds.as_of}"


def source_labels(ds: Dataset) -> dict[str, str]:
    """Each source in a few words, by id: its title, publisher and as-of date."""
    return {
        ident: f"{s['title']} ({s['publisher']}"
        + (f", as of {s['as_of']})" if s.get("as_of") else ")")
        for ident, s in ds.sources.items()
    }


def source_rows(ds: Dataset) -> list[Record]:
    """Every source of the file, with how many facts cite it."""
    counts = citation_counts(ds)
    return [
        {
            "id": source["id"],
            "title": source["title"],
            "publisher": source["publisher"],
            "url": source.get("url") or source.get("site"),
            "language": source["language"],
            "published": source.get("published"),
            "as_of": source.get("as_of"),
            "retrieved": source.get("retrieved"),
            "terms": source.get("terms"),
            "licence": source.get("licence"),
            "commit": source.get("commit"),
            "parts": [p["id"] for p in source.get("parts", ())],
            "lists": [entry["id"] for entry in source.get("lists", ())],
            "facts": counts.get(source["id"], 0),
            "note": source.get("note"),
        }
        for source in ds.sources.values()
    ]


def citation_counts(ds: Dataset) -> Counter[str]:
    """How many citations (list items included) name each source."""
    counts: Counter[str] = Counter()
    list_sources = ds.list_sources
    stack: list[Any] = [ds.raw[k] for k in ds.raw if k != "sources"]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "sources" and isinstance(value, list):
                    counts.update(c["source"] for c in value)
                elif key in ("identifiers",):
                    counts.update(i["source"] for i in value)
                elif key == "positions_source" and value:
                    counts[value["source"]] += 1
                elif key == "listing" and value:
                    counts[list_sources[value["list"]]] += 1
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return counts


def map_data(
    ds: Dataset, flt: PartnerFilter
) -> tuple[list[Record], str | None, list[tuple[str, str | None]]]:
    """Partners per country, the party's own country, and every partner as
    (`Name (country or region)`, ISO alpha-2 code or None), for the map to list those it
    cannot draw."""
    rows = [r for r in country_counts(ds, flt) if r["country_code"]]
    partners = [
        (
            f"{o['name']} ({o.get('country') or o.get('region') or 'no country'})",
            o.get("country_code"),
        )
        for o in filter_partners(ds, flt)
    ]
    return rows, ds.raw["party"].get("country_code"), partners


def network(ds: Dataset) -> tuple[list[Record], dict[str, Any]]:
    """The party's ties as rows, and the same network arranged for drawing."""
    party = ds.raw["party"]
    rows: list[Record] = [
        shaped(
            NETWORK_FIELDS,
            source=party["name"],
            relation="partner",
            target=o["name"],
            detail=f"{o['listing']['list']} list, item {o['listing']['position']}",
            inferred=[],
        )
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
            "inferred": _inferred_about(post, {"detail": None}, {"role": "detail"}),
        }
        for person in ds.raw_people.values()
        for post in person.get("posts", ())
    ]
    groups = [
        (label, [o for o in ds.raw_partners if o["type"] == kind])
        for kind, label in (
            ("party", "Parties"),
            ("international", "Internationals"),
            ("npo", "Non-profit organisations"),
        )
    ]
    drawing = {
        "party": party,
        "middle": [party, *ds.raw.get("organizations", ())],
        "groups": [(label, members) for label, members in groups if members],
        "people": [
            {
                "id": p["id"],
                "name": p["name"],
                "posts": [
                    f"{post['role']}, {ds.name_of(post['organization_id'])}"
                    for post in p.get("posts", ())
                ],
            }
            for p in ds.raw_people.values()
        ],
        "links": [
            (p["id"], post["organization_id"])
            for p in ds.raw_people.values()
            for post in p.get("posts", ())
        ],
    }
    return rows, drawing


#: How a figure's title names each partner type in the plural.
TYPE_PLURALS = {
    "party": "parties",
    "international": "internationals",
    "npo": "non-profit organisations",
}


def describe_partners(ds: Dataset, flt: PartnerFilter) -> str:
    """The partners a filter keeps, in words, for the title of a figure or document.

    `partners`, `parties in CIS`, `partners in Germany or France, tagged far-right`,
    `partners scored -1 to 1, matching 'labour' (first 10 by name)`. Names are the
    canonical ones (`de` reads `Germany`); raises UsageError as the filter itself would.
    """
    words = [TYPE_PLURALS.get(t, t) for t in dict.fromkeys(flt.types)]
    noun = " and ".join(words) if words else "partners"
    parts = []
    if flt.countries:
        names = [c.name for c in resolve_countries(flt.countries, ds)]
        parts.append("in " + " or ".join(dict.fromkeys(names)))
    if flt.region:
        from .data import regions

        parts.append(f"in {regions.resolve(flt.region)}")
    text = noun + (" " + " and ".join(parts) if parts else "")
    extra = []
    if flt.ideology:
        extra.append("tagged " + " or ".join(flt.ideology))
    if flt.left_right is not None:
        low, high = flt.left_right
        if low is not None and high is not None:
            extra.append(f"scored {low:g} to {high:g}")
        elif low is not None:
            extra.append(f"scored {low:g} or more")
        elif high is not None:
            extra.append(f"scored {high:g} or less")
    if flt.search:
        extra.append(f"matching '{flt.search}'")
    if extra:
        text += ", " + ", ".join(extra)
    if flt.limit is not None:
        order = "" if flt.sort is SortKey.SOURCE else f" by {flt.sort.value}"
        text += f" (first {flt.limit}{order})"
    return text


def describe_years(since: int | None, until: int | None) -> str:
    """A year filter in words: `2010-2014`, `2010 onwards`, `up to 2012`; empty without one."""
    if since is not None and until is not None:
        return str(since) if since == until else f"{since}-{until}"
    if since is not None:
        return f"{since} onwards"
    if until is not None:
        return f"up to {until}"
    return ""


def as_of(ds: Dataset) -> str | None:
    """The year the data holds as of: the year of the file's `as_of` (`2022-03-07` ->
    `2022`), or None when it names no single year."""
    import re

    years = re.findall(r"\d{4}", str(ds.as_of or ""))
    return years[-1] if years else None
