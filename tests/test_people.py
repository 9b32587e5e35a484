"""The people picture written without rich is what rich prints (render/people.py), and
the bundled people are written so at the usual widths."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from partyintl import Dataset, query
from partyintl.render import people
from partyintl.render.human import rich_text, to_text
from partyintl.render.people import HEADINGS, PEOPLE_COLUMNS, fits, people_lines, person_cells
from partyintl.render.pictures import people_picture
from partyintl.render.view import RenderContext, View, object_parts
from partyintl.render.views import people_view

#: Characters of the data that take one cell: letters of several scripts, accents,
#: digits, punctuation, the dagger of a doubtful date, a bell (shown escaped as `\x07`).
_PLAIN = [*"abcdefghijklmnopqrstXYZ0123éüßčñЖжΩ-'(),.\"†[]", "\x07"]
#: Characters rich must draw itself: wide, combining, zero-width, a tab, a no-break space.
_ODD = ["\u4e2d", "\u0301", "\u200b", "\t", "\xa0"]


@st.composite
def _people(draw: Any) -> list[dict[str, Any]]:
    """One to six people with names and zero to five posts, delegations and events each:
    words of one to 40 characters (wider than many columns, so rich folds them), one
    space or more between them, now and then spaces before or after, an empty item, a
    newline inside one (names too); in one draw of eight, characters rich must draw."""
    chars = _PLAIN + _ODD if draw(st.integers(0, 7)) == 0 else _PLAIN
    longest = draw(st.sampled_from([6, 10, 15, 40]))
    word = st.text(st.sampled_from(chars), min_size=1, max_size=longest)
    gap = st.sampled_from([" ", " ", " ", " ", "  ", "\n", ""])
    item = st.builds(
        lambda before, pairs: before + "".join(w + g for w, g in pairs),
        st.sampled_from(["", "", "", " "]),
        st.lists(st.tuples(word, gap), max_size=8),
    )
    items = st.lists(item, max_size=5)
    name = st.builds(" ".join, st.lists(word, min_size=1, max_size=4))
    alike = draw(st.integers(0, 4)) == 0  # columns as wide as each other: rich narrows all
    people = []
    for n in range(draw(st.integers(1, 6))):
        person = {
            "id": f"p{n}",
            "name": draw(name | item | st.sampled_from(["", "Sergei Mironov"])),
            "posts": draw(items),
            "delegations_led": draw(items),
            "events": draw(items),
            "sources": draw(items),
        }
        if alike:
            line = draw(item)
            person |= {"name": line} | {col: [line] for col in PEOPLE_COLUMNS[1:]}
        people.append(person)
    return people


_TITLES = ["People", "", "A title wider than many tables of people", "  spaced  "]


@settings(max_examples=400, deadline=None)
@given(_people(), st.integers(16, 200), st.booleans(), st.booleans(), st.sampled_from(_TITLES))
@example(  # a word wider than its column: every column narrowed, the word folded
    [
        {
            "id": "p",
            "name": "Nikolai Levichev",
            "posts": ["Head of the State Duma faction", "Member"],
            "delegations_led": ["Progressive Alliance conference in Rome"],
            "events": ["Memorandum_of_Understanding_with_the_S&D_Group", ""],
        }
    ],
    60,
    True,
    False,
    "People",
)
@example(  # columns of one width, too wide together: rich narrows them all alike
    [
        {
            "id": "p",
            "name": "abcdefg hijklmn",
            "posts": ["abcdefg hijklmn"],
            "delegations_led": ["abcdefg hijklmn"],
            "events": ["abcdefg hijklmn"],
        }
    ],
    70,
    False,
    True,
    "People",
)
def test_the_people_without_rich_are_what_rich_prints(
    records: list[dict[str, Any]], width: int, color: bool, ascii: bool, title: str
) -> None:
    view = people_view(records)._replace(title=title)
    ctx = RenderContext(terminal=color, color=color, width=width, ascii=ascii)
    if not fits(view, ctx):
        event("too narrow: cards")
        assert people_picture(view, ctx) is None
        return
    lines = people_lines(view, ctx)
    picture = people_picture(view, ctx)
    assert picture is not None
    if lines is None:
        event("drawn by rich")
        return
    event("written without rich")
    rows = [person_cells(r) for r in records]
    room = width - 5  # less the frame: two edges and three dividers
    natural = [
        people._measure([h, *(row[n][0] for row in rows)], room)[1] for n, h in enumerate(HEADINGS)
    ]
    event("columns narrowed" if sum(natural) > room else "columns as wide as their text")
    assert lines.render(width, color) is not None
    assert to_text(view, ctx) == rich_text(picture, width, color)


@pytest.mark.parametrize("name", [None, "Sergei Mironov"])
def test_the_bundled_people_are_written_without_rich(ds: Dataset, name: str | None) -> None:
    """At every width from 40 to 200 columns where the picture fits (from 98 up for
    everybody, with the sources' column; people are cards below), in colour or not,
    framed in ASCII or not, the bundled people are written without rich, as rich writes
    them."""
    view = people_view(query.people(ds, name))
    fitted = 0
    for width in range(40, 201):
        for color in (False, True):
            for ascii in (False, True):
                ctx = RenderContext(terminal=color, color=color, width=width, ascii=ascii)
                if not fits(view, ctx):
                    continue
                fitted += 1
                lines = people_lines(view, ctx)
                assert lines is not None, (width, color, ascii)
                picture = people_picture(view, ctx)
                assert picture is not None
                assert to_text(view, ctx) == rich_text(picture, width, color)
    assert fitted >= 4 * 100


def test_what_rich_must_draw_is_left_to_rich() -> None:
    """A character of unusual width, a tab, or a no-break space anywhere in the table,
    or a title wider than the table, and rich draws it."""
    person = {"id": "p", "name": "Ann", "posts": [], "delegations_led": [], "events": []}
    ctx = RenderContext(terminal=True, color=True, width=80, ascii=False)
    assert people_lines(people_view([person]), ctx) is not None
    for odd in ("\u4e2d", "a\tb", "a\xa0b", "e\u0301"):
        assert people_lines(people_view([person | {"posts": [odd]}]), ctx) is None
    assert people_lines(people_view([person])._replace(title="x" * 60), ctx) is None


def test_a_person_written_without_rich() -> None:
    """The picture's parts, exactly: the title centred, the headings bold (padding too)
    and at the bottom of their row (a blank bold line over the short ones), names bold,
    items a line each, the widest columns narrowed to fit, a long word cut, '-' for
    none, a blank line between people."""
    people: list[dict[str, Any]] = [
        {
            "id": "a",
            "name": "Ann Bo",
            "posts": ["Leader of X", "Member"],
            "delegations_led": [],
            "events": ["2012 Something happened"],
        },
        {
            "id": "b",
            "name": "Zed",
            "posts": [],
            "delegations_led": ["Supercalifragilistic"],
            "events": [],
        },
    ]
    ctx = RenderContext(terminal=True, color=True, width=61, ascii=False)
    view: View = people_view(people)
    assert people_lines(view, ctx) is not None
    bold = "\x1b[1m{}\x1b[0m".format
    headings = ["name  ", "posts      ", "led        ", "events    ", "sources"]
    written = [
        " " * 27 + "People",
        "",
        f" {bold(' ' * 8)} {bold(' ' * 13)} {bold(' ')}{bold('delegations')}{bold(' ')} "
        + f"{bold(' ' * 12)} {bold(' ' * 9)}",
        " " + " ".join(bold(" ") + bold(h) + bold(" ") for h in headings),
        " " + "─" * 59,
        f"  {bold('Ann Bo')}   Leader of X   -             2012         -",
        "           Member                      Something",
        "                                       happened",
        "",
        f"  {bold('Zed   ')}   -             Supercalifr   -            -",
        "                         agilistic",
        "",
        "",
    ]
    assert to_text(view, ctx).split("\n") == written
    picture = people_picture(view, ctx)
    assert picture is not None and rich_text(picture, 61, True).split("\n") == written


@settings(max_examples=60, deadline=None)
@given(
    start=st.sampled_from([None, "2007-06", "2019-03-01", "2010/2012"]),
    own=st.sampled_from([None, "2012-08-30", "2020"]),
    source_as_of=st.sampled_from([None, "2018", "2021-05"]),
    ended=st.booleans(),
    end=st.sampled_from([{"date": "2024", "reason": "left"}, {"date": None, "reason": "x"}]),
)
def test_a_post_with_no_end_always_says_as_of_when(
    start: str | None,
    own: str | None,
    source_as_of: str | None,
    ended: bool,
    end: dict[str, str | None],
) -> None:
    """A post held with no end read "since 2007-06" alone, as if it held for ever; it
    holds as of its own date, else as of the newest source that states it."""
    import copy

    from partyintl import load_dataset
    from partyintl.data.load import Dataset as Loaded

    raw = copy.deepcopy(load_dataset().raw)
    person = next(iter(raw["people"]))
    source = raw["sources"][0]
    if source_as_of is None:
        source.pop("as_of", None)
    else:
        source["as_of"] = source_as_of
    post: dict[str, Any] = {"role": "Member", "organization_id": raw["party"]["id"]}
    post |= {k: v for k, v in (("start_date", start), ("as_of", own)) if v}
    post["sources"] = [{"source": source["id"], "at": "p1"}]
    if ended:
        post["end"] = end
    person["posts"] = [post]
    ds = Loaded(raw, None, None)
    record = query.people(ds, person["name"])[0]["posts"][0]
    expected = own or (None if ended else source_as_of)
    assert record["as_of"] == expected
    text = "".join(
        record[key] if key else words
        for key, words in object_parts(record)  # as cells read
    )
    if start and not ended:
        assert text.endswith(f"(since {start}, as of {expected})" if expected else f"{start})")
    elif expected and not ended:
        assert text.endswith(f"(as of {expected})")
    elif ended:  # an ended post says so: its end, or that it ended (an ended post read
        # as current, its dates gone)
        said = f"–{end['date']}" if start else f"until {end['date']}"
        if end["date"] and not own:
            assert said in text, text
        assert text.endswith(f"ended: {end['reason']})"), text


def test_a_persons_figure_is_titled_by_the_party_and_the_person() -> None:
    """`people Mironov -f svg` was titled "People": neither the party nor the person. Each
    person's figure names both, as a filtered figure names its filter."""
    import re

    from conftest import run_here
    from partyintl import load_dataset

    ds = load_dataset()
    party = ds.raw["party"]["name"]
    for person in ds.raw["people"]:
        code, out, err = run_here(["people", person["id"], "-f", "svg"])
        assert code == 0, err
        title = re.search(r'<title id="t">([^<]*)', out)
        assert title is not None and title.group(1) == f"{party}: {person['name']}", out[:300]


@given(
    start=st.sampled_from([None, "2007-06", "2012/2017"]),
    end=st.sampled_from([None, "2022-03-07", "2019?"]),
    end_status=st.sampled_from([None, "ended", "expelled"]),
    as_of=st.sampled_from([None, "2018", "2024-06-30"]),
    organization=st.sampled_from([None, "Example International"]),
)
def test_a_status_period_says_what_is_not_stated(
    start: str | None,
    end: str | None,
    end_status: str | None,
    as_of: str | None,
    organization: str | None,
) -> None:
    """A status with no start read "observer member of X from undated, holds as of ..."
    (the fresh tester, helper 58), and one that ended on no date "... to undated, then
    ended". Every combination reads as words: its start or that none is stated, its end
    and what followed, else the date it holds as of, else that no end is stated."""
    record: dict[str, Any] = {"status": "observer", "start_date": start, "end_date": end}
    if organization:
        record["organization"] = organization
    if end_status:
        record["end_status"] = end_status
    if as_of:
        record["as_of"] = as_of
    text = "".join(str(record[key]) if key else words for key, words in object_parts(record))
    head = "observer" + (f" member of {organization}" if organization else "")
    when = f" from {start}" if start else ", start not stated"
    if end:
        after = f" to {end}" + (f", then {end_status}" if end_status else "")
    elif end_status:
        after = f", then {end_status} on a date not stated"
    elif as_of:
        after = f", holds as of {as_of}"
    else:
        after = ", end not stated"
    assert text == head + when + after
    assert "undated" not in text
