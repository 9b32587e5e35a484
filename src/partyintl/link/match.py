"""Party Facts candidates for a record, ranked, each with the evidence a person checks.

For each record (a name as the source prints it, its other names, its country, the years
its source covers) the matcher compares the record's names with every name Party Facts
gives the parties of that country that were active in those years: the core table's
name, English name, short name and other names, and Wikidata's label, short and native
name. Names are compared in one normal form (link/variants.py: case, accents, punctuation
and the variants of machine translation), once in full and once without the words that
name the country ("Labor Party of Georgia" and "Georgian Labour Party" are both "labour
party" in Georgia), with rapidfuzz's token-sort and token-set ratios (0-100); an
abbreviation scores only when equal. A record without a country is compared with the
parties of every country, which is slower and less sure; the evidence says so.

The score is a ranking, not a decision: `partyintl link` writes the candidates into a
decisions file that a person completes, and only `--accept-unique` lets a sole candidate
above a threshold through, marked as machine-accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..data import countries
from ..data._iso import COUNTRIES
from .snapshot import Party, Snapshot
from .variants import normalise

__all__ = ["Candidate", "Query", "candidates", "names_of", "quote"]

#: Regions whose bodies Party Facts lists under a code of its own (its European Union rows:
#: the European Parliament's groups and the European parties).
REGION_ROWS = {"European Union": "EUN"}
#: Candidates kept per record.
TOP = 5
#: Candidates below this score are left out.
FLOOR = 50.0
#: Words left dangling when the country's words are taken out of a name.
_CONNECTORS = {"of", "the", "in", "for", "and", "de", "del", "la", "du", "der", "des"}
#: An abbreviation: a word with no lower-case letter, two to twelve characters.
_ABBREVIATION = re.compile(r"^[^\s a-z]{2,12}$")


@dataclass(frozen=True)
class Query:
    """What a record offers to match: names, country, years.

    `names` are the record's name and other names as written; `country` its ISO alpha-2
    code (None: search every country); `first`, `last` the years of its source (None:
    open); `region` the region of a body without a country: the European Union's bodies
    are compared with Party Facts' own rows for them (EUN), others with every country.
    """

    record: str
    names: tuple[str, ...]
    country: str | None
    first: int | None = None
    last: int | None = None
    region: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A Party Facts party that may be the record's, with why.

    `matched` is the record's name that matched best, `name` the Party Facts name it
    matched and `field` where that name is (`core.name_english`, `wikidata.name`...);
    `score` 0-100; `rank` from 1.
    """

    party: Party
    score: float
    matched: str
    name: str
    field: str
    rank: int = 0

    @property
    def table(self) -> str:
        """The Party Facts table the matching name is in (core, wikidata)."""
        return self.field.split(".", 1)[0]

    def evidence(self, country_name: str | None) -> str:
        """One line a person reads: country, the names compared, the years, the score."""
        where = country_name or self.party.country
        return (
            f"{where}; {quote(self.matched)} ~ {quote(self.name)} ({self.field}), Party Facts "
            f"{quote(self.party.name_english or self.party.name)} "
            f"({self.party.name_short or '-'}), {self.party.years()}; score {self.score:.0f}"
        )


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    return {a2: a3 for a2, a3, *_ in COUNTRIES}


@lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    return {a3: a2 for a2, a3, *_ in COUNTRIES}


def country_of(party: Party) -> str | None:
    """A Party Facts party's country as ISO alpha-2, when it has one."""
    return _alpha2().get(party.country)


@lru_cache(maxsize=512)
def _country_words(code: str | None) -> re.Pattern[str] | None:
    """The words that name a country (names, codes, adjectives), in normal form."""
    if code is None:
        return None
    words = {normalise(w) for w in countries.names_of(code)}
    words |= {normalise(w) for w, c in countries.adjective_table() if c == code}
    words = {w for w in words if len(w) > 2}
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])({alternatives})(?![a-z0-9])")


def _core(form: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return form
    words = pattern.sub(" ", form).split()
    while words and words[-1] in _CONNECTORS:
        words.pop()
    while words and words[0] in _CONNECTORS:
        words.pop(0)
    return " ".join(words) or form


_SLASH = re.compile(r"\s*/\s*")
_OTHER_SPLIT = re.compile(r"\s*[/;,]\s*")
_LANGUAGE_LABEL = re.compile(r"^[A-Z][a-z]+:\s*")


def _unquote(text: str) -> str:
    """A name without the double quotes that only wrap it (`"Yabloko"` -> `Yabloko`) or
    that are left unmatched at an end (a split through a quoted part); quotes that open
    and close inside it are kept (`Belarusian Left Party "A Just World"`)."""
    text = text.strip()
    inner = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == '"' and '"' not in inner:
        return inner.strip()
    if text.count('"') % 2:
        if text.endswith('"') and (text.count('"') == 1 or not text.startswith('"')):
            text = text[:-1]
        elif text.startswith('"'):
            text = text[1:]
    return text.strip()


def quote(text: str) -> str:
    """A name in quotes that cannot be read as part of it: single quotes, or double ones
    for a name with an apostrophe at an end (`"Workers'"`), or ‘ ’ when it has both kinds
    there."""
    ends = text[:1] + text[-1:]
    if "'" not in ends:
        return f"'{text}'"
    if '"' not in ends:
        return f'"{text}"'
    return f"‘{text}’"


def names_of(party: Party) -> list[tuple[str, str]]:
    """Every name Party Facts gives a party, with where: (name, field), split where the
    table joins several with '/' (a party's successive names)."""
    out: dict[str, str] = {}

    def add(value: str, where: str, pattern: re.Pattern[str] = _SLASH) -> None:
        if not value:
            return
        for part in pattern.split(value):
            part = _unquote(_LANGUAGE_LABEL.sub("", part.strip()))
            if part and part not in out:
                out[part] = where

    add(party.name_english, "core.name_english")
    add(party.name, "core.name")
    add(party.name_short, "core.name_short")
    add(party.name_other, "core.name_other", _OTHER_SPLIT)
    for _, label, short, native in party.wikidata:
        add(label, "wikidata.name")
        add(short, "wikidata.name_short")
        add(native, "wikidata.name_native")
    return list(out.items())


@dataclass(frozen=True)
class _Form:
    """A name in normal form, its words, and their summed rarity."""

    text: str
    words: frozenset[str]
    weight: float


@dataclass(frozen=True)
class _Name:
    text: str
    field: str
    full: _Form
    core: _Form
    abbreviation: bool


@dataclass
class _Index:
    """Every Party Facts name of a snapshot, as printed and in the forms compared (those
    prepared on first use, a country at a time), and how rare each word is among them (a
    shared "party" says little, a shared "left" much)."""

    texts: list[str]
    fields: list[str]
    owners: list[Party]
    #: The texts as rapidfuzz's default processor reads them, to pick the closest fast.
    plain: list[str]
    by_country: dict[str, list[int]]
    weight: dict[str, float]
    #: For each word of `plain`, the names that hold it.
    postings: dict[str, list[int]]
    prepared: dict[int, _Name]
    #: The names of parties active in some years, by (first, last), once asked.
    active: dict[tuple[int | None, int | None], list[int]] = field(default_factory=dict)

    def active_in(self, first: int | None, last: int | None) -> list[int]:
        """The names of the parties active at some time between the years."""
        found = self.active.get((first, last))
        if found is None:
            ok = {p.id: p.active(first, last) for p in self.owners}
            found = [i for i, p in enumerate(self.owners) if ok[p.id]]
            self.active[(first, last)] = found
        return found

    def idf(self, word: str) -> float:
        return self.weight.get(word, self.weight[""])

    def name(self, i: int) -> _Name:
        """Name i in the forms compared."""
        found = self.prepared.get(i)
        if found is None:
            found = self.prepare(self.texts[i], self.fields[i], country_of(self.owners[i]))
            self.prepared[i] = found
        return found

    def form(self, text: str) -> _Form:
        """A normal form with its words and their weight."""
        words = frozenset(text.split())
        return _Form(text, words, sum(self.idf(w) for w in words))

    def prepare(self, text: str, where: str, country: str | None) -> _Name:
        """A name in the forms compared, the words of `country` taken out of its core."""
        full = normalise(text)
        core = _core(full, _country_words(country))
        full_form = self.form(full)
        core_form = full_form if core == full else self.form(core)
        return _Name(text, where, full_form, core_form, bool(_ABBREVIATION.match(text)))


_INDEXES: dict[int, tuple[Snapshot, _Index]] = {}


def _index(snapshot: Snapshot) -> _Index:
    """The snapshot's names, gathered once per snapshot."""
    import math

    from rapidfuzz import utils

    held = _INDEXES.get(id(snapshot))
    if held is not None and held[0] is snapshot:
        return held[1]
    texts: list[str] = []
    fields: list[str] = []
    owners: list[Party] = []
    by_country: dict[str, list[int]] = {}
    for party in snapshot.parties.values():
        for text, where in names_of(party):
            by_country.setdefault(party.country, []).append(len(texts))
            texts.append(text)
            fields.append(where)
            owners.append(party)
    plain = [utils.default_process(t) for t in texts]
    postings: dict[str, list[int]] = {}
    for i, text in enumerate(plain):
        for word in set(text.split()):
            postings.setdefault(word, []).append(i)
    total = len(texts) or 1
    weight = {w: math.log((total + 1) / (len(n) + 0.5)) for w, n in postings.items()}
    weight[""] = math.log(total + 1)  # a word no Party Facts name has
    index = _Index(texts, fields, owners, plain, by_country, weight, postings, {})
    _INDEXES.clear()
    _INDEXES[id(snapshot)] = (snapshot, index)
    return index


def _shared(a: _Form, b: _Form, index: _Index) -> float:
    """How much of two names' weight their shared words carry, 0-100 (a Dice coefficient
    with each word weighted by its rarity)."""
    total = a.weight + b.weight
    if not total:
        return 0.0
    return 200.0 * sum(index.idf(w) for w in a.words & b.words) / total


def _blend(a: _Form, b: _Form, index: _Index) -> float:
    spelled = 0.6 * fuzz.token_sort_ratio(a.text, b.text) + 0.4 * fuzz.token_set_ratio(
        a.text, b.text
    )
    return 0.5 * spelled + 0.5 * _shared(a, b, index)


#: An abbreviation equal to a party's, in the record's country; in another (when the
#: record has none), abbreviations are too often shared to say much.
ABBREVIATION_SCORE = 100.0
ABBREVIATION_ELSEWHERE = 50.0


def _score(mine: _Name, theirs: _Name, index: _Index, same_country: bool) -> float:
    """0-100: equal abbreviations ABBREVIATION_SCORE (ABBREVIATION_ELSEWHERE when the record
    has no country; a name in capitals equal to a name, as names); an abbreviation against
    another name 0; names by _blend, in full and without the country's words, the better
    of the two."""
    if mine.abbreviation or theirs.abbreviation:
        if mine.full.text != theirs.full.text:
            return 0.0
        if not same_country:
            return ABBREVIATION_ELSEWHERE
        if mine.abbreviation and theirs.abbreviation:
            return ABBREVIATION_SCORE
        # A one-word name in capitals ("FATAH") read as an abbreviation: equal names.
        return _blend(mine.full, theirs.full, index)
    full = _blend(mine.full, theirs.full, index)
    if mine.core is mine.full and theirs.core is theirs.full:
        return full
    return max(full, _blend(mine.core, theirs.core, index))


#: Above this many names, rapidfuzz first picks the closest this many for a full score.
_PREFILTER = 400


def candidates(query: Query, snapshot: Snapshot, top: int = TOP) -> list[Candidate]:
    """The best Party Facts candidates for a record, best first (see the module)."""

    index = _index(snapshot)
    code = query.country
    own = REGION_ROWS.get(query.region or "") if code is None else _alpha3().get(code, "")
    if own is not None:
        pool = index.by_country.get(own, [])
        pool = [i for i in pool if index.owners[i].active(query.first, query.last)]
    else:
        pool = index.active_in(query.first, query.last)
    mine = [index.prepare(n, "", code) for n in dict.fromkeys(query.names) if n.strip()]
    if len(pool) > _PREFILTER:
        pool = _closest(index, pool, mine)
    best: dict[str, tuple[float, _Name, _Name]] = {}
    for i in pool:
        theirs, party = index.name(i), index.owners[i]
        for name in mine:
            score = _score(name, theirs, index, own is not None)
            held = best.get(party.id)
            if held is None or score > held[0]:
                best[party.id] = (score, name, theirs)
    found = [
        Candidate(snapshot.parties[pid], round(score, 1), name.text, theirs.text, theirs.field)
        for pid, (score, name, theirs) in best.items()
        if score >= FLOOR
    ]
    found.sort(key=lambda c: (-c.score, _rank_key(c.party)))
    return [
        Candidate(c.party, c.score, c.matched, c.name, c.field, rank)
        for rank, c in enumerate(found[:top], 1)
    ]


def _closest(index: _Index, pool: list[int], mine: list[_Name]) -> list[int]:
    """The names of a large pool worth a full score: those rapidfuzz finds closest to one
    of the record's names in token order, those that share its rarest words, and equal
    abbreviations."""
    from rapidfuzz import process, utils

    allowed = set(pool)
    chosen: set[int] = set()
    plain = [index.plain[i] for i in pool]
    for name in mine:
        if name.abbreviation:
            chosen.update(i for i in pool if index.texts[i].casefold() == name.text.casefold())
            continue
        query = utils.default_process(name.text)
        hits = process.extract(query, plain, scorer=fuzz.token_sort_ratio, limit=_PREFILTER // 4)
        chosen.update(pool[hit[2]] for hit in hits)
        shared: dict[int, float] = {}
        for word in set(query.split()):
            weight = index.idf(word)
            for i in index.postings.get(word, ()):
                shared[i] = shared.get(i, 0.0) + weight
        ranked = sorted((i for i in shared if i in allowed), key=lambda i: -shared[i])
        chosen.update(ranked[: _PREFILTER // 4])
    return sorted(chosen)


def _rank_key(party: Party) -> tuple[int, int]:
    """Ties: the party still active first, then the older one (the party under its
    successive names rather than a later splinter)."""
    return (0 if party.year_last is None else 1, party.year_first or 9999)
