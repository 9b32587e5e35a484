"""Arguments in normal form, once, before either command line reads them.

Two conveniences click does not have: the global options (`--data`, `--no-color`,
`--debug`, `--names`) may also follow the command, as with `gh` and `git`; they are moved
in front of it. And an option whose value may be left out (its metavar is in brackets:
`--fields`, `--show-completion`), given last or before another option, gets an empty
value: `--fields` becomes `--fields=`. A word after it is its value, so a mistyped choice
(`--install-completion zhs`) is an error that lists the choices, never taken as left out.
Both walk the arguments the way click does, following the spec (cli/spec.py), so an
option's value is never mistaken for an option (`--search --debug`).
"""

from __future__ import annotations

from .spec import SPEC, Option, Spec


def option_table(options: tuple[Option, ...]) -> dict[str, Option]:
    """Options by every name they answer to."""
    return {name: opt for opt in options for name in opt.names}


def takes_value(opt: Option | None) -> bool:
    """Whether an option reads a value (flags, --version and --help do not)."""
    return opt is not None and opt.takes_value


def _left_out(opt: Option | None, arg: str, following: list[str]) -> bool:
    """An optional value not given: nothing follows, or an option does."""
    if opt is None or not opt.optional or arg not in opt.names:
        return False
    return not following or following[0].startswith("-")


def root_end(argv: list[str], spec: Spec = SPEC) -> int:
    """The index of the command word: the first argument that is not a root option."""
    table = option_table(spec.root)
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


def refuse_misplaced(argv: list[str], spec: Spec = SPEC) -> int:
    """0, or UsageError (exit 2) for an option given before the command it belongs to
    (`partyintl --json partners`): the global options may go either side of the command,
    a command's own go after it (click would say only "No such option"); first, for a
    long name typed with one dash (refuse_single_dash)."""
    from ..errors import UsageError

    refuse_single_dash(argv, spec)
    refuse_repeated(argv, spec)
    start = root_end(argv, spec)
    root = option_table(spec.root)
    words = [w for w in argv[start:] if not w.startswith("-")]
    command = next((c for w in words if (c := spec.command(w)) is not None), None)
    if command is None:
        return 0
    own = option_table(command.options)
    i = 0
    while i < start:
        arg = argv[i]
        opt = root.get(arg)
        i += 2 if takes_value(opt) and not _left_out(opt, arg, argv[i + 1 :]) else 1
        if opt is not None or not arg.startswith("-") or arg in ("-", "--"):
            continue  # a global option (and its value), or a word
        name = arg.partition("=")[0] if arg.startswith("--") else arg[:2]
        if name not in root and name in own:
            raise UsageError(
                f"{name} is an option of '{command.name}': give it after the command "
                f"(partyintl {command.name} {name} ...).",
                hint=f"Try 'partyintl {command.name} --help' for help.",
            )
    return 0


def refuse_single_dash(argv: list[str], spec: Spec = SPEC) -> int:
    """0, or UsageError (exit 2) for an option's long name typed with one dash
    (`-help`, `partners -country Germany`, `-data x.json`), as R, Go and find write
    them: click read `-country` as `-c ountry` and `-help` as `-h -e -l -p` ("No such
    option: -e"). A word is taken so when a long name of the command (or of partyintl
    itself) is the word with a second dash; an option's value is never looked at."""
    from ..errors import UsageError

    start = root_end(argv, spec)
    command = spec.command(argv[start]) if start < len(argv) else None
    table = option_table(spec.root)
    if command is not None:
        table = {**table, **option_table(command.options)}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            break
        name = arg.partition("=")[0]
        opt = table.get(name)
        if opt is None and name[:1] == "-" and name[1:2] not in ("-", "") and len(name) > 2:
            meant = "-" + name
            if (meant in table or meant in spec.help_names) and meant.startswith("--"):
                where = f"partyintl {command.name}" if command is not None else "partyintl"
                raise UsageError(
                    f"{name} is not an option: a long name takes two dashes ({meant}).",
                    hint=f"Try '{where} --help' for help.",
                )
        i += 2 if takes_value(opt) and name == arg and not _left_out(opt, arg, argv[i + 1 :]) else 1
    return 0


def refuse_repeated(argv: list[str], spec: Spec = SPEC) -> int:
    """0, or UsageError (exit 2) for an option of one value given twice with two values
    (`--region EU --region CIS`, `-f json -f csv`, `-o a.csv -o b.csv`): click kept the
    last and dropped the first without a word, a filter or file the user typed. The same
    value twice is one value; an option whose values add up (Option.multiple) may repeat."""
    from ..errors import UsageError
    from ..escaping import escape_control

    start = root_end(argv, spec)
    command = spec.command(argv[start]) if start < len(argv) else None
    table = option_table(spec.root)
    if command is not None:
        table = {**table, **option_table(command.options)}
    given: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            break
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg[:2], "", arg[2:])
        opt = table.get(name) if arg.startswith("-") and arg != "-" else None
        step = 1
        if takes_value(opt) and not eq and not value and not _left_out(opt, arg, argv[i + 1 :]):
            value, step = (argv[i + 1] if i + 1 < len(argv) else ""), 2
        elif opt is not None and not eq and value and not opt.takes_value:
            opt = None  # short flags run together (`-hv`): click reads them
        if opt is not None and opt.takes_value and not opt.multiple:
            first = given.setdefault(opt.dest, (name, value))
            if first[1] != value:
                shown = ", ".join(f"'{escape_control(v)}'" for v in (first[1], value))
                where = f"partyintl {command.name}" if command is not None else "partyintl"
                raise UsageError(
                    f"{opt.names[0]} was given twice, with two values ({shown}): it takes "
                    "one; give the one you mean.",
                    hint=f"Try '{where} --help' for help.",
                )
        i += step
    return 0


def _root_filled(argv: list[str], spec: Spec) -> list[str]:
    table = option_table(spec.root)
    out = list(argv)
    for i, arg in enumerate(out):
        if _left_out(table.get(arg), arg, out[i + 1 :]):
            out[i] = f"{arg}="
    return out


def normalise(argv: list[str], spec: Spec = SPEC) -> list[str]:
    """Move trailing global options before the command; fill in left-out optional values."""
    start = root_end(argv, spec)
    command = spec.command(argv[start]) if start < len(argv) else None
    if command is None:
        return _root_filled(argv[:start], spec) + argv[start:]
    table = option_table(command.options)
    movable = option_table(spec.movable)
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
        if opt is None and name in movable and arg.startswith("--"):
            needs = movable[name].action == "value" and name == arg
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
    return [*_root_filled(argv[:start], spec), *moved, argv[start], *rest]
