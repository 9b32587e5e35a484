"""Writes never lose data: export targets of every kind, full disks, closed streams, signals."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import DATA, run_cli

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
    expected = (130, "interrupted") if signum == signal.SIGINT else (128 + signum, "terminated")
    assert proc.returncode == expected[0]
    assert list(folder.iterdir()) == []
    assert err.decode() == f"partyintl: {expected[1]}\n"
