"""Countries and places: the names people type resolve, and the map says what it cannot draw.

Generated: every ISO 3166-1 country with a partner in it on one map (each either shaded or
listed as not drawn, never dropped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

from partyintl.data._iso import COUNTRIES
from partyintl.render import View
from partyintl.render.figures import COUNT_SHADES, map_figure, world_paths


def _listed(svg: str) -> list[str]:
    """The lines of the map's 'not drawn' list."""
    return [unescape(t) for t in re.findall(r">• (.*?)</text>", svg)]


def _shaded(svg: str) -> int:
    """How many country outlines carry a partner's shade."""
    shades = "|".join(colour for _, colour in COUNT_SHADES)
    return len(re.findall(rf'<g fill="({shades})" stroke', svg))


def test_every_country_is_drawn_or_listed_never_dropped() -> None:
    outlines = world_paths()
    rows = [
        {"country": name, "country_code": code, "region": None, "partners": 1}
        for code, _, name, _, _ in COUNTRIES
    ]
    partners: list[tuple[str, str | None]] = [
        (f"Party of {name} ({name})", code) for code, _, name, _, _ in COUNTRIES
    ]
    partners.append(("New Ossetia (South Ossetia)", None))
    svg = map_figure(View(rows, ["country", "country_code"]), None, partners, "Source: test")
    missing = [(label, code) for label, code in partners if code and code.lower() not in outlines]
    assert len(missing) == 65  # pygal_maps_world 1.0.2 has no outline for these
    assert _listed(svg) == [
        "New Ossetia (South Ossetia)" if code is None else f"{label}: no outline on this map"
        for label, code in partners
        if code is None or code.lower() not in outlines
    ]
    drawn = len(COUNTRIES) - len(missing)
    assert _shaded(svg) == drawn
    assert f"shading {drawn} countries" in svg
    assert f"{len(missing) + 1} partners the map cannot draw are listed" in svg


def test_a_partner_in_qatar_is_listed_under_the_map(
    spoil: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    def change(data: dict[str, Any]) -> None:
        for p in data["partners"]:
            if p["id"] == "communist-party-of-china":
                p["country"], p["country_code"] = "Qatar", "QA"

    code, out, err = invoke("--data", str(spoil(change)), "map", "-f", "svg")
    assert (code, err) == (0, "")
    assert "Communist Party of China (Qatar): no outline on this map" in _listed(out)
    assert 'Republican political Party "New Ossetia" (South Ossetia)' in _listed(out)
    bundled = invoke("map", "-f", "svg")[1]
    assert "shading 30 countries" in bundled
    # China's two other partners keep it shaded; Qatar, without an outline, is not counted.
    assert "shading 30 countries" in out
