"""Every file a command reads (each argument and option the spec marks with `reads`, and
validate's PATH as the reference) is refused in the same words and with the same exit
code when it is missing, a folder, unreadable or not UTF-8: exit 1 (a data problem, as
the README's exit-code table says), `PATH: 1 problem`, the same problem line, and a hint
that names the file by the spec's `reads` and nothing that does not apply."""

from __future__ import annotations

import builtins
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, run_cli
from partyintl.cli.spec import SPEC, reads
from partyintl.data import load
from partyintl.data.partyfacts import TABLES

CHECKOUT = ROOT / "tests" / "fixtures" / "partyfacts-subset"


def _setting(tmp: Path) -> dict[tuple[str, str], tuple[list[str], Path]]:
    """For each file a command reads, (command, dest): the arguments that reach its
    reading with the bad path in it, and the path that is bad."""
    bad = tmp / "bad.json"
    table = tmp / "names.csv"
    table.write_text("name,country\nSPD,Germany\n", encoding="utf-8")
    checkout = tmp / "checkout"
    shutil.copytree(CHECKOUT, checkout)
    core = checkout / TABLES["core"]
    data = str(DATA)
    return {
        ("validate", "path"): (["validate", str(bad)], bad),
        ("upgrade", "old"): (["upgrade", str(bad)], bad),
        ("draft", "page"): (["draft", str(bad)], bad),
        ("draft", "sources"): (
            ["draft", str(table), "--party", "SPD", "--sources", str(bad)],
            bad,
        ),
        ("link", "draft"): (["link", str(bad)], bad),
        ("link", "apply"): (["link", data, "--apply", str(bad)], bad),
        ("link", "partyfacts"): (["link", data, "--partyfacts", str(checkout)], core),
    }


#: Every file a command reads: those the spec marks, and validate's PATH.
READ_INPUTS = sorted(
    {(c.name, p.dest) for c in SPEC.commands for p in (*c.options, *c.arguments) if p.reads}
    | {("validate", "path")}
)


def _what(command: str, dest: str) -> str:
    return "the data file" if command == "validate" else reads(command, dest)


def test_every_file_the_spec_reads_has_a_setting(tmp_path: Path) -> None:
    assert set(READ_INPUTS) == set(_setting(tmp_path))


def _missing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if path.exists():
        path.unlink()


def _folder(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _missing(path, monkeypatch)
    path.mkdir()


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that opening refuses (chmod 0 does not stop root: open is made to refuse)."""
    path.write_text("{}", encoding="utf-8")
    real = builtins.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(load, "open", refuse, raising=False)


def _not_utf8(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_bytes(b'{"a": 1}\n  "\xff\xfe"\n')


#: Each kind of bad path: how to make it, the problem line, the hint (`{what}` is the
#: file's `reads`).
KINDS: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], None], str, str]] = {
    "missing": (_missing, "(top level): no such file", "Check the path of {what}."),
    "folder": (
        _folder,
        "(top level): is a directory, not a file",
        "Give the path of {what} (a file, not a folder).",
    ),
    "unreadable": (
        _unreadable,
        "(top level): permission denied",
        "Make the file readable (chmod +r).",
    ),
    "not UTF-8": (
        _not_utf8,
        "line 2, column 4: not UTF-8 (byte 0xff)",
        "Save {what} as UTF-8.",
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(("command", "dest"), READ_INPUTS)
def test_a_bad_input_file_is_said_alike_by_every_command(
    command: str, dest: str, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, bad = _setting(tmp_path)[(command, dest)]
    make, problem, hint = KINDS[kind]
    if (command, kind) == ("validate", "folder"):  # validate checks a folder's data files
        problem = "(top level): holds no .json data file"
        hint = "Give a folder of data files, or the data files themselves."
    make(bad, monkeypatch)
    done = run_cli(*args)
    lines = done.stderr.splitlines()
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert lines[:2] == [f"partyintl: error: {bad}: 1 problem", f"  {problem}"], done.stderr
    assert lines[2].startswith(hint.format(what=_what(command, dest))), done.stderr
    assert len(lines) == 3
    assert "bundled dataset is used" not in done.stderr
    assert "Traceback" not in done.stderr


def test_the_examples_of_the_report(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    done = run_cli("link", str(DATA), "--partyfacts", str(missing))
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"partyintl: error: {missing}: 1 problem",
        "  (top level): no such folder",
    ]
    for args in (
        ["link", str(DATA), "--apply", str(missing) + ".csv"],
        ["link", str(missing)],
        ["draft", str(missing)],
        ["upgrade", str(missing) + ".json"],
    ):
        done = run_cli(*args)
        assert done.returncode == 1
        assert done.stderr.splitlines()[1] == "  (top level): no such file"
        assert "No such file or directory" not in done.stderr
        assert "bundled dataset is used" not in done.stderr
    done = run_cli("draft", str(tmp_path))
    assert (done.returncode, done.stderr.splitlines()[1]) == (
        1,
        "  (top level): is a directory, not a file",
    )
    # Where the hint applies, it stays: a missing --data file could have been the default.
    done = run_cli("--data", str(missing), "partners")
    assert "Without --data or PARTYINTL_DATA the bundled dataset is used." in done.stderr
    # A file where the Party Facts folder should be.
    done = run_cli("link", str(DATA), "--partyfacts", str(DATA))
    assert (done.returncode, done.stderr.splitlines()[1]) == (
        1,
        "  (top level): is a file, not a folder",
    )


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf\n", b"\t"])
def test_an_empty_page_is_said_to_be_empty(tmp_path: Path, content: bytes) -> None:
    """`draft` of an empty file said the page had no title and named no party."""
    from conftest import run_here

    page = tmp_path / "page.txt"
    page.write_bytes(content)
    code, out, err = run_here(["draft", str(page), "--published", "2020"])
    assert (code, out) == (1, "")
    assert err == (
        f"partyintl: error: {page}: 1 problem\n  (top level): the file is empty\n"
        "Give a page of the party's site (HTML or text) or a CSV table of names.\n"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_data_file_saved_as_utf16_is_said_to_be(tmp_path: Path, encoding: str) -> None:
    """A data file saved as UTF-16 was said to be "not UTF-8 (byte 0xff)", nothing more."""
    import codecs

    from conftest import DATA, run_here

    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    saved = tmp_path / "data.json"
    saved.write_bytes(mark + DATA.read_text(encoding="utf-8").encode(encoding))
    code, out, err = run_here(["--data", str(saved), "partners"])
    assert (code, out) == (1, "")
    assert err.endswith(
        "Save the data file as UTF-8 (it begins with UTF-16's byte-order mark: it was saved "
        "as UTF-16).\n"
    ), err


@settings(max_examples=25, deadline=None)
@given(name=st.text(min_size=1, max_size=60), big_endian=st.booleans())
def test_a_data_file_saved_as_utf16_without_its_mark_is_said_to_be(
    name: str, big_endian: bool
) -> None:
    """A data file saved as UTF-16 without a byte-order mark was "malformed JSON: a field
    name in double quotes was expected" (ASCII text) or "not UTF-8 (byte 0xf6)" at line 70.
    The bundled file with any first partner's name, in either byte order, is said to be
    UTF-16."""
    import json

    from partyintl.data.load import DatasetError, load_bytes

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["partners"][0]["name"] = name
    order = "big-endian" if big_endian else "little-endian"
    text = json.dumps(raw, ensure_ascii=False, indent=2)
    data = text.encode("utf-16-be" if big_endian else "utf-16-le")
    with pytest.raises(DatasetError) as caught:
        load_bytes(data, "data.json")
    assert caught.value.problems[0].message == (
        f"UTF-16 text ({order}, without a byte-order mark), not UTF-8"
    )
    assert (caught.value.problems[0].line, caught.value.hint) == (
        1,
        "Save the data file as UTF-8.",
    )


def test_a_data_list_with_a_colon_in_a_name_says_how_the_list_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PARTYINTL_DATA='my:party.json' said "my: no such file", nothing of the list."""
    import os

    from conftest import run_here

    monkeypatch.chdir(tmp_path)
    value = os.pathsep.join(["my", "party.json"])
    monkeypatch.setenv("PARTYINTL_DATA", value)
    code, out, err = run_here(["partners"])
    assert (code, out) == (1, "")
    assert err.endswith(
        f" PARTYINTL_DATA is a list of paths joined by '{os.pathsep}' (PARTYINTL_DATA="
        f"{value!r} names 2): a file whose name holds '{os.pathsep}' is given with --data "
        "instead.\n"
    ), err


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><head><script>var x = 1;</script></head><body><style>p {}</style></body></html>",
        "<p>&nbsp;</p><div> </div>",
        "<!doctype html><html lang='de'><body><ul><li> </li></ul></body></html>",
    ],
)
def test_a_page_that_shows_no_text_is_said_to(tmp_path: Path, html: str) -> None:
    """An HTML page with nothing to read (markup, scripts, a no-break space) was said to have
    no title and to name no party, or, with --party, to have no list item."""
    from conftest import run_here

    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    for extra in ([], ["--party", "X Party"]):
        code, out, err = run_here(["draft", str(page), "--published", "2020", *extra])
        assert (code, out) == (1, "")
        assert err.startswith(
            f"partyintl: error: {page}: 1 problem\n  (top level): the page shows no text "
            "(no title, paragraph or list)\n"
        ), err


@pytest.mark.parametrize(
    ("items", "said"),
    [
        (["Tel: +7 495 787-85-15"], "its only list item is"),
        (
            ["Tel: +7 495 787-85-15", "Fax: +7 495 959-35-86", "info@x.ru"],
            "its only 3 list items are",
        ),
        (["Facebook", "Telegram", "Instagram", "Телефон"], "its only 4 list items are"),
    ],
)
@pytest.mark.parametrize("chrome", [False, True])
def test_a_page_of_contact_lines_alone_is_said_to_be_so(
    tmp_path: Path, items: list[str], said: str, chrome: bool
) -> None:
    """A page whose only list holds the site's contact lines (or menus) was said to show
    no text (the fresh tester, helper 58): it says what it left out."""
    from conftest import run_here

    listed = "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    page = tmp_path / "page.html"
    page.write_text(f"<nav>{listed}</nav>" if chrome else listed, encoding="utf-8")
    code, out, err = run_here(["draft", str(page), "--published", "2020"])
    assert (code, out) == (1, "")
    assert err == (
        f"partyintl: error: {page}: 1 problem\n  (top level): the page shows no title or "
        f"paragraph, and {said} the site's menus, header, footer, contact lines, social "
        "network links or items with no letter, which a draft leaves out\nGive a page of "
        "the party's site (HTML or text) or a CSV table of names.\n"
    ), err
    assert list(tmp_path.iterdir()) == [page]


@pytest.mark.parametrize(
    "args", [["--data", "-", "partners"], ["validate", "-"], ["--data", "-", "timeline"]]
)
@pytest.mark.parametrize("given", [b"{", b'{"schema_version": 2}', b"", b"[1, 2]"])
def test_a_problem_in_standard_input_names_it_so(args: list[str], given: bytes) -> None:
    """Errors of `--data -` named the file /dev/stdin, a name the user never typed."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *args], input=given, capture_output=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.decode().startswith("partyintl: error: standard input: "), done.stderr
    assert b"/dev/stdin" not in done.stderr


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n", b" \n\t"])
@pytest.mark.parametrize("command", ["partners", "validate", "draft"])
def test_a_file_of_nothing_but_a_byte_order_mark_is_empty(
    tmp_path: Path, content: bytes, command: str
) -> None:
    """A file holding only a byte-order mark was called "cut short" (malformed JSON): it
    is empty, as a file of nothing is."""
    from conftest import run_here

    path = tmp_path / "f.json"
    path.write_bytes(content)
    argv = {
        "partners": ["--data", str(path), "partners"],
        "validate": ["validate", str(path)],
        "draft": ["draft", str(path), "--party", "X", "--published", "2024"],
    }[command]
    code, out, err = run_here(argv)
    assert (code, out) == (1, ""), err
    assert "the file is empty" in err, err


@pytest.mark.parametrize(
    "start",
    ["<!DOCTYPE html>", "<html lang=en>", "\ufeff<html>", "  \n<!-- saved -->\n<html>", "<body>"],
)
@pytest.mark.parametrize("command", ["partners", "validate"])
def test_a_web_page_given_as_data_is_said_with_draft(
    tmp_path: Path, start: str, command: str
) -> None:
    """A party's HTML page given as `--data` got "malformed JSON ... fix the JSON syntax":
    it is a page to draft a data file from, and the message says how."""
    from conftest import run_here

    page = tmp_path / "page.html"
    page.write_text(f"{start}<ul><li>Labour Party (Norway)</li></ul></html>", encoding="utf-8")
    argv = ["--data", str(page), "partners"] if command == "partners" else ["validate", str(page)]
    code, out, err = run_here(argv)
    assert (code, out) == (1, ""), err
    assert "a web page (HTML), not a JSON data file" in err
    assert f"partyintl draft {page} -o data.json" in err
