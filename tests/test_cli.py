"""Black-box tests of every query command, filter and error path, in a subprocess."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import DATA, NEEDS, ROOT, run_cli
from partyintl.cli.spec import SPEC

sys.path.insert(0, str(ROOT / "scripts"))


def ids(*args: str) -> list[str]:
    """The ids a partners query answers, from its JSON."""
    result = run_cli("partners", "--json", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [r["id"] for r in json.loads(result.stdout)]


GERMANY = [
    "spd",
    "the-left-germany",
    "friedrich-ebert-foundation",
    "rosa-luxemburg-foundation",
    "hanns-seidel-foundation",
    "dgap-russia-cis-center",
]


@pytest.mark.parametrize(
    "spelling",
    ["Germany", "germany", "de", "DE", "DEU", "deu", "GERMANY", "Federal Republic of Germany"],
)
def test_country_spellings_are_the_same_question(spelling: str) -> None:
    assert ids("--country", spelling) == GERMANY


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Vietnam", ["communist-party-of-vietnam"]),
        ("Viet Nam", ["communist-party-of-vietnam"]),
        ("North Korea", ["workers-party-of-korea"]),
        ("Korea, Democratic People's Republic of", ["workers-party-of-korea"]),
        ("DPRK", ["workers-party-of-korea"]),
        (
            "Belorussia",
            ["belarusian-party-of-the-left-fair-world", "republican-party-of-labor-and-justice"],
        ),
        ("Czech Republic", ["czech-social-democratic-party"]),
        ("Palestine, State of", ["fatah"]),
        (
            "Moldova, Republic of",
            [
                "democratic-party-of-moldova",
                "socialist-democratic-party-of-moldova",
                "party-of-socialists-of-moldova",
            ],
        ),
        ("el salvador", ["fmln"]),
        ("South Ossetia", ["new-ossetia"]),
    ],
)
def test_everyday_official_and_source_names(spelling: str, expected: list[str]) -> None:
    assert ids("--country", spelling) == expected


def test_repeated_country_is_or_and_type_is_and() -> None:
    assert ids("-c", "FR", "-c", "NL") == [
        "socialist-party-france",
        "jean-jaures-foundation",
        "alfred-mozer-foundation",
    ]
    assert ids("-c", "FR", "-c", "NL", "--type", "npo") == [
        "jean-jaures-foundation",
        "alfred-mozer-foundation",
    ]


def test_real_country_with_no_partners_is_empty_success() -> None:
    result = run_cli("partners", "--country", "Japan", "--json")
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")
    plain = run_cli("partners", "--country", "Japan")
    assert (plain.returncode, plain.stdout, plain.stderr) == (0, "", "No partners match.\n")


def test_typo_in_country_suggests_and_exits_2() -> None:
    result = run_cli("partners", "--country", "Germny")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "partyintl: error: 'Germny' is not a country I know.\nDid you mean 'Germany'?\n"
    )


def test_region_given_as_country_points_to_region() -> None:
    result = run_cli("partners", "--country", "European Union")
    assert result.returncode == 2
    assert "use --region 'European Union'" in result.stderr


def test_types() -> None:
    assert ids("--type", "international") == ["pes", "pasd", "icapp", "sao-paulo-forum"]
    assert len(ids("--type", "npo")) == 12
    assert len(ids("--type", "party", "--type", "npo")) == 50
    bad = run_cli("partners", "--type", "club")
    assert bad.returncode == 2
    assert bad.stderr == (
        "partyintl: error: Invalid value for '--type' / '-t': "
        "'club' is not one of party, international, npo.\n"
        "Try 'partyintl partners --help' for help.\n"
    )


def test_region_includes_bodies_and_partners_in_its_countries() -> None:
    assert ids("--region", "Latin America and the Caribbean") == [
        "pri",
        "communist-party-of-cuba",
        "workers-party-brazil",
        "sao-paulo-forum",
        "fmln",
    ]
    eu = ids("--region", "eu", "--type", "international", "--type", "npo")
    assert eu == [
        "pes",
        "pasd",
        "olof-palme-center",
        "friedrich-ebert-foundation",
        "rosa-luxemburg-foundation",
        "hanns-seidel-foundation",
        "dgap-russia-cis-center",
        "jean-jaures-foundation",
        "alfred-mozer-foundation",
        "kalevi-sorsa-foundation",
        "feps",
        "european-forum-democracy-solidarity",
    ]
    bad = run_cli("partners", "--region", "Asai")
    assert (bad.returncode, bad.stderr.splitlines()[-1]) == (2, "Did you mean 'Asia'?")


def test_search_is_accent_insensitive() -> None:
    assert ids("--search", "Sao Paulo") == ["sao-paulo-forum"]
    assert ids("--search", "JAURES") == ["jean-jaures-foundation"]
    assert ids("--search", "stiftung") == [
        "friedrich-ebert-foundation",
        "rosa-luxemburg-foundation",
        "hanns-seidel-foundation",
    ]


def test_sort_and_limit() -> None:
    assert ids("--sort", "name", "--limit", "3") == [
        "alfred-mozer-foundation",
        "armenian-revolutionary-federation",
        "belarusian-party-of-the-left-fair-world",
    ]
    assert ids("--sort", "type", "-t", "international", "-t", "npo", "-n", "2") == ["pasd", "icapp"]
    assert ids("--limit", "0") == []


def test_partner_json_fields() -> None:
    result = run_cli("partners", "--json", "--country", "SV")
    [record] = json.loads(result.stdout)
    assert list(record)[:7] == ["id", "name", "type", "kind", "country", "country_code", "region"]
    assert (record["country"], record["country_code"], record["position"]) == (
        "El Salvador",
        "SV",
        41,
    )
    assert [i["field"] for i in record["inferred"]] == ["country", "country_code"]


def test_transnational_body_has_region_and_no_country() -> None:
    [record] = json.loads(run_cli("partners", "--json", "--search", "ICAPP").stdout)
    assert (record["country"], record["country_code"], record["region"]) == (None, None, "Asia")


def show(query: str) -> dict[str, Any]:
    result = run_cli("show", query, "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    "query",
    [
        "spd",
        "SPD",
        "Social Democratic Party of Germany",
        "socialist democratic party of germany",
        "Germany)",
    ],
)
def test_show_by_id_name_or_other_name(query: str) -> None:
    if query == "Germany)":
        query = "of Germany"
    assert show(query)["id"] == "spd"


def test_show_lists_events_and_inference() -> None:
    spd = show("spd")
    assert [e["id"] for e in spd["events"]] == ["progressive-alliance-leipzig-2013"]
    fmln = show("Farabundo Marti")
    assert fmln["inferred"][0]["field"] == "country"
    si = show("SI")
    assert [m["status"] for m in si["memberships"]] == ["observer", "consultative", "full"]
    assert [p["name"] for p in si["people"]] == ["Sergei Mironov", "Aksakov", "Burkov"]


def test_show_ambiguous_and_unknown() -> None:
    amb = run_cli("show", "Socialist Democratic Party of")
    assert amb.returncode == 2
    assert amb.stderr.splitlines()[:2] == [
        "partyintl: error: 'Socialist Democratic Party of' matches 6 records; be more precise.",
        "Candidates:",
    ]
    country = run_cli("show", "Moldova")
    assert country.returncode == 2
    assert country.stderr.splitlines() == [
        "partyintl: error: 'Moldova' is a country, not a partner, person or event: for its "
        "partners, try `partyintl partners -c Moldova`.",
        "Records with 'Moldova' in their names:",
        "  democratic-party-of-moldova (Democratic Party of Moldova, organisation)",
        "  socialist-democratic-party-of-moldova "
        "(Socialist Democratic Party of Moldova, organisation)",
        "  party-of-socialists-of-moldova "
        "(Party of Socialists of the Republic of Moldova, organisation)",
    ]
    unknown = run_cli("show", "Fattah")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines()[-1].startswith("Did you mean 'Fatah'")


def test_countries_counts() -> None:
    rows = json.loads(run_cli("countries", "--json").stdout)
    assert rows[0] == {
        "country": "Germany",
        "country_code": "DE",
        "region": None,
        "partners": 6,
        "party": 2,
        "international": 0,
        "npo": 4,
        "inferred": [],
    }
    assert {k: v for k, v in rows[1].items() if k != "inferred"} == {
        "country": None,
        "country_code": None,
        "region": "European Union",
        "partners": 4,
        "party": 0,
        "international": 2,
        "npo": 2,
    }
    assert sum(r["partners"] for r in rows) == 54
    assert {
        "country": "South Ossetia",
        "country_code": None,
        "region": None,
        "partners": 1,
        "party": 1,
        "international": 0,
        "npo": 0,
        "inferred": [],
    } in rows


def test_timeline_order_and_undated_last() -> None:
    rows = json.loads(run_cli("timeline", "--json").stdout)
    dates = [r["date"] for r in rows]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))
    assert dated[0] == "2007" and dated[-1] == "2022-03-07"
    assert [(r["kind"], r["status"]) for r in rows if r["status"]] == [
        ("status_change", "observer"),
        ("status_change", "consultative"),
        ("status_change", "full"),
        ("status_end", "ended"),
    ]


def test_timeline_filters() -> None:
    rows = json.loads(
        run_cli("timeline", "--json", "--org", "SI", "--since", "2010", "--until", "2012").stdout
    )
    # What overlaps 2010-2012: the observer status to November 2010, the commission seats
    # held since 2007 and 2008 (as of the page's 2018), the full status to 2022.
    assert [(r["date"], r["end_date"] or r["as_of"], r["kind"]) for r in rows] == [
        ("2007-06", "2018", "appointment"),
        ("2008-06-30", "2010-11", "status_change"),
        ("2008-11", "2018", "appointment"),
        ("2010-11", "2012-08-30", "status_change"),
        ("2010-11", None, "council_meeting"),
        ("2012-08-30", "2022-03-07", "status_change"),
        ("2012-08-30", None, "congress"),
    ]
    pa = json.loads(run_cli("timeline", "--json", "--org", "Progressive Alliance").stdout)
    assert [r["event_id"] for r in pa] == [
        "progressive-alliance-rome-2012",
        "progressive-alliance-leipzig-2013",
    ]


def test_people() -> None:
    rows = json.loads(run_cli("people", "--json").stdout)
    mironov = rows[0]
    assert mironov["name"] == "Sergei Mironov"
    assert [d["id"] for d in mironov["delegations_led"]] == [
        "si-congress-24-cape-town",
        "progressive-alliance-leipzig-2013",
    ]
    assert {
        "role": "Member",
        "organization_id": "si-commission-sustainable-world-society",
        "organization": "SI Commission on Sustainable World Society",
        "start_date": "2007-06",
        "as_of": "2018",  # held with no end: as of the page that says so
        "end_date": None,
        "end_reason": None,
        "note": None,
        "sources": [
            {
                "source": "party-page-2018",
                "at": "paragraph 5",
                "fields": [],
                "date": None,
                "note": None,
            }
        ],
        "inferred": [],
    } in mironov["posts"]
    levichev = next(r for r in rows if r["id"] == "nikolai-levichev")
    assert [e["id"] for e in levichev["events"]] == ["mou-sd-group-2008"]


def test_contacts_languages() -> None:
    en = json.loads(run_cli("contacts", "--json").stdout)
    ru = json.loads(run_cli("contacts", "--json", "--lang", "ru").stdout)
    assert [(c["label"], c["value"], c["restriction"]) for c in en][3] == (
        "Mobile phone",
        "+79162494947",
        "for the media only",
    )
    assert [(c["label"], c["restriction"]) for c in ru][3] == ("Моб. тел.", "только для СМИ")
    plain = run_cli("contacts", "--fields", "label,value")
    assert plain.stdout.splitlines()[0] == "Phone\t+74957878515"


def test_data_option_and_environment(tmp_path: Any, raw_data: dict[str, Any]) -> None:
    small = dict(raw_data, partners=raw_data["partners"][:3], events=[], memberships=[], people=[])
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small), encoding="utf-8")
    assert len(json.loads(run_cli("--data", str(path), "partners", "--json").stdout)) == 3
    via_env = run_cli("partners", "--json", env={"PARTYINTL_DATA": str(path)})
    assert len(json.loads(via_env.stdout)) == 3
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = run_cli("--data", str(broken), "partners")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"partyintl: error: {broken}: 1 problem",
        "  line 1, column 2: malformed JSON: a field name in double quotes was expected here (a "
        "comma before a closing '}'?); the text ends before the JSON does: is the file cut short?",
    ]


def test_validate_and_schema(tmp_path: Any) -> None:
    ok = run_cli("validate")
    assert ok.returncode == 0
    assert ok.stdout.endswith(
        ": valid, schema version 2: 5 sources, 54 partners, 12 other organisations, "
        "1 membership (3 status periods), 13 events, 6 people, 6 contacts\n"
    )
    schema = json.loads(run_cli("schema", "--json").stdout)
    assert schema["title"] == "DatasetFile"
    assert "partners" in schema["required"]
    words = run_cli("schema").stdout
    assert words.startswith("# partyintl data file, schema version 2\n")
    assert "- `as_of` (date (EDTF)) (required): The date the file describes" in words
    missing = run_cli("validate", str(tmp_path / "none.json"))
    assert missing.returncode == 1
    assert "no such file" in missing.stderr


def test_version_and_help() -> None:
    assert run_cli("--version").stdout == "partyintl 0.1.0\n"
    for args in (["--help"], ["-h"], []):
        result = run_cli(*args)
        assert result.returncode == 0
        assert "partners" in result.stdout + result.stderr
    for command in (cmd.name for cmd in SPEC.commands):
        helptext = run_cli(command, "--help").stdout
        assert "Examples:\n\n  partyintl " in helptext, command


def test_unknown_command_and_option_exit_2() -> None:
    assert run_cli("partner").returncode == 2
    bad = run_cli("partners", "--colour")
    assert bad.returncode == 2
    assert "No such option: --colour" in bad.stderr


@pytest.mark.parametrize("command", [None, *(c.name for c in SPEC.commands)])
def test_help_writes_arguments_as_the_spec_does_and_examples_whole(command: str | None) -> None:
    """Usage shows `NAME` and `[NAME]` as the spec writes them (not Typer's `{NAME}`,
    `[[NAME]]` or Python's `<str>`), and each example is one line, never wrapped, whatever
    the width (a pasted half of a wrapped example left a quote open)."""
    for columns in ("40", "80"):
        args = [command, "--help"] if command else ["--help"]
        for env in ({"COLUMNS": columns}, {"COLUMNS": columns, "PARTYINTL_NO_FAST": "1"}):
            text = run_cli(*args, env=env).stdout
            usage = text.splitlines()[0]
            spec = SPEC.command(command) if command else None
            wanted = " ".join(a.metavar for a in spec.arguments) if spec else "COMMAND [ARGS]..."
            assert usage.endswith(f"[OPTIONS] {wanted}".rstrip()), usage
            assert not any(mark in text for mark in ("{", "[[", "<str>")), text
            lines = [line.strip() for line in text.splitlines()]
            for example in spec.examples if spec else SPEC.examples:
                assert example in lines, (example, columns)


def _blank_cases() -> list[tuple[str, list[str], str]]:
    """Every text option and argument of every command given an empty or blank value, with
    the rest of what the command needs, and the message that must answer."""
    from partyintl.cli.spec import flag

    cases = []
    for cmd in SPEC.commands:
        needs = [a for a in NEEDS.get(cmd.name, []) if a not in ("--data", "bundled")][:1]
        args = {a.dest: a for a in cmd.arguments}
        for opt in cmd.options:
            if opt.takes_value and opt.parser is None and not opt.optional:
                name = flag(opt.dest, cmd.name)
                message = f"{name} was given an empty value: give one, or leave the option out."
                extra = {"network": ["-f", "gexf"], "export": ["-f", "popolo"]}.get(cmd.name, [])
                base = [*needs] if cmd.name != "shared" else ["a", "b"]
                for blank in ("", "  "):
                    argv = [cmd.name, *extra, *(base if args else []), opt.names[0], blank]
                    if cmd.name in ("draft", "link", "upgrade"):
                        argv = [cmd.name, str(DATA), opt.names[0], blank]
                    cases.append((f"{cmd.name} {opt.names[0]} {blank!r}", argv, message))
        for i, arg in enumerate(cmd.arguments):
            ending = "." if arg.required else ", or leave it out."
            message = f"{arg.metavar.strip('[]')} is empty: give one{ending}"
            values = ["x"] * len(cmd.arguments)
            values[i] = ""
            cases.append((f"{cmd.name} {arg.metavar} ''", [cmd.name, *values], message))
    return cases


BLANK = _blank_cases()


@pytest.mark.parametrize(("argv", "message"), [c[1:] for c in BLANK], ids=[c[0] for c in BLANK])
@pytest.mark.parametrize("typer_path", [False, True])
def test_an_empty_value_is_refused_not_taken_as_no_filter(
    argv: list[str], message: str, typer_path: bool
) -> None:
    """`--region ''` listed every partner; now every text option and argument refuses an
    empty or blank value, on both paths, before anything is read or written."""
    env = {"PARTYINTL_NO_FAST": "1"} if typer_path else {}
    done = run_cli(*argv, env=env)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"partyintl: error: {message}\nTry 'partyintl {argv[0]} --help' for help.\n"
    )


_FORMATS = [
    (cmd.name, value)
    for cmd in SPEC.commands
    if {"json_", "fmt"} <= {o.dest for o in cmd.options}
    for value in next(o for o in cmd.options if o.dest == "fmt").choices or []
]


@pytest.mark.parametrize(("command", "value"), _FORMATS)
def test_json_with_another_format_is_refused(command: str, value: str) -> None:
    """`--json --format csv` printed JSON without a word; now it is two formats asked for
    (and `--json --format json` is one)."""
    needs = [str(DATA)] if command == "link" else NEEDS.get(command, [])
    done = run_cli(command, *needs, "--json", "--format", value)
    if value == "json":
        assert done.returncode == 0, done.stderr
        return
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"partyintl: error: --json and --format {value} ask for two formats: give one "
        f"(--json is --format json).\nTry 'partyintl {command} --help' for help.\n"
    )


def _twice_cases() -> list[tuple[str, list[str]]]:
    from partyintl.cli._help import FIELDS

    return [
        (command, [fields[i], *fields[:i], fields[i]])
        for command, fields in FIELDS.items()
        if command != "link" and fields
        for i in range(min(len(fields), 3))
    ]


@pytest.mark.parametrize(("command", "wanted"), _twice_cases())
@pytest.mark.parametrize("fmt", ["json", "csv", "plain"])
def test_a_field_asked_for_twice_is_refused_in_every_format(
    command: str, wanted: list[str], fmt: str
) -> None:
    """`--fields name,name` gave one key in JSON and two columns in CSV; now it is refused
    alike in every format."""
    done = run_cli(command, *NEEDS.get(command, []), "--fields", ",".join(wanted), "-f", fmt)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"partyintl: error: --fields names '{wanted[0]}' twice: give each field once.\n"
    )


@pytest.mark.parametrize(("argv", "_message"), [c[1:] for c in BLANK], ids=[c[0] for c in BLANK])
def test_a_huge_or_undecodable_value_is_shown_short_and_as_typed(
    argv: list[str], _message: str, tmp_path: Path
) -> None:
    """Every text option and argument: a 100,000-character value is not echoed whole on
    stderr (it was, 100 KB, by most of them), and a byte that was not UTF-8 shows as it
    was typed (`\\xff`), never as `?`. `\\udcff` is what Python makes of the byte 0xff."""
    at = next(i for i, a in enumerate(argv) if not a.strip())
    for value, marks in (("x" * 100_000, "(100,000 characters)"), ("ab\udcffcd", "ab\\xffcd")):
        done = run_cli(*argv[:at], value, *argv[at + 1 :], cwd=tmp_path)  # -o writes here
        assert done.returncode in (0, 1, 2)
        assert len(done.stderr) < 4000, done.stderr[:300]
        if value[:40] in done.stderr or "ab" in done.stderr:
            assert marks in done.stderr or value[:3] not in done.stderr, done.stderr[:300]
        said = [line for line in done.stderr.splitlines() if not line.startswith("Did you")]
        assert "?" not in "".join(said), done.stderr


def _own_options() -> list[tuple[str, str, bool]]:
    """Every command's own options (not the global ones), by each name, with whether a
    value follows."""
    root = {n for o in SPEC.root for n in o.names}
    return [
        (c.name, name, o.takes_value and not o.optional)
        for c in SPEC.commands
        for o in c.options
        for name in o.names
        if name not in root and name not in ("--help", "-h")
    ]


@pytest.mark.parametrize(("command", "name", "valued"), _own_options())
@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "typer path"])
def test_a_commands_option_before_the_command_says_where_it_goes(
    command: str, name: str, valued: bool, fast: bool
) -> None:
    """`partyintl --json partners` named the option unknown and offered --version (a fresh
    tester): every command's own option, given before it, is said to go after it."""
    argv = [name, *(["x"] if valued else []), command, *NEEDS.get(command, [])]
    result = run_cli(*argv, env={} if fast else {"PARTYINTL_NO_FAST": "1"})
    assert result.returncode == 2, (argv, result.stderr)
    assert result.stderr == (
        f"partyintl: error: {name} is an option of '{command}': give it after the command "
        f"(partyintl {command} {name} ...).\nTry 'partyintl {command} --help' for help.\n"
    )
    assert result.stdout == ""


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_an_unknown_option_is_suggested_by_the_one_rule(data: st.DataObject) -> None:
    """`--nope` got click's "(Possible options: --names)", three edits away: click's
    difflib, not the rule every other suggestion follows (data/suggest.py). An unknown
    option names an option only when the rule allows it, in partyintl's words."""
    from conftest import run_here
    from partyintl.cli.argv import option_table
    from partyintl.data.countries import fold
    from partyintl.data.suggest import allowed_edits, edits

    command = data.draw(st.sampled_from([c.name for c in SPEC.commands]))
    spec = SPEC.command(command)
    assert spec is not None
    names = [n for n in (*option_table(spec.options), *option_table(SPEC.root)) if n[1] == "-"]
    typo = "--" + data.draw(st.text(st.sampled_from("abcdefilmnoprstuy-"), min_size=2, max_size=9))
    assume(typo not in names and not typo.endswith("-") and "=" not in typo)
    code, out, err = run_here([command, typo])
    assert (code, out) == (2, "")
    first = err.splitlines()[0]
    close = {n for n in names if edits(fold(typo), fold(n)) <= allowed_edits(fold(n))}
    assert first.startswith(f"partyintl: error: No such option: {typo}."), first
    offered = set(first.partition("Did you mean ")[2].rstrip("?").split(" or ")) - {""}
    assert offered <= close and bool(offered) == bool(close), (first, close)
    assert "Possible options" not in err


@pytest.mark.parametrize("command", [c.name for c in SPEC.commands])
def test_a_misspelt_global_option_after_a_command_is_suggested(command: str) -> None:
    """The global options may follow the command, but a misspelt one there was matched
    only against the command's own (`partners --no-colour` suggested --country, `--dta`
    nothing; `--verison` not --version). Each global option, those that go only before
    the command too, with a letter dropped or doubled, after each command, is suggested."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from conftest import run_here
    from partyintl.cli.argv import option_table

    globals_ = [n for n in option_table(SPEC.root) if n.startswith("--")]

    @settings(max_examples=8, deadline=None)
    @given(st.sampled_from(globals_), st.integers(3, 40), st.booleans())
    def check(name: str, at: int, drop: bool) -> None:
        at = 2 + at % (len(name) - 2)
        typo = name[:at] + name[at + 1 :] if drop else name[:at] + name[at] + name[at:]
        if typo in option_table(SPEC.command(command).options) or typo in globals_:  # type: ignore[union-attr]
            return
        code, out, err = run_here([command, typo])
        assert (code, out) == (2, ""), err
        first = err.splitlines()[0]
        assert first.startswith(f"partyintl: error: No such option: {typo}. Did you mean "), first
        offered = first.partition("Did you mean ")[2].rstrip("?").split(" or ")
        assert name in offered, first
        assert "Possible options" not in err  # click's words and difflib's rule, not ours

    check()


@pytest.mark.parametrize("command", [c.name for c in SPEC.commands])
def test_an_option_of_partyintl_itself_after_a_command_says_where_it_goes(command: str) -> None:
    """`partners --version` answered "No such option: --version (Possible options: --json,
    --region)". Each option that goes only before the command, after each command, now
    says so, with the line to type."""
    from conftest import run_here
    from partyintl.cli.argv import option_table

    movable = option_table(SPEC.movable)
    root_only = [n for n in option_table(SPEC.root) if n not in movable]
    assert "--version" in root_only
    for name in root_only:
        code, out, err = run_here([command, name])
        assert (code, out) == (2, ""), err
        assert err == (
            f"partyintl: error: {name} is an option of partyintl itself, not of '{command}': "
            f"give it before the command (partyintl {name}).\n"
            f"Try 'partyintl {command} --help' for help.\n"
        )


@pytest.mark.parametrize("command", [c.name for c in SPEC.commands])
def test_words_a_command_has_no_place_for_are_said_with_the_mend(command: str) -> None:
    """`validate a.json b.json`, `partners Germany` and `show Party of European
    Socialists` got click's "Got unexpected extra argument(s) (b.json)". Each command, given
    generated words beyond its arguments, now says what it takes, names each word left over
    (escaped as messages escape), and gives a line that, split as a shell splits it, is the
    command with the words as one argument (a name) or the first extra file alone."""
    import shlex

    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from conftest import run_here, text_characters
    from partyintl.escaping import escape_hidden

    cmd = SPEC.command(command)
    assert cmd is not None
    word = st.text(
        st.one_of(text_characters(), st.sampled_from("\x1b\x07\t ")), min_size=1, max_size=8
    ).filter(lambda w: not w.startswith("-") and w.strip())
    filled = ["x" for _ in cmd.arguments]
    required: list[str] = []  # each required option with a value an example gives it
    for opt in (o for o in cmd.options if o.required):
        words = next(w for e in cmd.examples for w in [shlex.split(e)] if opt.names[0] in w)
        required += [opt.names[0], words[words.index(opt.names[0]) + 1]]

    @settings(max_examples=15, deadline=None)
    @given(st.lists(word, min_size=1, max_size=3))
    @example(["\U000e0000"])  # a tag character: messages show it escaped (a CI run's find)
    def check(extra: list[str]) -> None:
        code, out, err = run_here([command, *required, *filled, *extra])
        assert (code, out) == (2, ""), err
        head, hint = err.rstrip("\n").split("\n")
        assert hint == f"Try 'partyintl {command} --help' for help."
        left = ", ".join(f"'{escape_hidden(w)}'" for w in extra)
        was = "was" if len(extra) == 1 else "were"
        assert f"{left} {was} given besides" in head, head
        assert "unexpected" not in head
        if not cmd.arguments:
            assert head.startswith(f"partyintl: error: '{command}' takes options only, and ")
            return
        assert head.startswith(f"partyintl: error: '{command}' takes {len(cmd.arguments)} ")
        if any(escape_hidden(w) != w for w in extra):
            return
        line = head.rpartition(" (partyintl ")[2].removesuffix(").")
        line = line.removesuffix("), or the folder that holds them.")  # validate's
        last = [extra[0]] if cmd.arguments[-1].path else [" ".join(["x", *extra])]
        assert shlex.split(line) == [command, *filled[:-1], *last], head

    check()


@pytest.mark.parametrize("command", [None, *(c.name for c in SPEC.commands)])
def test_a_long_name_typed_with_one_dash_is_said_so(command: str | None) -> None:
    """`-help` said "No such option: -e" (click read -h -e -l -p), `partners -country
    Germany` searched for the country "ountry", `-no-color partners` was called an option
    of partners. Every long name of partyintl and of each command, typed with one dash,
    alone or with `=VALUE`, before or after the command: the line to type instead."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from conftest import run_cli
    from partyintl.cli.argv import option_table

    cmd = SPEC.command(command) if command else None
    table = option_table(SPEC.root) | option_table(cmd.options if cmd else ())
    names = sorted(n for n in [*table, *SPEC.help_names] if n.startswith("--"))
    where = f"partyintl {command}" if command else "partyintl"

    @settings(max_examples=30, deadline=None)
    @given(st.sampled_from(names), st.booleans(), st.booleans())
    def check(name: str, valued: bool, before: bool) -> None:
        typed = name[1:] + ("=x" if valued else "")
        words = [command] if command else []
        argv = [typed, *words] if before else [*words, typed]
        done = run_cli(*argv)
        assert (done.returncode, done.stdout) == (2, ""), done.stderr
        assert done.stderr == (
            f"partyintl: error: {name[1:]} is not an option: a long name takes two dashes "
            f"({name}).\nTry '{where} --help' for help.\n"
        )

    check()


@pytest.mark.parametrize("command", [c.name for c in SPEC.commands])
def test_an_option_of_one_value_given_twice_with_two_is_refused(command: str) -> None:
    """`partners --region EU --region CIS` answered for CIS alone, `-o a.csv -o b.csv`
    wrote b.csv alone, and `timeline --org SI --org PES` answered for PES: the first value
    was dropped without a word. Every option of one value (of the command and of partyintl
    itself), given twice with generated values in any of its spellings: refused when the
    values differ, read as one value when they are the same."""
    import tempfile
    from pathlib import Path

    from hypothesis import assume, given, settings
    from hypothesis import strategies as st

    from conftest import run_cli
    from partyintl.escaping import escape_control

    cmd = SPEC.command(command)
    assert cmd is not None
    single = [
        o
        for o in (*SPEC.root, *cmd.options)
        if o.takes_value and not o.multiple and o.action != "completion"
    ]
    value = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=6)

    @settings(max_examples=25, deadline=None)
    @given(st.sampled_from(single), value, value, st.booleans())
    def check(opt: Any, first: str, second: str, joined: bool) -> None:
        assume(not first.startswith("-") and not second.startswith("-"))
        name = opt.names[-1] if not joined else opt.names[0]
        spell = (lambda v: [f"{name}={v}"]) if joined else (lambda v: [name, v])
        # The same value twice runs the command: in a folder of its own, which an `-o`
        # value writes into (never the working tree).
        done = run_cli(command, *spell(first), *spell(second), cwd=Path(tempfile.mkdtemp()))
        said = (
            f"partyintl: error: {opt.names[0]} was given twice, with two values "
            f"('{escape_control(first)}', '{escape_control(second)}'): it takes one; give the "
            f"one you mean.\nTry 'partyintl {command} --help' for help.\n"
        )
        if first != second:
            assert (done.returncode, done.stdout, done.stderr) == (2, "", said)
        else:
            assert "was given twice" not in done.stderr

    assert single
    check()


@pytest.mark.parametrize("command", [c.name for c in SPEC.commands])
def test_a_command_typed_in_capitals_is_suggested(command: str) -> None:
    """`PARTNERS` got no suggestion while `parners` got "Did you mean 'partners'?": the
    suggestions compared case. Every command in capitals and in title case is suggested."""
    from conftest import run_here

    for typed in (command.upper(), command.title()):
        if typed == command:
            continue
        code, out, err = run_here([typed])
        assert (code, out) == (2, ""), err
        first = err.splitlines()[0]
        assert first.startswith(f"partyintl: error: No such command '{typed}'. Did you mean "), (
            first
        )
        assert f"'{command}'" in first, first


@pytest.mark.parametrize("fmt", ["table", "plain", "json", "csv"])
def test_limit_zero_says_what_it_asked_for(fmt: str) -> None:
    """`partners --limit 0` said "No partners match." though 54 do."""
    from conftest import run_here

    code, out, err = run_here(["partners", "--limit", "0", "-f", fmt])
    assert code == 0, err
    if fmt == "csv":  # the header alone
        assert out.count("\r\n") == 1 and out.startswith("id,name,"), out
    else:
        assert out == ("[]\n" if fmt == "json" else ""), out
    if fmt in ("table", "plain"):
        assert err == "--limit 0 asks for no partners.\n"
    assert "No partners match" not in err


@pytest.mark.parametrize(
    ("argv", "mend"),
    [
        (["timeline", "--org", "Socialist", "International"], "--org 'Socialist International'"),
        (["partners", "--search=social", "democrats"], "--search 'social democrats'"),
        (["partners", "-c", "Czech", "Republic"], "--country 'Czech Republic'"),
        (["ties", "SPD", "x"], None),
    ],
)
def test_a_value_of_several_words_typed_without_quotes_gets_its_mend(
    argv: list[str], mend: str | None
) -> None:
    """`timeline --org Socialist International` said only that 'International' was given
    besides: the mend is to quote the option's value, and the message says so."""
    from conftest import run_here

    code, out, err = run_here(argv)
    assert (code, out) == (2, ""), err
    if mend:
        assert f"quote them ({mend})." in err, err
