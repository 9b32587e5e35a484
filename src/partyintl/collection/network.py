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
- `projection`: the membership graph projected onto the parties: two parties are linked
  when status periods of theirs in the same international overlap in time (each period on
  its widest span, as above: they share at least one day); `weight` is in how many
  internationals they do, the interval the first and last day they share (`spells` the runs
  of days, when several), the provenance that of every overlapping period of both.

Every edge keeps its provenance: the file (`dataset`), the source ids and titles, the
places in them, and the EDTF dates as given (`start_edtf`, `end_edtf`, `as_of`); every node the
files and records it is made of and its Party Facts and Wikidata ids.
"""

from __future__ import annotations

import csv
import io
import os
import re
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
    "spells",
)


def _node(coll: Collection, key: str) -> dict[str, Any]:
    records = coll.records.get(key, [])
    first = records[0][1] if records else {"name": key}
    ids: dict[str, Any] = {}
    for _, r in records:  # the first file's, as the label is
        for i in r.get("identifiers", ()):
            ids.setdefault(i["scheme"], i["identifier"])
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
        _add_loaded_parties(coll, g)
        return g
    g = nx.MultiDiGraph(name="membership")
    periods = every_period(coll)
    for row in periods:
        for key, side in ((row["member_key"], 0), (row["organization_key"], 1)):
            if key not in g:
                g.add_node(key, **_clean({**_node(coll, key), "bipartite": side}))
        start, end = _period_span(row)
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
                    **_provenance(coll, [row]),
                }
            ),
        )
    if graph is NetworkGraph.MEMBERSHIP:
        _add_loaded_parties(coll, g, {"bipartite": 0})
        return g
    return _projection(coll, g, periods)


def _add_loaded_parties(coll: Collection, g: Any, extra: dict[str, Any] | None = None) -> None:
    """Each loaded file's own party as a node, tied or not: a party whose file lists no
    partners (and that no file lists) was left out of the graph though its file was read.
    Added after the edges' nodes, so their order is as before."""
    for index, ds in enumerate(coll.datasets):
        key = coll.key(index, ds.raw["party"]["id"])
        if key not in g:
            g.add_node(key, **_clean({**_node(coll, key), **(extra or {})}))


def _period_span(row: dict[str, Any]) -> tuple[str | None, str | None]:
    """The widest span of days a status period can cover: from the earliest day its start
    can mean to the latest day its end can mean, or, with no end, the date its sources hold
    it as of; None for an end no date bounds."""
    return _span(row["start_date"], row["end_date"] or row["as_of"])


def _provenance(coll: Collection, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Where membership rows come from: their files, source ids and titles, and each
    citation in words (`at`)."""
    titles = {
        (row["dataset"], ident): coll.datasets[coll.labels.index(row["dataset"])]
        .sources.get(ident, {})
        .get("title", ident)
        for row in rows
        for ident in row["source_ids"]
    }
    return {
        "dataset": list(dict.fromkeys(row["dataset"] for row in rows)),
        "source_id": list(dict.fromkeys(ident for _, ident in titles)),
        "source_title": list(dict.fromkeys(titles.values())),
        "at": list(dict.fromkeys(c for row in rows for c in row["sources"])),
    }


def _overlap(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None]
) -> tuple[str | None, str | None] | None:
    """The days two spans share (None for an open side), or None when they share none."""
    start = max(a[0] or "", b[0] or "") or None
    ends = [e for e in (a[1], b[1]) if e is not None]
    end = min(ends) if ends else None
    return None if start is not None and end is not None and start > end else (start, end)


def _projection(coll: Collection, g: Any, periods: list[dict[str, Any]]) -> Any:
    """Parties linked when their status periods in one international overlap in time (on
    each period's widest span, _period_span): `weight` the number of internationals they
    were members of together, `start`/`end` the first and last day they were, `spells` the
    days they were when these are not one run (in GEXF), and the provenance of every
    period of both memberships that overlaps."""
    import networkx as nx

    out: Any = nx.Graph(name="projection")
    parties = [n for n, d in g.nodes(data=True) if d.get("bipartite") == 0]
    out.add_nodes_from((n, g.nodes[n]) for n in parties)
    by_org: dict[str, list[dict[str, Any]]] = {}
    for row in periods:
        by_org.setdefault(row["organization_key"], []).append(row)
    shared: dict[tuple[str, str], list[tuple[str, tuple[str | None, str | None], Any]]] = {}
    for org, rows in by_org.items():
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                a, b = first["member_key"], second["member_key"]
                if a == b:
                    continue
                days = _overlap(_period_span(first), _period_span(second))
                if days is not None:
                    pair = (a, b) if a < b else (b, a)
                    shared.setdefault(pair, []).append((org, days, (first, second)))
    for (a, b), found in shared.items():
        orgs = list(dict.fromkeys(org for org, _, _ in found))
        runs = _runs([days for _, days, _ in found])
        attrs = _clean(
            {
                "kind": "co-member",
                "weight": len(orgs),
                "internationals": [g.nodes[o].get("label", o) for o in orgs],
                "start": runs[0][0],
                "end": runs[-1][1],
                **_provenance(coll, [r for _, _, pair in found for r in pair]),
            }
        )
        if len(runs) > 1:
            attrs["spells"] = runs  # GEXF's several intervals; a list networkx writes so
        out.add_edge(a, b, **attrs)
    return out


def _runs(spans: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    """Spans of days merged into the runs they make, in order (None an open side)."""
    runs: list[tuple[str | None, str | None]] = []
    for start, end in sorted(spans, key=lambda s: s[0] or ""):
        if runs and (runs[-1][1] is None or (start or "") <= runs[-1][1]):
            last = runs[-1][1]
            runs[-1] = (runs[-1][0], None if last is None or end is None else max(last, end))
        else:
            runs.append((start, end))
    return runs


def _safe(xml: bytes) -> bytes:
    """XML with the characters that must not reach a terminal raw (bidi controls, line
    separators: escaping.UNSAFE) written as character references: the same text to any XML
    reader. (A data file holds no C0 control: the loader refuses them.)"""
    from ..escaping import UNSAFE

    text = xml.decode("utf-8")
    return UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", text).encode("utf-8")


#: The day networkx writes into a GEXF file's meta element.
_GEXF_DAY = re.compile(rb'<meta lastmodifieddate="[0-9]{4}-[0-9]{2}-[0-9]{2}">')


def gexf_bytes(g: Any) -> bytes:
    """The graph as GEXF 1.2 (dynamic, dates as YYYY-MM-DD), as networkx writes it, dated
    the day SOURCE_DATE_EPOCH says (environment.made_at)."""
    import networkx as nx

    from ..environment import made_at

    buffer = io.BytesIO()
    nx.write_gexf(g, buffer)
    # networkx dates it by the clock: the day SOURCE_DATE_EPOCH gives, else today (UTC).
    day = f'<meta lastmodifieddate="{made_at():%Y-%m-%d}">'.encode()
    return _safe(_GEXF_DAY.sub(day, buffer.getvalue(), count=1))


def _spells_text(spells: Any) -> str:
    """Several intervals in one text value: `start/end; start/end` (EDTF, `..` open)."""
    return "; ".join(f"{a or '..'}/{b or '..'}" for a, b in spells)


def graphml_bytes(g: Any) -> bytes:
    """The graph as GraphML, as networkx writes it (several intervals as text)."""
    import networkx as nx

    if any("spells" in d for *_, d in g.edges(data=True)):
        g = g.copy()
        for *_, data in g.edges(data=True):
            if "spells" in data:
                data["spells"] = _spells_text(data["spells"])
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
            row = {**data, "spells": _spells_text(data["spells"])} if "spells" in data else data
            writer.writerow([a, b, *(row.get(f, "") for f in EDGE_FIELDS[2:])])
