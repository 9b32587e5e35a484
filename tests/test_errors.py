"""Exit statuses are mapped from exceptions in one place (errors.status_of)."""

from __future__ import annotations

import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl.errors import (
    MEANINGS,
    DatasetError,
    ExitCode,
    OutputClosed,
    OutputError,
    Problem,
    Terminated,
    UsageError,
    status_of,
)


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (DatasetError("f.json", [Problem("", "no such file")]), 1),
        (OutputError("standard output", OSError(28, "No space left on device")), 1),
        (UsageError("no such country"), 2),
        (OutputClosed(), 0),
        (KeyboardInterrupt(), 130),
        (Terminated(signal.SIGTERM), 143),
        (Terminated(signal.SIGHUP), 129),
        (RuntimeError("a bug"), 1),
    ],
)
def test_every_kind_of_failure_has_its_status(exc: BaseException, status: int) -> None:
    assert status_of(exc) == status


def test_every_status_is_explained() -> None:
    assert set(MEANINGS) == set(ExitCode)


@given(n=st.integers(0, 10**12), one=st.sampled_from(["record", "problem", "more place"]))
def test_a_number_of_things_is_worded_one_way(n: int, one: str) -> None:
    """ "1 records linked" came from a message that counted on its own."""
    from partyintl.words import counted

    assert counted(n, one) == (f"1 {one}" if n == 1 else f"{n:,} {one}s")
    assert counted(n, "person", "people").endswith("person" if n == 1 else "people")


@pytest.mark.parametrize("hidden", ["\u200b", "\u2060", "\ufeff"])
@pytest.mark.parametrize(
    "argv", [["partners", "-c", "Narnia{}"], ["show", "Nobody{}"], ["partners", "-s", "{}"]]
)
def test_messages_show_the_invisible_characters_they_quote(hidden: str, argv: list[str]) -> None:
    """An argument holding a zero-width space was quoted in the error as it came: "'Narnia'
    is not a country I know" hid it; alone it was taken as a search for it."""
    from conftest import run_here

    code, out, err = run_here([a.format(hidden) for a in argv])
    assert (code, out) == (2, "")
    assert hidden not in err
    if argv[-1] != "{}":
        assert f"\\u{ord(hidden):04x}" in err, err
    else:
        assert "was given an empty value" in err, err


@pytest.mark.parametrize("hidden", ["\u200b", "\u2060", "\ufeff", "\u00ad"])
@pytest.mark.parametrize(
    "argv", [["partners", "-c", "Germ{}any"], ["show", "SP{}D"], ["ties", "A JUST{} RUSSIA"]]
)
def test_a_name_looked_up_with_an_invisible_character_finds_it(
    hidden: str, argv: list[str]
) -> None:
    """A name pasted with a zero-width space or a soft hyphen in it found nothing."""
    from conftest import run_here

    assert run_here([a.format(hidden) for a in argv]) == run_here([a.format("") for a in argv])


@settings(max_examples=50, deadline=None)
@given(
    message=st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=30),
    suggestions=st.lists(
        st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=12),
        max_size=25,
    ),
    label=st.sampled_from(["Did you mean", "Candidates", "Bundled datasets", ""]),
    hint=st.sampled_from(["", "Try 'partyintl partners --help' for help."]),
)
def test_a_usage_error_says_in_a_notebook_what_the_command_line_says(
    message: str, suggestions: list[str], label: str, hint: str
) -> None:
    """`load_dataset('bundled:nope')` raised "no bundled dataset of that name." alone,
    where the command line listed the bundled datasets (the library's DatasetError already
    said its problems and hint). str() of any usage error is what the command line writes
    after "partyintl: error: " to a pipe: the message, the suggestions, the hint."""
    from conftest import captured
    from partyintl.errors import UsageError
    from partyintl.lifecycle import report

    exc = UsageError(message, suggestions, label=label, hint=hint)
    with captured(False) as (_, err):
        report(exc)
    said = err.getvalue().decode()
    assert said == f"partyintl: error: {exc}\n"


@settings(max_examples=15, deadline=None)
@given(
    spoilt=st.lists(
        st.tuples(
            st.integers(0, 53),
            st.sampled_from(["position", "type", "name", "extra", "country_code"]),
        ),
        min_size=2,
        max_size=6,
        unique_by=lambda t: t[0],
    )
)
def test_validate_all_lists_every_problem_in_file_order(
    tmp_path_factory: pytest.TempPathFactory, spoilt: list[tuple[int, str]]
) -> None:
    """`validate --all` listed partners[15000], [15002], [15003], [15004] and then
    partners[15001].type: each kind of problem came in file order, one kind after another.
    Every problem, whatever its kind, in the order of the file."""
    import json

    from conftest import DATA, run_here
    from partyintl.data.load import Problem, file_order

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    for at, what in spoilt:
        partner = raw["partners"][at]
        if what == "position":
            partner["listing"]["position"] = "x"
        elif what == "type":
            partner["type"] = "partei"
        elif what == "name":
            partner["name"] = None
        elif what == "extra":
            partner["extra"] = 1
        else:
            partner["country_code"] = 5
    path = tmp_path_factory.mktemp("order") / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", "--all", str(path)])
    assert (code, out) == (1, ""), err
    paths = [line.strip().split(": ")[0] for line in err.splitlines()[1:-1]]
    assert len(paths) >= len(spoilt), err
    assert paths == sorted(paths, key=lambda p: file_order(Problem(p, ""))), err
