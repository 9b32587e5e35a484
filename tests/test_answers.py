"""Answer records kept beside a big file's index (data/answers.py): a later partners
question as compact JSON or JSON lines writes them as kept, byte for byte what the file
gives; kept records that are damaged, foreign or of another revision are written again."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import zlib
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_index import big_file, cache_folder, json_values, written_big_file

from conftest import ROOT, run_here
from partyintl import commands
from partyintl.data import answers, cache, index
from partyintl.data.load import load_dataset
from partyintl.errors import Terminated
from partyintl.render.formats import compact_json_texts, json_text


def odd_file(raw: dict[str, Any]) -> dict[str, Any]:
    """big_file's partners, and some whose text JSON answers must escape or that orjson
    writes unlike json (a bidi control and a line separator in notes, a dash, a small
    score)."""
    data = big_file(raw)
    odd = [("Rück–seite", "a\u202eb"), ("Line Two", "one\u2028two"), ("Tiny", "tiny")]
    for i, (name, note) in enumerate(odd):
        partner: dict[str, Any] = {"id": f"odd-{i}", "name": name, "type": "party"}
        partner |= {"country": "Germany", "country_code": "DE", "notes": [note]}
        partner["listing"] = {"list": "partners", "position": 2000 + i, "printed": name}
        if name == "Tiny":
            partner["left_right"] = 1e-07
        data["partners"].insert(40 * i + 7, partner)
    return data


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return written_big_file(tmp_path_factory, odd_file, "answers")


@contextlib.contextmanager
def written_as_kept() -> Iterator[list[int]]:
    """How many answers were written from kept records, while the block runs."""
    used: list[int] = []
    real = commands.emit_texts

    def spy(header: bytes, texts: list[bytes], fmt: Any, output: str | None) -> None:
        used.append(len(texts))
        real(header, texts, fmt, output)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(commands, "emit_texts", spy)
        yield used


def answer(argv: list[str], out: Path | None) -> tuple[int, str, str, bytes | None]:
    """Exit code, stdout, stderr and the bytes of `-o` (removed after)."""
    code, stdout, stderr = run_here(argv)
    written = None
    if out is not None and out.exists():
        written = out.read_bytes()
        out.unlink()
    return code, stdout, stderr, written


PLACES = ["Germany", "de", "FR", "France", "Côte d'Ivoire", "CI", "Japan", "USSR", "Narnia"]
TYPES = ["party", "npo", "international", "parti"]
FORMATS = [["--json"], ["-f", "json"], ["-f", "jsonl"], ["-f", "csv"], ["-f", "tsv"]]
FORMATS += [["-f", "plain"], [], ["-f", "csv-excel"], ["-f", "markdown"]]
FORMATS += [["-o", "out.json"], ["-o", "out.jsonl"], ["-o", "out.csv"], ["-o", "out.txt"]]
FORMATS += [["-f", "json", "--fields", "id,name"], ["-f", "csv", "--fields", "name"]]
#: What kept records cannot answer: other filters and orders, picked fields, formats
#: whose text is not each record's own (a spreadsheet's CSV is not kept, nor Markdown).
NOT_KEPT = {"--sort", "--region", "-s", "--fields", "csv-excel", "markdown"}


@st.composite
def questions(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    argv = ["partners"]
    for place in draw(st.lists(st.sampled_from(PLACES), max_size=3)):
        argv += ["-c", place]
    kinds = draw(st.lists(st.sampled_from(TYPES), max_size=3))
    if kinds:
        argv += ["-t", ",".join(kinds)]
    if draw(st.booleans()):
        argv += ["--limit", str(draw(st.integers(0, 400)))]
    if draw(st.integers(0, 5)) == 0:
        argv += draw(st.sampled_from([["--sort", "name"], ["--region", "Europe"], ["-s", "ü"]]))
    return argv, draw(st.sampled_from(FORMATS))


def kept_for(argv: list[str]) -> bool:
    """Whether kept records can answer the question (they must then be used)."""
    known = {"Germany", "de", "FR", "France", "Côte d'Ivoire", "CI", "Japan"}
    places = [argv[i + 1] for i, a in enumerate(argv) if a == "-c"]
    kinds = [t for i, a in enumerate(argv) if a == "-t" for t in argv[i + 1].split(",")]
    return all(p in known for p in places) and "parti" not in kinds and not NOT_KEPT & set(argv)


@settings(max_examples=200, deadline=None)
@given(question=questions(), forget=st.booleans())
def test_kept_records_answer_as_the_file_does(
    question: tuple[list[str], list[str]],
    forget: bool,
    data_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.getbasetemp() / "answers-cache"
    work = tmp_path_factory.getbasetemp() / "answers-out"
    work.mkdir(exist_ok=True)
    asked, how = question
    out = work / how[-1] if "-o" in how else None
    how = [*how[:-1], str(out)] if out else how
    argv = ["--data", str(data_file), *asked, *how]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARTYINTL_CACHE_DIR", str(folder))
        patch.setattr(index, "MIN_BYTES", 1 << 60)  # the file's own JSON
        expected = answer(argv, out)
        code, found, _ = run_here(["--data", str(data_file), *asked, "--json"])
        patch.setattr(index, "MIN_BYTES", 0)
        patch.setattr(index, "CHUNK", 5)
        load_dataset(str(data_file))  # the index, once
        if forget:
            for entry in folder.glob("answers-*"):
                entry.unlink()
        for _ in range(2):  # records rendered (unless kept before), then read back
            with written_as_kept() as used:
                assert answer(argv, out) == expected, argv
            some = code == 0 and found != "[]\n"
            assert bool(used) == (kept_for(argv) and some), argv


def test_compact_json_texts_are_each_records_json_text() -> None:
    @settings(max_examples=300, deadline=None)
    @given(records=st.lists(json_values, max_size=6))
    def check(records: list[Any]) -> None:
        assert compact_json_texts(records) == [json_text(r, False) for r in records]

    check()


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("answers-*"))


def _spoilers(other: bytes) -> dict[str, Any]:
    def replaced(make: Any) -> Any:
        def spoil(at: Path) -> None:
            at.unlink()
            make(at)

        return spoil

    def entry_parts(at: Path) -> tuple[list[bytes], array[int], array[int], bytes]:
        """An entry's first line (its words), positions, sizes and texts."""
        data = at.read_bytes()
        end = data.index(b"\n") + 1
        first = data[:end].split(b" ")
        count = int(first[6])
        seqs = array("q", data[end : end + 8 * count])
        sizes = array("q", data[end + 8 * count : end + 16 * count])
        return first, seqs, sizes, data[end + 16 * count :]

    def rewrite(at: Path, first: list[bytes], rest: bytes, mend: bool) -> None:
        """An entry written again; with `mend`, its checksum made to fit what follows."""
        if mend:
            first[9] = str(zlib.crc32(rest)).encode() + b"\n"
        at.write_bytes(b" ".join(first) + rest)

    def numbers(change: Any, mend: bool = False) -> Any:
        """An entry with its positions and sizes (8-byte integers after the first line)
        changed; with `mend`, its checksum made to fit (as a bug could write it)."""

        def spoil(at: Path) -> None:
            first, seqs, sizes, texts = entry_parts(at)
            change(seqs, sizes)
            rewrite(at, first, seqs.tobytes() + sizes.tobytes() + texts, mend)

        return spoil

    def dropped(at: Path) -> None:
        """The last record taken out, with the count and the checksum made to fit (an
        entry edited on purpose: only the index's count of the group tells)."""
        first, seqs, sizes, texts = entry_parts(at)
        first[6] = str(len(seqs) - 1).encode()
        rest = seqs[:-1].tobytes() + sizes[:-1].tobytes() + texts[: len(texts) - sizes[-1]]
        rewrite(at, first, rest, mend=True)

    def swap(numbers: Any) -> None:
        numbers[0], numbers[1] = numbers[1], numbers[0]

    def first_word(at: Path, n: int, value: bytes) -> None:
        lines = at.read_bytes().split(b"\n")
        words = lines[0].split(b" ")
        words[n] = value
        at.write_bytes(b"\n".join([b" ".join(words), *lines[1:]]))

    return {
        "empty": lambda at: at.write_bytes(b""),
        "garbage": lambda at: at.write_bytes(b"\xff\x00garbage"),
        "bytes more at the end": lambda at: at.write_bytes(at.read_bytes() + b',{"id":"x"}'),
        "two positions swapped": numbers(lambda seqs, sizes: swap(seqs)),
        "two sizes swapped": numbers(lambda seqs, sizes: swap(sizes)),
        "a size one more, the next one less": numbers(
            lambda seqs, sizes: sizes.__setitem__(
                slice(0, 2), array("q", [sizes[0] + 1, sizes[1] - 1])
            )
        ),
        "a negative size": numbers(lambda seqs, sizes: sizes.__setitem__(0, -1)),
        "a record dropped, its count and checksum mended": dropped,
        "a negative size, the checksum mended": numbers(
            lambda seqs, sizes: sizes.__setitem__(0, -1), mend=True
        ),
        "sizes past the end, the checksum mended": numbers(
            lambda seqs, sizes: sizes.__setitem__(0, sizes[0] + 3), mend=True
        ),
        "sizes short of the end, the checksum mended": numbers(
            lambda seqs, sizes: sizes.__setitem__(0, sizes[0] - 3), mend=True
        ),
        "another revision": lambda at: first_word(at, 1, b"0.0"),
        "another byte order": lambda at: first_word(at, 2, b"middle"),
        "another digest": lambda at: first_word(at, 3, b"0" * 64),
        "another form": lambda at: first_word(at, 4, b"places.json"),
        "another group": lambda at: first_word(at, 5, b"4652-7061727479"),
        "another count": lambda at: first_word(at, 6, b"1"),
        "another checksum": lambda at: first_word(at, 9, b"1"),
        "the end cut off": lambda at: at.write_bytes(at.read_bytes()[:-5]),
        "a byte of a record changed": lambda at: at.write_bytes(
            at.read_bytes().replace(b"Party", b"Parti", 1)
        ),
        "another group's records": lambda at: at.write_bytes(other),
        "a link to another group's records": replaced(
            lambda at: at.symlink_to(at.with_name("other"))
        ),
        "a folder": replaced(lambda at: at.mkdir()),
        "a fifo": replaced(lambda at: os.mkfifo(at)),
    }


__all__ = ["cache_folder"]  # a fixture of test_index.py's, used here


@pytest.mark.parametrize("kind", list(_spoilers(b"")))
def test_damaged_or_foreign_records_are_written_again(
    kind: str, data_file: Path, cache_folder: Path
) -> None:
    folder = cache_folder
    argv = ["--data", str(data_file), "partners", "-c", "Germany", "-t", "party", "--json"]
    expected = run_here(argv)  # the first sight: from the file, and the index written
    assert _kept(folder) == []
    with written_as_kept() as used:
        assert run_here(argv) == expected
    assert used == [expected[1].count('{"id"')]
    (entry,) = _kept(folder)
    good = entry.read_bytes()
    run_here(["--data", str(data_file), "partners", "-c", "France", "-t", "party", "--json"])
    (other,) = set(_kept(folder)) - {entry}
    other.rename(folder / "other")  # what a link points at
    _spoilers((folder / "other").read_bytes())[kind](entry)
    with written_as_kept() as used:
        assert run_here(argv) == expected
    assert used
    if kind == "a folder":
        assert entry.is_dir()  # not ours to remove; rendered again at every question
    else:
        assert not entry.is_symlink() and entry.read_bytes() == good
    assert run_here(argv) == expected


def test_the_code_stamp_changes_with_any_file_of_the_package(tmp_path: Path) -> None:
    """Kept records are marked with a stamp of the code that rendered them: any file of
    the package changed, added or removed (but not its compiled bytecode) changes it."""
    import shutil

    package = tmp_path / "partyintl"
    shutil.copytree(answers.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    stamps = [answers.code_stamp.__wrapped__(str(package))]
    target = package / "render" / "formats.py"
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert answers.code_stamp.__wrapped__(str(package)) == stamps[0]
    os.utime(target, ns=(0, target.stat().st_mtime_ns + 1))
    stamps.append(answers.code_stamp.__wrapped__(str(package)))
    target.write_text(target.read_text() + "\n")
    stamps.append(answers.code_stamp.__wrapped__(str(package)))
    (package / "data" / "new.py").write_text("")
    stamps.append(answers.code_stamp.__wrapped__(str(package)))
    (package / "data" / "new.py").unlink()
    (package / "data" / "new2.py").write_text("")
    stamps.append(answers.code_stamp.__wrapped__(str(package)))
    assert len(set(stamps)) == len(stamps)


def test_records_kept_by_other_code_are_rendered_again(
    data_file: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["--data", str(data_file), "partners", "-c", "FR", "-t", "party", "-f", "csv"]
    expected = run_here(argv)
    run_here(argv)
    (entry,) = _kept(cache_folder)
    good = entry.read_bytes()
    monkeypatch.setattr(answers, "code_stamp", lambda: "another")
    entry.write_bytes(good.replace(b"Socialist", b"Socialisme"))
    with written_as_kept() as used:
        assert run_here(argv) == expected
    assert used and entry.read_bytes() != good  # kept again, under the other stamp
    assert entry.read_bytes().split(b" ", 2)[1] == f"another.{cache.RULES_REVISION}".encode()


def test_a_later_question_parses_no_json(tmp_path: Path) -> None:
    """Answered from kept records, `partners --json` imports neither orjson nor json: the
    records are written as kept, the file's other records are not read."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    big = generate(5000)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big), encoding="utf-8")
    assert path.stat().st_size > index.MIN_BYTES
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL")}
    env["PARTYINTL_CACHE_DIR"] = str(tmp_path / "cache")
    argv = [sys.executable, "-X", "importtime", "-m", "partyintl", "--data", str(path)]
    argv += ["partners", "-c", "Germany", "--json"]
    runs = [subprocess.run(argv, capture_output=True, text=True, env=env) for _ in range(3)]
    assert {run.returncode for run in runs} == {0}
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    german = [p for p in big["partners"] if p.get("country_code") == "DE"]
    assert [p["id"] for p in json.loads(runs[2].stdout)] == [p["id"] for p in german]
    imported = {line.split("|")[-1].strip() for line in runs[2].stderr.splitlines()}
    assert {"partyintl.data.answers", "sqlite3"} <= imported
    assert not {"orjson", "json"} & imported
    assert "orjson" in {line.split("|")[-1].strip() for line in runs[1].stderr.splitlines()}
    assert cache.enabled()


STOPS = [KeyboardInterrupt(), Terminated(15), OSError(28, "No space left on device")]


@pytest.mark.parametrize("stop", STOPS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("step", ["write", "replace"])
def test_a_cache_write_stopped_leaves_nothing_behind(
    stop: BaseException, step: str, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop signal (or a full disk) while a cache entry or an index is written: no
    temporary file stays; the signal goes on, a failed write is no error."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise stop

    real_fdopen = os.fdopen

    class Failing:  # an open file whose writing fails
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        write = fail

    cache_folder.mkdir(parents=True, exist_ok=True)
    with monkeypatch.context() as patch:
        if step == "write":
            patch.setattr(os, "fdopen", Failing)
        else:
            patch.setattr(os, "replace", fail)
        raised = None
        try:
            cache.write_entry("answers-x", b"data" * 1000)
        except BaseException as exc:  # noqa: BLE001 - which one is the point
            raised = exc
    assert raised is (None if isinstance(stop, OSError) else stop)
    assert sorted(p.name for p in cache_folder.iterdir()) == []


@pytest.mark.parametrize("stop", STOPS, ids=lambda e: type(e).__name__)
def test_an_index_build_stopped_leaves_nothing_behind(
    stop: BaseException, data_file: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise stop

    monkeypatch.setattr(index, "_chunks", fail)
    raised = None
    try:
        load_dataset(str(data_file))
    except BaseException as exc:  # noqa: BLE001 - which one is the point
        raised = exc
    assert raised is (None if isinstance(stop, OSError) else stop)
    assert [p.name for p in cache_folder.iterdir() if "index" in p.name] == []


DAMAGE_QUESTIONS = [
    ["partners", "-c", "Germany", "--json"],
    ["partners", "-c", "DE,FR", "-t", "party", "-f", "csv"],
    ["partners", "-f", "jsonl", "--limit", "40"],
    ["partners", "-s", "labour", "-f", "tsv"],
    ["countries", "--json"],
]


@settings(max_examples=60, deadline=None)
@given(flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=4))
# The last byte is in the SQL index of countries: it led a group's query to one chunk twice
# and not to another of the same size, and partner 1 was missing from the answer.
@example(flips=[(1.0, 22)])
def test_a_damaged_index_answers_from_the_file_or_not_at_all(
    flips: list[tuple[float, int]], data_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Bytes of the index changed anywhere (a chunk's text, its positions, the counts, the
    head, SQLite's own pages): every answer is still the file's, from the file when the
    index cannot vouch for what it read (a tester saw `[]` for a damaged chunk)."""
    folder = tmp_path_factory.getbasetemp() / "damaged-index-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARTYINTL_CACHE_DIR", str(folder))
        patch.setattr(index, "MIN_BYTES", 0)
        patch.setattr(index, "CHUNK", 5)
        base = ["--data", str(data_file)]
        expected = [run_here([*base, *q]) for q in DAMAGE_QUESTIONS]  # the first builds it
        (at,) = folder.glob("index-*.sqlite")
        good = folder / "good"
        if not good.exists():
            good.write_bytes(at.read_bytes())
        spoilt = bytearray(good.read_bytes())
        for where, change in flips:
            spoilt[min(int(where * len(spoilt)), len(spoilt) - 1)] ^= change
        at.write_bytes(bytes(spoilt))
        for entry in folder.glob("answers-*"):
            entry.unlink()
        for question, answer_was in zip(DAMAGE_QUESTIONS, expected, strict=True):
            assert run_here([*base, *question]) == answer_was, question


def test_pruning_removes_temporary_files_of_processes_gone(cache_folder: Path) -> None:
    """A process killed outright (no handler runs) leaves its temporary file: the next
    prune removes it once that process is gone, and never a running one's."""
    import subprocess

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    cache_folder.mkdir(parents=True)
    names = [
        f"answers-a.{gone}.tmp",
        f"answers-b.{os.getpid()}.tmp",
        "answers-c.x.tmp",
        "answers-d",
    ]
    for name in names:
        (cache_folder / name).write_bytes(b"partial")
    cache.prune("answers-", 10)
    assert sorted(p.name for p in cache_folder.iterdir()) == names[1:]


@pytest.mark.parametrize(
    "change",
    [
        "country_code = 7",
        "type = x'00'",
        "partners = 'many'",
        "partners = partners + 1",
        "type = 1.5",
    ],
)
def test_a_damaged_row_of_groups_answers_from_the_file(
    change: str, data_file: Path, cache_folder: Path
) -> None:
    """A row of the index's `groups` changed (a value of another type, a wrong count, a
    country code the partners' rows do not have: a damaged page can read so): the
    questions answer as the file does, never without a group's partners, and no crash
    (the generated damage test once hit a crash, which this test holds)."""
    import sqlite3

    base = ["--data", str(data_file)]
    expected = [run_here([*base, *q]) for q in DAMAGE_QUESTIONS]
    (at,) = cache_folder.glob("index-*.sqlite")
    db = sqlite3.connect(at)
    db.execute(f"UPDATE groups SET {change} WHERE rowid IN (SELECT min(rowid) FROM groups)")
    db.execute(f"UPDATE groups SET {change} WHERE country_code IS 'DE'")
    db.commit()
    db.close()
    for question, answer_was in zip(DAMAGE_QUESTIONS, expected, strict=True):
        assert run_here([*base, *question]) == answer_was, question
