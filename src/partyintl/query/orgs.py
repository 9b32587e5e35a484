"""An organisation as JSON, and the bodies that belong to it."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


def as_raw(org: Any) -> Raw:
    """An organisation as JSON, whether given as a model or as validated JSON."""
    dumped = getattr(org, "model_dump", None)
    return dumped(mode="json") if dumped is not None else dict(org)


def org_scope(ds: Dataset, org_id: str) -> set[str]:
    """An organisation and every body that belongs to it."""
    scope = {org_id}
    grew = True
    while grew:
        more = {i for i, o in ds.raw_orgs.items() if o.get("part_of") in scope} - scope
        scope |= more
        grew = bool(more)
    return scope
