"""The people picture (a framed table: each person's posts, delegations led and other
events, a row each): what it shows, and its lines written without rich where rich's table
would print them so.

`pictures.people_picture` lays the picture out with rich's `Table` (a SIMPLE_HEAD or ASCII
box, a rule between rows, headings bold, every column folding); `people_lines` writes the
same table as rich does, from rich's own rules: the columns' widths (their widest lines,
narrowed as rich narrows wrappable columns, the widest first, then evenly), each cell's
text wrapped at its column's width (at spaces, a word wider than the column cut up), rows
as tall as their tallest cell, the frame, and the title centred over the table. Whenever
a text holds a character it cannot vouch for (one not exactly one cell wide, a tab, a
no-break space), the title would wrap or a column would be narrower than its padding, it
answers None and rich draws the table. tests/test_people.py compares the two on generated
people, in colour and without, framed in ASCII and not.
"""

from __future__ import annotations

from .cells import _all_one_cell
from .lines import Lines, _wrapped
from .view import RenderContext, View, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

#: The columns of the people picture, left to right.
PEOPLE_COLUMNS = ("name", "posts", "delegations_led", "events", "sources")
#: Their headings.
HEADINGS = tuple(col.replace("_", " ") for col in PEOPLE_COLUMNS)

#: The frames the picture is drawn in, as rich's box.SIMPLE_HEAD and box.ASCII spell them:
#: eight lines of four characters (top, heading row, rule under the headings, middle
#: rows, rule between rows, rule above a footer, last row, bottom).
_SIMPLE_HEAD = ("    ", "    ", " ── ", "    ", "    ", "    ", "    ", "    ")
_ASCII = ("+--+", "| ||", "|-+|", "| ||", "|-+|", "|-+|", "| ||", "+--+")
#: A cell's padding: a space either side (rich's default (0, 1)).
_PAD = 1
#: What the frame adds to the columns' widths: two edges and a divider between columns.
_FRAME = 2 + len(PEOPLE_COLUMNS) - 1

#: A cell: its text (lines separated by newlines) and the style of that text.
Cell = tuple[str, str]


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def fits(view: View, ctx: RenderContext) -> bool:
    """Whether the terminal can hold each column's longest word with its padding and
    divider (otherwise people are shown as cards)."""
    from .human import longest_word

    needed = sum(
        longest_word([heading, *(v for r in view.records for v in _items(r.get(col) or []))])
        + 3  # the column's padding and gap
        for col, heading in zip(PEOPLE_COLUMNS, HEADINGS, strict=True)
    )
    return needed <= ctx.width


def person_cells(record: Mapping[str, Any]) -> list[Cell]:
    """A person's row: the name in bold, then posts, delegations led, events and the
    sources that state them, an item a line ('-' for none)."""
    return [
        (shown(record["name"]), "bold"),
        *((_lines(record.get(col) or []), "") for col in PEOPLE_COLUMNS[1:]),
    ]


def _lines(items: list[Any]) -> str:
    return "\n".join(shown(i) for i in items) if items else "-"


def people_lines(view: View, ctx: RenderContext) -> Lines | None:
    """The people picture as rich's table prints it, or None where rich must draw it
    (see the module); call it only where the picture `fits`."""
    rows = [person_cells(r) for r in view.records]
    title = shown(view.title) if view.title else ""
    return framed_lines(title, HEADINGS, rows, ctx.width, ctx.ascii)


def framed_lines(
    title: str, headings: Sequence[str], rows: Sequence[Sequence[Cell]], width: int, ascii: bool
) -> Lines | None:
    """A table as rich's `Table(title=title, box=box.ASCII if ascii else box.SIMPLE_HEAD,
    header_style="bold", show_lines=True)` prints it `width` cells wide, every column
    added with overflow="fold" (headings as plain text, cells as rich Texts of these
    texts and styles); None where unsure (see the module)."""
    columns = [[heading, *(row[n][0] for row in rows)] for n, heading in enumerate(headings)]
    texts = [title, *(line for column in columns for t in column for line in t.split("\n"))]
    if not all(_all_one_cell(t) for t in texts) or any("\xa0" in t for t in texts):
        return None  # a character of unusual width, a tab, or a space rich breaks at
    widths = _column_widths(columns, width - _FRAME)
    if widths is None:
        return None
    table_width = sum(widths) + _FRAME
    if len(title.rstrip()) > table_width:
        return None  # rich would wrap the title
    box = _ASCII if ascii else _SIMPLE_HEAD
    lines = Lines()
    if title:  # centred over the table (rich's justify="center")
        lines.text(" " * ((table_width - len(title.rstrip())) // 2) + title.rstrip())
    lines.text(_rule(box[0], widths))
    _row(lines, box[1], widths, [(h, "") for h in headings], heading=True)
    lines.text(_rule(box[2], widths))
    for n, row in enumerate(rows):
        last = n == len(rows) - 1
        _row(lines, box[6] if last else box[3], widths, row)
        if not last:
            lines.text(_rule(box[4], widths))
    return lines.text(_rule(box[7], widths))


def _rule(chars: str, widths: list[int]) -> str:
    """A line of the frame across the columns: left edge, the line, crossings, right edge
    (rich's Box.get_top, get_row and get_bottom)."""
    left, line, cross, right = chars[0], chars[1], chars[2], chars[3]
    return left + cross.join(line * w for w in widths) + right


def _row(
    lines: Lines, chars: str, widths: list[int], row: Sequence[Cell], heading: bool = False
) -> None:
    """Add a row of cells framed by `chars` (left edge, -, divider, right edge). Headings
    are bold, padding too (rich's header_style), and sit at the row's bottom; other cells
    sit at its top (rich's vertical alignment of the two)."""
    left, divider, right = chars[0], chars[2], chars[3]
    style = "bold" if heading else ""
    cells = []
    for (text, text_style), w in zip(row, widths, strict=True):
        inner = w - 2 * _PAD
        pieces = [
            piece[:inner].ljust(inner)
            for line in text.split("\n")
            for piece in _wrapped(line, inner)
        ]
        look = text_style or style
        cells.append(
            [[(" " * _PAD, style), (piece, look), (" " * _PAD, style)] for piece in pieces]
        )
    height = max(len(c) for c in cells)
    for c, w in zip(cells, widths, strict=True):
        blank = [[(" " * w, style)]] * (height - len(c))
        c[:] = blank + c if heading else c + blank
    for n in range(height):
        runs: list[tuple[str, str]] = [(left, "")]
        for i, c in enumerate(cells):
            runs += [*c[n], (divider if i < len(cells) - 1 else right, "")]
        lines.runs(*runs)


def _column_widths(columns: list[list[str]], room: int) -> list[int] | None:
    """Each column's width with its padding in a table whose columns have `room` cells,
    as rich's Table._calculate_column_widths sets them for columns that all wrap; None
    when one would be too narrow for its padding and a character."""
    ranges = [_measure(column, room) for column in columns]
    widths = [maximum or 1 for _, maximum in ranges]
    if sum(widths) > room:
        widths = _collapse(widths, room)
        if sum(widths) > room:  # the last resort: narrow every column alike
            widths = _ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [_measure(column, w)[1] or 0 for column, w in zip(columns, widths, strict=True)]
    if sum(widths) > room or min(widths) < 2 * _PAD + 1:
        return None
    return widths


def _measure(texts: list[str], room: int) -> tuple[int, int]:
    """The least and most cells a column of padded cells of these texts takes, given
    `room` (rich's Table._measure_column over Measurement.get of Padding of Text)."""
    if room < 1:
        return 0, 0
    least, most = [], []
    for text in texts:
        if room - 2 * _PAD < 1:
            low, high = room, room
        else:
            lines = text.split("\n")
            widest = max(len(line) for line in lines)
            words = text.split()
            low, high = _fitted((max(len(w) for w in words) if words else widest, widest), room)
            low, high = min(low + 2 * _PAD, room), min(high + 2 * _PAD, room)
        low, high = _fitted((low, high), room)
        least.append(low)
        most.append(high)
    return min(max(least), room), min(max(most), room)


def _fitted(measure: tuple[int, int], room: int) -> tuple[int, int]:
    """A measurement normalised and capped at `room`, (0, 0) when it has no width (what
    rich's Measurement.get makes of a renderable's own measurement)."""
    low, high = measure
    low = min(max(0, low), high)
    low, high = min(max(0, low), room), min(max(0, low, high), room)
    if high < 1:
        return 0, 0
    low = min(max(0, low), high)
    return max(0, low), max(0, low, high)


def _collapse(widths: list[int], room: int) -> list[int]:
    """Widths narrowed, the widest columns first, until they fit `room` or are all as
    wide (rich's Table._collapse_widths with every column wrappable)."""
    total = sum(widths)
    excess = total - room
    while total and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not any(ratios) or not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - room
    return widths


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """`values` less `total` shared out by `ratios`, each taking at most its maximum
    (rich's _ratio.ratio_reduce, its rounding included)."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            share = min(most, round(ratio * remaining / total_ratio))
            result.append(value - share)
            remaining -= share
            total_ratio -= ratio
        else:
            result.append(value)
    return result
