"""The network across a collection's files, built with networkx, written as GEXF (Gephi's
dynamic format: every edge has a time interval), GraphML, or node and edge CSVs.

Nodes are organisations (records of one organisation by id are one node, identity.py),
keyed `partyfacts:N`, `wikidata:Q…` or `fileN:record-id`. Three graphs:

- `ties`: directed, one edge per listing: the party of a file lists a partner, as of that
  file's source. Its interval is the span of the source's as-of date (as of 2018: the
  year 2018): the tie is attested then, not known before or after.
- `membership`: two-mode (parties `bipartite=0`, internationals `bipartite=1`), one edge
  per status period per file, member to international. Its interval is the widest the
  sources allow: from the earliest day the start can mean to the latest day the end can
  mean, or, for a period with no end, to the date its sources hold as of.
- `projection`: the membership graph projected onto the parties (networkx's bipartite
  projection): two parties are linked when they were members of the same international;
  `weight` is how many they share, the interval the overlap of their memberships' spans.

Every edge keeps its provenance: the file (`dataset`), the source id and title, the place
in it, and the EDTF dates as given (`start_edtf`, `end_edtf`, `as_of`); every node the
files and records it is made of and its Party Facts and Wikidata ids.
"""

from __future__ import annotations

import csv
import io
import os
from typing import Any

from ..data import dates
from . import Collection
from .kinds import NetworkGraph
from .questions import every_period

__all__ = ["EDGE_FIELDS", "NODE_FIELDS", "build", "gexf_bytes", "graphml_bytes", "write_csv"]

NODE_FIELDS = (
    "id",
    "label",
    "type",
    "country",
    "country_code",
    "partyfacts",
    "wikidata",
    "bipartite",
    "files",
    "records",
)
EDGE_FIELDS = (
    "source",
    "target",
    "kind",
    "status",
    "start",
    "end",
    "start_edtf",
    "end_edtf",
    "end_status",
    "as_of",
    "weight",
    "reciprocal",
    "dataset",
    "source_id",
    "source_title",
    "at",
    "internationals",
)


def _node(coll: Collection, key: str) -> dict[str, Any]:
    records = coll.records.get(key, [])
    first = records[0][1] if records else {"name": key}
    ids = {i["scheme"]: i["identifier"] for _, r in records for i in r.get("identifiers", ())}
    return {
        "label": first["name"],
        "type": first.get("type"),
        "country": first.get("country"),
        "country_code": first.get("country_code"),
        "partyfacts": ids.get("partyfacts"),
        "wikidata": ids.get("wikidata"),
        "files": "; ".join(dict.fromkeys(coll.labels[i] for i, _ in records)),
        "records": "; ".join(f"{coll.labels[i]}:{r['id']}" for i, r in records),
    }


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Attributes GEXF and GraphML can carry: no None, lists joined."""
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        out[key] = "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
    return out


def _span(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    return (dates.start(start) if start else None, dates.end(end) if end else None)


def build(coll: Collection, graph: NetworkGraph) -> Any:
    """The networkx graph asked for (a MultiDiGraph, or a Graph for the projection)."""
    import networkx as nx

    if graph is NetworkGraph.TIES:
        g: Any = nx.MultiDiGraph(name="ties")
        for tie in coll.ties:
            for key in (tie.source, tie.target):
                if key not in g:
                    g.add_node(key, **_clean(_node(coll, key)))
            source = coll.datasets[tie.dataset].sources.get(tie.cited, {})
            start, end = _span(tie.as_of, tie.as_of)
            g.add_edge(
                tie.source,
                tie.target,
                **_clean(
                    {
                        "kind": "lists",
                        "start": start,
                        "end": end,
                        "as_of": tie.as_of,
                        "reciprocal": (tie.target, tie.source) in coll.pairs,
                        "dataset": coll.labels[tie.dataset],
                        "source_id": tie.cited,
                        "source_title": source.get("title"),
                        "at": tie.at,
                    }
                ),
            )
        return g
    g = nx.MultiDiGraph(name="membership")
    for row in every_period(coll):
        for key, side in ((row["member_key"], 0), (row["organization_key"], 1)):
            if key not in g:
                g.add_node(key, **_clean({**_node(coll, key), "bipartite": side}))
        last = row["end_date"] or row["as_of"]
        start, end = _span(row["start_date"], last)
        g.add_edge(
            row["member_key"],
            row["organization_key"],
            **_clean(
                {
                    "kind": "member",
                    "status": row["status"],
                    "start": start,
                    "end": end,
                    "start_edtf": row["start_date"],
                    "end_edtf": row["end_date"],
                    "end_status": row["end_status"],
                    "as_of": row["as_of"],
                    "dataset": row["dataset"],
                    "source_id": row["source_ids"],
                    "at": row["sources"],
                }
            ),
        )
    if graph is NetworkGraph.MEMBERSHIP:
        return g
    return _projection(g)


def _projection(g: Any) -> Any:
    """Parties linked by the internationals they share, with the overlap of their spans."""
    import networkx as nx
    from networkx.algorithms import bipartite

    simple: Any = nx.Graph(g.to_undirected())
    parties = [n for n, d in g.nodes(data=True) if d.get("bipartite") == 0]
    projected = bipartite.weighted_projected_graph(simple, parties)
    out: Any = nx.Graph(name="projection")
    out.add_nodes_from((n, g.nodes[n]) for n in parties)

    def span(member: str, org: str) -> tuple[str, str]:
        edges = g.get_edge_data(member, org) or {}
        starts = [e.get("start") or "0000-01-01" for e in edges.values()]
        ends = [e.get("end") or "9999-12-31" for e in edges.values()]
        return min(starts), max(ends)

    for a, b, data in projected.edges(data=True):
        shared = sorted(set(g.successors(a)) & set(g.successors(b)))
        overlaps = []
        for org in shared:
            (s1, e1), (s2, e2) = span(a, org), span(b, org)
            start, end = max(s1, s2), min(e1, e2)
            if start <= end:
                overlaps.append((start, end))
        attrs: dict[str, Any] = {
            "kind": "co-member",
            "weight": data.get("weight", len(shared)),
            "internationals": "; ".join(g.nodes[o].get("label", o) for o in shared),
        }
        if overlaps:
            start = min(s for s, _ in overlaps)
            end = max(e for _, e in overlaps)
            if start != "0000-01-01":
                attrs["start"] = start
            if end != "9999-12-31":
                attrs["end"] = end
        out.add_edge(a, b, **attrs)
    return out


def _safe(xml: bytes) -> bytes:
    """XML with the characters that must not reach a terminal raw (bidi controls, line
    separators: escaping.UNSAFE) written as character references: the same text to any XML
    reader. (A data file holds no C0 control: the loader refuses them.)"""
    from ..escaping import UNSAFE

    text = xml.decode("utf-8")
    return UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", text).encode("utf-8")


def gexf_bytes(g: Any) -> bytes:
    """The graph as GEXF 1.2 (dynamic, dates as YYYY-MM-DD), as networkx writes it."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(g, buffer)
    return _safe(buffer.getvalue())


def graphml_bytes(g: Any) -> bytes:
    """The graph as GraphML, as networkx writes it."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(g, buffer)
    return _safe(buffer.getvalue())


def write_csv(g: Any, folder: str) -> None:
    """nodes.csv and edges.csv into `folder`: every node and edge with its attributes."""
    with open(os.path.join(folder, "nodes.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(NODE_FIELDS)
        for node, data in g.nodes(data=True):
            writer.writerow([node, *(data.get(f, "") for f in NODE_FIELDS[1:])])
    with open(os.path.join(folder, "edges.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EDGE_FIELDS)
        for a, b, data in g.edges(data=True):
            writer.writerow([a, b, *(data.get(f, "") for f in EDGE_FIELDS[2:])])
