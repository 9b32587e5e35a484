"""Value enums of the dataset, importable without pydantic."""

from __future__ import annotations

from enum import Enum


class OrgType(str, Enum):
    """What kind of body an organisation is."""

    PARTY = "party"
    INTERNATIONAL = "international"
    NPO = "npo"

    PARLIAMENT = "parliament"
    FACTION = "faction"
    COMMISSION = "commission"
    COMMITTEE = "committee"
    PARTY_UNIT = "party_unit"


class PartnerType(str, Enum):
    """The types a user can filter partners on (the partner subset of OrgType)."""

    PARTY = "party"
    INTERNATIONAL = "international"
    NPO = "npo"


#: The types a listed partner may have, as the file spells them.
PARTNER_TYPE_VALUES = tuple(t.value for t in PartnerType)

#: How words name one partner of each type, and several (figures' titles and counts, the
#: report, the network's columns); their colours and glyphs are in render/palette.py.
PARTNER_TYPE_WORDS = {
    PartnerType.PARTY.value: ("party", "parties"),
    PartnerType.INTERNATIONAL.value: ("international", "internationals"),
    PartnerType.NPO.value: ("non-profit organisation", "non-profit organisations"),
}

#: The words of `contacts --lang` besides a language: the English glosses (also the
#: language `en` itself) and the texts as printed.
GLOSS, PRINTED = "en", "printed"

#: Position tags of Wikipedia's classification (as Party Facts' wptags table has them),
#: from far left to far right, then those outside the scale; other tags are ideologies.
POSITION_TAGS = (
    "far-left",
    "left-wing",
    "centre-left",
    "centre",
    "centre-right",
    "right-wing",
    "far-right",
    "big tent",
    "syncretic",
)


#: Standings in an international that pictures know (their order and colours). Statuses
#: are an open set: a file may use any other, which is drawn in a neutral colour.
KNOWN_STATUSES = ("observer", "consultative", "associate", "fraternal", "full", "suspended")
#: How memberships usually end (End.status); also an open set.
END_STATUSES = ("ended", "expelled", "left")


class EventType(str, Enum):
    """The kinds of event and relationship the source describes."""

    CONGRESS = "congress"
    COUNCIL_MEETING = "council_meeting"
    AGREEMENT = "agreement"
    WORKING_GROUP = "working_group"
    FORUM = "forum"
    CONFERENCE = "conference"
    FORUM_SERIES = "forum_series"
    DIALOGUE = "dialogue"
    PUBLICATION = "publication"
    COOPERATION = "cooperation"


class Role(str, Enum):
    """The part an organisation or person plays in an event."""

    ORGANISER = "organiser"
    HOST = "host"
    PARTICIPANT = "participant"
    SIGNATORY = "signatory"
    HEAD_OF_DELEGATION = "head_of_delegation"
    MEMBER = "member"
    PARTNER = "partner"
    AUTHOR = "author"
    REPRESENTATIVE = "representative"


class ContactType(str, Enum):
    """The channel of a contact line."""

    PHONE = "phone"
    FAX = "fax"
    MOBILE = "mobile"
    WEBSITE = "website"


class IdentifierScheme(str, Enum):
    """The schemes of external identifiers: Party Facts and the datasets it links."""

    PARTYFACTS = "partyfacts"
    WIKIDATA = "wikidata"
    MANIFESTO = "manifesto"
    VPARTY = "vparty"
    PARLGOV = "parlgov"


class NameUsage(str, Enum):
    """What kind of other name a name from elsewhere is."""

    USUAL = "usual"
    SHORT = "short"
    OWN = "own"
