"""The README shows real output and lists the commands that --help lists."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n\$ partyintl (.*?)\n(.*?)```", README, re.S)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


@pytest.mark.parametrize(("args", "expected"), EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_readme_examples_are_real_output(args: str, expected: str) -> None:
    result = run_cli(*shlex.split(args), env={"COLUMNS": "96"})
    assert _lines(result.stdout + result.stderr) == _lines(expected)


def test_readme_lists_every_command() -> None:
    helptext = run_cli("--help").stdout
    listed = re.findall(r"^  (\w+)  ", helptext.split("Commands:")[1], re.M)
    documented = re.findall(r"^\| `(\w+)", README.split("## Commands")[1].split("\n## ")[0], re.M)
    assert listed == documented
    assert len(EXAMPLES) >= 6
