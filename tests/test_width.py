"""How wide text is: one rule (render/cells.py) for terminal tables, pictures and figures.

Generated: strings mixing the world's scripts (Latin with combining accents, Greek,
Cyrillic, Arabic, Hebrew, Devanagari, Thai, Han, kana, Hangul syllables and jamo,
fullwidth forms, emoji, zero-width characters) are measured as rich's cell_len measures
them, laid out in figure tables without running into the next column, and in terminal
tables whose columns stay aligned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from conftest import NEEDS, run_cli
from partyintl.answer import MIN_COLUMNS
from partyintl.cli.spec import FORMAT, SPEC
from partyintl.render.cells import _ONE_CELL, EM_PER_CELL, cells, clip, fits, text_width
from partyintl.render.figures import table_svg
from partyintl.render.table import render_cards, render_table
from partyintl.render.view import RenderContext, View

#: Code point ranges of scripts that names in data files come in.
SCRIPTS = {
    "latin": (0x41, 0x7A),
    "latin-extended": (0xC0, 0x24F),
    "combining": (0x300, 0x36F),
    "greek": (0x391, 0x3C9),
    "cyrillic": (0x410, 0x44F),
    "hebrew": (0x5D0, 0x5EA),
    "arabic": (0x621, 0x64A),
    "arabic-marks": (0x64B, 0x652),
    "devanagari": (0x900, 0x97F),
    "thai": (0xE01, 0xE5B),
    "hangul-jamo": (0x1100, 0x11FF),
    "zero-width": (0x200B, 0x200F),
    "punctuation": (0x2010, 0x2027),
    "cjk-punctuation": (0x3000, 0x303F),
    "kana": (0x3041, 0x30FF),
    "han": (0x4E00, 0x9FFF),
    "hangul": (0xAC00, 0xD7A3),
    "variation-selectors": (0xFE00, 0xFE0F),
    "fullwidth": (0xFF01, 0xFF60),
    "halfwidth": (0xFF61, 0xFFDC),
    "emoji": (0x1F300, 0x1F64F),
}

letters = st.sampled_from(sorted(SCRIPTS)).flatmap(
    lambda script: st.integers(*SCRIPTS[script]).map(chr)
)
names = st.text(letters, min_size=1, max_size=30)
#: A name in one script with a space now and then, as names are.
words = st.lists(names, min_size=1, max_size=4).map(" ".join)


def test_the_characters_taken_without_rich_are_one_cell_in_rich() -> None:
    assert [c for c in sorted(_ONE_CELL) if get_character_cell_size(c) != 1] == []


@given(words)
def test_cells_measure_as_rich_does(text: str) -> None:
    words = text.split(" ")  # a space takes a cell even after a joiner (rich: none)
    assert cells(text) == sum(cell_len(w) for w in words) + len(words) - 1
    assert all(cells(w) == cell_len(w) for w in words)


def test_character_classes() -> None:
    assert cells("中国共产党") == 10  # East Asian wide: two cells each
    assert cells("ＡＢＣ") == 6  # fullwidth forms
    assert cells("e\u0301") == cells("é") == 1  # a combining accent adds nothing
    assert cells("a\u200bb\u2060c\ufe0e") == 3  # zero-width space, word joiner, selector
    assert cells("Партия") == 6
    assert cells("\u0621\u200d x") == 3  # a space after a joiner still takes its cell
    assert text_width("中国", 12) == 4 * 12 * EM_PER_CELL  # two cells each
    assert text_width("ii", 12) == 2 * 12 * EM_PER_CELL  # narrow letters keep a cell's room
    assert text_width("WM", 12) > 2 * 12 * EM_PER_CELL  # wide capitals take their own


@given(words, st.integers(min_value=1, max_value=40))
def test_clip_fits_and_keeps_marks_with_their_letter(text: str, size: int) -> None:
    cut = clip(text, size)
    assert cells(cut) <= size or cells(text) <= size
    if cut != text:
        assert cut.endswith("…")
        kept = cut[:-1]
        assert text.startswith(kept)
        rest = text[len(kept) :]
        assert not rest or cells(rest[0]) > 0  # no mark torn from its letter


def _svg_rows(svg: str) -> dict[float, list[tuple[float, str, float]]]:
    """Text elements by baseline: (x, text, font size)."""
    rows: dict[float, list[tuple[float, str, float]]] = {}
    for x, y, size, body in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" font-size="([\d.]+)"[^>]*>(.*?)</text>', svg
    ):
        rows.setdefault(float(y), []).append((float(x), unescape(body), float(size)))
    return rows


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(words, words), min_size=1, max_size=5))
def test_figure_tables_never_run_into_the_next_column(rows: list[tuple[str, str]]) -> None:
    view = View(
        [{"name": a, "country": b, "code": "XX"} for a, b in rows],
        ["name", "country", "code"],
        title="Partners",
    )
    svg = table_svg(view, "Source: test")
    for line in _svg_rows(svg).values():
        if len(line) < 3:  # the title, the source line
            continue
        for (x, text, size), (next_x, _, _) in zip(line, line[1:], strict=False):
            assert x + text_width(text, size) <= next_x, (text, x, next_x)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(words, words), min_size=1, max_size=5), st.integers(40, 120))
def test_terminal_tables_stay_aligned(rows: list[tuple[str, str]], width: int) -> None:
    view = View(
        [{"name": a, "country": b, "code": f"C{i}"} for i, (a, b) in enumerate(rows)],
        ["name", "country", "code"],
    )
    out = render_table(view, RenderContext(width=width))
    lines = out.splitlines()
    assert all(cells(line) <= width for line in lines), out
    if set(lines[1]) == {"─"}:  # a table, not cards: each code starts under "code"
        header = lines[0]
        at = cells(header[: header.index("code")])
        for line in lines[2:]:
            found = re.search(r"C\d+$", line)
            if found:
                assert cells(line[: found.start()]) == at, out


def test_a_chinese_name_gets_its_width_in_partners_svg(
    spoil: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    name = "中国共产党中央委员会对外联络部"  # 15 wide characters: 30 cells

    def change(data: dict[str, Any]) -> None:
        for p in data["partners"]:
            if p["id"] == "communist-party-of-china":
                p["name"] = name

    path = spoil(change)
    code, out, err = invoke(
        "--data", str(path), "partners", "-c", "China", "-t", "party", "-f", "svg"
    )
    assert (code, err) == (0, "")
    row = next(line for line in _svg_rows(out).values() if line[0][1] == name)
    (x, _, size), (next_x, _, _) = row[0], row[1]
    assert next_x - x >= 30 * size * EM_PER_CELL  # was 15 x 0.6 em: the type ran over it
    assert fits(next_x - x, size) >= 30


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14), min_size=1, max_size=8
    ),
    st.integers(12, 40),
)
def test_cards_cut_no_word_that_a_line_can_hold(parts: list[str], width: int) -> None:
    """On a narrow terminal each record is a card; a word is folded only when it is wider
    than a whole (indented) line, and no line is wider than the terminal."""
    name = " ".join(parts)
    view = View([{"name": name, "country": "Armenia", "id": "x"}], ["name", "country", "id"])
    out = render_cards(view, RenderContext(width=width))
    lines = out.splitlines()
    assert all(cells(line) <= width for line in lines), out
    shown = [word for line in lines for word in line.split()]
    for word in parts:
        if len(word) <= width - 2:
            assert word in shown, (word, out)


#: Every command whose answer a terminal shows as a table, with the arguments it needs.
TABLE_COMMANDS = {
    cmd.name: NEEDS.get(cmd.name, [])
    for cmd in SPEC.commands
    if FORMAT in cmd.options and cmd.name != "link"
}


@pytest.mark.parametrize("columns", [MIN_COLUMNS, 20, 26, 34, 40, 60])
@pytest.mark.parametrize("command", sorted(TABLE_COMMANDS))
def test_no_table_is_wider_than_the_terminal(command: str, columns: int) -> None:
    """Tables, cards and their footnotes fit COLUMNS; only a single word that no line can
    hold (a URL, an id) may run past it, alone on its line."""
    result = run_cli(
        command, *TABLE_COMMANDS[command], "-f", "table", env={"COLUMNS": str(columns)}
    )
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        if cells(line) > columns:
            assert len(line.split()) == 1, (columns, line)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text("abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=24),
            min_size=1,
            max_size=6,
        ),
        min_size=3,
        max_size=8,
    ),
    st.integers(40, 200),
)
# A run of hyphens was cut in two, the line after starting with one ("-00").
@example(columns=[["0000000000000--00"], ["0"], ["0"], ["0"], ["0"], ["000000"]], width=40)
def test_a_table_or_its_cards_cut_no_word_a_line_can_hold(
    columns: list[list[str]], width: int
) -> None:
    """At any width a table wraps its cells at spaces (and names after a hyphen); when its
    words cannot all fit so, it becomes cards (a fresh tester saw "Revolutio/nary" and
    "si-/membership" in tables at 100-120 columns, where the table folded words to fit)."""
    from partyintl.render.table import render_table

    names = ["name", *(f"c{n}" for n in range(1, len(columns)))]
    record = {name: " ".join(words) for name, words in zip(names, columns, strict=True)}
    out = render_table(View([record, record], names), RenderContext(width=width))
    shown = {word for line in out.splitlines() for word in line.split()}
    for name, words in zip(names, columns, strict=True):
        for word in words:
            if len(word) > width - 12:  # more than a card's line holds beside its label
                continue
            # A name may break after a hyphen, as print does; nothing else breaks inside.
            whole = word in shown
            at_hyphens = name == "name" and _shown_broken_after_hyphens(word, shown)
            assert whole or at_hyphens, (name, word, width, out)


def _shown_broken_after_hyphens(word: str, shown: set[str]) -> bool:
    """Whether `word` is shown pieces joined where a piece ends in a hyphen and the next
    starts with something else (a line never starts with a hyphen cut from its run)."""
    ends = {0}  # where a run of shown pieces can have got to
    for end in range(1, len(word) + 1):
        if end < len(word) and not (word[end - 1] == "-" and word[end] != "-"):
            continue
        if any(word[start:end] in shown for start in ends):
            ends.add(end)
    return len(word) in ends


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=30),
        st.text("abc de-fgh 0123", max_size=40),
        min_size=1,
        max_size=6,
    ),
    st.integers(16, 40),
)
@example({"party": "000000000000000 0"}, 16)  # a column never cut, holding spaced text
def test_cards_fit_the_terminal_whatever_their_field_names(
    record: dict[str, str], width: int
) -> None:
    """A field name as wide as the terminal left no room beside it, and a short value went
    there anyway (`position         1` at 16 columns, a fresh tester): each line of a card
    fits, but a single word no line can hold."""
    from partyintl.render.table import render_cards

    out = render_cards(View([record], list(record)), RenderContext(width=width))
    for line in out.splitlines():
        assert cells(line) <= width or len(line.split()) == 1, (width, line)


# Long cells (a name of megabytes): the quick paths of render/table.py held to the slow ones.

#: Text of printable ASCII, hyphens and spaces (often single, sometimes not), and now and
#: then a character of another width or a tab.
spaced = st.text(st.sampled_from("ab-  ") | st.sampled_from("a-é漢\t"), max_size=40)


#: Words apart by one space each, now and then with a space at the end.
simply_spaced = st.tuples(
    st.lists(st.text("ab-", min_size=1, max_size=7), min_size=1, max_size=8).map(" ".join),
    st.sampled_from(["", " "]),
).map("".join)


@settings(max_examples=800, deadline=None)
@given(spaced | simply_spaced, st.integers(min_value=1, max_value=12))
@example("ab cd ", 5)  # the last space is where the line breaks: an empty line after it
def test_quick_wrapping_is_word_by_word_wrapping(text: str, size: int) -> None:
    from partyintl.render import table

    measure = len if text.isascii() else cells
    expected = [text] if measure(text) <= size else table._wrap_words(text, size, measure)
    assert table.wrap(text, size) == expected


@settings(max_examples=800, deadline=None)
@given(spaced | simply_spaced, st.booleans(), st.integers(min_value=1, max_value=12))
@example("ab cd ", False, 5)
def test_long_cells_are_measured_as_piece_by_piece(text: str, hyphenated: bool, size: int) -> None:
    from partyintl.render import table

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(table, "LONG_CELL", 0)  # every cell takes the quick path where it may
        longest = table._longest(text, hyphenated)
        beside = table._beside(text, size)
    assert longest == max(map(cells, table._words(text, hyphenated)))
    wider = max(map(cells, text.split()), default=0) > size
    assert beside == (None if wider else table.wrap(text, size))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(spaced, min_size=1, max_size=4).flatmap(
        lambda row: st.tuples(
            st.just(row),
            st.lists(
                st.sampled_from(["name", "id", "note", "title"]),
                min_size=len(row),
                max_size=len(row),
            ),
            st.lists(st.lists(spaced, min_size=len(row), max_size=len(row)), max_size=3),
        )
    ),
    st.integers(min_value=1, max_value=60),
)
def test_table_widths_need_the_floors_only_when_shrinking(
    table_parts: tuple[list[str], list[str], list[list[str]]], room: int
) -> None:
    """_widths skips the floors it cannot need; the widths are those of shrinking the
    natural widths down to both floors, or None when even breaking after hyphens fails."""
    from partyintl.render import table

    heads, columns, rows = table_parts
    natural = [max([cells(h), *(cells(r[i]) for r in rows)]) for i, h in enumerate(heads)]
    both = [table._floors(columns, heads, rows, natural, hyphens=h) for h in (False, True)]
    expected = None if sum(both[1]) > room else table._shrink(natural, both, room)
    assert table._widths(columns, heads, rows, room) == expected


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60))
def test_printable_ascii_takes_one_cell_a_character(text: str) -> None:
    assert cells(text) == len(text) == cell_len(text)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        st.sampled_from([*"AMWmiIl .,-0ÉЖЩΩ—", "漢", "\u0301", "a", "e", " "]), max_size=60
    ),
    size=st.sampled_from([10, 11, 12, 20]),
)
def test_figure_text_is_never_measured_narrower_than_dejavu_draws_it(
    text: str, size: float
) -> None:
    """Text was measured at 0.6 em a cell: capitals are wider (M 0.86 em, W 0.99 em), and
    an all-capitals name ran into the next column of a table figure. The measure is the
    wider of cells x 0.6 em and the font's own advances; mixed text keeps its old room."""
    from partyintl.render._glyphs import ADVANCE
    from partyintl.render.cells import EM_PER_CELL, cells, text_width

    drawn = sum(ADVANCE.get(ch, 600) for ch in text) / 1000 * size
    old = cells(text) * EM_PER_CELL * size
    assert text_width(text, size) == pytest.approx(max(drawn, old))
    assert (
        text_width(text.upper(), size)
        >= sum(ADVANCE.get(ch, 0) for ch in text.upper()) / 1000 * size - 1e-9
    )


_CAPITAL_WORD = st.text(st.sampled_from("AMWODHNQU"), min_size=2, max_size=14)


@settings(max_examples=25, deadline=None)
@given(
    names=st.lists(
        st.lists(_CAPITAL_WORD, min_size=2, max_size=9).map(" ".join), min_size=1, max_size=3
    )
)
@example(names=["WORLD WOMEN WORKERS MOVEMENT OF WESTERN MOZAMBIQUE AND MALAWI"])
def test_a_table_figures_names_stop_before_the_next_column(names: list[str]) -> None:
    """By DejaVu Sans's own advances (the font file's, not the layout's measure), every
    line of a name ends before the type column begins."""
    import html
    import json
    import re
    import tempfile
    from pathlib import Path

    from conftest import DATA, run_here
    from partyintl.render._glyphs import ADVANCE

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    for partner, name in zip(raw["partners"][2:], names, strict=False):
        partner["name"] = " ".join(name.split())
        partner["other_names"] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.json"
        path.write_text(json.dumps(raw), encoding="utf-8")
        code, svg, err = run_here(
            ["--data", str(path), "partners", "-t", "party", "--limit", "5", "-f", "svg"]
        )
    assert code == 0, err
    texts = re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)</text>', svg
    )
    type_x, head_y = next((float(x), float(y)) for x, y, _, t in texts if t == "type")
    notes_y = min(float(y) for _, y, _, t in texts if t.startswith(("†", "Source")))
    rows = [t for t in texts if float(t[0]) == 24.0 and head_y < float(t[1]) < notes_y]
    assert rows
    for x, _, size, text in rows:
        drawn = sum(ADVANCE.get(ch, 600) for ch in html.unescape(text)) / 1000 * int(size)
        assert float(x) + drawn <= type_x, (text, float(x) + drawn, type_x)
