"""The Typer app, built from the hand-written spec (cli/spec.py); nothing is declared here.

Each command becomes a function whose signature Typer reads: one Annotated parameter per
option and argument of the spec, with the spec's names, metavar, help, default, env var
and values.* parser. Its body calls the command body of the same name in commands.py.
"""

from __future__ import annotations

import errno
import inspect
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from .. import commands, errors
from .._version import __version__
from ..answer import Settings
from ..errors import ExitCode, OutputError
from ..lifecycle import debug_wanted, guarded
from ..streams import note
from . import values
from .spec import SPEC, Argument, Command, Option, Spec, flag, usage_hint


def _parser(name: str) -> Callable[[str], Any]:
    """A values.* parser as Typer calls it: a bad value becomes click's BadParameter."""
    parse = values.PARSERS[name]

    def typer_parse(raw: str) -> Any:
        try:
            return parse(raw)
        except values.BadValue as exc:
            raise typer.BadParameter(str(exc)) from None

    return typer_parse


def _value_type(opt: Option) -> Any:
    """The Python type Typer is told a value has: what its parser returns, else text."""
    returns = values.PARSERS[opt.parser].__annotations__.get("return") if opt.parser else None
    base: Any = int if returns in ("int", int) else str
    if opt.action in ("flag", "version"):
        return bool
    if opt.multiple:
        return list[base] | None
    if opt.required or opt.default is not None:
        return base
    return base | None


def _eager(opt: Option) -> Callable[[Any], None]:
    """The callback of an option answered at once (--version, completion scripts)."""

    def answer(value: Any) -> None:
        if opt.action == "version":
            if value:
                sys.stdout.write(f"partyintl {__version__}\n")
                raise typer.Exit()
            return
        if value is None:
            return
        from . import completion, install

        shell = value or completion.detect_shell()
        if opt.dest == "install_completion":
            shell, path = install.install(shell)
            note(f"{shell} completion installed in {path}; open a new shell to use it.")
        else:
            sys.stdout.write(completion.script(shell) + "\n")
        raise typer.Exit()

    return answer


def _option_parameter(opt: Option) -> inspect.Parameter:
    info: dict[str, Any] = {"help": opt.help}
    if opt.metavar:
        info["metavar"] = opt.metavar
    if opt.parser:
        info["parser"] = _parser(opt.parser)
    if opt.envvar:
        info["envvar"] = opt.envvar
    if opt.action in ("version", "completion"):
        info["is_eager"] = True
        info["callback"] = _eager(opt)
    annotation: Any = Annotated[_value_type(opt), typer.Option(*opt.names, **info)]
    default = inspect.Parameter.empty if opt.required else opt.default
    return inspect.Parameter(
        opt.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _argument_parameter(arg: Argument) -> inspect.Parameter:
    kind: Any = str if arg.required else str | None
    info = typer.Argument(metavar=arg.metavar, help=arg.help)
    annotation: Any = Annotated[kind, info]
    default = inspect.Parameter.empty if arg.required else None
    return inspect.Parameter(
        arg.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _context_parameter() -> inspect.Parameter:
    return inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )


def _signed(func: Callable[..., None], parameters: list[inspect.Parameter]) -> Callable[..., None]:
    func.__signature__ = inspect.Signature([_context_parameter(), *parameters])  # type: ignore[attr-defined]
    return func


def _command_function(cmd: Command) -> Callable[..., None]:
    """A function Typer can read for one command: the spec's parameters, the body's call."""

    def run(ctx: typer.Context, **params: Any) -> None:
        obj = ctx.find_root().obj
        settings = obj if isinstance(obj, Settings) else Settings()
        settings.command = cmd.name
        values.check_given(cmd, params)
        values.with_os_paths((*cmd.options, *cmd.arguments), params)
        getattr(commands, cmd.function)(settings, **params)

    run.__name__ = cmd.function
    run.__doc__ = cmd.help
    return _signed(
        run,
        [
            *(_argument_parameter(a) for a in cmd.arguments),
            *(_option_parameter(o) for o in cmd.options),
        ],
    )


def _root_function(spec: Spec) -> Callable[..., None]:
    def root(ctx: typer.Context, **params: Any) -> None:
        values.with_os_paths(spec.root, params)
        ctx.obj = Settings(
            params.get("data"),
            bool(params.get("no_color")),
            bool(params.get("debug")),
            params.get("names") or "source",
        )

    return _signed(root, [_option_parameter(o) for o in spec.root])


def _examples(examples: tuple[str, ...]) -> str:
    """The examples as help shows them: each a paragraph that is never rewrapped (a line
    cut inside a command could not be pasted)."""
    return "Examples:\n\n" + "\n\n".join(f"\b\n{line}" for line in examples)


class _SpecArgument(TyperArgument):
    """An argument shown as the spec writes it: `NAME` when required, `[NAME]` when not
    (Typer writes `{NAME}` and `[[NAME]]`), without Typer's Python type (`<str>`)."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return name if self.required or name.startswith("[") else f"[{name}]"

    def display_type(self, ctx: Any) -> str:
        return ""


def extra_words(
    cmd: Command, given: dict[str, Any], extra: list[str], typed: list[str] | None = None
) -> str:
    """What a usage error says of words a command has no place for (`partners Germany`,
    `validate a.json b.json`, `show Party of European Socialists`), in place of click's
    "Got unexpected extra argument(s)": what the command takes, the words left over, and
    the likely mend (a name of several words quoted; an option's value after its option;
    one file at a time)."""
    import shlex

    from ..escaping import escape_hidden
    from ..words import counted

    left = ", ".join(f"'{escape_hidden(w)}'" for w in extra)
    was = "was" if len(extra) == 1 else "were"
    if not cmd.arguments:
        value = _value_before(cmd, typed or [], extra)
        if value is not None:  # `--org Socialist International`: a value of several words
            option, words = value
            mend = f"{option} {shlex.quote(' '.join([words, *extra]))}"
            return (
                f"'{cmd.name}' takes options only, and {left} {was} given besides: if the "
                f"words are one value of {option}, quote them ({escape_hidden(mend)})."
            )
        return (
            f"'{cmd.name}' takes options only, and {left} {was} given besides. A value goes "
            f"after its option (partyintl {cmd.name} --help lists them)."
        )
    takes = " ".join(a.metavar.strip("[]") for a in cmd.arguments)
    last = cmd.arguments[-1]
    one = last.metavar.strip("[]")
    named = [shlex.quote(str(given.get(a.dest) or "")) for a in cmd.arguments[:-1]]
    if last.path:  # files: each is a word of its own
        mend = " ".join(["partyintl", cmd.name, *named, shlex.quote(extra[0])])
        how = f"give one {one} at a time ({escape_hidden(mend)})"
        if cmd.name == "validate":
            how += ", or the folder that holds them"
    else:  # a name of several words, typed without quotes
        words = " ".join(w for w in [given.get(last.dest) or "", *extra] if w)
        mend = " ".join(["partyintl", cmd.name, *named, shlex.quote(words)])
        how = f"if the words are one {one}, quote them ({escape_hidden(mend)})"
    return (
        f"'{cmd.name}' takes {counted(len(cmd.arguments), 'argument')} ({takes}), and "
        f"{left} {was} given besides: {how}."
    )


def _value_before(cmd: Command, typed: list[str], extra: list[str]) -> tuple[str, str] | None:
    """The option and its value typed just before the first word left over, if any
    (`--org Socialist International`: ('--org', 'Socialist'))."""
    from .argv import option_table

    table = option_table(cmd.options)
    for at in range(1, len(typed)):
        if typed[at] != extra[0]:
            continue
        before = typed[at - 1]
        name, eq, value = before.partition("=")
        if eq and name in table and table[name].takes_value:
            return table[name].names[0], value
        if at > 1 and typed[at - 2] in table and table[typed[at - 2]].takes_value:
            return table[typed[at - 2]].names[0], before
    return None


class _SpecCommand(TyperCommand):
    """A command whose arguments show as the spec writes them (_SpecArgument), and whose
    words left over are said in partyintl's words (extra_words)."""

    spec_command: Command

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True
        typed = list(args)  # as given: click's parser takes the list apart
        left: list[str] = super().parse_args(ctx, args)
        if left and not ctx.resilient_parsing:
            ctx.fail(extra_words(self.spec_command, ctx.params, left, typed))
        return left

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if type(param) is TyperArgument:
                param.__class__ = _SpecArgument
        return params


def build_app(spec: Spec = SPEC) -> typer.Typer:
    """The Typer app of a spec: its root options, then one command per spec command."""
    built = typer.Typer(
        name=spec.name,
        help=f"{spec.help}\n\n{_examples(spec.examples)}",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        add_completion=False,
        context_settings={"help_option_names": list(spec.help_names)},
    )
    built.callback()(_root_function(spec))
    for cmd in spec.commands:
        cls = type(f"_{cmd.function}Command", (_SpecCommand,), {"spec_command": cmd})
        built.command(cmd.name, cls=cls, help=cmd.help, epilog=_examples(cmd.examples))(
            _command_function(cmd)
        )
    return built


app = build_app()

#: Errors of a write to stdout that mean the output cannot be delivered in full.
_OUTPUT_ERRNOS = (errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG)


def _command_path(ctx: Any, argv: list[str], spec: Spec) -> str:
    """The command a usage error is about: its context's, or, when click raised it
    without one (an option given no value: `partners -c`), the command word typed."""
    if ctx is not None and ctx.command_path != spec.name:
        return str(ctx.command_path)
    from .argv import root_end

    start = root_end(argv, spec)
    if start < len(argv) and spec.command(argv[start]) is not None:
        return f"{spec.name} {argv[start]}"
    return spec.name


def _suggesting_globals(exc: Any, argv: list[str], movable: dict[str, Any]) -> Any:
    """click's NoSuchOption, its suggestions drawn by partyintl's one rule (data/suggest.py:
    a few edits, by the option's length) in its own words ("Did you mean --country?"),
    from the command's options and the global ones that may follow it, so a misspelt
    `--no-colour` or `--dta` after the command finds its option as it does before it; an
    option that goes only before the command (`partners --version`) is said to. (click
    suggested by difflib: `--nope` was "Possible options: --names".)"""
    from typer._click.exceptions import NoSuchOption

    from ..data.suggest import close_matches
    from .argv import option_table, root_end

    start = root_end(argv, SPEC)
    command = SPEC.command(argv[start]) if start < len(argv) else None
    name = exc.option_name
    if command is not None and name in option_table(SPEC.root) and name not in movable:
        # An option of partyintl itself that only goes before the command (--version,
        # --show-completion): say where it goes rather than what it might have meant.
        return NoSuchOption(
            name,
            message=(
                f"{name} is an option of partyintl itself, not of '{command.name}': give it "
                f"before the command (partyintl {name})."
            ),
            ctx=exc.ctx,
        )
    # The options of partyintl itself too (--version): the answer then says where it goes.
    names = [
        *(option_table(command.options) if command is not None else ()),
        *(n for n in option_table(SPEC.root) if n.startswith("--")),
    ]
    close = close_matches(name, [n for n in names if n.startswith("--")] or names)
    guess = f" Did you mean {' or '.join(close)}?" if close else ""
    return NoSuchOption(name, message=f"No such option: {name}.{guess}", ctx=exc.ctx)


def _command_in_any_case(message: str, argv: list[str]) -> str:
    """click's "No such command" with partyintl's suggestions (data/suggest.py): a command
    typed in capitals (`PARTNERS`), which click's suggestions miss (they compare case),
    finds the command it is close to, whatever the case."""
    from ..data.suggest import close_matches
    from .argv import root_end

    start = root_end(argv, SPEC)
    word = argv[start] if start < len(argv) else ""
    names = next(o.names for o in SPEC.root if o.dest == "data")
    last = argv[start - 1] if start >= 1 else ""
    after_data = (start >= 2 and argv[start - 2] in names) or last.startswith(
        tuple(f"{n}=" for n in names if n.startswith("--"))
    )
    if after_data and os.path.lexists(word):
        # `--data dir/*.json partners`: the shell gave the option one file, the rest here
        data = flag("data")
        return (
            message.rstrip(".") + f": it is a file, after {data}, which takes one. Give "
            f"{data} once for each file ({data} a.json {data} b.json), or {data} FOLDER "
            "for every file of a folder."
        )
    close = close_matches(word, [c.name for c in SPEC.commands])
    if not close:
        return message
    return message.rstrip(".") + ". Did you mean " + " or ".join(f"{c!r}" for c in close) + "?"


def main(argv: list[str], built: typer.Typer | None = None) -> int:
    """Run the Typer command line on normalised arguments and return the exit code."""
    from typer._click.exceptions import (
        ClickException,
        NoArgsIsHelpError,
        NoSuchOption,
        UsageError,
    )

    from .argv import option_table

    target = app if built is None else built
    movable = option_table(SPEC.movable)

    def call() -> int:
        try:
            result: Any = target(args=argv, prog_name="partyintl", standalone_mode=False)
        except typer.Exit as exc:
            return int(exc.exit_code)
        except NoArgsIsHelpError as exc:
            exc.show()
            return ExitCode.OK
        except UsageError as exc:
            message = exc.format_message()
            if isinstance(exc, NoSuchOption) and exc.option_name in movable:
                # A global option last on the line, without its value (`partners --data`).
                message = f"Option '{exc.option_name}' requires an argument."
            elif isinstance(exc, NoSuchOption):
                # After a command the global options are valid too: suggest them as well
                # (`partners --no-colour` suggested --country).
                message = _suggesting_globals(exc, argv, movable).format_message()
            elif message.startswith("No such command") and "Did you mean" not in message:
                message = _command_in_any_case(message, argv)
            where = _command_path(exc.ctx, argv, SPEC)
            raise errors.UsageError(message, hint=usage_hint(where)) from None
        except ClickException as exc:
            raise errors.UsageError(exc.format_message()) from None
        except typer.Abort:
            raise KeyboardInterrupt from None
        except OSError as exc:  # click writing help or a message to a full or closed stdout
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            raise OutputError("standard output", exc) from None
        return int(result) if isinstance(result, int) else ExitCode.OK

    return guarded(call, debug_wanted(flag("debug") in argv))
