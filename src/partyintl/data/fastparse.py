"""First sight of a big file: parse its bytes once with orjson, when that is certainly
what the careful parse (load.parse_json_checked) would give.

The careful parse reads text with the json module and a hook on every object, so that a
key given twice in one object, a number longer than Python's int takes, NaN or Infinity
become problems with their place. orjson (several times faster, and straight from the
bytes, with no decoded copy of the text) refuses NaN, Infinity, lone surrogates, a byte
order mark and invalid UTF-8, but it keeps the last of repeated keys and reads integers
beyond 64 bits as floats. So its tree is used only when:

- no colon is written as an escape (`\\u003a`), and the file has as many colons as orjson
  writes back for the tree (in pieces, see `written`): outside strings a colon follows each
  key, so a dropped key (a repeated one, with whatever its value held) shows as fewer
  colons;
- what orjson writes back has no `e+`: an integer read as a float is at least 2**63 and
  written with an exponent (a real score or position never is that large).

Otherwise (and for any file orjson refuses) the careful parse runs and says what is wrong.
It runs too under a limit of address space (orjson_allowed).
A file of SLICED_FROM bytes or more is read in slices (read_in_slices), so that orjson's
working copy, as big as the value it builds, never holds all of it.
tests/test_fastparse.py generates files with repeated keys, huge numbers and escapes.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

#: Below this size the json module is as fast, and orjson's import is not paid.
FAST_FROM = 256 * 1024
#: About how many bytes of memory a parsed file takes per byte of its text (204 MiB at
#: 25 MB): what a helper process that reads the whole tree may copy of it
#: (lifecycle.can_fork's `spare`).
PARSED_BYTES_PER_BYTE = 8
_ESCAPED_COLONS = (b"\\u003a", b"\\u003A")


def parse(data: bytes) -> Any | None:
    """The parsed JSON of `data`, or None when only the careful parse can be trusted."""
    if len(data) < FAST_FROM or any(e in data for e in _ESCAPED_COLONS):
        return None
    if not orjson_allowed():
        return None
    import orjson

    try:
        value = read_in_slices(data)
        colons, exponent = 0, False
        for piece in written(value):
            colons += piece.count(b":")
            exponent = exponent or b"e+" in piece
    # orjson's and msgspec's errors of reading; msgspec stops at Python's recursion limit.
    except (ValueError, orjson.JSONEncodeError, RecursionError):
        return None
    if exponent or colons != data.count(b":"):
        return None
    return value


def orjson_allowed() -> bool:
    """Whether orjson (and msgspec) may read and write JSON here: not under a limit of
    address space (lifecycle.address_space_limit, `ulimit -v`). When memory runs out,
    orjson crashes the process (SIGSEGV, measured reading and writing under `ulimit -v`)
    where the json module raises MemoryError, which a command reports in words (exit 1).
    The answers are the same either way (only slower): the json module reads the file and
    writes the JSON, and no index is kept."""
    from ..lifecycle import address_space_limit

    return address_space_limit() is None


#: Elements of an array read, or written back, at a time: neither holds a second whole
#: copy of a big file (orjson's own reading of a whole file takes as much again as the
#: value it builds: 1.9 GB at a million partners, where the value is 1.1 GB).
SLICE = 4096
#: The size from which a file is read in slices: below it reading it whole is faster (by
#: 40 ms at 25 MB, where it takes 50 MB more), and takes at most 70 MB more.
SLICED_FROM = 32 * 1024 * 1024


def read_in_slices(data: bytes) -> Any:
    """orjson's value of `data`; from SLICED_FROM bytes, a top-level object is read one
    value at a time, and an array in it of more than SLICE elements SLICE elements at a
    time. msgspec finds where each value and element starts and ends without building
    them (msgspec.Raw: places in `data`). Raises orjson.JSONDecodeError or
    msgspec.DecodeError (both ValueErrors) for text that is not JSON, RecursionError for
    arrays or objects nested deeper than Python's recursion limit (msgspec's limit); a top
    level that is no object is read whole."""
    import orjson

    if len(data) < SLICED_FROM:
        return orjson.loads(data)
    import msgspec

    try:
        top = msgspec.json.decode(data, type=dict[str, msgspec.Raw])
    except msgspec.ValidationError:  # JSON, but not an object
        return orjson.loads(data)
    value: dict[str, Any] = {}
    for key, raw in top.items():
        items = (
            msgspec.json.decode(raw, type=list[msgspec.Raw])
            if bytes(memoryview(raw)[:1]) == b"["
            else ()
        )
        if len(items) <= SLICE:
            value[key] = orjson.loads(memoryview(raw))
            continue
        whole: list[Any] = []
        for start in range(0, len(items), SLICE):
            whole += orjson.loads(b"[" + b",".join(items[start : start + SLICE]) + b"]")
        value[key] = whole
    return value


def written(value: Any) -> Iterator[bytes]:
    """orjson's text of a parsed value in pieces whose concatenation, with commas and
    brackets between them, is its whole text: an object's keys (each with its colon) and
    values one by one, a list longer than SLICE in slices of SLICE elements. A piece never
    starts with `+`, so no `e+` spans two."""
    import orjson

    if isinstance(value, dict):
        for key, item in value.items():
            yield orjson.dumps(key) + b":"
            yield from written(item)
    elif isinstance(value, list) and len(value) > SLICE:
        for start in range(0, len(value), SLICE):
            yield orjson.dumps(value[start : start + SLICE])
    else:
        yield orjson.dumps(value)
