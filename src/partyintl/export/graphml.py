"""The party's network as GraphML, for networkx and Gephi.

What the page does not state stays marked: a node or edge with such values has two more
attributes, `inferred` (the names of its attributes that hold them, comma-separated:
`country,country_code`) and `inferred_reason` (each such attribute with its reason,
`attribute: reason`, separated by " | ").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ..escaping import UNSAFE, visible

if TYPE_CHECKING:
    from ..data.load import Dataset

from ..data import shapes

Obj = dict[str, Any]


#: Organisation types that are a party's own bodies (its faction, its departments).
OWN_BODY_TYPES = ("faction", "party_unit")
NODE_KEYS = (
    "label",
    "kind",
    "type",
    "country",
    "country_code",
    "region",
    "partyfacts",
    "wikidata",
    "left_right",
    "sources",
    "inferred",
    "inferred_reason",
)
EDGE_KEYS = (
    "relation",
    "role",
    "status",
    "start_date",
    "end_date",
    "end_status",
    "as_of",
    "date",
    "event",
    "list",
    "position",
    "sources",
    "inferred",
    "inferred_reason",
)


def _ids(*citation_lists: Any) -> str | None:
    """The ids of the sources cited, once each, separated by '; ' (None for none)."""
    found = dict.fromkeys(c["source"] for cited in citation_lists for c in cited or ())
    return "; ".join(found) or None


def with_inferred(attrs: Obj, *inferences: Sequence[Mapping[str, Any]]) -> Obj:
    """Attributes with `inferred` and `inferred_reason` for the inferred ones among them."""
    found: dict[str, list[str]] = {}
    for group in inferences:
        for entry in group:
            field = entry["field"].split(".")[0]
            if attrs.get(field) is None:
                continue
            reasons = found.setdefault(field, [])
            if entry["reason"] not in reasons:
                reasons.append(entry["reason"])
    if found:
        attrs["inferred"] = ",".join(found)
        attrs["inferred_reason"] = " | ".join(f"{f}: {'; '.join(r)}" for f, r in found.items())
    return attrs


def graph_edges(ds: Dataset) -> Iterator[Obj]:
    """The network's edges: listed partners, parts, memberships, posts, event ties."""
    from ..query import membership_periods

    party = ds.raw["party"]["id"]
    for org in ds.raw_partners:
        yield {
            "source": party,
            "target": org["id"],
            "relation": "listed_partner",
            "list": org["listing"]["list"],
            "position": org["listing"]["position"],
            "sources": ds.list_sources.get(org["listing"]["list"]),
        }
    for o in ds.raw_orgs.values():
        if o.get("part_of"):
            yield {"source": o["id"], "target": o["part_of"], "relation": "part_of"}
    for ms in ds.raw.get("memberships", ()):
        # One edge per status period (observer, then full member): one edge for the
        # membership showed its last status from its first start ("full since 2008").
        for period, raw in zip(membership_periods(ds, ms), ms["periods"], strict=True):
            edge = {
                "source": ms["member_id"],
                "target": ms["organization_id"],
                "relation": "member",
                "status": period["status"],
                "start_date": period["start_date"],
                "end_date": period["end_date"],
                "end_status": period["end_status"],
                "as_of": period["as_of"],
                "sources": _ids(period["sources"], period["end_sources"]),
            }
            yield with_inferred(
                edge,
                shapes.inferred_about(raw, {"status", "start_date"}),
                [i for i in period["inferred"] if i["field"].startswith("end_")],
            )
    for person in ds.raw_people.values():
        for p in person.get("posts", ()):
            end = p.get("end") or {}
            edge = {
                "source": person["id"],
                "target": p["organization_id"],
                "relation": "post",
                "role": p["role"],
                "start_date": p.get("start_date"),
                "end_date": end.get("date"),
                "as_of": p.get("as_of"),
                "sources": _ids(p.get("sources") or person.get("sources"), end.get("sources")),
            }
            yield with_inferred(edge, shapes.inferred_about(p, edge))
    for ev in ds.raw_events.values():
        yield from _event_edges(ds, ev)
        # Countries the page names as represented at an event (the 2010 CIS forum).
        for c in ev.get("countries", ()):
            edge = {
                "source": f"country:{c['country_code'].lower()}",
                "target": ds.raw["party"]["id"],
                "relation": "represented_at",
                "date": ev["date"],
                "event": ev["id"],
                "sources": _ids(ev.get("sources")),
            }
            # The edge ends at the party: that it took part is what participants say.
            yield with_inferred(edge, shapes.inferred_about(ev, edge, {"participants": "relation"}))


def _ours(ds: Dataset, org_id: str) -> bool:
    """Whether an organisation is the party or one of its own bodies."""
    party = ds.raw["party"]["id"]
    seen = set()
    while org_id and org_id not in seen:
        org = ds.raw_orgs.get(org_id)
        if org_id == party or (org is not None and org["type"] in OWN_BODY_TYPES):
            return True
        seen.add(org_id)
        org_id = (org or {}).get("part_of") or ""
    return False


def _event_edges(ds: Dataset, ev: Obj) -> list[Obj]:
    participants = ev.get("participants", ())
    orgs = [p["id"] for p in participants if p["id"] in ds.raw_orgs]
    ours = [o for o in orgs if _ours(ds, o)] or [ds.raw["party"]["id"]]
    others = [o for o in orgs if not _ours(ds, o)]
    organizer = ev.get("organization_id")
    if organizer and organizer not in others:
        others.append(organizer)
    base = {
        "relation": ev["type"],
        "date": ev["date"],
        "event": ev["id"],
        "sources": _ids(ev.get("sources")),
    }
    edges = [{"source": ours[0], "target": o, **base} for o in others]
    target = organizer or (others[0] if others else ours[0])
    edges += [
        {"source": p["id"], "target": target, **base, "role": p["role"]}
        for p in participants
        if p["id"] in ds.raw_people
    ]
    # Who took part (an edge's ends and role) is read from the participants.
    return [
        with_inferred(
            e, shapes.inferred_about(ev, e, {"participants": "role" if "role" in e else "relation"})
        )
        for e in edges
    ]


def to_graphml(ds: Dataset) -> str:
    """The party's network as GraphML with typed node and edge attributes."""
    return "".join(graphml_chunks(ds))


def graphml_chunks(ds: Dataset) -> Iterator[str]:
    """The GraphML document line by line, so that a big network is never held whole."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    for k in NODE_KEYS:
        kind = "double" if k == "left_right" else "string"
        yield f'  <key id="{k}" for="node" attr.name="{k}" attr.type="{kind}"/>\n'
    for k in EDGE_KEYS:
        kind = "int" if k == "position" else "string"
        yield f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{kind}"/>\n'
    yield '  <graph id="partyintl" edgedefault="directed">\n'
    for org in ds.raw_orgs.values():
        attrs = {"label": org["name"], "kind": "organization", "type": org["type"]}
        attrs.update({k: org.get(k) for k in ("country", "country_code", "region")})
        # The ids the field joins on, so that a network analysis can join other data.
        for scheme in ("partyfacts", "wikidata"):
            ids = [i["identifier"] for i in org.get("identifiers", ()) if i["scheme"] == scheme]
            attrs[scheme] = "; ".join(ids) or None
        attrs["left_right"] = org.get("left_right")
        listed = [ds.list_sources[org["listing"]["list"]]] if org.get("listing") else []
        attrs["sources"] = _ids(
            [{"source": s} for s in listed],
            org.get("sources"),
            org.get("identifiers"),
            [org["positions_source"]] if org.get("positions_source") else (),
        )
        with_inferred(attrs, shapes.inferred_about(org, attrs, {"name": "label"}))
        yield _element("node", {"id": org["id"]}, attrs, "") + "\n"
    for person in ds.raw_people.values():
        cited = [person.get("sources"), *(p.get("sources") for p in person.get("posts", ()))]
        attrs = {
            "label": person["name"],
            "kind": "person",
            "type": "person",
            "sources": _ids(*cited),
        }
        with_inferred(attrs, shapes.inferred_about(person, attrs, {"name": "label"}))
        yield _element("node", {"id": person["id"]}, attrs, "") + "\n"
    for code, name in _event_countries(ds).items():
        attrs = {
            "label": name,
            "kind": "country",
            "type": "country",
            "country": name,
            "country_code": code,
        }
        yield _element("node", {"id": f"country:{code.lower()}"}, attrs, "") + "\n"
    for n, edge in enumerate(graph_edges(ds)):
        ends = {"id": f"e{n}", "source": edge["source"], "target": edge["target"]}
        yield _element("edge", ends, {k: edge.get(k) for k in EDGE_KEYS}, "e_") + "\n"
    yield "  </graph>\n</graphml>\n"


def _event_countries(ds: Dataset) -> dict[str, str]:
    """The countries named as represented at events, by ISO code, once each."""
    return {
        c["country_code"]: c["country"]
        for ev in ds.raw_events.values()
        for c in ev.get("countries", ())
    }


def _element(tag: str, ident: dict[str, str], data: dict[str, Any], prefix: str) -> str:
    head = " ".join(f"{k}={quoteattr(v)}" for k, v in ident.items())
    body = "".join(
        f'<data key="{prefix}{k}">{_xml_text(v)}</data>' for k, v in data.items() if v is not None
    )
    return f"    <{tag} {head}>{body}</{tag}>"


def _xml_text(value: Any) -> str:
    """A value as XML element text: markup escaped; the C0 controls XML 1.0 cannot carry
    shown as `\\xNN`; the other characters that must not reach a terminal raw (bidi
    controls, line separators: escaping.UNSAFE) as character references, the same text to
    any XML reader."""
    return UNSAFE.sub(_xml_reference, escape(str(value)))


def _xml_reference(match: re.Match[str]) -> str:
    code = ord(match.group())
    return visible(code) if code < 0x20 and code != 0x0D else f"&#x{code:x};"
