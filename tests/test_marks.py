"""What the source does not say stays marked everywhere the value goes.

The cases are generated from the data: for every record of data/partners.json (the party,
partners, other bodies, events, status periods, posts, contacts) and every field its
`inferred` list names, every output that shows that value is asked (table, plain, CSV,
JSON, show cards, timeline rows, people, countries, spectrum, the graph's rows, Popolo,
GraphML), in this process, and must carry the mark: a dagger after the value for people,
the field in the `inferred` list for programs.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, run_cli
from partyintl.cli import interpret
from partyintl.cli.app import main as typer_main
from partyintl.cli.argv import normalise
from partyintl.export.popolo import CONTACT_FIELDS, EVENT_FIELDS, ORG_FIELDS, POST_FIELDS

RAW: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
MARK = "\u2020"
G = "{http://graphml.graphdrawing.org/xmlns}"


@contextmanager
def _captured() -> Iterator[io.BytesIO]:
    import sys

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        yield out
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
            stream.detach()  # type: ignore[attr-defined]
        sys.stdout, sys.stderr = saved


@functools.cache
def run(*argv: str) -> str:
    """A command's stdout, run in this process (COLUMNS wide enough for one line a row)."""
    import os

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "250"
    try:
        args = normalise(list(argv))
        with _captured() as out:
            code = interpret.run(args)
            if code is None:
                code = typer_main(args)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    assert code == 0, argv
    return out.getvalue().decode("utf-8")


def as_json(*argv: str) -> Any:
    return json.loads(run(*argv, "--json"))


def csv_rows(*argv: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(*argv, "-f", "csv"), newline="")))


def fields_of(inferred: Any) -> set[str]:
    """The fields an `inferred` list names, a dotted one by its head too."""
    names = {e["field"] for e in inferred or ()}
    return names | {n.split(".")[0] for n in names}


def line_with(text: str, needle: str) -> str:
    lines = [line for line in text.splitlines() if needle in line]
    assert lines, f"no line with {needle!r} in:\n{text}"
    return lines[0]


def plain_carries(line: str, value: str, field: str) -> bool:
    """A plain line marks a value glued (value†) or names the field in a column of its own."""
    cells = line.split("\t")
    return f"{value}{MARK}" in line or (value in cells and any(field in c for c in cells))


def card_line(text: str, field: str) -> str:
    return line_with(text, f"{field} ") if f"\n{field} " in text else line_with(text, field)


@functools.cache
def popolo() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run("export", "-f", "popolo"))
    return result


@functools.cache
def graphml() -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    root = ET.fromstring(run("export", "-f", "graphml"))
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{G}key")}

    def attrs(el: ET.Element) -> dict[str, str]:
        out = {keys[d.get("key")] or "": d.text or "" for d in el.iter(f"{G}data")}
        return {**out, **el.attrib}

    nodes = {n.get("id") or "": attrs(n) for n in root.iter(f"{G}node")}
    return nodes, [attrs(e) for e in root.iter(f"{G}edge")]


def graph_inferred(attrs: dict[str, str]) -> set[str]:
    return set(filter(None, attrs.get("inferred", "").split(",")))


def _place(ev: dict[str, Any]) -> str:
    place = ev.get("place") or {}
    return ", ".join(b for b in (place.get("city"), place.get("country")) if b)


Check = Callable[[], None]
CASES: list[tuple[str, Check]] = []


def case(name: str) -> Callable[[Check], Check]:
    def add(check: Check) -> Check:
        CASES.append((name, check))
        return check

    return add


def _organisations() -> None:
    partner_ids = {p["id"] for p in RAW["partners"]}
    for org in [RAW["party"], *RAW["partners"], *RAW["organizations"]]:
        oid = org["id"]
        for field in sorted(fields_of(org.get("inferred"))):
            if "." in field:
                continue
            value = str(org[field])
            where = f"{oid}.{field}"

            @case(f"show card {where}")
            def _card(oid: str = oid, field: str = field, value: str = value) -> None:
                assert f"{value}{MARK}" in card_line(run("show", oid, "-f", "table"), field)

            @case(f"show json {where}")
            def _show(oid: str = oid, field: str = field) -> None:
                assert field in fields_of(as_json("show", oid)["inferred"])

            @case(f"popolo {where}")
            def _popolo(oid: str = oid, field: str = field) -> None:
                (obj,) = [o for o in popolo()["organizations"] if o["id"] == oid]
                assert ORG_FIELDS.get(field, field) in fields_of(obj.get("inferred"))

            @case(f"graphml {where}")
            def _graphml(oid: str = oid, field: str = field) -> None:
                assert field in graph_inferred(graphml()[0][oid])

            if oid in partner_ids or oid == RAW["party"]["id"]:

                @case(f"spectrum {where}")
                def _spectrum(oid: str = oid, field: str = field) -> None:
                    (row,) = [r for r in as_json("spectrum") if r["id"] == oid]
                    if field in row:
                        assert field in fields_of(row["inferred"])
                        text = run("spectrum", "-f", "csv")
                        (line,) = [r for r in csv_rows("spectrum") if r["id"] == oid]
                        assert f"{field}: " in line["inferred"], text

            if oid not in partner_ids:
                continue

            @case(f"partners table {where}")
            def _table(oid: str = oid, field: str = field, value: str = value) -> None:
                name = next(p["name"] for p in RAW["partners"] if p["id"] == oid)
                assert f"{value}{MARK}" in line_with(run("partners", "-f", "table"), name)

            @case(f"partners plain {where}")
            def _plain(oid: str = oid, field: str = field, value: str = value) -> None:
                line = line_with(run("partners"), f"\t{oid}\t")
                assert plain_carries(line, value, field), line

            @case(f"partners csv {where}")
            def _csv(oid: str = oid, field: str = field, value: str = value) -> None:
                (row,) = [r for r in csv_rows("partners") if r["id"] == oid]
                assert row[field] == value and f"{field}: " in row["inferred"]

            @case(f"partners json {where}")
            def _json(oid: str = oid, field: str = field) -> None:
                (row,) = [r for r in as_json("partners") if r["id"] == oid]
                assert field in fields_of(row["inferred"])

            @case(f"countries {where}")
            def _countries(field: str = field, value: str = value, oid: str = oid) -> None:
                key = "region" if field == "region" else "country"
                org = next(p for p in RAW["partners"] if p["id"] == oid)
                rows = [r for r in as_json("countries") if r[key] == org[key]]
                (row,) = [r for r in rows if key == "country" or r["country"] is None]
                assert fields_of(row["inferred"]) & {field, key}
                label = row[key]
                assert f"{label}{MARK}" in line_with(run("countries", "-f", "table"), label)


def _events() -> None:
    decided = {p["decided_at"]: (ms, p) for ms in RAW["memberships"] for p in ms["periods"]}
    people = {p["id"]: p for p in RAW["people"]}
    for ev in RAW["events"]:
        eid = ev["id"]
        for field in sorted({f.split(".")[0] for f in fields_of(ev.get("inferred"))}):
            where = f"{eid}.{field}"
            entry_field = {"participants": "people"}.get(field, field)

            @case(f"show card {where}")
            def _card(eid: str = eid, field: str = field) -> None:
                assert card_line(run("show", eid, "-f", "table"), field).rstrip().endswith(MARK)

            @case(f"timeline json {where}")
            def _timeline(eid: str = eid, field: str = entry_field) -> None:
                entries = [e for e in as_json("timeline") if e["event_id"] == eid]
                (own,) = [e for e in entries if e["kind"] != "status_change"]
                assert field in fields_of(own["inferred"])
                if field == "place":  # a status change decided there shows its place
                    for e in entries:
                        assert "place" in fields_of(e["inferred"])

            if field in ("date", "place"):

                @case(f"timeline table {where}")
                def _row(ev: dict[str, Any] = ev, field: str = field) -> None:
                    value = ev["date"] if field == "date" else _place(ev)
                    line = line_with(run("timeline", "-f", "table"), ev["name"])
                    assert f"{value}{MARK}" in line

            @case(f"popolo {where}")
            def _popolo(eid: str = eid, field: str = field) -> None:
                (obj,) = [o for o in popolo()["events"] if o["id"] == eid]
                assert EVENT_FIELDS.get(field, field) in fields_of(obj.get("inferred"))

            if field in ("date", "participants"):

                @case(f"graphml {where}")
                def _graphml(eid: str = eid, field: str = field) -> None:
                    edges = [e for e in graphml()[1] if e.get("event") == eid]
                    for edge in edges:
                        wanted = {"date"} if field == "date" else {"role", "relation"}
                        assert graph_inferred(edge) & wanted, edge

            if eid in decided and field == "place":
                ms, period = decided[eid]

                @case(f"status change timeline table {where}")
                def _status(ev: dict[str, Any] = ev, period: dict[str, Any] = period) -> None:
                    title = f"{period['status'].capitalize()} status in"
                    assert f"{_place(ev)}{MARK}" in line_with(run("timeline", "-f", "table"), title)

            for part in ev.get("participants", ()):
                if part["id"] not in people or field not in ("date", "participants"):
                    continue
                pid = part["id"]
                key = "delegations_led" if part["role"] == "head_of_delegation" else "events"
                brief_field = "role" if field == "participants" else field

                @case(f"people {pid} {where}")
                def _people(
                    pid: str = pid, eid: str = eid, key: str = key, field: str = brief_field
                ) -> None:
                    (person,) = [p for p in as_json("people") if p["id"] == pid]
                    (i,) = [n for n, b in enumerate(person[key]) if b["id"] == eid]
                    assert field in fields_of(person[key][i]["inferred"])
                    (row,) = [r for r in csv_rows("people") if r["id"] == pid]
                    assert f"{key}[{i}].{field}: " in row["inferred"]
                    (brief,) = [b for b in person[key] if b["id"] == eid]
                    value = brief[field]
                    assert f"{value}{MARK}" in run("show", pid, "-f", "table")
                    assert f"{value}{MARK}" in line_with(run("people", "-f", "table"), value)


def _periods() -> None:
    for ms in RAW["memberships"]:
        periods = ms["periods"]
        for n, period in enumerate(periods):
            for field in sorted(fields_of(period.get("inferred"))):
                where = f"{ms['id']}.{period['status']}.{field}"
                value = str(period[field])

                @case(f"timeline {where}")
                def _timeline(
                    period: dict[str, Any] = period, field: str = field, value: str = value
                ) -> None:
                    title = f"{period['status'].capitalize()} status in"
                    (entry,) = [
                        e
                        for e in as_json("timeline")
                        if e["kind"] == "status_change" and e["status"] == period["status"]
                    ]
                    entry_field = "date" if field == "start_date" else field
                    assert entry_field in fields_of(entry["inferred"])
                    table = run("timeline", "-f", "table")
                    assert f"{value}{MARK}" in line_with(table, title)
                    # The status band above the table carries it too.
                    assert f"{value}{MARK}" in line_with(table, f"{period['status']} ")

                for org in (ms["member_id"], ms["organization_id"]):

                    @case(f"show {org} {where}")
                    def _show(
                        org: str = org,
                        period: dict[str, Any] = period,
                        field: str = field,
                        value: str = value,
                    ) -> None:
                        items = as_json("show", org)["memberships"]
                        (item,) = [m for m in items if m["status"] == period["status"]]
                        assert field in fields_of(item["inferred"])
                        line = card_line(run("show", org, "-f", "table"), "memberships")
                        assert f"{value}{MARK}" in run("show", org, "-f", "table"), line

                @case(f"popolo {where}")
                def _popolo(ms: dict[str, Any] = ms, n: int = n, field: str = field) -> None:
                    objs = {o["id"]: o for o in popolo()["memberships"]}
                    here = objs[f"{ms['id']}-{ms['periods'][n]['status']}"]
                    assert field in fields_of(here.get("inferred"))
                    if n and field == "start_date":  # the previous period ends then
                        before = objs[f"{ms['id']}-{ms['periods'][n - 1]['status']}"]
                        assert "end_date" in fields_of(before.get("inferred"))

                if n == len(periods) - 1 and field == "start_date":

                    @case(f"graph rows {where}")
                    def _graph(value: str = value) -> None:
                        (row,) = [r for r in as_json("graph") if r["relation"] == "member"]
                        assert "detail" in fields_of(row["inferred"])
                        assert f"{value}{MARK}" in line_with(run("graph", "-f", "table"), value)

                if (n == 0 and field == "start_date") or (
                    n == len(periods) - 1 and field == "status"
                ):

                    @case(f"graphml {where}")
                    def _graphml(ms: dict[str, Any] = ms, field: str = field) -> None:
                        (edge,) = [
                            e
                            for e in graphml()[1]
                            if e["relation"] == "member" and e["source"] == ms["member_id"]
                        ]
                        assert field in graph_inferred(edge)


def _posts() -> None:
    for person in RAW["people"]:
        pid = person["id"]
        for i, post in enumerate(person.get("posts", ())):
            for field in sorted(fields_of(post.get("inferred"))):
                where = f"{pid}.posts[{i}].{field}"
                value = str(post[field])

                @case(f"people {where}")
                def _people(pid: str = pid, i: int = i, field: str = field) -> None:
                    (row,) = [p for p in as_json("people") if p["id"] == pid]
                    assert field in fields_of(row["posts"][i]["inferred"])
                    (line,) = [r for r in csv_rows("people") if r["id"] == pid]
                    assert f"posts[{i}].{field}: " in line["inferred"]

                @case(f"show person {where}")
                def _card(pid: str = pid, value: str = value) -> None:
                    assert f"{value}{MARK}" in run("show", pid, "-f", "table")

                @case(f"show organisation {where}")
                def _org(
                    post: dict[str, Any] = post,
                    pid: str = pid,
                    field: str = field,
                    person: dict[str, Any] = person,
                ) -> None:
                    items = as_json("show", post["organization_id"])["people"]
                    (item,) = [p for p in items if p["id"] == pid and p["role"] == post["role"]]
                    assert field in fields_of(item["inferred"])
                    card = run("show", post["organization_id"], "-f", "table")
                    assert f"{person['name']}: {post['role']}" in card
                    assert f"{post[field]}{MARK}" in card

                @case(f"popolo {where}")
                def _popolo(pid: str = pid, i: int = i, field: str = field) -> None:
                    objs = {o["id"]: o for o in popolo()["memberships"]}
                    here = objs[f"{pid}-post-{i + 1}"]
                    assert POST_FIELDS.get(field, field) in fields_of(here.get("inferred"))


def _contacts() -> None:
    for contact in RAW["contacts"]:
        for field in sorted(f for f in fields_of(contact.get("inferred")) if "." in f):
            key, part = field.split(".")  # restriction.text (as printed) or .gloss (English)
            lang = "en" if part == "gloss" else contact[key]["language"] if contact[key] else "ru"
            where = f"{contact['id']}.{field}"

            @case(f"contacts {where}")
            def _contacts(
                contact: dict[str, Any] = contact, lang: str = lang, key: str = key
            ) -> None:
                (row,) = [
                    r for r in as_json("contacts", "--lang", lang) if r["id"] == contact["id"]
                ]
                assert key in fields_of(row["inferred"])
                (line,) = [
                    r for r in csv_rows("contacts", "--lang", lang) if r["id"] == contact["id"]
                ]
                assert f"{key}." in line["inferred"]
                table = run("contacts", "-f", "table", "--lang", lang)
                text = contact[key]
                value = (text["gloss"] if lang == "en" else text["text"]) if text else ""
                label = contact["label"]["gloss" if lang == "en" else "text"]
                assert f"{value}{MARK}" in line_with(table, label)

            if part == "gloss":

                @case(f"popolo {where}")
                def _popolo(contact: dict[str, Any] = contact, key: str = key) -> None:
                    (party,) = [
                        o for o in popolo()["organizations"] if o["id"] == RAW["party"]["id"]
                    ]
                    (obj,) = [c for c in party["contact_details"] if c["value"] == contact["value"]]
                    assert CONTACT_FIELDS[key] in fields_of(obj.get("inferred"))


_organisations()
_events()
_periods()
_posts()
_contacts()


def test_cases_cover_every_kind_of_record() -> None:
    kinds = {name.split(" ")[0] for name, _ in CASES}
    assert {"show", "partners", "timeline", "people", "popolo", "graphml", "contacts"} <= kinds
    assert len(CASES) > 150


@pytest.mark.parametrize("check", [c for _, c in CASES], ids=[n for n, _ in CASES])
def test_an_inferred_value_is_marked_wherever_it_is_shown(check: Check) -> None:
    check()


# The examples, each with its right value.


def test_popolo_marks_the_cape_town_congress_date_and_cites_the_full_membership() -> None:
    events = {o["id"]: o for o in popolo()["events"]}
    assert events["si-congress-24-cape-town"]["start_date"] == "2012-08-30"
    assert events["si-congress-24-cape-town"]["inferred"] == [
        {
            "field": "start_date",
            "reason": "the page gives 30 August without a year; the party's news page of 2 "
            "July 2016 dates the full membership this congress granted to 2012",
        }
    ]
    # The full membership's year is stated by the party's 2016 page: cited, not inferred.
    objs = {o["id"]: o for o in popolo()["memberships"]}
    full = objs["a-just-russia-in-si-3-full"]
    assert full["start_date"] == "2012-08-30" and "inferred" not in full
    assert any(link["note"].startswith("party-news-2016-07-02:") for link in full["sources"])
    assert "inferred" not in objs["a-just-russia-in-si-1-observer"]


def test_graphml_marks_inferred_attributes() -> None:
    nodes, _ = graphml()
    arf = nodes["armenian-revolutionary-federation"]
    assert arf["inferred"] == "country,country_code"
    assert arf["inferred_reason"].startswith(
        "country: the country is implied by the adjective in the party's name (Armenian)"
    )
    assert "inferred" not in nodes["spd"]


def test_people_csv_has_an_inferred_column() -> None:
    rows = csv_rows("people")
    assert list(rows[0])[-1] == "inferred"
    assert rows[0]["inferred"].startswith("posts[0].as_of: the page calls him the leader")


def test_a_status_change_keeps_its_meetings_mark() -> None:
    table = run("timeline", "--org", "SI", "--since", "2010", "-f", "table")
    line = line_with(table, "Consultative status in Socialist")
    assert line.startswith("2010-11") and "Paris, France\u2020" in line
    assert (
        "Consultative status in Socialist International, place: Council of the Socialist "
        "International, Paris: Paris is the capital of that country" in " ".join(table.split())
    )


def test_related_records_show_their_holders_and_organisations() -> None:
    pes = run("show", "PES", "-f", "table")
    assert "people           Martin Schulz: President of the group, Group of the" in pes
    party = " ".join(run("show", "A JUST RUSSIA", "-f", "table").split())
    assert "Sergei Mironov: Leader of the party, A JUST RUSSIA (as of 2012-08-30\u2020)" in party
    assert "Levichev N.V.: Chairman of the party, A JUST RUSSIA (as of 2012-12-15)" in party
    assert (
        "memberships A JUST RUSSIA: observer member of Socialist International from "
        "2008-06-30 to 2010-11; A JUST RUSSIA: consultative member of Socialist International "
        "from 2010-11 to 2012-08-30; A JUST RUSSIA: full member of Socialist International "
        "from 2012-08-30 to 2022-03-07, then ended"
    ) in party
    si = " ".join(run("show", "SI", "-f", "table").split())
    assert (
        "A JUST RUSSIA: full member of Socialist International from 2012-08-30 to 2022-03-07, "
        "then ended"
    ) in si


CSV_COMMANDS = [
    ("partners",),
    ("show", "PES"),
    ("show", "Mironov"),
    ("show", "si-council-paris-2010"),
    ("countries",),
    ("map",),
    # (graph: since the full membership's year is stated, no tie holds an inferred value)
    ("spectrum",),
    ("timeline",),
    ("people",),
    ("contacts",),
    ("contacts", "--lang", "ru"),
]


@pytest.mark.parametrize("argv", CSV_COMMANDS, ids=[" ".join(a) for a in CSV_COMMANDS])
def test_every_commands_csv_carries_the_inferred_column(argv: tuple[str, ...]) -> None:
    """Each command whose answer holds an inferred value says so in its CSV's `inferred`
    column, with the value itself unmarked."""
    rows = csv_rows(*argv)
    assert "inferred" in rows[0]
    assert any(r["inferred"] for r in rows)
    assert not any(MARK in v for r in rows for k, v in r.items() if k != "inferred")


@pytest.mark.parametrize(
    "args",
    [
        ("memberships", "A JUST RUSSIA"),
        ("show", "si-membership:socialist-international"),
        ("memberships", "si-membership:socialist-international"),
    ],
)
def test_a_footnote_on_a_membership_names_its_member(args: tuple[str, ...]) -> None:
    """A membership's footnote says whose membership it is ("A JUST RUSSIA: full member
    of ..."), not the record shown (`show` of the SI said "Socialist International: full
    member of Socialist International")."""
    both = ("--data", "bundled", "--data", "bundled:si-membership")
    done = run_cli(*both, *args, "-f", "markdown")
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stdout.splitlines() if " member of " in line and ", " in line]
    assert notes, done.stdout
    assert all(
        not n.lstrip("- ").startswith(("full member", "Socialist International: full"))
        for n in notes
    ), notes


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "svg"])
@pytest.mark.parametrize("extra", [0, 100, 311, 312, 1000])
def test_a_footnote_names_its_record_whole_up_to_any_real_names_length(
    tmp_path: Path, fmt: str, extra: int
) -> None:
    """A footnote cut "Group of the Progressive Alliance of Socialists and Democrats in
    the European P…" at 80 characters in every format, on a 250-column terminal too, while
    the table above it gave the name whole. A name is whole up to LABEL_SIZE characters
    (longer than any party's) and cut with "…" only beyond it."""
    from partyintl.render.marks import LABEL_SIZE

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    partner = next(p for p in raw["partners"] if p.get("inferred"))
    name = (partner["name"] + " of " + "Nowhere " * 200)[: 88 + extra].rstrip()
    partner["name"] = name
    path = tmp_path / "long.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    done = run_cli("--data", str(path), "partners", "--search", partner["id"], "-f", fmt)
    assert done.returncode == 0, done.stderr
    import re

    said = " ".join(re.sub(r"<[^>]+>", " ", done.stdout + done.stderr).split())  # lines joined
    shown = name if len(name) <= LABEL_SIZE else name[: LABEL_SIZE - 1] + "…"
    assert f"{' '.join(shown.split())}, " in said, fmt
