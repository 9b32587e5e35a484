"""The fast path answers exactly as the Typer CLI does, byte for byte, or hands over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, run_cli

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


def _completion_env(shell: str, line: str) -> dict[str, str]:
    from partyintl.cli.completion import split_words

    words = split_words(line) + ([""] if line.endswith(" ") else [])
    return {
        "_PARTYINTL_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }


COMPLETIONS = [
    ("bash", "partyintl show Hungar", "hungarian-socialist-party\nHungarian\\ Socialist\\ Party\n"),
    ("fish", "partyintl show Hungar", "hungarian-socialist-party\nHungarian Socialist Party\n"),
    (
        "zsh",
        "partyintl show Hungar",
        "compadd -U -- 'hungarian-socialist-party' 'Hungarian Socialist Party'\n",
    ),
    ("bash", "partyintl partners -c g", "GE\nGR\nGeorgia\nGermany\nGreece\n"),
    ("bash", "partyintl partners --country Nor", "North\\ Korea\n"),
    ("bash", "partyintl partners --sort ", "source\nname\ncountry\ntype\n"),
    ("bash", "partyintl contacts --lang ", "en\nru\n"),
    ("bash", "partyintl partners -f j", "json\njsonl\n"),
    ("bash", "partyintl partners --region eu", "European\\ Union\n"),
    ("zsh", "partyintl partners --region x", "compadd -U --\n"),
    ("zsh", "partyintl --data ", "_files\n"),
    ("bash", "partyintl partners --fields id,coun", "id,country\nid,country_code\n"),
    ("bash", "partyintl pa", "partners\n"),
    ("bash", "partyintl --show-completion ", "bash\nzsh\nfish\n"),
    ("bash", "partyintl partners --cou", "--country\n"),
    (
        "bash",
        'partyintl show "Party of',
        "party-of-socialists-of-moldova\nParty\\ of\\ European\\ Socialists\n"
        "Party\\ of\\ Socialists\\ of\\ the\\ Republic\\ of\\ Moldova\n",
    ),
]


@pytest.mark.parametrize(("shell", "line", "expected"), COMPLETIONS)
def test_completion_answers(shell: str, line: str, expected: str) -> None:
    result = run_cli(env=_completion_env(shell, line))
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


def test_completion_follows_a_data_file_typed_earlier(tmp_path: Path) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["partners"][0]["name"] = "Zebra Union"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for line in (f"partyintl --data {path} show Zeb", f"partyintl show --data {path} Zeb"):
        result = run_cli(env=_completion_env("bash", line))
        assert result.stdout == "Zebra\\ Union\n", line


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_honours_the_shell_named_from_sh(shell: str) -> None:
    done = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m partyintl --show-completion {shell}'],
        capture_output=True,
        text=True,
        env={**os.environ, "SHELL": "/bin/sh"},
    )
    assert done.returncode == 0, done.stderr
    first = {
        "bash": "_partyintl_completion() {",
        "zsh": "#compdef partyintl",
        "fish": "complete --command partyintl",
    }[shell]
    assert done.stdout.startswith(first)
