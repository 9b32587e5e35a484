"""An indexed copy of a big data file, so that later questions need not parse its JSON.

When a data file of at least MIN_BYTES has passed validation, its content is written to
an SQLite file in the cache folder (cache.py says where), named by the SHA-256 of the
file's bytes: `index-<digest>.sqlite`. A later question about a file with the same
content opens that database instead of reading and parsing the JSON: the file's records
other than the partners come from one row (`head`), with the partners those records name
by id (`named`: a person's post in a partner, an event's participant), so that the
party's people and timeline read no partner; the partners are read only when a question
needs them, those of the asked countries and types through an SQL index. The
partners are kept in chunks of up to CHUNK partners of one country and type, each with
their positions in the file (one row per partner took three times as long to write, most
of a first sight's extra cost); reading puts them back in the file's order.

Every record is kept as the JSON text orjson writes of the parsed value, and read back
with orjson into the same Python values (key order, ints and floats included), so every
answer is byte for byte the answer the file gives (tests/test_index.py compares every
command and format).

Safety, as for the validation markers:
- the folder is created private (0700), the database written to a new temporary name
  (O_EXCL, O_NOFOLLOW, mode 0600) and renamed over the final name in one step;
- a database is read only when the name is a regular file owned by this user, not a
  symbolic link, and SQLite reads it through the descriptor that was checked (on Linux);
- a file that is not an SQLite database, is damaged, or says another digest, partyintl
  version, rules revision or layout is ignored, and a fresh one replaces it;
- any error while writing leaves nothing behind and changes nothing else; an error while
  reading falls back to parsing the file. PARTYINTL_NO_CACHE=1 turns the index off too.

Small files (the bundled one is 131 KB) keep the JSON path, which is faster for them
(docs/performance.md measures both).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import pairwise

from .._version import __version__
from . import cache
from .load import SQLITE_HEADER as _HEADER
from .load import Dataset

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

    from .models import DatasetFile

#: Files smaller than this are answered from their JSON (measured faster below ~1 MB).
MIN_BYTES = 1024 * 1024
#: Bump when the layout of the database changes.
LAYOUT = "5"
#: How many indexes the cache folder keeps (the most recently made; each about the size
#: of its file).
KEPT = 16
#: The most partners one row of the index holds (all of one country and type).
CHUNK = 128
_READ_BLOCK = 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: A file's digest is remembered only once it has not changed for this many seconds.
_SETTLED = 2
#: How many files' digests are remembered (the oldest memos beyond are removed).
_MEMOS = 64


def _expected_meta(key: str) -> dict[str, str]:
    return {
        "format": "partyintl-index",
        "digest": key,
        "partyintl": __version__,
        "rules": cache.RULES_REVISION,
        "layout": LAYOUT,
    }


def index_path(key: str) -> str | None:
    """Where the index of content with this digest lives (None without a cache folder)."""
    folder = cache.cache_dir()
    return None if folder is None else os.path.join(folder, f"index-{key}.sqlite")


def enabled() -> bool:
    """Whether indexes are read and written: the cache is on, and orjson, which writes and
    reads their records, may be used (fastparse.orjson_allowed)."""
    from .fastparse import orjson_allowed

    return cache.enabled() and orjson_allowed()


def worth_indexing(path: str) -> os.stat_result | None:
    """The file's status when it is a regular file of MIN_BYTES or more and indexes are on."""
    if not enabled():
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size < MIN_BYTES:
        return None
    return info


def _stamp(info: os.stat_result) -> str:
    """What a file's status says of its content: size, modification and change times (ns).
    Any write changes the change time, which no user can set back."""
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}"


def _memo_name(info: os.stat_result) -> str:
    """The cache entry that remembers the digest of the file (device and inode)."""
    return f"digest-{info.st_dev}-{info.st_ino}"


def file_digest(path: str, info: os.stat_result | None = None) -> str | None:
    """The SHA-256 of a file's bytes, read in blocks (memory stays small); None if unreadable.

    Given the file's status, the digest remembered for the same file (device, inode) with
    the same size, modification and change times is taken without reading the file (as
    git's index does): a big file is hashed once, not at every question. A digest is
    remembered only for a file unchanged while it was read and last changed more than
    `_SETTLED` seconds before (a write in the same tick of the clock could otherwise go
    unseen).
    """
    import hashlib

    if info is not None:
        memo = cache.read_entry(_memo_name(info), limit=256)
        if memo is not None:
            stamp, _, known = memo.decode("ascii", "replace").rpartition(" ")
            if stamp == _stamp(info) and len(known) == 64:
                return known
    sha = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(_READ_BLOCK):
                sha.update(block)
            after = os.fstat(handle.fileno())
    except OSError:
        return None
    key = sha.hexdigest()
    note_digest(info, after, key)
    return key


def note_digest(before: os.stat_result | None, after: os.stat_result | None, key: str) -> None:
    """Remember `key` as the digest of the file whose status was `before` when its reading
    began and `after` when it ended (file_digest takes it from the note later): only when
    the two are the same file, unchanged, last changed more than `_SETTLED` seconds ago."""
    if before is None or after is None or not os.path.samestat(before, after):
        return
    settled = after.st_ctime_ns < (time.time() - _SETTLED) * 1e9
    if _stamp(after) == _stamp(before) and settled:
        cache.write_entry(_memo_name(before), f"{_stamp(before)} {key}".encode(), keep=_MEMOS)


def open_indexed(path: str) -> IndexedDataset | None:
    """The indexed copy of the file at `path`, when one exists for its current content.

    None for a small file, an unreadable one, a disabled cache, or no usable index: the
    caller then reads the file itself (which reports any problem with it).
    """
    info = worth_indexing(path)
    if info is None:
        return None
    key = file_digest(path, info)
    if key is None:
        return None
    where = index_path(key)
    if where is None:
        return None
    opened = _open_db(where, key)
    if opened is None:
        return None
    db, fd, head = opened
    return IndexedDataset(db, fd, head, path, key)


def _open_db(where: str, key: str) -> tuple[sqlite3.Connection, int, tuple[bytes, int]] | None:
    """Open and check an index; None (and nothing kept open) when it cannot be used. The
    head record is returned as its JSON text and checksum, parsed only when a question
    needs it."""
    try:
        fd = os.open(where, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    db = None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or not cache.owned(info)
            or os.pread(fd, len(_HEADER), 0) != _HEADER
        ):
            raise ValueError("not an index of ours")
        from ..sqlitefiles import open_uri

        # Through the checked descriptor where the system can name it, so that a file put
        # in its place since is not what SQLite reads. Never written: immutable, no locks.
        through = f"/proc/self/fd/{fd}"
        name = through if os.path.exists(through) else where
        db = open_uri(name, "ro&immutable=1")
        meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
        if meta != _expected_meta(key):
            raise ValueError("another digest, version or layout")
        row = db.execute("SELECT body, crc FROM head").fetchone()
        head = bytes(row[0])
        if not (head.startswith(b"{") and head.endswith(b"}")) or type(row[1]) is not int:
            raise ValueError("not a head record")
        return db, fd, (head, row[1])
    except Exception:  # damaged, foreign or unreadable: ignored, rebuilt after validation
        if db is not None:
            db.close()
        os.close(fd)
        return None


def _parsed_head(text: bytes, crc: int) -> dict[str, Any]:
    """The head record from its JSON text and checksum; ValueError when it is not one."""
    import zlib

    import orjson

    if zlib.crc32(text) != crc:
        raise ValueError("the head record is damaged")
    head = orjson.loads(text)
    if type(head) is not dict or head.get("partners") != []:
        raise ValueError("not a head record")
    return head


class _LazyRaw(dict):  # type: ignore[type-arg]
    """The file's top-level object, its `partners` read from the index on first use.

    Until then the `partners` key holds an empty list in its place (so the keys keep the
    file's order); any access that could see the partners loads them first. Iterating
    over the keys alone does not (the key is there); turning the object into a plain
    dict (`dict(raw)`, `{**raw}`) does, as iteration is overridden.
    """

    __slots__ = ("_load",)
    _load: Callable[[], list[dict[str, Any]]] | None

    def _ready(self) -> None:
        load = self._load
        if load is not None:
            self._load = None
            dict.__setitem__(self, "partners", load())

    def __getitem__(self, key: str) -> Any:
        if key == "partners":
            self._ready()
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        if key == "partners":
            self._ready()
        return dict.get(self, key, default)

    def __iter__(self) -> Iterator[str]:
        self._ready()
        return dict.__iter__(self)

    def items(self) -> Any:
        self._ready()
        return dict.items(self)

    def values(self) -> Any:
        self._ready()
        return dict.values(self)

    def copy(self) -> dict[str, Any]:
        self._ready()
        return dict(dict.items(self))

    def pop(self, key: str, *default: Any) -> Any:
        self._ready()
        return dict.pop(self, key, *default)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._ready()
        return dict.setdefault(self, key, default)

    def __eq__(self, other: object) -> bool:
        self._ready()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._ready()
        return dict.__repr__(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        self._ready()
        return (dict, (dict(dict.items(self)),))


def _close(db: sqlite3.Connection, fd: int) -> None:
    import contextlib

    with contextlib.suppress(Exception):
        db.close()
    with contextlib.suppress(OSError):
        os.close(fd)


class IndexedDataset(Dataset):
    """A validated data file answered from its index: what Dataset gives, read on demand.

    `raw` holds the file's records; its partners, `raw_partners`, `raw_orgs` and the
    models are read from the database on first use. `partners_where` reads only the
    partners of some countries or types. If the database fails while a question is being
    answered, the file itself is read (and validated if need be) instead.
    """

    def __init__(
        self, db: sqlite3.Connection, fd: int, head: tuple[bytes, int], path: str, key: str
    ) -> None:
        self._db = db
        self.key = key
        self._broken = False
        self.path = path
        self._model: DatasetFile | None = None
        self._head_text = head
        self._file: Dataset | None = None
        import weakref

        self._finalizer = weakref.finalize(self, _close, db, fd)

    @cached_property
    def _lazy(self) -> _LazyRaw:
        """The file's records (its partners read on first use), from the head record; the
        file itself when the head cannot be read (as when the index fails later). What
        Dataset derives from them when it is made (people, events, sources, as_of) is
        derived here at the same moment, so that later changes to `raw` do not reach it."""
        try:
            head = _parsed_head(*self._head_text)
        except Exception:  # a damaged head: the file answers instead
            self._broken = True
            raw = _LazyRaw(self._file_dataset().raw)
            raw._load = None
        else:
            raw = _LazyRaw(head)
            raw._load = self._all_partners
        self.derive(raw)  # reads no partners (only the key `partners` loads them)
        return raw

    @cached_property
    def raw(self) -> dict[str, Any]:  # type: ignore[override]
        """The file's top-level object; its partners are read from the index on first use."""
        return self._lazy

    def __getattr__(self, name: str) -> Any:
        # What `derive` sets (people, events, sources, as_of) is there once the head
        # record is read: reading it sets them, as Dataset sets them when made.
        if name in _DERIVED and "_lazy" not in self.__dict__:
            self._lazy  # noqa: B018
            return getattr(self, name)
        raise AttributeError(name)

    def close(self) -> None:
        """Close the database now (it is closed when the dataset is collected otherwise)."""
        self._finalizer()

    def _rows(self, where: str = "", params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """The partners of the chunks `where` (an SQL condition, with its leading space)
        selects, in the file's order: each chunk checked against its checksum, and their
        number against the groups' count (a damaged index can lose rows silently)."""
        if self._broken:
            return self._from_file()
        params = tuple(params)
        try:
            found: list[tuple[int, dict[str, Any]]] = []
            query = f"SELECT country_code, type, seqs, body, crc FROM partners{where}"
            for row in self._db.execute(query, params):
                found += _decoded(*row)
            counted = self._db.execute(f"SELECT sum(partners) FROM groups{where}", params)
            if len(found) != (counted.fetchone()[0] or 0):
                raise ValueError("partners missing from the index")
        except Exception:  # a damaged index: the file answers instead
            self._broken = True
            return self._from_file()
        found.sort(key=_first)
        if any(a[0] == b[0] for a, b in pairwise(found)):  # a chunk read twice (see above)
            self._broken = True
            return self._from_file()
        return [partner for _, partner in found]

    def _from_file(self) -> list[dict[str, Any]]:
        """Every partner, read from the file (validated as load_dataset would), when the
        index fails after it was opened; the index is not used again by this dataset."""
        partners: list[dict[str, Any]] = self._file_dataset().raw_partners
        return partners

    def _file_dataset(self) -> Dataset:
        """The file itself, read and validated as load_dataset would (the index closed),
        once; a DatasetError when its content is no longer the content indexed."""
        if self._file is None:
            self._file = self._read_file()
        return self._file

    def _read_file(self) -> Dataset:
        from ..errors import DatasetError, Problem
        from .load import load_bytes, read_bytes

        self._broken = True
        self.close()
        path = self.path or ""
        data = read_bytes(path)
        if cache.digest(data) != self.key:
            raise DatasetError(
                path,
                [Problem("", "the file changed while it was being read")],
                "Run the command again.",
            )
        return load_bytes(data, path, path)

    def iter_orgs(self) -> Iterator[tuple[dict[str, Any], bool]]:
        """As Dataset.iter_orgs, the partners read one at a time unless already read."""
        if self._broken or "raw_partners" in self.__dict__ or self._lazy._load is None:
            yield from super().iter_orgs()
            return

        head = self._lazy
        yield head["party"], False
        done = 0
        try:
            for _, partner in self._merged():
                done += 1
                yield partner, True
        except Exception:  # a damaged index: the file gives the rest
            if self._broken:
                raise
            self._broken = True
            for partner in self._from_file()[done:]:
                yield partner, True
        for org in head.get("organizations", ()):
            yield org, False

    def _merged(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every partner with its position, in the file's order, holding one chunk of each
        group (country and type) at a time. The positions are 0, 1, 2 ... without a gap:
        each group's next partner waits under its position until that position comes, and
        a position no group holds is a damaged index (ValueError). A look-up a partner,
        three times as fast as merging the groups on a heap."""
        kinds = self._db.execute("SELECT country_code, type, partners FROM groups").fetchall()
        waiting: dict[int, tuple[dict[str, Any], Iterator[tuple[int, dict[str, Any]]]]] = {}
        total = 0
        for kind in kinds:
            pairs = self._group_pairs(*kind)
            total += kind[2]
            for seq, partner in pairs:
                _wait(waiting, seq, partner, pairs)
                break
        take = waiting.pop
        for seq in range(total):
            found = take(seq, None)
            if found is None:
                raise ValueError("a partner's position is missing from the index")
            partner, pairs = found
            yield seq, partner
            for after, following in pairs:
                _wait(waiting, after, following, pairs)
                break
        if waiting:
            raise ValueError("a partner's position lies past the index's count")

    def _group_pairs(
        self, code: str | None, kind: str, count: int
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """The partners of one group (country code, type) with their positions, in the
        file's order, a chunk at a time: each chunk checked against its checksum, and
        their number against `count`, the group's (ValueError when either fails)."""
        rows = self._db.execute(
            "SELECT country_code, type, seqs, body, crc FROM partners "
            "WHERE country_code IS ? AND type = ? "
            "ORDER BY chunk",
            (code, kind),
        )
        last = -1
        for row in rows:
            pairs = _decoded(*row)
            count -= len(pairs)
            # A group's positions rise from chunk to chunk, as they were written: a damaged
            # SQL index can give one chunk twice and lose another of the same size, which
            # the count alone does not see.
            if pairs and (pairs[0][0] <= last or any(a[0] >= b[0] for a, b in pairwise(pairs))):
                raise ValueError("partners out of the file's order in the index")
            last = pairs[-1][0] if pairs else last
            yield from pairs
        if count:
            raise ValueError("partners missing from the index")

    def _all_partners(self) -> list[dict[str, Any]]:
        return self._rows()

    @cached_property
    def raw_partners(self) -> list[dict[str, Any]]:  # type: ignore[override]
        """Every listed partner, in the file's order (read from the index)."""
        partners: list[dict[str, Any]] = self.raw["partners"]
        return partners

    def name_of(self, ref: str) -> str:
        """As Dataset.name_of, without reading the partners for a record of the head (the
        party, the other organisations, people and events) or a partner one of them names:
        ids are unique across them and the partners, so a record found is the one
        Dataset.name_of finds. The party's people and timeline then read no partner."""
        found = self._head_record(ref)
        return str(found["name"]) if found is not None else super().name_of(ref)

    def org(self, ref: str) -> dict[str, Any] | None:
        """As Dataset.org, without reading the partners for the party, another organisation
        or a partner the head's records name."""
        found = self._head_record(ref)
        if found is not None and ref not in self.raw_people and ref not in self.raw_events:
            return found
        return super().org(ref)

    def _head_record(self, ref: str) -> dict[str, Any] | None:
        if "raw_orgs" in self.__dict__ or self._broken:
            return None
        return self._head_records.get(ref)

    @cached_property
    def _head_records(self) -> dict[str, dict[str, Any]]:
        """The head's records by id (the party, the other organisations, the people and
        the events) and the partners they name (the `named` table; none when it cannot
        be read: the partners then answer)."""
        import zlib

        import orjson

        raw = self.raw
        records = [raw["party"], *raw.get("organizations", ())]
        records += [*self.raw_people.values(), *self.raw_events.values()]
        mine = {r["id"]: r for r in records}
        try:
            body, crc = self._db.execute("SELECT body, crc FROM named").fetchone()
            if zlib.crc32(body) != crc:
                raise ValueError("the named partners are damaged")
            named = orjson.loads(body)
            if type(named) is not dict or not all(type(v) is dict for v in named.values()):
                raise ValueError("not the named partners")
        except Exception:  # a damaged index: the partners themselves answer
            return mine
        return {**named, **mine}

    @cached_property
    def raw_orgs(self) -> dict[str, dict[str, Any]]:  # type: ignore[override]
        """The party, partners and other organisations by id."""
        raw = self.raw
        party = raw["party"]
        orgs: dict[str, dict[str, Any]] = {party["id"]: party}
        for org in (*self.raw_partners, *raw.get("organizations", ())):
            orgs[org["id"]] = org
        return orgs

    @property
    def data(self) -> DatasetFile:
        """The whole file as pydantic models (built on first use, from a plain dict)."""
        if self._model is None:
            from .models import DatasetFile

            self._model = DatasetFile.model_validate(dict(self.raw.items()))
        return self._model

    def partners_where(
        self, codes: Iterable[str] | None, types: Iterable[str] | None
    ) -> list[dict[str, Any]]:
        """The partners, in the file's order, whose country has one of these ISO codes and
        whose type is one of these; None for either means any. Callers filter again."""
        if self._broken or "raw_partners" in self.__dict__ or self._lazy._load is None:
            return self.raw_partners
        return self._rows(*_where(codes, types))

    def groups(
        self, codes: Iterable[str] | None, types: Iterable[str] | None
    ) -> list[tuple[str | None, str, int]] | None:
        """The (country code, type) groups of partners whose code is one of `codes` and
        type one of `types` (None: any), each with its number of partners, in the index's
        order; None when the index failed (the caller then asks the file)."""
        if self._broken:
            return None
        where, params = _where(codes, types)
        sql = f"SELECT country_code, type, partners FROM groups{where} ORDER BY 1, 2"
        try:
            found = [(code, kind, n) for code, kind, n in self._db.execute(sql, params)]
            # The groups the partners' own rows name: a damaged row of either table shows.
            named = f"SELECT DISTINCT country_code, type FROM partners{where}"
            present = set(self._db.execute(named, params))
            if not all(_group_row(*row) for row in found) or present != {
                (code, kind) for code, kind, _ in found
            }:
                raise ValueError("a damaged group of the index")
            return found
        except Exception:  # a damaged index: the file answers instead
            self._broken = True
            return None

    def group(
        self, code: str | None, kind: str, count: int
    ) -> tuple[list[int], list[dict[str, Any]]]:
        """The partners of one group (country code, type, its count as `groups` gave it)
        and their positions among the file's partners, in the file's order. Raises
        sqlite3.Error or ValueError when the index fails (the dataset is then marked
        broken, and answers from the file)."""
        try:
            pairs = list(self._group_pairs(code, kind, count))
        except Exception:
            self._broken = True
            raise
        return [seq for seq, _ in pairs], [partner for _, partner in pairs]


def _group_row(code: object, kind: object, count: object) -> bool:
    """Whether a row of `groups` has the types the index writes: a country code or NULL,
    a type, a count."""
    return (code is None or type(code) is str) and type(kind) is str and type(count) is int


#: What Dataset.derive sets, which an indexed dataset sets when its head record is read.
_DERIVED = frozenset({"raw_people", "raw_events", "sources", "as_of"})


def _decoded(
    code: str | None, kind: str, seqs: bytes, body: bytes, crc: int
) -> list[tuple[int, dict[str, Any]]]:
    """A chunk's partners with their positions; ValueError when it fails its checksum,
    which covers the group it is filed under too (a chunk of French partners filed as
    German would answer a question about Germany)."""
    import orjson

    if _checksum(code, kind, seqs, body) != crc:
        raise ValueError("a damaged chunk of the index")
    return list(zip(orjson.loads(seqs), orjson.loads(body), strict=True))


def _checksum(code: str | None, kind: str, seqs: bytes, body: bytes) -> int:
    """zlib's CRC-32 of a chunk's group (country code and type), positions and partners."""
    import zlib

    import orjson

    crc32 = zlib.crc32
    return crc32(body, crc32(seqs, crc32(orjson.dumps([code, kind]))))


def _where(codes: Iterable[str] | None, types: Iterable[str] | None) -> tuple[str, list[str]]:
    """The WHERE clause (with its leading space, or nothing) and parameters that keep the
    partners' rows of these country codes and types (None: any)."""
    where, params = [], []
    if codes is not None:
        codes = list(codes)
        where.append(f"country_code IN ({', '.join('?' for _ in codes)})")
        params += codes
    if types is not None:
        types = list(types)
        where.append(f"type IN ({', '.join('?' for _ in types)})")
        params += types
    return (" WHERE " + " AND ".join(where) if where else ""), params


def build(ds: Dataset, data: bytes, key: str | None = None) -> None:
    """Write the index of a validated file's content (best effort: any failure is ignored).

    `data` are the file's bytes (their digest names the index) and `ds` what they were
    validated into. Nothing is written for a small file or when the cache is off.
    """
    if len(data) < MIN_BYTES or not enabled() or isinstance(ds, IndexedDataset):
        return
    key = key or cache.digest(data)
    where = index_path(key)
    if where is None:
        return
    from ..lifecycle import after_answer
    from .fastparse import PARSED_BYTES_PER_BYTE

    raw = ds.raw

    def beside() -> bytes:
        _build(raw, key, where)
        return b""

    # A command answers while a helper on another core writes the index (its end waits
    # for it); a library call writes it now. The helper writes only the pages it copies.
    if not after_answer(beside, spare=len(data) * PARSED_BYTES_PER_BYTE):
        _build(raw, key, where)


def _build(raw: dict[str, Any], key: str, where: str) -> None:
    """build's work: the index written beside `where` and renamed into place."""
    tmp = f"{where}.{os.getpid()}.tmp"
    ours = False  # the folder checked, the name (this process's alone) is removed on failure
    try:
        cache._make_folder(os.path.dirname(where))
        ours = True
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
        _write(raw, tmp, key)
        os.replace(tmp, where)
        cache.prune("index-", KEPT)
        cache.prune_orphans("answers-", "index-")
    except BaseException as exc:  # best effort: a cache that cannot be written is no error
        import contextlib

        if ours:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if not isinstance(exc, Exception):
            raise  # a stop signal: stop, with nothing left behind


def _write(raw: dict[str, Any], tmp: str, key: str) -> None:
    import zlib

    import orjson

    from ..sqlitefiles import new_database

    head = orjson.dumps({k: ([] if k == "partners" else v) for k, v in raw.items()})
    db = new_database(tmp, 16384)
    try:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE head (body BLOB NOT NULL, crc INTEGER NOT NULL)")
        db.execute(
            "CREATE TABLE partners (chunk INTEGER PRIMARY KEY, country_code TEXT, "
            "type TEXT NOT NULL, seqs BLOB NOT NULL, body BLOB NOT NULL, crc INTEGER NOT NULL)"
        )
        db.execute(
            "CREATE TABLE groups (country_code TEXT, type TEXT NOT NULL, partners INTEGER NOT NULL)"
        )
        db.execute("CREATE TABLE named (body BLOB NOT NULL, crc INTEGER NOT NULL)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", _expected_meta(key).items())
        db.execute("INSERT INTO head VALUES (?, ?)", (head, zlib.crc32(head)))
        named = orjson.dumps(_named_partners(raw))
        db.execute("INSERT INTO named VALUES (?, ?)", (named, zlib.crc32(named)))
        counts: dict[tuple[str | None, str], int] = {}
        db.executemany(
            "INSERT INTO partners (country_code, type, seqs, body, crc) VALUES (?, ?, ?, ?, ?)",
            _chunks(raw["partners"], counts),
        )
        db.executemany(
            "INSERT INTO groups VALUES (?, ?, ?)", ((*kind, n) for kind, n in counts.items())
        )
        db.execute("CREATE INDEX partners_country ON partners (country_code, chunk)")
        db.commit()
    finally:
        db.close()


def _named_partners(raw: dict[str, Any]) -> dict[str, Any]:
    """The partners that the file's other records name by id (a person's post in a
    partner, an event's participant), by id: what the party's people and timeline need of
    the partners, kept apart so that those questions read no partner."""
    ids = {p["id"]: p for p in raw["partners"]}
    found: dict[str, Any] = {}
    stack: list[Any] = [v for k, v in raw.items() if k != "partners"]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and value in ids:
            found[value] = ids[value]
    return dict(sorted(found.items()))


def _chunks(
    partners: list[dict[str, Any]], counts: dict[tuple[str | None, str], int]
) -> Iterator[tuple[Any, ...]]:
    """The partners as rows of the index: up to CHUNK partners of one country and type in
    the file's order, with their positions (JSON arrays of both) and a checksum of the two
    (zlib's CRC-32, with their group: _checksum); `counts` gets the number of partners of
    each group."""
    import orjson

    dumps = orjson.dumps
    groups: dict[tuple[str | None, str], tuple[list[int], list[dict[str, Any]]]] = {}

    def row(kind: tuple[str | None, str], seqs: list[int], bodies: list[Any]) -> tuple[Any, ...]:
        counts[kind] = counts.get(kind, 0) + len(seqs)
        at, body = dumps(seqs), dumps(bodies)
        return (*kind, at, body, _checksum(*kind, at, body))

    for seq, partner in enumerate(partners):
        kind = (partner.get("country_code"), partner["type"])
        group = groups.get(kind)
        if group is None:
            group = groups[kind] = ([], [])
        group[0].append(seq)
        group[1].append(partner)
        if len(group[0]) == CHUNK:
            yield row(kind, *group)
            del groups[kind]
    for kind, (seqs, bodies) in groups.items():
        yield row(kind, seqs, bodies)


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


def _wait(
    waiting: dict[int, tuple[dict[str, Any], Iterator[tuple[int, dict[str, Any]]]]],
    seq: int,
    partner: dict[str, Any],
    pairs: Iterator[tuple[int, dict[str, Any]]],
) -> None:
    """Keep a group's next partner under its position; ValueError when two groups claim
    the same position (a damaged index)."""
    if seq in waiting:
        raise ValueError("two partners at one position in the index")
    waiting[seq] = (partner, pairs)
