"""A CSV table of names as printed, drafted as a data file (`partyintl draft TABLE.csv`).

Two kinds of table, told apart by their columns:

- a **list of names** (`name_as_printed` or `party_as_printed`, optionally
  `country_as_printed` and `source`): each row is a listed partner of the party
  (`--party`), in the order of the rows;
- a **table of membership decisions** (the same, with `decision` and optionally `meeting`
  and `meeting_dates`): the party named by `--party` is the international that decided;
  each row is one decision about one member, as printed. Decisions are `new_<status>` (a
  new member with that status), `to_<status>` (a member's status raised or changed to it)
  and `ended`, `expelled`, `left` (membership ended).

Every row becomes its own record, named exactly as printed (a leading "The" dropped; a
trailing ", ABBR" in capitals is read as the short name): the draft never decides that
two rows name one party. That is `link`'s work: rows accepted as the same Party Facts
party become one record when the decisions are applied (link/apply.py), their periods one
membership in date order.

Each row cites its source (the `source` column, else the table itself) with its row
number and the row as printed. `--sources FILE` describes the sources (a JSON list in the
data file's form: title, url, publisher, dates, notes); without it, each is declared with
what the table says, to be completed. A decision without a date takes the date its source
is published (an interval when known only within bounds), marked inferred with the reason.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Any

from ..data import countries
from ..data.numbers import SCHEMA_VERSION
from ..errors import DatasetError, Problem, UsageError
from ..link.merge import END_ONLY
from .build import slug

__all__ = [
    "END_ONLY",
    "TABLE_SOURCE",
    "Row",
    "is_table",
    "read_table",
    "table_data",
]

#: The columns a table may have; the first of each pair of names is the one written here.
NAME_COLUMNS = ("name_as_printed", "party_as_printed", "name")
COUNTRY_COLUMNS = ("country_as_printed", "country")
OTHER_COLUMNS = ("source", "decision", "meeting", "meeting_dates")
KNOWN_COLUMNS = (*NAME_COLUMNS, *COUNTRY_COLUMNS, *OTHER_COLUMNS)
#: Decisions that end a membership (the status of the end).
END_DECISIONS = ("ended", "expelled", "left")
#: The id of the table among the sources when no `source` column names one.
TABLE_SOURCE = "table"
_STATUS = re.compile(r"^[a-z]+([_-][a-z]+)*$")
_ABBREVIATION = re.compile(r"^(.*\S),\s*([A-Z][A-Za-z]*[A-Z][A-Za-z]*)$")


@dataclass
class Row:
    """One row of a table, as printed, with its line number."""

    line: int
    name: str
    country: str | None
    source: str | None
    decision: str | None
    meeting: str | None
    meeting_dates: str | None
    printed: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    #: The column of the source cell (1 is the first), 0 when the table has none.
    source_column: int = 0


def is_table(path: str, text: str) -> bool:
    """Whether a file is a CSV table of names: its name ends in .csv, or its first line is a
    header with a name column."""
    if path.lower().endswith(".csv"):
        return True
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    cells = [c.strip().casefold() for c in first.split(",")]
    return len(cells) > 1 and any(c in NAME_COLUMNS for c in cells)


def _cell(values: dict[str, str], names: tuple[str, ...]) -> str | None:
    """The first of the named columns' cells that shows something, as printed but for
    what no one sees in it and its line breaks (escaping.cell_text: a zero-width space or
    a bidi mark pasted from a page left out, as a page's own are; a line break a space)."""
    from ..escaping import cell_text

    for name in names:
        value = values.get(name)
        if value is not None and (shown := cell_text(value)):
            return shown
    return None


def read_table(text: str, name: str) -> list[Row]:
    """The rows of a table; a DatasetError (exit 1) naming every problem with its line."""
    from ..data import dates
    from ..data.rules import future_problem
    from ..spreadsheet import (
        header_line,
        header_names,
        rows_with_lines,
        sep_line_hint,
        table_reader,
        trimmed_header,
        trimmed_row,
    )

    reader = table_reader(text, KNOWN_COLUMNS)
    try:
        written = trimmed_header(next(reader, []))
        header = header_names(written)
    except csv.Error as exc:
        raise DatasetError(name, [Problem("", f"not a CSV table: {exc}", 1, 1)]) from None
    at = header_line(reader)
    hint = (
        f"A table of names has a header row with a name column ({', '.join(NAME_COLUMNS)}) "
        f"and may have {', '.join((*COUNTRY_COLUMNS, *OTHER_COLUMNS))}.{sep_line_hint(text)}"
    )
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        what = (
            f"column{'s' if len(twice) > 1 else ''} {', '.join(repr(t) for t in twice)} given twice"
        )
        raise DatasetError(name, [Problem("", what, at, 1)], "Keep one column of each name.")
    unknown = [i for i, h in enumerate(header) if h not in KNOWN_COLUMNS]
    if not any(h in NAME_COLUMNS for h in header):
        what = f"no name column ({', '.join(NAME_COLUMNS)}) in the header"
        raise DatasetError(name, [Problem("", what, at, 1)], hint)
    if unknown:
        from ..escaping import escape_control
        from ..words import ordinal

        # Each where it begins on the header's line: the cells before it and their
        # separators (a quoted cell's quotes aside).
        width = len(reader.dialect.delimiter)
        starts = [sum(len(c) + width for c in written[:i]) + 1 for i in range(len(written))]
        raise DatasetError(
            name,
            [
                Problem(
                    "",
                    f"the header's {ordinal(i + 1)} name, "
                    f"{escape_control(written[i].strip())!r}, is no column of a table of names",
                    at,
                    starts[i],
                )
                for i in unknown
            ],
            f"Delete the column or rename it. {hint}",
        )
    problems: list[Problem] = []
    rows: list[Row] = []
    try:
        for line, values in rows_with_lines(reader):
            if not any(v.strip() for v in values):
                continue
            values = trimmed_row(values, len(header))
            if len(values) != len(header):
                problems.append(
                    Problem("", f"{len(values)} cells where the header has {len(header)}", line, 1)
                )
                continue
            cells = dict(zip(header, values, strict=True))
            row_name = _cell(cells, NAME_COLUMNS)
            if row_name is None:
                problems.append(Problem("", "no name in this row", line, 1))
                continue
            decision = _cell(cells, ("decision",))
            if decision is not None and not _decision_ok(decision):
                problems.append(
                    Problem(
                        "",
                        f"decision '{decision}' is none of new_STATUS, to_STATUS, "
                        f"{', '.join(END_DECISIONS)}",
                        line,
                        header.index("decision") + 1,
                    )
                )
                continue
            when = _cell(cells, ("meeting_dates",))
            if when is not None and (
                why := dates.problem(when)
                or future_problem(when, "a decision is recorded once its meeting has begun")
            ):
                problems.append(
                    Problem(
                        "",
                        f"meeting_dates '{when}': {why}",
                        line,
                        header.index("meeting_dates") + 1,
                    )
                )
                continue
            source = _cell(cells, ("source",))
            if source is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", source):
                problems.append(
                    Problem(
                        "",
                        f"source '{source}' is not an id (lower-case words joined by -)",
                        line,
                        header.index("source") + 1,
                    )
                )
                continue
            country = _cell(cells, COUNTRY_COLUMNS)
            rows.append(
                Row(
                    line=line,
                    name=row_name,
                    country=country,
                    source=source,
                    decision=decision,
                    meeting=_cell(cells, ("meeting",)),
                    meeting_dates=when,
                    printed=f"{country}: {row_name}" if country else row_name,
                    source_column=header.index("source") + 1 if "source" in header else 0,
                )
            )
    except csv.Error as exc:
        problems.append(Problem("", f"not a CSV table: {exc}", reader.line_num, 1))
    if problems:
        raise DatasetError(name, problems, "Correct the table and draft it again.")
    if not rows:
        raise DatasetError(name, [Problem("", "the table has no rows", 1, 1)], hint)
    return rows


def _decision_ok(decision: str) -> bool:
    if decision in END_DECISIONS:
        return True
    kind, _, status = decision.partition("_")
    return kind in ("new", "to") and bool(_STATUS.fullmatch(status))


def _name_parts(printed: str) -> tuple[str, str | None]:
    """The name and the short name a row prints ("Socialist Party of Albania, SPA")."""
    text = printed[4:] if printed.startswith("The ") and len(printed) > 4 else printed
    found = _ABBREVIATION.match(text)
    if found:
        return found.group(1), found.group(2)
    return text, None


def cite_given(rows: list[Row], given: list[dict[str, Any]], table: str, described: str) -> None:
    """Check the sources a --sources file (`described`) gives against what the rows of
    `table` cite, and let rows that name no source cite the one source when it gives one.
    A DatasetError (exit 1, nothing written) for a row citing an
    id the file does not describe (it would become a placeholder titled by its id), and for
    rows naming no source when the file describes several. Sources no row cites are left
    out of the draft (the caller says which)."""
    ids = [s["id"] for s in given]  # each its own: draft.run._read_sources checked them
    if len(ids) == 1:
        for row in rows:
            row.source = row.source or ids[0]
    known = ", ".join(ids)
    if len(ids) > 1 and not any(row.source_column for row in rows) and TABLE_SOURCE not in ids:
        what = f"the table has no source column, and {described} describes {len(ids)} ({known})"
        problems = [Problem("", what, 1, 1)]
    else:
        problems = [
            Problem(
                "",
                f"source '{row.source}' is not one of those {described} describes ({known})"
                if row.source
                else f"this row names no source, and {described} describes {len(ids)} ({known})",
                row.line,
                row.source_column or 1,
            )
            for row in rows
            if (row.source or TABLE_SOURCE) not in ids
        ]
    if problems:
        raise DatasetError(
            table,
            problems,
            f"Name one of the sources {described} describes in each row's source column, "
            "or describe the source there.",
        )


#: What draft's options may say of a table's own source (no source column, no --sources):
#: the option's destination, which is the source's field of the same name.
DESCRIBED = ("url", "published", "retrieved", "language")
#: Those of DESCRIBED that say nothing else (--published and --retrieved date the table).
ONLY_DESCRIBE = ("url", "language")
#: What a declared source lacks, in words, when no option gave it.
_UNDESCRIBED = {"url": "address", "published": "dates"}


def _sources(
    rows: list[Row],
    given: list[dict[str, Any]] | None,
    party: str,
    described: dict[str, str] | None = None,
    table_date: str | None = None,
) -> list[Any]:
    """The sources in the order the rows first cite them: as given, else declared with
    what the table says of them; the table's own (TABLE_SOURCE, for rows of no source
    column) with what `described` says of it (DESCRIBED: draft's --url, --published,
    --retrieved, --language). A declared source that no row or option dates holds as of
    `table_date` (the table's date, --published or --retrieved), and its note says so:
    every source says as of when it holds."""
    from ..data.rules import SOURCE_DATES

    wanted = list(dict.fromkeys(r.source or TABLE_SOURCE for r in rows))
    by_id = {s["id"]: s for s in given or ()}
    out = []
    for ident in wanted:
        if ident in by_id:
            out.append(by_id[ident])
            continue
        dated = [r.meeting_dates for r in rows if (r.source or TABLE_SOURCE) == ident]
        from ..data import dates

        ends = [d for d in dated if d]
        as_of = max(ends, key=lambda d: dates.end(d) or "") if ends else None
        source: dict[str, Any] = {
            "id": ident,
            "title": ident,
            "publisher": party,
            "language": "en",
        }
        if as_of:
            source["as_of"] = as_of.split("/")[-1] or as_of
        told = {k: v for k, v in (described or {}).items() if v} if ident == TABLE_SOURCE else {}
        source.update(told)
        dated_by_table = table_date is not None and not any(k in source for k in SOURCE_DATES)
        if dated_by_table:
            source["as_of"] = table_date
        origin = "for the table itself" if ident == TABLE_SOURCE else "from its source column"
        missing = ["title", *(w for k, w in _UNDESCRIBED.items() if k not in told)]
        listed = ", ".join(missing[:-1]) + " and " if len(missing) > 1 else ""
        source["note"] = (
            f"Declared by partyintl draft {origin}: its {listed}{missing[-1]} "
            f"{'are' if len(missing) > 1 else 'is'} to be completed (give {_flag('sources')} "
            "FILE)."
            + (" Its as_of is the table's date, until its own is known." if dated_by_table else "")
        )
        out.append(source)
    return out


def _meeting_events(rows: list[Row], party_id: str) -> dict[tuple[str, str | None], str]:
    """An id for each meeting the rows name (with its dates)."""
    out: dict[tuple[str, str | None], str] = {}
    used: set[str] = set()
    for row in rows:
        if row.meeting is None or row.meeting_dates is None or _meeting_kind(row.meeting) is None:
            continue
        key = (row.meeting, row.meeting_dates)
        if key in out:
            continue
        base = slug(row.meeting.split("(")[0])[:48].strip("-") or "meeting"
        ident, n = base, 2
        while ident in used or ident == party_id:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        out[key] = ident
    return out


def _meeting_kind(meeting: str) -> str | None:
    """The event type of a meeting a row names: a congress or a council; None for anything
    else (a press release), which stays in the citation's note, as does a meeting the row
    gives no date for (a page filed under a congress need not be its decisions)."""
    folded = meeting.casefold()
    if "congress" in folded:
        return "congress"
    if "council" in folded:
        return "council_meeting"
    return None


def _status_of(decision: str) -> tuple[str, str]:
    """(status, what the decision says) of a decision that grants a status."""
    kind, _, status = decision.partition("_")
    if kind == "new":
        return status, f"a new member with {status.replace('_', ' ')} status"
    return status, (
        f"a member's status changed to {status.replace('_', ' ')}; its standing before is not "
        "in this row"
    )


def table_data(
    rows: list[Row],
    *,
    party: str,
    sources: list[dict[str, Any]] | None,
    as_of: str | None,
    described: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The data file of a table (a JSON-ready dict), to be validated by the caller.

    `party` is the party whose list this is, or the international whose decisions; `as_of`
    the date the file holds as of (default: the latest date its sources or rows give);
    `described`, what draft's options say of the table's own source (DESCRIBED).
    Raises ValueError when no date is known at all."""
    from ..data import dates

    decisions = any(r.decision for r in rows)
    bracketed = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", party)
    party, party_short = (bracketed.group(1), bracketed.group(2)) if bracketed else (party, None)
    party_id = slug(party)
    declared = _sources(rows, sources, party, described, as_of)
    by_id = {s["id"]: s for s in declared}
    events = _meeting_events(rows, party_id)
    used_ids = {party_id, *events.values()}
    records: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    for position, row in enumerate(rows, 1):
        name, short = _name_parts(row.name)
        base = slug(name)
        ident, n = base, 2
        while ident in used_ids:
            ident, n = f"{base}-{n}", n + 1
        used_ids.add(ident)
        source_id = row.source or TABLE_SOURCE
        at = f"line {row.line}: {row.printed}"
        record: dict[str, Any] = {"id": ident, "name": name, "type": "party"}
        notes: list[str] = []
        shared = countries.several(row.country or "")
        if shared:  # Congo, Korea: which of them is for a person to say
            notes.append(
                f"The table prints the country as '{row.country}', the name of several "
                f"countries ({', '.join(shared)}); no country is given: check which it is."
            )
        elif row.country is not None:
            # In English or any other language (Frankreich, Германия), as --country reads it.
            found = countries.lookup_translated(row.country)
            if found is not None and found.code is not None:
                record["country"] = countries.short_name(found.code)
                record["country_code"] = found.code
            elif found is not None:
                record["country"] = found.name
                notes.append(f"{found.name} has no ISO 3166-1 code of its own; no code is given.")
            else:
                notes.append(
                    f"The table prints the country as '{row.country}', which partyintl does not "
                    "know; no country is given."
                )
        if not decisions:
            record["listing"] = {
                "list": _table_list(source_id),
                "position": position,
                "printed": row.printed,
            }
        if short:
            record["other_names"] = [{"name": short, "note": "as printed after the name"}]
        if notes:
            record["notes"] = notes
        record["inferred"] = [
            {
                "field": "type",
                "reason": "proposed by partyintl draft, to be checked: a table of "
                + ("membership decisions names parties" if decisions else "names"),
            }
        ]
        record["sources"] = [{"source": source_id, "at": at}]
        records.append(record)
        if not decisions or row.decision is None:
            continue
        cite: dict[str, Any] = {"source": source_id, "at": at}
        period: dict[str, Any]
        when = row.meeting_dates
        inferred: list[dict[str, str]] = []
        published = by_id[source_id].get("published")
        if when is None and published:
            when = published
            inferred.append(
                {
                    "field": "start_date",
                    "reason": f"the row gives no date: dated to when its source was "
                    f"published ({published}), the bounds the source itself is known within",
                }
            )
        meeting = events.get((row.meeting, row.meeting_dates)) if row.meeting else None
        if row.meeting and meeting is None:
            cite["note"] = f"as printed: {row.meeting}"
        if row.decision in END_DECISIONS:
            end: dict[str, Any] = {
                "date": when,
                "status": row.decision,
                "reason": f"The {party} records the membership as {row.decision}.",
            }
            if meeting:
                end["decided_at"] = meeting
            end["sources"] = [cite]
            if inferred:
                end["inferred"] = [{**i, "field": "date"} for i in inferred]
            period = {
                "status": END_ONLY,
                "start_date": None,
                "end": end,
                "sources": [
                    {
                        **cite,
                        "note": "the row states only the end; the standing before it is not "
                        "in this row",
                    }
                ],
                "inferred": [
                    {
                        "field": "status",
                        "reason": f"the row states only the end: '{END_ONLY}' stands for the "
                        "standing before it, which no row of the table gives",
                    }
                ],
            }
        else:
            status, says = _status_of(row.decision)
            period = {"status": status, "start_date": when}
            if meeting:
                period["decided_at"] = meeting
            period["sources"] = [
                {**cite, "note": f"{cite['note']}; {says}" if "note" in cite else says}
            ]
            if inferred:
                period["inferred"] = inferred
        memberships.append(
            {
                "id": f"{ident}-in-{party_id}"[:120],
                "member_id": ident,
                "organization_id": party_id,
                "periods": [period],
            }
        )
    if as_of is None:
        # A source's latest date: its as_of, else when it was retrieved, else published.
        found_dates = [
            s.get("as_of") or s.get("retrieved") or s.get("published")
            for s in declared
            if s.get("as_of") or s.get("retrieved") or s.get("published")
        ]
        found_dates += [r.meeting_dates for r in rows if r.meeting_dates]
        if not found_dates:
            raise ValueError("no date")
        as_of = max(found_dates, key=lambda d: dates.end(d) or "")
        as_of = as_of.split("/")[-1] or as_of
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of,
        "sources": declared,
    }
    if not decisions:  # each source the rows cite lists its rows (the table's own list)
        cited = {r.source or TABLE_SOURCE for r in rows}
        for source in declared:
            if source["id"] in cited:
                source.setdefault("lists", []).append(
                    {"id": _table_list(source["id"]), "heading": None}
                )
    party_record: dict[str, Any] = {
        "id": party_id,
        "name": party,
        "type": "international" if decisions else "party",
    }
    given = f"given to partyintl draft with {_flag('party')}: the table does not print it"
    inferred = [{"field": "name", "reason": given}]
    from .names import is_abbreviation

    # "Partido Socialista (Portugal)": a bracket that is a country's name (not an
    # abbreviation, which may look like a code: PS) gives the party's country.
    country = (
        countries.lookup_translated(party_short)
        if party_short and not is_abbreviation(party_short)
        else None
    )
    if country is not None and country.code is not None:
        party_record |= {"country": country.name, "country_code": country.code}
        inferred += [
            {"field": "country", "reason": given},
            {"field": "country_code", "reason": given},
        ]
    elif party_short:
        party_record["other_names"] = [
            {
                "name": party_short,
                "usage": "short",
                "note": f"given in brackets with {_flag('party')}",
            }
        ]
    party_record |= {
        "inferred": inferred,
        "sources": [{"source": s["id"], "at": "the table as a whole"} for s in declared],
    }
    data["party"] = party_record
    data["partners"] = [] if decisions else records
    if decisions:
        data["organizations"] = records
        data["memberships"] = memberships
        data["events"] = [
            _event(meeting, when, ident, party_id, rows)
            for (meeting, when), ident in events.items()
        ]
    return data


def _table_list(source: str) -> str:
    """The id of the list of the table's rows that cite `source`: `table` for the table
    itself, `table-SOURCE` for a source its source column names (list ids are the file's
    own, one list to a source)."""
    return "table" if source == TABLE_SOURCE else f"table-{source}"[:120]


def _event(
    meeting: str,
    when: str | None,
    ident: str,
    party_id: str,
    rows: list[Row],
) -> dict[str, Any]:
    cited = list(
        dict.fromkeys(
            r.source or TABLE_SOURCE
            for r in rows
            if r.meeting == meeting and r.meeting_dates == when
        )
    )
    kind = _meeting_kind(meeting)
    event: dict[str, Any] = {
        "id": ident,
        "name": meeting,
        "type": kind,
        "date": when,
        "organization_id": party_id,
        "description": "The meeting or decision the table names for these decisions"
        + ("." if when else "; the table gives it no date."),
        "sources": [{"source": s, "at": "meeting column"} for s in cited],
    }
    return event


def _flag(dest: str) -> str:
    from ..cli.spec import flag

    return flag(dest, "draft")


def check_party(party: str | None) -> str:
    """The name --party gives; a usage error when a table is drafted without it."""
    from ..cli.spec import flag

    if not party or not party.strip():
        raise UsageError(
            f"a table of names does not say whose it is: give {flag('party', 'draft')} NAME "
            "(the party whose list it is, or the international whose decisions)."
        )
    return party.strip()
