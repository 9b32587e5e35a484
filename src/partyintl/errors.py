"""Exit codes and the domain exceptions that map onto them."""

from __future__ import annotations

from enum import IntEnum

from .slotted import Struct


class ExitCode(IntEnum):
    """Process exit statuses, documented in the README."""

    OK = 0
    DATA = 1
    USAGE = 2
    INTERRUPTED = 130


class PartyintlError(Exception):
    """Base of every expected failure; carries the exit code it maps to."""

    exit_code: ExitCode = ExitCode.DATA


class Problem(Struct):
    """One thing wrong with a data file: where it is and what is wrong."""

    __slots__ = ("path", "message", "line", "column")

    def __init__(
        self, path: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def describe(self) -> str:
        """Render as `path: message` with the line and column when known."""
        where = self.path or "(top level)"
        if self.line is not None:
            where = f"line {self.line}, column {self.column}"
        return f"{where}: {self.message}"


class DatasetError(PartyintlError):
    """A data file is missing, unreadable, malformed or invalid."""

    exit_code = ExitCode.DATA

    def __init__(self, file: str, problems: list[Problem], hint: str = "") -> None:
        self.file = file
        self.problems = problems
        self.hint = hint
        super().__init__(self.summary())

    def summary(self) -> str:
        """One line naming the file and the number of problems."""
        n = len(self.problems)
        noun = "problem" if n == 1 else "problems"
        return f"{self.file}: {n} {noun}"


class UsageError(PartyintlError):
    """The user asked for something that cannot be answered as asked."""

    exit_code = ExitCode.USAGE

    def __init__(
        self, message: str, suggestions: list[str] | None = None, label: str = "Did you mean"
    ) -> None:
        self.message = message
        self.suggestions = suggestions or []
        self.label = label
        super().__init__(message)


class OutputError(PartyintlError):
    """Output could not be written in full (a full disk, a closed stream)."""

    exit_code = ExitCode.DATA

    def __init__(self, target: str, exc: OSError) -> None:
        self.target = target
        self.reason = exc.strerror or str(exc)
        super().__init__(f"cannot write {target}: {self.reason}")
