"""A proposed type for a listed body (party, international or npo), with its reason.

A proposal, not a fact: the list's heading and the words of the name suggest it, and a
person confirms it. The heading counts first ("NCO (Non-Profit Organizations)": npo),
then the name: words of a federation, network or gathering of parties ("International",
"Conference", "Forum", "Group of", "parties", a parliament, or a region without a country)
make an international; words of a foundation or institute an npo; anything else is
proposed as a party, the commonest partner of a party. The words are English, German,
French, Spanish, Portuguese, Italian, Dutch, Swedish and Russian forms; the words for an
international and a foundation in any case ("Социалистический интернационал").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.enums import PartnerType

__all__ = ["Proposal", "propose_type"]

#: A heading of a list of non-profits.
_NPO_HEADING = re.compile(
    r"non[- ]?profit|non[- ]?governmental|\bN[GCP]Os?\b|foundations?|institut|think[- ]?tanks?|"
    r"stiftung|fondation|fundaci|funda[cç][aã]o|fondazion|stichting|некоммерч|фонд",
    re.IGNORECASE,
)
#: A heading of a list of internationals.
_INTERNATIONAL_HEADING = re.compile(
    r"\binternationals\b|federations|networks|международн|"
    r"\binternational\s+(?:organi[sz]ations|bodies|associations|alliances)\b|"
    r"\binternationale\s+(?:organisationen|zusammenschl)|"
    r"\borgani[sz]ations?\s+internationales?\b|\borganizaciones\s+internacionales\b|"
    r"\borganizações\s+internacionais\b|\borganizzazioni\s+internazionali\b",
    re.IGNORECASE,
)
#: A heading of a list of parties.
_PARTY_HEADING = re.compile(r"\bpart(y|ies)\b|parteien|partis|partidos|partiti|парти", re.I)
#: Words of a gathering of parties.
_INTERNATIONAL = re.compile(
    r"(?i:\binternational[ea]?\b(?!\s+(?:center|centre|institute|foundation)))|\bConference\b|"
    r"\bForum\b|\bFor[oa]\b|\bNetwork\b|\bGroup of\b|\bParliament\b|\bparties\b|"
    r"(?i:\binternacional\b|\bintern[ae]tionale\b|\bинтернационал\w*)",
)
#: Words of a foundation, institute or research centre.
_NPO = re.compile(
    r"\bFoundation\b|\bInstitute\b|\bCent(er|re)\b|\bStudies\b|\bResearch\b|\bAcademy\b|"
    r"(?i:\bfoundation\b|stiftung\b|\bfondation\b|\bfundaci[oó]n\b|\bfunda[cç][aã]o\b|"
    r"\bfondazione\b|\bstichting\b|\bfundacj\w*|\bфонд\w*)|\bInstitut\b|\bFond\b|(?i:институт\w*)|Центр|"
    r"\bCentro\b|\bInstituto\b|\bIstituto\b|\bEstudios\b",
)
#: The word party in the languages pages name partners in: a name holding it is a party's
#: unless a foundation's word is its head ("Institute of the Communist Party").
_PARTY = re.compile(
    r"(?i:\bpart(?:y|i|ei|ido|ito|ij|ia|ija|iet)\b|\bпарти[яи]\b|\bstran[ak]a\b|\bpárt\b)"
)
#: Where a name's head ends and what it governs begins ("Party | of the Democratic
#: Centre", "Institute | for Social Democracy").
_GOVERNED = re.compile(r"\s(?:of|for|de|del|des|du|di|der|des|für|van|voor)\s", re.IGNORECASE)


def _party_is_head(name: str, other: re.Pattern[str]) -> bool:
    """Whether, of a name holding both the word party and another kind's word (`other`: a
    foundation's, a gathering's), the party is what it names. In English, and in a
    compound joined by a hyphen ("Partei-Stiftung"), the head is the last of the two
    before what it governs ("Centre Party", "Network Party", "Party of the Democratic
    Centre"; not "Institute of the Communist Party"); in the other languages it comes
    first ("Partei Die Linke", "Партия «Центр»"; not "Fundación Partido Popular")."""
    party, found = _PARTY.search(name), other.search(name)
    if party is None or found is None:
        return party is not None
    first, second = sorted((party, found), key=lambda m: m.start())
    compound = not any(c.isspace() for c in name[first.end() : second.start()])
    if party.group(0).casefold() != "party" and not compound:
        return party.start() < found.start()
    head = _GOVERNED.split(name, maxsplit=1)[0]
    parties = [m.start() for m in _PARTY.finditer(head)]
    others = [m.start() for m in other.finditer(head)]
    return bool(parties) and (not others or max(parties) > max(others))


@dataclass(frozen=True)
class Proposal:
    """A type and why it is proposed."""

    type: str
    reason: str


def propose_type(name: str, heading: str | None, transnational: bool = False) -> Proposal:
    """The proposed type of a body named `name` in a list under `heading` (None if the list
    has none); `transnational`: the item gives a region and no country."""
    if heading and _NPO_HEADING.search(heading):
        return Proposal(PartnerType.NPO.value, f"the list's heading '{heading}'")
    if heading and _INTERNATIONAL_HEADING.search(heading):
        return Proposal(PartnerType.INTERNATIONAL.value, f"the list's heading '{heading}'")
    if heading and _PARTY_HEADING.search(heading):
        return Proposal(PartnerType.PARTY.value, f"the list's heading '{heading}'")
    party = _PARTY.search(name)
    found = _INTERNATIONAL.search(name)
    if found and party and _party_is_head(name, _INTERNATIONAL):  # "Network Party"
        return Proposal(PartnerType.PARTY.value, f"the name's '{party.group(0)}'")
    if found:
        return Proposal(PartnerType.INTERNATIONAL.value, f"the name's '{found.group(0)}'")
    found = _NPO.search(name)
    if found and party and _party_is_head(name, _NPO):  # "Centre Party": a party's centre
        return Proposal(PartnerType.PARTY.value, f"the name's '{party.group(0)}'")
    if found:
        return Proposal(PartnerType.NPO.value, f"the name's '{found.group(0)}'")
    if transnational:
        return Proposal(
            PartnerType.INTERNATIONAL.value, "a body of a region, with no country of its own"
        )
    return Proposal(
        PartnerType.PARTY.value,
        "no word of a gathering of parties (International, Conference, Forum, Network, "
        "Group of) nor of a foundation or institute in its name",
    )
