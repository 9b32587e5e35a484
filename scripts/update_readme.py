"""Rewrite the README's generated parts: example outputs and the command-line tables.

Usage: uv run python scripts/update_readme.py
- Each ```console block starts with `$ partyintl ARGS`; its output is replaced with the
  output (stdout then stderr) of those arguments at 96 columns.
- Between `<!-- generated: NAME -->` and `<!-- end: NAME -->` the tables of commands,
  options and JSON fields are written from cli/spec.py (and the fields each command's
  `--fields` lists, cli/_help.py).
tests/test_docs.py fails when any of them differs from what this script writes.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partyintl.cli.spec import Command, Option

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(```console\n\$ partyintl (.*?)\n)(.*?)(```)", re.S)


def output(args: str) -> str:
    """What `partyintl ARGS` prints at 96 columns, stdout then stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL_")}
    env.update(COLUMNS="96", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *shlex.split(args)], capture_output=True, env=env
    )
    text = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n")) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _usage(cmd: Command) -> str:
    return " ".join([cmd.name, *(a.metavar for a in cmd.arguments)])


def commands_table() -> str:
    """One row per command: how it is called and what it answers (its --help line)."""
    from partyintl.cli.spec import SPEC

    rows = ["| command | answers |", "| --- | --- |"]
    rows += [f"| `{_usage(c)}` | {_cell(c.help)} |" for c in SPEC.commands]
    return "\n".join(rows) + "\n"


def _option_name(opt: Option) -> str:
    names = ", ".join(f"`{n}`" for n in opt.names)
    return f"{names} `{opt.metavar}`" if opt.metavar else names


def options_table() -> str:
    """Every option once, with the commands that take it, its default and env var."""
    from partyintl.cli.spec import SPEC

    seen: dict[Option, list[str]] = {}
    for opt in SPEC.root:
        seen.setdefault(opt, []).append("(global)")
    for cmd in SPEC.commands:
        for opt in cmd.options:
            seen.setdefault(opt, []).append(cmd.name)
    rows = ["| option | commands | default | what it does |", "| --- | --- | --- | --- |"]
    for opt, where in seen.items():
        default = "" if opt.default in (None, False) else f"`{opt.default}`"
        if opt.envvar:
            default += f" (env `{opt.envvar}`)"
        rows.append(f"| {_option_name(opt)} | {', '.join(where)} | {default} | {_cell(opt.help)} |")
    return "\n".join(rows) + "\n"


def fields_table() -> str:
    """The fields of each command's records, in order, as `--fields` alone lists them."""
    from partyintl.cli._help import FIELDS

    rows = ["| command | fields, in order |", "| --- | --- |"]
    for name, fields in FIELDS.items():
        if fields:
            rows.append(f"| `{name}` | {', '.join(f'`{f}`' for f in fields)} |")
    return "\n".join(rows) + "\n"


def exit_codes_table() -> str:
    """The exit statuses and what they mean (errors.ExitCode and errors.MEANINGS)."""
    from partyintl.errors import MEANINGS, ExitCode

    rows = ["| code | meaning |", "| --- | --- |"]
    rows += [f"| {int(code)} | {_cell(MEANINGS[code])} |" for code in ExitCode]
    return "\n".join(rows) + "\n"


#: Every generated part of the README by its marker name.
PARTS = {
    "commands": commands_table,
    "options": options_table,
    "fields": fields_table,
    "exit-codes": exit_codes_table,
}
GENERATED = re.compile(r"(<!-- generated: ([\w-]+) -->\n)(.*?)(<!-- end: \2 -->)", re.S)


def rewritten(text: str) -> str:
    """The README with every generated part and example output rewritten."""
    text = GENERATED.sub(lambda m: m.group(1) + PARTS[m.group(2)]() + m.group(4), text)
    return BLOCK.sub(lambda m: m.group(1) + output(m.group(2)) + m.group(4), text)


def main() -> None:
    """Rewrite README.md in place (only the generated parts change)."""
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = rewritten(text)
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    main()
