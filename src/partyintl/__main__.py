"""`python -m partyintl` and the `partyintl` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point: run the command line and exit with its code."""
    from .cli import main as run

    sys.exit(run())


if __name__ == "__main__":
    main()
