"""Both command lines answer any argument vector alike, byte for byte, in any environment.

Argument vectors are drawn from the spec: commands, every option name (`--debug` too),
`=` forms, choices, help-like and option-like values, repeated options and `--`. Each runs
through the fast interpreter (handing over to Typer when it does) and through the Typer
app alone, in this process, with stdout and stderr captured as bytes, under an
environment drawn with it: every variable the command line reads (the data file, debug,
NO_COLOR, TERM, COLUMNS with sane and insane values, the cache switch, and any option's
env var in the spec). A traceback (--debug, PARTYINTL_DEBUG) names the path it came
through, so both must print one or neither, and agree on everything else.

A real terminal is compared too: a table of questions runs in a subprocess on a pseudo
terminal of a given width, on both paths, and the screens must be the same bytes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, captured, on_a_terminal
from partyintl.cli import interpret
from partyintl.cli.app import main as typer_main
from partyintl.cli.argv import normalise
from partyintl.cli.spec import SPEC, Option

VALUES = [
    "-h",
    "--help",
    "--",
    "-",
    "",
    "٣",
    "2010",
    "2012",
    "-1",
    "0",
    "3",
    "de",
    "Germany",
    "SI",
    "x",
    "id,name",
    "id,nme",
    "--json",
    "eu",
    "Fatah",
    "RU",
    "NAME",
    "csv",
]


def _names(options: tuple[Option, ...]) -> list[str]:
    return [n for o in options for n in o.names]


def _choices(options: tuple[Option, ...]) -> list[str]:
    return [c for o in options for c in (o.choices or [])]


def _token(options: tuple[Option, ...]) -> st.SearchStrategy[str]:
    # Never --install-completion: it writes to the home folder.
    skip = ("--install-completion",)
    names = [n for n in _names(options) + _names(SPEC.root) if n not in skip]
    names += ["--bogus", "-z"]
    words = VALUES + _choices(options)
    return st.one_of(
        st.sampled_from(names),
        st.sampled_from(words),
        st.builds(
            lambda n, v: f"{n}={v}",
            st.sampled_from([n for n in names if n[1] == "-"]),
            st.sampled_from(words),
        ),
    )


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    head = draw(st.lists(st.sampled_from(["--no-color", "-h", "--version", "--debug"]), max_size=2))
    command = draw(st.sampled_from([*(c.name for c in SPEC.commands), "nonsense"]))
    found = SPEC.command(command)
    options = found.options if found is not None else ()
    rest = draw(st.lists(_token(options), max_size=5))
    return [*head, command, *rest]


#: The variables the command line reads, each with values it treats differently: unset is
#: the other case. COLUMNS as `ls` reads it (junk is unset, a huge number is clamped).
ENVIRONMENT: dict[str, list[str]] = {
    "PARTYINTL_DATA": [str(DATA), f"{ROOT}/data/", "/nonexistent/x.json", ""],
    "PARTYINTL_DEBUG": ["1", "0", ""],
    "NO_COLOR": ["1", ""],
    "TERM": ["dumb", "xterm-256color"],
    "COLUMNS": ["100", "20", "0", "-5", "abc", "٣", "99999999999999999999", ""],
    "PARTYINTL_NO_CACHE": ["1"],
    **{
        o.envvar: [*(o.choices or ()), *VALUES[:8]]
        for c in SPEC.commands
        for o in (*c.options, *SPEC.root)
        if o.envvar
    },
}


def environments() -> st.SearchStrategy[dict[str, str]]:
    """Some of the variables, each with one of its values."""
    return st.lists(st.sampled_from(sorted(ENVIRONMENT)), unique=True, max_size=3).flatmap(
        lambda keys: st.fixed_dictionaries({k: st.sampled_from(ENVIRONMENT[k]) for k in keys})
    )


@contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    """os.environ with `env` set (the variables of ENVIRONMENT not in it unset), then back."""
    saved = dict(os.environ)
    for key in ENVIRONMENT:
        os.environ.pop(key, None)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


Answer = tuple[object, bytes, bytes]


def _ask(call: object, args: list[str]) -> Answer:
    """(exit code, stdout, stderr); an exception raised out of the command line (--debug on
    an internal error) stands for the code, by its type and message."""
    with captured(tty=False) as (out, err):
        try:
            code: object = call(args)  # type: ignore[operator]
        except Exception as exc:  # noqa: BLE001 - compared, not hidden
            code = (type(exc).__name__, str(exc))
    return code, out.getvalue(), err.getvalue()


def _fast(args: list[str]) -> int:
    code = interpret.run(args)
    return typer_main(args) if code is None else code


def both(argv: list[str], env: dict[str, str] | None = None) -> tuple[Answer, Answer]:
    args = normalise(argv)
    with environment(env or {}):
        return _ask(_fast, args), _ask(typer_main, args)


#: A traceback: its head, its frames (indented), and the exception's line.
TRACEBACK = re.compile(rb"Traceback \(most recent call last\):\n(?:[ \t][^\n]*\n)*[^\n]*\n")


def untraced(answer: Answer) -> tuple[object, bytes, bytes, int]:
    """An answer with each traceback cut out of stderr, and how many there were."""
    code, out, err = answer
    return code, out, TRACEBACK.sub(b"", err), len(TRACEBACK.findall(err))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Generated arguments may write files (`export -o -h`, `report -o x`): never in the repo.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    # The report says when it was made: both paths must be asked at the same time.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("PARTYINTL_NO_FAST", raising=False)
    monkeypatch.delenv("PARTYINTL_DATA", raising=False)
    monkeypatch.delenv("PARTYINTL_DEBUG", raising=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argvs(), environments())
def test_any_argv_gives_the_same_answer_on_both_paths(argv: list[str], env: dict[str, str]) -> None:
    fast, typer = both(argv, env)
    assert untraced(fast) == untraced(typer), (argv, env)


def test_the_traceback_cut_leaves_the_message() -> None:
    err = (
        b"Traceback (most recent call last):\n"
        b'  File "x.py", line 1, in <module>\n'
        b"    main()\n"
        b"partyintl.errors.UsageError: bad\n"
        b"partyintl: error: bad\n"
    )
    assert untraced((2, b"", err)) == (2, b"", b"partyintl: error: bad\n", 1)


#: Questions whose answer on a terminal depends on it: colours, widths, pictures, help.
ON_A_TERMINAL = [
    (["partners", "-n", "5"], 100),
    (["partners", "-n", "5"], 40),
    (["countries"], 80),
    (["spectrum"], 80),
    (["timeline", "--since", "2012"], 80),
    (["show", "spd"], 60),
    (["people"], 100),
    (["contacts"], 100),
    (["tags"], 30),
    (["partners", "--json", "-n", "2"], 80),
    (["countries", "-f", "png"], 80),
    (["partners", "--bogus"], 80),
    (["--debug", "partners", "-c", "Atlantis"], 80),
    (["partners", "-h"], 60),
    (["-h"], 80),
]


def _on_a_terminal(argv: list[str], columns: int, env: dict[str, str]) -> bytes:
    """What `python -m partyintl ARGV` writes to a pseudo terminal `columns` wide (stdout and
    stderr alike, as a screen shows them)."""
    clean = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT and k != "COLUMNS"}
    env = {**clean, "TERM": "xterm-256color", "SOURCE_DATE_EPOCH": "1700000000", **env}
    code, shown = on_a_terminal(argv, env, columns=columns)
    return str(code).encode() + b"\n" + shown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo terminals (Linux)")
@pytest.mark.parametrize(
    ("argv", "columns"), ON_A_TERMINAL, ids=[f"{' '.join(a)} @{c}" for a, c in ON_A_TERMINAL]
)
def test_a_real_terminal_sees_the_same_on_both_paths(argv: list[str], columns: int) -> None:
    fast = _on_a_terminal(argv, columns, {})
    typer = _on_a_terminal(argv, columns, {"PARTYINTL_NO_FAST": "1"})
    assert TRACEBACK.sub(b"", fast.replace(b"\r\n", b"\n")) == TRACEBACK.sub(
        b"", typer.replace(b"\r\n", b"\n")
    )
    assert len(fast) > 4  # an answer, not only an exit code


def test_a_real_terminal_gets_colour_and_its_width() -> None:
    """The pseudo terminal is one: tables are coloured and fit its width."""
    screen = _on_a_terminal(["partners", "-n", "5"], 40, {})
    assert screen.startswith(b"0\n") and b"\x1b[" in screen
    lines = re.sub(rb"\x1b\[[0-9;]*m", b"", screen).decode().splitlines()[1:]
    assert lines and max(len(line) for line in lines) <= 40


HAND_PICKED = [
    ["partners", "--search", "-h"],
    ["timeline", "--org", "--help"],
    ["partners", "--json="],
    ["--version", "--bogus"],
    ["--version", "partners", "--bogus"],
    ["timeline", "--since", "٣"],
    ["timeline", "--since", "2012", "--until", "2010"],
    ["partners", "--limit", "٣"],
    ["partners", "-n3", "--sort=NAME"],
    ["partners", "-cde", "-tparty"],
    ["partners", "--data", "/nonexistent/x.json"],
    ["partners", "--fields"],
    ["partners", "--search", "--fields"],
    ["show", "--", "--json"],
    ["show", "spd", "--no-color", "--json"],
    ["contacts", "--lang"],
    ["export"],
    ["export", "-f", "dot"],
    ["schema", "extra"],
    ["validate", "a", "b"],
    ["-h", "partners"],
    ["--data", f"{ROOT}/data/", "partners"],
    ["--data", f"{ROOT}/data/partners.json/", "partners"],
    ["--data", f"{ROOT}/./data/partners.json/.", "countries"],
    ["validate", f"{ROOT}/data/partners.json/"],
    ["partners", f"--data={ROOT}/data/partners.json", "-n", "1"],
]


@pytest.mark.parametrize("argv", HAND_PICKED, ids=[" ".join(a) for a in HAND_PICKED])
def test_hand_picked_cases_agree(argv: list[str]) -> None:
    fast, typer = both(argv)
    assert fast == typer


#: Environments that change an answer, each with a question it changes.
HAND_PICKED_ENV = [
    (["partners", "-n", "2"], {"PARTYINTL_DATA": "/nonexistent/x.json"}),
    (["partners", "-n", "2"], {"PARTYINTL_DATA": f"{ROOT}/data/"}),
    (["--debug", "partners", "-c", "Atlantis"], {}),
    (["partners", "-c", "Atlantis"], {"PARTYINTL_DEBUG": "1"}),
    (["--debug", "show", "nobody"], {"COLUMNS": "abc"}),
    (["countries"], {"COLUMNS": "20"}),
    (["countries"], {"COLUMNS": "99999999999999999999"}),
    (["spectrum"], {"COLUMNS": "٣", "NO_COLOR": "1"}),
    (["timeline"], {"TERM": "dumb", "COLUMNS": "0"}),
    (["--debug", "validate", "/nonexistent/x.json"], {}),
]


@pytest.mark.parametrize(
    ("argv", "env"), HAND_PICKED_ENV, ids=[f"{' '.join(a)} {e}" for a, e in HAND_PICKED_ENV]
)
def test_hand_picked_environments_agree(argv: list[str], env: dict[str, str]) -> None:
    fast, typer = both(argv, env)
    assert untraced(fast) == untraced(typer)
    if "--debug" in argv or env.get("PARTYINTL_DEBUG") == "1":
        assert untraced(fast)[3] == (1 if fast[0] != 0 else 0)  # the traceback was there
