"""The timeline's terminal picture: status bands on a year axis, the dated and undated
entries, and the sources they cite, as styled lines (lines.py) that need no rich unless
a line does not fit."""

from __future__ import annotations

from .human import STATUS_STYLE
from .lines import Lines
from .view import RenderContext, View, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

    from ..query.records import BandRecord

BAND = {"observer": "░", "consultative": "▒", "full": "█"}
BAND_ASCII = {"observer": ".", "consultative": "=", "full": "#"}


def band_tail(band: Mapping[str, Any], mark: str = "") -> str:
    """A status band's dates in words: its start, and its end with what followed, or the
    date it is known to hold as of: never open-ended without that date."""
    from .marks import inferred_fields

    marked = inferred_fields(band)
    tail = f"{band['start_date'] or 'undated'}{mark if 'start_date' in marked else ''}"
    if band.get("end_date") or band.get("end_status"):
        tail += f"–{band.get('end_date') or 'undated'}"
        tail += mark if "end_date" in marked else ""
        if band.get("end_status"):
            tail += f", {band['end_status']}"
    elif band.get("as_of"):
        tail += f", holds as of {band['as_of']}"
    else:
        tail += ", end not stated"
    return tail


def _band_end(band: Mapping[str, Any]) -> str | None:
    """The date a band is drawn to: its end, or the date it holds as of."""
    return band.get("end_date") or band.get("as_of")


def bands_picture(bands: Sequence[Mapping[str, Any]], last_year: int, ctx: RenderContext) -> Lines:
    """Status periods as bands on a year axis, so the path to full membership shows at once;
    each ended membership's end is written out under the axis with its reason and source.

    Sized so that nothing wraps: the bands, their date labels and the year axis fit the
    width; a terminal too narrow for even two cells a year gets the bands as lines of text.
    """
    from ..data import dates
    from .view import citation_text

    dated = [b for b in bands if b["start_date"]]
    if not dated:
        return Lines().text("")
    first = min(dates.first_year(dates.unmarked(b["start_date"])) or 0 for b in dated)
    ends = [dates.last_year(dates.unmarked(e)) or 0 for b in dated if (e := _band_end(b))]
    last = max([last_year, first, *ends]) + 1
    span = max(1, last - first)
    label_w = max(len(b["status"]) for b in bands) + 1
    from .marks import ASCII_MARK, MARK

    mark = ASCII_MARK if ctx.ascii else MARK
    tails = [" " + band_tail(b, mark) for b in bands]
    tail_w = max(len(t) for t in tails)
    room = ctx.width - label_w - 1
    per_year = min(10, (room - tail_w) // span, room // (span + 1))
    titles = dict.fromkeys(b["organization"] for b in bands)
    lines = Lines().text(shown(f"{' / '.join(titles)}: the party's status"), "bold")
    closing = Lines()
    for b in bands:
        if b.get("end_status"):
            closing.text(
                shown(
                    f"{b['end_status']} {b['end_date'] or '(undated)'}: {b['end_reason']} "
                    f"Source: {'; '.join(citation_text(c) for c in b['end_sources'])}."
                )
            )
    if per_year < 2:
        for b, t in zip(bands, tails, strict=True):
            lines.text(shown(f"{b['status'].ljust(label_w)}{t.strip()}"))
        return lines.extend(closing)
    chars = BAND_ASCII if ctx.ascii else BAND
    for b, tail in zip(bands, tails, strict=True):
        line = [(b["status"].ljust(label_w), "")]
        if b["start_date"]:
            start = int((dates.year_position(dates.unmarked(b["start_date"])) - first) * per_year)
            stop = _band_end(b)
            end = int((_end_position(stop) - first) * per_year) if stop else start + 1
            line.append((" " * start, ""))
            line.append(
                (
                    chars.get(b["status"], "#" if ctx.ascii else "▓") * max(1, end - start),
                    STATUS_STYLE.get(b["status"], ""),
                )
            )
        line.append((tail, ""))
        lines.runs(*line)
    tick = "|" if ctx.ascii else "┬"
    lines.text(" " * label_w + "".join(tick.ljust(per_year) for _ in range(span + 1)).rstrip())
    lines.text(_axis(first, last, per_year, label_w))
    return lines.extend(closing)


def _end_position(date: str) -> float:
    """Where a band ends on the year axis: the last day its end date can mean."""
    from ..data import dates

    date = dates.unmarked(date)
    high = dates.end(date) or dates.start(date) or "0000-01-01"
    return dates.year_position(high)


def _axis(first: int, last: int, per_year: int, indent: int) -> str:
    """Year labels under their ticks, each written only where it has room."""
    cells = [" "] * ((last - first + 1) * per_year + 4)
    free = 0
    for n, year in enumerate(range(first, last + 1)):
        at = n * per_year
        if at >= free:
            cells[at : at + 4] = str(year)
            free = at + 5
    return " " * indent + "".join(cells).rstrip()


def timeline_picture(
    bands: Sequence[BandRecord], labels: dict[str, str] | None = None
) -> Callable[[View, RenderContext], Lines]:
    """The timeline: bands on a year axis, then dated entries, then the undated ones apart,
    each entry with its sources by number, and the numbered sources under the tables
    (`labels`: what to say of each source, by id)."""

    def build(view: View, ctx: RenderContext) -> Lines:
        from ..data import dates

        undated = [r for r in view.records if r["date"] is None]
        last_year = max(
            (
                dates.last_year(
                    dates.unmarked(str(r.get("end_date") or r.get("as_of") or r["date"]))
                )
                or 0
                for r in view.records
                if r["date"] is not None
            ),
            default=0,
        )
        # Sources by number, in the order the entries cite them first.
        numbers: dict[str, int] = {}
        for r in view.records:
            for cite in r.get("sources") or ():
                if isinstance(cite, dict):
                    numbers.setdefault(str(cite["source"]), len(numbers) + 1)
        # A period shows its whole range (2007–2012), or the date it holds as of.
        dated = [_ranged(r, numbers) for r in view.records if r["date"] is not None]
        undated = [_ranged(r, numbers) for r in undated]
        from .table import render_table

        parts = Lines()
        if bands:
            parts.extend(bands_picture(bands, last_year, ctx)).text("")
        cols = ["date", "kind", "title", "place", "sources"]
        if dated:  # the tables as table.py draws them (human.records_table's text)
            parts.ansi(render_table(View(dated, cols, title="Dated"), ctx).rstrip("\n"))
        if undated:
            table = render_table(View(undated, ["kind", "title", "sources"], title="Undated"), ctx)
            parts.ansi(table.rstrip("\n"))
        if numbers:
            from .table import wrap

            parts.text("").text("Sources:")
            for ident, n in numbers.items():
                label = f"{n} {ident}: {(labels or {}).get(ident, '')}".rstrip(": ")
                first, *more = wrap(label, max(20, ctx.width - 4))
                parts.text(shown("  " + first))
                for m in more:
                    parts.text(shown("    " + m))
        return parts

    return build


def _ranged(record: Mapping[str, Any], numbers: dict[str, int]) -> dict[str, Any]:
    """A timeline entry for the table: its date shows its span (to its end, or the date it
    holds as of), and its sources are their numbers (the places are in JSON and `show`)."""
    out = dict(record)
    if record.get("end_date"):
        out["date"] = f"{record['date']}–{record['end_date']}"
    if record.get("as_of"):  # no end, or one that runs on (an event's 2015/..)
        out["date"] = f"{out['date']}, as of {record['as_of']}"
    cited = [c for c in record.get("sources") or () if isinstance(c, dict)]
    out["sources"] = ", ".join(
        str(n) for n in dict.fromkeys(numbers[str(c["source"])] for c in cited)
    )
    return out
