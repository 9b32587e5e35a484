"""Spreadsheets and pipes: csv-excel never hands a spreadsheet a formula, plain output never
glues a mark to a value, and the README's pandas join joins only what has an id.

Generated: every data command in csv-excel on data whose names, titles, labels and notes
start as formulas do (=, +, -, @, fullwidth forms, after blanks), drawn by hypothesis; every
data command's plain output for random choices of its fields, compared cell by cell with
CSV's; every text a spreadsheet_cell is given.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import NEEDS, ROOT
from partyintl.cli._help import FIELDS
from partyintl.render.formats import FORMULA_START, spreadsheet_cell

#: Every command with data output, and the arguments that give it records.
COMMANDS = {
    "partners": [],
    "show": ["fatah"],
    "countries": [],
    "map": [],
    "graph": [],
    "spectrum": [],
    "timeline": [],
    "people": [],
    "contacts": [],
    "regions": [],
    "sources": [],
    "link": [str(ROOT / "data" / "partners.json")],  # its argument: the file to link
    "tags": [],
    # The questions across files, as every other table of commands asks them.
    **{name: NEEDS[name] for name in ("memberships", "ties", "shared")},
}
SHOWN = {"show-person": ["show", "sergei-mironov"], "show-event": ["show", "si-council-paris-2010"]}
RUNS = {**{c: [c, *a] for c, a in COMMANDS.items()}, **SHOWN}


def test_every_command_with_fields_is_here() -> None:
    with_fields = {c for c, fields in FIELDS.items() if fields}
    assert with_fields == set(COMMANDS)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _runs_a_formula(text: str) -> bool:
    """Whether a spreadsheet would read a cell as a formula (a bare number never is one)."""
    first = text[:1] in FORMULA_START or text.lstrip()[:1] in FORMULA_START
    return first and not _NUMBER.fullmatch(text)


# ---------------------------------------------------------------- csv-excel


@given(st.text(max_size=20), st.sampled_from(sorted(FORMULA_START) + [" =", "\u00a0+", ""]))
def test_spreadsheet_cells_never_start_a_formula(tail: str, head: str) -> None:
    text = head + tail
    out = spreadsheet_cell(text)
    assert not _runs_a_formula(out) or out.startswith("'")
    assert out in (text, "'" + text)
    assert spreadsheet_cell([text]) == out  # a list is text too


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_stay_numbers(number: float) -> None:
    assert spreadsheet_cell(number) == str(number)


HOSTILE = st.tuples(
    st.sampled_from(["=", "+", "-", "@", " =", "  @", "\uff1d", "\uff0b", "\uff0d", "\uff20"]),
    st.sampled_from(['HYPERLINK("http://example.org","x")', "1+1", "cmd|' /C calc'!A0", "x"]),
).map("".join)


def _hostile(data: dict[str, Any], texts: list[str]) -> dict[str, Any]:
    """The bundled data with names, titles, labels and notes people and pages could give."""
    data = copy.deepcopy(data)

    def pick(i: int) -> str:
        return texts[i % len(texts)]

    # Names and printed texts with their glosses have no spaces at their ends (validation
    # refuses them); notes and descriptions keep a formula behind spaces (" =1+1").
    for i, p in enumerate(data["partners"][:6]):
        p["name"] = f"{pick(i).lstrip()} {p['id']}"  # names stay distinct
        p["notes"] = [pick(i + 1)]
        p["description"] = pick(i + 2)
    data["people"][0]["name"] = pick(0).lstrip()
    for i, e in enumerate(data["events"][:3]):
        e["name"] = pick(i).lstrip()
    for i, c in enumerate(data["contacts"][:2]):
        c["label"]["gloss"] = pick(i).lstrip()
        c["office"]["gloss"] = pick(i + 1).lstrip()
    return data


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(HOSTILE, min_size=1, max_size=4))
def test_every_command_neutralises_formulas_in_csv_excel(
    texts: list[str],
    raw_data: dict[str, Any],
    tmp_path: Path,
    invoke: Callable[..., tuple[int, str, str]],
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile(raw_data, texts), ensure_ascii=False), encoding="utf-8")
    bundled = str(ROOT / "data" / "partners.json")
    for run in RUNS.values():
        args = [str(path) if a == bundled else a for a in run]  # link reads the hostile file
        code, excel, err = invoke("--data", str(path), *args, "-f", "csv-excel")
        assert (code, err) == (0, ""), args
        plain = invoke("--data", str(path), *args, "-f", "csv")[1]
        assert excel.startswith("\ufeff")
        for excel_row, csv_row in zip(_rows(excel), _rows(plain), strict=True):
            for out, given_ in zip(excel_row, csv_row, strict=True):
                assert not _runs_a_formula(out), (args, out)
                assert out == given_ or out == "'" + given_
        if args == ["partners"]:  # the names given: neutralised where they start a cell
            cells = {c for row in _rows(excel) for c in row}
            assert all(any(c.startswith(f"'{t.lstrip()} ") for c in cells) for t in texts)


def test_a_hyperlink_named_partner_is_text_in_a_spreadsheet(
    spoil: Callable[..., Path], invoke: Callable[..., tuple[int, str, str]]
) -> None:
    name = '=HYPERLINK("http://example.org","x")'

    def change(data: dict[str, Any]) -> None:
        data["partners"][0]["name"] = name

    path = str(spoil(change))
    args = ("--data", path, "partners", "--fields", "name,left_right", "--limit", "1")
    assert invoke(*args, "-f", "csv-excel") == (
        0,
        '\ufeffname,left_right\r\n"\'=HYPERLINK(""http://example.org"",""x"")",\r\n',
        "",
    )
    # Plain CSV is for programs: the name as it is.
    assert invoke(*args, "-f", "csv")[1] == (
        'name,left_right\r\n"=HYPERLINK(""http://example.org"",""x"")",\r\n'
    )


def test_a_negative_score_stays_a_number(invoke: Callable[..., tuple[int, str, str]]) -> None:
    out = invoke("show", "fatah", "--fields", "name,left_right", "-f", "csv-excel")[1]
    assert out == "\ufeffname,left_right\r\nFatah,-0.76\r\n"


# ---------------------------------------------------------------- plain


def _plain_cells(line: str) -> list[str]:
    """A plain line's cells with its escapes undone."""
    escapes = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
    return [re.sub(r"\\[\\tnr]", lambda m: escapes[m.group()], c) for c in line.split("\t")]


@functools.cache
def _fields(run: str) -> list[str]:
    """The fields a command's records have, as `--fields` alone lists them."""
    return _in_process([*RUNS[run], "--fields"], "utf-8").split()


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(RUNS)).flatmap(
        lambda run: st.tuples(
            st.just(run),
            st.lists(
                st.sampled_from(_fields(run)),
                min_size=1,
                max_size=6,
                unique=True,
            ),
            st.sampled_from(["utf-8", "ascii"]),
        )
    )
)
def test_plain_values_are_csv_values(case: tuple[str, list[str], str]) -> None:
    """For every command and any fields, plain cells are CSV's cells: nothing glued to them,
    in UTF-8 (the mark †) and in ASCII (the mark *) alike."""
    run, fields, encoding = case
    args = [*RUNS[run], "--fields", ",".join(fields)]
    plain = _in_process([*args, "-f", "plain"], encoding)
    table = _rows(_in_process([*args, "-f", "csv"], encoding))[1:]
    assert [_plain_cells(line) for line in plain.splitlines()] == table


def _in_process(args: list[str], encoding: str) -> str:
    """stdout of the command line run in this process with stdout in `encoding`."""
    import contextlib

    from partyintl.cli.app import main
    from partyintl.cli.argv import normalise
    from partyintl.cli.interpret import run

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors="replace", newline="")
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(io.StringIO()):
        argv = normalise(args)
        code = run(argv)
        if code is None:
            code = main(argv)
        stream.flush()
    assert code == 0
    return buffer.getvalue().decode("utf-8")


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_plain_output_carries_no_marks(run: str, encoding: str) -> None:
    out = _in_process([*RUNS[run], "-f", "plain"], encoding)
    assert "\u2020" not in out
    assert not re.search(r"[^\s\t]\*(\t|$)", out, re.M)  # the ASCII mark


def test_one_country_is_one_value_for_uniq(invoke: Callable[..., tuple[int, str, str]]) -> None:
    out = invoke("partners")[1]
    greek = [line.split("\t")[5:7] for line in out.splitlines() if "Greece" in line]
    assert greek == [["Greece", "GR"], ["Greece", "GR"]]  # one of them is inferred
    header = invoke("partners", "--fields")[1].split()
    assert header[-1] == "parlgov"
    # The inferred fields are a column of their own, the last one, as in CSV.
    armenian = next(line for line in out.splitlines() if "armenian-revolutionary" in line)
    assert armenian.split("\t")[5:7] == ["Armenia", "AM"]
    assert armenian.split("\t")[-1].startswith("country: the country is implied")


def test_the_footnote_of_plain_output_goes_to_a_terminal_without_marks() -> None:
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", "partners", "-c", "Armenia", "-f", "plain"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"},
        timeout=60,
    )
    os.close(follower)
    err = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert "\u2020" not in done.stdout.decode("utf-8")
    assert err.splitlines()[0] == "Not stated by the source; inferred:"


# ---------------------------------------------------------------- the README's pandas join

MANIFESTO = ROOT / "tests" / "data" / "pf-manifesto-ids.csv"


def test_the_readme_pandas_join_matches_only_rows_with_an_id(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"A pandas merge.*?```python\n(.*?)```", readme, re.S)
    assert code is not None
    folder = tmp_path / "partyfacts" / "import" / "pip"
    folder.mkdir(parents=True)
    (folder / "pf-manifesto-ids.csv").write_bytes(MANIFESTO.read_bytes())
    script = code.group(1) + "print(joined.to_json(orient='records'))\n"
    bin_dir = str(Path(sys.executable).parent)
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    joined = json.loads(done.stdout.splitlines()[-1])
    assert all(row["partyfacts"] for row in joined)
    assert 'Republican political Party "New Ossetia"' not in {row["name"] for row in joined}
    assert {row["name"]: row["dataset_party_id"] for row in joined}[
        "Socialist Democratic Party of Germany"
    ] == "41320"
    # 23 partners; two of them have two Manifesto codes each.
    assert (len({row["id"] for row in joined}), len(joined)) == (23, 25)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "{}"),
        ("--data", "{}", "partners", "-n", "3"),
        ("--data", "{}", "show", "spd", "--json"),
        ("--data", "{}", "--data", "bundled:si-membership", "memberships", "A JUST RUSSIA"),
        ("draft", "{}", "--published", "2020"),
        ("--data", "{}", "--data", "bundled:si-membership", "partners", "--member-of", "SI"),
    ],
    ids=["validate", "--data", "show", "two files", "draft", "read twice"],
)
def test_a_dash_reads_standard_input_wherever_a_file_is_read(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    """`cat data.json | partyintl validate -` said "-: no such file" (only /dev/stdin
    worked): `-` is standard input for every file a command reads, and answers as a file
    of the same bytes does (named /dev/stdin, labelled `stdin` among several files; named
    "standard input" where validate says what it read)."""
    from conftest import ROOT, run_cli

    fixtures = ROOT / "tests" / "fixtures"
    source = fixtures / "seed-page.txt" if args[0] == "draft" else ROOT / "data" / "partners.json"
    same = tmp_path / "stdin.json"
    same.write_bytes(source.read_bytes())
    piped = run_cli(*(a.replace("{}", "-") for a in args), input=source.read_text(encoding="utf-8"))
    named = run_cli(*(a.replace("{}", str(same)) for a in args))
    expected = named.stdout.replace(str(same), "/dev/stdin")
    if args[0] == "validate":  # what it says of a file: standard input, by those words
        expected = named.stdout.replace(str(same), "standard input")
    if args[0] == "draft":  # a draft names the file it read; standard input has no name
        expected = expected.replace('      "file": "stdin.json",\n', "")
    assert (piped.returncode, piped.stdout) == (named.returncode, expected), piped.stderr
    assert "no such file" not in piped.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("link", "-", "--apply", "-", "-o", "{out}"),
        ("draft", "-", "--sources", "-", "--published", "2020"),
    ],
)
def test_standard_input_given_for_two_files_is_refused(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    """`link - --apply -` read the data from standard input as the decisions file and
    said its header was wrong ("found {"): standard input is one file, given once."""
    from conftest import run_cli

    out = tmp_path / "out.json"
    done = run_cli(*(a.format(out=out) for a in args), input="{}")
    assert (done.returncode, done.stdout) == (2, "")
    assert " are both given as '-': standard input is one file; give all but one of them as " in (
        done.stderr
    )
    assert not out.exists()


@settings(max_examples=8, deadline=None)
@given(
    skipped=st.lists(
        st.text(st.characters(codec="ascii", exclude_characters="\n"), max_size=30), max_size=3
    ),
    command=st.sampled_from(["partners", "validate"]),
)
def test_standard_input_is_read_from_where_it_stands(
    tmp_path_factory: pytest.TempPathFactory, skipped: list[str], command: str
) -> None:
    """`{ read header; partyintl --data -; } < file` read the file behind standard input
    from its first byte (it opened /dev/stdin anew): valid JSON after a header line was
    refused at "line 1, column 1", and input whose first byte a script had consumed was
    answered as if whole. Lines read off standard input before partyintl runs, in any
    number: partyintl reads what follows them, as from a pipe of the same bytes."""
    from conftest import ROOT

    data = (ROOT / "data" / "partners.json").read_bytes()
    path = tmp_path_factory.mktemp("stdin") / "with-header.json"
    path.write_bytes(b"".join(line.encode() + b"\n" for line in skipped) + data)
    argv = ["--data", "-", "partners", "-n", "2"] if command == "partners" else ["validate", "-"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL")}

    def run(**stdin: Any) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "partyintl", *argv]
        return subprocess.run(command, capture_output=True, env=env, timeout=60, **stdin)

    with path.open("rb") as handle:
        for _ in skipped:
            handle.readline()
        at = handle.tell()
        os.lseek(handle.fileno(), at, os.SEEK_SET)  # where a shell's `read` leaves it
        done = run(stdin=handle)
    piped = run(input=data)
    assert (done.returncode, done.stdout, done.stderr) == (0, piped.stdout, b"")
    assert piped.returncode == 0


def test_standard_input_on_a_terminal_says_what_it_waits_for() -> None:
    """`partyintl --data - partners` at a terminal waited without a word until killed.
    It says it reads the data file from standard input and how to end it; Ctrl-D then
    ends an empty file, said as one."""
    import pty
    import select

    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "partyintl", "--data", "-", "partners"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        close_fds=True,
    )
    os.close(child)
    seen = b""
    while b"Ctrl-D" not in seen and select.select([main], [], [], 30)[0]:
        seen += os.read(main, 4096)
    assert b"reading the data file from standard input: paste it, then press Ctrl-D" in seen, seen
    os.write(main, b"\x04")
    while select.select([main], [], [], 30)[0]:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=30) == 1
    os.close(main)
    assert b"standard input: 1 problem" in seen, seen


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252", "utf-8"])
@pytest.mark.parametrize(
    "argv", [["show", "a-just-russia", "-f", "table"], ["partners", "-f", "table", "-n", "5"]]
)
def test_characters_a_terminal_cannot_show_are_counted_in_a_note(
    encoding: str, argv: list[str]
) -> None:
    """With stdout in ASCII, the table turned "СПРАВЕДЛИВАЯ РОССИЯ" into "?" without a
    word, while every other format wrote UTF-8. The table still writes what the encoding
    holds (columns aligned), and a note counts the characters shown as '?' and says how to
    see them; nothing is said when every character could be written."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL")}
    env["PYTHONIOENCODING"] = encoding
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *argv], capture_output=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    utf8 = subprocess.run(
        [sys.executable, "-m", "partyintl", *argv],
        capture_output=True,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    ).stdout.decode()
    lost = done.stdout.count(b"?") - utf8.count("?")  # the ones the data does not hold
    err = done.stderr.decode(encoding)
    if lost:
        import codecs

        assert err == (
            f"note: {lost:,} character{'s' if lost != 1 else ''} that standard output's "
            f"encoding ({codecs.lookup(encoding).name}) cannot hold are shown as '?'; a "
            "UTF-8 locale shows them, and --format plain, csv or json writes them whole.\n"
        ), err
    else:
        assert "cannot hold" not in err


# --- generated: stdout that takes only part of an answer ---------------------------------

#: Answers of several kinds and sizes (text, JSON, CSV, a figure, an export).
_ANSWERS = [
    ["partners", "-f", "json"],
    ["partners", "-f", "csv"],
    ["timeline", "-f", "plain"],
    ["export", "-f", "graphml"],
    ["timeline", "-f", "png"],
]


@settings(max_examples=6, deadline=None)
@given(argv=st.sampled_from(_ANSWERS), blocks=st.integers(1, 8))
def test_an_answer_cut_short_by_a_file_size_limit_exits_1(argv: list[str], blocks: int) -> None:
    """`(ulimit -f 20; partyintl partners -f json > out.json)` wrote 20,480 of 71,294 bytes
    and exited 0: the one write's short count was never looked at. Under a file-size limit
    smaller than the answer, every answer exits 1 and says why."""
    import resource

    whole = subprocess.run(
        [sys.executable, "-m", "partyintl", *argv], capture_output=True, check=True
    ).stdout
    limit = blocks * 1024
    assume(len(whole) > limit)  # an answer bigger than the limit

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    import tempfile

    with tempfile.TemporaryFile() as out:
        done = subprocess.run(
            [sys.executable, "-m", "partyintl", *argv],
            stdout=out,
            stderr=subprocess.PIPE,
            preexec_fn=limited,  # noqa: PLW1509 (the child sets only its own limit)
            check=False,
        )
        out.seek(0)
        written = out.read()
    assert done.returncode == 1, (argv, limit, done.stderr)
    assert done.stderr.decode().endswith(
        "partyintl: error: cannot write standard output: File too large\n"
    ), done.stderr
    assert whole.startswith(written) and len(written) <= limit


def test_a_pipe_that_does_not_wait_gets_the_whole_answer() -> None:
    """A reader that set its pipe non-blocking and read after a pause got the first 65,536
    of 71,294 bytes, exit 0: the rest was lost. The writer waits for room and writes all."""
    import fcntl
    import time

    whole = subprocess.run(
        [sys.executable, "-m", "partyintl", "partners", "-f", "json"], capture_output=True
    ).stdout
    assert len(whole) > 65536
    read_end, write_end = os.pipe()
    flags = fcntl.fcntl(write_end, fcntl.F_GETFL)
    fcntl.fcntl(write_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    child = subprocess.Popen(
        [sys.executable, "-m", "partyintl", "partners", "-f", "json"],
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    time.sleep(0.5)  # the pipe fills while nobody reads
    got = b""
    while chunk := os.read(read_end, 65536):
        got += chunk
    os.close(read_end)
    assert child.wait(timeout=60) == 0
    assert child.stderr is not None and child.stderr.read() == b""
    assert got == whole


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fmt=st.sampled_from(["csv", "json", "plain", "table", "png"]),
    device=st.sampled_from(["/dev/stdout", "/dev/stderr"]),
)
def test_a_terminal_named_by_o_is_a_terminal(tmp_path: Path, fmt: str, device: str) -> None:
    """`-o /dev/tty` and `-o /dev/stdout` on a terminal wrote bidi controls raw and a PNG's
    bytes to the screen, which stdout on a terminal never gets. A path that names a
    terminal gets what a terminal gets: text escaped, no image."""
    from conftest import on_a_terminal

    raw = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    raw["partners"][0]["description"] = "abc\u202edcba \u2066x\u2069 \u2028 y"
    data = tmp_path / "bidi.json"
    data.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    command = (
        ["timeline"] if fmt == "png" else ["partners", "-n", "2", "--fields", "name,description"]
    )
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    code, screen = on_a_terminal(
        ["--data", str(data), *command, "-f", fmt, "-o", device],
        env,
        stdout_too=device == "/dev/stdout",
    )
    if fmt == "png":
        assert code == 2, screen[:200]
        assert b"PNG is an image, not for a terminal" in screen
        assert b"\x89PNG" not in screen
    else:
        assert code == 0, screen[:300]
        assert not any(c.encode() in screen for c in "\u202e\u2066\u2069\u2028"), screen
        assert b"dcba" in screen  # the text is there, its controls escaped


def test_a_terminal_named_as_a_folder_is_called_a_terminal(tmp_path: Path) -> None:
    """`network -f csv -o /dev/tty` said "/dev/tty is a file, not a folder". Each kind of
    file is said as what it is."""
    import pty

    from partyintl.filenames import file_kind

    main, child = pty.openpty()
    try:
        name = os.ttyname(child)
        assert file_kind(name, os.stat(name).st_mode) == "a terminal"
    finally:
        os.close(main)
        os.close(child)
    assert file_kind("/dev/null", os.stat("/dev/null").st_mode) == "a device"
    assert file_kind(str(tmp_path), os.stat(tmp_path).st_mode) == "a folder"
    (tmp_path / "f").write_text("x")
    assert file_kind(str(tmp_path / "f"), os.stat(tmp_path / "f").st_mode) == "a file"
    os.mkfifo(tmp_path / "p")
    assert file_kind(str(tmp_path / "p"), os.stat(tmp_path / "p").st_mode) == "a named pipe"
