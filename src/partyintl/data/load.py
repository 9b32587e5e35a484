"""Find, read, validate and index a data file; every failure is a DatasetError."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property

from ..environment import DATA as DATA_VARIABLE
from ..errors import DatasetError, Problem, UsageError
from ..escaping import json_quoted
from ..patterns import pattern
from ..words import byte_size, counted
from . import numbers
from .forms import CONTROLS
from .numbers import SCHEMA_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from json import JSONDecodeError
    from typing import Any, BinaryIO

    from ..lifecycle import Helper
    from .models import DatasetFile, Organization, Person

#: Files larger than this are refused before they are read whole.
MAX_BYTES = 256 * 1024 * 1024
#: Bytes read at a time from a file that holds more than its size said (a named pipe).
_READ_BLOCK = 1024 * 1024
ENV_VAR = DATA_VARIABLE

# A raw DEL/C1 character, or a JSON escape that may produce a control character: a cheap
# pre-scan of the text (single character classes; an alternation is ten times slower).
_RAW_CONTROL = pattern(r"[\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_C1_UTF8 = pattern(rb"\xc2[\x80-\x9f]")  # C1 in UTF-8: searching bytes is much faster
# Lead bytes of U+FDC0-U+FDFF and U+FFC0-U+FFFF in UTF-8, where the BMP's noncharacters
# live: a plain substring test, far cheaper than an alternation in a pattern.
_NONCHAR_LEADS = (b"\xef\xb7", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_ESCAPE = pattern(r"\\[ubfnrt]")
_ESCAPE_BYTES = pattern(rb"\\[ubfnrt]")
# Control characters, lone surrogates and noncharacters: JSON, CSV and GraphML readers
# cannot all carry them faithfully, so a data file may not hold them.
_CONTROL = pattern(f"[{CONTROLS}]")
#: A code point as messages name it (`U+001B`).
_CODE_POINT = pattern(r"U\+[0-9A-F]{4,6}")
#: Python refuses to turn longer digit strings into int (sys.get_int_max_str_digits).
MAX_DIGITS = 4300


def bundled_path() -> str:
    """The dataset that ships with partyintl (inside the wheel, or the repo's data/)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(package, "_data", "partners.json")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", "partners.json")


class Dataset:
    """A validated data file: its JSON for fast queries, and pydantic models on demand."""

    #: Other names of record ids that find_record accepts: with several files loaded, each
    #: file's `LABEL:ID` for the record that stands for it here (collection/augment.py).
    aliases: Mapping[str, str] = {}
    #: The other names of the loaded files that `FILE:ID` takes, for their labels: a
    #: file's name and its path as given (`spd.json`, `parties/spd.json` for `spd`).
    file_labels: Mapping[str, str] = {}
    #: The label answers give this file when it is loaded alone (collection.resolve: a
    #: bundled dataset's name, else the file's name without .json): `LABEL:ID` finds ID.
    label: str = ""
    #: With several files loaded, the label of each, in the order loaded (augment.py).
    labels: Sequence[str] = ()

    def __init__(
        self, raw: dict[str, Any], path: str | None, model: DatasetFile | None = None
    ) -> None:
        self.raw = raw
        self.path = path
        self._model = model
        self.raw_partners: list[dict[str, Any]] = raw["partners"]
        party = raw["party"]
        self.raw_orgs: dict[str, dict[str, Any]] = {party["id"]: party}
        for org in (*self.raw_partners, *raw.get("organizations", ())):
            self.raw_orgs[org["id"]] = org
        self.derive(raw)

    def derive(self, raw: Mapping[str, Any]) -> None:
        """Set what is derived from the file's records when they are read: people and
        events by id, sources by id (in the file's order) and the date the file holds as
        of (EDTF). Reads neither the partners nor the organisations."""
        self.raw_people = {p["id"]: p for p in raw.get("people", ())}
        self.raw_events = {e["id"]: e for e in raw.get("events", ())}
        #: The file's sources by id, in the file's order.
        self.sources: dict[str, dict[str, Any]] = {s["id"]: s for s in raw["sources"]}
        #: The date the file holds as of (EDTF).
        self.as_of: str = raw["as_of"]

    @property
    def data(self) -> DatasetFile:
        """The whole file as pydantic models (built on first use)."""
        if self._model is None:
            from .models import DatasetFile

            self._model = DatasetFile.model_validate(self.raw)
        return self._model

    @cached_property
    def orgs(self) -> dict[str, Organization]:
        """The party, partners and other organisations by id, as models."""
        d = self.data
        return {o.id: o for o in (d.party, *d.partners, *d.organizations)}

    @cached_property
    def people(self) -> dict[str, Person]:
        """People by id, as models."""
        return {p.id: p for p in self.data.people}

    @property
    def partners(self) -> tuple[Organization, ...]:
        """Every listed partner, in source order, as models."""
        return self.data.partners

    @cached_property
    def list_headings(self) -> dict[str, str]:
        """Each source list's heading as printed, by the list's id (lists without one left
        out)."""
        return {
            entry["id"]: entry["heading"]
            for source in self.sources.values()
            for entry in source.get("lists", ())
            if entry.get("heading")
        }

    @cached_property
    def list_sources(self) -> dict[str, str]:
        """The id of the source that prints each list, by the list's id."""
        return {
            entry["id"]: source["id"]
            for source in self.sources.values()
            for entry in source.get("lists", ())
        }

    @property
    def schema_version(self) -> int:
        """The schema version of the file (always the one this partyintl reads)."""
        return int(self.raw["schema_version"])

    def partners_where(
        self, codes: Iterable[str] | None, types: Iterable[str] | None
    ) -> list[dict[str, Any]]:
        """At least the partners whose country has one of these ISO codes and whose type is
        one of these (None: any), in the file's order, for the caller to filter: here all
        of them; an indexed dataset (data/index.py) reads only those."""
        return self.raw_partners

    def iter_orgs(self) -> Iterator[tuple[dict[str, Any], bool]]:
        """Every organisation as in `raw_orgs` (the party, the partners, the others), each
        with whether it is a listed partner; an indexed dataset reads them one at a time."""
        partners = {id(p) for p in self.raw_partners}
        for org in self.raw_orgs.values():
            yield org, id(org) in partners

    def summary(self) -> str:
        """How many records of each kind the file holds, in words."""
        raw = self.raw
        periods = sum(len(m["periods"]) for m in raw.get("memberships", ()))
        return ", ".join(
            [
                counted(len(self.sources), "source"),
                counted(len(self.raw_partners), "partner"),
                counted(len(raw.get("organizations", ())), "other organisation"),
                f"{counted(len(raw.get('memberships', ())), 'membership')} "
                f"({counted(periods, 'status period')})",
                counted(len(self.raw_events), "event"),
                counted(len(self.raw_people), "person", "people"),
                counted(len(raw.get("contacts", ())), "contact"),
            ]
        )

    def org(self, ref: str) -> dict[str, Any] | None:
        """The organisation (the party, a partner or another) of this id, or None."""
        return self.raw_orgs.get(ref)

    def name_of(self, ref: str) -> str:
        """The display name behind any id of the file (a source's: its title)."""
        if ref in self.sources and not any(
            ref in pool for pool in (self.raw_orgs, self.raw_people, self.raw_events)
        ):
            return str(self.sources[ref]["title"])
        for pool in (self.raw_orgs, self.raw_people, self.raw_events):
            if ref in pool:
                return str(pool[ref]["name"])
        return ref


def _data_flag() -> str:
    """The option that names a data file on the command line (`--data`)."""
    from ..cli.spec import flag

    return flag("data")


def load_bytes(
    data: bytes,
    name: str = "<bytes>",
    path: str | None = None,
    *,
    full: bool = False,
    key: str | None = None,
) -> Dataset:
    """Load a data file's bytes, validating them in full unless this content is known valid.

    With full=True the file is validated whatever the cache says (`partyintl validate`).
    `key` is the bytes' cache.digest when the caller has it already.
    """
    import gc

    from . import cache, fastparse
    from ._bundled import BUNDLED_SHA256

    key = key or cache.digest(data)
    known = not full and cache.is_known_valid(key)
    if known and key == BUNDLED_SHA256:
        from ._bundled_tree import tree  # the bundled file, parsed when it was generated

        return Dataset(tree(), path)
    # Parsing builds a tree without cycles; the cycle collector only slows that down
    # (by about 15% for a big file), so it waits until the file is loaded.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # A big file is parsed from its bytes by orjson when that is certainly right
        # (fastparse.py), without a decoded copy of its text.
        raw = fastparse.parse(data)
        if raw is not None:
            if known and isinstance(raw, dict) and raw.get("schema_version") == SCHEMA_VERSION:
                return Dataset(raw, path)
            dataset = validate(raw, name, path, data, data)
            cache.remember(key)
            return dataset
        text = decode(data, name)
        if known:
            raw = parse_json(text, name)
            if isinstance(raw, dict) and raw.get("schema_version") == SCHEMA_VERSION:
                return Dataset(raw, path)
        raw, duplicates = parse_json_checked(text, name)
        dataset = validate(raw, name, path, text, data, duplicates)
    finally:
        if collecting:  # what is in memory now set aside while a command is answered
            from ..lifecycle import set_aside

            set_aside()
            gc.enable()
    cache.remember(key)
    return dataset


def load_dataset(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes] | None = None,
    *,
    full: bool = False,
    origin: str = "",
) -> Dataset:
    """Read and validate a data file (default: the one PARTYINTL_DATA names, else the
    bundled one); a path may name a bundled dataset as `--data` does (`bundled:NAME`).

    `origin` says where the path came from (`--data`), for the hint of a file that cannot
    be read; without a path, PARTYINTL_DATA is named when it was used. DatasetError when
    the file cannot be read or is not valid; UsageError for an unknown bundled name;
    TypeError for a path that is no str, bytes or os.PathLike.
    """
    if path is None and os.environ.get(ENV_VAR):
        # Read as the command line reads it: a bundled dataset's name; of several files
        # (or a folder's), every one read and validated and the first, the party asked
        # about, returned.
        from ..collection import resolve

        first, *others = resolve(())
        for other in others:
            load_dataset(other.path, full=full, origin=other.origin)
        p, origin = first.path, ENV_VAR
    elif path is None:
        p = bundled_path()
    else:
        from ..collection import path_of

        if not isinstance(path, (str, bytes, os.PathLike)):
            raise TypeError(
                f"load_dataset: give a data file's path (a str or os.PathLike), not {path!r}"
            )
        p = path_of(os.fsdecode(path))
        if not p:
            raise DatasetError(
                '""',
                [Problem("", "an empty path names no file")],
                "Give the path of a data file, or no path for the bundled dataset.",
            )
    from ..filenames import STDIN_FILE
    from . import index

    stream = p == STDIN_FILE  # read from where it stands: never found by the file behind it
    if not full and not stream and (indexed := index.open_indexed(p)) is not None:
        return indexed
    before = None if stream else index.worth_indexing(p)  # a big file's status, to note its
    try:
        data = read_bytes(p)
    except DatasetError as exc:
        if exc.problems[0].message == "is a directory, not a file" and origin != _data_flag():
            exc.hint += (  # --data reads a folder whole: this is the library or a PATH
                " The data files of a folder are read together by load_collection(FOLDER)."
            )
        if origin in (_data_flag(), ENV_VAR) and exc.problems[0].message == "no such file":
            exc.hint += f" Without {_data_flag()} or {ENV_VAR} the bundled dataset is used."
        if origin:
            exc.hint = f"{exc.hint} The path came from {origin}.".lstrip()
        value = os.environ.get(ENV_VAR, "")
        if origin == ENV_VAR and os.pathsep in value and exc.problems[0].message == "no such file":
            exc.hint += (
                f" {ENV_VAR} is a list of paths joined by '{os.pathsep}' "
                f"({ENV_VAR}={value!r} names {len(value.split(os.pathsep))}): a file whose "
                f"name holds '{os.pathsep}' is given with {_data_flag()} instead."
            )
        raise
    from .cache import digest

    key = digest(data)  # once, for the validation marker and the index
    if before is not None:
        # Read whole and hashed: later questions find the digest by the file's status
        # (`partyintl validate` notes it anew for a file changed without new times).
        index.note_digest(before, index.worth_indexing(p), key)
    dataset = load_bytes(data, p, p, full=full, key=key)
    index.build(dataset, data, key)
    return dataset


def read_bytes(path: str) -> bytes:
    """A data file's bytes (read_input for "the data file")."""
    return read_input(path, "the data file")


def read_input(path: str, what: str, limit: int | None = None) -> bytes:
    """The bytes of a file a command reads, refusing what is not a readable file of at
    most `limit` bytes (default MAX_BYTES) with a DatasetError (exit 1) in the same words
    for every such file, whatever the command: `no such file`, `is a directory, not a
    file`, `permission denied`; the hint names the file by `what`, the spec's `reads`
    ("the page")."""
    name = path
    limit = MAX_BYTES if limit is None else limit  # looked up now: tests lower it
    from ..filenames import STDIN, STDIN_FILE

    if path in (STDIN, STDIN_FILE):  # standard input, for every file a command reads
        return _standard_input(path, what, limit)
    return _read_file(path, name, what, limit)


#: What standard input held, read once: (what it was read as, its bytes).
_STDIN_READ: list[tuple[str, bytes]] = []


def _standard_input(path: str, what: str, limit: int) -> bytes:
    """Standard input's bytes, read once, however many times a command asks for the same
    file (`--data -` read for the question and again with the other files); a UsageError
    when it is asked for as another file (`link - --apply -`)."""
    from ..collection import path_of
    from ..filenames import STDIN

    if not _STDIN_READ:
        _STDIN_READ.append((what, _read_stream(path_of(STDIN), what, limit)))
    first, raw = _STDIN_READ[0]
    if first != what:
        raise UsageError(
            f"standard input ('{STDIN}') is read as {first} already: give {what} as a file."
        )
    return raw


def _read_stream(name: str, what: str, limit: int) -> bytes:
    """Standard input's bytes from where it stands (`{ read header; partyintl --data -; }
    < file` reads what follows the header), as a filter reads them: never the file behind
    it opened anew from its first byte, which /dev/stdin would give. At most `limit`
    bytes; a DatasetError otherwise, or when it cannot be read. On a terminal, a note
    says what it waits for."""
    if os.isatty(0):  # a person at a terminal: say what the silence waits for
        from ..streams import note

        note(f"reading {what} from standard input: paste it, then press Ctrl-D (Ctrl-C stops)")
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            chunk = os.read(0, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        hint = "Give the file's path instead of '-'." if exc.errno == errno.EISDIR else ""
        raise DatasetError(name, [Problem("", exc.strerror or str(exc))], hint) from None
    if size > limit:
        raise DatasetError(
            name,
            [Problem("", f"is over the limit of {byte_size(limit)}")],
            f"Split {what} or trim it below the limit.",
        )
    return b"".join(chunks)


def _read_capped(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most `limit` + 1 bytes of an open file said to hold `size`: asked for in one read
    of that size (a read asks for as much memory as it may return: `limit` + 1 would ask
    256 MB for any file, which `ulimit -v` refuses), then in blocks for what a pipe (size
    0) or a file that grew meanwhile holds beyond it."""
    first = handle.read(min(size, limit) + 1)
    if len(first) <= size:
        return first
    chunks = [first]
    got = len(first)
    while got <= limit and (more := handle.read(min(_READ_BLOCK, limit + 1 - got))):
        chunks.append(more)
        got += len(more)
    return b"".join(chunks)


def _read_file(path: str, name: str, what: str, limit: int) -> bytes:
    """read_input's reading of a path (`name` as the user gave it)."""
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise DatasetError(
                name,
                [Problem("", "is a directory, not a file")],
                f"Give the path of {what} (a file, not a folder).",
            )
        if size > limit:
            raise DatasetError(
                name,
                [Problem("", f"is {byte_size(size)}; the limit is {byte_size(limit)}")],
                "Split the file or trim it below the limit.",
            )
        with open(path, "rb") as handle:
            raw = _read_capped(handle, size, limit)
        if len(raw) > limit:
            raise DatasetError(
                name,
                [Problem("", f"is over the limit of {byte_size(limit)}")],
                "Split the file or trim it below the limit.",
            )
    except FileNotFoundError:
        raise DatasetError(
            name, [Problem("", "no such file")], f"Check the path of {what}."
        ) from None
    except PermissionError:
        raise DatasetError(
            name, [Problem("", "permission denied")], "Make the file readable (chmod +r)."
        ) from None
    except OSError as exc:
        raise DatasetError(name, [Problem("", exc.strerror or str(exc))]) from None
    return raw


def not_utf8(raw: bytes, exc: UnicodeDecodeError, name: str, what: str) -> DatasetError:
    """The error for a file that is not UTF-8, in the same words for every file a command
    reads: the line and column of the first byte that is not, and the byte."""
    import codecs

    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and (unmarked := utf16_error(raw, name, what)) is not None:
        return unmarked
    line = raw[: exc.start].count(b"\n") + 1
    col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return DatasetError(
        name,
        [Problem("", f"not UTF-8 (byte 0x{raw[exc.start]:02x})", line, col)],
        f"Save {what} as UTF-8"
        + (" (it begins with UTF-16's byte-order mark: it was saved as UTF-16)." if utf16 else "."),
    )


def utf16_error(raw: bytes, name: str, what: str) -> DatasetError | None:
    """The error for a file saved as UTF-16 without a byte-order mark (utf16_order), at
    its first line; None for any other file."""
    order = utf16_order(raw)
    if order is None:
        return None
    return DatasetError(
        name,
        [Problem("", f"UTF-16 text ({order}, without a byte-order mark), not UTF-8", 1, 1)],
        f"Save {what} as UTF-8.",
    )


def utf16_order(raw: bytes) -> str | None:
    """The byte order, "little-endian" or "big-endian", when `raw` reads as UTF-16 text
    saved without its byte-order mark, else None. Text in UTF-8 holds no NUL byte; UTF-16
    writes one in every ASCII character (JSON's brackets, quotes and commas, a table's
    separators), on the same side of the pair: in the first KiB, a quarter of the pairs or
    more (two at least: a stray NUL is no sign) have one on that side, and the other side
    (U+0100, U+0400, U+4E00: a zero low byte) far fewer."""
    head = raw[:1024]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    enough = max(2, len(head) // 8)
    if odd >= enough and odd > 3 * even:
        return "little-endian"
    if even >= enough and even > 3 * odd:
        return "big-endian"
    return None


#: How every SQLite database file begins.
SQLITE_HEADER = b"SQLite format 3\x00"


def decode(raw: bytes, name: str, what: str = "the data file") -> str:
    """Bytes of a data file as text: UTF-8, a byte-order mark allowed, not empty (`what`
    names the file in hints, as read_input)."""
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():  # nothing, or a byte-order mark alone
        raise DatasetError(
            name,
            [Problem("", "the file is empty")],
            "A data file is a JSON object; see `partyintl schema`.",
        )
    if raw.startswith(SQLITE_HEADER):
        from ..cli.spec import flag

        raise DatasetError(
            name,
            [Problem("", "an SQLite database, not a JSON data file")],
            f"A collection store (partyintl network {flag('fmt', 'network')} sqlite) answers "
            "`partyintl ties` only: give the data files for this command.",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(raw, exc, name, what) from None
    if "\x00" in text[:1024] and (unmarked := utf16_error(raw, name, what)) is not None:
        raise unmarked
    if _HTML_START.match(text):
        from ..cli.spec import flag

        raise DatasetError(
            name,
            [Problem("", "a web page (HTML), not a JSON data file")],
            f"Draft a data file from it: partyintl draft {name} "
            f"{flag('output', 'draft', short=True)} data.json (then check it and run "
            "partyintl validate data.json).",
        )
    return text


#: How a web page begins: a doctype, an html or body element, or a comment before them.
_HTML_START = pattern(r"(?i)\s*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|!--)")


class HugeNumber(str):
    """A JSON number too long for Python's int: kept as its digits, reported by validation."""


class NotJSON(str):
    """NaN, Infinity or -Infinity, which Python's parser takes but JSON does not have: kept
    as the word, reported by validation (numbers.not_json)."""


def _int_or_huge(digits: str) -> int | HugeNumber:
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else HugeNumber(digits)


def parse_json_checked(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Parse JSON for validation: duplicate keys and huge numbers become problems."""
    repeated: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            repeated[id(obj)] = [key for key, n in counts.items() if n > 1]
        return obj

    huge: list[str] = []

    def parse_int(digits: str) -> int | HugeNumber:
        value = _int_or_huge(digits)
        if isinstance(value, HugeNumber):
            huge.append(value)
        return value

    words: list[str] = []

    def parse_constant(word: str) -> NotJSON:
        words.append(word)
        return NotJSON(word)

    raw = parse_json(text, name, pairs_hook, parse_int, parse_constant)
    problems: list[Problem] = []
    for path, value in _walk(raw) if repeated or huge or words else ():
        if isinstance(value, HugeNumber):
            problems.append(
                Problem(
                    path,
                    f"a number of {len(value)} digits: no number of a data file is that "
                    "long (positions are whole numbers below 2147483648, scores run from "
                    "-2.5 to 2.5)",
                    kind="shape",
                )
            )
        elif isinstance(value, NotJSON):
            problems.append(Problem(path, numbers.not_json(value, path), kind="shape"))
        keys = repeated.get(id(value), ()) if isinstance(value, dict) else ()
        problems.extend(
            Problem(
                path,
                f"the key {show_value(key)} appears more than once in this object",
                kind="shape",
            )
            for key in keys
        )
    return raw, problems


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every value of parsed JSON with its path, without recursion (any depth)."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        yield where, item
        if isinstance(item, dict):
            stack += [(_child_path(where, k), v) for k, v in item.items()]
        elif isinstance(item, list):
            stack += [(_child_path(where, i), v) for i, v in enumerate(item)]


def _child_path(path: str, key: str | int) -> str:
    """The path of a value inside the one at `path`: `a.b` for a key, `a[0]` for an index."""
    return f"{path}[{key}]" if type(key) is int else f"{path}.{key}" if path else str(key)


def parse_json(
    text: str,
    name: str,
    pairs_hook: Any = None,
    parse_int: Any = _int_or_huge,
    parse_constant: Any = None,
) -> Any:
    """Parse JSON, turning syntax errors and absurd nesting into problems with a place.

    A number longer than int() takes is kept as its digits (HugeNumber, by `parse_int`),
    on a second pass that only such a file pays for. `parse_constant` is given NaN,
    Infinity and -Infinity, which Python's parser reads although JSON has no such numbers.
    """
    import json

    try:
        try:
            return json.loads(text, object_pairs_hook=pairs_hook, parse_constant=parse_constant)
        except json.JSONDecodeError:
            raise
        except ValueError:
            return json.loads(
                text,
                object_pairs_hook=pairs_hook,
                parse_int=parse_int,
                parse_constant=parse_constant,
            )
    except json.JSONDecodeError as exc:
        raise DatasetError(
            name,
            [
                Problem(
                    "",
                    f"malformed JSON: {json_error_words(exc)}",
                    exc.lineno,
                    exc.colno,
                    "shape",
                )
            ],
            "Fix the JSON syntax at that place.",
        ) from None
    except RecursionError:
        raise DatasetError(
            name, [Problem("", "JSON nested too deeply to be a data file")]
        ) from None


#: What the json module's syntax errors mean, in words that stand without its position
#: (which the problem gives as a line and column), by the start of its message.
_JSON_WORDS = (
    ("Unterminated string", "a string that starts here is never closed (a missing '\"')"),
    (
        "Invalid control character",
        "a control character inside a string (write it as an escape such as \\n or \\u0001)",
    ),
    (
        "Expecting value",
        "a value was expected here (a string, number, object, array, true, false or null)",
    ),
    (
        "Expecting property name",
        "a field name in double quotes was expected here (a comma before a closing '}'?)",
    ),
    ("Expecting ':'", "':' was expected here, after a field name"),
    ("Expecting ','", "',' or a closing bracket was expected here"),
    ("Extra data", "more text after the end of the JSON value"),
    ("Invalid \\uXXXX", "a \\u escape needs four hexadecimal digits"),
    (
        "Invalid \\escape",
        'an unknown escape after a backslash (JSON has \\" \\\\ \\/ \\b '
        "\\f \\n \\r \\t and \\uXXXX)",
    ),
    ("Illegal trailing comma", "a comma before a closing bracket"),
)


#: What can stand after a syntax error's position when the text stops inside a token: a
#: literal begun (`nu`), a number's sign, point or exponent waiting for digits (`-`, `1.`,
#: `1e+`), a `\\u` escape waiting for its hexadecimal digits.
_TOKEN_CUT = pattern(r"t(?:ru?)?|f(?:a(?:ls?)?)?|n(?:ul?)?|-|\.|[eE][+-]?|u[0-9a-fA-F]{0,4}")


def json_error_words(exc: JSONDecodeError) -> str:
    """A json module syntax error (`Unterminated string starting at`) in words that need no
    position after them (the problem gives its line and column), saying so when the text
    ends before its JSON does (a file cut short)."""
    words = next(
        (said for start, said in _JSON_WORDS if exc.msg.startswith(start)),
        exc.msg.removesuffix(" at").removesuffix(" starting"),
    )
    if (
        exc.msg.startswith("Unterminated")
        or exc.pos >= len(exc.doc.rstrip())
        or _TOKEN_CUT.fullmatch(exc.doc, exc.pos)
    ):
        words += "; the text ends before the JSON does: is the file cut short?"
    return words


def validate(
    raw: Any,
    name: str,
    path: str | None,
    text: str | bytes = "",
    data: bytes | None = None,
    parse_problems: list[Problem] | None = None,
) -> Dataset:
    """Validate parsed JSON against the models and the graph rules; report every problem.

    `text` is what was parsed (the decoded text, or the bytes themselves), for quick
    searches that rule out surrogates and control characters."""
    if not isinstance(raw, dict):
        raise DatasetError(
            name,
            [Problem("", f"the top level is {_json_type(raw)}, not an object")],
            "A data file is a JSON object; see `partyintl schema`.",
        )
    _check_version(raw, name)
    problems: list[Problem] = list(parse_problems or ())
    if problems:  # the parsed values are not what the file says: judge nothing else
        raise DatasetError(name, ordered(problems), "Fix these and run `partyintl validate` again.")
    model: DatasetFile | None = None
    # A big file's graph rules run in a helper on another core while this process loads
    # the models and checks the records' shapes; the same problems either way.
    helper = _graph_helper(raw, text)
    try:
        from .._stops import StopsHeld

        with StopsHeld():  # pydantic-core's native start-up, whole
            from pydantic import ValidationError

        from .models import DatasetFile

        try:
            if _partners_certainly_valid(raw, text):
                # The partners (nearly all of a big file) are of the plain valid shape: the
                # models check the rest; the full models are built only if asked for.
                DatasetFile.model_validate({**raw, "partners": []})
            else:
                model = DatasetFile.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc))
        control = _may_hold_control(text, data)  # a byte scan, while the helper works
        graph, replaced = _graph_result(helper, raw)
    except BaseException:
        if helper is not None:
            helper.cancel()
        raise
    # One message per place: where a rule knows the record's context (a partner's type),
    # its message replaces the models' more general one.
    if replaced:
        problems = [pr for pr in problems if pr.path not in replaced]
    problems.extend(graph)
    if control:
        # A character a name rule has named already is not named again at that place.
        said = {(p.path, m) for p in problems for m in _CODE_POINT.findall(p.message)}
        problems.extend(
            p
            for p in _control_problems(raw)
            if not any((p.path, m) in said for m in _CODE_POINT.findall(p.message))
        )
    if problems:
        raise DatasetError(name, ordered(problems), "Fix these and run `partyintl validate` again.")
    return Dataset(raw, path, model)


#: The fewest partners for which the graph rules go to a helper (lifecycle.Helper): below,
#: starting one costs more than it saves.
HELPER_PARTNERS = 5_000


def _graph_helper(raw: dict[str, Any], text: str | bytes) -> Helper | None:
    """A helper computing _graph_checked(raw) for a big file, where one can be made."""
    from ..lifecycle import Helper, can_fork
    from .fastparse import PARSED_BYTES_PER_BYTE

    partners = raw.get("partners")
    if not isinstance(partners, list) or len(partners) < HELPER_PARTNERS:
        return None
    if not can_fork(len(text) * PARSED_BYTES_PER_BYTE):
        return None
    import pickle

    # The partners' names are checked here meanwhile (rules.partners_names_clean): the
    # helper takes them for clean, and its answer is used only if they are.
    return Helper.start(
        lambda: pickle.dumps(_graph_checked(raw, names_clean=True), pickle.HIGHEST_PROTOCOL)
    )


def _graph_result(helper: Helper | None, raw: dict[str, Any]) -> tuple[list[Problem], set[str]]:
    """The helper's answer, or the rules run here (without a helper, when it failed, or
    when the names it took for clean are not)."""
    if helper is not None:
        import pickle

        from ..lifecycle import ChildFailed
        from .rules import partners_names_clean

        if not partners_names_clean(raw):
            helper.cancel()
            return _graph_checked(raw)
        try:
            found: tuple[list[Problem], set[str]] = pickle.loads(helper.collect())
            return found
        except (ChildFailed, pickle.UnpicklingError, EOFError):
            pass
    return _graph_checked(raw)


def _graph_checked(
    raw: dict[str, Any], names_clean: bool | None = None
) -> tuple[list[Problem], set[str]]:
    """The graph rules' problems, and the paths whose models' message theirs replace
    (`names_clean` as rules.GraphChecker takes it)."""
    from .rules import GraphChecker

    checker = GraphChecker(raw, names_clean)
    return checker.run(), checker.replaced


def _check_version(raw: dict[str, Any], name: str) -> None:
    """A clear error for a file of another schema version, before its fields are judged."""
    version = raw.get("schema_version")
    if type(version) is not int or not 1 <= version != SCHEMA_VERSION:
        return  # missing, of the wrong type or no version at all: the models say so
    if version < SCHEMA_VERSION:
        raise DatasetError(
            name,
            [
                Problem(
                    "schema_version",
                    f"this file is in schema version {version}; this partyintl reads "
                    f"version {SCHEMA_VERSION}",
                )
            ],
            f"Upgrade it, losing nothing: partyintl upgrade {_quoted(name)} "
            f"{_upgrade_output_flag()} NEW.json (then use NEW.json).",
        )
    raise DatasetError(
        name,
        [
            Problem(
                "schema_version",
                f"this file is in schema version {version}, newer than the version "
                f"{SCHEMA_VERSION} this partyintl reads",
            )
        ],
        "Use a newer partyintl for it.",
    )


def _upgrade_output_flag() -> str:
    """The short name of upgrade's output option (`-o`), as the command line spells it."""
    from ..cli.spec import flag

    return flag("output", "upgrade", short=True)


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)


def _may_hold_control(text: str | bytes, data: bytes | None) -> bool:
    """False only when neither the text nor its escapes can hold a control character."""
    if not text:
        return True
    if isinstance(text, bytes):
        return bool(
            b"\x7f" in text
            or _C1_UTF8.search(text) is not None
            or any(lead in text for lead in _NONCHAR_LEADS)
            or _ESCAPE_BYTES.search(text)
        )
    if data is not None:
        raw_control = (
            b"\x7f" in data
            or _C1_UTF8.search(data) is not None
            or any(lead in data for lead in _NONCHAR_LEADS)
        )
    else:
        raw_control = _RAW_CONTROL.search(text) is not None
    return bool(raw_control or _ESCAPE.search(text))


def _partners_certainly_valid(raw: dict[str, Any], text: str | bytes) -> bool:
    from .fastcheck import SURROGATE_ESCAPE, SURROGATE_ESCAPE_BYTES, organization_ok

    partners = raw.get("partners")
    if isinstance(text, bytes):
        surrogate = SURROGATE_ESCAPE_BYTES.search(text) is not None
    else:
        surrogate = SURROGATE_ESCAPE.search(text) is not None
    return (
        bool(text)
        and isinstance(partners, list)
        and not surrogate
        and all(organization_ok(p) for p in partners)
    )


#: The path of something other records refer to: a record's id, a source's list or part.
_DECLARATION = pattern(
    r"(party|(sources|partners|organizations|people|events|memberships|contacts)\[\d+\])"
    r"(\.(lists|parts)\[\d+\])?\.id"
)


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Problems with root causes first, each kind in file order: errors.PROBLEM_KINDS
    (shape, declaration, value, reference), a problem at a declaring path (`sources[0].id`)
    counted as a declaration whatever found it."""
    from ..errors import PROBLEM_KINDS

    def key(pr: Problem) -> tuple[int, list[tuple[int, int, str]]]:
        kind = pr.kind
        if kind == "value" and _DECLARATION.fullmatch(pr.path):
            kind = "declaration"
        return PROBLEM_KINDS.index(kind), path_key(pr.path)

    return sorted(problems, key=key)


def _json_type(value: Any) -> str:
    names = {
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
        dict: "an object",
    }
    return names.get(type(value), type(value).__name__)


def file_order(problem: Problem) -> tuple[int, int, list[tuple[int, int, str]]]:
    """Where a problem stands in a data file: by its line (a syntax error), then its
    section in the order a data file gives them (the models' fields: sources before
    partners), then its path (partners[9] before partners[10])."""
    from .models import DatasetFile

    sections = list(DatasetFile.model_fields)
    head = problem.path.split(".")[0].split("[")[0]
    at = sections.index(head) if head in sections else len(sections)
    return problem.line or 0, at, path_key(problem.path)


def path_key(path: str) -> list[tuple[int, int, str]]:
    """A JSON path's sort key: indices as numbers, names as text (`partners[9]` before
    `partners[10]`), so that problems sort in file order."""
    import re

    return [
        (0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p)
        for p in re.split(r"[.\[\]]+", path)
        if p
    ]


def format_loc(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a JSON path, e.g. partners[12].country_code."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def show_value(value: Any) -> str:
    """A short, escaped rendering of a bad value for an error message."""
    text = json_quoted(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _pydantic_problems(exc: Any) -> Iterator[Problem]:
    for err in exc.errors(include_url=False):
        if _counted_only_valid_items(err):
            continue
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        number = numbers.out_of_range(format_loc(loc), err.get("input"))
        if number is not None:  # a number no output can carry, said in our words
            yield Problem(format_loc(loc), number)
            continue
        kind = "shape" if err["type"] in _SHAPE else "value"
        yield Problem(format_loc(loc), user_words(err), kind=kind)


def _counted_only_valid_items(err: Any) -> bool:
    """Whether pydantic finds an array too short only because it counts the items that
    passed: one source whose list id is too long made "sources: must have at least 1
    item, not 1". The items' own problems say what is wrong."""
    got = err.get("input")
    least = (err.get("ctx") or {}).get("min_length")
    return (
        err["type"] == "too_short"
        and isinstance(got, (list, tuple))
        and isinstance(least, int)
        and len(got) >= least
    )


#: Pydantic error types that say a value has the wrong JSON type, or a field is missing or
#: unknown: what is inside such a value is not judged further.
_SHAPE = frozenset(
    {
        "missing",
        "extra_forbidden",
        "string_type",
        "int_type",
        "int_from_float",
        "float_type",
        "bool_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
        "tuple_type",
        "list_type",
        "none_required",
    }
)


#: What a value of a kind must be, by the pydantic error types that say it is not.
_MUST_BE = {
    "string_type": "text (a JSON string)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number (not NaN or Infinity)",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
    "tuple_type": "an array",
    "list_type": "an array",
    "none_required": "null",
}


def user_words(err: Any) -> str:
    """A pydantic error as the user reads it: what the value must be, with the value got;
    never pydantic's own wording ("Input should be ...", "String should match pattern")."""
    from .models import PATTERN_WORDS

    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "missing: this field is required"
    if kind == "extra_forbidden":
        return "unknown field"
    got = err.get("input")
    if kind in _MUST_BE:
        what = _MUST_BE[kind]
        shown = _json_type(got)
        # `not a number` only where the JSON type differs: 1.5 is a number, not a whole one.
        differs = "" if what.endswith(shown[2:]) else f", not {shown}"
        see = "; see `partyintl schema` for its fields" if what == "an object" else ""
        return f"must be {what}{differs} (got {show_value(got)}){see}"
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected', 'the values listed')} (got {show_value(got)})"
    if kind == "string_pattern_mismatch":
        words = PATTERN_WORDS.get(str(ctx.get("pattern")), "not in the form this field takes")
        return f"{words} (got {show_value(got)})"
    bounds = {
        "greater_than_equal": ("ge", "or more"),
        "less_than_equal": ("le", "or less"),
        "greater_than": ("gt", "more than"),
        "less_than": ("lt", "less than"),
    }
    if kind in bounds:
        key, relation = bounds[kind]
        limit = ctx.get(key)
        text = f"{limit} {relation}" if relation.startswith("or") else f"{relation} {limit}"
        return f"must be {text} (got {show_value(got)})"
    lengths = {
        "too_short": ("at least", "min_length", "item"),
        "string_too_short": ("at least", "min_length", "character"),
        "too_long": ("at most", "max_length", "item"),
        "string_too_long": ("at most", "max_length", "character"),
    }
    if kind in lengths:
        relation, key, noun = lengths[kind]
        n = ctx.get(key)
        size = f", not {len(got)}" if isinstance(got, (str, list, tuple)) else ""
        bound = counted(n, noun) if isinstance(n, int) else f"{n} {noun}s"
        return f"must have {relation} {bound}{size} (got {show_value(got)})"
    return f"is not a valid value here (got {show_value(got)})"


def _control_problems(raw: Any) -> Iterator[Problem]:
    """Texts and keys holding a character `_CONTROL` names, in `_walk`'s order and with its
    paths: a path is written only for a problem, and printable text (nearly all of it,
    and never text `_CONTROL` matches) is passed without a search."""
    # Each entry: (parent entry, key or index, value); the path is rebuilt from the chain.
    stack: list[tuple[Any, Any, Any]] = [(None, None, raw)]
    while stack:
        entry = stack.pop()
        item = entry[2]
        if isinstance(item, str):
            texts = [] if item.isprintable() else [item]
        elif isinstance(item, dict):
            texts = [k for k in item if not k.isprintable()]
            stack += [(entry, k, v) for k, v in item.items()]
        elif isinstance(item, list):
            texts = []
            stack += [(entry, i, v) for i, v in enumerate(item)]
        else:
            continue
        for text in texts:
            m = _CONTROL.search(text)
            if m:
                yield Problem(_path_of(entry), control_message(m.group(), text))


def control_problem(text: str) -> str | None:
    """control_message for the first character of `text` that a text may not hold, or
    None (an option's value, checked as a file's texts are)."""
    found = _CONTROL.search(text)
    return None if found is None else control_message(found.group(), text)


def control_message(ch: str, text: str) -> str:
    """What a data file is told of a character it may not hold in a text, and the fix: a
    tab or a line break stands for a space, anything else is removed."""
    fix = "replace it with a space" if ch in "\t\n\r\x0b\x0c\x85" else "remove it"
    return f"{_character_kind(ch)} U+{ord(ch):04X} in text {show_value(text)}: {fix}"


def _path_of(entry: tuple[Any, Any, Any]) -> str:
    """The path `_walk` gives the value of an entry of `_control_problems`' stack."""
    keys: list[Any] = []
    while entry[0] is not None:
        keys.append(entry[1])
        entry = entry[0]
    path = ""
    for key in reversed(keys):
        path = _child_path(path, key)
    return path


def _character_kind(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    if code >= 0xFDD0 and (code <= 0xFDEF or code & 0xFFFE == 0xFFFE):
        return "noncharacter"
    return "control character"


def check_graph(raw: dict[str, Any]) -> list[Problem]:
    """Rules the models cannot see: unique ids, references, ISO codes, dates, phones."""
    from .rules import GraphChecker

    return GraphChecker(raw).run()
