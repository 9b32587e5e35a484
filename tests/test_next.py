"""What people type next (issue 15, kind 12): -o on every command, --sort left_right, the
tags --ideology knows, UN M49 sub-regions, a country given to `show`, the command's help
under a missing value, suggestions only when close, and validation in the user's words.

Commands run in this process, through the same door as `python -m partyintl` (normalised
arguments, the fast interpreter, then the Typer app), with stdout and stderr captured.
"""

from __future__ import annotations

import copy
import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from spoil import first_place, shapes_of, small_valid_file, spoilt, wrong_values

from conftest import DATA, NEEDS, captured
from partyintl import query
from partyintl.answer import FORMAT_BY_EXTENSION
from partyintl.cli import interpret
from partyintl.cli._help import FIELDS
from partyintl.cli.app import main as typer_main
from partyintl.cli.argv import normalise
from partyintl.cli.spec import SPEC, TO_FILE
from partyintl.cli.values import BadValue, output_format, sort_key
from partyintl.data import countries, regions
from partyintl.data.countries import fold
from partyintl.data.load import load_dataset, validate
from partyintl.data.suggest import allowed_edits, close_matches, edits
from partyintl.errors import DatasetError, UsageError
from partyintl.lifecycle import report
from partyintl.render.view import FORMAT_ALIASES, OutputFormat

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(*argv: str, terminal: bool = False) -> tuple[int, bytes, str]:
    """Exit code, stdout bytes and stderr text of `partyintl ARGV`, as stdout is piped
    (or a terminal)."""
    args = normalise(list(argv))
    with captured(tty=terminal) as (out, err):
        code = interpret.run(args)
        if code is None:
            code = typer_main(args)
    return code, out.getvalue(), err.getvalue().decode("utf-8")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("PARTYINTL_NO_FAST", "PARTYINTL_DATA", "PARTYINTL_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


# -- -o FILE on every command that prints ---------------------------------------------------

#: Every command that prints a view and writes it where -o says, with the arguments it
#: needs (conftest.NEEDS; link's -o writes a decisions file, draft's and upgrade's a data
#: file: their own).
VIEW_COMMANDS = {
    cmd.name: NEEDS.get(cmd.name, []) for cmd in SPEC.commands if TO_FILE in cmd.options
}


def test_every_command_that_prints_takes_o() -> None:
    takes = {cmd.name for cmd in SPEC.commands if any(o.dest == "output" for o in cmd.options)}
    every = {cmd.name for cmd in SPEC.commands}
    assert takes == every  # validate's -o keeps its summary (for CI logs and make)
    # Their own -o: no format to choose from.
    own = {"report", "export", "schema", "draft", "upgrade", "link", "network", "validate"}
    assert set(VIEW_COMMANDS) == takes - own
    listing = {cmd.name for cmd in SPEC.commands if any(o.dest == "fields" for o in cmd.options)}
    assert set(VIEW_COMMANDS) == listing - {"link"}


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
@pytest.mark.parametrize("command", list(VIEW_COMMANDS))
def test_o_writes_exactly_what_stdout_would_have(command: str, fmt: str, tmp_path: Path) -> None:
    argv = [command, *VIEW_COMMANDS[command], "--format", fmt]
    code, out, err = run(*argv)
    target = tmp_path / f"answer.{fmt}"
    o_code, o_out, o_err = run(*argv, "-o", str(target))
    assert (o_code, o_out) == (code, b"")
    if code == 0:
        assert target.read_bytes() == out
        lines = o_err.splitlines(keepends=True)
        assert f"Wrote {target}\n" in lines
        lines.remove(f"Wrote {target}\n")
        assert "".join(lines) == err
    else:  # refused the same way (a table too long for a picture), and nothing written
        assert o_err == err
        assert not target.exists()
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("extension", "fmt"), list(FORMAT_BY_EXTENSION.items()))
def test_without_a_format_o_follows_the_extension(
    extension: str, fmt: OutputFormat, tmp_path: Path
) -> None:
    target = tmp_path / f"counts{extension.upper() if extension == '.csv' else extension}"
    code, _, _ = run("countries", "-o", str(target))
    assert code == 0
    assert target.read_bytes() == run("countries", "--format", fmt.value)[1]


def test_an_unknown_extension_writes_what_a_pipe_gets(tmp_path: Path) -> None:
    run("partners", "-c", "de", "-o", str(tmp_path / "de.out"))
    assert (tmp_path / "de.out").read_bytes() == run("partners", "-c", "de")[1]


def test_the_examples_of_the_issue(tmp_path: Path) -> None:
    code, out, err = run("partners", "-f", "csv", "-o", "eu.csv")
    assert (code, out, err) == (0, b"", "Wrote eu.csv\n")
    rows = (tmp_path / "eu.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,name,type,kind,country,country_code,region,list,position")
    assert len(rows) == 55
    code, out, err = run("timeline", "-f", "png", "-o", "t.png", terminal=True)
    assert (code, out, err) == (0, b"", "Wrote t.png\n")
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("command", [c for c in VIEW_COMMANDS if c != "partners"])
def test_png_to_a_terminal_is_refused_with_the_way_to_a_file(command: str, tmp_path: Path) -> None:
    code, out, err = run(command, *VIEW_COMMANDS[command], "-f", "png", terminal=True)
    assert (code, out) == (2, b"")
    assert err == (
        "partyintl: error: PNG is an image, not for a terminal: write it to a file with "
        "-o figure.png (or redirect it: > figure.png).\n"
    )
    assert list(tmp_path.iterdir()) == []
    assert run(command, *VIEW_COMMANDS[command], "-o", "f.png", terminal=True)[0] == 0
    assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("command", [*VIEW_COMMANDS, "schema"])
def test_o_never_replaces_the_data_file_and_refuses_a_folder(command: str, tmp_path: Path) -> None:
    data = tmp_path / "mine.json"
    data.write_bytes(DATA.read_bytes())
    needs = VIEW_COMMANDS.get(command, [])
    code, out, err = run("--data", str(data), command, *needs, "-o", str(data))
    assert (code, out) == (2, b"")
    assert err == (
        f"partyintl: error: -o {data} is the data file being read; nothing was written. "
        "Give another output file.\n"
    )
    assert data.read_bytes() == DATA.read_bytes()
    code, _, err = run(command, *needs, "-o", str(tmp_path))
    assert (code, err) == (
        2,
        f"partyintl: error: cannot write {tmp_path}: it is a folder; nothing was written. "
        "Give a file name inside it.\n",
    )


def test_schema_o_writes_what_schema_prints(tmp_path: Path) -> None:
    assert run("schema", "-o", "s.md")[2] == "Wrote s.md\n"
    assert (tmp_path / "s.md").read_bytes() == run("schema")[1]


# -- --sort left_right ----------------------------------------------------------------------


def _scores(*args: str) -> list[tuple[str, float | None]]:
    rows = json.loads(run("partners", "--json", *args)[1])
    return [(r["id"], r["left_right"]) for r in rows]


def test_sort_left_right_puts_blanks_last() -> None:
    rows = _scores("--sort", "left_right")
    assert rows[:3] == [
        ("communist-party-of-vietnam", -2.24),
        ("communist-party-of-china", -2.16),
        ("communist-party-of-cuba", -1.96),
    ]
    assert rows[-1] == ("european-forum-democracy-solidarity", None)
    assert _scores("--sort", "left-right") == rows  # as the option --left-right is spelt


@SLOW
@given(
    st.sampled_from(["party", "international", "npo", "party,npo"]),
    st.sampled_from(["Europe", "CIS", "Asia", "Americas", "Eastern Europe", "EU"]),
)
def test_sort_left_right_orders_any_selection(types: str, region: str) -> None:
    sorted_rows = _scores("-t", types, "--region", region, "--sort", "left_right")
    source = _scores("-t", types, "--region", region)
    assert sorted(sorted_rows, key=str) == sorted(source, key=str)
    scored = [s for _, s in sorted_rows if s is not None]
    assert scored == sorted(scored)
    blanks = [i for i, s in sorted_rows if s is None]
    assert sorted_rows[len(scored) :] == [(i, None) for i in blanks]
    assert blanks == [i for i, s in source if s is None]  # in the source's order


# -- --ideology and the tags command ---------------------------------------------------------


def _tag_counts() -> dict[str, int]:
    """How many partners of the bundled file have each tag, counted from the file itself."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for partner in raw["partners"]:
        for tag in set(partner.get("ideology", ())):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


def test_tags_lists_what_ideology_matches() -> None:
    rows = json.loads(run("tags", "--json")[1])
    counts = _tag_counts()
    assert rows[:3] == [
        {"tag": "far-left", "kind": "position", "partners": counts["far-left"]},
        {"tag": "left-wing", "kind": "position", "partners": counts["left-wing"]},
        {"tag": "centre-left", "kind": "position", "partners": counts["centre-left"]},
    ]
    assert {r["tag"]: r["partners"] for r in rows} == counts
    for row in rows:  # every tag listed finds exactly as many partners
        found = json.loads(run("partners", "--ideology", row["tag"], "--json")[1])
        assert len(found) == row["partners"], row


def test_an_unknown_tag_is_an_empty_answer_that_suggests_the_close_one() -> None:
    code, out, err = run("partners", "--ideology", "communist")
    assert (code, out) == (0, b"")
    assert err == (
        "No partner has the tag 'communist'. Did you mean 'communism'?\nNo partners match.\n"
    )
    code, out, err = run("partners", "--ideology", "nonsense")
    assert (code, out) == (0, b"")
    assert err == (
        f"No partner has the tag 'nonsense'; `partyintl tags` lists the {len(_tag_counts())} "
        "tags they have.\nNo partners match.\n"
    )


# -- UN M49 sub-regions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "ids"),
    [
        (
            "Western Asia",
            [
                "armenian-revolutionary-federation",
                "labor-party-of-georgia",
                "kurdistan-democratic-party",
                "fatah",
            ],
        ),
        ("Central Asia", ["socialist-democratic-party-of-kyrgyzstan", "ata-meken"]),
        ("Northern Africa", []),
        ("southeast asia", ["communist-party-of-vietnam"]),
    ],
)
def test_m49_sub_regions_answer(region: str, ids: list[str]) -> None:
    code, out, _ = run("partners", "--region", region, "--fields", "id")
    assert code == 0
    assert out.decode().split() == ids


def test_eastern_europe_has_its_countries_partners() -> None:
    codes = {
        r["country_code"]
        for r in json.loads(run("partners", "--region", "Eastern Europe", "--json")[1])
    }
    assert codes == {"BY", "HU", "MD", "BG", "PL", "CZ"}


def test_the_regions_hold_every_country_once_per_level() -> None:
    from partyintl.data._iso import COUNTRIES

    every = sorted(row[0] for row in COUNTRIES)
    known = regions.regions()
    m49 = [r for r in known.values() if r.kind != "union"]
    continents = [r for r in m49 if r.kind == "continent"]
    # The lowest level: the M49 regions no other lies within (South America, Antarctica too).
    lowest = [r for r in m49 if not any(r.name in o.within for o in m49)]
    for level in (continents, lowest):
        assert sorted(c for r in level for c in r.countries) == every  # each country once
    for region in m49:  # an M49 region lies within the regions it names (the EU does not:
        for outer in region.within:  # Cyprus is in Western Asia)
            assert region.countries <= known[outer].countries, (region.name, outer)


# -- a country given to show -----------------------------------------------------------------


def test_show_germany_says_it_is_a_country() -> None:
    code, out, err = run("show", "Germany")
    assert (code, out) == (2, b"")
    assert err == (
        "partyintl: error: 'Germany' is a country, not a partner, person or event: for its "
        "partners, try `partyintl partners -c Germany`.\n"
        "Records with 'Germany' in their names:\n"
        "  spd (Socialist Democratic Party of Germany, organisation)\n"
    )


def _country_names() -> list[str]:
    ds = load_dataset(str(DATA))
    return sorted({o["country"] for o in ds.raw_partners if o.get("country")})


@pytest.mark.parametrize("name", _country_names())
def test_every_partner_country_given_to_show_points_to_partners(name: str) -> None:
    for spelling in (name, name.upper(), countries.resolve(name).name):
        code, _, err = run("show", spelling)
        assert code == 2
        assert "is a country, not a partner, person or event: for its partners, try " in err
        assert "partyintl partners -c " in err
        # and what it points to answers: the same partners as by the country's name
        assert run("partners", "-c", spelling)[0] == 0


def test_records_are_still_found_by_their_own_names() -> None:
    ds = load_dataset(str(DATA))
    for raw in ds.raw_orgs.values():
        code, out, _ = run("show", raw["name"], "--fields", "id")
        if code == 0:  # names shared by two records stay ambiguous, as before
            assert out.decode().strip() == raw["id"]
        else:
            assert countries.lookup(raw["name"]) is None


# -- a missing value points to the command's help --------------------------------------------


def _valued_options() -> list[tuple[str, str]]:
    return [
        (cmd.name, name)
        for cmd in SPEC.commands
        for opt in cmd.options
        if opt.action == "value" and not opt.optional
        for name in opt.names
    ]


@pytest.mark.parametrize(("command", "option"), _valued_options())
def test_an_option_without_its_value_points_to_the_commands_help(command: str, option: str) -> None:
    code, out, err = run(command, option)
    assert (code, out) == (2, b"")
    assert err == (
        f"partyintl: error: Option '{option}' requires an argument.\n"
        f"Try 'partyintl {command} --help' for help.\n"
    )


@pytest.mark.parametrize("command", [cmd.name for cmd in SPEC.commands])
def test_a_global_option_without_its_value_after_a_command(command: str) -> None:
    code, _, err = run(command, "--data")
    assert code == 2
    assert err == (
        "partyintl: error: Option '--data' requires an argument.\n"
        f"Try 'partyintl {command} --help' for help.\n"
    )


# -- suggestions only when close -------------------------------------------------------------


def _ds() -> Any:
    return load_dataset(str(DATA))


def _raises(call: Any) -> UsageError:
    with pytest.raises(UsageError) as info:
        call()
    return info.value


def _suggested(call: Any) -> list[str]:
    """What a usage error suggests ("Did you mean"), not what else it lists."""
    error = _raises(call)
    return error.suggestions if error.label == "Did you mean" else []


#: Each kind of value a user types: the known values, and what the command line suggests for
#: a text (the suggestions of the usage error it raises, or of the note it prints).
KINDS: dict[str, tuple[list[str], Any]] = {
    "country": (
        countries.display_names(),
        lambda text: _suggested(lambda: countries.resolve(text)),
    ),
    "region": (
        list(regions.regions()),
        lambda text: _suggested(lambda: regions.resolve(text)),
    ),
    "field": (
        FIELDS["partners"],
        lambda text: _suggested(lambda: query.check_fields([text], FIELDS["partners"])),
    ),
    "type": (
        ["party", "international", "npo"],
        lambda text: _suggested(
            lambda: query.filter_partners(_ds(), query.PartnerFilter(types=(text,)))
        ),
    ),
    "tag": (
        [r["tag"] for r in query.tag_rows(_ds())],
        lambda text: [
            s.strip("'")
            for note in query.unknown_tag_notes(_ds(), (text,))
            for s in note.partition("Did you mean ")[2].rstrip("?").split(" or ")
            if s
        ],
    ),
    "sort": (
        [k.value for k in query.SortKey],
        lambda text: _bad_value(sort_key, text),
    ),
    "format": (
        [f.value for f in OutputFormat],
        lambda text: _bad_value(output_format, text),
    ),
}


def _bad_value(parse: Any, text: str) -> list[str]:
    with pytest.raises(BadValue) as info:
        parse(text)
    message = str(info.value)
    return (
        [message.partition("Did you mean '")[2].partition("'")[0]] if "Did you" in message else []
    )


LETTERS = string.ascii_lowercase + " -"


@st.composite
def misspellings(draw: st.DrawFn, known: list[str]) -> tuple[str, str]:
    """A known value and a misspelling of it within the edits the rule allows."""
    value = draw(st.sampled_from(known))
    text = fold(value)
    for _ in range(draw(st.integers(1, allowed_edits(fold(value))))):
        i = draw(st.integers(0, max(len(text) - 1, 0)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "swap"]))
        ch = draw(st.sampled_from(LETTERS))
        if how == "insert":
            text = text[:i] + ch + text[i:]
        elif how == "delete" and len(text) > 1:
            text = text[:i] + text[i + 1 :]
        elif how == "replace":
            text = text[:i] + ch + text[i + 1 :]
        elif how == "swap" and i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return value, text


def _is_known(kind: str, text: str, known: list[str]) -> bool:
    if kind == "country":
        return countries.lookup(text) is not None
    if kind == "region":
        return regions.lookup(text) is not None
    if kind == "format" and text.casefold().removeprefix(".") in FORMAT_ALIASES:
        return True  # an extension's name for a format (md) is one of its names
    return fold(text) in {fold(k) for k in known} or (
        kind in ("sort", "format") and text.replace("-", "_") in known
    )


@FAST
@given(st.data())
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_close_misspelling_gets_its_value_suggested(kind: str, data: st.DataObject) -> None:
    known, suggest = KINDS[kind]
    value, text = data.draw(misspellings(known))
    assume(fold(text).strip() and not _is_known(kind, text, known))
    distance = edits(fold(text), fold(value))
    assume(distance <= allowed_edits(fold(value)))
    # Another value at least as close may come first, and rightly.
    others = [k for k in known if k != value and edits(fold(text), fold(k)) <= distance]
    assume(not others)
    assert value in suggest(text), (value, text)


@FAST
@given(st.data())
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_far_string_gets_no_suggestion(kind: str, data: st.DataObject) -> None:
    known, suggest = KINDS[kind]
    text = data.draw(st.text(LETTERS, min_size=1, max_size=14))
    assume(fold(text) and not _is_known(kind, text, known))
    assume(all(edits(fold(text), fold(k)) > allowed_edits(fold(k)) for k in known))
    if kind == "region":  # aliases are suggested for what they name
        aliases = [a for r in regions.regions().values() for a in r.aliases]
        assume(all(edits(fold(text), fold(a)) > allowed_edits(fold(a)) for a in aliases))
    assert suggest(text) == []


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("region", "Narnia", []),
        ("region", "eastern europ", ["Eastern Europe"]),
        ("region", "Latn America", ["Latin America and the Caribbean"]),
        ("country", "Germny", ["Germany"]),
        ("country", "Narnia", []),
        ("field", "nmae", ["name"]),
        ("type", "partyy", ["party"]),
        ("tag", "communist", ["communism"]),
        ("sort", "leftright", ["left_right"]),
        ("format", "jsno", ["json"]),
    ],
)
def test_suggestion_examples(kind: str, text: str, expected: list[str]) -> None:
    assert KINDS[kind][1](text) == expected


def test_narnia_is_no_region_and_the_known_ones_are_listed() -> None:
    code, out, err = run("partners", "--region", "Narnia")
    assert (code, out) == (2, b"")
    lines = err.splitlines()
    assert lines[0] == (
        "partyintl: error: No region is called 'Narnia'. The regions are (see `partyintl regions`):"
    )
    assert "Did you mean" not in err
    listed = " ".join(line.strip() for line in lines[1:])
    for name in regions.regions():
        assert name in listed


def test_close_matches_takes_other_spellings_to_what_they_name() -> None:
    assert close_matches("Belorusia", {"Belorussia": "Belarus", "Belarus": "Belarus"}) == [
        "Belarus"
    ]


# -- validation in the user's words ----------------------------------------------------------

PARSER_WORDS = ("should", "Input should", "pattern", "type=", "Field required", "valid dictionary")


SMALL = small_valid_file()
SHAPES = shapes_of(SMALL)


@pytest.mark.parametrize("shape", SHAPES, ids=[".".join(map(str, s)) for s in SHAPES])
def test_every_field_spoiled_is_reported_in_the_users_words(
    shape: tuple[Any, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    validate(SMALL, "small.json", None)  # valid as it is
    place = first_place(SMALL, shape)
    assert place is not None
    container, key = place
    for how, raw in spoilt(SMALL, shape, wrong_values(container[key])):
        try:
            validate(raw, "small.json", None)
        except DatasetError as exc:
            report(exc)
        err = capsys.readouterr().err
        for words in PARSER_WORDS:
            assert words not in err, (shape, how, err)
        assert "Traceback" not in err


def test_the_date_example_of_the_issue(capsys: pytest.CaptureFixture[str]) -> None:
    raw = copy.deepcopy(SMALL)
    raw["events"][0]["date"] = "30 June 2008"
    with pytest.raises(DatasetError) as info:
        validate(raw, "small.json", None)
    report(info.value)
    assert capsys.readouterr().err == (
        "partyintl: error: small.json: 1 problem\n"
        "  events[0].date: a date is EDTF: 2008, 2008-06, 2008-06-30, 2012/2017, 2012? or 201X "
        '(got "30 June 2008")\n'
        "Fix these and run `partyintl validate` again.\n"
    )


@given(typed=st.sampled_from(string.ascii_lowercase), known=st.sampled_from(string.ascii_lowercase))
def test_a_one_letter_name_is_no_misspelling_of_another_letter(typed: str, known: str) -> None:
    """`ties x` suggested 'S' (a one-letter name): one character changed is all of it."""
    assert close_matches(typed, [known.upper()]) == ([known.upper()] if typed == known else [])
