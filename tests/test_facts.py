"""Every fact in the data file reaches some output: a command's JSON or an export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from conftest import DATA, run_cli


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _leaves(item, f"{path}[{n}]")
    else:
        yield path, value


def test_every_value_of_the_file_appears_in_an_output() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    outputs = [
        run_cli("export", "--format", "popolo").stdout,
        run_cli("export", "--format", "graphml").stdout,
        run_cli("partners", "--json").stdout,
        run_cli("timeline", "--json").stdout,
        run_cli("people", "--json").stdout,
        run_cli("contacts", "--json").stdout,
        run_cli("contacts", "--json", "--lang", "ru").stdout,
    ]
    records = [
        data["party"],
        *data["partners"],
        *data["organizations"],
        *data["people"],
        *data["events"],
    ]
    outputs += [run_cli("show", r["id"], "--json").stdout for r in records]
    text = "\n".join(outputs)
    missing = [
        (path, value)
        for path, value in _leaves(data)
        if value is not None
        and not isinstance(value, bool)
        and json.dumps(value, ensure_ascii=False) not in text
        and str(value) not in text
    ]
    assert missing == []
