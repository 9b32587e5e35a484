"""Shared fixtures: the bundled data, a copy to spoil, and a subprocess runner for the CLI."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from partyintl import Dataset, bundled_path, load_dataset

ROOT = Path(__file__).resolve().parents[1]
# Tests never touch the user's cache of validated files: they get a fresh one per session.
os.environ["PARTYINTL_CACHE_DIR"] = tempfile.mkdtemp(prefix="partyintl-test-cache-")
# With PYTHONDONTWRITEBYTECODE set (as in this workplace's shells), every Python the tests
# start would compile partyintl and its libraries from source again: the processes of one
# run share compiled modules in a private folder instead, outside the source tree
# (pytest-xdist's workers inherit this process's environment, and so the folder).
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
    os.environ["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="partyintl-test-pycache-")
DATA = ROOT / "data" / "partners.json"
#: The arguments a command needs to answer with the bundled data (those that need none are
#: not listed): an organisation, and for `shared` a second file (see test_collection.py).
NEEDS: dict[str, list[str]] = {
    "show": ["spd"],
    "memberships": ["a-just-russia"],
    "ties": ["spd"],
    "shared": [
        "a-just-russia",
        "example-labour-party",
        "--data",
        "bundled",
        "--data",
        str(ROOT / "tests" / "fixtures" / "collection-other-party.json"),
    ],
}


def copy_of(raw: Any) -> Any:
    """A deep copy of parsed JSON, by a JSON round trip (exact for JSON's values, and ten
    times faster than copy.deepcopy, which the spoiling tests call thousands of times)."""
    return json.loads(json.dumps(raw))


@pytest.fixture(scope="session")
def raw_data() -> dict[str, Any]:
    """The bundled data file as parsed JSON (do not mutate: copy it)."""
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ds() -> Dataset:
    """The bundled dataset, loaded once."""
    return load_dataset(bundled_path())


@pytest.fixture
def spoil(tmp_path: Path, raw_data: dict[str, Any]) -> Callable[..., Path]:
    """Write a changed copy of the bundled data; the change is a function of the dict."""

    def make(change: Callable[[dict[str, Any]], Any], name: str = "bad.json") -> Path:
        data = copy_of(raw_data)
        change(data)
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return make


#: Variables the tests' runs never inherit from the developer's shell.
CLEARED = ("PARTYINTL_DATA", "PARTYINTL_DEBUG", "NO_COLOR", "COLUMNS", "_PARTYINTL_COMPLETE")
#: Variables read when a Python process starts: a run that sets one needs its own process.
AT_START = ("PYTHON", "LANG", "LC_")


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    input: str | None = None,
    cwd: Path | None = None,
    process: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run the command line with piped stdout and stderr: in this process (fast), or in a
    subprocess (`python -m partyintl`) when asked, or when `env` sets start-up variables."""
    if not process and input is None and not any(k.startswith(AT_START) for k in env or {}):
        return _in_process(list(args), env or {}, cwd)
    full_env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *args],
        capture_output=True,
        env=full_env,
        input=None if input is None else input.encode(),
        cwd=cwd,
        timeout=60,
    )
    # Decoded by hand: text mode would turn CSV's \r\n into \n and hide it from the tests.
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def _in_process(
    args: list[str], env: dict[str, str], cwd: Path | None
) -> subprocess.CompletedProcess[str]:
    """As `python -m partyintl ARGS` with pipes, in this process: streams and environment
    swapped for the call and put back after."""
    import io

    from partyintl.__main__ import answer

    saved_env = dict(os.environ)
    saved_streams = sys.stdout, sys.stderr
    saved_cwd = os.getcwd()
    out, err = io.BytesIO(), io.BytesIO()
    try:
        for key in CLEARED:
            os.environ.pop(key, None)
        os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        code = answer(args)
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(ValueError, AttributeError):
                stream.flush()
                stream.detach()
        sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
    return subprocess.CompletedProcess(
        ["partyintl", *args],
        code,
        out.getvalue().decode("utf-8", "replace"),
        err.getvalue().decode("utf-8", "replace"),
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The subprocess runner."""
    return run_cli


@pytest.fixture
def invoke(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """Run the command line in this process, as __main__ does: (exit code, stdout, stderr).

    Stdout and stderr are pipes here, as with run_cli; `env` sets variables for the call.
    """
    from partyintl.cli.app import main
    from partyintl.cli.argv import normalise
    from partyintl.cli.interpret import run

    def call(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        for key in ("PARTYINTL_DATA", "PARTYINTL_DEBUG", "NO_COLOR", "COLUMNS"):
            monkeypatch.delenv(key, raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        capsysbinary.readouterr()
        argv = normalise(list(args))
        code = run(argv)
        if code is None:
            code = main(argv)
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8"), err.decode("utf-8")

    return call


@contextmanager
def captured(tty: bool) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """stdout and stderr as bytes; stdout says it is a terminal when `tty`."""

    class Stream(io.TextIOWrapper):
        def isatty(self) -> bool:
            return tty

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = Stream(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        yield out, err
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
            stream.detach()
        sys.stdout, sys.stderr = saved


def run_here(argv: list[str], tty: bool = False) -> tuple[int, str, str]:
    """One command line, as the console script runs it, in this process (the fast
    interpreter, handing over to the Typer app when it does)."""
    from partyintl.cli import interpret
    from partyintl.cli.app import main as typer_main
    from partyintl.cli.argv import normalise

    args = normalise(argv)
    with captured(tty) as (out, err):
        code = interpret.run(args)
        if code is None:
            code = typer_main(args)
    return code, out.getvalue().decode(), err.getvalue().decode()


def on_a_terminal(
    argv: list[str], env: dict[str, str], *, stdout_too: bool = True, columns: int | None = None
) -> tuple[int, bytes]:
    """Run `python -m partyintl ARGV` in the environment `env` (the whole of it) with stderr
    on a pseudo terminal, and stdin and stdout too unless `stdout_too` is false (stdin is
    then empty and stdout a pipe, its bytes dropped); `columns` sets the terminal's width.
    Returns the exit code and what the terminal received (stdout and stderr as a screen
    shows them, `\\r\\n` line ends)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    main, child = pty.openpty()
    if columns is not None:
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    ends = (child, child) if stdout_too else (subprocess.DEVNULL, subprocess.PIPE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "partyintl", *argv],
        stdin=ends[0],
        stdout=ends[1],
        stderr=child,
        env=env,
        close_fds=True,
    )
    os.close(child)
    chunks = []
    while select.select([main], [], [], 60)[0]:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the terminal's last writer has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.communicate(timeout=60)
    os.close(main)
    return proc.returncode, b"".join(chunks)


#: Characters a data file's text may hold: no control characters, lone surrogates or the
#: BMP's noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF), which validation refuses
#: (data/forms.CONTROLS). Strategies of valid data draw from it.
def text_characters() -> Any:
    from hypothesis import strategies as st

    return st.characters(
        blacklist_categories=("Cc", "Cs"),
        blacklist_characters=[*map(chr, range(0xFDD0, 0xFDF0)), "\ufffe", "\uffff"],
    )


#: Debian's Chromium, driven by playwright (.ci/run installs it); None where it is missing.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (.ci/run installs it)"
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session's browser tests (starting one takes seconds);
    each test opens its own page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session", autouse=True)
def _the_working_tree_gains_no_file() -> Iterator[None]:
    """No test writes into the repository's top folder: a test that ran a command with
    `-o VALUE` in the working directory once left 237 files there, which a commit took in.
    Tests write under tmp_path; the caches of the tools are the only other names."""
    tools = {".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv", "dist"}
    before = set(os.listdir(ROOT))
    yield
    new = sorted(set(os.listdir(ROOT)) - before - tools)
    assert not new, f"tests left files in {ROOT}: {new[:10]}"


@pytest.fixture(scope="session", autouse=True)
def _no_shell_folders_of_the_user() -> Iterator[None]:
    """Completion is installed where the shell reads it ($ZDOTDIR, $XDG_CONFIG_HOME); the
    tests give HOME, so a runner's own settings of these must not lead elsewhere."""
    saved = {
        name: os.environ.pop(name) for name in ("ZDOTDIR", "XDG_CONFIG_HOME") if name in os.environ
    }
    yield
    os.environ.update(saved)
