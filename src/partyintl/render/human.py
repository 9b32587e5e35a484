"""Rich renderables for people at a terminal, and their SVG and HTML pictures."""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from . import OutputFormat, RenderContext, View, cell, escape_control

#: Columns whose values must never be cut: ids, codes, numbers, dates.
UNBREAKABLE = {
    "id",
    "country_code",
    "code",
    "value",
    "date",
    "start_date",
    "end_date",
    "position",
    "partners",
    "party",
    "international",
    "npo",
    "as_of",
    "event_id",
}
TYPE_STYLE = {"party": "cyan", "international": "magenta", "npo": "green"}
STATUS_STYLE = {"observer": "yellow", "consultative": "cyan", "full": "green"}


def text(value: Any, style: str = "") -> Text:
    """Data as literal text: never markup, control characters shown escaped."""
    return Text(escape_control(cell(value)), style=style)


def _min_width(view: View) -> int:
    total = 0
    for col in view.columns:
        if col in UNBREAKABLE:
            total += max([len(col), *(len(cell(r.get(col))) for r in view.records)])
        else:
            total += min(len(col), 8)
        total += 3
    return total + 1


def records_table(view: View, ctx: RenderContext) -> RenderableType:
    """The default picture: a table of the view's columns, or cards when it cannot fit."""
    if _min_width(view) > ctx.width:
        return records_cards(view, ctx.width)
    table = Table(
        title=view.title or None,
        box=box.ASCII if ctx.ascii else box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        expand=False,
    )
    for col in view.columns:
        keep = col in UNBREAKABLE
        table.add_column(col, no_wrap=keep, overflow="fold", min_width=None)
    for r in view.records:
        table.add_row(
            *(
                text(r.get(c), TYPE_STYLE.get(str(r.get(c)), "") if c == "type" else "")
                for c in view.columns
            )
        )
    return table


def records_cards(view: View, width: int) -> RenderableType:
    """One block of 'field: value' lines per record, for terminals too narrow for a table.

    A value that may not be cut (an id, a code, a number) that does not fit beside its
    field name goes on a line of its own, whole.
    """
    blocks: list[RenderableType] = []
    if view.title:
        blocks.append(Text(view.title, style="bold"))
    label_w = max((len(c) for c in view.columns), default=0) + 1
    for r in view.records:
        for c in view.columns:
            value = escape_control(cell(r.get(c)))
            if c in UNBREAKABLE and label_w + len(value) > width:
                blocks.append(Text(c, style="bold"))
                blocks.append(Text("  " + value, no_wrap=True, overflow="ignore"))
                continue
            line = Text(c.ljust(label_w), style="bold")
            line.append(value)
            blocks.append(line)
        blocks.append(Text(""))
    return Group(*blocks)


def to_text(view: View, ctx: RenderContext, fmt: OutputFormat) -> str:
    """Render a view for a terminal (ANSI or plain text), or as SVG or HTML."""
    if not view.records and fmt is OutputFormat.TABLE:
        return ""
    renderable = view.picture(view, ctx) if view.picture else records_table(view, ctx)
    picture_fmt = fmt is not OutputFormat.TABLE
    console = Console(
        file=io.StringIO(),
        width=ctx.width,
        record=picture_fmt,
        color_system="truecolor" if (ctx.color or picture_fmt) else None,
        force_terminal=ctx.color or picture_fmt,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
        force_jupyter=False,
    )
    console.print(renderable)
    if fmt is OutputFormat.SVG:
        return console.export_svg(title=view.title or "partyintl")
    if fmt is OutputFormat.HTML:
        return console.export_html(inline_styles=True)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return str(out)
