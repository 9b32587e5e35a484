"""Rewrite the README's generated parts: example outputs and the command-line tables.

Usage: uv run python scripts/update_readme.py
- Each ```console block starts with `$ partyintl ARGS`; its output is replaced with the
  output (stdout then stderr) of those arguments at 96 columns.
- Between `<!-- generated: NAME -->` and `<!-- end: NAME -->` the tables of commands,
  options and JSON fields are written from cli/spec.py (environment variables from
  partyintl/environment.py) (and the fields each command's
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
    for opt in SPEC.root:  # global ones go before or after the command, the rest before
        seen.setdefault(opt, []).append(
            "(global)" if opt in SPEC.movable else "(before the command)"
        )
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


def field_rows() -> list[tuple[str, list[str]]]:
    """Each row of the JSON-fields table and a command line on the bundled data whose
    `--json` answer has records of it: every command that lists its fields (FIELDS), and
    `show` once for each kind of record."""
    import json

    from partyintl.cli._help import FIELDS

    data = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    needs = {
        "show": ["show", data["partners"][0]["id"]],
        "link": ["link", str(ROOT / "data" / "partners.json"), "--relink"],
        "memberships": ["memberships", data["party"]["id"]],
        "ties": ["ties", data["partners"][0]["id"]],
        "shared": [
            "shared",
            data["party"]["id"],
            "example-labour-party",
            "--data",
            "bundled",
            "--data",
            str(ROOT / "tests" / "fixtures" / "collection-other-party.json"),
        ],
    }
    rows = [(name, needs.get(name, [name])) for name, fields in FIELDS.items() if fields]
    at = next(i for i, (name, _) in enumerate(rows) if name == "show")
    rows[at] = ("show (organisation)", needs["show"])
    rows[at + 1 : at + 1] = [
        ("show (person)", ["show", data["people"][0]["id"]]),
        ("show (event)", ["show", data["events"][0]["id"]]),
    ]
    return rows


def fields_table() -> str:
    """Each command's fields, in order: those its `--json` records have, then those only
    `--fields` adds (a column per identifier scheme, read from a record's identifiers);
    `--fields` alone lists them all."""
    import json

    rows = [
        "| command | fields in `--json`, in order | more with `--fields` |",
        "| --- | --- | --- |",
    ]
    for label, argv in field_rows():
        line = shlex.join(argv)
        every = output(f"{line} --fields= --format plain").split()
        keys: dict[str, None] = {}
        answer = json.loads(output(f"{line} --json"))
        for record in answer if isinstance(answer, list) else [answer]:
            keys.update(dict.fromkeys(record))
        more = [f for f in every if f not in keys]
        rows.append(
            f"| `{label}` | {', '.join(f'`{f}`' for f in keys)} | "
            f"{', '.join(f'`{f}`' for f in more)} |"
        )
    return "\n".join(rows) + "\n"


def exit_codes_table() -> str:
    """The exit statuses and what they mean (errors.ExitCode and errors.MEANINGS)."""
    from partyintl.errors import MEANINGS, ExitCode

    rows = ["| code | meaning |", "| --- | --- |"]
    rows += [f"| {int(code)} | {_cell(MEANINGS[code])} |" for code in ExitCode]
    return "\n".join(rows) + "\n"


#: Every generated part of the README by its marker name.
def environment_table() -> str:
    """One row per environment variable partyintl reads (partyintl/environment.py)."""
    from partyintl.environment import variables

    rows = ["| variable | effect |", "| --- | --- |"]
    rows += [
        f"| {name if '`' in name else f'`{name}`'} | {_cell(effect)} |"
        for name, effect in variables()
    ]
    return "\n".join(rows) + "\n"


PARTS = {
    "commands": commands_table,
    "options": options_table,
    "fields": fields_table,
    "exit-codes": exit_codes_table,
    "environment": environment_table,
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
