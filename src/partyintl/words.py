"""Words for numbers of things, written the one way every message and figure uses."""

from __future__ import annotations


def counted(n: int, one: str, many: str = "") -> str:
    """`n` things in words, thousands grouped: "1 source", "2 partners", "10,000 people".

    `many` is the plural when it is not `one` + "s" ("person", "people")."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def ordinal(n: int) -> str:
    """A whole number as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    tail = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{tail}"


def byte_size(n: int) -> str:
    """A size in bytes as people read it: `256 MiB`, `1.5 KiB`, `812 bytes` (binary
    units, at most one decimal, the exact count below 1 KiB)."""
    size, unit = float(n), "bytes"
    for bigger in ("KiB", "MiB", "GiB", "TiB"):
        if size < 1024:
            break
        size, unit = size / 1024, bigger
    if unit == "bytes":
        return counted(n, "byte")
    return f"{size:.1f}".removesuffix(".0") + f" {unit}"
