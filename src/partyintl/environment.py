"""The environment variables partyintl reads, each named once with what it does.

The code reads a variable through the name given here; the README's table of them is
written from `variables()` (scripts/update_readme.py, checked by tests/test_docs.py). A
switch is on when set to anything but empty or `0`, the same rule for every switch.
"""

from __future__ import annotations

import os

#: The data file (or files) to use instead of the bundled one, as `--data` takes them.
DATA = "PARTYINTL_DATA"
#: A switch: tracebacks with error messages.
DEBUG = "PARTYINTL_DEBUG"
#: A switch: no cache of validated files, indexes or drawn figures.
NO_CACHE = "PARTYINTL_NO_CACHE"
#: Where the cache lives.
CACHE_DIR = "PARTYINTL_CACHE_DIR"
#: A switch: the Typer command line always, never the fast path.
NO_FAST = "PARTYINTL_NO_FAST"


def variables() -> list[tuple[str, str]]:
    """Every variable partyintl reads (its own and the conventions it follows), with what
    it does, for the README's table: (name as shown, effect)."""
    from .cli.spec import flag

    return [
        (
            DATA,
            f"data file to use instead of the bundled one, as `{flag('data')}` takes them: a "
            "file, a folder or `bundled:NAME`, several joined by `:` (`;` on Windows); "
            "`load_dataset()` reads each and returns the first",
        ),
        (f"{DEBUG}=1", f"tracebacks with error messages (as `{flag('debug')}`)"),
        ("`NO_COLOR`, `TERM=dumb`", "no colour"),
        (
            "COLUMNS",
            "width of tables and pictures on a terminal: a whole number from 16 to 1000 (a "
            "larger one is taken as 1000, a smaller as 16); anything else is ignored, as if "
            "unset",
        ),
        (
            f"{NO_CACHE}=1",
            "validate every file in full, every time, and keep no index and no drawn figure "
            "(see below)",
        ),
        (
            CACHE_DIR,
            "where markers of validated files, the indexes of big files and drawn figures "
            "are kept (default `$XDG_CACHE_HOME/partyintl` or `~/.cache/partyintl`; a "
            "relative path is never used, and no folder is made outside an existing home)",
        ),
        (f"{NO_FAST}=1", "always use the Typer command line, never the fast path (for debugging)"),
        (
            "SOURCE_DATE_EPOCH",
            "the time `report` says the page was made (seconds since 1970-01-01 UTC), for "
            "reproducible pages",
        ),
    ]


def switched_on(name: str) -> bool:
    """Whether the switch `name` is on: set, and to anything but empty or `0`."""
    return os.environ.get(name, "") not in ("", "0")
