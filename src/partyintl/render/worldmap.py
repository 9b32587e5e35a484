"""Country outlines for the map, and where each lies: for insets that enlarge a crowded part.

Outlines come from pygal_maps_world's world map (LGPL-3.0-or-later), one group of paths
per ISO 3166-1 alpha-2 code in a 2475 x 1388 frame. A country's extent is that of its
largest piece (France without French Guiana, Norway without Svalbard), read from the path
data itself.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache

#: The outlines' frame (pygal_maps_world's viewBox).
MAP_WIDTH, MAP_HEIGHT = 2475.0, 1388.0
#: A country whose largest piece is narrower than this (in map units; about 15 px on a
#: 952-px map) is too small to read on the world map.
SMALL = 40.0
#: A country whose largest piece is wider than this reads well at any scale and does not
#: decide where an inset looks (Russia would stretch Europe's to the Pacific).
LARGE = MAP_WIDTH / 8
#: An inset is drawn when at least this many small partner countries lie in one region.
INSET_MIN = 3

_GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.S)
_PATH = re.compile(r'<path d="([^"]*)"')
_SEGMENT = re.compile(r"([MmLlHhVvCcSsQqTtZz])([^MmLlHhVvCcSsQqTtZz]*)")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: How many numbers each path command takes.
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "z": 0}

Box = tuple[float, float, float, float]  # left, top, right, bottom


@lru_cache(maxsize=1)
def outlines() -> dict[str, str]:
    """Each country's paths (SVG markup) by ISO 3166-1 alpha-2 code in lower case."""
    from importlib.util import find_spec

    spec = find_spec("pygal_maps_world")
    folders = spec.submodule_search_locations if spec is not None else None
    path = os.path.join(folders[0], "worldmap.svg") if folders else ""
    if os.path.isfile(path):  # an installed package: read it straight (importlib.resources
        with open(path, encoding="utf-8") as handle:  # costs 12 ms to import)
            svg = handle.read()
    else:  # inside a zip or another loader's store
        from importlib.resources import files

        svg = (files("pygal_maps_world") / "worldmap.svg").read_text(encoding="utf-8")
    return dict(_GROUP.findall(svg))


def path_box(d: str) -> Box:
    """The extent of one path's end points (curves bulge a little past it, never much)."""
    from itertools import accumulate

    xs: list[float] = []
    ys: list[float] = []
    x = y = 0.0
    for command, args in _SEGMENT.findall(d):
        numbers = [float(n) for n in _NUMBER.findall(args)]
        kind, relative = command.lower(), command.islower()
        size = _ARITY.get(kind, 2)
        if kind == "z" or not numbers:
            continue
        if kind in "hv":
            steps = numbers
            if kind == "h":
                dx, dy = steps, [0.0] * len(steps)
            else:
                dx, dy = [0.0] * len(steps), steps
        else:
            dx, dy = numbers[size - 2 :: size], numbers[size - 1 :: size]
        if relative:
            px = list(accumulate(dx, initial=x))[1:]
            py = list(accumulate(dy, initial=y))[1:]
        else:
            px = dx if kind != "v" else [x] * len(dy)
            py = dy if kind != "h" else [y] * len(dx)
        xs += px
        ys += py
        x, y = px[-1], py[-1]
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


def measure() -> dict[str, tuple[Box, Box]]:
    """Each country's whole extent and its largest piece's, by lower-case ISO code, read
    from the outlines (about 0.2 s: scripts/gen_static.py stores them in _mapboxes.py)."""
    found = {}
    for code, body in outlines().items():
        pieces = [path_box(d) for d in _PATH.findall(body)]
        if not pieces:
            continue
        whole = (
            min(b[0] for b in pieces),
            min(b[1] for b in pieces),
            max(b[2] for b in pieces),
            max(b[3] for b in pieces),
        )
        main = max(pieces, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        found[code] = (_rounded(whole), _rounded(main))
    return found


def _rounded(box: Box) -> Box:
    return (
        math.floor(box[0] * 10) / 10,
        math.floor(box[1] * 10) / 10,
        math.ceil(box[2] * 10) / 10,
        math.ceil(box[3] * 10) / 10,
    )


def boxes_of() -> dict[str, Box]:
    """Each country's whole extent (every piece), by lower-case ISO code."""
    from ._mapboxes import BOXES

    return {code: whole for code, (whole, _) in BOXES.items()}


def main_boxes() -> dict[str, Box]:
    """The extent of each country's largest piece, by lower-case ISO code."""
    from ._mapboxes import BOXES

    return {code: main for code, (_, main) in BOXES.items()}


def width_of(box: Box) -> float:
    """A box's width in map units."""
    return box[2] - box[0]


def inset_for(codes: set[str]) -> tuple[str, Box] | None:
    """The region to enlarge and the frame to show, for partner countries given by code.

    The region is the continent (UN M49, from regions.json) holding the most partner
    countries too small to read on the world map (SMALL), when it holds INSET_MIN or
    more; the frame takes in its partner countries that are not LARGE, with a margin,
    widened to a 4:3 shape. None when no region is crowded.
    """
    from ..data import regions

    boxes = main_boxes()
    best: tuple[int, str] | None = None
    for region in regions.regions().values():
        if region.kind != "continent":
            continue
        small = [
            c
            for c in codes
            if c.upper() in region.countries and width_of(boxes.get(c, _NONE)) < SMALL
        ]
        small = [c for c in small if c in boxes]
        if len(small) >= INSET_MIN and (best is None or len(small) > best[0]):
            best = (len(small), region.name)
    if best is None:
        return None
    name = best[1]
    members = regions.regions()[name].countries
    framed = [
        boxes[c]
        for c in codes
        if c in boxes and c.upper() in members and width_of(boxes[c]) < LARGE
    ]
    left = min(b[0] for b in framed)
    top = min(b[1] for b in framed)
    right = max(b[2] for b in framed)
    bottom = max(b[3] for b in framed)
    margin = max(right - left, bottom - top) * 0.06 + 4
    left, top, right, bottom = left - margin, top - margin, right + margin, bottom + margin
    width, height = right - left, bottom - top
    if width < height * 4 / 3:
        grow = (height * 4 / 3 - width) / 2
        left, right = left - grow, right + grow
    else:
        grow = (width * 3 / 4 - height) / 2
        top, bottom = top - grow, bottom + grow
    return name, (left, top, right, bottom)


_NONE: Box = (0.0, 0.0, 0.0, 0.0)


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
