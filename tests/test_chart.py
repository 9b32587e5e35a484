"""The countries chart written without rich is what rich prints (render/chart.py), and
answers come without importing rich when it is."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import CLEARED, on_a_terminal
from partyintl.data.enums import PARTNER_TYPE_VALUES as TYPES
from partyintl.render.chart import countries_lines
from partyintl.render.human import rich_text, to_text
from partyintl.render.pictures import countries_chart
from partyintl.render.view import RenderContext, View
from partyintl.render.views import countries_view

#: Names as the data has them: letters of several scripts that take one cell, accents,
#: spaces, hyphens, and now and then a control character (shown escaped) or a wide one.
_NAME = st.text(
    st.sampled_from([*"abcdefghijklmnopqrstXYZ éüßčñ-' ЖжΩ", "\u4e2d", "\x07"]),
    min_size=1,
    max_size=30,
).filter(str.strip)


@st.composite
def _records(draw: Any) -> list[dict[str, Any]]:
    records = []
    for _ in range(draw(st.integers(1, 8))):
        counts = {t: draw(st.integers(0, 30)) for t in TYPES}
        if not any(counts.values()):
            counts[TYPES[0]] = 1
        country = draw(st.none() | _NAME)
        records.append(
            {
                "country": country,
                "region": None if country else draw(_NAME),
                "country_code": draw(st.none() | st.sampled_from(["DE", "RU", "XK", "EU"])),
                "partners": sum(counts.values()),
                **counts,
            }
        )
    return records


def _rich(view: View, ctx: RenderContext) -> str:
    """What rich prints of the chart (the reference)."""
    picture = countries_chart(view, ctx)
    assert picture is not None
    return rich_text(picture, ctx.width, ctx.color)


#: Where a picture goes: a terminal 16 to 200 cells wide, in colour or not, ASCII or not.
_CONTEXTS = st.builds(
    lambda width, color, ascii: RenderContext(
        terminal=color, color=color, width=width, ascii=ascii
    ),
    st.integers(16, 200),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    _records(),
    _CONTEXTS,
    st.sampled_from(["Partners by country and region", "", "A title longer than most tables"]),
)
@example(  # the bundled chart's first row, at the narrowest width, in colour
    [
        {"country": "Germany", "region": None, "country_code": "DE", "partners": 6}
        | dict.fromkeys(TYPES, 2)
        | {"partners": 6}
    ],
    RenderContext(terminal=True, color=True, width=16),
    "Partners by country and region",
)
def test_the_chart_without_rich_is_what_rich_prints(
    records: list[dict[str, Any]], ctx: RenderContext, title: str
) -> None:
    view = countries_view(records)._replace(title=title)
    lines = countries_lines(view, ctx)
    if lines is None:
        return
    assert lines.render(ctx.width, ctx.color) is not None
    assert to_text(view, ctx) == _rich(view, ctx)


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize(
    ("argv", "title"),
    [
        (["countries", "-f", "table"], b"Partners by country and region"),
        (["spectrum"], b"Left-right positions"),
        (["timeline"], b"the party's status"),
        (["people"], b"People"),
    ],
)
def test_pictures_on_a_terminal_come_without_importing_rich(
    argv: list[str], title: bytes, columns: int
) -> None:
    """The bundled data's pictures at 80 and 100 columns, in colour on a terminal, are
    written without rich (the point of chart.py, spectrum.py, bands.py and people.py):
    the process never imports it."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    code, screen = on_a_terminal(argv, {**env, "PYTHONPROFILEIMPORTTIME": "1"}, columns=columns)
    assert code == 0, screen
    assert title in screen and b"\x1b[" in screen  # the picture, in colour
    assert re.search(rb"\|\s+rich\b", screen) is None  # -X importtime names no rich module


@pytest.mark.parametrize("ascii", [False, True])
def test_the_spectrum_says_each_type_without_colour(ascii: bool) -> None:
    """Every scored record's mark is its type's own, and the legend names each (a fresh
    tester saw three identical dots once colour was off)."""
    from partyintl import load_dataset, query
    from partyintl.query import PartnerFilter
    from partyintl.render.palette import TYPE_LOOKS
    from partyintl.render.views import spectrum_view

    view = spectrum_view(query.spectrum(load_dataset(), PartnerFilter()))
    text = to_text(view, RenderContext(width=100, ascii=ascii))
    marks = {kind: look.mark_ascii if ascii else look.mark for kind, look in TYPE_LOOKS.items()}
    assert len(set(marks.values())) == len(marks)
    legend = text.splitlines()[-1]
    assert all(f"{mark} {kind}" in legend for kind, mark in marks.items())
    for record in view.records:
        if record["left_right"] is None or record.get("subject"):
            continue
        line = next(line for line in text.splitlines() if f"{record['left_right']:+5.2f}" in line)
        assert line.rstrip()[-1] in marks.values()
    scored_types = {r["type"] for r in view.records if r["left_right"] is not None}
    shown = {line.rstrip()[-1] for line in text.splitlines()[3:] if line[35:41].strip()}
    assert {marks[t] for t in scored_types if t in marks} <= shown
