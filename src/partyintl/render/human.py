"""Rich renderables for people at a terminal, and their SVG and HTML pictures."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, RenderableType
from rich.text import Text

from . import OutputFormat, RenderContext, View, cell, escape_control, footnote

TYPE_STYLE = {"party": "cyan", "international": "magenta", "npo": "green"}
STATUS_STYLE = {"observer": "yellow", "consultative": "cyan", "full": "green"}


def text(value: Any, style: str = "") -> Text:
    """Data as literal text: never markup, control characters shown escaped."""
    return Text(escape_control(cell(value)), style=style)


def records_table(view: View, ctx: RenderContext) -> RenderableType:
    """The plain table (see table.py) as a rich renderable, for pictures that hold tables."""
    from .table import render_table

    return Text.from_ansi(render_table(view, ctx).rstrip("\n"))


def to_text(view: View, ctx: RenderContext, fmt: OutputFormat) -> str:
    """Render a view for a terminal (ANSI or plain text), or as SVG or HTML."""
    if not view.records and fmt is OutputFormat.TABLE:
        return ""
    picture_fmt = fmt is not OutputFormat.TABLE
    if picture_fmt:  # pictures are always in colour, whatever the terminal
        ctx = ctx._replace(color=True)
    renderable = view.picture(view, ctx) if view.picture else records_table(view, ctx)
    notes = footnote(view, ctx.ascii) if picture_fmt else []  # a terminal's is added after
    if notes:
        from rich.console import Group

        renderable = Group(renderable, Text(""), *(text(line, "dim") for line in notes))
    console = Console(
        file=io.StringIO(),
        width=ctx.width,
        record=picture_fmt,
        color_system="truecolor" if ctx.color else None,
        force_terminal=ctx.color,
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
    out = str(console.file.getvalue())  # type: ignore[attr-defined]
    # rich pads every line to the full width; trailing blanks only get in the way.
    return "\n".join(line.rstrip() for line in out.split("\n"))
