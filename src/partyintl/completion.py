"""Dynamic shell completion: countries, partner ids and names, field names; fast and quiet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .countries import fold

if TYPE_CHECKING:
    from .dataset import Dataset

COMMAND_FIELDS = {
    "partners": [
        "id",
        "name",
        "type",
        "kind",
        "country",
        "country_code",
        "region",
        "list",
        "position",
        "printed",
        "part_of",
        "other_names",
        "description",
        "notes",
        "inferred",
        "paragraphs",
    ],
    "countries": ["country", "country_code", "region", "partners", "party", "international", "npo"],
    "timeline": [
        "date",
        "end_date",
        "kind",
        "title",
        "organization_id",
        "status",
        "place",
        "people",
        "event_id",
        "description",
        "paragraph",
        "inferred",
    ],
    "people": ["id", "name", "family_name", "other_names", "posts", "delegations_led", "events"],
    "contacts": [
        "id",
        "type",
        "value",
        "printed",
        "label",
        "office",
        "restriction",
        "label_ru",
        "label_en",
        "office_ru",
        "office_en",
        "restriction_ru",
        "restriction_en",
    ],
}


def _dataset_or_none() -> Dataset | None:
    from .dataset import load_dataset
    from .errors import PartyintlError

    try:
        return load_dataset()
    except PartyintlError:
        return None


def countries(incomplete: str) -> list[str]:
    """Country names and codes present in the dataset that start with what was typed."""
    ds = _dataset_or_none()
    if ds is None:
        return []
    names = {o["country"] for o in ds.raw_partners if o.get("country")}
    names |= {o["country_code"] for o in ds.raw_partners if o.get("country_code")}
    return sorted(n for n in names if fold(n).startswith(fold(incomplete)))


def partners(incomplete: str) -> list[str]:
    """Partner ids and names that start with what was typed."""
    ds = _dataset_or_none()
    if ds is None:
        return []
    key = fold(incomplete)
    out = [i for i in ds.raw_orgs if i.startswith(incomplete)]
    out += [o["name"] for o in ds.raw_orgs.values() if fold(o["name"]).startswith(key)]
    return out


def fields(command: str, incomplete: str) -> list[str]:
    """Field names of a command, completing the last item of a comma-separated list."""
    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    names = COMMAND_FIELDS.get(command, [])
    return [prefix + n for n in names if n.startswith(last)]
