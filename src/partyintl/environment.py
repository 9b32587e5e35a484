"""The environment variables partyintl reads, each named once with what it does.

The code reads a variable through the name given here; the README's table of them is
written from `variables()` (scripts/update_readme.py, checked by tests/test_docs.py). A
switch is on when set to anything but empty or `0`, the same rule for every switch.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

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
#: The time files say they were made, for output the same byte for byte (a convention).
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


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
            SOURCE_DATE_EPOCH,
            "the time `report` says the page was made, and the day a GEXF file says it was "
            "last changed (seconds since 1970-01-01 UTC), for files the same byte for byte",
        ),
    ]


def made_at(epoch: str | None = None) -> datetime:
    """When a file is made: now, or the SOURCE_DATE_EPOCH given (`epoch`, else the
    variable's value: seconds since 1970-01-01 UTC, for output that is the same byte for
    byte), in UTC. UsageError otherwise."""
    from datetime import datetime, timezone

    if epoch is None:
        epoch = os.environ.get(SOURCE_DATE_EPOCH)
    if epoch is None or epoch == "":
        return datetime.now(timezone.utc)
    if not epoch.isascii() or not epoch.isdigit():
        from .errors import UsageError

        raise UsageError(
            f"SOURCE_DATE_EPOCH is '{epoch}': it must be a whole number of seconds since "
            "1970-01-01 UTC (e.g. 1700000000), or unset."
        )
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (OverflowError, OSError, ValueError):
        from .errors import UsageError

        raise UsageError(
            f"SOURCE_DATE_EPOCH is '{epoch}': that is no date partyintl can write; give "
            "seconds since 1970-01-01 UTC up to the year 9999."
        ) from None


def switched_on(name: str) -> bool:
    """Whether the switch `name` is on: set, and to anything but empty or `0`."""
    return os.environ.get(name, "") not in ("", "0")
