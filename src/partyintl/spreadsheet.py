"""Tables that users keep in spreadsheets: a decisions file (link) and a table of names
or sources (draft). A spreadsheet saves CSV with the separator of its locale: commas in
English, semicolons where the comma is the decimal mark (German, French, Russian Excel
and LibreOffice), tabs when saved as text. The header row says which: the separator that
splits it into the most columns the reader knows is the file's. A table partyintl writes
back (link's decisions file) keeps the layout it was read in (Layout)."""

from __future__ import annotations

import csv
import io

TYPE_CHECKING = False
if TYPE_CHECKING:
    from _csv import Reader
    from collections.abc import Collection

#: The separators a table may use, the first preferred when the header reads alike.
SEPARATORS = (",", ";", "\t")
#: Excel's first line naming the separator (`sep=;`), which it reads and does not show.
_SEP_LINE = "sep="
#: The separator of a table of one column: a character no text holds, so that a comma in
#: a name ("Labour Party, UK") is part of it.
_NONE = "\x1f"


class Layout:
    """How a table's text is laid out, to write it back as its spreadsheet saved it: the
    separator, whether it begins with a byte-order mark, and its line ends."""

    __slots__ = ("separator", "bom", "line_end")

    def __init__(self, separator: str = ",", bom: bool = False, line_end: str = "\n") -> None:
        self.separator = separator
        self.bom = bom
        self.line_end = line_end


def layout_of(text: str, known: Collection[str]) -> Layout:
    """The layout of a table's text: its separator as table_reader reads it (a one-column
    table's as a comma), its byte-order mark, its first line's end."""
    separator = _separator(text.lstrip("\ufeff"), known)
    line = text.partition("\n")[0]
    return Layout(
        separator if separator in SEPARATORS else SEPARATORS[0],
        text.startswith("\ufeff"),
        "\r\n" if line.endswith("\r") else "\n",
    )


def _separator(text: str, known: Collection[str]) -> str:
    """The separator of a table's text (no byte-order mark), as table_reader says."""
    first = text.partition("\n")[0].rstrip("\r")
    if first.startswith(_SEP_LINE) and len(first) == len(_SEP_LINE) + 1:
        return first[-1]
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
