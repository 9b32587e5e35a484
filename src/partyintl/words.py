"""Words for numbers of things, written the one way every message and figure uses."""

from __future__ import annotations


def counted(n: int, one: str, many: str = "") -> str:
    """`n` things in words, thousands grouped: "1 source", "2 partners", "10,000 people".

    `many` is the plural when it is not `one` + "s" ("person", "people")."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"
