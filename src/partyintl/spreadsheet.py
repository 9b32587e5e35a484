"""Tables that users keep in spreadsheets: a decisions file (link) and a table of names
or sources (draft). A spreadsheet saves CSV with the separator of its locale: commas in
English, semicolons where the comma is the decimal mark (German, French, Russian Excel
and LibreOffice), tabs when saved as text. The header row says which: the separator that
splits it into the most columns the reader knows is the file's. A table partyintl writes
back (link's decisions file) keeps the layout it was read in (Layout)."""

from __future__ import annotations

import codecs
import csv
import io

TYPE_CHECKING = False
if TYPE_CHECKING:
    from _csv import Reader
    from collections.abc import Collection, Iterator
    from typing import Protocol, TypeVar

    Row = TypeVar("Row", covariant=True)

    class _Counted(Protocol[Row]):
        """A CSV reader: its rows, and the line it has read up to."""

        line_num: int

        def __iter__(self) -> Iterator[Row]: ...


#: The separators a table may use, the first preferred when the header reads alike.
SEPARATORS = (",", ";", "\t")
#: Excel's first line naming the separator (`sep=;`), which it reads and does not show.
_SEP_LINE = "sep="
#: The separator of a table of one column: a character no text holds, so that a comma in
#: a name ("Labour Party, UK") is part of it.
_NONE = "\x1f"


class Layout:
    """How a table's text is laid out, to write it back as its spreadsheet saved it: the
    separator, whether it begins with a byte-order mark, its line ends, its encoding
    (UTF-8, or UTF-16 of either byte order: a spreadsheet's "Unicode text") and whether
    its first line is Excel's `sep=` line; and its header's cells as written (`Record`,
    ` Decision `, in any order, with columns of a person's own such as `notes`), when
    they name each known column once but for case and spaces (else empty), with where
    each known column stands in it (`positions`, in the known columns' order)."""

    __slots__ = ("separator", "bom", "line_end", "encoding", "sep_line", "header", "positions")

    def __init__(
        self,
        separator: str = ",",
        bom: bool = False,
        line_end: str = "\n",
        encoding: str = "utf-8",
        sep_line: bool = False,
        header: tuple[str, ...] = (),
        positions: tuple[int, ...] = (),
    ) -> None:
        self.separator = separator
        self.bom = bom
        self.line_end = line_end
        self.encoding = encoding
        self.sep_line = sep_line
        self.header = header
        self.positions = positions

    def place(self, values: list[str]) -> list[str]:
        """A row of the known columns' values (in their order) laid out as the header is:
        each at its column, a person's own columns empty."""
        if not self.header:
            return values
        row = [""] * len(self.header)
        for at, value in zip(self.positions, values, strict=True):
            row[at] = value
        return row

    def start(self) -> str:
        """The text before the header: the byte-order mark and the `sep=` line, as read."""
        mark = "\ufeff" if self.bom else ""
        return mark + (_SEP_LINE + self.separator + self.line_end if self.sep_line else "")

    def encode(self, text: str) -> bytes:
        """The bytes of `text` (which starts with start()) in the table's encoding."""
        return text.encode(self.encoding)


#: A UTF-16 file's byte-order mark and the codec that writes that order (the mark itself
#: written as the text's first character, U+FEFF).
_UTF16 = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def layout_of(data: bytes, text: str, known: Collection[str]) -> Layout:
    """The layout of a table read from `data`, decoded as `text`: its separator as
    table_reader reads it (a one-column table's as a comma), its byte-order mark and
    encoding (from the bytes), its first line's end, and whether it opens with `sep=`."""
    bare = text.lstrip("\ufeff")
    separator = _separator(bare, known)
    encoding = next((codec for mark, codec in _UTF16 if data.startswith(mark)), "utf-8")
    line, end = _first_line(bare)
    named = _sep_line(line)  # Excel's `sep=|` names any separator: kept
    try:
        header = tuple(trimmed_header(next(table_reader(text, known), [])))
    except csv.Error:
        header = ()
    positions = known_positions(header, known)
    return Layout(
        separator if separator in SEPARATORS or named is not None else SEPARATORS[0],
        text.startswith("\ufeff") or data.startswith(codecs.BOM_UTF8) or encoding != "utf-8",
        end,
        encoding,
        named is not None,
        header if positions is not None else (),
        positions or (),
    )


def known_positions(header: Collection[str], known: Collection[str]) -> tuple[int, ...] | None:
    """Where each known column stands in a header (header_names: case and spaces aside),
    in the known columns' order; None unless the header names each of them once (other
    columns, a person's own, may stand anywhere)."""
    names = header_names(header)
    if any(names.count(name) != 1 for name in known):
        return None
    return tuple(names.index(name) for name in known)


def header_names(header: Collection[str]) -> list[str]:
    """A header's cells as column names are compared: without the spaces around them, in
    lower case (`Record`, ` Decision ` are record and decision)."""
    return [cell.strip().casefold() for cell in header]


def _first_line(text: str) -> tuple[str, str]:
    """A table's first line and how it ends: CRLF (Windows), LF, or CR alone (as classic
    Mac OS and some exports write it); LF when it is the only line."""
    at = min((i for i in (text.find("\r"), text.find("\n")) if i >= 0), default=len(text))
    if text.startswith("\r\n", at):
        return text[:at], "\r\n"
    return text[:at], "\r" if text.startswith("\r", at) else "\n"


def _sep_line(first: str) -> str | None:
    """The separator Excel's first line names (`sep=;`), or None if it is not one."""
    if first.startswith(_SEP_LINE) and len(first) == len(_SEP_LINE) + 1:
        return first[-1]
    return None


def _separator(text: str, known: Collection[str]) -> str:
    """The separator of a table's text (no byte-order mark), as table_reader says."""
    first = _first_line(text)[0]
    if (named := _sep_line(first)) is not None:
        return named
    names = {k.casefold() for k in known}

    def found(sep: str) -> int:  # spaces around a name are not its own
        return sum(
            cell.strip(" ").strip('"').strip(" ").casefold() in names for cell in first.split(sep)
        )

    if not any(sep in first for sep in SEPARATORS) and found(",") == 1 and _NONE not in text:
        return _NONE
    return max(SEPARATORS, key=lambda sep: (found(sep), sep in first, sep == SEPARATORS[0]))


def table_reader(text: str, known: Collection[str]) -> Reader:
    """A csv reader over `text` (a byte-order mark dropped) with the separator the table
    uses: the one Excel's first line names (`sep=;`, read past here, so that the header
    is line 2), else the one of SEPARATORS under which the header holds the most of the
    `known` column names (compared without spaces around them or quotes, case folded),
    then one the header holds at all, then a comma; for a header of one known column and
    no separator, none (a comma in a cell is text). The reader is strict: a quote left
    open is a csv.Error."""
    text = text.lstrip("\ufeff")
    separator = _separator(text, known)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    if text.startswith(_SEP_LINE + separator):
        next(reader)
    return reader


#: How a message names each separator.
_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def header_line(reader: Reader) -> int:
    """The line of a table's header, once table_reader's reader has read it: 2 after
    Excel's `sep=` line, else 1 (also when the table is empty)."""
    return max(reader.line_num, 1)


def rows_with_lines(reader: _Counted[Row]) -> Iterator[tuple[int, Row]]:
    """Each row a CSV reader (csv.reader, csv.DictReader) gives after what it has read,
    with the line it starts on: the reader's line_num is the line a row ends on, lines
    later when a quoted value holds line breaks."""
    end = reader.line_num  # the header's last line
    for row in reader:
        yield end + 1, row
        end = reader.line_num


def sep_line_hint(text: str) -> str:
    """A sentence for the hint of a header that cannot be read when Excel's `sep=` line
    names a separator the header does not use but another one: that line is then the
    mistake (`sep=;` above a comma header). Empty otherwise."""
    bare = text.lstrip("\ufeff")
    first, end = _first_line(bare)
    named = _sep_line(first)
    header = _first_line(bare[len(first) + len(end) :])[0]
    used = [sep for sep in SEPARATORS if sep != named and sep in header]
    if named is None or named in header or not used:
        return ""
    return (
        f" The first line, {first!r}, says the cells are separated by "
        f"{_SEPARATOR_NAMES.get(named, repr(named))}, but the header's are separated by "
        f"{_SEPARATOR_NAMES[used[0]]}: delete that line or correct it."
    )


def trimmed_header(header: list[str]) -> list[str]:
    """A header row without the empty last columns a spreadsheet leaves (`name;country;`)."""
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return header[:width]


def trimmed_row(values: list[str], width: int) -> list[str]:
    """A row without the cells of a header's empty last columns (trimmed_header), when those
    cells are empty too; any other row as it is (its length then says what is wrong)."""
    if len(values) > width and not any(v.strip() for v in values[width:]):
        return values[:width]
    return values
