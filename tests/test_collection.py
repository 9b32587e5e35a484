"""Several data files at once (issue 20): identity by id only, ties with direction and
source, memberships from every file, the SI's roster, the network and the store.

The generated tests build random collections of small valid data files (records with and
without Party Facts and Wikidata ids, names drawn from a small pool so that they collide)
and compare every answer with an oracle written here from the rule, not from the code.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st
from test_completion import NAMINGS, ONLY_IN, data_with

from conftest import DATA, NEEDS, run_cli
from partyintl.cli.spec import SPEC
from partyintl.collection import load_collection
from partyintl.collection.identity import RecordIds, identify
from partyintl.collection.kinds import NetworkGraph
from partyintl.collection.questions import CERTAIN, at_date, ties
from partyintl.data import dates
from partyintl.errors import DatasetError
from partyintl.words import ordinal

ROOT = Path(__file__).resolve().parents[1]
ROSTER = ROOT / "data" / "si-membership.json"
BOTH = ("--data", "bundled", "--data", "bundled:si-membership")
Run = Callable[..., subprocess.CompletedProcess[str]]


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- the issue's examples ---------------------------------------------------------------


def test_member_of_si_names_every_partner_the_decisions_name_by_id(cli: Run) -> None:
    rows = _json(cli(*BOTH, "partners", "--member-of", "SI", "--json"))
    bundled = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    roster = json.loads(ROSTER.read_text(encoding="utf-8"))

    def pf(record: dict[str, Any]) -> str | None:
        return next(
            (i["identifier"] for i in record.get("identifiers", ()) if i["scheme"] == "partyfacts"),
            None,
        )

    members = {pf(o) for o in roster["organizations"]} - {None}
    expected = {p["name"] for p in bundled["partners"] if pf(p) in members}
    assert expected == {
        "Armenian Revolutionary Federation-Dashnaktsutyun",
        "Democratic Party of Moldova",
        "Bulgarian Socialist Party",
        "Fatah",
        "Institutional Revolutionary Party of Mexico",
    }
    assert {r["member"] for r in rows} == expected
    for row in rows:
        assert row["status"] == "full"
        assert row["start_date"] in ("2003-10-27/2003-10-29", "2012/2017")
        assert row["dataset"] == "si-membership"
        assert row["sources"] and row["source_ids"][0].startswith("si-")
        assert row["member_key"].startswith("partyfacts:")
    moldova = next(r for r in rows if r["member"] == "Democratic Party of Moldova")
    assert moldova["named"] == "Democratic Party"  # as the SI prints it
    assert moldova["inferred"][0]["field"] == "start_date"  # the Cape Town page's bounds


def test_member_of_as_of_says_how_surely(cli: Run) -> None:
    rows = _json(cli(*BOTH, "partners", "--member-of", "SI", "--as-of", "2015", "--json"))
    standing = {r["member"]: r["standing"] for r in rows}
    assert standing["Fatah"] == (  # Cape Town (2012/2017), on a source as of 2012/2017
        "possibly: no source says it holds after 2012-01-01 (its sources hold as of 2012/2017)"
    )
    assert standing["Bulgarian Socialist Party"] == (
        "possibly: no source says it holds after 2003-10-29"
    )
    before = _json(cli(*BOTH, "partners", "--member-of", "SI", "--as-of", "2002", "--json"))
    assert before == []


def test_memberships_of_a_just_russia_from_both_files(cli: Run) -> None:
    rows = _json(cli(*BOTH, "memberships", "A JUST RUSSIA", "--json"))
    assert {r["dataset"] for r in rows} == {"a-just-russia", "si-membership"}
    assert min(dates.first_year(r["start_date"]) or 9999 for r in rows) == 2008
    ends = {(r["dataset"], r["end_date"], r["end_status"]) for r in rows if r["end_status"]}
    assert ends == {
        ("a-just-russia", "2022-03-07", "ended"),
        ("si-membership", "2022-03-07", "ended"),
    }
    assert [r["status"] for r in rows if r["dataset"] == "a-just-russia"] == [
        "observer",
        "consultative",
        "full",
    ]


def test_timeline_and_report_draw_memberships_from_every_file(cli: Run) -> None:
    rows = _json(cli(*BOTH, "timeline", "--json"))
    cited = {c["source"] for r in rows for c in r["sources"]}
    assert "si-membership-si-xxiv-congress-decisions" in cited
    assert "si-membership-si-press-release-2022-03-07" in cited
    alone = _json(cli("timeline", "--json"))
    assert len(rows) == len(alone) + 2  # the SI's upgrade and its end, from the roster
    # The two files' SI records share no id: two organisations, each asked for by its id.
    ambiguous = cli(*BOTH, "timeline", "--org", "SI")
    assert ambiguous.returncode == 2
    assert "si-membership:socialist-international" in ambiguous.stderr
    roster = _json(
        cli(*BOTH, "timeline", "--org", "si-membership-socialist-international", "--json")
    )
    assert [r["status"] for r in roster] == ["full", "ended"]
    page = cli(*BOTH, "report", env={"SOURCE_DATE_EPOCH": "0"}).stdout
    assert "From the data file si-membership." in page


def test_gexf_opens_in_networkx_with_intervals(cli: Run, tmp_path: Path) -> None:
    import networkx as nx

    for graph in ("ties", "membership", "projection"):
        out = tmp_path / f"{graph}.gexf"
        done = cli(*BOTH, "network", "--format", "gexf", "--graph", graph, "-o", str(out))
        assert done.returncode == 0, done.stderr
        g = nx.read_gexf(out)
        assert g.number_of_edges() > 0
        assert 'mode="dynamic"' in out.read_text(encoding="utf-8")
        assert any("start" in d for *_, d in g.edges(data=True)), graph
    g = nx.read_gexf(tmp_path / "membership.gexf")
    russia = [d for a, b, d in g.edges(data=True) if a == "partyfacts:2244"]
    assert {(d["start"], d["end"], d["dataset"]) for d in russia} >= {
        ("2012-08-30", "2022-03-07", "a-just-russia"),
        ("2012-01-01", "2022-03-07", "si-membership"),
    }


def test_network_csv_and_graphml_carry_provenance(cli: Run, tmp_path: Path) -> None:
    import networkx as nx

    folder = tmp_path / "net"
    assert (
        cli(*BOTH, "network", "-f", "csv", "--graph", "membership", "-o", str(folder)).returncode
        == 0
    )
    with open(folder / "edges.csv", encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert all(e["dataset"] and e["source_id"] for e in edges)
    with open(folder / "nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = {n["id"]: n for n in csv.DictReader(handle)}
    assert nodes["partyfacts:2244"]["files"] == "a-just-russia; si-membership"
    graphml = cli(*BOTH, "network", "-f", "graphml").stdout
    g = nx.read_graphml(__import__("io").BytesIO(graphml.encode()))
    assert g.number_of_edges() == len(ties(load_collection(("bundled",)), "A JUST RUSSIA"))


def test_roster_is_what_draft_and_link_make() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_si_membership", ROOT / "scripts" / "build_si_membership.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == ROSTER.read_bytes(), "run scripts/build_si_membership.py"


def test_roster_sources_say_what_the_copies_did_not_show() -> None:
    roster = json.loads(ROSTER.read_text(encoding="utf-8"))
    notes = {s["id"]: s.get("note", "") for s in roster["sources"]}
    assert "breaks off" in notes["si-xxii-congress-2003"]
    assert "no date of its own" in notes["si-xxiv-congress-decisions"]
    assert "breaks off before the operative sentence" in notes["si-press-release-2022-03-07"]
    # One record per party: rows accepted as one Party Facts party were merged.
    fdtl = next(m for m in roster["memberships"] if m["member_id"].startswith("forum-democratique"))
    assert [(p["status"], p["start_date"]) for p in fdtl["periods"]] == [
        ("consultative", "2003-10-27/2003-10-29"),
        ("full", "2012/2017"),
    ]


# --- errors: in the user's words, exit 1 or 2, nothing written ---------------------------


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--data", "bundled:nope", "partners"), 2, "no bundled dataset of that name"),
        (("partners", "--as-of", "2015"), 2, "give --member-of ORG too"),
        (
            (*BOTH, "shared", "A JUST RUSSIA", "SI"),
            2,
            "finds records of 2 organisations (records are one organisation only when",
        ),
        ((*BOTH, "ties", "Nothing Like It"), 2, "No organisation matches"),
        ((*BOTH, "shared", "A JUST RUSSIA", "a-just-russia"), 2, "give two different parties"),
        ((*BOTH, "network", "-f", "csv"), 2, "give -o"),
        (("partners", "--member-of", "Nothing Like It"), 2, "No international matches"),
    ],
)
def test_errors(cli: Run, args: tuple[str, ...], code: int, words: str) -> None:
    done = cli(*args)
    assert done.returncode == code
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_empty_folder_is_a_data_error(cli: Run, tmp_path: Path) -> None:
    done = cli("--data", str(tmp_path), "partners")
    assert done.returncode == 1
    assert "holds no .json data file" in done.stderr


def test_member_of_on_one_file_says_what_to_load(cli: Run) -> None:
    done = cli("partners", "--member-of", "SI", "--format", "plain")
    assert done.returncode == 0
    assert "--data bundled --data bundled:si-membership" in done.stderr


# --- generated collections -------------------------------------------------------------

NAMES = ("Socialist Party", "Labour Party", "Socialist International", "Democratic Party")
PF = st.one_of(st.none(), st.sampled_from(["1", "2", "3", "4"]))
WD = st.one_of(st.none(), st.sampled_from(["Q1", "Q2", "Q3"]))
RecordSpec = tuple[str, "str | None", "str | None"]


@st.composite
def collections(draw: st.DrawFn) -> list[list[tuple[str, str | None, str | None]]]:
    """Files as lists of (name, partyfacts, wikidata): the party first, then partners.
    Within a file an id belongs to one record (as validation requires)."""
    files = []
    for _ in range(draw(st.integers(1, 4))):
        records = []
        used: set[str] = set()
        for _ in range(draw(st.integers(1, 5))):
            name = draw(st.sampled_from(NAMES))
            pf, wd = draw(PF), draw(WD)
            if pf in used:
                pf = None
            if wd in used:
                wd = None
            used |= {x for x in (pf, wd) if x}
            records.append((name, pf, wd))
        files.append(records)
    return files


def _file(records: list[tuple[str, str | None, str | None]], n: int) -> dict[str, Any]:
    def org(i: int, rec: tuple[str, str | None, str | None]) -> dict[str, Any]:
        name, pf, wd = rec
        ids = []
        if pf:
            ids.append({"scheme": "partyfacts", "identifier": pf, "source": "pf", "at": "core"})
        if wd:
            ids.append({"scheme": "wikidata", "identifier": wd, "source": "pf", "at": "wikidata"})
        out: dict[str, Any] = {"id": f"r{i}", "name": name, "type": "party"}
        if i:
            out["listing"] = {"list": "l", "position": i, "printed": name}
        out["sources"] = [{"source": "page", "at": f"item {i}"}]
        if ids:
            out["identifiers"] = ids
        return out

    sources: list[dict[str, Any]] = [
        {
            "id": "page",
            "title": f"Page {n}",
            "publisher": "x",
            "language": "en",
            "as_of": f"{2010 + n}",
            "lists": [{"id": "l"}],
        }
    ]
    if any(pf or wd for _, pf, wd in records):
        sources.append(
            {
                "id": "pf",
                "title": "Party Facts",
                "publisher": "Party Facts",
                "language": "en",
                "as_of": "2020",
                "parts": [{"id": "core", "path": "c"}, {"id": "wikidata", "path": "w"}],
            }
        )
    return {
        "schema_version": 2,
        "as_of": "2020",
        "sources": sources,
        "party": org(0, records[0]),
        "partners": [org(i, r) for i, r in enumerate(records[1:], 1)],
    }


def _oracle_same(
    a: tuple[str | None, str | None],
    b: tuple[str | None, str | None],
    everyone: list[tuple[str | None, str | None]],
) -> bool:
    """The rule, for records with at most one Wikidata id, written as what each record
    resolves to: its Party Facts id; else the one Party Facts id that has its Wikidata
    id; else its Wikidata id when no Party Facts record has it; else nothing (apart)."""

    def resolved(ids: tuple[str | None, str | None]) -> tuple[str, str] | None:
        pf, wd = ids
        if pf:
            return ("pf", pf)
        if not wd:
            return None
        owners = {p for p, w in everyone if p and w == wd}
        if len(owners) == 1:
            return ("pf", owners.pop())
        return ("wd", wd) if not owners else None

    ra, rb = resolved(a), resolved(b)
    return ra is not None and ra == rb


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=collections())
def test_identity_by_ids_only_and_ties_keep_direction(files: list[Any], tmp_path: Path) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    for n, records in enumerate(files):
        (folder / f"f{n:02}.json").write_text(json.dumps(_file(records, n)), encoding="utf-8")
    coll = load_collection((str(folder),))
    flat = [
        ((n, f"r{i}"), (pf, wd))
        for n, recs in enumerate(files)
        for i, (_, pf, wd) in enumerate(recs)
    ]
    everyone = [ids for _, ids in flat]
    for place_a, ids_a in flat:
        for place_b, ids_b in flat:
            if place_a == place_b:
                continue
            same = coll.key(*place_a) == coll.key(*place_b)
            assert same == _oracle_same(ids_a, ids_b, everyone), (place_a, place_b, ids_a, ids_b)
    # Every tie: the file's party lists its partner, as of its page, never the reverse.
    expected = [
        (coll.key(n, "r0"), coll.key(n, f"r{i}"), n, f"{2010 + n}")
        for n, recs in enumerate(files)
        for i in range(1, len(recs))
    ]
    assert [(t.source, t.target, t.dataset, t.as_of) for t in coll.ties] == expected
    # Reciprocity: a tie is reciprocal when the other lists it back in some file.
    pairs = {(a, b) for a, b, _, _ in expected}
    for n, _records in enumerate(files):
        key = coll.key(n, "r0")
        for row in ties(coll, f"{coll.labels[n]}:r0"):
            other = row["other_key"]
            a, b = (key, other) if row["direction"] == "lists" else (other, key)
            assert (a, b) in pairs
            assert row["reciprocal"] == ((b, a) in pairs)
    # The network has one edge per tie, in its direction, with its file and source.
    from partyintl.collection import network

    net = network.build(coll, NetworkGraph.TIES)
    edges = sorted((a, b, d["dataset"], d["source_id"], d["as_of"]) for a, b, d in net.edges())
    assert edges == sorted((a, b, coll.labels[n], "page", y) for a, b, n, y in expected)
    # The store answers alike, through its indexes.
    from partyintl.collection import resolve
    from partyintl.collection.store import store_ties, write_store

    db = folder / "store.db"
    write_store(resolve((str(folder),)), str(db))
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    for n in range(len(files)):
        key = coll.key(n, "r0")
        mine = ties(coll, f"{coll.labels[n]}:r0")
        assert store_ties(str(db), key) == mine


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "1", "2"]),
            st.lists(st.sampled_from(["Q1", "Q2", "Q3"]), max_size=2, unique=True),
        ),
        max_size=8,
    )
)
def test_identify_is_a_partition_that_never_splits_a_party_facts_id(records: list[Any]) -> None:
    recs = [RecordIds(i, f"r{i}", pf, tuple(wd)) for i, (pf, wd) in enumerate(records)]
    keys = identify(recs)
    for r, k in zip(recs, keys, strict=True):
        if r.partyfacts:
            assert k == f"partyfacts:{r.partyfacts}"
        elif not r.wikidata:
            assert k == f"file{r.dataset}:{r.record}"  # without ids: always apart
    # Order does not matter: the same records in reverse get the same keys.
    assert identify(recs[::-1]) == keys[::-1]


YEARS = st.integers(2000, 2010)


@st.composite
def spans(draw: st.DrawFn) -> tuple[str | None, str | None, str | None]:
    def date() -> str:
        a = draw(YEARS)
        b = draw(st.one_of(st.none(), st.integers(a, 2010)))
        return f"{a}" if b is None or b == a else f"{a}/{b}"

    start = draw(st.one_of(st.none(), st.just(None).map(lambda _: date())))
    end = draw(st.one_of(st.none(), st.just(None).map(lambda _: date())))
    if start and end and dates.end(end) < dates.end(start):  # type: ignore[operator]
        end = None
    as_of = None if end else draw(st.one_of(st.none(), YEARS.map(str)))
    return start, end, as_of


@settings(deadline=None)  # the first example may load the edtf package
@given(spans(), YEARS)
def test_as_of_selection_against_an_oracle(span: Any, year: int) -> None:
    start, end, as_of = span
    period = {"start_date": start, "end_date": end, "as_of": as_of}
    day = f"{year}-12-31"
    starts = list(dates.fuzzy_bounds(start)) if start else ["0000-01-01"]
    ends = list(dates.fuzzy_bounds(end)) if end else ["9999-12-31"]
    # Holds on `day` for every start and end the dates allow (certain), for some (possible).
    holds = [s <= day < e for s in starts for e in ends]  # type: ignore[operator]
    answer = at_date(period, day)  # a day; a year means all its days (tests/test_asof.py)
    if not any(holds):
        assert answer is None
        return
    # Surely held up to the earliest day its sources' as-of date means; with no start,
    # only from the latest.
    stated = as_of is None or (dates.start(as_of) or "") >= day
    begun = start is not None or (as_of is not None and end is None and dates.end(as_of) <= day)  # type: ignore[operator]
    if all(holds) and stated and begun:
        assert answer == CERTAIN
    else:
        assert answer is not None and answer.startswith("possibly")


# --- draft reads a table of names as printed ----------------------------------------------

PRINTED = st.text(
    alphabet=st.sampled_from(list('abcXYZ éü’&,"-()')), min_size=1, max_size=30
).filter(lambda t: t.strip() and t.strip() not in ("The",))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            PRINTED,
            st.sampled_from(["Germany", "FYR Macedonia", "Serbia & Montenegro", "Atlantis", ""]),
            st.sampled_from(["new_full", "to_consultative", "ended", "new_observer"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_draft_keeps_every_row_as_printed(rows: list[Any], tmp_path: Path, cli: Run) -> None:
    table = tmp_path / "t.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "source",
                "meeting",
                "meeting_dates",
                "decision",
                "country_as_printed",
                "party_as_printed",
            ]
        )
        for name, country, decision in rows:
            writer.writerow(["s", "Council", "2010-05-01", decision, country, name])
    done = cli("draft", str(table), "--party", "Example International (EI)")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    orgs = data["organizations"]
    assert len(orgs) == len(rows)  # never merged by name
    for org, (name, country, _) in zip(orgs, rows, strict=True):
        line = org["sources"][0]["at"]
        assert line.startswith(f"line {orgs.index(org) + 2}: ")
        assert line.endswith(name.strip())
        assert org["name"] in name
        code = {"Germany": "DE", "FYR Macedonia": "MK"}.get(country)
        assert org.get("country_code") == code
        if country == "Atlantis":
            assert "'Atlantis', which partyintl does not know" in org["notes"][-1]
    assert data["party"]["other_names"][0]["name"] == "EI"
    assert len(data["memberships"]) == len(rows)


def test_draft_table_errors(cli: Run, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("name,colour\nA,red\n", encoding="utf-8")
    done = cli("draft", str(table), "--party", "X", "-o", str(tmp_path / "out.json"))
    assert done.returncode == 1
    assert (
        "  line 1, column 6: the header's 2nd name, 'colour', is no column of a table of names\n"
        in (done.stderr)
    )
    assert not (tmp_path / "out.json").exists()
    table.write_text("name,decision\nA,promoted\n", encoding="utf-8")
    done = cli("draft", str(table), "--party", "X")
    assert done.returncode == 1
    assert "line 2" in done.stderr and "decision 'promoted'" in done.stderr
    table.write_text("name\nA\n", encoding="utf-8")
    done = cli("draft", str(table))
    assert done.returncode == 2
    assert "give --party NAME" in done.stderr


# A name with what an SQLite URI would read as its query, fragment or an escape.
@pytest.mark.parametrize("name", ["c.db", "a?mode=rw#x %41.db"])
def test_the_store_answers_ties_and_only_ties(cli: Run, tmp_path: Path, name: str) -> None:
    other = str(ROOT / "tests" / "fixtures" / "collection-other-party.json")
    db = tmp_path / name
    done = cli("--data", "bundled", "--data", other, "network", "-f", "sqlite", "-o", str(db))
    assert done.returncode == 0, done.stderr
    from_files = _json(
        cli("--data", "bundled", "--data", other, "ties", "partyfacts:2244", "--json")
    )
    from_store = _json(cli("--data", str(db), "ties", "partyfacts:2244", "--json"))
    assert from_store == from_files
    assert [r["reciprocal"] for r in from_files if r["other"] == "Example Labour Party"] == [False]
    refused = cli("--data", str(db), "partners")
    assert refused.returncode == 1  # as inside a collection: a data file that is not one
    assert "A collection store (partyintl network --format sqlite)" in refused.stderr
    with sqlite3.connect(db) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"files", "sources", "organizations", "records", "ties", "periods"} <= tables
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_shared_partners_of_two_files_by_id(cli: Run) -> None:
    other = str(ROOT / "tests" / "fixtures" / "collection-other-party.json")
    rows = _json(
        cli(
            "--data",
            "bundled",
            "--data",
            other,
            "shared",
            "A JUST RUSSIA",
            "Example Labour Party",
            "--json",
        )
    )
    # The SPD, the PSOE and Fatah by their Party Facts ids, whatever the names; the French
    # "Socialist Party" without an id is not the bundled file's Socialist Party of France.
    assert [r["key"] for r in rows] == ["partyfacts:1338", "partyfacts:383", "partyfacts:6233"]
    assert {r["second_as_of"] for r in rows} == {"2021"}
    ties_of = _json(
        cli("--data", "bundled", "--data", other, "ties", "Example Labour Party", "--json")
    )
    russia = next(r for r in ties_of if r["other_key"] == "partyfacts:2244")
    assert (russia["direction"], russia["named"], russia["reciprocal"]) == (
        "lists",
        "Spravedlivaya Rossiya",
        False,
    )


# --- a name across files: whole names first, parts only from a word's start ---------------

OTHER = json.loads((ROOT / "tests" / "fixtures" / "collection-other-party.json").read_bytes())
BUNDLED_NAMES = sorted(
    {n for raw in load_collection(None).main.raw_orgs.values() for n in [raw["name"]]}
)


@given(name=st.sampled_from(BUNDLED_NAMES), tail=st.sampled_from(["Extra", "Youth Wing", "2"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_whole_name_in_one_file_beats_a_part_of_a_name_in_another(
    name: str, tail: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A second file's partner whose name only begins with the name asked for (no ids)
    does not compete with the record that has the name whole (a fresh tester's `ties SI`
    was refused as finding two organisations)."""
    from partyintl.collection import Collection
    from partyintl.data.load import load_bytes

    other = json.loads(json.dumps(OTHER))
    longer = dict(other["partners"][5], id="longer-name", name=f"{name} {tail}")
    longer["listing"] = dict(longer["listing"], position=len(other["partners"]) + 1)
    other["partners"].append(longer)
    second = load_bytes(json.dumps(other).encode(), "other.json", full=True)
    coll = Collection([load_collection(None).main, second], ["bundled", "other"])
    bundled = coll.main
    owners = [i for i, raw in bundled.raw_orgs.items() if raw["name"] == name]
    if len(owners) != 1:
        return  # two bundled records of one name: an ambiguity of its own
    assert coll.find(name) == coll.key(0, owners[0])


@pytest.mark.parametrize(
    ("query", "found"),
    [("SI", "file0:socialist-international"), ("Sinistra", "file1:sinistra-italiana")],
)
def test_the_example_si_and_a_name_that_begins_with_it(query: str, found: str) -> None:
    from partyintl.collection import Collection
    from partyintl.data.load import load_bytes

    other = json.loads(json.dumps(OTHER))
    italian = dict(other["partners"][5], id="sinistra-italiana", name="Sinistra Italiana")
    italian["country"], italian["country_code"] = "Italy", "IT"
    italian["listing"] = dict(italian["listing"], position=len(other["partners"]) + 1)
    other["partners"].append(italian)
    second = load_bytes(json.dumps(other).encode(), "other.json", full=True)
    coll = Collection([load_collection(None).main, second], ["bundled", "other"])
    assert coll.find(query) == found


def test_every_record_is_found_by_its_own_files_label_and_id() -> None:
    """With several files loaded, show, timeline --org and the report find a record by the
    FILE:ID that the questions across files print (a fresh tester's
    `show si-membership:socialist-international` found nothing)."""
    from partyintl.collection.augment import augmented
    from partyintl.query.names import ORGANISATION, find_record

    coll = load_collection(("bundled", "bundled:si-membership"))
    joined = augmented(coll)
    assert joined.aliases, "the SI roster adds A JUST RUSSIA's memberships"
    for alias, ident in joined.aliases.items():
        label, _, own = alias.partition(":")
        index = coll.labels.index(label)
        kinds = (ORGANISATION,) if own in coll.datasets[index].raw_orgs else ("event",)
        _, raw = find_record(joined, alias, kinds)
        assert raw["id"] == ident
        if ident in coll.main.raw_orgs and index:  # the same organisation by its ids
            assert coll.key(index, own) == coll.key(0, ident)
            continue
        source = {**coll.datasets[index].raw_orgs, **coll.datasets[index].raw_events}[own]
        assert raw["name"] == source["name"]
    # Every record of every file that is one of the main file's organisations by id.
    for index in range(1, len(coll.datasets)):
        for own in coll.datasets[index].raw_orgs:
            if coll.key(index, own) in {coll.key(0, i) for i in coll.main.raw_orgs}:
                assert f"{coll.labels[index]}:{own}" in joined.aliases


def test_two_records_of_one_name_are_offered_by_file_and_id(cli: Run) -> None:
    done = cli(*BOTH, "timeline", "--org", "SI")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-2:] == [
        "  a-just-russia:socialist-international (Socialist International, organisation)",
        "  si-membership:socialist-international (Socialist International, organisation)",
    ]
    chosen = cli(*BOTH, "timeline", "--org", "si-membership:socialist-international", "--json")
    assert chosen.returncode == 0, chosen.stderr
    assert {r["kind"] for r in _json(chosen)} == {"status_change", "status_end"}


# Paths of files as people write them, with a dot (`x.json`): after `bundled`, a word with
# no dot or slash that is no file reads as a bundled dataset's name, as --data reads it
# (`./a-just-russia` names such a file; env_values says so).
_PATHS = st.text(
    st.characters(blacklist_characters=":;\x00", blacklist_categories=("Cs",)), min_size=1
).map(lambda p: f"{p}.json")


@given(values=st.lists(st.one_of(_PATHS, st.sampled_from(["bundled", "bundled:si-membership"]))))
def test_partyintl_data_keeps_a_bundled_name_whole(values: list[str]) -> None:
    """PARTYINTL_DATA joins paths with `:`, and `bundled:NAME` has one too: it stays one
    value (a fresh tester's `PARTYINTL_DATA=bundled:si-membership` read a file
    'si-membership')."""
    import os

    from partyintl.collection import env_values

    if os.pathsep != ":":
        pytest.skip("the separator is not the bundled name's colon here")
    assert env_values(":".join(values)) == tuple(values)


def test_partyintl_data_with_the_roster(cli: Run) -> None:
    done = cli("memberships", "SI", "--json", env={"PARTYINTL_DATA": "bundled:si-membership"})
    assert done.returncode == 0, done.stderr
    assert len(_json(done)) == 50


# Every command that reads data files (ties reads a store too), and how it is given one:
# by --data, alone or before another file, or as the command's argument.
_GIVEN = ("as the argument",)
_READERS = [
    (c.name, how)
    for c in SPEC.commands
    if c.name not in ("schema", "draft", "ties", "network")
    for how in (
        ("as the argument",)
        if c.name in ("upgrade", "link")
        else ("alone", "with another file", *(_GIVEN if c.name == "validate" else ()))
    )
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "c.db")
    done = run_cli(*BOTH, "network", "-f", "sqlite", "-o", path)
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize(("command", "how"), _READERS)
def test_a_store_where_data_files_are_read_is_named_as_one(
    command: str, how: str, store: str
) -> None:
    """A collection store given to any command but `ties`: said to be one, never 'not
    UTF-8' (a fresh tester's `--data coll.db memberships ...`)."""
    args = {"export": ["-f", "popolo"], "shared": NEEDS["shared"][:2]}.get(
        command, NEEDS.get(command, [])
    )
    if how == "as the argument":
        done = run_cli(command, store, *(["-o", store + ".out"] if command == "upgrade" else []))
    else:
        data = ["--data", store] + (["--data", "bundled"] if how != "alone" else [])
        done = run_cli(*data, command, *args)
    assert done.returncode in (1, 2), done.stderr
    assert "collection store" in done.stderr
    assert "UTF-8" not in done.stderr and "Traceback" not in done.stderr


def test_a_party_whose_file_lists_no_partners_is_said_to_have_its_file(cli: Run) -> None:
    done = cli(*BOTH, "shared", "a-just-russia", "si-membership:socialist-international")
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr.strip()) == (
        "",
        "A JUST RUSSIA and Socialist International list no partner in common. Socialist "
        "International lists no partners in si-membership, the file about it.",
    )


_WITH_DATA = [c.name for c in SPEC.commands if c.name not in ("schema", "draft", "link", "upgrade")]


@pytest.mark.parametrize("command", _WITH_DATA)
@pytest.mark.parametrize("before", [[], ["--data", "bundled"]])
def test_an_empty_data_value_names_no_file(command: str, before: list[str]) -> None:
    """`--data ""` is refused by every command that reads data (it quietly meant the
    bundled dataset to some, 'no such file' to others)."""
    args = {"export": ["-f", "popolo"], "network": ["-f", "gexf"]}.get(
        command, NEEDS.get(command, [])[:2]
    )
    done = run_cli(*before, "--data", "", command, *args)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "partyintl: error: --data was given an empty value: give a data file, a folder of "
        "them, or bundled[:NAME].\n"
    )


_IDS = st.builds(
    lambda d, n, pf, qs: (d, f"r{n}", pf, tuple(qs)),
    st.integers(0, 2),
    st.integers(0, 30),
    st.one_of(st.none(), st.sampled_from(["1", "2", "3"])),
    st.lists(st.sampled_from(["Q1", "Q2", "Q3", "Q4"]), max_size=2, unique=True),
)


@given(raw=st.lists(_IDS, max_size=12, unique_by=lambda t: (t[0], t[1])))
def test_disagreeing_ids_are_said_exactly_when_they_disagree(raw: list[Any]) -> None:
    """Records joined by a Party Facts id whose Wikidata ids share none, and a Wikidata id
    carried by records of two Party Facts ids, are each said (a fresh tester's conflicting
    record was merged without a word); ids that agree say nothing."""
    from partyintl.collection.identity import disagreements

    records = [RecordIds(*r) for r in raw]
    said = disagreements(records, ["a", "b", "c"])
    pf_groups: dict[str, list[set[str]]] = {}
    owners: dict[str, set[str]] = {}
    for r in records:
        if r.partyfacts is not None:
            if r.wikidata:
                pf_groups.setdefault(r.partyfacts, []).append(set(r.wikidata))
            for q in r.wikidata:
                owners.setdefault(q, set()).add(r.partyfacts)
    joined = sum(
        1
        for sets in pf_groups.values()
        if any(not a & b for i, a in enumerate(sets) for b in sets[i + 1 :])
    )
    shared = sum(1 for pfs in owners.values() if len(pfs) > 1)
    assert len(said) == joined + shared
    assert sum("joins records whose Wikidata ids differ" in s for s in said) == joined


def test_disagreeing_ids_are_noted_by_the_questions_across_files(tmp_path: Path) -> None:
    other = json.loads(json.dumps(OTHER))
    spd = next(p for p in other["partners"] if p["name"].startswith("Sozialdemokratische"))
    spd["identifiers"] = [
        dict(i, identifier="Q1") if i["scheme"] == "wikidata" else i for i in spd["identifiers"]
    ]
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    done = run_cli("--data", "bundled", "--data", str(path), "ties", "partyfacts:383")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        "note: partyfacts:383 joins records whose Wikidata ids differ (a-just-russia: spd "
        "(Q49768); other: sozialdemokraten (Q1)): one of them may be wrong."
    )
    quiet = run_cli(
        "--data",
        "bundled",
        "--data",
        str(ROOT / "tests" / "fixtures" / "collection-other-party.json"),
        "ties",
        "partyfacts:383",
    )
    assert not quiet.stderr.startswith("note:")


@given(
    sort=st.sampled_from(["source", "name", "country", "left_right"]),
    limit=st.one_of(st.none(), st.integers(1, 6)),
    country=st.one_of(st.none(), st.sampled_from(["Moldova", "Armenia", "Mexico", "Germany"])),
)
@settings(max_examples=30, deadline=None)
def test_member_of_sorts_and_limits_the_members_as_partners_would_be(
    sort: str, limit: int | None, country: str | None
) -> None:
    """--sort orders the members as it orders partners, and --limit counts members (it cut
    the partner list before the question: `--limit 2` said no partner was a member)."""
    narrow = ["-c", country] if country else []
    order = [
        p["name"] for p in json.loads(run_cli("partners", "--sort", sort, *narrow, "--json").stdout)
    ]
    every = json.loads(run_cli(*BOTH, "partners", "--member-of", "SI", "--json").stdout)
    members = [name for name in order if any(r["member"] == name for r in every)]
    if limit is not None:
        members = members[:limit]
    asked = ["--sort", sort, *narrow, *(["--limit", str(limit)] if limit else [])]
    done = run_cli(*BOTH, "partners", "--member-of", "SI", *asked, "--json")
    assert done.returncode == 0, done.stderr
    assert list(dict.fromkeys(r["member"] for r in json.loads(done.stdout))) == members


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("ties", "Moldova"), "'Moldova' is a country, not an organisation: for its partners"),
        (("memberships", "Serbia"), "'Serbia' is a country, not an organisation: for its"),
    ],
)
def test_a_country_asked_for_as_an_organisation_across_files(
    args: tuple[str, ...], words: str
) -> None:
    """`ties Moldova` said no organisation matched; now, as `show Moldova`, it points to
    the country's partners and lists the records with the name in theirs, by file."""
    done = run_cli(*BOTH, *args)
    assert done.returncode == 2
    assert done.stderr.startswith(f"partyintl: error: {words}")
    assert "a-just-russia: " in done.stderr


def test_every_key_an_answer_prints_finds_its_organisation() -> None:
    """The keys `ties` and the network print (`file1:pes`, `partyfacts:383`) are accepted
    back, and `FILE: ID` as a candidate list prints it."""
    coll = load_collection(("bundled", "bundled:si-membership"))
    for key in set(coll.keys.values()):
        assert coll.find(key) == key
    for (index, ident), key in list(coll.keys.items())[:40]:
        assert coll.find(f"{coll.labels[index]}: {ident}") == key


@pytest.mark.parametrize(
    ("args", "provenance"),
    [
        (("ties", "spd"), ["dataset", "source", "at", "as_of"]),
        (("shared", "a-just-russia", "example-labour-party"), ["first_source", "second_source"]),
        (("memberships", "a-just-russia"), ["dataset", "sources"]),
    ],
)
@pytest.mark.parametrize("fmt", ["markdown", "table"])
def test_tables_for_people_keep_every_ties_source(
    args: tuple[str, ...], provenance: list[str], fmt: str
) -> None:
    """A tie keeps its source in the formats for people too (ties and shared showed only
    the as-of date in a table and in Markdown)."""
    other = str(ROOT / "tests" / "fixtures" / "collection-other-party.json")
    done = run_cli("--data", "bundled", "--data", other, *args, "-f", fmt, env={"COLUMNS": "250"})
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.strip())
    header = header if fmt == "markdown" else done.stdout.splitlines()[1]
    assert all(column in header.replace("|", " ").split() for column in provenance), header


@given(env=st.text(":", min_size=1, max_size=4))
@settings(max_examples=5, deadline=None)
def test_partyintl_data_of_separators_only_names_no_file(env: str) -> None:
    """`PARTYINTL_DATA=:` quietly meant the bundled dataset; it names no file."""
    done = run_cli("partners", "-n", "1", env={"PARTYINTL_DATA": env})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"partyintl: error: PARTYINTL_DATA is {env!r}, which names")


def test_a_timeline_of_an_internationals_file_says_whose_each_status_is() -> None:
    """The roster's timeline had 50 rows "Full status in Socialist International" and
    no member: each entry of a membership that is not the file's party's names whose it
    is; the party's own entries stay as they were."""
    roster = json.loads(ROSTER.read_text(encoding="utf-8"))
    names = {o["id"]: o["name"] for o in roster.get("organizations", ())}
    rows = json.loads(run_cli("--data", "bundled:si-membership", "timeline", "--json").stdout)
    status = [r for r in rows if r["kind"] in ("status_change", "status_end")]
    expected = sum(
        len(ms["periods"]) + sum(1 for p in ms["periods"] if (p.get("end") or {}).get("status"))
        for ms in roster["memberships"]
    )
    assert len(status) == expected
    members = {names[ms["member_id"]] for ms in roster["memberships"]}
    assert all(r["title"].split(": ")[0] in members for r in status)
    own = json.loads(run_cli("timeline", "--json").stdout)
    assert [r["title"] for r in own if r["kind"] == "status_change"][:2] == [
        "Observer status in Socialist International",
        "Consultative status in Socialist International",
    ]


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
def test_names_usual_names_each_member_by_its_usual_name_for_people(fmt: str) -> None:
    """`--names usual` renames --member-of's members in the formats for people, as it
    renames partners (it was ignored there); machine formats keep the names as printed."""
    from partyintl import load_dataset
    from partyintl.query.names import usual_name

    usual = {p["name"]: usual_name(p) for p in load_dataset().raw_partners}
    asked = [*BOTH, "partners", "--member-of", "SI", "-f", fmt]
    plain = run_cli(*asked, "--fields", "member").stdout
    named = run_cli("--names", "usual", *asked, "--fields", "member").stdout
    members = [m for m in usual if m in plain]
    assert members
    cells = [line.strip("| ") for line in named.splitlines()]
    if fmt == "markdown":
        assert all(usual[member] in cells for member in members), named
        assert any(usual[m] != m for m in members)
    else:
        assert all(member in named for member in members), named


#: PARTYINTL_DATA as a user may set it (test_completion's ways of naming data, those in
#: the environment), and values that name no readable file.
_ENV_NAMINGS = [env for words, env, _ in NAMINGS if not words and env is not None] + [
    "bundled:nope",
    "bundled:",
    "{mine}.missing",
    f"{{mine}}{os.pathsep}nope.json",
]


@pytest.mark.parametrize("env", _ENV_NAMINGS)
def test_load_dataset_reads_partyintl_data_as_the_command_line_does(
    env: str, tmp_path: Path, raw_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's load_dataset() returns the file a command answers about (the first
    named, bundled names resolved), and fails where the command fails (a fresh tester saw
    it refuse `bundled:si-membership`, which every command takes)."""
    from partyintl import PartyintlError, load_dataset

    mine = data_with(tmp_path / "folder", raw_data, ONLY_IN["mine"], "mine.json")
    value = env.format(mine=mine, folder=mine.parent)
    monkeypatch.setenv("PARTYINTL_DATA", value)
    answer = run_cli("partners", "-f", "json", "--fields", "id,name", env={"PARTYINTL_DATA": value})
    try:
        ds = load_dataset()
    except PartyintlError as exc:
        assert answer.returncode == exc.exit_code != 0, (answer.stderr, str(exc))
        assert answer.stderr.startswith(f"partyintl: error: {str(exc).splitlines()[0]}")
        return
    assert answer.returncode == 0, answer.stderr
    ids = [(p["id"], p["name"]) for p in ds.raw["partners"]]
    assert [(r["id"], r["name"]) for r in json.loads(answer.stdout)] == ids


@pytest.mark.parametrize("value", ["bundled:nope", "bundled:", "bundled:si-membership", "bundled"])
def test_a_bundled_name_means_one_thing_in_data_and_in_the_environment(value: str) -> None:
    """`--data V` and `PARTYINTL_DATA=V` answer alike, an unknown bundled name included
    (the environment read `bundled:nope` as the default and a missing file `nope`, exit 1,
    where --data said there is no such bundled dataset, exit 2)."""
    flag = run_cli("--data", value, "partners", "-f", "json", "--fields", "id")
    env = run_cli("partners", "-f", "json", "--fields", "id", env={"PARTYINTL_DATA": value})
    assert (env.returncode, env.stdout) == (flag.returncode, flag.stdout)
    assert env.stderr == flag.stderr.replace("--data", "PARTYINTL_DATA", 1)
    if flag.returncode:
        assert flag.returncode == 2
        assert f"--data '{value}': no bundled dataset of that name." in flag.stderr


def _lonely(tmp_path: Path) -> Path:
    """A party whose own file lists no partners."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["party"] |= {"id": "lonely", "name": "Lonely Party", "identifiers": [], "other_names": []}
    for key in ("partners", "events", "memberships", "people", "contacts", "organizations"):
        raw[key] = []
    path = tmp_path / "lonely.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (
            ["ties", "Lonely"],
            0,
            "Lonely Party's own file (lonely) lists no partners, and no "
            "other loaded file lists it.",
        ),
        (["ties", "lonely:zzz"], 2, "No organisation of lonely matches 'zzz' (in lonely:zzz)."),
        (
            ["ties", "nofile:spd"],
            2,
            "no loaded file is named 'nofile': they are a-just-russia, lonely)",
        ),
        (["memberships", "lonely:nobody"], 2, "No organisation of lonely matches 'nobody'"),
    ],
)
def test_what_a_question_about_several_files_says_when_it_finds_nothing(
    tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    """A party's own file was 'no loaded file is about it'; FILE:ID lost its FILE."""
    from conftest import run_here

    lonely = _lonely(tmp_path)
    got, out, err = run_here(["--data", "bundled", "--data", str(lonely), *args])
    assert got == code
    assert says in (err if code else out + err), (out, err)


@pytest.mark.parametrize("graph", ["ties", "membership"])
def test_a_loaded_party_without_ties_is_a_node_of_the_network(tmp_path: Path, graph: str) -> None:
    """A party whose file lists no partners and no memberships made a graph of 0 nodes."""
    import networkx as nx

    from conftest import run_here

    lonely = _lonely(tmp_path)
    out = tmp_path / "net.graphml"
    code, _, err = run_here(
        ["--data", str(lonely), "network", "-f", "graphml", "--graph", graph, "-o", str(out)]
    )
    assert code == 0, err
    g = nx.read_graphml(out)
    assert [next(v for v in d.values() if v == "Lonely Party") for _, d in g.nodes(data=True)] == [
        "Lonely Party"
    ]


def test_a_folder_names_what_it_skips(tmp_path: Path) -> None:
    """A broken link or a folder named x.json was skipped without a word; then a link to
    a device or a folder was said to lead nowhere. Each is said for what it is."""
    import shutil

    from conftest import run_cli as run

    folder = tmp_path / "coll"
    folder.mkdir()
    shutil.copy(DATA, folder / "a.json")
    shutil.copy(DATA, folder / ".hidden.json")
    (folder / "broken.json").symlink_to(tmp_path / "nowhere")
    (folder / "sub.json").mkdir()
    os.mkfifo(folder / "f.json")
    (folder / "l.json").symlink_to("/dev/null")
    (folder / "m.json").symlink_to(tmp_path)
    result = run("--data", str(folder), "ties", "SPD", "-f", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"Skipped in {folder}: broken.json (a link that leads nowhere); f.json (a named "
        "pipe); l.json (a link to a device); m.json (a link to a folder); sub.json (a "
        "folder).\n"
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(PRINTED, st.sampled_from(["s1", "s2", "", "table"])), min_size=1, max_size=6
    ),
    declared=st.booleans(),
)
def test_a_names_table_with_a_source_column_drafts_a_valid_file(
    rows: list[Any], declared: bool, tmp_path: Path, cli: Run
) -> None:
    """A table of names whose rows name their sources failed its own draft: its partners
    sat on a list 'table' that no source declared."""
    assume(any(name.strip() for name, _ in rows))
    table = tmp_path / "t.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name_as_printed", "source"])
        writer.writerows((name, source) for name, source in rows if name.strip())
    extra: list[str] = []
    if declared:
        sources = tmp_path / "sources.json"
        described = [
            {"id": s, "title": f"Source {s}", "publisher": "P", "language": "en", "as_of": "2020"}
            for s in ("s1", "s2")
        ]
        sources.write_text(json.dumps(described), encoding="utf-8")
        extra = ["--sources", str(sources)]
    done = cli("draft", str(table), "--party", "X Party", "--published", "2020", *extra)
    cited = {source or "table" for name, source in rows if name.strip()}
    if declared and not cited <= {"s1", "s2"}:  # a row citing what --sources leaves out
        assert done.returncode == 1 and "describes" in done.stderr, done.stderr
        assert "(s1, s2)" in done.stderr, done.stderr
        return
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    lists = {lst["id"] for s in data["sources"] for lst in s.get("lists", ())}
    assert {p["listing"]["list"] for p in data["partners"]} <= lists


@pytest.mark.parametrize("command", ["ties", "memberships", "show"])
@pytest.mark.parametrize("naming", ["label", "file name", "path as given"])
def test_file_id_names_a_file_by_its_label_name_or_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, naming: str
) -> None:
    """`FILE:ID` took only the file's label (`spd`): `spd.json:ID` and `parties/spd.json:ID`,
    as the user gave the file, found nothing."""
    from conftest import run_here

    monkeypatch.chdir(tmp_path)
    (tmp_path / "parties").mkdir()
    (tmp_path / "parties" / "russia.json").write_bytes(DATA.read_bytes())
    given = os.path.join("parties", "russia.json")
    name = {"label": "russia", "file name": "russia.json", "path as given": given}[naming]
    base = ["--data", "bundled:si-membership", "--data", given, command]
    want = run_here([*base, "russia:a-just-russia", "-f", "json"])
    got = run_here([*base, f"{name}:a-just-russia", "-f", "json"])
    assert want[0] == 0 and want[1], want
    assert got == want


@pytest.mark.parametrize(
    "argv",
    [
        ["partners", "--json", "-o", "{}/z.json"],
        ["ties", "A JUST RUSSIA", "-f", "json", "-o", "{}/z.json"],
        ["export", "-f", "popolo", "-o", "{}/z.json"],
        ["schema", "--json", "-o", "{}/z.json"],
        ["network", "-f", "gexf", "-o", "{}/z.json"],
    ],
)
@pytest.mark.parametrize("how", ["--data", "PARTYINTL_DATA"])
def test_an_answer_is_not_written_as_a_data_file_of_a_folder_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], how: str
) -> None:
    """`--data dd partners --json -o dd/z.json` wrote z.json into the folder it read, and
    every later question about dd failed on it ("the top level is an array")."""
    from conftest import run_here

    folder = tmp_path / "dd"
    folder.mkdir()
    (folder / "a.json").write_bytes(DATA.read_bytes())
    if how == "PARTYINTL_DATA":
        monkeypatch.setenv("PARTYINTL_DATA", str(folder))
    given = ["--data", str(folder)] if how == "--data" else []
    code, out, err = run_here([*given, *(a.format(folder) for a in argv)])
    assert (code, out) == (2, ""), err
    assert "would be a data file of the folder" in err
    assert sorted(p.name for p in folder.iterdir()) == ["a.json"]
    code, _, err = run_here([*given, "partners", "-f", "csv", "-o", str(folder / "z.csv")])
    assert code == 0, err  # another kind of file is no data file of it
    code, _, err = run_here([*given, "partners", "--json", "-o", str(folder / ".z.json")])
    assert code == 0, err  # nor is a hidden one: a folder's files leave it out


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(which=st.integers(0, 10_000), moved=st.booleans())
def test_records_of_one_organisation_in_two_countries_are_said(
    tmp_path: Path, which: int, moved: bool
) -> None:
    """The same Party Facts party placed in Germany by one file and in Austria by another
    was merged without a word (the ids' disagreements had one)."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    linked = [p for p in raw["partners"] if p.get("country_code") and p.get("identifiers")]
    partner = linked[which % len(linked)]
    other = dict(raw)
    other["partners"] = [dict(p) for p in raw["partners"]]
    changed = next(p for p in other["partners"] if p["id"] == partner["id"])
    if moved:
        code = "AT" if partner["country_code"] != "AT" else "CH"
        changed.update(country={"AT": "Austria", "CH": "Switzerland"}[code], country_code=code)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.write_text(json.dumps(raw), encoding="utf-8")
    second.write_text(json.dumps(other), encoding="utf-8")
    coll = load_collection((str(first), str(second)))
    said = [d for d in coll.disagreements if "countries" in d]
    assert len(said) == int(moved), said
    if moved:
        key = coll.key(0, partner["id"])
        assert said[0].startswith(f"{key} has records in 2 countries (first: {partner['id']} (")


@pytest.mark.parametrize("columns", [40, 80])
def test_notes_about_several_files_wrap_on_a_terminal(tmp_path: Path, columns: int) -> None:
    """A note of 186 characters ("SI found as ...") ran past the terminal's width."""
    from conftest import on_a_terminal

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    code, screen = on_a_terminal(
        ["--data", "bundled", "--data", "bundled:si-membership", "partners", "--member-of", "SI",
         "-f", "csv"],
        env,
        stdout_too=False,
        columns=columns,
    )  # fmt: skip
    assert code == 0
    lines = screen.decode("utf-8").split("\r\n")
    said = [line for line in lines if line.strip()]
    assert any("found as" in line for line in said), said
    assert all(len(line) <= columns or " " not in line.strip() for line in said), said


@pytest.mark.parametrize("naming", ["we:ird", "we:ird.json"])
def test_file_id_names_a_file_whose_name_holds_a_colon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, naming: str
) -> None:
    """`ties we:ird:beta` was read as the file `we` ("no loaded file is named 'we': they
    are ..., we:ird")."""
    from conftest import run_here

    monkeypatch.chdir(tmp_path)
    (tmp_path / "we:ird.json").write_bytes(DATA.read_bytes())
    base = ["--data", "bundled:si-membership", "--data", "we:ird.json", "ties"]
    code, out, err = run_here([*base, f"{naming}:a-just-russia", "-f", "json"])
    assert code == 0, err
    assert json.loads(out) and all(
        r["dataset"] in ("we:ird", "si-membership") for r in json.loads(out)
    )


def _organisations_of_the_bundled_party() -> list[str]:
    from conftest import DATA

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return [o["id"] for o in raw.get("organizations", []) + raw["partners"]][:40]


@pytest.mark.parametrize("org", _organisations_of_the_bundled_party())
def test_an_empty_member_of_answer_names_a_bundled_roster_only_when_it_holds_the_org(
    org: str,
) -> None:
    """An empty `--member-of` answer told the user to load the Socialist International's
    roster whatever organisation was asked about ("Example International" too). It names a
    bundled dataset only when that dataset finds the organisation and holds memberships;
    otherwise it says to load the file that holds the decisions."""
    from conftest import DATA, run_here
    from partyintl.collection import bundled_file, load_collection
    from partyintl.errors import UsageError

    roster = load_collection([bundled_file("si-membership")])
    try:
        roster.find_all(org)
        held = True
    except UsageError:
        held = False
    code, out, err = run_here(["partners", "--member-of", org, "--as-of", "1900"])
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    kind = next(o["type"] for o in raw.get("organizations", []) + raw["partners"] if o["id"] == org)
    if kind == "party" and not held:  # a party has no members: asked as one, refused
        assert (code, out) == (2, ""), err
        assert "a party, which is no international" in err, err
        return
    assert (code, out) == (0, ""), err
    if held:
        said = (
            "Load the international's decisions too: --data bundled --data bundled:si-membership."
        )
    else:
        said = (
            "Load the file that holds the international's decisions too: --data bundled "
            "--data FILE."
        )
    assert " ".join(err.split()).endswith(said), err


@settings(max_examples=30, deadline=None)
@given(
    data=st.data(),
    form=st.sampled_from(["label", "name", "path"]),
    case=st.sampled_from([str, str.upper, str.title, str.swapcase]),
)
def test_a_key_as_answers_print_it_finds_its_record_with_one_file_loaded(
    tmp_path_factory: pytest.TempPathFactory, data: Any, form: str, case: Any
) -> None:
    """`show a-just-russia:spd` found the SPD with two files loaded and nothing with one
    (a tester's find), though answers print such keys with one file too. Any record of a
    file loaded alone, by its file's label, file name or path, in any case (`MINE:spd`
    found nothing): the same answer as by id."""
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    ids = [r["id"] for key in ("partners", "organizations", "people", "events") for r in raw[key]]
    ident = data.draw(st.sampled_from(ids))
    folder = tmp_path_factory.mktemp("one")
    path = folder / "mine.json"
    path.write_bytes(DATA.read_bytes())
    file = case({"label": "mine", "name": "mine.json", "path": str(path)}[form])
    by_id = run_here(["--data", str(path), "show", ident, "-f", "json"])
    by_key = run_here(["--data", str(path), "show", f"{file}:{ident}", "-f", "json"])
    assert by_id[0] == 0, by_id[2]
    assert by_key == by_id
    bundled = run_here(["show", f"{case('a-just-russia')}:{ident}", "-f", "json"])
    assert bundled == by_id


@settings(max_examples=20, deadline=None)
@given(
    label=st.from_regex(r"[a-zA-Z][a-zA-Z0-9._-]{0,7}", fullmatch=True),
    several=st.booleans(),
    command=st.sampled_from(["show", "ties", "timeline --org", "memberships"]),
)
def test_a_key_of_no_loaded_file_names_the_files_that_are(
    label: str, several: bool, command: str
) -> None:
    """`show other:spd` with one file loaded said only "No partner, person or event
    matches": the reader could not tell a mistyped file from a missing record. A FILE:ID
    key whose FILE names no loaded file says which files are loaded, with one file or
    several, from each command that finds a record."""
    from conftest import DATA, run_here

    files = ["--data", str(DATA), "--data", "bundled:si-membership"] if several else []
    labels = ["partners", "si-membership"] if several else ["a-just-russia"]
    assume(label.casefold().removesuffix(".json") not in labels)
    code, out, err = run_here([*files, *command.split(), f"{label}:spd"])
    assert (code, out) == (2, ""), err
    said = " ".join(err.split())
    named = "they are partners, si-membership" if several else "it is a-just-russia"
    assert (
        f"(FILE:ID names a record of a loaded file, and no loaded file is named '{label}': "
        f"{named})." in said
    ), err


@pytest.mark.parametrize("name", ["x.JSON", "x.Json", "party.jSoN"])
def test_a_folder_reads_a_data_file_whatever_the_case_of_its_extension(
    tmp_path: Path, name: str
) -> None:
    """A data folder left out `x.JSON` (a tester's find): said to hold no data file."""
    from conftest import DATA, run_here

    folder = tmp_path / "parties"
    folder.mkdir()
    (folder / name).write_bytes(DATA.read_bytes())
    code, out, err = run_here(["--data", str(folder), "partners", "-f", "plain"])
    assert code == 0, err
    assert out == run_here(["partners", "-f", "plain"])[1]


@settings(max_examples=12, deadline=None)
@given(sort=st.sampled_from(["name", "left_right", "country", None]), ranged=st.booleans())
def test_member_of_shows_the_score_it_is_sorted_or_filtered_by(
    sort: str | None, ranged: bool
) -> None:
    """`partners --member-of SI --sort left_right` showed no score column, and
    `--fields left_right` was unknown there, though --sort's help promises the column.
    The score is a column when the partners are sorted or filtered by it, and a field
    always, each row's its partner's."""
    from conftest import run_here

    both = ["--data", "bundled", "--data", "bundled:si-membership"]
    asked = [*(["--sort", sort] if sort else []), *(["--left-right", "..0"] if ranged else [])]
    code, out, err = run_here([*both, "partners", "--member-of", "SI", *asked, "--json"])
    assert code == 0, err
    rows = json.loads(out)
    code, out, err = run_here([*both, "partners", *asked, "--json"])
    scores = {p["name"]: p["left_right"] for p in json.loads(out)}
    assert rows and all(r["left_right"] == scores[r["member"]] for r in rows)
    code, out, err = run_here([*both, "partners", "--member-of", "SI", *asked, "-f", "markdown"])
    header = [c.strip() for c in out.splitlines()[0].strip("|").split("|")]
    assert ("left_right" in header) == (sort == "left_right" or ranged), header


@settings(max_examples=10, deadline=None)
@given(epoch=st.integers(0, 253402300799), several=st.booleans())
def test_a_gexf_file_is_dated_by_source_date_epoch(epoch: int, several: bool) -> None:
    """`network -f gexf` wrote today's date into its meta element whatever
    SOURCE_DATE_EPOCH said, so the same data gave other bytes on another day (the report
    and every other export honour it). The day is the epoch's, in UTC."""
    import datetime as dt

    from conftest import run_cli

    files = ["--data", "bundled", "--data", "bundled:si-membership"] if several else []
    env = {"SOURCE_DATE_EPOCH": str(epoch)}
    first = run_cli(*files, "network", "-f", "gexf", env=env)
    assert first.returncode == 0, first.stderr
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    assert first.stdout.splitlines()[2] == f'  <meta lastmodifieddate="{day}">'
    assert run_cli(*files, "network", "-f", "gexf", env=env).stdout == first.stdout


@pytest.fixture(scope="module")
def folder_and_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The two bundled files in a folder, and the store `network -f sqlite` makes of it."""
    from conftest import DATA, ROOT, run_cli

    root = tmp_path_factory.mktemp("both")
    folder = root / "parties"
    folder.mkdir()
    (folder / "ajr.json").write_bytes(DATA.read_bytes())
    (folder / "si.json").write_bytes((ROOT / "data" / "si-membership.json").read_bytes())
    store = root / "store.db"
    done = run_cli("--data", str(folder), "network", "-f", "sqlite", "-o", str(store))
    assert done.returncode == 0, done.stderr
    return folder, store


@settings(max_examples=30, deadline=None)
@given(data=st.data(), form=st.sampled_from(["label", "LABEL", "position", "id", "name"]))
def test_the_store_takes_the_names_of_an_organisation_the_folder_takes(
    folder_and_store: tuple[Path, Path], data: Any, form: str
) -> None:
    """`--data store.db ties big:synthetic-100` was "No organisation of the store is ...",
    though the folder it was made of answered it, and the answers print such labels; a
    record's id alone (`spd`) failed too. A record of either file named by its file's
    label (in any case), its place (`file1`), its id or its name: the store answers as the
    folder does."""
    import json

    from conftest import DATA, ROOT, run_cli

    folder, store = folder_and_store
    files = [("ajr", json.loads(DATA.read_text(encoding="utf-8")))]
    files.append(("si", json.loads((ROOT / "data" / "si-membership.json").read_text("utf-8"))))
    at = data.draw(st.integers(0, 1))
    label, raw = files[at]
    records = [raw["party"], *raw["partners"], *raw.get("organizations", [])]
    record = data.draw(st.sampled_from(records))
    name = {
        "label": f"{label}:{record['id']}",
        "LABEL": f"{label.upper()}:{record['id']}",
        "position": f"file{at}:{record['id']}",
        "id": record["id"],
        "name": record["name"],
    }[form]
    from_folder = run_cli("--data", str(folder), "ties", name, "-f", "csv")
    from_store = run_cli("--data", str(store), "ties", name, "-f", "csv")
    if from_folder.returncode == 0:
        assert (from_store.returncode, from_store.stdout) == (0, from_folder.stdout), name
    elif "No organisation matches" in from_folder.stderr:  # unknown to both
        assert from_store.returncode == from_folder.returncode, (name, from_store.stderr)


@settings(max_examples=20, deadline=None)
@given(data=st.data(), command=st.sampled_from([["show"], ["timeline", "--org"]]))
def test_a_record_of_another_file_is_said_so_by_show_and_timeline(
    data: Any, command: list[str]
) -> None:
    """With two files loaded, `show file1:akbayan` said "No partner, person or event
    matches 'si-membership:akbayan'" (another key than the one typed) and `show
    partyfacts:2391` "No record has the partyfacts id 2391", though the second file has
    it and `ties` finds it. A record of the second file, by its label, its place or its
    Party Facts id: the message names what was typed, the file show and timeline answer
    about, and the commands that look in every file."""
    import json

    from conftest import ROOT
    from conftest import run_here as run
    from partyintl import load_dataset

    si = json.loads((ROOT / "data" / "si-membership.json").read_text(encoding="utf-8"))
    main = {o["id"] for o in load_dataset().raw_orgs.values()}
    pf_main = {
        i["identifier"]
        for o in load_dataset().raw_orgs.values()
        for i in o.get("identifiers", ())
        if i["scheme"] == "partyfacts"
    }
    only = [  # of the second file alone: neither its id nor its Party Facts id in the first
        o
        for o in si["organizations"]
        if o["id"] not in main
        and not {i["identifier"] for i in o.get("identifiers", ()) if i["scheme"] == "partyfacts"}
        & pf_main
    ]
    record = data.draw(st.sampled_from(only))
    ids = [i["identifier"] for i in record.get("identifiers", ()) if i["scheme"] == "partyfacts"]
    forms = [f"si-membership:{record['id']}", f"file1:{record['id']}"]
    forms += [f"partyfacts:{i}" for i in ids if i not in pf_main]
    typed = data.draw(st.sampled_from(forms))
    code, out, err = run(["--data", "bundled", "--data", "bundled:si-membership", *command, typed])
    assert (code, out) == (2, ""), err
    said = " ".join(err.split())
    if typed.startswith("partyfacts:"):
        assert said.endswith(
            "in a-just-russia, the file this command answers about (the first loaded); "
            "`ties` and `memberships` look in every file."
        ), said
    else:
        assert said.startswith(
            f"partyintl: error: '{typed}' asks for a record of si-membership, and this "
            "command answers about a-just-russia, the first file loaded"
        ), said


@pytest.mark.parametrize("typed", ["PARTYFACTS:383", "PartyFacts:383", "WIKIDATA:Q49768"])
def test_the_store_takes_an_id_of_another_dataset_in_any_case(
    folder_and_store: tuple[Path, Path], typed: str
) -> None:
    """`--data store.db ties PARTYFACTS:383` was "No organisation of the store", though the
    folder it was made of answered it."""
    from conftest import run_cli

    folder, store = folder_and_store
    from_folder = run_cli("--data", str(folder), "ties", typed, "-f", "csv")
    from_store = run_cli("--data", str(store), "ties", typed, "-f", "csv")
    assert from_folder.returncode == 0, from_folder.stderr
    assert (from_store.returncode, from_store.stdout) == (0, from_folder.stdout)


# --- generated: the network files, written as made, read back by networkx ------------------

#: Characters a name may hold that XML must escape or that readers mishandle.
_NAME_CHARS = st.sampled_from(list("aZ9 &<>\"';:/\\#%é中ع😀ßЖ–·"))


def _as_networkx_graph(net: Any) -> Any:
    """The same nodes and edges given to networkx directly: the oracle of what a GEXF or
    GraphML reader must find in the written file."""
    import networkx as nx

    directed = net.directed
    multi = net.graph is not NetworkGraph.PROJECTION
    g: Any = (nx.MultiDiGraph() if directed else nx.MultiGraph()) if multi else nx.Graph()
    for key, attrs in net.node_items():
        g.add_node(key, **attrs)
    for a, b, attrs in net.edges():
        g.add_edge(a, b, **attrs)
    return g


def _shape(g: Any, own: tuple[str, ...]) -> tuple[Any, Any]:
    """Nodes with their attributes, and the edges with theirs as a sorted list (values as
    text, the writers' own keys and ids left out): what two graphs must share."""
    drop = {"id", "networkx_key", *own}
    nodes = {n: {k: str(v) for k, v in d.items() if k not in drop} for n, d in g.nodes(data=True)}
    edges = sorted(
        (
            *((a, b) if g.is_directed() else sorted((a, b))),
            sorted((k, str(v)) for k, v in d.items() if k not in drop),
        )
        for a, b, d in g.edges(data=True)
    )
    return nodes, edges


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(st.text(_NAME_CHARS, min_size=1, max_size=12), min_size=3, max_size=3))
def test_network_files_hold_every_node_and_edge_as_networkx_reads_them(
    tmp_path: Path, names: list[str]
) -> None:
    """`network -f gexf` and `-f graphml` are written node by node and edge by edge by
    partyintl (networkx held the whole graph and its XML tree: 1.1-1.3 GB for 100,000
    partners); what networkx reads from them is what networkx holds when given the same
    nodes and edges, for names with markup, quotes and any script."""
    import io

    import networkx as nx

    from partyintl.collection import network

    names = [n.strip() or "x" for n in names]
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    for org, name in zip(raw["partners"], names, strict=False):
        org["name"] = name
    roster = json.loads(ROSTER.read_text(encoding="utf-8"))
    roster["party"]["name"] = names[-1]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    for label, data in (("one", raw), ("two", roster)):
        (folder / f"{label}.json").write_text(json.dumps(data), encoding="utf-8")
    try:
        coll = load_collection((str(folder / "one.json"), str(folder / "two.json")))
    except DatasetError:  # a name the data rules refuse (one of punctuation only, say)
        reject()
    for graph in NetworkGraph:
        net = network.build(coll, graph)
        expected = _as_networkx_graph(net)
        gexf = nx.read_gexf(io.BytesIO(b"".join(network.gexf_chunks(net))))
        graphml = nx.read_graphml(io.BytesIO(b"".join(network.graphml_chunks(net))))
        assert gexf.number_of_edges() == expected.number_of_edges() > 0, graph
        own = ("start", "end", "weight", "spells", "label")  # GEXF's own, checked apart
        assert _shape(gexf, own) == _shape(expected, own), graph
        assert _shape(graphml, ("spells",)) == _shape(expected, ("spells",)), graph
        spans = sorted((d.get("start"), d.get("end")) for *_, d in expected.edges(data=True))
        assert sorted((d.get("start"), d.get("end")) for *_, d in gexf.edges(data=True)) == spans
        labels = {n: d["label"] for n, d in expected.nodes(data=True)}
        assert {n: d["label"] for n, d in gexf.nodes(data=True)} == labels


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(st.sampled_from(["psoe", "sr", "pcf", "ps"]), min_size=1, max_size=3),
    second=st.lists(st.sampled_from(["psoe", "sr", "pcf", "ps"]), min_size=1, max_size=3),
)
def test_shared_says_every_pair_of_listings(
    tmp_path: Path, first: list[str], second: list[str]
) -> None:
    """A party in two files (as of 2019 and 2023) lists PSOE twice; `shared` kept the first
    file's listing only. Every pair of the two parties' listings of a partner is a row, as
    `ties` lists them."""
    ids = {"psoe": "1338", "sr": "2244", "pcf": "1479", "ps": "1380"}
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    for year, listed in (("2019", first), ("2023", second)):
        raw = json.loads((ROOT / "tests" / "fixtures" / "collection-other-party.json").read_bytes())
        raw["as_of"] = year
        for source in raw["sources"]:
            source["as_of"] = year
        template = raw["partners"][0]
        one = {**template["identifiers"][0], "scheme": "partyfacts", "identifier": "9999"}
        raw["party"]["identifiers"] = [one]  # the same party in both files
        raw["partners"] = []
        for n, key in enumerate(dict.fromkeys(listed)):
            org = json.loads(json.dumps(template))
            org["id"] = key
            org["name"] = f"Party {key}"
            org["identifiers"] = [
                {**template["identifiers"][0], "scheme": "partyfacts", "identifier": ids[key]}
            ]
            org["listing"] = {**template["listing"], "position": n + 1, "printed": org["name"]}
            raw["partners"].append(org)
        (folder / f"other{year}.json").write_text(json.dumps(raw), encoding="utf-8")
    coll = load_collection(("bundled", str(folder)))
    other = "partyfacts:9999"
    from partyintl.collection.questions import shared

    rows, _ = shared(coll, other, "A JUST RUSSIA")
    listed = [t for t in ties(coll, other) if t["direction"] == "lists"]
    russia = [t for t in ties(coll, "A JUST RUSSIA") if t["direction"] == "lists"]
    expected = sorted(
        (mine["other_key"], mine["dataset"], theirs["dataset"])
        for mine in listed
        for theirs in russia
        if mine["other_key"] == theirs["other_key"]
    )
    got = sorted((r["key"], r["first_dataset"], r["second_dataset"]) for r in rows)
    assert got == expected


@settings(max_examples=25, deadline=None)
@given(
    entries=st.lists(
        st.sampled_from(["DATA", "", " ", "bundled", "bundled:si-membership"]),
        min_size=1,
        max_size=4,
    )
)
def test_an_empty_entry_of_partyintl_data_is_said_wherever_it_stands(entries: list[str]) -> None:
    """`PARTYINTL_DATA=":"` was refused, but `a.json:` and `a::b` went through, the empty
    entry left out without a word. An empty entry anywhere is said, with its place."""
    import os

    from conftest import run_here

    # `bundled:` then nothing names a bundled dataset "" (unknown), as --data bundled: does
    assume(
        not any(
            a == "bundled" and not b.strip() for a, b in zip(entries, entries[1:], strict=False)
        )
    )
    env = os.pathsep.join(str(DATA) if e == "DATA" else e for e in entries)
    old = os.environ.get("PARTYINTL_DATA")
    os.environ["PARTYINTL_DATA"] = env
    try:
        code, out, err = run_here(["partners", "-n", "1", "-f", "plain"])
    finally:
        if old is None:
            del os.environ["PARTYINTL_DATA"]
        else:
            os.environ["PARTYINTL_DATA"] = old
    pieces = env.split(os.pathsep)
    # `bundled` then a name is one entry (bundled:si-membership), whose colon is no gap.
    joined = env.replace("bundled:si-membership", "bundled-si")
    empty = [n for n, piece in enumerate(joined.split(os.pathsep), 1) if not piece.strip()]
    if not any(p.strip() for p in pieces) or not empty:
        assume(any(p.strip() for p in pieces))
        assert "is empty" not in err, err
    else:
        assert code == 2 and out == "", err
        assert f"its {ordinal(empty[0])} entry is empty" in err, (env, err)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ways=st.lists(st.sampled_from(["path", "hard", "soft", "dotted"]), min_size=2, max_size=4))
def test_one_file_named_several_ways_is_read_once(tmp_path: Path, ways: list[str]) -> None:
    """A repeated path or a symbolic link was read once, a hard link as a second file:
    every tie then came twice under two labels. However a file is named, it is one."""
    from partyintl.collection import resolve

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    first = folder / "party.json"
    first.write_bytes(DATA.read_bytes())
    names = []
    for n, way in enumerate(ways):
        other = folder / f"other{n}.json"
        if way == "hard":
            os.link(first, other)
        elif way == "soft":
            other.symlink_to(first)
        else:
            other = first if way == "path" else folder / "." / "party.json"
        names.append(str(other))
    assert len(resolve((str(first), *names))) == 1


def test_a_closed_standard_input_is_said_to_be_closed() -> None:
    """`--data - <&-` said the system cannot name standard input as a file."""
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", "--data", "-", "partners"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(0),  # noqa: PLW1509 (the child's own descriptor)
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(
        "partyintl: error: '-' stands for standard input, which is closed: "
    ), done.stderr


#: Ways to name one file on the command line: as given, with ./, whole, by a link to it,
#: and by its folder.
_NAMINGS_OF_ONE = st.lists(
    st.sampled_from(["ajr.json", "./ajr.json", "ABS", "link.json", "."]), min_size=1, max_size=5
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_NAMINGS_OF_ONE)
def test_a_file_named_twice_is_read_once_and_said_so(tmp_path: Path, names: list[str]) -> None:
    """`--data ajr.json --data ./ajr.json` read the file once without a word (the fresh
    tester, helper 58): the answer is one file's, and a note says which values named it."""
    from conftest import run_here

    folder = tmp_path / "one"
    folder.mkdir(exist_ok=True)
    (folder / "ajr.json").write_bytes(DATA.read_bytes())
    if not (folder / "link.json").is_symlink():
        (folder / "link.json").symlink_to("ajr.json")
    values = [str(folder / "ajr.json") if n == "ABS" else n for n in names]
    args = [a for v in values for a in ("--data", v)]
    before = os.getcwd()
    os.chdir(folder)
    try:
        code, out, err = run_here([*args, "memberships", "A JUST RUSSIA", "--fields", "status"])
    finally:
        os.chdir(before)
    assert (code, out) == (0, "observer\nconsultative\nfull\n"), err
    # What each value names: a folder its two names for the file (ajr.json, link.json).
    named = [p for v in values for p in (["./ajr.json", "./link.json"] if v == "." else [v])]
    if len(named) == 1:
        assert err == ""
        return
    shown = list(dict.fromkeys(named))
    first = shown[0]
    said = (
        f"note: {first} was given {len(named)} times ({', '.join(shown)}): one file, read once.\n"
        if len(shown) > 1
        else f"note: {first} was given {len(named)} times: read once.\n"
    )
    assert err == said


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(2, 4), st.booleans(), st.sampled_from(["partners", "memberships SI", "ties x"]))
def test_files_a_shell_spread_after_data_are_said_to_be_so(
    tmp_path: Path, count: int, joined: bool, command: str
) -> None:
    """`--data dir/*.json partners` said only "No such command 'dir/b.json'" (the fresh
    tester, helper 58): the shell gave --data the first file and left the others where the
    command goes. It says they are files and how to give several."""
    from conftest import run_here

    files = []
    for n in range(count):
        path = tmp_path / f"p{n}.json"
        if not path.exists():
            path.write_bytes(DATA.read_bytes())
        files.append(str(path))
    head = [f"--data={files[0]}"] if joined else ["--data", files[0]]
    code, out, err = run_here([*head, *files[1:], *command.split()])
    assert (code, out) == (2, "")
    assert err == (
        f"partyintl: error: No such command '{files[1]}': it is a file, after --data, which "
        "takes one. Give --data once for each file (--data a.json --data b.json), or --data "
        "FOLDER for every file of a folder.\nTry 'partyintl --help' for help.\n"
    )


@pytest.mark.parametrize(
    "name", ["SI", "Socialist International", "socialist international", "Socialist Int"]
)
def test_memberships_finds_an_international_as_member_of_does(name: str) -> None:
    """`memberships SI` asked which of two records was meant (each file's SI, sharing no
    id) while `partners --member-of SI` answered from both (the fresh tester, helper 58):
    it now finds the international in each file by the name given, says so in the same
    note, and lists every period from both files, the --member-of rows among them."""
    from conftest import run_here

    code, out, err = run_here([*BOTH, "memberships", name, "--json"])
    assert code == 0, err
    rows = json.loads(out)
    assert {r["dataset"] for r in rows} == {"a-just-russia", "si-membership"}
    assert {r["organization"] for r in rows} == {"Socialist International"}
    assert err == (
        f"{name} found as a-just-russia: socialist-international, si-membership: "
        "socialist-international: an international without a Party Facts or Wikidata id is "
        "found in each file by the name given.\n"
    )
    code, out, _ = run_here([*BOTH, "partners", "--member-of", name, "--json"])
    member_of = {
        (r["member_key"], r["status"], r["start_date"], r["dataset"]) for r in json.loads(out)
    }
    listed = {(r["member_key"], r["status"], r["start_date"], r["dataset"]) for r in rows}
    assert member_of and member_of <= listed
    # A name of several parties in one file still asks which.
    code, out, err = run_here([*BOTH, "memberships", "Labour"])
    assert (code, out) == (2, "")
    assert "matches several records" in err
