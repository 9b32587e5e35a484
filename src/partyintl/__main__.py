"""`python -m partyintl` and the `partyintl` console script."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Normalise the arguments once; the fast interpreter answers, else the Typer app."""
    from .process import finish, prepare_process

    prepare_process()
    try:
        code = _complete(os.environ.get("_PARTYINTL_COMPLETE", ""))
        if code is None:
            from .cli.argv import normalise
            from .cli.interpret import run

            argv = normalise(sys.argv[1:])
            code = run(argv)
            if code is None:
                from .cli.app import main as run_app

                code = run_app(argv)
    except KeyboardInterrupt:  # pressed while modules were still loading
        sys.stderr.write("partyintl: interrupted\n")
        code = 130
    sys.exit(finish(code))


def _complete(mode: str) -> int | None:
    """A shell asking for completions (the scripts set _PARTYINTL_COMPLETE)."""
    if not mode:
        return None
    from .cli.completion import answer
    from .process import guarded, write

    def call() -> int:
        text = answer(mode)
        if text is None:
            return 2
        write(text + "\n", machine=True)
        return 0

    return guarded(call, False)


if __name__ == "__main__":
    main()
