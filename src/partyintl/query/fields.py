"""The fields of every answer's records, in order, written once here, and the check of
`--fields` against them.

An answer with no records has the same fields (render/views.py gives them to the views, so
--fields, the CSV header and the JSON shape never depend on which rows happen to be
there); tests/test_empty.py holds every record of a full answer to them, and
tests/test_records.py holds each tuple to its record type in query/records.py.
"""

from __future__ import annotations

from ..data import shapes
from ..data.enums import PARTNER_TYPE_VALUES
from ..data.suggest import close_matches
from ..errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]
    Raw = dict[str, Any]


#: A partner's listing, spread out after its region, with the heading of its list.
LISTING_FIELDS = ("list", "position", "printed", "list_heading")


#: A partner: the models' fields in their order, the listing spread out (its item is the
#: first of its `sources`).
PARTNER_FIELDS: tuple[str, ...] = tuple(
    field
    for name, _ in shapes.ORGANIZATION
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
NETWORK_FIELDS = ("source", "relation", "target", "detail", "as_of", "sources", "inferred")


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


def check_fields(wanted: list[str], valid: list[str]) -> None:
    """A usage error naming the valid fields when a wanted one is not among them, or
    naming the field asked for twice (JSON holds a key once, CSV would repeat a column)."""
    unknown = [w for w in wanted if w not in valid]
    if unknown:
        raise UsageError(
            f"Unknown field '{unknown[0]}'. Valid fields: {', '.join(valid)}.",
            close_matches(unknown[0], valid, n=1),
        )
    twice = next((w for n, w in enumerate(wanted) if w in wanted[:n]), None)
    if twice is not None:
        from ..cli.spec import flag

        raise UsageError(f"{flag('fields')} names '{twice}' twice: give each field once.")
