"""The spectrum's terminal picture: the party and its partners as marks on one left-right
scale, as styled lines (lines.py) that need no rich unless a line does not fit."""

from __future__ import annotations

from ..data.numbers import LEFT_RIGHT_SCALE
from .cells import cells, clip, pad
from .lines import Lines
from .palette import TYPE_LOOKS
from .view import RenderContext, View, shown

#: The ends of the left-right scale of Wikipedia's classifications (Party Facts).
SCALE = LEFT_RIGHT_SCALE


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


def spectrum_picture(view: View, ctx: RenderContext) -> Lines | None:
    """Each scored organisation as a mark on one left-right scale; the party stands out.

    Marks are coloured by type; the unscored are listed apart, never placed at 0. None
    when the terminal cannot hold a short name, its score and a scale of 21 cells.
    """
    scored = [r for r in view.records if r["left_right"] is not None]
    unscored = [r for r in view.records if r["left_right"] is None]
    names = [shown(r["name"]) for r in scored]
    name_w = min(34, max((cells(n) for n in names), default=10), max(10, ctx.width - 30))
    track_w = ctx.width - name_w - 9
    if track_w < 21:
        return None
    low, high = SCALE

    def column(score: float) -> int:
        share = (min(max(score, low), high) - low) / (high - low)
        return round(share * (track_w - 1))

    lines = Lines().text(shown(view.title or "Left-right positions"), "bold")
    lines.text(" " * (name_w + 8) + _scale_labels(track_w))
    axis = [" "] * track_w
    for tick in (low, -1.25, 0.0, 1.25, high):
        axis[column(tick)] = "+" if ctx.ascii else "┼"
    base = "-" if ctx.ascii else "─"
    lines.text(" " * (name_w + 8) + "".join(c if c != " " else base for c in axis))
    for r, name in zip(scored, names, strict=True):
        at = column(float(r["left_right"]))
        cut = clip(name, name_w, "..." if ctx.ascii else "…")
        start = f"{pad(cut, name_w)} {float(r['left_right']):+5.2f}  {' ' * at}"
        if r.get("subject"):  # bold throughout, as rich draws a bold line's runs
            mark = "#" if ctx.ascii else "◆"
            lines.runs((start, "bold"), (mark, "bold"), (" the party", "bold"))
        else:
            look = TYPE_LOOKS.get(str(r["type"]))
            mark = "o" if look is None else look.mark_ascii if ctx.ascii else look.mark
            lines.runs((start, ""), (mark, "" if look is None else look.style))
    if all(r.get("subject") for r in view.records):  # the party alone: say so
        lines.text("").text(view.empty_note)
    if unscored:
        lines.text("").text("No left-right score (not placed):", "bold")
        from .table import wrap

        for r in unscored:  # wrapped under their first line, as the footnotes are
            first, *more = wrap(shown(f"{r['name']} ({r['type']})"), max(10, ctx.width - 4))
            lines.text(f"  {first}")
            for line in more:
                lines.text(f"    {line}")
    legend: list[tuple[str, str]] = []
    for kind, look in TYPE_LOOKS.items():
        legend += [
            (f"{look.mark_ascii if ctx.ascii else look.mark} ", look.style),
            (f"{kind}  ", ""),
        ]
    legend.append(("Source: Wikipedia classifications via Party Facts (wptags).", ""))
    return lines.text("").runs(*legend)
