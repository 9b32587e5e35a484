"""Arguments in normal form, once, before either command line reads them.

Two conveniences click does not have: the global options (`--data`, `--no-color`,
`--debug`) may also follow the command, as with `gh` and `git`; they are moved in front of
it. And an option whose value may be left out (its metavar is in brackets: `--fields`,
`--show-completion`), given last or before another option or a word that is not one of its
choices, gets an empty value: `--fields` becomes `--fields=`. Both walk the arguments the
way click does, using the generated spec, so an option's value is never mistaken for an
option (`--search --debug`).
"""

from __future__ import annotations

from . import _spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Option = dict[str, Any]

#: Root options that may follow the command: everything but --version, --help, completion.
MOVABLE = {
    name: opt for opt in _spec.ROOT if opt["action"] in ("value", "flag") for name in opt["names"]
}


def option_table(options: list[Option]) -> dict[str, Option]:
    """Options by every name they answer to."""
    return {name: opt for opt in options for name in opt["names"]}


def takes_value(opt: Option | None) -> bool:
    """Whether an option reads a value (flags, --version and --help do not)."""
    return opt is not None and opt["action"] in ("value", "typer")


def _left_out(opt: Option | None, arg: str, following: list[str]) -> bool:
    """An optional value not given: nothing follows, or an option, or a non-choice."""
    if opt is None or not opt["optional"] or arg not in opt["names"]:
        return False
    if not following or following[0].startswith("-"):
        return True
    return opt["choices"] is not None and following[0].casefold() not in opt["choices"]


def root_end(argv: list[str]) -> int:
    """The index of the command word: the first argument that is not a root option."""
    table = option_table(_spec.ROOT)
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-") or arg == "-" or arg == "--":
            return i
        opt = table.get(arg)
        if takes_value(opt) and not _left_out(opt, arg, argv[i + 1 :]):
            i += 1  # its value follows
        i += 1
    return i


def _root_filled(argv: list[str]) -> list[str]:
    table = option_table(_spec.ROOT)
    out = list(argv)
    for i, arg in enumerate(out):
        if _left_out(table.get(arg), arg, out[i + 1 :]):
            out[i] = f"{arg}="
    return out


def normalise(argv: list[str]) -> list[str]:
    """Move trailing global options before the command; fill in left-out optional values."""
    start = root_end(argv)
    if start >= len(argv) or argv[start] not in _spec.COMMANDS:
        return _root_filled(argv[:start]) + argv[start:]
    table = option_table(_spec.COMMANDS[argv[start]]["options"])
    moved: list[str] = []
    rest: list[str] = []
    args = argv[start + 1 :]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.partition("=")[0] if arg.startswith("--") else arg[:2]
        opt = table.get(name)
        if _left_out(opt, arg, args[i + 1 :]):
            rest.append(f"{arg}=")
            i += 1
            continue
        if opt is None and name in MOVABLE and arg.startswith("--"):
            needs = MOVABLE[name]["action"] == "value" and name == arg
            if needs and i + 1 == len(args):  # `--data` with nothing after: click says so
                rest.append(arg)
                i += 1
                continue
            moved += args[i : i + 2] if needs else [arg]
            i += 2 if needs else 1
            continue
        if takes_value(opt) and name == arg and i + 1 < len(args):
            rest += args[i : i + 2]
            i += 2
            continue
        rest.append(arg)
        i += 1
    return [*_root_filled(argv[:start]), *moved, argv[start], *rest]
