"""`-o` never names a file the command reads: every argument and option that cli/spec.py
marks as read, named the same, through a symlink, a hard link or another spelling."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from partyintl.cli.spec import SPEC, Argument, Option
from partyintl.link.snapshot import files_read

Invoke = Callable[..., tuple[int, str, str]]

#: (command, the argument or option it reads), for every one the spec marks.
READS = [
    (command.name, param)
    for command in SPEC.commands
    for param in (*command.arguments, *command.options)
    if param.reads
]
WAYS = ("same", "symlink", "hardlink", "spelled")


def test_the_commands_that_read_files_are_marked() -> None:
    assert [(c, p.dest) for c, p in READS] == [
        ("upgrade", "old"),
        ("draft", "page"),
        ("draft", "sources"),
        ("link", "draft"),
        ("link", "partyfacts"),
        ("link", "apply"),
    ]


def _name(target: Path, way: str, folder: Path) -> Path:
    if way == "symlink":
        link = folder / "link"
        link.symlink_to(target)
        return link
    if way == "hardlink":
        hard = folder / "hard"
        os.link(target, hard)
        return hard
    if way == "spelled":
        return target.parent / ".." / target.parent.name / target.name
    return target


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("command", "param"), READS, ids=[f"{c}-{p.dest}" for c, p in READS])
def test_o_naming_a_file_read_is_refused_and_nothing_is_written(
    command: str, param: Argument | Option, way: str, tmp_path: Path, invoke: Invoke
) -> None:
    """The command with every file it needs (content does not matter: the refusal comes
    before anything is read), -o naming the one `param` reads: exit 2, the file named
    by what it is, untouched; no other file made."""
    spec = SPEC.command(command)
    assert spec is not None
    args: list[str] = [command]
    read = tmp_path / "in"
    read.mkdir()
    target: Path | None = None
    for other in (*spec.arguments, *spec.options):
        if other is not param and not (isinstance(other, Argument) and other.required):
            continue
        path = read / f"{other.dest}.file"
        if other.dest == "partyfacts":
            path = read / "partyfacts"
            table = Path(files_read(str(path))[0])
            table.parent.mkdir(parents=True)
            table.write_text("party_id\n", encoding="utf-8")
            chosen = table
        else:
            path.write_text(f"{other.dest} as read\n", encoding="utf-8")
            chosen = path
        if other is param:
            target = chosen
        args += [str(path)] if isinstance(other, Argument) else [other.names[0], str(path)]
    assert target is not None
    before = {p: p.read_bytes() for p in read.rglob("*") if p.is_file()}
    named = _name(target, way, tmp_path)
    code, out, err = invoke(*args, "-o", str(named))
    assert (code, out) == (2, "")
    assert err == (
        f"partyintl: error: -o {named} is {param.reads} being read; nothing was written. "
        "Give another output file.\n"
    )
    assert {p: p.read_bytes() for p in read.rglob("*") if p.is_file()} == before


def test_the_testers_examples(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("v1.json").write_text('{"schema_version": 1}', encoding="utf-8")
    assert invoke("upgrade", "v1.json", "-o", "v1.json") == (
        2,
        "",
        "partyintl: error: -o v1.json is the old file being read; nothing was written. Give "
        "another output file.\n",
    )
    Path("draft.json").write_text("{}", encoding="utf-8")
    Path("decisions.csv").write_text("record,candidate,decision,reason,coder,date\n")
    link = ("link", "draft.json", "--apply", "decisions.csv", "-o")
    assert invoke(*link, "draft.json")[2] == (
        "partyintl: error: -o draft.json is the data file being read; nothing was written. "
        "Give another output file.\n"
    )
    assert invoke(*link, "decisions.csv")[2] == (
        "partyintl: error: -o decisions.csv is the decisions file being read; nothing was "
        "written. Give another output file.\n"
    )
    assert Path("v1.json").read_text(encoding="utf-8") == '{"schema_version": 1}'
    assert Path("draft.json").read_text(encoding="utf-8") == "{}"
