"""`partyintl link`: candidates with evidence, a decisions file, and its replay.

- `link DRAFT`: for each organisation (the party, its partners, other bodies), Party Facts
  candidates ranked with their evidence, as rows of every output format;
- `-o DECISIONS.csv`: the candidates as rows of a decisions file for a person to complete
  (rows already decided in that file, and open rows a person wrote a note in, are kept as
  they are, so running it again loses nothing of theirs); `--accept-unique [--threshold
  X]` lets the tool accept a record's sole candidate scoring X or more, marked as
  machine-accepted;
- `--apply DECISIONS`: the data file with the accepted links written in (link/apply.py).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shlex
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..spreadsheet import Layout
from ..words import counted
from . import DEFAULT_THRESHOLD
from .decisions import (
    MACHINE_CODER,
    NO_CANDIDATE,
    Decision,
    Verdict,
    evidence_reason,
    tool_evidence,
)
from .match import REGION_ROWS, Candidate, Query, candidates, country_of
from .snapshot import Snapshot, load_snapshot

__all__ = [
    "DEFAULT_THRESHOLD",
    "LINK_FIELDS",
    "Linked",
    "apply_file",
    "link_records",
    "plan_decisions",
]

#: The evidence of a record that carries its Party Facts id already.
ALREADY = "already linked in the data file"
#: The fields of `link`'s rows, in order.
LINK_FIELDS = (
    "record",
    "name",
    "country_code",
    "rank",
    "partyfacts",
    "partyfacts_name",
    "short",
    "partyfacts_country",
    "years",
    "matched",
    "matched_name",
    "field",
    "table",
    "score",
    "evidence",
)


@dataclass(frozen=True)
class Linked:
    """One record and its candidates."""

    record: str
    name: str
    country_code: str | None
    candidates: tuple[Candidate, ...]
    #: The Party Facts id the record carries already (then no candidates are sought).
    linked: str | None = None
    #: That party's name in the snapshot.
    linked_name: str | None = None


def _years(ds: Any) -> tuple[int | None, int | None]:
    """The years the data file's sources cover: from the earliest date its sources (but
    identifier snapshots) give, to the year the file holds as of."""
    from ..data import dates

    raw = ds.raw
    starts = []
    for source in raw.get("sources", ()):
        if source.get("commit"):  # a dataset of identifiers, not a source of the relations
            continue
        for key in ("published", "as_of"):
            value = source.get(key)
            if value and dates.problem(value) is None:
                year = dates.first_year(value)
                if year is not None:
                    starts.append(year)
    as_of = raw.get("as_of")
    last = dates.last_year(as_of) if isinstance(as_of, str) else None
    return (min(starts) if starts else last), last


def load_data(path: str) -> Any:
    """The data file `link` reads (a Dataset); a DatasetError (exit 1) that says so, with
    the way to make one, when the file is not JSON at all (a page given instead of its
    draft), rather than a JSON parser's complaint."""
    from ..cli.spec import flag
    from ..data.load import SQLITE_HEADER, load_dataset
    from ..errors import DatasetError, Problem

    try:
        return load_dataset(path, origin="the DRAFT argument")
    except DatasetError as exc:
        if exc.problems[0].message.startswith("not UTF-8"):
            raise  # said as for every file read, never as a page to draft from
        try:
            with open(path, "rb") as handle:
                head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        except OSError:
            raise exc from None
        if head[:1] in (b"{", b"[", b"") or head.startswith(SQLITE_HEADER):
            raise
        raise DatasetError(
            path,
            [Problem("", "not a data file (JSON): link reads what partyintl draft writes")],
            f"Draft one first: partyintl draft {shlex.quote(path)} "
            f"{flag('output', 'draft', short=True)} draft.json, then link draft.json.",
        ) from None


def link_records(ds: Any, snapshot: Snapshot, relink: bool = False) -> list[Linked]:
    """Every organisation of a dataset (the party, then partners and other bodies, in file
    order: Party Facts lists a parliament's groups and other bodies too) with its
    candidates; a record that carries a Party Facts id already is reported as linked, with
    no candidates, unless `relink`."""
    from .merge import partyfacts_id

    raw = ds.raw
    first, last = _years(ds)
    out = []
    for record in [raw["party"], *raw.get("partners", ()), *raw.get("organizations", ())]:
        held = partyfacts_id(record)
        if held is not None and not relink:
            party = snapshot.parties.get(held)
            name = (party.name_english or party.name) if party is not None else None
            out.append(
                Linked(record["id"], record["name"], record.get("country_code"), (), held, name)
            )
            continue
        names = (
            record["name"],
            *(o["name"] for o in record.get("other_names", ()) if not _from_partyfacts(o)),
        )
        query = Query(
            record["id"], names, record.get("country_code"), first, last, record.get("region")
        )
        out.append(
            Linked(
                record["id"],
                record["name"],
                record.get("country_code"),
                tuple(candidates(query, snapshot)),
            )
        )
    return out


def _from_partyfacts(name: dict[str, Any]) -> bool:
    from ..data.partyfacts import SOURCE_ID

    return any(c.get("source") == SOURCE_ID for c in name.get("sources", ()))


def _country_name(candidate: Candidate) -> str:
    from ..data.countries import short_name

    code = country_of(candidate.party)
    return short_name(code) if code else candidate.party.country


def _row(base: dict[str, Any], c: Candidate) -> dict[str, Any]:
    return {
        **base,
        "rank": c.rank,
        "partyfacts": c.party.id,
        "partyfacts_name": c.party.name_english or c.party.name,
        "short": c.party.name_short or None,
        "partyfacts_country": c.party.country,
        "years": c.party.years(),
        "matched": c.matched,
        "matched_name": c.name,
        "field": c.field,
        "table": c.table,
        "score": c.score,
        "evidence": c.evidence(_country_name(c)),
    }


def rows(linked: list[Linked]) -> list[dict[str, Any]]:
    """`link`'s answer: one row per record and candidate (a record without any has one row
    with empty candidate fields)."""
    out: list[dict[str, Any]] = []
    for item in linked:
        base = {"record": item.record, "name": item.name, "country_code": item.country_code}
        if item.linked is not None:
            out.append(
                {
                    **dict.fromkeys(LINK_FIELDS),
                    **base,
                    "partyfacts": item.linked,
                    "partyfacts_name": item.linked_name,
                    "evidence": ALREADY,
                }
            )
            continue
        if not item.candidates:
            out.append({**base, **dict.fromkeys(LINK_FIELDS[3:])})
        out.extend(_row(base, c) for c in item.candidates)
    return out


def link_view(records: list[dict[str, Any]]) -> Any:
    """`link`'s answer as a view: its rows, and how people see them."""
    from ..render.view import View

    return View(
        records,
        ["record", "rank", "partyfacts", "partyfacts_name", "short", "years", "score"],
        title="Party Facts candidates",
        fields=LINK_FIELDS,
        empty_note="No organisation to link.",
        human_columns=(
            "name",
            "rank",
            "partyfacts",
            "partyfacts_name",
            "short",
            "partyfacts_country",
            "years",
            "matched_name",
            "score",
        ),
    )


def plan_decisions(
    linked: list[Linked],
    kept: list[Decision],
    accept_unique: bool,
    threshold: float,
    today: str | None = None,
) -> list[Decision]:
    """The decisions file's rows: a person's rows of an earlier file as they are (decided,
    or open with their own note: Decision.persons), then for each record not decided
    there, its other candidates (undecided, the evidence as reason), or a row saying none
    was found; with accept_unique, a sole candidate scoring `threshold` or more accepted
    by the tool, unless a person left a note open on a row of the record."""
    today = today or _dt.date.today().isoformat()
    # The evidence the tool writes now for each candidate: an open row whose reason is the
    # tool's text with anything else in it (a note added, a word changed) is a person's.
    now = {
        (item.record, c.party.id): c.evidence(_country_name(c))
        for item in linked
        for c in item.candidates
    }

    def persons(d: Decision) -> bool:
        if d.persons:
            return True
        written = tool_evidence(d.reason)
        return written is not None and written != now.get((d.record, d.candidate), written)

    decided = {d.record for d in kept if d.verdict in (Verdict.ACCEPT, Verdict.NONE)}
    theirs = [d for d in kept if persons(d)]  # decided, or a person's note: as written
    seen = {(d.record, d.candidate) for d in theirs}
    earlier: dict[str, list[Decision]] = {}
    for d in theirs:
        earlier.setdefault(d.record, []).append(d)
    out: list[Decision] = []
    for item in linked:
        mine = earlier.pop(item.record, [])
        offered = {c.party.id for c in item.candidates}
        at_candidate: dict[str, list[Decision]] = {}
        for d in mine:
            if d.candidate in offered:
                at_candidate.setdefault(d.candidate, []).append(d)
        if item.linked is not None:  # kept by --apply while no row decides the record
            out.extend(mine)
            continue
        # A person's rows stay where the file had them among the candidates; those of no
        # candidate offered now (none-in-Party-Facts, a candidate no longer found) first.
        out.extend(d for d in mine if d.candidate not in at_candidate)
        above = [c for c in item.candidates if c.score >= threshold]
        sole = above[0] if accept_unique and len(above) == 1 else None
        if item.record in decided or any(d.verdict is None for d in mine):
            sole = None  # decided, or a person is still thinking about it
        if not item.candidates and not mine:
            out.append(Decision(item.record, "", None, NO_CANDIDATE, "", ""))
        for c in item.candidates:
            if c.party.id in at_candidate:
                out.extend(at_candidate.pop(c.party.id))
                continue
            if (item.record, c.party.id) in seen:
                continue
            evidence = evidence_reason(c.rank, len(item.candidates), c.evidence(_country_name(c)))
            if c is sole:
                reason = (
                    f"machine-accepted: the only candidate scoring {threshold:g} or more; "
                    f"{evidence}"
                )
                out.append(
                    Decision(item.record, c.party.id, Verdict.ACCEPT, reason, MACHINE_CODER, today)
                )
            else:
                out.append(Decision(item.record, c.party.id, None, evidence, "", ""))
    for rows in earlier.values():  # decisions on records that are not parties now
        out.extend(rows)
    return out


def rows_of_records_gone(rows: list[Decision], ds: Any) -> str:
    """What to say of a person's rows (Decision.persons) kept for records the data file
    (`ds`, a Dataset) no longer has (a record renamed in a new draft gets a new id): kept,
    and how to carry them over; empty when there are none."""
    gone = [d for d in rows if d.persons and d.record not in ds.raw_orgs]
    if not gone:
        return ""
    named = ", ".join(f"{d.record} (candidate {d.candidate or 'none'})" for d in gone)
    return (
        f"kept {counted(len(gone), 'row')} of yours for records {ds.path or 'the data file'} "
        f"no longer has: {named}. {_flag('apply')} refuses a decided one: give it the record's "
        "new id, or delete it."
    )


def read_kept(path: str) -> tuple[list[Decision], Layout | None]:
    """The rows of an existing decisions file at `path` and how it is laid out (a
    spreadsheet's separator, byte-order mark and line ends, kept when it is written
    again); none and None if there is no file."""
    from ..cli.spec import reads
    from ..data.load import read_input
    from ..draft.run import MAX_PAGE, decode_text
    from ..spreadsheet import layout_of
    from .decisions import COLUMNS, read_decisions

    if not os.path.exists(path):
        return [], None
    what = reads("link", "apply")
    data = read_input(path, what, MAX_PAGE)
    text = decode_text(data, path, what)
    return read_decisions(text, path), layout_of(data, text, COLUMNS)


def check_threshold(value: float) -> float:
    """A usage error for a threshold off the 0-100 scale."""
    if not 0 <= value <= 100:
        raise UsageError(f"{_flag('threshold')} {value:g}: a score is 0 to 100.")
    return value


def apply_file(
    data_path: str, decisions_path: str, partyfacts: str | None
) -> tuple[bytes, str, list[str]]:
    """The data file at `data_path` with the decisions applied, as validated JSON bytes,
    a summary for people, and warnings: each accepted link to a Party Facts party of
    another country than the record's (country_mismatches)."""
    import json

    from ..cli.spec import reads
    from ..data.load import load_bytes
    from ..draft.run import read_text
    from ..errors import DatasetError, Problem
    from .apply import apply_decisions
    from .decisions import read_decisions

    decisions = read_decisions(read_text(decisions_path, reads("link", "apply")), decisions_path)
    if not any(d.verdict is not None for d in decisions):
        raise DatasetError(
            decisions_path,
            [
                Problem(
                    "",
                    "no row is decided (accept, reject or none-in-Party-Facts): there is "
                    "nothing to apply",
                    1,
                    1,
                )
            ],  # fmt: skip
            "Decide some rows first; nothing was written.",
        )
    ds = load_data(data_path)
    snapshot = load_snapshot(partyfacts)
    data = apply_decisions(ds.raw, decisions, snapshot, decisions_path)
    body = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    try:
        load_bytes(body, "the linked data", None, full=True)
    except DatasetError as exc:
        raise _at_lines(exc, data, decisions, decisions_path) from None
    accepted = [d for d in decisions if d.verdict is Verdict.ACCEPT]
    machine = sum(1 for d in accepted if d.machine)
    none = sum(1 for d in decisions if d.verdict is Verdict.NONE)
    decided = {d.record for d in decisions if d.verdict in (Verdict.ACCEPT, Verdict.NONE)}
    waiting = len({d.record for d in decisions} - decided)

    def count(raw: dict[str, Any]) -> int:
        return len(raw.get("partners", ())) + len(raw.get("organizations", ()))

    warnings = country_mismatches(ds.raw, accepted, snapshot, decisions_path)
    merged = count(ds.raw) - count(data)
    same = f", {merged} merged into the record of the same Party Facts party" if merged else ""
    summary = (
        f"{counted(len(accepted), 'record')} linked ({machine} machine-accepted){same}, "
        f"{none} none in Party Facts, {waiting} awaiting a decision; "
        f"Party Facts {snapshot.commit[:12]}."
    )
    return body, summary, warnings


def country_mismatches(
    raw: dict[str, Any], accepted: list[Decision], snapshot: Snapshot, name: str
) -> list[str]:
    """A warning for each accepted link of a record with a country to a Party Facts party
    of another country (a hand-typed id from the wrong row is written in silently
    otherwise): the record, the party, both countries and the decision's line; a party of
    the European level (Party Facts' EUN) for a record of a country too."""
    from ..data import countries

    records = {
        r["id"]: r for r in (raw["party"], *raw.get("partners", ()), *raw.get("organizations", ()))
    }
    out = []
    for d in accepted:
        record, party = records.get(d.record), snapshot.parties.get(d.candidate)
        ours = record.get("country_code") if record is not None else None
        if party is None or ours is None or not party.country:
            continue
        theirs = countries.lookup(party.country)
        if party.country in REGION_ROWS.values():  # Party Facts' European level (EUN)
            where = f"the European level (Party Facts' {party.country}), no country"
        elif theirs is None or theirs.code is None:
            continue  # a former country (YUG, SUN) or none: not compared
        elif theirs.code != ours:
            where = f"{theirs.name} ({theirs.code})"
        else:
            continue
        out.append(
            f"{name}, line {d.line}: {d.record} ({ours}) is linked to Party Facts "
            f"{d.candidate}, {party.name_english or party.name}, a party of {where}: "
            "check this decision."
        )
    return out


def _at_lines(exc: Any, data: dict[str, Any], decisions: list[Decision], name: str) -> Any:
    """A problem of the linked data as a problem of the decisions file: each at the line of
    the decision that wrote into the record it is in (the JSON path of a file not written
    means nothing to the user); a problem of no decided record keeps its path."""
    from ..errors import DatasetError, Problem

    lines: dict[str, int] = {}
    for d in decisions:
        if d.verdict is not None:
            lines.setdefault(d.record, d.line)
    problems = []
    for problem in exc.problems:
        found = re.match(r"^(party|partners\[(\d+)\]|organizations\[(\d+)\])(.*)$", problem.path)
        record: Any = None
        if found:
            key = found.group(1).split("[")[0]
            at = found.group(2) or found.group(3)
            chosen = data.get(key)
            record = chosen if at is None else (chosen or [])[int(at)]
        ident = record.get("id") if isinstance(record, dict) else None
        if ident in lines:
            where = found.group(4).lstrip(".") if found else ""
            message = f"applying it to {ident}{': ' + where if where else ''}: {problem.message}"
            problems.append(Problem("", message, lines[ident], 1))
        else:
            problems.append(Problem(problem.path, f"once applied: {problem.message}"))
    return DatasetError(name, problems, hint="Correct the decisions file and run it again.")


def _flag(dest: str, short: bool = False) -> str:
    from ..cli.spec import flag

    return flag(dest, "link", short=short)


def source_line(snapshot: Snapshot) -> str:
    """The source line of `link`'s figures: Party Facts, its commit, how to cite it."""
    return (
        f"Source: Party Facts (Döring and Regel 2019), commit {snapshot.commit[:12]}; "
        "candidates, not decisions"
    )


def decisions_summary(rows: list[Decision], already: int = 0) -> str:
    """How many records a decisions file decides, and what is left to decide; `already`
    records of the data file are linked already and not offered."""
    records = list(dict.fromkeys(d.record for d in rows))
    accepted = {d.record for d in rows if d.verdict is Verdict.ACCEPT}
    machine = {d.record for d in rows if d.verdict is Verdict.ACCEPT and d.machine}
    none = {d.record for d in rows if d.verdict is Verdict.NONE}
    open_ = len(records) - len(accepted | none)
    kept = (
        f"{counted(already, 'record')} linked already in the data file "
        f"(not offered; {_flag('apply')} keeps their links; {_flag('relink')} offers them again); "
        if already
        else ""
    )
    return kept + (
        f"{counted(len(records), 'record')}: {len(accepted)} accepted "
        f"({len(machine)} by the tool), {len(none)} none in Party Facts, {open_} to decide: "
        "mark a row accept, reject or "
        "none-in-Party-Facts with your reason, name and the date, then run "
        f"partyintl link DRAFT {_flag('apply')} DECISIONS {_flag('output', True)} LINKED.json"
    )
