"""Figures as a person sees them: rendered to PNG and looked at; the report in Chromium."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import ROOT, needs_chromium, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
from make_figures import COMMANDS, FIGURES, draw  # noqa: E402


def _svg(*args: str) -> str:
    result = run_cli(*args, "--format", "svg")
    assert result.returncode == 0, result.stderr
    return result.stdout


def _image(png: bytes) -> Image.Image:
    """The PNG decoded by Pillow, as RGB (it must be a PNG)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(png)).convert("RGB")


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    """The colours of every fourth pixel of every fourth row."""
    image = _image(png)
    sample = image.resize((image.width // 4 or 1, image.height // 4 or 1), Image.Resampling.NEAREST)
    return {colour for _, colour in sample.getcolors(sample.width * sample.height) or []}


def _hex(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


@pytest.mark.parametrize("command", ["timeline", "countries", "spectrum", "map", "graph"])
def test_each_figure_is_self_contained_and_labelled(command: str) -> None:
    svg = _svg(command)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in svg and "<script" not in svg and "@import" not in svg
    assert '<rect x="0" y="0"' in svg and 'fill="#ffffff"' in svg  # light background
    assert "<title" in svg and "<desc" in svg
    notes = re.search(r'<g class="notes">(.*?)</g>', svg, re.S)
    assert notes is not None
    footer = " ".join(re.findall(r">([^<]*)</text>", notes.group(1)))
    assert (
        "Source: International activities of A JUST RUSSIA Party (spravedlivo.ru, as of 2018); "
        "also A JUST RUSSIA, Socialist International, Party Facts; data as of 2022-03-07"
    ) in footer


def test_labels_are_text_in_the_svg() -> None:
    timeline = _svg("timeline")
    for label in (
        "observer",
        "consultative",
        "full",
        "2012-08-30†",
        "Undated",
        "not stated by the source; inferred:",
    ):
        assert label in timeline, label
    spectrum = _svg("spectrum")
    assert "A JUST RUSSIA" in spectrum and "No left-right score (not placed):" in spectrum
    countries = _svg("countries")
    # European Union's bodies are placed there by inference: the label keeps its mark.
    assert ">Germany<" in countries and ">European Union\u2020<" in countries
    graph = _svg("graph")
    for name in ("Sergei Mironov", "Socialist International", "Fatah", "Hanns Seidel Foundation"):
        assert f">{name}<" in graph


def test_no_label_of_the_network_overlaps_another() -> None:
    boxes = []
    for x, y, size, text in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" font-size="([\d.]+)"[^>]*>([^<]*)</text>', _svg("graph")
    ):
        w = len(text) * float(size) * 0.6
        boxes.append((float(x), float(y) - float(size), float(x) + w, float(y)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] - 1 and b[1] < a[3] - 1
            assert not overlap, (a, b)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("timeline", ["#e69f00", "#56b4e9", "#009e73"]),  # observer, consultative, full bands
        ("countries", ["#0072b2", "#cc79a7", "#009e73"]),  # the three partner types
        ("spectrum", ["#d55e00", "#0072b2"]),  # the party, and the parties
        ("map", ["#d55e00", "#2171b5", "#c6dbef"]),  # Russia, Germany (6), one partner
    ],
)
def test_png_is_not_blank_and_shows_the_expected_colours(command: str, expected: list[str]) -> None:
    raw = subprocess.run(
        [sys.executable, "-m", "partyintl", command, "--format", "png"],
        capture_output=True,
        check=True,
    ).stdout
    colours = _colours(raw)
    assert len(colours) > 5
    for colour in expected:
        assert _hex(colour) in colours, (command, colour)


def test_the_map_shades_russia_and_germany_where_they_are() -> None:
    raw = subprocess.run(
        [sys.executable, "-m", "partyintl", "map", "--format", "png"],
        capture_output=True,
        check=True,
    ).stdout
    image = _image(raw)
    svg = _svg("map")
    top = float(re.search(r'<svg x="24(?:\.0)?" y="([\d.]+)" width', svg).group(1))  # type: ignore[union-attr]

    def pixel(map_x: float, map_y: float) -> tuple[int, int, int]:
        # map coordinates (0..2475, 0..1388) -> figure pixels (952 wide, zoom 2)
        x = int((24 + map_x * 952 / 2475) * 2)
        y = int((top + map_y * 952 / 2475) * 2)
        colour: tuple[int, int, int] = image.getpixel((x, y))  # type: ignore[assignment]
        return colour

    assert pixel(1900, 230) == _hex("#d55e00")  # central Siberia
    assert pixel(1278, 244) == _hex("#2171b5")  # Germany


def test_a_long_table_is_refused_as_svg_with_a_hint() -> None:
    result = run_cli("partners", "--format", "svg")
    assert result.returncode == 2
    assert "use --format html for the whole table" in result.stderr
    html = run_cli("partners", "--format", "html").stdout
    assert html.count("<tr>") == 55 and "<table>" in html and "<script" not in html


def test_png_is_not_written_to_a_terminal() -> None:
    import os
    import pty

    main, child = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", "map", "-f", "png"],
        stdout=child,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    os.close(child)
    os.close(main)
    assert done.returncode == 2
    assert b"PNG is an image, not for a terminal: write it to a file with -o" in done.stderr


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_readme_figures_are_current(name: str) -> None:
    assert (FIGURES / name).read_bytes() == draw(COMMANDS[name]), (
        "out of date: run `uv run python scripts/make_figures.py`"
    )


@needs_chromium
def test_the_report_in_a_real_browser(tmp_path: Path, browser: Any) -> None:
    page_path = tmp_path / "report.html"
    result = run_cli("report", "-o", str(page_path))
    assert result.returncode == 0, result.stderr
    requests: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        headings = page.eval_on_selector_all(
            "h1, h2", "els => els.map(e => e.tagName + ' ' + e.textContent)"
        )
        rows = page.eval_on_selector_all("#partners tbody tr", "els => els.length")
        page.fill("#filter", "Germany")
        visible = page.eval_on_selector_all(
            "#partners tbody tr", "els => els.filter(e => !e.hidden).length"
        )
        shown = page.text_content("#shown")
        page.click("#partners thead th:nth-child(2) button")  # the names (ids come first)
        first = page.text_content("#partners tbody tr:not([hidden]) td:nth-child(2)")
        shot = page.screenshot(full_page=True)
    finally:
        page.close()
    assert [r for r in requests if not r.startswith("file://")] == []
    assert errors == []
    assert headings == [
        "H1 A JUST RUSSIA: international relations",
        "H2 In numbers",
        "H2 Timeline",
        "H2 Where the partners are",
        "H2 Network",
        "H2 Left and right",
        "H2 Partners",
        "H2 People",
        "H2 Contacts",
        "H2 Sources",
    ]
    assert rows == 54
    assert (visible, shown) == (6, "6")
    assert first == "Center for Russia and CIS affairs in German Council on Foreign Relations"
    colours = _colours(shot)
    assert len(colours) > 20  # not blank
    assert _hex("#d55e00") in colours  # the party's colour in the figures


RSVG = shutil.which("rsvg-convert")


@pytest.mark.skipif(RSVG is None, reason="no rsvg-convert on this machine (.ci/run installs it)")
@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("timeline", ["#e69f00", "#56b4e9", "#009e73", "#d55e00"]),
        ("map", ["#d55e00", "#2171b5", "#c6dbef"]),
    ],
)
def test_rsvg_convert_draws_the_same_figure(command: str, expected: list[str]) -> None:
    svg = _svg(command)
    assert RSVG is not None
    png = subprocess.run([RSVG, "-z", "2"], input=svg.encode(), capture_output=True, check=True)
    ours = subprocess.run(
        [sys.executable, "-m", "partyintl", command, "--format", "png"],
        capture_output=True,
        check=True,
    ).stdout
    # The same size: the same coordinates for every element.
    assert _image(png.stdout).size == _image(ours).size
    colours = _colours(png.stdout)
    for colour in expected:
        assert _hex(colour) in colours, (command, colour)


#: The answers of each question that draws organisations: for people (where --names usual
#: renames them) and for programs (where it changes nothing).
_NAMED_ANSWERS = {
    "spectrum": (["-f", "svg"], ["-f", "table"], ["-f", "markdown"], ["--json"], ["-f", "csv"]),
    "graph": (["-f", "svg"], ["-f", "table"], ["--json"], ["-f", "plain"]),
    "map": (["-f", "svg"], ["--json"], ["-f", "csv"]),
    "timeline": (["-f", "svg"], ["-f", "table"], ["--json"]),
    "report": (["-o", "{}"],),
}


@pytest.mark.parametrize("command", list(_NAMED_ANSWERS))
def test_names_usual_renames_what_figures_and_the_report_draw(
    tmp_path_factory: pytest.TempPathFactory, command: str
) -> None:
    """`--names usual` ("names in tables and pictures") changed partners' tables but not
    spectrum, graph, map, timeline or the report: their figures drew the page's names.
    Partners drawn at random get a usual name of their own (a marker no page prints):
    wherever a format for people printed a partner's page name, it prints the usual one
    with --names usual, and the party's usual name heads it; formats for programs are the
    same bytes either way."""
    import html
    import json

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    texts = [str(e.get(k, "")) for e in raw["events"] for k in ("name", "title", "description")]

    @settings(max_examples=3, deadline=None)
    @given(st.lists(st.integers(0, len(raw["partners"]) - 1), min_size=1, max_size=8, unique=True))
    def check(picked: list[int]) -> None:
        data = json.loads(json.dumps(raw))
        renamed: dict[str, str] = {}
        for n, at in enumerate(picked):
            partner = data["partners"][at]
            others = [o for o in partner.get("other_names", []) if o.get("usage") != "usual"]
            usual = f"Zq{n}x Usual"
            partner["other_names"] = [*others, {"name": usual, "usage": "usual", "note": "test"}]
            renamed[partner["name"]] = usual
        folder = tmp_path_factory.mktemp("usual")
        path = folder / "usual.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for asked in _NAMED_ANSWERS[command]:
            answers = []
            for names in ("source", "usual"):
                target = folder / f"{names}.html"
                argv = [a.format(target) for a in asked]
                code, out, err = run_here(["--names", names, "--data", str(path), command, *argv])
                assert code == 0, err
                answers.append(target.read_text(encoding="utf-8") if "-o" in asked else out)
            page, usual = answers
            if asked[0] in ("--json", "-f") and asked[-1] in ("json", "csv", "plain", "--json"):
                assert usual == page, asked  # for programs: the source's names
                continue
            assert "Zq" not in page
            for name, marker in renamed.items():
                if any(name in quoted for quoted in texts):
                    continue  # an event's title quotes the source: never renamed
                if name in page or html.escape(name) in page:
                    assert marker in usual, (asked, name)
            if asked[-1] in ("svg", "{}"):  # a figure's or page's title
                assert "A Just Russia: " in usual and "A JUST RUSSIA: " in page, asked

    check()


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(st.sampled_from("abcdefghij KLMNOP中"), min_size=1, max_size=400),
    room=st.integers(120, 1200),
    date=st.sampled_from(["2022-03-07", "2018", "2012/2017", "2020-05~"]),
)
def test_a_figures_source_line_keeps_the_date_of_its_data(title: str, room: int, date: str) -> None:
    """A narrow figure cut its source line to "... data as of…": the date a paper's reader
    needs was lost. However long the sources and narrow the figure, the lines end with
    the date whole, in at most SOURCE_LINES lines."""
    from partyintl.query.sources import AS_OF_WORDS
    from partyintl.render.figures import SOURCE_LINES, source_lines

    source = f"Source: {title} (x.org, as of 2018){AS_OF_WORDS}{date}"
    lines = source_lines(source, room)
    assert 1 <= len(lines) <= SOURCE_LINES
    assert " ".join(lines).endswith(f"data as of {date}") or lines[-1] == f"data as of {date}"
