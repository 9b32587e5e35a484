"""Partner records and the answers counted or placed from them: spectrum, countries and
map, regions, tags."""

from __future__ import annotations

from collections import Counter

from ..data import shapes
from ..data.countries import fold
from ..data.enums import PARTNER_TYPE_VALUES
from ..data.shapes import inferred_about
from ..data.suggest import close_matches
from ..structs import cast
from .fields import (
    COUNTRY_FIELDS,
    PARTNER_FIELDS,
    SPECTRUM_FIELDS,
    shaped,
)
from .filters import PartnerFilter, check_types, filter_partners, only_place_and_type
from .orgs import as_raw
from .places import resolve_countries

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from ..data.answers import Kept
    from ..data.load import Dataset
    from .records import (
        Citation,
        CountryRecord,
        PartnerRecord,
        RegionRecord,
        SpectrumRecord,
        TagRecord,
    )

    Record = dict[str, Any]
    Raw = dict[str, Any]
    RenderRecords = Callable[[list[PartnerRecord]], tuple[str, list[str], bool] | None]


def partner_record(
    org: Any, headings: dict[str, str] | None = None, list_sources: dict[str, str] | None = None
) -> PartnerRecord:
    """A partner as a flat JSON record: every field, with its listing spread out, the
    heading its list has in its source (`Dataset.list_headings`) and, first among its
    `sources`, the list item that names it (given `Dataset.list_sources`)."""
    data = shapes.dump(as_raw(org), shapes.ORGANIZATION)
    listing = data.pop("listing") or {}
    data["list"] = listing.get("list")
    data["position"] = listing.get("position")
    data["printed"] = listing.get("printed")
    data["list_heading"] = (headings or {}).get(listing.get("list") or "")
    if listing and list_sources and listing.get("list") in list_sources:
        data["sources"] = [listing_citation(listing, list_sources), *data["sources"]]
    return cast("PartnerRecord", {f: data[f] for f in PARTNER_FIELDS})


def stored_partner_texts(
    ds: Dataset, flt: PartnerFilter, form: str, render: RenderRecords
) -> Kept | None:
    """The answer to `filter_partners(ds, flt)`, cut into a header and one text per
    record, kept beside a big file's index (data/answers.py) under `form` (a word naming
    the format), so that a later question neither parses nor builds the records.

    `render` turns partner records (`partner_record`'s) into the header and their texts
    and says whether they have footnotes (answer.record_texts), or declines with None.
    None when the question cannot be answered so: the data is not an indexed big file, the
    filter asks for more than countries and types in the source's order (a region, a
    search, tags, scores, another sort), a country has no ISO code, `render` declines, or
    the index fails. Raises the UsageError filter_partners raises for an unknown type or
    country.
    """
    from ..data.index import IndexedDataset

    if not isinstance(ds, IndexedDataset) or not only_place_and_type(flt):
        return None
    check_types(flt.types)
    wanted = resolve_countries(flt.countries, ds)
    if any(not place.code for place in wanted):
        return None
    codes = {place.code for place in wanted if place.code} if wanted else None
    from ..data.answers import record_texts

    def rendered(partners: list[Raw]) -> tuple[str, list[str], bool] | None:
        headings, lists = ds.list_headings, ds.list_sources
        return render([partner_record(org, headings, lists) for org in partners])

    kept = record_texts(ds, codes, set(flt.types) or None, form, rendered)
    if kept is not None and flt.limit is not None:
        kept.texts = kept.texts[: flt.limit]
    return kept


def listing_citation(listing: Raw, list_sources: dict[str, str]) -> Citation:
    """The citation a list item stands for: its list's source and the item's number (as
    shapes.CITATION shapes citations; built directly, as every listed partner has one)."""
    return {
        "source": list_sources[listing["list"]],
        "at": f"list '{listing['list']}', item {listing['position']}",
        "fields": [],
        "date": None,
        "note": None,
    }


def spectrum(ds: Dataset, flt: PartnerFilter) -> list[SpectrumRecord]:
    """The party and its partners on the left-right scale, left to right; unscored last."""
    party = ds.raw["party"]
    rows = [_spectrum_row(party, True)]
    rows += [_spectrum_row(o, False) for o in filter_partners(ds, flt)]
    return sorted(rows, key=lambda r: (r["left_right"] is None, r["left_right"] or 0.0))


def _spectrum_row(org: Raw, subject: bool) -> SpectrumRecord:
    return {
        "id": org["id"],
        "name": org["name"],
        "type": org["type"],
        "country": org.get("country"),
        "left_right": org.get("left_right"),
        "ideology": list(org.get("ideology", ())),
        "subject": subject,
        "positions_source": org.get("positions_source"),
        "inferred": inferred_about(org, dict.fromkeys(SPECTRUM_FIELDS)),
    }


def country_counts(ds: Dataset, flt: PartnerFilter | None = None) -> list[CountryRecord]:
    """Partners per country (or region, for transnational bodies), split by type."""
    orgs = filter_partners(ds, flt) if flt else ds.raw_partners
    groups: dict[tuple[str | None, str | None, str | None], Counter[str]] = {}
    members: dict[tuple[str | None, str | None, str | None], list[Raw]] = {}
    named: dict[str, str | None] = {}  # a code's name: as its first partner spells it
    for org in orgs:
        country, code = org.get("country"), org.get("country_code")
        if code is not None:  # one country, however its partners spell it (Germany,
            country = named.setdefault(code, country)  # Deutschland, Германия): one row
        key = (country, code, None if country else org.get("region"))
        groups.setdefault(key, Counter())[org["type"]] += 1
        members.setdefault(key, []).append(org)
    rows = [
        cast(
            "CountryRecord",
            shaped(
                COUNTRY_FIELDS,
                country=c,
                country_code=code,
                region=region,
                partners=sum(n.values()),
                **{t: n.get(t, 0) for t in PARTNER_TYPE_VALUES},
                inferred=_grouped_inferences(
                    members[(c, code, region)],
                    {"country": c, "country_code": code, "region": region},
                ),
            ),
        )
        for (c, code, region), n in groups.items()
    ]
    rows.sort(key=lambda r: (-r["partners"], fold(r["country"] or r["region"] or "")))
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
        unsure = [o for o in orgs if key in {e["field"] for e in shapes.inferred(o)}]
        if not unsure:
            continue
        reasons = "; ".join(
            f"{o['name']}: {e['reason']}"
            for o in unsure
            for e in shapes.inferred(o)
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


def region_rows(ds: Dataset) -> list[RegionRecord]:
    """Every known region: what it is, its source, and how many partners it holds."""
    rows: list[RegionRecord] = []
    from ..data import regions

    for region in regions.regions().values():
        held = filter_partners(ds, PartnerFilter(region=region.name))
        members = regions.countries_of(region.name, ds.as_of)
        rows.append(
            {
                "name": region.name,
                "kind": region.kind,
                "aliases": list(region.aliases),
                "as_of": ds.as_of if region.dated else None,
                "within": list(region.within),
                "countries": len(members),
                "partners": len(held),
                "country_codes": sorted(members),
                "source": region.source,
                "note": region.note,
            }
        )
    return rows


def tag_rows(ds: Dataset) -> list[TagRecord]:
    """The partners' position and ideology tags (what --ideology matches), each with how
    many partners have it: positions first, from far left to far right, then ideologies
    by name."""
    from ..data.enums import POSITION_TAGS

    counts = Counter(tag for org in ds.raw_partners for tag in set(org.get("ideology", ())))
    order = {tag: i for i, tag in enumerate(POSITION_TAGS)}
    tags = sorted(counts, key=lambda t: (order.get(t, len(order)), fold(t)))
    return [
        {
            "tag": t,
            "kind": "position" if t in order else "ideology",
            "partners": counts[t],
        }
        for t in tags
    ]


def unknown_tag_notes(ds: Dataset, tags: tuple[str, ...]) -> list[str]:
    """For each --ideology tag that no partner has, a note suggesting close ones."""
    if not tags:
        return []  # without reading every partner's tags (an indexed file's are not read)
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


def map_data(
    ds: Dataset, flt: PartnerFilter
) -> tuple[list[CountryRecord], str | None, list[tuple[str, str | None]]]:
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
