"""The bodies of the commands across a collection: partners --member-of, memberships,
shared, ties and network. commands.py calls them; they answer through answer.emit like
every command (every format, --fields, marks for what no source states)."""

from __future__ import annotations

import os
import shlex
from typing import Any

from ..answer import Output, Settings, deliver, emit
from ..cli.spec import flag
from ..errors import UsageError
from ..lifecycle import note_wrapped
from ..streams import note
from . import Collection, load_collection
from . import questions as q

__all__ = ["member_of", "memberships", "network", "shared", "ties"]


def _view(
    records: list[dict[str, Any]],
    columns: list[str],
    fields: tuple[str, ...],
    title: str,
    empty: str,
    human: tuple[str, ...] = (),
) -> Any:
    from ..render.view import View

    return View(
        records,
        columns,
        fields=fields,
        title=title,
        empty_note=empty,
        human_columns=human or tuple(columns),
    )


def _source_line(coll: Collection) -> str:
    """The line under figures: each loaded file by its label and the date it holds as of."""
    files = "; ".join(
        f"{label} (as of {ds.as_of})" for label, ds in zip(coll.labels, coll.datasets, strict=True)
    )
    return f"Data files: {files}"


def _load(settings: Settings, out: Output | None = None) -> Collection:
    """The collection; a usage error when -o names one of its files (nothing written)."""
    coll = load_collection(settings.data)
    for said in coll.disagreements if len(coll.datasets) > 1 else ():
        note_wrapped(f"note: {said}", "", "  ")
    if out is not None and out.output is not None and out.output != "-":
        from ..export import files
        from . import refuse_output_in_folder

        for ds in coll.datasets:
            files.refuse_data_file(out.output, ds.path)
        refuse_output_in_folder(out.output, settings.data)
    return coll


def _store(settings: Settings) -> str | None:
    """The collection store --data names, when it names one (and nothing else)."""
    from .store import is_store

    if len(settings.data) == 1 and is_store(settings.data[0]):
        return settings.data[0]
    return None


MEMBERSHIP_COLUMNS = [
    "member",
    "organization",
    "status",
    "start_date",
    "end_date",
    "end_status",
    "as_of",
    "dataset",
    "sources",
]


def _decisions_hint(settings: Settings, international: str) -> str:
    """How to load an international's decisions beside the one file loaded: the bundled
    datasets that hold memberships of an organisation the name finds (BUNDLED), named
    after the loaded file as --data takes them; any other file, in general words."""
    from . import BUNDLED, BUNDLED_PREFIX, bundled_file, path_of

    loaded = settings.data[0] if settings.data else BUNDLED_PREFIX
    holders = []
    for name in BUNDLED:
        path = bundled_file(name)
        if os.path.abspath(path_of(loaded)) == os.path.abspath(path):
            continue
        other = load_collection([path])
        if not other.datasets[0].raw.get("memberships"):
            continue
        try:
            other.find_all(international)
        except UsageError:
            continue
        holders.append(f"{BUNDLED_PREFIX}:{name}")
    if not holders:
        return (
            "Load the file that holds the international's decisions too: "
            f"{flag('data')} {shlex.quote(loaded)} {flag('data')} FILE."
        )
    more = " ".join(f"{flag('data')} {h}" for h in holders)
    return f"Load the international's decisions too: {flag('data')} {shlex.quote(loaded)} {more}."


def member_of(
    settings: Settings,
    partners: list[dict[str, Any]],
    international: str,
    when: str | None,
    out: Output,
    limit: int | None = None,
    score: bool = False,
) -> None:
    """`partners --member-of ORG [--as-of DATE]`: the main file's partners that the other
    filters leave, in their order (--sort), with their statuses in the international; at
    most `limit` members. Each row has its partner's left-right score (`left_right`), a
    column when `score` (the partners are sorted or filtered by it)."""
    coll = _load(settings, out)
    rows, found = q.member_of(coll, international, when)
    place = {coll.key(0, p["id"]): n for n, p in enumerate(partners)}
    scores = {coll.key(0, p["id"]): p.get("left_right") for p in partners}
    rows = sorted(
        (r for r in rows if r["member_key"] in place), key=lambda r: place[r["member_key"]]
    )
    for row in rows:
        row["left_right"] = scores[row["member_key"]]
    if limit is not None:
        kept = list(dict.fromkeys(r["member_key"] for r in rows))[:limit]
        rows = [r for r in rows if r["member_key"] in kept]
    columns = [*MEMBERSHIP_COLUMNS[:1], "named", *MEMBERSHIP_COLUMNS[2:]]
    if when is not None:
        columns.insert(columns.index("as_of") + 1, "standing")
    if score:
        columns.insert(1, "left_right")
    where = ", ".join(found)
    empty = (
        f"No partner of {coll.main.raw['party']['name']} has a status in {international}"
        + (_within(when) if when else "")
        + f" in the loaded data files (found as {where})."
    )
    if len(coll.datasets) == 1:
        empty += " " + _decisions_hint(settings, international)
    title = f"Partners' status in {international}" + (_within(when) if when else "")
    view = _view(rows, columns, q.MEMBER_OF_FIELDS, title, empty)
    # --names usual: each member by its usual English name, as partners are.
    from ..query.names import usual_name

    view = view._replace(usual={"member": {p["name"]: usual_name(p) for p in partners}})
    named = rows[0]["organization"] if rows else international  # its name, not what was typed
    about = f"{coll.main.raw['party']['name']}: partners in {named}" + (
        _within(when) if when else ""
    )
    emit(settings, view._replace(caption=about), out, _source_line(coll))
    if rows:
        _found_in_each(international, found)


def _found_in_each(name: str, found: list[str]) -> None:
    """The note of an international found in each file by the name given."""
    note_wrapped(
        f"{name} found as {', '.join(found)}: an international without a Party Facts or "
        "Wikidata id is found in each file by the name given.",
        "",
        "  ",
    )


def _within(when: str) -> str:
    """' on DAY' for a single day, else ' within DATE' (a year, a month, an interval)."""
    from ..data import dates

    low, high = dates.bounds(when)
    return f" on {when}" if low is not None and low == high else f" within {when}"


def memberships(settings: Settings, *, name: str, out: Output) -> None:
    """`memberships NAME`."""
    fields = out.fields
    if fields is not None and not fields.strip(", "):
        emit(settings, _view([], MEMBERSHIP_COLUMNS, q.MEMBERSHIP_FIELDS, "", ""), out)
        return
    coll = _load(settings, out)
    rows, named, found = q.memberships(coll, name)
    view = _view(
        rows,
        MEMBERSHIP_COLUMNS,
        q.MEMBERSHIP_FIELDS,
        f"Memberships of {named}",
        f"No loaded data file records a membership of {named}.",
    )
    emit(settings, view._replace(caption=f"{named}: memberships"), out, _source_line(coll))
    if found:
        _found_in_each(name, found)


SHARED_COLUMNS = [
    "partner",
    "type",
    "country",
    "first_dataset",
    "first_as_of",
    "second_dataset",
    "second_as_of",
]


def shared(settings: Settings, *, first: str, second: str, out: Output) -> None:
    """`shared PARTY PARTY`."""
    fields = out.fields
    if fields is not None and not fields.strip(", "):
        emit(settings, _view([], SHARED_COLUMNS, q.SHARED_FIELDS, "", ""), out)
        return
    coll = _load(settings, out)
    rows, notes = q.shared(coll, first, second)
    a, b = coll.name(coll.find(first)), coll.name(coll.find(second))
    view = _view(
        rows,
        SHARED_COLUMNS,
        q.SHARED_FIELDS,
        f"Partners both {a} and {b} list",
        " ".join([f"{a} and {b} list no partner in common.", *notes]),
        (
            "partner",
            "type",
            "country",
            "first_dataset",
            "first_source",
            "first_as_of",
            "second_dataset",
            "second_source",
            "second_as_of",
        ),
    )
    emit(settings, view._replace(caption=f"{a} and {b}: shared partners"), out, _source_line(coll))


TIE_COLUMNS = [
    "direction",
    "other",
    "named",
    "other_country",
    "reciprocal",
    "dataset",
    "source",
    "at",
    "as_of",
]


def ties(settings: Settings, *, name: str, out: Output) -> None:
    """`ties NAME`."""
    fields = out.fields
    if fields is not None and not fields.strip(", "):
        emit(settings, _view([], TIE_COLUMNS, q.TIE_FIELDS, "", ""), out)
        return
    store = _store(settings)
    if store is not None:
        from .store import store_ties

        rows = store_ties(store, name)
        who = name
        source = f"Collection store: {store}"
    else:
        coll = _load(settings, out)
        rows = q.ties(coll, name)
        key = coll.find(name)
        who = coll.name(key)
        source = _source_line(coll)
        own = [
            coll.labels[i]
            for i, ds in enumerate(coll.datasets)
            if coll.key(i, ds.raw["party"]["id"]) == key
        ]
    nobody = f"No loaded data file lists {who} or is about it."
    if store is None and own:
        files = ", ".join(own)
        nobody = f"{who}'s own file ({files}) lists no partners, and no other loaded file lists it."
    view = _view(
        rows,
        TIE_COLUMNS,
        q.TIE_FIELDS,
        f"Ties of {who}",
        nobody,
        ("direction", "other", "other_country", "reciprocal", "dataset", "source", "at", "as_of"),
    )
    emit(settings, view._replace(caption=f"{who}: who lists whom"), out, source)


def network(settings: Settings, *, fmt: str, graph: str, output: str | None) -> None:
    """`network`: the collection's network, or the whole collection in SQLite."""
    from ..export import files
    from .kinds import NetworkFormat, NetworkGraph

    kind = NetworkFormat(fmt)
    if kind in (NetworkFormat.CSV, NetworkFormat.SQLITE) and (output is None or output == "-"):
        what = "a folder (new or empty)" if kind is NetworkFormat.CSV else "a file"
        raise UsageError(
            f"{flag('fmt', 'network')} {fmt} is written to {what}: give "
            f"{flag('output', 'network', short=True)}."
        )
    from . import refuse_output_in_folder, resolve

    entries = resolve(settings.data)
    to_file = output is not None and output != "-"
    if to_file:
        assert output is not None
        for entry in entries:
            files.refuse_data_file(output, entry.path)
        refuse_output_in_folder(output, settings.data)
    if to_file and kind is not NetworkFormat.CSV:  # a folder's name says nothing
        assert output is not None
        from ..answer import refuse_name_of_another_format
        from ..export import GEXF_HOLDS, HOLDS, ExportFormat

        text = kind in (NetworkFormat.GEXF, NetworkFormat.GRAPHML)
        holds = {
            NetworkFormat.GEXF: GEXF_HOLDS,
            NetworkFormat.GRAPHML: HOLDS[ExportFormat.GRAPHML],
            NetworkFormat.SQLITE: HOLDS[ExportFormat.SQLITE],
        }[kind]
        refuse_name_of_another_format(output, holds[0], (), text, holds[1])
    if kind is NetworkFormat.SQLITE:
        from ..export.sqlite import export_sqlite
        from .store import write_store

        assert output is not None
        for message in export_sqlite(
            None, output, lambda path, size: write_store(entries, path, size)
        ):
            note(message)
        return
    from . import network as net

    coll = _load(settings)
    built = net.build(coll, NetworkGraph(graph))
    if kind is NetworkFormat.CSV:
        assert output is not None
        for message in files.build_folder(output, lambda tmp: net.write_csv(built, tmp)):
            note(message)
        return
    write = net.gexf_chunks if kind is NetworkFormat.GEXF else net.graphml_chunks
    deliver(write(built), output)
