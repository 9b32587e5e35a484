"""Membership periods: each status with its end, the date one with no end holds as of,
and whether a span of dates overlaps years asked for."""

from __future__ import annotations

from ..data import dates, shapes
from ..data.shapes import inferred_about
from ..structs import cast

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import BandRecord, PeriodRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def holds_as_of(ds: Dataset, record: Raw) -> str | None:
    """The latest date at which a period with no end is known to hold: its own `as_of`, or
    the as-of date of the newest source that states it. Never later than what a source says."""
    found = [record["as_of"]] if record.get("as_of") else []
    for cite in record.get("sources", ()):
        source = ds.sources.get(cite["source"])
        if source is not None and source.get("as_of"):
            found.append(source["as_of"])
    return max(found, key=lambda d: dates.end(d) or "") if found else None


def end_fields(ds: Dataset, end: Raw | None, following: Raw | None) -> Record:
    """A period's end as flat fields: its date, what it became, why, and who says so.

    An explicit end is the file's; a period followed by another ends where that one
    begins, because of it, on its sources."""
    if end is not None:
        return {
            "end_date": end.get("date"),
            "end_status": end.get("status"),
            "end_reason": end["reason"],
            "end_decided_at": end.get("decided_at"),
            "end_note": end.get("note"),
            "end_sources": shapes.citations(end),
        }
    if following is not None:
        return {
            "end_date": following.get("start_date"),
            "end_status": None,
            "end_reason": f"{following['status']} status from then",
            "end_decided_at": following.get("decided_at"),
            "end_note": None,
            "end_sources": shapes.citations(following),
        }
    return {
        "end_date": None,
        "end_status": None,
        "end_reason": None,
        "end_decided_at": None,
        "end_note": None,
        "end_sources": [],
    }


def membership_periods(ds: Dataset, ms: Raw) -> list[PeriodRecord]:
    """A membership's status periods, each with its end (explicit, or the next one's
    start) and, for one with no end, the date it is known to hold as of."""
    periods = ms["periods"]
    out: list[PeriodRecord] = []
    for i, p in enumerate(periods):
        following = periods[i + 1] if i + 1 < len(periods) else None
        ends = end_fields(ds, p.get("end"), following)
        record: Record = {
            "status": p["status"],
            "start_date": p.get("start_date"),
            **ends,
            "as_of": None if ends["end_date"] or p.get("end") else holds_as_of(ds, p),
            "decided_at": p.get("decided_at"),
            "sources": shapes.citations(p),
        }
        end = p.get("end") or {}
        # An end keeps the marks of where it comes from: the explicit end's own, or the
        # next status's start when that is this one's end.
        ended = (
            inferred_about(following, {"end_date": None}, {"start_date": "end_date"})
            if following is not None and not end
            else [{**i, "field": f"end_{i['field']}"} for i in shapes.inferred(end)]
        )
        record["inferred"] = [*shapes.inferred(p), *ended]
        out.append(cast("PeriodRecord", record))
    return out


def overlaps(
    start: str,
    last: str | None,
    since: int | None,
    until: int | None,
    not_before: str | None = None,
) -> bool:
    """Whether a span of EDTF dates overlaps the years `since`..`until` (each inclusive,
    either open).

    The span runs from the earliest year `start` can mean (but no earlier than
    `not_before`'s: an end is not before its period's start) to the latest `last` can
    mean: the period's end, or the date it is known to hold as of; without one, `start`'s
    own years. Nothing runs on past what a source says.
    """
    first = dates.first_year(start)
    floor = dates.first_year(not_before) if not_before else None
    if floor is not None:
        first = floor if first is None else max(first, floor)
    end = dates.last_year(last) if last is not None else dates.last_year(start)
    if first is not None and end is not None:
        end = max(end, first)
    return (since is None or end is None or end >= since) and (
        until is None or first is None or first <= until
    )


def status_bands(
    ds: Dataset, scope: str | None = None, since: int | None = None, until: int | None = None
) -> list[BandRecord]:
    """The party's status periods in each international, each with its end: an explicit
    one (with what the membership became, why, and on which sources), or where the next
    begins; a period with no end carries the date it is known to hold as of.

    With a scope (an organisation id), only the memberships it concerns: the party's own
    (scope is the party) or those in that organisation; none for any other scope. With
    `since`/`until`, only the periods that overlap those years (`overlaps`; a period with
    no start date is not drawn then).
    """
    party = ds.raw["party"]["id"]
    bands: list[BandRecord] = []
    for ms in ds.raw.get("memberships", ()):
        if ms["member_id"] != party or scope not in (None, party, ms["organization_id"]):
            continue
        name = ds.name_of(ms["organization_id"])
        bands += [
            cast(
                "BandRecord",
                {"organization_id": ms["organization_id"], "organization": name, **period},
            )
            for period in membership_periods(ds, ms)
            if (since is None and until is None)
            or (
                period["start_date"] is not None
                and overlaps(
                    period["start_date"], period["end_date"] or period["as_of"], since, until
                )
            )
        ]
    return bands


def membership_summary(ds: Dataset, ms: Raw) -> str:
    """A membership in one line: each status from its start, and its end or the date it is
    known to hold as of ('observer 2008-06-30, full 2012-08-30; ended 2022-03-07')."""
    periods = membership_periods(ds, ms)
    text = ", ".join(f"{p['status']} {p['start_date'] or '(undated)'}" for p in periods)
    last = periods[-1]
    if last["end_date"] or last["end_status"]:
        text += f"; {last['end_status'] or 'ended'} {last['end_date'] or '(undated)'}"
    elif last["as_of"]:
        text += f" (holds as of {last['as_of']})"
    return text
