"""The Party Facts snapshot, the matcher and decisions files, without a data file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl.errors import DatasetError
from partyintl.link import snapshot as snapshots
from partyintl.link.decisions import (
    COLUMNS,
    MACHINE_CODER,
    Decision,
    Verdict,
    decisions_csv,
    read_decisions,
)
from partyintl.link.match import Query, candidates, names_of
from partyintl.link.run import Linked, plan_decisions
from partyintl.link.variants import VARIANTS, normalise

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SUBSET = FIXTURES / "partyfacts-subset"
PINNED = "764de8978f84ba41a1c88752d6a00b9a4d05f599"


@pytest.fixture(scope="module")
def snap() -> snapshots.Snapshot:
    return snapshots.load_snapshot()


def _hand_links() -> list[tuple[str, str, str | None, tuple[str, ...], str | None]]:
    """(record, Party Facts id, country code, the page's names, region) of each hand link."""
    data = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in [data["party"], *data["partners"], *data["organizations"]]}
    out = []
    with open(ROOT / "data" / "partyfacts-links.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["decision"] != "accept":
                continue
            record = records[row["record"]]
            page_names = tuple(
                o["name"]
                for o in record.get("other_names", ())
                if not o.get("source") and not o.get("sources") and o["name"].isupper()
            )
            out.append((row["record"], row["candidate"], record.get("country_code"),
                        (record["name"], *page_names), record.get("region")))  # fmt: skip
    return out


HAND = _hand_links()


def test_snapshot_is_pinned_and_complete(snap: snapshots.Snapshot) -> None:
    assert (snap.commit, snap.date) == (PINNED, "2026-03-11")
    assert len(snap.parties) == 5558  # the core table's parties, technical rows left out
    spd = snap.parties["383"]
    assert (spd.country, spd.name_short, spd.year_first) == ("DEU", "SPD", 1875)
    assert spd.wikidata[0][0] == "Q49768" and spd.manifesto == ["41320"]
    assert spd.parlgov == ["558"] and spd.wptags is not None


def test_snapshot_equals_the_tables_it_was_built_from(snap: snapshots.Snapshot) -> None:
    """The packaged snapshot holds what a checkout's tables say (here: a subset of them,
    read as `--partyfacts DIR` reads a checkout)."""
    subset = snapshots.load_snapshot(str(SUBSET))
    assert subset.commit == PINNED
    assert len(subset.parties) > 400
    for ident, party in subset.parties.items():
        assert snap.parties[ident] == party


def test_snapshot_ships_in_the_package() -> None:
    assert Path(snapshots.SNAPSHOT_FILE).is_file()
    assert Path(snapshots.SNAPSHOT_FILE).parent == Path(snapshots.__file__).parent
    licence = Path(snapshots.SNAPSHOT_FILE).with_name("PARTYFACTS-LICENSE.md")
    assert "Copyright (c) 2022 Party Facts authors" in licence.read_text(encoding="utf-8")


def test_checkout_errors_name_the_folder(tmp_path: Path) -> None:
    from partyintl.errors import DatasetError

    with pytest.raises(DatasetError) as caught:
        snapshots.load_snapshot(str(tmp_path / "nothing"))
    assert [p.message for p in caught.value.problems] == ["no such folder"]
    with pytest.raises(DatasetError) as caught:
        snapshots.load_snapshot(str(tmp_path))
    assert caught.value.file.endswith("import/elecglob/partyfacts-core-parties.csv")
    assert [p.message for p in caught.value.problems] == ["no such file"]


@pytest.mark.parametrize(
    ("names", "country", "first", "not_first"),
    [
        (("Socialist Democratic Party of Germany", "SPD"), "DE", "383", None),
        (("Labor Party of Georgia",), "GE", "2153", None),
        (("Fatah",), "PS", "6233", "7585"),
        (("Socialist Democratic Party of Moldova",), "MD", "2555", None),
        (("Socialist Democratic Party Harmony",), "LV", "5976", "1056"),
        (("Socialist Democratic Party of Lithuania",), "LT", "64", "7352"),
        (("Left Party",), "DE", "1545", None),
        (("Farabundo Martí National Liberation Front",), None, "978", None),
        (("A JUST RUSSIA",), None, "2244", None),
    ],
)
def test_examples(
    snap: snapshots.Snapshot,
    names: tuple[str, ...],
    country: str | None,
    first: str,
    not_first: str | None,
) -> None:
    found = candidates(Query("x", names, country, 2006, 2018), snap)
    assert found[0].party.id == first
    assert found[0].rank == 1 and found[0].score >= 75
    assert not_first is None or found[0].party.id != not_first


def test_a_candidate_gives_its_evidence(snap: snapshots.Snapshot) -> None:
    [best, *_] = candidates(Query("spd", ("Socialist Democratic Party of Germany",), "DE"), snap)
    assert (best.matched, best.name, best.field, best.table) == (
        "Socialist Democratic Party of Germany",
        "Social Democratic Party of Germany",
        "core.name_english",
        "core",
    )
    assert best.evidence("Germany") == (
        "Germany; 'Socialist Democratic Party of Germany' ~ 'Social Democratic Party of "
        "Germany' (core.name_english), Party Facts 'Social Democratic Party of Germany' (SPD), "
        "1875-; score 100"
    )


def _respell(name: str, choices: list[int]) -> str:
    """A name as another translation or typing would give it: each variant pair may be
    swapped either way, the case changed, 'The' put in front."""
    out = name
    for (variant, form), choice in zip(VARIANTS, choices, strict=False):
        if choice == 1:
            out = out.replace(form.title(), variant.title()).replace(form, variant)
        elif choice == 2:
            out = out.replace(variant.title(), form.title()).replace(variant, form)
    if choices and choices[0] == 1:
        out = "The " + out
    if len(choices) > 1 and choices[1] == 2:
        out = out.upper()
    return out


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(HAND), st.lists(st.integers(0, 2), min_size=len(VARIANTS)))
def test_hand_links_survive_respelling(
    case: tuple[str, str, str | None, tuple[str, ...], str | None], choices: list[int]
) -> None:
    """Every hand link stays among the first three whichever way translation spells the
    page's name (Social/Socialist Democratic, Labour/Labor, Centre/Center ...), in any case."""
    snap = snapshots.load_snapshot()
    _, want, country, names, region = case
    respelled = (_respell(names[0], choices), *names[1:])
    query = Query("x", respelled, country, 2006, 2018, region)
    found = [c.party.id for c in candidates(query, snap)]
    assert want in found[:3], (respelled, found)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["DE", "GR", "MD", "RU", "IQ"]),
    st.integers(1800, 2030),
    st.integers(0, 40),
    st.sampled_from(["Social Democratic Party", "Communist Party", "Democratic Alliance"]),
)
def test_only_parties_active_in_the_years(country: str, first: int, span: int, name: str) -> None:
    snap = snapshots.load_snapshot()
    for c in candidates(Query("x", (name,), country, first, first + span), snap):
        p = c.party
        assert p.year_last is None or p.year_last >= first
        assert p.year_first is None or p.year_first <= first + span


@pytest.mark.parametrize(("variant", "form"), VARIANTS)
def test_variants_read_as_one(variant: str, form: str) -> None:
    assert (
        normalise(f"The {variant.title()} Party") == normalise(f"{form} party") == (f"{form} party")
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normal_form_folds_as_countries_fold_does(text: str) -> None:
    """Case, accents and punctuation go as data/countries.fold takes them away."""
    from partyintl.data.countries import fold

    assert normalise(text) == normalise(fold(text))
    assert normalise(normalise(text)) == normalise(text)


def test_names_of_split_successive_names(snap: snapshots.Snapshot) -> None:
    names = dict(names_of(snap.parties["1474"]))
    assert names["Institutional Revolutionary Party"] == "core.name_english"
    assert names["National Revolutionary Party"] == "core.name_english"
    assert names["PRI"] == "core.name_short"


# Decisions files.

GOOD = (
    "record,candidate,decision,reason,coder,date\nspd,383,accept,same party,A. Coder,2026-01-02\n"
)


def test_read_good_file() -> None:
    [row] = read_decisions(GOOD, "d.csv")
    assert (row.record, row.candidate, row.verdict, row.line) == ("spd", "383", Verdict.ACCEPT, 2)
    assert decisions_csv([row]) == GOOD


def test_the_committed_links_are_a_decisions_file() -> None:
    text = (ROOT / "data" / "partyfacts-links.csv").read_text(encoding="utf-8")
    rows = read_decisions(text, "data/partyfacts-links.csv")
    # The party, 38 partners (the PES's group among them) and the US Democrats.
    assert sum(r.verdict is Verdict.ACCEPT for r in rows) == 40
    assert [r.record for r in rows if r.verdict is Verdict.NONE] == [
        "socialist-international",
        "new-ossetia",
    ]
    assert decisions_csv(rows) == text


@pytest.mark.parametrize(
    ("rows", "message", "line"),
    [
        ("spd,383,maybe,x,A,2026-01-02", "decision 'maybe' is none of accept, reject", 2),
        ("spd,,accept,x,A,2026-01-02", "accept needs the candidate's Party Facts id", 2),
        ("spd,383,none-in-Party-Facts,x,A,2026-01-02", "takes no candidate", 2),
        ("spd,383,accept,,A,2026-01-02", "accept needs a reason", 2),
        ("spd,383,accept,x,,2026-01-02", "needs its coder", 2),
        ("spd,383,accept,x,A,2 Jan 2026", "is not YYYY-MM-DD", 2),
        ("spd,Q49768,reject,x,A,2026-01-02", "is not a Party Facts id", 2),
        ("spd,383,accept,x,A\n", "5 columns where 6 belong", 2),
        ("spd,383,accept,x,A,2026-01-02\nspd,384,accept,y,A,2026-01-02",
         "second accepted candidate (383 on line 2, 384 here)", 3),
        ("spd,383,reject,x,A,2026-01-02\nspd,383,accept,y,A,2026-01-02",
         "were decided on line 2 already", 3),
        ("spd,383,accept,x,A,2026-01-02\nspd,,none-in-Party-Facts,y,A,2026-01-02",
         "has an accepted candidate on line 2 and none-in-Party-Facts on line 3", 3),
    ],
)  # fmt: skip
def test_bad_rows_are_reported_with_their_line(rows: str, message: str, line: int) -> None:
    with pytest.raises(DatasetError) as caught:
        read_decisions(f"{','.join(COLUMNS)}\n{rows}\n", "d.csv")
    [problem] = caught.value.problems
    assert message in problem.message
    assert problem.line == line
    assert caught.value.file == "d.csv"


def test_a_wrong_header_is_refused() -> None:
    with pytest.raises(DatasetError) as caught:
        read_decisions("record_id,partyfacts_id,evidence\nspd,383,x\n", "old.csv")
    assert "the header must name record, candidate, decision, reason, coder, date" in str(
        caught.value.problems[0].message
    )


def test_plan_keeps_decisions_and_marks_machine_accepts(snap: snapshots.Snapshot) -> None:
    spd = Linked("spd", "SPD", "DE", tuple(candidates(Query("spd", ("SPD",), "DE"), snap)))
    fatah = Linked("fatah", "Fatah", "PS", tuple(candidates(Query("f", ("Fatah",), "PS"), snap)))
    nobody = Linked("x", "Nobody", "DE", ())
    kept = [Decision("fatah", "6233", Verdict.ACCEPT, "checked", "A. Coder", "2026-01-02", 2)]
    rows = plan_decisions([spd, fatah, nobody], kept, True, 95.0, today="2026-02-03")
    assert [r for r in rows if r.record == "fatah"][0] == kept[0]  # kept as it was
    machine = [r for r in rows if r.verdict is Verdict.ACCEPT and r.machine]
    assert [(r.record, r.candidate, r.coder, r.date) for r in machine] == [
        ("spd", "383", MACHINE_CODER, "2026-02-03")
    ]
    assert machine[0].reason.startswith("machine-accepted: the only candidate scoring 95 or more")
    assert all(r.verdict is None for r in rows if r.record == "fatah" and r is not kept[0])
    assert [(r.candidate, r.verdict) for r in rows if r.record == "x"] == [("", None)]
    again = plan_decisions([spd, fatah, nobody], rows, True, 95.0, today="2026-02-04")
    assert again == rows  # a second run changes nothing


@pytest.mark.parametrize("rows", [2, 3])
def test_rows_without_a_record_are_each_said_once(rows: int) -> None:
    """Two accepted rows whose record cell was cleared got, after "no record id", "  has a
    second accepted candidate" and "  and candidate '' were decided on line 2 already":
    rows without a record were taken for one record with an empty name."""
    lines = [f",{2244 + n},accept,reason,Coder,2024-01-0{n + 1}" for n in range(rows)]
    with pytest.raises(DatasetError) as caught:
        read_decisions(f"{','.join(COLUMNS)}\n" + "\n".join(lines) + "\n", "d.csv")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (n + 2, "no record id") for n in range(rows)
    ]
