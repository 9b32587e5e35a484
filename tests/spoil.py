"""Spoilers of a valid data file: its every field (shape), and values no field of that
kind takes, shared by the tests of validation and of the published JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from conftest import DATA, copy_of


def small_valid_file() -> dict[str, Any]:
    """The bundled file with only the partners that others refer to or that have a field
    no earlier partner has: every shape of the file, validated in milliseconds."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    rest = json.dumps({k: v for k, v in raw.items() if k != "partners"})
    seen: set[str] = set()
    kept = []
    for partner in raw["partners"]:
        new = set(_shapes(partner)) - seen
        if new or f'"{partner["id"]}"' in rest:
            kept.append(partner)
            seen |= new
    return {**raw, "partners": kept}


def _shapes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths to every value, list items as '[]' (one shape per field of the file)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _shapes(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from _shapes(item, (*path, "[]"))


def first_place(raw: Any, shape: tuple[Any, ...]) -> tuple[Any, Any] | None:
    """The container and key of the first value of a shape, or None."""
    if len(shape) == 1:
        key = shape[0]
        if key == "[]":
            return (raw, 0) if isinstance(raw, list) and raw else None
        return (raw, key) if isinstance(raw, dict) and key in raw else None
    head, *tail = shape
    items = (
        raw
        if head == "[]" and isinstance(raw, list)
        else [raw.get(head)]
        if isinstance(raw, dict)
        else []
    )
    for item in items:
        found = first_place(item, tuple(tail))
        if found is not None:
            return found
    return None


def wrong_values(value: Any) -> list[Any]:
    """Values of another JSON type than `value`, and text no pattern or choice takes."""
    others: list[Any] = [None, 12, 1.5, True, "Not valid, here!", [], {}]
    return [v for v in others if type(v) is not type(value)] + (
        ["Not valid, here!", "30.06.2008"] if isinstance(value, str) else []
    )


def shapes_of(raw: Any) -> list[tuple[Any, ...]]:
    """Every field of a file, once: its path with list items as '[]', sorted."""
    return sorted({s for s in _shapes(raw) if s}, key=str)


def spoilt(
    raw: dict[str, Any], shape: tuple[Any, ...], values: list[Any]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Copies of `raw` spoilt at the first value of `shape`: replaced by each of `values`,
    and, in an object, left out and joined by an unknown key; each with how, in words."""
    container, _ = first_place(raw, shape)  # type: ignore[misc]
    ways: list[tuple[str, Any]] = [("value", v) for v in values]
    if isinstance(container, dict):
        ways += [("missing", None), ("extra", None)]
    for how, bad in ways:
        copied = copy_of(raw)
        inner, k = first_place(copied, shape)  # type: ignore[misc]
        if how == "value":
            inner[k] = bad
        elif how == "missing":
            del inner[k]
        else:
            inner["not_a_field"] = 1
        yield f"{how} {bad!r}", copied
