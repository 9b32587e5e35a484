"""Exit codes and the domain exceptions that map onto them."""

from __future__ import annotations

from enum import IntEnum

from .structs import Struct


class ExitCode(IntEnum):
    """Process exit statuses, documented in the README; status_of() is the one mapping."""

    OK = 0
    DATA = 1
    USAGE = 2
    #: 128 + the signal's number, as shells report a process a signal ended.
    HANGUP = 129
    INTERRUPTED = 130
    TERMINATED = 143


#: What each status means, as the README's exit-code table gives it (generated from here).
MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success, including an empty result, and a reader that stopped early (`| head`)",
    ExitCode.DATA: "a data problem (the data file is missing, unreadable, malformed or "
    "invalid), or output that could not be written in full (a full disk, a closed stdout)",
    ExitCode.USAGE: "a usage problem: unknown command, option, value, country, region, field "
    "or partner",
    ExitCode.HANGUP: "hung up (SIGHUP); temporary files removed",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C, SIGINT); temporary files removed",
    ExitCode.TERMINATED: "terminated (SIGTERM); temporary files removed",
}


class OutputClosed(Exception):
    """The reader of stdout has gone (head, less): stop quietly."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing temporary files) and exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def status_of(exc: BaseException) -> ExitCode:
    """The exit status an exception ends the process with: the one place they are mapped.

    PartyintlError subclasses carry theirs (data 1, usage 2); a reader that went away is
    a success; Ctrl-C is 130; SIGHUP and SIGTERM 129 and 143; anything else is a bug,
    reported as a data problem (1).
    """
    if isinstance(exc, PartyintlError):
        return exc.exit_code
    if isinstance(exc, OutputClosed):
        return ExitCode.OK
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(exc, Terminated):
        try:
            return ExitCode(128 + exc.signum)
        except ValueError:
            return ExitCode.TERMINATED
    return ExitCode.DATA


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
        self,
        message: str,
        suggestions: list[str] | None = None,
        label: str = "Did you mean",
        hint: str = "",
    ) -> None:
        self.message = message
        self.suggestions = suggestions or []
        self.label = label
        #: A last line: where to read more (`Try 'partyintl partners --help' for help.`).
        self.hint = hint
        super().__init__(message)


class FigureTooBig(UsageError):
    """A figure too big to draw: `what` it would hold ("120 rows", "4000 x 3000 px") and
    the `most` it may ("at most 40"); `pixels` for a PNG too large to rasterise. The
    command's answer (answer.emit) says what to do with render/figures.too_big_message:
    the format asked and the command's own options."""

    def __init__(self, what: str, most: str, pixels: bool = False) -> None:
        self.what, self.most, self.pixels = what, most, pixels
        super().__init__(f"This figure ({what}) is too big to draw.")


class OutputError(PartyintlError):
    """Output could not be written in full (a full disk, a closed stream)."""

    exit_code = ExitCode.DATA

    def __init__(self, target: str, exc: OSError) -> None:
        self.target = target
        self.reason = exc.strerror or str(exc)
        super().__init__(f"cannot write {target}: {self.reason}")
