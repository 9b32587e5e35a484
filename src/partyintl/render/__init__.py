"""Output formats behind one interface: a View in, text out; the caller picks the stream."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from enum import Enum

from ..escaping import escape_control as escape_control  # the renderers take it from here
from ..escaping import escape_json
from ..slotted import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from rich.console import RenderableType

    Record = dict[str, Any]
    Picture = Callable[["View", "RenderContext"], RenderableType]


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
    )

    def __init__(
        self,
        records: list[Record],
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


def citation_text(d: dict[str, Any]) -> str:
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

    A post reads "role, organisation (since date)", with its holder in front when the
    object names one (an organisation's people: "Martin Schulz: President of the group,
    ..."); a status period "status member of organisation from date"; an event brief
    "date name (role)"; a citation "source, place (states fields, dated date)". A period
    is never open-ended without the date it holds as of: "full member of X from 2012-08-30
    to 2022-03-07, then ended", "... from 2007-06, holds as of 2018", "..., end not stated".
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
        if d.get("start_date") and d.get("end_date"):
            parts += [("", " ("), ("start_date", ""), ("", "–"), ("end_date", ""), ("", ")")]
        elif d.get("start_date"):
            parts += [("", " (since "), ("start_date", ""), ("", ")")]
        elif d.get("as_of"):
            parts += [("", " (as of "), ("as_of", ""), ("", ")")]
        return parts
    if "type" in d and "date" in d and "name" in d:
        parts = [("date", "") if d["date"] else ("", "undated"), ("", " "), ("name", "")]
        return [*parts, ("", " ("), ("role", ""), ("", ")")] if d.get("role") else parts
    if "status" in d and "start_date" in d:
        parts = [("status", "")]
        if d.get("organization"):  # a membership: of what, and who when not the subject
            parts = [("member", ""), ("", ": "), *parts] if d.get("member") else parts
            parts += [("", " member of "), ("organization", "")]
        parts += [("", " from "), ("start_date", "") if d["start_date"] else ("", "undated")]
        if d.get("end_date") or d.get("end_status"):
            parts += [("", " to "), ("end_date", "") if d.get("end_date") else ("", "undated")]
            if d.get("end_status"):
                parts += [("", ", then "), ("end_status", "")]
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


#: From this many records on, JSON is written by orjson (several times faster; the same
#: text, checked below) instead of the json module, whose import is cheaper.
FAST_JSON_FROM = 1000
# Where orjson's text may differ from json's: a float under 1e-4 (`0.00001` for `1e-05`,
# `1e-7` for `1e-07`). Such text, even inside a string, sends the value to json instead.
# (Two searches: an alternation in one pattern is several times slower.)
_SMALL_FIXED = b"0.0000"
_SHORT_EXPONENT = re.compile(rb"e-[1-9](?![0-9])")


def _orjson_text(value: Any, pretty: bool) -> str | None:
    """`value` as _json_text writes it with json.dumps (escape_json applied), by orjson;
    None where it might differ (small floats) or orjson refuses (integers over 64 bits,
    lone surrogates, NaN)."""
    import orjson

    try:
        data = orjson.dumps(value, option=orjson.OPT_INDENT_2 if pretty else 0)
    except (TypeError, ValueError):
        return None
    if _SMALL_FIXED in data or _SHORT_EXPONENT.search(data):
        return None
    text = data.decode("utf-8")
    # Nothing escape_json would change can be there without one of these bytes (a raw
    # control byte, or the UTF-8 lead bytes of U+0080-U+00BF, U+061C and U+2000-U+2FFF),
    # and one search of the bytes is several times faster than escape_json's of the text.
    return text if _MAY_BE_UNSAFE.search(data) is None else escape_json(text)


_MAY_BE_UNSAFE = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f\xc2\xd8\xe2]")


def _json_text(value: Any, pretty: bool) -> str:
    if isinstance(value, list) and len(value) >= FAST_JSON_FROM:
        fast = _orjson_text(value, pretty)
        if fast is not None:
            return fast  # escaped where need be
    text = json.dumps(
        value,
        ensure_ascii=False,
        allow_nan=False,  # strict JSON (RFC 8259): validation lets no NaN or Infinity in
        indent=2 if pretty else None,
        separators=None if pretty else (",", ":"),
    )
    # json leaves DEL, C1 and the bidi controls raw: written as \u escapes, the same value.
    return escape_json(text)


def render_json(view: View, ctx: RenderContext) -> str:
    """One JSON document: an array, or an object for a single-record view."""
    payload: Any = view.records[0] if view.single and view.records else view.records
    if view.single and not view.records:
        payload = None
    return _json_text(payload, ctx.terminal) + "\n"


def render_jsonl(view: View, ctx: RenderContext) -> str:
    """One compact JSON object per line."""
    return "".join(_json_text(r, False) + "\n" for r in view.records)


def all_inferred(record: Record) -> list[Record]:
    """A record's inferences and those of the objects nested in it, each nested field named
    by its path (`posts[0].as_of`): one flat list for a CSV cell or a table's column."""
    found = [e for e in record.get("inferred") or () if isinstance(e, dict)]
    for key, value in record.items():
        if key == "inferred" or not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            if isinstance(item, dict) and item.get("inferred"):
                found += [
                    {**e, "field": f"{key}[{i}].{e.get('field')}"} for e in all_inferred(item)
                ]
    return found


def csv_cell(value: Any, excel: bool = False) -> str:
    """A value as one CSV cell (`spreadsheet_cell` for a spreadsheet, else `cell`), with
    NUL written as the visible `\\x00`.

    No common CSV reader takes a NUL (Python 3.10's csv module neither writes nor reads
    one, R and spreadsheets cut the text there), and no valid data file holds one; the
    escape is the one the human formats use, and the output is the same on every Python.
    """
    return (spreadsheet_cell(value) if excel else cell(value)).replace("\x00", "\\x00")


def render_csv(view: View, ctx: RenderContext, excel: bool = False) -> str:
    """RFC 4180 CSV with a header row of the chosen (default: all) fields; for a
    spreadsheet (`excel`), text cells it would run as formulas are neutralised (see
    csv_cell).

    The `inferred` column lists what is inferred of the record and of the objects nested
    in it (a person's posts), since a cell flattens them.
    """
    import csv

    buf = io.StringIO()
    cols = view.columns if view.picked else view.valid_fields()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(cols)
    for r in view.records:
        writer.writerow(
            [
                csv_cell(all_inferred(r) if c == "inferred" else view.value(r, c), excel)
                for c in cols
            ]
        )
    return buf.getvalue()


#: The first characters that make a spreadsheet read a cell as a formula (OWASP's CSV
#: injection guidance: =, +, -, @, tab and carriage return), and the fullwidth forms of the
#: first four, which some spreadsheets take for them.
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def spreadsheet_cell(value: Any) -> str:
    """A value as a cell that a spreadsheet shows as text and never runs.

    A text whose first character, or first after leading blanks (which spreadsheets skip),
    starts a formula gets a leading apostrophe, as OWASP advises: `=HYPERLINK(...)` is
    written `'=HYPERLINK(...)`. Numbers stay numbers: a score of -0.76 is written -0.76.
    """
    text = cell(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    if text[:1] in FORMULA_START or text.lstrip()[:1] in FORMULA_START:
        return "'" + text
    return text


_PLAIN_ESC = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def plain_cell(value: Any) -> str:
    """A cell for tab-separated output: tabs, newlines and control characters escaped."""
    text = re.sub(r"[\\\t\n\r]", lambda m: _PLAIN_ESC[m.group()], cell(value))
    return escape_control(text)


def render_plain(view: View, ctx: RenderContext) -> str:
    """One record per line, tab-separated, no header, nothing truncated (like gh piped);
    the `inferred` column, as in CSV, holds nested records' inferences too, by path."""
    return "".join(
        "\t".join(
            plain_cell(all_inferred(r) if c == "inferred" else r.get(c)) for c in view.columns
        )
        + "\n"
        for r in view.records
    )


_MD_SPECIAL = re.compile(r"[\\|\[\]`*_]")
_SCRIPT_SCHEME = re.compile(r"(javascript|vbscript|data):", re.IGNORECASE)


def render_markdown(view: View, ctx: RenderContext) -> str:
    """A GitHub-flavoured Markdown table."""

    def md(value: Any) -> str:
        text = escape_control(cell(value))
        # Nothing in a cell may become HTML, a link or a script when the Markdown is shown.
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = _MD_SPECIAL.sub(r"\\\g<0>", text)
        text = _SCRIPT_SCHEME.sub(lambda m: m.group(1) + "&#58;", text)
        return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")

    if view.single and view.records:  # one record: a field | value table, not one long row
        record = view.records[0]
        lines = ["| field | value |", "| --- | --- |"]
        lines += [
            f"| {md(c)} | {md(record.get(c))} |"
            for c in view.columns
            if view.picked or record.get(c) not in (None, "", [])
        ]
    else:
        lines = [
            "| " + " | ".join(view.columns) + " |",
            "| " + " | ".join("---" for _ in view.columns) + " |",
        ]
        lines += [
            "| " + " | ".join(md(r.get(c)) for c in view.columns) + " |" for r in view.records
        ]
    notes = footnote(view, ctx.ascii)
    if notes:
        lines += ["", *(md(line.strip()) + "  " for line in notes)]
    return "\n".join(lines) + "\n"


def footnote(view: View, ascii: bool) -> list[str]:
    """The footnote lines for inferred values (see marks.py)."""
    from .marks import footnote as lines

    return lines(view, ascii)


def _footnote_text(view: View, ctx: RenderContext) -> str:
    """The footnote under a terminal table, each item wrapped with a hanging indent."""
    from .table import wrap

    notes = footnote(view, ctx.ascii)
    if not notes:
        return ""
    # Nothing wider than the terminal: the head wraps too, and items never get less room
    # than a word of ten cells (a narrower terminal folds the word).
    lines = ["", *wrap(escape_control(notes[0]), max(10, ctx.width))]
    for item in notes[1:]:
        first, *more = wrap(escape_control(item.strip()), max(10, ctx.width - 4))
        lines += ["  " + first, *("    " + m for m in more)]
    return "\n".join(lines) + "\n"


def render_human(view: View, ctx: RenderContext, fmt: OutputFormat) -> str:
    """A table or picture for the terminal (rich only where it is needed), or a figure."""
    if fmt is OutputFormat.SVG:
        return figure_svg(view, ctx)
    if fmt is OutputFormat.HTML:
        from .figures import html_page, html_table

        body = figure_svg(view, ctx) if view.figure else html_table(view)
        return html_page(view.heading or "partyintl", body)
    if view.picture is None or view.single:
        from .table import render_cards, render_table

        if not view.records:
            return ""
        text = render_cards(view, ctx) if view.single else render_table(view, ctx)
    else:
        from .human import to_text

        text = to_text(view, ctx)
    notes = _footnote_text(view, ctx)
    return text.rstrip("\n") + "\n" + notes if notes else text


def figure_svg(view: View, ctx: RenderContext) -> str:
    """The view as an SVG figure: its own drawing, or the table drawn as one."""
    from .figures import table_svg

    if view.figure is not None:
        return view.figure(view, ctx.source)
    return table_svg(view, ctx.source)


def render_png(view: View, ctx: RenderContext) -> bytes:
    """The SVG figure rasterised to PNG."""
    from .figures import to_png

    return to_png(figure_svg(view, ctx))


def for_format(view: View, fmt: OutputFormat) -> View:
    """The view with the columns a format shows: people's columns (names first) in tables,
    Markdown and pictures unless fields were picked; every field elsewhere."""
    if fmt in FOR_PEOPLE and not view.picked and view.human_columns:
        return view._replace(columns=list(view.human_columns))
    return view


def render(view: View, fmt: OutputFormat, ctx: RenderContext) -> str:
    """Dispatch a view to its format's renderer."""
    if fmt is OutputFormat.JSON:
        return render_json(view, ctx)
    if fmt is OutputFormat.JSONL:
        return render_jsonl(view, ctx)
    if fmt is OutputFormat.CSV:
        return render_csv(view, ctx)
    if fmt is OutputFormat.CSV_EXCEL:  # a byte-order mark: Excel then reads UTF-8 as such
        return "\ufeff" + render_csv(view, ctx, excel=True)
    if fmt in (OutputFormat.PLAIN, OutputFormat.TSV):
        return render_plain(view, ctx)
    if fmt is OutputFormat.MARKDOWN:
        return render_markdown(view, ctx)
    if fmt is OutputFormat.PNG:
        raise TypeError("PNG is an image, not text: use render_png")
    if fmt in HUMAN:
        return render_human(view, ctx, fmt)
    return _never(fmt)


def _never(value: object) -> NoReturn:
    raise AssertionError(f"unhandled output format: {value!r}")
