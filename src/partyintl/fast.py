"""A small argument parser for the everyday questions, so they skip Typer's start-up.

Typer (with the pydantic it now loads to coerce parameters) costs several times the whole
answer. This parser understands the data commands' options exactly as the Typer CLI
declares them and calls the same command bodies; anything it does not fully understand
(an unknown option, a bad value, completion, short options run together) returns None, and
the Typer CLI then handles the arguments, so errors and edge cases keep one behaviour.
tests/test_fast.py runs the same arguments through both and compares the bytes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .enums import PARTNER_TYPE_VALUES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Options = dict[str, Any]
# kinds of option value
FLAG, TEXT, TEXTS, INT, COUNT, CHOICE, CHOICES = range(7)

FORMATS = ("table", "plain", "tsv", "csv", "json", "jsonl", "markdown", "svg", "html")
TYPES = PARTNER_TYPE_VALUES
OUTPUT_OPTIONS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "--format": ("fmt", CHOICE, FORMATS),
    "-f": ("fmt", CHOICE, FORMATS),
    "--json": ("json", FLAG, ()),
    "--fields": ("fields", TEXT, ()),
}
COMMANDS: dict[str, dict[str, tuple[str, int, tuple[str, ...]]]] = {
    "partners": {
        "--country": ("country", TEXTS, ()),
        "-c": ("country", TEXTS, ()),
        "--type": ("type", CHOICES, TYPES),
        "-t": ("type", CHOICES, TYPES),
        "--region": ("region", TEXT, ()),
        "--search": ("search", TEXT, ()),
        "-s": ("search", TEXT, ()),
        "--sort": ("sort", CHOICE, ("source", "name", "country", "type")),
        "--limit": ("limit", COUNT, ()),
        "-n": ("limit", COUNT, ()),
    },
    "countries": {"--type": ("type", CHOICES, TYPES), "-t": ("type", CHOICES, TYPES)},
    "show": {},
    "timeline": {
        "--org": ("org", TEXT, ()),
        "--since": ("since", INT, ()),
        "--until": ("until", INT, ()),
    },
    "people": {},
    "contacts": {"--lang": ("lang", CHOICE, ("en", "ru"))},
}
HELP = ("-h", "--help")


class NotMine(Exception):
    """These arguments are for the Typer CLI."""


def run(argv: list[str]) -> int | None:
    """Answer argv and return the exit code, or None to hand it to the Typer CLI."""
    if os.environ.get("PARTYINTL_NO_FAST"):
        return None
    mode = os.environ.get("_PARTYINTL_COMPLETE")
    if mode:  # shell completion: the dynamic values here, the rest by Typer
        from .completion import answer

        text = answer(mode)
        if text is None:
            return None
        sys.stdout.write(text + "\n")
        return 0
    try:
        settings_args, command, rest = _split_globals(bare_fields(argv))
        if settings_args.get("version"):
            from ._version import __version__

            sys.stdout.write(f"partyintl {__version__}\n")
            return 0
        if command is None or command in HELP or any(a in HELP for a in rest):
            return _help(command if command not in HELP else None, rest, bare=command is None)
        options, positional = _parse(COMMANDS[command], rest)
    except NotMine:
        return None
    return _call(command, settings_args, options, positional)


def bare_fields(args: list[str]) -> list[str]:
    """`--fields` with no value (last, or before another option) asks for the field list."""
    out = list(args)
    for i, arg in enumerate(out):
        if arg == "--":
            break
        if arg == "--fields" and (i + 1 == len(out) or out[i + 1].startswith("-")):
            out[i] = "--fields="
    return out


def _split_globals(argv: list[str]) -> tuple[Options, str | None, list[str]]:
    opts: Options = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--no-color", "--debug"):
            opts[arg[2:].replace("-", "_")] = True
        elif arg == "--version":
            opts["version"] = True
            return opts, None, []
        elif arg == "--data" and i + 1 < len(argv):
            opts["data"] = argv[i + 1]
            i += 1
        elif arg.startswith("--data=") and len(arg) > len("--data="):
            opts["data"] = arg[len("--data=") :]
        elif arg in HELP or arg in COMMANDS:
            return opts, arg, argv[i + 1 :]
        else:
            raise NotMine
        i += 1
    if argv:  # only global options, no command: Typer says what is missing
        raise NotMine
    return opts, None, []


def _value(kind: int, raw: str, choices: tuple[str, ...]) -> Any:
    if kind in (CHOICE, CHOICES):
        folded = raw.casefold()
        for choice in choices:
            if choice == folded:
                return choice
        raise NotMine
    if kind in (INT, COUNT):
        try:
            number = int(raw)
        except ValueError:
            raise NotMine from None
        if kind == COUNT and number < 0:
            raise NotMine
        return number
    return raw


def _parse(
    spec: dict[str, tuple[str, int, tuple[str, ...]]], args: list[str]
) -> tuple[Options, list[str]]:
    table = {**spec, **OUTPUT_OPTIONS}
    options: Options = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name, _, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            i += 1
            continue
        if name not in table or (attached and table[name][1] == FLAG) or arg == "--":
            raise NotMine
        key, kind, choices = table[name]
        if kind == FLAG:
            options[key] = True
            i += 1
            continue
        if "=" in arg:
            raw = attached
            i += 1
        elif i + 1 < len(args):
            raw = args[i + 1]
            i += 2
        else:
            raise NotMine
        value = _value(kind, raw, choices)
        if kind in (TEXTS, CHOICES):
            options.setdefault(key, []).append(value)
        else:
            options[key] = value
    return options, positional


def _call(command: str, globals_: Options, options: Options, positional: list[str]) -> int | None:
    want = 1 if command == "show" else 0
    if len(positional) != want:
        return None
    from . import commands, query
    from .output import Output, Settings, debug_wanted, guarded
    from .render import OutputFormat

    settings = Settings(
        globals_.get("data"), bool(globals_.get("no_color")), bool(globals_.get("debug"))
    )
    fmt = options.get("fmt")
    out = Output(
        OutputFormat(fmt) if fmt else None, bool(options.get("json")), options.get("fields")
    )
    bodies: dict[str, Callable[[], None]] = {
        "partners": lambda: commands.partners(
            settings,
            query.PartnerFilter(
                tuple(options.get("country", ())),
                tuple(options.get("type", ())),
                options.get("region"),
                options.get("search"),
                query.SortKey(options.get("sort", "source")),
                options.get("limit"),
            ),
            out,
        ),
        "countries": lambda: commands.countries(settings, tuple(options.get("type", ())), out),
        "show": lambda: commands.show(settings, positional[0], out),
        "timeline": lambda: commands.timeline(
            settings,
            query.TimelineFilter(options.get("org"), options.get("since"), options.get("until")),
            out,
        ),
        "people": lambda: commands.people(settings, out),
        "contacts": lambda: commands.contacts(settings, options.get("lang", "en"), out),
    }

    def call() -> int:
        bodies[command]()
        return 0

    return guarded(call, debug_wanted(settings.debug))


def _help(command: str | None, rest: list[str], bare: bool) -> int | None:
    """Print the stored --help text when it is what Typer would print at this width."""
    from .output import terminal_columns

    if terminal_columns(80) < 80:
        raise NotMine
    from ._help import HELP as TEXTS

    if command is None:
        if rest and rest[0] not in HELP:
            raise NotMine
        text = TEXTS[""]
        if bare:  # a bare `partyintl`: Typer prints the help on stderr
            sys.stderr.write(text)
            return 0
    else:
        text = TEXTS[command]
    sys.stdout.write(text)
    return 0
