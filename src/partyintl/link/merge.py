"""Records of one data file accepted as the same Party Facts party become one record.

A table of an international's decisions prints a party once per decision, and not always
under one name ("Forum Démocratique pour le Travail et les Libertés, FDTL" in 2003, the
"Democratic Forum for Labour and Freedoms" later): `draft` keeps every row its own record,
since names that look alike prove nothing. A decisions file that accepts one Party Facts id
for several records says they are one party; `link --apply` then merges them here:

- the first record (in file order) stays, under its id; the others' names become its other
  names (with the sources that print them), their citations, notes and inferences join its;
- every reference to a merged record (a membership's member or organisation, `part_of`, an
  event's participant or body, a post's body) points to the one that stays;
- memberships of one member in one organisation become one, their periods in date order;
  a period that states only an end (draft/table.py's END_ONLY) closes the open period
  before it, when there is one.

Two records that both hold a place in a list, or that give different countries, are not
merged: that is an error naming both (the decision is more likely wrong than the list).
"""

from __future__ import annotations

from typing import Any

from ..data import dates
from ..errors import DatasetError, Problem

__all__ = ["END_ONLY", "merge_same", "partyfacts_id"]

#: The status of a period that states only its end (draft/table.py writes it).
END_ONLY = "member"
_ORG_KEYS = ("partners", "organizations")


def partyfacts_id(record: dict[str, Any]) -> str | None:
    """The Party Facts id a record carries (its identifiers' partyfacts), or None."""
    for ident in record.get("identifiers", ()):
        if ident.get("scheme") == "partyfacts":
            return str(ident["identifier"])
    return None


def merge_same(data: dict[str, Any], name: str, lines: dict[str, int] | None = None) -> int:
    """Merge, in place, the records of `data` that share a Party Facts id; the number of
    records merged away. A DatasetError naming the decisions file `name` when two of them
    cannot be one (both listed, or different countries), at the line `lines` gives for the
    later record's accepted decision (record id -> line)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    party = data.get("party")
    records = [party] if isinstance(party, dict) else []
    for key in _ORG_KEYS:
        records += [r for r in data.get(key, ()) if isinstance(r, dict)]
    for record in records:
        found = partyfacts_id(record)
        if found is not None:
            groups.setdefault(found, []).append(record)
    renamed: dict[str, str] = {}
    problems: list[Problem] = []
    for pf_id, group in groups.items():
        if len(group) < 2:
            continue
        keep, rest = group[0], group[1:]
        for other in rest:
            why = _conflict(keep, other)
            if why:
                line = (lines or {}).get(other["id"])
                problems.append(
                    Problem(
                        "",
                        f"accepting Party Facts {pf_id} for {other['id']}: that id is already "
                        f"{keep['id']}'s, and {why}",
                        line,
                        2 if line is not None else None,
                    )
                )
                continue
            _fold_into(keep, other)
            renamed[other["id"]] = keep["id"]
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise DatasetError(name, problems, "Accept one Party Facts id for one party only.")
    if not renamed:
        return 0
    for key in _ORG_KEYS:
        if key in data:
            data[key] = [r for r in data[key] if r.get("id") not in renamed]
    _repoint(data, renamed)
    data["memberships"] = _joined(data.get("memberships", []))
    return len(renamed)


def _conflict(keep: dict[str, Any], other: dict[str, Any]) -> str | None:
    if keep.get("listing") and other.get("listing"):
        return "both hold a place in a list"
    a, b = keep.get("country_code"), other.get("country_code")
    if a and b and a != b:
        return f"their countries differ ({a}, {b})"
    return None


def _fold_into(keep: dict[str, Any], other: dict[str, Any]) -> None:
    """The other record's names, citations, notes and inferences into the kept one."""
    known = {keep["name"], *(o["name"] for o in keep.get("other_names", ()))}
    names = list(keep.get("other_names", ()))
    as_printed = {
        "name": other["name"],
        "note": "the name as printed where the source cites it",
        "sources": other.get("sources", []),
    }
    for entry in [as_printed, *other.get("other_names", ())]:
        if entry["name"] not in known and not _from_partyfacts(entry):
            names.append(entry)
            known.add(entry["name"])
    if names:
        keep["other_names"] = names
    for key in ("sources", "notes"):
        joined = [
            *keep.get(key, ()),
            *(x for x in other.get(key, ()) if x not in keep.get(key, ())),
        ]
        if joined:
            keep[key] = joined
    inferred = [*keep.get("inferred", ())]
    inferred += [i for i in other.get("inferred", ()) if i not in inferred]
    if inferred:
        keep["inferred"] = inferred
    for key in ("country", "country_code"):
        if not keep.get(key) and other.get(key):
            keep[key] = other[key]


def _from_partyfacts(name: dict[str, Any]) -> bool:
    from ..data.partyfacts import SOURCE_ID

    return any(c.get("source") == SOURCE_ID for c in name.get("sources", ()))


def _repoint(data: dict[str, Any], renamed: dict[str, str]) -> None:
    def new(ref: Any) -> Any:
        return renamed.get(ref, ref) if isinstance(ref, str) else ref

    for key in _ORG_KEYS:
        for record in data.get(key, ()):
            if "part_of" in record:
                record["part_of"] = new(record["part_of"])
    for ms in data.get("memberships", ()):
        ms["member_id"] = new(ms["member_id"])
        ms["organization_id"] = new(ms["organization_id"])
    for event in data.get("events", ()):
        if "organization_id" in event:
            event["organization_id"] = new(event["organization_id"])
        for participant in event.get("participants", ()):
            participant["id"] = new(participant["id"])
    for person in data.get("people", ()):
        for post in person.get("posts", ()):
            post["organization_id"] = new(post["organization_id"])


def _period_key(period: dict[str, Any]) -> tuple[bool, str, str]:
    when = period.get("start_date") or (period.get("end") or {}).get("date")
    return dates.sort_key(when)


def _joined(memberships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One membership per member and organisation, its periods in date order, an
    end-only period folded into the open one before it."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for ms in memberships:
        key = (ms["member_id"], ms["organization_id"])
        if key not in out:
            out[key] = {**ms, "periods": list(ms["periods"])}
        else:
            out[key]["periods"] += ms["periods"]
    for ms in out.values():
        periods = sorted(ms["periods"], key=_period_key)
        folded: list[dict[str, Any]] = []
        for period in periods:
            before = folded[-1] if folded else None
            if (
                before is not None
                and period.get("status") == END_ONLY
                and period.get("start_date") is None
                and period.get("end") is not None
                and before.get("end") is None
            ):
                folded[-1] = {**before, "end": period["end"]}
                continue
            folded.append(period)
        ms["periods"] = folded
    return list(out.values())
