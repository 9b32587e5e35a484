"""Writes never lose data: export targets of every kind, full disks, closed streams, signals."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, run_cli
from partyintl.answer import FOREIGN_EXTENSIONS

POPOLO = ["export", "--format", "popolo"]


def _exported() -> str:
    return run_cli(*POPOLO).stdout


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = run_cli(*POPOLO, "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == _exported()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_new_file_respects_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    code = (
        "import os, sys; os.umask(0o027); sys.argv[1:] = "
        f"{[*POPOLO, '-o', str(target)]!r}; from partyintl.__main__ import main; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_hard_link_being_split_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    other = tmp_path / "b.json"
    os.link(target, other)
    result = run_cli(*POPOLO, "-o", str(target))
    assert result.returncode == 0
    assert result.stderr == (
        f"Note: {target} had 1 other hard link(s); they keep the old content.\nWrote {target}\n"
    )
    assert other.read_text(encoding="utf-8") == "old"


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli(*POPOLO, "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == [_exported().encode("utf-8")]


def test_dev_stdout_is_written_into(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "partyintl", *POPOLO, "-o", "/dev/stdout"], stdout=handle
        )
    assert done.returncode == 0
    assert out.read_text(encoding="utf-8") == _exported()


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
def test_the_data_file_being_read_is_never_a_target(tmp_path: Path, how: str) -> None:
    data = tmp_path / "s.json"
    data.write_bytes(DATA.read_bytes())
    target = data
    if how == "symlink":
        target = tmp_path / "link.json"
        target.symlink_to(data)
    elif how == "hardlink":
        target = tmp_path / "hard.json"
        os.link(data, target)
    result = run_cli("--data", str(data), *POPOLO, "-o", str(target))
    assert result.returncode == 2
    assert result.stderr == (
        f"partyintl: error: -o {target} is the data file being read; nothing was written. "
        "Give another output file.\n"
    )
    assert data.read_bytes() == DATA.read_bytes()


#: Each command that reads the --data files and writes with -o, with arguments it needs.
_READING_DATA = {
    "partners": [],
    "show": ["Mironov"],
    "countries": [],
    "map": ["-f", "svg"],
    "graph": ["-f", "svg"],
    "spectrum": [],
    "timeline": [],
    "people": [],
    "contacts": [],
    "report": [],
    "sources": [],
    "regions": [],
    "tags": [],
    "export": ["-f", "popolo"],
    "memberships": ["A JUST RUSSIA"],
    "shared": ["A JUST RUSSIA", "Social Democratic Party of Germany"],
    "ties": ["SPD"],
    "network": ["-f", "gexf"],
}


@pytest.mark.parametrize("listed", ["--data", "PARTYINTL_DATA"])
@pytest.mark.parametrize("command", sorted(_READING_DATA))
def test_no_data_file_read_is_a_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, listed: str
) -> None:
    """`--data a.json --data b.json export -o b.json` wrote over b.json (a tester's find):
    only the first file was kept from being a target. Every file read, the second given
    by --data or by PARTYINTL_DATA's list, is refused as -o of every command."""
    from conftest import run_here
    from partyintl.collection import bundled_file
    from partyintl.data.load import ENV_VAR

    monkeypatch.chdir(tmp_path)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_bytes(DATA.read_bytes())
    roster = Path(bundled_file("si-membership")).read_bytes()
    second.write_bytes(roster)
    if listed == "--data":
        given = ["--data", "a.json", "--data", "b.json"]
    else:
        monkeypatch.setenv(ENV_VAR, "a.json" + os.pathsep + "b.json")
        given = []
    code, out, err = run_here([*given, command, *_READING_DATA[command], "-o", "b.json"])
    assert (code, out, err) == (
        2,
        "",
        "partyintl: error: -o b.json is the data file being read; nothing was written. "
        "Give another output file.\n",
    )
    assert second.read_bytes() == roster


@pytest.mark.parametrize(
    "args",
    [["partners"], ["--version"], ["--help"], ["partners", "--help"], POPOLO],
    ids=["partners", "version", "help", "command help", "export"],
)
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "typer"])
def test_a_full_disk_is_exit_1_never_a_short_answer(args: list[str], fast: bool) -> None:
    env = {**os.environ, "COLUMNS": "100"}
    if not fast:
        env["PARTYINTL_NO_FAST"] = "1"
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "partyintl", *args], stdout=full, stderr=subprocess.PIPE, env=env
        )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "partyintl: error: cannot write standard output: No space left on device\n"
    )


def test_export_to_a_full_device_is_exit_1() -> None:
    result = run_cli(*POPOLO, "-o", "/dev/full")
    assert (result.returncode, result.stderr) == (
        1,
        "partyintl: error: cannot write /dev/full: No space left on device\n",
    )


def test_closed_stdout_and_stderr_exit_cleanly() -> None:
    cmd = f'"{sys.executable}" -m partyintl partners'
    closed_out = subprocess.run(["sh", "-c", f"{cmd} >&-"], capture_output=True, text=True)
    assert closed_out.returncode == 1
    assert (
        closed_out.stderr
        == "partyintl: error: cannot write standard output: the stream is closed\n"
    )
    closed_err = subprocess.run(["sh", "-c", f"{cmd} -c nowhere 2>&-"], capture_output=True)
    assert (closed_err.returncode, closed_err.stdout) == (2, b"")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_export_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export.json"
    # Slow the write down so the signal lands while the temporary file exists.
    code = (
        "import os, sys, time\n"
        "import partyintl.export.files as f\n"
        "real = f.write_all\n"
        "def slow(fd, data, name):\n"
        "    print('writing', flush=True); time.sleep(30); real(fd, data, name)\n"
        "f.write_all = slow\n"
        f"sys.argv[1:] = {[*POPOLO, '-o', str(target)]!r}\n"
        "from partyintl.__main__ import main\nmain()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"writing\n"
    assert any(p.name.endswith(".tmp") for p in folder.iterdir())
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    words = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}
    expected = (130 if signum == signal.SIGINT else 128 + signum, words[signum])
    assert proc.returncode == expected[0]
    assert list(folder.iterdir()) == []
    assert err.decode() == f"partyintl: {expected[1]}\n"


# --- SQLite: the files a database keeps beside it ----------------------------------------


def _spd_name(path: Path) -> str:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return str(db.execute("SELECT name FROM organizations WHERE id = 'spd'").fetchone()[0])
    finally:
        db.close()


def test_a_database_open_in_wal_mode_is_replaced_whole(tmp_path: Path) -> None:
    import sqlite3

    target = tmp_path / "out.db"
    assert run_cli("export", "-f", "sqlite", "-o", str(target)).returncode == 0
    target.chmod(0o640)
    viewer = sqlite3.connect(target)  # a viewer (datasette) with changes still in its WAL
    viewer.execute("PRAGMA journal_mode = WAL")
    viewer.execute("PRAGMA wal_autocheckpoint = 0")
    viewer.execute("UPDATE organizations SET name = 'STALE' WHERE id = 'spd'")
    viewer.commit()
    assert {p.name for p in tmp_path.iterdir()} == {"out.db", "out.db-wal", "out.db-shm"}
    result = run_cli("export", "-f", "sqlite", "-o", str(target))
    assert (result.returncode, result.stderr) == (0, f"Wrote {target}\n")
    # The viewer's next query sees the new database, as does a new reader.
    name = "Socialist Democratic Party of Germany"
    assert viewer.execute("SELECT name FROM organizations WHERE id = 'spd'").fetchone() == (name,)
    assert _spd_name(target) == name
    viewer.close()
    assert _spd_name(target) == name
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


@pytest.mark.parametrize("left", [["-wal"], ["-journal"], ["-wal", "-shm"]])
def test_side_files_of_no_database_are_refused(tmp_path: Path, left: list[str]) -> None:
    target = tmp_path / "out.db"
    for end in left:
        (tmp_path / f"out.db{end}").write_bytes(b"left from an old database")
    result = run_cli("export", "-f", "sqlite", "-o", str(target))
    names = " and ".join(f"out.db{end}" for end in left)
    belong, them = ("belongs", "it") if len(left) == 1 else ("belong", "them")
    assert (result.returncode, result.stderr) == (
        2,
        f"partyintl: error: cannot write {target}: {names} beside it {belong} to no database, "
        f"and SQLite would apply {them} to the new one; nothing was written. Remove {them}, or "
        "give another name.\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"out.db{e}" for e in left)


def test_a_database_another_program_is_writing_is_left_alone(
    tmp_path: Path, ds: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from partyintl.errors import OutputError
    from partyintl.export import sqlite as export

    target = tmp_path / "out.db"
    assert run_cli("export", "-f", "sqlite", "-o", str(target)).returncode == 0
    before = target.read_bytes()
    writer = sqlite3.connect(target, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(export, "BUSY_WAIT", 0.05)
    with pytest.raises(OutputError) as caught:
        list(export.export_sqlite(ds, str(target)))  # type: ignore[arg-type]
    writer.execute("ROLLBACK")
    writer.close()
    assert str(caught.value) == (
        f"cannot write {target}: another program holds this database locked; close it and try again"
    )
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


# --- Permissions ---------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file (as with >)")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ro.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    result = run_cli(*POPOLO, "-o", str(target))
    assert (result.returncode, result.stderr) == (
        2,
        f"partyintl: error: cannot write {target}: permission denied (the file is read-only "
        "to you); nothing was written. Give another file, or make it writable first "
        "(chmod u+w).\n",
    )
    assert target.read_text(encoding="utf-8") == "old"


def test_a_read_only_file_is_refused_as_an_ordinary_user(tmp_path: Path) -> None:
    """The same, from root, as `nobody` (the test above runs only when not root)."""
    from test_targets import USER

    if USER is None or not USER[0]:
        pytest.skip("not root, or no way to run as another user: the test above covers it")
    folder = Path(tempfile.mkdtemp(prefix="partyintl-ro-"))  # a path nobody can reach
    folder.chmod(0o755)
    target = folder / "ro.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    for p in (folder, target):
        os.chown(p, USER[1], USER[2])
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(DATA.parents[1] / "src")}
    done = subprocess.run(
        [*USER[0], sys.executable, "-m", "partyintl", *POPOLO, "-o", str(target)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"partyintl: error: cannot write {target}: permission denied (the file is read-only "
        "to you); nothing was written. Give another file, or make it writable first "
        "(chmod u+w).\n",
    )
    assert target.read_text(encoding="utf-8") == "old"
    shutil.rmtree(folder)


@pytest.mark.parametrize(
    ("umask", "folder_mode", "expected"),
    [
        (0o022, 0o700, (0o700, 0o600)),  # the example: a private folder stays private
        (0o022, 0o750, (0o750, 0o640)),
        (0o022, 0o755, (0o755, 0o644)),
        (0o077, 0o755, (0o755, 0o600)),
        (0o022, None, (0o755, 0o644)),  # a new folder: the usual modes under the umask
        (0o027, None, (0o750, 0o640)),
    ],
)
def test_a_data_package_keeps_its_folders_privacy(
    tmp_path: Path, umask: int, folder_mode: int | None, expected: tuple[int, int]
) -> None:
    target = tmp_path / "package"
    if folder_mode is not None:
        target.mkdir()
        target.chmod(folder_mode)
    argv = ["export", "-f", "datapackage", "-o", str(target)]
    code = (
        f"import os, sys; os.umask({umask:#o}); sys.argv[1:] = {argv!r}; "
        "from partyintl.__main__ import main; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modes = {stat.S_IMODE(p.stat().st_mode) for p in target.iterdir()}
    assert (stat.S_IMODE(target.stat().st_mode), modes) == (expected[0], {expected[1]})
    assert [p.name for p in tmp_path.iterdir()] == ["package"]


@settings(max_examples=40, deadline=None)
@given(
    command=st.sampled_from(sorted(_READING_DATA) + ["schema", "validate"]),
    ext=st.sampled_from(sorted(FOREIGN_EXTENSIONS)),
    upper=st.booleans(),
    bare=st.booleans(),
)
def test_a_name_of_a_format_never_written_is_refused(
    tmp_path_factory: pytest.TempPathFactory, command: str, ext: str, upper: bool, bare: bool
) -> None:
    """`partners -o x.xlsx`, `schema -o s.png`, `validate -o v.png` and `partners -o .png`
    wrote plain text under a name that says another format (a tester's find). Any command,
    any such extension (in capitals too, or a name that is only the extension): refused,
    nothing written."""
    from conftest import run_here

    folder = tmp_path_factory.mktemp("foreign")
    name = ext if bare else "answer" + ext
    target = folder / (name.upper() if upper else name)
    args = [
        "--data",
        "bundled",
        "--data",
        "bundled:si-membership",
        command,
        *_READING_DATA.get(command, []),
    ]
    code, out, err = run_here([*args, "-o", str(target)])
    assert (code, out) == (2, ""), err
    assert f"-o {target}: the name says {FOREIGN_EXTENSIONS[ext]}, and the output is " in err
    assert not target.exists()


@pytest.mark.parametrize("name", ["schema.json", "SCHEMA.JSON", "schema.md", "schema.txt"])
def test_schema_writes_what_its_name_says(tmp_path: Path, name: str) -> None:
    """`schema -o s.json` wrote the schema in words; a name that says JSON now gets the
    JSON Schema (as `schema --json`), any other the words."""
    from conftest import run_here

    target = tmp_path / name
    assert run_here(["schema", "-o", str(target)])[0] == 0
    json_ = name.casefold().endswith(".json")
    assert (
        target.read_text(encoding="utf-8")
        == run_here(["schema", *(["--json"] if json_ else [])])[1]
    )


@settings(max_examples=30, deadline=None)
@given(
    asked=st.sampled_from(
        [
            (["export", "-f", "sqlite"], ".db"),
            (["export", "-f", "popolo"], ".json"),
            (["export", "-f", "graphml"], ".graphml"),
            (["network", "-f", "gexf"], ".gexf"),
            (["network", "-f", "sqlite"], ".sqlite"),
            (["graph"], ".txt"),
            (["partners"], ".txt"),
        ]
    ),
    ext=st.sampled_from([".db", ".sqlite", ".graphml", ".gexf"]),
)
def test_a_name_of_another_of_partyintls_files_is_refused(
    tmp_path_factory: pytest.TempPathFactory, asked: tuple[list[str], str], ext: str
) -> None:
    """`export -f sqlite -o x.graphml` wrote a database, `graph -o g.graphml` CSV and
    `export -f popolo -o x.db` JSON (a tester's finds). A name of one of partyintl's own
    files takes only what it says; the right name is written."""
    from conftest import run_here

    args, right = asked
    folder = tmp_path_factory.mktemp("own")
    both = ["--data", "bundled", "--data", "bundled:si-membership"]
    target = folder / f"out{ext}"
    code, out, err = run_here([*both, *args, "-o", str(target)])
    if (
        ext == right
        or (right == ".db" and ext == ".sqlite")
        or (right == ".sqlite" and ext == ".db")
    ):
        assert code == 0, err
        assert target.exists()
    else:
        assert (code, out) == (2, ""), err
        assert f"-o {target}: the name says " in err
        assert not target.exists()


@settings(max_examples=6, deadline=None)
@given(
    argv=st.sampled_from(
        [
            ["export", "-f", "sqlite"],
            ["network", "-f", "sqlite"],
            ["--data", "bundled", "--data", "bundled:si-membership", "network", "-f", "sqlite"],
            ["export", "-f", "popolo"],
        ]
    ),
    limit=st.sampled_from([4096, 16384, 65536]),
    existing=st.booleans(),
)
def test_a_database_that_meets_a_full_disk_says_so(
    tmp_path_factory: pytest.TempPathFactory, argv: list[str], limit: int, existing: bool
) -> None:
    """The SQLite export and the collection store said "internal error: OperationalError:
    database or disk is full ... report it" on a full disk or past `ulimit -f`, where
    every other file said "cannot write FILE: No space left on device". Under file size
    limits every database (new, or written into an old one) says that it cannot be
    written, exit 1, and leaves the target as it was."""
    import resource

    folder = tmp_path_factory.mktemp("full")
    target = folder / ("out.json" if "popolo" in argv else "out.db")
    if existing and target.suffix == ".db":
        assert (
            run_cli(
                "export",
                "-f",
                "sqlite",
                "-o",
                str(folder / "small.db"),
                "--data",
                "bundled:si-membership",
            ).returncode
            == 0
        )
        (folder / "small.db").rename(target)
    before = target.read_bytes() if target.exists() else None

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL")}
    env["PARTYINTL_NO_CACHE"] = "1"
    # Python's own bytecode files under the limit would be cut short (its FileIO writes
    # what fits) and break every later run that reads them: none is written.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *argv, "-o", str(target)],
        capture_output=True, env=env, preexec_fn=limited, timeout=120,
    )  # fmt: skip
    err = done.stderr.decode()
    assert (done.returncode, done.stdout) == (1, b""), err
    assert err.startswith(f"partyintl: error: cannot write {target}: "), err
    assert "internal error" not in err
    assert (target.read_bytes() if target.exists() else None) == before
    assert sorted(p.name for p in folder.iterdir()) == ([target.name] if before else [])


@settings(max_examples=30, deadline=None)
@given(
    argv=st.sampled_from(
        [
            ["partners", "-f", "csv"],
            ["partners"],
            ["export", "-f", "sqlite"],
            ["export", "-f", "popolo"],
            ["report"],
            ["map", "-f", "svg"],
            ["validate"],
            ["network", "-f", "csv"],
            ["export", "-f", "datapackage"],
        ]
    ),
    blank=st.sampled_from([" ", "  ", "\t", "\u00a0", "\n"]),
    before=st.booleans(),
)
def test_an_output_name_with_a_blank_end_is_refused(
    tmp_path_factory: pytest.TempPathFactory, argv: list[str], blank: str, before: bool
) -> None:
    """`-o 'out.csv '` wrote tab-separated text (the blank hid the extension) and said
    "Wrote out.csv " with the space unseen. A name with a blank at either end, for every
    command that writes: refused before anything is written, with the name it meant."""
    from partyintl.escaping import one_line

    folder = tmp_path_factory.mktemp("blank")
    folder_out = argv[-1] in ("datapackage",) or argv[:1] == ["network"]  # a folder
    name = {"export": "out.db" if "sqlite" in argv else "out.json", "report": "r.html"}.get(
        argv[0], "out.svg" if "svg" in argv else "out.txt" if argv == ["validate"] else "out.csv"
    )
    name = "out" if folder_out else name
    typed = f"{blank}{name}" if before else f"{name}{blank}"
    done = run_cli(*argv, "-o", str(folder / typed))
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr.startswith(
        f"partyintl: error: cannot write '{one_line(str(folder / typed))}': the name begins or "
        f"ends with a space; nothing was written. Give it without: '{folder / name}'."
    ), done.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "name", "made"),
    [
        (["export", "-f", "popolo"], "out.json", "the file is made through a new file"),
        (["partners", "--json"], "out.json", "the file is made through a new file"),
        (["export", "-f", "datapackage"], "pkg", "the folder is made through a new one"),
        (["export", "-f", "sqlite"], "out.db", "the file is made through a new file"),
    ],
)
def test_a_read_only_folder_is_said_to_be_so_for_a_file_or_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], name: str, made: str
) -> None:
    """Writing a data package into a read-only folder said "the file is made through a new
    file beside it", though the output is a folder (the fresh tester, helper 58, as a user
    who is not root; the tests run as root, so the folder's check is made to say no)."""
    from conftest import run_here
    from partyintl.export import files

    folder = str(tmp_path)
    real_may = files.may
    monkeypatch.setattr(files, "may", lambda p, m: p != folder and real_may(p, m))
    target = tmp_path / name
    code, out, err = run_here([*args, "-o", str(target)])
    assert (code, out) == (2, "")
    assert f"permission denied: the folder {folder} is read-only to you ({made} beside it)" in err
    assert list(tmp_path.iterdir()) == []
