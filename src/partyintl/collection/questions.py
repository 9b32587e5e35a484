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
from ..errors import NamesACountry, UsageError
from . import Collection

__all__ = [
    "MEMBERSHIP_FIELDS",
    "MEMBER_OF_FIELDS",
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
    "decision",
    "dataset",
    "sources",
    "member_key",
    "organization_key",
    "member_id",
    "organization_id",
    "source_ids",
    "inferred",
)
#: A row of `partners --member-of`: a membership row, with its partner's left-right score.
MEMBER_OF_FIELDS = (*MEMBERSHIP_FIELDS, "left_right")
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
START_DOUBTED = "possibly: its start is uncertain or approximate"
END_DOUBTED = "possibly: its end is uncertain or approximate"
START_UNKNOWN = "possibly: no source says when it began"
END_UNKNOWN = "possibly: it ended on a date no source gives"
#: The fields of a citation that, when it names any, say it states the status given.
_STATES_STATUS = frozenset({"status", "decided_at"})


def part_of(when: str) -> str:
    """The standing of a status that holds on some days of `when` and not on others."""
    return f"possibly: it holds for only part of {when}"


def not_said_after(held: str, held_from: str) -> str:
    """The standing of a status no source says holds after `held` (its sources' as-of
    date), whose earliest day is `held_from`."""
    if dates.is_plain(held) and held == held_from:
        return f"possibly: no source says it holds after {held}"
    return f"possibly: no source says it holds after {held_from} (its sources hold as of {held})"


def at_date(period: Record, when: str) -> str | None:
    """Whether a period (a row of query.membership_periods) holds at some time within
    `when` (EDTF: a day, or every day a year, month or interval means; an open end runs
    on without limit): CERTAIN when it surely holds on every one of those days; possibly,
    with why (it holds on only part of them; a start or end known only within bounds,
    or uncertain or approximate, reaches into them; no source says when it began, or that
    it holds beyond an earlier date); None when it holds on none of them.

    A period holds from its start to the day before its end. A start or end marked
    uncertain or approximate (`2016?`, `2015~`) may be any day of the edtf package's fuzzy
    bounds (dates.fuzzy_bounds: `2016?` is 2015 to 2017). One that a source says ended on
    a date it does not give (an `end_status`, no end date) may have ended any day after
    its start: possibly held, never certain. One with no start date may have
    begun before any date (a table that gives only an end), but surely held only from
    the date its sources hold as of (its `as_of`); one with no end holds as far as its
    sources say (its `as_of`). An `as_of` known only within bounds (2012/2017, a year)
    may be any of its days: surely held up to its earliest, and with no start date from
    its latest. DateProblem for no EDTF date.
    """
    low, high = dates.bounds(when)
    start = period.get("start_date")
    first, last = dates.fuzzy_bounds(start) if start else (None, None)
    ends = period.get("end_date")
    end_first, end_last = dates.fuzzy_bounds(ends) if ends else (None, None)
    # The first day of `when` on which the period can hold ("" = before any date).
    day = max(low or "", first or "")
    if (high is not None and day > high) or (end_last is not None and day >= end_last):
        return None
    if day != (low or "") or (end_last is not None and (high is None or high >= end_last)):
        return part_of(when)  # some days of `when` lie surely before its start or after its end
    if not ends and period.get("end_status"):  # a source says it ended, but not when
        return END_UNKNOWN
    held = period.get("as_of")
    if not ends and held:
        # The sources may speak for any day their as-of date means (2012/2017, 2020):
        # they surely say the status holds up to its earliest day, and from its latest.
        held_from = dates.start(held)
        if held_from is not None and (high is None or held_from < high):
            return not_said_after(held, held_from)
    if not start:
        since = dates.end(held) if held and not ends else None
        if since is None or (low or "") < since:
            return START_UNKNOWN
    if start and (last is None or (low or "") < last):
        return START_DOUBTED if dates.doubted(start) else START_UNCERTAIN
    if ends and (end_first is None or high is None or high >= end_first):
        return END_DOUBTED if dates.doubted(ends) else END_UNCERTAIN
    return CERTAIN


def decision(
    ds: Any, decided_at: str | None, cited: list[Any], why: str | None = None
) -> str | None:
    """What decided a status, in the data's words: the deciding event's name and date
    (`decided_at`), then the notes of the citations that state the status (a roster's
    'a new member with full status'); with neither, `why` (an end's reason) or else the
    places the citations name. None when the data says nothing of it."""
    stating = [c for c in cited if not c.get("fields") or _STATES_STATUS & set(c["fields"])]
    parts = [c["note"] for c in stating if c.get("note")]
    event = ds.raw_events.get(decided_at) if decided_at else None
    if event is not None:
        parts.insert(0, event["name"] + (f", {event['date']}" if event.get("date") else ""))
    elif decided_at:
        parts.insert(0, decided_at)
    if not parts:
        parts = [why] if why else [c["at"] for c in stating]
    return "; ".join(dict.fromkeys(parts)) or None


#: How an end row names the fields of the end it is made of (an end's inferences).
_END_AS_STATUS = {"end_date": "start_date", "end_status": "status"}


def _period_rows(coll: Collection, index: int, ms: Record, ends: bool = False) -> list[Record]:
    """A membership's status periods as rows; with `ends`, after each period a source
    says ended (an explicit end with a date), a row for the end itself: its status (what
    the membership became, or why it ended), from its date to the next period's start,
    on its own sources and decision."""
    ds = coll.datasets[index]
    member = ds.raw_orgs.get(ms["member_id"], {})
    member_key = coll.key(index, ms["member_id"]) if member else ms["member_id"]
    org_key = (
        coll.key(index, ms["organization_id"])
        if ms["organization_id"] in ds.raw_orgs
        else ms["organization_id"]
    )
    common = {
        "member": coll.name(member_key) if member else ms["member_id"],
        "named": ds.name_of(ms["member_id"]),
        "member_country": member.get("country"),
        "organization": ds.name_of(ms["organization_id"]),
        "standing": None,
        "dataset": coll.labels[index],
        "member_key": member_key,
        "organization_key": org_key,
        "member_id": ms["member_id"],
        "organization_id": ms["organization_id"],
    }

    def row(status: Any, start: Any, end: Any, end_status: Any, as_of: Any, **rest: Any) -> Record:
        cited, own = rest.pop("cited"), rest.pop("own")
        return {
            **common,
            "status": status,
            "start_date": start,
            "end_date": end,
            "end_status": end_status,
            "as_of": as_of,
            "decision": decision(ds, rest.pop("decided_at"), own, rest.pop("why", None)),
            "sources": list(dict.fromkeys(_cite(ds, c) for c in cited)),  # each place once
            "source_ids": list(dict.fromkeys(c["source"] for c in cited)),
            **rest,
        }

    out = []
    periods = query.membership_periods(ds, ms)
    for i, period in enumerate(periods):
        out.append(
            row(
                period["status"],
                period["start_date"],
                period["end_date"],
                period["end_status"],
                period["as_of"],
                decided_at=period["decided_at"],
                own=period["sources"],
                cited=[*period["sources"], *period.get("end_sources", ())],
                inferred=period["inferred"],
            )
        )
        if ends and ms["periods"][i].get("end") and period["end_date"]:
            following = periods[i + 1] if i + 1 < len(periods) else None
            out.append(
                row(
                    period["end_status"] or period["end_reason"],
                    period["end_date"],
                    following["start_date"] if following else None,
                    None,
                    None,
                    decided_at=period["end_decided_at"],
                    own=period["end_sources"],
                    why=period["end_reason"],
                    cited=period["end_sources"],
                    inferred=[
                        {**m, "field": _END_AS_STATUS[m["field"]]}
                        for m in period["inferred"]
                        if m["field"] in _END_AS_STATUS
                    ],
                )
            )
    return [{f: r.get(f) for f in MEMBERSHIP_FIELDS} for r in out]


def _cite(ds: Any, cite: Mapping[str, Any]) -> str:
    """A citation in words: the source's title and the place in it."""
    source = ds.sources.get(cite["source"], {})
    title = source.get("title", cite["source"])
    when = source.get("as_of")
    where = f", {cite['at']}" if cite.get("at") else ""
    return f"{cite['source']} ({title}{', as of ' + when if when else ''}){where}"


def every_period(coll: Collection, ends: bool = False) -> list[Record]:
    """Every status period of every loaded file, as rows (MEMBERSHIP_FIELDS); with
    `ends`, each explicit end as a row of its own too (see _period_rows)."""
    rows: list[Record] = []
    for index, ds in enumerate(coll.datasets):
        for ms in ds.raw.get("memberships", ()):
            rows += _period_rows(coll, index, ms, ends)
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


def memberships(coll: Collection, name: str) -> tuple[list[Record], str, list[str]]:
    """The memberships of the organisation `name` finds (as member, or as the international
    its members belong to), every period from every file, by member, international, date;
    its name; and, for an international without ids that the name finds in several files
    (records that share no id are not one organisation), found in each as --member-of finds
    it (Collection.find_all), its records as 'label: id' for a note (else none).
    UsageError as Collection.find says."""
    try:
        keys, found = {coll.find(name)}, []
    except UsageError as exc:
        if exc.label != "Candidates" or isinstance(exc, NamesACountry):
            raise
        groups = _internationals(coll, name)
        if groups is None:
            raise
        keys, found = set(groups), [c for cands in groups.values() for c in cands]
    rows = [r for r in every_period(coll) if keys & {r["member_key"], r["organization_key"]}]
    return _ordered(rows), coll.name(min(keys)), found


def _internationals(coll: Collection, name: str) -> dict[str, list[str]] | None:
    """The internationals a name finds in several files (Collection.find_all), when every
    record it finds is one; else None."""
    try:
        groups = coll.find_all(name)
    except UsageError:
        return None
    every = [raw["id"] for key in groups for _, raw in coll.records[key]]
    return groups if every and all(coll._is_group(i) for i in every) else None


def member_of(
    coll: Collection, international: str, when: str | None
) -> tuple[list[Record], list[str]]:
    """The main file's partners that were members of an international (found by the name
    given in each file that has it; see Collection.find_all), each period from every file;
    with `when` (EDTF), only the statuses held at some time within it, with how surely
    (at_date): a period, or the end of one (a membership that ended on or before `when`
    answers with how it ended, when, and on which source). Also the records the name
    found, as 'label: id', for the answer's note."""
    found = coll.find_all(international)
    partners = {coll.key(0, p["id"]): p["name"] for p in coll.main.raw_partners}
    rows = []
    for row in every_period(coll, ends=when is not None):
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
    """The partners both parties list, in the first one's order, a row for every pair of
    their listings of it (a party listed in two files lists it twice), each with both
    listings' file, source and date; also notes for an empty answer (a party that lists
    nobody)."""
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
    theirs: dict[str, list[Any]] = {}
    for tie in _listings(coll, b):
        theirs.setdefault(tie.target, []).append(tie)
    mine: dict[str, list[Any]] = {}  # by partner, in the first one's order
    for tie in _listings(coll, a):
        if tie.target in theirs and tie.target not in (a, b):
            mine.setdefault(tie.target, []).append(tie)
    rows: list[Record] = []
    for target, listed in mine.items():
        record = coll.record(target)
        # Every pair of listings: a party in two files (as of 2019 and 2023) lists the
        # partner twice, and each listing is said (only the first one's was).
        rows.extend(
            {
                "partner": coll.name(target),
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
                "key": target,
            }
            for tie in listed
            for other in theirs[target]
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
