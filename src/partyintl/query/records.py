"""The types of the records `query` hands to `render` and to the machine formats.

Each answer's record type lists its fields in the order of the command's declared field
tuple (query/fields.py, which `--fields`, CSV headers and empty answers use at run time);
tests/test_records.py holds each type's keys equal to its tuple, so the two cannot drift,
and mypy --strict holds every record `query` builds and every field `render` reads to
these types.

This module imports `typing` and is for type checking and tests: the other modules import
it under TYPE_CHECKING only, so the fast path's start-up never pays for `typing`.
Values are JSON: text, numbers, booleans, None, lists and objects; dates are EDTF text
(`2012-08-30`, `2007-06`, `2012~`).
"""

from __future__ import annotations

from typing import TypedDict

from ..data.jsontypes import Citation, Identifier, Inference, OtherName

__all__ = [
    "BandRecord",
    "Citation",
    "ContactRecord",
    "CountryRecord",
    "EventBrief",
    "Identifier",
    "Inference",
    "NetworkRecord",
    "OtherName",
    "PartnerRecord",
    "PeriodRecord",
    "PersonRecord",
    "PostRecord",
    "RegionRecord",
    "SourceRecord",
    "SpectrumRecord",
    "TagRecord",
    "TimelineRecord",
]


class PartnerRecord(TypedDict):
    """A partner of `partners` and `show`: the organisation's fields in the models' order,
    its listing spread out after `region` (list id, position, item as printed, the list's
    heading); its list item is the first of its `sources`."""

    id: str
    name: str
    type: str
    kind: str | None
    country: str | None
    country_code: str | None
    region: str | None
    list: str | None
    position: int | None
    printed: str | None
    list_heading: str | None
    part_of: str | None
    other_names: list[OtherName]
    description: str | None
    notes: list[str]
    inferred: list[Inference]
    sources: list[Citation]
    identifiers: list[Identifier]
    left_right: float | None
    ideology: list[str]
    positions_source: Citation | None


class SpectrumRecord(TypedDict):
    """A row of `spectrum`: the party (`subject`) or a partner, with its left-right score
    (0 left .. 10 right, as data/numbers.LEFT_RIGHT_SCALE) and where the score comes from."""

    id: str
    name: str
    type: str
    country: str | None
    left_right: float | None
    ideology: list[str]
    subject: bool
    positions_source: Citation | None
    inferred: list[Inference]


class CountryRecord(TypedDict):
    """A row of `countries` and `map`: partners counted in a country (or, for bodies with no
    country, a region), in all and by partner type."""

    country: str | None
    country_code: str | None
    region: str | None
    partners: int
    party: int
    international: int
    npo: int
    inferred: list[Inference]


class TimelineRecord(TypedDict):
    """A `timeline` entry: a status change or end, an event or an appointment; a period's
    entry runs to `end_date` or holds as of `as_of`."""

    date: str | None
    end_date: str | None
    as_of: str | None
    kind: str
    title: str
    organization_id: str | None
    status: str | None
    place: str | None
    people: list[str]
    countries: list[str]
    event_id: str | None
    description: str | None
    sources: list[Citation]
    inferred: list[Inference]


class PostRecord(TypedDict):
    """A post a person holds: role, body, since, as of, end, sources."""

    role: str
    organization_id: str
    organization: str
    start_date: str | None
    as_of: str | None
    end_date: str | None
    end_reason: str | None
    note: str | None
    sources: list[Citation]
    inferred: list[Inference]


class _EventBriefFields(TypedDict):
    id: str
    name: str
    type: str
    date: str | None
    place: str | None
    sources: list[Citation]
    inferred: list[Inference]


class EventBrief(_EventBriefFields, total=False):
    """An event in brief, inside a person or an organisation: with the role they had in it
    (after `date` in the record) when they took part."""

    role: str


class PersonRecord(TypedDict):
    """A person of `people`: posts, delegations led, other events, and their citations."""

    id: str
    name: str
    family_name: str
    other_names: list[str]
    posts: list[PostRecord]
    delegations_led: list[EventBrief]
    events: list[EventBrief]
    sources: list[Citation]
    inferred: list[Inference]


class ContactRecord(TypedDict):
    """A line of `contacts`: the texts in the language asked for, then both forms of each
    (as printed, and the English gloss); `formatted` is a number in international form."""

    id: str
    type: str
    value: str
    printed: str | None
    label: str | None
    office: str | None
    restriction: str | None
    note: str | None
    formatted: str
    language: str
    label_printed: str | None
    label_en: str | None
    office_printed: str | None
    office_en: str | None
    restriction_printed: str | None
    restriction_en: str | None
    sources: list[Citation]
    inferred: list[Inference]


class NetworkRecord(TypedDict):
    """A tie of `graph`: who, how (partner, member, part of, post), to whom, in a few words,
    as of when (for a tie with no end) and on which sources."""

    source: str
    relation: str
    target: str
    detail: str | None
    as_of: str | None
    sources: list[Citation]
    inferred: list[Inference]


class RegionRecord(TypedDict):
    """A region of `regions`: what it is, as of when its membership is counted, its
    countries (ISO alpha-2 codes) and how many partners it holds."""

    name: str
    kind: str
    aliases: list[str]
    as_of: str | None
    within: list[str]
    countries: int
    partners: int
    country_codes: list[str]
    source: str
    note: str | None


class SourceRecord(TypedDict):
    """A source of `sources`, with how many facts cite it."""

    id: str
    title: str
    publisher: str
    url: str | None
    language: str
    published: str | None
    as_of: str | None
    retrieved: str | None
    terms: str | None
    licence: str | None
    commit: str | None
    parts: list[str]
    lists: list[str]
    facts: int
    note: str | None


class TagRecord(TypedDict):
    """A tag of `tags`: a position (far-left .. far-right) or an ideology, and how many
    partners have it."""

    tag: str
    kind: str
    partners: int


class PeriodRecord(TypedDict):
    """A status period of a membership, with its end (explicit, or where the next begins)
    and, for one with no end, the date it is known to hold as of."""

    status: str
    start_date: str | None
    end_date: str | None
    end_status: str | None
    end_reason: str | None
    end_decided_at: str | None
    end_note: str | None
    end_sources: list[Citation]
    as_of: str | None
    decided_at: str | None
    sources: list[Citation]
    inferred: list[Inference]


class BandRecord(PeriodRecord):
    """A status period of the party in an international, as the timeline draws it."""

    organization_id: str
    organization: str
