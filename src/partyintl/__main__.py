"""`python -m partyintl` and the `partyintl` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point: run the command line and exit with its code, Ctrl-C included."""
    try:
        from .cli import main as run

        code = run()
    except KeyboardInterrupt:  # pressed while modules were still loading
        sys.stderr.write("partyintl: interrupted\n")
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
