"""Regions as data (regions.json beside this module): unions as of the page's date, with
their source, and the continents of the UN M49 geoscheme. One place answers which
countries a region holds and which regions lie within another."""

from __future__ import annotations

import json
import os
from functools import lru_cache

from ..errors import UsageError
from ..slotted import Struct
from .countries import fold, suggest

HERE = os.path.dirname(os.path.abspath(__file__))


class Region(Struct):
    """A named group of countries, with where its membership comes from."""

    __slots__ = ("name", "aliases", "kind", "as_of", "within", "source", "note", "countries")

    def __init__(
        self,
        name: str,
        aliases: tuple[str, ...],
        kind: str,
        as_of: str | None,
        within: tuple[str, ...],
        source: str,
        note: str | None,
        countries: frozenset[str],
    ) -> None:
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.as_of = as_of
        self.within = within
        self.source = source
        self.note = note
        self.countries = countries


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every region by name, in the file's order."""
    with open(os.path.join(HERE, "regions.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    return {
        r["name"]: Region(
            r["name"],
            tuple(r.get("aliases", ())),
            r["kind"],
            r.get("as_of"),
            tuple(r.get("within", ())),
            r["source"],
            r.get("note"),
            frozenset(r["countries"]),
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
    """The region a user means; a usage error listing the known ones otherwise."""
    found = lookup(text)
    if found is not None:
        return found
    names = list(regions())
    close = suggest(text, names)
    if close:
        raise UsageError(f"'{text}' is not a region I know.", close)
    raise UsageError(f"'{text}' is not a region I know.", names, label="Regions")


def countries_of(name: str) -> frozenset[str]:
    """The ISO codes of a region's countries."""
    return regions()[name].countries


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
