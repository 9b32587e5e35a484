"""Which records of a collection are one organisation: by shared ids, never by names.

The rule, in order:

1. Records that share a Party Facts id are one organisation (its key `partyfacts:N`).
   Two records with different Party Facts ids are never one, whatever else they share.
2. A record without a Party Facts id joins the organisation of another record that has its
   Wikidata id, when exactly one organisation has it (records with a Party Facts id
   count by theirs; ties between several are left apart: the record stays on its own,
   since the ids disagree about which it is). Records without a Party Facts id that share
   a Wikidata id and find no such organisation are one (key `wikidata:Q…`).
3. A record with neither id is an organisation of its own (key `fileN:record-id`, N the
   file's place in the collection from 0): two files' "Socialist International" stay two
   until one id says they are one.

The keys are stable across runs and readable in outputs and exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Identity", "RecordIds", "disagreements", "identify", "ids_of"]


@dataclass(frozen=True)
class RecordIds:
    """A record's place (file index, record id) and the ids identity looks at."""

    dataset: int
    record: str
    partyfacts: str | None
    wikidata: tuple[str, ...] = ()


class Identity:
    """The rule in two passes, for records that do not fit in memory together: `see` every
    record, then ask `key` of each (memory grows with the Wikidata ids, not the records)."""

    def __init__(self) -> None:
        #: Wikidata ids of records with a Party Facts id: the organisations that have each.
        self.owners: dict[str, set[str]] = {}
        #: Wikidata ids of records without: a union-find of those that share one.
        self.parent: dict[str, str] = {}
        self._pending: list[tuple[str, ...]] = []

    def see(self, r: RecordIds) -> None:
        """First pass: note a record's ids."""
        if r.partyfacts is not None:
            for q in r.wikidata:
                self.owners.setdefault(q, set()).add(f"partyfacts:{r.partyfacts}")
        elif len(r.wikidata) > 1:
            self._pending.append(r.wikidata)
        elif r.wikidata:
            self._root(r.wikidata[0])

    def _root(self, q: str) -> str:
        parent = self.parent
        while parent.setdefault(q, q) != q:
            parent[q] = parent[parent[q]]
            q = parent[q]
        return q

    def _settle(self) -> None:
        # Several Wikidata ids on a record without an owner among them: they are one.
        for ids in self._pending:
            if any(q in self.owners for q in ids):
                continue
            for q in ids[1:]:
                a, b = self._root(ids[0]), self._root(q)
                if a != b:
                    self.parent[max(a, b)] = min(a, b)
        self._pending = []

    def key(self, r: RecordIds) -> str:
        """Second pass: the organisation a record is (after every record was seen)."""
        if self._pending:
            self._settle()
        if r.partyfacts is not None:
            return f"partyfacts:{r.partyfacts}"
        owners = {o for q in r.wikidata for o in self.owners.get(q, ())}
        if len(owners) == 1:
            return next(iter(owners))
        if not owners and r.wikidata:
            return f"wikidata:{self._root(r.wikidata[0])}"
        return f"file{r.dataset}:{r.record}"


def identify(records: list[RecordIds]) -> list[str]:
    """The organisation key of each record, in the order given (see the module's rule)."""
    identity = Identity()
    for r in records:
        identity.see(r)
    return [identity.key(r) for r in records]


def ids_of(raw: dict[str, Any]) -> tuple[str | None, tuple[str, ...]]:
    """A record's (Party Facts id or None, its Wikidata ids in order) from its
    `identifiers` as the data file has them (the first Party Facts id counts)."""
    pf = None
    wikidata: list[str] = []
    for ident in raw.get("identifiers", ()):
        if ident["scheme"] == "partyfacts" and pf is None:
            pf = str(ident["identifier"])
        elif ident["scheme"] == "wikidata":
            wikidata.append(str(ident["identifier"]))
    return pf, tuple(wikidata)


def disagreements(records: list[RecordIds], labels: list[str]) -> list[str]:
    """Where the ids of records disagree, in words (`labels` name the files by index):
    records joined by one Party Facts id whose Wikidata ids share none, and a Wikidata id
    that records of different Party Facts ids carry (they stay apart by the rule). Each
    is said once, in the order the records come."""
    by_pf: dict[str, list[RecordIds]] = {}
    owners: dict[str, dict[str, RecordIds]] = {}
    for r in records:
        if r.partyfacts is None:
            continue
        by_pf.setdefault(r.partyfacts, []).append(r)
        for q in r.wikidata:
            owners.setdefault(q, {}).setdefault(r.partyfacts, r)

    def named(r: RecordIds) -> str:
        return f"{labels[r.dataset]}: {r.record} ({', '.join(r.wikidata)})"

    said = []
    for pf, group in by_pf.items():
        held = [r for r in group if r.wikidata]
        apart = [
            (a, b)
            for i, a in enumerate(held)
            for b in held[i + 1 :]
            if not set(a.wikidata) & set(b.wikidata)
        ]
        if apart:
            a, b = apart[0]
            said.append(
                f"partyfacts:{pf} joins records whose Wikidata ids differ ({named(a)}; "
                f"{named(b)}): one of them may be wrong."
            )
    for q, by in owners.items():
        if len(by) > 1:
            pfs = " and ".join(f"partyfacts:{pf}" for pf in by)
            said.append(
                f"{q} is given to records of {pfs}: they stay apart by their Party Facts ids."
            )
    return said
