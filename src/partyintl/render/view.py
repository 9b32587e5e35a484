"""What every renderer takes: a command's answer as a View (JSON-ready records and how
people should see them), where its text goes (RenderContext), the output formats, and a
value as one cell of text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum

from ..escaping import escape_control
from ..structs import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from rich.console import RenderableType

    from .lines import Lines

    #: A record as renderers read it: any mapping of field names to JSON values (query's
    #: typed records among them; renderers never change one, they make new ones).
    Record = Mapping[str, Any]
    #: A view's terminal picture; None when the terminal is too narrow to draw it without
    #: cutting words apart (the records are then shown as cards). Lines are drawn without
    #: rich where they fit (lines.py).
    Picture = Callable[["View", "RenderContext"], RenderableType | Lines | None]


class OutputFormat(str, Enum):
    """Every output format; one enum and one dispatch serve every command."""

    TABLE = "table"
    PLAIN = "plain"
    TSV = "tsv"
    CSV = "csv"
    CSV_EXCEL = "csv-excel"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    SVG = "svg"
    HTML = "html"
    PNG = "png"


#: Other names of formats, as file extensions spell them: --format takes them as well as
#: the formats' own names, and `-o FILE` picks a format by either (answer.py).
FORMAT_ALIASES = {
    "txt": OutputFormat.PLAIN,
    "md": OutputFormat.MARKDOWN,
    "ndjson": OutputFormat.JSONL,
    "htm": OutputFormat.HTML,
}

HUMAN = (OutputFormat.TABLE, OutputFormat.SVG, OutputFormat.HTML, OutputFormat.PNG)
#: Formats for programs: they carry the `inferred` lists and every field, never marks.
MACHINE = (OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV, OutputFormat.CSV_EXCEL)
#: Formats rendered as text (PNG is an image: see render_png).
TEXT_FORMATS = tuple(f for f in OutputFormat if f is not OutputFormat.PNG)
#: Formats that show people's columns (names first) rather than every field.
FOR_PEOPLE = (*HUMAN, OutputFormat.MARKDOWN)


class RenderContext(Struct):
    """What a renderer may know of where its text goes."""

    __slots__ = ("terminal", "color", "width", "ascii", "source")

    def __init__(
        self,
        terminal: bool = False,
        color: bool = False,
        width: int = 100,
        ascii: bool = False,
        source: str = "",
    ) -> None:
        self.terminal = terminal
        self.color = color
        self.width = width
        self.ascii = ascii
        #: The source line under figures ("Source: ...; identifiers: Party Facts").
        self.source = source


class View(Struct):
    """A command's answer: JSON-ready records plus how people should see them."""

    __slots__ = (
        "records",
        "columns",
        "title",
        "single",
        "fields",
        "picked",
        "picture",
        "empty_note",
        "footnotes",
        "human_columns",
        "derived",
        "figure",
        "caption",
        "usual",
    )

    def __init__(
        self,
        records: Sequence[Record],
        columns: list[str],
        title: str = "",
        single: bool = False,
        fields: tuple[str, ...] = (),
        picked: bool = False,
        picture: Picture | None = None,
        empty_note: str = "No results.",
        footnotes: tuple[str, ...] = (),
        human_columns: tuple[str, ...] = (),
        derived: dict[str, Callable[[Record], Any]] | None = None,
        figure: Callable[[View, str], str] | None = None,
        caption: str = "",
        usual: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.records = records
        self.columns = columns
        self.title = title
        self.single = single
        self.fields = fields
        self.picked = picked
        self.picture = picture
        self.empty_note = empty_note
        self.footnotes = footnotes
        #: Columns for people (tables, Markdown, pictures), when they differ: names first.
        self.human_columns = human_columns
        #: Fields computed only when asked for with --fields (one column per id scheme).
        self.derived = derived or {}
        #: The view drawn as an SVG figure (given the source line); else a table figure.
        self.figure = figure
        #: The title of a figure or document (SVG, PNG, HTML), which is read away from the
        #: command line: it names the party and the question ("A JUST RUSSIA: partners in
        #: CIS"). Empty: the title serves.
        self.caption = caption
        #: Usual names of values of columns that name an organisation without being a
        #: record's `name` (`--member-of`'s member): column -> {value: usual name}, for
        #: --names usual.
        self.usual = usual or {}

    @property
    def heading(self) -> str:
        """The title a figure or document carries: the caption, else the title."""
        return self.caption or self.title

    def valid_fields(self) -> list[str]:
        """Every field a record of this view can have, in record order, then the derived
        ones: the command's declared fields (`fields`), the same whether or not any record
        is there; a view without declared fields (`show`) has its record's."""
        keys: dict[str, None] = dict.fromkeys(self.fields)
        if not keys:
            for r in self.records:
                keys.update(dict.fromkeys(r))
        return [*(keys or self.columns), *(d for d in self.derived if d not in keys)]

    def value(self, record: Record, column: str) -> Any:
        """A record's value in a column, computing a derived one (an id scheme's ids)."""
        if column in self.derived and column not in record:
            return self.derived[column](record)
        return record.get(column)

    def with_fields(self, chosen: list[str]) -> View:
        """The same view restricted to chosen fields, in the chosen order."""
        records = [{k: self.value(r, k) for k in chosen} for r in self.records]
        return self._replace(
            records=records,
            columns=chosen,
            picture=None,
            fields=tuple(self.valid_fields()),
            picked=True,
        )


def shown(value: Any) -> str:
    """A value as a terminal shows it: one cell of text (`cell`), control characters
    escaped (escaping.escape_control), never markup."""
    return escape_control(cell(value))


def cell(value: Any) -> str:
    """A value as one cell of text: lists joined with '; ', objects by their main part."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return _object_text(value)
    return str(value)


#: The keys of a citation (models.Citation), which cells show as one in words.
_CITATION_KEYS = frozenset({"source", "at", "fields", "date", "note"})


def citation_text(d: Mapping[str, Any]) -> str:
    """A citation in words: the source's id and the place in it, the fields it states and
    the date it gives when it says only part of a record."""
    text = f"{d['source']}, {d['at']}"
    if d.get("fields"):
        text += f" (states {', '.join(d['fields'])}"
        text += f", dated {d['date']})" if d.get("date") else ")"
    elif d.get("date"):
        text += f" (dated {d['date']})"
    return text


def _object_text(d: dict[str, Any]) -> str:
    return "".join(cell(d[key]) if key else text for key, text in object_parts(d))


def object_parts(d: dict[str, Any]) -> list[tuple[str, str]]:
    """How a nested object reads in one cell, as (field, "") for a field's value and
    ("", text) for the words between: the marks put a mark after each inferred field shown.

    A post reads "role, organisation (since date, as of date)" ("(start–end)", "(until
    end)", ", ended: reason" when it ended), with its holder in front when the
    object names one (an organisation's people: "Martin Schulz: President of the group,
    ..."); a status period "status member of organisation from date"; an event brief
    "date name (role)"; a citation "source, place (states fields, dated date)". A period
    is never open-ended without the date it holds as of: "full member of X from 2012-08-30
    to 2022-03-07, then ended", "... from 2007-06, holds as of 2018", "..., end not stated";
    an undated start or end says so ("observer member of X, start not stated, holds as of
    2024-06-30", "..., then ended on a date not stated").
    """
    if "field" in d and "reason" in d:
        return [("field", ""), ("", ": "), ("reason", "")]
    if "source" in d and "at" in d and d.keys() <= _CITATION_KEYS:
        return [("", citation_text(d))]
    if "role" in d and "organization" in d:
        parts: list[tuple[str, str]] = []
        if d.get("name"):  # the holder, in an organisation's list of people
            parts += [("name", ""), ("", ": ")]
        parts += [("role", ""), ("", ", "), ("organization", "")]
        ended = [("", ", ended: "), ("end_reason", "")] if d.get("end_reason") else []
        if d.get("start_date") and d.get("end_date"):
            parts += [("", " ("), ("start_date", ""), ("", "–"), ("end_date", "")]
        elif d.get("start_date"):
            parts += [("", " (since "), ("start_date", "")]
            parts += [("", ", as of "), ("as_of", "")] if d.get("as_of") else []
        elif d.get("end_date"):
            parts += [("", " (until "), ("end_date", "")]
        elif d.get("as_of"):
            parts += [("", " (as of "), ("as_of", "")]
        elif ended:
            return [*parts, ("", " (ended: "), ("end_reason", ""), ("", ")")]
        else:
            return parts
        return [*parts, *ended, ("", ")")]
    if "type" in d and "date" in d and "name" in d:
        parts = [("date", "") if d["date"] else ("", "undated"), ("", " "), ("name", "")]
        return [*parts, ("", " ("), ("role", ""), ("", ")")] if d.get("role") else parts
    if "status" in d and "start_date" in d:
        parts = [("status", "")]
        if d.get("organization"):  # a membership: of what, and who when not the subject
            parts = [("member", ""), ("", ": "), *parts] if d.get("member") else parts
            parts += [("", " member of "), ("organization", "")]
        if d["start_date"]:
            parts += [("", " from "), ("start_date", "")]
        else:
            parts += [("", ", start not stated")]
        if d.get("end_date"):
            parts += [("", " to "), ("end_date", "")]
            if d.get("end_status"):
                parts += [("", ", then "), ("end_status", "")]
        elif d.get("end_status"):
            parts += [("", ", then "), ("end_status", ""), ("", " on a date not stated")]
        elif d.get("as_of"):
            parts += [("", ", holds as of "), ("as_of", "")]
        elif "end_date" in d:
            parts += [("", ", end not stated")]
        return parts
    if "name" in d:
        return [("name", "")]
    return [
        part
        for i, (k, v) in enumerate((k, v) for k, v in d.items() if v not in (None, [], ""))
        for part in ((("", ", ") if i else ("", "")), ("", f"{k}="), (k, ""))
    ]
