"""Plain-text tables and cards for the terminal, without rich's tables (slower than the answer).

Widths are counted in terminal cells by the rule of render/cells.py (wide East Asian
characters take two, combining and zero-width marks none). Columns that hold ids, codes,
numbers and dates are never cut; other columns wrap at spaces, and a word longer than its
column is folded. When even that cannot fit, each record becomes a block of 'field value'
lines.
"""

from __future__ import annotations

from ..data.enums import PARTNER_TYPE_VALUES
from ..escaping import escape_control
from ..patterns import pattern
from .cells import cells as width  # the one rule of how wide text is
from .cells import one_cell_each
from .palette import TYPE_ANSI
from .view import RenderContext, View, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

#: Columns whose values must never be cut: ids, codes, numbers, dates.
UNBREAKABLE = frozenset(
    {
        "id",
        "country_code",
        "code",
        "value",
        "formatted",
        "date",
        "start_date",
        "end_date",
        "position",
        "partners",
        *PARTNER_TYPE_VALUES,  # the counts of each type
        "as_of",
        "event_id",
        "list",
        "type",
        "status",
    }
)
#: Columns of names, which may break after a hyphen as print does
#: ("Federation-/Dashnaktsutyun"); any other text breaks only at spaces (an id such as
#: `si-xxii-congress-2003` or a date is never split).
HYPHENATED = frozenset({"name", "member", "named", "partner", "other", "organization", "title"})
#: The ANSI code of the title and header (the partner types': render/palette.TYPE_ANSI).
BOLD = "1"
#: Shorter headings for wide field names whose values are short.
LABELS = {"position": "#", "country_code": "code", "formatted": "number"}
GAP = 2


def hyphen_parts(word: str) -> list[str]:
    """The parts of a word a line may end between: after each run of hyphens that follows
    something else ("ab--cd" is "ab--" and "cd"; "-ab" and "ab-" stay whole)."""
    parts: list[str] = []
    start = 0
    lettered = False  # the part so far holds something other than hyphens
    for i, ch in enumerate(word):
        if ch != "-" and i and word[i - 1] == "-" and lettered:
            parts.append(word[start:i])
            start = i
        lettered = lettered and start < i or ch != "-"
    parts.append(word[start:])
    return parts


def _fold(word: str, size: int) -> list[str]:
    """Pieces of at most `size` cells: after hyphens where that helps, else anywhere.

    Linear in the length of the word: widths are counted once, never re-measured.
    """
    pieces: list[str] = []
    parts = hyphen_parts(word)
    remaining = width(word)
    taken = 0
    while remaining > size and taken < len(parts) - 1:
        head_width = width(parts[taken])
        if head_width > size:
            break
        pieces.append(parts[taken])
        remaining -= head_width
        taken += 1
    rest = "".join(parts[taken:])
    if remaining <= size:
        return [*pieces, rest]
    current: list[str] = []
    used = 0
    for ch in rest:
        w = width(ch)
        if used + w > size and current:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += w
    return [*pieces, "".join(current)] if current or not pieces else pieces


def wrap(text: str, size: int, fold: bool = True) -> list[str]:
    """Lines of at most `size` cells, broken at spaces; over-long words are folded (without
    `fold`, each stands whole on a line of its own: a value that may not be cut).

    Linear in the length of the text: each word is measured once, or, in printable ASCII
    words apart by one space each, each line found by one search for its last space
    (_wrap_lines: a name of 12 MB in 0.05 s instead of 0.4 s).
    """
    measure = len if text.isascii() else width  # ASCII: one cell a character
    if measure(text) <= size:
        return [text]
    if _simply_spaced(text):
        lines = _wrap_lines(text, size)
        if lines is not None:
            return lines
    return _wrap_words(text, size, measure, fold)


def _wrap_words(
    text: str, size: int, measure: Callable[[str], int], fold: bool = True
) -> list[str]:
    """wrap's lines of a text wider than `size`, word by word (`measure`: len for ASCII)."""
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for word in text.split(" "):
        w = measure(word)
        started = used > 0 or len(current) > 1  # the line so far is not empty text
        if started and used + 1 + w <= size:
            current.append(word)
            used += 1 + w
            continue
        if not started and w <= size:
            current, used = [word], w
            continue
        if started:
            lines.append(" ".join(current))
        if w > size and fold:
            *full, last = _fold(word, size)
            lines.extend(full)
            current, used = [last], width(last)
        else:
            current, used = [word], w
    lines.append(" ".join(current))
    return lines


def _wrap_lines(text: str, size: int) -> list[str] | None:
    """What _wrap_words gives for text of one cell a character that starts with a word and
    whose words are apart by one space each: each line up to the last space within `size`
    characters; None when a word is longer than `size` (it is then folded, word by word)."""
    # One search a line, never a pattern: `(.{1,N})(?: |$)` retried at every character of
    # a word longer than N (a 2 MB word took 12 s where word by word takes 0.6 s).
    lines: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start, start + size + 1)
        if cut <= start:
            return None
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


def _paint(text: str, code: str, ctx: RenderContext) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if ctx.color and code and text else text


def _pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _words(text: str, hyphenated: bool) -> list[str]:
    """The pieces a cell's text may not be broken inside: words, or in a column of names
    the parts of a word after each hyphen (the hyphen kept with the part before it)."""
    words = text.split(" ")
    if not hyphenated:
        return words
    return [part for word in words for part in hyphen_parts(word)]


#: From this many characters an ASCII cell's longest piece is found with a pattern (a name
#: of 12 MB: 0.1 s, where measuring its 2.7 million pieces one by one took 3 s); shorter
#: cells, every cell of an everyday answer, are measured piece by piece without `re`.
LONG_CELL = 4096
#: The pieces of ASCII text _words gives in a column of names (hyphen_parts of each word).
_HYPHEN_PIECE = pattern(r"-*[^ -]+-*|-+")


def _simply_spaced(text: str) -> bool:
    """Whether `text` is what _wrap_lines takes: of one cell a character, starting with a
    word, its words apart by one space each."""
    return one_cell_each(text) and text[:1] != " " and "  " not in text


def _longest(text: str, hyphenated: bool) -> int:
    """The width, in cells, of the longest piece of a cell's text that a line may not break
    inside (_words's pieces)."""
    if len(text) >= LONG_CELL and one_cell_each(text):
        if not hyphenated or "-" not in text:
            return max(map(len, text.split(" ")))
        return max(map(len, _HYPHEN_PIECE.findall(text)), default=0)
    return max(map(width, _words(text, hyphenated)))


def _beside(text: str, size: int) -> list[str] | None:
    """wrap's lines of `text` in `size` cells, or None when a word of it (split at
    whitespace) is wider than that. A long text of one cell a character, words apart by
    one space, is wrapped and judged in one pass (_wrap_lines: a word too wide starts a
    line, which it cannot fill)."""
    if len(text) >= LONG_CELL and _simply_spaced(text):
        return _wrap_lines(text, size) if len(text) > size else [text]
    if max(map(width, text.split()), default=0) > size:
        return None
    return wrap(text, size)


def _widths(
    columns: list[str], heads: list[str], cells: list[list[str]], room: int
) -> list[int] | None:
    """Each column's width so that the table fits `room`, its cells wrapping at spaces
    first and only then after hyphens in names (HYPHENATED): no column narrower than its
    longest such piece; None when they cannot all fit whole: the answer is then cards."""
    natural = [max([width(h), *(width(row[i]) for row in cells)]) for i, h in enumerate(heads)]
    if sum(natural) <= room:
        return natural  # nothing to shrink: the floors are not needed
    at_spaces = _floors(columns, heads, cells, natural, hyphens=False)
    # Breaking after hyphens is needed only where breaking at spaces is not enough (each
    # piece after a hyphen is part of a word, so these floors are never higher).
    if sum(at_spaces) <= room:
        return _shrink(natural, [at_spaces], room)
    at_hyphens = _floors(columns, heads, cells, natural, hyphens=True)
    if sum(at_hyphens) > room:
        return None
    return _shrink(natural, [at_spaces, at_hyphens], room)


def _floors(
    columns: list[str], heads: list[str], cells: list[list[str]], natural: list[int], hyphens: bool
) -> list[int]:
    """How narrow each column may become: its widest value where it may not be cut
    (UNBREAKABLE), else its longest piece (_words's: words, or with `hyphens` the parts of
    names after hyphens too), its heading, or its natural width if smaller."""
    return [
        n
        if c in UNBREAKABLE
        else min(
            n,
            max([width(h), *(_longest(row[i], hyphens and c in HYPHENATED) for row in cells)]),
        )
        for i, (c, h, n) in enumerate(zip(columns, heads, natural, strict=True))
    ]


def _shrink(natural: list[int], floors: list[list[int]], room: int) -> list[int]:
    """The natural widths made to fit `room`, down to each of `floors` in turn."""
    sizes = list(natural)
    for floor in floors:  # wrap at spaces first; after hyphens if needed
        excess = sum(sizes) - room
        while excess > 0:
            shrinkable = [j for j in range(len(sizes)) if sizes[j] > floor[j]]
            if not shrinkable:
                break
            # Take cells from the widest column that may still shrink, down to the next
            # widest at most: as if one cell at a time, in steps linear in the columns.
            j = max(shrinkable, key=lambda k: sizes[k])
            next_widest = max((sizes[k] for k in shrinkable if k != j), default=0)
            target = min(sizes[j] - 1, max(floor[j], next_widest, sizes[j] - excess))
            excess -= sizes[j] - target
            sizes[j] = target
    return sizes


def render_table(view: View, ctx: RenderContext) -> str:
    """The view's columns as an aligned table, or as cards when a table cannot fit.

    Columns empty in every row are left out unless the user picked them with --fields.
    """
    rows = [[shown(r.get(c)).replace("\n", " ") for c in view.columns] for r in view.records]
    keep = [i for i, _ in enumerate(view.columns) if view.picked or any(row[i] for row in rows)]
    columns = [view.columns[i] for i in keep]
    cells = [[row[i] for i in keep] for row in rows]
    heads = [escape_control(LABELS.get(c, c)) for c in columns]
    gaps = GAP * (len(columns) - 1)
    sizes = _widths(columns, heads, cells, ctx.width - gaps)
    if sizes is None:
        return render_cards(view, ctx)
    total = sum(sizes) + gaps
    lines: list[str] = []
    if view.title:
        # Centred over the table; a title wider than the table wraps (never cut).
        room = max(total, min(ctx.width, width(view.title)))
        lines.extend(
            _paint(" " * max(0, (total - width(piece)) // 2) + piece, BOLD, ctx)
            for piece in wrap(escape_control(view.title).replace("\n", " "), room)
        )
    header = (" " * GAP).join(_pad(h, size) for h, size in zip(heads, sizes, strict=True))
    lines.append(_paint(header.rstrip(), BOLD, ctx))
    lines.append(("-" if ctx.ascii else "─") * total)
    starts = [sum(sizes[:i]) + GAP * i for i in range(len(sizes))]
    for r, row in zip(view.records, cells, strict=True):
        wrapped = [wrap(text, size) for text, size in zip(row, sizes, strict=True)]
        counts = [len(w) for w in wrapped]
        tallest = counts.index(max(counts))
        others = max((c for i, c in enumerate(counts) if i != tallest), default=0)
        for n in range(others):
            parts = []
            for col, size, w in zip(columns, sizes, wrapped, strict=True):
                text = w[n] if n < len(w) else ""
                colour = TYPE_ANSI.get(str(r.get(col)), "") if col == "type" else ""
                parts.append(_paint(text, colour, ctx) + " " * (size - width(text)))
            lines.append((" " * GAP).join(parts).rstrip())
        # The rest of the one value longer than the others (a name of many lines) goes on
        # alone, each line at its column: linear in its length.
        indent = " " * starts[tallest]
        colour = TYPE_ANSI.get(str(r.get("type")), "") if columns[tallest] == "type" else ""
        lines.extend(
            (indent + _paint(piece, colour, ctx)).rstrip() for piece in wrapped[tallest][others:]
        )
    return "\n".join(lines) + "\n"


def render_cards(view: View, ctx: RenderContext) -> str:
    """One block of 'field value' lines per record, for terminals too narrow for a table.

    A value that may not be cut that does not fit beside its field name goes, whole, on a
    line of its own; so does a value with a word wider than the room beside the name
    (wrapped to the terminal's width, indented), and every value when the names leave no
    room beside them; other values wrap under themselves; empty fields are left out.
    """
    label_w = max((width(c) for c in view.columns), default=0) + 1
    room = max(1, ctx.width - label_w)
    title = escape_control(view.title).replace("\n", " ")
    lines = [_paint(piece, BOLD, ctx) for piece in wrap(title, max(1, ctx.width))] if title else []
    for r in view.records:
        for c in view.columns:
            value = shown(r.get(c)).replace("\n", " ")
            if not value and not view.picked:
                continue  # an empty field is noise in a card
            label = _paint(_pad(c, label_w), BOLD, ctx)
            if c in UNBREAKABLE and width(value) > room:
                # Never cut: whole words under the label, broken only at spaces.
                lines.append(_paint(c, BOLD, ctx))
                lines.extend(
                    ("  " if width(piece) + 2 <= ctx.width else "") + piece
                    for piece in wrap(value, max(1, ctx.width - 2), fold=False)
                )
                continue
            beside = None if label_w + room > ctx.width else _beside(value, room)
            if beside is None:
                # A word wider than the room beside the label would be cut: the value goes
                # under its label, with the whole width but an indent.
                lines.append(_paint(c, BOLD, ctx))
                lines += ["  " + piece for piece in wrap(value, max(1, ctx.width - 2))]
                continue
            first, *rest = beside or [""]
            lines.append((label + first).rstrip())
            lines += [" " * label_w + more for more in rest]
        lines.append("")
    return "\n".join(lines) + "\n"
