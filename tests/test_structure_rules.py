"""Generated cases of the rules that hold a data file's structure together: no body part
of itself, one text per place in a list, a citation's date within what its source can
report, dotted field names that name a field, an end that does not reach back before its
start. Each found by a tester on a hand-made file that validated."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from partyintl.data import shapes
from partyintl.data.load import validate
from partyintl.errors import DatasetError

BUNDLED = json.loads(DATA.read_text(encoding="utf-8"))


def _problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, message) of every problem validate finds in `raw`; [] when it is valid."""
    try:
        validate(raw, "t.json", None)
    except DatasetError as error:
        return [(p.path, p.message) for p in error.problems]
    return []


@settings(max_examples=40, deadline=None)
@given(parents=st.lists(st.none() | st.integers(0, 5), min_size=6, max_size=6))
def test_a_body_part_of_itself_directly_or_through_others_is_refused(
    parents: list[int | None],
) -> None:
    """`part_of` its own id, or A part of B and B part of A, validated; `show` then gave a
    body as its own part. Refused exactly when the part_of links make a loop (networkx
    finds the loops), at a part_of of a body in it."""
    import networkx as nx

    raw = copy.deepcopy(BUNDLED)
    orgs = raw["partners"][:6]
    for org, parent in zip(orgs, parents, strict=True):
        org.pop("part_of", None)
        if parent is not None:
            org["part_of"] = orgs[parent]["id"]
    links = nx.DiGraph([(o["id"], o["part_of"]) for o in orgs if "part_of" in o])
    in_loops = {n for cycle in nx.simple_cycles(links) for n in cycle}
    said = [(p, m) for p, m in _problems(raw) if p.endswith(".part_of")]
    assert bool(said) == bool(in_loops), (parents, said)
    for path, message in said:
        index = int(path.split("[")[1].split("]")[0])
        assert raw["partners"][index]["id"] in in_loops, (path, message)
        assert "no body is part of" in message, message


@settings(max_examples=40, deadline=None)
@given(
    places=st.lists(st.integers(1, 3), min_size=4, max_size=4),
    texts=st.lists(st.sampled_from(["A", "B"]), min_size=4, max_size=4),
)
def test_one_place_in_a_list_prints_one_text(places: list[int], texts: list[str]) -> None:
    """Two partners at position 1 of one list with two printed texts validated. Refused
    when, and only when, two partners share a place with different texts."""
    raw = copy.deepcopy(BUNDLED)
    list_id = raw["partners"][0]["listing"]["list"]
    others = [o for o in raw["partners"] if o["listing"]["list"] == list_id][4:]
    for n, org in enumerate(others):  # the rest out of the way, each its own place
        org["listing"]["position"] = 100 + n
    for org, place, text in zip(raw["partners"], places, texts, strict=False):
        org["listing"] = {"list": list_id, "position": place, "printed": f"Item {place} {text}"}
    clash = any(places[i] == places[j] and texts[i] != texts[j] for i in range(4) for j in range(i))
    said = [(p, m) for p, m in _problems(raw) if p.endswith(".listing.position")]
    assert bool(said) == clash, (places, texts, said)
    for path, message in said:  # each names the first partner at its place, and its text
        index = int(path.split("[")[1].split("]")[0])
        first = places.index(places[index])
        assert first < index and texts[first] != texts[index], (path, message)
        assert f"is partners[{first}]'s, which printed another text there" in message
        assert f'("Item {places[first]} {texts[first]}")' in message, message


@settings(max_examples=30, deadline=None)
@given(year=st.integers(2000, 2030), where=st.sampled_from(["period", "partner"]))
def test_a_citation_dates_nothing_after_its_source_and_the_file(year: int, where: str) -> None:
    """A citation's `date` of 2030 in a file as of 2022 validated, where the same date as
    a start_date was refused. Refused when it begins after the source's latest day or
    the file's as_of."""
    raw = copy.deepcopy(BUNDLED)
    if where == "period":
        cite = raw["memberships"][0]["periods"][0]["sources"][0]
    else:
        org = raw["partners"][0]
        cite = {"source": "party-page-2018", "at": "paragraph 1"}
        org["sources"] = [cite]
    cite["date"] = str(year)
    source_end = {"party-page-2018": 2018}[cite["source"]]
    too_late = year > min(source_end, 2022)
    said = [(p, m) for p, m in _problems(raw) if p.endswith(".date")]
    assert bool(said) == too_late, (year, said)


_DOTTED = [
    (head, tail)
    for head in ("end", "listing", "place", "restriction", "name", "status")
    for tail in ("date", "dat", "country", "text", "position", "x")
]


@pytest.mark.parametrize(("head", "tail"), _DOTTED)
def test_a_dotted_field_names_a_field_of_what_it_holds(head: str, tail: str) -> None:
    """`"fields": ["end.dat"]` validated while `"stat"` was refused: the part after the dot
    was never looked at. It names a field of the object the first part holds, or is said."""
    raw = copy.deepcopy(BUNDLED)
    period = raw["memberships"][0]["periods"][0]
    period["sources"][0]["fields"] = [f"{head}.{tail}"]
    said = [m for p, m in _problems(raw) if p.endswith(".fields[0]")]
    shape_names = [name for name, _ in shapes.STATUS_PERIOD]
    inner = shapes.FIELDS_OF.get(head)
    good = head in shape_names and inner is not None and tail in [n for n, _ in inner]
    assert (said == []) == good, (head, tail, said)


@settings(max_examples=40, deadline=None)
@given(start=st.integers(2000, 2020), first=st.integers(1995, 2025), span=st.integers(0, 6))
def test_an_end_does_not_reach_back_before_its_start(start: int, first: int, span: int) -> None:
    """An end of "2010/2016" for a period from 2015 validated, and the timeline showed the
    end before the status it ends. An end interval whose first side lies wholly before
    the start is refused; one that begins within or after the start's year is taken."""
    raw = copy.deepcopy(BUNDLED)
    periods = raw["memberships"][0]["periods"]
    period = periods[-1]
    raw["memberships"][0]["periods"] = [period]
    period["start_date"] = str(start)
    period.pop("as_of", None)
    last = first + span
    end = period.setdefault("end", {"reason": "left", "sources": period["sources"]})
    end["date"] = f"{first}/{last}"
    said = [m for p, m in _problems(raw) if p.endswith(".end.date")]
    if last < start:
        assert any("is before the start" in m for m in said), said
    elif first < start:
        assert any("reaches back before the start" in m for m in said), said
    else:
        assert not any("start" in m for m in said), said


@pytest.mark.parametrize(
    ("field", "good"),
    [
        ("end.date.x", False),
        ("end.sources.at", True),
        ("end.sources.x", False),
        ("end.reason.y", False),
        ("status.x.y", False),
        ("sources.source", True),
        ("sources.at.z", False),
    ],
)
def test_a_dotted_field_names_a_field_at_every_depth(field: str, good: bool) -> None:
    """`end.date.x` validated while `status.x` was refused: only the first dot was read.
    Every part names a field of what the part before it holds."""
    raw = copy.deepcopy(BUNDLED)
    raw["memberships"][0]["periods"][0]["sources"][0]["fields"] = [field]
    said = [m for p, m in _problems(raw) if p.endswith(".fields[0]")]
    assert (said == []) == good, (field, said)


@settings(max_examples=30, deadline=None)
@given(
    start=st.integers(2001, 2016),  # before its source's 2018
    end=st.sampled_from(["../{y}", "{d}X", "{y}?", "{y}~", "{y}-XX"]),
)
def test_a_vague_end_comes_after_the_start_it_ends(start: int, end: str) -> None:
    """An end of "../2016" or "201X" after a 2015 start was listed before the status it
    ends, and under `--until 2010`. It comes after its start, and only where its period
    can reach."""
    from partyintl.data.load import validate as load_raw
    from partyintl.query import TimelineFilter, timeline

    raw = copy.deepcopy(BUNDLED)
    period = raw["memberships"][0]["periods"][-1]
    raw["memberships"][0]["periods"] = [period]
    period["start_date"] = str(start)
    period.pop("as_of", None)
    written = end.format(y=start + 1, d=str(start)[:3])
    period["end"] = {
        "date": written,
        "status": "ended",
        "reason": "left",
        "sources": [{"source": c["source"], "at": c["at"]} for c in period["sources"]],
    }
    ds = load_raw(raw, "t.json", None)
    rows = timeline(ds, TimelineFilter())
    kinds = [r["kind"] for r in rows if r.get("organization_id") == "socialist-international"]
    assert kinds.index("status_change") < kinds.index("status_end"), kinds
    before = timeline(ds, TimelineFilter(until=start - 1))
    assert not [r for r in before if r["kind"] == "status_end"], before
