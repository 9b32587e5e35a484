"""Validation tells root causes first and refuses what a data file must not hold: blank or
hiding names, uncited facts, a future as-of, inferred fields a record does not have, huge
ids, a partner type outside the partners' set, JSON cut short (each kind generated over
the bundled file's records; each example of the fresh-eyes report asserted exactly)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, copy_of, run_cli, text_characters
from partyintl.data.enums import PARTNER_TYPE_VALUES, OrgType
from partyintl.data.load import load_bytes, ordered
from partyintl.data.numbers import MAX_ID_LENGTH
from partyintl.data.rules import NAME_FIELDS
from partyintl.errors import PROBLEM_KINDS, DatasetError, Problem

#: What a message says of a text with blank ends (rules.ENDS_BLANK).
ENDS = "begins or ends with a space or a character that shows nothing"

RAW: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
TEXT = DATA.read_text(encoding="utf-8")


def _problems(change: Callable[[dict[str, Any]], Any]) -> DatasetError:
    data = copy_of(RAW)
    change(data)
    blob = json.dumps(data, ensure_ascii=False).encode("utf-8")
    with pytest.raises(DatasetError) as caught:
        load_bytes(blob, "bad.json", full=True)
    return caught.value


def _described(exc: DatasetError) -> list[str]:
    return [p.describe() for p in exc.problems]


def _at(exc: DatasetError, path: str) -> list[str]:
    return [p.message for p in exc.problems if p.path == path]


# 1. Root causes first ------------------------------------------------------------------


def test_a_broken_source_id_comes_before_the_references_to_it(tmp_path: Path) -> None:
    data = copy_of(RAW)
    data["sources"][0]["id"] = "x\x1b"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = run_cli("validate", str(path))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"partyintl: error: {path}: 80 problems",
        "  sources[0].id: an id is lower-case letters and digits in words joined by '-', e.g. "
        'socialist-international (got "x\\u001b")',
        '  sources[0].id: control character U+001B in text "x\\u001b": remove it',
        "  contacts[0].sources[0].source: refers to 'party-page-2018', which is no source of "
        "this file (and 77 more places)",
        "Fix these and run `partyintl validate` again.",
    ]
    every = run_cli("validate", "--all", str(path))
    assert every.returncode == 1
    listed = [line for line in every.stderr.splitlines() if line.startswith("  ")]
    assert len(listed) == 80
    assert listed[0].startswith("  sources[0].id: an id is")


def test_a_section_of_the_wrong_type_comes_first_and_alone(tmp_path: Path) -> None:
    exc = _problems(lambda d: d.update(partners={}))
    lines = _described(exc)
    assert lines[0] == "partners: must be an array, not an object (got {})"
    assert not any(line.startswith("partners.") for line in lines)
    assert all(p.kind == "reference" for p in exc.problems[1:])


def test_problems_beyond_twenty_are_counted_and_validate_all_is_named(tmp_path: Path) -> None:
    data = copy_of(RAW)
    for i, partner in enumerate(data["partners"][:30]):
        partner["country_code"] = f"Q{i}"
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    lines = run_cli("validate", str(path)).stderr.splitlines()
    assert lines[-2] == f"  ... and 10 more (partyintl validate --all {path} lists every problem)"
    assert len(run_cli("validate", "--all", str(path)).stderr.splitlines()) == 1 + 30 + 1


#: The record sections whose ids others refer to.
DECLARING = ("sources", "partners", "organizations", "people", "events")
#: Values of the wrong JSON type for a section.
WRONG_TYPES = ({}, "x", 5, True, None)


@pytest.mark.parametrize("section", [k for k, v in RAW.items() if isinstance(v, list)])
@pytest.mark.parametrize("value", WRONG_TYPES, ids=repr)
def test_any_section_of_the_wrong_type_is_the_first_problem(section: str, value: Any) -> None:
    exc = _problems(lambda d: d.__setitem__(section, value))
    first = exc.problems[0]
    assert first.path == section and first.kind == "shape"
    shown = [p.path for p, _ in exc.root_causes()]
    assert not any(p.startswith((f"{section}.", f"{section}[")) for p in shown)


@pytest.mark.parametrize("section", DECLARING)
@given(bad=st.sampled_from(["Bad Id", "x\x1b", "-x", "a" * (MAX_ID_LENGTH + 1), "ä"]))
@settings(max_examples=10, deadline=None)
def test_a_broken_declaration_comes_before_every_reference(section: str, bad: str) -> None:
    exc = _problems(lambda d: d[section][0].__setitem__("id", bad))
    assert exc.problems[0].path == f"{section}[0].id"
    kinds = [PROBLEM_KINDS.index(p.kind) for p in exc.problems]
    assert kinds == sorted(kinds)


_PATHS = st.lists(
    st.sampled_from(["a", "b", "sources", "partners", "[0]", "[10]", "[2]", ".x"]),
    min_size=1,
    max_size=4,
).map("".join)


@given(
    st.lists(
        st.builds(Problem, _PATHS, st.just("m"), kind=st.sampled_from(PROBLEM_KINDS)), max_size=30
    )
)
def test_ordered_puts_kinds_in_order_and_keeps_every_problem(problems: list[Problem]) -> None:
    out = ordered(problems)
    assert sorted(map(repr, out)) == sorted(map(repr, problems))
    ranks = [PROBLEM_KINDS.index(p.kind) for p in out]
    assert ranks == sorted(ranks)
    for kind in PROBLEM_KINDS:  # each kind keeps the file's order: [2] before [10]
        paths = [p.path for p in out if p.kind == kind]
        assert paths == [p.path for p in ordered([Problem(x, "m", kind=kind) for x in paths])]


# 2. What validation must refuse --------------------------------------------------------


def _named_paths() -> Iterator[tuple[str, str]]:
    """(path of a record, its name field) for every named record and other name of the
    bundled file."""
    for section, keys in NAME_FIELDS.items():
        value = RAW[section]
        records = (
            [(section, value)]
            if isinstance(value, dict)
            else [(f"{section}[{i}]", r) for i, r in enumerate(value)]
        )
        for path, record in records[:3]:
            for key in keys:
                yield path, key
            for n, _ in enumerate(record.get("other_names", ())[:1]):
                yield f"{path}.other_names[{n}]", "name"


def _set(data: dict[str, Any], path: str, key: str, value: Any) -> None:
    target: Any = data
    for part in path.replace("]", "").replace("[", ".").split("."):
        target = target[int(part)] if part.isdigit() else target[part]
    target[key] = value


BAD_NAMES = {
    "": 'a name cannot be empty or blank (got ""): give it as the source prints it',
    "   ": 'a name cannot be empty or blank (got "   "): give it as the source prints it',
    "\u00a0\u3000": 'a name cannot be empty or blank (got "\u00a0\u3000"): give it as the source '
    "prints it",
    "ab\u202ecd": "a name may not hold U+202E, a bidi control (it reorders what is shown) "
    '(got "ab\\u202ecd"): remove it',
    "ab\u200bcd": "a name may not hold U+200B, an invisible character "
    '(got "ab\\u200bcd"): remove it',
    "\u2066SPD": "a name may not hold U+2066, a bidi control (it reorders what is shown) "
    '(got "\\u2066SPD"): remove it',
    "SPD\ufeff": 'a name may not hold U+FEFF, an invisible character (got "SPD\\ufeff"): remove it',
    "\u3164": 'a name cannot be empty or blank (got "\\u3164"): give it as the source prints it',
    "\u2800 \u115f": 'a name cannot be empty or blank (got "\\u2800 \\u115f"): give it as '
    "the source prints it",
    " SPD": f'a name {ENDS} (got " SPD"): remove it',
    "SPD\u00a0": f'a name {ENDS} (got "SPD\\u00a0"): remove it',
    "Left Party\u00ad": f'a name {ENDS} (got "Left Party\\u00ad"): remove it',
    "Labour Party\u3164": f'a name {ENDS} (got "Labour Party\\u3164"): remove it',
    "\u2800SPD": f'a name {ENDS} (got "\\u2800SPD"): remove it',
    "\u0301": 'a name cannot be empty or blank (got "\u0301"): give it as the source prints it',
    "ab\U000e0041cd": "a name may not hold U+E0041, an invisible character "
    '(got "ab\\udb40\\udc41cd"): remove it',
}


@pytest.mark.parametrize(("path", "key"), list(_named_paths()))
@pytest.mark.parametrize("bad", list(BAD_NAMES), ids=repr)
def test_every_named_record_refuses_a_blank_or_hiding_name(path: str, key: str, bad: str) -> None:
    exc = _problems(lambda d: _set(d, path, key, bad))
    assert _at(exc, f"{path}.{key}") == [BAD_NAMES[bad]]


def test_a_persian_name_with_a_zero_width_non_joiner_is_fine() -> None:
    data = copy_of(RAW)
    data["partners"][0]["name"] = "حزب\u200cها"
    load_bytes(json.dumps(data).encode(), "ok.json", full=True)


def _citing() -> Iterator[tuple[str, str]]:
    """(path of a record that must cite, the words of its problem) for one record of every
    citing kind the bundled file has."""
    yield "organizations[0]", "the organisation"
    yield "events[0]", "the event"
    yield "memberships[0].periods[0]", "the status period"
    yield "contacts[0]", "the contact"
    for i, person in enumerate(RAW["people"]):
        if not person.get("posts"):
            yield f"people[{i}]", "the person"
            break
    for i, ms in enumerate(RAW["memberships"]):
        for j, period in enumerate(ms["periods"]):
            if period.get("end"):
                yield f"memberships[{i}].periods[{j}].end", "the end"


@pytest.mark.parametrize(("path", "what"), list(_citing()))
@pytest.mark.parametrize("empty", ["missing", "[]"])
def test_every_citing_record_refuses_no_sources(path: str, what: str, empty: str) -> None:
    def change(d: dict[str, Any]) -> None:
        _set(d, path, "sources", [])
        if empty == "missing":
            target: Any = d
            for part in path.replace("]", "").replace("[", ".").split("."):
                target = target[int(part)] if part.isdigit() else target[part]
            del target["sources"]

    exc = _problems(change)
    assert _at(exc, f"{path}.sources") == [
        f"{what} cites no source: add one (a source id and the place in it)"
    ]


@pytest.mark.parametrize("index", range(0, len(RAW["partners"]), 7))
def test_a_partner_cites_its_list_item_or_is_refused(index: int) -> None:
    # A listed partner cites the list it stands in; without it and sources, it cites nothing.
    def change(d: dict[str, Any]) -> None:
        d["partners"][index].pop("sources", None)
        d["partners"][index]["listing"] = None

    exc = _problems(change)
    needs = "a partner needs its place in a source's list"
    assert _at(exc, f"partners[{index}].listing") == [needs]


@pytest.mark.parametrize(
    ("path", "key"),
    [("", "as_of"), *((f"sources[{i}]", k) for i in range(2) for k in ("as_of", "retrieved"))],
)
@given(year=st.integers(2100, 9999))
@settings(max_examples=5, deadline=None)
def test_a_date_in_the_future_cannot_be_an_as_of(path: str, key: str, year: int) -> None:
    def change(d: dict[str, Any]) -> None:
        if path:
            _set(d, path, key, f"{year}-01-01")
        else:
            d[key] = f"{year}-01-01"

    exc = _problems(change)
    where = f"{path}.{key}" if path else key
    assert any("is in the future (today is" in m for m in _at(exc, where))


def test_the_example_future_as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", "4068187200"
    )  # 2098-11-30 12:00 UTC, 2098-12-01 at UTC+14
    exc = _problems(lambda d: d.update(as_of="2099-01-01"))
    assert _described(exc) == [
        "as_of: 2099-01-01 is in the future (today is 2098-12-01 on the latest clock on Earth, "
        "UTC+14): a file or a source can only hold as of a day that has come"
    ]
    # A build's time in the past never makes the file's true dates future.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    load_bytes(DATA.read_bytes(), "bundled.json", full=True)


def _inferring() -> Iterator[str]:
    """The path of every record of the bundled file that says what it infers."""

    def walk(value: Any, path: str) -> Iterator[str]:
        if isinstance(value, dict):
            if value.get("inferred"):
                yield path
            for k, v in value.items():
                yield from walk(v, f"{path}.{k}" if path else k)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, f"{path}[{i}]")

    yield from walk(RAW, "")


@pytest.mark.parametrize("path", list(_inferring()))
def test_an_inferred_field_must_be_the_records(path: str) -> None:
    def change(d: dict[str, Any]) -> None:
        target: Any = d
        for part in path.replace("]", "").replace("[", ".").split("."):
            target = target[int(part)] if part.isdigit() else target[part]
        target["inferred"][0]["field"] = "nonsense"

    exc = _problems(change)
    [message] = _at(exc, f"{path}.inferred[0].field")
    assert message.startswith("'nonsense' is no field of this record (")


@pytest.mark.parametrize("section", [*DECLARING, "memberships", "contacts"])
@pytest.mark.parametrize("length", [MAX_ID_LENGTH + 1, 5000])
def test_an_id_longer_than_the_limit_is_refused(section: str, length: int) -> None:
    exc = _problems(lambda d: d[section][-1].__setitem__("id", "a" * length))
    messages = _at(exc, f"{section}[{len(RAW[section]) - 1}].id")
    too_long = f"must have at most {MAX_ID_LENGTH} characters, not {length} (got"
    assert messages[0].startswith(too_long)
    # A source renamed is cited no more: said after the root cause.
    assert all(m.startswith("no fact cites the source") for m in messages[1:])


def test_an_id_of_the_limit_is_fine() -> None:
    data = copy_of(RAW)
    data["contacts"][0]["id"] = "a" * MAX_ID_LENGTH
    load_bytes(json.dumps(data).encode(), "ok.json", full=True)


# 3. One message for a bad partner type -------------------------------------------------


_TEXT = st.text(text_characters(), max_size=12)


@given(kind=st.one_of(st.sampled_from([t.value for t in OrgType]), _TEXT))
@settings(max_examples=40, deadline=None)
def test_a_bad_partner_type_gets_one_message(kind: str) -> None:
    if kind in PARTNER_TYPE_VALUES:
        return
    exc = _problems(lambda d: d["partners"][0].__setitem__("type", kind))
    [message] = _at(exc, "partners[0].type")
    assert message.startswith(
        "a partner's type must be one of 'party', 'international' or 'npo' (got "
    )


def test_the_example_bad_partner_type() -> None:
    exc = _problems(lambda d: d["partners"][0].__setitem__("type", "bogus"))
    assert _described(exc) == [
        "partners[0].type: a partner's type must be one of 'party', 'international' or 'npo' "
        '(got "bogus")'
    ]
    exc = _problems(lambda d: d["partners"][0].__setitem__("type", "parliament"))
    assert _at(exc, "partners[0].type") == [
        "a partner's type must be one of 'party', 'international' or 'npo' (got \"parliament\") "
        "(the type of an organisation that is no partner: list it under organizations)"
    ]


# 4. Malformed JSON always has its line and column ---------------------------------------


@given(cut=st.integers(1, len(TEXT) - 2))
@settings(max_examples=60, deadline=None)
def test_json_cut_short_anywhere_says_line_column_and_why(cut: int) -> None:
    text = TEXT[:cut]
    if not text.strip():
        return
    with pytest.raises(DatasetError) as caught:
        load_bytes(text.encode("utf-8"), "cut.json", full=True)
    [problem] = caught.value.problems
    assert problem.line is not None and problem.column is not None
    assert not problem.message.endswith((" at", "starting"))
    assert problem.message.endswith("is the file cut short?")


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(
    value=st.lists(_JSON_VALUES, min_size=1, max_size=3),
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 2]),
    data=st.data(),
)
@settings(max_examples=150, deadline=None)
def test_any_json_cut_inside_any_token_is_called_cut_short(
    value: list[Any], ascii_only: bool, indent: int | None, data: st.DataObject
) -> None:
    """A file stopping anywhere, inside a literal (`nu`), a number (`-1.5e`), a `\\u`
    escape or a string, is a file cut short, whatever the values around the cut."""
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    cut = data.draw(st.integers(1, len(text) - 1))
    if not text[:cut].strip():
        return
    with pytest.raises(DatasetError) as caught:
        load_bytes(text[:cut].encode("utf-8"), "cut.json", full=True)
    [problem] = caught.value.problems
    assert problem.message.endswith("is the file cut short?"), (text[:cut], problem.message)


def test_the_example_unterminated_string() -> None:
    text = TEXT[:3000]
    with pytest.raises(DatasetError) as caught:
        load_bytes(text.encode("utf-8"), "cut.json", full=True)
    assert _described(caught.value) == [
        "line 57, column 14: malformed JSON: a string that starts here is never closed (a "
        "missing '\"'); the text ends before the JSON does: is the file cut short?"
    ]


# validate -o ---------------------------------------------------------------------------


def test_validate_writes_its_summary_to_the_file_of_o(tmp_path: Path) -> None:
    out = tmp_path / "summary.txt"
    done = run_cli("validate", str(DATA), "-o", str(out))
    assert done.returncode == 0 and done.stdout == ""
    assert out.read_text(encoding="utf-8").startswith(f"{DATA}: valid, schema version 2: ")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    gone = tmp_path / "never.txt"
    assert run_cli("validate", str(bad), "-o", str(gone)).returncode == 1
    assert not gone.exists()


@given(
    spoil=st.lists(st.sampled_from(["name", "country_code", "type", "id"]), min_size=1, max_size=4),
    at=st.integers(0, 20),
)
@settings(max_examples=40, deadline=None)
def test_the_library_error_says_what_the_command_line_lists(spoil: list[str], at: int) -> None:
    """`str()` of the error (what a notebook's traceback ends with) names each root cause,
    as `partyintl validate` lists them, and the way to fix them."""
    values = {"name": "", "country_code": "zz", "type": "bogus", "id": "Not An Id"}

    def change(data: dict[str, Any]) -> None:
        for n, field in enumerate(spoil):
            data["partners"][at + n][field] = values[field]

    exc = _problems(change)
    lines = str(exc).splitlines()
    causes = exc.root_causes()
    assert lines[0] == exc.summary()
    assert lines[1 : 1 + min(len(causes), exc.SHOWN)] == [
        f"  {p.describe()}" + (f" (and {more} more places)" if more else "")
        for p, more in causes[: exc.SHOWN]
    ]
    assert lines[-1] == exc.hint


def _control_problems_by_walking(raw: Any) -> list[tuple[str, str]]:
    """The plain reading of the rule: every value's path, every text searched."""
    from partyintl.data.load import _CONTROL, _walk, control_message

    found = []
    for path, value in _walk(raw):
        texts: list[str] = []
        if isinstance(value, (str, dict)):
            texts = [value] if isinstance(value, str) else list(value)
        for text in texts:
            m = _CONTROL.search(text)
            if m:
                found.append((path, control_message(m.group(), text)))
    return found


_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=6) | st.sampled_from(
    ["", "plain", "a\x07b", "\x9f", "\ud800x", "\ufdd0", "x\uffff", "tab\there", "\u2028"]
)
_TREES = st.recursive(
    st.none() | st.booleans() | st.integers() | _ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_ANY_TEXT, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_TREES)
def test_control_characters_are_found_where_a_walk_over_every_text_finds_them(tree: Any) -> None:
    """The quick finder (printable text passed without a search, paths written only for a
    problem) gives the plain walk's problems, in its order and with its paths."""
    from partyintl.data.load import _control_problems

    quick = [(p.path, p.message) for p in _control_problems(tree)]
    assert quick == _control_problems_by_walking(tree)


def test_no_character_the_control_rule_refuses_is_printable() -> None:
    """What lets the finder pass printable text without searching it."""
    from partyintl.data.load import _CONTROL

    assert [c for c in map(chr, range(0x110000)) if _CONTROL.match(c) and c.isprintable()] == []


def test_a_character_two_rules_refuse_is_named_once() -> None:
    """A control character in a name broke both the name rule and the text rule, and the
    message named it twice in two escapings (a fresh tester): every character both rules
    refuse is named once, and the name is shown as every message shows text."""
    from partyintl.data.load import _CONTROL
    from partyintl.escaping import NOT_IN_NAMES

    both = [
        chr(c) for c in range(0x110000) if NOT_IN_NAMES.match(chr(c)) and _CONTROL.match(chr(c))
    ]
    assert len(both) > 60
    for ch in both:

        def change(data: dict[str, Any], ch: str = ch) -> None:
            data["partners"][0]["name"] = f"A{ch}B"

        said = [p for p in _described(_problems(change)) if f"U+{ord(ch):04X}" in p]
        assert len(said) == 1, said
        assert said[0].startswith(f"partners[0].name: a name may not hold U+{ord(ch):04X}, ")
        assert ch not in said[0] and '(got "A\\' in said[0]  # escaped, JSON's way


@pytest.mark.parametrize("country", [" Germany", "Germany ", "Germany\u00a0", "\u3000Germany"])
def test_a_country_with_spaces_at_its_ends_is_refused(country: str) -> None:
    """ " Germany" (code DE) validated, and `countries` then counted it apart from Germany."""
    exc = _problems(lambda d: d["partners"][0].update(country=country, country_code="DE"))
    shown = country.replace("\u00a0", "\\u00a0").replace("\u3000", "\\u3000")
    assert _at(exc, "partners[0].country") == [f'a country {ENDS} (got "{shown}"): remove it']
