"""Regions as data (regions.json beside this module): unions with their members' entry and
exit dates (so a file is counted with the members of its own as_of date), and the
continents of the UN M49 geoscheme. One place answers which countries a region holds on a
date and which regions lie within another. scripts/gen_regions.py writes the unions."""

from __future__ import annotations

import os
from functools import lru_cache

from ..errors import UsageError
from ..structs import Struct
from .countries import fold

HERE = os.path.dirname(os.path.abspath(__file__))


class Region(Struct):
    """A named group of countries, with where its membership comes from."""

    __slots__ = ("name", "aliases", "kind", "within", "source", "note", "countries", "members")

    def __init__(
        self,
        name: str,
        aliases: tuple[str, ...],
        kind: str,
        within: tuple[str, ...],
        source: str,
        note: str | None,
        countries: frozenset[str],
        members: tuple[tuple[str, str, str | None], ...] = (),
    ) -> None:
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.within = within
        self.source = source
        self.note = note
        #: An undated region's countries (ISO codes).
        self.countries = countries
        #: A union's members: (ISO code, entry date, exit date or None), dates in EDTF.
        self.members = members

    @property
    def dated(self) -> bool:
        """Whether membership depends on the date (a union, not a continent)."""
        return bool(self.members)

    def countries_on(self, date: str | None) -> frozenset[str]:
        """The countries in the region on a date (EDTF; its last day counts: a file as of
        2020 no longer has the United Kingdom, which left on 31 January 2020); today's
        members, as far as the table knows, without a date."""
        if not self.members:
            return self.countries
        from . import dates

        day = dates.end(date) if date is not None else None
        if day is None:
            return frozenset(code for code, _, until in self.members if until is None)
        return frozenset(
            code
            for code, start, until in self.members
            if (dates.start(start) or "") <= day
            and (until is None or day <= (dates.end(until) or ""))
        )


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every region by name, in the file's order."""
    import json

    with open(os.path.join(HERE, "regions.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    return {
        r["name"]: Region(
            r["name"],
            tuple(r.get("aliases", ())),
            r["kind"],
            tuple(r.get("within", ())),
            r["source"],
            r.get("note"),
            frozenset(r.get("countries", ())),
            tuple((m["code"], m["from"], m.get("until")) for m in r.get("members", ())),
        )
        for r in data["regions"]
    }


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    index = {}
    for region in regions().values():
        for spelling in (region.name, *region.aliases):
            index[fold(spelling)] = region.name
    return index


def lookup(text: str) -> str | None:
    """The name of the region a spelling means, or None."""
    return _names().get(fold(text))


def resolve(text: str) -> str:
    """The region a user means; a usage error suggesting a close name (other names
    included) or, when none is close, saying so and listing the known regions by kind."""
    from .suggest import close_matches

    found = lookup(text)
    if found is not None:
        return found
    spellings = {s: r.name for r in regions().values() for s in (r.name, *r.aliases)}
    close = close_matches(text, spellings)
    if close:
        raise UsageError(f"'{text}' is not a region I know.", close)
    raise UsageError(
        f"No region is called '{text}'. The regions are (see `partyintl regions`):",
        known_by_kind(),
        label="",
    )


def known_by_kind() -> list[str]:
    """The regions' names, one unwrapped line per kind: `continent: Europe, Asia, ...`."""
    kinds: dict[str, list[str]] = {}
    for region in regions().values():
        name = f"{region.name} ({', '.join(region.aliases)})" if region.aliases else region.name
        kinds.setdefault(region.kind, []).append(name)
    # One line a kind: the error printer wraps them to the terminal (lifecycle.note_item).
    return [f"{kind}: {', '.join(names)}" for kind, names in kinds.items()]


def countries_of(name: str, date: str | None = None) -> frozenset[str]:
    """The ISO codes of a region's countries on a date (EDTF; see Region.countries_on)."""
    return regions()[name].countries_on(date)


def span_note(name: str, date: str | None) -> str | None:
    """For a union asked about as of a span of days (a year, a month, an interval), what
    changed in its membership within the span, and on which day it is taken (the last,
    Region.countries_on): "... the United Kingdom left on 2020-01-31 ..."; None when the
    span is one day or nothing changed."""
    from . import countries, dates

    region = regions()[name]
    first, last = (dates.start(date), dates.end(date)) if date else (None, None)
    if not region.members or first is None or last is None or first == last:
        return None
    changes = []
    for code, start, until in region.members:
        country = countries.lookup(code)
        shown = country.name if country is not None else code
        joined = dates.start(start) or ""
        if first < joined <= last:
            changes.append((joined, f"{shown} joined on {joined}"))
        left = dates.end(until) if until else None
        if left is not None and first <= left < last:
            changes.append((left, f"{shown} left on {left}"))
    if not changes:
        return None
    said = ", ".join(what for _, what in sorted(changes))
    return (
        f"the data holds as of {date}, and within it the {name}'s members changed ({said}): "
        f"it is counted with its members on the last day, {last}."
    )


def inside(name: str) -> frozenset[str]:
    """The region and every region that lies within it (the EU lies within Europe)."""
    found = {name}
    changed = True
    while changed:
        changed = False
        for region in regions().values():
            if region.name not in found and found & set(region.within):
                found.add(region.name)
                changed = True
    return frozenset(found)
