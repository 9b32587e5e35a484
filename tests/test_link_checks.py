"""`partyintl link`: names and evidence quoted whole, decisions files checked line by line,
files that are not data, and records already linked."""

from __future__ import annotations

import datetime
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from partyintl.errors import DatasetError, Problem
from partyintl.link.decisions import Decision, read_decisions
from partyintl.link.match import Candidate, names_of, quote
from partyintl.link.run import apply_file
from partyintl.link.snapshot import Party

Invoke = Callable[..., tuple[int, str, str]]

# Names with quotes at their ends keep them; evidence quotes them unambiguously.

_plain = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x52F),
    min_size=1,
    max_size=8,
)
_words = st.lists(_plain, min_size=1, max_size=4).map(" ".join)
#: A name with a quoted part at its start, its end, or both: `Party "A Just World"`.
_quoted_name = st.tuples(
    st.sampled_from(['"', "'", "«"]),
    st.one_of(st.none(), _words),
    _words,
    st.one_of(st.none(), _words),
).filter(lambda t: t[1] is not None or t[3] is not None or t[0] != '"')


def _name(parts: tuple[str, str | None, str, str | None]) -> str:
    mark, before, inner, after = parts
    closing = {"«": "»"}.get(mark, mark)
    return " ".join(p for p in (before, f"{mark}{inner}{closing}", after) if p)


def _party(english: str, native: str = "Partiya") -> Party:
    return Party("2030", "BLR", native, "", english, "", 1991, None)


@settings(max_examples=150, deadline=None)
@given(_quoted_name, _quoted_name)
def test_names_with_quotes_at_their_ends_are_kept_whole(first: tuple, second: tuple) -> None:
    """Party Facts' names, alone or two joined by ' / ', are read with every quote that is
    part of them; the evidence quotes each so that its ends are the name's."""
    one, two = _name(first), _name(second)
    assume(one != two)
    assert names_of(_party(one))[0] == (one, "core.name_english")
    assert [n for n, _ in names_of(_party(f"{one} / {two}"))][:2] == [one, two]
    candidate = Candidate(_party(one), 90.0, two, one, "core.name_english", 1)
    evidence = candidate.evidence("Belarus")
    assert f"; {quote(two)} ~ {quote(one)} (core.name_english), Party Facts {quote(one)} (-)" in (
        evidence
    )
    for name in (one, two):
        quoted = quote(name)
        assert quoted[1:-1] == name
        assert quoted[0] not in (name[0], name[-1]) or quoted[0] not in "'\""


def test_a_name_wholly_in_quotes_loses_them() -> None:
    assert names_of(_party('"Yabloko"'))[0][0] == "Yabloko"


def test_the_testers_party_facts_2030() -> None:
    """The closing quote of 'A Just World' stays (it was lost)."""
    from partyintl.link.snapshot import load_snapshot

    party = load_snapshot().parties["2030"]
    assert ('Belarusian Left Party "A Just World"', "core.name_english") in names_of(party)
    candidate = Candidate(party, 80.0, "Party of the Left", 'Belarusian Left Party "A Just World"',
                          "core.name_english", 1)  # fmt: skip
    assert candidate.evidence("Belarus") == (
        "Belarus; 'Party of the Left' ~ 'Belarusian Left Party \"A Just World\"' "
        "(core.name_english), Party Facts 'Party of Communists of Belarus / Belarusian Left "
        'Party "A Just World"\' (PKB), 1991-; score 80'
    )


# Decisions files: each problem at its line, in the decisions file's words.

SEED = Path(__file__).parent / "fixtures" / "seed-page.txt"
HEADER = "record,candidate,decision,reason,coder,date\n"
TODAY = "2026-12-01"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed page's draft, as `partyintl draft` writes it."""
    from partyintl.draft.run import draft_file

    _, body, _ = draft_file(
        str(SEED), url=None, retrieved=None, published=None, language=None, party=None
    )
    path = tmp_path_factory.mktemp("drafted") / "draft.json"
    path.write_bytes(body)
    return path


def _problems(text: str, today: str = TODAY) -> list[str]:
    try:
        read_decisions(text, "decisions.csv", today=today)
    except DatasetError as exc:
        return [p.describe() for p in exc.problems]
    return []


_ACCEPT = "a-just-russia,2244,accept,same party,me,{date}\n"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=19),
    st.integers(min_value=0, max_value=39),
    st.integers(min_value=0, max_value=5),
)
def test_a_decision_date_is_a_real_day_not_after_today(
    year: int, month: int, day: int, before: int
) -> None:
    """Dates drawn from every YYYY-MM-DD shape, real days or not, before or after today:
    accepted exactly when the calendar has the day and it is not after today; a refusal
    names the row's line and the date's column."""
    date = f"{year:04d}-{month:02d}-{day:02d}"
    undecided = "a-just-russia,2030,,rank 2,,\n" * before
    found = _problems(HEADER + undecided + _ACCEPT.format(date=date))
    try:
        real = datetime.date(year, month, day).isoformat() <= TODAY
    except ValueError:
        real = False
    if real:
        assert found == []
    else:
        [problem] = found
        assert problem.startswith(f"line {before + 2}, column 6: date '{date}' is ")


def test_the_testers_dates() -> None:
    assert _problems(HEADER + _ACCEPT.format(date="2024-13-01")) == [
        "line 2, column 6: date '2024-13-01' is no day of the calendar: give the day of the "
        "decision"
    ]
    assert _problems(HEADER + _ACCEPT.format(date="2999-01-01")) == [
        "line 2, column 6: date '2999-01-01' is after today (2026-12-01): give the day of the "
        "decision"
    ]
    assert _problems(HEADER + _ACCEPT.format(date=TODAY)) == []


_CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\r\n"]


@pytest.mark.parametrize("column", [1, 4, 5])
@pytest.mark.parametrize("control", _CONTROLS, ids=[f"U+{ord(c):04X}" for c in _CONTROLS])
def test_a_control_character_in_a_decided_row_is_named_at_its_line(
    control: str, column: int
) -> None:
    """Every C0 and C1 control character (the line breaks that end a CSV row aside), in
    the record, reason or coder of a decided row: refused at its line and column
    (it would make the linked data invalid)."""
    fields = ["a-just-russia", "2244", "accept", "same party", "A. Coder", "2024-11-01"]
    fields[column - 1] = fields[column - 1][:2] + control + fields[column - 1][2:]
    row = ",".join(f'"{f}"' for f in fields)
    found = _problems(HEADER + "left-party,1545,,rank 1,,\n" + row + "\n")
    name = ("record", "candidate", "decision", "reason", "coder")[column - 1]
    expected = (
        f"line 3, column {column}: the {name} holds the control character "
        f"U+{ord(control):04X}: take it out"
    )
    assert expected in found


@pytest.mark.parametrize("candidate", ["99999", "99999999", "9" * 30])
def test_a_candidate_not_in_the_snapshot_is_named_alike_whatever_its_length(
    drafted: Path, tmp_path: Path, candidate: str
) -> None:
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        HEADER + f"hungarian-socialist-party,{candidate},accept,same,me,2024-11-01\n"
    )
    with pytest.raises(DatasetError) as caught:
        apply_file(str(drafted), str(decisions), None)
    [problem] = caught.value.problems
    assert problem.describe() == (
        f"line 2, column 2: Party Facts id {candidate} is not in the snapshot of the "
        "repository that partyintl ships (scripts/build_partyfacts_snapshot.py) (commit "
        "764de8978f84)"
    )


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=10))
def test_one_id_accepted_for_two_parties_is_named_at_the_second_ones_line(
    drafted: Path, before: int, between: int
) -> None:
    """The tester's example moved about: a-just-russia (Russia) and left-party (Germany)
    both accepted as Party Facts 2244, undecided rows before and between them; the problem
    is at the line of the second acceptance, in the decisions file's words."""
    filler = "hungarian-socialist-party,1408,reject,,me,2024-11-01\n"
    text = (
        HEADER
        + "left-party,1545,,rank 1,,\n" * before
        + "a-just-russia,2244,accept,same party,me,2024-11-01\n"
        + "panhellenic-socialist-movement,1468,,rank 1,,\n" * between
        + "left-party,2244,accept,wrong,me,2024-11-01\n"
        + filler
    )
    path = drafted.parent / f"decisions-{before}-{between}.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        apply_file(str(drafted), str(path), None)
    assert caught.value.file == str(path)
    assert [p.describe() for p in caught.value.problems] == [
        f"line {before + between + 3}, column 2: accepting Party Facts 2244 for left-party: "
        "that id is already a-just-russia's, and their countries differ (RU, DE)"
    ]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=12))
def test_a_decisions_file_not_in_utf8_is_named_at_its_line(line: int, column: int) -> None:
    """A byte that is not UTF-8 anywhere in the file: its line and column, and how to save
    the decisions file (not a page)."""
    from partyintl.cli.spec import reads
    from partyintl.draft.run import read_text

    rows = ["pasok,1468,accept,same name and abbreviation,me,2024-11-01"] * 31
    raw = (HEADER + "\n".join(rows) + "\n").encode()
    lines = raw.split(b"\n")
    lines[line] = lines[line][:column] + b"\xe9" + lines[line][column:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "decisions.csv"
        path.write_bytes(b"\n".join(lines))
        with pytest.raises(DatasetError) as caught:
            read_text(str(path), reads("link", "apply"))
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (line + 1, column + 1)
    assert caught.value.hint == "Save the decisions file as UTF-8."


def test_a_header_only_decisions_file_applies_nothing_and_writes_nothing(
    drafted: Path, tmp_path: Path, invoke: Invoke
) -> None:
    decisions = tmp_path / "decisions.csv"
    for text in (HEADER, HEADER + "pasok,1468,,rank 1 of 1,,\n"):
        decisions.write_text(text, encoding="utf-8")
        out = tmp_path / "linked.json"
        code, stdout, stderr = invoke(
            "link", str(drafted), "--apply", str(decisions), "-o", str(out)
        )
        assert (code, stdout) == (1, "")
        assert stderr == (
            f"partyintl: error: {decisions}: 1 problem\n  line 1, column 1: no row is decided "
            "(accept, reject or none-in-Party-Facts): there is nothing to apply\nDecide some "
            "rows first; nothing was written.\n"
        )
        assert not out.exists()


def test_every_problem_of_the_linked_data_is_named_at_its_decisions_line(drafted: Path) -> None:
    """Whatever the validation of the linked data finds in a record (every record of the
    seed's draft, the party too) is reported at the line of the decision on that record,
    never at a JSON path of a file that was not written."""
    from partyintl.link.decisions import Verdict
    from partyintl.link.run import _at_lines

    data = json.loads(drafted.read_text(encoding="utf-8"))
    records = [("party", data["party"])] + [
        (f"partners[{i}]", r) for i, r in enumerate(data["partners"])
    ]
    decisions = [
        Decision(r["id"], "1", Verdict.REJECT, "", "me", "2024-11-01", line)
        for line, (_, r) in enumerate(records, 2)
    ]
    found = DatasetError(
        "the linked data",
        [
            Problem(f"{path}.identifiers[0].evidence", "control character U+0001 in text")
            for path, _ in records
        ]  # fmt: skip
        + [Problem("sources[1].title", "missing: this field is required")],
    )
    named = _at_lines(found, data, decisions, "decisions.csv")
    assert named.file == "decisions.csv"
    assert [p.describe() for p in named.problems] == [
        f"line {line}, column 1: applying it to {r['id']}: identifiers[0].evidence: control "
        "character U+0001 in text"
        for line, (_, r) in enumerate(records, 2)
    ] + ["sources[1].title: once applied: missing: this field is required"]


# link reads data files; records linked already are reported, not offered again.

_not_json = st.text(min_size=1, max_size=60).filter(
    lambda t: t.strip() != "" and t.lstrip(" \t\r\n\ufeff")[:1] not in ("{", "[")
)


@settings(max_examples=40, deadline=None)
@given(_not_json)
def test_a_file_that_is_not_json_is_no_data_file(text: str) -> None:
    """Any text that does not begin as JSON does (a page, a CSV file, a note): not a data
    file, and the way to make one; never the JSON parser's words."""
    from partyintl.link.run import load_data

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        with pytest.raises(DatasetError) as caught:
            load_data(str(path))
    [problem] = caught.value.problems
    assert problem.message == "not a data file (JSON): link reads what partyintl draft writes"
    assert caught.value.hint.startswith("Draft one first: partyintl draft ")


def test_link_on_a_page(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert invoke("link", "page.txt") == (
        1,
        "",
        "partyintl: error: page.txt: 1 problem\n  (top level): not a data file (JSON): link "
        "reads what partyintl draft writes\nDraft one first: partyintl draft page.txt -o "
        "draft.json, then link draft.json.\n",
    )


#: Links a person could accept on the seed's draft: (record, Party Facts id).
_LINKS = [
    ("a-just-russia", "2244"),
    ("hungarian-socialist-party", "1408"),
    ("panhellenic-socialist-movement", "1468"),
    ("democratic-party-of-moldova", "2265"),
    ("labor-party-of-georgia", "2153"),
]


@settings(max_examples=6, deadline=None)
@given(st.lists(st.sampled_from(_LINKS), unique=True, max_size=len(_LINKS)))
def test_records_linked_already_are_reported_not_offered_and_kept(
    drafted: Path, chosen: list[tuple[str, str]]
) -> None:
    """A subset of the links applied, then link run again on the linked data: exactly the
    linked records are reported as linked (their id, no candidates) and left out of the
    decisions file; applying that file keeps their links; with relink they are offered."""
    from types import SimpleNamespace

    from partyintl.link.apply import apply_decisions
    from partyintl.link.decisions import Verdict
    from partyintl.link.merge import partyfacts_id
    from partyintl.link.run import ALREADY, link_records, plan_decisions, rows
    from partyintl.link.snapshot import load_snapshot

    snapshot = load_snapshot()
    data = json.loads(drafted.read_text(encoding="utf-8"))
    accepted = [
        Decision(r, pf, Verdict.ACCEPT, "same party", "me", "2024-11-01", n)
        for n, (r, pf) in enumerate(chosen, 2)
    ]
    linked = apply_decisions(data, accepted, snapshot, "decisions.csv") if chosen else data
    again = link_records(SimpleNamespace(raw=linked), snapshot)
    reported = {i.record: i.linked for i in again if i.linked is not None}
    assert reported == dict(chosen)
    assert all(not i.candidates for i in again if i.linked is not None)
    listed = [r for r in rows(again) if r["evidence"] == ALREADY]
    assert [(r["record"], r["partyfacts"]) for r in listed] == [
        (i.record, i.linked) for i in again if i.linked is not None
    ]
    plan = plan_decisions(again, [], False, 95.0, today=TODAY)
    assert not {d.record for d in plan} & set(reported)
    kept = apply_decisions(linked, plan, snapshot, "decisions.csv")
    records = {r["id"]: r for r in [kept["party"], *kept["partners"]]}
    before = {r["id"]: r for r in [linked["party"], *linked["partners"]]}
    assert {i: partyfacts_id(r) for i, r in records.items() if partyfacts_id(r)} == dict(chosen)
    assert all(records[i] == before[i] for i in reported)
    relinked = link_records(SimpleNamespace(raw=linked), snapshot, relink=True)
    assert all(i.linked is None for i in relinked)


@settings(max_examples=40, deadline=None)
@given(which=st.integers(0, 10**6), party=st.integers(0, 10**6))
def test_a_link_to_a_party_of_another_country_is_warned_of(
    drafted: Path, tmp_path_factory: pytest.TempPathFactory, which: int, party: int
) -> None:
    """A hand-accepted Party Facts id of another country's party (a typo, the wrong row)
    was written in without a word: the Belarusian record got a Hungarian party's names."""
    from partyintl.data import countries
    from partyintl.link.match import REGION_ROWS
    from partyintl.link.snapshot import load_snapshot

    raw = json.loads(drafted.read_text(encoding="utf-8"))
    placed = [r for r in raw["partners"] if r.get("country_code")]
    record = placed[which % len(placed)]
    snapshot = load_snapshot(None)
    ids = sorted(snapshot.parties, key=int)
    candidate = ids[party % len(ids)]
    decisions = tmp_path_factory.mktemp("apply") / "decisions.csv"
    decisions.write_text(HEADER + f"{record['id']},{candidate},accept,by hand,me,2024-11-01\n")
    try:
        _, _, warnings = apply_file(str(drafted), str(decisions), None)
    except DatasetError:
        return  # the link makes the data invalid (an id two records claim): said apart
    country = snapshot.parties[candidate].country
    theirs = countries.lookup(country)
    differs = country in REGION_ROWS.values() or (
        theirs is not None and theirs.code not in (None, record["country_code"])
    )
    assert len(warnings) == int(differs), warnings
    if differs:
        assert warnings[0].startswith(f"{decisions}, line 2: {record['id']} (")


@settings(max_examples=25, deadline=None)
@given(
    hidden=st.sampled_from(["\u202e", "\u200b", "\u2066", "\u200f", "\U000e0041"]),
    at=st.integers(0, 4),
)
def test_a_coder_is_a_name_a_person_can_read(
    tmp_path_factory: pytest.TempPathFactory, hidden: str, at: int
) -> None:
    """A coder holding a bidi control ("\\u202eJ") was accepted, though every name in a
    data file refuses it, and the coder is written into the linked file's evidence. A
    coder with a character that hides or reorders text, anywhere in it, is refused at its
    column, nothing written."""
    from conftest import DATA, run_here
    from partyintl.escaping import character_kind

    folder = tmp_path_factory.mktemp("coder")
    coder = "Jane"[:at] + hidden + "Jane"[at:]
    decisions = folder / "d.csv"
    decisions.write_text(
        "record,candidate,decision,reason,coder,date\n"
        f"spd,383,accept,same party,{coder},2024-01-01\n",
        encoding="utf-8",
    )
    out = folder / "o.json"
    code, stdout, err = run_here(["link", str(DATA), "--apply", str(decisions), "-o", str(out)])
    assert (code, stdout) == (1, ""), err
    said = f"U+{ord(hidden):04X}, {character_kind(hidden)}"
    assert f"line 2, column 5: the coder: a name of a person may not hold {said}" in err, err
    assert not out.exists()
