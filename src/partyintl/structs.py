"""A small record base class that, unlike NamedTuple or dataclasses, needs no `typing`,
and `cast` for the same reason.

Importing typing or dataclasses costs about as much as a whole answer on the fast path.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar
    from typing import cast as cast

    _S = TypeVar("_S", bound="Struct")
else:

    def cast(kind: object, value: object) -> object:
        """typing.cast without importing typing: `value` as it is. For a record built
        field by field that mypy cannot follow, said to be of a TypedDict."""
        return value


class Struct:
    """Value semantics from __slots__: equality, repr and _replace."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({inner})"

    def _replace(self: _S, **changes: object) -> _S:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)
