"""A command's answer rendered in the format asked for and written to stdout."""

from __future__ import annotations

import os
import sys

from .process import note, terminal_columns, write
from .render import OutputFormat, RenderContext, View, render, stdout_is_terminal
from .slotted import Struct


class Settings(Struct):
    """Global options, shared by every command."""

    __slots__ = ("data", "no_color", "debug")

    def __init__(
        self, data: str | None = None, no_color: bool = False, debug: bool = False
    ) -> None:
        self.data = data
        self.no_color = no_color
        self.debug = debug


class Output(Struct):
    """How the user asked for output."""

    __slots__ = ("fmt", "json", "fields")

    def __init__(
        self, fmt: str | None = None, json: bool = False, fields: str | None = None
    ) -> None:
        self.fmt = fmt
        self.json = json
        self.fields = fields


def render_context(no_color: bool = False) -> RenderContext:
    """Where output is going: a terminal or not, colour or not, how wide, which characters."""
    terminal = stdout_is_terminal()
    color = (
        terminal
        and not no_color
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    width = terminal_columns(100)
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    return RenderContext(
        terminal=terminal, color=color, width=max(width, 20), ascii=not encoding.startswith("utf")
    )


def emit(settings: Settings, view: View, out: Output) -> None:
    """Render a view in the chosen format and write it to stdout; notes go to stderr."""
    from . import query
    from .render import views

    rctx = render_context(settings.no_color)
    fmt = OutputFormat.JSON if out.json else OutputFormat(out.fmt) if out.fmt else None
    if fmt is None:
        fmt = OutputFormat.TABLE if rctx.terminal else OutputFormat.PLAIN
    if out.fields is not None:
        valid = view.valid_fields()
        wanted = [f.strip() for f in out.fields.split(",") if f.strip()]
        if not wanted:  # `--fields` alone (or only commas): which fields are there?
            view = views.fields_view(valid)
        else:
            query.check_fields(wanted, valid)
            view = view.with_fields(wanted)
    write(render(view, fmt, rctx), machine=fmt is not OutputFormat.TABLE)
    if not view.records and fmt in (OutputFormat.TABLE, OutputFormat.PLAIN, OutputFormat.TSV):
        note(view.empty_note)
