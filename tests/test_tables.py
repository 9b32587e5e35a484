"""SQLite and Data Package exports: keys hold, and SQL answers what the command line does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli


def _json(*args: str) -> Any:
    return json.loads(run_cli(*args, "--json").stdout)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("sqlite") / "partyintl.db"
    result = run_cli("export", "--format", "sqlite", "-o", str(path))
    assert (result.returncode, result.stderr) == (0, f"Wrote {path}\n")
    return sqlite3.connect(path)


def test_foreign_keys_hold(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    declared = db.execute("SELECT count(*) FROM pragma_foreign_key_list('partners')").fetchone()
    assert declared == (2,)  # the partner, and the source that lists it


def test_which_source_says_what_in_sql(db: sqlite3.Connection) -> None:
    ends = db.execute(
        "SELECT s.end_date, s.end_status, c.source_id, src.as_of FROM status_periods s "
        "JOIN citations c ON c.record_id = s.id || '/end' "
        "JOIN sources src ON src.id = c.source_id WHERE s.end_status IS NOT NULL"
    ).fetchall()
    assert ends == [("2022-03-07", "ended", "si-press-release-2022-03-07", "2022-03-07")]
    said = db.execute(
        "SELECT source_id, fields, date FROM citations WHERE record_id = 'a-just-russia-in-si/3'"
    ).fetchall()
    assert said == [
        ("party-page-2018", "start_date; decided_at", None),
        ("party-news-2016-07-02", "start_date", "2012"),
        ("si-xxiv-congress-decisions", "status", "2012/2017"),
    ]


def test_german_partners_in_sql_and_on_the_command_line(db: sqlite3.Connection) -> None:
    cli = [r["name"] for r in _json("partners", "--country", "Germany")]
    sql = [r[0] for r in db.execute("SELECT name FROM partners_with_ids WHERE country_code='DE'")]
    assert sql == cli


def test_the_si_status_path(db: sqlite3.Connection) -> None:
    cli = [
        (r["status"], r["date"])
        for r in _json("timeline", "--org", "SI")
        if r["kind"] == "status_change"
    ]
    sql = db.execute("SELECT status, start_date FROM status_periods ORDER BY start_date").fetchall()
    assert (
        sql
        == cli
        == [("observer", "2008-06-30"), ("consultative", "2010-11"), ("full", "2012-08-30")]
    )


def test_levichevs_delegation(db: sqlite3.Connection) -> None:
    cli = [e["id"] for e in _json("people", "Levichev")[0]["delegations_led"]]
    sql = [
        r[0]
        for r in db.execute(
            "SELECT event_id FROM event_participants WHERE person_id='nikolai-levichev' "
            "AND role='head_of_delegation'"
        )
    ]
    assert sql == cli == ["progressive-alliance-rome-2012"]


def test_the_ids_of_the_spd(db: sqlite3.Connection) -> None:
    cli = {(i["scheme"], i["identifier"]) for i in _json("show", "spd")["identifiers"]}
    sql = set(db.execute("SELECT scheme, identifier FROM identifiers WHERE organization_id='spd'"))
    assert sql == cli and ("wikidata", "Q49768") in sql


def test_full_text_search_finds_other_names(db: sqlite3.Connection) -> None:
    hits = db.execute(
        "SELECT organization_id FROM names_fts WHERE names_fts MATCH 'sozialdemokratische'"
    ).fetchall()
    assert hits == [("spd",)]


def test_the_timeline_view(db: sqlite3.Connection) -> None:
    first = db.execute("SELECT date, kind, title FROM timeline LIMIT 1").fetchone()
    assert first == (
        "2007",
        "forum_series",
        "Three international socialist forums held by the party",
    )


def test_exports_that_need_a_place_say_so() -> None:
    result = run_cli("export", "--format", "sqlite")
    assert (result.returncode, result.stderr) == (
        2,
        "partyintl: error: --format sqlite is written to a file: give -o.\n",
    )


def test_datapackage_validates_and_reads_back(tmp_path: Path) -> None:
    from frictionless import Package, validate

    folder = tmp_path / "pkg"
    result = run_cli("export", "--format", "datapackage", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert report.stats["errors"] == 0
    package = Package(str(folder / "datapackage.json"))
    orgs = package.get_resource("organizations").read_rows()
    spd = next(r for r in orgs if r["id"] == "spd")
    assert (spd["name"], float(spd["left_right"]), spd["is_party"]) == (
        "Socialist Democratic Party of Germany",
        -0.53,
        False,
    )
    partners = package.get_resource("partners").read_rows()
    assert [(r["organization_id"], r["position"]) for r in partners] == [
        (p["id"], p["position"]) for p in _json("partners")
    ]


def test_datapackage_never_replaces_a_folder_with_content(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("export", "--format", "datapackage", "-o", str(tmp_path))
    assert result.returncode == 2
    assert f"-o {tmp_path} is a folder that is not empty; give a new folder." in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    # A file in the folder's place is called a file (it was "not an empty folder").
    file = tmp_path / "keep.txt"
    for command in (["export", "--format", "datapackage"], ["network", "-f", "csv"]):
        result = run_cli(*command, "-o", str(file))
        assert result.returncode == 2
        assert f"-o {file} is a file, not a folder" in result.stderr, result.stderr
        assert file.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("table", ["partners", "identifiers", "posts", "event_countries"])
def test_a_row_that_refers_to_nothing_fails_the_write(
    table: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """References are checked once all rows are in (not row by row): a row of any table
    whose reference leads nowhere still fails the write, before the file is complete."""
    from partyintl.data.load import load_dataset
    from partyintl.export import sqlite, tables

    found = [t.name for t in tables.layout()]
    real = tables.stream

    def broken(ds: Any) -> Any:
        for n, (at, row) in enumerate(real(ds)):
            if found[at] == table:
                row = {**row, **{k: f"nowhere {n}" for k in row if k.endswith("_id")}}
            yield at, row

    monkeypatch.setattr(sqlite, "stream", broken)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        sqlite.write_sqlite(load_dataset(), str(tmp_path / "x.db"))


_VALUES = st.none() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False) | st.text()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_VALUES, _VALUES, _VALUES), max_size=20))
def test_nulls_bound_quickly_are_stored_as_plain_sqlite3_stores_them(
    rows: list[tuple[Any, ...]],
) -> None:
    from partyintl.export.sqlite import _nulls_bound_quickly

    def stored(quick: bool) -> list[tuple[Any, ...]]:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE t (a, b TEXT, c REAL)")
        if quick:
            with _nulls_bound_quickly():
                db.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
        else:
            db.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
        return db.execute("SELECT a, typeof(a), b, typeof(b), c, typeof(c) FROM t").fetchall()

    before = dict(sqlite3.adapters)
    assert stored(quick=True) == stored(quick=False)
    assert sqlite3.adapters == before  # nothing left behind


def test_an_adapter_of_none_of_the_users_own_is_kept_and_used(tmp_path: Path) -> None:
    from partyintl.export.sqlite import _nulls_bound_quickly

    key = (type(None), sqlite3.PrepareProtocol)
    sqlite3.register_adapter(type(None), lambda _: "none")
    try:
        with _nulls_bound_quickly():
            value = sqlite3.connect(":memory:").execute("SELECT ?", (None,)).fetchone()
        assert value == ("none",)
        assert sqlite3.adapters[key](None) == "none"
    finally:
        del sqlite3.adapters[key]
    with pytest.raises(ZeroDivisionError), _nulls_bound_quickly():
        assert key in sqlite3.adapters
        _ = 1 / 0
    assert key not in sqlite3.adapters  # taken away again when the writing fails

    def theirs(_: None) -> str:
        return "theirs"

    with _nulls_bound_quickly():  # the user's own, registered while rows are written
        sqlite3.register_adapter(type(None), theirs)
    try:
        assert sqlite3.adapters[key] is theirs  # kept: not the one the export put there
    finally:
        del sqlite3.adapters[key]
