"""The JSON shape of validated records, without pydantic: field order and defaults.

A validated file's raw JSON differs from the models' `model_dump(mode="json")` only by
omitted defaults; these tables fill them in the models' field order, so the fast path gives
the same JSON as the models (tests/test_sources.py keeps the tables equal to the models).
"""

from __future__ import annotations

from ..structs import cast

REQUIRED = object()
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .jsontypes import Citation, Inference

    Raw = dict[str, Any]

CITATION = (
    ("source", REQUIRED),
    ("at", REQUIRED),
    ("fields", ()),
    ("date", None),
    ("note", None),
)
OTHER_NAME = (("name", REQUIRED), ("note", None), ("usage", None), ("sources", ()))
IDENTIFIER = (
    ("scheme", REQUIRED),
    ("identifier", REQUIRED),
    ("source", REQUIRED),
    ("at", REQUIRED),
    ("evidence", None),
)
INFERENCE = (("field", REQUIRED), ("reason", REQUIRED))
LISTING = (("list", REQUIRED), ("position", REQUIRED), ("printed", REQUIRED))
PRINTED = (("text", REQUIRED), ("language", REQUIRED), ("gloss", None))
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
    ("sources", ()),
    ("identifiers", ()),
    ("left_right", None),
    ("ideology", ()),
    ("positions_source", None),
)
END = (
    ("date", REQUIRED),
    ("status", None),
    ("reason", REQUIRED),
    ("decided_at", None),
    ("note", None),
    ("sources", ()),
    ("inferred", ()),
)
POST = (
    ("role", REQUIRED),
    ("organization_id", REQUIRED),
    ("start_date", None),
    ("as_of", None),
    ("end", None),
    ("note", None),
    ("sources", ()),
    ("inferred", ()),
)
PERSON = (
    ("id", REQUIRED),
    ("name", REQUIRED),
    ("family_name", REQUIRED),
    ("other_names", ()),
    ("posts", ()),
    ("sources", ()),
    ("inferred", ()),
)
EVENT = (
    ("id", REQUIRED),
    ("name", REQUIRED),
    ("type", REQUIRED),
    ("date", REQUIRED),
    ("end_date", None),
    ("place", None),
    ("organization_id", None),
    ("participants", ()),
    ("countries", ()),
    ("description", REQUIRED),
    ("sources", ()),
    ("inferred", ()),
)
STATUS_PERIOD = (
    ("status", REQUIRED),
    ("start_date", REQUIRED),
    ("as_of", None),
    ("end", None),
    ("decided_at", None),
    ("sources", ()),
    ("inferred", ()),
)
CONTACT = (
    ("id", REQUIRED),
    ("type", REQUIRED),
    ("value", REQUIRED),
    ("printed", REQUIRED),
    ("label", REQUIRED),
    ("office", None),
    ("restriction", None),
    ("note", None),
    ("sources", ()),
    ("inferred", ()),
)
#: Nested shapes: a field whose value is an object, or a list of objects.
NESTED: dict[str, tuple[tuple[str, Any], ...]] = {
    "other_names": OTHER_NAME,
    "inferred": INFERENCE,
    "listing": LISTING,
    "identifiers": IDENTIFIER,
    "positions_source": CITATION,
    "sources": CITATION,
    "label": PRINTED,
    "office": PRINTED,
    "restriction": PRINTED,
    "end": END,
    "posts": POST,
}

PLACE = (("city", None), ("country", None), ("country_code", None))
PARTICIPANT = (("id", REQUIRED), ("role", REQUIRED))
COUNTRY_REF = (("country", REQUIRED), ("country_code", REQUIRED))
#: The fields of every field whose value is an object or a list of them, by its name: what
#: a dotted name in a citation's `fields` or an inference's `field` may name after the dot
#: (`place.country`, `restriction.text`).
FIELDS_OF = {**NESTED, "place": PLACE, "participants": PARTICIPANT, "countries": COUNTRY_REF}


def keys(shape: tuple[tuple[str, Any], ...]) -> tuple[str, ...]:
    """A shape's field names in the models' order (`keys(LISTING)`: list, position,
    printed)."""
    return tuple(name for name, _ in shape)


def dump(raw: Raw, shape: tuple[tuple[str, Any], ...]) -> Raw:
    """A validated record as the models would dump it: every field, in order.

    A field absent from `raw` takes its default; a list (or tuple) becomes a new list; a
    field with a NESTED shape has its record (or each of its list's records) dumped in
    turn. A shape used COMPILE_AFTER times is compiled into a function that builds the
    record in one step (several times faster than the loop over the fields, which the first
    uses run: compiling a shape costs as much as 200 records, and an everyday answer dumps
    a few dozen); tests/test_index.py holds both to the same records.
    """
    found = _COMPILED.get(id(shape))
    if found is not None and found[0] is shape:
        record: Raw = found[1](raw)
        return record
    uses = _USES[id(shape)] = _USES.get(id(shape), 0) + 1
    if uses >= COMPILE_AFTER:
        _COMPILED[id(shape)] = (shape, _compile(shape))
    return _dump_loop(raw, shape)


#: Uses of a shape after which dump compiles it.
COMPILE_AFTER = 200
#: Each shape's compiled dumper, by the shape's id (the shape is kept to check the id).
_COMPILED: dict[int, tuple[tuple[tuple[str, Any], ...], Any]] = {}
#: How often each shape not yet compiled was dumped, by its id.
_USES: dict[int, int] = {}


def _dump_loop(raw: Raw, shape: tuple[tuple[str, Any], ...]) -> Raw:
    """What the compiled function of a shape does, as a loop over its fields."""
    record: Raw = {}
    get = raw.get
    for name, default in shape:
        value = get(name, default)
        sub = NESTED.get(name)
        if isinstance(value, (tuple, list)):
            value = list(value) if sub is None else [dump(i, sub) for i in value]
        elif sub is not None and value is not None:
            value = dump(value, sub)
        record[name] = value
    return record


def _compile(shape: tuple[tuple[str, Any], ...]) -> Any:
    """The function dump runs for one shape (see dump): generated source, one line a field."""
    names: dict[str, Any] = {"_seq": (tuple, list), "_dump": dump, "_isinstance": isinstance}
    lines = ["def dump_shape(raw):", "    get = raw.get"]
    for n, (name, default) in enumerate(shape):
        names[f"_d{n}"] = default
        lines.append(f"    v{n} = get({name!r}, _d{n})")
        sub = NESTED.get(name)
        if sub is None:
            lines.append(f"    if _isinstance(v{n}, _seq): v{n} = list(v{n})")
        else:
            names[f"_s{n}"] = sub
            lines.append(f"    if _isinstance(v{n}, _seq): v{n} = [_dump(i, _s{n}) for i in v{n}]")
            lines.append(f"    elif v{n} is not None: v{n} = _dump(v{n}, _s{n})")
    fields = ", ".join(f"{name!r}: v{n}" for n, (name, _) in enumerate(shape))
    lines.append(f"    return {{{fields}}}")
    exec("\n".join(lines), names)  # noqa: S102 - our own field names, written with repr
    return names["dump_shape"]


def inferred(raw: Raw) -> list[Inference]:
    """A record's inferences as JSON objects."""
    return [cast("Inference", dump(i, INFERENCE)) for i in raw.get("inferred", ())]


def inferred_about(
    raw: Raw | None,
    fields: Any,
    renamed: dict[str, str] | None = None,
    whose: str = "",
) -> list[Inference]:
    """A raw record's inferences that concern the fields a derived record shows.

    A value keeps its mark wherever it is copied. `fields` are the derived record's field
    names (a dict or any collection); `renamed` maps a raw field to the derived record's
    name for it (a status period's start_date is a timeline entry's date, an event's
    participants a brief's role, its place a Popolo event's location); a dotted field
    counts for the field before the dot, and keeps its tail (`place.country` is
    `location.country`). `whose` names the record the value was copied from, in front of
    the reason (the meeting a status change's place comes from).
    """
    found: list[Inference] = []
    for entry in inferred(raw or {}):
        head, dot, rest = entry["field"].partition(".")
        head = (renamed or {}).get(head, head)
        if head in fields:
            reason = f"{whose}: {entry['reason']}" if whose else entry["reason"]
            found.append({"field": head + dot + rest, "reason": reason})
    return found


def citations(raw: Raw) -> list[Citation]:
    """A record's citations as JSON objects (every field, in order)."""
    return [cast("Citation", dump(c, CITATION)) for c in raw.get("sources", ())]
