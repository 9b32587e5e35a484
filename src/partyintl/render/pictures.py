"""The pictures that are more than a table: bar chart, timeline bands, detail card, people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..data.enums import PARTNER_TYPE_VALUES as TYPES
from ..data.numbers import LEFT_RIGHT_SCALE
from ..escaping import escape_control
from .cells import cells, clip, pad
from .human import STATUS_STYLE, longest_word, records_table, text
from .palette import TYPE_LOOKS, TYPE_STYLE
from .view import RenderContext, View, cell

if TYPE_CHECKING:
    from ..query.records import BandRecord

#: The glyph each partner type's bars are drawn with (render/palette.py).
BAR = {kind: look.bar for kind, look in TYPE_LOOKS.items()}
BAR_ASCII = {kind: look.bar_ascii for kind, look in TYPE_LOOKS.items()}
BAND = {"observer": "░", "consultative": "▒", "full": "█"}
BAND_ASCII = {"observer": ".", "consultative": "=", "full": "#"}


def countries_chart(view: View, ctx: RenderContext) -> RenderableType | None:
    """Partners per country as stacked horizontal bars, one character per partner; None
    when the terminal cannot hold a country's longest word, its code and a short bar."""
    names = [r["country"] or r["region"] for r in view.records]
    code_w = max(4, longest_word(r["country_code"] for r in view.records))
    if longest_word(["country / region", *names]) + code_w + 12 > ctx.width:
        return None
    chars = BAR_ASCII if ctx.ascii else BAR
    table = Table(
        title=text(view.title) if view.title else None,
        box=None,
        header_style="bold",
        title_style="bold",
        padding=(0, 1),
    )
    table.add_column("country / region", overflow="fold")
    table.add_column("code", no_wrap=True)
    table.add_column("partners", no_wrap=True)
    scale = _scale(view.records, ctx.width)
    for r in view.records:
        bar = Text()
        for t in TYPES:
            bar.append(chars[t] * round(r[t] * scale), style=TYPE_STYLE[t])
        bar.append(f" {r['partners']}")
        table.add_row(text(r["country"] or r["region"]), text(r["country_code"] or "-"), bar)
    legend = Text("  ".join(f"{chars[t]} {t}" for t in TYPES))
    for t in TYPES:
        legend.highlight_words([f"{chars[t]} {t}"], style=TYPE_STYLE[t])
    return Group(table, legend)


def _scale(records: Sequence[Mapping[str, Any]], width: int) -> float:
    """Characters per partner: whole cells up to four when there is room, fewer when not."""
    top = max((r["partners"] for r in records), default=1) or 1
    room = max(10, width - 50)
    return float(max(1, min(4, room // top))) if room >= top else room / top


def band_tail(band: Mapping[str, Any], mark: str = "") -> str:
    """A status band's dates in words: its start, and its end with what followed, or the
    date it is known to hold as of: never open-ended without that date."""
    from .marks import inferred_fields

    marked = inferred_fields(band)
    tail = f"{band['start_date'] or 'undated'}{mark if 'start_date' in marked else ''}"
    if band.get("end_date") or band.get("end_status"):
        tail += f"–{band.get('end_date') or 'undated'}"
        tail += mark if "end_date" in marked else ""
        if band.get("end_status"):
            tail += f", {band['end_status']}"
    elif band.get("as_of"):
        tail += f", holds as of {band['as_of']}"
    else:
        tail += ", end not stated"
    return tail


def _band_end(band: Mapping[str, Any]) -> str | None:
    """The date a band is drawn to: its end, or the date it holds as of."""
    return band.get("end_date") or band.get("as_of")


def bands_picture(
    bands: Sequence[Mapping[str, Any]], last_year: int, ctx: RenderContext
) -> RenderableType:
    """Status periods as bands on a year axis, so the path to full membership shows at once;
    each ended membership's end is written out under the axis with its reason and source.

    Sized so that nothing wraps: the bands, their date labels and the year axis fit the
    width; a terminal too narrow for even two cells a year gets the bands as lines of text.
    """
    from ..data import dates
    from .view import citation_text

    dated = [b for b in bands if b["start_date"]]
    if not dated:
        return Text("")
    first = min(dates.first_year(dates.unmarked(b["start_date"])) or 0 for b in dated)
    ends = [dates.last_year(dates.unmarked(e)) or 0 for b in dated if (e := _band_end(b))]
    last = max([last_year, first, *ends]) + 1
    span = max(1, last - first)
    label_w = max(len(b["status"]) for b in bands) + 1
    from .marks import ASCII_MARK, MARK

    mark = ASCII_MARK if ctx.ascii else MARK
    tails = [" " + band_tail(b, mark) for b in bands]
    tail_w = max(len(t) for t in tails)
    room = ctx.width - label_w - 1
    per_year = min(10, (room - tail_w) // span, room // (span + 1))
    titles = dict.fromkeys(b["organization"] for b in bands)
    lines = [text(f"{' / '.join(titles)}: the party's status", "bold")]
    closing = [
        text(
            f"{b['end_status']} {b['end_date'] or '(undated)'}: {b['end_reason']} "
            f"Source: {'; '.join(citation_text(c) for c in b['end_sources'])}."
        )
        for b in bands
        if b.get("end_status")
    ]
    if per_year < 2:
        lines += [
            text(f"{b['status'].ljust(label_w)}{t.strip()}")
            for b, t in zip(bands, tails, strict=True)
        ]
        return Group(*lines, *closing)
    chars = BAND_ASCII if ctx.ascii else BAND
    for b, tail in zip(bands, tails, strict=True):
        line = Text(b["status"].ljust(label_w))
        if b["start_date"]:
            start = int((dates.year_position(dates.unmarked(b["start_date"])) - first) * per_year)
            stop = _band_end(b)
            end = int((_end_position(stop) - first) * per_year) if stop else start + 1
            line.append(" " * start)
            line.append(
                chars.get(b["status"], "#" if ctx.ascii else "▓") * max(1, end - start),
                style=STATUS_STYLE.get(b["status"], ""),
            )
        line.append(tail)
        lines.append(line)
    tick = "|" if ctx.ascii else "┬"
    ticks = Text(" " * label_w + "".join(tick.ljust(per_year) for _ in range(span + 1)).rstrip())
    lines += [ticks, _axis(first, last, per_year, label_w), *closing]
    return Group(*lines)


def _end_position(date: str) -> float:
    """Where a band ends on the year axis: the last day its end date can mean."""
    from ..data import dates

    date = dates.unmarked(date)
    high = dates.end(date) or dates.start(date) or "0000-01-01"
    return dates.year_position(high)


def _axis(first: int, last: int, per_year: int, indent: int) -> Text:
    """Year labels under their ticks, each written only where it has room."""
    cells = [" "] * ((last - first + 1) * per_year + 4)
    free = 0
    for n, year in enumerate(range(first, last + 1)):
        at = n * per_year
        if at >= free:
            cells[at : at + 4] = str(year)
            free = at + 5
    return Text(" " * indent + "".join(cells).rstrip())


def timeline_picture(bands: Sequence[BandRecord], labels: dict[str, str] | None = None) -> Any:
    """The timeline: bands on a year axis, then dated entries, then the undated ones apart,
    each entry with its sources by number, and the numbered sources under the tables
    (`labels`: what to say of each source, by id)."""

    def build(view: View, ctx: RenderContext) -> RenderableType:
        from ..data import dates

        undated = [r for r in view.records if r["date"] is None]
        last_year = max(
            (
                dates.last_year(
                    dates.unmarked(str(r.get("end_date") or r.get("as_of") or r["date"]))
                )
                or 0
                for r in view.records
                if r["date"] is not None
            ),
            default=0,
        )
        # Sources by number, in the order the entries cite them first.
        numbers: dict[str, int] = {}
        for r in view.records:
            for cite in r.get("sources") or ():
                if isinstance(cite, dict):
                    numbers.setdefault(str(cite["source"]), len(numbers) + 1)
        # A period shows its whole range (2007–2012), or the date it holds as of.
        dated = [_ranged(r, numbers) for r in view.records if r["date"] is not None]
        undated = [_ranged(r, numbers) for r in undated]
        parts: list[RenderableType] = []
        if bands:
            parts += [bands_picture(bands, last_year, ctx), Text("")]
        cols = ["date", "kind", "title", "place", "sources"]
        if dated:
            parts.append(records_table(View(dated, cols, title="Dated"), ctx))
        if undated:
            parts.append(
                records_table(View(undated, ["kind", "title", "sources"], title="Undated"), ctx)
            )
        if numbers:
            from .table import wrap

            parts += [Text(""), Text("Sources:")]
            for ident, n in numbers.items():
                label = f"{n} {ident}: {(labels or {}).get(ident, '')}".rstrip(": ")
                first, *more = wrap(label, max(20, ctx.width - 4))
                parts += [text("  " + first), *(text("    " + m) for m in more)]
        return Group(*parts)

    return build


def _ranged(record: Mapping[str, Any], numbers: dict[str, int]) -> dict[str, Any]:
    """A timeline entry for the table: its date shows its span (to its end, or the date it
    holds as of), and its sources are their numbers (the places are in JSON and `show`)."""
    out = dict(record)
    if record.get("end_date"):
        out["date"] = f"{record['date']}–{record['end_date']}"
    elif record.get("as_of"):
        out["date"] = f"{record['date']}, as of {record['as_of']}"
    cited = [c for c in record.get("sources") or () if isinstance(c, dict)]
    out["sources"] = ", ".join(
        str(n) for n in dict.fromkeys(numbers[str(c["source"])] for c in cited)
    )
    return out


def show_card(view: View, ctx: RenderContext) -> RenderableType:
    """One organisation with everything known about it."""
    r = view.records[0]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    skip = {"events", "people", "memberships", "parts", "part_of"}
    for key, value in r.items():
        if key in skip or value in (None, [], ""):
            continue
        grid.add_row(Text(key), text(value, TYPE_STYLE.get(str(value), "")))
    parts: list[RenderableType] = [text(r["name"], "bold underline"), grid]
    for key, cols in (
        ("memberships", ["status", "start_date", "end_date", "end_status", "decided_at"]),
        ("people", ["name", "role", "organization", "start_date", "as_of"]),
        ("parts", ["id", "name"]),
        ("events", ["date", "name", "role", "place"]),
    ):
        if r.get(key):
            parts += [Text(""), records_table(View(r[key], cols, title=key.capitalize()), ctx)]
    return Group(*parts)


#: The columns of the people picture.
PEOPLE_COLUMNS = ("name", "posts", "delegations_led", "events")


def people_picture(view: View, ctx: RenderContext) -> RenderableType | None:
    """Each person with posts, delegations led and other events, one row each; None when
    the terminal cannot hold each column's longest word."""
    needed = sum(
        longest_word([col.replace("_", " "), *(v for r in view.records for v in _items(r[col]))])
        + 3  # the column's padding and gap
        for col in PEOPLE_COLUMNS
    )
    if needed > ctx.width:
        return None
    table = Table(
        title=text(view.title) if view.title else None,
        box=box.ASCII if ctx.ascii else box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        show_lines=True,
    )
    for col in PEOPLE_COLUMNS:
        table.add_column(col.replace("_", " "), overflow="fold")
    for r in view.records:
        table.add_row(
            text(r["name"], "bold"),
            _lines(r["posts"]),
            _lines(r["delegations_led"]),
            _lines(r["events"]),
        )
    return table


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _lines(items: list[Any]) -> Text:
    return Text("\n").join(text(i) for i in items) if items else Text("-")


def _scale_labels(track_w: int) -> str:
    """The words over a scale of `track_w` cells: far left, centre and far right where
    they fit apart (a space at least between them), else left and right alone."""
    for left, middle, right in (("far left", "centre", "far right"), ("left", "", "right")):
        at = (track_w - 1) // 2 - len(middle) // 2  # the centre word over the middle tick
        line = left.ljust(at) + middle
        line = line.ljust(track_w - len(right)) + right
        if len(line) == track_w and at > len(left) and track_w - len(right) > at + len(middle):
            return line
    return ""


#: The ends of the left-right scale of Wikipedia's classifications (Party Facts).
SCALE = LEFT_RIGHT_SCALE


def spectrum_picture(view: View, ctx: RenderContext) -> RenderableType | None:
    """Each scored organisation as a mark on one left-right scale; the party stands out.

    Marks are coloured by type; the unscored are listed apart, never placed at 0. None
    when the terminal cannot hold a short name, its score and a scale of 21 cells.
    """
    scored = [r for r in view.records if r["left_right"] is not None]
    unscored = [r for r in view.records if r["left_right"] is None]
    names = [escape_control(cell(r["name"])) for r in scored]
    name_w = min(34, max((cells(n) for n in names), default=10), max(10, ctx.width - 30))
    track_w = ctx.width - name_w - 9
    if track_w < 21:
        return None
    low, high = SCALE

    def column(score: float) -> int:
        share = (min(max(score, low), high) - low) / (high - low)
        return round(share * (track_w - 1))

    lines: list[Text] = [text(view.title or "Left-right positions", "bold")]
    head = Text(" " * (name_w + 8))
    head.append(_scale_labels(track_w))
    lines.append(head)
    axis = [" "] * track_w
    for tick in (low, -1.25, 0.0, 1.25, high):
        axis[column(tick)] = "+" if ctx.ascii else "┼"
    base = "-" if ctx.ascii else "─"
    lines.append(Text(" " * (name_w + 8) + "".join(c if c != " " else base for c in axis)))
    for r, name in zip(scored, names, strict=True):
        name = clip(name, name_w)
        track = [" "] * track_w
        at = column(float(r["left_right"]))
        subject = bool(r.get("subject"))
        line = Text(pad(name, name_w), style="bold" if subject else "")
        line.append(f" {float(r['left_right']):+5.2f}  ")
        line.append("".join(track[:at]))
        mark = ("#" if ctx.ascii else "◆") if subject else ("o" if ctx.ascii else "●")
        line.append(mark, style="bold" if subject else TYPE_STYLE.get(str(r["type"]), ""))
        if subject:
            line.append(" the party", style="bold")
        lines.append(line)
    if all(r.get("subject") for r in view.records):  # the party alone: say so
        lines += [Text(""), Text(view.empty_note)]
    if unscored:
        lines += [Text(""), Text("No left-right score (not placed):", style="bold")]
        lines += [text(f"  {r['name']} ({r['type']})") for r in unscored]
    legend = Text("")
    for kind, style in TYPE_STYLE.items():
        legend.append("o " if ctx.ascii else "● ", style=style)
        legend.append(f"{kind}  ")
    legend.append("Source: Wikipedia classifications via Party Facts (wptags).")
    lines += [Text(""), legend]
    return Group(*lines)
