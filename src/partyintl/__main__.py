"""`python -m partyintl` and the `partyintl` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point: the fast path for everyday questions, else the Typer CLI; Ctrl-C -> 130."""
    try:
        from .fast import run

        code = run(sys.argv[1:])
        if code is None:
            from .cli import main as run_cli

            code = run_cli()
    except KeyboardInterrupt:  # pressed while modules were still loading
        sys.stderr.write("partyintl: interrupted\n")
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
