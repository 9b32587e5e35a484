"""The command line: parse -> call the library -> render; one place maps errors to exit codes."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__, query
from .dataset import ENV_VAR, MAX_REPORTED, Dataset, load_dataset
from .errors import DatasetError, ExitCode, PartyintlError, UsageError
from .render import OutputFormat, RenderContext, View, render, stdout_is_terminal, views

app = typer.Typer(
    name="partyintl",
    help="Query A JUST RUSSIA's international relations: partners, memberships, people, "
    "events and contacts.\n\nExample: partyintl partners --country Germany",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """Global options, shared by every command through the context."""

    data: Path | None = None
    no_color: bool = False
    debug: bool = False


class PartnerType(str, Enum):
    """The partner types a user can filter on."""

    PARTY = "party"
    INTERNATIONAL = "international"
    NPO = "npo"


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
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        is_flag=False,
        flag_value="",
        autocompletion=_complete_fields,
        help="Comma-separated fields to output, in order; alone, list the fields.",
    ),
]


@dataclass(frozen=True)
class Output:
    """How the user asked for output."""

    fmt: OutputFormat | None
    json: bool
    fields: str | None


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
    ctx.obj = Settings(data, no_color, debug)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def _load(ctx: typer.Context) -> Dataset:
    return load_dataset(_settings(ctx).data)


def render_context(no_color: bool = False) -> RenderContext:
    """Where output is going: a terminal or not, colour or not, how wide, which characters."""
    terminal = stdout_is_terminal()
    color = (
        terminal
        and not no_color
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    width = shutil.get_terminal_size(fallback=(100, 24)).columns
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    return RenderContext(
        terminal=terminal, color=color, width=max(width, 20), ascii=not encoding.startswith("utf")
    )


def emit(ctx: typer.Context, view: View, out: Output) -> None:
    """Render a view in the chosen format and write it to stdout; notes go to stderr."""
    rctx = render_context(_settings(ctx).no_color)
    fmt = OutputFormat.JSON if out.json else out.fmt
    if fmt is None:
        fmt = OutputFormat.TABLE if rctx.terminal else OutputFormat.PLAIN
    if out.fields is not None:
        valid = view.valid_fields()
        if not out.fields.strip():
            view = views.fields_view(valid)
        else:
            wanted = [f.strip() for f in out.fields.split(",") if f.strip()]
            query.pick_fields(view.records, wanted, valid)
            view = view.with_fields(wanted)
    write(render(view, fmt, rctx), machine=fmt not in (OutputFormat.TABLE,))
    if not view.records and fmt in (OutputFormat.TABLE, OutputFormat.PLAIN, OutputFormat.TSV):
        note(view.empty_note)


def write(text: str, machine: bool) -> None:
    """Write to stdout: machine formats always as UTF-8, human text in the terminal's encoding."""
    encoding = "utf-8" if machine else (getattr(sys.stdout, "encoding", None) or "utf-8")
    data = text.encode(encoding, errors="replace")
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is None:
            sys.stdout.write(data.decode(encoding))
        else:
            sys.stdout.flush()
            buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) has gone: that is the reader's choice, not an error.
        _silence_stdout()
        raise typer.Exit(ExitCode.OK) from None


def note(message: str) -> None:
    """A message for people, on stderr, never interpreted as markup."""
    from .render import escape_control

    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    text = escape_control(message)
    sys.stderr.write(text.encode(encoding, "replace").decode(encoding) + "\n")


@app.command()
def partners(
    ctx: typer.Context,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            "-c",
            autocompletion=_complete_countries,
            help="Country: name, ISO alpha-2/alpha-3 code or common name (repeatable).",
        ),
    ] = None,
    type_: Annotated[
        list[PartnerType] | None,
        typer.Option(
            "--type", "-t", case_sensitive=False, help="party, international or npo (repeatable)."
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region", help="Transnational bodies of a region and the partners in its countries."
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Text in names, other names and notes (accent-insensitive)."
        ),
    ] = None,
    sort: Annotated[
        query.SortKey, typer.Option("--sort", case_sensitive=False, help="Order of the list.")
    ] = query.SortKey.SOURCE,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="At most this many partners.")
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
    found = query.filter_partners(_load(ctx), flt)
    emit(
        ctx,
        views.partners_view([query.partner_record(o) for o in found]),
        Output(fmt, json_, fields),
    )


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
    ds = _load(ctx)
    record = query.show_org(ds, query.find_org(ds, partner))
    emit(ctx, views.show_view(record), Output(fmt, json_, fields))


@app.command()
def countries(
    ctx: typer.Context,
    type_: Annotated[
        list[PartnerType] | None,
        typer.Option(
            "--type", "-t", case_sensitive=False, help="Count only these types (repeatable)."
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """How many partners each country and region has, split by type.

    Example: partyintl countries --type party
    """
    flt = query.PartnerFilter(types=tuple(t.value for t in type_ or ()))
    emit(
        ctx, views.countries_view(query.country_counts(_load(ctx), flt)), Output(fmt, json_, fields)
    )


@app.command()
def timeline(
    ctx: typer.Context,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            autocompletion=_complete_partners,
            help="Only what concerns this organisation, e.g. SI.",
        ),
    ] = None,
    since: Annotated[int | None, typer.Option("--since", help="From this year on.")] = None,
    until: Annotated[int | None, typer.Option("--until", help="Up to this year.")] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Status changes, events and appointments in date order, then the undated ones.

    Example: partyintl timeline --org SI --since 2010
    """
    ds = _load(ctx)
    records = query.timeline(ds, query.TimelineFilter(org, since, until))
    bands = query.status_bands(ds)
    if org and query.find_org(ds, org).id not in ("socialist-international", "a-just-russia"):
        bands = []
    emit(
        ctx,
        views.timeline_view(records, bands, ds.name_of("socialist-international")),
        Output(fmt, json_, fields),
    )


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
    emit(ctx, views.people_view(query.people(_load(ctx))), Output(fmt, json_, fields))


@app.command()
def contacts(
    ctx: typer.Context,
    lang: Annotated[
        Lang, typer.Option("--lang", case_sensitive=False, help="Language of the labels.")
    ] = Lang.EN,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """The party's phones, fax and website, with any restriction.

    Example: partyintl contacts --lang ru
    """
    emit(
        ctx, views.contacts_view(query.contacts(_load(ctx), lang.value)), Output(fmt, json_, fields)
    )


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="popolo (JSON) or graphml."),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Export the whole dataset as Popolo JSON or as a GraphML network.

    Example: partyintl export --format graphml -o network.graphml
    """
    from . import export as exporter

    ds = _load(ctx)
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
    ds = load_dataset(path if path is not None else _settings(ctx).data)
    d = ds.data
    periods = sum(len(m.periods) for m in d.memberships)
    write(
        f"{ds.path}: valid: {len(d.partners)} partners, {len(d.organizations)} other "
        f"organisations, {len(d.memberships)} memberships ({periods} status periods), "
        f"{len(d.events)} events, {len(d.people)} people, {len(d.contacts)} contacts\n",
        machine=True,
    )


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


def report(exc: PartyintlError) -> None:
    """Tell the user what went wrong, where, and what to do."""
    if isinstance(exc, DatasetError):
        note(f"partyintl: error: {exc.summary()}")
        for problem in exc.problems[:MAX_REPORTED]:
            note(f"  {problem.describe()}")
        rest = len(exc.problems) - MAX_REPORTED
        if rest > 0:
            note(f"  ... and {rest} more")
        if exc.hint:
            note(exc.hint)
    elif isinstance(exc, UsageError):
        note(f"partyintl: error: {exc.message}")
        if exc.suggestions and exc.label == "Did you mean":
            note("Did you mean " + " or ".join(f"'{s}'" for s in exc.suggestions) + "?")
        elif exc.suggestions:
            note(f"{exc.label}:")
            for s in exc.suggestions[:MAX_REPORTED]:
                note(f"  {s}")
            if len(exc.suggestions) > MAX_REPORTED:
                note(f"  ... and {len(exc.suggestions) - MAX_REPORTED} more")
    else:
        note(f"partyintl: error: {exc}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; the one place errors become codes."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    args = _bare_fields(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("PARTYINTL_DEBUG", "") not in ("", "0")
    try:
        result: Any = app(args=args, prog_name="partyintl", standalone_mode=False)
        code = int(result) if isinstance(result, int) else ExitCode.OK
        if code == ExitCode.INTERRUPTED:  # Typer turns KeyboardInterrupt into Exit(130)
            note("partyintl: interrupted")
        return code
    except PartyintlError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        report(exc)
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code)
    except NoArgsIsHelpError as exc:
        exc.show()
        return ExitCode.OK
    except ClickException as exc:
        exc.show()
        return ExitCode.USAGE
    except (KeyboardInterrupt, typer.Abort):
        note("partyintl: interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except Exception as exc:  # a bug: say so briefly; --debug shows where
        if debug:
            raise
        note(f"partyintl: internal error: {type(exc).__name__}: {exc}")
        note("Run again with --debug for the traceback, and report it.")
        return ExitCode.DATA


def _bare_fields(args: list[str]) -> list[str]:
    """`--fields` with no value (last, or before another option) asks for the field list."""
    out = list(args)
    for i, arg in enumerate(out):
        if arg == "--":
            break
        if arg == "--fields" and (i + 1 == len(out) or out[i + 1].startswith("-")):
            out[i] = "--fields="
    return out


def _silence_stdout() -> None:
    """After the reader has gone, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
