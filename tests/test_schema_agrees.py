"""The published JSON Schema refuses what `partyintl validate` refuses, wherever JSON Schema
can say the rule: every field of the bundled file is spoilt in every way (another JSON
type, text no rule takes, a blank or hiding name, a bad country code, a type outside the
partners' set, a whole number written 2.0, a missing or unknown key), and each file
validate refuses must be refused by `jsonschema` too, unless all validate says is in
NOT_EXPRESSIBLE, the rules JSON Schema cannot say, each with the reason."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from spoil import first_place, shapes_of, small_valid_file, spoilt, wrong_values

from conftest import run_cli
from partyintl.data.enums import OrgType
from partyintl.data.load import load_bytes
from partyintl.data.rules import NAME_FIELDS
from partyintl.errors import DatasetError

SCHEMA = json.loads(run_cli("schema", "--json").stdout)
VALIDATOR = Draft202012Validator(SCHEMA)
SMALL = small_valid_file()
SHAPES = shapes_of(SMALL)

#: Validation's rules that JSON Schema cannot say, by the words of their problems.
NOT_EXPRESSIBLE = {
    r"which is no (source of this file|id in this file)": "a reference to another record: "
    "JSON Schema judges a value, not whether another part of the file declares it",
    r"is no part of the source": "a reference to a part that a cited source declares",
    r"is no list of the file's sources": "a reference to a list that a source declares",
    r"is no field of this record": "the value names a field of the record that holds it; "
    "one definition of Inference or Citation cannot see its parent's fields",
    r"is not a date in EDTF levels 0-1": "EDTF's grammar with the calendar (the days of each "
    "month, leap years); the schema's pattern keeps only its characters",
    r"does not match country_code|missing while country_code|has the ISO code|has no ISO "
    r"code": "a country's name and code agree: ISO 3166's table with its other spellings "
    "(pycountry), which a schema would have to copy",
    r"is not an ISO 3166-1 alpha-2 code": "the codes ISO assigns (pycountry); the schema "
    "says the form, two capital letters",
    r"is not a valid phone number": "the numbering plans of phonenumbers; the schema says "
    "the stored form",
    r"must be a whole number \(got -?[0-9]+\.0\)": "JSON Schema counts 2.0 as a whole "
    "number, validate wants it written 2 (the field's description says so)",
    r"which printed another text there": "two partners at one place of a list print one "
    "text: a rule across records, which a schema of one record cannot see",
    r"is no field of its|holds no fields of its own": "a dotted name names a field of the "
    "object its first part holds: a rule across a record's fields",
    r"no body is part of": "part_of makes no loop: a rule across records",
    r"reaches back before the start|is after what its sources can report|is after the "
    r"file's as_of": "dates against other dates of the file",
}
_ANY_REASON = re.compile("|".join(f"(?:{words})" for words in NOT_EXPRESSIBLE))

NAMES = ["", "   ", "\u00a0\u3000", "ab\u202ecd", "ab\u200bcd", "\u2066SPD", "SPD\ufeff"]
TEXTS = ["a\x07b", "a\nb", "a\tb", "Partei\x1b[31m", "x\x85"]
CODES = ["de", "D", "DEU", "XX", "d1"]
#: The keys of names in any section (rules.NAME_FIELDS).
NAME_KEYS = {key for keys in NAME_FIELDS.values() for key in keys}


def _spoils(value: Any, key: Any) -> list[Any]:
    """The values to put in place of `value` (at `key`): wrong_values' for any field, and
    those a field of its kind must refuse."""
    spoils = wrong_values(value)
    if isinstance(value, str):
        spoils += TEXTS[:1]
        if key in NAME_KEYS:
            spoils += TEXTS[1:] + NAMES
        if key == "country_code":
            spoils += CODES
        if key == "type":
            spoils += [t.value for t in OrgType]
    if type(value) is int:
        spoils += [float(value), value + 0.5]
    return spoils


def _refused(raw: dict[str, Any]) -> list[str]:
    """What validate says is wrong with a file (empty when it is valid)."""
    try:
        load_bytes(json.dumps(raw, ensure_ascii=False).encode(), "spoilt.json", full=True)
    except DatasetError as exc:
        return [p.describe() for p in exc.problems]
    return []


def _schema_takes(raw: dict[str, Any], shape: tuple[Any, ...]) -> bool:
    """Whether the JSON Schema takes a file spoilt at `shape`: the spoilt section against
    its part of the schema (the rest is SMALL's, which the schema takes), which is the
    whole file's answer at a fraction of the time; the whole file for a top-level key."""
    if len(shape) == 1:
        return VALIDATOR.is_valid(raw)
    section = SCHEMA["properties"][shape[0]]
    return VALIDATOR.evolve(schema=section).is_valid(raw[shape[0]])


@pytest.mark.parametrize("shape", SHAPES, ids=[".".join(map(str, s)) for s in SHAPES])
def test_the_schema_refuses_what_validate_refuses(shape: tuple[Any, ...]) -> None:
    container, key = first_place(SMALL, shape)  # type: ignore[misc]
    for how, raw in spoilt(SMALL, shape, _spoils(container[key], key)):
        problems = _refused(raw)
        if not problems or not _schema_takes(raw, shape):
            continue
        unsaid = [p for p in problems if not _ANY_REASON.search(p)]
        assert not unsaid, (shape, how, unsaid)


def test_the_bundled_file_is_valid_under_the_schema() -> None:
    assert _refused(SMALL) == []
    assert VALIDATOR.is_valid(SMALL)


def _with(path: str, value: Any) -> dict[str, Any]:
    """SMALL with the value at a dotted path (list items by index) replaced."""
    raw = copy.deepcopy(SMALL)
    *parents, last = path.split(".")
    target: Any = raw
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("partners.0.name", "", 'a name cannot be empty or blank (got "")'),
        ("partners.0.name", "   ", 'a name cannot be empty or blank (got "   ")'),
        ("partners.0.name", "ab\u202ecd", "a name may not hold U+202E"),
        ("partners.0.name", "ab\u200bcd", "a name may not hold U+200B"),
        ("partners.0.name", "a\x07b", "a name may not hold U+0007"),
        ("partners.0.country_code", "de", "'de' is not an ISO 3166-1 alpha-2 code"),
        ("partners.0.type", "faction", "a partner's type must be one of 'party', "),
    ],
)
def test_the_examples_of_the_report_are_refused_by_both(
    path: str, value: Any, problem: str
) -> None:
    raw = _with(path, value)
    assert any(problem in p for p in _refused(raw)), _refused(raw)
    assert not VALIDATOR.is_valid(raw)


@pytest.mark.parametrize(
    ("path", "value"), [("schema_version", 2.0), ("partners.0.listing.position", 1.0)]
)
def test_a_whole_number_written_with_a_fraction_is_the_difference_the_schema_states(
    path: str, value: float
) -> None:
    raw = _with(path, value)
    assert [p.split(": ", 1)[1] for p in _refused(raw)] == [f"must be a whole number (got {value})"]
    assert VALIDATOR.is_valid(raw)  # JSON Schema: 2.0 is an integer
    described = SCHEMA["properties"]["schema_version"]["description"]
    assert "(2, not 2.0): JSON Schema counts 2.0 as a whole number" in described
    position = SCHEMA["$defs"]["Listing"]["properties"]["position"]["description"]
    assert "(2, not 2.0)" in position
