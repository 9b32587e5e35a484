"""The Typer command line: options and help; bodies are in commands.py, errors in output.py."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import commands, query
from ._version import __version__
from .dataset import ENV_VAR
from .enums import PartnerType
from .errors import ExitCode, UsageError
from .fast import bare_fields
from .output import Output, Settings, debug_wanted, guarded, note, write
from .render import OutputFormat

app = typer.Typer(
    name="partyintl",
    help="Query A JUST RUSSIA's international relations: partners, memberships, people, "
    "events and contacts.\n\nExample: partyintl partners --country Germany",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ExportFormat(str, Enum):
    """Formats of a whole-dataset export."""

    POPOLO = "popolo"
    GRAPHML = "graphml"


class Lang(str, Enum):
    """Languages of the contact labels."""

    EN = "en"
    RU = "ru"


def _complete_countries(incomplete: str) -> list[str]:
    from .completion import countries

    return countries(incomplete)


def _complete_partners(incomplete: str) -> list[str]:
    from .completion import partners

    return partners(incomplete)


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    from .completion import fields

    return fields(ctx.info_name or "", incomplete)


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format (default: table on a terminal, plain when piped).",
    ),
]
TypeOpt = Annotated[
    list[PartnerType] | None,
    typer.Option(
        "--type",
        "-t",
        case_sensitive=False,
        metavar="TYPE",
        help="Only partners of this type: party, international or npo (repeatable).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        autocompletion=_complete_fields,
        help="Comma-separated fields to output, in order; alone, list the fields.",
    ),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"partyintl {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="PATH",
            envvar=ENV_VAR,
            dir_okay=True,
            show_envvar=True,
            help="Data file to query instead of the bundled dataset.",
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour.")] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of errors (also PARTYINTL_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Query A JUST RUSSIA's international relations.

    Example: partyintl partners --country Germany
    """
    ctx.obj = Settings(str(data) if data is not None else None, no_color, debug)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


@app.command()
def partners(
    ctx: typer.Context,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            "-c",
            metavar="COUNTRY",
            autocompletion=_complete_countries,
            help="Country: name, ISO alpha-2/alpha-3 code or common name (repeatable).",
        ),
    ] = None,
    type_: TypeOpt = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="Transnational bodies of a region and the partners in its countries.",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Text in names, other names and notes (accent-insensitive).",
        ),
    ] = None,
    sort: Annotated[
        query.SortKey,
        typer.Option("--sort", case_sensitive=False, metavar="ORDER", help="Order of the list."),
    ] = query.SortKey.SOURCE,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, metavar="N", help="At most this many partners."),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """List the party's foreign partners, filtered and sorted.

    Example: partyintl partners --country de --type npo
    """
    flt = query.PartnerFilter(
        tuple(country or ()), tuple(t.value for t in type_ or ()), region, search, sort, limit
    )
    commands.partners(_settings(ctx), flt, Output(fmt, json_, fields))


@app.command()
def show(
    ctx: typer.Context,
    partner: Annotated[
        str,
        typer.Argument(
            autocompletion=_complete_partners, help="An id, a name or a unique part of a name."
        ),
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Everything known about one partner or organisation.

    Example: partyintl show "Socialist International"
    """
    commands.show(_settings(ctx), partner, Output(fmt, json_, fields))


@app.command()
def countries(
    ctx: typer.Context,
    type_: TypeOpt = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """How many partners each country and region has, split by type.

    Example: partyintl countries --type party
    """
    types = tuple(t.value for t in type_ or ())
    commands.countries(_settings(ctx), types, Output(fmt, json_, fields))


@app.command()
def timeline(
    ctx: typer.Context,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            metavar="ORG",
            autocompletion=_complete_partners,
            help="Only what concerns this organisation, e.g. SI.",
        ),
    ] = None,
    since: Annotated[
        int | None, typer.Option("--since", metavar="YEAR", help="From this year on.")
    ] = None,
    until: Annotated[
        int | None, typer.Option("--until", metavar="YEAR", help="Up to this year.")
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Status changes, events and appointments in date order, then the undated ones.

    Example: partyintl timeline --org SI --since 2010
    """
    flt = query.TimelineFilter(org, since, until)
    commands.timeline(_settings(ctx), flt, Output(fmt, json_, fields))


@app.command()
def people(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Everybody the source names: posts, delegations led, events.

    Example: partyintl people --json
    """
    commands.people(_settings(ctx), Output(fmt, json_, fields))


@app.command()
def contacts(
    ctx: typer.Context,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang", case_sensitive=False, metavar="LANG", help="Language of the labels."
        ),
    ] = Lang.EN,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """The party's phones, fax and website, with any restriction.

    Example: partyintl contacts --lang ru
    """
    commands.contacts(_settings(ctx), lang.value, Output(fmt, json_, fields))


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            metavar="FORMAT",
            help="popolo (JSON) or graphml.",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (atomically) instead of stdout.",
        ),
    ] = None,
) -> None:
    """Export the whole dataset as Popolo JSON or as a GraphML network.

    Example: partyintl export --format graphml -o network.graphml
    """
    from . import export as exporter

    ds = commands.load(_settings(ctx))
    if fmt is ExportFormat.POPOLO:
        import json

        text = json.dumps(exporter.to_popolo(ds), ensure_ascii=False, indent=2) + "\n"
    else:
        text = exporter.to_graphml(ds)
    if output is None or output == "-":
        write(text, machine=True)
        return
    try:
        exporter.write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    note(f"Wrote {output}")


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Data file to check (default: --data, PARTYINTL_DATA or the bundled one)."
        ),
    ] = None,
) -> None:
    """Check a data file in full and report every problem.

    Example: partyintl validate my-partners.json
    """
    from .dataset import load_dataset

    ds = load_dataset(str(path) if path is not None else _settings(ctx).data, full=True)
    write(f"{ds.path}: valid: {ds.summary()}\n", machine=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the data file, generated from the models.

    Example: partyintl schema > partners.schema.json
    """
    import json

    from .models import DatasetFile

    write(
        json.dumps(DatasetFile.model_json_schema(), ensure_ascii=False, indent=2) + "\n",
        machine=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the Typer command line and return its exit code."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    args = bare_fields(sys.argv[1:] if argv is None else argv)

    def call() -> int:
        try:
            result: Any = app(args=args, prog_name="partyintl", standalone_mode=False)
        except typer.Exit as exc:
            return int(exc.exit_code)
        except NoArgsIsHelpError as exc:
            exc.show()
            return ExitCode.OK
        except ClickException as exc:
            exc.show()
            return ExitCode.USAGE
        except typer.Abort:
            raise KeyboardInterrupt from None
        return int(result) if isinstance(result, int) else ExitCode.OK

    return guarded(call, debug_wanted("--debug" in args))
