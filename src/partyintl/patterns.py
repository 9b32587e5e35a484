"""Regular expressions compiled when first used, not when their module is imported.

Compiling the 25 patterns of the modules an everyday answer imports took about half as
long as Python's own start-up, and most answers use two or three of them. `pattern(...)`
returns an object that stands for `re.compile(...)`: its source and flags are there at
once, and its first method call compiles it and keeps the compiled methods.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern
    from typing import AnyStr


class _Later:
    """A pattern compiled on first use (see the module); `pattern` and `flags` as given."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.pattern = source
        self.flags = flags

    def __getattr__(self, name: str) -> object:
        import re

        value = getattr(re.compile(self.pattern, self.flags), name)
        self.__dict__[name] = value  # found directly from now on
        return value

    def __repr__(self) -> str:
        return f"pattern({self.pattern!r}, {self.flags})"


def pattern(source: AnyStr, flags: int = 0) -> Pattern[AnyStr]:
    """`re.compile(source, flags)`, compiled when a method of it is first called."""
    later: Pattern[AnyStr] = _Later(source, flags)  # type: ignore[assignment]
    return later
