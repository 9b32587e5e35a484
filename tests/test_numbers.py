"""Numbers in data files: validation refuses what no output can carry, and every output of
a valid file is strict JSON (RFC 8259), CSV and GraphML without nan or inf.

The generating tests put numbers into every numeric field of the bundled file (every
place the file has one, and a score in every organisation): NaN, Infinity, overflowing
floats, integers beyond GraphML's and SQLite's, scores outside the scale and counts below
1, which `validate` must refuse with the JSON path; and numbers at the very edges of what
is allowed, whose outputs must parse with a strict parser.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_empty import run_here

from conftest import DATA
from partyintl import DatasetError, load_dataset
from partyintl.data.models import DatasetFile
from partyintl.data.numbers import LEFT_RIGHT_SCALE, MAX_WHOLE

TEXT = DATA.read_text(encoding="utf-8")
BUNDLED = json.loads(TEXT)
LOW, HIGH = LEFT_RIGHT_SCALE
MARKER = "@@number@@"


def _numbers(value: Any, path: str = "") -> list[str]:
    """The JSON path of every number in parsed JSON."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _numbers(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _numbers(v, f"{path}[{i}]")]
    return [path] if isinstance(value, (int, float)) and not isinstance(value, bool) else []


#: Every numeric place: the numbers the file holds, and a score in every organisation.
PLACES = sorted(
    set(_numbers(BUNDLED))
    | {"party.left_right"}
    | {
        f"{key}[{i}].left_right"
        for key in ("partners", "organizations")
        for i in range(len(BUNDLED[key]))
    }
)


def _field(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]


def _schema_numbers(schema: dict[str, Any]) -> set[str]:
    """The names of the numeric fields of the models' JSON Schema."""
    defs = schema.get("$defs", {})
    found: set[str] = set()

    def numeric(node: dict[str, Any]) -> bool:
        if "$ref" in node:
            return False
        kinds = [node, *node.get("anyOf", ()), node.get("items") or {}]
        return any(k.get("type") in ("integer", "number") for k in kinds)

    for model in (schema, *defs.values()):
        for name, prop in model.get("properties", {}).items():
            if numeric(prop):
                found.add(name)
    return found


def test_every_numeric_field_of_the_models_is_tried() -> None:
    assert _schema_numbers(DatasetFile.model_json_schema()) == {_field(p) for p in PLACES}


def _with(path: str, literal: str) -> str:
    """The bundled file's text with the value at a JSON path written as `literal`."""
    data = json.loads(TEXT)
    *head, last = re.findall(r"[^.\[\]]+", path)
    node: Any = data
    for part in head:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = MARKER
    return json.dumps(data, ensure_ascii=False).replace(f'"{MARKER}"', literal)


def _floats(low: float, high: float) -> st.SearchStrategy[str]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False).map(repr)


#: Numbers no field may hold: not JSON, or beyond a double.
NEVER = st.one_of(
    st.sampled_from(["NaN", "Infinity", "-Infinity"]),
    st.builds(lambda sign, e: f"{sign}1e{e}", st.sampled_from(["", "-"]), st.integers(309, 9999)),
    st.builds(
        lambda sign, n: f"{sign}{'9' * n}.5", st.sampled_from(["", "-"]), st.integers(310, 400)
    ),
)
#: Numbers outside what each kind of field holds.
OUTSIDE = {
    "left_right": st.one_of(
        _floats(math.nextafter(HIGH, math.inf), 1.7e308),
        _floats(-1.7e308, math.nextafter(LOW, -math.inf)),
        st.integers(3, 2**70).map(str),
        st.integers(-(2**70), -3).map(str),
    ),
    "count": st.one_of(
        st.integers(MAX_WHOLE + 1, 2**80).map(str),  # beyond GraphML's int, or SQLite's
        st.integers(-(2**80), 0).map(str),
    ),
    "schema_version": st.integers(-(2**70), 2**70).filter(lambda n: n < 1 or n > 2).map(str),
}


def _kind(path: str) -> str:
    field = _field(path)
    return field if field in ("left_right", "schema_version") else "count"


@st.composite
def bad_numbers(draw: st.DrawFn) -> tuple[str, str]:
    path = draw(st.sampled_from(PLACES))
    return path, draw(st.one_of(NEVER, OUTSIDE[_kind(path)]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad=bad_numbers())
def test_validate_refuses_numbers_no_output_can_carry(
    tmp_path_factory: Any, bad: tuple[str, str]
) -> None:
    path, literal = bad
    file = tmp_path_factory.mktemp("numbers") / "bad.json"
    file.write_text(_with(path, literal), encoding="utf-8")
    code, out, err = run_here("validate", str(file))
    assert (code, out) == (1, b""), (path, literal, err)
    problems = [line.strip() for line in err.splitlines() if line.startswith("  ")]
    assert len(problems) == 1 and problems[0].startswith(f"{path}: "), (literal, err)
    assert "Input should" not in err and "Traceback" not in err
    # A query on the same file refuses it too, before anything is written.
    assert run_here("--data", str(file), "partners", "--json")[:2] == (1, b"")


def _strict(text: str) -> Any:
    """JSON as RFC 8259 has it: NaN, Infinity and -Infinity refused."""

    def refuse(word: str) -> Any:
        raise ValueError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refuse)


#: Scores at the very edges of the scale and of a double's precision, and large counts.
EDGE_SCORES = st.one_of(
    st.sampled_from([LOW, HIGH, -0.0, 0.0, 5e-324, -5e-324, 1e-300, -2, 2, 0]),
    st.floats(LOW, HIGH, allow_nan=False),
)
EDGE_COUNTS = st.sampled_from([1, 2, MAX_WHOLE - 1, MAX_WHOLE])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scores=st.lists(
        EDGE_SCORES, min_size=len(BUNDLED["partners"]), max_size=len(BUNDLED["partners"])
    ),
    party=EDGE_SCORES,
    position=EDGE_COUNTS,
)
def test_numbers_at_the_edges_come_out_as_strict_json_csv_and_graphml(
    tmp_path_factory: Any, scores: list[float], party: float, position: int
) -> None:
    data = json.loads(TEXT)
    data["party"]["left_right"] = party
    for partner, score in zip(data["partners"], scores, strict=True):
        partner["left_right"] = score
    last = data["partners"][-1]["listing"]
    last["position"] = position
    for other in data["partners"][:-1]:  # one place of a list prints one text
        if (other["listing"]["list"], other["listing"]["position"]) == (last["list"], position):
            last["printed"] = other["listing"]["printed"]
    file = tmp_path_factory.mktemp("edges") / "edges.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    given_file = str(file)

    def out(*argv: str) -> str:
        code, stdout, err = run_here("--data", given_file, *argv)
        assert code == 0, err
        return stdout.decode("utf-8")

    partners = _strict(out("partners", "--json"))
    assert [p["left_right"] for p in partners] == scores
    assert [
        _strict(line)["left_right"] for line in out("partners", "-f", "jsonl").splitlines()
    ] == scores
    spectrum = _strict(out("spectrum", "--json"))
    assert sorted(r["left_right"] for r in spectrum) == sorted([*scores, party])
    spd = next(i for i, p in enumerate(data["partners"]) if p["id"] == "spd")
    assert _strict(out("show", "spd", "--json"))["left_right"] == scores[spd]
    assert _strict(out("timeline", "--json"))  # dates, sources and all
    popolo = _strict(out("export", "-f", "popolo"))
    assert popolo["organizations"]
    rows = list(csv.DictReader(io.StringIO(out("partners", "-f", "csv"), newline="")))
    assert [float(r["left_right"]) for r in rows] == scores
    assert not any(re.search(r"(?i)\b(nan|inf|infinity)\b", r["left_right"]) for r in rows)
    graph = ET.fromstring(out("export", "-f", "graphml"))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    for data_el in graph.iter(f"{ns}data"):
        if data_el.get("key") == "left_right":
            assert LOW <= float(data_el.text or "") <= HIGH
        if data_el.get("key") == "e_position":
            assert 1 <= int(data_el.text or "") <= MAX_WHOLE
    # The spectrum places every mark on its scale, none beyond its ends.
    svg = out("spectrum", "-f", "svg")
    xs = [float(x) for x in re.findall(r'<circle class="mark" cx="([-0-9.]+)"', svg)]
    assert len(xs) == len(scores) + 1
    left, right = (
        float(re.search(rf'<text x="([-0-9.]+)"[^>]*>{end}<', svg).group(1))  # type: ignore[union-attr]
        for end in ("far left", "far right")
    )
    assert all(left <= x <= right for x in xs)


# The examples of the issue, each with its right value.


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        (
            "NaN",
            "partners[0].left_right: NaN is not a JSON number (RFC 8259 has no NaN or Infinity, "
            "and no output could carry it): give a score from -2.5 to 2.5, or null where none "
            "is known",
        ),
        (
            "Infinity",
            "partners[0].left_right: Infinity is not a JSON number (RFC 8259 has no NaN or "
            "Infinity, and no output could carry it): give a score from -2.5 to 2.5, or null "
            "where none is known",
        ),
        (
            "1e400",
            "partners[0].left_right: a number beyond what a 64-bit float holds (read as "
            "Infinity) is not a finite number: give a score from -2.5 to 2.5, or null where "
            "none is known",
        ),
        (
            "7.5",
            "partners[0].left_right: 7.5 is outside the left-right scale, which runs from -2.5 "
            "(far left) to 2.5 (far right): give a score from -2.5 to 2.5, or null where none "
            "is known",
        ),
    ],
)
def test_a_score_no_output_can_carry_is_refused(tmp_path: Path, literal: str, message: str) -> None:
    file = tmp_path / "scores.json"
    file.write_text(_with("partners[0].left_right", literal), encoding="utf-8")
    code, out, err = run_here("validate", str(file))
    assert (code, out) == (1, b"")
    assert err == (
        f"partyintl: error: {file}: 1 problem\n  {message}\n"
        "Fix these and run `partyintl validate` again.\n"
    )
    with pytest.raises(DatasetError):
        load_dataset(file)


@pytest.mark.parametrize(
    ("path", "literal", "message"),
    [
        (
            "partners[3].listing.position",
            str(2**31),
            "2147483648 is too large for a list position: at most 2147483647, the largest "
            "whole number GraphML's int holds",
        ),
        (
            "partners[4].listing.position",
            str(2**63),
            "9223372036854775808 is too large for a list position: at most 2147483647, the "
            "largest whole number GraphML's int holds",
        ),
        ("partners[0].listing.position", "0", "0 is not a list position: they count from 1"),
        ("schema_version", "0", "0 is not a schema version this partyintl reads: give 2"),
    ],
)
def test_whole_numbers_beyond_the_outputs_are_refused(
    tmp_path: Path, path: str, literal: str, message: str
) -> None:
    file = tmp_path / "counts.json"
    file.write_text(_with(path, literal), encoding="utf-8")
    code, _, err = run_here("validate", str(file))
    assert code == 1
    assert f"\n  {path}: {message}\n" in err


def test_the_bundled_outputs_are_strict_json() -> None:
    for argv in (("partners", "--json"), ("spectrum", "--json"), ("export", "-f", "popolo")):
        code, out, err = run_here(*argv)
        assert code == 0, err
        _strict(out.decode())
    code, out, _ = run_here("partners", "-f", "jsonl")
    assert all(_strict(line) for line in out.decode().splitlines())


@pytest.mark.parametrize("path", ["x", "partners[2].name", "sources[0].parts[1].note", ""])
@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_where_no_number_belongs_says_what_to_do_once(literal: str, path: str) -> None:
    from partyintl.data.numbers import not_json

    assert not_json(literal, path) == (
        f"{literal} is not a JSON number (RFC 8259 has no NaN or Infinity, and no output could "
        "carry it): write the value the field takes instead (`partyintl schema` says which)"
    )
