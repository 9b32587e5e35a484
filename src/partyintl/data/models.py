"""Pydantic models of the dataset and its value enums; no I/O here."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from .enums import (
    ContactType,
    EventType,
    IdentifierScheme,
    MemberStatus,
    NameUsage,
    OrgType,
    Role,
    SourceList,
)
from .numbers import LEFT_RIGHT_SCALE, MAX_WHOLE, MIN_WHOLE, SCHEMA_VERSION

__all__ = [
    "Contact",
    "ContactType",
    "CountryRef",
    "DatasetFile",
    "Event",
    "EventType",
    "ExternalSource",
    "Identifier",
    "IdentifierScheme",
    "Inference",
    "ListHeading",
    "Listing",
    "MemberStatus",
    "Membership",
    "OrgType",
    "Organization",
    "OtherName",
    "Participant",
    "Person",
    "Place",
    "Post",
    "Role",
    "Source",
    "SourceList",
    "StatusPeriod",
]

#: A readable slug: lower-case letters and digits in dash-separated words.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, description="A stable slug, unique in the file.")]
#: A list position or paragraph number: counted from 1, and small enough for every output
#: (see numbers.py).
Count = Annotated[StrictInt, Field(ge=MIN_WHOLE, le=MAX_WHOLE)]
#: ISO 8601 at the precision the source gives; checked for real dates by the dataset layer.
PartialDate = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        description="ISO 8601 date at year, month or day precision: 2008, 2008-04, 2008-06-30.",
    ),
]


class _Model(BaseModel):
    """Frozen and closed: unknown keys are errors; numbers are never taken from strings."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Inference(_Model):
    """A value the source implies or that is known with certainty, but does not state."""

    field: str = Field(description="The field of this record that holds the inferred value.")
    reason: str = Field(description="Why the value is certain although the source omits it.")


class OtherName(_Model):
    """Another name an organisation or person is known by."""

    name: str = Field(description="The alternative name or abbreviation.")
    note: str | None = Field(default=None, description="Where the name comes from or is used.")
    source: str | None = Field(
        default=None, description="Where a name from outside the page comes from (a table)."
    )
    usage: NameUsage | None = Field(
        default=None, description="usual (English), short, or own (the party's own language)."
    )


class Identifier(_Model):
    """An id of the record in another dataset, with where the link comes from (Popolo shape)."""

    scheme: IdentifierScheme = Field(
        description="partyfacts, wikidata, manifesto, vparty or parlgov."
    )
    identifier: str = Field(description="The id in that scheme (Q-number for Wikidata).")
    table: str = Field(description="The Party Facts table the link was read from.")
    commit: str = Field(description="The commit of the Party Facts repository read.")
    evidence: str | None = Field(
        default=None, description="Why it is the same party: country, names and years."
    )


class ExternalSource(_Model):
    """Where facts from outside the page come from."""

    table: str = Field(description="The file they were read from.")
    commit: str = Field(description="The commit of the repository read.")
    note: str | None = Field(default=None, description="How they were read or cleaned.")


class Listing(_Model):
    """Where a partner stands in one of the source's two lists."""

    list: SourceList = Field(description="Which list of the source names the partner.")
    position: Count = Field(description="The item's number in that list (1-based).")
    printed: str = Field(description="The list item exactly as the source prints it.")


class ListHeading(_Model):
    """How the page introduces one of its two lists."""

    list: SourceList = Field(description="Which list.")
    heading: str | None = Field(
        default=None, description="The list's heading exactly as printed; null if it has none."
    )
    note: str | None = Field(default=None, description="How the list is introduced otherwise.")


class Source(_Model):
    """The page the dataset was built from."""

    id: Id
    title: str = Field(description="The page's title.")
    site: str = Field(description="The website the page belongs to.")
    publisher: str = Field(description="Who publishes the site.")
    copyright: str = Field(description="The copyright years printed on the page.")
    file: str = Field(description="The captured copy of the page this dataset was built from.")
    note: str | None = Field(default=None, description="What a reader of the page should know.")
    lists: tuple[ListHeading, ...] = Field(
        default=(), description="The headings of the page's lists, as printed."
    )


class Organization(_Model):
    """A party, international, non-profit or other body the source names."""

    id: Id
    name: str = Field(description="The name as the source gives it (a leading 'The' dropped).")
    type: OrgType = Field(description="party, international, npo, or another kind of body.")
    kind: str | None = Field(default=None, description="A finer classification, in plain words.")
    country: str | None = Field(default=None, description="English short name of the country.")
    country_code: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code; null for transnational bodies."
    )
    region: str | None = Field(
        default=None, description="The region a transnational body works in."
    )
    listing: Listing | None = Field(
        default=None, description="Its place in the source's lists; null if only in the prose."
    )
    part_of: Id | None = Field(default=None, description="The id of the body it belongs to.")
    other_names: tuple[OtherName, ...] = Field(
        default=(), description="Widely used other forms and abbreviations."
    )
    description: str | None = Field(default=None, description="What the body is, in own words.")
    notes: tuple[str, ...] = Field(default=(), description="Remarks on the record.")
    inferred: tuple[Inference, ...] = Field(
        default=(), description="Values of this record that the source does not state."
    )
    paragraphs: tuple[Count, ...] = Field(
        default=(), description="Numbers of the source's prose paragraphs that mention it."
    )
    identifiers: tuple[Identifier, ...] = Field(
        default=(), description="Ids of the record in the field's datasets, from Party Facts."
    )
    left_right: StrictFloat | None = Field(
        default=None,
        ge=LEFT_RIGHT_SCALE[0],
        le=LEFT_RIGHT_SCALE[1],
        allow_inf_nan=False,
        description="Left-right position from Wikipedia's classifications (Party Facts), "
        "from -2.5 (far left) to 2.5 (far right); null when none is known.",
    )
    ideology: tuple[str, ...] = Field(
        default=(), description="Position and ideology tags from Wikipedia, cleaned."
    )
    positions_source: ExternalSource | None = Field(
        default=None, description="Where left_right and ideology come from."
    )


class Post(_Model):
    """A position a person holds, as the source gives it."""

    role: str = Field(description="The position, in the source's terms.")
    organization_id: Id = Field(description="The body the position is in.")
    start_date: PartialDate | None = Field(default=None, description="Held since this date.")
    as_of: PartialDate | None = Field(
        default=None, description="A date at which the source says the post was held."
    )
    note: str | None = Field(default=None, description="Remarks, in own words.")
    paragraph: Count = Field(description="The source paragraph that states the post.")
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Person(_Model):
    """Somebody the source names."""

    id: Id
    name: str = Field(description="The fullest form of the name the source gives.")
    family_name: str = Field(description="The family name.")
    other_names: tuple[OtherName, ...] = Field(
        default=(), description="Other forms the source uses."
    )
    posts: tuple[Post, ...] = Field(default=(), description="Positions the source gives.")
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Place(_Model):
    """Where something happened."""

    city: str | None = Field(default=None, description="The city.")
    country: str | None = Field(default=None, description="English short name of the country.")
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")


class Participant(_Model):
    """An organisation or person taking part in an event."""

    id: Id = Field(description="The id of an organisation, partner, the party or a person.")
    role: Role = Field(description="The part it plays.")


class CountryRef(_Model):
    """A country named as such, not through a party."""

    country: str = Field(description="English short name.")
    country_code: str = Field(description="ISO 3166-1 alpha-2 code.")


class Event(_Model):
    """An event or relationship the source describes."""

    id: Id
    name: str = Field(description="A short title, in own words.")
    type: EventType = Field(description="What kind of event or relationship it is.")
    date: PartialDate | None = Field(description="When it happened or began; null if undated.")
    end_date: PartialDate | None = Field(default=None, description="When a span ended.")
    place: Place | None = Field(default=None, description="Where it happened.")
    organization_id: Id | None = Field(
        default=None, description="The body whose meeting or network it is."
    )
    participants: tuple[Participant, ...] = Field(
        default=(), description="Organisations and people involved."
    )
    countries: tuple[CountryRef, ...] = Field(
        default=(), description="Countries the source names as represented."
    )
    description: str = Field(description="What happened, in own words.")
    paragraph: Count = Field(description="The source paragraph that states it.")
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class StatusPeriod(_Model):
    """One stage of a membership, from its start to the next stage."""

    status: MemberStatus = Field(description="observer, consultative or full.")
    start_date: PartialDate = Field(description="When the status was granted.")
    decided_at: Id = Field(description="The event (meeting) that granted it.")
    paragraph: Count = Field(description="The source paragraph that states it.")
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Membership(_Model):
    """The party's membership of an international, as a series of status periods."""

    id: Id
    member_id: Id = Field(description="The member (the party).")
    organization_id: Id = Field(description="The international.")
    periods: tuple[StatusPeriod, ...] = Field(
        min_length=1, description="Status periods in chronological order."
    )


class Contact(_Model):
    """One line of the source's contact block."""

    id: Id
    type: ContactType = Field(description="phone, fax, mobile or website.")
    value: str = Field(
        description="E.164 for numbers, with ';ext=' and the digits of an extension (RFC "
        "3966): +74957878515;ext=123; the address for a website."
    )
    printed: str = Field(description="The value exactly as the source prints it.")
    label_ru: str = Field(description="The Russian label exactly as printed.")
    label_en: str = Field(description="The label in English.")
    office_ru: str | None = Field(
        default=None, description="The office the line belongs to, as printed."
    )
    office_en: str | None = Field(default=None, description="The office in English.")
    restriction_ru: str | None = Field(default=None, description="Who may use it, as printed.")
    restriction_en: str | None = Field(default=None, description="The restriction in English.")
    note: str | None = Field(default=None, description="How the line is read, in own words.")
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class DatasetFile(_Model):
    """The whole data file."""

    schema_version: StrictInt = Field(
        ge=SCHEMA_VERSION, le=SCHEMA_VERSION, description="Version of this file format."
    )
    source: Source = Field(description="The page the data comes from.")
    party: Organization = Field(description="The party whose relations these are.")
    partners: tuple[Organization, ...] = Field(description="Every listed partner, in order.")
    organizations: tuple[Organization, ...] = Field(
        default=(), description="Other bodies the prose names."
    )
    memberships: tuple[Membership, ...] = Field(
        default=(), description="The party's memberships of internationals."
    )
    people: tuple[Person, ...] = Field(default=(), description="Everybody the source names.")
    events: tuple[Event, ...] = Field(default=(), description="Events and relationships.")
    contacts: tuple[Contact, ...] = Field(default=(), description="The contact block.")
