"""The pictures that are more than a table: bar chart, timeline bands, detail card, people."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .chart import HEADINGS, chart_rows, legend_runs
from .human import longest_word, records_table, text
from .palette import TYPE_STYLE
from .people import HEADINGS as PEOPLE_HEADINGS
from .people import fits, person_cells
from .view import RenderContext, View


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


def people_picture(view: View, ctx: RenderContext) -> RenderableType | None:
    """Each person with posts, delegations led and other events, one row each; None when
    the terminal cannot hold each column's longest word. (Where rich would print the
    table as it is, `people.people_lines` writes it.)"""
    if not fits(view, ctx):
        return None
    table = Table(
        title=text(view.title) if view.title else None,
        box=box.ASCII if ctx.ascii else box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        show_lines=True,
    )
    for heading in PEOPLE_HEADINGS:
        table.add_column(heading, overflow="fold")
    for r in view.records:
        table.add_row(*(Text(cell, style=style) for cell, style in person_cells(r)))
    return table
