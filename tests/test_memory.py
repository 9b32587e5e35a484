"""When memory runs out: a command says so in words (exit 1) and writes no partial file,
wherever the MemoryError comes from; under a limit of address space (`ulimit -v`),
native libraries that crash when an allocation fails (orjson: SIGSEGV; Rust's resvg:
SIGABRT in the PNG's child) are kept out of the way, and the answers stay the same."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_helpers import _with_plain_partners

from conftest import run_cli
from partyintl import lifecycle
from partyintl.data import fastparse, index

SRC = Path(lifecycle.__file__).parent
#: Where a command's own code runs; the start and end of the process (lifecycle, streams,
#: __main__, _stops) are what turn the error into words, and are left alone here.
_SPARED = {str(SRC / name) for name in ("lifecycle.py", "streams.py", "__main__.py", "_stops.py")}

COMMANDS = [
    ("partners", "--json"),
    ("timeline", "-f", "table"),
    ("contacts",),
    ("countries", "-f", "csv"),
    ("people", "--json"),
    ("export", "-f", "sqlite", "-o", "{out}/x.db"),
    ("map", "-f", "svg", "-o", "{out}/x.svg"),
]


def _fail_at(n: int) -> Any:
    """A trace function that raises MemoryError at the n-th call of partyintl's own code
    (outside _SPARED), once."""
    calls = [0]

    def trace(frame: Any, event: str, arg: Any) -> Any:
        if event != "call" or calls[0] < 0:
            return None
        name = frame.f_code.co_filename
        if name.startswith(str(SRC)) and name not in _SPARED:
            calls[0] += 1
            if calls[0] == n:
                calls[0] = -1
                raise MemoryError
        return None

    return trace


@settings(
    max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=st.sampled_from(COMMANDS), n=st.integers(1, 4000))
# A MemoryError put into a generator's finalizer can only be printed ("Exception ignored"):
# the console script's hook leaves it unsaid (test_a_memory_error_in_a_finalizer...).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_no_memory_is_said_in_words_wherever_it_runs_out(
    tmp_path_factory: pytest.TempPathFactory, command: tuple[str, ...], n: int
) -> None:
    """A MemoryError at any call of a command's code: the answer as without it (a cache
    that could not be written is no error), or exit 1 with the words of out_of_memory, no
    traceback, stdout no more than the start of the answer, and no output file."""
    out = tmp_path_factory.mktemp("out")
    args = [a.format(out=out) for a in command]
    cache = {"PARTYINTL_NO_CACHE": "1"}
    normal = run_cli(*args, env=cache)
    made = sorted(p.name for p in out.iterdir())
    for p in out.iterdir():
        p.unlink()
    sys.settrace(_fail_at(n))
    try:
        failed = run_cli(*args, env=cache)
    finally:
        sys.settrace(None)
    if failed.returncode == 0:
        assert (failed.stdout, failed.stderr) == (normal.stdout, normal.stderr)
        assert sorted(p.name for p in out.iterdir()) == made
        return
    assert failed.returncode == 1
    assert failed.stderr == lifecycle.out_of_memory() + "\n"
    assert normal.stdout.startswith(failed.stdout)
    assert list(out.iterdir()) == []


def test_the_words_say_the_limit_and_what_a_first_reading_takes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lifecycle, "_LIMIT", [None])
    assert lifecycle.out_of_memory() == (
        "partyintl: out of memory: the system gave this answer no more memory. Reading a "
        f"data file for the first time takes about {fastparse.PARSED_BYTES_PER_BYTE} times "
        "its size, a PNG figure tens of MB; later questions take far less. Free some "
        "memory or raise the limit, and run again."
    )
    monkeypatch.setattr(lifecycle, "_LIMIT", [96 * 1024 * 1024])
    assert "(the limit set by ulimit -v is 96 MiB). Reading" in lifecycle.out_of_memory()


@pytest.mark.parametrize(
    ("exc", "said"),
    [
        (MemoryError(), True),
        (ImportError("x.so: failed to map segment from shared object"), True),
        (OSError(12, "Cannot allocate memory"), True),
        (ImportError("No module named 'x'"), False),
        (OSError(2, "No such file or directory"), False),
        (ValueError("Cannot allocate memory"), False),
    ],
)
def test_what_counts_as_no_memory(exc: Exception, said: bool) -> None:
    assert lifecycle.lack_of_memory(exc) is said


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a child process needs fork")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")
@pytest.mark.parametrize("limit", [None, 64 * 1024 * 1024])
def test_a_png_child_that_crashes_under_a_limit_ran_out_of_memory(
    monkeypatch: pytest.MonkeyPatch, limit: int | None
) -> None:
    """Rust's resvg aborts (SIGABRT) when an allocation fails, and a child may fail before
    it can say why (exit 1, no answer): under a limit of address space either is a
    MemoryError (said in words); without one, the crash it is."""
    monkeypatch.setattr(lifecycle, "_threads", lambda: 1)
    monkeypatch.setattr(lifecycle, "_LIMIT", [limit])
    expected = lifecycle.ChildFailed if limit is None else MemoryError
    with pytest.raises(expected):
        lifecycle.in_child(_killed)
    with pytest.raises(expected):
        lifecycle.in_child(lambda: os._exit(1))
    with pytest.raises(lifecycle.ChildFailed, match="ValueError: no"):  # its own error
        lifecycle.in_child(lambda: (_ for _ in ()).throw(ValueError("no")))
    with pytest.raises(MemoryError):  # Python's own lack of memory, with a limit or not
        lifecycle.in_child(lambda: (_ for _ in ()).throw(MemoryError()))


def _killed() -> bytes:
    """A child's end by a signal, as a native library's crash is (SIGKILL: no core, and
    nothing said by the test runner's fault handler)."""
    os.kill(os.getpid(), signal.SIGKILL)
    return b""


def _limited(limit: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))

    return apply


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "partyintl", *args]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ulimit -v as Linux has it")
@pytest.mark.parametrize("mib", [48, 64, 80])
def test_a_png_under_a_tight_limit_is_refused_in_words(tmp_path: Path, mib: int) -> None:
    """`ulimit -v` too small to draw the map: the words (with the limit), exit 1, no file
    and nothing of Rust's crash on stderr."""
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "map.png"
    done = subprocess.run(
        _command("map", "-f", "png", "-o", str(out)),
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_limited(mib * 1024 * 1024),
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("partyintl: out of memory: ")
    assert f"(the limit set by ulimit -v is {mib} MiB)" in done.stderr
    assert done.stderr.count("\n") == 1
    assert not out.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ulimit -v as Linux has it")
def test_under_a_limit_the_answers_are_the_same_without_orjson(tmp_path: Path) -> None:
    """A roomy `ulimit -v`: a big file is read and its JSON written by the json module,
    the same bytes as orjson's, and no index is kept (orjson writes and reads it)."""
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_with_plain_partners(6_000)), encoding="utf-8")
    assert path.stat().st_size > max(index.MIN_BYTES, fastparse.FAST_FROM)
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    argv = _command("--data", str(path), "partners", "--json")
    free = subprocess.run(argv, env=env, capture_output=True, timeout=120)
    assert (free.returncode, free.stderr) == (0, b"")
    assert list((tmp_path / "cache").glob("index-*"))
    env["PARTYINTL_CACHE_DIR"] = str(tmp_path / "limited")
    limited = subprocess.run(
        argv, env=env, capture_output=True, preexec_fn=_limited(8 << 30), timeout=120
    )
    assert (limited.returncode, limited.stderr) == (0, b"")
    assert limited.stdout == free.stdout
    assert not list((tmp_path / "limited").glob("index-*"))


_LOADING_FAILS = """
import sys
from pathlib import Path

failing = sys.argv[1]

def trace(frame, event, arg):
    if event == "call" and Path(frame.f_code.co_filename).match(failing):
        sys.settrace(None)
        raise MemoryError
    return None

sys.settrace(trace)
from partyintl.__main__ import main
sys.argv = ["partyintl", "partners"]
main()
"""


@pytest.mark.parametrize("module", ["cli/argv.py", "cli/interpret.py", "commands.py"])
def test_no_memory_to_load_a_module_is_said_in_words(module: str) -> None:
    """A MemoryError while the console script still loads partyintl's modules, before any
    command runs: the same words and exit code, no traceback."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADING_FAILS, module], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == lifecycle.out_of_memory() + "\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ulimit -v as Linux has it")
def test_a_small_file_is_read_without_asking_for_the_size_limit(tmp_path: Path) -> None:
    """A read asks for as much memory as it may return: a file is read in one read of its
    size, not of load.MAX_BYTES (256 MiB, which a `ulimit -v` of 160 MiB refuses)."""
    path = tmp_path / "small.json"
    path.write_text(json.dumps(_with_plain_partners(10)), encoding="utf-8")
    argv = _command("--data", str(path), "partners", "-f", "csv")
    env = {**os.environ, "PARTYINTL_NO_CACHE": "1"}
    free = subprocess.run(argv, env=env, capture_output=True, timeout=60)
    limited = subprocess.run(
        argv, env=env, capture_output=True, preexec_fn=_limited(160 << 20), timeout=60
    )
    assert (limited.returncode, limited.stderr) == (0, b"")
    assert limited.stdout == free.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@settings(max_examples=12, deadline=None)
@given(size=st.sampled_from([0, 1, 4095, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17]))
def test_a_named_pipe_is_read_whole_in_blocks(size: int) -> None:
    """A named pipe says its size is 0: what it holds is read in blocks, all of it."""
    import tempfile
    import threading

    from partyintl.data import load

    folder = tempfile.mkdtemp()
    fifo = os.path.join(folder, "data.json")
    os.mkfifo(fifo)
    sent = bytes(range(256)) * (size // 256) + b"x" * (size % 256)

    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(sent)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert load.read_input(fifo, "the data file") == sent
    finally:
        writer.join()
        os.unlink(fifo)
        os.rmdir(folder)


_FINALIZER_FAILS = """
import gc, sys
from partyintl import lifecycle

class Fails:
    def __del__(self):
        raise MemoryError

lifecycle.own_process()
lifecycle.prepare_process()
Fails()
gc.collect()
class Other:
    def __del__(self):
        raise ValueError("said")
Other()
"""


def test_a_memory_error_in_a_finalizer_is_not_printed() -> None:
    """In the console script's process a MemoryError where Python can only print it (a
    __del__, a generator's finalizer) prints no traceback; another exception still does."""
    done = subprocess.run([sys.executable, "-c", _FINALIZER_FAILS], capture_output=True, text=True)
    assert done.returncode == 0
    assert "MemoryError" not in done.stderr
    assert "ValueError: said" in done.stderr
