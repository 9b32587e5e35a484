"""A command's answer rendered in the format asked for and written to stdout."""

from __future__ import annotations

import os
import sys

from .escaping import terminal_safe
from .process import is_terminal, note, output_columns, write
from .render import (
    FOR_PEOPLE,
    MACHINE,
    OutputFormat,
    RenderContext,
    View,
    for_format,
    render,
)
from .slotted import Struct


class Settings(Struct):
    """Global options, shared by every command."""

    __slots__ = ("data", "no_color", "debug", "names")

    def __init__(
        self,
        data: str | None = None,
        no_color: bool = False,
        debug: bool = False,
        names: str = "source",
    ) -> None:
        self.data = data
        self.no_color = no_color
        self.debug = debug
        self.names = names


class Output(Struct):
    """How the user asked for output."""

    __slots__ = ("fmt", "json", "fields")

    def __init__(
        self, fmt: str | None = None, json: bool = False, fields: str | None = None
    ) -> None:
        self.fmt = fmt
        self.json = json
        self.fields = fields


def render_context(no_color: bool = False, source: str = "") -> RenderContext:
    """Where output is going: a terminal or not, colour or not, how wide, which characters."""
    terminal = is_terminal(sys.stdout)
    color = (
        terminal
        and not no_color
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    width = output_columns(100)
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    return RenderContext(
        terminal=terminal,
        color=color,
        width=max(width, 20),
        ascii=not encoding.startswith("utf"),
        source=source,
    )


def _write_png(view: View, rctx: RenderContext) -> None:
    from .errors import UsageError
    from .process import write_bytes
    from .render import render_png

    if rctx.terminal:
        raise UsageError("PNG is an image: redirect it to a file, e.g. > figure.png.")
    write_bytes(render_png(view, rctx))


def emit(settings: Settings, view: View, out: Output, source: str = "") -> None:
    """Render a view in the chosen format and write it to stdout; notes go to stderr.

    `source` is the line figures carry under them (see query.source_line).
    """
    from . import query
    from .render import views

    rctx = render_context(settings.no_color, source)
    fmt = OutputFormat.JSON if out.json else OutputFormat(out.fmt) if out.fmt else None
    if fmt is None:
        fmt = OutputFormat.TABLE if rctx.terminal else OutputFormat.PLAIN
    wanted: list[str] | None = None
    if out.fields is not None:
        valid = view.valid_fields()
        wanted = [f.strip() for f in out.fields.split(",") if f.strip()]
        if not wanted:  # `--fields` alone (or only commas): which fields are there?
            view = views.fields_view(valid)
        else:
            query.check_fields(wanted, valid)
    if wanted is None:
        view = for_format(view, fmt)
    if fmt in FOR_PEOPLE and settings.names == "usual":
        from .render.views import with_usual_names

        view = with_usual_names(view)
    plain = fmt in (OutputFormat.PLAIN, OutputFormat.TSV)
    if fmt in FOR_PEOPLE:  # what the source does not say is marked for people
        from .render.marks import mark_view

        view = mark_view(view, wanted or view.columns, rctx.ascii)
        if view.footnotes and not wanted and "inferred" in view.columns:
            view = view._replace(columns=[c for c in view.columns if c != "inferred"])
    elif plain:  # for pipes: values as they are, what is inferred in a column of its own
        from .render.marks import mark_view

        view = mark_view(view, wanted or view.columns, rctx.ascii, glue=False)
        if not wanted and "inferred" in view.valid_fields() and "inferred" not in view.columns:
            view = view._replace(columns=[*view.columns, "inferred"])
    if wanted:
        view = view.with_fields(wanted)
    if fmt is OutputFormat.PNG:
        _write_png(view, rctx)
        return
    text = render(view, fmt, rctx)
    if fmt not in MACHINE or rctx.terminal:
        # The last guard: nothing a person reads drives the terminal (CSV or JSON shown on
        # one included); piped, machine formats stay byte for byte what the data holds.
        text = terminal_safe(text)
    write(text, machine=fmt is not OutputFormat.TABLE)
    if plain and view.footnotes and is_terminal(sys.stderr):
        # stdout stays one record per line; a person watching gets the footnote beside it.
        from .render.marks import footnote

        for line in footnote(view, rctx.ascii, marked=False):
            note(line)
    if not view.records and (plain or fmt is OutputFormat.TABLE):
        note(view.empty_note)
