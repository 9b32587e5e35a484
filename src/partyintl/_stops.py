"""The stop signals: each one's exit status (128 + its number, as shells report it), the
words its line on stderr says, and how the README names it. errors.py builds its exit
codes' meanings from here; __main__ reads it before anything else is loaded, so that a
stop in the first milliseconds says the same line (standard library only, no imports)."""

#: Signal name -> (exit status, the line's words, the README's name for the signal).
STOPS: dict[str, tuple[int, str, str]] = {
    "SIGHUP": (129, "hung up", "SIGHUP"),
    "SIGINT": (130, "interrupted", "Ctrl-C, SIGINT"),
    "SIGTERM": (143, "terminated", "SIGTERM"),
}
#: What the stop signals leave behind, as the exit-code table says.
AFTER = "temporary files removed"


class StopsHeld:
    """`with StopsHeld():` the stop signals wait (POSIX: blocked for this thread) until the
    block ends, then arrive as usual. For native imports that a signal's exception would
    break in their own way: pydantic-core panics, printing a Rust backtrace, when the
    exception interrupts its import of datetime."""

    def __enter__(self) -> None:
        import sys

        signal = sys.modules.get("_signal") or __import__("_signal")
        self._signal = signal
        self._before = None
        if hasattr(signal, "pthread_sigmask"):
            held = {getattr(signal, name) for name in STOPS if hasattr(signal, name)}
            self._before = signal.pthread_sigmask(signal.SIG_BLOCK, held)

    def __exit__(self, *_: object) -> None:
        if self._before is not None:
            self._signal.pthread_sigmask(self._signal.SIG_SETMASK, self._before)


def hold_in_native_imports() -> None:
    """From now on, a native extension module (orjson, msgspec, pydantic-core, sqlite3...)
    is created and started with the stop signals held (StopsHeld), then they arrive: the
    exception of a signal handler raised in the middle of a module's native start-up
    leaves it half made, and orjson then crashes the process (SIGSEGV, seen 3 times in 30
    SIGTERMs at 0.1-0.3 s into a big file's first sight). Once a process; the console
    script's start-up calls it."""
    import sys

    external = sys.modules.get("_frozen_importlib_external")
    loader = getattr(external, "ExtensionFileLoader", None)
    if loader is None or getattr(loader, "_stops_held", False):
        return
    for name in ("create_module", "exec_module"):
        original = getattr(loader, name)

        def held(self: object, *args: object, _original: object = original) -> object:
            with StopsHeld():
                return _original(self, *args)  # type: ignore[operator]

        setattr(loader, name, held)
    loader._stops_held = True
