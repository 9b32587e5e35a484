"""The JSON shape of validated records, without pydantic: field order and defaults.

A validated file's raw JSON differs from the models' `model_dump(mode="json")` only by
omitted defaults; these tables fill them in the models' field order, so the fast path gives
the same JSON as the models (tests/test_shape.py keeps the tables equal to the models).
"""

from __future__ import annotations

REQUIRED = object()
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Raw = dict[str, Any]

OTHER_NAME = (("name", REQUIRED), ("note", None), ("source", None), ("usage", None))
IDENTIFIER = (
    ("scheme", REQUIRED),
    ("identifier", REQUIRED),
    ("table", REQUIRED),
    ("commit", REQUIRED),
    ("evidence", None),
)
EXTERNAL = (("table", REQUIRED), ("commit", REQUIRED), ("note", None))
INFERENCE = (("field", REQUIRED), ("reason", REQUIRED))
LISTING = (("list", REQUIRED), ("position", REQUIRED), ("printed", REQUIRED))
ORGANIZATION = (
    ("id", REQUIRED),
    ("name", REQUIRED),
    ("type", REQUIRED),
    ("kind", None),
    ("country", None),
    ("country_code", None),
    ("region", None),
    ("listing", None),
    ("part_of", None),
    ("other_names", ()),
    ("description", None),
    ("notes", ()),
    ("inferred", ()),
    ("paragraphs", ()),
    ("identifiers", ()),
    ("left_right", None),
    ("ideology", ()),
    ("positions_source", None),
)
CONTACT = (
    ("id", REQUIRED),
    ("type", REQUIRED),
    ("value", REQUIRED),
    ("printed", REQUIRED),
    ("label_ru", REQUIRED),
    ("label_en", REQUIRED),
    ("office_ru", None),
    ("office_en", None),
    ("restriction_ru", None),
    ("restriction_en", None),
    ("note", None),
    ("inferred", ()),
)
#: Nested shapes: a field whose value is an object, or a list of objects.
NESTED: dict[str, tuple[tuple[str, Any], ...]] = {
    "other_names": OTHER_NAME,
    "inferred": INFERENCE,
    "listing": LISTING,
    "identifiers": IDENTIFIER,
    "positions_source": EXTERNAL,
}


def dump(raw: Raw, shape: tuple[tuple[str, Any], ...]) -> Raw:
    """A validated record as the models would dump it: every field, in order."""
    out: Raw = {}
    for name, default in shape:
        value = raw.get(name, default)
        if isinstance(value, (tuple, list)):
            value = list(value)
        sub = NESTED.get(name)
        if sub is not None and value is not None:
            if isinstance(value, list):
                value = [dump(item, sub) for item in value]
            else:
                value = dump(value, sub)
        out[name] = value
    return out


def inferred(raw: Raw) -> list[Raw]:
    """A record's inferences as JSON objects."""
    return [dump(i, INFERENCE) for i in raw.get("inferred", ())]


def inferred_about(
    raw: Raw | None,
    fields: Any,
    renamed: dict[str, str] | None = None,
    whose: str = "",
) -> list[Raw]:
    """A raw record's inferences that concern the fields a derived record shows.

    A value keeps its mark wherever it is copied. `fields` are the derived record's field
    names (a dict or any collection); `renamed` maps a raw field to the derived record's
    name for it (a status period's start_date is a timeline entry's date, an event's
    participants a brief's role, its place a Popolo event's location); a dotted field
    counts for the field before the dot, and keeps its tail (`place.country` is
    `location.country`). `whose` names the record the value was copied from, in front of
    the reason (the meeting a status change's place comes from).
    """
    found = []
    for entry in inferred(raw or {}):
        head, dot, rest = entry["field"].partition(".")
        head = (renamed or {}).get(head, head)
        if head in fields:
            reason = f"{whose}: {entry['reason']}" if whose else entry["reason"]
            found.append({"field": head + dot + rest, "reason": reason})
    return found
