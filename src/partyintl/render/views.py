"""How each command's records are laid out: default columns, titles and pictures."""

from __future__ import annotations

from .. import query
from .view import RenderContext, View

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from rich.console import RenderableType

    from ..query.records import (
        BandRecord,
        ContactRecord,
        CountryRecord,
        NetworkRecord,
        PartnerRecord,
        PersonRecord,
        RegionRecord,
        SourceRecord,
        SpectrumRecord,
        TagRecord,
        TimelineRecord,
    )
    from .lines import Lines

    Record = Mapping[str, Any]


PARTNER_COLUMNS = ["list", "position", "id", "name", "type", "country", "country_code", "region"]


#: What people see first: the name; ids only when asked for with --fields.
PARTNER_HUMAN_COLUMNS = ("name", "type", "country", "country_code", "region", "list", "position")


def _scheme_columns() -> dict[str, Any]:
    """One column per identifier scheme, for --fields (JSON keeps the identifiers list)."""
    from ..data.enums import IdentifierScheme
    from ..query import scheme_ids

    return {s.value: (lambda r, scheme=s.value: scheme_ids(r, scheme)) for s in IdentifierScheme}


def partners_view(records: Sequence[PartnerRecord], score: bool = False) -> View:
    """The partner list; with `score` (sorted or filtered by the left-right score) the
    score is one of its columns in every format: after the name for people, last for pipes
    (the other columns keep their places for `cut`)."""
    columns: list[str] = PARTNER_COLUMNS
    human: tuple[str, ...] = PARTNER_HUMAN_COLUMNS
    if score:
        columns = [*columns, "left_right"]
        human = (human[0], "left_right", *human[1:])
    return View(
        records,
        columns,
        fields=query.PARTNER_FIELDS,
        title="Partners",
        empty_note="No partners match.",
        human_columns=human,
        derived=_scheme_columns(),
    )


def spectrum_view(records: Sequence[SpectrumRecord]) -> View:
    """The party and its partners on the left-right scale."""

    def picture(view: View, ctx: RenderContext) -> Lines | None:
        from .spectrum import spectrum_picture

        return spectrum_picture(view, ctx)

    def figure(view: View, source: str) -> str:
        from .figures import spectrum_figure

        return spectrum_figure(view, source)

    return View(
        records,
        ["name", "type", "country", "left_right", "ideology", "subject"],
        fields=query.SPECTRUM_FIELDS,
        title="Left-right positions",
        picture=picture,
        figure=figure,
        human_columns=("name", "type", "country", "left_right", "ideology"),
        empty_note="No partners match.",
    )


def with_usual_names(view: View) -> View:
    """The view with each record's usual English name (from elsewhere) in place of the
    page's, and so the values of the columns the view knows usual names of (View.usual)."""

    def usual(record: Record) -> Record:
        changed = {
            column: names.get(record[column], record[column])
            for column, names in view.usual.items()
            if isinstance(record.get(column), str)
        }
        if record.get("other_names") and "name" in record:
            changed["name"] = query.usual_name(record)
        return {**record, **changed} if changed else record

    return view._replace(records=[usual(r) for r in view.records])


def show_view(record: Record) -> View:
    """One organisation, person or event in full."""
    return View(
        [record],
        list(record),
        title=record["name"],
        single=True,
        picture=_show,
        derived=_scheme_columns(),
    )


#: What the rows show; `inferred` is for programs (CSV, JSON): people see marks instead.
COUNTRY_COLUMNS = [f for f in query.COUNTRY_FIELDS if f != "inferred"]


def _countries_figure(view: View, source: str) -> str:
    from .figures import countries_figure

    return countries_figure(view, source)


def countries_view(records: Sequence[CountryRecord]) -> View:
    """Partner counts per country or region."""
    return View(
        records,
        COUNTRY_COLUMNS,
        fields=query.COUNTRY_FIELDS,
        title="Partners by country and region",
        picture=_countries,
        empty_note="No partners match.",
        figure=_countries_figure,
    )


def map_view(
    records: Sequence[CountryRecord], home: str | None, partners: list[tuple[str, str | None]]
) -> View:
    """Partner counts per country, drawn as a world map (a table on a terminal); `partners`
    are (label, ISO code or None), so the figure can list those it cannot draw."""

    def figure(view: View, source: str) -> str:
        from .figures import map_figure

        # The map is keyed by ISO codes: it draws the rows as they are (a marked code,
        # "AM†", has no outline) and carries the marks' footnotes under it.
        return map_figure(view._replace(records=records), home, partners, source)

    return View(
        records,
        COUNTRY_COLUMNS,
        fields=query.COUNTRY_FIELDS,
        title="Partners by country",
        empty_note="No partners match.",
        figure=figure,
    )


def graph_view(records: Sequence[NetworkRecord], network: dict[str, Any]) -> View:
    """The party's network: its ties as rows, drawn as a network figure."""

    def figure(view: View, source: str) -> str:
        from .figures import graph_figure

        return graph_figure(network, source, view.heading, "" if view.records else view.empty_note)

    return View(
        records,
        [f for f in query.NETWORK_FIELDS if f != "inferred"],
        fields=query.NETWORK_FIELDS,
        title="The party's network",
        figure=figure,
        empty_note="No ties.",
    )


def timeline_view(
    records: Sequence[TimelineRecord],
    bands: Sequence[BandRecord],
    as_of: str | None = None,
    sources: dict[str, str] | None = None,
) -> View:
    """The chronological list, with status bands on a terminal and the sources the entries
    cite (`sources`: a label for each source id, as query.source_labels gives them);
    `as_of` (a year) is when the data holds, where the figure ends a period that has no
    end of its own date."""

    def picture(view: View, ctx: RenderContext) -> Lines:
        from .bands import timeline_picture

        return timeline_picture(bands, sources)(view, ctx)

    def figure(view: View, source: str) -> str:
        from .figures import timeline_figure

        return timeline_figure(view, bands, source, as_of)

    return View(
        records,
        # Every format says how far an entry is known to last: plain, TSV and Markdown in
        # an as_of column of its own (the date a period with no end holds as of), the
        # terminal's table after the date ("2007-06, as of 2018").
        ["date", "end_date", "as_of", "kind", "title", "place", "sources"],
        fields=query.TIMELINE_FIELDS,
        title="Timeline",
        picture=picture,
        empty_note="No timeline entries match.",
        figure=figure,
    )


def people_view(records: Sequence[PersonRecord]) -> View:
    """Everybody named in the source."""
    return View(
        records,
        ["id", "name", "posts", "delegations_led", "events", "sources"],
        fields=query.PEOPLE_FIELDS,
        title="People",
        picture=_people,
        empty_note="No people.",
    )


def contacts_view(records: Sequence[ContactRecord]) -> View:
    """The party's contact details."""
    return View(
        records,
        ["label", "value", "printed", "restriction", "office", "sources"],
        fields=query.CONTACT_FIELDS,
        title="Contacts",
        # Numbers in international format, never cut; E.164 stays the value in JSON.
        human_columns=("label", "formatted", "restriction", "office", "sources"),
        empty_note="No contacts.",
    )


def sources_view(records: Sequence[SourceRecord]) -> View:
    """The sources a file cites."""
    return View(
        records,
        ["id", "title", "publisher", "url", "language", "published", "as_of", "facts"],
        fields=query.SOURCE_FIELDS,
        title="Sources",
        human_columns=("id", "title", "publisher", "published", "as_of", "facts"),
        empty_note="No sources.",
    )


def regions_view(records: Sequence[RegionRecord]) -> View:
    """The regions --region knows."""
    return View(
        records,
        ["name", "kind", "aliases", "as_of", "countries", "partners", "source"],
        fields=query.REGION_FIELDS,
        title="Regions",
        human_columns=("name", "kind", "as_of", "countries", "partners", "source"),
        empty_note="No regions.",
    )


def tags_view(records: Sequence[TagRecord]) -> View:
    """The tags --ideology knows."""
    return View(
        records,
        list(query.TAG_FIELDS),
        fields=query.TAG_FIELDS,
        title="Position and ideology tags",
        empty_note="No partner has a tag.",
    )


def fields_view(names: list[str]) -> View:
    """The field names a command can output."""
    return View([{"field": n} for n in names], ["field"], fields=("field",), title="Fields")


def _show(view: View, ctx: RenderContext) -> RenderableType:
    from .pictures import show_card

    return show_card(view, ctx)


def _countries(view: View, ctx: RenderContext) -> RenderableType | Lines | None:
    from .chart import countries_lines

    lines = countries_lines(view, ctx)
    if lines is not None:  # rich would print it as it is: no need to import rich
        return lines
    from .pictures import countries_chart

    return countries_chart(view, ctx)


def _people(view: View, ctx: RenderContext) -> RenderableType | Lines | None:
    from .people import fits, people_lines

    if not fits(view, ctx):
        return None  # too narrow: a card per person
    lines = people_lines(view, ctx)
    if lines is not None:  # rich would print it as it is: no need to import rich
        return lines
    from .pictures import people_picture

    return people_picture(view, ctx)
