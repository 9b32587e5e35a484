"""Which numbers a data file may hold: those every output carries unchanged.

JSON as RFC 8259 defines it has no NaN or Infinity, and a double cannot hold 1e400; CSV,
GraphML and SQLite would get `nan`, `inf` or an overflow from them. Whole numbers (list
positions) go into SQLite INTEGER columns (signed 64-bit) and GraphML
`int` attributes (signed 32-bit), so they stay within the smaller of the two. The models
(models.py) declare these bounds, the quick partner check (fastcheck.py) applies them too,
and validation (load.py) reports a number outside them with the words below.
"""

from __future__ import annotations

import math

#: The left-right scale of Wikipedia's party classifications as Party Facts' wptags table
#: gives it (Herrmann and Döring 2021): -2.5 far left to 2.5 far right, ends included.
LEFT_RIGHT_SCALE = (-2.5, 2.5)
#: The largest whole number a data file may hold: GraphML's `int` is signed 32-bit, the
#: smallest integer type among the outputs (SQLite's INTEGER is signed 64-bit).
MAX_WHOLE = 2**31 - 1
#: The smallest: positions in a list are counted from 1.
MIN_WHOLE = 1
#: The longest id a data file may hold, in characters: ids are slugs of a name or two
#: (the bundled file's longest has 50); anything much longer is a mistake, and would make
#: every table, message and index key that shows it unwieldy.
MAX_ID_LENGTH = 200
#: The version of the file format this partyintl reads (`partyintl upgrade` turns older
#: files into this one).
SCHEMA_VERSION = 2
#: The words JSON parsers of Python and JavaScript accept but RFC 8259 does not.
NOT_JSON = ("NaN", "Infinity", "-Infinity")


def shown(value: object) -> str:
    """A number as an error message shows it: long digit strings by their length."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-" if value < 0 else "") + "Infinity"
    text = str(value)
    digits = len(text.lstrip("-"))
    return text if digits <= 24 else f"a number of {digits} digits"


#: What the whole-number fields count, as messages name them.
_COUNTED = {"position": "list position"}


def _field(path: str) -> str:
    """The field a JSON path ends in: `partners[3].listing.position` -> `position`."""
    return path.rstrip("]").rsplit(".", 1)[-1].split("[", 1)[0]


def not_json(literal: str, path: str = "") -> str:
    """Why NaN or Infinity (at `path`) cannot be in a data file, and what to write."""
    return (
        f"{literal} is not a JSON number (RFC 8259 has no NaN or Infinity, and no output "
        f"could carry it): {_instead(_field(path))}"
    )


def out_of_range(path: str, value: object) -> str | None:
    """Why a number cannot be the value at `path` (a JSON path or a field name), in words;
    None when it is fine or is not a number at all (a string, a boolean: then the type is
    wrong, not the number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    field = _field(path)
    if isinstance(value, float) and not math.isfinite(value):
        what = "NaN" if math.isnan(value) else "a number beyond what a 64-bit float holds"
        return f"{what} (read as {shown(value)}) is not a finite number: {_instead(field)}"
    if field == "left_right":
        low, high = LEFT_RIGHT_SCALE
        if not low <= value <= high:
            return (
                f"{shown(value)} is outside the left-right scale, which runs from {low} (far "
                f"left) to {high} (far right): {_instead(field)}"
            )
        return None
    if field == "schema_version" and value != SCHEMA_VERSION:
        return f"{shown(value)} is not a schema version this partyintl reads: give {SCHEMA_VERSION}"
    noun = _COUNTED.get(field.removesuffix("s"))
    if noun is not None and isinstance(value, int):
        if value < MIN_WHOLE:
            return f"{shown(value)} is not a {noun}: they count from {MIN_WHOLE}"
        if value > MAX_WHOLE:
            return (
                f"{shown(value)} is too large for a {noun}: at most {MAX_WHOLE}, the largest "
                "whole number GraphML's int holds"
            )
    return None


def _instead(field: str) -> str:
    """What to write instead of a number a field cannot hold."""
    if field == "left_right":
        low, high = LEFT_RIGHT_SCALE
        return f"give a score from {low} to {high}, or null where none is known"
    if _COUNTED.get(field.removesuffix("s")):
        return f"give a whole number from {MIN_WHOLE} to {MAX_WHOLE}"
    return "write the value the field takes instead (`partyintl schema` says which)"
