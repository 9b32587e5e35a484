"""Command bodies shared by the Typer CLI and the fast path: load -> query -> render."""

from __future__ import annotations

from . import query
from .output import Output, Settings, emit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .dataset import Dataset

PARTY_BANDS = ("socialist-international", "a-just-russia")


def load(settings: Settings) -> Dataset:
    """The dataset the user asked for (--data, PARTYINTL_DATA or the bundled one)."""
    from .dataset import load_dataset

    return load_dataset(settings.data)


def partners(settings: Settings, flt: query.PartnerFilter, out: Output) -> None:
    """The partner list."""
    from .render import views

    found = query.filter_partners(load(settings), flt)
    emit(settings, views.partners_view([query.partner_record(o) for o in found]), out)


def show(settings: Settings, name: str, out: Output) -> None:
    """One organisation in full."""
    from .render import views

    ds = load(settings)
    emit(settings, views.show_view(query.show_org(ds, query.find_org(ds, name))), out)


def countries(settings: Settings, types: tuple[str, ...], out: Output) -> None:
    """Partner counts per country and region."""
    from .render import views

    rows = query.country_counts(load(settings), query.PartnerFilter(types=types))
    emit(settings, views.countries_view(rows), out)


def timeline(settings: Settings, flt: query.TimelineFilter, out: Output) -> None:
    """The timeline, with the SI status bands when they concern the question."""
    from .render import views

    ds = load(settings)
    records = query.timeline(ds, flt)
    bands = query.status_bands(ds)
    if flt.org and query.find_org(ds, flt.org)["id"] not in PARTY_BANDS:
        bands = []
    emit(settings, views.timeline_view(records, bands, ds.name_of(PARTY_BANDS[0])), out)


def people(settings: Settings, out: Output) -> None:
    """Everybody the source names."""
    from .render import views

    emit(settings, views.people_view(query.people(load(settings))), out)


def contacts(settings: Settings, lang: str, out: Output) -> None:
    """The contact block."""
    from .render import views

    emit(settings, views.contacts_view(query.contacts(load(settings), lang)), out)
