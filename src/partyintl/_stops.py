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
