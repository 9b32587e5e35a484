"""Whole-dataset exports: Popolo JSON and GraphML; pure functions of a Dataset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Event, Organization

Obj = dict[str, Any]


def _source(ds: Dataset, where: str) -> list[Obj]:
    src = ds.data.source
    return [{"url": f"http://{src.site}/", "note": f"{src.title}, {where}"}]


def _where(org: Organization) -> str:
    if org.listing is not None:
        return f"{org.listing.list.value} list, item {org.listing.position}"
    if org.paragraphs:
        return "paragraphs " + ", ".join(str(p) for p in org.paragraphs)
    return "whole page"


def area_id(code: str | None, name: str | None) -> str | None:
    """The Popolo area id of a country (by ISO code), a place without one, or a region."""
    if code:
        return f"country:{code.lower()}"
    if name:
        return "area:" + "-".join(name.lower().split())
    return None


def to_popolo(ds: Dataset) -> Obj:
    """The dataset as Popolo: organizations, memberships, persons, posts, events, areas."""
    areas: dict[str, Obj] = {}

    def area(code: str | None, name: str | None, kind: str) -> str | None:
        ident = area_id(code, name)
        if ident and ident not in areas:
            areas[ident] = {"id": ident, "name": name, "identifier": code, "classification": kind}
        return ident

    organizations = []
    for org in ds.orgs.values():
        aid = (
            area(org.country_code, org.country, "country")
            if org.country
            else area(None, org.region, "region")
        )
        organizations.append(
            {
                "id": org.id,
                "name": org.name,
                "classification": org.type.value,
                "other_names": [
                    o.model_dump(mode="json", exclude_none=True) for o in org.other_names
                ],
                "parent_id": org.part_of,
                "area_id": aid,
                "description": org.description,
                "sources": _source(ds, _where(org)),
            }
        )
    memberships: list[Obj] = []
    posts: list[Obj] = []
    for ms in ds.data.memberships:
        periods = list(ms.periods)
        for i, p in enumerate(periods):
            end = periods[i + 1].start_date if i + 1 < len(periods) else None
            memberships.append(
                {
                    "id": f"{ms.id}-{p.status.value}",
                    "label": f"{p.status.value} member",
                    "role": f"{p.status.value} member",
                    "member": {"@type": "Organization", "id": ms.member_id},
                    "organization_id": ms.organization_id,
                    "start_date": p.start_date,
                    "end_date": end,
                    "sources": _source(ds, f"paragraph {p.paragraph}"),
                }
            )
    persons = []
    for person in ds.data.people:
        persons.append(
            {
                "id": person.id,
                "name": person.name,
                "family_name": person.family_name,
                "other_names": [
                    o.model_dump(mode="json", exclude_none=True) for o in person.other_names
                ],
                "sources": _source(ds, "prose"),
            }
        )
        for n, post in enumerate(person.posts, start=1):
            post_id = f"{post.organization_id}-{'-'.join(post.role.lower().split())}"
            if post_id not in {p["id"] for p in posts}:
                posts.append(
                    {
                        "id": post_id,
                        "label": post.role,
                        "role": post.role,
                        "organization_id": post.organization_id,
                    }
                )
            label = post.role if not post.as_of else f"{post.role} (as of {post.as_of})"
            memberships.append(
                {
                    "id": f"{person.id}-post-{n}",
                    "label": label,
                    "role": post.role,
                    "person_id": person.id,
                    "organization_id": post.organization_id,
                    "post_id": post_id,
                    "start_date": post.start_date,
                    "sources": _source(ds, f"paragraph {post.paragraph}"),
                }
            )
    events = [_popolo_event(ds, ev, area) for ev in ds.data.events]
    return {
        "organizations": organizations,
        "memberships": memberships,
        "persons": persons,
        "posts": posts,
        "events": events,
        "areas": list(areas.values()),
    }


def _popolo_event(ds: Dataset, ev: Event, area: Any) -> Obj:
    location = None
    if ev.place is not None:
        area(ev.place.country_code, ev.place.country, "country")
        location = ", ".join(b for b in (ev.place.city, ev.place.country) if b) or None
    return {
        "id": ev.id,
        "name": ev.name,
        "description": ev.description,
        "start_date": ev.date,
        "end_date": ev.end_date,
        "location": location,
        "classification": ev.type.value,
        "organization_id": ev.organization_id,
        "attendees": [
            {"id": p.id, "name": ds.people[p.id].name} for p in ev.participants if p.id in ds.people
        ],
        "sources": _source(ds, f"paragraph {ev.paragraph}"),
    }


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
        if org_id == party or org_id == "just-russia-duma-faction":
            return True
        seen.add(org_id)
        org = ds.orgs.get(org_id)
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


def write_atomic(path: str, text: str) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part."""
    import contextlib
    import os
    import tempfile

    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix=".partyintl-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
