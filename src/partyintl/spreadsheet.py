"""Tables that users keep in spreadsheets: a decisions file (link) and a table of names
or sources (draft). A spreadsheet saves CSV with the separator of its locale: commas in
English, semicolons where the comma is the decimal mark (German, French, Russian Excel
and LibreOffice), tabs when saved as text. The header row says which: the separator that
splits it into the most columns the reader knows is the file's."""

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


def table_reader(text: str, known: Collection[str]) -> Reader:
    """A csv reader over `text` (a byte-order mark dropped) with the separator the table
    uses: the one Excel's first line names (`sep=;`, then skipped), else the one of
    SEPARATORS under which the header holds the most of the `known` column names
    (compared without spaces around them or quotes, case folded), then one the header
    holds at all, then a comma;
    for a header of one known column and no separator, none (a comma in a cell is text).
    The reader is strict: a quote left open is a csv.Error."""
    text = text.lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    if first.rstrip("\r").startswith(_SEP_LINE) and len(first.rstrip("\r")) == len(_SEP_LINE) + 1:
        return csv.reader(
            io.StringIO(rest, newline=""), delimiter=first[len(_SEP_LINE)], strict=True
        )
    names = {k.casefold() for k in known}

    def found(sep: str) -> int:  # spaces around a name, and a line's \r, are not its own
        cells = first.rstrip("\r").split(sep)
        return sum(cell.strip(" ").strip('"').strip(" ").casefold() in names for cell in cells)

    if not any(sep in first for sep in SEPARATORS) and found(",") == 1 and _NONE not in text:
        return csv.reader(io.StringIO(text, newline=""), delimiter=_NONE, strict=True)
    best = max(SEPARATORS, key=lambda sep: (found(sep), sep in first, sep == SEPARATORS[0]))
    return csv.reader(io.StringIO(text, newline=""), delimiter=best, strict=True)


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
