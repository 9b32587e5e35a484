"""--since/--until keep what overlaps the years asked, in the answer and in its figures.

The generating test draws datasets (the bundled file with every event, status and post
re-dated at random precisions, spans and open ends) and year ranges, and compares the
timeline and the status bands with an oracle that counts years as sets. A period runs to
its end (a status's own, or where the next begins); one with no end runs to the date a
source says it holds as of, never on beyond.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_empty import invoke

from conftest import DATA, captured
from partyintl import commands, query
from partyintl.answer import Settings
from partyintl.data.load import Dataset
from partyintl.render.figures import STATUS_COLOURS

BUNDLED = json.loads(DATA.read_text(encoding="utf-8"))
#: Years before and after any drawn: an open end of a question or of a status reaches them.
FIRST, LAST = 1900, 2100


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(2000, 2020))
    precision = draw(st.sampled_from([1, 2, 3]))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    return [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][precision - 1]


@st.composite
def redated(draw: st.DrawFn) -> dict[str, list[Any]]:
    """New dates for the bundled file's events (date, end), statuses and posts."""
    events = []
    for _ in BUNDLED["events"]:
        date = draw(st.one_of(st.none(), partial_dates()))
        end = draw(st.one_of(st.none(), partial_dates())) if date is not None else None
        events.append((date, None if end is None else max(date, end)))
    statuses = [
        sorted(
            draw(st.lists(partial_dates(), min_size=len(m["periods"]), max_size=len(m["periods"])))
        )
        for m in BUNDLED["memberships"]
    ]
    posts = [
        [draw(st.one_of(st.none(), partial_dates())) for _ in p.get("posts", ())]
        for p in BUNDLED["people"]
    ]
    return {"events": events, "statuses": statuses, "posts": posts}


def dataset(dates: dict[str, list[Any]]) -> Dataset:
    """The bundled file with its dates replaced (still a valid file)."""
    raw = {**BUNDLED, **copy.deepcopy({k: BUNDLED[k] for k in ("events", "memberships", "people")})}
    for ev, (date, end) in zip(raw["events"], dates["events"], strict=True):
        ev["date"] = date
        ev.pop("end_date", None)
        if end is not None:
            ev["end_date"] = end
    for ms, starts in zip(raw["memberships"], dates["statuses"], strict=True):
        for period, start in zip(ms["periods"], starts, strict=True):
            period["start_date"] = start
    for person, starts in zip(raw["people"], dates["posts"], strict=True):
        for post, start in zip(person.get("posts", ()), starts, strict=True):
            post["start_date"] = start
    return Dataset(raw, None)


def _year(date: str) -> int:
    return int(date[:4])


def _years(start: str, end: str | None) -> set[int]:
    """The years a span covers, as a set (from its start's year at least)."""
    return set(range(_year(start), max(_year(start), _year(end or start)) + 1))


def _held_as_of(ds: Dataset, record: dict[str, Any], cited: list[Any]) -> str | None:
    """The latest as-of date of a period with no end: its own, or its sources'."""
    found = [record["as_of"]] if record.get("as_of") else []
    found += [ds.sources[c["source"]]["as_of"] for c in cited]
    return max(found, key=_year) if found else None


def oracle(ds: Dataset, since: int | None, until: int | None) -> Counter[tuple[str, ...]]:
    """What a timeline filtered by years must hold, from the raw file, by sets of years."""
    asked = set(range(FIRST if since is None else since, (LAST if until is None else until) + 1))
    found: Counter[tuple[str, ...]] = Counter()
    for ms in ds.raw["memberships"]:
        periods = ms["periods"]
        for i, p in enumerate(periods):
            end = (p.get("end") or {}).get("date")
            if end is None and i + 1 < len(periods):
                end = periods[i + 1]["start_date"]
            if end is None and not p.get("end"):
                end = _held_as_of(ds, p, p["sources"])
            if _years(p["start_date"], end) & asked:
                found["status", p["decided_at"], p["status"]] += 1
            if p.get("end", {}).get("status") and _years(p["end"]["date"], None) & asked:
                found["end", p["end"]["status"]] += 1
    for ev in ds.raw["events"]:
        if ev["date"] is not None and _years(ev["date"], ev.get("end_date")) & asked:
            found["event", ev["id"]] += 1
    for person in ds.raw["people"]:
        for post in person.get("posts", ()):
            start = post.get("start_date")
            if start is None:
                continue
            cited = post.get("sources") or person.get("sources") or []
            held = None if post.get("end") else _held_as_of(ds, post, cited)
            end = (post.get("end") or {}).get("date") or held
            if _years(start, end) & asked:
                found["appointment", person["name"], post["role"]] += 1
    return found


def _key(ds: Dataset, entry: dict[str, Any]) -> tuple[str, ...]:
    if entry["kind"] == "status_change":
        return ("status", entry["event_id"], entry["status"])
    if entry["kind"] == "status_end":
        return ("end", entry["status"])
    if entry["kind"] == "appointment":
        person, role = entry["title"].split(": ", 1)
        return ("appointment", person, role.rsplit(", ", 1)[0])
    return ("event", entry["event_id"])


YEARS = st.one_of(st.none(), st.integers(1998, 2022))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dates=redated(), since=YEARS, until=YEARS)
def test_the_timeline_keeps_what_overlaps_the_years(
    dates: dict[str, list[Any]], since: int | None, until: int | None
) -> None:
    if since is not None and until is not None and since > until:
        since, until = until, since  # the command refuses the other order
    ds = dataset(dates)
    entries = query.timeline(ds, query.TimelineFilter(None, since, until))
    if since is None and until is None:
        assert len(entries) == len(query.timeline(ds, query.TimelineFilter()))
        return
    assert Counter(_key(ds, e) for e in entries) == oracle(ds, since, until)
    expected = [k for k in oracle(ds, since, until) if k[0] == "status"]
    bands = query.status_bands(ds, None, since, until)
    assert [("status", b["status"]) for b in bands] == [("status", k[2]) for k in expected]


def _drawn_bands(svg: str) -> list[str]:
    """The statuses whose bars a timeline figure draws (bars are 20 high; swatches 12)."""
    colours = {c: s for s, c in STATUS_COLOURS.items()}
    return [colours[c] for c in re.findall(r'<rect [^>]*height="20\.0" fill="(#[0-9a-f]{6})"', svg)]


def _terminal_bands(text: str) -> list[str]:
    return [
        line.split()[0]
        for line in text.splitlines()
        if re.match(r"^(observer|consultative|full) ", line)
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dates=redated(), since=st.integers(1998, 2022), span=st.one_of(st.none(), st.integers(0, 8)))
def test_figures_draw_only_the_statuses_that_overlap(
    dates: dict[str, list[Any]], since: int, span: int | None
) -> None:
    ds = dataset(dates)
    until = None if span is None else since + span
    expected = [k[2] for k in oracle(ds, since, until) if k[0] == "status"]
    drawn = {}
    with mock.patch.object(commands, "load", lambda settings: ds):
        for fmt in ("svg", "table"):
            with captured(tty=False) as (out, _):
                commands.timeline(
                    Settings(),
                    org=None,
                    since=since,
                    until=until,
                    fmt=fmt,
                    json_=False,
                    fields=None,
                )
            drawn[fmt] = out.getvalue().decode()
    assert _drawn_bands(drawn["svg"]) == expected
    assert _terminal_bands(drawn["table"]) == expected


# The examples of the issue, each with its right value.


def test_a_status_held_to_its_end_belongs_to_the_years_until_then() -> None:
    code, out, err = invoke("timeline", "--org", "SI", "--since", "2013", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["kind"], r["status"], r["date"], r["end_date"]) for r in rows if r["status"]] == [
        ("status_change", "full", "2012-08-30", "2022-03-07"),
        ("status_end", "ended", "2022-03-07", None),
    ]
    code, out, err = invoke("timeline", "--org", "SI", "--since", "2013", "-f", "table")
    assert code == 0 and "No timeline entries match." not in err
    text = out.decode()
    assert " 2012-08-30–2022-03-07, ended\n" in text
    assert "2012-08-30–2022-03-07  status_change    Full status in" in text
    assert _terminal_bands(text) == ["full"]
    assert json.loads(invoke("timeline", "--org", "SI", "--since", "2023", "--json")[1]) == []


def test_a_status_that_ended_before_the_years_is_not_drawn() -> None:
    code, out, _ = invoke("timeline", "--org", "SI", "--since", "2012", "-f", "svg")
    svg = out.decode()
    assert code == 0
    assert _drawn_bands(svg) == ["consultative", "full"]
    assert "2008-06-30" not in svg  # the observer status ended in 2010
    code, out, _ = invoke("timeline", "--org", "SI", "--since", "2012", "-f", "table")
    assert _terminal_bands(out.decode()) == ["consultative", "full"]


def test_a_status_ends_where_the_next_begins_with_its_inference() -> None:
    rows = json.loads(invoke("timeline", "--org", "SI", "--json")[1])
    statuses = [r for r in rows if r["kind"] == "status_change"]
    assert [(r["date"], r["end_date"]) for r in statuses] == [
        ("2008-06-30", "2010-11"),
        ("2010-11", "2012-08-30"),
        ("2012-08-30", "2022-03-07"),
    ]
    # The full status's start is stated now (the party's 2016 page gives its year), so the
    # consultative status's end is too; where the next start is inferred, so is the end.
    assert [i["field"] for i in statuses[1]["inferred"]] == ["place.country", "place.country_code"]
    raw = copy.deepcopy(BUNDLED)
    reason = "the source gives 30 August without a year"
    raw["memberships"][0]["periods"][2]["inferred"] = [{"field": "start_date", "reason": reason}]
    rows = query.timeline(Dataset(raw, None), query.TimelineFilter())
    statuses = [r for r in rows if r["kind"] == "status_change"]
    assert {"field": "end_date", "reason": reason} in statuses[1]["inferred"]
    assert statuses[2]["inferred"] == [{"field": "date", "reason": reason}]


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(["self", "overlap", "end after its sources", "start after its sources"]),
    at=st.integers(0, 1),
    days=st.integers(1, 3000),
)
def test_a_membership_no_source_can_state_is_refused(
    tmp_path_factory: pytest.TempPathFactory, kind: str, at: int, days: int
) -> None:
    """validate took an organisation as a member of itself, a period that began while an
    earlier one of the same membership had not yet ended ("full member after it left"),
    and an end dated after every day its sources can speak of (a source as of June cited
    for November). Each kind, at generated places and dates, is refused at its path in
    partyintl's words."""
    import datetime as dt
    import json

    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    ms = raw["memberships"][0]
    periods = ms["periods"]
    if kind == "self":
        ms["organization_id"] = ms["member_id"]
        where, said = "memberships[0].organization_id", "is the member too"
    elif kind == "overlap":  # period `at` ends after the next one starts
        following = dt.date.fromisoformat(periods[at + 1]["start_date"][:7] + "-01")
        end = (following + dt.timedelta(days=31 + days % 400)).isoformat()
        periods[at]["end"] = {
            "date": end, "status": "left", "reason": "It left.",
            "sources": [{"source": "si-press-release-2022-03-07", "at": "opening"}],
        }  # fmt: skip
        where = f"memberships[0].periods[{at + 1}].start_date"
        said = f"is before the previous period's end {end}: a membership has one status"
    elif kind == "end after its sources":
        end = (dt.date(2022, 3, 7) + dt.timedelta(days=days % 1500 + 1)).isoformat()
        periods[2]["end"]["date"] = end
        where, said = "memberships[0].periods[2].end.date", "is after what its sources can report"
    else:  # a start cited only by a source of 2018
        start = f"{2019 + days % 7}"
        periods[2]["sources"] = [{"source": "party-page-2018", "at": "paragraph 3"}]
        periods[2]["start_date"] = start
        where = "memberships[0].periods[2].start_date"
        said = f"{start} is after what its sources can report: the latest, party-page-2018"
    spoilt = tmp_path_factory.mktemp("period") / "d.json"
    spoilt.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", "--all", str(spoilt)])
    assert (code, out) == (1, ""), err
    lines = [line.strip() for line in err.splitlines()]
    assert any(line.startswith(f"{where}: ") and said in line for line in lines), err


@settings(max_examples=20, deadline=None)
@given(start=st.integers(2009, 2018))  # its sources speak of 2018 at the latest
def test_two_records_of_one_membership_may_not_overlap(
    tmp_path_factory: pytest.TempPathFactory, start: int
) -> None:
    """ "Full member from 2016" in a second membership record beside "full from 2012 to
    2022-03-07" in the first validated: only periods within one record were compared. A
    period of either record that begins before the other's explicit end is refused."""
    import copy

    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    first = raw["memberships"][0]
    second = copy.deepcopy(first)
    second["id"] = "the-same-again"
    second["periods"] = [
        {"status": "full", "start_date": str(start),
         "sources": [{"source": "party-page-2018", "at": "paragraph 3"}]}
    ]  # fmt: skip
    raw["memberships"].append(second)
    path = tmp_path_factory.mktemp("two") / "two.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", str(path)])
    ends = first["periods"][-1]["end"]["date"]  # 2022-03-07; it began on 2012-08-30
    if start >= 2013:  # within the first record's full period, which has an explicit end
        assert code == 1, err
        assert f"memberships[1].periods[0].start_date: {start} is before the end {ends}" in err
    else:  # before it began, or a year that holds its first day: no certain overlap
        assert code == 0, err


@settings(max_examples=80, deadline=None)
@given(
    org=st.one_of(st.none(), st.text(max_size=5), st.integers(), st.just(b"x")),
    since=st.one_of(YEARS, st.text(max_size=4), st.floats(), st.booleans()),
    until=st.one_of(YEARS, st.text(max_size=4), st.floats(), st.booleans()),
)
def test_a_timeline_filter_checks_what_it_is_given(org: Any, since: Any, until: Any) -> None:
    """`TimelineFilter(since='2019')` was taken, and `timeline` then failed inside with
    "'>=' not supported between instances of 'int' and 'str'"; since after until gave []
    where the command line refuses it (the fresh tester, helper 58). Each wrong field is
    named; a right filter is kept as given."""

    def year(value: Any) -> bool:
        return value is None or (isinstance(value, int) and not isinstance(value, bool))

    if org is not None and not isinstance(org, str):
        with pytest.raises(TypeError, match=r"^TimelineFilter org: give an organisation's id"):
            query.TimelineFilter(org, since, until)
    elif not year(since) or not year(until):
        field = "since" if not year(since) else "until"
        with pytest.raises(TypeError, match=rf"^TimelineFilter {field}: give a year"):
            query.TimelineFilter(org, since, until)
    elif since is not None and until is not None and since > until:
        with pytest.raises(ValueError) as caught:
            query.TimelineFilter(org, since, until)
        assert str(caught.value) == (
            f"TimelineFilter: since {since} is after until {until}: give the earlier year first"
        )
    else:
        made = query.TimelineFilter(org, since, until)
        assert (made.org, made.since, made.until) == (org, since, until)


#: An event's dates: closed (a day, a year, an interval), or running on (an open end
#: `..`, an unknown end), as its date or as its end date.
_EVENT_DATES = st.sampled_from(
    [
        ("2019-05-01", None, False),
        ("2019", None, False),
        ("2019/2021", None, False),
        ("2019", "2021", False),
        ("2019/..", None, True),
        ("2019/", None, True),
        ("2019", "2021/..", True),
        ("2019", "2020/", True),
        ("../2019", None, False),
        (None, None, False),
    ]
)


#: The kinds of timeline entry that are events (the event types).
EVENT_KINDS = {ev["type"] for ev in BUNDLED["events"]}


@settings(max_examples=40, deadline=None)
@given(st.lists(_EVENT_DATES, min_size=1, max_size=len(BUNDLED["events"])))
def test_an_event_whose_dates_run_on_holds_as_of_its_sources(
    chosen: list[tuple[str, str | None, bool]],
) -> None:
    """An event dated 2020/.. (or with an end date 2017/) was shown running on with no date
    it holds as of (`as_of` null), where the README says no period is shown lasting beyond
    what its sources say (the fresh tester, helper 58): it holds as of its sources' newest
    as-of date, as a status or a post with no end does; a closed one has no as_of."""
    from partyintl.data import dates
    from partyintl.query.events import event_record
    from partyintl.query.periods import holds_as_of
    from partyintl.render.bands import _ranged

    raw = copy.deepcopy(BUNDLED)
    for ev, (date, end, _) in zip(raw["events"], chosen, strict=False):
        ev["date"] = date
        ev.pop("end_date", None)
        if end is not None:
            ev["end_date"] = end
    ds = Dataset(raw, None)

    def events(rows: list[Any]) -> dict[str, Any]:  # a status entry names its decision
        return {r["event_id"]: r for r in rows if r["kind"] in EVENT_KINDS}

    got = events(query.timeline(ds, query.TimelineFilter()))
    for ev, (_, _, runs_on) in zip(raw["events"], chosen, strict=False):
        entry = got[ev["id"]]
        assert entry["as_of"] == (holds_as_of(ds, ev) if runs_on else None), ev["id"]
        assert event_record(ds, ev)["as_of"] == entry["as_of"]  # `show EVENT` says it too
        shown = _ranged(entry, {str(c["source"]): 1 for c in entry["sources"]})["date"]
        if not runs_on:
            assert ", as of" not in str(shown)
            continue
        # The table, the figures' list and `show` give the date it holds as of; --since
        # after that date leaves it out (it ran on, but no source says how far).
        assert entry["as_of"] is not None and str(shown).endswith(f", as of {entry['as_of']}")
        later = max(dates.last_year(entry["as_of"]) or 0, dates.first_year(ev["date"]) or 0) + 1
        since = query.timeline(ds, query.TimelineFilter(since=later))
        assert ev["id"] not in events(since)
