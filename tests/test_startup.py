"""Start-up of everyday commands: what they import, and the light stand-ins that keep
heavy modules away held to what they stand in for.

docs/performance.md measures the commands against `python -c pass`; the modules named
here cost a large share of that each (rich, pydantic and phonenumbers tens of ms; typing,
dataclasses, re and json several ms together, with the patterns compiled on import).
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from partyintl import escaping, query
from partyintl.cli import spec
from partyintl.data import cache, countries, dates
from partyintl.patterns import pattern
from partyintl.render import lines as lines_module
from partyintl.render.human import rich_text
from partyintl.render.lines import Lines

#: The everyday commands on the bundled data, as a user types them.
EVERYDAY = [
    ["partners"],
    ["partners", "--country", "Germany", "--json"],
    ["show", "spd"],
    ["contacts"],
    ["countries"],
    ["countries", "-f", "plain"],
    ["timeline", "-f", "table"],
]
#: What none of them may import (JSON answers are written by the json module).
HEAVY = ("rich", "pydantic", "phonenumbers", "typer", "typing", "dataclasses", "re", "json")


@pytest.mark.parametrize("args", EVERYDAY, ids=" ".join)
def test_everyday_commands_import_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    heavy = tuple(m for m in HEAVY if "--json" not in args or m not in ("json", "re"))
    code = (
        "import sys, io, contextlib\n"
        "from partyintl.__main__ import answer\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert answer({args!r}) == 0\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin", "PARTYINTL_CACHE_DIR": str(tmp_path)},
    )
    assert out.stdout == "[]\n"


# The stand-ins, each held to what it replaces.


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-x/ ", max_size=12))
def test_plain_dates_are_read_as_the_pattern_reads_them(text: str) -> None:
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
    assert dates._plain(text) == (match.groups() if match else None)


def test_days_in_month_are_the_calendar_s() -> None:
    for year in range(0, 10000, 1):
        for month in range(1, 13):
            assert dates.days_in_month(year, month) == calendar.monthrange(year, month)[1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09 .-_'’,()\t\xa0éÅß"), max_size=12))
def test_fold_without_the_pattern_is_fold_with_it(text: str) -> None:
    low = text.lower() if text.isascii() else text
    assert countries._drop(low) == re.sub(countries.FOLD_DROP, " ", low).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_escaping_without_the_pattern_is_escaping_with_it(text: str) -> None:
    unsafe = re.compile(escaping.UNSAFE.pattern)
    visible = unsafe.sub(escaping._visible, text)
    assert escaping.escape_control(text) == visible
    assert escaping.escape_json(text) == unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sgr = re.compile(escaping._SGR_OR_UNSAFE.pattern)
    page = f"\x1b[1m{text}\x1b[0m\n{text}\t"
    expected = sgr.sub(lambda m: m.group(1) or escaping._visible(m), page)
    assert escaping.terminal_safe(page) == expected


def test_every_unsafe_character_is_one_isprintable_refuses() -> None:
    unsafe = re.compile(escaping.UNSAFE.pattern)
    found = [c for c in map(chr, range(0x110000)) if unsafe.match(c) and c.isprintable()]
    assert found == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789-a٣", max_size=14))
def test_the_year_of_as_of_is_the_last_four_digits(text: str) -> None:
    class Held:
        as_of = text

    years = re.findall(r"\d{4}", text)
    assert query.as_of(Held()) == (years[-1] if years else None)  # type: ignore[arg-type]


@given(st.binary(max_size=3000))
def test_the_built_in_digest_is_hashlib_s(data: bytes) -> None:
    assert cache.digest(data) == hashlib.sha256(data).hexdigest()


def test_a_later_pattern_is_the_compiled_one() -> None:
    later = pattern(r"(a+)(b)?", re.IGNORECASE)
    compiled = re.compile(r"(a+)(b)?", re.IGNORECASE)
    assert (later.pattern, later.flags) == (compiled.pattern, re.IGNORECASE)
    for text in ("", "xaAb", "aaa", "bab"):
        assert later.sub("-", text) == compiled.sub("-", text)
        assert later.findall(text) == compiled.findall(text)
        assert bool(later.fullmatch(text)) == bool(compiled.fullmatch(text))


def test_every_name_of_query_is_its_module_s() -> None:
    for name in query.__all__:
        module = sys.modules.get(f"partyintl.query.{query._HOME[name]}") or __import__(
            f"partyintl.query.{query._HOME[name]}", fromlist=[name]
        )
        assert getattr(query, name) is getattr(module, name)
    import partyintl.query.network  # noqa: F401 - binding the module must not hide the function

    assert callable(query.network) and query.network.__module__ == "partyintl.query.network"


@pytest.mark.parametrize("kind", [spec.Option, spec.Argument, spec.Command, spec.Spec])
def test_spec_records_behave_as_frozen_dataclasses(kind: type) -> None:
    fields = dict(kind.__dict__.get("__annotations__", {}))
    shadow = dataclasses.dataclass(frozen=True)(
        type(
            kind.__name__,
            (),
            {
                "__annotations__": fields,
                **{n: kind.__dict__[n] for n in fields if n in kind.__dict__},
            },
        )
    )
    assert [f.name for f in dataclasses.fields(shadow)] == list(kind._fields)  # type: ignore[attr-defined]
    every = [
        *spec.SPEC.root,
        *(o for c in spec.SPEC.commands for o in c.options),
        *(a for c in spec.SPEC.commands for a in c.arguments),
        *spec.SPEC.commands,
        spec.SPEC,
    ]
    for record in (r for r in every if type(r) is kind):
        twin = shadow(**record.__dict__)
        assert repr(record) == repr(twin)
        assert record == spec.replace(record) and hash(record) == hash(spec.replace(record))
        with pytest.raises(AttributeError):
            record.name = "x"
        first = next(iter(fields))
        assert spec.replace(record, **{first: "changed"}) != record


# Pictures without rich: Lines.render is what rich writes, wherever it answers at all.

_STYLES = ["", "bold", "cyan", "bold underline", "green", "yellow", "magenta"]
_RUNS = st.lists(
    st.tuples(
        st.text(alphabet=st.sampled_from("ab █░–…ПЖ  é"), max_size=14), st.sampled_from(_STYLES)
    ),
    max_size=4,
)


def _rich(lines: Lines, width: int, color: bool) -> str:
    return rich_text(lines.to_rich(), width, color)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_STYLES), _RUNS), max_size=5),
    st.integers(1, 40),
    st.booleans(),
    st.lists(st.sampled_from(["1", "36", "35", "32", "1;36"]), max_size=3),
)
def test_lines_are_written_as_rich_writes_them(
    picture: list[tuple[str, list[tuple[str, str]]]], width: int, color: bool, codes: list[str]
) -> None:
    lines = Lines()
    for base, runs in picture:
        lines.runs(*runs, style=base)
    table = "\n".join(
        f"\x1b[{c}mhead {n}\x1b[0m  row" if color else f"head {n}  row" for n, c in enumerate(codes)
    )
    if codes:
        lines.ansi(table)
    ours = lines.render(width, color)
    if ours is not None:
        assert "\n".join(line.rstrip() for line in ours.split("\n")) == _rich(lines, width, color)


def test_a_line_rich_must_draw_is_left_to_rich() -> None:
    assert Lines().text("tab\there").render(80, False) is None
    assert Lines().text("wide 漢字").render(80, False) is None
    assert Lines().runs(("a", "bold"), style="cyan").render(80, True) is None
    assert Lines().ansi(f"\x1b[1m{'x' * 90}\x1b[0m").render(80, True) is None  # a table's line
    assert Lines().text("no\xa0break " * 9, "bold").render(80, True) is None
    # A styled line too wide is wrapped as rich wraps it, each piece in its style.
    wide = Lines().runs(("x" * 78 + " ", ""), ("ab   cd", "bold"))
    assert wide.render(80, True) == "x" * 78 + " \n\x1b[1mab   cd\x1b[0m\n"
    assert _rich(wide, 80, True) == "x" * 78 + "\n\x1b[1mab   cd\x1b[0m\n"
    assert lines_module.sgr("bold cyan") == "1;36" and lines_module.sgr("blink") is None
    assert Text  # rich itself is only the tests' reference here


@settings(max_examples=500, deadline=None)
@given(
    st.binary(max_size=40) | st.text(max_size=20).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_the_byte_check_of_big_json_is_the_pattern_s(data: bytes) -> None:
    from partyintl.render import formats

    expected = re.search(rb"[\x00-\x08\x0b-\x1f\x7f\xc2\xd8\xe2]", data) is not None
    assert formats.may_be_unsafe(data) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("&<>\"'a \n\x07\u202e]>") | st.characters(), max_size=30))
def test_figure_text_is_escaped_as_xml_sax_escapes_it(text: str) -> None:
    from xml.sax.saxutils import escape

    from partyintl.render.figures import esc

    assert esc(text) == escape(escaping.escape_control(text), {'"': "&quot;"})


def test_a_map_read_back_from_the_cache_imports_no_web_modules(tmp_path: Path) -> None:
    """The map PNG the second time: the figure is drawn as SVG and its PNG read back, with
    none of the modules xml.sax.saxutils or importlib.resources pull in (40 ms together)."""
    heavy = ("xml.sax.saxutils", "urllib.request", "email", "importlib.resources")
    out = tmp_path / "m.png"
    code = (
        "import sys\n"
        "from partyintl.__main__ import answer\n"
        f"assert answer(['map', '-f', 'png', '-o', {str(out)!r}]) == 0\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    drawn = out.read_bytes()
    out.unlink()
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert (first.returncode, again.returncode) == (0, 0), first.stderr + again.stderr
    assert again.stdout.splitlines()[-1] == "[]"
    assert out.read_bytes() == drawn and drawn.startswith(b"\x89PNG")
