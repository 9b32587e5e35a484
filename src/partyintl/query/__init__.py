"""Pure filters and look-ups over a Dataset's JSON; each answer is a list of JSON records.

The modules by job (this file only gathers their names, so `query.X` keeps working):

- `filters`: which partners and timeline entries a question keeps, and their order;
- `search`: how `--search` folds and stems text (and its rules for the report page);
- `names`: one organisation, person or event by id, name or part of a name;
- `places`: countries as users spell them, and what an empty answer adds about them;
- `fields`: the fields of every answer's records, in order; the `--fields` check;
- `orgs`: an organisation as JSON, and the bodies that belong to it;
- `partners`: partner records, `spectrum`, `countries`/`map` counts, `regions`, `tags`;
- `periods`: membership periods with their ends, and year overlaps;
- `events`, `people`, `show`, `timeline`, `contacts`, `network`: one command's records each;
- `sources`: the source line under every figure, and the rows of `sources`;
- `titles`: what a question asked, in words, for a figure's title.
"""

from __future__ import annotations

import sys
from types import ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .contacts import contacts
    from .events import event_record
    from .fields import (
        CONTACT_FIELDS,
        COUNTRY_FIELDS,
        LISTING_FIELDS,
        NETWORK_FIELDS,
        PARTNER_FIELDS,
        PEOPLE_FIELDS,
        REGION_FIELDS,
        SOURCE_FIELDS,
        SPECTRUM_FIELDS,
        TAG_FIELDS,
        TIMELINE_FIELDS,
        check_fields,
        shaped,
    )
    from .filters import (
        PartnerFilter,
        SortKey,
        TimelineFilter,
        filter_partners,
        off_the_scale,
        score_bounds,
    )
    from .names import (
        EVENT,
        ORGANISATION,
        PERSON,
        find_org,
        find_record,
        record_names,
        scheme_ids,
        spellings,
        unknown_file,
        usual_name,
        usual_named,
    )
    from .network import network
    from .orgs import org_scope
    from .partners import (
        country_counts,
        listing_citation,
        map_data,
        partner_record,
        region_rows,
        spectrum,
        tag_rows,
        unknown_tag_notes,
    )
    from .people import people
    from .periods import holds_as_of, membership_periods, membership_summary, overlaps, status_bands
    from .places import country_notes, resolve_countries
    from .search import MAX_SEARCH, SEARCHED, search_key, search_rules, searchable
    from .show import show_org, show_record
    from .sources import (
        as_of,
        citation_counts,
        source_as_of,
        source_labels,
        source_line,
        source_rows,
    )
    from .timeline import STATUS_CHANGE, STATUS_END, timeline
    from .titles import TYPE_PLURALS, describe_partners, describe_years

#: Where each name lives: the module is imported when the name is first asked for, so
#: a command imports only the modules it uses (importing them all took as long as
#: Python's start-up; tests/test_startup.py checks every name here resolves).
_HOME = {
    "contacts": "contacts",
    "network": "network",
    "people": "people",
    "timeline": "timeline",
    "event_record": "events",
    "CONTACT_FIELDS": "fields",
    "COUNTRY_FIELDS": "fields",
    "LISTING_FIELDS": "fields",
    "NETWORK_FIELDS": "fields",
    "PARTNER_FIELDS": "fields",
    "PEOPLE_FIELDS": "fields",
    "REGION_FIELDS": "fields",
    "SOURCE_FIELDS": "fields",
    "SPECTRUM_FIELDS": "fields",
    "TAG_FIELDS": "fields",
    "TIMELINE_FIELDS": "fields",
    "check_fields": "fields",
    "shaped": "fields",
    "PartnerFilter": "filters",
    "SortKey": "filters",
    "TimelineFilter": "filters",
    "filter_partners": "filters",
    "score_bounds": "filters",
    "off_the_scale": "filters",
    "EVENT": "names",
    "ORGANISATION": "names",
    "PERSON": "names",
    "find_org": "names",
    "find_record": "names",
    "record_names": "names",
    "scheme_ids": "names",
    "spellings": "names",
    "unknown_file": "names",
    "usual_name": "names",
    "usual_named": "names",
    "org_scope": "orgs",
    "country_counts": "partners",
    "listing_citation": "partners",
    "map_data": "partners",
    "partner_record": "partners",
    "region_rows": "partners",
    "spectrum": "partners",
    "tag_rows": "partners",
    "unknown_tag_notes": "partners",
    "holds_as_of": "periods",
    "membership_periods": "periods",
    "membership_summary": "periods",
    "overlaps": "periods",
    "status_bands": "periods",
    "country_notes": "places",
    "resolve_countries": "places",
    "MAX_SEARCH": "search",
    "SEARCHED": "search",
    "search_key": "search",
    "search_rules": "search",
    "searchable": "search",
    "show_org": "show",
    "show_record": "show",
    "as_of": "sources",
    "citation_counts": "sources",
    "source_as_of": "sources",
    "source_labels": "sources",
    "source_line": "sources",
    "source_rows": "sources",
    "STATUS_CHANGE": "timeline",
    "STATUS_END": "timeline",
    "TYPE_PLURALS": "titles",
    "describe_partners": "titles",
    "describe_years": "titles",
}


def __getattr__(name: str) -> object:
    """A name of a submodule, imported on first use (PEP 562)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    __import__(f"{__name__}.{module}")
    value = getattr(sys.modules[f"{__name__}.{module}"], name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, those imported on first use among them (for completion and
    help())."""
    return sorted({*globals(), *_HOME})


class _Package(ModuleType):
    """This package, whose `contacts`, `network`, `people` and `timeline` stay the
    functions: importing a submodule binds its name in the package to the module, which
    here would hide the function of the same name."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and _HOME.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "CONTACT_FIELDS",
    "COUNTRY_FIELDS",
    "EVENT",
    "LISTING_FIELDS",
    "MAX_SEARCH",
    "SEARCHED",
    "NETWORK_FIELDS",
    "ORGANISATION",
    "PARTNER_FIELDS",
    "PEOPLE_FIELDS",
    "PERSON",
    "REGION_FIELDS",
    "SOURCE_FIELDS",
    "SPECTRUM_FIELDS",
    "STATUS_CHANGE",
    "STATUS_END",
    "TAG_FIELDS",
    "TIMELINE_FIELDS",
    "TYPE_PLURALS",
    "PartnerFilter",
    "SortKey",
    "TimelineFilter",
    "as_of",
    "check_fields",
    "citation_counts",
    "contacts",
    "country_counts",
    "country_notes",
    "describe_partners",
    "describe_years",
    "event_record",
    "filter_partners",
    "find_org",
    "find_record",
    "holds_as_of",
    "listing_citation",
    "map_data",
    "membership_periods",
    "membership_summary",
    "network",
    "off_the_scale",
    "org_scope",
    "overlaps",
    "partner_record",
    "people",
    "record_names",
    "region_rows",
    "resolve_countries",
    "scheme_ids",
    "score_bounds",
    "search_key",
    "search_rules",
    "searchable",
    "shaped",
    "show_org",
    "show_record",
    "source_as_of",
    "source_labels",
    "source_line",
    "source_rows",
    "spectrum",
    "spellings",
    "status_bands",
    "tag_rows",
    "timeline",
    "unknown_file",
    "unknown_tag_notes",
    "usual_name",
    "usual_named",
]
