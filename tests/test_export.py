"""Popolo and GraphML exports, atomic files, field names, and the README's script examples."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from conftest import ROOT, run_cli
from partyintl import Dataset
from partyintl.export.graphml import to_graphml
from partyintl.export.popolo import to_popolo

SCHEMAS = Path(__file__).parent / "fixtures" / "popolo-schemas"
KINDS = {
    "organizations": "organization",
    "memberships": "membership",
    "persons": "person",
    "posts": "post",
    "events": "event",
    "areas": "area",
}


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append(
            (schema["id"], Resource.from_contents(schema, default_specification=DRAFT3))
        )
    return Registry().with_resources(resources)


def test_popolo_export_validates_object_by_object() -> None:
    result = run_cli("export", "--format", "popolo")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    registry = _registry()
    counts = {}
    for key, kind in KINDS.items():
        schema = json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
        validator = Draft3Validator(schema, registry=registry)
        for obj in data[key]:
            errors = [e.message for e in validator.iter_errors(obj)]
            assert errors == [], (key, obj["id"], errors)
        counts[key] = len(data[key])
    assert counts == {
        "organizations": 67,
        "memberships": 16,
        "persons": 6,
        "posts": 11,
        "events": 13,
        "areas": 42,
    }
    si = [
        m
        for m in data["memberships"]
        if m["organization_id"] == "socialist-international" and "member" in m
    ]
    assert [(m["role"], m["start_date"], m["end_date"], m["end_status"]) for m in si] == [
        ("observer member", "2008-06-30", "2010-11", None),
        ("consultative member", "2010-11", "2012-08-30", None),
        ("full member", "2012-08-30", "2022-03-07", "ended"),
    ]
    # Which source says what: the end cites the SI's press release; every source resolves.
    full = si[-1]["sources"]
    assert full[-1]["note"].startswith("end: si-press-release-2022-03-07: Decision regarding")
    ids = {s["id"] for s in data["sources"]}
    for key in KINDS:
        for obj in data[key]:
            for link in obj.get("sources", ()):
                assert link["note"].removeprefix("end: ").split(":")[0] in ids, link


def test_popolo_is_pure(ds: Dataset) -> None:
    assert to_popolo(ds) == to_popolo(ds)


def test_graphml_loads_in_networkx(tmp_path: Path, ds: Dataset) -> None:
    path = tmp_path / "net.graphml"
    result = run_cli("export", "--format", "graphml", "-o", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", f"Wrote {path}\n")
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (81, 110)
    assert g.nodes["spd"] == {
        "label": "Socialist Democratic Party of Germany",
        "kind": "organization",
        "type": "party",
        "country": "Germany",
        "country_code": "DE",
        "partyfacts": "383",
        "wikidata": "Q49768",
        "left_right": -0.53,
        "sources": "party-page-2018; partyfacts",
    }
    member = [
        d
        for _, t, d in g.out_edges("a-just-russia", data=True)
        if t == "socialist-international" and d["relation"] == "member"
    ]
    # One edge per status period: one edge showed "full" from the observer's 2008 start.
    assert [(d["status"], d["start_date"], d["end_date"]) for d in member] == [
        ("observer", "2008-06-30", "2010-11"),
        ("consultative", "2010-11", "2012-08-30"),
        ("full", "2012-08-30", "2022-03-07"),
    ]
    assert member[-1]["end_status"] == "ended" and "end_status" not in member[0]
    assert to_graphml(ds) == path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["net.graphml"]


@pytest.mark.parametrize("name", ["bundled", "bundled:si-membership"])
def test_graphml_has_an_edge_for_every_status_period(tmp_path: Path, name: str) -> None:
    """Every status period of every membership is a member edge of its own, with its own
    status and dates, as the memberships query gives them (GraphML merged a membership's
    periods into one edge with the last status and the first start)."""
    import io

    from partyintl import load_dataset
    from partyintl.query import membership_periods

    data = load_dataset(name)
    g = nx.read_graphml(io.StringIO(to_graphml(data)))
    got = sorted(
        (a, b, d["status"], d.get("start_date"), d.get("end_date"))
        for a, b, d in g.edges(data=True)
        if d["relation"] == "member"
    )
    expected = sorted(
        (ms["member_id"], ms["organization_id"], p["status"], p["start_date"], p["end_date"])
        for ms in data.raw.get("memberships", ())
        for p in membership_periods(data, ms)
    )
    assert got == expected and len(expected) >= 3


def test_export_to_unwritable_place_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "x.json"
    result = run_cli("export", "--format", "popolo", "-o", str(target))
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert list(tmp_path.iterdir()) == []


def _readme_blocks(lang: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use it from scripts", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", section, re.S)


def _env() -> dict[str, Any]:
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.pop("PARTYINTL_DATA", None)
    return env


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_readme_jq_pipeline() -> None:
    [block] = _readme_blocks("sh")
    out = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + block],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    ).stdout
    assert out.splitlines()[:2] == ["Socialist Democratic Party of Germany", "Left Party"]


def test_readme_python_examples() -> None:
    pandas_block, networkx_block = _readme_blocks("python")
    outputs = [
        subprocess.run(
            [sys.executable, "-c", block], capture_output=True, text=True, env=_env(), check=True
        ).stdout
        for block in (pandas_block, networkx_block)
    ]
    assert outputs == [
        "{'international': 4, 'npo': 12, 'party': 38}\n",
        "81 110 ['a-just-russia', 'nikolai-levichev', 'sergei-mironov']\n",
    ]


@pytest.mark.parametrize("command", ["partners", "countries", "timeline", "people", "contacts"])
def test_completed_field_names_are_the_real_ones(command: str) -> None:
    from partyintl.cli import _help

    listed = run_cli(command, "--fields").stdout.split()
    assert _help.FIELDS[command] == listed


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from('a"\\\n\t\x1b\x7f\u202e\u2028é') | st.characters()), max_size=6
    )
)
def test_json_pieces_escaped_together_are_escaped_as_each(pieces: list[str]) -> None:
    """popolo_chunks escapes blocks of the encoder's pieces at once: the same text."""
    from partyintl.escaping import escape_json

    assert escape_json("".join(pieces)) == "".join(map(escape_json, pieces))


@pytest.mark.parametrize("together", [2, 3, 4096])
def test_the_popolo_text_is_the_same_in_blocks_of_any_size(
    together: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partyintl.data.load import load_dataset
    from partyintl.export import popolo

    ds = load_dataset()
    monkeypatch.setattr(popolo, "ESCAPED_TOGETHER", 1)  # each piece escaped on its own
    one_by_one = "".join(popolo.popolo_chunks(ds))
    monkeypatch.setattr(popolo, "ESCAPED_TOGETHER", together)
    assert "".join(popolo.popolo_chunks(ds)) == one_by_one


@settings(max_examples=10, deadline=None)
@given(tail=st.binary(min_size=0, max_size=200))
def test_a_damaged_database_named_by_o_is_said_with_the_way_out(tail: bytes) -> None:
    """`-o c.db` where c.db begins as SQLite but is damaged said "file is not a database",
    exit 1, with no way forward. It says the file is damaged and what to do; the file is
    left as it was."""
    import tempfile

    from conftest import run_here

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "c.db"
        target.write_bytes(b"SQLite format 3\x00" + tail)
        before = target.read_bytes()
        code, out, err = run_here(["export", "-f", "sqlite", "-o", str(target)])
        assert target.read_bytes() == before
    assert code == 1 and out == "", err
    assert "is damaged" in err and "remove it, or give another name" in err, err
