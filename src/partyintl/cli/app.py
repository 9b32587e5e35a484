"""The command line, declared once: every command, option, alias, default and help text.

Each command's body is in ../commands.py and is called with the parsed values by name.
scripts/gen_static.py reads this app's click objects into _spec.py, which the fast
interpreter (interpret.py) follows; tests/test_static.py fails when _spec.py is stale.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from .. import commands
from .._version import __version__
from ..data.enums import ContactLang, PartnerType
from ..data.load import ENV_VAR
from ..data.regions import regions
from ..errors import ExitCode, OutputError
from ..export import ExportFormat
from ..output import Settings
from ..process import debug_wanted, guarded, note
from ..query import MAX_SEARCH, SortKey
from ..render import OutputFormat
from . import values

app = typer.Typer(
    name="partyintl",
    help="Query a party's international relations: partners, memberships, people, "
    "events and contacts (bundled: A JUST RUSSIA).\n\n"
    "Examples:\n\n"
    "  partyintl partners --country Germany\n\n"
    "  partyintl --data other-party.json timeline --json",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _parser(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A values.* parser as Typer calls it: a bad value becomes click's BadParameter."""

    def typer_parse(raw: str) -> Any:
        try:
            return parse(raw)
        except values.BadValue as exc:
            raise typer.BadParameter(str(exc)) from None

    typer_parse.__wrapped__ = parse  # type: ignore[attr-defined]
    return typer_parse


def _complete(kind: str) -> Callable[..., list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from . import completion

        return completion.values_for(kind, ctx.info_name or "", incomplete)

    return complete


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=_parser(values.output_format),
        help=f"Output format: {values.allowed(OutputFormat)} "
        "(default: table on a terminal, plain when piped; csv-excel is CSV for spreadsheets, "
        "formulas neutralised; svg, html and png are figures).",
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        parser=_parser(values.partner_type),
        help=f"Only partners of this type: {values.allowed(PartnerType)} (repeatable).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="[A,B,C]",
        autocompletion=_complete("fields"),
        help="Comma-separated fields to output, in order; alone, list the fields.",
    ),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"partyintl {__version__}\n")
        raise typer.Exit()


def _show_completion(value: str | None) -> None:
    if value is not None:
        from . import completion

        sys.stdout.write(completion.script(value or completion.detect_shell()) + "\n")
        raise typer.Exit()


def _install_completion(value: str | None) -> None:
    if value is not None:
        from . import completion

        shell, path = completion.install(value or completion.detect_shell())
        note(f"{shell} completion installed in {path}; open a new shell to use it.")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help=f"Data file to query instead of the bundled dataset (or set {ENV_VAR}); "
            "also after the command.",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Never use colour (also after the command).")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show tracebacks of errors (also PARTYINTL_DEBUG=1)."),
    ] = False,
    names: Annotated[
        str,
        typer.Option(
            "--names",
            metavar="STYLE",
            parser=_parser(values.name_style),
            help=f"Names in tables and pictures: {values.allowed(values.NameStyle)} "
            "(source: as the page gives them; usual: the usual English names from Party "
            "Facts and Wikidata where known). Also after the command.",
        ),
    ] = values.NameStyle.SOURCE.value,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help="Print the version and exit."
        ),
    ] = False,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            is_eager=True,
            parser=_parser(values.shell),
            callback=_install_completion,
            help=f"Install completion for {values.allowed(values.Shell)} "
            "(default: the shell you are in).",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            is_eager=True,
            parser=_parser(values.shell),
            callback=_show_completion,
            help="Print the completion script for a shell (default: the shell you are in).",
        ),
    ] = None,
) -> None:
    ctx.obj = Settings(data, no_color, debug, names)


def _run(ctx: typer.Context) -> None:
    """Call the command body of the same name with the parsed values."""
    obj = ctx.find_root().obj
    settings = obj if isinstance(obj, Settings) else Settings()
    body = getattr(commands, ctx.command.name or "")
    body(settings, **ctx.params)


@app.command(
    epilog="Examples:\n\n  partyintl partners --country Germany --type npo\n\n"
    "  partyintl partners --search labour --sort name --json"
)
def partners(
    ctx: typer.Context,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            "-c",
            metavar="COUNTRY",
            autocompletion=_complete("country"),
            help="Country: name, ISO alpha-2/alpha-3 code or common name (repeatable).",
        ),
    ] = None,
    type_: TypeOpt = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            autocompletion=_complete("region"),
            help="Transnational bodies of a region and the partners in its countries: "
            f"{', '.join(regions())} (see the regions command).",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Text in names, other names and notes (accent-insensitive; up to "
            f"{MAX_SEARCH:,} characters).",
        ),
    ] = None,
    ideology: Annotated[
        list[str] | None,
        typer.Option(
            "--ideology",
            metavar="TAG",
            help="Only partners with this position or ideology tag (Wikipedia, via Party "
            "Facts), e.g. far-right, communism (repeatable; any of them).",
        ),
    ] = None,
    left_right: Annotated[
        str | None,
        typer.Option(
            "--left-right",
            metavar="MIN..MAX",
            parser=_parser(values.score_range),
            help="Only partners whose left-right score lies in this range (-2.5 far left to "
            "2.5 far right; an end may be left open: 1.5..). Partners without one are left out.",
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="ORDER",
            parser=_parser(values.sort_key),
            help=f"Order of the list: {values.allowed(SortKey)}.",
        ),
    ] = SortKey.SOURCE.value,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            parser=_parser(values.count),
            help="At most this many partners.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """List the party's foreign partners, filtered and sorted."""
    _run(ctx)


@app.command(
    epilog='Examples:\n\n  partyintl show "Socialist International"\n\n  partyintl show Mironov'
)
def show(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            autocompletion=_complete("partner"),
            help="An id, a name, another name or a unique part of one: a partner or "
            "other organisation, a person, or an event (e.g. '24th Congress', Leipzig).",
        ),
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Everything known about one organisation, person or event."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl countries --type party\n\n  partyintl countries --format csv"
)
def countries(
    ctx: typer.Context,
    type_: TypeOpt = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """How many partners each country and region has, split by type."""
    _run(ctx)


@app.command(
    "map",
    epilog="Examples:\n\n  partyintl map --format svg > map.svg\n\n"
    "  partyintl map --type party --format png > map.png",
)
def map_(
    ctx: typer.Context,
    type_: TypeOpt = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """A world map of the partners' countries (on a terminal, the table it is drawn from)."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl graph --format svg > network.svg\n\n"
    "  partyintl graph --format csv"
)
def graph(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """The party's network: partners, internationals and people (a figure in svg or png)."""
    _run(ctx)


@app.command(epilog="Examples:\n\n  partyintl spectrum\n\n  partyintl spectrum --type party --json")
def spectrum(
    ctx: typer.Context,
    type_: TypeOpt = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region", metavar="REGION", help="Only partners of this region (see regions)."
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """The party and its partners on the left-right scale; those without a score apart."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl timeline --org SI --since 2010\n\n"
    "  partyintl timeline --until 2009 --json"
)
def timeline(
    ctx: typer.Context,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            metavar="ORG",
            autocompletion=_complete("partner"),
            help="Only what concerns this organisation, e.g. SI.",
        ),
    ] = None,
    since: Annotated[
        int | None,
        typer.Option(
            "--since",
            metavar="YEAR",
            parser=_parser(values.year),
            help="Entries that overlap this year or a later one: an event until its end, a "
            "status until the next replaces it (the last runs onwards). Undated ones are left "
            "out.",
        ),
    ] = None,
    until: Annotated[
        int | None,
        typer.Option(
            "--until",
            metavar="YEAR",
            parser=_parser(values.year),
            help="Entries that begin in this year or earlier. With --since, what overlaps "
            "the years between, both included.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Status changes, events and appointments in date order, then the undated ones."""
    _run(ctx)


@app.command(epilog="Examples:\n\n  partyintl people\n\n  partyintl people Levichev --json")
def people(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="Only the person with this id, name or part of a name.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Everybody the source names (or one of them): posts, delegations led, events."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl contacts --lang ru\n\n  partyintl contacts --format csv"
)
def contacts(
    ctx: typer.Context,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="LANG",
            parser=_parser(values.contact_lang),
            autocompletion=_complete("lang"),
            help=f"Language of the labels: {values.allowed(ContactLang)}.",
        ),
    ] = ContactLang.EN.value,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """The party's phones, fax and website, with any restriction."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl report -o report.html\n\n"
    "  partyintl --data other-party.json report -o other.html"
)
def report(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the page to this file (atomically) instead of stdout.",
        ),
    ] = None,
) -> None:
    """One self-contained HTML page: figures, partner table, people, contacts, sources."""
    _run(ctx)


@app.command(
    "regions",
    epilog="Examples:\n\n  partyintl regions\n\n  partyintl regions --format json",
)
def regions_(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """The regions --region knows: unions as of the page's date, and continents."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl export --format sqlite -o partyintl.db\n\n"
    "  partyintl export --format popolo > popolo.json"
)
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=_parser(values.export_format),
            help=f"Export format: {values.allowed(ExportFormat)}.",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (atomically) instead of stdout; for datapackage, "
            "a new or empty folder. sqlite and datapackage need it.",
        ),
    ] = None,
) -> None:
    """Export the whole dataset: Popolo JSON, a GraphML network, SQLite or a Data Package."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl validate my-party.json\n\n"
    "  PARTYINTL_DATA=my-party.json partyintl validate"
)
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Data file to check (default: --data, PARTYINTL_DATA or the bundled one).",
        ),
    ] = None,
) -> None:
    """Check a data file in full and report every problem."""
    _run(ctx)


@app.command(
    epilog="Examples:\n\n  partyintl schema > partners.schema.json\n\n"
    "  partyintl schema | jq '.properties | keys'"
)
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the data file, generated from the models."""
    _run(ctx)


#: Errors of a write to stdout that mean the output cannot be delivered in full.
_OUTPUT_ERRNOS = (errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG)


def usage_hint(command_path: str) -> str:
    """The hint under every usage error: where the help is."""
    return f"Try '{command_path} --help' for help."


def main(argv: list[str]) -> int:
    """Run the Typer command line on normalised arguments and return the exit code."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    def call() -> int:
        try:
            result: Any = app(args=argv, prog_name="partyintl", standalone_mode=False)
        except typer.Exit as exc:
            return int(exc.exit_code)
        except NoArgsIsHelpError as exc:
            exc.show()
            return ExitCode.OK
        except UsageError as exc:
            note(f"partyintl: error: {exc.format_message()}")
            note(usage_hint(exc.ctx.command_path if exc.ctx is not None else "partyintl"))
            return ExitCode.USAGE
        except ClickException as exc:
            note(f"partyintl: error: {exc.format_message()}")
            return ExitCode.USAGE
        except typer.Abort:
            raise KeyboardInterrupt from None
        except OSError as exc:  # click writing help or a message to a full or closed stdout
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            raise OutputError("standard output", exc) from None
        return int(result) if isinstance(result, int) else ExitCode.OK

    return guarded(call, debug_wanted("--debug" in argv))
