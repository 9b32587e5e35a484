"""Property-based tests: random datasets, random text in every field, random files."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import text_characters
from partyintl import DatasetError
from partyintl.data.load import load_bytes
from partyintl.data.models import Inference, Organization, OtherName
from partyintl.escaping import NOT_IN_NAMES, blank_at_ends, shows_nothing
from partyintl.query import partner_record
from partyintl.render import views
from partyintl.render.formats import csv_cell, render
from partyintl.render.view import TEXT_FORMATS, OutputFormat, RenderContext

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text a data file may hold: anything printable, no control characters.
CLEAN = st.text(text_characters(), min_size=1, max_size=40)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
#: A name a valid file may hold: not blank, nothing that hides or reorders text.
NAMES = CLEAN.filter(
    lambda t: not blank_at_ends(t) and not shows_nothing(t) and NOT_IN_NAMES.search(t) is None
)
#: A source's title or publisher, an inference's reason: any text as printed, never one
#: that shows nothing or begins or ends so (rules.BLANK_REFUSED).
PRINTED = CLEAN.filter(lambda t: not shows_nothing(t) and not blank_at_ends(t))
PLACES = [
    ("Germany", "DE"),
    ("Vietnam", "VN"),
    ("North Korea", "KP"),
    ("Czechia", "CZ"),
    ("Palestine", "PS"),
    ("El Salvador", "SV"),
    ("Russia", "RU"),
]


@st.composite
def partner_dicts(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["party", "international", "npo"]))
    record: dict[str, Any] = {"id": f"p-{index}", "name": draw(NAMES), "type": kind}
    if kind == "international":
        record["region"] = draw(st.sampled_from(["Asia", "European Union"]))
    else:
        record["country"], record["country_code"] = draw(st.sampled_from(PLACES))
    record["listing"] = {
        "list": "npo" if kind == "npo" else "partners",
        "position": index + 1,
        "printed": draw(PRINTED),
    }
    record["other_names"] = [{"name": n} for n in draw(st.lists(NAMES, max_size=2))]
    record["notes"] = draw(st.lists(CLEAN, max_size=2))
    if draw(st.booleans()):
        record["inferred"] = [{"field": "country", "reason": draw(PRINTED)}]
    if draw(st.booleans()):
        record["sources"] = [
            {"source": "src", "at": draw(PRINTED), "fields": ["name"], "date": "2019/2020"}
        ]
    return record


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(min_value=0, max_value=8))
    return {
        "schema_version": 2,
        "as_of": "2020",
        "sources": [
            {
                "id": "src",
                "title": draw(PRINTED),
                "site": "example.org",
                "publisher": draw(PRINTED),
                "language": draw(st.sampled_from(["en", "ru", "de-AT"])),
                "as_of": "2020",
                "lists": [{"id": "partners"}, {"id": "npo", "heading": draw(PRINTED)}],
            }
        ],
        "party": {
            "id": "the-party",
            "name": draw(NAMES),
            "type": "party",
            "country": "Russia",
            "country_code": "RU",
            "sources": [{"source": "src", "at": "paragraph 1"}],
        },
        "partners": [draw(partner_dicts(i)) for i in range(n)],
    }


@SETTINGS
@given(datasets())
def test_random_valid_datasets_survive_a_round_trip(raw: dict[str, Any]) -> None:
    first = load_bytes(json.dumps(raw).encode())
    exported = json.dumps(first.data.model_dump(mode="json"), ensure_ascii=False)
    second = load_bytes(exported.encode())
    assert second.data == first.data


@st.composite
def hostile_orgs(draw: st.DrawFn) -> Organization:
    return Organization(
        id="x",
        name=draw(ANY_TEXT),
        type="party",
        kind=draw(ANY_TEXT),
        country=draw(ANY_TEXT),
        country_code=draw(ANY_TEXT),
        region=draw(ANY_TEXT),
        other_names=(OtherName(name=draw(ANY_TEXT), note=draw(ANY_TEXT)),),
        description=draw(ANY_TEXT),
        notes=tuple(draw(st.lists(ANY_TEXT, max_size=2))),
        inferred=(Inference(field=draw(ANY_TEXT), reason=draw(ANY_TEXT)),),
    )


@SETTINGS
@given(st.lists(hostile_orgs(), min_size=1, max_size=3))
def test_random_text_renders_everywhere_and_round_trips(orgs: list[Organization]) -> None:
    view = views.partners_view([partner_record(o) for o in orgs])
    outputs = {fmt: render(view, fmt, RenderContext(width=80)) for fmt in TEXT_FORMATS}
    assert json.loads(outputs[OutputFormat.JSON]) == view.records
    assert [
        json.loads(x) for x in outputs[OutputFormat.JSONL].rstrip("\n").split("\n")
    ] == view.records
    rows = list(csv.reader(io.StringIO(outputs[OutputFormat.CSV], newline="")))
    assert rows[1:] == [
        [csv_cell(view.value(r, k)) for k in view.valid_fields()] for r in view.records
    ]
    assert len(outputs[OutputFormat.PLAIN].splitlines()) == len(orgs)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_are_a_clean_error_or_a_load(data: bytes) -> None:
    try:
        load_bytes(data)
    except DatasetError as exc:
        assert exc.problems


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(
    st.one_of(
        JSON_VALUES,
        st.fixed_dictionaries(
            {"schema_version": st.just(2), "partners": st.lists(JSON_VALUES, max_size=3)}
        ),
    )
)
def test_random_json_is_a_clean_error_or_a_load(value: Any) -> None:
    try:
        load_bytes(json.dumps(value).encode())
    except DatasetError as exc:
        assert all(p.message for p in exc.problems)


def test_fuzz_entry_point_runs() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_load.py"
    spec = importlib.util.spec_from_file_location("fuzz_load", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for sample in (b"", b"{}", b"\xff", b"[1]", b'{"schema_version": 1}'):
        module.TestOneInput(sample)
