"""Every command's body: load -> query -> render or export. Both command lines call these.

Each function takes the global Settings and the command's parsed options by the names the
Typer app (cli/app.py) gives them; values arrive already checked by cli/values.py.
"""

from __future__ import annotations

from . import query
from .answer import (
    KEPT_FORMS,
    Output,
    Settings,
    deliver,
    emit,
    emit_texts,
    footnotes_shown,
    kept_format,
    record_texts,
)
from .cli.spec import flag, reads
from .errors import UsageError
from .lifecycle import note_wrapped
from .streams import note, write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .collection import Collection
    from .data.load import Dataset
    from .query.records import PartnerRecord
    from .render.report import ReportContent
    from .render.view import View


def _split(values: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """Repeated values and comma-separated ones alike: `-t party -t npo` = `-t party,npo`."""
    return tuple(part for value in values or () for part in value.split(",") if part)


def answer(
    settings: Settings,
    ds: Dataset,
    view: View,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    about: str = "",
    output: str | None = None,
) -> None:
    """Write a command's view as asked, to stdout or to the file of `-o`. Figures and
    documents carry the dataset's source line and a title naming the party and the
    question (`about`: "partners in CIS")."""
    refuse_data_file(output, ds.path, settings)
    if about:
        party = ds.raw["party"]
        usual = usual_wanted(settings, fmt, json_, output)
        view = view._replace(
            caption=f"{query.usual_name(party) if usual else party['name']}: {about}"
        )
    emit(settings, view, Output(fmt, json_, fields, output), query.source_line(ds))


def usual_wanted(settings: Settings, fmt: str | None, json_: bool, output: str | None) -> bool:
    """Whether an answer shows organisations by their usual names: --names usual, in a
    format for people (render.view.FOR_PEOPLE: a table, SVG, PNG, HTML, Markdown); JSON,
    CSV and plain text keep the source's names."""
    if settings.names != "usual":
        return False
    from .answer import Output, chosen_format, render_context
    from .render.view import FOR_PEOPLE

    out = Output(fmt, json_, None, output)
    return chosen_format(out, render_context(settings.no_color, "", out.to_file)) in FOR_PEOPLE


def as_shown(
    settings: Settings, ds: Dataset, fmt: str | None, json_: bool, output: str | None
) -> Dataset:
    """The dataset a figure or table is drawn from: each organisation by its usual name
    when usual_wanted (query.usual_named), else `ds` itself."""
    return query.usual_named(ds) if usual_wanted(settings, fmt, json_, output) else ds


def refuse_data_file(
    output: str | None, data_path: str | None, settings: Settings | None = None
) -> None:
    """A usage error when `-o` names the data file being read, or (with the `settings`)
    any other data file read beside it (a second --data, PARTYINTL_DATA's list) or a
    `.json` file in a folder the data is read from; nothing is written."""
    if output is not None and output != "-":
        from .collection import refuse_output_in_folder, resolve
        from .export import files

        files.refuse_data_file(output, data_path)
        if settings is not None:
            for entry in resolve(settings.data):
                files.refuse_data_file(output, entry.path)
            refuse_output_in_folder(output, settings.data)


def refuse_reads(command: str, output: str | None, **given: str | None) -> None:
    """A usage error, before anything is read or written, when `-o` names a file the
    command reads: each argument and option that cli/spec.py marks with what it `reads`
    (its value given here by its dest), a folder by the files the command reads in it.
    Also a usage error when two of them are standard input (`link - --apply -`)."""
    from .cli.spec import SPEC, Argument, Option

    found = SPEC.command(command)
    assert found is not None
    params: tuple[Argument | Option, ...] = (*found.arguments, *found.options)
    from .filenames import STDIN

    piped = [p.reads for p in params if p.reads and given.get(p.dest) == STDIN]
    if len(piped) > 1:
        raise UsageError(
            f"{' and '.join(piped)} are both given as '{STDIN}': standard input is one file; give "
            "all but one of them as files."
        )
    if output is None or output == "-":
        return
    from .export import files

    inputs: list[tuple[str | None, str]] = []
    for param in params:
        path = given.get(param.dest)
        if not param.reads or path is None:
            continue
        if param.dest == "partyfacts":
            from .link.snapshot import files_read

            inputs += [(p, param.reads) for p in files_read(path)]
        else:
            inputs.append((path, param.reads))
    files.refuse_inputs(output, inputs)


def load(settings: Settings) -> Dataset:
    """The dataset the user asked for (--data, PARTYINTL_DATA or the bundled one). With
    several files (or a folder), the first one's, with its party's memberships from every
    file loaded (collection/augment.py)."""
    from .collection import single_file
    from .data.load import load_dataset

    single = single_file(settings.data)
    if single is not None:
        from .collection import Collection, resolve

        # A collection store here is refused as load_dataset refuses any SQLite file.
        ds = load_dataset(single or None, origin=flag("data") if settings.data else "")
        # `LABEL:ID` (or the file's name or path for LABEL) as answers print keys.
        ds.label = resolve(settings.data)[0].label
        ds.file_labels = Collection([ds], [ds.label]).file_labels
        return ds
    from .collection.augment import augmented

    coll = load_collection(settings)
    return augmented(coll) if len(coll.datasets) > 1 else coll.main


def load_collection(settings: Settings) -> Collection:
    """Every data file the user asked for, as a collection."""
    from .collection import load_collection as loaded

    return loaded(settings.data)


def partners(
    settings: Settings,
    *,
    country: tuple[str, ...] | list[str] | None,
    type_: tuple[str, ...] | list[str] | None,
    region: str | None,
    search: str | None,
    ideology: tuple[str, ...] | list[str] | None,
    left_right: str | None,
    sort: str,
    limit: int | None,
    member_of: str | None = None,
    as_of: str | None = None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The partner list; with --member-of, their statuses in an international."""
    from .render import views

    if as_of is not None and member_of is None:
        raise UsageError(
            f"{flag('as_of', 'partners')} dates the statuses of {flag('member_of', 'partners')}: "
            f"give {flag('member_of', 'partners')} ORG too."
        )
    if as_of is not None:
        from .data import dates

        if dates.doubted(as_of):
            plain = "".join(c for c in as_of if c not in dates.QUALIFIERS)
            raise UsageError(
                f"{flag('as_of', 'partners')} {as_of}: the date asked about cannot be "
                f"uncertain or approximate ({', '.join(dates.QUALIFIERS)}): give {plain}, or an "
                "interval of every day it may mean (2015/2017)."
            )

    flt = query.PartnerFilter(
        tuple(country or ()),
        _split(type_),
        region,
        search,
        query.SortKey(sort),
        limit,
        _split(ideology),
        query.score_bounds(left_right) if left_right else None,
    )
    if flt.left_right is not None and (outside := query.off_the_scale(flt.left_right)):
        note(f"{flag('left_right', 'partners')} {left_right}: {outside}")
    if member_of is not None:
        from .collection.run import member_of as members

        # Every partner the other filters keep, in the order asked: --limit counts the
        # members found among them, not the partners before the question.
        flt.limit = None
        ds = load_collection(settings).main
        members(
            settings,
            query.filter_partners(ds, flt),
            member_of,
            as_of,
            Output(fmt, json_, fields, output),
            limit,
            score=flt.sort is query.SortKey.LEFT_RIGHT or flt.left_right is not None,
        )
        return
    ds = load(settings)
    if flt.region is not None:
        from .data import regions as known

        if (changed := known.span_note(known.resolve(flt.region), ds.as_of)) is not None:
            note_wrapped(f"note: {changed}", "", "  ")
    if _kept_partners(settings, ds, flt, Output(fmt, json_, fields, output)):
        return
    found = query.filter_partners(ds, flt)
    for message in query.unknown_tag_notes(ds, flt.ideology):
        note(message)
    # The score the list is sorted or filtered by is shown with it.
    score = flt.sort is query.SortKey.LEFT_RIGHT or flt.left_right is not None
    view = views.partners_view(
        [query.partner_record(o, ds.list_headings, ds.list_sources) for o in found], score
    )
    if not found and (notes := query.country_notes(flt.countries)):
        view = view._replace(empty_note=" ".join([view.empty_note, *notes]))
    if limit == 0:  # nothing asked for: never "No partners match"
        view = view._replace(empty_note=f"{flag('limit', 'partners')} 0 asks for no partners.")
    answer(settings, ds, view, fmt, json_, fields, query.describe_partners(ds, flt), output=output)


def _kept_partners(settings: Settings, ds: Dataset, flt: query.PartnerFilter, out: Output) -> bool:
    """Write the partner list from the records kept beside a big file's index, when they
    can answer it whole (query.partners.stored_partner_texts); whether they did."""
    kept_as = kept_format(settings, out)
    if kept_as is None:
        return False
    fmt, rctx = kept_as
    from .query.partners import stored_partner_texts
    from .render import views

    def render(records: list[PartnerRecord]) -> tuple[str, list[str], bool] | None:
        return record_texts(settings, views.partners_view(records), fmt, rctx)

    kept = stored_partner_texts(ds, flt, f"partners.{KEPT_FORMS[fmt]}", render)
    # None found, or footnotes to show beside plain text: the usual path says them.
    if kept is None or not kept.texts or (kept.notes and footnotes_shown(fmt)):
        return False
    refuse_data_file(out.output, ds.path, settings)
    emit_texts(kept.header, kept.texts, fmt, out.output)
    return True


def show(
    settings: Settings,
    *,
    name: str,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """One organisation, person or event in full."""
    from .render import views

    ds = load(settings)
    view = views.show_view(query.show_record(ds, name))
    answer(settings, ds, view, fmt, json_, fields, output=output)


def countries(
    settings: Settings,
    *,
    type_: tuple[str, ...] | list[str] | None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """Partner counts per country and region."""
    from .render import views

    ds = load(settings)
    flt = query.PartnerFilter(types=_split(type_))
    rows = query.country_counts(ds, flt)
    about = f"{query.describe_partners(ds, flt)} by country and region"
    answer(settings, ds, views.countries_view(rows), fmt, json_, fields, about, output=output)


def spectrum(
    settings: Settings,
    *,
    type_: tuple[str, ...] | list[str] | None,
    region: str | None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The party and its partners placed on the left-right scale."""
    from .render import views

    flt = query.PartnerFilter(types=_split(type_), region=region)
    ds = load(settings)
    view = views.spectrum_view(query.spectrum(as_shown(settings, ds, fmt, json_, output), flt))
    about = f"the party and its {query.describe_partners(ds, flt)} on the left-right scale"
    answer(settings, ds, view, fmt, json_, fields, about, output=output)


def map(
    settings: Settings,
    *,
    type_: tuple[str, ...] | list[str] | None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """Partners per country, drawn as a world map."""
    from .render import views

    ds = load(settings)
    flt = query.PartnerFilter(types=_split(type_))
    rows, home, partners = query.map_data(as_shown(settings, ds, fmt, json_, output), flt)
    about = f"where its {query.describe_partners(ds, flt)} are"
    answer(
        settings, ds, views.map_view(rows, home, partners), fmt, json_, fields, about, output=output
    )


def graph(
    settings: Settings,
    *,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The party's network of partners, internationals and people."""
    from .render import views
    from .render.network import layout

    ds = load(settings)
    about = "its international network"
    shown = as_shown(settings, ds, fmt, json_, output)
    view = views.graph_view(query.network(shown), layout(shown))
    answer(settings, ds, view, fmt, json_, fields, about, output=output)


def timeline(
    settings: Settings,
    *,
    org: str | None,
    since: int | None,
    until: int | None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The timeline, with the party's status bands in the internationals it concerns."""
    from .render import views

    if since is not None and until is not None and since > until:
        raise UsageError(
            f"{flag('since')} {since} is after {flag('until')} {until}: give the earlier year "
            f"to {flag('since')}."
        )
    ds = load(settings)
    found = query.find_org(ds, org) if org else None  # by the names the file gives
    shown = as_shown(settings, ds, fmt, json_, output)
    if found is not None:
        found = shown.raw_orgs[found["id"]]
    org_id = found["id"] if found is not None else None
    records = query.timeline(shown, query.TimelineFilter(org_id, since, until))
    bands = query.status_bands(shown, org_id, since, until)
    view = views.timeline_view(records, bands, query.as_of(ds), query.source_labels(ds))
    about = "timeline" + (f" in {found['name']}" if found else "")
    years = query.describe_years(since, until)
    answer(
        settings,
        ds,
        view,
        fmt,
        json_,
        fields,
        about + (f", {years}" if years else ""),
        output=output,
    )


def people(
    settings: Settings,
    *,
    name: str | None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """Everybody the source names, or the person a name finds."""
    from .render import views

    ds = load(settings)
    found = query.people(ds, name)
    view = views.people_view(found)
    if name is None:
        about = "people"
    elif len(found) == 1:  # the person the name finds ("A JUST RUSSIA: Sergei Mironov")
        about = str(found[0]["name"])
    else:
        about = f"people matching '{name}'"
    answer(settings, ds, view, fmt, json_, fields, about, output=output)


def contacts(
    settings: Settings,
    *,
    lang: str,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The contact block."""
    from .render import views

    ds = load(settings)
    view = views.contacts_view(query.contacts(ds, lang))
    answer(settings, ds, view, fmt, json_, fields, "contacts", output=output)


def sources(
    settings: Settings,
    *,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The sources the file cites, each with how many facts cite it."""
    from .render import views

    ds = load(settings)
    view = views.sources_view(query.source_rows(ds))
    answer(settings, ds, view, fmt, json_, fields, output=output)


def regions(
    settings: Settings,
    *,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The regions --region knows, with how many partners each holds."""
    from .data import regions as known
    from .render import views

    ds = load(settings)
    for name in known.regions():
        if (changed := known.span_note(name, ds.as_of)) is not None:
            note_wrapped(f"note: {changed}", "", "  ")
    view = views.regions_view(query.region_rows(ds))
    answer(settings, ds, view, fmt, json_, fields, "partners by region", output=output)


def tags(
    settings: Settings,
    *,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """The tags --ideology knows, with how many partners have each."""
    from .render import views

    ds = load(settings)
    view = views.tags_view(query.tag_rows(ds))
    answer(settings, ds, view, fmt, json_, fields, "position and ideology tags", output=output)


def _writes_a_data_file(output: str | None) -> None:
    """A usage error when -o names a file whose extension says a format other than JSON:
    draft, upgrade and link --apply write a data file."""
    if output is not None and output != "-":
        from .answer import refuse_name_of_another_format
        from .render.view import OutputFormat

        fits = (OutputFormat.JSON,)
        refuse_name_of_another_format(output, "a JSON data file", fits, True, formats=False)


def export(settings: Settings, *, fmt: str, output: str | None) -> None:
    """The whole dataset in an exchange format, to stdout or written safely to a file."""
    from .export import HOLDS, NEEDS_OUTPUT, ExportFormat, files

    kind = ExportFormat(fmt)
    if kind in NEEDS_OUTPUT and (output is None or output == "-"):
        what = "file" if kind is ExportFormat.SQLITE else "folder (new or empty)"
        raise UsageError(
            f"{flag('fmt', 'export')} {fmt} is written to a {what}: give "
            f"{flag('output', 'export', short=True)}."
        )
    ds = load(settings)
    refuse_data_file(output, ds.path, settings)
    if output is not None and output != "-" and kind is not ExportFormat.DATAPACKAGE:
        from .answer import refuse_name_of_another_format  # a folder's name says nothing
        from .render.view import OutputFormat

        fits = (OutputFormat.JSON,) if kind is ExportFormat.POPOLO else ()
        holds, names = HOLDS[kind]
        refuse_name_of_another_format(output, holds, fits, kind not in NEEDS_OUTPUT, names)
    if kind is ExportFormat.SQLITE:
        from .export.sqlite import export_sqlite

        assert output is not None
        for message in export_sqlite(ds, output):
            note(message)
        return
    if kind is ExportFormat.DATAPACKAGE:
        from .export.datapackage import write_datapackage

        assert output is not None
        for message in files.build_folder(output, lambda tmp: write_datapackage(ds, tmp)):
            note(message)
        return
    if kind is ExportFormat.POPOLO:
        from .export.popolo import popolo_chunks as chunks
    else:
        from .export.graphml import graphml_chunks as chunks
    deliver(files.batched(chunks(ds)), output)


def report(settings: Settings, *, output: str | None) -> None:
    """The report page, to stdout or written safely to a file."""

    from .environment import made_at
    from .render.report import build_report

    made = made_at()
    ds = load(settings)
    refuse_data_file(output, ds.path, settings)
    if output is not None and output != "-":
        from .answer import refuse_name_of_another_format
        from .render.view import OutputFormat

        fits = (OutputFormat.HTML,)
        refuse_name_of_another_format(output, "an HTML page", fits, True, formats=False)
    shown = query.usual_named(ds) if settings.names == "usual" else ds
    deliver([build_report(report_content(shown), made).encode("utf-8")], output)


def report_content(ds: Dataset) -> ReportContent:
    """What the report page shows, asked of the dataset: the answers of partners, timeline,
    map, graph, spectrum, people, contacts and sources, and the search's rules."""
    from .data import dates
    from .render.network import layout
    from .render.report import REPORT_PARTNERS, ReportContent

    rows, home, placed = query.map_data(ds, query.PartnerFilter())
    shown_partners = ds.raw_partners[:REPORT_PARTNERS]  # the table's rows
    list_notes = []
    for source_id in dict.fromkeys(ds.list_sources.values()):
        source = ds.sources[source_id]
        when = f", as of {dates.long_date(source['as_of'])}" if source.get("as_of") else ""
        list_notes.append(f"As listed by “{source['title']}” ({source_id}{when}).")
    return ReportContent(
        party=ds.raw["party"],
        source_line=query.source_line(ds),
        as_of=query.source_as_of(ds),
        year=query.as_of(ds),
        partners=[
            query.partner_record(o, ds.list_headings, ds.list_sources) for o in shown_partners
        ],
        raw_partners=list(ds.raw_partners),
        search_texts=[query.searchable(o) for o in shown_partners],
        list_notes=list_notes,
        timeline=query.timeline(ds, query.TimelineFilter()),
        bands=query.status_bands(ds),
        source_labels=query.source_labels(ds),
        map_rows=rows,
        home=home,
        placed=placed,
        network=layout(ds),
        spectrum=query.spectrum(ds, query.PartnerFilter()),
        people=query.people(ds),
        contacts=query.contacts(ds),
        sources=query.source_rows(ds),
        search_rules=query.search_rules(),
        events=len(ds.raw_events),
    )


def validate(
    settings: Settings, *, path: str | None, every: bool = False, output: str | None = None
) -> None:
    """Check a data file (or each file of a collection) in full, whatever the cache says,
    and summarise it: to stdout or to the file of `-o` (written whole or not at all, and
    only when every file is valid). With `every` (`--all`) an invalid file's every problem
    is listed, not only the root causes."""
    import os

    from .collection import resolve, single_file
    from .errors import DatasetError
    from .escaping import escape_control
    from .filenames import shown_path

    try:
        entries: list[tuple[str | None, str]]
        if path is not None and os.path.isdir(path):  # a folder: each of its data files
            entries = [(e.path, e.origin) for e in resolve((path,))]
        elif path is not None:
            entries = [(path, "the PATH argument")]
        elif (single := single_file(settings.data)) is not None:
            entries = [(single or None, flag("data") if settings.data else "")]
        else:
            entries = [(e.path, e.origin) for e in resolve(settings.data)]
        found = _each_valid(entries, every)
    except DatasetError as exc:
        exc.every = every
        raise
    text = "".join(
        f"{escape_control(shown_path(str(ds.path)))}: valid, schema version {ds.schema_version}: "
        f"{ds.summary()}\n"
        for ds in found
    )
    if output is None or output == "-":
        write(text, machine=True)
    else:
        from .answer import refuse_name_of_another_format
        from .render.view import OutputFormat

        for ds in found:  # the PATH argument's file too
            refuse_data_file(output, str(ds.path))
        refuse_data_file(output, None, settings)
        refuse_name_of_another_format(
            output, "a summary in text", (OutputFormat.PLAIN,), True, formats=False
        )
        deliver([text.encode("utf-8")], output)
    if len(found) < len(entries):
        from .errors import SomeInvalid

        raise SomeInvalid(len(entries) - len(found), len(entries))


def _each_valid(entries: list[tuple[str | None, str]], every: bool) -> list[Dataset]:
    """Each file of `entries` (path, where it came from) read and validated in full; with
    several, an invalid one's problems are said as it is met and the others are checked
    still (validate FOLDER said nothing of the files after the first invalid one); with
    one, its DatasetError is raised."""
    from .data.load import load_dataset
    from .errors import DatasetError
    from .lifecycle import report

    if len(entries) == 1:
        return [load_dataset(entries[0][0], full=True, origin=entries[0][1])]

    def checked(path: str | None, origin: str) -> Dataset | None:
        try:
            return load_dataset(path, full=True, origin=origin)
        except DatasetError as exc:
            exc.every = every
            report(exc)
            return None

    return [ds for path, origin in entries if (ds := checked(path, origin)) is not None]


def schema(settings: Settings, *, json_: bool, output: str | None = None) -> None:
    """Every field of a data file in words, or the JSON Schema, both from the models; to
    stdout or to the file of `-o` (written whole or not at all)."""
    if output is not None and output != "-":
        from .answer import format_for_file, refuse_name_of_another_format
        from .render.view import OutputFormat

        refuse_data_file(output, None, settings)
        # A name that says JSON asks for the JSON Schema, as -o picks other formats.
        json_ = json_ or format_for_file(output) is OutputFormat.JSON
        fits = (OutputFormat.JSON,) if json_ else (OutputFormat.MARKDOWN, OutputFormat.PLAIN)
        writes = "the JSON Schema" if json_ else "the schema in words (Markdown)"
        refuse_name_of_another_format(output, writes, fits, not json_, formats=False)
    if json_:
        import json

        from .data.models import json_schema

        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    else:
        from .data.schema_doc import describe

        text = describe()
    if output is None or output == "-":
        write(text, machine=json_)
    else:
        deliver([text.encode("utf-8")], output)


def upgrade(settings: Settings, *, old: str, output: str | None, as_of: str | None) -> None:
    """Upgrade a data file of an older schema version; notes say what was derived."""
    import json

    from .data import dates
    from .data.load import decode, parse_json_checked, read_input, validate
    from .data.numbers import SCHEMA_VERSION
    from .data.upgrade import UpgradeProblem, latest_start, schema_version
    from .data.upgrade import upgrade as upgraded
    from .errors import DatasetError, Problem

    refuse_reads("upgrade", output, old=old)
    _writes_a_data_file(output)
    from .draft.run import checked_date

    as_of = checked_date(flag("as_of", "upgrade"), as_of)  # said as the option's fault
    what = reads("upgrade", "old")
    text = decode(read_input(old, what), old, what)
    raw, problems = parse_json_checked(text, old)
    if problems:
        raise DatasetError(old, problems, "Fix these, then upgrade the file.")
    version = schema_version(raw)
    if version == SCHEMA_VERSION:
        from .escaping import escape_control
        from .filenames import shown_path

        note(
            f"{escape_control(shown_path(old))}: already schema version {SCHEMA_VERSION}; "
            "nothing to upgrade, nothing written."
        )
        return
    if version != 1:
        given = raw.get("schema_version") if isinstance(raw, dict) else None
        what = "no schema_version" if given is None else f"schema_version {json.dumps(given)}"
        raise DatasetError(
            old,
            [Problem("schema_version", f"{what}: only version 1 can be upgraded")],
            "Give a data file of schema version 1.",
        )
    latest = latest_start(raw) if as_of else None
    if latest and (dates.start(latest) or "") > (dates.end(as_of) or "~"):
        raise UsageError(
            f"{flag('as_of', 'upgrade')} {as_of} is before what {old} dates: its latest fact "
            f"is of {latest}, and a file may hold nothing after its as-of date; give "
            f"{flag('as_of', 'upgrade')} {latest} or later, or leave it out to derive one."
        )
    try:
        new, notes = upgraded(raw, as_of)
    except UpgradeProblem as exc:
        hint = exc.fix or f"Give {flag('as_of', 'upgrade')} DATE."
        raise DatasetError(old, [Problem("", str(exc))], hint) from None
    try:
        validate(new, f"{old} (upgraded)", None)
    except DatasetError as exc:
        raise DatasetError(
            exc.file,
            exc.problems,
            f"Nothing was written. Correct these in {old} (the version-1 file) and run "
            "`partyintl upgrade` again.",
        ) from None
    from .escaping import escape_json

    # The file as the bundled one is written; what could drive a terminal as \u escapes.
    data = (escape_json(json.dumps(new, ensure_ascii=False, indent=2)) + "\n").encode("utf-8")
    deliver([data], output)
    for line in notes:
        note_wrapped(f"note: {line}", "", "  ")


def draft(
    settings: Settings,
    *,
    page: str,
    url: str | None,
    retrieved: str | None,
    published: str | None,
    language: str | None,
    party: str | None,
    sources: str | None,
    output: str | None,
) -> None:
    """A draft data file from a page, validated, to stdout or written safely to a file."""
    from .draft.run import draft_file

    refuse_reads("draft", output, page=page, sources=sources)
    _writes_a_data_file(output)
    _, body, summary = draft_file(
        page,
        url=url,
        retrieved=retrieved,
        published=published,
        language=language,
        party=party,
        sources=sources,
    )
    deliver([body], output)
    note_wrapped(f"Drafted {summary}")


def _decisions_named_as_csv(output: str) -> None:
    """A usage error when link's -o (the decisions file, always CSV) names a file whose
    extension says another format: `-o lk.md` got CSV while the Markdown asked for with
    -f went to stdout."""
    import os

    from .answer import FORMAT_BY_EXTENSION

    kind = FORMAT_BY_EXTENSION.get(os.path.splitext(output)[1].casefold())
    if kind is not None and kind.value not in ("csv", "csv-excel", "plain"):  # .txt: any text
        raise UsageError(
            f"{flag('output', 'link', short=True)} {output}: the decisions file is CSV, and "
            f"the name says {kind.value}. Name it .csv; to keep the candidates in another "
            f"format, send the output there instead (`partyintl link DRAFT "
            f"{flag('fmt', 'link', short=True)} markdown > candidates.md`)."
        )


def link(
    settings: Settings,
    *,
    draft: str,
    partyfacts: str | None,
    output: str | None,
    accept_unique: bool,
    threshold: float | None,
    relink: bool,
    apply: str | None,
    fmt: str | None,
    json_: bool,
    fields: str | None,
) -> None:
    """Party Facts candidates for a data file's parties; or the decisions applied to it."""
    from .export import files
    from .link import run

    to_file = output is not None and output != "-"
    # Without --apply, -o is the decisions file written, whose decided rows are kept.
    refuse_reads("link", output, draft=draft, apply=apply, partyfacts=partyfacts)
    if threshold is not None and not accept_unique:
        raise UsageError(
            f"{flag('threshold', 'link')} is the score {flag('accept_unique', 'link')} needs "
            f"to accept a candidate, and nothing else reads it: give "
            f"{flag('accept_unique', 'link')} too, or leave {flag('threshold', 'link')} out."
        )
    if apply is not None:
        if accept_unique:
            raise UsageError(
                f"{flag('accept_unique', 'link')} chooses candidates; {flag('apply', 'link')} "
                "replays decisions: "
                "give one of the two."
            )
        shaping = [
            f"{flag(dest, 'link')}{'' if value is True or value == '' else f' {value}'}"
            for dest, value in (("fmt", fmt), ("json_", json_), ("fields", fields))
            if value not in (None, False)
        ]
        if shaping:
            raise UsageError(
                f"{flag('apply', 'link')} writes the data file with the decisions applied, "
                f"whole and as JSON: {' and '.join(shaping)} would change nothing; leave "
                f"{'it' if len(shaping) == 1 else 'them'} out."
            )
        _writes_a_data_file(output)
        body, summary, warnings = run.apply_file(draft, apply, partyfacts)
        deliver([body], output)
        note(f"Applied {apply}: {summary}")
        for warning in warnings:
            note_wrapped(f"warning: {warning}", "", "  ")
        return
    from .link.decisions import decisions_csv
    from .link.snapshot import load_snapshot
    from .spreadsheet import Layout

    if fields is not None and not fields.strip(", "):  # `--fields` alone: which are there?
        emit(settings, run.link_view([]), Output(fmt, json_, fields))
        return
    ds = run.load_data(draft)
    if to_file:
        assert output is not None
        files.refuse_data_file(output, ds.path)
        _decisions_named_as_csv(output)
        kept, layout = run.read_kept(output)
    if accept_unique and not to_file:
        raise UsageError(
            f"{flag('accept_unique', 'link')} records what it accepts in the decisions file: give "
            f"{flag('output', 'link', short=True)} DECISIONS.csv."
        )
    snapshot = load_snapshot(partyfacts)
    linked = run.link_records(ds, snapshot, relink)
    if not to_file or fmt is not None or json_ or fields is not None:
        # With -o the decisions file carries the evidence; the rows too when asked for.
        view = run.link_view(run.rows(linked))
        emit(settings, view, Output(fmt, json_, fields), run.source_line(snapshot), to_file)
    if to_file:
        assert output is not None
        chosen = run.DEFAULT_THRESHOLD if threshold is None else threshold
        rows = run.plan_decisions(linked, kept, accept_unique, chosen)
        deliver([(layout or Layout()).encode(decisions_csv(rows, layout))], output)
        here = [d for d in rows if d.record in ds.raw_orgs]  # rows kept for records gone: below
        note(run.decisions_summary(here, sum(1 for item in linked if item.linked is not None)))
        gone = run.rows_of_records_gone(rows, ds)
        if gone:
            note_wrapped(f"warning: {gone}", "", "  ")


def memberships(
    settings: Settings,
    *,
    name: str,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """An organisation's memberships over time, from every loaded file."""
    from .collection import run

    run.memberships(settings, name=name, out=Output(fmt, json_, fields, output))


def shared(
    settings: Settings,
    *,
    first: str,
    second: str,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """Partners two parties both list."""
    from .collection import run

    run.shared(settings, first=first, second=second, out=Output(fmt, json_, fields, output))


def ties(
    settings: Settings,
    *,
    name: str,
    fmt: str | None,
    json_: bool,
    fields: str | None,
    output: str | None = None,
) -> None:
    """Who lists whom, with reciprocity."""
    from .collection import run

    run.ties(settings, name=name, out=Output(fmt, json_, fields, output))


def network(settings: Settings, *, fmt: str, graph: str, output: str | None) -> None:
    """The network across the loaded files, or the collection in SQLite."""
    from .collection import run

    run.network(settings, fmt=fmt, graph=graph, output=output)
