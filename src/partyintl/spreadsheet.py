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


def table_reader(text: str, known: Collection[str]) -> Reader:
    """A csv reader over `text` (a byte-order mark dropped) with the separator of
    SEPARATORS under which the first line holds the most of the `known` column names
    (compared stripped, quotes taken off, case folded); a comma when none does better.
    The reader is strict: a quote left open is a csv.Error."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    names = {k.casefold() for k in known}

    def found(sep: str) -> int:
        return sum(cell.strip().strip('"').strip().casefold() in names for cell in first.split(sep))

    best = max(SEPARATORS, key=lambda sep: (found(sep), sep == SEPARATORS[0]))
    return csv.reader(io.StringIO(text, newline=""), delimiter=best, strict=True)
