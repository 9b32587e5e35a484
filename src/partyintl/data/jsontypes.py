"""The types of the small JSON objects every kind of record carries, as data/shapes.py
writes them: citations, inferences, other names, ids in other datasets.

Imports `typing`: other modules import it under TYPE_CHECKING only (the fast path's
start-up never pays for it); query/records.py builds the answers' record types on these.
"""

from __future__ import annotations

from typing import TypedDict


class Citation(TypedDict):
    """Where a source states a fact: the source's id, the place in it, the fields it
    states when only part of a record, the date it gives, a note (data/shapes.CITATION)."""

    source: str
    at: str
    fields: list[str]
    date: str | None
    note: str | None


class Inference(TypedDict):
    """A field no source states, and why it is what it is (`place.country` marks `place`)."""

    field: str
    reason: str


class OtherName(TypedDict):
    """Another name of an organisation, and what it is (usual, former, ...)."""

    name: str
    note: str | None
    usage: str | None
    sources: list[Citation]


class Identifier(TypedDict):
    """An organisation's id in another dataset (Party Facts, Wikidata, ...)."""

    scheme: str
    identifier: str
    source: str
    at: str
    evidence: str | None
