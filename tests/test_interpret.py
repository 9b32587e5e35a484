"""The fast path answers exactly as the Typer CLI does, byte for byte, or hands over."""

from __future__ import annotations

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
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


LINES = [
    "partyintl partners --country Ger",
    "partyintl partners --country ",
    "partyintl show fa",
    "partyintl show F",
    "partyintl timeline --org SI",
    "partyintl partners --fields id,coun",
    "partyintl countries --fields ",
    "partyintl partners --country Xyz",
    "partyintl partners --cou",
    "partyintl ",
    "partyintl partners --type in",
    'partyintl show "Party of',
]


def _completion_env(shell: str, line: str) -> dict[str, str]:
    words = line.split(" ")
    return {
        "_PARTYINTL_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", LINES)
def test_fast_completion_equals_typer(shell: str, line: str) -> None:
    env = _completion_env(shell, line)
    fast = run_cli(env=env)
    typer = run_cli(env={**env, "PARTYINTL_NO_FAST": "1"})
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        typer.returncode,
        typer.stdout,
        typer.stderr,
    )


def test_value_completion_loads_neither_typer_nor_pydantic() -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib, os\n"
        "os.environ.update(_PARTYINTL_COMPLETE='complete_bash', COMP_CWORD='3',\n"
        "                  COMP_WORDS='partyintl partners --country Ger')\n"
        "from partyintl.cli.completion import answer\n"
        "print(answer('complete_bash').split(), sorted(m for m in ('typer', 'pydantic', 'rich')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "['Germany'] []\n"
