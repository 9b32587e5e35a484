"""Write accepted Party Facts links into a data file: `partyintl link --apply`.

For each record with an accepted candidate, from the Party Facts snapshot:
- `identifiers`: partyfacts (its evidence: the decision's reason), and the wikidata,
  manifesto, vparty and parlgov ids that Party Facts' tables link to it, each citing the
  snapshot's source and table;
- `other_names` from Party Facts: the usual English name (Wikidata's label, else the core
  table's English name), the short name and the name in the party's own language, each
  with its usage, citing its table (a name the record already has is left as it is: what
  an apply writes is only ever what the next one takes out);
- `left_right`, `ideology` and `positions_source` from the Wikipedia-tag table, the tags
  cleaned (clean_tags);
- a country the record lacks (and no region), from the accepted party's, marked inferred.
The snapshot is declared once in `sources` (partyintl.data.partyfacts), with only the
tables used.

Deterministic: everything an earlier apply wrote is taken out first, and records keep
the models' field order, so applying the same decisions again changes nothing. A record
linked before that no row of the decisions file names keeps its link as it is (`link`
writes no row for it unless asked to seek it again).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..data import countries
from ..data.enums import POSITION_TAGS
from ..data.partyfacts import SOURCE_ID, TABLES, source_record
from ..data.shapes import ORGANIZATION
from ..errors import DatasetError, Problem
from .decisions import Decision, Verdict
from .match import country_of
from .snapshot import Party, Snapshot

__all__ = ["TAG_CLEANING", "apply_decisions", "clean_tags"]

#: Scraped text that is no tag: publishers and notes of the infobox's references.
NOISE = re.compile(
    r"press|publish|media|routledge|springer|university|journal|books?$|not found|radio|"
    r"crisis group|sharpe|reuters|times$|news",
    re.IGNORECASE,
)
TAG_CLEANING = (
    "Tags from Wikipedia infoboxes as Party Facts' wptags table gives them: only the tags "
    "the table's own classification used are kept (bracketed ones, which it did not use, "
    "are dropped, as are publisher and reference names scraped with them); position tags "
    "come first."
)
#: Why a country taken from Party Facts is certain.
COUNTRY_REASON = (
    "the source names no country; the Party Facts party accepted as this one is of this country"
)
#: The record keys an apply writes, taken out before it writes them again.
_WRITTEN = ("identifiers", "left_right", "ideology", "positions_source")


def clean_tags(raw: str) -> list[str]:
    """Position tags then ideology tags, without bracketed and scraped noise."""
    positions: list[str] = []
    ideology: list[str] = []
    for line in raw.splitlines():
        head, _, rest = line.partition(":")
        if head.strip() not in ("tags position", "tags ideology"):
            continue
        for tag in (t.strip() for t in rest.split("//")):
            if not tag or tag.startswith("[") or NOISE.search(tag):
                continue
            (positions if tag in POSITION_TAGS else ideology).append(tag)
    positions.sort(key=POSITION_TAGS.index)
    return list(dict.fromkeys(positions + ideology))


def _fold(text: str) -> str:
    return countries.fold(text)


def _from_partyfacts(name: dict[str, Any]) -> bool:
    return any(c.get("source") == SOURCE_ID for c in name.get("sources", ()))


def _records(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    party = data.get("party")
    for record in [party, *data.get("partners", ()), *data.get("organizations", ())]:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            found.setdefault(record["id"], record)
    return found


def _ordered(record: dict[str, Any], order: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    keys = [k for k, _ in order]
    known = {k: record[k] for k in keys if k in record}
    return {**known, **{k: v for k, v in record.items() if k not in known}}


def _undo(record: dict[str, Any]) -> None:
    """Take out what an earlier apply wrote into a record."""
    for key in _WRITTEN:
        record.pop(key, None)
    if "other_names" in record:
        record["other_names"] = [o for o in record["other_names"] if not _from_partyfacts(o)]
        if not record["other_names"]:
            del record["other_names"]
    inferred = record.get("inferred") or []
    if any(i.get("reason") == COUNTRY_REASON for i in inferred):
        record["country"] = None
        record["country_code"] = None
        record["inferred"] = [i for i in inferred if i.get("reason") != COUNTRY_REASON]
        if not record["inferred"]:
            del record["inferred"]


def _cited(record: dict[str, Any]) -> set[str]:
    """The Party Facts tables a record's earlier link cites."""
    cites = [*record.get("identifiers", ()), record.get("positions_source") or {}]
    cites += [c for o in record.get("other_names", ()) for c in o.get("sources", ())]
    return {c["at"] for c in cites if c.get("source") == SOURCE_ID and c.get("at") in TABLES}


def _ident(scheme: str, value: str, table: str, evidence: str | None = None) -> dict[str, str]:
    found = {"scheme": scheme, "identifier": value, "source": SOURCE_ID, "at": table}
    return {**found, "evidence": evidence} if evidence else found


def _write(record: dict[str, Any], party: Party, evidence: str, used: set[str]) -> None:
    """One accepted link into its record."""
    identifiers = [_ident("partyfacts", party.id, "core", evidence)]
    identifiers += [_ident("wikidata", w[0], "wikidata") for w in party.wikidata]
    identifiers += [_ident("manifesto", x, "manifesto") for x in party.manifesto]
    identifiers += [_ident("vparty", x, "vparty") for x in party.vparty]
    identifiers += [_ident("parlgov", x, "parlgov") for x in party.parlgov]
    record["identifiers"] = identifiers
    used.update(i["at"] for i in identifiers)
    wiki = party.wikidata[0] if party.wikidata else None
    names: list[tuple[str, str, str, str | None]] = [
        (wiki[1], "usual", "wikidata", "the Wikidata label")
        if wiki and wiki[1]
        else (party.name_english, "usual", "core", None),
        (party.name_short, "short", "core", None),
        (wiki[3], "own", "wikidata", None)
        if wiki and wiki[3]
        else (party.name, "own", "core", None),
    ]
    known = {_fold(record["name"]), *(_fold(o["name"]) for o in record.get("other_names", ()))}
    for name, usage, table, note in names:  # a name the record has already is left as it is
        if name and _fold(name) not in known:
            cite = {"source": SOURCE_ID, "at": table, **({"note": note} if note else {})}
            record.setdefault("other_names", []).append(
                {"name": name, "usage": usage, "sources": [cite]}
            )
            used.add(table)
            known.add(_fold(name))
    if party.wptags is not None and party.wptags[0] is not None:
        record["left_right"] = float(party.wptags[0])
        record["ideology"] = clean_tags(party.wptags[1])
        record["positions_source"] = {"source": SOURCE_ID, "at": "wptags"}
        used.add("wptags")
    code = country_of(party)
    if not record.get("country") and not record.get("region") and code is not None:
        record["country"] = countries.short_name(code)
        record["country_code"] = code
        record["inferred"] = [
            *record.get("inferred", ()),
            {"field": "country", "reason": COUNTRY_REASON},
            {"field": "country_code", "reason": COUNTRY_REASON},
        ]


def apply_decisions(
    data: dict[str, Any], decisions: list[Decision], snapshot: Snapshot, name: str
) -> dict[str, Any]:
    """A copy of the data file (a validated dict) with the accepted links written in; a
    DatasetError naming the decisions file (`name`) when a row names a record the data has
    not, or a candidate the snapshot has not."""
    data = copy.deepcopy(data)
    records = _records(data)
    problems = [
        Problem(
            "",
            f"no record '{d.record}' in the data file (a record renamed in a new draft has "
            "a new id: give the row that id, or delete the row)",
            d.line,
            1,
        )
        for d in decisions
        if d.record not in records and d.verdict is not None  # an open row decides nothing
    ]
    problems += [
        Problem(
            "",
            f"Party Facts id {d.candidate} is not in {snapshot.origin} "
            f"(commit {snapshot.commit[:12]})",
            d.line,
            2,
        )
        for d in decisions
        if d.verdict is Verdict.ACCEPT and d.candidate not in snapshot.parties
    ]
    if problems:
        raise DatasetError(name, problems, hint="Correct the decisions file and run it again.")
    from .merge import partyfacts_id

    named = {d.record for d in decisions}
    used: set[str] = set()
    for ident, record in records.items():
        if ident not in named and partyfacts_id(record) is not None:
            used |= _cited(record)  # linked before, and no row names it: kept as it is
        else:
            _undo(record)
        for key in ("country", "country_code", "region"):  # one form, whatever came before
            record.setdefault(key, None)
    for decision in decisions:
        if decision.verdict is Verdict.ACCEPT:
            record = records[decision.record]
            _write(record, snapshot.parties[decision.candidate], decision.reason, used)
    from .merge import merge_same

    lines = {d.record: d.line for d in decisions if d.verdict is Verdict.ACCEPT}
    merge_same(data, name, lines)  # records accepted as one Party Facts party become one
    for key in ("party",):
        if isinstance(data.get(key), dict):
            data[key] = _ordered(data[key], ORGANIZATION)
    for key in ("partners", "organizations"):
        if isinstance(data.get(key), list):
            data[key] = [_ordered(r, ORGANIZATION) if isinstance(r, dict) else r for r in data[key]]
    _declare(data, snapshot, used)
    return data


def _source_order() -> tuple[tuple[str, Any], ...]:
    from ..data.models import Source

    return tuple((key, None) for key in Source.model_fields)


def _declare(data: dict[str, Any], snapshot: Snapshot, used: set[str]) -> None:
    """The snapshot's source record, with the tables used, last among the sources; none
    when nothing cites it. Made from the snapshot alone, so that it does not depend on what
    an earlier apply wrote."""
    sources = [
        s for s in data.get("sources", []) if not (isinstance(s, dict) and s.get("id") == SOURCE_ID)
    ]
    if used:
        tables = {key: path for key, path in TABLES.items() if key in used}
        source = source_record(
            snapshot.commit, tables, {"wptags": TAG_CLEANING}, as_of=snapshot.date
        )
        if snapshot.date:
            source = {"published": snapshot.date, **source}
        source["note"] = f"Read from {snapshot.origin}, at this commit."
        sources.append(_ordered(source, _source_order()))
    data["sources"] = sources
