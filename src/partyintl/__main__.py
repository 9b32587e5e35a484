"""`python -m partyintl` and the `partyintl` console script."""

# No `from __future__ import annotations`: its import would be one more moment in which
# a Ctrl-C prints a traceback through this file before main() can catch it.
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def main() -> None:
    """The console script: answer sys.argv and exit with the status; a stop signal after
    the answer is complete waits, and ends with the process (lifecycle.hold_stop_signals)."""
    _stop_quietly_while_loading()
    from . import lifecycle

    try:
        _interrupts_as_python_does()
        lifecycle.own_process()
        code = answer(utf8_arguments(sys.argv[1:]))
        lifecycle.hold_stop_signals()
    except BaseException as exc:  # noqa: BLE001 - a stop signal's exception, whatever raised it
        # A stop signal between the answer and the hold, or one that made a library fail
        # in its own way while it loaded (pydantic-core panics when the signal's
        # exception interrupts its import of datetime): the stop, as always.
        stop = exc if isinstance(exc, KeyboardInterrupt) else lifecycle.stop_received()
        if stop is None or isinstance(exc, SystemExit):
            raise
        code = _stopped(stop)
        lifecycle.hold_stop_signals()
    sys.exit(code)


def _stop_quietly_while_loading() -> None:
    """Until answer() installs its handlers (lifecycle.prepare_process), a stop signal ends
    the process at once with its line and status (_stops.STOPS): nothing is written yet,
    and Python's own handler would print a traceback of whichever module was loading."""
    _signal: Any = __import__("_signal")
    # Signals wait while the words load and the handlers go in (a signal now would find
    # neither), and arrive as soon as they are in.
    mask = hasattr(_signal, "pthread_sigmask")
    before = _signal.pthread_sigmask(_signal.SIG_BLOCK, _signal.valid_signals()) if mask else None
    try:
        from ._stops import STOPS, hold_in_native_imports

        hold_in_native_imports()

        def stop(signum: int, frame: object) -> None:
            for name, (code, words, _) in STOPS.items():
                if getattr(_signal, name, None) == signum:
                    os.write(2, f"partyintl: {words}\n".encode())
                    os._exit(code)

        for name in STOPS:
            if hasattr(_signal, name):
                _signal.signal(getattr(_signal, name), stop)
    finally:
        if mask:
            _signal.pthread_sigmask(_signal.SIG_SETMASK, before)


def _interrupts_as_python_does() -> None:
    """SIGINT raises KeyboardInterrupt again (main() catches it; answer() then installs
    lifecycle's handler, which unwinds and removes temporary files)."""
    _signal: Any = __import__("_signal")

    _signal.signal(_signal.SIGINT, _signal.default_int_handler)


def utf8_arguments(args: list[str]) -> list[str]:
    """The arguments as the UTF-8 text they are. Python decodes them with the locale's
    encoding, keeping the bytes it cannot read as escapes (U+DC80-U+DCFF): in an ASCII
    locale (LC_ALL=C with PYTHONUTF8=0) `Türkiye` arrives as `T\\udcc3\\udcbcrkiye`, and a
    search for it finds nothing. Such an argument is read again as UTF-8; one that is not
    UTF-8 either (a file name in another encoding) is kept as it came, which opens the
    file of those bytes."""
    return [_as_utf8(arg) if _escaped(arg) else arg for arg in args]


def _escaped(text: str) -> bool:
    """Whether text holds a byte the locale's decoding could not read (an escape)."""
    return not text.isascii() and any("\udc80" <= ch <= "\udcff" for ch in text)


def _as_utf8(arg: str) -> str:
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeError:
        return arg


def answer(args: list[str]) -> int:
    """Normalise the arguments once; the fast interpreter answers, else the Typer app.

    Returns the exit status (errors.ExitCode); the tests call it in-process.
    """
    from .errors import Terminated
    from .lifecycle import finish, prepare_process

    prepare_process()
    try:
        code = _complete(os.environ.get("_PARTYINTL_COMPLETE", ""))
        if code is None:
            from .cli.argv import normalise, refuse_misplaced
            from .lifecycle import guarded

            code = guarded(lambda: refuse_misplaced(args), False) or None
        if code is None:
            from .cli.interpret import run

            argv = normalise(args)
            code = run(argv)
            if code is None:
                from .cli.app import main as run_app

                code = run_app(argv)
    except (KeyboardInterrupt, Terminated) as exc:  # while modules were still loading
        code = _stopped(exc)
    except Exception as exc:  # no memory to load a module: said once it is let go
        from .lifecycle import lack_of_memory

        if not lack_of_memory(exc):
            raise
        code = None
    if code is None:
        from .lifecycle import said_out_of_memory

        code = said_out_of_memory()
    return finish(code)


def _stopped(exc: BaseException) -> int:
    """The exit code of a stop signal, its line written."""
    from .errors import status_of, stopped

    code = status_of(exc)
    sys.stderr.write(stopped(code) + "\n")
    return code


def _complete(mode: str) -> int | None:
    """A shell asking for completions (the scripts set _PARTYINTL_COMPLETE)."""
    if not mode:
        return None
    from .cli.completion import answer as completions
    from .errors import ExitCode
    from .lifecycle import guarded
    from .streams import write

    def call() -> int:
        text = completions(mode)
        if text is None:
            return ExitCode.USAGE
        write(text + "\n", machine=True)
        return ExitCode.OK

    return guarded(call, False)


if __name__ == "__main__":
    main()
