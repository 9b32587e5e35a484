"""Exit codes and the domain exceptions that map onto them."""

from __future__ import annotations

from enum import IntEnum

from ._stops import AFTER, STOPS
from .structs import Struct
from .words import counted


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
    "invalid), output that could not be written in full (a full disk, a closed stdout), "
    "or memory that ran out",
    ExitCode.USAGE: "a usage problem: unknown command, option, value, country, region, field "
    "or partner",
    **{ExitCode(code): f"{words} ({name}); {AFTER}" for code, words, name in STOPS.values()},
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


def stopped(code: ExitCode) -> str:
    """The line a process stopped by a signal leaves on stderr, in the exit-code table's
    words: `partyintl: hung up` for 129, `partyintl: interrupted` for 130."""
    return "partyintl: " + MEANINGS[code].split(" (")[0]


class PartyintlError(Exception):
    """Base of every expected failure; carries the exit code it maps to."""

    exit_code: ExitCode = ExitCode.DATA


#: The kinds of problem, root causes first: the order validation lists them in. `shape`:
#: the file cannot be read as JSON or a value has the wrong JSON type (a missing or an
#: unknown field too); `declaration`: something other records refer to (an id, a source)
#: is wrong; `value`: a value is wrong in itself; `reference`: a value names an id, a
#: source or a list the file does not declare (often a follow-on of a declaration).
PROBLEM_KINDS = ("shape", "declaration", "value", "reference")


class Problem(Struct):
    """One thing wrong with a data file: where it is, what is wrong, and its kind (one of
    PROBLEM_KINDS; validation orders problems by it)."""

    __slots__ = ("path", "message", "line", "column", "kind")

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        kind: str = "value",
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.kind = kind

    def describe(self) -> str:
        """Render as `path: message` with the line and column when known."""
        where = self.path or "(top level)"
        if self.line is not None:
            where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class DatasetError(PartyintlError):
    """A data file is missing, unreadable, malformed or invalid."""

    exit_code = ExitCode.DATA

    def __init__(self, file: str, problems: list[Problem], hint: str = "") -> None:
        self.file = file
        #: Every problem, root causes first (data.load.ordered).
        self.problems = problems
        self.hint = hint
        #: Whether every problem is to be listed (`validate --all`), not just root causes.
        self.every = False
        super().__init__(self.summary())

    def root_causes(self) -> list[tuple[Problem, int]]:
        """The problems worth reading first, in order, each with how many more places make
        the same reference (a missing id or source named again and again is given once):
        what lies inside a value of the wrong shape (`partners: {}`) is left out.
        `problems` keeps every one (`validate --all` lists them)."""
        broken = {pr.path for pr in self.problems if pr.kind == "shape" and pr.path}
        shown: list[tuple[Problem, int]] = []
        first: dict[str, int] = {}
        for pr in self.problems:
            if broken and any(outer in broken for outer in _outer_paths(pr.path)):
                continue
            if pr.kind == "reference":
                if pr.message in first:
                    at = first[pr.message]
                    shown[at] = (shown[at][0], shown[at][1] + 1)
                    continue
                first[pr.message] = len(shown)
            shown.append((pr, 0))
        return shown

    def summary(self) -> str:
        """One line naming the file and the number of problems."""
        from .filenames import shown_path

        return f"{shown_path(self.file)}: {counted(len(self.problems), 'problem')}"

    #: The most root causes `str()` lists (a notebook's traceback ends with them).
    SHOWN = 10

    def cause_lines(self, most: int) -> tuple[list[str], int]:
        """The first `most` root causes as lines (`path: message`, with how many more
        places make the same reference), and how many of the problems they tell."""
        lines, told = [], 0
        for problem, more in self.root_causes()[:most]:
            also = f" (and {counted(more, 'more place')})" if more else ""
            lines.append(f"{problem.describe()}{also}")
            told += 1 + more
        return lines, told

    def __str__(self) -> str:
        """The summary, then the root causes as the command line lists them (at most
        SHOWN, then how many more), then the hint: what a traceback in a notebook shows."""
        lines, told = self.cause_lines(self.SHOWN)
        shown = [self.summary(), *(f"  {line}" for line in lines)]
        if told < len(self.problems):
            shown.append(f"  ... and {len(self.problems) - told} more")
        if self.hint:
            shown.append(self.hint)
        return "\n".join(shown)


def _outer_paths(path: str) -> list[str]:
    """The JSON paths a path lies inside: `partners[3].id` -> `partners`, `partners[3]`."""
    return [path[:i] for i, ch in enumerate(path) if ch in ".[" and i]


#: How many problems or candidates an error message lists before it counts the rest.
MAX_LISTED = 20


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

    def lines(self) -> list[tuple[str, str]]:
        """What the error says after its message, as (indent, text) lines: the suggestions
        ("Did you mean 'a' or 'b'?", else the label and one item a line, at most LISTED,
        then how many more) and the hint. The command line and str() both say these."""
        out: list[tuple[str, str]] = []
        if self.suggestions and self.label == "Did you mean":
            out.append(
                ("", "Did you mean " + " or ".join(f"'{s}'" for s in self.suggestions) + "?")
            )
        elif self.suggestions:
            if self.label:
                out.append(("", f"{self.label}:"))
            out += [("  ", s) for s in self.suggestions[:MAX_LISTED]]
            if len(self.suggestions) > MAX_LISTED:
                out.append(("", f"  ... and {len(self.suggestions) - MAX_LISTED} more"))
        if self.hint:
            out.append(("", self.hint))
        return out

    def __str__(self) -> str:
        """The message and its lines (suggestions, hint), as the command line says them:
        what a traceback in a notebook shows."""
        return "\n".join([self.message, *(indent + text for indent, text in self.lines())])


class NamesACountry(UsageError):
    """A name asked for as an organisation that is a country's (`show Moldova`): the
    message points to the country's partners, the suggestions are the records with the
    name in theirs."""


class FigureTooBig(UsageError):
    """A figure too big to draw: `what` it would hold ("120 rows", "4000 x 3000 px") and
    the `most` it may ("at most 40"); `pixels` for a PNG too large to rasterise. The
    command's answer (answer.emit) says what to do with render/figures.too_big_message:
    the format asked and the command's own options."""

    def __init__(self, what: str, most: str, pixels: bool = False) -> None:
        self.what, self.most, self.pixels = what, most, pixels
        super().__init__(f"This figure ({what}) is too big to draw.")


class SomeInvalid(PartyintlError):
    """Several data files were checked and some are not valid: each one's problems were
    said as it was read; this says how many, and the exit code is a data error's."""

    exit_code = ExitCode.DATA

    def __init__(self, invalid: int, files: int) -> None:
        super().__init__(f"{invalid} of {files} data files are not valid (each is said above).")


class OutputError(PartyintlError):
    """Output could not be written in full (a full disk, a closed stream)."""

    exit_code = ExitCode.DATA

    def __init__(self, target: str, exc: OSError) -> None:
        self.target = target
        self.reason = exc.strerror or str(exc)
        super().__init__(f"cannot write {target}: {self.reason}")
