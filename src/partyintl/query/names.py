"""Finding one organisation, person or event by id, name, other name, an id of another
dataset or a unique part of a name that begins a word; the names completion offers."""

from __future__ import annotations

from ..data import countries
from ..data.countries import fold
from ..data.enums import IdentifierScheme
from ..data.suggest import close_matches
from ..errors import NamesACountry, UsageError
from ..patterns import pattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from ..data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


_SCHEMES = frozenset(s.value for s in IdentifierScheme)


#: The kinds of record a name can find, as answers name them.
ORGANISATION, PERSON, EVENT = "organisation", "person", "event"


def spellings(kind: str, raw: Raw) -> list[str]:
    """The names a record is found by, as the data writes them: its name, other names, a
    person's family name, an event's city (find_record compares them folded)."""
    names = [raw["name"], *(n["name"] for n in raw.get("other_names", ()))]
    if kind == PERSON:
        names.append(raw["family_name"])
    if kind == EVENT and raw.get("place") and raw["place"].get("city"):
        names.append(raw["place"]["city"])
    return names


def folded_names(kind: str, raw: Raw) -> list[str]:
    return [fold(n) for n in spellings(kind, raw)]


#: Scripts written without spaces between words: a part of a name in them is any part.
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")


def part_of(key: str, name: str) -> bool:
    """Whether the folded text `key` is a part of the folded `name` that begins a word (or
    its words): `just russia` and `ross` are parts of `a just russia`, `si` is no part of
    `spravedlivaya rossiya`. In scripts written without spaces (Chinese, Japanese, Thai
    ...) any part counts."""
    if name.startswith(key) or f" {key}" in name:
        return True
    if key and key in name and not key[0].isascii():
        import unicodedata

        return unicodedata.name(key[0], "").startswith(_UNSPACED)
    return False


def _pools(ds: Dataset, kinds: tuple[str, ...]) -> list[tuple[str, str, Raw]]:
    pools = {ORGANISATION: ds.raw_orgs, PERSON: ds.raw_people, EVENT: ds.raw_events}
    return [(kind, i, raw) for kind in kinds for i, raw in pools[kind].items()]


#: Each dataset's records with their folded names, by the kinds asked for: folding every
#: name of a big file takes most of a look-up (0.4 s for 100,000 partners), and a
#: question about several files looks up more than once. Kept while the dataset lives (a
#: weakref.WeakKeyDictionary, made on first use: the fast path never imports weakref).
_folded: Any = None


def _folded_pool(
    ds: Dataset, kinds: tuple[str, ...], pool: list[tuple[str, str, Raw]]
) -> list[tuple[str, str, Raw, list[str]]]:
    """`pool` (the records _pools gives) with each record's folded names, kept for the
    dataset (a dataset that cannot be weakly referred to folds them each time)."""
    global _folded
    if _folded is None:
        from weakref import WeakKeyDictionary

        _folded = WeakKeyDictionary()
    try:
        kept = _folded.setdefault(ds, {})
    except TypeError:
        kept = {}
    found: list[tuple[str, str, Raw, list[str]]] | None = kept.get(kinds)
    if found is None or len(found) != len(pool):
        found = kept[kinds] = [
            (kind, ident, raw, folded_names(kind, raw)) for kind, ident, raw in pool
        ]
    return found


def record_names(
    ds: Dataset, kinds: tuple[str, ...] = (ORGANISATION, PERSON, EVENT), schemes: bool = False
) -> list[str]:
    """Everything find_record accepts for records of these kinds, as written: ids and
    spellings, and with `schemes` the ids of other datasets (`partyfacts:2020`)."""
    names: list[str] = []
    for kind, ident, raw in _pools(ds, kinds):
        names += [ident, *spellings(kind, raw)]
        if schemes:
            names += [f"{i['scheme']}:{i['identifier']}" for i in raw.get("identifiers", ())]
    return names


def find_record(
    ds: Dataset,
    query: str,
    kinds: tuple[str, ...] = (ORGANISATION, PERSON, EVENT),
    parts: bool = True,
) -> tuple[str, Raw]:
    """One organisation, person or event by id, name, other name or a unique part of one
    that begins a word (part_of).

    A usage error lists the candidates when several match, and suggests names (the
    dataset's own, other names included) when none does. Without `parts`, only an id or
    a whole name finds a record.
    """
    pool = _pools(ds, kinds)
    typed = query
    file, colon, rest = query.partition(":")
    labels = [ds.label] if ds.label else ds.labels
    if colon and file and rest and ":" not in rest:
        file = file_label(file, labels, ds.file_labels) or file
        # The one file loaded, as answers name it; one of several, as aliases key it.
        query = rest if file == ds.label else f"{file}:{rest}"
    query = ds.aliases.get(query, query)
    for kind, ident, raw in pool:
        if ident == query:
            return kind, raw
    try:
        by_scheme = _by_identifier(pool, query)
    except UsageError as exc:
        raise UsageError(exc.message.rstrip(".") + _first_file_only(ds)) from None
    if by_scheme is not None:
        return by_scheme
    if len(labels) > 1 and colon and file in labels[1:] and ":" not in rest:
        raise UsageError(  # a record of another file than the one these commands ask about
            f"'{typed}' asks for a record of {file}, and this command answers about "
            f"{labels[0]}, the first file loaded, which has none of it: `ties` and "
            "`memberships` look in every file."
        )
    key = fold(query)
    if not any(ch.isalnum() for ch in key):  # nothing but punctuation, marks or spaces
        from ..escaping import escape_control

        if not query.strip():
            raise UsageError("Give an id or a name.")
        raise UsageError(
            f"'{escape_control(query)}' holds no letter or digit: give an id or a name."
        )
    names = _folded_pool(ds, kinds, pool)
    exact = [(k, r) for k, _, r, ns in names if key in ns]
    if len(exact) == 1:
        return exact[0]
    what = _WHAT.get(kinds, "partner, person or event")
    if not parts and not exact:
        raise UsageError(f"No {what} is named '{query}'.")
    country = None if exact else countries.lookup(query)
    containing = [(k, r) for k, _, r, ns in names if any(part_of(key, n) for n in ns)]
    if country is not None and not _looks_like_code(query):
        # `show Germany` asks about a country, not the one party with it in its name.
        raise NamesACountry(
            f"'{query}' is a country, not {'an' if what[0] in 'aeiou' else 'a'} {what}: for its "
            "partners, try "
            f"{_partners_command(query)}.",
            [f"{r['id']} ({r['name']}, {k})" for k, r in containing],
            label=f"Records with '{query}' in their names",
        )
    partial = exact or containing or ([] if country is not None else _latin_matches(query, names))
    if len(partial) == 1:
        return partial[0]
    if partial:
        # With several files loaded, each candidate as its own file names it (FILE:ID).
        named: dict[str, str] = {}
        for alias, ident in ds.aliases.items():
            named.setdefault(ident, alias)
        raise UsageError(
            f"'{query}' matches {len(partial)} records; be more precise.",
            [f"{named.get(r['id'], r['id'])} ({r['name']}, {k})" for k, r in partial],
            label="Candidates",
        )
    if country is not None:  # a code such as DE or DEU that names nothing here
        raise UsageError(
            f"No {what} matches '{query}', which is the ISO code of {country.name}: for "
            f"its partners, try {_partners_command(query)}."
        )
    translated = countries.lookup_translated(query) if not _looks_like_code(query) else None
    if translated is not None:  # a country's name in another language (Германия)
        article = "an" if what[0] in "aeiou" else "a"
        raise NamesACountry(
            f"'{query}' is a country ({translated.name}), not {article} {what}: for its "
            f"partners, try {_partners_command(query)}."
        )
    spellings = {n: r["name"] for _, _, r, ns in names for n in ns}
    spellings.update({fold(i): r["name"] for _, i, r in pool})
    spellings.update({latin(n): r["name"] for _, _, r, ns in names for n in ns})
    close = close_matches(query, spellings) or close_matches(latin(query), spellings)
    hint = "" if close else _HINTS.get(kinds, "")
    unknown = unknown_file(file, labels) if colon and rest and ":" not in rest else ""
    raise UsageError(f"No {what} matches '{query}'{unknown}.", close, hint=hint)


def unknown_file(name: str, labels: Sequence[str]) -> str:
    """What a message about a FILE:ID key that found nothing adds when no loaded file is
    named `name`: the names of those that are (empty when one is, when none has a label,
    or when `name` holds a space: a name with a colon in it, not a file's label)."""
    if not name or name in labels or " " in name or not labels:
        return ""
    return (
        f" (FILE:ID names a record of a loaded file, and no loaded file is named "
        f"'{name}': {'it is' if len(labels) == 1 else 'they are'} {', '.join(labels)})"
    )


#: A loaded file by its place among them, counted from 0, as the keys of organisations
#: with no Party Facts or Wikidata id print it (collection/identity.py: `file1:pes`).
_POSITION = pattern(r"file([0-9]{1,6})")


def file_label(name: str, labels: Sequence[str], others: Mapping[str, str]) -> str | None:
    """The label of the loaded file that `name` names in a FILE:ID key: a label
    (`spd`), another name of a file (`others`: its file name `spd.json`, its path), or
    its place among the files (`file1`), as written or, where only one matches so,
    whatever its case (`SPD:spd`); None for none."""
    if name in labels:
        return name
    if name in others:
        return others[name]
    position = _POSITION.fullmatch(name)  # `file1`, as keys of no other id print it
    if position and int(position.group(1)) < len(labels):
        return labels[int(position.group(1))]
    folded = name.casefold()
    found = {label for label in labels if label.casefold() == folded}
    found |= {label for other, label in others.items() if other.casefold() == folded}
    return next(iter(found)) if len(found) == 1 else None


def latin(text: str) -> str:
    """A text in Latin letters, folded (anyascii's transliteration: "Справедливая Россия"
    is "spravedlivaya rossiya", 中国共产党 "zhongguogongchandang"), so that a name typed in
    another script than the data's finds its record."""
    from anyascii import anyascii

    # anyascii marks a Georgian or Armenian ejective with an apostrophe (p'art'ia), which
    # fold would read as a break between words.
    return fold(anyascii(text).replace("'", ""))


#: The fewest letters a transliterated query needs to be compared: shorter ones meet by
#: chance across scripts (Greek "σι" is "si", the abbreviation SI).
_LATIN_LEAST = 4


def _latin_matches(query: str, names: list[Any]) -> list[tuple[str, Raw]]:
    """The records whose names, transliterated, are the query transliterated (spaces
    aside: Chinese has none between words), else hold it as whole words ("Миронов" of
    Sergei Mironov, "spravedlivaya"; never "res" of "respublikanskaya"), for a query of
    at least _LATIN_LEAST letters. Read only when no name matched in its own script."""
    wanted = latin(query)
    wanted_bare = wanted.replace(" ", "")
    # A lone syllable of a script that writes one a character (Hangul 당, "dang") meets a
    # word of another language by chance (Vietnamese "Đảng"): two letters at least.
    import unicodedata

    letters = sum(ch.isalpha() for ch in unicodedata.normalize("NFC", query))  # 당, not 당
    if len(wanted_bare) < _LATIN_LEAST or letters < 2:
        return []
    whole: list[tuple[str, Raw]] = []
    words: list[tuple[str, Raw]] = []
    for kind, _, raw, ns in names:
        spelt = [latin(n) for n in ns]
        if any(s.replace(" ", "") == wanted_bare for s in spelt):
            whole.append((kind, raw))
        elif any(f" {wanted} " in f" {s} " for s in spelt):
            words.append((kind, raw))
    return whole or words


#: How a no-match error names what was looked for, by the kinds of record searched.
#: What a search among records of these kinds looks for, as messages say it: the party,
#: its partners and the other organisations are all organisations.
_WHAT: dict[tuple[str, ...], str] = {(ORGANISATION,): "organisation", (PERSON,): "person"}


def _partners_command(country: str) -> str:
    """The command line that answers a country's partners, as messages show it."""
    import shlex

    from ..cli.spec import flag

    return f"`partyintl partners {flag('country', 'partners', short=True)} {shlex.quote(country)}`"


def _looks_like_code(text: str) -> bool:
    """Whether a country spelling is a bare ISO code (DE, DEU) rather than a name."""
    stripped = text.strip()
    return len(stripped) <= 3 and stripped.isascii() and stripped.isalpha()


def _first_file_only(ds: Dataset) -> str:
    """What a message about a record not found adds with several files loaded: which file
    show and timeline answer about, and which commands look in every file."""
    if len(ds.labels) < 2:
        return "."
    return (
        f" in {ds.labels[0]}, the file this command answers about (the first loaded); "
        "`ties` and `memberships` look in every file."
    )


def _by_identifier(pool: list[tuple[str, str, Raw]], query: str) -> tuple[str, Raw] | None:
    """The record that has an id of another dataset: `Q49768`, `partyfacts:383`."""
    scheme, colon, value = query.partition(":")
    if not colon:
        if not (query[:1] in "Qq" and query[1:].isdigit()):
            return None
        scheme, value = "wikidata", query.upper()
    scheme = scheme.strip().casefold()
    value = value.strip()
    for kind, _, raw in pool:
        for ident in raw.get("identifiers", ()):
            if ident["scheme"] == scheme and ident["identifier"] == value:
                return kind, raw
    if colon and scheme in _SCHEMES:
        raise UsageError(f"No record has the {scheme} id {value}.")
    return None


def scheme_ids(record: Mapping[str, Any], scheme: str) -> list[str]:
    """A record's ids in one scheme (most have one; a few have two Manifesto codes)."""
    return [i["identifier"] for i in record.get("identifiers") or () if i["scheme"] == scheme]


#: Where to look when nothing is close to what was typed, by the kinds searched.
_HINTS: dict[tuple[str, ...], str] = {
    (ORGANISATION,): "Give the id, name or other name of the party, a partner or another "
    "organisation of the file (e.g. SI); `partyintl show NAME` finds any of them.",
}


def find_org(ds: Dataset, query: str) -> Raw:
    """One organisation by id, name or a unique part of a name; UsageError otherwise."""
    return find_record(ds, query, (ORGANISATION,))[1]


def usual_name(record: Mapping[str, Any]) -> str:
    """A record's usual English name (an other name of usage `usual`, as Party Facts or
    Wikidata give it), else its name."""
    for other in record.get("other_names") or ():
        if isinstance(other, dict) and other.get("usage") == "usual":
            return str(other["name"])
    return str(record["name"])


def usual_named(ds: Dataset) -> Dataset:
    """The dataset as `--names usual` shows it to people: each organisation (the party,
    its partners, the others) that has a usual name goes by it (usual_name); ids, other
    names, sources and all else as they were, and the file's labels and aliases with
    them. The dataset itself when no organisation has one. Built anew on each call (a
    shallow copy: the records not renamed are shared)."""
    from ..data.load import Dataset

    def named(org: Raw) -> Raw:
        usual = usual_name(org)
        return org if usual == org["name"] else {**org, "name": usual}

    raw = ds.raw
    orgs = (raw["party"], *ds.raw_partners, *raw.get("organizations", ()))
    if all(usual_name(o) == o["name"] for o in orgs):
        return ds
    renamed = {**raw, "party": named(raw["party"]), "partners": list(map(named, ds.raw_partners))}
    if "organizations" in raw:
        renamed["organizations"] = list(map(named, raw["organizations"]))
    out = Dataset(renamed, ds.path)
    out.label, out.labels = ds.label, ds.labels
    out.aliases, out.file_labels = ds.aliases, ds.file_labels
    return out
