"""The pictures that are more than a table: bar chart, timeline bands, detail card, people."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..data.enums import PARTNER_TYPE_VALUES as TYPES
from ..data.numbers import LEFT_RIGHT_SCALE
from . import RenderContext, View, cell, escape_control
from .cells import cells, clip, pad
from .human import STATUS_STYLE, TYPE_STYLE, records_table, text

BAR = {"party": "█", "international": "▓", "npo": "▒"}
BAR_ASCII = {"party": "#", "international": "=", "npo": "+"}
BAND = {"observer": "░", "consultative": "▒", "full": "█"}
BAND_ASCII = {"observer": ".", "consultative": "=", "full": "#"}


def countries_chart(view: View, ctx: RenderContext) -> RenderableType:
    """Partners per country as stacked horizontal bars, one character per partner."""
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


def _scale(records: list[dict[str, Any]], width: int) -> float:
    """Characters per partner: whole cells up to four when there is room, fewer when not."""
    top = max((r["partners"] for r in records), default=1) or 1
    room = max(10, width - 50)
    return float(max(1, min(4, room // top))) if room >= top else room / top


def _year_pos(date: str) -> float:
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 else 1
    day = int(date[8:10]) if len(date) == 10 else 1
    return year + (month - 1) / 12 + (day - 1) / 365


def bands_picture(
    bands: list[dict[str, Any]], last_year: int, ctx: RenderContext
) -> RenderableType:
    """Status periods as bands on a year axis, so the path to full membership shows at once.

    Sized so that nothing wraps: the bands, their date labels and the year axis fit the
    width; a terminal too narrow for even two cells a year gets the bands as lines of text.
    """
    if not bands:
        return Text("")
    first = int(bands[0]["start_date"][:4])
    last = max(last_year, int(bands[-1]["start_date"][:4])) + 1
    span = max(1, last - first)
    label_w = max(len(b["status"]) for b in bands) + 1
    from .marks import ASCII_MARK, MARK, inferred_fields

    mark = ASCII_MARK if ctx.ascii else MARK
    tails = [
        f" {b['start_date']}"
        + (mark if "start_date" in inferred_fields(b) else "")
        + ("" if b["end_date"] else " onwards")
        for b in bands
    ]
    tail_w = max(len(t) for t in tails)
    room = ctx.width - label_w - 1
    per_year = min(10, (room - tail_w) // span, room // (span + 1))
    titles = dict.fromkeys(b["organization"] for b in bands)
    lines = [text(f"{' / '.join(titles)}: the party's status", "bold")]
    if per_year < 2:
        lines += [
            Text(f"{b['status'].ljust(label_w)}{t.strip()}")
            for b, t in zip(bands, tails, strict=True)
        ]
        return Group(*lines)
    chars = BAND_ASCII if ctx.ascii else BAND
    for b, tail in zip(bands, tails, strict=True):
        start = int((_year_pos(b["start_date"]) - first) * per_year)
        end_date = b["end_date"]
        end = int((_year_pos(end_date) - first) * per_year) if end_date else span * per_year
        line = Text(b["status"].ljust(label_w))
        line.append(" " * start)
        line.append(chars[b["status"]] * max(1, end - start), style=STATUS_STYLE[b["status"]])
        line.append(tail)
        lines.append(line)
    tick = "|" if ctx.ascii else "┬"
    ticks = Text(" " * label_w + "".join(tick.ljust(per_year) for _ in range(span + 1)).rstrip())
    lines += [ticks, _axis(first, last, per_year, label_w)]
    return Group(*lines)


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


def timeline_picture(bands: list[dict[str, Any]]) -> Any:
    """The timeline: bands on a year axis, then dated entries, then the undated ones apart."""

    def build(view: View, ctx: RenderContext) -> RenderableType:
        # A period shows its whole range: 2007–2012.
        dated = [
            {**r, "date": f"{r['date']}–{r['end_date']}"} if r.get("end_date") else r
            for r in view.records
            if r["date"] is not None
        ]
        undated = [r for r in view.records if r["date"] is None]
        last_year = max((int((r["end_date"] or r["date"])[:4]) for r in dated), default=0)
        parts: list[RenderableType] = []
        if bands:
            parts += [bands_picture(bands, last_year, ctx), Text("")]
        cols = ["date", "kind", "title", "place"]
        if dated:
            parts.append(records_table(View(dated, cols, title="Dated"), ctx))
        if undated:
            parts.append(records_table(View(undated, ["kind", "title"], title="Undated"), ctx))
        return Group(*parts)

    return build


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
        ("memberships", ["status", "start_date", "decided_at"]),
        ("people", ["name", "role", "organization", "start_date", "as_of"]),
        ("parts", ["id", "name"]),
        ("events", ["date", "name", "role", "place"]),
    ):
        if r.get(key):
            parts += [Text(""), records_table(View(r[key], cols, title=key.capitalize()), ctx)]
    return Group(*parts)


def people_picture(view: View, ctx: RenderContext) -> RenderableType:
    """Each person with posts, delegations led and other events, one row each."""
    table = Table(
        title=text(view.title) if view.title else None,
        box=box.ASCII if ctx.ascii else box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        show_lines=True,
    )
    for col in ("name", "posts", "delegations_led", "events"):
        table.add_column(col.replace("_", " "), overflow="fold")
    for r in view.records:
        table.add_row(
            text(r["name"], "bold"),
            _lines(r["posts"]),
            _lines(r["delegations_led"]),
            _lines(r["events"]),
        )
    return table


def _lines(items: list[Any]) -> Text:
    return Text("\n").join(text(i) for i in items) if items else Text("-")


#: The ends of the left-right scale of Wikipedia's classifications (Party Facts).
SCALE = LEFT_RIGHT_SCALE


def spectrum_picture(view: View, ctx: RenderContext) -> RenderableType:
    """Each scored organisation as a mark on one left-right scale; the party stands out.

    Marks are coloured by type; the unscored are listed apart, never placed at 0.
    """
    scored = [r for r in view.records if r["left_right"] is not None]
    unscored = [r for r in view.records if r["left_right"] is None]
    names = [escape_control(cell(r["name"])) for r in scored]
    name_w = min(34, max((cells(n) for n in names), default=10))
    track_w = max(21, ctx.width - name_w - 9)
    low, high = SCALE

    def column(score: float) -> int:
        share = (min(max(score, low), high) - low) / (high - low)
        return round(share * (track_w - 1))

    lines: list[Text] = [text(view.title or "Left-right positions", "bold")]
    head = Text(" " * (name_w + 8))
    labels = (
        "far left".ljust(track_w // 2 - 3)
        + "centre"
        + "far right".rjust(track_w - track_w // 2 - 3)
    )
    head.append(labels[:track_w])
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
