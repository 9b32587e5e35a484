"""Figures for papers and articles, as self-contained SVG (and PNG through resvg).

Light background, a title, a legend and a source line; system fonts only (DejaVu Sans or
any sans-serif), no scripts, no network. Every piece of text is placed at explicit
coordinates, so every renderer (a browser, rsvg-convert, cairosvg, resvg) draws the same.
Inferred values carry the dagger and a footnote, as in the terminal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ..data.numbers import LEFT_RIGHT_SCALE
from ..escaping import escape_control
from .cells import clip, fits, text_width
from .marks import MARK, inferred_fields

if TYPE_CHECKING:
    from . import View

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1a1a1a"
MUTED = "#5a5a5a"
GRID = "#d0d0d0"
#: One colour per partner type, told apart also by people with colour blindness (Okabe-Ito).
TYPE_COLOURS = {"party": "#0072b2", "international": "#cc79a7", "npo": "#009e73"}
STATUS_COLOURS = {"observer": "#e69f00", "consultative": "#56b4e9", "full": "#009e73"}
PARTY_COLOUR = "#d55e00"
#: The longest table an SVG draws; longer ones are refused with a hint to use html.
MAX_SVG_ROWS = 40


def esc(value: object) -> str:
    """Text for SVG or HTML: markup escaped, control and bidi characters shown as escapes
    (escaping.escape_control, as everywhere people read). Text is measured and clipped as
    shown, escapes included (escaping twice changes nothing)."""
    return escape(escape_control(str(value)), {'"': "&quot;"})


class Canvas:
    """An SVG under construction: elements at absolute coordinates."""

    def __init__(self, width: float, title: str, description: str) -> None:
        self.width = width
        self.title = title
        self.description = description
        self.parts: list[str] = []
        self.y = 0.0

    def text(
        self,
        x: float,
        y: float,
        value: object,
        size: float = 13,
        anchor: str = "start",
        weight: str = "normal",
        fill: str = INK,
    ) -> None:
        """One line of text with its baseline at y."""
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{esc(value)}</text>'
        )

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "") -> None:
        """A filled rectangle."""
        edge = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
        self.parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
            f'fill="{fill}"{edge}/>'
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, w: float = 1
    ) -> None:
        """A straight line."""
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{stroke}" stroke-width="{w}"/>'
        )

    def circle(self, x: float, y: float, r: float, fill: str, stroke: str = "") -> None:
        """A dot."""
        edge = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
        self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}"{edge}/>')

    def raw(self, markup: str) -> None:
        """Markup made elsewhere (already escaped)."""
        self.parts.append(markup)

    def heading(self, subtitle: str = "") -> None:
        """The title (and a subtitle) at the top."""
        self.text(24, 34, self.title, size=20, weight="bold")
        self.y = 46
        if subtitle:
            self.text(24, 62, subtitle, size=13, fill=MUTED)
            self.y = 72

    def legend(self, items: list[tuple[str, str]], x: float = 24) -> None:
        """Coloured swatches with labels, in one row."""
        y = self.y + 18
        for label, colour in items:
            self.rect(x, y - 11, 12, 12, colour)
            self.text(x + 18, y, label, size=12)
            x += 18 + text_width(escape_control(label), 12) + 18
        self.y = y + 10

    def footer(self, source: str, notes: list[str]) -> None:
        """Footnotes for inferred values, then the source line."""
        from .table import wrap

        y = self.y + 22
        room = fits(self.width - 48, 11)
        for note in notes:
            for n, line in enumerate(wrap(escape_control(note), room - 4)):
                self.text(24 if n == 0 else 40, y, line, size=11, fill=MUTED)
                y += 15
        self.text(24, y, source, size=11, fill=MUTED)
        self.y = y + 16

    def svg(self) -> str:
        """The finished document."""
        height = self.y + 8
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width:.0f}" '
            f'height="{height:.0f}" viewBox="0 0 {self.width:.0f} {height:.0f}" '
            f'font-family="{FONT}" role="img" aria-labelledby="t d">\n'
            f'<title id="t">{esc(self.title)}</title>\n'
            f'<desc id="d">{esc(self.description)}</desc>\n'
            f'<rect x="0" y="0" width="{self.width:.0f}" height="{height:.0f}" fill="#ffffff"/>\n'
            + "\n".join(self.parts)
            + "\n</svg>\n"
        )


def _notes(view: View) -> list[str]:
    from .marks import footnote

    lines = footnote(view, ascii=False)
    return [line.strip() for line in lines]


def _year(date: str) -> float:
    date = re.sub(r"[^0-9-]", "", date)  # a marked date ("2012-08-30†") is still a date
    year, month, day = int(date[:4]), 1, 1
    if len(date) >= 7:
        month = int(date[5:7])
    if len(date) == 10:
        day = int(date[8:10])
    return year + (month - 1) / 12 + (day - 1) / 365


def timeline_figure(view: View, bands: list[dict[str, Any]], source: str) -> str:
    """The status periods as bands on a time axis, dated events as numbered points."""
    records = view.records
    dated = [r for r in records if r["date"]]
    undated = [r for r in records if not r["date"]]
    years = [_year(r["date"]) for r in dated] + [_year(b["start_date"]) for b in bands]
    years += [_year(r["end_date"]) for r in dated if r.get("end_date")]
    years += [_year(b["end_date"]) for b in bands if b.get("end_date")]
    canvas = Canvas(1000, "The party's international timeline", "")
    orgs = list(dict.fromkeys(b["organization"] for b in bands))
    canvas.heading(f"Status in {', '.join(orgs)}, and events" if orgs else "Events")
    if not years:  # nothing dated to place: no axis is invented, the answer says so
        canvas.description = f"No dated entries to place on a time axis; {len(undated)} undated."
        canvas.y += 24
        if not undated:
            canvas.text(24, canvas.y, view.empty_note, size=13, fill=MUTED)
        _undated(canvas, undated)
        canvas.footer(source, _notes(view))
        return canvas.svg()
    first = int(min(years))
    last = int(max(years)) + 1
    canvas.description = (
        f"Status periods in {', '.join(orgs) or 'internationals'} as bands from {first} to "
        f"{last}, and {len(dated)} dated events as numbered points; {len(undated)} undated."
    )
    left, right = 150.0, 960.0

    def x_of(date: str) -> float:
        return left + (_year(date) - first) / (last - first) * (right - left)

    y = canvas.y + 20
    for band in bands:
        start = x_of(band["start_date"])
        end = x_of(band["end_date"]) if band["end_date"] else right
        canvas.text(24, y + 15, band["status"], size=13)
        canvas.rect(start, y, end - start, 20, STATUS_COLOURS.get(band["status"], GRID))
        mark = MARK if "start_date" in inferred_fields(band) else ""
        canvas.text(start + 4, y + 15, f"{band['start_date']}{mark}", size=11, fill="#ffffff")
        y += 28
    # Events: numbered points on their own row, the numbers explained below the axis.
    canvas.text(24, y + 15, "events", size=13)
    points: dict[float, int] = {}
    for n, r in enumerate(dated, start=1):
        x = x_of(r["date"])
        stack = points.get(round(x / 14), 0)
        points[round(x / 14)] = stack + 1
        cy = y + 10 + stack * 16
        if r.get("end_date") and r["kind"] != "status_change":  # the bands show statuses
            canvas.line(x, cy, x_of(r["end_date"]), cy, stroke=MUTED, w=3)
        canvas.circle(x, cy, 7, PARTY_COLOUR if r["kind"] == "status_change" else "#444444")
        canvas.text(x, cy + 4, n, size=9, anchor="middle", fill="#ffffff", weight="bold")
    y += 20 + 16 * max(points.values(), default=1)
    canvas.line(left, y, right, y, stroke=INK)
    for year in range(first, last + 1):
        x = left + (year - first) / (last - first) * (right - left)
        canvas.line(x, y, x, y + 5, stroke=INK)
        canvas.text(x, y + 19, year, size=11, anchor="middle")
    y += 42
    half = (len(dated) + 1) // 2
    for n, r in enumerate(dated, start=1):
        column, row = divmod(n - 1, half) if half else (0, 0)
        x = 24 + column * 480
        when = str(r["date"])  # already marked when inferred (render/marks.py)
        if r.get("end_date"):
            when += f"–{r['end_date']}"
        label = f"{n}  {when}  {r['title']}"
        canvas.text(x, y + row * 17, _clip(label, 70), size=11)
    y += 17 * max(half, 1)
    canvas.y = y
    _undated(canvas, undated)
    canvas.legend(list(STATUS_COLOURS.items()) + [("status change", PARTY_COLOUR)])
    canvas.footer(source, _notes(view))
    return canvas.svg()


def _undated(canvas: Canvas, undated: list[dict[str, Any]]) -> None:
    """The undated entries, listed under the axis (or alone, when nothing is dated)."""
    if not undated:
        return
    y = canvas.y
    canvas.text(24, y + 8, "Undated", size=12, weight="bold")
    y += 26
    for r in undated:
        canvas.text(24, y, f"• {_clip(r['title'], 130)}", size=11)
        y += 16
    canvas.y = y


def _empty(canvas: Canvas, note: str) -> float:
    """Say under the heading that the answer is empty ("No partners match."); the next y."""
    y = canvas.y + 24
    canvas.text(24, y, note, size=13, fill=MUTED)
    return y + 16


def _clip(text: str, size: int) -> str:
    """Text as shown (escaped: see esc) cut to `size` cells (at 0.6 em a cell: see
    cells.py), an ellipsis marking the cut."""
    return clip(escape_control(text), size)


def countries_figure(view: View, source: str) -> str:
    """Partners per country and region as sorted horizontal bars, split by type."""
    rows = sorted(view.records, key=lambda r: (-r["partners"], str(r["country"] or r["region"])))
    canvas = Canvas(1000, "Partners by country and region", "")
    canvas.description = (
        f"Horizontal bars for {len(rows)} countries and regions, longest first, split into "
        "parties, internationals and non-profit organisations."
    )
    canvas.heading("Number of listed partners, by type")
    canvas.legend(list(TYPE_COLOURS.items()))
    top = max((r["partners"] for r in rows), default=1)
    left, width = 300.0, 620.0
    y = canvas.y + 14
    if not rows:
        y = _empty(canvas, view.empty_note)
    for r in rows:
        label = r["country"] or r["region"] or "?"
        canvas.text(left - 10, y + 12, _clip(str(label), 40), size=12, anchor="end")
        x = left
        for kind, colour in TYPE_COLOURS.items():
            w = r.get(kind, 0) / top * width
            canvas.rect(x, y, w, 16, colour)
            x += w
        canvas.text(x + 6, y + 12, r["partners"], size=12)
        y += 22
    canvas.y = y
    canvas.footer(source, _notes(view))
    return canvas.svg()


def spectrum_figure(view: View, source: str) -> str:
    """Organisations on the left-right scale, coloured by type; the party stands out."""
    scored = [r for r in view.records if r["left_right"] is not None]
    unscored = [r for r in view.records if r["left_right"] is None]
    canvas = Canvas(1000, "Left-right positions of the party and its partners", "")
    canvas.description = (
        f"{len(scored)} organisations placed on a left-right scale from -2.5 (far left) to "
        f"2.5 (far right); {len(unscored)} without a score are listed below, not placed."
    )
    canvas.heading("Scores from Wikipedia's party classifications (Herrmann and Döring)")
    canvas.legend(list(TYPE_COLOURS.items()) + [("the party", PARTY_COLOUR)])
    left, right = 330.0, 960.0

    low, high = LEFT_RIGHT_SCALE  # validation keeps every score within it

    def x_of(score: float) -> float:
        return left + (max(low, min(high, score)) - low) / (high - low) * (right - left)

    y = canvas.y + 30
    for tick, label in (
        (-2.5, "far left"),
        (-1.25, ""),
        (0, "centre"),
        (1.25, ""),
        (2.5, "far right"),
    ):
        canvas.text(x_of(tick), y, label or f"{tick:+.2f}", size=11, anchor="middle", fill=MUTED)
    y += 10
    top = y
    for r in scored:
        subject = bool(r.get("subject"))
        canvas.text(
            left - 12,
            y + 13,
            _clip(str(r["name"]), 44),
            size=12,
            anchor="end",
            weight="bold" if subject else "normal",
        )
        canvas.line(left, y + 9, right, y + 9, stroke="#eeeeee")
        colour = PARTY_COLOUR if subject else TYPE_COLOURS.get(str(r["type"]), MUTED)
        canvas.circle(
            x_of(float(r["left_right"])),
            y + 9,
            7 if subject else 5,
            colour,
            stroke=INK if subject else "",
        )
        canvas.text(right + 6, y + 13, f"{float(r['left_right']):+.2f}", size=10, fill=MUTED)
        y += 18
    for tick in (-2.5, -1.25, 0.0, 1.25, 2.5):
        canvas.line(x_of(tick), top, x_of(tick), y, stroke=GRID)
    if all(r.get("subject") for r in view.records):  # the party alone: say so
        y += 16
        canvas.text(24, y, view.empty_note, size=12, fill=MUTED)
    if unscored:
        y += 16
        canvas.text(24, y, "No left-right score (not placed):", size=12, weight="bold")
        y += 18
        names = [f"{r['name']} ({r['type']})" for r in unscored]
        for n in range(0, len(names), 2):
            canvas.text(24, y, "• " + _clip(names[n], 70), size=11)
            if n + 1 < len(names):
                canvas.text(510, y, "• " + _clip(names[n + 1], 70), size=11)
            y += 16
    canvas.y = y
    canvas.footer(source, _notes(view))
    return canvas.svg()


def table_svg(view: View, source: str) -> str:
    """A short table as an SVG figure; a long one is refused (see MAX_SVG_ROWS)."""
    from ..errors import UsageError

    if len(view.records) > MAX_SVG_ROWS:
        from ..cli.spec import flag

        narrowing = ", ".join(flag(dest, "partners") for dest in ("limit", "country", "type_"))
        raise UsageError(
            f"{len(view.records)} rows are too many for an SVG figure (at most "
            f"{MAX_SVG_ROWS}): use {flag('fmt', 'partners')} html for the whole table, or "
            f"narrow the question ({narrowing})."
        )
    from . import cell

    columns = list(view.columns)
    rows = view.records  # none: the header alone, then the view's empty note
    widths = [
        min(
            360.0,
            max(
                [
                    text_width(escape_control(c), 12),
                    *(text_width(escape_control(cell(r.get(c))), 12) for r in rows),
                ]
            ),
        )
        + 16
        for c in columns
    ]
    canvas = Canvas(max(600.0, sum(widths) + 48), view.title or "Table", "")
    canvas.description = f"A table of {len(view.records)} rows: {', '.join(columns)}."
    canvas.heading()
    y = canvas.y + 18
    x = 24.0
    for c, w in zip(columns, widths, strict=True):
        canvas.text(x, y, c, size=12, weight="bold")
        x += w
    canvas.line(24, y + 6, 24 + sum(widths), y + 6, stroke=INK)
    y += 24
    if not view.records:
        canvas.y = y - 24
        y = _empty(canvas, view.empty_note)
    for r in view.records:
        x = 24.0
        for c, w in zip(columns, widths, strict=True):
            canvas.text(x, y, _clip(cell(r.get(c)), fits(w - 16, 12)), size=12)
            x += w
        y += 18
    canvas.y = y
    canvas.footer(source, _notes(view))
    return canvas.svg()


def html_table(view: View) -> str:
    """A real <table> that pastes into a document, with its caption and footnote."""
    from . import cell

    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in view.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell(r.get(c)))}</td>" for c in view.columns) + "</tr>\n"
        for r in view.records
    )
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in _notes(view))
    if not view.records:  # an empty answer keeps its columns and says it is empty
        notes = f'<p class="note">{esc(view.empty_note)}</p>' + notes
    return (
        f"<table>\n<caption>{esc(view.title)}</caption>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}</tbody>\n</table>\n{notes}"
    )


def html_page(title: str, body: str) -> str:
    """A self-contained page around a table or a figure: no scripts, no network."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n<style>\n{PAGE_CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


PAGE_CSS = """body { font-family: DejaVu Sans, Liberation Sans, Arial, sans-serif; color: #1a1a1a;
  background: #ffffff; margin: 2rem; line-height: 1.4; }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { font-weight: bold; text-align: left; padding: 0.4rem 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: #f0f0f0; }
.note { color: #5a5a5a; font-size: 0.85rem; }
svg { max-width: 100%; height: auto; }
@media (prefers-color-scheme: dark) {
  body { background: #16181c; color: #e8e8e8; }
  th { background: #2a2d33; } th, td { border-color: #444a52; }
  .note { color: #b0b0b0; }
}
@media print { body { margin: 0; background: #ffffff; color: #000000; } }
"""


#: Shades for countries by their number of partners: 1, 2, 3-4, 5 or more.
COUNT_SHADES = ((1, "#c6dbef"), (2, "#9ecae1"), (3, "#6baed6"), (5, "#2171b5"))
_COUNTRY_GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.S)


def _shade(count: int) -> str:
    shade = "#f2f2f2"
    for floor, colour in COUNT_SHADES:
        if count >= floor:
            shade = colour
    return shade


@lru_cache(maxsize=1)
def world_paths() -> dict[str, str]:
    """Country outlines by ISO 3166-1 alpha-2 code (lower case), from pygal_maps_world.

    It has no outline for about 65 codes (Qatar, South Sudan, Fiji, most small islands):
    the map lists the partners there instead of drawing them.
    """
    from importlib.resources import files

    svg = (files("pygal_maps_world") / "worldmap.svg").read_text(encoding="utf-8")
    return dict(_COUNTRY_GROUP.findall(svg))


def not_drawn(partners: list[tuple[str, str | None]]) -> list[str]:
    """The partners the map cannot draw, each saying why: no ISO code (a region, South
    Ossetia) or no outline for its code."""
    outlines = world_paths()
    found = []
    for label, code in partners:
        if code is None:
            found.append(label)
        elif code.lower() not in outlines:
            found.append(f"{label}: no outline on this map")
    return found


def map_figure(
    view: View, home: str | None, partners: list[tuple[str, str | None]], source: str
) -> str:
    """A world map: each partner country shaded by its number of partners, the party's
    own country marked apart, and every partner the map cannot draw listed under it.

    `partners` are (label, ISO alpha-2 code or None); the counts in the description are of
    the countries drawn.
    """
    outlines = world_paths()
    counts = {
        str(r["country_code"]).lower(): int(r["partners"])
        for r in view.records
        if r["country_code"] and str(r["country_code"]).lower() in outlines
    }
    apart = not_drawn(partners)
    canvas = Canvas(1000, "Where the party's partners are", "")
    canvas.description = (
        f"A world map shading {len(counts)} countries by their number of partners"
        + (f"; {home} is the party's own country" if home else "")
        + f"; {len(apart)} partners the map cannot draw are listed under it."
    )
    canvas.heading("Countries shaded by the number of listed partners")
    canvas.legend(
        [
            ("1", COUNT_SHADES[0][1]),
            ("2", COUNT_SHADES[1][1]),
            ("3-4", COUNT_SHADES[2][1]),
            ("5 or more", COUNT_SHADES[3][1]),
            ("the party's country", PARTY_COLOUR),
            ("no partner", "#f2f2f2"),
        ]
    )
    top = canvas.y + 10
    width, height = 952.0, 952.0 * 1388 / 2475
    groups = []
    for code, body in outlines.items():
        fill = PARTY_COLOUR if home and code == home.lower() else _shade(counts.get(code, 0))
        groups.append(f'<g fill="{fill}" stroke="#ffffff" stroke-width="0.8">{body}</g>')
    canvas.raw(
        f'<svg x="24" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'viewBox="0 0 2475 1388">\n' + "\n".join(groups) + "\n</svg>"
    )
    y = top + height + 24
    if not counts and not apart:
        canvas.y = y - 24
        y = _empty(canvas, view.empty_note)
    if apart:
        canvas.text(24, y, "Partners not drawn on the map:", size=12, weight="bold")
        y += 18
        for name in apart:
            canvas.text(24, y, "• " + _clip(name, 140), size=11)
            y += 16
    canvas.y = y
    canvas.footer(
        source,
        [
            *_notes(view),
            "Outlines: pygal_maps_world (LGPL-3.0+), which draws Western Sahara, Palestine "
            "and Taiwan as areas of their own; places without an ISO code (South Ossetia) "
            "or without an outline there are listed above instead.",
        ],
    )
    return canvas.svg()


def graph_figure(network: dict[str, Any], source: str, empty: str = "") -> str:
    """The party's network in three columns: people and their posts, the party with its
    bodies and internationals, and the partners grouped by type. Fixed spacing: no label
    overlaps another, whatever the data. `empty` is said under the heading when the party
    has no ties at all ("No ties.")."""
    people = network["people"]
    middle = network["middle"]
    groups = network["groups"]
    canvas = Canvas(1200, "The party's international network", "")
    n_partners = sum(len(members) for _, members in groups)
    canvas.description = (
        f"{network['party']['name']} in the centre with its bodies and internationals, "
        f"{len(people)} people and their posts on the left, and {n_partners} partners on "
        "the right, grouped by type; lines join the party to its partners and people to "
        "the bodies they hold posts in."
    )
    canvas.heading("Partners, internationals and people")
    canvas.legend(list(TYPE_COLOURS.items()) + [("the party", PARTY_COLOUR), ("person", "#444444")])
    if empty:
        canvas.y = _empty(canvas, empty)
    top = canvas.y + 20
    right_x, mid_x, left_x = 820.0, 470.0, 24.0
    pos: dict[str, tuple[float, float]] = {}
    y = top
    for title, members in groups:
        canvas.text(right_x, y, title, size=12, weight="bold")
        y += 16
        for m in members:
            pos[m["id"]] = (right_x, y - 4)
            canvas.circle(right_x + 4, y - 4, 4, TYPE_COLOURS.get(m["type"], MUTED))
            canvas.text(right_x + 14, y, _clip(m["name"], 52), size=11)
            y += 15
        y += 8
    bottom = y
    y = top + 20
    for m in middle:
        subject = m["id"] == network["party"]["id"]
        colour = PARTY_COLOUR if subject else TYPE_COLOURS.get(m["type"], "#999999")
        canvas.circle(mid_x - 8, y - 4, 7 if subject else 5, colour)
        canvas.text(
            mid_x + 4,
            y,
            _clip(m["name"], 42),
            size=12 if subject else 11,
            weight="bold" if subject else "normal",
        )
        pos[m["id"]] = (mid_x - 8, y - 4)
        y += 22 if subject else 17
    y = top + 20
    for p in people:
        canvas.circle(left_x + 4, y - 4, 4, "#444444")
        canvas.text(left_x + 14, y, p["name"], size=12, weight="bold")
        pos[p["id"]] = (left_x + 200, y - 4)
        y += 15
        for post in p["posts"]:
            canvas.text(left_x + 14, y, _clip(post, 48), size=10, fill=MUTED)
            y += 13
        y += 8
    party = pos[network["party"]["id"]]
    edges = []
    for _, members in groups:
        for m in members:
            x2, y2 = pos[m["id"]]
            edges.append((party[0] + 260, party[1], x2 - 4, y2, TYPE_COLOURS.get(m["type"], GRID)))
    for a, b in network["links"]:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            edges.append((x1, y1, x2 - 6, y2, "#bbbbbb"))
    for x1, y1, x2, y2, colour in edges:  # drawn first, under the labels
        canvas.parts.insert(
            0,
            f'<path d="M{x1:.1f},{y1:.1f} C{(x1 + x2) / 2:.1f},{y1:.1f} {(x1 + x2) / 2:.1f},'
            f'{y2:.1f} {x2:.1f},{y2:.1f}" fill="none" stroke="{colour}" stroke-opacity="0.45" '
            'stroke-width="1"/>',
        )
    canvas.y = max(bottom, y) + 4
    canvas.footer(source, [])
    return canvas.svg()


def to_png(svg: str) -> bytes:
    """An SVG rendered to PNG by resvg (a self-contained wheel: no system libraries)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", zoom=2))
