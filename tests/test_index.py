"""The index of a big file (data/index.py): the same answers as the file, kept safely.

Every command in every format (the list test_escaping.py walks), with filters that the
index answers through SQL, gives byte for byte what parsing the file gives; the index is
private, written atomically, and a damaged, foreign or linked one is ignored and rebuilt.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_escaping import ALL, command_lines

from conftest import run_cli, run_here
from partyintl.data import answers, cache, index
from partyintl.data.load import Dataset, load_dataset

#: Questions the index answers with an SQL filter, beside the plain ones.
FILTERED = [
    ["partners", "-c", "Germany"],
    ["partners", "-c", "de", "-c", "FR", "-f", "json"],
    ["partners", "-c", "USSR", "-f", "csv"],  # a place without a code
    ["partners", "-c", "Germany", "-c", "Yugoslavia", "-t", "party", "-f", "jsonl"],
    ["partners", "-t", "npo", "-f", "tsv"],
    ["partners", "-t", "international", "-t", "npo", "--sort", "name"],
    ["partners", "-c", "Japan", "-f", "json"],  # a real country without partners
    ["partners", "-c", "Narnia"],  # no country: exit 2 with a suggestion
    ["partners", "--region", "EU", "-f", "plain"],
    ["partners", "-s", "labour", "--limit", "5", "-f", "markdown"],
    ["partners", "--left-right", "0..", "-f", "csv"],
    ["partners", "--ideology", "far-right", "-f", "json"],
    ["countries", "-t", "party", "-f", "csv"],
    ["spectrum", "--region", "Europe", "-f", "json"],
    ["map", "-t", "npo", "-f", "csv"],
    ["show", "synthetic-3", "-f", "json"],
    ["show", "nonexistent-partner"],
    ["export", "-f", "popolo"],
    ["export", "-f", "graphml"],
    ["timeline", "--org", "SI", "--since", "2010", "-f", "json"],
]


def big_file(raw: dict[str, Any]) -> dict[str, Any]:
    """The bundled data with 300 more partners of every shape the index keeps apart:
    countries with codes, places without one (a former country), no country at all,
    scores, tags, other names; non-ASCII and a float that must survive byte for byte."""
    data = copy.deepcopy(raw)
    places = [
        ("Germany", "DE"),
        ("France", "FR"),
        ("USSR", None),
        ("Yugoslavia", None),
        (None, None),
        ("Côte d'Ivoire", "CI"),
    ]
    for i in range(300):
        country, code = places[i % len(places)]
        kind = ("party", "npo", "international")[i % 3]
        partner: dict[str, Any] = {"id": f"synthetic-{i}", "name": f"Labour Ünion {i}"}
        partner |= {"type": kind, "country": country, "country_code": code}
        lst = "npo" if kind == "npo" else "partners"
        partner["listing"] = {"list": lst, "position": 1000 + i, "printed": partner["name"]}
        if country and not code:
            partner["notes"] = [f"{country} is a former country with no code of its own."]
        if i % 4 == 0:
            partner["left_right"] = [0.1, -2.5, 1e-05, 2.25][i % 16 // 4]
            partner["ideology"] = ["far-right"] if i % 8 == 0 else ["social democracy"]
        if i % 5 == 0:
            partner["other_names"] = [{"name": f"ЛС {i}", "note": "in Russian"}]
        if i % 7 == 0:
            partner["region"] = "Europe"
        data["partners"].append(partner)
    return data


def written_big_file(
    tmp_path_factory: pytest.TempPathFactory, make: Any = big_file, folder: str = "index"
) -> Path:
    """A new file of what `make` makes of the bundled data (big_file's by default)."""
    from conftest import DATA

    path = tmp_path_factory.mktemp(folder) / "big.json"
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    path.write_text(json.dumps(make(raw), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def indexed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return written_big_file(tmp_path_factory)


def cases() -> Iterator[tuple[list[str], bool]]:
    """Every command in every format (and its default, with every field), and FILTERED."""
    for argv, _fmt, tty in command_lines():
        if argv[0] in ("upgrade", "draft", "link"):
            continue  # they read files of their own, not --data's
        yield argv, tty
    for argv in FILTERED:
        yield argv, False


def _answer(argv: list[str], tty: bool, path: Path) -> tuple[int, str, str]:
    from test_escaping import run_line

    if ALL in argv:
        return run_line(["--data", str(path), *argv], tty)
    return run_here(["--data", str(path), *argv], tty)


def test_every_command_and_format_answers_alike_from_the_index(
    indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    all_cases = list(cases())
    monkeypatch.setattr(index, "MIN_BYTES", 1 << 60)  # the file's own JSON
    from_file = [_answer(argv, tty, indexed_file) for argv, tty in all_cases]
    assert not list((tmp_path / "cache").glob("index-*"))
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setattr(index, "CHUNK", 7)  # several chunks of a country, and remainders
    load_dataset(str(indexed_file))  # the first sight writes the index
    opened: list[tuple[Path, bool]] = []
    real_open = index.open_indexed

    def spy(path: str) -> index.IndexedDataset | None:
        found = real_open(path)
        opened.append((Path(path).resolve(), found is not None))
        return found

    monkeypatch.setattr(index, "open_indexed", spy)
    indexed = indexed_file.resolve()
    for (argv, tty), expected in zip(all_cases, from_file, strict=True):
        opened.clear()
        assert _answer(argv, tty, indexed_file) == expected, argv
        # The indexed file is answered from its index; another file a command reads beside
        # it (shared's second --data, seen for the first time) is read from its JSON.
        assert all(found for path, found in opened if path == indexed), argv
    # Partner lists a second time: now from the records kept beside the index.
    for (argv, tty), expected in zip(all_cases, from_file, strict=True):
        if argv[0] == "partners":
            assert _answer(argv, tty, indexed_file) == expected, argv
    assert list((tmp_path / "cache").glob("answers-*"))
    assert len(all_cases) > 150


def test_the_index_is_private_and_atomic(indexed_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    env = {"PARTYINTL_CACHE_DIR": str(folder)}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "MIN_BYTES", 0)
        mp.setattr(index, "_SETTLED", -1)  # the digest is remembered at once
        assert run_cli("--data", str(indexed_file), "partners", env=env).returncode == 0
        key = cache.digest(indexed_file.read_bytes())
        built = folder / f"index-{key}.sqlite"
        assert folder.stat().st_mode & 0o777 == 0o700
        assert built.stat().st_mode & 0o777 == 0o600
        # The file's digest is remembered by its status.
        info = indexed_file.stat()
        memo = folder / f"digest-{info.st_dev}-{info.st_ino}"
        assert sorted(p.name for p in folder.iterdir()) == [memo.name, built.name, f"valid-{key}"]
        assert memo.stat().st_mode & 0o777 == 0o600
        db = sqlite3.connect(built)
        meta = dict(db.execute("SELECT name, value FROM meta"))
        count = db.execute("SELECT sum(json_array_length(seqs)) FROM partners").fetchone()[0]
        db.close()
        assert meta == {
            "format": "partyintl-index",
            "digest": key,
            "partyintl": "0.1.0",
            "rules": cache.RULES_REVISION,
            "layout": index.LAYOUT,
        }
        assert count == 354


def test_small_files_and_no_cache_keep_the_json_path(indexed_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert indexed_file.stat().st_size < index.MIN_BYTES  # the default: 1 MiB
    run_cli("--data", str(indexed_file), "partners", env={"PARTYINTL_CACHE_DIR": str(folder)})
    assert not list(folder.glob("index-*"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "MIN_BYTES", 0)
        off = tmp_path / "off"
        env = {"PARTYINTL_CACHE_DIR": str(off), "PARTYINTL_NO_CACHE": "1"}
        assert run_cli("--data", str(indexed_file), "partners", env=env).returncode == 0
        assert not off.exists()


def _spoilers(key: str, good: Path, other: Path) -> dict[str, Any]:
    """Ways an index file can be unusable: each spoils the file at the index's name."""

    def meta(change: dict[str, str]) -> Any:
        def spoil(at: Path) -> None:
            at.write_bytes(good.read_bytes())
            db = sqlite3.connect(at)
            for name, value in change.items():
                db.execute("UPDATE meta SET value = ? WHERE name = ?", (value, name))
            db.commit()
            db.close()

        return spoil

    def truncated(at: Path) -> None:
        at.write_bytes(good.read_bytes()[:4096])

    def garbage_pages(at: Path) -> None:
        data = bytearray(good.read_bytes())
        data[4096:] = b"\xff" * (len(data) - 4096)
        at.write_bytes(bytes(data))

    return {
        "empty": lambda at: at.write_bytes(b""),
        "not sqlite": lambda at: at.write_text("garbage"),
        "truncated": truncated,
        "damaged pages": garbage_pages,
        "another digest": meta({"digest": "0" * 64}),
        "another version": meta({"partyintl": "0.0.1"}),
        "another rules revision": meta({"rules": "0"}),
        "another layout": meta({"layout": "0"}),
        "a link to a good index": lambda at: at.symlink_to(good),
        "the index of another file, linked": lambda at: at.symlink_to(other),
        "a folder": lambda at: at.mkdir(),
        "a fifo": lambda at: os.mkfifo(at),
    }


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder, in which files of any size are indexed."""
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("kind", list(_spoilers("", Path(), Path())))
def test_a_damaged_or_foreign_index_is_ignored_and_rebuilt(
    kind: str, indexed_file: Path, tmp_path: Path, cache_folder: Path
) -> None:
    folder = cache_folder
    argv = ["--data", str(indexed_file), "partners", "-c", "Germany", "--json"]
    expected = run_here(argv)
    key = cache.digest(indexed_file.read_bytes())
    at = folder / f"index-{key}.sqlite"
    good = tmp_path / "good.sqlite"
    at.rename(good)
    other_file = tmp_path / "other.json"
    other_raw = json.loads(indexed_file.read_text(encoding="utf-8"))
    other_raw["partners"] = other_raw["partners"][:100]
    other_file.write_text(json.dumps(other_raw), encoding="utf-8")
    load_dataset(str(other_file))
    other = folder / f"index-{cache.digest(other_file.read_bytes())}.sqlite"
    _spoilers(key, good, other)[kind](at)
    assert run_here(argv) == expected
    if kind in ("a folder",):
        assert at.is_dir()  # not ours to remove: the file's own JSON answers
        return
    assert not at.is_symlink() and at.is_file()
    assert index.open_indexed(str(indexed_file)) is not None  # rebuilt
    assert run_here(argv) == expected


def test_an_index_damaged_after_opening_falls_back_to_the_file(
    indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    argv = ["--data", str(indexed_file), "countries", "--json"]
    expected = run_here(argv)
    ds = index.open_indexed(str(indexed_file))
    assert ds is not None
    ds.close()  # as if the database failed under the question
    assert ds.partners_where(["DE"], None) == load_dataset(str(indexed_file)).raw_partners
    assert run_here(argv) == expected
    ds = index.open_indexed(str(indexed_file))
    assert ds is not None
    ds.close()  # no answer records from a failed index: the partner list asks the file
    assert answers.record_texts(ds, ["FR"], None, "partners.json", lambda p: []) is None


def test_a_file_changed_since_the_index_was_made_is_read_again(
    indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "data.json"
    path.write_bytes(indexed_file.read_bytes())
    assert run_here(["--data", str(path), "partners", "-c", "Germany", "--json"])[0] == 0
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["partners"][-1]["country_code"] = "QQ"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["--data", str(path), "partners", "-c", "Germany", "--json"])
    assert (code, out) == (1, "")
    assert "'QQ' is not an ISO 3166-1 alpha-2 code" in err


def _built_index(indexed_file: Path) -> str:
    """The path of the index built for `indexed_file` (the caller sets where and how)."""
    load_dataset(str(indexed_file))
    ds = index.open_indexed(str(indexed_file))
    assert ds is not None
    where: str = ds._db.execute("PRAGMA database_list").fetchone()[2]
    ds.close()
    return where


#: Ways a chunk's positions can be wrong while its checksum still holds: one position
#: moved past the last, one repeated (another chunk's or its own), one left out.
POSITION_DAMAGE = ("past the end", "repeated", "left out")


@settings(max_examples=40, deadline=None)
@given(damage=st.sampled_from(POSITION_DAMAGE), which=st.integers(0, 10_000))
def test_partners_at_damaged_positions_are_read_from_the_file(
    indexed_file: Path, tmp_path_factory: pytest.TempPathFactory, damage: str, which: int
) -> None:
    """Every partner comes once, in the file's order, whatever the index's positions say:
    a gap, a repeat or a position past the count is a damaged index, and the file answers."""
    cache_dir = tmp_path_factory.mktemp("positions")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "MIN_BYTES", 0)
        patch.setattr(index, "CHUNK", 7)
        patch.setenv("PARTYINTL_CACHE_DIR", str(cache_dir))
        plain = load_dataset(str(indexed_file)).raw_partners
        db = sqlite3.connect(_built_index(indexed_file))
        chunks = db.execute(
            "SELECT chunk, seqs, body, country_code, type FROM partners ORDER BY chunk"
        ).fetchall()
        chunk, seqs, body, code, kind = chunks[which % len(chunks)]
        positions = json.loads(seqs)
        at = which % len(positions)
        if damage == "past the end":
            positions[at] = len(plain) + which % 3
        elif damage == "repeated":
            other = json.loads(chunks[(which + 1) % len(chunks)][1])  # another chunk's
            positions[at] = other[which % len(other)]
        else:
            del positions[at]
            body = json.dumps(json.loads(body)[:at] + json.loads(body)[at + 1 :]).encode()
        new = json.dumps(positions).encode()
        db.execute(
            "UPDATE partners SET seqs = ?, body = ?, crc = ? WHERE chunk = ?",
            (new, body, index._checksum(code, kind, new, body), chunk),
        )
        db.commit()
        db.close()
        ds = index.open_indexed(str(indexed_file))
        assert ds is not None
        got = [org for org, listed in ds.iter_orgs() if listed]
        ds.close()
    assert got == plain


@settings(max_examples=30, deadline=None)
@given(which=st.integers(0, 10_000))
def test_a_chunk_filed_under_another_group_is_a_damaged_index(
    indexed_file: Path, tmp_path_factory: pytest.TempPathFactory, which: int
) -> None:
    """Two chunks of as many partners swapped between their groups (country and type):
    the counts agree, and a question about one country answered partners of the other (a
    fresh tester's case). The checksum covers the group; the file answers."""
    cache_dir = tmp_path_factory.mktemp("groups")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "MIN_BYTES", 0)
        patch.setattr(index, "CHUNK", 3)
        patch.setenv("PARTYINTL_CACHE_DIR", str(cache_dir))
        argv = ["--data", str(indexed_file), "partners", "--json"]
        db = sqlite3.connect(_built_index(indexed_file))
        rows = db.execute(
            "SELECT chunk, country_code, type, json_array_length(seqs) FROM partners"
        ).fetchall()
        pairs = [
            (a, b)
            for a in rows
            for b in rows
            if a[0] < b[0] and a[3] == b[3] and (a[1], a[2]) != (b[1], b[2])
        ]
        a, b = pairs[which % len(pairs)]
        for (chunk, *_), (_, code, kind, _) in ((a, b), (b, a)):
            db.execute(
                "UPDATE partners SET country_code = ?, type = ? WHERE chunk = ?",
                (code, kind, chunk),
            )
        db.commit()
        db.close()
        for code in {a[1], b[1]} - {None}:
            with_index = run_here([*argv, "--country", str(code)])
            patch.setenv("PARTYINTL_NO_CACHE", "1")
            from_file = run_here([*argv, "--country", str(code)])
            patch.delenv("PARTYINTL_NO_CACHE")
            assert with_index == from_file


def test_the_lazy_object_gives_every_partner_to_whoever_reads_it(
    indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index, "CHUNK", 3)
    plain = json.loads(indexed_file.read_text(encoding="utf-8"))
    load_dataset(str(indexed_file))
    readers = {
        "dict()": lambda raw: dict(raw),
        "{**raw}": lambda raw: {**raw},
        "items": lambda raw: dict(raw.items()),
        "values": lambda raw: dict(zip(plain, raw.values(), strict=True)),
        "copy": lambda raw: raw.copy(),
        "json": lambda raw: json.loads(json.dumps(raw)),
        "deepcopy": lambda raw: copy.deepcopy(raw),
        "getitem": lambda raw: {k: raw[k] for k in plain},
        "get": lambda raw: {k: raw.get(k) for k in plain},
    }
    for name, read in readers.items():
        ds = index.open_indexed(str(indexed_file))
        assert ds is not None
        got = read(ds.raw)
        assert got == plain and list(got) == list(plain), name
        ds.close()


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.text(
        st.sampled_from(["a", "é", "\x7f", "\x85", "\u061c", "\u202e", "–", "\u2066", "\x1b"])
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(records=st.lists(json_values, max_size=5), pretty=st.booleans())
def test_json_written_by_orjson_is_the_json_modules_text(records: list[Any], pretty: bool) -> None:
    from partyintl.escaping import escape_json
    from partyintl.render.formats import _orjson_text

    fast = _orjson_text(records, pretty)
    kwargs: dict[str, Any] = {"indent": 2} if pretty else {"separators": (",", ":")}
    expected = escape_json(json.dumps(records, ensure_ascii=False, **kwargs))
    assert fast is None or fast == expected
    plain_floats = [x for x in records if isinstance(x, float) and (x == 0 or abs(x) >= 1e-4)]
    if plain_floats and len(plain_floats) == len(records):
        assert fast is not None  # refused only where the text might differ


def test_exports_to_files_are_the_same_from_the_index(
    indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index, "CHUNK", 5)
    got: dict[str, tuple[str, dict[str, bytes]]] = {}
    for way, least in (("file", 1 << 60), ("index", 0)):
        monkeypatch.setattr(index, "MIN_BYTES", least)
        load_dataset(str(indexed_file))
        db, pkg = tmp_path / f"{way}.db", tmp_path / f"{way}-pkg"
        for fmt, out in (("sqlite", db), ("datapackage", pkg)):
            code, _, err = run_here(
                ["--data", str(indexed_file), "export", "-f", fmt, "-o", str(out)]
            )
            assert (code, err) == (0, f"Wrote {out}\n")
        con = sqlite3.connect(db)
        dumped = "\n".join(con.iterdump())
        con.close()
        got[way] = (dumped, {p.name: p.read_bytes() for p in sorted(pkg.iterdir())})
    assert got["index"] == got["file"]
    assert "synthetic-299" in got["file"][0]


def test_every_streamed_row_has_its_tables_columns_in_order(indexed_file: Path) -> None:
    from partyintl.export.tables import layout, stream

    tables = layout()
    seen = set()
    for ds in (load_dataset(), load_dataset(str(indexed_file))):
        for at, row in stream(ds):
            assert list(row) == [c.name for c in tables[at].columns], tables[at].name
            seen.add(tables[at].name)
    assert seen == {t.name for t in tables}


def _dump_by_loop(raw: dict[str, Any], shape: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    """shapes.dump as it was written before it was compiled: the reference."""
    from partyintl.data import shapes

    out: dict[str, Any] = {}
    for name, default in shape:
        value = raw.get(name, default)
        if isinstance(value, (tuple, list)):
            value = list(value)
        sub = shapes.NESTED.get(name)
        if sub is not None and value is not None:
            value = (
                [_dump_by_loop(i, sub) for i in value]
                if isinstance(value, list)
                else _dump_by_loop(value, sub)
            )
        out[name] = value
    return out


def _records(shape: tuple[tuple[str, Any], ...], depth: int = 0) -> st.SearchStrategy[Any]:
    """Records of a shape: its required fields and any of the others, with values of any
    kind (a nested shape's records, lists or tuples of them, None, text)."""
    from partyintl.data import shapes

    fields = {}
    for name, _ in shape:
        sub = shapes.NESTED.get(name)
        if sub is not None:  # a nested record, a list or tuple of them, or nothing
            inner = _records(sub, depth + 1) if depth < 2 else st.just({})
            fields[name] = st.none() | inner | st.lists(inner, max_size=2) | st.tuples(inner)
        else:
            fields[name] = (
                st.none()
                | st.text(max_size=3)
                | st.integers()
                | st.lists(st.text(max_size=2))
                | st.tuples(st.text(max_size=2))
            )
    required = {n: fields.pop(n) for n, default in shape if default is shapes.REQUIRED}
    return st.fixed_dictionaries(required, optional=fields)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_compiled_dump_is_the_loop(data: st.DataObject) -> None:
    from partyintl.data import shapes

    shape = data.draw(
        st.sampled_from([shapes.ORGANIZATION, shapes.PERSON, shapes.CONTACT, shapes.END])
    )
    record = data.draw(_records(shape))
    expected = _dump_by_loop(record, shape)
    assert shapes.dump(record, shape) == expected
    assert shapes._compile(shape)(record) == expected  # once a shape is used often
    assert shapes._dump_loop(record, shape) == expected  # its first uses
    assert list(shapes.dump(record, shape)) == [name for name, _ in shape]


def _reads_of_every_partner(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    """A list that gets an item each time an indexed dataset reads every partner."""
    read_all: list[None] = []
    real = index.IndexedDataset._all_partners

    def spy(self: index.IndexedDataset) -> list[dict[str, Any]]:
        read_all.append(None)
        return real(self)

    monkeypatch.setattr(index.IndexedDataset, "_all_partners", spy)
    return read_all


@pytest.mark.parametrize(
    "argv",
    [
        ["partners", "-c", "Germany", "--json"],
        ["partners", "-c", "de", "-c", "fr", "-t", "party", "-f", "table"],
        ["partners", "-c", "Japan", "-f", "csv"],
    ],
)
def test_a_question_by_country_reads_only_that_countrys_partners(
    argv: list[str], indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    load_dataset(str(indexed_file))
    read_all = _reads_of_every_partner(monkeypatch)
    code, out, _ = run_here(["--data", str(indexed_file), *argv])
    assert code == 0 and read_all == []


@pytest.mark.parametrize(
    "argv",
    [
        ["people", "-f", "csv"],
        ["people", "--json"],
        ["timeline", "-f", "csv"],
        ["timeline", "-f", "table"],
        ["timeline", "-f", "svg"],
        ["contacts", "--json"],
    ],
)
@pytest.mark.parametrize("named", ["kept", "damaged", "dropped"])
def test_the_partys_people_and_timeline_read_no_partner(
    argv: list[str],
    named: str,
    indexed_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`people` and `timeline` of a 100,000-partner file read every partner from the index
    (1 s, 140 MB) for the names of the few that a post or an event names. Those partners
    are kept apart in the index (`named`): the answers are the file's, and no partner is
    read; with that table damaged or gone, the partners answer, alike."""
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    with monkeypatch.context() as plain:
        plain.setenv("PARTYINTL_NO_CACHE", "1")
        expected = run_here(["--data", str(indexed_file), *argv])
    load_dataset(str(indexed_file))
    at = tmp_path / "cache" / f"index-{cache.digest(indexed_file.read_bytes())}.sqlite"
    if named != "kept":
        db = sqlite3.connect(at)
        if named == "damaged":
            db.execute('UPDATE named SET body = CAST(\'{"pasd": {"name": "X"}}\' AS BLOB)')
        else:
            db.execute("DROP TABLE named")
        db.commit()
        db.close()
    read_all = _reads_of_every_partner(monkeypatch)
    assert run_here(["--data", str(indexed_file), *argv]) == expected
    assert (read_all == []) is (named == "kept" or argv[0] == "contacts")


def test_an_index_of_another_user_is_not_read(
    indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    argv = ["--data", str(indexed_file), "partners", "-c", "Germany", "--json"]
    expected = run_here(argv)
    assert index.open_indexed(str(indexed_file)) is not None
    real = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real + 1)  # the file is now someone else's
    assert index.open_indexed(str(indexed_file)) is None
    assert run_here(argv) == expected


def _renamed(path: Path, text: str) -> None:
    """Same size, same modification time: only the change time (and the bytes) differ."""
    before = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _replaced(path: Path, text: str) -> None:
    """A new file renamed over the old one (another inode), as editors save."""
    new = path.with_suffix(".new")
    new.write_text(text, encoding="utf-8")
    os.replace(new, path)


#: Ways a file changes under a question: each must be seen (its digest taken anew).
CHANGES = {
    "rewritten in place, times set back": _renamed,
    "replaced by a rename": _replaced,
    "rewritten in place": lambda path, text: path.write_text(text, encoding="utf-8"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_remembered_digest_never_hides_a_change(
    change: str, indexed_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Later questions take the file's digest from a memo of its status (size,
    modification and change times) instead of reading it; whatever way the file changes,
    the next answer is the new content's."""
    monkeypatch.setattr(index, "MIN_BYTES", 0)
    monkeypatch.setattr(index, "_SETTLED", -1)  # remember at once (no waiting in a test)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(cache_dir))
    path = tmp_path / "data.json"
    text = indexed_file.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    question = ["--data", str(path), "partners", "-c", "Germany", "-f", "csv", "--fields", "name"]
    first = run_here(question)
    assert first[0] == 0 and "Socialist Democratic Party of Germany" in first[1]
    assert run_here(question) == first  # answered with the remembered digest
    assert [p.name for p in cache_dir.iterdir() if p.name.startswith("digest-")] != []
    same_size = text.replace(
        "Socialist Democratic Party of Germany", "Socialist Democratic Party of Gxrmany"
    )
    assert len(same_size) == len(text) and same_size != text
    CHANGES[change](path, same_size)
    code, out, err = run_here(question)
    assert code == 0, err
    assert "Gxrmany" in out and "Party of Germany" not in out


def test_the_memo_is_trusted_only_for_the_same_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * 100)
    info = path.stat()
    real = index.file_digest(str(path))
    # What a memo for this very status says is taken without reading the file...
    cache.write_entry(index._memo_name(info), f"{index._stamp(info)} {'0' * 64}".encode())
    assert index.file_digest(str(path), info) == "0" * 64
    # ...but not one for another status, nor a damaged one.
    cache.write_entry(index._memo_name(info), f"1 2 3 {'0' * 64}".encode())
    assert index.file_digest(str(path), info) == real
    for damaged in (b"", b"\xff\xfe", f"{index._stamp(info)} short".encode()):
        cache.write_entry(index._memo_name(info), damaged)
        assert index.file_digest(str(path), info) == real
    # A file changed within the last _SETTLED seconds is not remembered (a write in the
    # same tick of the clock would go unseen); one changed long ago is.
    (tmp_path / "cache" / index._memo_name(info)).unlink()
    monkeypatch.setattr(index, "_SETTLED", 3600)
    assert index.file_digest(str(path), info) == real
    assert not (tmp_path / "cache" / index._memo_name(info)).exists()
    monkeypatch.setattr(index, "_SETTLED", -1)
    assert index.file_digest(str(path), info) == real
    assert (tmp_path / "cache" / index._memo_name(info)).read_bytes() == (
        f"{index._stamp(info)} {real}".encode()
    )


def test_validate_notes_the_digest_anew_for_a_change_the_times_missed(
    indexed_file: Path, tmp_path: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change that leaves the file's times as they were (a write through a shared memory
    map can, on Linux) is not seen by the note of its digest; `partyintl validate` reads
    the whole file, and the questions after it answer the new content."""
    monkeypatch.setattr(index, "_SETTLED", -1)
    path = tmp_path / "data.json"
    path.write_bytes(indexed_file.read_bytes())
    other = tmp_path / "other.json"
    raw = json.loads(indexed_file.read_text(encoding="utf-8"))
    raw["partners"] = raw["partners"][:60]
    other.write_text(json.dumps(raw), encoding="utf-8")
    question = ["partners", "-c", "Germany", "--json"]
    want = run_here(["--data", str(path), *question])
    stale = run_here(["--data", str(other), *question])
    assert want != stale
    # The note says the other content's digest for this file's status, as after a change
    # the times did not show.
    info = path.stat()
    wrong = cache.digest(other.read_bytes())
    cache.write_entry(index._memo_name(info), f"{index._stamp(info)} {wrong}".encode())
    assert run_here(["--data", str(path), *question]) == stale  # the limit, as documented
    assert run_here(["validate", str(path)])[0] == 0
    assert run_here(["--data", str(path), *question]) == want
    # Any question that reads the whole file notes its digest too.
    cache.write_entry(index._memo_name(info), f"{index._stamp(info)} {wrong}".encode())
    assert load_dataset(str(path), full=True).raw_partners
    assert run_here(["--data", str(path), *question]) == want


def test_an_indexed_dataset_derives_what_a_dataset_does_when_it_is_read(
    indexed_file: Path, cache_folder: Path
) -> None:
    """The library gives the same from the index as from the file: the records, and what
    is derived from them when the file is read, which later edits of `raw` do not reach
    (a fresh tester saw `as_of` follow an edit of `raw` with the index only)."""
    load_dataset(str(indexed_file))  # the index
    for edit_first in (False, True):
        plain = Dataset(json.loads(indexed_file.read_text(encoding="utf-8")), None)
        indexed = index.open_indexed(str(indexed_file))
        assert indexed is not None
        if edit_first:  # raw read and edited before anything derived was asked for
            for ds in (plain, indexed):
                ds.raw["as_of"] = "1999"
                ds.raw["sources"] = []
        parts = ("raw_people", "raw_events", "sources", "as_of", "list_headings")
        assert [getattr(indexed, p) for p in parts] == [getattr(plain, p) for p in parts]
        assert indexed.raw == plain.raw and indexed.raw_partners == plain.raw_partners
        for ds in (plain, indexed):
            ds.raw["as_of"] = "2000"
        assert indexed.as_of == plain.as_of != "2000"
        indexed.close()


def test_the_cache_keeps_the_newest_indexes(indexed_file: Path, cache_folder: Path) -> None:
    cache_folder.mkdir(parents=True)
    old = [cache_folder / f"index-{n:064x}.sqlite" for n in range(index.KEPT + 3)]
    for n, path in enumerate(old):
        path.write_bytes(b"an old index")
        os.utime(path, ns=(n * 10**9, n * 10**9))
    (cache_folder / f"index-{0:064x}.sqlite.999999999.tmp").write_bytes(b"left")
    load_dataset(str(indexed_file))
    kept = sorted(p.name for p in cache_folder.glob("index-*"))
    new = f"index-{cache.digest(indexed_file.read_bytes())}.sqlite"
    assert kept == sorted([new, *(p.name for p in old[-(index.KEPT - 1) :])])


@pytest.mark.parametrize("fmt", ["popolo", "sqlite"])
def test_streamed_exports_never_hold_every_partner(
    fmt: str,
    indexed_file: Path,
    tmp_path: Path,
    cache_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Popolo and SQLite exports of an indexed file read its partners one chunk at a
    time (a list of all of them took 145 MiB at 100,000 partners for Popolo) and write
    what the file itself gives."""

    def exported(name: str) -> bytes:
        out = tmp_path / f"{name}.{fmt}"
        code, _, err = run_here(["--data", str(indexed_file), "export", "-f", fmt, "-o", str(out)])
        assert (code, err) == (0, f"Wrote {out}\n")
        return out.read_bytes() if fmt == "popolo" else _dump(out)

    with monkeypatch.context() as plain:
        plain.setenv("PARTYINTL_NO_CACHE", "1")
        expected = exported("plain")
    load_dataset(str(indexed_file))  # indexed
    read_all = _reads_of_every_partner(monkeypatch)
    assert exported("indexed") == expected
    assert read_all == []


def _dump(path: Path) -> bytes:
    db = sqlite3.connect(path)
    try:
        return "\n".join(db.iterdump()).encode()
    finally:
        db.close()
