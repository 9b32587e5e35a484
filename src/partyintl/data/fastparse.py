"""First sight of a big file: parse its bytes once with orjson, when that is certainly
what the careful parse (load.parse_json_checked) would give.

The careful parse reads text with the json module and a hook on every object, so that a
key given twice in one object, a number longer than Python's int takes, NaN or Infinity
become problems with their place. orjson (several times faster, and straight from the
bytes, with no decoded copy of the text) refuses NaN, Infinity, lone surrogates, a byte
order mark and invalid UTF-8, but it keeps the last of repeated keys and reads integers
beyond 64 bits as floats. So its tree is used only when:

- no colon is written as an escape (`\\u003a`), and the file has as many colons as orjson
  writes back for the tree: outside strings a colon follows each key, so a dropped key
  (a repeated one, with whatever its value held) shows as fewer colons;
- what orjson writes back has no `e+`: an integer read as a float is at least 2**63 and
  written with an exponent (a real score or position never is that large).

Otherwise (and for any file orjson refuses) the careful parse runs and says what is wrong.
tests/test_fastparse.py generates files with repeated keys, huge numbers and escapes.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Below this size the json module is as fast, and orjson's import is not paid.
FAST_FROM = 256 * 1024
_ESCAPED_COLONS = (b"\\u003a", b"\\u003A")


def parse(data: bytes) -> Any | None:
    """The parsed JSON of `data`, or None when only the careful parse can be trusted."""
    if len(data) < FAST_FROM or any(e in data for e in _ESCAPED_COLONS):
        return None
    import orjson

    try:
        value = orjson.loads(data)
        again = orjson.dumps(value)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    if b"e+" in again or again.count(b":") != data.count(b":"):
        return None
    return value
