"""The pictures that are more than a table: bar chart, timeline bands, detail card, people."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..data.numbers import LEFT_RIGHT_SCALE
from ..escaping import escape_control
from .cells import cells, clip, pad
from .chart import HEADINGS, chart_rows, legend_runs
from .human import longest_word, records_table, text
from .palette import TYPE_STYLE
from .view import RenderContext, View, cell


def countries_chart(view: View, ctx: RenderContext) -> RenderableType | None:
    """Partners per country as stacked horizontal bars, one character per partner; None
    when the terminal cannot hold a country's longest word, its code and a short bar.
    (Where rich would print the table as it is, `chart.countries_lines` writes it.)"""
    names = [r["country"] or r["region"] for r in view.records]
    code_w = max(4, longest_word(r["country_code"] for r in view.records))
    if longest_word([HEADINGS[0], *names]) + code_w + 12 > ctx.width:
        return None
    table = Table(
        title=text(view.title) if view.title else None,
        box=None,
        header_style="bold",
        title_style="bold",
        padding=(0, 1),
    )
    table.add_column(HEADINGS[0], overflow="fold")
    table.add_column(HEADINGS[1], no_wrap=True)
    table.add_column(HEADINGS[2], no_wrap=True)
    for name, code, runs in chart_rows(view, ctx):
        bar = Text()
        for run, style in runs:
            bar.append(run, style=style or None)
        table.add_row(Text(name), Text(code), bar)
    legend = Text()
    for run, style in legend_runs(ctx):
        legend.append(run, style=style or None)
    return Group(table, legend)


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
