"""The private folders an output is written in beside its target (`.partyintl-HOST-PID-
XXXX.tmp`): a process killed outright cannot remove its own, so the next write into the
same folder removes those of this machine whose process no longer runs, and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from partyintl.export import files


def _dead_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


@pytest.fixture(scope="module")
def alive() -> object:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.skipif(not hasattr(os, "uname"), reason="a machine's name")
@pytest.mark.parametrize("host", ["here", "elsewhere", "here-too"])
@pytest.mark.parametrize("pid", ["dead", "alive", "self", "none"])
@pytest.mark.parametrize("kind", ["folder", "link", "file"])
@pytest.mark.parametrize("command", [["export", "-f", "sqlite"], ["export", "-f", "datapackage"]])
def test_only_this_machines_scratch_of_a_process_gone_is_removed(
    tmp_path: Path,
    alive: subprocess.Popen[bytes],
    host: str,
    pid: str,
    kind: str,
    command: list[str],
) -> None:
    """A write beside a target removes a scratch folder left behind (this machine's name,
    a process that no longer runs, a folder of this user); one of another machine, of a
    running process, a link or a file of that name stays, and so does what a link points
    to."""
    out = tmp_path / "out"
    out.mkdir()
    name = os.uname().nodename.replace("/", "_") or "host"
    owner = {"here": name, "elsewhere": name + "x", "here-too": name}[host]
    number = {
        "dead": str(_dead_pid()),
        "alive": str(alive.pid),
        "self": str(os.getpid()),
        "none": "pid",
    }[pid]
    left = out / f".partyintl-{owner}-{number}-abc_12.tmp"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kept").write_text("kept", encoding="ascii")
    if kind == "folder":
        left.mkdir()
        (left / "new").write_bytes(b"SQLite format 3\x00 partial")
    elif kind == "link":
        left.symlink_to(elsewhere, target_is_directory=True)
    else:
        left.write_text("a file of that name", encoding="ascii")
    target = out / ("x.db" if "sqlite" in command else "tables")
    done = run_cli(*command, "-o", str(target))
    assert (done.returncode, done.stderr) == (0, f"Wrote {target}\n")
    removed = kind == "folder" and host != "elsewhere" and pid == "dead"
    assert left.exists() is not removed
    assert (elsewhere / "kept").read_text(encoding="ascii") == "kept"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [target.name] + ([] if removed else [left.name])
    )


def test_a_scratch_folder_names_this_machine_and_process(tmp_path: Path) -> None:
    made = files.scratch_folder(str(tmp_path))
    name = os.path.basename(made)
    assert name.startswith(f"{files.SCRATCH}{files._host()}-{os.getpid()}-")
    assert name.endswith(".tmp")
    assert os.stat(made).st_mode & 0o777 == 0o700
