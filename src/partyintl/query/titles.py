"""What a question asked, in words, for the title of a figure or document."""

from __future__ import annotations

from ..data.enums import PARTNER_TYPE_WORDS
from .filters import PartnerFilter, SortKey
from .places import resolve_countries

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


#: How a figure's title names each partner type in the plural.
TYPE_PLURALS = {kind: many for kind, (_, many) in PARTNER_TYPE_WORDS.items()}


def describe_partners(ds: Dataset, flt: PartnerFilter) -> str:
    """The partners a filter keeps, in words, for the title of a figure or document.

    `partners`, `parties in CIS`, `partners in Germany or France, tagged far-right`,
    `partners scored -1 to 1, matching 'labour' (first 10 by name)`. Names are the
    canonical ones (`de` reads `Germany`); raises UsageError as the filter itself would.
    """
    words = [TYPE_PLURALS.get(t, t) for t in dict.fromkeys(flt.types)]
    noun = " and ".join(words) if words else "partners"
    parts = []
    if flt.countries:
        names = [c.name for c in resolve_countries(flt.countries, ds)]
        parts.append("in " + " or ".join(dict.fromkeys(names)))
    if flt.region:
        from ..data import regions

        parts.append(f"in {regions.resolve(flt.region)}")
    text = noun + (" " + " and ".join(parts) if parts else "")
    extra = []
    if flt.ideology:
        extra.append("tagged " + " or ".join(flt.ideology))
    if flt.left_right is not None:
        low, high = flt.left_right
        if low is not None and high is not None:
            extra.append(f"scored {low:g} to {high:g}")
        elif low is not None:
            extra.append(f"scored {low:g} or more")
        elif high is not None:
            extra.append(f"scored {high:g} or less")
    if flt.search:
        extra.append(f"matching '{flt.search}'")
    if extra:
        text += ", " + ", ".join(extra)
    if flt.limit is not None:
        order = "" if flt.sort is SortKey.SOURCE else f" by {flt.sort.value}"
        text += f" (first {flt.limit}{order})"
    return text


def describe_years(since: int | None, until: int | None) -> str:
    """A year filter in words: `2010-2014`, `2010 onwards`, `up to 2012`; empty without one."""
    if since is not None and until is not None:
        return str(since) if since == until else f"{since}-{until}"
    if since is not None:
        return f"{since} onwards"
    if until is not None:
        return f"up to {until}"
    return ""
