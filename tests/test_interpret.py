"""The fast path answers exactly as the Typer CLI does, byte for byte, or hands over."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import run_cli

ARGS = [
    [],
    ["--help"],
    ["-h"],
    ["partners", "--help"],
    ["show", "-h"],
    ["--version"],
    ["partners"],
    ["partners", "--json"],
    ["partners", "-c", "de", "-c", "FRA", "-t", "NPO"],
    ["partners", "--country=Germany", "--format=csv"],
    ["partners", "--region", "eu", "-n", "3"],
    ["partners", "--search", "sao paulo", "--sort", "NAME", "-f", "markdown"],
    ["partners", "--limit", "-1"],
    ["partners", "--limit", "x"],
    ["partners", "--type", "club"],
    ["partners", "-c", "Germny"],
    ["partners", "-c", "Japan"],
    ["partners", "--fields"],
    ["partners", "--fields", "--json"],
    ["partners", "--fields", "id,nme"],
    ["partners", "--fields", "id,name", "-f", "jsonl"],
    ["partners", "--colour"],
    ["partners", "extra"],
    ["partners", "--json=yes"],
    ["partners", "-c"],
    ["countries"],
    ["countries", "-t", "party", "--json"],
    ["show", "SI"],
    ["show", "Moldova"],
    ["show"],
    ["show", "a", "b"],
    ["show", "--", "-x"],
    ["timeline"],
    ["timeline", "--org", "SI", "--since", "2010", "--json"],
    ["timeline", "--since", "abc"],
    ["people", "-f", "csv"],
    ["contacts", "--lang", "RU"],
    ["contacts", "--lang", "de"],
    ["--no-color", "partners", "-f", "table"],
    ["--data", "/nonexistent.json", "partners"],
    ["--data=/nonexistent.json", "countries"],
    ["--debug"],
    ["--data"],
    ["nonsense"],
    ["partners", "-cde"],
    ["export", "-f", "popolo"],
    ["validate"],
]


@pytest.mark.parametrize("args", ARGS, ids=[" ".join(a) or "(bare)" for a in ARGS])
def test_fast_path_equals_typer(args: list[str]) -> None:
    env = {"COLUMNS": "100"}
    fast = run_cli(*args, env=env)
    typer = run_cli(*args, env={**env, "PARTYINTL_NO_FAST": "1"})
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        typer.returncode,
        typer.stdout,
        typer.stderr,
    )


def test_fast_path_does_not_load_typer_pydantic_or_rich() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from partyintl.cli.interpret import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert run(['partners', '--country', 'Germany', '--json']) == 0\n"
        "print(sorted(m for m in ('typer', 'pydantic', 'rich', 'pycountry', 'phonenumbers')"
        " if m in sys.modules))\n"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
