"""The party's network as GraphML, for networkx and Gephi."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from ..data.load import Dataset
    from ..data.models import Event

Obj = dict[str, Any]


#: Organisation types that are a party's own bodies (its faction, its departments).
OWN_BODY_TYPES = ("faction", "party_unit")
NODE_KEYS = ("label", "kind", "type", "country", "country_code", "region")
EDGE_KEYS = ("relation", "role", "status", "start_date", "date", "event", "list", "position")


def graph_edges(ds: Dataset) -> list[Obj]:
    """The network's edges: listed partners, parts, memberships, posts, event ties."""
    party = ds.data.party.id
    edges: list[Obj] = []
    for org in ds.partners:
        assert org.listing is not None
        edges.append(
            {
                "source": party,
                "target": org.id,
                "relation": "listed_partner",
                "list": org.listing.list.value,
                "position": org.listing.position,
            }
        )
    edges += [
        {"source": o.id, "target": o.part_of, "relation": "part_of"}
        for o in ds.orgs.values()
        if o.part_of
    ]
    for ms in ds.data.memberships:
        edges.append(
            {
                "source": ms.member_id,
                "target": ms.organization_id,
                "relation": "member",
                "status": ms.periods[-1].status.value,
                "start_date": ms.periods[0].start_date,
            }
        )
    for person in ds.data.people:
        edges += [
            {
                "source": person.id,
                "target": p.organization_id,
                "relation": "post",
                "role": p.role,
                "start_date": p.start_date,
            }
            for p in person.posts
        ]
    for ev in ds.data.events:
        edges += _event_edges(ds, ev)
    return edges


def _ours(ds: Dataset, org_id: str) -> bool:
    """Whether an organisation is the party or one of its own bodies."""
    party = ds.data.party.id
    seen = set()
    while org_id and org_id not in seen:
        org = ds.orgs.get(org_id)
        if org_id == party or (org is not None and org.type.value in OWN_BODY_TYPES):
            return True
        seen.add(org_id)
        org_id = org.part_of if org and org.part_of else ""
    return False


def _event_edges(ds: Dataset, ev: Event) -> list[Obj]:
    orgs = [p.id for p in ev.participants if p.id in ds.orgs]
    ours = [o for o in orgs if _ours(ds, o)] or [ds.data.party.id]
    others = [o for o in orgs if not _ours(ds, o)]
    if ev.organization_id and ev.organization_id not in others:
        others.append(ev.organization_id)
    base = {"relation": ev.type.value, "date": ev.date, "event": ev.id}
    edges = [{"source": ours[0], "target": o, **base} for o in others]
    target = ev.organization_id or (others[0] if others else ours[0])
    edges += [
        {"source": p.id, "target": target, **base, "role": p.role.value}
        for p in ev.participants
        if p.id in ds.people
    ]
    return edges


def to_graphml(ds: Dataset) -> str:
    """The party's network as GraphML with typed node and edge attributes."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    lines += [f'  <key id="{k}" for="node" attr.name="{k}" attr.type="string"/>' for k in NODE_KEYS]
    lines += [
        f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="'
        f'{"int" if k == "position" else "string"}"/>'
        for k in EDGE_KEYS
    ]
    lines.append('  <graph id="partyintl" edgedefault="directed">')
    for org in ds.orgs.values():
        attrs = {
            "label": org.name,
            "kind": "organization",
            "type": org.type.value,
            "country": org.country,
            "country_code": org.country_code,
            "region": org.region,
        }
        lines.append(_element("node", {"id": org.id}, attrs, ""))
    for person in ds.data.people:
        lines.append(
            _element(
                "node",
                {"id": person.id},
                {"label": person.name, "kind": "person", "type": "person"},
                "",
            )
        )
    for n, edge in enumerate(graph_edges(ds)):
        ends = {"id": f"e{n}", "source": edge["source"], "target": edge["target"]}
        lines.append(_element("edge", ends, {k: edge.get(k) for k in EDGE_KEYS}, "e_"))
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _element(tag: str, ident: dict[str, str], data: dict[str, Any], prefix: str) -> str:
    head = " ".join(f"{k}={quoteattr(v)}" for k, v in ident.items())
    body = "".join(
        f'<data key="{prefix}{k}">{escape(_xml_text(v))}</data>'
        for k, v in data.items()
        if v is not None
    )
    return f"    <{tag} {head}>{body}</{tag}>"


def _xml_text(value: Any) -> str:
    # XML 1.0 cannot carry most control characters at all; show them escaped.
    text = str(value)
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else f"\\x{ord(ch):02x}" for ch in text)
