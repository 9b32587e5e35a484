"""What one printed list item says: the bodies it names, their names as printed, the
abbreviations and countries it gives, and the countries and regions its words imply.

Schema-free: it returns plain records (Body) that draft/datafile.py writes into a data
file. Every value it reads off the item is either stated (the item prints it) or carries
the reason it is implied; nothing is looked up elsewhere.

How an item is read (the examples are the seed page's):
- "X (ABBR) and its Y (ABBR)" names two bodies, the second a part of the first.
- A leading "The" is dropped from a name (English; other languages keep their articles).
- Brackets at the end: each comma-separated part is a country ("(Belorussia)"), a region
  ("(European Union)"), an abbreviation ("(PASOK)": one word in capitals) or else a
  description, which is kept in a note ("(a conference of leftist political parties ...)"),
  its region read from it when it names one.
- ", Country" at the end gives the country ("Democratic Party of Kurdistan, Iraq").
- " – X" at the end, where X names the country, is the country said again ("Workers Party
  of Korea – DPRK"): it is left out of the name.
- A country named by the name itself ("... of Moldova", or in the genitive of the page's
  language: "... партия Китая", "... Partei Deutschlands") is stated; one implied by an
  adjective ("Armenian") or by the country's name used as a word of the name ("China
  Center") is inferred, with the reason; a region adjective ("Asian") of a body without
  a country implies its region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data import countries, regions
from ..escaping import ends_trimmed

__all__ = ["Body", "Place", "read_item"]

#: Two bodies in one item: the second belongs to the first.
_AND_ITS = re.compile(r"^(?P<first>.+?\S)\s+and\s+its\s+(?P<second>\S.*)$")
_DASH_TAIL = re.compile(r"^(?P<rest>.*?\S)\s+[–—-]\s+(?P<tail>[^–—]+)$")
#: The characters an abbreviation holds besides its capitals.
_IN_ABBREVIATIONS = frozenset("0123456789&-.")


#: A Latin abbreviation, read as one whatever the name (an English name's bracket often
#: gives the abbreviation of the party's own name: "Coalition of the Radical Left (SYRIZA)").
_LATIN_ABBREVIATION = re.compile(r"^[A-ZÀ-ÖØ-Þ0-9&\-.]{2,15}$")


def abbreviates(text: str, name: str) -> bool:
    """Whether a bracket's `text` reads as an abbreviation of `name`: Latin capitals always;
    capitals of another script (СДПГ, ΚΚΕ) when at least half their letters are, in order,
    initials of the name's words or of their hyphenated parts, so that a country's
    abbreviation after a party's name ("Коммунистическая партия Китая (КНР)") is not
    taken for the party's."""
    if _LATIN_ABBREVIATION.match(text):
        return True
    if not is_abbreviation(text):
        return False
    initials = [w[0].casefold() for w in re.split(r"[\s\-‐–]+", name) if w and w[0].isalpha()]
    letters = [c.casefold() for c in text if c.isalpha()]
    matched, at = 0, 0
    for letter in letters:
        if letter in initials[at:]:
            at = initials.index(letter, at) + 1
            matched += 1
    return matched * 2 >= len(letters)


def is_abbreviation(text: str) -> bool:
    """Whether text is an abbreviation: one word of 2-15 characters, capitals of any script
    with a case (SPD, ΚΚΕ, СДПГ, ÖVP), digits, `&`, `-` and `.`, at least two letters. A
    word of a script without capitals (中共) is no abbreviation by its look."""
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(text) <= 15
        and len(letters) >= 2
        and all(c.isupper() for c in letters)
        and all(c.isalpha() or c in _IN_ABBREVIATIONS for c in text)
    )


#: Region adjectives: the adjective a name uses -> the region's name in regions.json.
REGION_ADJECTIVES = {
    "Asian": "Asia",
    "African": "Africa",
    "European": "Europe",
    "Latin American": "Latin America and the Caribbean",
    "Caribbean": "Latin America and the Caribbean",
}
#: Words of a name that tie a body to the European Union itself.
_EU_WORDS = re.compile(r"\bEuropean (Parliament|Union|Commission)\b")


@dataclass(frozen=True)
class Place:
    """A country or region of a body: its value, and why, when the item does not print it."""

    country: str | None = None
    code: str | None = None
    region: str | None = None
    #: Why it is certain although not printed; None when the item prints it.
    reason: str | None = None
    #: The words of the item it was read from ("Belorussia", "Armenian").
    words: str = ""


@dataclass
class Body:
    """One body a list item names."""

    name: str
    #: (other name, note) pairs: abbreviations the item gives.
    other_names: list[tuple[str, str]] = field(default_factory=list)
    place: Place | None = None
    #: Notes in own words (what else the item says).
    notes: list[str] = field(default_factory=list)
    #: Index in the item's bodies of the body this one belongs to.
    part_of: int | None = None


def _trailing_group(text: str) -> tuple[str, str] | None:
    """(what comes before, what is inside) of the bracketed group a text ends with, brackets
    inside it kept ("X (Cocos (Keeling) Islands)"); None if it ends otherwise or nothing
    comes before."""
    text = text.rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            rest = text[:at].rstrip()
            return (rest, text[at + 1 : -1].strip()) if rest else None
    return None


def _drop_article(text: str) -> str:
    return text[4:] if text.startswith("The ") and len(text) > 4 else text


#: The page's language while an item is read (see read_item): brackets in it are read in it.
_LANGUAGE: list[str | None] = [None]


def _country(text: str) -> countries.Country | None:
    """The country a name's words name; none for a name several go by (Congo)."""
    text = text.strip()
    if not text or countries.several(text) or countries.only_a_code(text):
        return None
    return countries.lookup(text)


def _bracketed_country(text: str) -> countries.Country | None:
    """A country in brackets, after a comma or after a dash, in English or in the page's
    language; none for a name several countries go by (Congo: which is for a person to
    say, and the words stay in the record's note)."""
    text = text.strip()
    if not text or countries.several(text) or countries.only_a_code(text):
        return None  # capitals of a code's shape: the party's abbreviation ("(PT)")
    return countries.lookup_translated(text, _LANGUAGE[0])


def _place_of(country: countries.Country, words: str) -> Place:
    """The place a country's name in an item states; inferred, with the reason, when the
    words name a part of it ("(England)": the United Kingdom, countries.part_of) or it under
    a former name ("(GDR)": Germany, "(Zaire)": DR Congo; countries.former_reason)."""
    reason = countries.part_of(words) or countries.former_reason(words)
    return Place(country.name, country.code, reason=reason, words=words)


def _region(text: str) -> str | None:
    text = text.strip()
    return regions.lookup(text) if text else None


def _region_in(text: str) -> str | None:
    """A region named within a longer text, the longest name first."""
    folded = countries.fold(text)
    names = sorted(regions.regions(), key=len, reverse=True)
    for name in names:
        if re.search(rf"(^| ){re.escape(countries.fold(name))}( |$)", folded):
            return name
    return None


#: A comma, in the scripts that write their own: Latin, Arabic (U+060C), full-width.
_COMMAS = re.compile("([,\u060c\uff0c])")


def _read_body(text: str) -> Body:
    """One body's text (an item, or half of one) into its name and what the item adds: its
    brackets, then a country after a comma or a dash, then the brackets before that
    ("Социал-демократическая партия Германии (СДПГ), Германия")."""
    body = Body(name="")
    rest, stated = _read_brackets(body, _drop_article(text.strip()), None)
    pieces = _COMMAS.split(rest)  # text, comma, text, ...: a comma of any script kept
    for cut in range(2, len(pieces), 2):  # the longest tail after a comma that is a country
        tail = "".join(pieces[cut:]).strip()
        country = _bracketed_country(tail)
        if country is not None:
            rest = "".join(pieces[: cut - 1]).strip()
            stated = stated or _place_of(country, tail)
            rest, stated = _read_brackets(body, rest, stated)
            break
    found = _DASH_TAIL.match(rest)
    country = _bracketed_country(found.group("tail")) if found else None
    if found and country is not None and (stated is None or stated.code == country.code):
        rest = found.group("rest")
        stated = stated or _place_of(country, found.group("tail"))
        rest, stated = _read_brackets(body, rest, stated)
    body.name = ends_trimmed(rest)  # "Labour Party\u200d (UK)": the joiner is no part of it
    body.place = (
        stated
        or _named_in(body.name)
        or _named_after_of(body.name)
        or _named_in_its_language(body.name)
        or _implied(body.name)
    )
    return body


def _read_brackets(body: Body, rest: str, stated: Place | None) -> tuple[str, Place | None]:
    """The brackets at the end of `rest` read, innermost last: a country or region states
    the place (the first one found kept), an abbreviation becomes an other name, anything
    else a note of the body; returns the text before them and the place stated."""
    while True:
        group = _trailing_group(rest)
        if group is None:
            return rest, stated
        rest, inner = group
        whole = _bracketed_country(inner) or _region(inner)
        parts = [inner] if whole else [p.strip() for p in inner.split(",") if p.strip()]
        read_all = all(_bracketed_country(p) or _region(p) or abbreviates(p, rest) for p in parts)
        if not read_all:
            body.notes.append(
                "The list item adds a description in brackets; see the item as printed."
            )
            region = _region_in(inner)
            if region and stated is None:
                stated = Place(region=region, words=inner)
            continue
        for part in parts:
            country = _bracketed_country(part)
            if country is not None:
                stated = stated or _place_of(country, part)
            elif _region(part):
                stated = stated or Place(region=_region(part), words=part)
            elif (
                countries.only_a_code(part)
                and (code := countries.lookup(part)) is not None
                and code.code is not None  # a country of today's, not "AN" (withdrawn)
            ):
                # "(US)", "(PT)": the party's abbreviation, or its country's code
                body.other_names.insert(
                    0,
                    (
                        part,
                        "in brackets after the name: the party's abbreviation or the ISO "
                        f"code of {code.name}; a person tells which",
                    ),
                )
                body.notes.append(
                    f"The item's '({part})' may be its country's ISO code ({code.name}): if "
                    "it is, give the country, and take the other name out."
                )
            else:
                body.other_names.insert(0, (part, "abbreviation given by the source"))


def _named_in(name: str) -> Place | None:
    """A country the name names after 'of' ("Communist Party of China"): stated."""
    for found in re.finditer(r"\bof\s+(?:the\s+)?", name):
        tail = name[found.end() :]
        words = tail.split()
        for n in range(len(words), 0, -1):  # the longest run of words that is a country
            country = _country(" ".join(words[:n]))
            if country is not None and n == len(words):
                return Place(country.name, country.code, words=" ".join(words[:n]))
    return None


#: The words for "of" before a country's name in the languages that write one ("Partido
#: Laborista del Reino Unido", "Parti travailliste du Royaume-Uni", "d'Allemagne"), longest
#: first, by language (BCP 47); an elided one (d', dell') joins the name without a space.
OF_WORDS: dict[str, tuple[str, ...]] = {
    "es": ("de los", "de las", "de la", "del", "de"),
    "pt": ("dos", "das", "do", "da", "de"),
    "fr": ("des", "de la", "du", "de", "d'", "d’"),
    "it": ("degli", "delle", "della", "dello", "dei", "del", "di", "dell'", "dell’"),
    "ca": ("dels", "del", "de la", "de", "d'", "d’"),
    "nl": ("van de", "van het", "van"),
}


def _named_after_of(name: str) -> Place | None:
    """A country a name names after its language's "of" (OF_WORDS: "de Alemania", "du
    Royaume-Uni", "d'Allemagne"), by the country's name in that language (lookup_translated):
    stated, as the English "of China" is. Read only on a page that declares one of these
    languages, and only when the words after it are the whole of a country's name."""
    language = (_LANGUAGE[0] or "").replace("_", "-").split("-")[0].lower()
    for word in OF_WORDS.get(language, ()):
        glued = word.endswith(("'", "’"))
        pattern = rf"(?<!\w){re.escape(word)}" + ("" if glued else r"\s+")
        for found in re.finditer(pattern, name, re.IGNORECASE):
            tail = name[found.end() :].strip()
            if not tail or not tail[:1].isupper():
                continue
            country = countries.lookup_translated(tail, language)
            if country is not None and not countries.several(tail):
                return Place(country.name, country.code, words=tail)
    return None


#: How a country's name ends in the genitive ("of China") in languages that decline it,
#: with how its dictionary form ends: "партия Китая" names Китай, "Κόμμα Ελλάδας"
#: Ελλάδα, "Partei Deutschlands" Deutschland. Each ending of a name's last words is put
#: back to every dictionary ending it may come from; only a form that is a country's
#: name in the language (ISO 3166's translations or the CLDR's) is taken.
GENITIVE_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (
        ("ии", "ия"), ("ы", "а"), ("и", "а"), ("и", "я"), ("и", "ь"), ("я", "й"),
        ("я", "ь"), ("а", ""), ("ой", "ая"), ("ей", "яя"), ("ого", "ый"), ("ого", "ий"),
    ),
    "uk": (
        ("ії", "ія"), ("и", "а"), ("і", "а"), ("і", "я"), ("і", "ь"), ("ю", "й"), ("ю", "ь"),
        ("у", ""), ("а", ""), ("ої", "а"), ("ого", "ий"),
    ),
    "be": (("іі", "ія"), ("ы", "а"), ("і", "ь"), ("я", "й"), ("а", ""), ("ай", "ая")),
    "el": (("ας", "α"), ("ης", "η"), ("ου", "ος"), ("ου", "ο"), ("ών", "ές")),
    "pl": (("ii", "ia"), ("i", "a"), ("y", "a"), ("u", ""), ("ej", "a"), ("", "y"),
           ("iec", "cy")),
    "de": (("s", ""), ("es", "")),
}  # fmt: skip
#: The most words of a name's end read as a country in the genitive ("Южной Осетии").
_GENITIVE_WORDS = 3


def _named_in_its_language(name: str) -> Place | None:
    """A country a name names in its own language, in the genitive, by its last words
    ("Коммунистическая партия Китая", "Κομμουνιστικό Κόμμα Ελλάδας", "Sozialdemokratische
    Partei Deutschlands"): stated, as "of China" is. The page's language says which
    endings are read; for a page of unknown language, those of every language of
    GENITIVE_ENDINGS. A form that two countries' names could come from is not taken."""
    language = _LANGUAGE[0]
    base = (language or "").replace("_", "-").split("-")[0].lower()
    if language and base not in GENITIVE_ENDINGS:
        return None
    endings = (
        GENITIVE_ENDINGS[base]
        if base
        else tuple(pair for pairs in GENITIVE_ENDINGS.values() for pair in pairs)
    )
    words = name.split()
    for n in range(min(_GENITIVE_WORDS, len(words) - 1), 0, -1):  # the longest first
        tail = words[-n:]
        if not all(w[:1].isupper() for w in tail[-1:]) or len(tail[-1]) <= 3:
            continue  # a short last word is no country's genitive ("GG": an abbreviation)
        found: dict[str | None, countries.Country] = {}
        # In a known language, a name after its article or preposition too ("der Schweiz").
        for form in _dictionary_forms(tail, endings, as_printed=bool(language)):
            country = countries.lookup_translated(form, language)
            if country is not None:
                found[country.code] = country
        if len(found) == 1:
            (country,) = found.values()
            return Place(country.name, country.code, words=" ".join(tail))
        if found:
            return None
    return None


def _dictionary_forms(
    words: list[str], endings: tuple[tuple[str, str], ...], as_printed: bool = False
) -> list[str]:
    """Every phrase the words may be the genitive of: each word as it is or with one of
    its endings put back (at most a few dozen phrases for three words); the words as
    printed only when `as_printed`."""
    forms = [""]
    for word in words:
        options = [word] + [
            word[: len(word) - len(case)] + plain
            for case, plain in endings
            if word.endswith(case) and len(word) > len(case) + 1
        ]
        forms = [f"{form} {option}".strip() for form in forms for option in options]
    return [form for form in forms if as_printed or form != " ".join(words)]


def _implied(name: str) -> Place | None:
    """A country implied by an adjective or the country's name as a word of the name;
    else a region implied by a region adjective. Inferred, with the reason."""
    found = countries.adjectives_in(name)
    codes = {c.code for _, c in found}
    if len(codes) == 1:
        word, country = found[0]
        reason = f"the country is implied by the adjective in the name ({word})"
        return Place(country.name, country.code, reason=reason, words=word)
    if codes:
        return None  # two countries' adjectives: not certain
    words = name.split()
    for n in range(min(3, len(words)), 0, -1):
        for start in range(len(words) - n + 1):
            phrase = " ".join(words[start : start + n])
            named = _country(phrase)
            if named is not None and phrase[:1].isupper() and len(phrase) > 3:
                reason = f"the country is implied by the name ({phrase})"
                return Place(named.name, named.code, reason=reason, words=phrase)
    if _EU_WORDS.search(name):
        words_found = _EU_WORDS.search(name)
        assert words_found is not None
        return Place(
            region="European Union",
            reason=f"the name places it at the {words_found.group(0)}, a body of the "
            "European Union",
            words=words_found.group(0),
        )
    for adjective, region in REGION_ADJECTIVES.items():
        if re.search(rf"\b{adjective}\b", name) and region in regions.regions():
            return Place(
                region=region,
                reason=f"the region is implied by the adjective in the name ({adjective})",
                words=adjective,
            )
    return None


#: Brackets of other scripts read as ( and ): the full-width ones of Chinese and Japanese
#: text ("统一俄罗斯党（俄罗斯）").
_BRACKETS = str.maketrans({"（": "(", "）": ")", "﹙": "(", "﹚": ")"})


#: A footnote's mark at the end of an item, as text pages and copied HTML print it: `[2]`,
#: `[a]`, `[note 1]`, `*`, a superscript number (`¹`), a dagger; the name and its country
#: are read without it (the printed text keeps it).
FOOTNOTE_MARK = re.compile(
    r"(?:\s*(?:\[(?:note\s*)?(?:\d{1,3}|[a-z]|[ivx]{1,4})\]|\[citation needed\]|\*{1,3}"
    r"|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|[†‡§]))+\s*$",
    re.IGNORECASE,
)


#: An item whose name ends in brackets, then a remark after a dash, a colon, a comma or a
#: slash ("Social Democrats (Denmark) – observer", "Socialist Party (Portugal): observer").
_REMARK = re.compile(r"^(?P<item>.*\S\))(?:\s*[:,/]|\s*[–—‒―-])\s*(?P<remark>[^\s\d(].*)$")


def read_item(text: str, language: str | None = None) -> list[Body]:
    """The bodies a printed list item names, in order (one, or two for "X and its Y").
    `language`: the page's (BCP 47), in which a country in brackets may be written; None
    when it is not known (every language pycountry translates country names into)."""
    _LANGUAGE[0] = language
    text = FOOTNOTE_MARK.sub("", text.translate(_BRACKETS))
    remark = _REMARK.match(text)
    if remark is not None and _bracketed_country(remark.group("remark")) is None:
        # "Social Democrats (Denmark) – observer": the words after the dash say something
        # of the body (its status), not its name; they stay in a note.
        bodies = read_item(remark.group("item"), language)
        for body in bodies:
            body.notes.append(f"The item adds: {remark.group('remark').strip()}")
        return bodies
    found = _AND_ITS.match(text)
    if found is not None:
        first = _read_body(found.group("first"))
        second = _read_body(found.group("second"))
        second.part_of = 0
        if second.place is None and first.place is not None:
            second.place = Place(
                first.place.country,
                first.place.code,
                first.place.region,
                reason=f"it belongs to {first.name}, named with it",
                words=first.place.words,
            )
        narrower = second.place.region if second.place is not None else None
        if (
            narrower
            and second.place is not None
            and (
                first.place is None
                or (
                    first.place.reason is not None
                    and first.place.region is not None
                    and narrower in regions.inside(first.place.region) - {first.place.region}
                )
            )
        ):
            first.place = Place(
                region=narrower,
                reason=f"its part named with it, {second.name}, works there",
                words=second.place.words,
            )
        return [first, second]
    return [_read_body(text)]
