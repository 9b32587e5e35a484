"""Every fact in the data file reaches some output: a command's JSON or an export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

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


@pytest.mark.parametrize("bundled", ["bundled", "bundled:si-membership"])
def test_a_mark_on_the_participants_is_never_put_on_an_organisers_role(bundled: str) -> None:
    """`show socialist-international` marked its "organiser" role of the 23rd Congress
    as inferred, with the reason for A JUST RUSSIA's attendance: the organiser comes from
    the event's organization_id, which no source leaves unstated. For every organisation
    of each bundled file, each event of `show`: the role is marked exactly when it is
    read from participants the file marks inferred."""
    import json

    from conftest import run_cli
    from partyintl.data.load import load_dataset

    ds = load_dataset(bundled)
    for org_id in ds.raw_orgs:
        shown = json.loads(run_cli("--data", bundled, "show", org_id, "--json").stdout)
        for brief in shown.get("events", ()):
            ev = ds.raw_events[brief["id"]]
            marked = any(i["field"] == "role" for i in brief["inferred"])
            participant = any(
                p["id"] == org_id or brief["role"].endswith(")") for p in ev.get("participants", ())
            )
            stated = not any(
                i["field"].split(".")[0].split("[")[0] == "participants"
                for i in ev.get("inferred", ())
            )
            assert marked == (participant and not stated), (org_id, brief)
