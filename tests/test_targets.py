"""A path given to -o means what it says: every form of output path, beside the shell.

Each row sets up one form of path (a new name, a read-only file, a name ending in `/`,
`.`, a dangling link, a device, a FIFO, a missing or read-only folder ...) twice, writes
it once with `partyintl export -o PATH` and once with `sh -c 'cat > PATH'` (or `cp`, for
the rows where partyintl does as cp does), and compares what happened: written or
refused, and every file left in the folder (kind, mode, old or new content). Where
partyintl differs from both on purpose, the row says so and why.

Permissions only mean something to a user who is not root: run as root, both sides run
as `nobody` through setpriv (skipped with the reason when that is not possible).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from partyintl.answer import FORMAT_BY_EXTENSION
from partyintl.render.view import OutputFormat

OLD = b"old content\n"
SH_NEW = b"new from sh\n"


def _user() -> tuple[list[str], int, int] | None:
    """The command prefix, uid and gid to run both sides as someone who is not root."""
    if os.geteuid() != 0:
        return [], os.geteuid(), os.getegid()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    try:
        import pwd

        nobody = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return None
    prefix = [
        setpriv,
        f"--reuid={nobody.pw_uid}",
        f"--regid={nobody.pw_gid}",
        "--clear-groups",
    ]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import partyintl"], capture_output=True)
    if probe.returncode != 0:
        return None
    return prefix, nobody.pw_uid, nobody.pw_gid


USER = _user()
pytestmark = pytest.mark.skipif(
    USER is None,
    reason="run as root without a way to drop to an ordinary user (setpriv, nobody): "
    "permissions cannot be compared",
)


def _file(folder: Path, name: str, mode: int = 0o640) -> None:
    (folder / name).write_bytes(OLD)
    (folder / name).chmod(mode)


# Each set-up makes the situation in an empty folder and returns the path to give -o
# (relative to the folder, which is the working directory of both writers).
Setup = Callable[[Path], str]


def new_name(d: Path) -> str:
    return "new.out"


def existing_file(d: Path) -> str:
    _file(d, "old.out")
    return "old.out"


def read_only_file(d: Path) -> str:
    _file(d, "old.out", 0o444)
    return "old.out"


def link_to_read_only_file(d: Path) -> str:
    _file(d, "old.out", 0o444)
    (d / "link").symlink_to("old.out")
    return "link"


def new_name_in_read_only_folder(d: Path) -> str:
    (d / "ro").mkdir(mode=0o555)
    return "ro/new.out"


def writable_file_in_read_only_folder(d: Path) -> str:
    (d / "ro").mkdir()
    _file(d / "ro", "old.out", 0o644)
    (d / "ro").chmod(0o555)
    return "ro/old.out"


def folder_closed_to_the_user(d: Path) -> str:
    (d / "closed").mkdir(mode=0o000)
    return "closed/new.out"


def trailing_slash_new(d: Path) -> str:
    return "new.out/"


def trailing_slash_on_file(d: Path) -> str:
    _file(d, "old.out")
    return "old.out/"


def dot(d: Path) -> str:
    _file(d, "old.out")
    return "."


def dot_dot(d: Path) -> str:
    (d / "sub").mkdir()
    return "sub/.."


def folder(d: Path) -> str:
    (d / "sub").mkdir()
    return "sub"


def folder_slash(d: Path) -> str:
    (d / "sub").mkdir()
    return "sub/"


def dangling_link(d: Path) -> str:
    (d / "link").symlink_to("missing.out")
    return "link"


def link_to_file(d: Path) -> str:
    _file(d, "old.out")
    (d / "link").symlink_to("old.out")
    return "link"


def link_to_folder(d: Path) -> str:
    (d / "sub").mkdir()
    (d / "link").symlink_to("sub")
    return "link"


def missing_parent(d: Path) -> str:
    return "nowhere/new.out"


def parent_is_file(d: Path) -> str:
    _file(d, "old.out")
    return "old.out/new.out"


def parent_is_dangling_link(d: Path) -> str:
    (d / "dlink").symlink_to("missing")
    return "dlink/new.out"


def empty_name(d: Path) -> str:
    return ""


def dev_null(d: Path) -> str:
    return "/dev/null"


def fifo(d: Path) -> str:
    os.mkfifo(d / "pipe", 0o644)
    return "pipe"


# (set-up, reference whose outcome partyintl must match, why when it is not the shell).
# "refused" and "written" stand for an outcome given here rather than a tool's.
ROWS: list[tuple[Setup, str, str]] = [
    (new_name, "sh", ""),
    (existing_file, "sh", ""),
    (read_only_file, "sh", ""),
    (link_to_read_only_file, "sh", ""),
    (new_name_in_read_only_folder, "sh", ""),
    (
        writable_file_in_read_only_folder,
        "refused",
        "the shell and cp overwrite it in place; partyintl replaces files whole through a "
        "new file beside them, which the folder forbids, and never writes half a file",
    ),
    (folder_closed_to_the_user, "sh", ""),
    (trailing_slash_new, "sh", ""),
    (trailing_slash_on_file, "sh", ""),
    (dot, "sh", ""),
    (dot_dot, "sh", ""),
    (folder, "sh", ""),
    (folder_slash, "sh", ""),
    (
        dangling_link,
        "cp",
        "the shell creates the link's target, a file the user never named; cp refuses",
    ),
    (link_to_file, "sh", ""),
    (link_to_folder, "sh", ""),
    (missing_parent, "sh", ""),
    (parent_is_file, "sh", ""),
    (parent_is_dangling_link, "sh", ""),
    (empty_name, "sh", ""),
    (dev_null, "sh", ""),
    (fifo, "sh", ""),
]


#: How each writer's new content is told from anything else.
NEW: dict[str, Callable[[bytes], bool]] = {
    "sh": lambda data: data == SH_NEW,
    "cp": lambda data: data == SH_NEW,
    "popolo": lambda data: data.startswith(b'{\n  "organizations"'),
    "sqlite": lambda data: data.startswith(b"SQLite format 3\x00"),
}
#: Where the SQLite export differs from the other writers, and why.
SQLITE_REFUSES = {
    dev_null: "a database is a file SQLite opens, locks and journals: it is never streamed",
    fifo: "a database is a file SQLite opens, locks and journals: it is never streamed",
}


def _snapshot(d: Path, is_new: Callable[[bytes], bool]) -> dict[str, tuple[str, ...]]:
    """Every entry under d: its kind, mode, and whether it holds the old or new content."""
    seen: dict[str, tuple[str, ...]] = {}
    for path in sorted(d.rglob("*")):
        info = path.lstat()
        name = str(path.relative_to(d))
        mode = oct(stat.S_IMODE(info.st_mode))
        if stat.S_ISLNK(info.st_mode):
            seen[name] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            seen[name] = ("folder", mode)
        elif stat.S_ISFIFO(info.st_mode):
            seen[name] = ("fifo", mode)
        else:
            data = path.read_bytes()
            content = "old" if data == OLD else "new" if is_new(data) else repr(data[:40])
            seen[name] = ("file", mode, content)
    return seen


@pytest.fixture
def place() -> Iterator[Callable[[Setup], tuple[Path, str]]]:
    """Folders for the rows, owned by the user both sides run as."""
    assert USER is not None
    _, uid, gid = USER
    base = Path(tempfile.mkdtemp(prefix="partyintl-targets-"))
    os.chmod(base, 0o755)

    def make(setup: Setup) -> tuple[Path, str]:
        d = Path(tempfile.mkdtemp(dir=base))
        os.chmod(d, 0o755)
        path = setup(d)
        for p in [d, *d.rglob("*")]:
            os.lchown(p, uid, gid)
        return d, path

    yield make
    for p in base.rglob("*"):  # read-only folders too
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(base)


def _run(argv: list[str], cwd: Path, stdin: bytes, fifo_at: Path | None) -> tuple[int, bytes]:
    """Run as the user; a FIFO gets a reader, whose bytes are returned."""
    assert USER is not None
    received: list[bytes] = []
    reader = None
    if fifo_at is not None:
        reader = threading.Thread(target=lambda: received.append(fifo_at.read_bytes()))
        reader.start()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PARTYINTL_CACHE_DIR": os.environ.get("PARTYINTL_CACHE_DIR", ""),
        "PYTHONPATH": str(ROOT / "src"),
        "LC_ALL": "C.UTF-8",
    }
    done = subprocess.run(
        [*USER[0], *argv], cwd=cwd, input=stdin, capture_output=True, env=env, timeout=60
    )
    if reader is not None and fifo_at is not None:
        if reader.is_alive():  # the writer never opened it: let the reader see the end
            os.close(os.open(fifo_at, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=30)
    return done.returncode, received[0] if received else b""


def _outcome(code: int, d: Path, writer: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    return ("written" if code == 0 else "refused", _snapshot(d, NEW[writer]))


@pytest.mark.parametrize(("setup", "reference", "why"), ROWS, ids=[r[0].__name__ for r in ROWS])
def test_each_path_form_means_what_the_shell_takes_it_to_mean(
    setup: Setup, reference: str, why: str, place: Callable[[Setup], tuple[Path, str]]
) -> None:
    ref_dir, path = place(setup)
    before = _snapshot(ref_dir, NEW["sh"])
    if reference in ("sh", "cp"):
        src = ref_dir.parent / "src-for-cp"
        src.write_bytes(SH_NEW)
        src.chmod(0o644)
        ref_argv = ["sh", "-c", 'cat > "$1"', "sh", path]
        if reference == "cp":
            ref_argv = ["cp", str(src), path]
        ref_code, _ = _run(ref_argv, ref_dir, SH_NEW, ref_dir / path if setup is fifo else None)
        expected = _outcome(ref_code, ref_dir, reference)
    else:
        expected = (reference, before)
    for writer in ("popolo", "sqlite"):
        d, _ = place(setup)
        argv = [sys.executable, "-m", "partyintl", "export", "-f", writer, "-o", path]
        code, piped = _run(argv, d, b"", d / path if setup is fifo else None)
        ours = _outcome(code, d, writer)
        if writer == "sqlite" and setup in SQLITE_REFUSES:
            assert ours == ("refused", before), SQLITE_REFUSES[setup]
        else:
            assert ours == expected, (writer, why or reference)
        assert code == (0 if ours[0] == "written" else 2), writer
        if ours[0] == "refused":
            assert ours[1] == before  # nothing written, nothing left behind
        if setup is fifo and writer == "popolo":
            assert NEW["popolo"](piped)


def empty_folder(d: Path) -> str:
    (d / "pkg").mkdir(mode=0o700)
    return "pkg"


def full_folder(d: Path) -> str:
    (d / "pkg").mkdir()
    _file(d / "pkg", "mine.csv")
    return "pkg"


def read_only_empty_folder(d: Path) -> str:
    (d / "pkg").mkdir(mode=0o555)
    return "pkg"


def link_to_empty_folder(d: Path) -> str:
    (d / "pkg").mkdir()
    (d / "link").symlink_to("pkg")
    return "link"


def new_folder_in_read_only_folder(d: Path) -> str:
    (d / "ro").mkdir(mode=0o555)
    return "ro/pkg"


#: A Data Package is a folder: new, or empty (its mode kept); anything else is refused.
FOLDER_ROWS: list[tuple[Setup, str]] = [
    (new_name, "written"),
    (trailing_slash_new, "written"),
    (empty_folder, "written"),
    (full_folder, "refused"),
    (read_only_empty_folder, "refused"),
    (link_to_empty_folder, "refused"),
    (dangling_link, "refused"),
    (existing_file, "refused"),
    (new_folder_in_read_only_folder, "refused"),
    (folder_closed_to_the_user, "refused"),
    (missing_parent, "refused"),
    (parent_is_file, "refused"),
    (empty_name, "refused"),
    (dev_null, "refused"),
]


@pytest.mark.parametrize(
    ("setup", "outcome"), FOLDER_ROWS, ids=[r[0].__name__ for r in FOLDER_ROWS]
)
def test_each_path_form_for_a_folder(
    setup: Setup, outcome: str, place: Callable[[Setup], tuple[Path, str]]
) -> None:
    d, path = place(setup)
    before = _snapshot(d, NEW["sh"])
    argv = [sys.executable, "-m", "partyintl", "export", "-f", "datapackage", "-o", path]
    code, _ = _run(argv, d, b"", None)
    assert code == (0 if outcome == "written" else 2)
    after = _snapshot(d, NEW["sh"])
    if outcome == "refused":
        assert after == before
        return
    made = path.rstrip("/")
    mode = before.get(made, ("folder", "0o755"))[1]  # an empty folder keeps its mode
    assert after[made] == ("folder", mode)
    assert {k for k in after if k != made} == {f"{made}/{p}" for p in _package_files()}
    assert {v[:2] for k, v in after.items() if k != made} == {
        ("file", "0o600" if mode == "0o700" else "0o644")
    }


@cache
def _package_files() -> frozenset[str]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "partyintl", "export", "-f", "datapackage", "-o", f"{tmp}/p"],
            check=True,
            capture_output=True,
        )
        return frozenset(os.listdir(f"{tmp}/p"))


# Not /dev/stdout itself: were the refusal ever lost, the test would replace the machine's
# /dev/stdout; /dev/fd/N and /proc/self/fd/N are taken the same way and cannot be replaced.
@pytest.mark.parametrize("form", ["/dev/fd/{fd}", "/proc/self/fd/{fd}", "//dev/fd/{fd}", "link"])
@pytest.mark.parametrize("command", [["export", "-f", "sqlite"], ["network", "-f", "sqlite"]])
def test_a_database_is_never_built_over_a_descriptors_path(
    form: str, command: list[str], tmp_path: Path
) -> None:
    """A descriptor's path that leads to a regular file (stdout sent to a file) is written
    into by every other output; a SQLite database, made whole and renamed into place,
    would replace the path itself (/dev/stdout). It is refused, and nothing is written."""
    out = tmp_path / "out.db"
    with open(out, "wb") as handle:
        fd = handle.fileno()
        path = form.format(fd=fd)
        if form == "link":  # a symlink of the user's own to the descriptor's path
            path = str(tmp_path / "link")
            os.symlink(f"/dev/fd/{fd}", path)
        argv = [sys.executable, "-m", "partyintl", *command, "-o", path]
        done = subprocess.run(
            argv, stdout=handle, stderr=subprocess.PIPE, text=True, pass_fds=(fd,)
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"partyintl: error: cannot write {path}: it names an open descriptor, and a database "
        "is made as a file of its own and renamed into place; nothing was written. Give a "
        "file name.\n"
    )
    assert out.read_bytes() == b""


def test_a_descriptors_path_is_no_regular_file_of_its_own(tmp_path: Path) -> None:
    from partyintl.export import files

    with open(tmp_path / "f", "wb") as handle:
        for form in ("/dev/fd/{}", "/proc/self/fd/{}"):
            target = files.file_target(form.format(handle.fileno()))
            assert target.info is not None and stat.S_ISREG(target.info.st_mode)
            assert not target.regular
    assert files.file_target(str(tmp_path / "f")).regular


def test_a_descriptors_path_is_known_however_it_is_spelt(tmp_path: Path) -> None:
    from partyintl.export.files import through_descriptor

    (tmp_path / "to-stdout").symlink_to("/dev/stdout")
    (tmp_path / "chain").symlink_to(tmp_path / "to-stdout")
    (tmp_path / "dev").symlink_to("/dev")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    (tmp_path / "to-plain").symlink_to(tmp_path / "plain")
    spelt = [
        "/dev/stdout", "//dev/stdout", "///dev/stderr", "/dev/./stdout", "/dev/../dev/stdout",
        "/dev/stdin", "//proc/self/fd/1", "/dev/fd/2", str(tmp_path / "to-stdout"),
        str(tmp_path / "chain"), str(tmp_path / "dev" / "stdout"), str(tmp_path / "dev/fd/1"),
    ]  # fmt: skip
    assert [p for p in spelt if not through_descriptor(p)] == []
    others = ["/dev/null", "/tmp", str(tmp_path / "plain"), str(tmp_path / "to-plain")]
    others += [str(tmp_path / "loop"), str(tmp_path / "missing"), "dev-stdout", ""]
    assert [p for p in others if through_descriptor(p)] == []


@settings(max_examples=40, deadline=None)
@given(
    fmt=st.sampled_from([f for f in OutputFormat if f is not OutputFormat.TABLE]),
    extension=st.sampled_from([*FORMAT_BY_EXTENSION, ".dat", ""]),
)
def test_a_name_that_says_another_format_is_refused(
    tmp_path_factory: pytest.TempPathFactory, fmt: OutputFormat, extension: str
) -> None:
    """`map -f png -o notes.txt` wrote a PNG into a text file, `partners -f json -o x.csv`
    JSON into a CSV name (a fresh tester): with --format, a name whose extension says
    another format is refused and nothing written; .txt takes any text, a name no format
    claims anything."""
    from conftest import run_here

    target = tmp_path_factory.mktemp("named") / f"out{extension}"
    code, out, err = run_here(["partners", "-n", "3", "-f", fmt.value, "-o", str(target)])
    named = FORMAT_BY_EXTENSION.get(extension)
    fits = named is None or named == fmt
    fits = fits or (fmt is OutputFormat.CSV_EXCEL and named is OutputFormat.CSV)
    fits = fits or (fmt is OutputFormat.PLAIN and named is OutputFormat.TSV)  # the same text
    fits = fits or (named is OutputFormat.PLAIN and fmt is not OutputFormat.PNG)
    if fits:
        assert (code, err) == (0, f"Wrote {target}\n")
        return
    assert (code, out) == (2, "") and not target.exists()
    said = "text" if named is OutputFormat.PLAIN else named.value  # type: ignore[union-attr]
    assert err.startswith(
        f"partyintl: error: -o {target}: the name says {said}, and the output is {fmt.value}; "
        "nothing was written."
    )


@pytest.mark.parametrize("kind", ["popolo", "graphml", "sqlite", "datapackage"])
@pytest.mark.parametrize("extension", [".json", ".csv", ".txt", ".png", ".sqlite", ".graphml"])
def test_an_export_named_as_another_format_is_refused(
    tmp_path: Path, kind: str, extension: str
) -> None:
    """`export -f sqlite -o mydata.json` turned a data file into a database."""
    from conftest import DATA, run_here

    target = tmp_path / f"out{extension}"
    target.write_bytes(DATA.read_bytes())  # a data file, which a wrong name would lose
    code, _, err = run_here(["export", "-f", kind, "-o", str(target)])
    refused = kind != "datapackage" and (  # a folder's name says nothing
        extension in (".csv", ".png")
        or (extension == ".json" and kind != "popolo")
        or (extension == ".txt" and kind == "sqlite")
        or (extension == ".sqlite" and kind != "sqlite")  # another of partyintl's files
        or (extension == ".graphml" and kind != "graphml")
    )
    if refused:
        assert code == 2 and "the name says" in err
        assert target.read_bytes() == DATA.read_bytes()
    else:
        assert "the name says" not in err
