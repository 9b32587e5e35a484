"""Bad files, hostile values, pipes, signals, locales and terminals: never a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, on_a_terminal, run_cli
from partyintl.data.models import Organization
from partyintl.query import partner_record
from partyintl.render import views
from partyintl.render.formats import render
from partyintl.render.view import TEXT_FORMATS, OutputFormat, RenderContext

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

HOSTILE = [
    "[bold red]x[/]",
    "[link=http://e]y[/link]",
    ":smile:",
    "\x1b[31mred\x1b[0m",
    "bell\x07",
    "c1\x9bx",
    "tab\there",
    "new\nline",
    "back\\slash",
    "| pipe",
]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(generate(20_000)), encoding="utf-8")
    return path


def _bad(tmp_path: Path, content: bytes) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    return run_cli("--data", str(path), "partners")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "(top level): the file is empty"),
        (b"\xef\xbb\xbf{", "line 1, column 2: malformed JSON"),
        (b"\xc3\x28", "line 1, column 1: not UTF-8 (byte 0xc3)"),
        (b"[" * 100_000, "JSON nested too deeply"),
        (b'"text"', "the top level is a string, not an object"),
        (b"{}", "schema_version: missing: this field is required"),
    ],
)
def test_bad_files_exit_1_without_traceback(tmp_path: Path, content: bytes, message: str) -> None:
    result = _bad(tmp_path, content)
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_directory_and_unreadable(tmp_path: Path) -> None:
    for target, message in (
        (tmp_path / "nope.json", "no such file"),
        # A folder is a collection of its data files (issue 20): this one has none.
        (tmp_path, "holds no .json data file"),
    ):
        result = run_cli("--data", str(target), "partners")
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr.splitlines()[:2] == [
            f"partyintl: error: {target}: 1 problem",
            f"  (top level): {message}",
        ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_no_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    result = run_cli("--data", str(path), "partners")
    assert result.returncode == 1 and "permission denied" in result.stderr


def test_no_read_permission_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partyintl import DatasetError, load_dataset

    path = tmp_path / "locked.json"
    path.write_text("{}")

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    from partyintl.data import load as dataset

    monkeypatch.setattr(dataset, "open", deny, raising=False)
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    assert info.value.problems[0].message == "permission denied"


def test_many_problems_are_capped_with_a_count(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    data = json.loads(json.dumps(raw_data))
    for p in data["partners"]:
        p["country_code"] = "QQ"
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data))
    result = run_cli("validate", str(path))
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert lines[0] == f"partyintl: error: {path}: 54 problems"
    assert len([line for line in lines if line.startswith("  partners[")]) == 20
    assert f"  ... and 34 more (partyintl validate --all {path} lists every problem)" in lines


def test_control_characters_in_a_file_are_reported_escaped(
    tmp_path: Path, raw_data: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(raw_data))
    data["partners"][0]["name"] = "evil\x1b]0;title\x07"
    path = tmp_path / "ctl.json"
    path.write_text(json.dumps(data))
    result = run_cli("--data", str(path), "partners")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert (
        'a name may not hold U+001B, a control character (got "evil\\u001b]0;title\\u0007")'
        in result.stderr
    )


def _hostile_file(tmp_path: Path, raw_data: dict[str, Any]) -> Path:
    data = json.loads(json.dumps(raw_data))
    for p, text in zip(data["partners"], HOSTILE[:3], strict=False):
        p["name"] = text
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "csv", "svg", "html"])
def test_markup_in_data_prints_literally(
    tmp_path: Path, raw_data: dict[str, Any], fmt: str
) -> None:
    path = _hostile_file(tmp_path, raw_data)
    result = run_cli(
        "--data", str(path), "partners", "--format", fmt, "--limit", "3", env={"COLUMNS": "200"}
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    if fmt in ("svg", "html"):
        out = out.replace("&#160;", " ").replace("&lt;", "<").replace("&gt;", ">")
    if fmt == "markdown":  # Markdown escapes its own syntax so the text shows as typed
        out = re.sub(r"\\([\[\]/])", r"\1", out).replace("&#58;", ":")
    for text in HOSTILE[:2]:
        assert text in out, (fmt, text)
    assert ":smile:" in out


@pytest.mark.parametrize("fmt", list(TEXT_FORMATS))
def test_control_characters_never_reach_the_terminal(fmt: OutputFormat) -> None:
    orgs = [Organization(id=f"h-{i}", name=text, type="party") for i, text in enumerate(HOSTILE)]
    view = views.partners_view([partner_record(o) for o in orgs])
    out = render(view, fmt, RenderContext(width=120, color=False))
    raw = [c for c in out if (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) <= 0x9F]
    if fmt in (OutputFormat.CSV, OutputFormat.CSV_EXCEL):  # machine formats keep values exactly
        assert "\x1b[31mred" in out
    else:
        assert raw == [], fmt
    if fmt is OutputFormat.JSON:
        assert "\\u001b[31mred\\u001b[0m" in out
        assert [r["name"] for r in json.loads(out)] == HOSTILE


def test_head_ends_quietly(big_file: Path) -> None:
    for cmd in (
        "partners | head -1",
        "partners --json | head -c 10",
        "partners --format csv | head -2",
    ):
        result = subprocess.run(
            [
                "bash",
                "-c",
                f"set -o pipefail; '{sys.executable}' -m partyintl --data '{big_file}' {cmd}",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stderr == "", (cmd, result.stderr)
        assert result.returncode == 0, cmd
        assert result.stdout


def test_ctrl_c_exits_130_with_one_line(big_file: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARTYINTL_DATA"}
    env["PARTYINTL_NO_CACHE"] = "1"  # keep the work long enough to be interrupted
    proc = subprocess.Popen(
        [sys.executable, "-m", "partyintl", "--data", str(big_file), "partners", "-f", "table"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    # Ready when the answer begins: its 20,000 rows are far more than a pipe holds, so the
    # command is still writing (blocked on the pipe we stop reading) when the signal comes.
    assert proc.stdout is not None and proc.stdout.read(1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode() == "partyintl: interrupted\n"


def _machine_outputs(env: dict[str, str]) -> list[str]:
    return [
        run_cli(*args, env=env).stdout
        for args in (
            ["partners", "--json"],
            ["partners", "--format", "jsonl"],
            ["partners", "--format", "csv"],
            ["timeline", "--json"],
            ["contacts", "--json", "--lang", "ru"],
        )
    ]


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""},
        {"TERM": "dumb"},
        {"NO_COLOR": "1"},
        {"COLUMNS": "40"},
    ],
)
def test_machine_formats_are_identical_everywhere(env: dict[str, str]) -> None:
    assert _machine_outputs(env) == _machine_outputs({})


@pytest.mark.parametrize(
    "command", ["partners", "show SI", "countries", "timeline", "people", "contacts"]
)
def test_human_output_degrades_without_crashing(command: str) -> None:
    env = {"PYTHONIOENCODING": "ascii", "COLUMNS": "40", "TERM": "dumb", "NO_COLOR": "1"}
    result = run_cli(*command.split(), "--format", "table", env=env)
    assert result.returncode == 0, result.stderr
    # Nothing on stderr but the count of characters shown as '?' (streams.write).
    assert result.stderr == "" or re.fullmatch(
        r"note: [\d,]+ characters? that standard output's encoding \(ascii\) cannot hold "
        r"are shown as '\?'; a UTF-8 locale shows them, and --format plain, csv or json "
        r"writes them whole\.\n",
        result.stderr,
    ), result.stderr
    assert "\x1b[" not in result.stdout
    assert all(ord(c) < 128 for c in result.stdout)
    if command == "partners":  # ids are never cut, even at 40 columns, when asked for
        ids = run_cli("partners", "--fields", "id,name", "--format", "table", env=env).stdout
        for ident in ("sao-paulo-forum", "european-forum-democracy-solidarity"):
            assert ident in ids.split(), ident


def _pty_run(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the CLI on a pseudo-terminal and return what the terminal received."""
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PARTYINTL_DATA")}
    full.update({"TERM": "xterm-256color", "COLUMNS": "120", **(env or {})})
    return on_a_terminal(list(args), full)[1].decode("utf-8", "replace")


def test_colour_on_a_terminal_only_when_allowed() -> None:
    assert "\x1b[" in _pty_run("countries")
    assert "\x1b[" not in _pty_run("countries", env={"NO_COLOR": "1"})
    assert "\x1b[" not in _pty_run("countries", env={"TERM": "dumb"})
    assert "\x1b[" not in _pty_run("--no-color", "countries")


def test_json_is_pretty_on_a_terminal_and_compact_in_a_pipe() -> None:
    on_tty = _pty_run("contacts", "--json")
    assert on_tty.startswith("[\r\n  {\r\n")
    assert run_cli("contacts", "--json").stdout.startswith('[{"id":"central-office-phone"')


def test_no_command_changes_the_data_file(tmp_path: Path) -> None:
    before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    for args in (
        ["partners"],
        ["show", "SI"],
        ["countries"],
        ["timeline"],
        ["people"],
        ["contacts"],
        ["validate"],
        ["schema"],
        ["export", "-f", "popolo", "-o", str(tmp_path / "p.json")],
        ["export", "-f", "graphml"],
    ):
        assert run_cli(*args).returncode == 0, args
        assert run_cli("--data", str(DATA), *args).returncode == 0, args
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == before


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]")
    quiet = run_cli("--data", str(path), "partners")
    loud = run_cli("--debug", "--data", str(path), "partners")
    env_loud = run_cli("--data", str(path), "partners", env={"PARTYINTL_DEBUG": "1"})
    assert "Traceback" not in quiet.stderr
    assert "Traceback (most recent call last)" in loud.stderr
    assert "Traceback (most recent call last)" in env_loud.stderr
    assert loud.returncode == env_loud.returncode == 1


def _spoilt_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    return path


def _first_partner(data: dict[str, Any], key: str, value: Any) -> None:
    data["partners"][0][key] = value


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


BAD_DATA = [
    ("type []", lambda d: _first_partner(d, "type", []), "partners[0].type: must be one of"),
    ("type {}", lambda d: _first_partner(d, "type", {}), "partners[0].type: must be one of"),
    (
        "listing.list {}",
        lambda d: d["partners"][0]["listing"].__setitem__("list", {}),
        "partners[0].listing.list: must be text (a JSON string), not an object (got {})",
    ),
    (
        "nesting 900",
        lambda d: _first_partner(d, "notes", [_nested(900)]),
        "partners[0].notes[0]: must be text (a JSON string)",
    ),
    (
        "lone surrogate",
        lambda d: _first_partner(d, "name", "Party\ud800"),
        'partners[0].name: lone surrogate U+D800 in text "Party\\ud800": remove it',
    ),
    (
        "noncharacter",
        lambda d: _first_partner(d, "name", "Party\uffff"),
        'partners[0].name: noncharacter U+FFFF in text "Party\\uffff": remove it',
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [b[1:] for b in BAD_DATA], ids=[b[0] for b in BAD_DATA]
)
@pytest.mark.parametrize("command", ["validate", "partners", "timeline"])
def test_bad_values_are_problems_with_their_path(
    tmp_path: Path, raw_data: dict[str, Any], change: Any, expected: str, command: str
) -> None:
    import copy

    data = copy.deepcopy(raw_data)
    change(data)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    path = _spoilt_text(tmp_path, json.dumps(data))
    result = run_cli("--data", str(path), command, env={"PARTYINTL_NO_CACHE": "1"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"partyintl: error: {path}: 1 problem"
    assert lines[1].startswith(f"  {expected}"), lines[1]
    assert lines[-1] == "Fix these and run `partyintl validate` again."


@pytest.mark.parametrize("command", ["validate", "partners"])
@pytest.mark.parametrize(
    ("field", "was"), [("position", '"position": 1,'), ("left_right", '"left_right": -0.55,')]
)
def test_a_number_too_long_for_python_is_a_problem(
    tmp_path: Path, command: str, field: str, was: str
) -> None:
    """A number of thousands of digits is a problem at its path, said for every field (a
    score's was "numbers here are small integers", though a score is a decimal)."""
    text = DATA.read_text(encoding="utf-8")
    assert was in text
    text = text.replace(was, f'"{field}": ' + "9" * 5000 + ",", 1)
    result = run_cli("--data", str(_spoilt_text(tmp_path, text)), command)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1].endswith(
        f".{field}: a number of 5000 digits: no number of a data file is that long (positions "
        "are whole numbers below 2147483648, scores run from -2.5 to 2.5)"
    )


@pytest.mark.parametrize("command", ["validate", "partners"])
def test_duplicate_keys_are_a_problem_not_last_one_wins(tmp_path: Path, command: str) -> None:
    text = DATA.read_text(encoding="utf-8").replace('"id": "pes",', '"id": "pes", "id": "pes2",', 1)
    result = run_cli("--data", str(_spoilt_text(tmp_path, text)), command)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1] == (
        '  partners[0]: the key "id" appears more than once in this object'
    )


def test_bidi_controls_and_escapes_never_reach_the_terminal(
    tmp_path: Path, raw_data: dict[str, Any]
) -> None:
    import copy

    data = copy.deepcopy(raw_data)
    # A name may not hold them (validation refuses it); a description may.
    data["partners"][0]["description"] = "Party\u202eevil\u2066x"
    path = _spoilt_text(tmp_path, json.dumps(data))
    for fmt in ("table", "plain", "markdown"):
        args = ["partners", "-n", "1", "--fields", "description", "-f", fmt]
        result = run_cli("--data", str(path), *args)
        assert "\u202e" not in result.stdout and "\u2066" not in result.stdout
        shown = result.stdout.replace("\\\\", "\\") if fmt == "markdown" else result.stdout
        assert "Party\\u202eevil\\u2066x" in shown, fmt
    odd = str(tmp_path / "x\n\x1b[31mred\u202e")
    result = run_cli("--data", odd, "partners")
    assert result.stderr.splitlines()[0] == (
        f"partyintl: error: {tmp_path}/x\\n\\x1b[31mred\\u202e: 1 problem"
    )


def test_markdown_cannot_carry_html_or_script(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    import copy

    data = copy.deepcopy(raw_data)
    data["partners"][0]["name"] = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) & *b*"
    path = _spoilt_text(tmp_path, json.dumps(data))
    result = run_cli(
        "--data", str(path), "partners", "-n", "1", "--fields", "name", "-f", "markdown"
    )
    assert result.stdout.splitlines()[2] == (
        "| &lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript&#58;alert(1)) &amp; \\*b\\* |"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["ascii", "latin-1", "cp1251", "utf-8"]))
def test_text_a_terminal_cannot_show_keeps_its_length_and_what_it_can(
    text: str, encoding: str
) -> None:
    """Human text on a terminal whose encoding lacks a character: one character for one
    (columns stay aligned), the closest one people type (– as -, é as e), `?` else, and
    what the encoding holds unchanged (a fresh tester saw `Mart?` and `2008-06-30?2010`)."""
    from partyintl.streams import closest

    written = closest(text, encoding).decode(encoding)
    assert len(written) == len(text)
    for before, after in zip(text, written, strict=True):
        try:
            before.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert after == before
    assert closest("Martí – 2008–2010…", "ascii") == b"Marti - 2008-2010."


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["partners", "-s", "Πανελλήνιο", "--fields", "id", "-f", "plain"], "pasok\n"),
        (["show", "Πανελλήνιο Σοσιαλιστικό Κίνημα", "--fields", "id", "-f", "plain"], None),
    ],
)
def test_arguments_are_read_as_utf8_in_an_ascii_locale(
    args: list[str], expected: str | None
) -> None:
    """LC_ALL=C without Python's UTF-8 mode decodes arguments as ASCII, escaping the
    other bytes: the search found nothing and said so with exit 0, a wrong answer."""
    ascii_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    result = run_cli(*args, env=ascii_locale, process=True)
    utf8 = run_cli(*args, process=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == utf8.stdout
    if expected is not None:
        assert result.stdout == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"])), junk=st.binary(max_size=8))
def test_an_argument_is_its_utf8_text_or_kept_as_it_came(text: str, junk: bytes) -> None:
    from partyintl.__main__ import utf8_arguments

    as_ascii = text.encode("utf-8").decode("ascii", "surrogateescape")  # an ASCII locale
    assert utf8_arguments([as_ascii, text]) == [text, text]
    not_utf8 = b"\xff" + junk  # never UTF-8: a file name in another encoding
    escaped = not_utf8.decode("utf-8", "surrogateescape")
    assert utf8_arguments([escaped]) == [escaped]


#: File names in several scripts, each a kind a user's files have.
NON_ASCII_NAMES = ["café", "Ελλάδα", "中国", "партия", "emoji-🙂", "naïve dir/ünder"]


@pytest.mark.parametrize("name", NON_ASCII_NAMES)
def test_files_named_in_any_script_are_read_and_written_in_an_ascii_locale(
    tmp_path: Path, name: str
) -> None:
    """LC_ALL=C without Python's UTF-8 mode: the arguments are read as UTF-8, and a file
    named `café.json` then crashed every command that reads or writes it ("internal
    error: UnicodeEncodeError"). Each path reaches the system as the bytes typed."""
    from conftest import DATA

    ascii_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    folder = tmp_path / os.path.dirname(name) if "/" in name else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    data = tmp_path / f"{name}.json"
    data.write_bytes(DATA.read_bytes())
    label = os.path.basename(name)
    page = tmp_path / f"{name}.html"
    page.write_text(
        "<html><head><title>X Party</title></head><body><p>X Party works.</p>"
        "<ul><li>Party A (France)</li></ul></body></html>",
        encoding="utf-8",
    )
    runs = [
        (["validate", str(data)], None),
        (
            ["--data", str(data), "partners", "-f", "csv", "-o", str(tmp_path / f"{name}.csv")],
            f"{name}.csv",
        ),
        (
            ["--data", str(data), "export", "-f", "sqlite", "-o", str(tmp_path / f"{name}.db")],
            f"{name}.db",
        ),
        (
            ["--data", str(data), "report", "-o", str(tmp_path / f"{name}.report.html")],
            f"{name}.report.html",
        ),
        (
            [
                "draft",
                str(page),
                "--retrieved",
                "2026-01-01",
                "-o",
                str(tmp_path / f"{name}.draft.json"),
            ],
            f"{name}.draft.json",
        ),
        (["--data", str(tmp_path / f"{name}-missing.json"), "partners"], None),
    ]
    for args, written in runs:
        result = run_cli(*args, env=ascii_locale, process=True)
        assert "internal error" not in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        if args[-1] == "partners":  # the missing file: the user's words, exit 1
            assert result.returncode == 1 and "no such file" in result.stderr, result.stderr
            continue
        assert result.returncode == 0, (args, result.stderr)
        if written is not None:
            assert (tmp_path / written).stat().st_size > 0, written
    for naming in (label, f"{label}.json", str(data)):
        ties = run_cli(
            "--data", str(data), "--data", "bundled:si-membership",
            "ties", f"{naming}:a-just-russia", "-f", "csv",
            env=ascii_locale, process=True,
        )  # fmt: skip
        assert ties.returncode == 0, (naming, ties.stderr)
        assert f",{label}," in ties.stdout  # the file's label, as its name reads


def test_every_parameter_naming_a_file_reaches_the_system_as_typed() -> None:
    """Each option and argument that names a file or folder (its metavar says so, or the
    command reads it) is marked `path`, so that values.os_path gives it to the system."""
    from partyintl.cli.spec import SPEC

    named = {"FILE", "PATH", "[PATH]", "DIR", "DECISIONS", "PAGE", "DRAFT", "OLD"}
    parameters = [*SPEC.root, *(p for c in SPEC.commands for p in (*c.options, *c.arguments))]
    for parameter in parameters:
        names_a_file = parameter.metavar in named or bool(parameter.reads)
        assert parameter.path is names_a_file, parameter
