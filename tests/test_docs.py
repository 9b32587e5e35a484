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


def test_generated_parts_are_what_the_spec_gives() -> None:
    """Change cli/spec.py (a help text, an option) and this fails until the README is redone."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from update_readme import GENERATED, PARTS

    found = {m.group(2): m.group(3) for m in GENERATED.finditer(README)}
    assert set(found) == set(PARTS)
    for name, make in PARTS.items():
        assert found[name] == make(), f"README part {name!r} is stale: run scripts/update_readme.py"


def test_every_field_is_explained() -> None:
    """Each field a command's records have is named in the README's 'What they hold' table."""
    from partyintl.cli._help import FIELDS

    held = README.split("What they hold:")[1].split("\n## ")[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| (.*) \|$", held, re.M))
    missing = {}
    for command, fields in FIELDS.items():
        if not fields:
            continue
        text = rows.get(command, "")
        if text.startswith("as `"):  # "as `countries`": the same fields as another command
            text = rows[text.split("`")[1]]
        if command == "show":
            text += rows["partners"] + rows["people"]
        absent = [f for f in fields if f"`{f}`" not in text]
        if absent:
            missing[command] = absent
    assert missing == {}


def test_readme_lists_every_command() -> None:
    helptext = run_cli("--help").stdout
    listed = re.findall(r"^  (\w+)  ", helptext.split("Commands:")[1], re.M)
    documented = re.findall(r"^\| `(\w+)", README.split("## Commands")[1].split("\n## ")[0], re.M)
    assert listed == documented
    assert len(EXAMPLES) >= 6


def _field_rows() -> list[tuple[str, list[str]]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- generated: fields -->")[1].split("<!-- end: fields -->")[0]
    rows = []
    for line in block.strip().splitlines()[2:]:
        label, plain, _more, _ = (cell.strip() for cell in line.strip("|").split("|") + [""])
        rows.append((label.strip("`"), re.findall(r"`([^`]+)`", plain)))
    return rows


def _json_args(label: str) -> list[str]:
    """The README generator's command line for the row (scripts/update_readme.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from update_readme import field_rows

    return dict(field_rows())[label]


@pytest.mark.parametrize(("label", "listed"), _field_rows(), ids=[r[0] for r in _field_rows()])
def test_the_json_fields_table_is_what_json_gives(label: str, listed: list[str]) -> None:
    """Each row of the README's JSON-fields table is the keys of the command's `--json`
    records, in order (a fresh tester found show's person and event fields missing, and
    the identifier columns listed though JSON gives them only with --fields)."""
    import json

    done = run_cli(*_json_args(label), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    records = answer if isinstance(answer, list) else [answer]
    assert records, "the row's command line must answer with records"
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(record))
    assert list(keys) == listed


def test_the_readme_names_the_graphs_relations_as_it_writes_them() -> None:
    """The README said `source` and `target` were ids and named a relation `part_of`;
    the graph writes names and `part of`."""
    import json
    import re

    from conftest import ROOT, run_here

    row = next(
        line
        for line in (ROOT / "README.md").read_text("utf-8").splitlines()
        if line.startswith("| `graph` | `source` (")
    )
    named = set(re.findall(r"`([^`]+)`", row.split("`relation` (", 1)[1].split(")", 1)[0]))
    code, out, _ = run_here(["graph", "--json"])
    assert code == 0
    assert named == {r["relation"] for r in json.loads(out)}
    assert "(an id)" not in row
