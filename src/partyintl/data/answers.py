"""Answer records kept as text beside a big file's index, so that a later question writes
them without parsing or building anything.

The index (data/index.py) keeps a big file's partners as JSON, in groups of one country
code and one type. A question that a group's answer records can answer whole (the partner
list in a format whose answer is a header and then each record's own text, by country
and type) needs, for each group it touches, the text of every record: the first time, the
group's partners are read from the index and rendered (by the caller's `render`); the
texts are then kept in the cache folder, one entry per group and form, and read back by
later questions.

An entry, named `answers-<digest>-<form>-<group>` (the group's country code and type in
hex), is a line of text and then bytes:

    partyintl-answers <revision> <byte order> <digest> <form> <group> <count> <notes>
        <header size> <crc>                      (one line)
    <position> <position> ...                    (each record's place among the file's
                                                  partners: 8-byte integers)
    <size> <size> ...                            (each record's text, in bytes: the same)
    <header><record><record>...                  (the texts, nothing between them)

where `<revision>` is `code_stamp()` (a digest of the names, sizes and modification times
of partyintl's own files, as installed: any other code may render records otherwise) and
the rules' revision, `<notes>` is 1 when the records have footnotes, and `<crc>` the
CRC-32 (zlib's) of all that follows the first line. An entry whose first line, sizes or
checksum are not what they should be is ignored and written again. Entries are written by
cache.write_entry (private, a new name renamed into place, never through a link); the
oldest beyond KEEP are removed.
"""

from __future__ import annotations

import os
import sys
from functools import cache as _once
from operator import itemgetter

from ..structs import Struct
from . import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from .index import IndexedDataset

    #: A group's partners (parsed JSON, in the file's order) to the header of the answer
    #: and one text per partner, and whether they have footnotes; None: not to be kept.
    Render = Callable[[list[dict[str, Any]]], tuple[str, list[str], bool] | None]

#: How many entries the cache keeps (the oldest beyond are removed).
KEEP = 4096
#: The largest entry read back (bigger ones are rendered again each time).
LIMIT = 1 << 31


class Kept(Struct):
    """An answer's header and its records' texts (UTF-8) in the file's order, and whether
    any of the records has footnotes."""

    __slots__ = ("header", "texts", "notes")

    def __init__(self, header: bytes, texts: list[bytes], notes: bool) -> None:
        self.header = header
        self.texts = texts
        self.notes = notes


#: The package's folder (partyintl/), whose files code_stamp describes.
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@_once
def code_stamp(package: str = PACKAGE) -> str:
    """What the installed code is: the first 16 hex digits of the SHA-256 of partyintl's
    version, Python's, and the relative path, size and modification time (ns) of each
    file of partyintl and of orjson, which writes the JSON (__pycache__ left out), read
    once per process (about a millisecond). Records kept by other code (another version,
    an edited checkout, another orjson or Python) are then not taken for this code's."""
    import hashlib
    from importlib.util import find_spec

    from .._version import __version__

    sha = hashlib.sha256(f"partyintl {__version__} python {sys.version}\n".encode())
    _stamp_files(sha, package)
    orjson = find_spec("orjson")  # found, not imported
    if orjson is not None and orjson.origin:
        _stamp_files(sha, os.path.dirname(orjson.origin))
    return sha.hexdigest()[:16]


def _stamp_files(sha: Any, folder: str) -> None:
    """Add each file under `folder` (its path from there, size and modification time) to
    the digest `sha`."""
    for at, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = f"{at}/{name}"
            try:
                info = os.stat(path)
                said = f"{info.st_size} {info.st_mtime_ns}"
            except OSError:  # gone while read: a stamp no other run has
                said = f"unreadable {os.getpid()} {os.urandom(8).hex()}"
            sha.update(f"{path[len(folder) :]} {said}\n".encode())


def _revision() -> str:
    return f"{code_stamp()}.{cache.RULES_REVISION}"


def _group(code: str | None, kind: str) -> str:
    """A group as a word: its country code and type in hex (`-` for no code)."""
    return f"{(code or '').encode().hex() or '-'}-{kind.encode().hex()}"


def _first_line(
    key: str, form: str, group: str, count: int, notes: bool, header: int, crc: int
) -> bytes:
    words = (_revision(), sys.byteorder, key, form, group, count, int(notes), header, crc)
    return ("partyintl-answers " + " ".join(str(w) for w in words)).encode()


def record_texts(
    ds: IndexedDataset,
    codes: Iterable[str] | None,
    types: Iterable[str] | None,
    form: str,
    render: Render,
) -> Kept | None:
    """The answer for the partners whose country code is one of `codes` and type one of
    `types` (None: any), cut into its header and one text per partner, in the file's
    order, kept under `form` (a word: letters, digits, dots).

    None when it cannot be answered so: the index fails (the caller then answers from the
    file), `render` declines a group, or the groups' headers differ.
    """
    groups = ds.groups(codes, types)
    if groups is None:
        return None
    found: list[tuple[int, bytes]] = []
    headers: set[bytes] = set()
    notes = wrote = False
    for code, kind, count in groups:
        group = _group(code, kind)
        name = f"answers-{ds.key}-{form}-{group}"
        kept = _read(cache.read_entry(name, limit=LIMIT), ds.key, form, group)
        if kept is not None and len(kept[1]) != count:  # not the index's number of partners
            kept = None
        if kept is None:
            try:
                seqs, partners = ds.group(code, kind, count)
            except Exception:  # a damaged index: the file answers
                return None
            made = render(partners)
            if made is None:
                return None
            head, texts, marked = made
            pairs = list(zip(seqs, (text.encode("utf-8") for text in texts), strict=True))
            kept = head.encode("utf-8"), pairs, marked
            cache.write_entry(name, _entry(ds.key, form, group, kept))
            wrote = True
        header, pairs, marked = kept
        headers.add(header)
        notes = notes or marked
        found += pairs
    if wrote:
        cache.prune("answers-", KEEP)
    if len(headers) > 1:
        return None
    found.sort(key=itemgetter(0))  # the file's order
    return Kept(headers.pop() if headers else b"", [text for _, text in found], notes)


Entry = tuple[bytes, list[tuple[int, bytes]], bool]


def _entry(key: str, form: str, group: str, kept: Entry) -> bytes:
    """An entry's bytes (see the module's description)."""
    import zlib
    from array import array

    header, pairs, notes = kept
    positions = array(_NUMBER, [seq for seq, _ in pairs]).tobytes()
    sizes = array(_NUMBER, [len(text) for _, text in pairs]).tobytes()
    rest = b"".join([positions, sizes, header, *(text for _, text in pairs)])
    first = _first_line(key, form, group, len(pairs), notes, len(header), zlib.crc32(rest))
    return first + b"\n" + rest


#: How positions and sizes are kept: 8-byte signed integers in this machine's byte order
#: (the order is in every entry's first line, with the revision).
_NUMBER = "q"


def _read(data: bytes | None, key: str, form: str, group: str) -> Entry | None:
    """An entry's header, positions and texts, and notes; None when it is missing,
    foreign or damaged."""
    import zlib
    from array import array

    if data is None:
        return None
    end = data.find(b"\n")
    first = data[:end]
    try:
        count, marked, start, crc = (int(word) for word in first.split(b" ")[-4:])
    except ValueError:
        return None
    if end < 0 or first != _first_line(key, form, group, count, marked == 1, start, crc):
        return None
    if marked not in (0, 1) or count < 0 or start < 0:
        return None
    if zlib.crc32(memoryview(data)[end + 1 :]) != crc:
        return None
    seqs, sizes = array(_NUMBER), array(_NUMBER)
    width = seqs.itemsize * count
    at = end + 1
    try:
        seqs.frombytes(data[at : at + width])
        sizes.frombytes(data[at + width : at + 2 * width])
    except ValueError:  # not a whole number of integers
        return None
    at += 2 * width
    if not len(seqs) == len(sizes) == count or min(sizes, default=0) < 0:
        return None
    if at + start + sum(sizes) != len(data):
        return None
    header = data[at : at + start]
    at += start
    pairs = []
    for seq, size in zip(seqs, sizes, strict=True):
        pairs.append((seq, data[at : at + size]))
        at += size
    return header, pairs, marked == 1
