"""Both command lines answer any argument vector alike, byte for byte.

Argument vectors are drawn from the generated spec: commands, every option name, `=`
forms, choices, help-like and option-like values, repeated options and `--`. Each runs
through the fast interpreter (handing over to Typer when it does) and through the Typer
app alone, in this process, with stdout and stderr captured as bytes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
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
    skip = ("--debug", "--install-completion")
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
    # --debug is left out: a traceback shows the path it came through, by design.
    head = draw(st.lists(st.sampled_from(["--no-color", "-h", "--version"]), max_size=2))
    command = draw(st.sampled_from([*(c.name for c in SPEC.commands), "nonsense"]))
    found = SPEC.command(command)
    options = found.options if found is not None else ()
    rest = draw(st.lists(_token(options), max_size=5))
    return [*head, command, *rest]


@contextmanager
def captured() -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        yield out, err
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
            stream.detach()  # type: ignore[attr-defined]
        sys.stdout, sys.stderr = saved


def both(argv: list[str]) -> tuple[tuple[int, bytes, bytes], tuple[int, bytes, bytes]]:
    args = normalise(argv)
    with captured() as (out, err):
        code = interpret.run(args)
        if code is None:
            code = typer_main(args)
    fast = (code, out.getvalue(), err.getvalue())
    with captured() as (out, err):
        code = typer_main(args)
    return fast, (code, out.getvalue(), err.getvalue())


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
@given(argvs())
def test_any_argv_gives_the_same_answer_on_both_paths(argv: list[str]) -> None:
    fast, typer = both(argv)
    assert fast == typer, argv


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
