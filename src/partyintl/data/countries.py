"""One place that turns 'de', 'DEU', 'Belorussia', 'DR Congo' or 'USSR' into a country.

Where the names come from:
- ISO 3166-1 as pycountry gives it (code, alpha-3, name, common and official name),
  generated into _iso.py, with the forms sources print of its inverted names
  ("Congo, The Democratic Republic of the" is also "The Democratic Republic of the Congo";
  "Virgin Islands, British" is also "British Virgin Islands"), and of its bracketed ones
  ("Sint Maarten (Dutch part)" is also "Sint Maarten");
- ISO 3166-3 (pycountry's historic countries, also in _iso.py) for the names of former
  countries: a country renamed or merged (Zaire, Burma, the German Democratic Republic)
  means the country ISO names as its successor; one that was divided (the USSR,
  Czechoslovakia, Yugoslavia) is a place of its own, without an ISO 3166-1 code, that
  knows the countries that followed it (DIVIDED);
- ALIASES below: everyday names, abbreviations and older names that neither standard has
  ("DRC", "Congo-Kinshasa", "Holland", "Ceylon"), the official forms that sources print
  ("Commonwealth of Australia"), and the countries' names for themselves. The tests check
  them against country_converter's table (a maintained, regex-based source used across
  the social sciences; not a run-time dependency: it is GPL-3.0, needs pandas, takes over
  a second to import, and its version 1.3.2 fails to start on pandas 3).
Names are compared without case, accents, dots or punctuation; "&" reads as "and",
"St" as "Saint", a final "Is" as "Islands", and a leading "The" is dropped. A name that
two countries share ("Korea", "Virgin Islands") means neither.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from ..errors import UsageError
from ..patterns import pattern
from ..structs import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable


class Country(Struct):
    """A country or territory: an English short name and its ISO alpha-2 code, if it has one.

    A former country that was divided has no code; `successors` lists the ISO codes of the
    countries that followed it and `ended` the date ISO 3166-3 withdrew its code.
    """

    __slots__ = ("name", "code", "successors", "ended")

    def __init__(
        self,
        name: str,
        code: str | None,
        successors: tuple[str, ...] = (),
        ended: str | None = None,
    ) -> None:
        self.name = name
        self.code = code
        self.successors = successors
        self.ended = ended


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

#: Names neither ISO standard has, mapped to alpha-2: everyday names and abbreviations,
#: older names of countries whose code did not change, official forms sources print, and
#: the countries' names for themselves.
ALIASES = {
    # The World Bank's names (World Development Indicators) of territories it lists under
    # the country they belong to: not a list of two places.
    "hong kong sar, china": "HK",
    "macao sar, china": "MO",
    "taiwan, china": "TW",
    # The WTO's and APEC's names of the same places ("Hong Kong, China" is a WTO member
    # by that name): one place each, as the World Bank's.
    "hong kong, china": "HK",
    "macao, china": "MO",
    "macau, china": "MO",
    # Everyday names and abbreviations.
    "belorussia": "BY",
    "byelorussia": "BY",
    "white russia": "BY",
    "dprk": "KP",
    "democratic people's republic of korea": "KP",
    "republic of korea": "KR",
    "rok": "KR",
    "rsa": "ZA",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "czech republic": "CZ",
    "slovak republic": "SK",
    "kyrgyz republic": "KG",
    "holland": "NL",
    "burma": "MM",
    "ivory coast": "CI",
    "turkiye": "TR",
    "state of palestine": "PS",
    "palestinian territories": "PS",
    "east timor": "TL",
    "timor leste": "TL",
    "cape verde": "CV",
    "vatican": "VA",
    "vatican city state": "VA",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "congo kinshasa": "CD",
    "congo brazzaville": "CG",
    "congo republic": "CG",
    "republic of congo": "CG",
    "uae": "AE",
    "emirates": "AE",
    "prc": "CN",
    "mainland china": "CN",
    "republic of china": "TW",
    "hong kong sar": "HK",
    "macau": "MO",
    "macau sar": "MO",
    "macao sar": "MO",
    "lao pdr": "LA",
    "micronesia fed sts": "FM",
    "falkland islands": "FK",
    "heard and mcdonald islands": "HM",
    "saint barths": "BL",
    "saint martin": "MF",
    "sint maarten": "SX",
    "south georgia and south sandwich islands": "GS",
    "svalbard and jan mayen islands": "SJ",
    "wallis and futuna islands": "WF",
    "united states virgin islands": "VI",
    "us virgin islands": "VI",
    "bonaire saint eustatius and saba": "BQ",
    "guiana": "GF",
    # Official forms sources print that pycountry does not give.
    "commonwealth of australia": "AU",
    "nation of brunei abode of peace": "BN",
    "territory of the cocos keeling islands": "CC",
    "country of curacao": "CW",
    "state of eritrea": "ER",
    "territory of the french southern and antarctic lands": "TF",
    "co operative republic of guyana": "GY",
    "territory of heard island and mcdonald islands": "HM",
    "republic of hungary": "HU",
    "state of libya": "LY",
    "republic of the union of myanmar": "MM",
    "republic of niger": "NE",
    "republic of rwanda": "RW",
    "territorial collectivity of saint barthelemy": "BL",
    "oriental republic of uruguay": "UY",
    "socialist republic of vietnam": "VN",
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

#: Former countries that ISO 3166-3 lists as divided (or whose successor code was itself
#: withdrawn), by ISO 3166-3 alpha-4 code: the short name to show, and the ISO 3166-1
#: codes of the countries that followed (Kosovo, which has no code, follows Yugoslavia too).
DIVIDED = {
    "SUHH": ("Soviet Union", "AM AZ BY EE GE KG KZ LT LV MD RU TJ TM UA UZ"),
    "CSHH": ("Czechoslovakia", "CZ SK"),
    "YUCS": ("Yugoslavia", "BA HR ME MK RS SI"),
    "CSXX": ("Serbia and Montenegro", "ME RS"),
    "ANHH": ("Netherlands Antilles", "BQ CW SX"),
    "GEHH": ("Gilbert and Ellice Islands", "KI TV"),
    "PCHH": ("Trust Territory of the Pacific Islands", "FM MH MP PW"),
    "FQHH": ("French Southern and Antarctic Territories", "AQ TF"),
    "NTHH": ("Neutral Zone", "IQ SA"),
}

#: Names of divided former countries that ISO 3166-3 does not give, by alpha-4 code.
DIVIDED_ALIASES = {
    "soviet union": "SUHH",
    "ussr": "SUHH",
    "cccp": "SUHH",
    "ссср": "SUHH",
    "советский союз": "SUHH",
    "socialist federal republic of yugoslavia": "YUCS",
    "federal republic of yugoslavia": "YUCS",
    "sfry": "YUCS",
}

#: Places without an ISO 3166-1 code of their own that data may name.
NON_ISO = {
    "south ossetia": "South Ossetia",
    "abkhazia": "Abkhazia",
    "kosovo": "Kosovo",
    # The code the EU, the IMF and others give Kosovo (user-assigned in ISO 3166).
    "xk": "Kosovo",
    "transnistria": "Transnistria",
    "northern cyprus": "Northern Cyprus",
}

#: Parts of a country that data and pages name as if countries, by the country they are
#: part of: `--country England` means the United Kingdom, and a draft that reads one
#: marks the country inferred (part_of).
PARTS = {"england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB"}

#: Former states that joined another to make a country of today (not renamed: merged), by
#: that country: data naming one means it, and a draft that reads one marks the country
#: inferred (former_reason). With ISO 3166-3's own names of these (German Democratic
#: Republic, DDDE; Democratic Yemen, YDYE; Democratic Republic of Viet-Nam, VDVN; Sikkim,
#: SKIN, which joined India).
MERGED = {
    "east germany": "DE",
    "gdr": "DE",
    "ddr": "DE",
    "south yemen": "YE",
    "democratic yemen": "YE",
    "people's democratic republic of yemen": "YE",
    "pdr yemen": "YE",
    "pdry": "YE",
    "north yemen": "YE",
    "yemen arab republic": "YE",
    "yar": "YE",
    "north vietnam": "VN",
    "north viet nam": "VN",
    "democratic republic of vietnam": "VN",
    "south vietnam": "VN",
    "south viet nam": "VN",
    "republic of vietnam": "VN",
}
_MERGED_ISO = ("DDDE", "YDYE", "VDVN", "SKIN")

#: Older names of countries whose ISO code did not change (ISO 3166-3 lists only withdrawn
#: codes, whose names are read too): data naming one means the country, and a draft marks
#: it inferred (former_reason).
RENAMED = {
    "swaziland": "SZ",
    "macedonia": "MK",
    "republic of macedonia": "MK",
    "fyr macedonia": "MK",
    "former yugoslav republic of macedonia": "MK",
    "kirghizia": "KG",
    "kirgizia": "KG",
    "moldavia": "MD",
    "persia": "IR",
    "byelorussian ssr": "BY",
    "belorussian ssr": "BY",
    "ceylon": "LK",
    "siam": "TH",
    "kampuchea": "KH",
    "democratic kampuchea": "KH",
    "rhodesia": "ZW",
    "west germany": "DE",
    "frg": "DE",
    "portuguese timor": "TL",
}

#: Codes others give a country beside ISO's: the European Union's for Greece (Eurostat,
#: the EU's institutions).
OTHER_CODES = {"el": "GR"}

#: Capitals that are a country's everyday name (UK, USA, DPRK, GDR, USSR), not only a
#: code: the aliases of letters alone, up to four, that are neither an ISO code nor
#: another's (OTHER_CODES).
EVERYDAY_CAPITALS = frozenset(
    alias.upper()
    for alias in (*ALIASES, *DIVIDED_ALIASES, *MERGED, *RENAMED)
    if alias.isascii() and alias.isalpha() and len(alias) <= 4
)

#: What `fold` turns into one space: spaces and punctuation (a regular expression that
#: JavaScript reads alike, for the report page's filter).
FOLD_DROP = r"[\s.\-_'’,()]+"
_FOLD_DROP = pattern(FOLD_DROP)


def dropped_in_words(char: str) -> bool:
    """Whether `fold` drops a character from within a word: a combining mark (after
    decomposing), or a format character that shows nothing (Unicode's Cf: a soft hyphen, a
    zero-width space or joiner, a bidi mark), as text pasted from a web page holds them."""
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Cf"


class _CombiningMarks(dict):  # type: ignore[type-arg]
    """A str.translate table that drops what dropped_in_words says: each code point is
    looked up in unicodedata once, the first time it is seen, then answered from the dict
    in C."""

    def __missing__(self, code: int) -> int | None:
        kept = None if dropped_in_words(chr(code)) else code
        self[code] = kept
        return kept


_DROP_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for matching.

    Whole-string operations only (no Python step per character): ASCII is lower-cased;
    other text is decomposed (NFKD), stripped of combining marks and of the format
    characters that show nothing (dropped_in_words), and case-folded.
    """
    if text.isascii():  # NFKD and casefold change nothing else in ASCII
        return _drop(text.lower())
    bare = unicodedata.normalize("NFKD", text).translate(_DROP_MARKS)
    return _drop(bare.casefold())


def _drop(text: str) -> str:
    """FOLD_DROP's runs as one space, and none at the ends. Letters and digits with single
    spaces between them need no pattern (nor the `re` module): most names are such."""
    if "  " not in text and text.replace(" ", "").isalnum():
        return text.strip()
    return _FOLD_DROP.sub(" ", text).strip()


_AND = pattern(r"\s*&\s*")
_SAINT = pattern(r"\bst\b")


def name_key(text: str) -> str:
    """A country name in the form names are compared in: folded (see fold), dots dropped
    ("U.S." is "US"), "&" read as "and", "St" as "Saint", a final "Is" as "Islands", a
    leading "The" dropped."""
    if "." in text:
        text = text.replace(".", "")
    if "&" in text:
        text = _AND.sub(" and ", text)
    key = fold(text)
    if "st" in key:
        key = _SAINT.sub("saint", key)
    if key.startswith("the "):
        key = key[4:]
    return key + "lands" if key.endswith(" is") else key  # "Turks and Caicos Is."


def short_name(code: str) -> str:
    """The everyday English short name of an ISO alpha-2 code."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    return _names()[code]


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from ._iso import COUNTRIES

    return {a2: common or name for a2, _, name, common, _ in COUNTRIES}


def _variants(name: str) -> list[str]:
    """Other forms of an ISO name: inverted ("Korea, Republic of" -> "Republic of Korea")
    and without its brackets ("Sint Maarten (Dutch part)" -> "Sint Maarten")."""
    found = []
    if ", " in name:
        head, tail = name.split(", ", 1)
        found.append(f"{tail} {head}")
    import re

    bare = re.sub(r"\s*\([^)]*\)", "", name)
    if bare != name:
        found.append(bare)
    return found


def _heads(names: list[str]) -> dict[str, int]:
    """How many names share each part before a comma ("Korea" is two countries')."""
    counts: dict[str, int] = {}
    for name in names:
        if ", " in name:
            head = name_key(name.split(", ", 1)[0])
            counts[head] = counts.get(head, 0) + 1
    return counts


@lru_cache(maxsize=1)
def _index() -> dict[str, Country]:
    """Every accepted spelling, in name_key form, mapped to its country (build_index's,
    read from the table scripts/gen_static.py writes of it)."""
    from ._country_index import INDEX

    return {key: _country(number) for key, number in INDEX.items()}


@cache
def _country(number: int) -> Country:
    """The place of that number in the generated index's PLACES."""
    from ._country_index import PLACES

    return Country(*PLACES[number])


#: Where a name of several parts divides ("Saint Helena, Ascension and Tristan da Cunha").
_PARTS_OF_A_NAME = pattern(r", | and ")


def build_index() -> dict[str, Country]:
    """Every accepted spelling, in name_key form, mapped to its country.

    Standard names and ALIASES come first; variants (inverted and unbracketed names, the
    names before a comma, each part of a name of parts joined by "and" and commas, the names
    and codes of former countries) never replace them, and
    a variant two places share is left out.
    """
    from ._iso import COUNTRIES, FORMER  # pycountry's tables, generated: importing is free

    index: dict[str, Country] = {}
    weak: dict[str, Country | None] = {}

    def offer(key: str, country: Country) -> None:
        """A variant: kept unless a standard name has the key or another place shares it."""
        k = name_key(key)
        if k in weak and weak[k] != country:
            weak[k] = None
        else:
            weak[k] = country

    assigned = {row[0] for row in COUNTRIES}
    for code, alpha_3, name, common, official in COUNTRIES:
        country = Country(short_name(code), code)
        for key in (code, alpha_3, name, country.name, common, official):
            if key:
                index[name_key(key)] = country
        for key in (*_variants(name), *_variants(official)):
            offer(key, country)
        if ", " in name:
            offer(name.split(", ", 1)[0], country)
        if " and " in name:  # each part of a name of parts: Tobago, Nevis, Ascension, Saba
            for part in _PARTS_OF_A_NAME.split(name):
                offer(part, country)
    for alias, code in (
        *ALIASES.items(),
        *OTHER_CODES.items(),
        *PARTS.items(),
        *MERGED.items(),
        *RENAMED.items(),
    ):
        index[name_key(alias)] = Country(short_name(code), code)
    for key, place in NON_ISO.items():
        index[name_key(key)] = Country(place, None)
    former = {row[2]: _former(row, assigned) for row in FORMER}
    for alpha_2, alpha_3, alpha_4, name, _ in FORMER:
        country = former[alpha_4]
        head, _, tail = name.partition(", ")
        for key in (name, *_variants(name), head):
            offer(key, country)
        if tail and not tail.endswith(" of"):  # "USSR, Union of Soviet Socialist Republics"
            offer(tail, country)
        for code in (alpha_2, alpha_3):
            offer(code, country)
    for alias, alpha_4 in DIVIDED_ALIASES.items():
        index[name_key(alias)] = former[alpha_4]
    for alpha_4, (name, _) in DIVIDED.items():
        index[name_key(name)] = former[alpha_4]
    for key, variant in weak.items():
        if variant is not None and key not in index:
            index[key] = variant
    return index


def _former(row: tuple[str, str, str, str, str], assigned: set[str]) -> Country:
    """What a former country's name means: its successor when ISO 3166-3 names one that is
    assigned today, else (DIVIDED) a place of its own that knows its successors."""
    alpha_2, _, alpha_4, _, withdrawn = row
    if alpha_4 in DIVIDED:
        name, successors = DIVIDED[alpha_4]
        return Country(name, None, tuple(successors.split()), withdrawn)
    for code in (alpha_4[2:], alpha_2):  # BYAA: the code BY itself was kept
        if code in assigned:
            return Country(short_name(code), code)
    raise AssertionError(f"ISO 3166-3 {alpha_4} has no successor: add it to DIVIDED")


@lru_cache(maxsize=1024)
def is_iso_code(code: str) -> bool:
    """Whether a string is an assigned ISO 3166-1 alpha-2 code, by pycountry itself."""
    import pycountry

    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def part_of(text: str) -> str | None:
    """Why a name of a part of a country (PARTS: "England") means the country, in words
    that stand beside the country they explain ("England is a part of that country; the
    item names the part only"); None for any other text."""
    key = name_key(text)
    code = next((c for part, c in PARTS.items() if name_key(part) == key), None)
    if code is None:
        return None
    return f"{text.strip()} is a part of that country; the item names the part only"


def former_reason(text: str) -> str | None:
    """Why a former country's name means a country of today, in words that stand beside
    that country: a former state that joined another (MERGED, ISO 3166-3's merged ones:
    "the GDR is a former state that became part of that country; the item names the
    former state"), or the country under an older name (RENAMED, ISO 3166-3's other
    withdrawn names: "Zaire is an older name of that country; the item names it so");
    None for any other text (and for a former country divided among several: DIVIDED)."""
    merged, renamed = _former_keys()
    key = name_key(text)
    shown = text.strip()
    the = "the " if shown.isupper() or "Republic" in shown else ""  # the GDR; South Yemen
    if key in merged:
        return (
            f"{the}{shown} is a former state that became part of that country; the item "
            "names the former state"
        )
    if key in renamed:
        return f"{the}{shown} is an older name of that country; the item names it so"
    return None


@cache
def _former_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The name keys of former states that joined another and of older names (MERGED and
    RENAMED, with ISO 3166-3's names of each: its name, variants, the part before a comma
    unless that is a country of today's, "France, Metropolitan", and its alpha-3 code)."""
    from ._iso import COUNTRIES, FORMER

    today = {name_key(n) for row in COUNTRIES for n in row[2:] if n}

    def names(rows: Iterable[tuple[str, ...]]) -> set[str]:
        return {
            name_key(n)
            for _, alpha_3, _, name, _ in rows
            for n in (name, *_variants(name), name.partition(", ")[0], alpha_3)
            if name_key(n) not in today
        }

    merged = [row for row in FORMER if row[2] in _MERGED_ISO]
    renamed = [row for row in FORMER if row[2] not in _MERGED_ISO and row[2] not in DIVIDED]
    return (
        frozenset({name_key(n) for n in MERGED} | names(merged)),
        frozenset({name_key(n) for n in RENAMED} | names(renamed)),
    )


def only_a_code(text: str) -> bool:
    """Whether `text` has a country code's shape (two or three Latin letters, in any case)
    and is no everyday name of a country (EVERYDAY_CAPITALS): such letters after a
    party's name are its abbreviation ("Partido dos Trabalhadores (PT)" is no party of
    Portugal), as a page prints them; "(UK)" and "(DPRK)" are countries."""
    return (
        2 <= len(text) <= 3
        and text.isascii()
        and text.isalpha()
        and text.upper() not in EVERYDAY_CAPITALS
    )


@lru_cache(maxsize=4096)
def lookup(text: str) -> Country | None:
    """The country a name, code or alias means, or None. A name turned round at a comma,
    as statistical tables sort them ("Korea, Rep.", "Gambia, The", "Congo, Dem. Rep."),
    means what it says read the right way round (inverted_keys), unless its sides are
    two countries of their own ("China, Taiwan" is no name of Taiwan)."""
    from ._country_index import INDEX

    number = INDEX.get(name_key(text))
    if number is None and "," in text:
        head, _, tail = text.partition(",")
        first, second = INDEX.get(name_key(head)), INDEX.get(name_key(tail))
        # Turned round unless both sides are countries, two: "China, Taiwan" is two.
        if first is None or second is None or first == second:
            found = [n for n in map(INDEX.get, inverted_keys(text)) if n is not None]
            number = found[0] if found else None  # numbers start at 0
    return None if number is None else _country(number)


#: The abbreviations of form-of-government words in names turned round at a comma (the
#: World Bank's "Korea, Rep.", "Micronesia, Fed. Sts.", "Venezuela, RB"), in name_key form.
_INVERTED_WORDS = {
    "rep": "republic",
    "dem": "democratic",
    "fed": "federated",
    "sts": "states",
    "rb": "bolivarian republic",
    "pdr": "people's democratic republic",
}


def inverted_keys(text: str) -> list[str]:
    """The name_keys a name turned round at its first comma may stand for: "A, B" read as
    "B A", "B of A" and "B of the A", with the abbreviations of _INVERTED_WORDS spelt out
    ("Korea, Rep." is "Republic of Korea", "Gambia, The" is "The Gambia")."""
    head, _, tail = text.partition(",")
    if not head.strip() or not tail.strip():
        return []
    words = " ".join(_INVERTED_WORDS.get(w, w) for w in name_key(tail).split())
    name = name_key(head)
    return [name_key(f"{words} {name}"), f"{words} of {name}", f"{words} of the {name}"]


def place_key(name: str) -> str:
    """The form in which two names of one place compare equal: the folded name of the
    country or place it means ('USSR' and 'Soviet Union' alike), else the folded name."""
    found = lookup(name)
    return fold(found.name if found is not None else name)


#: Names in everyday use for more than one country, and the countries (ISO 3166-1 alpha-2)
#: each may mean: "Congo" is the Republic's name in ISO 3166, and the Democratic
#: Republic's in most news; "Korea" is either Korea. A user's country is never one of them
#: chosen silently.
SHARED_NAMES = {
    "congo": ("CG", "CD"),
    "the congo": ("CG", "CD"),
    "korea": ("KR", "KP"),
    "virgin islands": ("VG", "VI"),
}


def several(name: str) -> tuple[str, ...]:
    """The countries (ISO alpha-2) a name several go by may mean (SHARED_NAMES); empty for
    any other name."""
    return SHARED_NAMES.get(fold(name), ())


class SharedName(UsageError):
    """A name that SHARED_NAMES gives to several countries: the user must pick one."""


def resolve(text: str) -> Country:
    """The country a user means; a UsageError with a suggestion when it is no country,
    SharedName (a UsageError) naming each country when the name is several's
    (SHARED_NAMES)."""
    shared = several(text)
    if shared:
        named = [lookup(code) for code in shared]
        raise SharedName(
            f"'{text}' names more than one country: give one of them.",
            [f"{c.name} ({c.code})" for c in named if c is not None],
            label="Countries",
        )
    found = lookup(text)
    if found is not None:
        return found
    from .suggest import close_matches

    close = close_matches(text, display_names(), n=1)
    if close:
        raise UsageError(f"'{text}' is not a country I know.", close)
    raise UsageError(
        f"'{text}' is not a country I know: give a country's name or its ISO code "
        "(Germany, DE or DEU)."
    )


def display_names() -> list[str]:
    """One name per country or territory that --country knows, as answers show it."""
    return sorted({c.name for c in _index().values()})


def successors_note(country: Country) -> str:
    """For a divided former country, a sentence naming the countries that followed it."""
    if not country.successors:
        return ""
    names = ", ".join(short_name(code) for code in country.successors)
    year = f" in {country.ended[:4]}" if country.ended else ""
    return (
        f"{country.name} is a former country (ISO 3166-3 withdrew its code{year}); "
        f"the countries that followed it: {names}."
    )


@lru_cache(maxsize=1)
def _adjectives() -> tuple[dict[str, Country], re.Pattern[str]]:
    import re

    from ._demonyms import DEMONYMS  # countryinfo's table, generated

    table = {fold(word): Country(short_name(code), code) for word, code in DEMONYMS}
    words = sorted((word for word, _ in DEMONYMS), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w])")
    return table, pattern


def adjectives_in(text: str) -> list[tuple[str, Country]]:
    """The adjectives of countries a name holds, capitalised as words of it, each with its
    country, in order: "The Polish Democratic Left Alliance" -> [("Polish", Poland)].
    Adjectives several countries share without one being named by it ("Dominican",
    "Congolese") are not known; see scripts/gen_static.py."""
    table, pattern = _adjectives()
    return [(m.group(1), table[fold(m.group(1))]) for m in pattern.finditer(text)]


def adjective_table() -> list[tuple[str, str]]:
    """Every (adjective, alpha-2) pair known: ("German", "DE")."""
    from ._demonyms import DEMONYMS

    return list(DEMONYMS)


def names_of(code: str) -> tuple[str, ...]:
    """Every spelling, folded, that means the country of this alpha-2 code: its names,
    codes and aliases ("germany", "de", "deu", "deutschland", ...)."""
    return _spellings().get(code, ())


@lru_cache(maxsize=1)
def _spellings() -> dict[str | None, tuple[str, ...]]:
    found: dict[str | None, list[str]] = {}
    for key, country in _index().items():
        found.setdefault(country.code, []).append(key)
    return {code: tuple(keys) for code, keys in found.items()}


def lookup_translated(text: str, language: str | None = None) -> Country | None:
    """The country a name means, in English or in another language: pycountry's translations
    of ISO 3166-1 ("Österreich", "Grèce") and the Unicode CLDR's names (through babel:
    "Великобритания", "КНДР"). `language` a BCP 47 tag (de, pt-BR) limits the search to
    its names; None searches pycountry's every language and CLDR's CLDR_COMMON (slower,
    once). Names that mean two countries in some language are not known."""
    found = lookup(text)
    if found is not None:
        return found
    code = _translations(_locale(language)).get(fold(text))
    return Country(short_name(code), code) if code is not None else None


def _locale(language: str | None) -> str:
    if not language or language.split("-")[0] in ("und", "mul", "zxx"):
        return "*"
    parts = language.replace("_", "-").split("-")
    return parts[0].lower() if len(parts) == 1 else f"{parts[0].lower()}_{parts[1].upper()}"


@lru_cache(maxsize=8)
def _translations(locale: str) -> dict[str, str]:
    """Folded translated names -> alpha-2, from pycountry's gettext catalogues."""
    import gettext
    import os

    import pycountry

    base = pycountry.LOCALES_DIR
    if locale == "*":
        locales = sorted(
            name
            for name in os.listdir(base)
            if os.path.exists(os.path.join(base, name, "LC_MESSAGES", "iso3166-1.mo"))
        )
    else:
        locales = [locale, locale.split("_")[0]]
    owners: dict[str, set[str]] = {}
    for name in dict.fromkeys(locales):
        try:
            catalogue = gettext.translation("iso3166-1", base, languages=[name])
        except OSError:
            continue
        for country in pycountry.countries:
            names = (country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None))  # fmt: skip
            for english in {n for n in names if isinstance(n, str)}:
                translated = catalogue.gettext(english)
                if translated != english:
                    owners.setdefault(fold(translated), set()).add(country.alpha_2)
    for language in _cldr_languages(locales):
        for code, name in _cldr_names(language).items():
            owners.setdefault(fold(name), set()).add(code)
    return {key: codes.pop() for key, codes in owners.items() if len(codes) == 1}


#: The languages whose CLDR names are read for a page of unknown language (each costs
#: about 10 ms to load): the most common languages of party web sites.
CLDR_COMMON = (
    "ar", "bg", "cs", "da", "de", "el", "es", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "hy", "id", "it", "ja", "ka", "ko", "lt", "lv", "nl", "no", "pl", "pt", "ro", "ru",
    "sk", "sl", "sr", "sv", "tr", "uk", "vi", "zh",
)  # fmt: skip


def _cldr_languages(locales: list[str]) -> list[str]:
    """The CLDR locales to read for these gettext locale names ("*" stands for all)."""
    if locales and all(name != "*" for name in locales) and len(locales) <= 2:
        return list(dict.fromkeys(locales))
    return list(CLDR_COMMON)


def _cldr_names(language: str) -> dict[str, str]:
    """The names of countries in one language as the Unicode CLDR gives them through babel
    ("Великобритания", "Royaume-Uni", "Vereinigtes Königreich": the names people use, where
    ISO 3166's translations give official forms), by ISO 3166-1 alpha-2 code; empty for
    a language CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and is_iso_code(code) and code not in ("EU", "UN")
    }
