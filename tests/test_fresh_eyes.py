"""What a fresh-eyes tester found, each as a kind with a generated test and its examples:
the timeline's as-of in plain output, the score a list is sorted by, format aliases, empty
field names, the word for an unknown organisation, error lists at the terminal's width."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, NEEDS, on_a_terminal, run_cli
from partyintl.answer import FORMAT_BY_EXTENSION
from partyintl.cli.spec import FORMAT, SPEC, TO_FILE
from partyintl.query import SortKey
from partyintl.render.view import FORMAT_ALIASES, OutputFormat

RAW: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


# 5. The timeline's as-of in formats for pipes -------------------------------------------

TIMELINE_ASKS = [[], ["--org", "SI"], ["--since", "2013"], ["--until", "2010"], ["--org", "PES"]]


@pytest.mark.parametrize("fmt", ["plain", "tsv"])
@pytest.mark.parametrize("ask", TIMELINE_ASKS, ids=" ".join)
def test_plain_timeline_carries_each_entrys_dates_and_as_of(fmt: str, ask: list[str]) -> None:
    records = json.loads(run_cli("timeline", *ask, "--json").stdout)
    done = run_cli("timeline", *ask, "-f", fmt)
    assert done.returncode == 0
    rows = _rows(done.stdout)
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row[:3] == [record["date"] or "", record["end_date"] or "", record["as_of"] or ""]


def test_the_example_appointment_holds_as_of_2018() -> None:
    first = run_cli("timeline", "-f", "plain").stdout.splitlines()[1]
    assert first.split("\t")[:4] == ["2007-06", "", "2018", "appointment"]


# 6. The score a partner list is sorted or filtered by ------------------------------------


@pytest.mark.parametrize("sort", [k.value for k in SortKey])
@pytest.mark.parametrize("score_range", [None, "-2.5..", "..0", "1..2.5"])
def test_the_score_is_shown_when_the_list_is_ordered_or_cut_by_it(
    sort: str, score_range: str | None
) -> None:
    ask = ["partners", "--sort", sort, *(["--left-right", score_range] if score_range else [])]
    records = json.loads(run_cli(*ask, "--json").stdout)
    rows = _rows(run_cli(*ask, "-f", "plain").stdout)
    assert len(rows) == len(records)
    shown = sort == "left_right" or score_range is not None
    md = run_cli(*ask, "-f", "markdown").stdout.splitlines()
    assert ("left_right" in md[0].split(" | ")) is shown
    for row, record in zip(rows, records, strict=True):
        # list, position, id, name, type, country, country_code, region, [left_right], inferred
        assert len(row) == (10 if shown else 9)
        if shown:
            score = record["left_right"]
            assert row[8] == ("" if score is None else str(score))


def test_the_example_sorted_by_left_right() -> None:
    lines = run_cli("partners", "--sort", "left_right", "-n", "2", "-f", "plain").stdout
    assert [r[3:9] for r in _rows(lines)] == [
        ["Communist Party of Vietnam", "party", "Vietnam", "VN", "", "-2.24"],
        ["Communist Party of China", "party", "China", "CN", "", "-2.16"],
    ]


# 7. Format aliases ------------------------------------------------------------------------

LISTING = [c.name for c in SPEC.commands if FORMAT in c.options]
_TEXT = [a for a, f in FORMAT_ALIASES.items() if f is not OutputFormat.PNG]


@pytest.mark.parametrize("command", [c for c in LISTING if c not in ("link", "export")])
@pytest.mark.parametrize("alias", _TEXT)
def test_every_alias_is_its_format(command: str, alias: str) -> None:
    args = [command, *NEEDS.get(command, [])]
    target = FORMAT_ALIASES[alias].value
    by_alias = run_cli(*args, "-f", alias)
    assert by_alias.returncode == 0, by_alias.stderr
    assert by_alias.stdout == run_cli(*args, "-f", target).stdout
    assert run_cli(*args, "-f", alias.upper()).stdout == by_alias.stdout


def test_the_extensions_of_o_are_the_names_and_aliases_of_formats() -> None:
    names = {f.value for f in OutputFormat} | set(FORMAT_ALIASES)
    assert {e.removeprefix(".") for e in FORMAT_BY_EXTENSION} <= names
    for alias, fmt in FORMAT_ALIASES.items():
        assert FORMAT_BY_EXTENSION[f".{alias}"] is fmt
    assert ".md" in TO_FILE.help


def test_the_example_md(tmp_path: Path) -> None:
    by_name = run_cli("partners", "-n", "2", "-f", "md")
    assert by_name.returncode == 0
    assert by_name.stdout.startswith("| name | type | country |")
    out = tmp_path / "x.md"
    run_cli("partners", "-n", "2", "-o", str(out))
    assert out.read_text(encoding="utf-8") == by_name.stdout


# 8. Empty field names ------------------------------------------------------------------

FIELDS = ["id", "name", "type", "country", "country_code", "region", "list", "position"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@given(
    names=st.lists(st.sampled_from(FIELDS), min_size=1, max_size=5, unique=True),
    where=st.integers(0, 5),
    blank=st.sampled_from(["", " ", "  "]),
)
@settings(max_examples=25, deadline=None)
def test_an_empty_field_name_is_a_usage_error_naming_its_place(
    names: list[str], where: int, blank: str
) -> None:
    where = min(where, len(names))
    given_names = [*names[:where], blank, *names[where:]]
    raw = ",".join(given_names)
    done = run_cli("partners", "-n", "1", "--fields", raw)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(
        f"partyintl: error: The {_ordinal(where + 1)} field of --fields {raw!r} is empty"
    )
    assert run_cli("partners", "-n", "1", "--fields", ",".join(names)).returncode == 0


def test_the_example_empty_field() -> None:
    done = run_cli("partners", "--fields", "name,,country")
    assert done.returncode == 2
    assert done.stderr == (
        "partyintl: error: The 2nd field of --fields 'name,,country' is empty: separate field "
        "names with single commas, e.g. name,country.\n"
    )


# 9. An organisation that is no partner -------------------------------------------------


def _typo(name: str) -> str:
    """The name with two letters in its middle swapped."""
    i = len(name) // 2
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


ORGS = [RAW["party"], *RAW["partners"], *RAW["organizations"]]


@pytest.mark.parametrize(
    "org", [o for o in ORGS if len(o["name"]) >= 12][::4], ids=lambda o: str(o["id"])
)
def test_an_organisation_misspelt_is_suggested_in_its_words(org: dict[str, Any]) -> None:
    typed = _typo(str(org["name"]))
    done = run_cli("timeline", "--org", typed)
    if done.returncode == 0:  # the misspelling is still a part of a name (found)
        return
    assert done.returncode == 2
    assert done.stderr.startswith(f"partyintl: error: No organisation matches '{typed}'.\n")
    assert "partner" not in done.stderr.splitlines()[0]
    assert f"'{org['name']}'" in done.stderr


def test_the_example_org_nonsense() -> None:
    done = run_cli("timeline", "--org", "nonsense")
    assert done.returncode == 2
    assert done.stderr == (
        "partyintl: error: No organisation matches 'nonsense'.\n"
        "Give the id, name or other name of the party, a partner or another organisation of "
        "the file (e.g. SI); `partyintl show NAME` finds any of them.\n"
    )
    near = run_cli("timeline", "--org", "Socialist Internatonal")
    assert near.stderr == (
        "partyintl: error: No organisation matches 'Socialist Internatonal'.\n"
        "Did you mean 'Socialist International'?\n"
    )


# 10. Error lists at the terminal's width -----------------------------------------------


def _stderr_on_a_terminal(args: list[str], columns: str) -> str:
    """stderr of the CLI when it is a terminal (stdout a pipe), COLUMNS set."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PARTYINTL_DATA")}
    env.update({"TERM": "xterm-256color", "COLUMNS": columns, "PYTHONIOENCODING": "utf-8"})
    _, shown = on_a_terminal(args, env, stdout_too=False)
    return shown.decode("utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def many_problems(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = json.loads(json.dumps(RAW))
    for partner in data["partners"][:25]:
        partner["country_code"] = "QQ"
    path = tmp_path_factory.mktemp("wide") / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


ERROR_LISTS = {
    "region": ["partners", "--region", "Narnia"],
    "candidates": ["show", "party"],
}


@pytest.mark.parametrize("columns", ["40", "64", "100", "250"])
@pytest.mark.parametrize("case", [*ERROR_LISTS, "problems"])
def test_error_lists_wrap_to_the_terminal_and_never_in_a_pipe(
    case: str, columns: str, many_problems: Path
) -> None:
    args = ["validate", str(many_problems)] if case == "problems" else ERROR_LISTS[case]
    piped = run_cli(*args).stderr
    shown = _stderr_on_a_terminal(args, columns)
    width = int(columns)
    items = shown.splitlines()
    assert len(items) > 2
    for line in items:  # the error fits the terminal, word by word
        assert len(line) <= width or " " not in line.strip()
    # The same words in the same order: wrapping only moves line ends.
    assert shown.split() == piped.split()
    # Piped, each item is one line, however long.
    assert max(len(line) for line in piped.splitlines()) > (width if case == "region" else 0)


def test_the_example_narnia_is_one_line_a_kind_in_a_pipe() -> None:
    lines = run_cli("partners", "--region", "Narnia").stderr.splitlines()
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  union",
        "  continent",
        "  continents",
        "  sub-region",
        "  intermediate region",
    ]
    shown = _stderr_on_a_terminal(["partners", "--region", "Narnia"], "60").splitlines()
    assert all(len(line) <= 60 for line in shown)
    assert shown[:2] == [
        "partyintl: error: No region is called 'Narnia'. The regions",
        "are (see `partyintl regions`):",
    ]
    assert shown[7:9] == [
        "  sub-region: Latin America and the Caribbean (Latin",
        "    America, LAC), Northern America, Eastern Europe,",
    ]
