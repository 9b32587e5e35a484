"""Decisions on links to Party Facts: one CSV file, written by `partyintl link`, completed
by a person, replayed by `partyintl link --apply`.

One row per record and candidate, with the columns

    record, candidate, decision, reason, coder, date

- `record`: the id of an organisation of the data file (the party, a partner, another body);
- `candidate`: a Party Facts id (empty for none-in-Party-Facts, or while no candidate
  was found);
- `decision`: `accept` (this is the record's party), `reject` (it is not),
  `none-in-Party-Facts` (Party Facts does not list the record's party), or empty: not
  decided yet (the row only shows a candidate);
- `reason`: the evidence, in words (country, names, years; what it is not);
- `coder`: who decided (a person, or `partyintl link --accept-unique` for a link the
  tool accepted by itself);
- `date`: when, as YYYY-MM-DD.

A decided row needs a coder and a date; accept and none-in-Party-Facts need a reason. A
record has at most one accepted candidate, and not both an accept and a
none-in-Party-Facts; a record and candidate are decided at most once.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from enum import Enum

from ..cli.spec import flag as _spec_flag
from ..errors import DatasetError, Problem
from ..spreadsheet import Layout

__all__ = [
    "COLUMNS",
    "MACHINE_CODER",
    "Decision",
    "Verdict",
    "decisions_csv",
    "read_decisions",
]

COLUMNS = ("record", "candidate", "decision", "reason", "coder", "date")
#: The coder of a link the tool accepted by itself: the command and option that did it.
MACHINE_CODER = f"partyintl link {_spec_flag('accept_unique', 'link')}"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A Party Facts id: a number (whether the snapshot has it is checked when applied).
_PARTYFACTS_ID = re.compile(r"^[1-9][0-9]*$")


class Verdict(str, Enum):
    """What was decided about a candidate."""

    ACCEPT = "accept"
    REJECT = "reject"
    NONE = "none-in-Party-Facts"


#: What the tool writes as an undecided row's reason: no candidate, or a candidate's rank
#: and evidence. A row whose reason is anything else was written by a person.
NO_CANDIDATE = "no candidate found in Party Facts"
_EVIDENCE = re.compile(r"^rank [0-9]+ of [0-9]+: ")
#: How the tool's evidence ends (link.match.Candidate.evidence).
_SCORED = re.compile(r"; score [0-9]+$")


def evidence_reason(rank: int, of: int, evidence: str) -> str:
    """An undecided row's reason as the tool writes it: `rank 1 of 3: EVIDENCE`."""
    return f"rank {rank} of {of}: {evidence}"


def tool_evidence(reason: str) -> str | None:
    """The evidence of a reason the tool wrote (evidence_reason), without its rank (which a
    new draft may change); None for a reason that is no such text."""
    found = _EVIDENCE.match(reason)
    if found is None or not _SCORED.search(reason):  # a note after the score: a person's
        return None
    return reason[found.end() :]


@dataclass(frozen=True)
class Decision:
    """One row of a decisions file; `verdict` None while undecided; `line` its line."""

    record: str
    candidate: str
    verdict: Verdict | None
    reason: str
    coder: str
    date: str
    line: int = 0
    #: The row's cells as its file wrote them (`Accept`, a reason with spaces at its
    #: ends, a column of the person's own), written back as they are so that writing the
    #: file again keeps every byte of a person's row; empty for a row the tool makes.
    written: tuple[str, ...] = field(default=(), compare=False)
    #: Whether a column of the person's own (beside COLUMNS: `notes`) holds anything.
    noted: bool = field(default=False, compare=False)

    @property
    def persons(self) -> bool:
        """Whether a person wrote in the row: decided it, or gave a coder, a date, a
        reason of their own ("TODO: ask Tom") or a note in a column of their own to a row
        still undecided. Such a row is
        kept as it is when the file is written again, and never machine-accepted."""
        if self.verdict is not None or self.coder or self.date or self.noted:
            return True
        return self.reason != NO_CANDIDATE and tool_evidence(self.reason) is None

    @property
    def machine(self) -> bool:
        """Whether the tool accepted it by itself (--accept-unique)."""
        return self.coder == MACHINE_CODER

    def cells(self) -> list[str]:
        """The row's values as read, without the spaces at their ends; the decision as
        partyintl spells it."""
        verdict = self.verdict.value if self.verdict is not None else ""
        return [self.record, self.candidate, verdict, self.reason, self.coder, self.date]


def _flag(dest: str) -> str:
    return _spec_flag(dest, "link", short=True)


def _verdict(text: str) -> Verdict | None:
    folded = text.strip().casefold()
    if not folded:
        return None
    for verdict in Verdict:
        if verdict.value.casefold() == folded:
            return verdict
    raise ValueError(text)


def read_decisions(text: str, name: str, today: str | None = None) -> list[Decision]:
    """The rows of a decisions file (its text, and its name for messages), checked as the
    module's docstring says (dates real days, none after `today`, YYYY-MM-DD, default the
    system's date); a DatasetError (exit 1) listing every problem with its line."""
    problems: list[Problem] = []
    # Python 3.10's csv module refuses a NUL outright (3.11 reads it): a NUL is read as a
    # stand-in character the text does not hold and put back in each value, so it is named
    # at its line and column like every other control character, on every Python.
    stand_in = _stand_in(text) if "\0" in text else None
    if stand_in is not None:
        text = text.replace("\0", stand_in)
    from ..spreadsheet import (
        header_line,
        known_positions,
        rows_with_lines,
        sep_line_hint,
        table_reader,
        trimmed_header,
        trimmed_row,
    )

    reader = table_reader(text, COLUMNS)
    try:
        header = next(reader, None)
        header = trimmed_header(header) if header is not None else None
    except csv.Error as exc:
        raise DatasetError(name, [Problem("", f"not a CSV file: {exc}", 1, 1)]) from None
    positions = known_positions(header, COLUMNS) if header is not None else None
    if header is None or positions is None:
        from ..escaping import escape_control

        shown = [escape_control(h.strip().replace(stand_in or "\0", "\0")) for h in header or ()]
        found = ", ".join(shown) if header else "nothing"
        what = (
            f"the header must name {', '.join(COLUMNS)}, each once (in any order, beside "
            f"columns of your own); found {found}"
        )
        raise DatasetError(
            name,
            [Problem("", what, header_line(reader), 1)],
            hint="A decisions file is what `partyintl link DRAFT` writes with "
            f"{_flag('output')} FILE.{sep_line_hint(text)}",
        )
    rows: list[Decision] = []
    try:
        for line, read in rows_with_lines(reader):
            values = [v.replace(stand_in, "\0") for v in read] if stand_in else read
            if not any(v.strip() for v in values):
                continue
            values = trimmed_row(values, len(header))
            if len(values) != len(header):
                problems.append(
                    Problem("", f"{len(values)} columns where {len(header)} belong", line, 1)
                )
                continue
            record, candidate, decision, reason, coder, date = (
                values[at].strip() for at in positions
            )
            try:
                verdict = _verdict(decision)
            except ValueError:
                problems.append(
                    Problem(
                        "",
                        f"decision '{decision}' is none of "
                        f"{', '.join(v.value for v in Verdict)} (or empty: not decided)",
                        line,
                        positions[2] + 1,
                    )
                )
                continue
            noted = any(v.strip() for at, v in enumerate(values) if at not in positions)
            rows.append(
                Decision(
                    record, candidate, verdict, reason, coder, date, line, tuple(values), noted
                )
            )
    except csv.Error as exc:
        problems.append(Problem("", f"not a CSV file: {exc}", reader.line_num, 1))
    # Today as every date check takes it (the latest clock on Earth): a decision a coder
    # east of here dated by their own calendar is not in the future.
    from ..data.dates import today as latest_today

    problems.extend(_check(rows, today or latest_today(), positions))
    if problems:
        raise DatasetError(name, problems, hint="Correct the decisions file and run it again.")
    return rows


def _stand_in(text: str) -> str | None:
    """A noncharacter (U+FDD0-U+FDEF) that the text does not hold, if any."""
    return next((chr(c) for c in range(0xFDD0, 0xFDF0) if chr(c) not in text), None)


def _date_problem(date: str, today: str) -> str | None:
    """Why a decision's date is not a day up to today, or None."""
    if not _DATE.match(date):
        return f"date '{date}' is not YYYY-MM-DD: give the day of the decision"
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        return f"date '{date}' is no day of the calendar: give the day of the decision"
    if date > today:
        return f"date '{date}' is after today ({today}): give the day of the decision"
    return None


def _check(rows: list[Decision], today: str, positions: tuple[int, ...]) -> list[Problem]:
    """Every row's own problems, then the conflicts between rows, each at its line and the
    file's column of what it is about (`positions`: where each of COLUMNS stands)."""
    # The characters a data file refuses (controls, a tab or line break too: a field is
    # one line), refused in decided rows (what an apply writes) where the row is named.
    from ..data.load import _CONTROL, _character_kind
    from ..data.rules import name_problem

    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    accepted: dict[str, Decision] = {}
    none: dict[str, Decision] = {}
    for row in rows:
        where = row.line

        def add(message: str, column: int, line: int = where) -> None:
            problems.append(Problem("", message, line, positions[column - 1] + 1))

        if not row.record:
            add("no record id", 1)
        if row.candidate and not _PARTYFACTS_ID.match(row.candidate):
            add(f"candidate '{row.candidate}' is not a Party Facts id (a number)", 2)
        if row.verdict is None:
            continue
        for column, (name, value) in enumerate(zip(COLUMNS, row.cells(), strict=True), 1):
            bad = _CONTROL.search(value)
            if bad:
                add(
                    f"the {name} holds the {_character_kind(bad.group())} "
                    f"U+{ord(bad.group()):04X}: take it out",
                    column,
                )
        if row.coder and not _CONTROL.search(row.coder) and (why := name_problem(row.coder)):
            add(f"the coder: {why.replace('a name', 'a name of a person', 1)}", 5)
        if row.verdict is Verdict.NONE and row.candidate:
            add("none-in-Party-Facts takes no candidate: leave the candidate empty", 2)
        if row.verdict is not Verdict.NONE and not row.candidate:
            add(f"{row.verdict.value} needs the candidate's Party Facts id", 2)
        if row.verdict is not Verdict.REJECT and not row.reason:
            add(f"{row.verdict.value} needs a reason: the evidence, in words", 4)
        if not row.coder:
            add("a decision needs its coder: who decided", 5)
        why = _date_problem(row.date, today)
        if why:
            add(why, 6)
        if not row.record:  # said above; rows without a record are no one record's
            continue
        key = (row.record, row.candidate)
        if key in seen:
            add(
                f"{row.record} and candidate '{row.candidate}' were decided on line "
                f"{seen[key]} already: keep one of the two rows",
                1,
            )
        seen.setdefault(key, where)
        if row.verdict is Verdict.ACCEPT:
            if row.record in accepted:
                first = accepted[row.record]
                add(
                    f"{row.record} has a second accepted candidate ({first.candidate} on line "
                    f"{first.line}, {row.candidate} here): accept one",
                    3,
                )
            accepted.setdefault(row.record, row)
        if row.verdict is Verdict.NONE:
            none.setdefault(row.record, row)
    for record, row in accepted.items():
        if record in none:
            problems.append(
                Problem(
                    "",
                    f"{record} has an accepted candidate on line {row.line} and "
                    f"none-in-Party-Facts on line {none[record].line}: keep one",
                    none[record].line,
                    positions[2] + 1,
                )
            )
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def decisions_csv(rows: list[Decision], layout: Layout | None = None) -> str:
    """The decisions file's text: the header, then the rows as given; laid out as `layout`
    says (the file it replaces was: a German spreadsheet's semicolons, byte-order mark,
    `sep=` line and CRLF kept; Layout.encode gives its bytes), else with commas and \\n."""
    layout = layout or Layout()
    out = io.StringIO()
    out.write(layout.start())
    writer = csv.writer(out, delimiter=layout.separator, lineterminator=layout.line_end)
    writer.writerow(layout.header or COLUMNS)  # a header written `Record,Decision` kept
    for row in rows:  # a row read keeps its file's columns; a new one is laid out so
        writer.writerow(row.written or layout.place(row.cells()))
    return out.getvalue()
