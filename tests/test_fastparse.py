"""First sight with orjson (data/fastparse.py): used only where it is certainly what the
careful parse gives. Documents are generated with repeated keys, integers beyond 64 bits,
escaped and unescaped colons and quotes, and any spacing; the fast parse either declines
or gives exactly the careful parse's value, and that parse then finds no problem."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from partyintl.data import fastparse
from partyintl.data.load import parse_json_checked

KEYS = st.sampled_from(["a", "id", "name", "a:b", 'q"', "ü", ":", "e+"])
TEXTS = st.text(alphabet=st.sampled_from(list('ab:" \\/eü+\u2028')), max_size=6)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
)


class Obj(list):  # type: ignore[type-arg]
    """An object as its (key, value) pairs, so that a key may repeat."""


values = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXTS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.lists(st.tuples(KEYS, inner), max_size=4).map(Obj)
    ),
    max_leaves=12,
)
spacing = st.sampled_from(["", " ", "\n  ", "\t"])


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A document written with random spacing and escapes (\\u003a for a colon, \\u0022
    for a quote, ASCII-only or not)."""

    def string(text: str) -> str:
        out = json.dumps(text, ensure_ascii=draw(st.booleans()))
        if draw(st.booleans()):
            out = out[0] + out[1:-1].replace(":", "\\u003a") + out[-1]
        if draw(st.booleans()):
            out = out[0] + out[1:-1].replace('\\"', "\\u0022") + out[-1]
        return out

    def write(value: Any) -> str:
        gap = draw(spacing)
        if isinstance(value, Obj):
            items = [f"{string(k)}{draw(spacing)}:{draw(spacing)}{write(v)}" for k, v in value]
            return "{" + gap + ("," + gap).join(items) + "}"
        if isinstance(value, list):
            return "[" + gap + ("," + gap).join(write(v) for v in value) + "]"
        if isinstance(value, str):
            return string(value)
        return json.dumps(value)

    return write(draw(values)).encode()


@settings(max_examples=500, deadline=None)
@given(doc=documents(), size=st.integers(1, 3))
def test_the_fast_parse_declines_or_gives_the_careful_parses_value(doc: bytes, size: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fastparse, "FAST_FROM", 0)
        mp.setattr(fastparse, "SLICE", size)  # lists of any length read and written in slices
        mp.setattr(fastparse, "SLICED_FROM", 0)
        fast = fastparse.parse(doc)
    event("taken" if fast is not None else "declined")
    if fast is None:
        return
    careful, problems = parse_json_checked(doc.decode(), "doc")
    assert problems == []
    assert json.dumps(fast) == json.dumps(careful)  # the same values, the same types


@pytest.mark.parametrize(
    "doc",
    [
        b'{"a": 1, "a": 1}',
        b'{"a": {"b": ":"}, "a": 2}',
        b'{"a"  : 1, "a": 2, "b":":"}',  # a spaced colon and a repeat would cancel out
        b'{"n": 18446744073709551616}',
        b'{"n": -9223372036854775809}',
        b'{"t": "\\u003a", "t": 1}',
        b'{"x": NaN}',
        b'\xef\xbb\xbf{"x": 1}',
        b'{"x": "\\ud800"}',
        b'{"\\udc00": 1}',  # a lone surrogate in a key of the top level
        b'{"a": [1, 2, 3]} x',
        b'{"a": [1, 2, 3]}{}',
        b'{"a": [1, 2, 3],}',
        b'{"a": [1, 2, 3,]}',
        b'{"a": [1, \xff, 3]}',
        b'{"a\xff": [1, 2]}',
        b'{"p": [{"a": 1, "a": 2}, 2, 3], "q": 1}',
        b'{"p": [1, 2, 3], "p": [1, 2, 3]}',
        b'{"p": [1, 2, 18446744073709551616]}',
        b'{"p": [1, 2, ' + b"[" * 5000 + b"]" * 5000 + b"]}",  # deeper than any recursion limit
        b'{"p": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_what_it_must_decline(doc: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastparse, "FAST_FROM", 0)
    monkeypatch.setattr(fastparse, "SLICE", 1)
    monkeypatch.setattr(fastparse, "SLICED_FROM", 0)
    assert fastparse.parse(doc) is None


def test_a_big_file_with_a_repeated_key_gets_the_careful_message(
    tmp_path: Any, raw_data: dict[str, Any]
) -> None:
    from conftest import run_cli

    data = json.loads(json.dumps(raw_data))
    data["partners"] += [
        {"id": f"filler-{i}", "name": "x" * 200, "type": "party", "listing": None}
        for i in range(2000)
    ]
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace('"id": "spd", ', '"id": "spd", "name": "Twice", ', 1)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > fastparse.FAST_FROM
    assert fastparse.parse(path.read_bytes().replace(b'"name": "Twice", ', b"", 1)) is not None
    result = run_cli("--data", str(path), "partners", env={"PARTYINTL_NO_CACHE": "1"})
    assert result.returncode == 1
    assert 'the key "name" appears more than once in this object' in result.stderr


@settings(max_examples=500, deadline=None)
@given(doc=documents(), size=st.integers(1, 3))
def test_the_pieces_written_back_are_the_whole_text(doc: bytes, size: int) -> None:
    """fastparse.written gives orjson's text in pieces (slices of a list of any size): the
    colons and exponents the check counts in them are those of the whole text."""
    import orjson

    value = orjson.loads(doc)  # as the fast parse reads it: a huge integer as a float
    whole = orjson.dumps(value)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fastparse, "SLICE", size)
        pieces = list(fastparse.written(value))
    assert sum(p.count(b":") for p in pieces) == whole.count(b":")
    assert any(b"e+" in p for p in pieces) == (b"e+" in whole)
    assert all(not p.startswith(b"+") for p in pieces)


def test_a_file_nested_too_deeply_gets_the_careful_message(
    raw_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """msgspec, which finds the slices, stops at Python's recursion limit with a
    RecursionError: the careful parse then says what is wrong, as for a small file (that
    it is nested too deeply, or, where Python's json reads that deep, what is wrong with
    the value: the same problems either way)."""
    from partyintl.data.load import load_bytes
    from partyintl.errors import DatasetError

    data = json.loads(json.dumps(raw_data))
    data["partners"][-1]["notes"] = ["x"]
    text = json.dumps(data).replace('["x"]', "[" * 3000 + "]" * 3000, 1).encode()

    def problems(fast_from: int) -> list[Any]:
        monkeypatch.setattr(fastparse, "FAST_FROM", fast_from)
        with pytest.raises(DatasetError) as caught:
            load_bytes(text, "deep.json", full=True)
        return caught.value.problems

    monkeypatch.setattr(fastparse, "SLICED_FROM", 0)
    assert problems(0) == problems(len(text) + 1)  # sliced, and careful only
