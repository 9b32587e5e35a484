"""The network across a collection's files, written as GEXF (Gephi's dynamic format: every
edge has a time interval), GraphML, or node and edge CSVs, node by node and edge by edge
as they are made: a file of 100,000 ties is never held whole (networkx reads both files).

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
import os
from collections.abc import Callable, Iterator
from typing import Any

from ..data import dates
from ..escaping import UNSAFE
from . import Collection
from .kinds import NetworkGraph
from .questions import every_period

__all__ = [
    "EDGE_FIELDS",
    "NODE_FIELDS",
    "Network",
    "build",
    "gexf_chunks",
    "graphml_chunks",
    "write_csv",
]

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


#: Where an edge comes from: its file, its sources' ids and titles, each citation in words.
_PROVENANCE = ("dataset", "source_id", "source_title", "at")

#: The attributes each graph's edges may carry (of EDGE_FIELDS).
EDGE_ATTRIBUTES = {
    NetworkGraph.TIES: ("kind", "start", "end", "as_of", "reciprocal", *_PROVENANCE),
    NetworkGraph.MEMBERSHIP: (
        *("kind", "status", "start", "end", "start_edtf", "end_edtf", "end_status", "as_of"),
        *_PROVENANCE,
    ),
    NetworkGraph.PROJECTION: (
        "kind",
        "start",
        "end",
        "weight",
        *_PROVENANCE,
        "internationals",
        "spells",
    ),
}

#: The attributes that are not text, with their type in GEXF and GraphML alike.
_TYPES = {"bipartite": "long", "weight": "long", "reciprocal": "boolean"}

Edge = tuple[str, str, dict[str, Any]]


class Network:
    """A graph ready to be written, node by node and edge by edge.

    `nodes` maps each node's key (`partyfacts:N`, `wikidata:Q…`, `fileN:record-id`), in the
    order they are written, to its side in a two-mode graph (0 a party, 1 an
    international) or None; `edges()` yields each edge as (source key, target key,
    attributes), made as it is read from the collection, so a big network is never held
    whole; `edge_fields` are the attribute names the edges may carry (EDGE_ATTRIBUTES).
    """

    def __init__(
        self,
        graph: NetworkGraph,
        coll: Collection,
        nodes: dict[str, int | None],
        edges: Callable[[], Iterator[Edge]],
    ) -> None:
        self.graph = graph
        self.directed = graph is not NetworkGraph.PROJECTION
        self.nodes = nodes
        self.edges = edges
        self.edge_fields = EDGE_ATTRIBUTES[graph]
        two_mode = graph is not NetworkGraph.TIES  # parties and internationals: `bipartite`
        self.node_fields = tuple(f for f in NODE_FIELDS[1:] if two_mode or f != "bipartite")
        self._coll = coll

    def node_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each node's key and attributes (NODE_FIELDS: the first file's name, type and
        country, its Party Facts and Wikidata ids, the files and records it is made of)."""
        for key, side in self.nodes.items():
            attrs = _node(self._coll, key)
            if side is not None:
                attrs["bipartite"] = side
            yield key, _clean(attrs)


def build(coll: Collection, graph: NetworkGraph) -> Network:
    """The network asked for: `ties` (directed, one edge per listing), `membership`
    (two-mode, one edge per status period) or `projection` (the parties linked by
    overlapping periods in one international). See the module's docstring."""
    if graph is NetworkGraph.TIES:
        nodes: dict[str, int | None] = {}
        for tie in coll.ties:
            nodes.setdefault(tie.source, None)
            nodes.setdefault(tie.target, None)
        _add_loaded_parties(coll, nodes, None)
        return Network(graph, coll, nodes, lambda: _tie_edges(coll))
    periods = every_period(coll)
    nodes = {}
    for row in periods:
        nodes.setdefault(row["member_key"], 0)
        nodes.setdefault(row["organization_key"], 1)
    _add_loaded_parties(coll, nodes, 0)
    if graph is NetworkGraph.MEMBERSHIP:
        return Network(graph, coll, nodes, lambda: _member_edges(coll, periods))
    parties: dict[str, int | None] = {k: side for k, side in nodes.items() if side == 0}
    edges = _projection(coll, nodes, periods)
    return Network(graph, coll, parties, lambda: iter(edges))


def _tie_edges(coll: Collection) -> Iterator[Edge]:
    """One edge per listing: the party of a file lists a partner, as of its source."""
    for tie in coll.ties:
        source = coll.datasets[tie.dataset].sources.get(tie.cited, {})
        start, end = _span(tie.as_of, tie.as_of)
        attrs = {
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
        yield tie.source, tie.target, _clean(attrs)


def _member_edges(coll: Collection, periods: list[dict[str, Any]]) -> Iterator[Edge]:
    """One edge per status period, member to international, on its widest span."""
    for row in periods:
        start, end = _period_span(row)
        attrs = {
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
        yield row["member_key"], row["organization_key"], _clean(attrs)


def _add_loaded_parties(coll: Collection, nodes: dict[str, int | None], side: int | None) -> None:
    """Each loaded file's own party as a node, tied or not: a party whose file lists no
    partners (and that no file lists) was left out of the graph though its file was read.
    Added after the edges' nodes, so their order is as before."""
    for index, ds in enumerate(coll.datasets):
        nodes.setdefault(coll.key(index, ds.raw["party"]["id"]), side)


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


def _projection(
    coll: Collection, nodes: dict[str, int | None], periods: list[dict[str, Any]]
) -> list[Edge]:
    """Parties linked when their status periods in one international overlap in time (on
    each period's widest span, _period_span): `weight` the number of internationals they
    were members of together, `start`/`end` the first and last day they were, `spells` the
    days they were when these are not one run (in GEXF), and the provenance of every
    period of both memberships that overlaps."""
    by_org: dict[str, list[dict[str, Any]]] = {}
    for row in periods:
        by_org.setdefault(row["organization_key"], []).append(row)
    shared: dict[tuple[str, str], list[tuple[str, tuple[str | None, str | None], Any]]] = {}
    for org, rows in by_org.items():
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                a, b = first["member_key"], second["member_key"]
                if a == b or nodes[a] != 0 or nodes[b] != 0:
                    continue
                days = _overlap(_period_span(first), _period_span(second))
                if days is not None:
                    pair = (a, b) if a < b else (b, a)
                    shared.setdefault(pair, []).append((org, days, (first, second)))
    edges: list[Edge] = []
    for (a, b), found in shared.items():
        orgs = list(dict.fromkeys(org for org, _, _ in found))
        runs = _runs([days for _, days, _ in found])
        attrs = _clean(
            {
                "kind": "co-member",
                "weight": len(orgs),
                "internationals": [_node(coll, o)["label"] for o in orgs],
                "start": runs[0][0],
                "end": runs[-1][1],
                **_provenance(coll, [r for _, _, pair in found for r in pair]),
            }
        )
        if len(runs) > 1:
            attrs["spells"] = runs  # GEXF's several intervals (text in GraphML and CSV)
        edges.append((a, b, attrs))
    return edges


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


def _spells_text(spells: Any) -> str:
    """Several intervals in one text value: `start/end; start/end` (EDTF, `..` open)."""
    return "; ".join(f"{a or '..'}/{b or '..'}" for a, b in spells)


def _value(value: Any) -> str:
    """An attribute's value as GEXF and GraphML write it (booleans `true`/`false`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


#: What XML escapes in a text (element text and attribute values alike: `>` too, and the
#: blanks an attribute value would otherwise turn into spaces).
_XML_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def _xml(value: Any) -> str:
    """A value as XML text (in an element or in a double-quoted attribute): markup and
    blanks escaped; the characters that must not reach a terminal raw (escaping.UNSAFE:
    bidi controls, line separators) as character references, the same text to any XML
    reader. (A data file holds no other C0 control: the loader refuses them.)"""
    text = _value(value)
    for char, reference in _XML_ESCAPES:
        if char in text:
            text = text.replace(char, reference)
    if UNSAFE.search(text):
        text = UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", text)
    return text


def _attr(value: Any) -> str:
    """A value as a double-quoted XML attribute (_xml)."""
    return f'"{_xml(value)}"'


def _encoded(lines: Iterator[str]) -> Iterator[bytes]:
    """Lines joined into blocks of about 64 KB of UTF-8, for a write each."""
    block: list[str] = []
    size = 0
    for line in lines:
        block.append(line)
        size += len(line)
        if size >= 65536:
            yield "".join(block).encode("utf-8")
            block, size = [], 0
    if block:
        yield "".join(block).encode("utf-8")


#: What GEXF writes on an edge element itself, not among its attribute values.
_GEXF_OWN = ("start", "end", "weight", "spells")


def gexf_chunks(net: Network) -> Iterator[bytes]:
    """The network as GEXF 1.2 (dynamic: dates as YYYY-MM-DD on each edge's `start` and
    `end`, several runs as `spells`), in blocks of UTF-8 as it is made; dated the day
    SOURCE_DATE_EPOCH says, else today (environment.made_at). Gephi and networkx read it."""
    return _encoded(_gexf_lines(net))


def _gexf_lines(net: Network) -> Iterator[str]:
    from .._version import __version__
    from ..environment import made_at

    node_ids = {name: str(i) for i, name in enumerate(net.node_fields[1:])}
    edge_names = [f for f in net.edge_fields if f not in _GEXF_OWN]
    edge_ids = {name: str(len(node_ids) + i) for i, name in enumerate(edge_names)}
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (
        '<gexf xmlns="http://www.gexf.net/1.2draft" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft '
        'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    )
    yield f'  <meta lastmodifieddate="{made_at():%Y-%m-%d}">\n'
    yield f"    <creator>partyintl {_xml(__version__)}</creator>\n  </meta>\n"
    kind = "directed" if net.directed else "undirected"
    yield (
        f'  <graph defaultedgetype="{kind}" mode="dynamic" name={_attr(net.graph.value)} '
        'timeformat="date">\n'
    )
    for cls, ids in (("node", node_ids), ("edge", edge_ids)):
        yield f'    <attributes mode="static" class="{cls}">\n'
        for name, ident in ids.items():
            kind = _TYPES.get(name, "string")
            yield f'      <attribute id="{ident}" title="{name}" type="{kind}" />\n'
        yield "    </attributes>\n"
    yield "    <nodes>\n"
    for key, attrs in net.node_items():
        yield f"      <node id={_attr(key)} label={_attr(attrs.pop('label', key))}>\n"
        yield from _attvalues(attrs, node_ids)
        yield "      </node>\n"
    yield "    </nodes>\n    <edges>\n"
    for n, (source, target, attrs) in enumerate(net.edges()):
        own = "".join(f" {name}={_attr(attrs[name])}" for name in _GEXF_OWN[:3] if name in attrs)
        yield f'      <edge id="{n}" source={_attr(source)} target={_attr(target)}{own}>\n'
        yield from _attvalues(attrs, edge_ids)
        if "spells" in attrs:
            yield "        <spells>\n"
            for start, end in attrs["spells"]:
                sides = "".join(
                    f" {side}={_attr(day)}" for side, day in (("start", start), ("end", end)) if day
                )
                yield f"          <spell{sides} />\n"
            yield "        </spells>\n"
        yield "      </edge>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _attvalues(attrs: dict[str, Any], ids: dict[str, str]) -> Iterator[str]:
    values = [(ids[name], value) for name, value in attrs.items() if name in ids]
    if not values:
        return
    yield "        <attvalues>\n"
    for ident, value in values:
        yield f'          <attvalue for="{ident}" value={_attr(value)} />\n'
    yield "        </attvalues>\n"


def graphml_chunks(net: Network) -> Iterator[bytes]:
    """The network as GraphML (several runs of days as text: `start/end; start/end`), in
    blocks of UTF-8 as it is made. networkx, Gephi and igraph read it."""
    return _encoded(_graphml_lines(net))


def _graphml_lines(net: Network) -> Iterator[str]:
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    yield '  <key id="name" for="graph" attr.name="name" attr.type="string" />\n'
    for cls, prefix, names in (("node", "", net.node_fields), ("edge", "e_", net.edge_fields)):
        for name in names:
            declared = f'for="{cls}" attr.name="{name}" attr.type="{_TYPES.get(name, "string")}"'
            yield f'  <key id="{prefix}{name}" {declared} />\n'
    kind = "directed" if net.directed else "undirected"
    yield f'  <graph edgedefault="{kind}">\n'
    yield f'    <data key="name">{_xml(net.graph.value)}</data>\n'
    for key, attrs in net.node_items():
        yield f"    <node id={_attr(key)}>\n"
        yield from _data(attrs, "")
        yield "    </node>\n"
    for n, (source, target, attrs) in enumerate(net.edges()):
        if "spells" in attrs:
            attrs = {**attrs, "spells": _spells_text(attrs["spells"])}
        yield f'    <edge id="{n}" source={_attr(source)} target={_attr(target)}>\n'
        yield from _data(attrs, "e_")
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def _data(attrs: dict[str, Any], prefix: str) -> Iterator[str]:
    for name, value in attrs.items():
        yield f'      <data key="{prefix}{name}">{_xml(value)}</data>\n'


def write_csv(net: Network, folder: str) -> None:
    """nodes.csv and edges.csv into `folder`: every node and edge with its attributes
    (NODE_FIELDS, EDGE_FIELDS; empty where one has none), written as they are made."""
    with open(os.path.join(folder, "nodes.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(NODE_FIELDS)
        for node, data in net.node_items():
            writer.writerow([node, *(data.get(f, "") for f in NODE_FIELDS[1:])])
    with open(os.path.join(folder, "edges.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EDGE_FIELDS)
        for a, b, data in net.edges():
            row = {**data, "spells": _spells_text(data["spells"])} if "spells" in data else data
            writer.writerow([a, b, *(row.get(f, "") for f in EDGE_FIELDS[2:])])
