"""A command's life as a process: start-up (a closed stdout, termination signals), the
child process a PNG is drawn in, errors turned into messages and exit codes (through
errors.status_of, the one map), and the last flush of stdout.

Kept apart from answer.py (which renders) so that `--version`, `--help` and the fast
path's plumbing import nothing heavy. No Typer, no rich, no json.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .errors import (
    MAX_LISTED,
    DatasetError,
    ExitCode,
    OutputClosed,
    OutputError,
    PartyintlError,
    Terminated,
    UsageError,
    status_of,
    stopped,
)
from .streams import ClosedStream, note, shorten_quoted, silence_stdout

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _signal_module() -> Any:
    """Python's signal functions from the C module (Python's start-up has loaded it):
    signal.py wraps the same functions and builds three enums on import, which cost more
    than what this module does with them."""
    return sys.modules.get("_signal") or __import__("_signal")


#: The stop signals received by this process, in order (`stop_received`).
_RECEIVED: list[int] = []
#: Whether this process is the console script's own, which it ends (`own_process`; not
#: when the tests call the command line in their process).
_OWN_PROCESS = False


def own_process() -> None:
    """Say that this process is the console script's own: from the moment its answer is
    complete (`answer_complete`) it may hold the stop signals until it ends."""
    global _OWN_PROCESS
    _OWN_PROCESS = True


def _terminate(signum: int, frame: object) -> None:
    _RECEIVED.append(signum)
    raise Terminated(signum)


def _interrupt(signum: int, frame: object) -> None:
    _RECEIVED.append(signum)
    raise KeyboardInterrupt


def stop_received() -> BaseException | None:
    """The stop signal this process received, as the exception it raised (for the exit
    code and the line: errors.status_of, errors.stopped), or None."""
    if not _RECEIVED:
        return None
    signal = _signal_module()
    last = _RECEIVED[-1]
    return KeyboardInterrupt() if last == signal.SIGINT else Terminated(last)


def answer_complete() -> None:
    """The command's effect is about to be in place for good (an -o file renamed over its
    target): in the console script's own process, stop signals wait from now until it
    ends, so that a signal after this point does not report a stop the user did not get
    (a fresh tester saw a report written in full and "terminated", exit 143)."""
    stop = stop_received()
    if stop is not None:  # raised where Python could only print it (see _stop_again)
        raise stop
    if _OWN_PROCESS:
        hold_stop_signals()


def _stop_again(unraisable: Any) -> None:
    """sys.unraisablehook in the console script's process: a stop signal's exception raised
    where Python cannot raise it (a weakref callback of the import system, a __del__)
    would be printed as "Exception ignored" and lost, and the command would go on to exit
    0 (a fresh tester saw it 6 times in 2,450 runs). It is raised again instead, in the
    next function ordinary code calls (a trace function that raises puts its exception
    there, and is taken away). A MemoryError there is not printed as a traceback; any
    other exception is Python's to print."""
    stop = unraisable.exc_value
    if isinstance(stop, MemoryError):
        return  # in a finalizer: the command says so where memory runs out for it
    if isinstance(stop, (KeyboardInterrupt, Terminated)) and _RECEIVED:

        def again(frame: object, event: str, arg: object) -> None:
            sys.settrace(None)
            raise stop

        sys.settrace(again)
        return
    sys.__unraisablehook__(unraisable)


def prepare_process() -> None:
    """Closed standard streams and termination signals handled, once, at start-up (the
    stops received forgotten: the tests answer many commands in one process)."""
    global _ANSWERING
    signal = _signal_module()
    _RECEIVED.clear()
    _ANSWERING = True
    if _OWN_PROCESS:
        sys.unraisablehook = _stop_again

    if sys.stdout is None:
        sys.stdout = ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)  # Python's own, and what it received


#: The signals that stop a command (SIGINT as KeyboardInterrupt, the others as Terminated).
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def hold_stop_signals() -> None:
    """Keep the stop signals waiting from now until the process ends (its answer is
    complete): Python's shutdown puts their default actions back, so one arriving then
    would kill the process by the signal, without its line or exit code (a fresh tester
    saw -2 and -15 from `report -o` just after it wrote the page). A held signal dies
    with the process; the exit code is the answer's. Not in the tests' own process."""
    signal = _signal_module()
    if hasattr(signal, "pthread_sigmask"):
        held = {getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)}
        signal.pthread_sigmask(signal.SIG_BLOCK, held)


class ChildFailed(Exception):
    """The work given to in_child raised, or its process died: what it said, if anything,
    whether it ended with no answer at all (`died`: a signal ended it, or it failed before
    it could say why), and whether it ran out of memory (`memory`: its exception was one
    lack_of_memory knows)."""

    def __init__(self, message: str, died: bool = False, memory: bool = False) -> None:
        super().__init__(message)
        self.died = died
        self.memory = memory


def address_space_limit() -> int | None:
    """The limit of this process's address space in bytes (RLIMIT_AS, set by `ulimit -v`),
    or None where none is set or there is no such limit (Windows). Under it memory runs out
    as a failed allocation, which native libraries meet by crashing: orjson with SIGSEGV,
    Rust's (resvg, pydantic-core) with SIGABRT. Looked up once a process."""
    if not _LIMIT:
        try:
            import resource
        except ImportError:
            _LIMIT.append(None)
        else:
            soft = resource.getrlimit(resource.RLIMIT_AS)[0]
            _LIMIT.append(None if soft == resource.RLIM_INFINITY else soft)
    return _LIMIT[0]


_LIMIT: list[int | None] = []


def in_child(work: Callable[[], bytes]) -> bytes:
    """The bytes `work()` returns, computed in a forked child process.

    For native calls that hold the interpreter (resvg draws a PNG without returning to
    Python): a signal's Python handler runs only between bytecodes, so SIGTERM, SIGHUP and
    SIGINT would wait for the call to end. Here the parent only waits on a pipe, which a
    signal interrupts at once: the child is killed and reaped before the exception goes
    on, so nothing is left running. On Linux the child also dies with its parent
    (PR_SET_PDEATHSIG), even when the parent is killed outright. Where there is no fork
    (Windows), or another thread runs (a fork copies only the calling thread, and a lock
    another holds would stay held in the copy), the work runs in this process. Raises
    ChildFailed with the child's error.
    """
    helper = Helper.start(work) if hasattr(os, "fork") and _threads() == 1 else None
    if helper is None:
        return work()
    try:
        return helper.collect()
    except ChildFailed as exc:
        if exc.memory or (exc.died and address_space_limit() is not None):
            raise MemoryError("the child process crashed under a limit of memory") from None
        raise


class Helper:
    """`work()` (bytes) computed in a forked copy of this process while this one goes on:
    `Helper.start(work)`, then `collect()` for its bytes (or ChildFailed). The copy shares
    this process's memory until either writes to it, and is killed and reaped by
    `cancel()`, by `collect()` when a stop signal interrupts the wait, and, on Linux, by
    the kernel when this process dies (PR_SET_PDEATHSIG)."""

    __slots__ = ("pid", "_read_fd", "_tidy")

    def __init__(self, pid: int, read_fd: int, tidy: bool = False) -> None:
        self.pid = pid
        self._read_fd = read_fd
        self._tidy = tidy

    @classmethod
    def start(cls, work: Callable[[], bytes], tidy: bool = False) -> Helper | None:
        """Fork a child that computes `work()`; None when the fork fails (no memory, too
        many processes): the caller then does the work itself. POSIX only (os.fork).

        A `tidy` child is one whose work leaves files that its unwinding removes (a
        temporary file renamed into place at the end): a stop signal (to it, or to its
        process group, as a terminal's Ctrl-C is) and the death of this process end it
        through an exception (HelperStopped) rather than at once, and cancel() gives it
        TIDY_WAIT seconds to finish unwinding before it is killed."""
        import signal

        parent = os.getpid()
        try:
            read_fd, write_fd = os.pipe()
        except OSError:
            return None
        # The stop signals are held back across the fork: one that landed between the
        # fork and the parent's bookkeeping would leave the child unreaped; here it waits
        # until the helper is made, and a stop then kills and reaps the child at once.
        held = [getattr(signal, n) for n in STOP_SIGNALS if hasattr(signal, n)]
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
            os.close(read_fd)
            os.close(write_fd)
            return None
        if pid == 0:  # the child: never returns
            _child(work, parent, read_fd, write_fd, held, tidy)
        os.close(write_fd)
        helper = cls(pid, read_fd, tidy)
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
        except BaseException:  # a stop signal that waited: the child goes with it
            helper.cancel()
            raise
        return helper

    def collect(self) -> bytes:
        """Wait for the child's bytes; ChildFailed with what it said when it raised or died.
        A stop signal during the wait kills and reaps the child, then goes on."""
        if self._read_fd < 0:
            raise ChildFailed("the child process was collected already")
        try:
            with os.fdopen(self._read_fd, "rb") as stream:
                self._read_fd = -1
                data = stream.read()
            try:
                _, status = os.waitpid(self.pid, 0)
            except ChildProcessError:  # SIGCHLD ignored by our parent: the child reaped itself
                status = 0  # its answer, whole or not, is judged by its bytes below
        except BaseException:
            self.cancel()
            raise
        if data[:1] == b"\0":
            return data[1:]
        if data[:1] in (b"\1", b"\2"):
            raise ChildFailed(data[1:].decode("utf-8", "replace"), memory=data[:1] == b"\2")
        raise ChildFailed(f"the child process ended without an answer (status {status})", True)

    def cancel(self) -> None:
        """Kill the child (if it still runs) and reap it; its answer is not wanted."""
        from contextlib import suppress

        if self._read_fd >= 0:
            with suppress(OSError):
                os.close(self._read_fd)
            self._read_fd = -1
        _kill_and_reap(self.pid, TIDY_WAIT if self._tidy else 0.0)


#: Helpers whose work is a side effect the command's end waits for (after_answer).
_AFTER_ANSWER: list[Helper] = []
#: Whether a command is being answered (prepare_process to finish): only then is there an
#: end that waits for the helpers; a library caller's work is done in place.
_ANSWERING = False


def answering() -> bool:
    """Whether a command is being answered in this process (answer(), the console script
    or the tests calling it), rather than partyintl called as a library."""
    return _ANSWERING


#: Whether set_aside froze the collector's objects in this answer (finish thaws them).
_SET_ASIDE = False


def set_aside() -> None:
    """While a command is answered, set aside what is in memory now (a parsed file: two
    million objects at 100,000 partners, none in a cycle) from the cycle collector for
    the rest of the command (gc.freeze): it would walk all of them once in each of its
    generations, about 0.1 s each time. Not in a library call: a caller's objects that
    are garbage in a cycle would then be kept."""
    global _SET_ASIDE
    if _ANSWERING:
        import gc

        gc.freeze()
        _SET_ASIDE = True


def can_fork(spare: int = 0) -> bool:
    """Whether work may go to a forked copy of this process: POSIX, no other thread (a
    fork copies only the calling thread, and a lock another holds would stay held in the
    copy), and, where Linux says, `spare` bytes of memory available for the pages the copy
    writes to (MemAvailable in /proc/meminfo)."""
    if not hasattr(os, "fork") or _threads() > 1:
        return False
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None and len(affinity(0)) < 2:
        return False  # one core to run on (taskset): a helper would only take turns
    return spare <= 0 or _available_memory() >= spare


def _threads() -> int:
    """How many threads this process runs: Linux counts them all (/proc/self/task, those of
    _thread.start_new_thread too); elsewhere threading's count."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        threading = sys.modules.get("threading")
        return 1 if threading is None else int(threading.active_count())


def _available_memory() -> int:
    """Bytes of memory Linux can give without swapping (MemAvailable); elsewhere, or when
    it cannot be read, as much as asked (the fork then decides)."""
    try:
        with open("/proc/meminfo", "rb") as handle:
            for line in handle:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return sys.maxsize


def after_answer(work: Callable[[], bytes], spare: int = 0) -> bool:
    """Start `work` (a side effect: a big file's index written to the cache) in a helper
    that the command's end waits for (finish), while the command goes on to answer; True
    when started. False in a library call, where no command ends, and where no helper can
    be made (can_fork): the caller then does the work itself."""
    if not _ANSWERING or not can_fork(spare):
        return False
    _wait_for_helpers()  # one at a time: a collection's files, in turn
    helper = Helper.start(work, tidy=True)
    if helper is None:
        return False
    _AFTER_ANSWER.append(helper)
    return True


def _wait_for_helpers() -> None:
    """Wait for the helpers after_answer started; a failed one is ignored (its work is a
    cache's), and a stop signal meanwhile ends them unfinished: the answer is complete,
    and the stop is the process's to say (main holds it until the end)."""
    while _AFTER_ANSWER:
        helper = _AFTER_ANSWER.pop()
        try:
            helper.collect()
        except ChildFailed:
            pass
        except BaseException:  # a stop signal: the others are ended too, then it goes on
            _cancel_helpers()
            raise


def _cancel_helpers() -> None:
    while _AFTER_ANSWER:
        _AFTER_ANSWER.pop().cancel()


#: Seconds a tidy helper (Helper.start) is given to unwind after it is asked to stop.
TIDY_WAIT = 1.0


class HelperStopped(BaseException):
    """A tidy helper was asked to stop (a stop signal, or its parent died): it unwinds,
    removing what it was writing."""


def _stop_tidily(signum: int, frame: object) -> None:
    """A tidy helper's handler of the stop signals: unwind once; later signals (the
    terminal's and the parent's both come) are ignored so that the unwinding ends."""
    import signal

    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise HelperStopped(signum)


def _child(
    work: Callable[[], bytes],
    parent: int,
    read_fd: int,
    write_fd: int,
    held: list[int],
    tidy: bool = False,
) -> None:
    """A Helper's child: compute, write b"\\0" and the bytes (or b"\\1" and the error, b"\\2"
    when it ran out of memory) to the pipe, and end without running anything of the
    parent's (os._exit: no atexit, no flush of the parent's buffered output). A stop signal
    ends it at once, or, when it is tidy, through HelperStopped; so does its parent's death
    (SIGKILL, or SIGTERM)."""
    import signal

    status = 1
    try:
        os.close(read_fd)
        # Its errors go to the parent through the pipe: what a native library says as it
        # crashes (Rust's "memory allocation of N bytes failed" and backtrace) is not for
        # the user, whom the parent tells in words.
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        for sig in held:
            signal.signal(sig, _stop_tidily if tidy else signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
        _die_with_parent(parent, signal.SIGTERM if tidy else signal.SIGKILL)
        try:
            data = b"\0" + work()
        except BaseException as exc:  # reported to the parent, which raises it
            said = f"{type(exc).__name__}: {exc}".encode("utf-8", "replace")
            data = (b"\2" if lack_of_memory(exc) else b"\1") + said
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view) :]
        status = 0
    finally:
        os._exit(status)


def _die_with_parent(parent: int, signum: int) -> None:
    """Linux: ask the kernel to send this (child) process `signum` when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signum), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _kill_and_reap(pid: int, grace: float = 0.0) -> None:
    """Kill a child and wait for it, with the stop signals held back meanwhile; given a
    `grace` (seconds), ask it to stop (SIGTERM) and kill it only if it has not ended then."""
    import signal
    from contextlib import suppress

    held = [getattr(signal, n) for n in STOP_SIGNALS if hasattr(signal, n)]
    block = hasattr(signal, "pthread_sigmask")
    if block:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        if grace > 0 and _ended_after_asking(pid, grace):
            return
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)
    finally:
        if block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _ended_after_asking(pid: int, grace: float) -> bool:
    """SIGTERM to a child, then whether it ended (and was reaped) within `grace` seconds."""
    import signal
    import time

    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while os.waitpid(pid, os.WNOHANG)[0] == 0:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
    except (ProcessLookupError, ChildProcessError):
        pass  # gone already (reaped by itself when SIGCHLD is ignored)
    return True


def finish(code: int) -> int:
    """Flush stdout at the end (output that could not be written in full is exit 1), then
    wait for the helpers still writing (after_answer): in the console script's process
    with the stop signals held, as the answer is complete (a Ctrl-C reaches the helpers,
    which end at once)."""
    code = _flushed(code)
    if _AFTER_ANSWER and _OWN_PROCESS:
        hold_stop_signals()
    if stop_received() is not None:  # stopped: what the helpers write is not waited for
        _cancel_helpers()
    global _ANSWERING
    _ANSWERING = False
    _wait_for_helpers()
    _thaw()
    return code


def _thaw() -> None:
    """Give set_aside's objects back to the collector, where the process goes on (the
    tests answer many commands in one); the console script's ends at once."""
    global _SET_ASIDE
    if _SET_ASIDE and not _OWN_PROCESS:
        import gc

        gc.unfreeze()
    _SET_ASIDE = False


def _flushed(code: int) -> int:
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


def report(exc: PartyintlError) -> None:
    """Tell the user what went wrong, where, and what to do."""
    if isinstance(exc, DatasetError):
        note_wrapped(f"partyintl: error: {exc.summary()}")
        _list_problems(exc)
        if exc.hint:
            note_wrapped(exc.hint)
    elif isinstance(exc, UsageError):
        note_wrapped(f"partyintl: error: {exc.message}")
        for indent, text in exc.lines():
            if indent:
                note_item(text)
            elif text.startswith("  ") or text.endswith(":"):
                note(text)  # "  ... and N more", a list's label: as they are
            else:
                note_wrapped(text)
    else:
        note(f"partyintl: error: {exc}")


def _list_problems(exc: DatasetError) -> None:
    """Every problem in file order (`validate --all`), else the root causes first, at most
    MAX_LISTED, with how many are not shown and how to see them."""
    if exc.every:
        from .data.load import file_order

        for problem in sorted(exc.problems, key=file_order):
            note_item(problem.describe())
        return
    lines, told = exc.cause_lines(MAX_LISTED)
    for line in lines:
        note_item(line)
    if told < len(exc.problems):
        from .cli.spec import flag

        command = f"partyintl validate {flag('every', 'validate')} {shlex_quote(exc.file)}"
        note_item(f"... and {len(exc.problems) - told} more ({command} lists every problem)")


def note_item(text: str) -> None:
    """One item of an error's list on stderr, indented (see note_wrapped)."""
    note_wrapped(text, "  ", "    ")


def note_wrapped(text: str, first: str = "", rest: str = "") -> None:
    """A line of an error on stderr after the indent `first`: on a terminal wrapped at spaces
    to its width (COLUMNS when set), the lines after the first indented by `rest`, a word
    wider than the room (a long id or path) kept whole; to a pipe or a log on one line,
    whatever its length (`grep` finds it whole)."""
    from .streams import error_columns

    text = shorten_quoted(text)
    columns = error_columns()
    if columns is None:
        note(f"{first}{text}")
        return
    from .escaping import escape_hidden
    from .render.cells import cells

    indent, room = first, max(columns - len(first), 10)
    line: list[str] = []
    used = 0
    # Measured as shown: escapes are as wide as the text that note() writes.
    for word in escape_hidden(text).split(" "):
        w = cells(word)
        if line and used + 1 + w > room:
            note(indent + " ".join(line))
            indent, room = rest, max(columns - len(rest), 10)
            line, used = [], 0
        used += w + (1 if line else 0)
        line.append(word)
    note(indent + " ".join(line))


def said_out_of_memory() -> int:
    """Write out_of_memory's words, wrapped as errors are on a terminal, or as they are when
    that takes more memory than there is (it compiles a pattern), and give the exit status
    (1). Called once the MemoryError has let go of its frames and of what they held (a
    parsed file), outside the handler that caught it."""
    from contextlib import suppress

    words = out_of_memory()
    try:
        note_wrapped(words)
    except MemoryError:
        with suppress(OSError, ValueError):  # stderr full or gone: the exit code tells
            sys.stderr.write(words + "\n")
            sys.stderr.flush()
    return ExitCode.DATA


def out_of_memory() -> str:
    """What a command that ran out of memory says (exit 1): the limit, if one is set, how
    much a file's first reading takes (fastparse.PARSED_BYTES_PER_BYTE), what to do."""
    from .data.fastparse import PARSED_BYTES_PER_BYTE as times
    from .words import byte_size

    limit = address_space_limit()
    return (
        "partyintl: out of memory: the system gave this answer no more memory"
        + ("" if limit is None else f" (the limit set by ulimit -v is {byte_size(limit)})")
        + f". Reading a data file for the first time takes about {times} times its size, a "
        "PNG figure tens of MB; later questions take far less. Free some memory or raise "
        "the limit, and run again."
    )


def shlex_quote(text: str) -> str:
    """A word as a POSIX shell reads it back."""
    import shlex

    return shlex.quote(text)


def debug_wanted(flag: bool) -> bool:
    """Whether tracebacks are wanted: --debug was given, or PARTYINTL_DEBUG is set."""
    from .environment import DEBUG, switched_on

    return flag or switched_on(DEBUG)


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
    except (KeyboardInterrupt, Terminated) as exc:
        note(stopped(status_of(exc)))
        return status_of(exc)
    except Exception as exc:  # a bug (said briefly; --debug shows where), or no memory
        if debug or not lack_of_memory(exc):
            return _failed(exc, debug)
        code = -1  # said below, once the exception has let go of what its frames held
    if code == -1:
        return said_out_of_memory()
    if code == ExitCode.INTERRUPTED:  # Typer turns KeyboardInterrupt into exit code 130
        note(stopped(ExitCode.INTERRUPTED))
    return code


def _failed(exc: Exception, debug: bool) -> int:
    """guarded's words for an exception partyintl did not expect (raised again with
    --debug), or for a library's failure when a stop signal came through it."""
    stop = stop_received()
    if stop is not None and not debug:
        # A library that failed in its own way when the stop signal's exception came
        # through it (as main() says of pydantic-core's import): the stop, as always.
        note(stopped(status_of(stop)))
        return status_of(stop)
    if debug:
        raise exc
    note(f"partyintl: internal error: {type(exc).__name__}: {exc}")
    from .cli.spec import flag

    note(f"Run again with {flag('debug')} for the traceback, and report it.")
    return status_of(exc)


def lack_of_memory(exc: BaseException) -> bool:
    """Whether an exception says the system gave no more memory: MemoryError, or a native
    module that could not be mapped into memory (`ulimit -v`: the dynamic loader's "failed
    to map segment from shared object", or ENOMEM)."""
    import errno

    if isinstance(exc, MemoryError):
        return True
    text = str(exc)
    return isinstance(exc, (ImportError, OSError)) and (
        getattr(exc, "errno", None) == errno.ENOMEM
        or "failed to map segment" in text
        or "Cannot allocate memory" in text
    )
