"""Pydantic models of the data file (schema version 2) and its value enums; no I/O here.

The field descriptions are the schema's documentation: `partyintl schema` prints them in
words and the JSON Schema carries them, so they are written once, here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from .._stops import StopsHeld

with StopsHeld():  # pydantic-core's native start-up, whole (_stops.StopsHeld)
    from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt
    from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
    from pydantic_core import core_schema

from ..escaping import HIDING_IN_NAMES, visible
from .dates import EDTF_PATTERN
from .enums import (
    PARTNER_TYPE_VALUES,
    ContactType,
    EventType,
    IdentifierScheme,
    NameUsage,
    OrgType,
    Role,
)
from .forms import CONTROLS, IDENTIFIER_FORMS, PHONE_TYPES, PHONE_VALUE, WEB_ADDRESS
from .numbers import LEFT_RIGHT_SCALE, MAX_ID_LENGTH, MAX_WHOLE, MIN_WHOLE, SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "Citation",
    "Contact",
    "ContactType",
    "CountryRef",
    "DatasetFile",
    "End",
    "Event",
    "EventType",
    "Identifier",
    "IdentifierScheme",
    "Inference",
    "Listing",
    "Membership",
    "NameUsage",
    "OrgType",
    "Organization",
    "OtherName",
    "Participant",
    "Person",
    "Place",
    "Post",
    "PrintedText",
    "Role",
    "Source",
    "SourceList",
    "SourcePart",
    "StatusPeriod",
]

#: A readable slug: lower-case letters and digits in dash-separated words.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: A status or end of a membership: lower-case words joined by _ or - (an open set).
STATUS_PATTERN = r"^[a-z]+([_-][a-z]+)*$"
#: A BCP 47 language tag: an ISO 639 code and optional subtags (ru, de, en-GB, sr-Latn).
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
#: What each pattern asks for, in the words validation errors use.
PATTERN_WORDS = {
    ID_PATTERN: "an id is lower-case letters and digits in words joined by '-', "
    "e.g. socialist-international",
    EDTF_PATTERN: "a date is EDTF: 2008, 2008-06, 2008-06-30, 2012/2017, 2012? or 201X",
    STATUS_PATTERN: "a status is lower-case words joined by _ or -, e.g. full or observer",
    LANGUAGE_PATTERN: "a language is a BCP 47 tag such as ru, de or en-GB",
}


def _schema_class(characters: str) -> str:
    """The inside of a character class, with every character that is not plainly printable
    written as an escape (`\\u202e`, escaping.visible) that JSON Schema's regular
    expressions (ECMA-262) and Python's read alike."""
    return "".join(
        c if c.isprintable() and c.isascii() and c != " " else visible(ord(c)) for c in characters
    )


#: JSON Schema of the rule for every text (load.py): no control character. Said as "not
#: a text holding one", as a pattern anchored at both ends is read differently by
#: Python's `re` ($ matches before a last newline) and by ECMA-262.
NO_CONTROLS: dict[str, Any] = {"not": {"pattern": f"[{CONTROLS}]"}}
#: JSON Schema of a name (rules.py name_problem): a character that is not white space,
#: and none that hides or reorders text (escaping.NOT_IN_NAMES) or is a control. Only the
#: JSON Schema carries it: validation says which character is wrong, in words.
NAME_RULE: dict[str, Any] = {
    "pattern": r"\S",
    "not": {"pattern": f"[{_schema_class(HIDING_IN_NAMES)}{CONTROLS}]"},
}
#: The form of an ISO 3166-1 alpha-2 code; validation also asks that ISO assigns it.
COUNTRY_CODE_PATTERN = "^[A-Z]{2}$"
#: Said of every whole number: what JSON Schema and `partyintl validate` take differently.
WHOLE_WORDS = (
    " Written without a fraction (2, not 2.0): JSON Schema counts 2.0 as a whole number and "
    "so takes it; `partyintl validate` does not."
)

#: Said of every name.
NAME_WORDS = (
    " Not empty or blank, and without a character that hides or reorders text (control "
    "characters, bidi controls, zero-width spaces)."
)

#: A name: the JSON Schema gives its rule, validation (rules.py) says what is wrong.
Name = Annotated[str, Field(json_schema_extra=NAME_RULE)]
#: A country code: the JSON Schema gives its form, validation (rules.py) asks ISO.
CountryCode = Annotated[str, Field(json_schema_extra={"pattern": COUNTRY_CODE_PATTERN})]
#: A web address: the JSON Schema gives its start, validation (rules.py) says what is wrong.
WebAddress = Annotated[str, Field(json_schema_extra={"pattern": "^" + WEB_ADDRESS})]

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=MAX_ID_LENGTH,
        description="A stable slug, unique in the file.",
    ),
]
#: A list position: counted from 1, and small enough for every output (see numbers.py).
Count = Annotated[StrictInt, Field(ge=MIN_WHOLE, le=MAX_WHOLE)]
#: A date as the source gives it; checked for real dates and order by the dataset layer.
Date = Annotated[
    str,
    Field(
        pattern=EDTF_PATTERN,
        description="A date in EDTF (ISO 8601-2) level 0 or 1, at the precision the source "
        "gives: 2008, 2008-06, 2008-06-30; a date known only within bounds is an interval "
        "(2012/2017: it falls within it); doubt is 2012? (uncertain) or 2012~ (approximate); "
        "unknown digits are X (201X). Never padded with 01.",
    ),
]
Language = Annotated[
    str,
    Field(
        pattern=LANGUAGE_PATTERN,
        description="A language as a BCP 47 tag whose first part is an ISO 639 code: ru, de, "
        "en, en-GB.",
    ),
]
Status = Annotated[
    str,
    Field(
        pattern=STATUS_PATTERN,
        description="A standing in an international, in the international's own terms "
        "(an open set): observer, consultative, full, associate, fraternal, suspended, ...",
    ),
]


class _Model(BaseModel):
    """Frozen and closed: unknown keys are errors; numbers are never taken from strings."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(_Model):
    """Where a fact comes from: one of the file's sources, and the place in it."""

    source: Id = Field(description="The id of one of the file's `sources`.")
    at: str = Field(
        min_length=1,
        description="Where in the source the fact stands, in words: 'paragraph 3', 'title', "
        "'contact block', 'list of upgrades: Russia, A Just Russia Party'. For a source that "
        "declares `parts` (the tables of a repository), the id of one of them.",
    )
    fields: tuple[str, ...] = Field(
        default=(),
        description="The fields of the record that this source states, when it does not "
        "state all of them (a dotted name for a part of one: place.country); empty for all.",
    )
    date: Date | None = Field(
        default=None,
        description="The date this source gives for the fact, where it differs from the "
        "record's (a page that dates a decision only to 2012/2017).",
    )
    note: str | None = Field(
        default=None, description="What a reader should know of this source on this fact."
    )


Sources = Annotated[
    tuple[Citation, ...],
    Field(
        default=(),
        description="The sources that state this record, each with the place in it; when "
        "several sources agree, each is cited; `fields` says which source states what.",
    ),
]


class Inference(_Model):
    """A value no source states but that is implied or known with certainty (or a reading)."""

    field: str = Field(description="The field of this record that holds the inferred value.")
    reason: str = Field(description="Why the value is certain although no source states it.")


class OtherName(_Model):
    """Another name an organisation or person is known by."""

    name: Name = Field(description="The alternative name or abbreviation, as written." + NAME_WORDS)
    note: str | None = Field(default=None, description="Where the name is used, in own words.")
    usage: NameUsage | None = Field(
        default=None,
        description="usual (the usual English name), short (an abbreviation), or own (the "
        "name in the party's own language).",
    )
    sources: Sources


def _when(field: str, values: list[str], then: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema: when `field` is one of `values`, the record also obeys `then`."""
    return {
        "if": {"properties": {field: {"enum": values}}, "required": [field]},
        "then": {"properties": then},
    }


def _also(*rules: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A model's JSON Schema hook: the record also obeys each of `rules`."""

    def add(schema: dict[str, Any]) -> None:
        schema["allOf"] = list(rules)

    return add


#: JSON Schema: the record cites a source (rules.py: "... cites no source").
CITES: dict[str, Any] = {"required": ["sources"], "properties": {"sources": {"minItems": 1}}}
#: JSON Schema of an identifier: its form by scheme (forms.IDENTIFIER_FORMS).
_IDENTIFIER_FORMS = [
    _when("scheme", [scheme], {"identifier": {"pattern": f"^(?:{form})$"}})
    for scheme, (form, _) in IDENTIFIER_FORMS.items()
]
#: JSON Schema of a phone contact: the stored form (forms.PHONE_VALUE).
_PHONE_FORM = _when("type", sorted(PHONE_TYPES), {"value": {"pattern": f"^(?:{PHONE_VALUE})$"}})
#: JSON Schema: an organisation has its place in a source's list.
LISTED: dict[str, Any] = {"required": ["listing"], "properties": {"listing": {"type": "object"}}}
#: An organisation cites a source, or its place in a source's list.
_ORGANIZATION_CITES = {"anyOf": [CITES, LISTED]}
#: A person cites a source, or has posts that all do.
_PERSON_CITES = {
    "anyOf": [
        CITES,
        {"required": ["posts"], "properties": {"posts": {"minItems": 1, "items": CITES}}},
    ]
}


class Identifier(_Model):
    """An id of the record in another dataset, and the source (table) it comes from."""

    model_config = ConfigDict(json_schema_extra=_also(*_IDENTIFIER_FORMS))

    scheme: IdentifierScheme = Field(
        description="partyfacts, wikidata, manifesto, vparty or parlgov."
    )
    identifier: str = Field(description="The id in that scheme (Q-number for Wikidata).")
    source: Id = Field(description="The id of the source it comes from (a Party Facts snapshot).")
    at: str = Field(
        min_length=1, description="The part of that source it was read from (a table's id)."
    )
    evidence: str | None = Field(
        default=None,
        description="Why it is the same party: country, names and years. Null for an id that "
        "a table links to the record's own Party Facts id.",
    )


class PrintedText(_Model):
    """A text as a source prints it, in its language, with an English gloss."""

    text: str = Field(description="Exactly as printed.")
    language: Language
    gloss: str | None = Field(
        default=None, description="What it says, in English; null when the text is English."
    )


class SourcePart(_Model):
    """A part of a source that facts cite by id: a table of a repository."""

    id: Id
    path: str = Field(description="Where the part is in the source (a file's path).")
    note: str | None = Field(default=None, description="What it holds, or how it was read.")


class SourceList(_Model):
    """A list a source prints: listed partners cite it by its id."""

    id: Id = Field(description="A slug for the list, unique in the file (partners, npo).")
    heading: str | None = Field(
        default=None, description="The list's heading exactly as printed; null if it has none."
    )
    note: str | None = Field(default=None, description="How the list is introduced otherwise.")


class Source(_Model):
    """A source of the data: a page, a document or a dataset, declared once and cited by id.
    It says as of when it holds: at least one of `published`, `as_of` and `retrieved`."""

    id: Id
    title: str = Field(description="The title, exactly as printed; not empty or blank.")
    url: WebAddress | None = Field(
        default=None,
        description="Where it is published; null when the copy read does not record it "
        "(`site` then says where).",
    )
    site: str | None = Field(default=None, description="The website it belongs to.")
    publisher: str = Field(description="Who publishes it; not empty or blank.")
    language: Language
    published: Date | None = Field(
        default=None,
        description="When it was published; an interval when known only within bounds "
        "(the range it is known to cover).",
    )
    as_of: Date | None = Field(
        default=None,
        description="The date its facts hold as of: what it says is known to be true then, "
        "not later. Null only when the file it was upgraded from did not record it.",
    )
    retrieved: Date | None = Field(default=None, description="When the copy read was taken.")
    file: str | None = Field(default=None, description="The stored copy that was read.")
    copyright: str | None = Field(default=None, description="Its copyright line's years.")
    terms: str | None = Field(
        default=None, description="Its terms of reuse, in own words; null if none are known."
    )
    licence: str | None = Field(
        default=None, description="Its licence as an SPDX id (MIT), when it has one."
    )
    commit: str | None = Field(
        default=None, description="For a repository: the commit that was read."
    )
    citation: str | None = Field(default=None, description="How its authors ask to be cited.")
    parts: tuple[SourcePart, ...] = Field(
        default=(), description="Its parts that facts cite by id (a repository's tables)."
    )
    lists: tuple[SourceList, ...] = Field(
        default=(), description="The lists it prints, which listed partners cite."
    )
    note: str | None = Field(default=None, description="What a reader of it should know.")


class Listing(_Model):
    """Where a partner stands in one of the lists a source prints."""

    list: Id = Field(description="The id of a list that one of the `sources` declares.")
    position: Count = Field(description="The item's number in that list (1-based)." + WHOLE_WORDS)
    printed: str = Field(description="The list item exactly as the source prints it.")


class Organization(_Model):
    """A party, international, non-profit or other body the sources name."""

    model_config = ConfigDict(json_schema_extra=_also(_ORGANIZATION_CITES))

    id: Id
    name: Name = Field(
        description="The name as the source gives it (a leading 'The' dropped)." + NAME_WORDS
    )
    type: OrgType = Field(description="party, international, npo, or another kind of body.")
    kind: str | None = Field(default=None, description="A finer classification, in plain words.")
    country: str | None = Field(default=None, description="English short name of the country.")
    country_code: CountryCode | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code; null for transnational bodies."
    )
    region: str | None = Field(
        default=None, description="The region a transnational body works in."
    )
    listing: Listing | None = Field(
        default=None, description="Its place in a source's list; null if only in the prose."
    )
    part_of: Id | None = Field(default=None, description="The id of the body it belongs to.")
    other_names: tuple[OtherName, ...] = Field(
        default=(), description="Widely used other forms and abbreviations."
    )
    description: str | None = Field(default=None, description="What the body is, in own words.")
    notes: tuple[str, ...] = Field(default=(), description="Remarks on the record, own words.")
    inferred: tuple[Inference, ...] = Field(
        default=(), description="Values of this record that no source states."
    )
    sources: Sources
    identifiers: tuple[Identifier, ...] = Field(
        default=(), description="Ids of the record in the field's datasets (Party Facts)."
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
    positions_source: Citation | None = Field(
        default=None, description="Where left_right and ideology come from (a source's table)."
    )


class End(_Model):
    """How and when a period (a status, a post) ended, and who says so."""

    model_config = ConfigDict(json_schema_extra=_also(CITES))

    date: Date | None = Field(description="When it ended; null if no source dates the end.")
    status: Status | None = Field(
        default=None,
        description="What the membership became: ended, expelled, left, suspended, ...; "
        "null for a post.",
    )
    reason: str = Field(description="Why it ended, in own words.")
    decided_at: Id | None = Field(
        default=None, description="The event (meeting) that decided it, if one is known."
    )
    note: str | None = Field(default=None, description="Remarks, in own words.")
    sources: Sources
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Post(_Model):
    """A position a person holds, as a source gives it: a period."""

    role: str = Field(description="The position, in the source's terms.")
    organization_id: Id = Field(description="The body the position is in.")
    start_date: Date | None = Field(default=None, description="Held since this date.")
    as_of: Date | None = Field(
        default=None, description="A date at which a source says the post was held."
    )
    end: End | None = Field(
        default=None, description="How it ended; null if no source says it has ended."
    )
    note: str | None = Field(default=None, description="Remarks, in own words.")
    sources: Sources
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Person(_Model):
    """Somebody the sources name."""

    model_config = ConfigDict(json_schema_extra=_also(_PERSON_CITES))

    id: Id
    name: Name = Field(description="The fullest form of the name the sources give." + NAME_WORDS)
    family_name: Name = Field(description="The family name." + NAME_WORDS)
    other_names: tuple[OtherName, ...] = Field(
        default=(), description="Other forms the sources use."
    )
    posts: tuple[Post, ...] = Field(default=(), description="Positions the sources give.")
    sources: Sources
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Place(_Model):
    """Where something happened."""

    city: str | None = Field(default=None, description="The city.")
    country: str | None = Field(default=None, description="English short name of the country.")
    country_code: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")


class Participant(_Model):
    """An organisation or person taking part in an event."""

    id: Id = Field(description="The id of an organisation, partner, the party or a person.")
    role: Role = Field(description="The part it plays.")


class CountryRef(_Model):
    """A country named as such, not through a party."""

    country: str = Field(description="English short name.")
    country_code: CountryCode = Field(description="ISO 3166-1 alpha-2 code.")


class Event(_Model):
    """An event or relationship the sources describe."""

    model_config = ConfigDict(json_schema_extra=_also(CITES))

    id: Id
    name: Name = Field(description="A short title, in own words." + NAME_WORDS)
    type: EventType = Field(description="What kind of event or relationship it is.")
    date: Date | None = Field(description="When it happened or began; null if undated.")
    end_date: Date | None = Field(default=None, description="When a span ended.")
    place: Place | None = Field(default=None, description="Where it happened.")
    organization_id: Id | None = Field(
        default=None, description="The body whose meeting or network it is."
    )
    participants: tuple[Participant, ...] = Field(
        default=(), description="Organisations and people involved."
    )
    countries: tuple[CountryRef, ...] = Field(
        default=(), description="Countries a source names as represented."
    )
    description: str = Field(description="What happened, in own words.")
    sources: Sources
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class StatusPeriod(_Model):
    """One standing in an international, from its start to its end (or the next standing)."""

    model_config = ConfigDict(json_schema_extra=_also(CITES))

    status: Status
    start_date: Date | None = Field(
        description="When the status was granted; null if no source dates it."
    )
    as_of: Date | None = Field(
        default=None,
        description="A date at which a source says the status still held (a period with no "
        "end is known to last to here, and is never shown as lasting beyond).",
    )
    end: End | None = Field(
        default=None,
        description="How it ended, when a source says so. A period followed by another "
        "ends where the next begins, for the reason and on the sources of the next.",
    )
    decided_at: Id | None = Field(
        default=None, description="The event (meeting) that granted it, if one is known."
    )
    sources: Sources
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


class Membership(_Model):
    """A party's membership of an international: its standings in date order."""

    id: Id
    member_id: Id = Field(description="The member (the party).")
    organization_id: Id = Field(description="The international.")
    periods: tuple[StatusPeriod, ...] = Field(
        min_length=1, description="Status periods in chronological order."
    )


class Contact(_Model):
    """One line of a contact block."""

    model_config = ConfigDict(json_schema_extra=_also(_PHONE_FORM, CITES))

    id: Id
    type: ContactType = Field(description="phone, fax, mobile or website.")
    value: str = Field(
        description="E.164 for numbers, with ';ext=' and the digits of an extension (RFC "
        "3966): +74957878515;ext=123; the address for a website."
    )
    printed: str = Field(description="The value exactly as the source prints it.")
    label: PrintedText = Field(description="The line's label, as printed, with a gloss.")
    office: PrintedText | None = Field(
        default=None, description="The office the line belongs to, as printed."
    )
    restriction: PrintedText | None = Field(
        default=None, description="Who may use it (the media only), as printed."
    )
    note: str | None = Field(default=None, description="How the line is read, in own words.")
    sources: Sources
    inferred: tuple[Inference, ...] = Field(default=(), description="Values not stated.")


def _partners(schema: dict[str, Any]) -> None:
    """The JSON Schema of `partners`: organisations whose type is a partner's (enums.
    PartnerType, a subset of OrgType) and that have their place in a source's list, rules
    that validation (rules.py) checks in its own words."""
    schema["items"] = {
        **schema["items"],
        "properties": {
            "type": {
                "enum": list(PARTNER_TYPE_VALUES),
                "description": "A partner is a party, an international or an npo.",
            },
        },
        "allOf": [LISTED],
    }


class _DataSchema(GenerateJsonSchema):
    """The JSON Schema generator of the data file: every text refuses control characters,
    as validation does (load.py)."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        """A text's JSON Schema, with the rule of every text (NO_CONTROLS)."""
        return {**super().str_schema(schema), **NO_CONTROLS}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, as `partyintl schema --json` prints
    it: DatasetFile's, with the rules of validation that JSON Schema can say."""
    return DatasetFile.model_json_schema(schema_generator=_DataSchema)


class DatasetFile(_Model):
    """A data file: one party's international relations, with the sources that state them."""

    schema_version: StrictInt = Field(
        ge=SCHEMA_VERSION,
        le=SCHEMA_VERSION,
        description="Version of this file format (2). `partyintl upgrade` turns a file of "
        "version 1 into one of version 2." + WHOLE_WORDS,
    )
    as_of: Date = Field(
        description="The date the file describes the party's relations as of: no fact in it "
        "is dated later, and regions (the EU, the CIS) are counted with their members on "
        "this date. Each source has its own as_of (a dataset of identifiers may be newer)."
    )
    licence: str | None = Field(
        default=None,
        description="The licence (SPDX id) of the file's own words: descriptions and notes.",
    )
    sources: tuple[Source, ...] = Field(
        min_length=1, description="Every source the file cites, declared once."
    )
    party: Organization = Field(description="The party whose relations these are.")
    partners: tuple[Organization, ...] = Field(
        description="Every listed partner, in order.",
        json_schema_extra=_partners,
    )
    organizations: tuple[Organization, ...] = Field(
        default=(), description="Other bodies the sources name."
    )
    memberships: tuple[Membership, ...] = Field(
        default=(), description="The party's memberships of internationals."
    )
    people: tuple[Person, ...] = Field(default=(), description="Everybody the sources name.")
    events: tuple[Event, ...] = Field(default=(), description="Events and relationships.")
    contacts: tuple[Contact, ...] = Field(default=(), description="The contact block.")
