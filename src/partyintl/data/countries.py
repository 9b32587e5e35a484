"""One place that turns 'de', 'DEU', 'Belorussia' or 'Viet Nam' into a country or a region."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..errors import UsageError
from ..slotted import Struct


class Country(Struct):
    """A country or territory: an English short name and its ISO alpha-2 code, if it has one."""

    __slots__ = ("name", "code")

    def __init__(self, name: str, code: str | None) -> None:
        self.name = name
        self.code = code


#: Everyday short names where ISO's name differs from common use.
SHORT_NAMES = {
    "BO": "Bolivia",
    "CZ": "Czechia",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "SY": "Syria",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "SZ": "Eswatini",
    "TR": "Turkey",
}

#: Older, colloquial and source-specific names, and abbreviations, mapped to alpha-2.
ALIASES = {
    "belorussia": "BY",
    "byelorussia": "BY",
    "white russia": "BY",
    "dprk": "KP",
    "democratic people's republic of korea": "KP",
    "republic of korea": "KR",
    "rsa": "ZA",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "burma": "MM",
    "ivory coast": "CI",
    "swaziland": "SZ",
    "macedonia": "MK",
    "kirghizia": "KG",
    "kirgizia": "KG",
    "moldavia": "MD",
    "turkiye": "TR",
    "state of palestine": "PS",
    "palestinian territories": "PS",
    "east timor": "TL",
    "cape verde": "CV",
    "persia": "IR",
    "soviet union": "RU",
    "vatican": "VA",
    # Countries' names for themselves, for the countries of the partners.
    "deutschland": "DE",
    "espana": "ES",
    "italia": "IT",
    "sverige": "SE",
    "suomi": "FI",
    "polska": "PL",
    "magyarorszag": "HU",
    "hellas": "GR",
    "ellada": "GR",
    "cesko": "CZ",
    "srbija": "RS",
    "bulgariya": "BG",
    "rossiya": "RU",
    "rossiia": "RU",
    "hayastan": "AM",
    "sakartvelo": "GE",
    "latvija": "LV",
    "lietuva": "LT",
    "kyrgyzstan respublikasy": "KG",
    "zhongguo": "CN",
    "bharat": "IN",
    "nederland": "NL",
    "brasil": "BR",
    "filastin": "PS",
    "россия": "RU",
    "беларусь": "BY",
    "україна": "UA",
}

#: Places without an ISO 3166-1 code of their own that data may name.
NON_ISO = {
    "south ossetia": "South Ossetia",
    "abkhazia": "Abkhazia",
    "kosovo": "Kosovo",
    "transnistria": "Transnistria",
    "northern cyprus": "Northern Cyprus",
}

_FOLD_DROP = re.compile(r"[\s.\-_'’,()]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _FOLD_DROP.sub(" ", bare.casefold()).strip()


def short_name(code: str) -> str:
    """The everyday English short name of an ISO alpha-2 code."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    return _names()[code]


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from ._iso import COUNTRIES

    return {a2: common or name for a2, _, name, common, _ in COUNTRIES}


@lru_cache(maxsize=1)
def _index() -> dict[str, Country]:
    """Every accepted spelling, folded, mapped to its country."""
    from ._iso import COUNTRIES  # pycountry's table, generated: importing it is free

    index: dict[str, Country] = {}
    for code, alpha_3, name, common, official in COUNTRIES:
        country = Country(short_name(code), code)
        for key in (code, alpha_3, name, country.name, common, official):
            if key:
                index[fold(key)] = country
    for alias, code in ALIASES.items():
        index[fold(alias)] = Country(short_name(code), code)
    for key, name in NON_ISO.items():
        index[fold(key)] = Country(name, None)
    return index


@lru_cache(maxsize=1024)
def is_iso_code(code: str) -> bool:
    """Whether a string is an assigned ISO 3166-1 alpha-2 code, by pycountry itself."""
    import pycountry

    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=4096)
def lookup(text: str) -> Country | None:
    """The country a name, code or alias means, or None."""
    return _index().get(fold(text))


def resolve(text: str) -> Country:
    """The country a user means; a UsageError with a suggestion when it is no country."""
    found = lookup(text)
    if found is not None:
        return found
    raise UsageError(f"'{text}' is not a country I know.", suggest(text, _display_names(), n=1))


def _display_names() -> list[str]:
    return sorted({c.name for c in _index().values()})


def suggest(text: str, choices: list[str], n: int = 3) -> list[str]:
    """Close matches for a mistyped value, compared without case or accents."""
    folded = {fold(c): c for c in choices}
    import difflib

    hits = difflib.get_close_matches(fold(text), list(folded), n=n, cutoff=0.6)
    return [folded[h] for h in hits]
