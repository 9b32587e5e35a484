"""Figures for papers and articles, as self-contained SVG (and PNG through resvg).

Light background, a title that names the party and the question, a legend of what is
drawn (and only that), the footnote for inferred values and a source line; system fonts
only (DejaVu Sans or any sans-serif), no scripts, no network. Every piece of text is placed
at explicit coordinates, so every renderer (a browser, rsvg-convert, cairosvg, resvg)
draws the same. Columns are as wide as their longest label (up to MAX_LABEL; longer labels
wrap onto up to MAX_LINES lines, and only then are cut with "…"). Text is near-black or
white, whichever contrasts more with what lies behind it (palette.py).

Figures are bounded whatever the data: at most MAX_DRAWN partners, events or names are
drawn one by one; beyond that a figure aggregates (partners by country, events by year,
scores as a histogram) and says how to get the whole list.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from html import escape as _html_escape
from typing import TYPE_CHECKING, Any

from ..data.enums import PARTNER_TYPE_WORDS
from ..data.numbers import LEFT_RIGHT_SCALE
from ..errors import FigureTooBig
from ..escaping import escape_control
from ..words import counted
from .cells import clip, fits, text_width
from .marks import MARK, inferred_fields
from .palette import (
    BODY_COLOUR,
    GRID,
    INK,
    MUTED,
    PAPER,
    PARTY_COLOUR,
    PERSON_COLOUR,
    STATUS_COLOURS,
    TYPE_COLOURS,
    ink_on,
)

if TYPE_CHECKING:
    from ..query.records import BandRecord
    from .view import View


__all__ = [
    "GRID",
    "INK",
    "MUTED",
    "PARTY_COLOUR",
    "STATUS_COLOURS",
    "TYPE_COLOURS",
]

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
#: The longest table an SVG draws; longer ones are refused with a hint to use html.
MAX_SVG_ROWS = 40
#: The most partners, events or scored organisations a figure draws one by one.
MAX_DRAWN = 60
#: The most names a figure lists (unscored, undated, without a country); the rest counted.
MAX_LISTED = 30
#: The most lines a label wraps onto before it is cut with "…".
MAX_LINES = 3
#: The most lines a cell of a table figure wraps onto (a person's posts, a partner's ids).
MAX_CELL_LINES = 10
#: A table figure of at most this many rows lets a cell wrap onto three times as many
#: lines (a membership's sources, cited in full).
FEW_ROWS = 10


def most_cell_lines(rows: int) -> int:
    """The most lines a cell of a table figure of `rows` rows wraps onto."""
    return MAX_CELL_LINES * (3 if rows <= FEW_ROWS else 1)


#: The widest a column of labels grows (px) before its labels wrap.
MAX_LABEL = 400.0
#: The most pixels a PNG may have (at twice the SVG's size): a figure is bounded well below.
MAX_PNG_PIXELS = 60_000_000
#: Bold text is this much wider than regular text in DejaVu Sans.
BOLD = 1.1
_WORD = re.compile(r"\S+")


def esc(value: object) -> str:
    """Text for SVG or HTML: markup escaped, control and bidi characters shown as escapes
    (escaping.escape_control, as everywhere people read). Text is measured as shown,
    escapes included (label_width; escaping twice changes nothing)."""
    # html.escape, not xml.sax.saxutils (which imports urllib and email: 40 ms a figure);
    # quote=False keeps the apostrophe as it is, as the figures always wrote it.
    return _html_escape(escape_control(str(value)), quote=False).replace('"', "&quot;")


def label_width(text: str, size: float, bold: bool = False) -> float:
    """The width (px) of a label as shown (escapes included) at a font size, bold or not."""
    return text_width(escape_control(text), size) * (BOLD if bold else 1.0)


def fit_lines(
    text: str, size: float, room: float, most: int = MAX_LINES, bold: bool = False
) -> list[str]:
    """Text broken at spaces into lines at most `room` px wide (a word wider than a line is
    broken inside); when more than `most` lines would be needed, the last is cut with "…".
    Work is bounded by `most` lines whatever the text's length."""
    lines: list[str] = []
    line = ""
    for match in _WORD.finditer(text):
        word = match.group()
        fill = room  # a broken word's pieces, the last too, fill a share of it
        while True:
            candidate = f"{line} {word}" if line else word
            if label_width(candidate, size, bold) <= fill:
                line = candidate
                break
            fill = room * _BROKEN_WORD_SHARE if label_width(word, size, bold) > room else fill
            if line:  # the word starts the next line, or, to be broken anyway, ends this one
                rest = room * _BROKEN_WORD_SHARE - label_width(f"{line} ", size, bold)
                broken = label_width(word, size, bold) > room
                if broken and label_width(word[:1], size, bold) <= rest:
                    cut = _longest_prefix(word, size, rest, bold)
                    line, word = f"{line} {word[:cut]}", word[cut:]
                lines.append(line)
                line = ""
                if not word:
                    break
            else:  # a word wider than a whole line: broken where it must be, with room
                # to spare, as a renderer that hints glyphs to whole pixels draws wider
                cut = _longest_prefix(word, size, room * _BROKEN_WORD_SHARE, bold)
                lines.append(word[:cut])
                word = word[cut:]
            if len(lines) >= most:
                return _cut(lines[:most], size, room, bold)
    if line:
        lines.append(line)
    return lines or [""]


#: The share of a line's room the pieces of a word broken inside fill: a renderer that
#: hints glyphs to whole pixels (rsvg at 11 px draws DejaVu's A 8 px wide, not 7.5) drew a
#: line-long run of capitals past the figure's edge.
_BROKEN_WORD_SHARE = 0.9


def _longest_prefix(word: str, size: float, room: float, bold: bool) -> int:
    """How many leading characters of a word fit a width (at least one)."""
    low, high = 1, min(len(word), int(room / (size * 0.2)) + 1)
    while low < high:
        mid = (low + high + 1) // 2
        if label_width(word[:mid], size, bold) <= room:
            low = mid
        else:
            high = mid - 1
    return low


def _cut(lines: list[str], size: float, room: float, bold: bool) -> list[str]:
    """The last line ended with "…", cut (never inside a character's marks) to fit."""
    text = escape_control(lines[-1]) + "…"
    cells = fits(room / (BOLD if bold else 1.0), size)
    last = clip(text, cells)
    while cells > 1 and label_width(last, size, bold) > room:  # a width a float's error over
        cells -= 1
        last = clip(text, cells)
    return [*lines[:-1], last]


def lines_width(lines: list[str], size: float, bold: bool = False) -> float:
    """The width of the widest of several lines."""
    return max((label_width(line, size, bold) for line in lines), default=0.0)


def column_width(labels: list[str], size: float, bold: bool = False) -> float:
    """How wide a column of labels is drawn: its widest label, up to MAX_LABEL."""
    widest = 0.0
    for label in labels:
        widest = max(widest, label_width(label, size, bold))
        if widest >= MAX_LABEL:
            return MAX_LABEL
    return widest


def year_ticks(first: float, last: float, room: float, size: float = 11) -> list[int]:
    """Round years for an axis from `first` to `last` drawn `room` px wide: a step of 1, 2
    or 5 times a power of ten, the smallest whose labels (up to five digits) do not touch."""
    label = label_width("00000", size) + 10
    most = max(2, min(14, int(room // label)))
    low, high = math.floor(first), math.ceil(last)
    if high <= low:
        high = low + 1
    step = 1
    while True:
        t0 = low // step * step
        tn = -(-high // step) * step
        if (tn - t0) // step + 1 <= most:
            return list(range(t0, tn + 1, step))
        step = _next_step(step)


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, 100, ..."""
    digits = 10 ** (len(str(step)) - 1)
    lead = step // digits
    return int({1: 2, 2: 5}.get(lead, 10) * digits)


class Canvas:
    """An SVG under construction: elements at absolute coordinates, drawn in order, with
    lines under everything else. Data marks carry class="mark"; the legend lists the keys
    registered while drawing them, so it shows what was drawn and only that."""

    def __init__(self, width: float, title: str, description: str) -> None:
        self.width = width
        self.title = title
        self.description = description
        self.under: list[str] = []
        self.parts: list[str] = []
        self.y = 0.0
        #: Legend entries in the order first drawn: label -> (shape, colour).
        self.keys: dict[str, tuple[str, str]] = {}

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

    def lines(
        self,
        x: float,
        y: float,
        lines: list[str],
        size: float = 13,
        leading: float | None = None,
        indent: float = 0,
        weight: str = "normal",
        fill: str = INK,
    ) -> float:
        """Several lines from baseline y (later ones indented); the baseline after them."""
        step = leading or size * 1.3
        for n, line in enumerate(lines):
            self.text(x + (indent if n else 0), y, line, size=size, weight=weight, fill=fill)
            y += step
        return y

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        stroke: str = "",
        mark: bool = False,
    ) -> None:
        """A filled rectangle (a data mark when `mark`)."""
        edge = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
        cls = ' class="mark"' if mark else ""
        self.parts.append(
            f'<rect{cls} x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
            f'fill="{fill}"{edge}/>'
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str = GRID,
        w: float = 1,
        mark: bool = False,
    ) -> None:
        """A straight line (a data mark when `mark`)."""
        cls = ' class="mark"' if mark else ""
        self.parts.append(
            f'<line{cls} x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{stroke}" stroke-width="{w}"/>'
        )

    def circle(
        self,
        x: float,
        y: float,
        r: float,
        fill: str,
        stroke: str = "",
        mark: bool = False,
        stroke_width: float = 1.5,
    ) -> None:
        """A dot, or a ring when filled white with a coloured edge."""
        edge = f' stroke="{stroke}" stroke-width="{stroke_width}"' if stroke else ""
        cls = ' class="mark"' if mark else ""
        self.parts.append(f'<circle{cls} cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}"{edge}/>')

    def curve(self, x1: float, y1: float, x2: float, y2: float, stroke: str, w: float = 1) -> None:
        """A tie between two points, under everything else (a data mark)."""
        mid = (x1 + x2) / 2
        self.under.append(
            f'<path class="mark" d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} '
            f'{x2:.1f},{y2:.1f}" fill="none" stroke="{stroke}" stroke-opacity="0.5" '
            f'stroke-width="{w:.1f}"/>'
        )

    def arrow(self, x: float, y: float, h: float, fill: str) -> None:
        """A head pointing right, its back at x, spanning y to y + h (a data mark)."""
        self.parts.append(
            f'<path class="mark" d="M{x:.1f},{y - 3:.1f} L{x + 12:.1f},{y + h / 2:.1f} '
            f'L{x:.1f},{y + h + 3:.1f} Z" fill="{fill}"/>'
        )

    def raw(self, markup: str) -> None:
        """Markup made elsewhere (already escaped)."""
        self.parts.append(markup)

    @contextmanager
    def group(self, name: str) -> Iterator[None]:
        """Elements in a named group (`plot`, `legend`), for readers and tests."""
        self.parts.append(f'<g class="{name}">')
        yield
        self.parts.append("</g>")

    def key(self, label: str, colour: str, shape: str = "box") -> None:
        """Register a legend entry for a kind of mark just drawn (box, dot, ring, line)."""
        self.keys.setdefault(label, (shape, colour))

    def order_keys(self, labels: list[str]) -> None:
        """Put the legend's known entries in this order (others after them)."""
        known = {k: self.keys[k] for k in labels if k in self.keys}
        self.keys = {**known, **{k: v for k, v in self.keys.items() if k not in known}}

    def heading(self, subtitle: str = "") -> None:
        """The title (and a subtitle) at the top, wrapped to the width."""
        room = self.width - 48
        y = self.lines(24, 34, fit_lines(self.title, 20, room, 2, bold=True), 20, 26, weight="bold")
        self.y = y - 14
        if subtitle:
            y = self.lines(24, self.y + 16, fit_lines(subtitle, 13, room, 2), 13, 17, fill=MUTED)
            self.y = y - 7

    def legend(self) -> None:
        """The registered keys as swatches with labels, in rows that fit the width."""
        if not self.keys:
            return
        x, y = 24.0, self.y + 26
        with self.group("legend"):
            for label, (shape, colour) in self.keys.items():
                w = 18 + label_width(label, 12)
                if x > 24 and x + w > self.width - 24:
                    x, y = 24.0, y + 20
                if shape == "dot":
                    self.circle(x + 6, y - 5, 5, colour)
                elif shape == "ring":
                    self.circle(x + 6, y - 5, 5.5, PAPER, stroke=colour, stroke_width=2)
                elif shape == "line":
                    self.line(x - 1, y - 5, x + 13, y - 5, stroke=colour, w=3)
                else:
                    self.rect(x, y - 11, 12, 12, colour)
                self.text(x + 18, y, label, size=12)
                x += w + 22
        self.y = y + 8

    def footer(self, source: str, notes: list[str]) -> None:
        """Footnotes for inferred values, then the source line."""
        y = self.y + 24
        room = self.width - 48
        with self.group("notes"):
            for note in notes:
                y = self.lines(
                    24, y, fit_lines(note, 11, room - 16, 4), 11, 15, indent=16, fill=MUTED
                )
            y = self.lines(24, y, source_lines(source, room), 11, 15, fill=MUTED)
        self.y = y - 4

    def svg(self) -> str:
        """The finished document."""
        height = self.y + 8
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width:.0f}" '
            f'height="{height:.0f}" viewBox="0 0 {self.width:.0f} {height:.0f}" '
            f'font-family="{FONT}" role="img" aria-labelledby="t d">\n'
            f'<title id="t">{esc(self.title)}</title>\n'
            f'<desc id="d">{esc(self.description)}</desc>\n'
            f'<rect x="0" y="0" width="{self.width:.0f}" height="{height:.0f}" fill="{PAPER}"/>\n'
            + "".join(line + "\n" for line in self.under)
            + "\n".join(self.parts)
            + "\n</svg>\n"
        )


#: The most lines a figure's source line takes.
SOURCE_LINES = 3


def source_lines(source: str, room: float) -> list[str]:
    """The source line broken into lines `room` px wide, at most SOURCE_LINES; when it is
    longer, its sources are cut with "…" and the date the data holds as of is kept whole on
    a line of its own (a narrow figure lost "data as of 2022-03-07")."""
    from ..query.sources import AS_OF_WORDS

    lines = fit_lines(source, 11, room, SOURCE_LINES)
    head, words, date = source.rpartition(AS_OF_WORDS)
    if not words or not lines[-1].endswith("…"):
        return lines
    return [*fit_lines(head, 11, room, SOURCE_LINES - 1), f"{words.lstrip('; ')}{date}"]


def _notes(view: View) -> list[str]:
    from .marks import footnote

    lines = footnote(view, ascii=False)
    return [line.strip() for line in lines]


def _year(date: str) -> float:
    """Where a date (marked or not: "2012-08-30†") starts on a year axis."""
    from ..data import dates

    return dates.year_position(dates.unmarked(str(date)))


def _year_end(date: str) -> float:
    """Where a date's last day lies on a year axis (a band drawn to 2022 ends with 2022)."""
    from ..data import dates

    date = dates.unmarked(str(date))
    return dates.year_position(dates.end(date) or dates.start(date) or date)


def _source_ids(record: Mapping[str, Any]) -> str:
    """The ids of the sources a record cites, once each."""
    return "; ".join(
        dict.fromkeys(str(c["source"]) for c in record.get("sources") or () if isinstance(c, dict))
    )


def _flag(dest: str, command: str | None = None) -> str:
    """An option's name as the command line spells it (cli/spec.py)."""
    from ..cli.spec import flag

    return flag(dest, command)


def _empty(canvas: Canvas, note: str) -> float:
    """Say under the heading that the answer is empty ("No partners match."); the next y."""
    y = canvas.y + 30
    canvas.text(24, y, note, size=13, fill=MUTED)
    return y + 16


def _listing(
    canvas: Canvas, y: float, items: list[str], more: str, size: float = 11, bullet: str = "• "
) -> float:
    """Items in two columns when each fits half the width, else in one; at most MAX_LISTED
    of them, then a line counting the rest (`more` takes the count)."""
    shown, rest = items[:MAX_LISTED], len(items) - MAX_LISTED
    room = canvas.width - 48
    half = (room - 24) / 2
    texts = [bullet + item for item in shown]
    two = len(texts) > 3 and all(label_width(t, size) <= half for t in texts)
    step = size * 1.4
    if two:
        rows = (len(texts) + 1) // 2
        for n, text in enumerate(texts):
            column, row = divmod(n, rows)
            canvas.text(24 + column * (half + 24), y + row * step, text, size=size)
        y += rows * step
    else:
        for text in texts:
            y = canvas.lines(24, y, fit_lines(text, size, room - 12), size, step, indent=12)
    if rest > 0:
        canvas.text(24, y, more.format(f"{rest:,}"), size=size, fill=MUTED)
        y += step
    return y


def timeline_figure(
    view: View, bands: Sequence[BandRecord], source: str, as_of: str | None = None
) -> str:
    """The status periods as bands on a time axis, dated entries as numbered rings below
    them (counted per period when there are more than MAX_DRAWN), then the list, each entry
    with the ids of the sources that state it.

    A period without an end runs to the date it is known to hold as of (its own `as_of`,
    else the data's year `as_of`) and ends in an arrow, with that date written after it
    ("holds as of 2018"; "end not stated" when nothing dates it). A membership that ended
    has its end written under the bands: what it became, when, why, and on which sources.
    The axis has round years for its span (year_ticks), whatever the span: 2007-2014 or
    0000-9999.
    """
    from .view import citation_text

    records = view.records
    dated = [r for r in records if r["date"]]
    undated = [r for r in records if not r["date"]]
    drawn = [b for b in bands if b["start_date"]]  # an undated start has no place
    orgs = list(dict.fromkeys(b["organization"] for b in bands))
    canvas = Canvas(1000, view.heading or "Timeline", "")
    data_as_of = as_of if as_of and as_of.isdigit() else None

    def stop_of(band: Mapping[str, Any]) -> str | None:
        """The date a band is drawn to: its end, the date it holds as of, or the data's."""
        return band.get("end_date") or band.get("as_of") or data_as_of

    years = [_year(r["date"]) for r in dated]
    years += [_year(b["start_date"]) for b in drawn if b["start_date"]]
    years += [_year_end(r["end_date"]) for r in dated if r.get("end_date")]
    years += [_year_end(stop) for b in drawn if (stop := stop_of(b))]
    if not years:  # nothing dated to place: no axis is invented, the answer says so
        canvas.description = f"No dated entries to place on a time axis; {len(undated)} undated."
        canvas.heading("Dated events and entries")
        y = canvas.y + 30
        if not undated:
            canvas.text(24, y, view.empty_note, size=13, fill=MUTED)
            y += 20
        else:
            canvas.text(24, y, "Undated", size=12, weight="bold")
            y = _listing(canvas, y + 20, _undated_items(undated), "… and {} more undated")
        canvas.y = y - 10
        canvas.footer(source, _notes(view))
        return canvas.svg()
    first = min(years)
    last = max(years)
    multi = len(orgs) > 1
    row_labels = [f"{b['status']}, {b['organization']}" if multi else b["status"] for b in drawn]
    label_col = column_width([*row_labels, "events"], 13)
    left = 24 + min(label_col, 240) + 16
    tails = [_band_after(b, data_as_of) for b in drawn]
    tail = max((label_width(t, 11) + 22 for t in tails if t), default=20.0)
    right = canvas.width - 24 - tail
    ticks = year_ticks(first, last, right - left)
    t0, tn = ticks[0], ticks[-1]
    canvas.description = (
        f"Status periods in {', '.join(orgs) or 'internationals'} as bands on an axis from "
        f"{t0} to {tn}, {len(dated)} dated entries below them and {len(undated)} undated."
    )
    canvas.heading(
        f"Status in {', '.join(orgs)}, and dated events" if orgs else "Dated events and entries"
    )

    def x_of(position: float) -> float:
        return left + (position - t0) / (tn - t0) * (right - left)

    y = canvas.y + 24
    room = canvas.width - 48
    with canvas.group("plot"):
        for band, label, after in zip(drawn, row_labels, tails, strict=True):
            stop = stop_of(band)
            stop_pos = _year_end(stop) if stop else None
            y = _band(canvas, band, label, y, (left, right), x_of, stop_pos, after)
        for band in bands:  # each ended membership: what, when, why, said by whom
            if band.get("end_status"):
                cited = "; ".join(citation_text(c) for c in band.get("end_sources") or ())
                line = (
                    f"{band['organization']}: {band['end_status']} "
                    f"{band.get('end_date') or '(undated)'}: {band['end_reason']}"
                    + (f" Source: {cited}." if cited else "")
                )
                y = canvas.lines(24, y + 12, fit_lines(line, 11, room - 16), 11, 15, indent=16)
                y += 4
        y = _event_row(canvas, dated, y, left, right, x_of, ticks)
        canvas.line(left, y, right, y, stroke=INK)
        for year in ticks:
            x = x_of(year)
            canvas.line(x, y, x, y + 5, stroke=INK)
            canvas.text(x, y + 19, year, size=11, anchor="middle")
    y += 44
    if len(dated) <= MAX_DRAWN:
        y = _entry_list(canvas, dated, y)
    else:
        canvas.text(
            24,
            y,
            f"{len(dated):,} dated entries, counted per period above; "
            f"`partyintl timeline {_flag('fmt', 'timeline')} table` lists them.",
            size=11,
            fill=MUTED,
        )
        y += 16
    if undated:
        canvas.text(24, y + 8, "Undated", size=12, weight="bold")
        y = _listing(canvas, y + 28, _undated_items(undated), "… and {} more undated")
    canvas.y = y - 10
    canvas.legend()
    canvas.footer(source, _notes(view))
    return canvas.svg()


def _band_after(band: Mapping[str, Any], data_as_of: str | None) -> str:
    """What is written after a band: for an open one the date it holds as of (or that no
    end is stated), for an ended one what it became and when; never "onwards" alone."""
    if band.get("end_status"):
        return f"{band['end_status']} {band.get('end_date') or '(undated)'}"
    if band.get("end_date"):
        return ""
    if band.get("as_of"):
        return f"holds as of {band['as_of']}"
    if data_as_of:
        return f"as of {data_as_of}"
    return "end not stated"


def _undated_items(undated: Sequence[Mapping[str, Any]]) -> list[str]:
    """The undated entries' titles, each with the ids of the sources that state it."""
    items = []
    for r in undated:
        cited = _source_ids(r)
        items.append(r["title"] + (f"  [{cited}]" if cited else ""))
    return items


def _band(
    canvas: Canvas,
    band: Mapping[str, Any],
    label: str,
    y: float,
    edges: tuple[float, float],
    x_of: Any,
    stop_pos: float | None,
    after: str,
) -> float:
    """One status period: its row label, its bar (to its end, or to the date it holds as
    of, then an arrow), its start date where it fits, and `after` written after it."""
    left, right = edges
    label_lines = fit_lines(label, 13, left - 40, 2)
    canvas.lines(24, y + 15, label_lines, 13, 16)
    start_pos = _year(band["start_date"])
    start = x_of(start_pos)
    colour = STATUS_COLOURS.get(band["status"], BODY_COLOUR)
    is_open = not band["end_date"]
    if is_open:  # to the date it holds as of, else to the axis's end, then the arrow
        later = stop_pos is not None and stop_pos > start_pos
        end = max(x_of(stop_pos) if later and stop_pos is not None else right, start + 4)
    else:
        end = max(x_of(_year_end(band["end_date"])), start + 2)
    canvas.rect(start, y, end - start, 20, colour, mark=True)
    canvas.key(band["status"], colour)
    date = f"{band['start_date']}{MARK if 'start_date' in inferred_fields(band) else ''}"
    width = label_width(date, 11)
    if is_open:
        canvas.arrow(end, y, 20, colour)
    if after:
        canvas.text(end + (16 if is_open else 6), y + 15, after, size=11)
    if end - start >= width + 8:  # inside the bar, in the ink that stands out on it
        canvas.text(start + 4, y + 15, date, size=11, fill=ink_on(colour))
    elif not is_open and not after and end + 6 + width <= canvas.width - 24:
        canvas.text(end + 6, y + 15, date, size=11)
    else:
        canvas.text(start - 6, y + 15, date, size=11, anchor="end")
    return y + max(28, 16 * len(label_lines) + 8)


#: The radius of an event's ring on the timeline.
RING = 8.0

#: Timeline entries that are the party's status changing (drawn in the party's colour).
STATUS_KINDS = ("status_change", "status_end")


def _event_row(
    canvas: Canvas,
    dated: Sequence[Mapping[str, Any]],
    y: float,
    left: float,
    right: float,
    x_of: Any,
    ticks: list[int],
) -> float:
    """Dated entries as numbered rings (a period as a line to its end), each at the lowest
    level where it overlaps nothing; or, above MAX_DRAWN, bars counting them per period.
    Returns the y of the axis under them."""
    canvas.text(24, y + 15, "events", size=13)
    if len(dated) > MAX_DRAWN:
        return _event_counts(canvas, dated, y, left, right, x_of, ticks)
    levels: list[list[tuple[float, float]]] = []
    for n, r in enumerate(dated, start=1):
        x = x_of(_year(r["date"]))
        status = r["kind"] in STATUS_KINDS
        # A status change's end is the next status: the bands show it.
        spans = r.get("end_date") and not status
        end = x_of(_year_end(r["end_date"])) if spans else x
        span = (x - RING - 2, max(x, end) + RING + 2)
        level = next(
            (
                i
                for i, used in enumerate(levels)
                if all(b <= span[0] or a >= span[1] for a, b in used)
            ),
            len(levels),
        )
        if level == len(levels):
            levels.append([])
        levels[level].append(span)
        cy = y + RING + 3 + level * (2 * RING + 5)
        if end > x:
            canvas.line(x, cy, end, cy, stroke=MUTED, w=4, mark=True)
            canvas.key("an event's period", MUTED, "line")
        colour = PARTY_COLOUR if status else PERSON_COLOUR
        canvas.circle(x, cy, RING, PAPER, stroke=colour, mark=True, stroke_width=2)
        canvas.key(
            "change of the party's status" if status else "event or appointment",
            colour,
            "ring",
        )
        canvas.text(x, cy + 3.5, n, size=9, anchor="middle", weight="bold")
    return y + 16 + (2 * RING + 5) * max(len(levels), 1)


def _event_counts(
    canvas: Canvas,
    dated: Sequence[Mapping[str, Any]],
    y: float,
    left: float,
    right: float,
    x_of: Any,
    ticks: list[int],
) -> float:
    """Dated entries counted per period (a fifth of the axis step, at least a year)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    width = max(1.0, step / 5)
    counts: Counter[int] = Counter(int((_year(r["date"]) - ticks[0]) // width) for r in dated)
    top = max(counts.values())
    height = 60.0
    for n, count in sorted(counts.items()):
        x0, x1 = x_of(ticks[0] + n * width), x_of(ticks[0] + (n + 1) * width)
        h = max(2.0, count / top * height)
        canvas.rect(x0 + 0.5, y + height - h, max(x1 - x0 - 1, 1), h, PERSON_COLOUR, mark=True)
    period = "year" if width == 1 else f"{width:g} years"
    canvas.key(f"dated entries per {period} (the tallest bar: {top:,})", PERSON_COLOUR)
    return y + height + 4


def _entry_list(canvas: Canvas, dated: Sequence[Mapping[str, Any]], y: float) -> float:
    """The numbered entries under the axis: number, date (or period, or the date an open
    one holds as of), title, and the ids of the sources that state it."""
    items = []
    for n, r in enumerate(dated, start=1):
        when = str(r["date"])  # already marked when inferred (render/marks.py)
        if r.get("end_date"):
            when += f"–{r['end_date']}"
        if r.get("as_of"):  # no end, or one that runs on (an event's 2015/..)
            when += f", as of {r['as_of']}"
        cited = _source_ids(r)
        items.append(f"{n}  {when}  {r['title']}" + (f"  [{cited}]" if cited else ""))
    room = canvas.width - 48
    half = (room - 24) / 2
    step = 15.0
    if len(items) > 3 and all(label_width(i, 11) <= half for i in items):
        rows = (len(items) + 1) // 2
        for n, item in enumerate(items):
            column, row = divmod(n, rows)
            canvas.text(24 + column * (half + 24), y + row * step, item, size=11)
        return y + rows * step
    for item in items:
        y = canvas.lines(24, y, fit_lines(item, 11, room - 24), 11, step, indent=24)
    return y


def countries_figure(view: View, source: str) -> str:
    """Partners per country, then per region (transnational bodies), as bars split by
    type, longest first; a country inferred for any of its partners carries the dagger."""
    rows = view.records
    sections: list[tuple[str, list[Mapping[str, Any]], str]] = [
        ("Countries", [r for r in rows if r.get("country")], "other countries"),
        (
            "Regions (transnational bodies)",
            [r for r in rows if not r.get("country") and r.get("region")],
            "other regions",
        ),
        (
            "No country or region",
            [r for r in rows if not r.get("country") and not r.get("region")],
            "",
        ),
    ]
    sections = [(title, _top(found, other), other) for title, found, other in sections if found]
    labels = [str(r["_label"]) for _, found, _ in sections for r in found]
    label_col = column_width(labels, 12)
    width = max(900.0, 24 + label_col + 12 + 560 + 70 + 24)
    canvas = Canvas(width, view.heading or "Partners by country and region", "")
    n_countries = len([r for r in rows if r.get("country")])
    canvas.description = (
        f"Horizontal bars for {n_countries} countries and {len(rows) - n_countries} regions "
        "or unplaced partners, longest first, split into parties, internationals and "
        "non-profit organisations."
    )
    canvas.heading("Number of listed partners, by country and by region, split by type")
    top = max((int(r["partners"]) for r in rows), default=1) or 1
    left = 24 + label_col + 12
    bar_room = width - left - 70 - 24
    y = canvas.y + 16
    if not rows:
        y = _empty(canvas, view.empty_note)
    with canvas.group("plot"):
        for title, found, _ in sections:
            canvas.text(24, y + 14, title, size=13, weight="bold")
            y += 24
            for r in found:
                label_lines = fit_lines(str(r["_label"]), 12, label_col)
                for n, line in enumerate(label_lines):
                    canvas.text(left - 12, y + 12 + n * 15, line, size=12, anchor="end")
                x = left
                for kind, colour in TYPE_COLOURS.items():
                    w = int(r.get(kind) or 0) / top * bar_room
                    if w > 0:
                        canvas.rect(x, y, w, 16, colour, mark=True)
                        canvas.key(kind, colour)
                    x += w
                canvas.text(x + 6, y + 12, f"{int(r['partners']):,}", size=12)
                y += max(22, 15 * len(label_lines) + 7)
            y += 8
    canvas.y = y
    canvas.order_keys(list(TYPE_COLOURS))
    canvas.legend()
    canvas.footer(source, _notes(view))
    return canvas.svg()


def _top(rows: Sequence[Mapping[str, Any]], other: str) -> list[Mapping[str, Any]]:
    """Rows with their labels; beyond MAX_DRAWN, the rest summed in one row."""
    labelled: list[Mapping[str, Any]] = [
        {**r, "_label": r.get("country") or r.get("region") or "?"} for r in rows
    ]
    if len(labelled) <= MAX_DRAWN:
        return labelled
    kept, rest = labelled[: MAX_DRAWN - 1], labelled[MAX_DRAWN - 1 :]
    total: dict[str, Any] = {k: sum(int(r.get(k) or 0) for r in rest) for k in TYPE_COLOURS}
    total["partners"] = sum(int(r["partners"]) for r in rest)
    total["_label"] = f"{len(rest):,} {other or 'others'}"
    return [*kept, total]


def spectrum_figure(view: View, source: str) -> str:
    """Organisations on the left-right scale, coloured by type; the party stands out.
    Above MAX_DRAWN scored organisations, a histogram of the scores, stacked by type."""
    scored = [r for r in view.records if r["left_right"] is not None]
    unscored = [r for r in view.records if r["left_right"] is None]
    names = [str(r["name"]) for r in scored] if len(scored) <= MAX_DRAWN else []
    label_col = 120.0
    if names:
        label_col = min(
            MAX_LABEL,
            max(label_width(str(r["name"]), 12, bool(r.get("subject"))) for r in scored),
        )
    width = max(1000.0, 24 + label_col + 14 + 600 + 56 + 24)
    canvas = Canvas(width, view.heading or "Left-right positions", "")
    canvas.description = (
        f"{len(scored):,} organisations placed on a left-right scale from -2.5 (far left) to "
        f"2.5 (far right); {len(unscored):,} without a score are listed below, not placed."
    )
    canvas.heading("Scores from Wikipedia's party classifications (Herrmann and Döring)")
    left = 24 + label_col + 14
    right = width - 24 - 56

    low, high = LEFT_RIGHT_SCALE  # validation keeps every score within it

    def x_of(score: float) -> float:
        return left + (max(low, min(high, score)) - low) / (high - low) * (right - left)

    y = canvas.y + 34
    ticks = (
        (-2.5, "far left"),
        (-1.25, "-1.25"),
        (0.0, "centre"),
        (1.25, "+1.25"),
        (2.5, "far right"),
    )
    with canvas.group("plot"):
        for tick, label in ticks:
            canvas.text(x_of(tick), y, label, size=11, anchor="middle", fill=MUTED)
        y += 10
        if names:
            y = _spectrum_rows(canvas, scored, y, left, right, label_col, x_of)
        else:
            y = _spectrum_histogram(canvas, scored, y, left, right, x_of)
    if all(r.get("subject") for r in view.records):  # the party alone: say so
        y += 20
        canvas.text(24, y, view.empty_note, size=12, fill=MUTED)
    if unscored:
        canvas.text(24, y + 16, "No left-right score (not placed):", size=12, weight="bold")
        rest = Counter(str(r["type"]) for r in unscored[MAX_LISTED:])
        kinds = ", ".join(
            counted(n, *PARTNER_TYPE_WORDS.get(t, (t, t))) for t, n in rest.most_common()
        )
        y = _listing(
            canvas,
            y + 36,
            [f"{r['name']} ({r['type']})" for r in unscored],
            "… and {} more without a score" + (f" ({kinds})" if kinds else ""),
        )
    canvas.y = y - 10
    canvas.order_keys([*TYPE_COLOURS, "the party"])
    canvas.legend()
    canvas.footer(source, _notes(view))
    return canvas.svg()


def _spectrum_rows(
    canvas: Canvas,
    scored: Sequence[Mapping[str, Any]],
    y: float,
    left: float,
    right: float,
    label_col: float,
    x_of: Any,
) -> float:
    top = y
    for r in scored:
        subject = bool(r.get("subject"))
        label_lines = fit_lines(str(r["name"]), 12, label_col, bold=subject)
        row = max(18, 15 * len(label_lines) + 3)
        for n, line in enumerate(label_lines):
            canvas.text(
                left - 14,
                y + 13 + n * 15,
                line,
                size=12,
                anchor="end",
                weight="bold" if subject else "normal",
            )
        canvas.line(left, y + 9, right, y + 9, stroke="#eeeeee")
        colour = PARTY_COLOUR if subject else TYPE_COLOURS.get(str(r["type"]), BODY_COLOUR)
        x = x_of(float(r["left_right"]))
        if subject:
            canvas.circle(x, y + 9, 7, colour, stroke=INK, mark=True)
            canvas.key("the party", colour, "dot")
        else:
            canvas.circle(x, y + 9, 5, colour, mark=True)
            canvas.key(str(r["type"]), colour, "dot")
        canvas.text(right + 8, y + 13, f"{float(r['left_right']):+.2f}", size=10, fill=MUTED)
        y += row
    for tick in (-2.5, -1.25, 0.0, 1.25, 2.5):
        canvas.line(x_of(tick), top, x_of(tick), y, stroke=GRID)
    return y


def _spectrum_histogram(
    canvas: Canvas,
    scored: Sequence[Mapping[str, Any]],
    y: float,
    left: float,
    right: float,
    x_of: Any,
) -> float:
    """Scores in bins of 0.25, stacked by type; the party a marked line."""
    bins: dict[int, Counter[str]] = {}
    party: list[float] = []
    for r in scored:
        low, high = LEFT_RIGHT_SCALE
        score = max(low, min(high, float(r["left_right"])))
        if r.get("subject"):
            party.append(score)
            continue
        bins.setdefault(min(19, int((score - low) / 0.25)), Counter())[str(r["type"])] += 1
    top = max((sum(c.values()) for c in bins.values()), default=1)
    height = 220.0
    base = y + height + 10
    for tick in (-2.5, -1.25, 0.0, 1.25, 2.5):
        canvas.line(x_of(tick), y, x_of(tick), base, stroke=GRID)
    for n, counts in sorted(bins.items()):
        x0, x1 = x_of(LEFT_RIGHT_SCALE[0] + n * 0.25), x_of(LEFT_RIGHT_SCALE[0] + (n + 1) * 0.25)
        level = base
        for kind, colour in TYPE_COLOURS.items():
            h = counts.get(kind, 0) / top * height
            if h > 0:
                canvas.rect(x0 + 1, level - h, x1 - x0 - 2, h, colour, mark=True)
                canvas.key(kind, colour)
                level -= h
    canvas.line(left, base, right, base, stroke=INK)
    canvas.text(left - 8, y + 10, f"{top:,}", size=10, anchor="end", fill=MUTED)
    canvas.text(left - 8, base, "0", size=10, anchor="end", fill=MUTED)
    for score in party:
        canvas.line(x_of(score), y - 4, x_of(score), base, stroke=PARTY_COLOUR, w=3, mark=True)
        canvas.key("the party", PARTY_COLOUR, "line")
    canvas.text(
        24,
        base + 22,
        f"{len(scored):,} organisations placed, counted in steps of 0.25; "
        f"`partyintl spectrum {_flag('fmt', 'spectrum')} table` lists them.",
        size=11,
        fill=MUTED,
    )
    return base + 30


def too_big_message(exc: FigureTooBig, command: str, fmt: str) -> str:
    """What to do about a figure too big to draw, for the format asked (svg, png) and
    the options `command` has (cli/spec.py: its narrowing options and format choices)."""
    from ..cli.spec import SPEC, flag, narrowing

    found = SPEC.command(command)
    fmt_option = next((o for o in found.options if o.dest == "fmt"), None) if found else None
    choices = (fmt_option.choices or []) if fmt_option is not None else []
    ways = []
    if exc.pixels:
        head = f"This figure ({exc.what}) is too large for a PNG"
        if "svg" in choices:
            ways.append(f"use {flag('fmt', command)} svg")
    else:
        head = f"{exc.what} are too many for {'a PNG' if fmt == 'png' else 'an SVG'} figure "
        head += f"({exc.most})"
        if "html" in choices:
            ways.append(f"use {flag('fmt', command)} html for the whole table")
    options = narrowing(command) if command else []
    if options:
        ways.append(f"narrow the question ({', '.join(options)})")
    elif not ways:
        ways.append("narrow the question")
    return f"{head}: {', or '.join(ways)}."


def table_svg(view: View, source: str) -> str:
    """A short table as an SVG figure; a long one is refused (see MAX_SVG_ROWS). Cells as
    wide as their text up to a limit, then wrapped."""
    if len(view.records) > MAX_SVG_ROWS:
        raise FigureTooBig(f"{len(view.records)} rows", f"at most {MAX_SVG_ROWS}")
    from .view import cell

    columns = list(view.columns)
    texts = [[cell(r.get(c)) for c in columns] for r in view.records]
    widest, most = 360.0, most_cell_lines(len(texts))
    if view.single and view.records:  # one record: a field | value card, as in Markdown
        record = view.records[0]
        texts = [[c, cell(record.get(c))] for c in columns if record.get(c) not in (None, "", [])]
        columns, widest, most = ["field", "value"], 720.0, 3 * MAX_CELL_LINES
    widths = [
        min(widest, max([label_width(c, 12, True), *(label_width(t[i], 12) for t in texts)])) + 16
        for i, c in enumerate(columns)
    ]
    canvas = Canvas(max(600.0, sum(widths) + 48), view.heading or "Table", "")
    canvas.description = f"A table of {len(texts)} rows: {', '.join(columns)}."
    canvas.heading()
    y = canvas.y + 24
    x = 24.0
    for c, w in zip(columns, widths, strict=True):
        canvas.text(x, y, c, size=12, weight="bold")
        x += w
    canvas.line(24, y + 6, 24 + sum(widths), y + 6, stroke=INK)
    y += 24
    if not texts:  # none: the header alone, then the view's empty note
        canvas.y = y - 30
        y = _empty(canvas, view.empty_note) + 10
    cut = False
    for row in texts:
        x = 24.0
        tallest = 1
        for text, w in zip(row, widths, strict=True):
            cell_lines = fit_lines(text, 12, w - 16, most)
            cut = cut or (len(cell_lines) == most and cell_lines[-1].endswith("…"))
            canvas.lines(x, y, cell_lines, 12, 16)
            tallest = max(tallest, len(cell_lines))
            x += w
        y += 16 * tallest + 4
    canvas.y = y - 10
    from ..cli.spec import flag

    whole = f"{flag('fmt')} html or {flag('json_')}"
    said = [f"A cell ending in … is cut at {most} lines: {whole} holds it whole."]
    canvas.footer(source, [*_notes(view), *(said if cut else [])])
    return canvas.svg()


def html_table(view: View) -> str:
    """A real <table> that pastes into a document, with its caption and footnote."""
    from .view import cell

    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in view.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell(r.get(c)))}</td>" for c in view.columns) + "</tr>\n"
        for r in view.records
    )
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in _notes(view))
    if not view.records:  # an empty answer keeps its columns and says it is empty
        notes = f'<p class="note">{esc(view.empty_note)}</p>' + notes
    return (
        f"<table>\n<caption>{esc(view.heading)}</caption>\n<thead><tr>{head}</tr></thead>\n"
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


#: Shades for countries by their number of partners, lightest first (ColorBrewer's Blues).
COUNT_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#2171b5")
#: The fewest partners of each shade while no country has SMALL_COUNTS or more: 1, 2, 3-4,
#: 5 or more.
FEW_FLOORS = (1, 2, 3, 5)
SMALL_COUNTS = 10
NO_PARTNER = "#f2f2f2"


def count_floors(counts: list[int]) -> tuple[int, ...]:
    """The fewest partners a country of each shade has, for countries with `counts`
    partners: FEW_FLOORS while every count is below SMALL_COUNTS; otherwise round numbers
    (1, 2, 3 or 5 times a power of ten) at or below the quartiles and the largest of the
    counts, with 1, each shade holding at least one country and at most four shades (the
    one of fewest countries merged into the shade below), so that a map of thousands of
    partners does not shade every country alike ("5 or more"). Rising, without repeats."""
    ordered = sorted(c for c in counts if c > 0)
    if not ordered or ordered[-1] < SMALL_COUNTS:
        return FEW_FLOORS
    picked = [ordered[len(ordered) * quarter // 4] for quarter in (1, 2, 3)] + [ordered[-1]]
    floors = sorted({1, *map(_round_down, picked)})
    while True:
        sizes = [
            sum(1 for c in ordered if low <= c < high)
            for low, high in zip(floors, [*floors[1:], ordered[-1] + 1], strict=True)
        ]
        if 0 not in sizes[1:] and len(floors) <= len(COUNT_COLOURS):
            return tuple(floors)
        # An empty shade, or one too many: the smallest above the first goes.
        del floors[1 + sizes[1:].index(min(sizes[1:]))]


def _round_down(value: int) -> int:
    """The largest of 1, 2, 3 or 5 times a power of ten that is at most `value` (>= 1)."""
    power: int = 10 ** (len(str(value)) - 1)
    return max(step * power for step in (1, 2, 3, 5) if step * power <= value)


def count_labels(floors: tuple[int, ...]) -> list[str]:
    """The legend's words for each shade of `floors`: "1 partner", "2", "3-4", "5 or more";
    "1-99 partners", "100-499", "500 or more" (thousands grouped)."""
    labels = []
    for low, high in zip(floors, [*(f - 1 for f in floors[1:]), None], strict=True):
        if high is None:
            text = f"{low:,} or more"
        else:
            text = f"{low:,}" if high == low else f"{low:,}-{high:,}"
        labels.append(text)
    labels[0] += " partner" if labels[0] == "1" else " partners"
    return labels


def _shade(count: int, floors: tuple[int, ...], labels: list[str]) -> tuple[str, str]:
    shade, label = NO_PARTNER, "no partner"
    for floor, colour, text in zip(floors, COUNT_COLOURS, labels, strict=False):
        if count >= floor:
            shade, label = colour, text
    return shade, label


def world_paths() -> dict[str, str]:
    """Country outlines by ISO 3166-1 alpha-2 code (lower case), from pygal_maps_world.

    It has no outline for about 65 codes (Qatar, South Sudan, Fiji, most small islands):
    the map lists the partners there instead of drawing them.
    """
    from .worldmap import outlines

    return dict(outlines())


def not_drawn(partners: list[tuple[str, str | None]]) -> list[str]:
    """The partners the map cannot draw, each saying why: no ISO code (a region, South
    Ossetia) or no outline for its code."""
    from .worldmap import outlines

    shapes = outlines()
    found = []
    for label, code in partners:
        if code is None:
            found.append(label)
        elif code.lower() not in shapes:
            found.append(f"{label}: no outline on this map")
    return found


#: The world map's size in the figure (px), keeping the outlines' proportions.
MAP_W = 952.0
#: The most lines the map's list of partners not drawn has: one per partner up to this
#: many, else one per place with its count (the places with most partners first), the
#: rest counted in a last line.
MAX_APART = MAX_LISTED


def map_figure(
    view: View, home: str | None, partners: list[tuple[str, str | None]], source: str
) -> str:
    """A world map: each partner country shaded by its number of partners, the party's
    own country marked apart, a crowded region (most often Europe) enlarged in an inset
    (worldmap.inset_for), and every partner the map cannot draw listed under it.

    `partners` are (label, ISO alpha-2 code or None); the counts in the description are of
    the countries drawn.
    """
    from .worldmap import MAP_HEIGHT, MAP_WIDTH, inset_for, outlines

    shapes = outlines()
    counts = {
        str(r["country_code"]).rstrip(MARK).lower(): int(r["partners"])
        for r in view.records
        if r["country_code"] and str(r["country_code"]).rstrip(MARK).lower() in shapes
    }
    apart = not_drawn(partners)
    home_code = home.lower() if home else None
    canvas = Canvas(1000, view.heading or "Partners by country", "")
    inset = inset_for(set(counts))
    canvas.description = (
        f"A world map shading {len(counts):,} countries by their number of partners"
        + (f"; {home} is the party's own country" if home else "")
        + (f"; {inset[0]} enlarged in an inset" if inset else "")
        + f"; {len(apart):,} partners the map cannot draw are listed under it."
    )
    canvas.heading("Countries shaded by the number of listed partners")
    top = canvas.y + 16
    scale = MAP_W / MAP_WIDTH
    height = MAP_HEIGHT * scale
    fills: dict[str, str] = {}
    floors = count_floors([n for code, n in counts.items() if code != home_code])
    labels = count_labels(floors)
    for code in shapes:
        if home_code and code == home_code:
            fills[code] = PARTY_COLOUR
            canvas.key("the party's country", PARTY_COLOUR)
        else:
            fills[code], label = _shade(counts.get(code, 0), floors, labels)
            canvas.key(label, fills[code])
    # The legend lists shades from the lightest; "no partner" last.
    canvas.order_keys([*labels, "the party's country", "no partner"])
    items = _apart_items(apart, partners)
    with canvas.group("plot"):
        canvas.raw(_map_svg(24, top, MAP_W, height, (0, 0, MAP_WIDTH, MAP_HEIGHT), fills))
        y = top + height + 20
        list_x, list_y, end = 24.0, y + 4, y
        if inset:
            name, box = inset
            left, up, right, down = box
            frame = (right - left) * scale, (down - up) * scale
            canvas.rect(24 + left * scale, top + up * scale, *frame, "none", stroke=INK)
            w = 460.0
            h = w * (down - up) / (right - left)
            canvas.text(24, y + 4, f"{name}, enlarged", size=12, weight="bold")
            canvas.raw(_map_svg(24, y + 12, w, h, box, fills))
            canvas.rect(24, y + 12, w, h, "none", stroke=INK)
            end = y + 12 + h + 20
            side = canvas.width - 24 - (24 + w + 24) - 12
            if all(label_width("• " + item, 11) <= side for item in items):
                list_x = 24 + w + 24  # beside the inset
            else:
                list_y = end + 4  # under it, the whole width
    if not counts and not apart:
        canvas.y = end - 30
        end = _empty(canvas, view.empty_note)
    if items:
        by_place = len(apart) > MAX_APART
        end = max(end, _apart_list(canvas, items, list_x, list_y, by_place))
    canvas.y = end - 10
    canvas.legend()
    canvas.footer(
        source,
        [
            *_notes(view),
            "Outlines: pygal_maps_world (LGPL-3.0+), which draws Western Sahara, Palestine "
            "and Taiwan as areas of their own; places without an ISO code (South Ossetia) "
            "or without an outline there are listed instead.",
        ],
    )
    return canvas.svg()


def _apart_items(apart: list[str], partners: list[tuple[str, str | None]]) -> list[str]:
    """The lines listing the partners not drawn (`apart`): one each, or beyond MAX_APART,
    counted by place ("European Union: 3,412 partners")."""
    if len(apart) <= MAX_APART:
        return apart
    from .worldmap import outlines

    shapes = outlines()
    places: Counter[str] = Counter()
    for label, code in partners:
        place = _PLACE.sub(r"\1", label)
        if code is None:
            places[place] += 1
        elif code.lower() not in shapes:
            places[f"{place} (no outline on this map)"] += 1
    ranked = places.most_common()
    items = [f"{p}: {counted(n, 'partner', 'partners')}" for p, n in ranked[:MAX_APART]]
    if len(ranked) > MAX_APART:
        rest = ranked[MAX_APART:]
        items.append(
            f"… and {counted(len(rest), 'more place', 'more places')} with "
            f"{counted(sum(n for _, n in rest), 'partner', 'partners')}"
        )
    return items


#: The place in a map label: "Party of European Socialists (European Union)", "Party of
#: Cocos (Keeling) Islands (Cocos (Keeling) Islands)" (one level of brackets within).
_PLACE = re.compile(r"^.*\(((?:[^()]|\([^()]*\))*)\)$", re.S)


def _map_svg(
    x: float,
    y: float,
    w: float,
    h: float,
    box: tuple[float, float, float, float],
    fills: dict[str, str],
) -> str:
    """The outlines that fall within a box of the map, drawn into a w x h frame at x, y."""
    from .worldmap import boxes_of, outlines, overlaps

    left, top, right, bottom = box
    whole = box == (0, 0, 2475.0, 1388.0)
    shapes = outlines()
    codes = list(shapes) if whole else [c for c, b in boxes_of().items() if overlaps(b, box)]
    # Thin white borders at any scale: the width is in map units.
    edge = 0.8 * (right - left) / 2475.0 * 952.0 / w
    groups = [
        f'<g class="mark" fill="{fills[c]}" stroke="#ffffff" stroke-width="{edge:.2f}">'
        f"{shapes[c]}</g>"
        for c in codes
    ]
    return (
        f'<svg x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'viewBox="{left:.1f} {top:.1f} {right - left:.1f} {bottom - top:.1f}">\n'
        + "\n".join(groups)
        + "\n</svg>"
    )


def _apart_list(
    canvas: Canvas, items: list[str], x: float, y: float, by_place: bool = False
) -> float:
    """The partners the map cannot draw, as _apart_items gives them (a last line that
    counts the rest is drawn muted, without a bullet); the heading says when they are
    counted by place."""
    room = canvas.width - 24 - x
    heading = "Partners not drawn on the map" + (", counted by place:" if by_place else ":")
    canvas.text(x, y, heading, size=12, weight="bold")
    y += 20
    for item in items:
        if item.startswith("… and "):
            canvas.text(x, y, item, size=11, fill=MUTED)
            y += 16
            continue
        y = canvas.lines(x, y, fit_lines("• " + item, 11, room - 12), 11, 16, indent=12)
    return y


def graph_figure(network: dict[str, Any], source: str, title: str = "", empty: str = "") -> str:
    """The party's network in three columns: people and their posts, the party with its
    bodies and internationals, and the partners grouped by type. Columns as wide as their
    labels; ties drawn under the labels. Above MAX_DRAWN partners, the partners of each
    type are drawn per country (or region), with the tie as thick as their number.
    `empty` is said under the heading when the party has no ties at all ("No ties.")."""
    people = network["people"][:MAX_LISTED]
    more_people = len(network["people"]) - len(people)
    middle = network["middle"][:MAX_LISTED]
    more_middle = len(network["middle"]) - len(middle)
    groups = network["groups"]
    n_partners = sum(len(members) for _, members in groups)
    aggregated = n_partners > MAX_DRAWN
    columns = _partner_column(groups, aggregated)
    person_texts = [p["name"] for p in people]
    post_texts = [post for p in people for post in p["posts"]]
    people_w = max(column_width(person_texts, 12, bold=True), column_width(post_texts, 10))
    people_w = min(max(people_w, 120.0), MAX_LABEL)
    mid_w = min(
        max(column_width([m["name"] for m in middle], 12, bold=True), 120.0), MAX_LABEL - 80
    )
    right_w = max(column_width([t for t, _, _ in columns], 11), 160.0)
    gap_people, gap_right = (110.0 if people else 0.0), 150.0
    left_x = 24.0
    mid_x = left_x + (14 + people_w + gap_people + 12 if people else 12)
    right_x = mid_x + 4 + mid_w + gap_right
    width = max(960.0, right_x + 14 + right_w + 24)
    canvas = Canvas(width, title or "The party's international network", "")
    canvas.description = (
        f"{network['party']['name']} in the centre with its bodies and internationals, "
        f"{len(network['people']):,} people and their posts on the left, and {n_partners:,} "
        "partners on the right, grouped by type"
        + (" and, there being so many, by country" if aggregated else "")
        + "; lines join the party to its partners and people to the bodies they hold posts in."
    )
    canvas.heading(
        "Partners by type and country (too many to draw one by one), internationals and people"
        if aggregated
        else "Partners, internationals and people"
    )
    if empty:
        canvas.y = _empty(canvas, empty)
    top = canvas.y + 30
    pos: dict[str, tuple[float, float]] = {}
    with canvas.group("plot"):
        y = top
        for text, kind, payload in columns:
            if kind == "heading":
                y += 10 if y > top else 0
                canvas.text(right_x, y, text, size=12, weight="bold")
                y += 18
                continue
            if kind == "more":
                canvas.text(right_x + 14, y, text, size=11, fill=MUTED)
                y += 19
                continue
            colour = TYPE_COLOURS.get(payload["type"], BODY_COLOUR)
            label_lines = fit_lines(text, 11, right_w)
            canvas.circle(right_x + 4, y - 4, 4, colour, mark=True)
            canvas.key(str(payload["type"]), colour, "dot")
            canvas.lines(right_x + 14, y, label_lines, 11, 14)
            pos[payload["id"]] = (right_x, y - 4)
            payload["_tie"] = colour
            y += 14 * len(label_lines) + 1
        bottom = y
        y = top + 20
        other_kinds: dict[str, None] = {}
        for m in middle:
            subject = m["id"] == network["party"]["id"]
            if subject:
                colour, key = PARTY_COLOUR, "the party"
            elif m["type"] in TYPE_COLOURS:
                colour, key = TYPE_COLOURS[m["type"]], str(m["type"])
            else:
                colour, key = BODY_COLOUR, ""
                other_kinds[str(m["type"]).replace("_", " ")] = None
            label_lines = fit_lines(m["name"], 12 if subject else 11, mid_w, bold=subject)
            canvas.circle(mid_x - 8, y - 4, 7 if subject else 5, colour, mark=True)
            if key:
                canvas.key(key, colour, "dot")
            canvas.lines(
                mid_x + 4,
                y,
                label_lines,
                12 if subject else 11,
                15,
                weight="bold" if subject else "normal",
            )
            pos[m["id"]] = (mid_x - 8, y - 4)
            y += (22 if subject else 17) + 15 * (len(label_lines) - 1)
        if other_kinds:
            canvas.key("other body: " + ", ".join(sorted(other_kinds)), BODY_COLOUR, "dot")
        if more_middle > 0:
            canvas.text(mid_x + 4, y, f"… and {more_middle:,} more bodies", size=11, fill=MUTED)
            y += 17
        bottom = max(bottom, y)
        y = top + 20
        for p in people:
            canvas.circle(left_x + 4, y - 4, 4, PERSON_COLOUR, mark=True)
            canvas.key("person", PERSON_COLOUR, "dot")
            name_lines = fit_lines(p["name"], 12, people_w, bold=True)
            y = canvas.lines(left_x + 14, y, name_lines, 12, 15, weight="bold")
            pos[p["id"]] = (left_x + 14 + people_w + 8, y - 19)
            for post in p["posts"]:
                y = canvas.lines(left_x + 14, y, fit_lines(post, 10, people_w), 10, 13, fill=MUTED)
            y += 8
        if more_people > 0:
            canvas.text(left_x + 14, y, f"… and {more_people:,} more people", size=11, fill=MUTED)
            y += 17
        bottom = max(bottom, y)
        party = pos[network["party"]["id"]]
        fan = mid_x + 4 + mid_w + 10
        if any(kind == "node" for _, kind, _ in columns):
            canvas.line(
                party[0] + 12 + label_width(network["party"]["name"], 12, True),
                party[1],
                fan,
                party[1],
                stroke=PARTY_COLOUR,
                w=1.5,
            )
        for _, kind, payload in columns:
            if kind != "node":
                continue
            x2, y2 = pos[payload["id"]]
            thick = 1 + 1.5 * math.log10(payload["count"]) if aggregated else 1
            canvas.curve(fan, party[1], x2 - 4, y2, payload["_tie"], thick)
        drawn_links = False
        for a, b in network["links"]:
            if a in pos and b in pos:
                (x1, y1), (x2, y2) = pos[a], pos[b]
                canvas.curve(x1, y1, x2 - 6, y2, "#bbbbbb")
                drawn_links = True
        if drawn_links:
            canvas.key("holds a post in", "#bbbbbb", "line")
    canvas.y = bottom
    canvas.order_keys(["the party", *TYPE_COLOURS])
    canvas.legend()
    canvas.footer(source, [])
    return canvas.svg()


def _partner_column(
    groups: list[tuple[str, list[dict[str, Any]]]], aggregated: bool
) -> list[tuple[str, str, dict[str, Any]]]:
    """The right-hand column as (text, kind, payload) rows: headings, partners (or, when
    aggregated, places with their number of partners) and "… more" lines."""
    rows: list[tuple[str, str, dict[str, Any]]] = []
    if not aggregated:
        for title, members in groups:
            rows.append((title, "heading", {}))
            rows += [(m["name"], "node", {**m, "count": 1}) for m in members]
        return rows
    total = sum(len(m) for _, m in groups) or 1
    for title, members in groups:
        kind = members[0]["type"] if members else "party"
        places = Counter(m.get("country") or m.get("region") or "no country" for m in members)
        share = max(3, round(MAX_DRAWN * len(members) / total))
        rows.append((f"{title} ({len(members):,})", "heading", {}))
        common = places.most_common()
        for place, n in common[:share]:
            node = {"id": f"{kind}:{place}", "type": kind, "count": n}
            rows.append((f"{place} ({n:,})", "node", node))
        if len(common) > share:
            rest = sum(n for _, n in common[share:])
            rows.append(
                (f"… and {rest:,} more in {len(common) - share:,} other places", "more", {})
            )
    return rows


def to_png(svg: str) -> bytes:
    """An SVG rendered to PNG by resvg (a self-contained wheel: no system libraries), at
    twice its size, in a child process that a signal stops at once (lifecycle.in_child).
    A UsageError when the figure would exceed MAX_PNG_PIXELS.

    Rendering costs 0.3-2 s, mostly resvg filling and compressing millions of pixels
    whatever the figure holds; the same figure again (the same SVG text) is read from the
    cache folder instead (data/cache.py: private, checked, the PNG_CACHE_KEEP newest kept;
    whole_png checks its chunks).
    """
    from ..lifecycle import in_child

    size = re.search(r'width="(\d+)" height="(\d+)"', svg[:400])
    if size and int(size.group(1)) * int(size.group(2)) * 4 > MAX_PNG_PIXELS:
        raise FigureTooBig(f"{size.group(1)} x {size.group(2)} px", "", pixels=True)

    def draw() -> bytes:
        import resvg_py

        return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", zoom=2))

    from ..data import cache

    name = _png_cache_name(svg)
    kept = cache.read_entry(name) if name else None
    if kept is not None and whole_png(kept):
        return kept
    png = in_child(draw)
    if name:
        cache.write_entry(name, png, keep=PNG_CACHE_KEEP)
    return png


def whole_png(data: bytes) -> bool:
    """Whether `data` is a PNG file whole: its signature, then chunks each complete and
    matching its CRC-32 (the PNG format's own check), the last of them IEND at the very end.
    A kept figure cut short or damaged is drawn again. About 1 ms for 600 KB."""
    import struct
    import zlib

    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    view = memoryview(data)
    at = 8
    while at + 12 <= len(data):
        size: int = struct.unpack_from(">I", data, at)[0]
        end = at + 12 + size
        if end > len(data):
            return False
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(view[at + 4 : end - 4]) != crc:
            return False
        if data[at + 4 : at + 8] == b"IEND":
            return end == len(data)
        at = end
    return False


#: How many rendered figures the cache keeps (the most recent; about 0.1-1 MB each).
PNG_CACHE_KEEP = 32


def _png_cache_name(svg: str) -> str | None:
    """The cache's name for the PNG of this SVG: a digest of the SVG, the zoom, this
    partyintl and the installed resvg (its files' sizes and times); None if not found."""
    import hashlib
    import os
    from importlib.util import find_spec

    from .._version import __version__

    spec = find_spec("resvg_py")
    if spec is None or spec.origin is None:
        return None
    sha = hashlib.sha256(f"partyintl {__version__} zoom 2\n".encode())
    try:
        for entry in sorted(os.scandir(os.path.dirname(spec.origin)), key=lambda e: e.name):
            if entry.is_file():
                info = entry.stat()
                sha.update(f"{entry.name} {info.st_size} {info.st_mtime_ns}\n".encode())
    except OSError:
        return None
    sha.update(svg.encode("utf-8", "surrogatepass"))
    return f"png-{sha.hexdigest()}.png"
