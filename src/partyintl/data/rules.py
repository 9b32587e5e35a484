"""Whole-file rules over the parsed JSON: ids, sources and citations, references,
countries, dates and their order, languages, phones."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from ..errors import Problem
from ..escaping import blank_at_ends, json_quoted, quoted_ends_shown, shows_nothing
from ..words import ordinal
from . import countries, dates, forms, phones, shapes
from .enums import END_STATUSES, PARTNER_TYPE_VALUES, OrgType

#: The form a date must have before it is read as a date (the models report other texts).
_EDTF_FORM = re.compile(dates.EDTF_PATTERN)

ORG_KEYS = ("party", "partners", "organizations")
PARTNER_TYPES = frozenset(PARTNER_TYPE_VALUES)
ORG_TYPE_VALUES = frozenset(t.value for t in OrgType)
PHONE_TYPES = forms.PHONE_TYPES


#: The one section that holds a lone record, not an array of them.
LONE = "party"


def _indexed(raw: dict[str, Any], key: str) -> Iterator[tuple[int | None, dict[str, Any]]]:
    """The dicts of a section with their index (None for the lone `party`), paths left
    unbuilt. A section of the wrong JSON type (`partners: {}`) yields nothing: the models
    say what it must be, and nothing in it is judged as a record."""
    value = raw.get(key)
    if isinstance(value, list) and key != LONE:
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item
    elif isinstance(value, dict) and key == LONE:
        yield None, value


def _path(key: str, index: int | None) -> str:
    return key if index is None else f"{key}[{index}]"


def _dicts(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield f"{path}[{i}]", item


class GraphChecker:
    """Collects every rule violation of one parsed data file."""

    def __init__(self, raw: dict[str, Any], names_clean: bool | None = None) -> None:
        """`names_clean`: whether partners_names_clean(raw) is known (True: a caller checks
        it elsewhere, and uses the problems found only if it is so)."""
        self.raw = raw
        self.names_clean = names_clean
        self.problems: list[Problem] = []
        #: Paths whose models' message a rule's replaces, knowing the record's context.
        self.replaced: set[str] = set()
        self.org_ids: set[str] = set()
        self.person_ids: set[str] = set()
        self.event_ids: set[str] = set()
        #: Each source's parts (the ids a citation's `at` must be one of), or None.
        self.parts: dict[str, frozenset[str] | None] = {}
        #: Each declared list's source.
        self.lists: dict[str, str] = {}
        #: The declared sources by id (the first of an id).
        self.sources_by_id: dict[str, dict[str, Any]] = {}
        #: The sources some fact cites.
        self.cited: set[str] = set()
        #: The latest day the file holds as of (facts may not be dated later).
        self.as_of_end: str | None = None
        #: The region of phone numbers printed without a country code (the party's).
        party = raw.get("party")
        code = party.get("country_code") if isinstance(party, dict) else None
        self.phone_region = code if isinstance(code, str) else None

    def add(self, path: str, message: str, kind: str = "value") -> None:
        """Record one problem of a kind of errors.PROBLEM_KINDS."""
        self.problems.append(Problem(path, message, kind=kind))

    def run(self) -> list[Problem]:
        """Every problem found, in file order per rule."""
        self._ids()
        self._sources()
        for key in ORG_KEYS:
            if key == "partners" and self._partners_clean():
                continue  # proved free of partner-level problems in a few set operations
            for index, org in _indexed(self.raw, key):
                self._org(key, index, org)
        self._part_of_loops()
        self._list_places()
        self._identifiers()
        for index, person in _indexed(self.raw, "people"):
            self._person(_path("people", index), person)
        for index, event in _indexed(self.raw, "events"):
            path = _path("events", index)
            self._event(path, event)
        for index, ms in _indexed(self.raw, "memberships"):
            path = _path("memberships", index)
            self._membership(path, ms)
        self._records_overlap()
        for index, contact in _indexed(self.raw, "contacts"):
            path = _path("contacts", index)
            self._contact(path, contact)
        self._uncited()
        return self.problems

    # Sources and citations

    def _sources(self) -> None:
        """The declared sources: unique ids, parts and lists; real dates and languages."""
        as_of = self.raw.get("as_of")
        if self._date_field("as_of", as_of):
            self._not_future("as_of", as_of)
            self._closed("as_of", as_of)
        if isinstance(as_of, str) and dates.problem(as_of) is None:
            self.as_of_end = dates.end(as_of)
        for index, source in _indexed(self.raw, "sources"):
            path = _path("sources", index)
            self._blanks(path, source, "source")
            ident = source.get("id")
            if not isinstance(ident, str):
                continue
            if ident in self.parts:
                first = ordinal(list(self.parts).index(ident) + 1)
                self.add(
                    f"{path}.id",
                    f"duplicate source id '{ident}': the {first} source has it already",
                    "declaration",
                )
                continue
            # Ids of a wrong JSON type are the models' to report.
            parts = [
                p["id"] for _, p in _dicts(source.get("parts"), "") if isinstance(p.get("id"), str)
            ]
            self.parts[ident] = frozenset(parts) or None
            self.sources_by_id[ident] = source
            if len(set(parts)) != len(parts):
                self.add(f"{path}.parts", "two parts have the same id", "declaration")
            for lpath, entry in _dicts(source.get("lists"), f"{path}.lists"):
                self._blanks(lpath, entry, "list")
                list_id = entry.get("id")
                if isinstance(list_id, str):
                    if list_id in self.lists:
                        self.add(
                            f"{lpath}.id",
                            f"the list id '{list_id}' is already declared",
                            "declaration",
                        )
                    self.lists.setdefault(list_id, ident)
            for key in ("published", "as_of", "retrieved"):
                value = source.get(key)
                if self._date_field(f"{path}.{key}", value) and key != "published":
                    self._closed(f"{path}.{key}", value)
            for key, why in source_date_problems(source):  # the future among them
                self.add(f"{path}.{key}", why)
            if all(source.get(key) is None for key in SOURCE_DATES):
                self.add(path, UNDATED_SOURCE, "declaration")
            self._language(f"{path}.language", source.get("language"))
            url = source.get("url")
            if isinstance(url, str) and not re.match(forms.WEB_ADDRESS, url):
                self.add(f"{path}.url", f"'{url}' is not a web address (http:// or https://)")

    def _cite(self, path: str, cite: dict[str, Any], shape: tuple[tuple[str, Any], ...]) -> None:
        """One citation: its source is declared, its place is one of the source's parts
        (when it has parts), the fields it names are the record's, its date is real."""
        source, at = cite.get("source"), cite.get("at")
        if self._blanks(path, cite, "citation"):
            at = None  # said once: not also as no part of the source
        if not isinstance(source, str):
            return
        if source not in self.parts:
            self.add(
                f"{path}.source",
                f"refers to '{source}', which is no source of this file",
                "reference",
            )
            return
        self.cited.add(source)
        parts = self.parts[source]
        if parts is not None and isinstance(at, str) and at not in parts:
            self.add(
                f"{path}.at",
                f"'{at}' is no part of the source '{source}' ({', '.join(sorted(parts))})",
                "reference",
            )
        names = {name for name, _ in shape}
        fields = cite.get("fields")
        for n, field in enumerate(fields if isinstance(fields, list) else ()):
            if isinstance(field, str) and field.split(".")[0] not in names:
                known = ", ".join(sorted(names - {"inferred", "sources"}))
                self.add(f"{path}.fields[{n}]", f"'{field}' is no field of this record ({known})")
            elif isinstance(field, str) and (why := _dotted_problem(field)):
                self.add(f"{path}.fields[{n}]", why)
        date = cite.get("date")
        if self._date_field(f"{path}.date", date):
            self._not_after_as_of(f"{path}.date", date)
            self._not_after_sources(f"{path}.date", date, [cite])

    def _inferred(self, path: str, record: dict[str, Any], shape: Any) -> None:
        """Each inferred value names a field of the record (a dotted name for a part of one:
        place.country), as a citation's `fields` do."""
        names = {name for name, _ in shape} - {"inferred", "sources"}
        for ipath, inference in _dicts(record.get("inferred"), f"{path}.inferred"):
            self._blanks(ipath, inference, "inference")
            field = inference.get("field")
            if isinstance(field, str) and field.split(".")[0] not in names:
                self.add(
                    f"{ipath}.field",
                    f"'{field}' is no field of this record ({', '.join(sorted(names))})",
                )
            elif isinstance(field, str) and (why := _dotted_problem(field)):
                self.add(f"{ipath}.field", why)

    def _citations(self, path: str, record: dict[str, Any], shape: Any) -> bool:
        """Check a record's citations and what it says is inferred; whether it cites any
        source."""
        self._inferred(path, record, shape)
        found = False
        for cpath, cite in _dicts(record.get("sources"), f"{path}.sources"):
            self._cite(cpath, cite, shape)
            found = True
        return found

    def _uncited(self) -> None:
        for index, source in _indexed(self.raw, "sources"):
            ident = source.get("id")
            if isinstance(ident, str) and ident not in self.cited and ident in self.parts:
                self.add(
                    f"{_path('sources', index)}.id",
                    f"no fact cites the source '{ident}': cite it or remove it",
                    "reference",
                )

    def _names(self, path: str, record: dict[str, Any], keys: tuple[str, ...] = ("name",)) -> None:
        """A record's names: some visible text, nothing that hides or reorders it."""
        for key in keys:
            value = record.get(key)
            if isinstance(value, str):
                why = name_problem(value)
                if why:
                    self.add(f"{path}.{key}", why)
        for npath, other in _dicts(record.get("other_names"), f"{path}.other_names"):
            value = other.get("name")
            if isinstance(value, str):
                why = name_problem(value)
                if why:
                    self.add(f"{npath}.name", why)

    def _date_field(self, path: str, value: Any) -> bool:
        """Report why a date is not a real EDTF date; whether it is one. A text not even of
        a date's form is the models' to report (once, in their words)."""
        if not isinstance(value, str) or _EDTF_FORM.fullmatch(value) is None:
            return False
        why = dates.problem(value)
        if why:
            self.add(path, why)
        return why is None

    def _not_future(self, path: str, value: Any) -> None:
        """A date a file or a source holds as of (or was published, or read) has come."""
        why = future_problem(value)
        if why is not None:
            self.add(path, why)

    def _not_after_as_of(self, path: str, value: Any) -> None:
        """A fact's date may not begin after the day the file holds as of."""
        if not isinstance(value, str) or self.as_of_end is None or dates.problem(value):
            return
        start = dates.start(value)
        if start is not None and start > self.as_of_end:
            self.add(path, f"{value} is after the file's as_of {self.raw.get('as_of')}")

    def _language(self, path: str, value: Any) -> None:
        if (
            isinstance(value, str)
            and re.fullmatch(LANGUAGE_FORM, value)
            and not known_language(value.split("-")[0])
        ):
            self.add(path, f"'{value}' does not start with an ISO 639 language code")

    def _cited(self, path: str, cited: bool, what: str = "") -> None:
        if not cited:
            self.add(
                f"{path}.sources",
                f"{what or 'the record'} cites no source: add one (a source id and the place "
                "in it)",
            )

    def _identifiers(self) -> None:
        """Ids of other datasets: a known scheme, the scheme's form, and one record each."""
        owners: dict[tuple[str, str], str] = {}
        for key in ORG_KEYS:
            for index, org in _indexed(self.raw, key):
                ids = org.get("identifiers")
                if not ids:
                    continue
                path = _path(key, index)
                for n, ident in _dicts(ids, f"{path}.identifiers"):
                    self._cite(n, ident, ())
                    scheme, value = ident.get("scheme"), ident.get("identifier")
                    if not isinstance(scheme, str) or not isinstance(value, str):
                        continue
                    form = IDENTIFIER_FORMS.get(scheme)
                    if form is None:
                        continue  # the models say what is wrong with the scheme or the type
                    if not form[0].fullmatch(value):
                        self.add(f"{n}.identifier", f"{value!r} is not a {scheme} id ({form[1]})")
                        continue
                    first = owners.setdefault((scheme, value), org.get("id", path))
                    if first != org.get("id", path):
                        self.add(
                            f"{n}.identifier",
                            f"{scheme} {value} is already the id of '{first}'; "
                            "an id belongs to one record",
                        )

    def _partners_clean(self) -> bool:
        """Whether no partner can have a problem of _org's, shown with whole-list operations.

        A big file repeats a few country pairs over many partners; checking each distinct
        pair once, and the other rules as set operations, is several times faster than the
        per-record pass, which still runs (and says where) whenever this cannot prove it.
        """
        partners = self.raw.get("partners")
        if not isinstance(partners, list):
            return False
        if not (partners_names_clean(self.raw) if self.names_clean is None else self.names_clean):
            return False
        pairs: set[tuple[Any, Any, bool]] = set()
        parents: set[Any] = set()
        lists: set[Any] = set()
        cited: list[int] = []
        allowed_types = PARTNER_TYPES | {None}  # a missing type is the models' to report
        try:
            for index, org in enumerate(partners):
                if type(org) is not dict:
                    return False
                get = org.get
                country = get("country")
                listing = get("listing")
                if type(listing) is not dict or get("type") not in allowed_types:
                    return False
                printed = listing.get("printed")
                if type(printed) is str and (shows_nothing(printed) or blank_at_ends(printed)):
                    return False  # said record by record (BLANK_REFUSED's "listing")
                if (
                    get("sources")
                    or get("positions_source")
                    or get("inferred")
                    or any(
                        type(n) is dict and (n.get("sources") or n.get("inferred"))
                        for n in get("other_names") or ()
                    )
                ):  # its citations or its other names' (a blank `at` there validated)
                    cited.append(index)
                pairs.add((country, get("country_code"), not get("notes")))
                parents.add(get("part_of"))
                lists.add(listing.get("list"))
        except TypeError:  # an unhashable value where text belongs: the models report it
            return False
        parents.discard(None)
        if not (parents <= self.org_ids and lists <= self.lists.keys()):
            return False
        if not all(
            _text_or_none(n) and _text_or_none(c) and not _place_problems(n, c, note)
            for n, c, note in pairs
        ):
            return False
        self.cited.update(self.lists[name] for name in lists)
        for index in cited:  # the few partners that cite sources: their citations one by one
            self._org("partners", index, partners[index])
        return True

    def _part_of_loops(self) -> None:
        """No organisation is part of itself, directly ("part_of" its own id) or through
        others (A part of B, B part of A): a body cannot contain what contains it."""
        parent: dict[str, tuple[str, str]] = {}  # id -> (part_of, path)
        for key in ORG_KEYS:
            for index, org in _indexed(self.raw, key):
                ident, part_of = org.get("id"), org.get("part_of")
                if isinstance(ident, str) and isinstance(part_of, str):
                    parent.setdefault(ident, (part_of, f"{_path(key, index)}.part_of"))
        said: set[str] = set()
        for start in parent:
            chain = [start]
            at = parent[start][0]
            while at in parent and at not in chain and at not in said:
                chain.append(at)
                at = parent[at][0]
            if at == start and start not in said:
                said.update(chain)
                if len(chain) == 1:
                    why = f"'{start}' is the organisation itself: no body is part of itself"
                else:
                    loop = " -> ".join([*chain, start])
                    why = (
                        f"'{parent[start][0]}' is part of it in turn ({loop}): no body is "
                        "part of what it contains; give one of them no part_of"
                    )
                self.add(parent[start][1], why)

    def _list_places(self) -> None:
        """One place in a source's list (its list and position) prints one text: two
        partners at one place with two printed texts are a mistake of one of them (two
        bodies one item names, "SPD and Greens", print the same text)."""
        # Each list's positions to the first partner there, by its index (no tuple, no
        # path a partner: 1,000,000 partners' places took 180 MiB that way).
        seen: dict[Any, dict[Any, int | None]] = {}
        for index, org in _indexed(self.raw, "partners"):
            listing = org.get("listing")
            if not isinstance(listing, dict):
                continue
            name, position = listing.get("list"), listing.get("position")
            try:
                first = seen.setdefault(name, {}).setdefault(position, index)
            except TypeError:  # an unhashable value: the models say so
                continue
            if first == index or first is None:
                continue
            printed = listing.get("printed")
            before = self.raw["partners"][first]["listing"].get("printed")
            if before != printed and isinstance(printed, str) and isinstance(before, str):
                self.add(
                    f"{_path('partners', index)}.listing.position",
                    f"position {position} of the list '{name}' is "
                    f"{_path('partners', first)}'s, which printed another text there "
                    f"({json_quoted(before)}): correct the position of one of them",
                )

    def _ids(self) -> None:
        if self._ids_unique():
            return
        seen: dict[str, tuple[str, int | None]] = {}
        groups = {
            "party": self.org_ids,
            "partners": self.org_ids,
            "organizations": self.org_ids,
            "people": self.person_ids,
            "events": self.event_ids,
            "memberships": set(),
            "contacts": set(),
        }
        for key, bucket in groups.items():
            for index, item in _indexed(self.raw, key):
                ident = item.get("id")
                if not isinstance(ident, str):
                    continue
                if ident in seen:
                    first = _path(*seen[ident])
                    self.add(
                        f"{_path(key, index)}.id",
                        f"duplicate id '{ident}' (first used at {first}.id)",
                        "declaration",
                    )
                else:
                    seen[ident] = (key, index)
                bucket.add(ident)

    def _ids_unique(self) -> bool:
        """Fill the id pools at once when no id repeats (the usual case); else say no."""
        pools = {
            "party": self.org_ids,
            "partners": self.org_ids,
            "organizations": self.org_ids,
            "people": self.person_ids,
            "events": self.event_ids,
        }
        ids: list[str] = []
        for key in (*pools, "memberships", "contacts"):
            found = [
                i for _, item in _indexed(self.raw, key) if isinstance(i := item.get("id"), str)
            ]
            if key in pools:
                pools[key].update(found)
            ids += found
        if len(set(ids)) == len(ids):
            return True
        for pool in pools.values():
            pool.clear()
        return False

    def _ref(self, path: str, value: Any, *pools: set[str]) -> None:
        if isinstance(value, str) and not any(value in pool for pool in pools):
            self.add(path, f"refers to '{value}', which is no id in this file", "reference")

    def _dates(self, path: str, item: dict[str, Any], keys: tuple[str, ...]) -> None:
        """Real dates in EDTF, none of them after the file's as_of."""
        for key in keys:
            value = item.get(key)
            if self._date_field(f"{path}.{key}", value):
                self._not_after_as_of(f"{path}.{key}", value)
                if key == "as_of":
                    self._closed(f"{path}.{key}", value)

    def _closed(self, path: str, value: Any) -> None:
        """A day something held as of, or was read on, is a day or a closed interval of
        them (2018, 2021/2022): "2022/.." would read as "from 2022 on", a claim of now."""
        if dates.start(value) is None or dates.end(value) is None:
            self.add(
                path,
                f"{value} is open at one end: give a day, a month, a year or an interval "
                "with both ends (2021/2022)",
            )

    def _place(self, path: str, item: dict[str, Any], owner: str) -> None:
        name, code = item.get("country"), item.get("country_code")
        if not (_text_or_none(name) and _text_or_none(code)):
            return  # a wrong type: the models report it
        for suffix, message in _place_problems(name, code, bool(owner and not item.get("notes"))):
            self.add(f"{path}.{suffix}", message)
        self._blanks(path, item, "place")

    def _org(self, key: str, index: int | None, org: dict[str, Any]) -> None:
        found: list[tuple[str, str]] = []
        name, code = org.get("country"), org.get("country_code")
        if _text_or_none(name) and _text_or_none(code):
            found += _place_problems(name, code, not org.get("notes"))
        part_of = org.get("part_of")
        if isinstance(part_of, str) and part_of not in self.org_ids:
            found.append(("part_of", f"refers to '{part_of}', which is no id in this file"))
        listing = org.get("listing")
        path = _path(key, index)
        self._names(path, org)
        cited = self._citations(path, org, shapes.ORGANIZATION)
        for npath, other in _dicts(org.get("other_names"), f"{path}.other_names"):
            self._citations(npath, other, shapes.OTHER_NAME)
        position = org.get("positions_source")
        if isinstance(position, dict):
            self._cite(f"{path}.positions_source", position, shapes.ORGANIZATION)
        if isinstance(listing, dict):
            self._blanks(f"{path}.listing", listing, "listing")
        if isinstance(listing, dict) and isinstance(listing.get("list"), str):
            list_id = listing["list"]
            if list_id in self.lists:
                self.cited.add(self.lists[list_id])
                cited = True
            else:
                known = ", ".join(self.lists) or "none"
                found.append(
                    ("listing.list", f"'{list_id}' is no list of the file's sources ({known})")
                )
        if not cited and key != "partners":  # a partner without a listing is told so below
            self._cited(path, cited, "the organisation")
        if key == "partners":
            if listing is None:
                found.append(("listing", "a partner needs its place in a source's list"))
            kind = org.get("type")
            if isinstance(kind, str) and kind not in PARTNER_TYPES:
                found.append(("type", partner_type_problem(kind)))
                self.replaced.add(f"{path}.type")
        elif listing is not None:
            found.append(("listing", "only partners have a place in a source's list"))
        for suffix, message in found:
            kind = "reference" if message.startswith("refers to") or "is no list" in message else ""
            self.add(f"{path}.{suffix}", message, kind or "value")

    def _person(self, path: str, person: dict[str, Any]) -> None:
        self._names(path, person, NAME_FIELDS["people"])
        cited = self._citations(path, person, shapes.PERSON)
        for npath, other in _dicts(person.get("other_names"), f"{path}.other_names"):
            self._citations(npath, other, shapes.OTHER_NAME)
        posts_cited = True
        for ppath, post in _dicts(person.get("posts"), f"{path}.posts"):
            self._ref(f"{ppath}.organization_id", post.get("organization_id"), self.org_ids)
            self._blanks(ppath, post, "post")
            self._dates(ppath, post, ("start_date", "as_of"))
            post_cited = self._citations(ppath, post, shapes.POST)
            if not (post_cited or cited):
                self._cited(ppath, False, "the post")
            posts_cited = posts_cited and post_cited
            self._period_order(ppath, post.get("start_date"), post.get("end"))
            self._held_as_of(ppath, post, post.get("sources") or person.get("sources"))
            self._end(ppath, post.get("end"))
        if not cited and not (person.get("posts") and posts_cited):
            self._cited(path, cited, "the person")

    def _blanks(self, path: str, record: dict[str, Any], kind: str) -> bool:
        """The record's texts that must say something (blank_problems), each said in these
        words only: the models' "at least 1 character" for the same text is dropped.
        Whether any was found."""
        found = blank_problems(record, kind)
        for key, why in found:
            self.add(f"{path}.{key}", why)
            self.replaced.add(f"{path}.{key}")
        return bool(found)

    def _end(self, path: str, end: Any) -> None:
        if not isinstance(end, dict):
            return
        epath = f"{path}.end"
        self._blanks(epath, end, "end")
        self._dates(epath, end, ("date",))
        self._ref(f"{epath}.decided_at", end.get("decided_at"), self.event_ids)
        self._cited(epath, self._citations(epath, end, shapes.END), "the end")

    def _period_order(self, path: str, start: Any, end: Any) -> None:
        """An end never before its start; an end given as an interval does not reach back
        before the start ("2010/2016" for a period from 2015: the end lies in 2015/2016)."""
        stop = end.get("date") if isinstance(end, dict) else None
        if not (isinstance(start, str) and isinstance(stop, str)):
            return
        if dates.problem(start) or dates.problem(stop):
            return
        low, high = dates.start(start), dates.end(stop)
        if low is not None and high is not None and high < low:
            self.add(f"{path}.end.date", f"{stop} is before the start {start}")
            return
        first, _, last = stop.partition("/")
        first_end = dates.end(first) if last and first not in ("", "..") else None
        if low is not None and first_end is not None and first_end < low:
            self.add(
                f"{path}.end.date",
                f"{stop} reaches back before the start {start}: an end comes after its "
                "start (begin the interval no earlier than the start)",
            )

    def _held_as_of(self, path: str, period: dict[str, Any], cited: Any) -> None:
        """A period's `as_of` says a source found it held that day: not before its start,
        not after its end, and not after the latest date its sources can speak of (their
        as_of, else when they were published or retrieved)."""
        as_of = period.get("as_of")
        if not isinstance(as_of, str) or dates.problem(as_of):
            return
        low, high = dates.start(as_of), dates.end(as_of)
        start = period.get("start_date")
        if isinstance(start, str) and not dates.problem(start):
            first = dates.start(start)
            if high is not None and first is not None and high < first:
                self.add(f"{path}.as_of", f"{as_of} is before the start {start}")
        end = period.get("end")
        stop = end.get("date") if isinstance(end, dict) else None
        if isinstance(stop, str) and not dates.problem(stop):
            last = dates.end(stop)
            if low is not None and last is not None and low > last:
                self.add(f"{path}.as_of", f"{as_of} is after the end {stop}")
        self._not_after_sources(f"{path}.as_of", as_of, cited)

    def _not_after_sources(self, path: str, value: Any, cited: Any) -> None:
        """A date that its sources report may not begin after the latest day every one of
        them can speak of (_source_date): a source as of June 2023 cannot report an end in
        November. Not said when a citation's source has no date, nor of a date that is not
        one (the date checks say so)."""
        if not isinstance(value, str) or dates.problem(value):
            return
        cites = cited if isinstance(cited, list) else []  # a wrong type: the models say so
        said = [self._source_date(c.get("source")) for c in cites if isinstance(c, dict)]
        known = [d for d in said if d is not None]
        first = dates.start(value)
        if first is None or not known or len(known) != len(said):
            return
        latest = max(known, key=lambda d: d[1])
        if first > latest[1]:
            self.add(
                path,
                f"{value} is after what its sources can report: the latest, {latest[0]}, is "
                f"of {latest[2]} (cite a source of that day or later)",
            )

    def _source_date(self, ident: Any) -> tuple[str, str, str] | None:
        """(the source's id, the latest day it can speak of, that date as written): its
        as_of, else its retrieved, else its published date; None when it has none."""
        source = self.sources_by_id.get(ident) if isinstance(ident, str) else None
        for key in ("as_of", "retrieved", "published"):
            value = source.get(key) if source else None
            if isinstance(value, str) and not dates.problem(value):
                last = dates.end(value)
                if last is not None:
                    return str(ident), last, value
        return None

    def _event(self, path: str, event: dict[str, Any]) -> None:
        self._names(path, event)
        self._dates(path, event, ("date", "end_date"))
        start, end = event.get("date"), event.get("end_date")
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and not (dates.problem(start) or dates.problem(end))
            and (dates.end(end) or "9999") < (dates.start(start) or "0000")
        ):
            self.add(f"{path}.end_date", f"{end} is before the start {start}")
        if isinstance(end, str) and start is None:
            self.add(f"{path}.date", "an undated event cannot have an end_date")
        self._cited(path, self._citations(path, event, shapes.EVENT), "the event")
        place = event.get("place")
        if isinstance(place, dict):
            self._place(f"{path}.place", place, "")
        self._ref(f"{path}.organization_id", event.get("organization_id"), self.org_ids)
        for ppath, part in _dicts(event.get("participants"), f"{path}.participants"):
            self._ref(f"{ppath}.id", part.get("id"), self.org_ids, self.person_ids)
        for cpath, ref in _dicts(event.get("countries"), f"{path}.countries"):
            self._place(cpath, ref, "")

    def _membership(self, path: str, ms: dict[str, Any]) -> None:
        self._ref(f"{path}.member_id", ms.get("member_id"), self.org_ids)
        self._ref(f"{path}.organization_id", ms.get("organization_id"), self.org_ids)
        member = ms.get("member_id")
        if isinstance(member, str) and member == ms.get("organization_id"):
            self.add(
                f"{path}.organization_id",
                f"'{member}' is the member too: an organisation is no member of itself",
            )
        previous, previous_low = "", ""
        ended: tuple[str, str] | None = None  # the previous period's end: (date, its start)
        for ppath, period in _dicts(ms.get("periods"), f"{path}.periods"):
            self._dates(ppath, period, ("start_date", "as_of"))
            self._ref(f"{ppath}.decided_at", period.get("decided_at"), self.event_ids)
            self._cited(
                ppath, self._citations(ppath, period, shapes.STATUS_PERIOD), "the status period"
            )
            start = period.get("start_date")
            end = period.get("end")
            self._period_order(ppath, start, end)
            self._held_as_of(ppath, period, period.get("sources"))
            self._not_after_sources(f"{ppath}.start_date", start, period.get("sources"))
            self._end(ppath, end)
            if isinstance(end, dict):
                self._not_after_sources(f"{ppath}.end.date", end.get("date"), end.get("sources"))
            self._end_status(ppath, period)
            if isinstance(start, str) and not dates.problem(start):
                low = dates.start(start) or ""
                if low < previous_low:
                    self.add(
                        f"{ppath}.start_date",
                        f"{start} is before the previous period's start {previous}",
                    )
                elif ended is not None and (dates.end(start) or "") < ended[1]:
                    self.add(
                        f"{ppath}.start_date",
                        f"{start} is before the previous period's end {ended[0]}: a "
                        "membership has one status at a time (end the previous period "
                        "when this one begins, or correct a date)",
                    )
                previous, previous_low = start, low
            stop = end.get("date") if isinstance(end, dict) else None
            ok = isinstance(stop, str) and not dates.problem(stop)
            ended = (stop, dates.start(stop) or "") if ok and isinstance(stop, str) else None

    def _records_overlap(self) -> None:
        """Two membership records of one member in one international: a period of one may
        not begin before a period of the other has ended, as within one record ("a full
        member from 2016" beside "associate from 2015, left in 2023-11")."""
        spans: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
        for index, ms in _indexed(self.raw, "memberships"):
            member, org = ms.get("member_id"), ms.get("organization_id")
            if not (isinstance(member, str) and isinstance(org, str)):
                continue
            for ppath, period in _dicts(
                ms.get("periods"), f"{_path('memberships', index)}.periods"
            ):
                start, end = period.get("start_date"), period.get("end")
                stop = end.get("date") if isinstance(end, dict) else None
                if isinstance(start, str) and not dates.problem(start):
                    good = isinstance(stop, str) and not dates.problem(stop)
                    spans.setdefault((member, org), []).append(
                        (ppath, start, stop if good and isinstance(stop, str) else "", str(index))
                    )
        for found in spans.values():
            if len({record for *_, record in found}) < 2:
                continue  # one record: _membership said it
            for path, start, _, record in found:
                for other, first, stop, theirs in found:
                    if theirs == record or not stop:
                        continue
                    begins = dates.start(first) or ""
                    if begins <= (dates.start(start) or "") and (dates.end(start) or "") < (
                        dates.start(stop) or ""
                    ):
                        self.add(
                            f"{path}.start_date",
                            f"{start} is before the end {stop} of {other}, a period of the "
                            "same member in the same international: a membership has one "
                            "status at a time (end the one when the other begins, or "
                            "correct a date)",
                        )

    def _end_status(self, path: str, period: dict[str, Any]) -> None:
        """An end says what the membership became: not the status that ended."""
        end, status = period.get("end"), period.get("status")
        became = end.get("status") if isinstance(end, dict) else None
        if isinstance(became, str) and became == status:
            self.add(
                f"{path}.end.status",
                f"'{became}' is the status that ends here: say what the membership became "
                f"({', '.join(END_STATUSES)}, or another status), or leave it out",
            )

    def _contact(self, path: str, contact: dict[str, Any]) -> None:
        self._cited(path, self._citations(path, contact, shapes.CONTACT), "the contact")
        for key in ("label", "office", "restriction"):
            text = contact.get(key)
            if isinstance(text, dict):
                self._language(f"{path}.{key}.language", text.get("language"))
                self._blanks(f"{path}.{key}", text, "printed")
        kind = contact.get("type")
        if not isinstance(kind, str) or kind not in PHONE_TYPES:  # the models judge the type
            return
        value = contact.get("value")
        if not isinstance(value, str):
            return
        why = phones.value_problem(value)
        if why:
            self.add(f"{path}.value", why)
            return
        printed = contact.get("printed")
        if not isinstance(printed, str):
            return
        # Printed without a country code, a number is read in the party's own country.
        meant = phones.printed_value(printed, self.phone_region)
        if meant is not None and meant != value:  # the extension counts too
            self.add(f"{path}.printed", f"'{printed}' is the number {meant}, not {value}")


#: The name fields of each section's records (other names are names too, in every section
#: whose records have them).
NAME_FIELDS = {
    "party": ("name",),
    "partners": ("name",),
    "organizations": ("name",),
    "people": ("name", "family_name"),
    "events": ("name",),
}


#: Texts that must say something, by kind of record: (whose, keys, how to mend). A source's
#: title and publisher say which source it is (printed as the source prints them, whatever
#: characters they hold, unlike names); a post's role, an end's reason and an inference's
#: reason are printed in sentences ("ended: left the party").
BLANK_REFUSED = {
    "source": ("a source's", ("title", "publisher"), "give it as printed"),
    "end": ("an end's", ("reason",), "say why it ended, in your own words"),
    "post": ("a post's", ("role",), "give the position as the source names it"),
    "citation": (
        "a citation's",
        ("at",),
        "say where in the source it is read (a paragraph, a line, a table)",
    ),
    "inference": (
        "an inferred value's",
        ("reason",),
        "say why the value holds although no source states it",
    ),
    "place": ("a place's", ("city",), "name the city, or leave it out"),
    "list": ("a list's", ("heading",), "give the heading as printed, or null if it has none"),
    "listing": ("a listing's", ("printed",), "give the list item as the source prints it"),
    "printed": (
        "a printed",
        ("text", "gloss"),
        "give the text as printed, and its gloss in English (or no gloss)",
    ),
}


def _dotted_problem(field: str) -> str | None:
    """Why a dotted field name (`end.date`, `place.country`) names nothing: a part after a
    dot is no field of the object the part before it holds (shapes.FIELDS_OF), or the part
    before it holds no object (`end.date.x`); None when it names a field, or has no dot."""
    head, dot, tail = field.partition(".")
    if not dot:
        return None
    inner = shapes.FIELDS_OF.get(head)
    if inner is None:
        return f"'{field}': {head} holds no fields of its own (name {head} alone)"
    names = [name for name, _ in inner]
    first = tail.split(".")[0]
    if first not in names:
        return f"'{field}' is no field of its {head} ({', '.join(names)})"
    deeper = _dotted_problem(tail)
    return None if deeper is None else f"'{field}': {deeper.split(': ', 1)[-1]}"


def source_list_problems(sources: list[Any], shape: Sequence[Problem] = ()) -> list[Problem]:
    """Every problem of a list of sources as a data file's `sources` would have them (the
    checks of GraphChecker._sources: ids, parts and lists, blank texts, real and ordered
    dates, an undated source, languages, web addresses), at paths `[i].key`, beside the
    models' problems of its shape (`shape`, where a rule says the same place better its
    message replaces theirs), in the order of the file: for a --sources file, said of
    that file."""
    from .load import ordered

    checker = GraphChecker({"sources": sources})
    checker._sources()
    replaced = {path.removeprefix("sources") for path in checker.replaced}
    return ordered(
        [
            *(p for p in shape if p.path not in replaced),
            *(
                Problem(p.path.removeprefix("sources"), p.message, kind=p.kind)
                for p in checker.problems
            ),
        ]
    )


def blank_problems(record: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    """(key, why) for each of a record's BLANK_REFUSED texts (`kind`: source, end, post,
    citation, inference, place, list, printed) that is empty or shows nothing (escaping.
    shows_nothing), printed as nothing ("ended: "), or that begins or ends with what shows
    nothing (escaping.blank_at_ends: "A JUST RUSSIA " is another publisher to a join)."""
    whose, keys, fix = BLANK_REFUSED[kind]
    found = []
    for key in keys:
        text = record.get(key)
        if not isinstance(text, str):
            continue
        if shows_nothing(text):
            found.append((key, f"{whose} {key} cannot be empty or blank: {fix}"))
        elif blank_at_ends(text):
            shown = quoted_ends_shown(text)
            found.append((key, ENDS_BLANK.format(what=f"{whose} {key}", shown=shown)))
    return found


#: Why a date a file or a source holds as of cannot be in the future.
AS_OF_COME = "a file or a source can only hold as of a day that has come"


def future_problem(value: Any, why: str = AS_OF_COME) -> str | None:
    """Why a date (EDTF) that a file or a source holds as of, was published or was read
    cannot be: it begins after today on the latest clock on Earth (dates.today), and `why`
    that matters; None when it has begun, or is no date (the date checks say so)."""
    if not isinstance(value, str) or dates.problem(value):
        return None
    start = dates.start(value)
    today = dates.today()
    if start is None or start <= today:
        return None
    return (
        f"{value} is in the future (today is {today} on the latest clock on Earth, UTC+14): {why}"
    )


def source_date_problems(source: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, why) for a source's `published` or `as_of` that lies after its `retrieved`
    (published_after): a copy cannot be taken before its source was published, nor hold
    as of a later day; and for any of its three dates in the future (future_problem)."""
    retrieved = source.get("retrieved")
    return [
        (key, f"{source[key]} is after the copy was retrieved ({retrieved}): {why}")
        for key, why in (
            ("published", "a source is published before it is retrieved"),
            ("as_of", "a copy holds as of a day no later than the day it was taken"),
        )
        if published_after(source.get(key), retrieved)
    ] + [
        (key, why)
        for key in ("published", "as_of", "retrieved")
        if (why := future_problem(source.get(key))) is not None
    ]


#: A source's dates; every source gives at least one (data.md: every source says as of
#: when it holds).
SOURCE_DATES = ("as_of", "published", "retrieved")
UNDATED_SOURCE = (
    "gives no date: add as_of (when what it says holds), published or retrieved (when "
    "the copy was read)"
)


def published_after(published: Any, retrieved: Any) -> bool:
    """Whether a source's publication (or as-of) date, EDTF, begins after its retrieval
    date can end: a copy cannot be taken before its source was published, nor hold as of a
    later day. False when either is missing or no date (the date checks say so)."""
    if not (isinstance(published, str) and isinstance(retrieved, str)):
        return False
    if dates.problem(published) or dates.problem(retrieved):
        return False
    first, last = dates.start(published), dates.end(retrieved)
    return first is not None and last is not None and first > last


def name_problem(name: str) -> str | None:
    """Why a text cannot be a name, in words, or None: it shows nothing (escaping.
    shows_nothing), has spaces at its ends, or holds a character that hides or reorders
    text (escaping.NOT_IN_NAMES)."""
    from ..escaping import NOT_IN_NAMES, character_kind, json_quoted

    shown = json_quoted(name)  # as every message about data shows text
    if shows_nothing(name):
        return f"a name cannot be empty or blank (got {shown}): give it as the source prints it"
    bad = NOT_IN_NAMES.search(name)
    if bad is not None:
        ch = bad.group()
        return f"a name may not hold U+{ord(ch):04X}, {character_kind(ch)} (got {shown}): remove it"
    if blank_at_ends(name):
        return ENDS_BLANK.format(what="a name", shown=quoted_ends_shown(name))
    return None


#: A text that begins or ends with what shows nothing (escaping.blank_at_ends).
ENDS_BLANK = (
    "{what} begins or ends with a space or a character that shows nothing (got {shown}): remove it"
)


def partners_names_clean(raw: dict[str, Any]) -> bool:
    """Whether every partner's name and other names is certainly a good name (a quick pass
    for a big file; any doubt sends the partners through the record-by-record checks)."""
    from ..escaping import NOT_IN_NAMES

    partners = raw.get("partners")
    if not isinstance(partners, list):
        return False
    search = NOT_IN_NAMES.search
    for org in partners:
        if type(org) is not dict:
            return False
        name = org.get("name")
        if type(name) is str and (blank_at_ends(name) or shows_nothing(name) or search(name)):
            return False
        others = org.get("other_names") or []
        if type(others) is not list:
            return False  # the models say what it must be
        for other in others:
            oname = other.get("name") if type(other) is dict else None
            if type(oname) is str and (
                blank_at_ends(oname) or shows_nothing(oname) or search(oname)
            ):
                return False
    return True


def partner_type_problem(kind: str) -> str:
    """Why a partner cannot have this type, in the words the models use for a type outside
    their set: a partner's types are a subset of the organisations' (enums.PartnerType)."""
    from ..escaping import escape_control

    allowed = [f"'{t}'" for t in PARTNER_TYPE_VALUES]
    listed = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
    other = " (the type of an organisation that is no partner: list it under organizations)"
    shown = escape_control(kind)
    return f'a partner\'s type must be one of {listed} (got "{shown}")' + (
        other if kind in ORG_TYPE_VALUES else ""
    )


#: The form of each identifier scheme's ids, compiled, and how to say it (forms.py).
IDENTIFIER_FORMS = {
    scheme: (re.compile(form), words) for scheme, (form, words) in forms.IDENTIFIER_FORMS.items()
}


#: The form of a language tag (models.LANGUAGE_PATTERN without its anchors).
LANGUAGE_FORM = r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*"


#: ISO 639 codes withdrawn for others, as old pages still declare them (IANA's registry).
_RENAMED_LANGUAGES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}


def language_tag(written: str | None) -> str | None:
    """The BCP 47 tag a page's declared language means, in the form a data file takes
    (`en`, `en-US`, `zh-Hant-TW`): the first of a list (`ru,en`), spaces at the ends and
    case aside (`EN`, `en_us`), withdrawn codes renamed (`iw` is `he`); None when it is
    no tag of a language ISO 639 knows (`x-klingon`, `qaa`, empty)."""
    first = (written or "").split(",")[0].strip().replace("_", "-")
    parts = first.split("-")
    base = _RENAMED_LANGUAGES.get(parts[0].lower(), parts[0].lower())
    rest = [
        p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p.lower() for p in parts[1:]
    ]
    tag = "-".join([base, *rest])
    if not re.fullmatch(LANGUAGE_FORM, tag) or not known_language(base):
        return None
    return tag


@lru_cache(maxsize=256)
def known_language(code: str) -> bool:
    """Whether an ISO 639 code (two or three letters) names a language (pycountry)."""
    import pycountry

    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return pycountry.languages.get(alpha_3=code) is not None


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


@lru_cache(maxsize=4096)
def _place_problems(
    name: str | None, code: str | None, needs_note: bool
) -> tuple[tuple[str, str], ...]:
    """What is wrong with a country name and code pair (field suffix, message); memoised,
    as a big file repeats the same few pairs."""
    found: list[tuple[str, str]] = []
    if isinstance(name, str) and blank_at_ends(name):  # counted apart from the country
        return (("country", ENDS_BLANK.format(what="a country", shown=quoted_ends_shown(name))),)
    if isinstance(code, str):
        if not countries.is_iso_code(code):
            return (("country_code", f"'{code}' is not an ISO 3166-1 alpha-2 code"),)
        if isinstance(name, str):
            # In English or another language (Russland); the others only when it is none.
            # A name several countries go by (Congo) is any of theirs with its code.
            shared = countries.several(name)
            match = countries.lookup(code) if code in shared else countries.lookup_translated(name)
            if match is not None and match.successors:
                found.append(
                    (
                        "country",
                        f"'{name}' is a former country ({match.name}) without an ISO 3166-1 "
                        f"code: leave country_code '{code}' out and say why in a note",
                    )
                )
            elif match is None or match.code != code:
                expect = countries.short_name(code)
                found.append(
                    ("country", f"'{name}' does not match country_code '{code}' ({expect})")
                )
        elif name is None:
            found.append(("country", f"missing while country_code is '{code}'"))
    elif isinstance(name, str):
        candidates = countries.several(name)
        match = countries.lookup(name)
        if candidates:
            if needs_note:
                codes = " or ".join(f"'{c}'" for c in candidates)
                found.append(
                    (
                        "country_code",
                        f"missing: '{name}' is the name of several countries: give {codes}, "
                        "or say in a note which it may be",
                    )
                )
        elif match is not None and match.code is not None:
            found.append(("country_code", f"missing: '{name}' has the ISO code '{match.code}'"))
        elif needs_note:
            found.append(("notes", f"'{name}' has no ISO code: add a note saying why"))
    return tuple(found)
