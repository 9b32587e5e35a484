"""Figures fit for a paper, as rules over any figure of any data (issue 15, kind 10).

Each figure's SVG is read back as geometry: every text's box (from the same width estimate
the figures use), every filled shape drawn before it, the legend's swatches and the data
marks. The rules: no label cut while it had room, no text outside the figure or over
another, every text at WCAG AA contrast (4.5:1) on what lies behind it, no text running
past the edge of a bar, a legend of exactly the colours drawn, a title naming the party.
They run on the bundled data, on generated datasets (hypothesis: names of any length,
types, scores, dates from year 0 to 9999, from one partner to past the aggregation bound),
and each example from the issue is a test of its own.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT
from partyintl.render.figures import (
    MAX_DRAWN,
    MAX_LINES,
    fit_lines,
    label_width,
    year_ticks,
)
from partyintl.render.palette import PAPER, STATUS_COLOURS, TEXT_CONTRAST, contrast

SVG_NS = "{http://www.w3.org/2000/svg}"
FIGURES = ["timeline", "countries", "spectrum", "map", "graph"]


# -- reading a figure back ----------------------------------------------------------------


@contextmanager
def _captured() -> Iterator[tuple[list[bytes], io.StringIO]]:
    """stdout (bytes, once the block ends) and stderr of what runs inside."""
    out, err, got = io.BytesIO(), io.StringIO(), []
    saved = sys.stdout, sys.stderr
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    sys.stdout, sys.stderr = wrapper, err
    try:
        yield got, err
    finally:
        wrapper.flush()
        got.append(out.getvalue())
        sys.stdout, sys.stderr = saved
        wrapper.detach()


def draw(*argv: str) -> str:
    """What `partyintl ARGV` writes, run in this process (the fast path, as the CLI runs)."""
    from partyintl.cli.argv import normalise
    from partyintl.cli.interpret import run

    with _captured() as (got, err):
        code = run(normalise(list(argv)))
    assert code == 0, err.getvalue()
    return got[0].decode("utf-8")


class Box:
    """A text or shape's extent."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1

    def overlaps(self, other: Box, slack: float = 0.5) -> bool:
        return (
            self.x0 < other.x1 - slack
            and other.x0 < self.x1 - slack
            and self.y0 < other.y1 - slack
            and other.y0 < self.y1 - slack
        )

    def within(self, other: Box, slack: float = 0.5) -> bool:
        return (
            self.x0 >= other.x0 - slack
            and self.x1 <= other.x1 + slack
            and self.y0 >= other.y0 - slack
            and self.y1 <= other.y1 + slack
        )

    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def __repr__(self) -> str:
        return f"Box({self.x0:.0f}, {self.y0:.0f}, {self.x1:.0f}, {self.y1:.0f})"


class Figure:
    """An SVG figure as texts, filled shapes (in drawing order), legend and mark colours."""

    def __init__(self, svg: str) -> None:
        self.svg = svg
        root = ET.fromstring(svg)
        self.width = float(root.get("width") or 0)
        self.height = float(root.get("height") or 0)
        self.title = root.findtext(f"{SVG_NS}title") or ""
        self.texts: list[tuple[str, Box, str, int]] = []  # text, box, fill, order
        self.notes: list[str] = []  # the footnotes and the source line
        self.shapes: list[tuple[Box, str, int, str]] = []  # box, fill, order, kind
        self.legend: set[str] = set()
        self.marks: set[str] = set()
        self._walk(root, False, 0)

    def _walk(self, node: ET.Element, in_legend: bool, order: int) -> int:
        for child in node:
            tag = child.tag.replace(SVG_NS, "")
            order += 1
            if tag == "svg" and child.get("x") is not None:
                # The map's outlines: countries drawn as marks, no text on them.
                self.marks.update(_colour(g) for g in child if g.get("class") == "mark")
                continue
            if tag == "g" and child.get("class") == "notes":
                self.notes += [t.text or "" for t in child]
                continue
            if tag == "g":
                legend = in_legend or child.get("class") == "legend"
                order = self._walk(child, legend, order)
                continue
            colour = _colour(child)
            if in_legend and tag in ("rect", "circle", "line"):
                self.legend.add(colour)
            elif child.get("class") == "mark":
                self.marks.add(colour)
            if tag == "text":
                self.texts.append(
                    (child.text or "", _text_box(child), child.get("fill", ""), order)
                )
            elif tag == "rect" and child.get("fill") not in (None, "none"):
                x, y = float(child.get("x", 0)), float(child.get("y", 0))
                w, h = float(child.get("width", 0)), float(child.get("height", 0))
                if not (x == 0 and y == 0 and w == self.width):  # the page itself
                    self.shapes.append((Box(x, y, x + w, y + h), child.get("fill", ""), order, tag))
            elif tag == "circle":
                cx, cy, r = (float(child.get(k, 0)) for k in ("cx", "cy", "r"))
                self.shapes.append(
                    (Box(cx - r, cy - r, cx + r, cy + r), child.get("fill", ""), order, tag)
                )
        return order

    def background(self, box: Box, order: int) -> str:
        """The fill of the last shape drawn under a text's centre, else the page."""
        x, y = box.centre()
        found = PAPER
        for shape, fill, drawn, _ in self.shapes:
            if drawn < order and shape.x0 <= x <= shape.x1 and shape.y0 <= y <= shape.y1:
                found = fill
        return found


def _colour(node: ET.Element) -> str:
    """A mark's colour: its fill, or its edge when it is hollow (a ring, a line)."""
    fill = node.get("fill")
    if fill and fill not in ("none", PAPER):
        return fill
    return node.get("stroke") or fill or ""


def _text_box(node: ET.Element) -> Box:
    size = float(node.get("font-size", 13))
    text = node.text or ""
    width = label_width(text, size, node.get("font-weight") == "bold")
    x, y = float(node.get("x", 0)), float(node.get("y", 0))
    anchor = node.get("text-anchor", "start")
    x0 = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return Box(x0, y - size * 0.75, x0 + width, y + size * 0.2)


# -- the rules ------------------------------------------------------------------------------


def check_rules(svg: str, party: str = "A JUST RUSSIA") -> Figure:
    """Every rule of a figure fit for a paper; returns the figure read back."""
    fig = Figure(svg)
    try:
        _rules(fig, party)
    except AssertionError as exc:
        raise AssertionError(f"{fig.title}: {exc}") from None
    return fig


def _rules(fig: Figure, party: str) -> None:
    assert party in fig.title, fig.title
    texts = fig.texts
    for text, box, fill, order in texts:
        # Nothing cut while there was room: generated labels fit in MAX_LINES lines.
        assert "…" not in text or text.startswith("… and"), text
        assert box.x0 >= 0 and box.x1 <= fig.width + 0.5, (text, box, fig.width)
        assert box.y0 >= 0 and box.y1 <= fig.height, (text, box)
        background = fig.background(box, order)
        ratio = contrast(fill, background)
        assert ratio >= TEXT_CONTRAST, (text, fill, background, round(ratio, 2))
        for shape, _colour, drawn, kind in fig.shapes:
            # A text over a bar or a dot lies wholly on it, or wholly off it.
            if drawn < order and box.overlaps(shape, slack=1) and not box.within(shape, slack=1):
                raise AssertionError(f"{text!r} {box} runs past the edge of a {kind} {shape}")
    for i, (a, box_a, _, _) in enumerate(texts):
        for b, box_b, _, _ in texts[i + 1 :]:
            assert not box_a.overlaps(box_b, slack=1), (a, box_a, b, box_b)
    assert fig.legend == fig.marks, f"legend {sorted(fig.legend)} but drawn {sorted(fig.marks)}"


@pytest.mark.parametrize("command", FIGURES)
def test_every_figure_of_the_bundled_data_keeps_the_rules(command: str) -> None:
    check_rules(draw(command, "--format", "svg"))


@pytest.mark.parametrize(
    "args",
    [
        ["partners", "--region", "CIS"],
        ["partners", "--country", "Germany", "--type", "npo"],
        ["people"],
        ["contacts"],
        ["regions"],
        ["show", "Fatah"],
    ],
)
def test_every_table_figure_keeps_the_rules(args: list[str]) -> None:
    party = "Fatah" if args[0] == "show" else "A JUST RUSSIA"
    check_rules(draw(*args, "--format", "svg"), party)


# -- generated data -------------------------------------------------------------------------

RAW = json.loads(DATA.read_text(encoding="utf-8"))
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÉéüßøAEIOU-'.", min_size=1, max_size=18)
#: Names up to 120 characters: what three lines of the narrowest label column hold (a
#: longer name is cut with "…" after MAX_LINES lines, which another test checks).
NAME = st.lists(WORD, min_size=1, max_size=14).map(lambda w: " ".join(w)[:120].strip() or "x")


def _date(year: int, precision: int) -> str:
    return [f"{year:04d}", f"{year:04d}-06", f"{year:04d}-06-15"][precision]


@st.composite
def datasets(draw_: st.DrawFn) -> dict[str, Any]:
    """The bundled file with its partners and events replaced by generated ones."""
    data = copy.deepcopy(RAW)
    templates = {
        t: [p for p in RAW["partners"] if p["type"] == t] for t in ("party", "international", "npo")
    }
    scored = next(p for p in RAW["partners"] if p.get("positions_source"))
    extra = draw_(st.integers(0, MAX_DRAWN - len(RAW["partners"]) + 25))
    partners = []
    positions = {"partners": 0, "npo": 0}
    for i in range(len(RAW["partners"]) + extra):
        if i < len(RAW["partners"]):  # the bundled partners keep their ids (events cite them)
            p = copy.deepcopy(RAW["partners"][i])
        else:
            kind = draw_(st.sampled_from(["party", "party", "international", "npo"]))
            template = templates[kind][draw_(st.integers(0, len(templates[kind]) - 1))]
            p = copy.deepcopy(template)
            p["id"] = f"gen-{i}"
            p.pop("identifiers", None)
        name = draw_(NAME)
        p["name"] = name
        p.pop("other_names", None)
        listing = p["listing"]["list"]
        positions[listing] += 1
        p["listing"] = {"list": listing, "position": positions[listing], "printed": name}
        score = draw_(st.none() | st.floats(-2.5, 2.5, allow_nan=False))
        p["left_right"] = None if score is None else round(score, 2)
        if score is not None:
            p["positions_source"] = scored["positions_source"]
        partners.append(p)
    data["partners"] = partners
    # The last period ends (as the bundled one does), or is open and holds as of a date
    # after its start, or as of nothing said (then to the data's date, generated to 9999).
    data["as_of"] = "9999-12-31"
    last = data["memberships"][0]["periods"][-1]
    held = draw_(st.sampled_from(["ended", "2018", "9999", "none"]))
    if held != "ended":
        last.pop("end")
        if held != "none":
            last["as_of"] = held
        if held == "9999":  # a source that can speak of that year (validation asks it)
            far = {"id": "far", "title": "Far", "publisher": "P", "language": "en", "as_of": "9999"}
            data["sources"].append(far)
            last["sources"] = [*last["sources"], {"source": "far", "at": "page"}]
    low = draw_(st.integers(0, 9999))
    high = draw_(st.integers(low, 9999))
    for ev in data["events"]:
        ev["name"] = draw_(NAME)
        if ev["date"] is not None:
            start = draw_(st.integers(low, high))
            if ev.get("end_date") is not None:
                start = min(start, 9998)
                ev["end_date"] = _date(draw_(st.integers(start + 1, max(high, start + 1))), 0)
            ev["date"] = _date(start, draw_(st.integers(0, 2)))
    return data


@pytest.fixture(scope="module", autouse=True)
def any_year_is_past() -> Iterator[None]:
    """Generated files are dated up to 9999: today is taken to be the last day of 9999
    (SOURCE_DATE_EPOCH), so that no as_of of theirs lies in the future."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "253402300799"
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=datasets())
def test_every_figure_of_generated_data_keeps_the_rules(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for command in FIGURES:
            check_rules(draw("--data", str(path), command, "--format", "svg"))
        check_rules(draw("--data", str(path), "partners", "--limit", "30", "--format", "svg"))


# -- the pieces: line fitting, axis ticks, contrast -----------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(WORD, max_size=40).map(" ".join),
    size=st.sampled_from([9, 10, 11, 12, 13, 20]),
    room=st.floats(40, 600),
    most=st.integers(1, 4),
)
def test_lines_fit_their_room_and_keep_every_word_unless_cut(
    text: str, size: int, room: float, most: int
) -> None:
    lines = fit_lines(text, size, room, most)
    assert 1 <= len(lines) <= most
    assert all(label_width(line, size) <= room for line in lines)
    if lines[-1].endswith("…"):  # cut only when the text needs more lines than allowed
        assert len(lines) == most
        assert len(fit_lines(text, size, room, most + 40)) > most
    else:
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_twelve_megabyte_name_is_fitted_at_once() -> None:
    lines = fit_lines("Party-of word " * 900_000, 12, 300)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")


@settings(max_examples=300, deadline=None)
@given(
    first=st.floats(0, 9999),
    span=st.floats(0, 9999),
    room=st.floats(150, 2000),
)
def test_axis_ticks_are_round_cover_the_span_and_never_touch(
    first: float, span: float, room: float
) -> None:
    last = min(first + span, 9999.99)
    ticks = year_ticks(first, last, room)
    step = ticks[1] - ticks[0]
    assert re.fullmatch(r"[125]0*", str(step)), step
    assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
    assert ticks[0] <= first and ticks[-1] >= last
    assert 2 <= len(ticks) <= 14
    if len(ticks) > 2:  # labels of five digits at 11 px, centred on their ticks
        assert room / (len(ticks) - 1) >= label_width("00000", 11)


def test_contrast_is_wcag_s_ratio() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
    # The measurement: white 11-px text on the observer and consultative bars.
    assert round(contrast("#ffffff", STATUS_COLOURS["observer"]), 1) == 2.3
    assert round(contrast("#ffffff", STATUS_COLOURS["consultative"]), 1) == 2.3


# -- the examples ---------------------------------------------------------------------


def test_no_label_of_the_network_or_the_spectrum_is_cut() -> None:
    for command in ("graph", "spectrum", "timeline"):
        svg = draw(command, "--format", "svg")
        assert "…" not in svg, command
    graph = draw("graph", "--format", "svg")
    for name in (
        "Group of the Progressive Alliance of Socialists and",
        "Center for Russia and CIS affairs in German Council on",
        "Institute of Social and Economic Development of Eurasia",
    ):
        assert name in graph, name
    spectrum = draw("spectrum", "--format", "svg")
    assert ">Armenian Revolutionary Federation-Dashnaktsutyun<" in spectrum
    assert ">Party of Socialists of the Republic of Moldova<" in spectrum


def test_status_labels_are_dark_on_the_bands_and_inside_them() -> None:
    fig = check_rules(draw("timeline", "--format", "svg"))
    labels = {text: fill for text, _, fill, _ in fig.texts}
    for date in ("2008-06-30", "2010-11", "2012-08-30"):
        assert labels[date] == "#1a1a1a", date


def test_an_ended_period_says_how_and_when_and_an_open_one_as_of_when(tmp_path: Path) -> None:
    svg = draw("timeline", "--format", "svg")
    assert ">ended 2022-03-07<" in svg  # after the band, which ends there
    assert '<path class="mark" d="M' not in svg  # no arrow: nothing runs on
    data = copy.deepcopy(RAW)
    last = data["memberships"][0]["periods"][-1]
    last.pop("end")
    last["as_of"] = "2018"
    path = tmp_path / "open.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    svg = draw("--data", str(path), "timeline", "--format", "svg")
    check_rules(svg)
    assert ">holds as of 2018<" in svg
    assert '<path class="mark" d="M' in svg  # the arrow at the band's end
    assert "onwards" not in svg


def test_legends_explain_event_markers_and_grey_nodes_and_nothing_else() -> None:
    timeline = draw("timeline", "--format", "svg")
    for key in ("event or appointment", "change of the party's status", "an event's period"):
        assert f">{key}<" in timeline, key
    graph = draw("graph", "--format", "svg")
    assert ">other body: commission, committee, faction, parliament, party unit<" in graph
    assert ">person<" in graph and ">holds a post in<" in graph
    spectrum = Figure(draw("spectrum", "--format", "svg"))
    legend = re.search(r'<g class="legend">(.*?)</g>', spectrum.svg, re.S)
    assert legend is not None
    # What it places: parties, one international (the S&D group), the party; no npo.
    placed = ["party", "international", "the party"]
    assert re.findall(r">([^<]+)</text>", legend.group(1)) == placed


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["partners", "--region", "CIS"], "A JUST RUSSIA: partners in CIS"),
        (
            ["partners", "-c", "de", "-t", "npo"],
            "A JUST RUSSIA: non-profit organisations in Germany",
        ),
        (
            ["partners", "--ideology", "communism", "--left-right", "..-1"],
            "A JUST RUSSIA: partners, tagged communism, scored -1 or less",
        ),
        (
            ["partners", "-s", "labour", "--limit", "3"],
            "A JUST RUSSIA: partners, matching 'labour' (first 3)",
        ),
        (
            ["spectrum", "--region", "CIS"],
            "A JUST RUSSIA: the party and its partners in CIS on the left-right scale",
        ),
        (["countries", "-t", "party"], "A JUST RUSSIA: parties by country and region"),
        (["map", "-t", "npo"], "A JUST RUSSIA: where its non-profit organisations are"),
        (["graph"], "A JUST RUSSIA: its international network"),
        (["timeline"], "A JUST RUSSIA: timeline"),
        (
            ["timeline", "--org", "SI", "--since", "2010"],
            "A JUST RUSSIA: timeline in Socialist International, 2010 onwards",
        ),
        (["timeline", "--since", "2008", "--until", "2010"], "A JUST RUSSIA: timeline, 2008-2010"),
        (["people"], "A JUST RUSSIA: people"),
        (["contacts"], "A JUST RUSSIA: contacts"),
    ],
)
def test_titles_name_the_party_and_the_question(args: list[str], title: str) -> None:
    for fmt in ("svg", "html"):
        out = draw(*args, "--format", fmt)
        assert f"<title>{title}</title>" in out or f'<title id="t">{title}</title>' in out, (
            fmt,
            re.findall(r"<title[^>]*>([^<]*)", out),
        )


def test_europe_is_enlarged_in_an_inset() -> None:
    svg = draw("map", "--format", "svg")
    assert ">Europe, enlarged<" in svg
    frames = re.findall(
        r'<svg x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" viewBox="([^"]+)"', svg
    )
    assert len(frames) == 2 and frames[0] == "0.0 0.0 2475.0 1388.0"
    left, top, width, height = (float(v) for v in frames[1].split())
    # Germany's outline lies within the inset, which is several times the world map's scale.
    from partyintl.render.worldmap import main_boxes

    de = main_boxes()["de"]
    assert left <= de[0] and de[2] <= left + width and top <= de[1] and de[3] <= top + height
    assert 2475 / width > 4


def test_the_countries_figure_sets_regions_apart_and_keeps_the_dagger() -> None:
    svg = draw("countries", "--format", "svg")
    countries, regions = svg.index(">Countries<"), svg.index(">Regions (transnational bodies)<")
    assert countries < svg.index(">Germany<") < svg.index(">Vietnam<") < regions
    assert regions < svg.index(">European Union†<") < svg.index(">Latin America and the Caribbean<")
    assert ">Armenia†<" in svg and ">Belarus†<" in svg and ">Moldova<" in svg
    assert "Armenia, country, country code: Armenian Revolutionary Federation-Dashnaktsutyun" in svg


def test_countries_carry_what_is_inferred_in_every_format() -> None:
    rows = json.loads(draw("countries", "--json"))
    belarus = next(r for r in rows if r["country"] == "Belarus")
    assert belarus["inferred"] == [
        {
            "field": "country",
            "reason": "1 of the 2 partners counted here: Belarusian Party of the Left Fair "
            "World: the country is implied by the adjective in the party's name (Belarusian)",
        }
    ]
    assert next(r for r in rows if r["country"] == "Moldova")["inferred"] == []


def test_dates_from_year_0_to_9999_get_an_axis_of_round_years(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    for n, ev in enumerate(data["events"]):
        if ev["date"] is not None:
            ev["date"] = f"{n * 9999 // len(data['events']):04d}"
            ev.pop("end_date", None)
    data["events"][0]["date"], data["events"][1]["date"] = "0000", "9999"
    data["as_of"] = "9999-12-31"  # no date of the file lies after the date it holds as of
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    svg = draw("--data", str(path), "timeline", "--format", "svg")
    fig = check_rules(svg)
    axis = [t for t, box, _, _ in fig.texts if re.fullmatch(r"\d+", t) and len(t) >= 4 or t == "0"]
    assert axis[0] == "0" and axis[-1] == "10000" and len(axis) == 11
    assert len(svg) < 60_000


ROOT_DOCS = ROOT / "docs" / "figures"


# -- bounded whatever the data --------------------------------------------------------------


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Datasets of 2,000 and 20,000 partners with scores, events and people to match."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate, grow_all

    paths = {}
    for n in (2_000, 20_000):
        path = tmp_path_factory.mktemp("grown") / f"{n}.json"
        path.write_text(json.dumps(grow_all(generate(n), n)), encoding="utf-8")
        paths[n] = path
    return paths


def _elements(svg: str) -> int:
    """Elements drawn, the map's country outlines (a fixed set) aside."""
    return len(
        re.findall(
            r"<(?:text|rect|circle|line|path) ", re.sub(r"<svg x=.*?</svg>", "", svg, flags=re.S)
        )
    )


@pytest.mark.parametrize("command", FIGURES)
def test_a_figure_stays_the_same_size_when_the_data_grows_tenfold(
    grown: dict[int, Path], command: str
) -> None:
    small, big = (
        draw("--data", str(grown[n]), command, "--format", "svg") for n in (2_000, 20_000)
    )
    assert _elements(big) <= _elements(small) + 10, (_elements(small), _elements(big))
    assert _elements(big) < 1_500
    fig = check_rules(big)
    assert fig.width * fig.height < 4_000_000  # the PNG (twice the size) under 16 Mpx
    assert ("… and" in big) or command in ("countries", "map")  # it says what it left out


@given(words=st.lists(st.integers(1, 400), min_size=1, max_size=4), repeat=st.sampled_from([1, 4]))
@settings(max_examples=40, deadline=None)
def test_a_table_figure_says_when_it_cut_a_cell(words: list[int], repeat: int) -> None:
    """A cell cut at MAX_CELL_LINES ends in … and the figure's footnote says where the
    whole text is (a fresh tester found the 2022 end's source missing from a memberships
    PNG, cut without a word); a figure that cut nothing says nothing."""
    from partyintl.render.figures import FEW_ROWS, MAX_CELL_LINES, fit_lines, table_svg
    from partyintl.render.view import View

    texts = [" ".join(["source"] * n) for n in words] * repeat
    view = View([{"a": t} for t in texts], ["a"], fields=("a",), title="T")
    svg = table_svg(view, "")
    most = MAX_CELL_LINES * (3 if len(texts) <= FEW_ROWS else 1)
    cut = any(len(fit_lines(t, 12, 360.0, 10 * most)) > most for t in texts)
    said = f"A cell ending in … is cut at {most} lines" in svg
    assert said is cut


def _label_range(label: str) -> tuple[int, float]:
    """The counts a legend label covers: "1 partner", "3-4", "1,000 or more"."""
    text = label.replace(",", "").removesuffix(" partners").removesuffix(" partner")
    if text.endswith(" or more"):
        return int(text.removesuffix(" or more")), float("inf")
    low, _, high = text.partition("-")
    return int(low), int(high or low)


@given(counts=st.lists(st.integers(1, 50_000), min_size=1, max_size=60))
@settings(max_examples=300, deadline=None)
def test_the_maps_shades_fit_the_counts(counts: list[int]) -> None:
    """The map's shades: 1, 2, 3-4, 5 or more while every country has fewer than 10
    partners; beyond, round numbers from the counts' quartiles (at 12,000 partners every
    country was "5 or more"). At most four shades, each above the first holding a country,
    every count in exactly the shade whose label covers it, the largest in the darkest."""
    from partyintl.render.figures import (
        COUNT_COLOURS,
        FEW_FLOORS,
        _round_down,
        _shade,
        count_floors,
        count_labels,
    )

    floors = count_floors(counts)
    labels = count_labels(floors)
    assert list(floors) == sorted(set(floors)) and floors[0] == 1
    assert len(floors) <= len(COUNT_COLOURS)
    if max(counts) < 10:
        assert floors == FEW_FLOORS
    else:
        assert all(f == _round_down(f) for f in floors)
    shades = [_shade(c, floors, labels) for c in counts]
    for count, (colour, label) in zip(counts, shades, strict=True):
        low, high = _label_range(label)
        assert low <= count <= high, (count, label)
        assert colour == COUNT_COLOURS[labels.index(label)]
    if max(counts) >= 10:
        used = {label for _, label in shades}
        assert all(label in used for label in labels[1:])
        assert _shade(max(counts), floors, labels)[1] == labels[-1]
        if min(counts) < _round_down(max(counts)):
            assert len(used) >= 2  # not every country alike


def test_a_map_of_thousands_of_partners_shades_by_round_numbers(
    grown: dict[int, Path],
) -> None:
    svg = draw("--data", str(grown[20_000]), "map", "--format", "svg")
    check_rules(svg)
    assert "5 or more" not in svg
    legend = re.findall(r">([\d,]+(?:-[\d,]+)?(?: or more)?(?: partners?)?)</text>", svg)
    assert legend and legend[-1].endswith(" or more"), legend
    assert int(legend[-1].split()[0].replace(",", "")) >= 100


@settings(max_examples=80, deadline=None)
@given(
    prefix=st.sampled_from(["•", "1.", "Party", ""]),
    letter=st.sampled_from("AMWHÖЖ"),
    count=st.integers(40, 3000),
    room=st.floats(150, 950),
)
def test_a_word_broken_across_lines_leaves_room_for_hinted_glyphs(
    prefix: str, letter: str, count: int, room: float
) -> None:
    """A name of 5 MB of capitals under the map ran past the figure's edge (rsvg hints
    DejaVu's A at 11 px to 8 px, not 7.5), and its bullet stood alone on a line. The pieces
    of a word broken inside fill at most 90% of a line, the first one ending the line the
    word begins on."""
    from partyintl.render.figures import _BROKEN_WORD_SHARE, fit_lines, label_width

    text = f"{prefix} {letter * count}".strip()
    lines = fit_lines(text, 11, room)
    assert all(label_width(line, 11) <= room for line in lines)
    if label_width(letter * count, 11) > room:  # the word is broken
        for line in lines[:-1] if lines[-1].endswith("…") else lines:
            assert label_width(line, 11) <= room * _BROKEN_WORD_SHARE + 1e-9, line
    broken = label_width(letter * count, 11) > room
    if broken and prefix and label_width(f"{prefix} {letter}", 11) <= room * _BROKEN_WORD_SHARE:
        assert lines[0].startswith(f"{prefix} {letter}"), lines[0]
