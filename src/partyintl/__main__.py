"""`python -m partyintl` and the `partyintl` console script."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """The console script: answer sys.argv and exit with the status; a stop signal after
    the answer is complete waits, and ends with the process (lifecycle.hold_stop_signals)."""
    from . import lifecycle

    lifecycle.own_process()
    try:
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
