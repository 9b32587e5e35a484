"""The fast path: a small interpreter of the spec, so answers skip Typer's start-up.

Typer (with the pydantic it loads to coerce parameters) costs several times a whole
answer. This module reads normalised arguments the way click reads them, following the
hand-written spec (cli/spec.py) that the Typer app is built from, converts values with the
same cli/values.py parsers (typed values and environment variables alike) and calls the
same command bodies. Whatever it would have to report as a usage problem
(an unknown option, a missing or bad value, an extra argument), a help text at a width
other than the stored one, and the completion options, it hands to
the Typer app by returning None, so each of those has one voice.
tests/test_interpret.py compares both paths byte for byte on generated argument vectors.
"""

from __future__ import annotations

import os

from .argv import option_table, root_end
from .spec import SPEC, Argument, Option, Spec, flag

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Values = dict[str, Any]


class HandOver(Exception):
    """These arguments are for the Typer app."""


def run(argv: list[str], spec: Spec = SPEC) -> int | None:
    """Answer normalised argv and return the exit code, or None to hand it to Typer."""
    from ..environment import NO_FAST, switched_on

    if switched_on(NO_FAST):
        return None
    from ..lifecycle import debug_wanted, guarded

    handed: list[bool] = []

    def call() -> int:
        try:
            return _interpret(argv, spec)
        except HandOver:
            handed.append(True)
            return 0

    code = guarded(call, debug_wanted(flag("debug") in argv))
    return None if handed else code


def _interpret(argv: list[str], spec: Spec) -> int:
    start = root_end(argv, spec)
    if start == 0 and not argv:
        raise HandOver  # a bare `partyintl`: Typer shows the help
    if argv[0].partition("=")[0] in _show_completion_names(spec):
        return _show_completion(argv)
    root, root_args, help_wanted = _parse(spec.root, argv[:start], spec)
    if root_args or (help_wanted and root.get("version")):
        raise HandOver  # both eager: click answers the one typed first
    if help_wanted:
        return _help("", spec)
    if root.get("version"):
        from .._version import __version__
        from ..streams import write

        write(f"partyintl {__version__}\n", machine=False)
        return 0
    command = spec.command(argv[start]) if start < len(argv) else None
    if command is None:
        raise HandOver  # no command, or an unknown one
    options, positional, help_wanted = _parse(command.options, argv[start + 1 :], spec)
    if help_wanted:
        return _help(command.name, spec)
    options.update(_arguments(command.arguments, positional))
    return _call(command.function, root, options)


def _parse(
    options: tuple[Option, ...], args: list[str], spec: Spec
) -> tuple[Values, list[str], bool]:
    """Raw option values by dest (defaults filled in), positional arguments, and --help."""
    table = option_table(options)
    raw: Values = {}
    positional: list[str] = []
    help_wanted = False
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            positional += args[i:]
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        long = arg.startswith("--")
        name, eq, attached = arg.partition("=") if long else (arg[:2], "", arg[2:])
        if name in spec.help_names and arg == name:
            help_wanted = True
            continue
        opt = table.get(name)
        if opt is None or opt.action == "completion":
            raise HandOver
        if opt.action != "value":
            if eq or attached:
                raise HandOver  # `--json=x`, `-hx`: click reports it
            raw[opt.dest] = True
            continue
        if eq or (attached and not long):
            value = attached
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            raise HandOver  # the value is missing
        if opt.multiple:
            raw.setdefault(opt.dest, []).append(value)
        else:
            raw[opt.dest] = value
    if help_wanted:
        return raw, positional, True
    return _converted(options, raw), positional, False


def _show_completion_names(spec: Spec) -> tuple[str, ...]:
    """The names of the option that prints a completion script."""
    return tuple(n for o in spec.root if o.dest == "show_completion" for n in o.names)


def _show_completion(argv: list[str]) -> int:
    """`--show-completion SHELL` alone (what a start-up file may run): the script, without
    Typer's start-up. With anything else, or a shell Typer must call unknown: Typer's."""
    _, eq, value = argv[0].partition("=")
    if eq and len(argv) == 1:
        shell = value
    elif not eq and len(argv) == 2:
        shell = argv[1]
    else:
        raise HandOver
    from ..errors import PartyintlError
    from . import completion
    from .values import BadValue
    from .values import shell as parse_shell

    try:
        shell = parse_shell(shell) or completion.detect_shell()
    except (BadValue, PartyintlError):
        raise HandOver from None
    from ..streams import write

    write(completion.script(shell) + "\n", machine=True)
    return 0


def _from_environment(opt: Option) -> str | list[str] | None:
    """An option's value from its environment variable, as click reads it (empty: unset)."""
    if not opt.envvar:
        return None
    value = os.environ.get(opt.envvar)
    if not value:
        return None
    return value.split() if opt.multiple else value


def _converted(options: tuple[Option, ...], raw: Values) -> Values:
    """Values as the command bodies receive them: parsed, defaults where none was given."""
    out: Values = {}
    for opt in options:
        dest = opt.dest
        if opt.action == "completion":
            continue
        if dest not in raw:
            from_env = _from_environment(opt)
            if from_env is not None:
                raw[dest] = from_env
        if opt.required and dest not in raw:
            raise HandOver  # a missing option
        given = dest in raw
        value: Any = raw[dest] if given else opt.default
        # A default is text as a user would type it: parsed as a given value is.
        if opt.parser and value is not None:
            from .values import PARSERS, BadValue

            parse = PARSERS[opt.parser]
            try:
                value = [parse(v) for v in value] if opt.multiple else parse(value)
            except BadValue:
                raise HandOver from None
        if opt.multiple:
            value = tuple(value or ())
        out[dest] = value
    return out


def _arguments(arguments: tuple[Argument, ...], positional: list[str]) -> Values:
    if len(positional) > len(arguments):
        raise HandOver  # an extra argument
    out: Values = {}
    for i, arg in enumerate(arguments):
        if i < len(positional):
            out[arg.dest] = positional[i]
        elif arg.required:
            raise HandOver  # a missing argument
        else:
            out[arg.dest] = None
    return out


def _call(name: str, root: Values, options: Values) -> int:
    from .. import commands
    from ..answer import Settings
    from .values import check_given, with_os_paths

    spec = next(c for c in SPEC.commands if c.function == name)
    check_given(spec, options)
    with_os_paths((*spec.options, *spec.arguments), options)
    with_os_paths(SPEC.root, root)
    command = spec.name
    settings = Settings(
        root["data"], bool(root["no_color"]), bool(root["debug"]), root["names"], command
    )
    getattr(commands, name)(settings, **options)
    return 0


def _help(command: str, spec: Spec) -> int:
    """Print the stored --help text when it is what Typer would print at this width."""
    from ..streams import terminal_columns, write
    from ._help import HELP

    if terminal_columns(80) < 80 or spec is not SPEC or command not in HELP:
        raise HandOver  # another width, or a spec the stored texts were not made from
    write(HELP[command], machine=False)
    return 0
