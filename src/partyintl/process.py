"""The process around a command: its streams, signals, errors and exit codes.

Kept apart from output.py (which renders) so that `--version`, `--help` and the fast
path's plumbing import nothing heavy. No Typer, no rich, no json.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .errors import (
    DatasetError,
    ExitCode,
    OutputClosed,
    OutputError,
    PartyintlError,
    Terminated,
    UsageError,
    status_of,
)

#: How many problems or candidates an error message lists before it counts the rest.
MAX_LISTED = 20


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


class _ClosedStream:
    """Stands for a standard stream the shell closed (`>&-`): every write fails."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.buffer = self

    def write(self, data: object) -> int:
        import errno

        raise OSError(errno.EBADF, "the stream is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise ValueError("closed")


def prepare_process() -> None:
    """Closed standard streams and termination signals handled, once, at start-up."""
    import signal

    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)


#: The signals that stop a command (SIGINT as KeyboardInterrupt, the others as Terminated).
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class ChildFailed(Exception):
    """The work given to in_child raised, or its process died: what it said, if anything."""


def in_child(work: Callable[[], bytes]) -> bytes:
    """The bytes `work()` returns, computed in a forked child process.

    For native calls that hold the interpreter (resvg draws a PNG without returning to
    Python): a signal's Python handler runs only between bytecodes, so SIGTERM, SIGHUP and
    SIGINT would wait for the call to end. Here the parent only waits on a pipe, which a
    signal interrupts at once: the child is killed and reaped before the exception goes
    on, so nothing is left running. On Linux the child also dies with its parent
    (PR_SET_PDEATHSIG), even when the parent is killed outright. Where there is no fork
    (Windows), the work runs in this process. Raises ChildFailed with the child's error.
    """
    if not hasattr(os, "fork"):
        return work()
    import signal

    parent = os.getpid()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_fd)
            for name in STOP_SIGNALS:
                if hasattr(signal, name):
                    signal.signal(getattr(signal, name), signal.SIG_DFL)
            _die_with_parent(parent)
            try:
                data = b"\0" + work()
            except BaseException as exc:  # reported to the parent, which raises it
                data = b"\1" + f"{type(exc).__name__}: {exc}".encode("utf-8", "replace")
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
    except BaseException:
        _kill_and_reap(pid)
        raise
    if data[:1] == b"\0":
        return data[1:]
    if data[:1] == b"\1":
        raise ChildFailed(data[1:].decode("utf-8", "replace"))
    raise ChildFailed(f"the child process ended without an answer (status {status})")


def _die_with_parent(parent: int) -> None:
    """Linux: ask the kernel to kill this (child) process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _kill_and_reap(pid: int) -> None:
    """Kill a child and wait for it, with the stop signals held back meanwhile."""
    import signal
    from contextlib import suppress

    held = [getattr(signal, n) for n in STOP_SIGNALS if hasattr(signal, n)]
    block = hasattr(signal, "pthread_sigmask")
    if block:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)
    finally:
        if block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def finish(code: int) -> int:
    """Flush stdout at the end: output that could not be written in full is exit 1."""

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return status_of(OutputClosed()) or code
    except OSError as exc:
        silence_stdout()
        failed = OutputError("standard output", exc)
        report(failed)
        return status_of(failed)
    return code


def is_terminal(stream: object) -> bool:
    """Whether a standard stream is an interactive terminal (a closed one is not)."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def terminal_columns(fallback: int) -> int:
    """Columns as shutil.get_terminal_size counts them (COLUMNS, else the terminal), cheaply:
    what click lays --help out in. Tables use output_columns, which takes COLUMNS only
    when it is sane."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or fallback


#: The widest text laid out for a terminal, in columns: a larger COLUMNS (or terminal) is
#: taken as this. Far wider than any screen, small enough that a table stays small.
MAX_COLUMNS = 1000


def output_columns(fallback: int) -> int:
    """Columns to lay tables and pictures out in: COLUMNS when it is a whole number above 0
    (ASCII digits; at most MAX_COLUMNS), else the terminal's width, else `fallback`.

    Anything else in COLUMNS (`abc`, `-5`, `0`, `٣`, an empty string) is taken as unset,
    as `ls` does; a number too big for any screen (`99999999999999999999999`) is clamped.
    """
    raw = os.environ.get("COLUMNS", "").strip()
    columns = 0
    if raw.isascii() and raw.isdigit():
        # Compared as text first: int() of a thousand digits is refused by Python itself.
        columns = MAX_COLUMNS if len(raw.lstrip("0")) > 4 else int(raw)
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return min(columns, MAX_COLUMNS) if columns > 0 else fallback


def write(text: str, machine: bool) -> None:
    """Write to stdout: machine formats always as UTF-8, human text in the terminal's encoding."""
    encoding = "utf-8" if machine else (getattr(sys.stdout, "encoding", None) or "utf-8")
    write_bytes(text.encode(encoding, errors="replace"), encoding)


def write_bytes(data: bytes, encoding: str = "utf-8") -> None:
    """Write encoded bytes to stdout, every one of them, or raise why not."""
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is None:
            sys.stdout.write(data.decode(encoding))
        else:
            sys.stdout.flush()
            buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:  # a full disk, a closed stream: never a silent short answer
        raise OutputError("standard output", exc) from None


def note(message: str) -> None:
    """A message for people, on stderr, with control characters shown escaped."""
    from .escaping import escape_control

    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    text = escape_control(message).replace("\n", "\\n")
    try:
        sys.stderr.write(text.encode(encoding, "replace").decode(encoding) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr full or gone: the exit code still tells
        pass


def report(exc: PartyintlError) -> None:
    """Tell the user what went wrong, where, and what to do."""
    if isinstance(exc, DatasetError):
        note(f"partyintl: error: {exc.summary()}")
        for problem in exc.problems[:MAX_LISTED]:
            note(f"  {problem.describe()}")
        if len(exc.problems) > MAX_LISTED:
            note(f"  ... and {len(exc.problems) - MAX_LISTED} more")
        if exc.hint:
            note(exc.hint)
    elif isinstance(exc, UsageError):
        note(f"partyintl: error: {exc.message}")
        if exc.suggestions and exc.label == "Did you mean":
            note("Did you mean " + " or ".join(f"'{s}'" for s in exc.suggestions) + "?")
        elif exc.suggestions:
            if exc.label:
                note(f"{exc.label}:")
            for s in exc.suggestions[:MAX_LISTED]:
                note(f"  {s}")
            if len(exc.suggestions) > MAX_LISTED:
                note(f"  ... and {len(exc.suggestions) - MAX_LISTED} more")
        if exc.hint:
            note(exc.hint)
    else:
        note(f"partyintl: error: {exc}")


def debug_wanted(flag: bool) -> bool:
    """Whether tracebacks are wanted: --debug was given, or PARTYINTL_DEBUG is set."""
    return flag or os.environ.get("PARTYINTL_DEBUG", "") not in ("", "0")


def guarded(call: Callable[[], int], debug: bool) -> int:
    """Run a command: the one place where exceptions become messages, and through
    errors.status_of, exit codes."""
    try:
        code = call()
    except PartyintlError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        report(exc)
        return status_of(exc)
    except OutputClosed as exc:
        silence_stdout()
        return status_of(exc)
    except KeyboardInterrupt as exc:
        note("partyintl: interrupted")
        return status_of(exc)
    except Terminated as exc:
        note("partyintl: terminated")
        return status_of(exc)
    except Exception as exc:  # a bug: say so briefly; --debug shows where
        if debug:
            raise
        note(f"partyintl: internal error: {type(exc).__name__}: {exc}")
        from .cli.spec import flag

        note(f"Run again with {flag('debug')} for the traceback, and report it.")
        return status_of(exc)
    if code == ExitCode.INTERRUPTED:  # Typer turns KeyboardInterrupt into exit code 130
        note("partyintl: interrupted")
    return code


def silence_stdout() -> None:
    """After the reader has gone, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
