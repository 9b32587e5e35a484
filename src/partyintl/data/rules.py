"""Whole-file rules over the parsed JSON: ids, references, countries, dates, phones."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..errors import Problem
from . import countries, phones
from .enums import PARTNER_TYPE_VALUES

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")

ORG_KEYS = ("party", "partners", "organizations")
PARTNER_TYPES = frozenset(PARTNER_TYPE_VALUES)
PHONE_TYPES = {"phone", "fax", "mobile"}


def _indexed(raw: dict[str, Any], key: str) -> Iterator[tuple[int | None, dict[str, Any]]]:
    """The dicts of a section with their index (None for a lone object), paths left unbuilt."""
    value = raw.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item
    elif isinstance(value, dict):
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

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.problems: list[Problem] = []
        self.org_ids: set[str] = set()
        self.person_ids: set[str] = set()
        self.event_ids: set[str] = set()

    def add(self, path: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(path, message))

    def run(self) -> list[Problem]:
        """Every problem found, in file order per rule."""
        self._ids()
        for key in ORG_KEYS:
            if key == "partners" and self._partners_clean():
                continue  # proved free of partner-level problems in a few set operations
            for index, org in _indexed(self.raw, key):
                self._org(key, index, org)
        self._identifiers()
        for index, person in _indexed(self.raw, "people"):
            path = _path("people", index)
            for ppath, post in _dicts(person.get("posts"), f"{path}.posts"):
                self._ref(f"{ppath}.organization_id", post.get("organization_id"), self.org_ids)
                self._dates(ppath, post, ("start_date", "as_of"))
        for index, event in _indexed(self.raw, "events"):
            path = _path("events", index)
            self._event(path, event)
        for index, ms in _indexed(self.raw, "memberships"):
            path = _path("memberships", index)
            self._membership(path, ms)
        for index, contact in _indexed(self.raw, "contacts"):
            path = _path("contacts", index)
            self._contact(path, contact)
        return self.problems

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
        pairs: set[tuple[Any, Any, bool]] = set()
        parents: set[Any] = set()
        allowed_types = PARTNER_TYPES | {None}  # a missing type is the models' to report
        try:
            for org in partners:
                if type(org) is not dict:
                    return False
                get = org.get
                country = get("country")
                if (
                    get("listing") is None
                    or get("type") not in allowed_types
                    or (country is None and not get("region"))
                ):
                    return False
                pairs.add((country, get("country_code"), not get("notes")))
                parents.add(get("part_of"))
        except TypeError:  # an unhashable value where text belongs: the models report it
            return False
        parents.discard(None)
        return parents <= self.org_ids and all(
            _text_or_none(n) and _text_or_none(c) and not _place_problems(n, c, note)
            for n, c, note in pairs
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
            self.add(path, f"refers to '{value}', which is no id in this file")

    def _dates(self, path: str, item: dict[str, Any], keys: tuple[str, ...]) -> None:
        for key in keys:
            value = item.get(key)
            if isinstance(value, str):
                why = check_date(value)
                if why:
                    self.add(f"{path}.{key}", why)

    def _place(self, path: str, item: dict[str, Any], owner: str) -> None:
        name, code = item.get("country"), item.get("country_code")
        if not (_text_or_none(name) and _text_or_none(code)):
            return  # a wrong type: the models report it
        for suffix, message in _place_problems(name, code, bool(owner and not item.get("notes"))):
            self.add(f"{path}.{suffix}", message)

    def _org(self, key: str, index: int | None, org: dict[str, Any]) -> None:
        found: list[tuple[str, str]] = []
        name, code = org.get("country"), org.get("country_code")
        if _text_or_none(name) and _text_or_none(code):
            found += _place_problems(name, code, not org.get("notes"))
        part_of = org.get("part_of")
        if isinstance(part_of, str) and part_of not in self.org_ids:
            found.append(("part_of", f"refers to '{part_of}', which is no id in this file"))
        listing = org.get("listing")
        if key == "partners":
            if listing is None:
                found.append(("listing", "a partner needs its place in the source's lists"))
            kind = org.get("type")
            if isinstance(kind, str) and kind not in PARTNER_TYPES:
                found.append(
                    ("type", f"a partner's type is party, international or npo, not '{kind}'")
                )
            if name is None and not org.get("region"):
                found.append(("region", "a partner with no country needs a region"))
        elif listing is not None:
            found.append(("listing", "only partners have a place in the source's lists"))
        if found:
            path = _path(key, index)
            for suffix, message in found:
                self.add(f"{path}.{suffix}", message)

    def _event(self, path: str, event: dict[str, Any]) -> None:
        self._dates(path, event, ("date", "end_date"))
        start, end = event.get("date"), event.get("end_date")
        if isinstance(start, str) and isinstance(end, str) and end < start:
            self.add(f"{path}.end_date", f"{end} is before the start {start}")
        if isinstance(end, str) and start is None:
            self.add(f"{path}.date", "an undated event cannot have an end_date")
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
        previous = ""
        for ppath, period in _dicts(ms.get("periods"), f"{path}.periods"):
            self._dates(ppath, period, ("start_date",))
            self._ref(f"{ppath}.decided_at", period.get("decided_at"), self.event_ids)
            start = period.get("start_date")
            if isinstance(start, str):
                if start < previous:
                    self.add(
                        f"{ppath}.start_date",
                        f"{start} is before the previous period's start {previous}",
                    )
                previous = start

    def _contact(self, path: str, contact: dict[str, Any]) -> None:
        if contact.get("type") not in PHONE_TYPES:
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
        meant = phones.printed_value(printed, "RU")
        if meant is not None and meant != value:  # the extension counts too
            self.add(f"{path}.printed", f"'{printed}' is the number {meant}, not {value}")


#: The form of each identifier scheme's ids, and how to say it.
IDENTIFIER_FORMS = {
    "partyfacts": (re.compile(r"[1-9][0-9]*"), "a positive whole number"),
    "manifesto": (re.compile(r"[1-9][0-9]*"), "a positive whole number"),
    "vparty": (re.compile(r"[1-9][0-9]*"), "a positive whole number"),
    "parlgov": (re.compile(r"[1-9][0-9]*"), "a positive whole number"),
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "Q followed by digits, e.g. Q49768"),
}


def check_date(value: str) -> str | None:
    """Why a partial ISO date is not a real date, or None if it is."""
    m = _DATE.match(value)
    if not m:
        return None  # the model's pattern reports the form
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return f"month {month} does not exist"
    if day is not None:
        import calendar

        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            return f"{value} is not a real date"
    return None


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


@lru_cache(maxsize=4096)
def _place_problems(
    name: str | None, code: str | None, needs_note: bool
) -> tuple[tuple[str, str], ...]:
    """What is wrong with a country name and code pair (field suffix, message); memoised,
    as a big file repeats the same few pairs."""
    found: list[tuple[str, str]] = []
    if isinstance(code, str):
        if not countries.is_iso_code(code):
            return (("country_code", f"'{code}' is not an ISO 3166-1 alpha-2 code"),)
        if isinstance(name, str):
            match = countries.lookup(name)
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
        match = countries.lookup(name)
        if match is not None and match.code is not None:
            found.append(("country_code", f"missing: '{name}' has the ISO code '{match.code}'"))
        elif needs_note:
            found.append(("notes", f"'{name}' has no ISO code: add a note saying why"))
    return tuple(found)
