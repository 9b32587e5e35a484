"""Joined to the field: Party Facts ids with provenance, usual names, positions, spectrum."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from partyintl.errors import DatasetError
from partyintl.link.decisions import COLUMNS, Verdict, decisions_csv, read_decisions
from partyintl.link.snapshot import load_snapshot

#: The Party Facts tables the bundled partners are linked to (a subset, in the repo).
PARTYFACTS = ROOT / "tests" / "fixtures" / "partyfacts-subset"


def _json(*args: str) -> Any:
    result = run_cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_show_finds_a_record_by_any_id() -> None:
    assert _json("show", "Q49768")["id"] == "spd"
    assert _json("show", "partyfacts:383")["id"] == "spd"
    assert _json("show", "manifesto:41320")["id"] == "spd"
    missing = run_cli("show", "partyfacts:99999")
    assert (missing.returncode, missing.stderr) == (
        2,
        "partyintl: error: No record has the partyfacts id 99999.\n",
    )


def test_identifiers_carry_their_provenance() -> None:
    spd = _json("show", "spd")
    assert [(i["scheme"], i["identifier"]) for i in spd["identifiers"]] == [
        ("partyfacts", "383"),
        ("wikidata", "Q49768"),
        ("manifesto", "41320"),
        ("vparty", "383"),
        ("parlgov", "558"),
    ]
    first = spd["identifiers"][0]
    # Each id cites the one Party Facts source, and the table in it, by id.
    assert [(i["source"], i["at"]) for i in spd["identifiers"]] == [
        ("partyfacts", "core"),
        ("partyfacts", "wikidata"),
        ("partyfacts", "manifesto"),
        ("partyfacts", "vparty"),
        ("partyfacts", "parlgov"),
    ]
    assert "Germany" in first["evidence"] and "1875" in first["evidence"]
    assert [i["evidence"] for i in spd["identifiers"][1:]] == [None] * 4  # linked to 383
    [source] = [s for s in _json("sources") if s["id"] == "partyfacts"]
    assert source["commit"] == "764de8978f84ba41a1c88752d6a00b9a4d05f599"
    assert source["as_of"] == "2026-03-11"
    assert source["parts"] == ["core", "wikidata", "manifesto", "vparty", "parlgov", "wptags"]


def test_one_column_per_scheme_in_every_format() -> None:
    fields = "name,partyfacts,wikidata,manifesto"
    plain = run_cli("partners", "-c", "Germany", "-t", "party", "--fields", fields).stdout
    assert plain == (
        "Socialist Democratic Party of Germany\t383\tQ49768\t41320\n"
        "Left Party\t1545\tQ49764\t41223; 41222\n"
    )
    rows = list(csv.DictReader(io.StringIO(run_cli("partners", "-f", "csv").stdout)))
    linked = [r for r in rows if r["partyfacts"]]
    assert len(linked) == 38 and all(r["wikidata"].startswith("Q") for r in linked)
    as_json = _json("partners", "-c", "Germany", "-t", "party", "--fields", "name,wikidata")
    assert as_json[0] == {"name": "Socialist Democratic Party of Germany", "wikidata": ["Q49768"]}


def test_careful_matches_and_the_unlinked() -> None:
    fatah = _json("show", "fatah")
    assert [i["identifier"] for i in fatah["identifiers"] if i["scheme"] == "partyfacts"] == [
        "6233"
    ]
    assert "not the Iraqi 'Fatah Alliance'" in fatah["identifiers"][0]["evidence"]
    inc = _json("show", "indian-national-congress")["identifiers"][0]
    assert inc["identifier"] == "1297" and "splinters" in inc["evidence"]
    unlinked = {r["id"] for r in _json("partners", "-t", "party") if not r["identifiers"]}
    assert unlinked == {"new-ossetia"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["partners"][23]["identifiers"][1].update(identifier="49768"),
            "partners[23].identifiers[1].identifier: '49768' is not a wikidata id "
            "(Q followed by digits, e.g. Q49768)",
        ),
        (
            lambda d: d["partners"][23]["identifiers"][0].update(identifier="0383"),
            "partners[23].identifiers[0].identifier: '0383' is not a partyfacts id "
            "(a positive whole number)",
        ),
        (
            lambda d: d["partners"][24]["identifiers"][0].update(identifier="383"),
            "partners[24].identifiers[0].identifier: partyfacts 383 is already the id of 'spd'; "
            "an id belongs to one record",
        ),
    ],
)
def test_validation_checks_ids(
    tmp_path: Path, raw_data: dict[str, Any], change: Any, message: str
) -> None:
    data = copy.deepcopy(raw_data)
    assert data["partners"][23]["id"] == "spd"
    change(data)
    path = tmp_path / "ids.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert f"  {message}" in result.stderr.splitlines()


def test_usual_names_are_found_and_shown_on_request() -> None:
    names = run_cli("partners", "-s", "Sozialdemokratische", "--fields", "id").stdout
    assert names == "spd\n"
    table = run_cli("--names", "usual", "partners", "-c", "SE", "-t", "party", "-f", "table")
    assert "Swedish Social Democratic Party" in table.stdout
    plain = run_cli("partners", "-c", "SE", "-t", "party", "--names", "usual", "--fields", "name")
    assert plain.stdout == "Socialist Democratic Party of Sweden\n"  # plain keeps the page's


def test_the_journalists_first_question_is_one_command() -> None:
    out = run_cli("partners", "--ideology", "far-right", "--fields", "name,left_right").stdout
    assert out == "Serbian Radical Party\t1.88\n"
    far_left = run_cli("partners", "--left-right", "..-1.8", "--fields", "name").stdout.split("\n")
    assert far_left[:-1] == [
        "Communist Party of Vietnam",
        "Communist Party of China",
        "Workers Party of Korea",
        "Communist Party of Cuba",
    ]
    bad = run_cli("partners", "--left-right", "left")
    assert bad.returncode == 2
    assert "is not a range of scores: give MIN..MAX" in bad.stderr


def test_spectrum_places_the_scored_and_lists_the_rest_apart() -> None:
    rows = _json("spectrum")
    scored = [r for r in rows if r["left_right"] is not None]
    assert [r["left_right"] for r in scored] == sorted(r["left_right"] for r in scored)
    assert [r["id"] for r in rows if r["subject"]] == ["a-just-russia"]
    assert rows[-1]["left_right"] is None
    table = run_cli("spectrum", "-f", "table", env={"COLUMNS": "100"}).stdout
    assert "◆ the party" in table
    assert "No left-right score (not placed):" in table
    assert "  Fatah (party)" not in table  # Fatah has a score


def test_ideology_tags_are_cleaned() -> None:
    for record in _json("partners", "-t", "party"):
        for tag in record["ideology"]:
            assert "[" not in tag and "routledge" not in tag and "springer" not in tag


def test_the_readme_merge_with_manifesto_codes() -> None:
    """The README's join: partners' Party Facts ids to Manifesto codes, through Party Facts'
    own table (the pinned snapshot in the package, built from import/pip/pf-manifesto-ids.csv)."""
    rows = list(
        csv.DictReader(
            io.StringIO(run_cli("partners", "--type", "party", "--format", "csv").stdout)
        )
    )
    parties = load_snapshot().parties
    manifesto = {pf: party.manifesto for pf, party in parties.items() if party.manifesto}
    joined = {r["id"]: manifesto[r["partyfacts"]] for r in rows if r["partyfacts"] in manifesto}
    assert joined["spd"] == ["41320"]
    assert len(joined) == 23


DECISIONS = ROOT / "data" / "partyfacts-links.csv"


def test_the_decisions_file_is_strict_csv() -> None:
    """Every row of the decisions file has the header's cells, read by a strict CSV reader,
    and the file is in the canonical form `partyintl link` writes."""
    text = DECISIONS.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert tuple(rows[0]) == COLUMNS
    assert [(n, len(r)) for n, r in enumerate(rows, start=1) if len(r) != len(COLUMNS)] == []
    assert '\\"' not in text
    assert decisions_csv(read_decisions(text, str(DECISIONS))) == text


def test_a_backslash_escaped_quote_is_refused() -> None:
    bad = (
        "record,candidate,decision,reason,coder,date\n"
        'harmony,5976,accept,"Latvia; \'Party \\"Harmony\\"\'",A,2026-01-02\n'
    )
    with pytest.raises(DatasetError) as stopped:
        read_decisions(bad, "links.csv")
    [problem] = stopped.value.problems
    assert (problem.line, problem.message) == (2, "not a CSV file: ',' expected after '\"'")


def test_quoted_evidence_is_whole() -> None:
    belarus = _json("show", "belarusian-party-of-the-left-fair-world")["identifiers"][0]
    assert belarus["evidence"] == (
        "Belarus; Party Facts 'Party of Communists of Belarus / Belarusian Left Party "
        '"A Just World"\', 1991-: the same party, renamed A Just World (Fair World) in 2009'
    )
    harmony = _json("show", "harmony")["identifiers"][0]
    assert harmony["evidence"].startswith(
        "Latvia; 'Social Democratic Party \"Harmony\"' (Saskaņa), 2009-: the party, not"
    )


def _exact_matches(raw_data: dict[str, Any]) -> dict[str, set[str]]:
    """For each record (party, partner, other body): the Party Facts parties that have one
    of the names the page gives it, compared in the matcher's normal form, among the
    parties of its country (the European Union's rows for its bodies; every country for a
    record without one)."""
    from partyintl.data.partyfacts import SOURCE_ID
    from partyintl.link.match import REGION_ROWS, _alpha3, names_of
    from partyintl.link.snapshot import load_snapshot
    from partyintl.link.variants import normalise

    snapshot = load_snapshot()
    found: dict[str, set[str]] = {}
    for record in [raw_data["party"], *raw_data["partners"], *raw_data["organizations"]]:
        page = [record["name"]] + [
            o["name"]
            for o in record.get("other_names", ())
            if not any(c["source"] == SOURCE_ID for c in o.get("sources", ()))
        ]
        forms = {normalise(n) for n in page}
        code = record.get("country_code")
        own = _alpha3().get(code) if code else REGION_ROWS.get(record.get("region") or "")
        pool = snapshot.by_country.get(own, []) if own else snapshot.parties.values()
        hits = {p.id for p in pool if forms & {normalise(n) for n, _ in names_of(p)}}
        if hits:
            found[record["id"]] = hits
    return found


def test_every_record_type_with_a_name_in_party_facts_is_linked_or_reviewed(
    raw_data: dict[str, Any],
) -> None:
    """Each record (party, partner, other body) whose name or other name Party Facts has in
    its country is linked to it, or the match is decided as a different party."""
    decisions = read_decisions(DECISIONS.read_text(encoding="utf-8"), str(DECISIONS))
    matches = _exact_matches(raw_data)
    # Every kind of record was compared: partners, other bodies, the party itself.
    assert {"pasd", "democratic-party-usa", "a-just-russia", "spd"} <= set(matches)
    decided = {(d.record, d.candidate): d.verdict for d in decisions}
    undecided = sorted(
        (record_id, pf)
        for record_id, ids in matches.items()
        for pf in ids
        if decided.get((record_id, pf)) not in (Verdict.ACCEPT, Verdict.REJECT)
    )
    assert undecided == []
    # A link the file decides but the data lost would be caught too.
    by_id = {r["id"]: r for r in [raw_data["party"], *raw_data["partners"]]}
    by_id.update({r["id"]: r for r in raw_data["organizations"]})
    for d in decisions:
        if d.verdict is Verdict.ACCEPT:
            assert by_id[d.record]["identifiers"][0]["identifier"] == d.candidate


def test_the_eu_group_and_the_us_democrats_are_linked() -> None:
    pasd = _json("show", "pasd")
    assert [(i["scheme"], i["identifier"]) for i in pasd["identifiers"]] == [
        ("partyfacts", "6399"),
        ("wikidata", "Q507343"),
    ]
    assert pasd["left_right"] == -0.55
    dem = _json("show", "Democratic Party of the USA")
    assert dem["record_type"] == "organisation"
    assert dem["identifiers"][0]["identifier"] == "432"
    assert _json("show", "partyfacts:432")["id"] == "democratic-party-usa"


@settings(max_examples=40, deadline=None)
@given(
    sep=st.sampled_from([";", "\t"]),
    rows=st.sets(st.integers(min_value=0, max_value=49), max_size=4),
    quote_all=st.booleans(),
)
def test_a_decisions_file_saved_by_a_spreadsheet_with_semicolons_or_tabs_reads_the_same(
    sep: str, rows: set[int], quote_all: bool
) -> None:
    """German or French Excel saves CSV with semicolons, a text export with tabs: the
    header row tells the reader which, and the decisions are those of the comma file."""
    from partyintl.spreadsheet import SEPARATORS

    assert sep in SEPARATORS
    text = DECISIONS.read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    table = table[:1] + [table[1 + n % (len(table) - 1)] for n in sorted(rows)]
    out = io.StringIO()
    mode = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(out, delimiter=sep, quoting=mode, lineterminator="\r\n").writerows(table)
    commas = io.StringIO()
    csv.writer(commas, lineterminator="\n").writerows(table)
    expected = read_decisions(commas.getvalue(), "links.csv")
    assert read_decisions(out.getvalue(), "links.csv") == expected


_SCORE_TEXT = st.one_of(
    st.just(""),
    st.from_regex(r"[+-]?(?:[0-9]{1,2}\.?[0-9]{0,2}|\.[0-9]{1,2})", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(low=_SCORE_TEXT, high=_SCORE_TEXT, dots=st.integers(1, 4))
def test_a_range_of_scores_is_read_one_way_or_refused(low: str, high: str, dots: int) -> None:
    """`--left-right 1...2` was checked as 1. to 2 and then read as 1 to .2 (an internal
    error), and `...2` as ..0.2 (35 rows instead of 37). Any scores joined by any number of
    dots are refused, or read as the check read them."""
    from partyintl.cli.values import _RANGE, BadValue, score_range
    from partyintl.query.filters import score_bounds

    raw = low + "." * dots + high
    try:
        checked = score_range(raw)
    except BadValue as exc:
        assert "is not a range of scores" in str(exc) or "is an empty range" in str(exc)
        return
    found = _RANGE.fullmatch(checked)
    assert found is not None
    meant = tuple(float(x) if x else None for x in found.groups())
    assert score_bounds(checked) == meant, raw


def test_an_international_asked_for_is_suggested_among_internationals_only(
    tmp_path: Path,
) -> None:
    """`--member-of SI` on a file with no international suggested 'SR', the party's own
    short name. Suggestions are internationals only; with none, there is none."""
    import json

    from conftest import DATA, run_cli

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    for key in ("partners", "organizations", "memberships", "people", "events", "contacts"):
        raw[key] = []
    path = tmp_path / "min.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    done = run_cli("--data", str(path), "partners", "--member-of", "SI")
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr == "partyintl: error: No international matches 'SI' in the loaded data files.\n"
    )


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_member_of_asks_about_internationals_only(data: Any) -> None:
    """`--member-of Socialist` listed 16 parties as candidates with the one international
    last, and `--member-of SR` (the party's own short name) was read as an international.
    A party named whole is refused as no international; a word several
    records share offers the internationals among them only."""
    from conftest import run_here
    from partyintl import load_dataset

    ds = load_dataset()
    parties = [o for o in ds.raw_partners if o["type"] == "party"]
    party = data.draw(st.sampled_from(parties))
    code, out, err = run_here(["partners", "--member-of", party["id"], "-f", "plain"])
    assert (code, out) == (2, ""), err
    assert "a party, which is no international: no loaded file has members of it" in err, err
    code, out, err = run_here(["partners", "--member-of", "Socialist", "-f", "plain"])
    listed = [line.split()[0] for line in err.splitlines() if line.startswith("  ")]
    groups = {o["id"] for o in ds.raw_orgs.values() if o["type"] == "international"}
    assert code == 2 and listed and set(listed) <= groups, err
