"""Questions across the files of a collection: memberships over time, an international's
members among a party's partners at a date, partners two parties share, and who lists whom.

Every row names the file (`dataset`) and the source it comes from; a membership's period
is as its file gives it (membership_periods in query/periods.py: an end, or the next period's
start, or the date its sources hold as of), never merged with another file's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import query
from ..data import dates
from ..errors import UsageError
from . import Collection

__all__ = [
    "MEMBERSHIP_FIELDS",
    "every_period",
    "SHARED_FIELDS",
    "TIE_FIELDS",
    "at_date",
    "member_of",
    "memberships",
    "shared",
    "ties",
]

Record = dict[str, Any]

#: A row of `memberships` and of `partners --member-of`: one status period of one file.
MEMBERSHIP_FIELDS = (
    "member",
    "named",
    "member_country",
    "organization",
    "status",
    "start_date",
    "end_date",
    "end_status",
    "as_of",
    "standing",
    "dataset",
    "sources",
    "member_key",
    "organization_key",
    "member_id",
    "organization_id",
    "source_ids",
    "inferred",
)
#: A row of `shared`: a partner both parties list, with each listing's source.
SHARED_FIELDS = (
    "partner",
    "type",
    "country",
    "first_dataset",
    "first_source",
    "first_at",
    "first_as_of",
    "second_dataset",
    "second_source",
    "second_at",
    "second_as_of",
    "key",
)
#: A row of `ties`: one tie of the organisation asked about, in its direction.
TIE_FIELDS = (
    "direction",
    "other",
    "named",
    "other_country",
    "reciprocal",
    "lister",
    "listed",
    "dataset",
    "source",
    "at",
    "as_of",
    "other_key",
)
#: The standings of a period at a date (`--as-of`).
CERTAIN = "certain"
START_UNCERTAIN = "possibly: its start is known only within bounds"
END_UNCERTAIN = "possibly: its end is known only within bounds"


def at_date(period: Record, when: str) -> str | None:
    """Whether a period (a row of query.membership_periods) holds on the latest day of
    `when` (EDTF): CERTAIN; possibly (a start or end known only within bounds that hold the
    day; a period no source says holds beyond an earlier date); None when it does not.

    A period with no start date is taken to have begun before any date (a table that
    gives only an end); one with no end holds as far as its sources say (its `as_of`).
    """
    day = dates.end(when)
    if day is None:
        return None
    start = period.get("start_date")
    first, last = (dates.start(start), dates.end(start)) if start else (None, None)
    if first is not None and day < first:
        return None
    ends = period.get("end_date")
    if ends:
        end_first, end_last = dates.start(ends), dates.end(ends)
        if end_last is not None and day >= end_last:
            return None
        uncertain_end = end_first is not None and day >= end_first
    else:
        uncertain_end = False
        held = period.get("as_of")
        if held and (dates.end(held) or day) < day:
            return f"possibly: no source says it holds after {held}"
    if last is not None and day < last:
        return START_UNCERTAIN
    return END_UNCERTAIN if uncertain_end else CERTAIN


def _period_rows(coll: Collection, index: int, ms: Record) -> list[Record]:
    ds = coll.datasets[index]
    member = ds.raw_orgs.get(ms["member_id"], {})
    member_key = coll.key(index, ms["member_id"]) if member else ms["member_id"]
    org_key = (
        coll.key(index, ms["organization_id"])
        if ms["organization_id"] in ds.raw_orgs
        else ms["organization_id"]
    )
    out = []
    for period in query.membership_periods(ds, ms):
        cited = [*period["sources"], *period.get("end_sources", ())]
        out.append(
            {
                "member": coll.name(member_key) if member else ms["member_id"],
                "named": ds.name_of(ms["member_id"]),
                "member_country": member.get("country"),
                "organization": ds.name_of(ms["organization_id"]),
                "status": period["status"],
                "start_date": period["start_date"],
                "end_date": period["end_date"],
                "end_status": period["end_status"],
                "as_of": period["as_of"],
                "standing": None,
                "dataset": coll.labels[index],
                "sources": [_cite(ds, c) for c in cited],
                "member_key": member_key,
                "organization_key": org_key,
                "member_id": ms["member_id"],
                "organization_id": ms["organization_id"],
                "source_ids": list(dict.fromkeys(c["source"] for c in cited)),
                "inferred": period["inferred"],
            }
        )
    return out


def _cite(ds: Any, cite: Mapping[str, Any]) -> str:
    """A citation in words: the source's title and the place in it."""
    source = ds.sources.get(cite["source"], {})
    title = source.get("title", cite["source"])
    when = source.get("as_of")
    where = f", {cite['at']}" if cite.get("at") else ""
    return f"{cite['source']} ({title}{', as of ' + when if when else ''}){where}"


def every_period(coll: Collection) -> list[Record]:
    rows: list[Record] = []
    for index, ds in enumerate(coll.datasets):
        for ms in ds.raw.get("memberships", ()):
            rows += _period_rows(coll, index, ms)
    return rows


def _ordered(rows: list[Record]) -> list[Record]:
    return sorted(
        rows,
        key=lambda r: (
            r["member"].casefold(),
            r["organization"].casefold(),
            dates.sort_key(r["start_date"] or r["end_date"]),
            r["dataset"],
        ),
    )


def memberships(coll: Collection, name: str) -> list[Record]:
    """The memberships of the organisation `name` finds (as member, or as the international
    its members belong to), every period from every file, by member, international, date."""
    key = coll.find(name)
    rows = [r for r in every_period(coll) if key in (r["member_key"], r["organization_key"])]
    return _ordered(rows)


def member_of(
    coll: Collection, international: str, when: str | None
) -> tuple[list[Record], list[str]]:
    """The main file's partners that were members of an international (found by the name
    given in each file that has it; see Collection.find_all), each period from every file;
    with `when`, only the periods that hold at that date, with how surely. Also the
    records the name found, as 'label: id', for the answer's note."""
    found = coll.find_all(international)
    partners = {coll.key(0, p["id"]): p["name"] for p in coll.main.raw_partners}
    rows = []
    for row in every_period(coll):
        if row["member_key"] not in partners or row["organization_key"] not in found:
            continue
        row["member"] = partners[row["member_key"]]
        if when is not None:
            standing = at_date(row, when)
            if standing is None:
                continue
            row["standing"] = standing
        rows.append(row)
    order = {coll.key(0, p["id"]): i for i, p in enumerate(coll.main.raw_partners)}
    rows.sort(
        key=lambda r: (
            order[r["member_key"]],
            dates.sort_key(r["start_date"] or r["end_date"]),
            r["dataset"],
        )
    )
    return rows, [c for cands in found.values() for c in cands]


def _listings(coll: Collection, key: str) -> list[Any]:
    return [t for t in coll.ties if t.source == key]


def shared(coll: Collection, first: str, second: str) -> tuple[list[Record], list[str]]:
    """The partners both parties list, in the first one's order, each with both listings'
    file, source and date; also notes for an empty answer (a party that lists nobody)."""
    a, b = coll.find(first), coll.find(second)
    if a == b:
        raise UsageError(
            f"'{first}' and '{second}' are one organisation ({coll.name(a)}): give two "
            "different parties."
        )
    about = {
        coll.key(i, ds.raw["party"]["id"]): coll.labels[i] for i, ds in enumerate(coll.datasets)
    }
    notes = [
        f"{coll.name(k)} lists no partners in {about[k]}, the file about it."
        if k in about
        else f"{coll.name(k)} lists no partners in the loaded files: no file is about it."
        for k in (a, b)
        if not _listings(coll, k)
    ]
    theirs: dict[str, Any] = {}
    for tie in _listings(coll, b):
        theirs.setdefault(tie.target, tie)
    rows = []
    seen: set[str] = set()
    for tie in _listings(coll, a):
        other = theirs.get(tie.target)
        if other is None or tie.target in seen or tie.target in (a, b):
            continue
        seen.add(tie.target)
        record = coll.record(tie.target)
        rows.append(
            {
                "partner": coll.name(tie.target),
                "type": record.get("type"),
                "country": record.get("country"),
                "first_dataset": coll.labels[tie.dataset],
                "first_source": tie.cited,
                "first_at": tie.at,
                "first_as_of": tie.as_of,
                "second_dataset": coll.labels[other.dataset],
                "second_source": other.cited,
                "second_at": other.at,
                "second_as_of": other.as_of,
                "key": tie.target,
            }
        )
    return rows, notes


def ties(coll: Collection, name: str) -> list[Record]:
    """Every tie of the organisation `name` finds: whom it lists, then who lists it, each
    with its file, source and date, and whether the other side lists it back (in any
    loaded file)."""
    key = coll.find(name)
    rows = []
    for tie in coll.ties:
        if key not in (tie.source, tie.target) or tie.source == tie.target:
            continue
        outgoing = tie.source == key
        other = tie.target if outgoing else tie.source
        record = coll.record(other)
        ds = coll.datasets[tie.dataset]
        named = ds.raw_orgs[tie.partner_id if outgoing else ds.raw["party"]["id"]]["name"]
        rows.append(
            {
                "direction": "lists" if outgoing else "listed by",
                "other": coll.name(other),
                "named": named,
                "other_country": record.get("country"),
                "reciprocal": (tie.target, tie.source) in coll.pairs,
                "lister": coll.name(tie.source),
                "listed": coll.name(tie.target),
                "dataset": coll.labels[tie.dataset],
                "source": tie.cited,
                "at": tie.at,
                "as_of": tie.as_of,
                "other_key": other,
            }
        )
    rows.sort(key=lambda r: r["direction"] != "lists")
    return rows
