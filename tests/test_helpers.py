"""Work done on a second core (lifecycle.Helper): a big file's graph rules while the
process checks its records' shapes, and its index while the command answers. The same
answers and the same problems as in one process, nothing left running, nothing left
behind when the helper fails or a stop signal comes."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spoil import small_valid_file
from test_properties import JSON_VALUES

from conftest import copy_of, run_cli
from partyintl import lifecycle
from partyintl.data import index, load
from partyintl.errors import DatasetError, Problem

SMALL = small_valid_file()

# Here helpers are made in the test worker's process, which runs a thread of its own (the
# command line makes none then, lifecycle.can_fork): Python 3.12+ warns of that fork.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")


@pytest.fixture
def helpers_always(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The graph rules go to a helper whatever the file's size, and a helper may be made
    in the test worker's process (which runs a thread of its own: the work a helper does
    here takes no lock). Yields the helpers' process ids, checked reaped at the end."""
    monkeypatch.setattr(load, "HELPER_PARTNERS", 0)
    monkeypatch.setattr(lifecycle, "can_fork", lambda spare=0: True)
    started: list[int] = []
    start = lifecycle.Helper.start.__func__  # type: ignore[attr-defined]

    def noted(
        cls: type[lifecycle.Helper], work: Any, tidy: bool = False
    ) -> lifecycle.Helper | None:
        helper: lifecycle.Helper | None = start(cls, work, tidy)
        if helper is not None:
            started.append(helper.pid)
        return helper

    monkeypatch.setattr(lifecycle.Helper, "start", classmethod(noted))
    yield started
    assert all(_reaped(pid) for pid in started)


def _problems(raw: Any) -> list[tuple[str, str, str]] | None:
    """What validation says of a tree: None when it is valid."""
    try:
        load.validate(copy_of(raw), "f.json", None, json.dumps(raw))
    except DatasetError as exc:
        return [(p.path, p.message, p.kind) for p in exc.problems]
    return None


def _reaped(pid: int) -> bool:
    """Whether a child process of this one has ended and been waited for."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_helper_finds_the_problems_one_process_finds(
    data: st.DataObject, helpers_always: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any value put anywhere in a record (a partner, an organisation, a person, an event,
    a membership, a contact, a source): the same problems, in the same order, or valid."""
    raw = _with_plain_partners(3)
    for _ in range(data.draw(st.integers(1, 4))):
        section = data.draw(st.sampled_from([k for k, v in raw.items() if isinstance(v, list)]))
        items = raw[section]
        if not items:
            continue
        record = items[data.draw(st.integers(0, len(items) - 1))]
        if not isinstance(record, dict):
            continue
        key = data.draw(st.sampled_from([*record, "id", "name", "part_of", "listing"]))
        record[key] = data.draw(JSON_VALUES | st.sampled_from(list(record.values()) or [None]))
    beside = _problems(raw)
    with monkeypatch.context() as alone:
        alone.setattr(load, "HELPER_PARTNERS", 1 << 60)
        here = _problems(raw)
    assert beside == here
    assert helpers_always  # a helper was made (and, the fixture checks, reaped)


def test_the_rules_run_in_the_helper(
    helpers_always: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper is used (not a silent fallback): its process id is not this one's."""
    seen: list[int] = []
    checked = load._graph_checked

    def noted(
        raw: dict[str, Any], names_clean: bool | None = None
    ) -> tuple[list[Problem], set[str]]:
        seen.append(os.getpid())
        return checked(raw, names_clean)

    monkeypatch.setattr(load, "_graph_checked", noted)
    raw = copy_of(SMALL)
    raw["partners"][0]["part_of"] = raw["partners"][0]["id"]  # part of itself
    found = _problems(raw)
    assert found is not None
    assert any("no body is part of itself" in message for _, message, _ in found)
    # The helper's own record of its pid stays in its memory: this process saw no call.
    assert seen == []
    assert len(helpers_always) == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    where=st.integers(-3, -1),
    other=st.booleans(),
    bad=st.sampled_from([" ", "\u00a0", "\u200b", "\u3164", "\u00ad", "\u202e", "\x07"]),
    at_end=st.booleans(),
)
def test_names_the_helper_took_for_clean_are_checked_here(
    helpers_always: list[int], where: int, other: bool, bad: str, at_end: bool
) -> None:
    """The helper takes the partners' names for clean while this process checks them: a
    name (or another name) with a blank end or a hidden character anywhere gets the
    problems one process finds, and the helper is ended."""
    raw = _with_plain_partners(3)
    partner = raw["partners"][where]
    target = partner
    if other:
        partner.setdefault("other_names", []).append({"name": "Other"})
        target = partner["other_names"][-1]
    target["name"] = target["name"] + bad if at_end else bad + target["name"]
    beside = _problems(raw)
    assert beside is not None
    with pytest.MonkeyPatch.context() as alone:
        alone.setattr(load, "HELPER_PARTNERS", 1 << 60)
        assert _problems(raw) == beside


def test_a_helper_that_fails_leaves_the_work_to_the_process(
    helpers_always: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper that raises (no memory) or dies: the rules run here, the same problems."""
    parent = os.getpid()
    checked = load._graph_checked
    raw = copy_of(SMALL)
    raw["partners"][1]["listing"] = {"list": "nowhere", "position": 1, "printed": "x"}
    expected = _problems(raw)
    assert expected is not None
    for failure in ("raise", "die"):

        def failing(
            raw: dict[str, Any], names_clean: bool | None = None, failure: str = failure
        ) -> tuple[list[Problem], set[str]]:
            if os.getpid() != parent:
                if failure == "die":
                    os._exit(3)
                raise MemoryError
            return checked(raw, names_clean)

        monkeypatch.setattr(load, "_graph_checked", failing)
        assert _problems(raw) == expected
    assert len(helpers_always) == 3  # for `expected`, then one for each failure


def test_no_helper_where_no_fork_or_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork copies only the calling thread: with another thread running (one of
    threading's or of _thread's), with one core to run on, with no fork, or with too little
    memory for the pages a copy may write, the work stays in the process."""
    import _thread
    import threading

    stop = threading.Event()
    before = lifecycle._threads()
    _thread.start_new_thread(stop.wait, ())
    try:
        deadline = time.monotonic() + 5
        while lifecycle._threads() == before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert lifecycle._threads() == before + 1  # a thread threading does not know of
        assert not lifecycle.can_fork()
    finally:
        stop.set()
    monkeypatch.setattr(lifecycle, "_threads", lambda: 1)
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert lifecycle.can_fork()
    assert not lifecycle.can_fork(sys.maxsize)  # more memory than any machine has
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
        assert not lifecycle.can_fork()
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(lifecycle, "_threads", lambda: 2)
    assert not lifecycle.can_fork()
    monkeypatch.setattr(lifecycle, "_threads", lambda: 1)
    monkeypatch.delattr(os, "fork")
    assert not lifecycle.can_fork()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers need fork")
def test_helpers_answer_when_the_caller_ignores_sigchld(tmp_path: Path) -> None:
    """A parent that ignores SIGCHLD (`trap '' CHLD`) passes that on: the helpers then reap
    themselves, and waiting for one finds no child. The answers stand, the index is made."""
    path = _big_file(tmp_path, 6_000)
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "partyintl", "--data", str(path), "partners", "--json"]

    def ignore_sigchld() -> None:
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)

    done = subprocess.run(argv, env=env, capture_output=True, preexec_fn=ignore_sigchld)
    assert (done.returncode, done.stderr) == (0, b"")
    plain = subprocess.run(
        argv, env={**env, "PARTYINTL_NO_CACHE": "1"}, capture_output=True, check=True
    )
    assert done.stdout == plain.stdout
    assert len(list((tmp_path / "cache").glob("index-*"))) == 1


def test_a_library_call_writes_the_index_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers_always: list[int]
) -> None:
    """load_dataset outside a command writes the index before it returns (no helper, as no
    command's end waits for one), and leaves the collector as it was."""
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    path = tmp_path / "f.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    frozen = gc.get_freeze_count()
    load.load_dataset(str(path))
    assert gc.get_freeze_count() == frozen
    assert [p.name for p in (tmp_path / "cache").glob("index-*")] != []
    assert len(helpers_always) == 1  # the graph rules', none for the index


def test_a_command_writes_the_index_in_a_helper_and_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers_always: list[int]
) -> None:
    """A command's first look at a big file: the index is written by a helper (another
    process), and is in place when the command returns; the answer is the file's own, the
    collector as it was."""
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    writers: list[int] = []
    build = index._build

    def noted(*args: Any) -> None:
        build(*args)
        writers.append(os.getpid())  # in the helper's memory, not this process's

    monkeypatch.setattr(index, "_build", noted)
    path = tmp_path / "f.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    frozen = gc.get_freeze_count()
    cache = {"PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("--data", str(path), "partners", "--json", env=cache)
    assert (first.returncode, first.stderr) == (0, "")
    assert writers == []  # written elsewhere
    assert len(list((tmp_path / "cache").glob("index-*"))) == 1
    assert not list((tmp_path / "cache").glob("*.tmp"))
    assert len(helpers_always) == 2  # the graph rules' and the index's, both reaped
    assert all(_reaped(pid) for pid in helpers_always)
    assert gc.get_freeze_count() == frozen
    plain = run_cli("--data", str(path), "partners", "--json", env={"PARTYINTL_NO_CACHE": "1"})
    assert plain.stdout == first.stdout
    later = run_cli("--data", str(path), "partners", "--json", env=cache)
    assert later.stdout == first.stdout
    assert len(helpers_always) == 3  # the file read again without the cache; none later


def _with_plain_partners(partners: int) -> dict[str, Any]:
    """The small file with `partners` more partners of the plainest shape (distinct ids
    and places, citing nothing): the kind a big file is made of, which the rules judge
    all at once rather than record by record."""
    raw = copy_of(SMALL)
    model = raw["partners"][-1]
    listed = model["listing"]["list"]
    plain = {k: model[k] for k in ("type", "country", "country_code") if k in model}
    for n in range(partners):
        raw["partners"].append(
            {
                **plain,
                "id": f"extra-{n}",
                "name": f"Extra Party {n}",
                "listing": {"list": listed, "position": 100_000 + n, "printed": f"Extra {n}"},
            }
        )
    return raw


def _big_file(folder: Path, partners: int) -> Path:
    path = folder / "big.json"
    path.write_text(json.dumps(_with_plain_partners(partners)), encoding="utf-8")
    return path


def _group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers need fork")
def test_the_console_script_leaves_no_helper_and_the_index_in_place(tmp_path: Path) -> None:
    """In the console script's own process (one thread): the helpers are made, the answer
    is the same as without a cache, and when the process ends nothing of it runs on."""
    path = _big_file(tmp_path, 6_000)
    assert path.stat().st_size > index.MIN_BYTES
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "partyintl", "--data", str(path), "partners", "--json"]
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    out, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (0, b"")
    assert _group_gone(proc.pid)
    assert len(list((tmp_path / "cache").glob("index-*"))) == 1
    plain = subprocess.run(
        argv, env={**env, "PARTYINTL_NO_CACHE": "1"}, capture_output=True, check=True
    )
    assert out == plain.stdout
    again = subprocess.run(argv, env=env, capture_output=True, check=True)  # from the index
    assert again.stdout == out


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers need fork")
@pytest.mark.parametrize("to", ["process", "group"])
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("after", [0.2, 0.3, 0.6, 0.9])
def test_a_stop_during_the_first_sight_leaves_nothing_running(
    tmp_path: Path, to: str, name: str, after: float
) -> None:
    """A stop signal to the process alone, or to its whole group as a terminal's Ctrl-C
    is (the helpers get it too), at several moments of a first sight: its line and exit
    code, no helper running on, no temporary file left."""
    path = _big_file(tmp_path, 20_000)
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "partyintl", "--data", str(path), "partners", "--json"]
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    time.sleep(after)
    if to == "group":
        os.killpg(proc.pid, getattr(signal, name))
    else:
        proc.send_signal(getattr(signal, name))
    out, err = proc.communicate(timeout=120)
    deadline = time.monotonic() + 10
    while not _group_gone(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group_gone(proc.pid)
    words = {"SIGINT": (130, b"interrupted"), "SIGTERM": (143, b"terminated")}[name]
    if proc.returncode == 0:  # the answer was complete before the signal: it stands
        assert err == b""
        json.loads(out)
    else:
        assert (proc.returncode, err) == (words[0], b"partyintl: " + words[1] + b"\n")
    cache = tmp_path / "cache"
    assert not list(cache.glob("*.tmp")) if cache.exists() else True


_TIDY_CHILD = """
import os, sys, time
from partyintl import lifecycle

def work():
    try:
        with open(sys.argv[1], "w") as f:
            f.write("partial")
        while True:
            time.sleep(0.001)
    finally:
        if os.path.exists(sys.argv[1]):
            os.unlink(sys.argv[1])

helper = lifecycle.Helper.start(work, tidy=sys.argv[2] == "tidy")
print(helper.pid, flush=True)
time.sleep(60)
"""


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for init to reap it runs no more)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
@pytest.mark.parametrize("tidy", [True, False])
def test_a_tidy_helper_removes_its_file_when_its_parent_is_killed(
    tmp_path: Path, tidy: bool
) -> None:
    """kill -9 of the process: its tidy helper (the index's) unwinds and removes what it
    was writing; an untidy one (a PNG's, which writes no file) is killed at once."""
    partial = tmp_path / "partial"
    parent = subprocess.Popen(
        [sys.executable, "-c", _TIDY_CHILD, str(partial), "tidy" if tidy else "plain"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    deadline = time.monotonic() + 10
    while not partial.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    parent.kill()
    parent.wait()
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert not _running(child)
    assert partial.exists() is not tidy


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers need fork")
@pytest.mark.parametrize("after", [0.0, 0.01, 0.05, 0.2])
@pytest.mark.parametrize("how", ["cancel", "SIGINT", "SIGTERM", "SIGHUP"])
def test_a_tidy_helper_unwinds_when_stopped(tmp_path: Path, after: float, how: str) -> None:
    """A tidy helper stopped by cancel() (the command stopped) or by a stop signal of its
    own (the terminal's, to the group), at any moment: it unwinds, its file removed, and
    it is reaped; its answer, when collected, says it was stopped."""
    partial = tmp_path / "partial"

    def work() -> bytes:
        try:  # made inside, as index._build makes its temporary file
            partial.write_text("partial", encoding="ascii")
            while True:
                time.sleep(0.001)
        finally:
            partial.unlink(missing_ok=True)

    helper = lifecycle.Helper.start(work, tidy=True)
    assert helper is not None
    deadline = time.monotonic() + 10
    while not partial.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(after)
    if how == "cancel":
        helper.cancel()
    else:
        os.kill(helper.pid, getattr(signal, how))
        with pytest.raises(lifecycle.ChildFailed, match="HelperStopped"):
            helper.collect()
    assert _reaped(helper.pid)
    assert not partial.exists()


def test_a_png_is_drawn_in_this_process_while_another_thread_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """in_child forks only where nothing but this thread runs (as helpers do)."""

    def where() -> bytes:
        return str(os.getpid()).encode()

    monkeypatch.setattr(lifecycle, "_threads", lambda: 2)
    assert lifecycle.in_child(where) == str(os.getpid()).encode()
    if hasattr(os, "fork"):
        monkeypatch.setattr(lifecycle, "_threads", lambda: 1)
        assert lifecycle.in_child(where) != str(os.getpid()).encode()


def test_the_readme_says_from_what_size_helpers_work() -> None:
    """The README's number is load.HELPER_PARTNERS."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"a file of {load.HELPER_PARTNERS:,} partners or more shares its" in " ".join(
        readme.split()
    )


def test_the_benchmark_switches_off_what_exists() -> None:
    """benchmarks/helpers.py replaces these names to measure each part; each is there."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        import helpers as bench  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    owners = {"lifecycle": lifecycle, "load": load}
    assert all(hasattr(owners[module], name) for module, name in bench.SWITCHED)
    for off in bench.VARIANTS.values():
        assert {part.split("=")[0].strip() for part in off.split(";") if part} <= {
            f"{m}.{n}" for m, n in bench.SWITCHED
        }


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers need fork")
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("first", [True, False])
def test_a_stop_after_the_whole_answer_leaves_it_whole(
    tmp_path: Path, name: str, first: bool
) -> None:
    """A stop signal just after the whole answer has been read (its process then lets go
    of the parsed file and waits for the index's helper): the answer stands, exit 0 and
    nothing said, at a first sight and from the index; no helper or temporary file left."""
    path = _big_file(tmp_path, 20_000)
    env = {**os.environ, "PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "partyintl", "--data", str(path), "partners", "--json"]
    whole = subprocess.run(
        argv, env={**env, "PARTYINTL_NO_CACHE": "1"}, capture_output=True, check=True
    ).stdout
    if not first:
        subprocess.run(argv, env=env, capture_output=True, check=True)  # the index made
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    assert proc.stdout is not None and proc.stderr is not None
    got = b""
    while len(got) < len(whole) and (block := proc.stdout.read1(1 << 16)):
        got += block
    time.sleep(0.005)  # the last write has returned (a signal inside it stops the answer)
    proc.send_signal(getattr(signal, name))
    rest, err = proc.communicate(timeout=60)
    assert (proc.returncode, got + rest, err) == (0, whole, b"")
    deadline = time.monotonic() + 10
    while not _group_gone(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group_gone(proc.pid)
    assert not list((tmp_path / "cache").glob("*.tmp"))
