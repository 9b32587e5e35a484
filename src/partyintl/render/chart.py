"""The countries chart (partners per country as stacked bars): what it shows, and its
lines written without rich where rich's table would come out the same.

`pictures.countries_chart` lays the same rows out with rich's `Table`; this module gives
both the rows, and `countries_lines` writes them as rich does when the whole table, its
title and its legend fit the width in one-cell characters (tests/test_chart.py compares
the two on generated data, in colour and without). Otherwise it answers None and rich
draws the table (folding names, wrapping the legend).
"""

from __future__ import annotations

from ..data.enums import PARTNER_TYPE_VALUES as TYPES
from .cells import _all_one_cell
from .lines import Lines
from .palette import TYPE_LOOKS, TYPE_STYLE
from .view import RenderContext, View, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

#: The glyph each partner type's bars are drawn with (render/palette.py).
BAR = {kind: look.bar for kind, look in TYPE_LOOKS.items()}
BAR_ASCII = {kind: look.bar_ascii for kind, look in TYPE_LOOKS.items()}
#: The chart's column headings, left to right.
HEADINGS = ("country / region", "code", "partners")


def scale(records: Sequence[Mapping[str, Any]], width: int) -> float:
    """Characters per partner: whole cells up to four when there is room, fewer when not."""
    top = max((r["partners"] for r in records), default=1) or 1
    room = max(10, width - 50)
    return float(max(1, min(4, room // top))) if room >= top else room / top


def glyphs(ctx: RenderContext) -> dict[str, str]:
    """Each partner type's bar glyph (ASCII ones with --ascii)."""
    return BAR_ASCII if ctx.ascii else BAR


def chart_rows(view: View, ctx: RenderContext) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Each country's row: its name (or region), its code ('-' for none), and its bar as
    runs of (text, style): a run per partner type, then the count."""
    chars, per = glyphs(ctx), scale(view.records, ctx.width)
    rows = []
    for r in view.records:
        bar = [(chars[t] * round(r[t] * per), TYPE_STYLE[t]) for t in TYPES]
        bar.append((f" {r['partners']}", ""))
        rows.append((shown(r["country"] or r["region"]), shown(r["country_code"] or "-"), bar))
    return rows


def legend_runs(ctx: RenderContext) -> list[tuple[str, str]]:
    """The legend under the chart: each type's glyph and name in its colour."""
    chars = glyphs(ctx)
    runs: list[tuple[str, str]] = []
    for t in TYPES:
        runs += [("  ", ""), (f"{chars[t]} {t}", TYPE_STYLE[t])]
    return runs[1:]


def countries_lines(view: View, ctx: RenderContext) -> Lines | None:
    """The chart as rich's table would print it (no frame, a cell's padding one space a
    side, headings bold, the title centred over the table), or None when rich would have
    to fold, wrap or measure anything (see the module)."""
    rows = chart_rows(view, ctx)
    legend = legend_runs(ctx)
    title = shown(view.title) if view.title else ""
    texts = [title, *HEADINGS, *(t for run, _ in legend for t in run)]
    texts += [t for name, code, bar in rows for t in (name, code, *(run for run, _ in bar))]
    if not all(_all_one_cell(t) for t in texts):
        return None
    inner = [
        max(len(HEADINGS[0]), *(len(name) for name, _, _ in rows)),
        max(len(HEADINGS[1]), *(len(code) for _, code, _ in rows)),
        max(len(HEADINGS[2]), *(sum(len(run) for run, _ in bar) for _, _, bar in rows)),
    ]
    table_width = sum(w + 2 for w in inner)
    legend_width = sum(len(run) for run, _ in legend)
    if table_width > ctx.width or legend_width > ctx.width or len(title) > table_width:
        return None
    lines = Lines()
    if title:
        lines.text(" " * ((table_width - len(title)) // 2) + title)
    heading: list[tuple[str, str]] = []
    for name, size in zip(HEADINGS, inner, strict=True):
        heading += [(" ", "bold"), (name.ljust(size), "bold"), (" ", "bold")]
    lines.runs(*heading)
    for name, code, bar in rows:
        start = f" {name.ljust(inner[0])}  {code.ljust(inner[1])}  "
        lines.runs((start, ""), *bar)
    return lines.runs(*legend)
