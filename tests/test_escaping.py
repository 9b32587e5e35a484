"""Every text reaches a terminal escaped; machine formats keep it exactly.

A hostile data file (generated: bidi overrides, isolates and marks, line and paragraph
separators, markup, wide and combining characters in every free-text field) is walked
through every command in every format it has, in this process, with stdout a terminal for
tables (so colour is on) and a pipe otherwise. People's formats may hold no character of
escaping.UNSAFE (colour codes aside); JSON, JSON Lines, CSV and the exports give back the
hostile text exactly. C0 and C1 controls, which a data file may not hold, are walked
through every renderer directly, and through every option of every command as arguments.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, run_here
from partyintl.cli.spec import SPEC
from partyintl.data.load import load_bytes
from partyintl.errors import DatasetError
from partyintl.escaping import UNSAFE, escape_control, escape_json, terminal_safe

SGR = re.compile(r"\x1b\[[0-9;]*m")
#: Every character escaping.UNSAFE stands for, listed out (the test of the rule itself
#: checks the pattern against Unicode's own properties).
UNSAFE_CHARS = [chr(c) for c in range(0x3000) if UNSAFE.fullmatch(chr(c))]
#: Those a valid data file may hold (the loader refuses C0, DEL and C1 controls).
IN_DATA = [c for c in UNSAFE_CHARS if ord(c) > 0x9F]
MACHINE = {"json", "jsonl", "csv", "csv-excel"}


def raw_unsafe(text: str) -> list[str]:
    """The UNSAFE characters in text, not counting the colour codes a renderer writes."""
    return UNSAFE.findall(SGR.sub("", text))


# --- the rule -------------------------------------------------------------------------


def test_the_unsafe_set_is_unicodes_controls_separators_and_bidi_controls() -> None:
    import unicodedata

    bidi_controls = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    expected = {
        chr(c)
        for c in range(0x110000)
        if c not in (0x09, 0x0A)
        and (unicodedata.category(chr(c)) in ("Cc", "Zl", "Zp") or c in bidi_controls)
    }
    assert set(UNSAFE_CHARS) == expected
    assert escape_control("a\u202eb\x1b[1m\u2028\x85") == "a\\u202eb\\x1b[1m\\u2028\\x85"
    assert escape_json('"\u2066"') == '"\\u2066"'
    assert terminal_safe("\x1b[1mbold\x1b[0m \x1b]0;t\x07") == "\x1b[1mbold\x1b[0m \\x1b]0;t\\x07"


@given(st.text(), st.text())
def test_escaping_leaves_nothing_unsafe_and_keeps_the_rest(a: str, b: str) -> None:
    shown = escape_control(a + b)
    assert not UNSAFE.search(shown)
    assert shown == escape_control(a) + escape_control(b)  # character by character
    assert escape_control(shown) == shown  # escaping twice changes nothing
    assert escape_control(UNSAFE.sub("", a)) == UNSAFE.sub("", a)  # the rest untouched
    for c in UNSAFE.findall(a):  # each as its own code, in hex
        assert escape_control(c)[:2] in ("\\x", "\\u") and int(escape_control(c)[2:], 16) == ord(c)
    assert json.loads(escape_json(json.dumps(a, ensure_ascii=False))) == a


# --- the hostile data file --------------------------------------------------------------


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield key, value


def _inject(value: Any, keys: frozenset[str], extra: str, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _inject(v, keys, extra, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_inject(v, keys, extra, key) for v in value]
    if isinstance(value, str) and key in keys:  # within: a text's ends must show something
        return value[:1] + extra + value[1:]
    return value


def _problem_keys(raw: dict[str, Any]) -> set[str]:
    try:
        load_bytes(json.dumps(raw, ensure_ascii=False).encode(), full=True)
    except DatasetError as exc:
        return {re.sub(r"\[\d+\]", "", p.path).rsplit(".", 1)[-1] for p in exc.problems}
    return set()


@cache
def free_text_keys() -> frozenset[str]:
    """The keys whose strings may hold any text: every key holding strings, less those the
    data file's rules refuse when they are changed (ids, codes, dates, enums, countries).
    Found by asking the validator, so new fields are covered without a list here."""
    base = json.loads(DATA.read_text(encoding="utf-8"))
    keys = {k for k, _ in _strings(base)}
    for _ in range(10):
        refused = _problem_keys(_inject(base, frozenset(keys), "\u202e\u2028x"))
        if not refused:
            return frozenset(keys)
        keys -= refused
    raise AssertionError("the validator kept refusing marked text")


hostile_texts = st.lists(
    st.one_of(
        st.sampled_from(IN_DATA),
        st.sampled_from(["[bold]", "[/]", "<b>", "&amp;", "|", "*", "`", " ", "-", "\u0301"]),
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")),
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: "\u202e" + "".join(parts) + "\u2066")  # one of them, whatever is drawn


#: Arguments a command needs, and extra runs for what it shows differently (an
#: organisation, a person and an event for `show`; one person for `people`).
COMMAND_ARGS: dict[str, list[list[str]]] = {
    "show": [["spd"], ["sergei-mironov"], ["si-congress-24-cape-town"], ["a-just-russia"]],
    "people": [[], ["sergei-mironov"]],
    "export": [["-f", "popolo"], ["-f", "graphml"]],
    "report": [[]],
    "partners": [["--limit", "40"]],
    # A file of schema version 1 to upgrade (the hostile one is tried in test_upgrade.py).
    "upgrade": [[str(Path(__file__).parent / "fixtures" / "partners-v1.json")]],
    # A page to draft; the data file to link (the hostile one: DATA_FILE stands for it).
    "draft": [[str(Path(__file__).parent / "fixtures" / "seed-page.txt")]],
    "link": [["DATA_FILE"]],
    # Across files: the hostile file first, a second file for `shared` to compare with.
    "memberships": [["a-just-russia"]],
    "ties": [["spd"]],
    "shared": [
        [
            "a-just-russia",
            "example-labour-party",
            "--data",
            str(Path(__file__).parent / "fixtures" / "collection-other-party.json"),
        ]
    ],
    "network": [["-f", "gexf"], ["-f", "graphml"]],
}
#: Stands for the data file a command reads as its argument (link's DRAFT).
DATA_FILE = "DATA_FILE"


#: Stands for every field the record has (show's differ by the kind of record).
ALL = "<all>"


def command_lines() -> Iterator[tuple[list[str], str, bool]]:
    """(argv, format, stdout is a terminal) for every command of the spec in every text
    format it takes, its default, and with every field picked (--fields shows them apart)."""
    for cmd in SPEC.commands:
        command = cmd.name
        formats = next(
            (
                o.choices
                for o in cmd.options
                if o.dest == "fmt" and command not in ("export", "network")
            ),
            None,
        )
        for args in COMMAND_ARGS.get(command, [[]]):
            base = [command, *args]
            if not formats:
                yield base, "", False
                continue
            yield base, "table", True  # the default on a terminal, in colour
            for fmt in formats:
                # png: an image, no text to read (it is drawn from the SVG); link's answer on
                # the whole file is longer than a figure's table holds (refused, exit 2).
                if fmt != "png" and not (command == "link" and fmt == "svg"):
                    yield [*base, "-f", fmt], fmt, False
            yield [*base, "-f", "table", "--fields", ALL], "table", True


def _json_strings(out: str, fmt: str, cells_show: bool = False) -> set[str]:
    """The texts of a JSON answer; with `cells_show`, only those a CSV cell shows too (a
    citation reads "source, place (states fields, dated date)" in a cell: its note is the
    JSON's alone, render/view.citation_text)."""
    docs = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else [json.loads(out)]
    if cells_show:
        docs = [_without_citation_notes(doc) for doc in docs]
    return {s for doc in docs for _, s in _strings(doc)}


def _without_citation_notes(value: Any) -> Any:
    if isinstance(value, dict):
        cited = "source" in value and "at" in value and "note" in value
        return {
            k: _without_citation_notes(v) for k, v in value.items() if not (cited and k == "note")
        }
    if isinstance(value, list):
        return [_without_citation_notes(v) for v in value]
    return value


def run_line(argv: list[str], tty: bool) -> tuple[int, str, str]:
    """run_here, with ALL replaced by the fields the command lists for `--fields` alone."""
    if ALL in argv:
        at = argv.index(ALL)
        _, listed, _ = run_here([*argv[: at - 3], "--fields", "-f", "plain"])
        argv = [*argv[:at], ",".join(listed.split()), *argv[at + 1 :]]
    return run_here(argv, tty)


def _check(argv: list[str], fmt: str, tty: bool, marks: str, path: Path) -> None:
    argv = [str(path) if a == DATA_FILE else a for a in argv]
    code, out, err = run_line(["--data", str(path), *argv], tty)
    assert code == 0, (argv, err)
    assert raw_unsafe(err) == [], argv
    if fmt in ("json", "jsonl") or argv[-1] == "popolo":
        assert raw_unsafe(out) == [], argv  # escaped as \uXXXX: the same value
        carried = any(marks in s for s in _json_strings(out, fmt or "json"))
        # Counts per country, the regions; the network, link candidates, shared partners
        # and ties give names only, which hold no bidi control (validation refuses them
        # there): no free text of the file in them.
        names_only = ("graph", "link", "shared", "ties")
        assert carried or argv[0] in ("countries", "map", "regions", *names_only), argv
    elif fmt in ("csv", "csv-excel"):  # exactly as in the file: a program reads it
        cells = {c for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for c in row}
        as_json = _json_strings(
            run_here(["--data", str(path), *argv[:-2], "--json"])[1], "json", cells_show=True
        )
        assert any(marks in c for c in cells) == any(marks in s for s in as_json), argv
    elif argv[-1] in ("graphml", "gexf"):  # character references: the same text to XML
        assert raw_unsafe(out) == [], argv
        tree = list(ET.fromstring(out).iter())  # GEXF holds its labels in attributes
        texts = {e.text for e in tree if e.text} | {v for e in tree for v in e.attrib.values()}
        assert any(marks in t for t in texts), argv
    else:
        assert raw_unsafe(out) == [], (argv, raw_unsafe(out)[:5])
        if not tty:
            assert SGR.search(out) is None, argv


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(hostile=hostile_texts)
def test_every_command_in_every_format_escapes_hostile_text(
    hostile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    base = json.loads(DATA.read_text(encoding="utf-8"))
    path = tmp_path / "hostile.json"
    path.write_text(
        json.dumps(_inject(base, free_text_keys(), hostile), ensure_ascii=False), encoding="utf-8"
    )
    for argv, fmt, tty in command_lines():
        _check(argv, fmt, tty, hostile, path)


def test_the_hostile_file_reaches_titles_and_every_free_text() -> None:
    keys = free_text_keys()
    assert {"description", "title", "reason", "printed", "city", "note"} <= keys
    # Names hold no bidi control or line separator at all: validation refuses them
    # (escaping.NOT_IN_NAMES; tests/test_validation_kinds.py), as it refuses ids and codes.
    assert not {"id", "country_code", "date", "type", "role", "name", "family_name"} & keys


# --- C0 and C1 too: every renderer, without the last guard ------------------------------

CONTROL = [c for c in UNSAFE_CHARS if ord(c) <= 0x9F]


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.text(alphabet=st.sampled_from([*CONTROL, *IN_DATA, "a", " "]), min_size=1))
def test_every_renderer_escapes_control_characters(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Data the loader would refuse (C0, C1) handed to every command as if loaded, with
    answer.emit's last guard switched off: each renderer escapes on its own."""
    from partyintl import answer, commands
    from partyintl.data.load import Dataset

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    marks = "\x1b]0;" + text + "\x07\x9b"
    hostile = Dataset(_inject(raw, free_text_keys(), marks), None)
    monkeypatch.setattr(commands, "load", lambda settings: hostile)
    monkeypatch.setattr(answer, "terminal_safe", lambda page: page)
    from partyintl.cli.spec import COLLECTION_COMMANDS

    # The commands across files read every file themselves, not through commands.load:
    # the hostile file reaches them in the test above.
    across = {c.name for c in COLLECTION_COMMANDS}
    for argv, fmt, tty in command_lines():
        if fmt not in MACHINE and argv[0] != "export" and argv[0] not in across:
            code, out, err = run_line([str(DATA) if a == DATA_FILE else a for a in argv], tty)
            assert code == 0, (argv, err)
            assert raw_unsafe(out) == [] and raw_unsafe(err) == [], (argv, raw_unsafe(out)[:5])


# --- arguments: every option of every command ------------------------------------------


def _options() -> list[tuple[str, str]]:
    skip = {"--output", "--install-completion", "--show-completion", "--debug"}
    pairs = [
        (cmd.name, o.names[0])
        for cmd in SPEC.commands
        for o in cmd.options
        if o.action == "value" and o.names[0] not in skip
    ]
    pairs += [(c.name, "") for c in SPEC.commands if c.arguments]
    return pairs + [("partners", "--data"), ("partners", "--names")]


@settings(max_examples=60, deadline=None)
@given(
    where=st.sampled_from(_options()),
    value=st.text(
        alphabet=st.sampled_from([*[c for c in UNSAFE_CHARS if c != "\x00"], "x", "[", "]"]),
        min_size=1,
        max_size=8,
    ).map(lambda s: "x" + s),
)
def test_hostile_arguments_are_shown_escaped(where: tuple[str, str], value: str) -> None:
    command, option = where
    argv = [command, *([option] if option else []), value]
    if option == "--data":
        argv = ["--data", f"/nonexistent/{value}", command]
    code, out, err = run_here(argv)
    assert raw_unsafe(out) == [] and raw_unsafe(err) == [], (argv, out, err)
    assert "Traceback" not in err


# --- the examples ------------------------------------------------------------------


def _trusted(path: Path) -> Path:
    """The file as if validation had let it through: its content marked valid in the
    cache. Validation refuses bidi controls and separators in names (escaping.NOT_IN_NAMES);
    the renderers escape them all the same (defence in depth), which these tests hold."""
    from partyintl.data import cache

    cache.remember(cache.digest(path.read_bytes()))
    return path


def _one_partner_named(tmp_path: Path, name: str) -> Path:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["partners"][0]["name"] = name
    path = tmp_path / "named.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return _trusted(path)


def test_show_card_title_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    path = _one_partner_named(tmp_path, "PES\u202eevil\u2066x\u2028y")
    code, out, _ = run_here(["--data", str(path), "show", "pes", "-f", "table"])
    assert code == 0
    assert out.splitlines()[0] == "PES\\u202eevil\\u2066x\\u2028y"
    code, out, _ = run_here(["--data", str(path), "show", "pes", "-f", "table", "--fields", "name"])
    assert out.splitlines()[:2] == [
        "PES\\u202eevil\\u2066x\\u2028y",
        "name PES\\u202eevil\\u2066x\\u2028y",
    ]


def test_spectrum_names_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["party"]["name"] = "Just\u202eRussia\u200f"
    path = tmp_path / "party.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _trusted(path)
    code, out, _ = run_here(["--data", str(path), "spectrum", "-f", "table"])
    assert code == 0
    assert [line.split("  ")[0] for line in out.splitlines() if line.startswith("Just")] == [
        "Just\\u202eRussia\\u200f"
    ]


def test_table_titles_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["memberships"][0]["periods"][0]["status"] = "observer"
    si = next(o for o in data["organizations"] if o["id"] == "socialist-international")
    si["name"] = "SI\u2067\u061c"
    path = tmp_path / "si.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _trusted(path)
    code, out, _ = run_here(["--data", str(path), "timeline", "-f", "table"])
    assert code == 0
    assert out.splitlines()[0] == "SI\\u2067\\u061c: the party's status"


@pytest.mark.parametrize("fmt", ["csv", "csv-excel", "json", "jsonl", "plain"])
@pytest.mark.parametrize("command", ["partners", "spectrum", "graph"])
def test_machine_formats_are_escaped_on_a_terminal_and_lossless_in_a_pipe(
    tmp_path: Path, command: str, fmt: str
) -> None:
    """A person reading CSV or JSON on a terminal sees escapes; a pipe gets every byte."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    hostile = "Evil\u202egnp.exe\u2066x\u2069\u2028y\u200f\u061c"
    data["partners"][0]["name"] = hostile
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _trusted(path)
    argv = ["--data", str(path), command, "-f", fmt]
    code, shown, _ = run_here(argv, tty=True)
    assert code == 0
    assert not UNSAFE.search(shown), shown
    code, piped, _ = run_here(argv)
    assert code == 0
    if fmt.startswith("csv") and command == "partners":
        assert hostile in piped


@settings(max_examples=200, deadline=None)
@given(
    base=st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=12),
    accents=st.lists(st.sampled_from(["\u0301", "\u0300", "\u0308", "\u0327", "\u030c", "\u20dd",
                                      "\u0947", "\u0bcd", "\u0e34"]),
                     min_size=1, max_size=3),
    invisible=st.sampled_from(["\ufe0f", "\u034f", "\u200b", "\u00ad", " ", "\u3164", "\u180b",
                               "\U000e0100"]),
)  # fmt: skip
def test_a_name_may_end_in_an_accent_but_not_in_what_shows_nothing(
    base: str, accents: list[str], invisible: str
) -> None:
    """A name in decomposed form (NFD, as macOS copies text) ending in an accent, "Parti
    Socialiste Unifie\\u0301", was refused as ending in a character that shows nothing,
    and an NFD page could not be drafted. Accents drawn on the letter before them are part
    of the name; a variation selector, the grapheme joiner, a zero-width character or a
    space after them is still refused."""
    from partyintl.escaping import blank_at_ends

    name = "Parti " + base + "".join(accents)
    assert not blank_at_ends(name)
    assert blank_at_ends(name + invisible)
    assert blank_at_ends("".join(accents) + base)  # an accent with no letter to sit on


def test_no_countrys_name_in_any_common_language_ends_blank() -> None:
    """A fresh CI run drew Hindi's name of Paraguay, पराग्वे, which ends in a vowel sign
    (a combining mark of class 0), and the rule refused it as ending in what shows
    nothing. Every country's name that the CLDR gives in the common languages is a name
    whose ends show."""
    from babel import Locale

    from partyintl.data.countries import CLDR_COMMON
    from partyintl.escaping import blank_at_ends

    blank = [
        (language, name)
        for language in CLDR_COMMON
        for name in Locale.parse(language).territories.values()
        if blank_at_ends(name)
    ]
    assert blank == []
