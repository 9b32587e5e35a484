"""Rich renderables for people at a terminal, and their SVG and HTML pictures."""

from __future__ import annotations

from .lines import Lines
from .view import RenderContext, View, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from rich.console import RenderableType
    from rich.text import Text

STATUS_STYLE = {
    "observer": "yellow",
    "consultative": "cyan",
    "associate": "magenta",
    "fraternal": "blue",
    "full": "green",
    "suspended": "red",
}


def longest_word(values: Any) -> int:
    """The width in cells of the widest word (text between spaces) of these values."""
    from .cells import cells

    return max((cells(word) for v in values for word in shown(v).split()), default=0)


def text(value: Any, style: str = "") -> Text:
    """Data as literal text: never markup, control characters shown escaped."""
    from rich.text import Text

    return Text(shown(value), style=style)


def records_table(view: View, ctx: RenderContext) -> RenderableType:
    """The plain table (see table.py) as a rich renderable, for pictures that hold tables."""
    from rich.text import Text

    from .table import render_table

    return Text.from_ansi(render_table(view, ctx).rstrip("\n"))


def to_text(view: View, ctx: RenderContext) -> str:
    """Render a view's picture for a terminal (ANSI colour or plain text)."""
    if not view.records:
        return ""
    renderable: RenderableType | Lines | None = (
        view.picture(view, ctx) if view.picture else records_table(view, ctx)
    )
    if renderable is None:  # too narrow for the picture: a card per record
        from .table import render_cards

        return render_cards(view, ctx).rstrip("\n")
    if isinstance(renderable, Lines):  # written without rich where rich would not change it
        out = renderable.render(ctx.width, ctx.color)
        if out is not None:
            return _trimmed(out)
        renderable = renderable.to_rich()
    return rich_text(renderable, ctx.width, ctx.color)


def rich_text(renderable: RenderableType, width: int, color: bool) -> str:
    """What rich prints of a renderable `width` cells wide (ANSI colour when `color`),
    without trailing blanks: the one way partyintl asks rich to draw."""
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=width,
        height=25,  # with both given, rich never reads COLUMNS or LINES itself
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
        force_jupyter=False,
    )
    console.print(renderable)
    return _trimmed(str(console.file.getvalue()))  # type: ignore[attr-defined]


def _trimmed(out: str) -> str:
    # rich pads every line to the full width; trailing blanks only get in the way.
    return "\n".join(line.rstrip() for line in out.split("\n"))
