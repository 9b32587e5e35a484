"""The output formats' renderers behind one interface: a View in, text (or PNG bytes)
out; the caller picks the stream. `render` dispatches on the format."""

from __future__ import annotations

import io

from ..data.fastparse import orjson_allowed
from ..escaping import escape_control, escape_json
from ..patterns import pattern
from .view import FOR_PEOPLE, HUMAN, OutputFormat, cell, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, NoReturn

    from .view import RenderContext, View

    Record = Mapping[str, Any]


#: From this many records on, JSON is written by orjson (several times faster; the same
#: text, checked below) instead of the json module, whose import is cheaper.
FAST_JSON_FROM = 1000
# Where orjson's text may differ from json's: a float under 1e-4 (`0.00001` for `1e-05`,
# `1e-7` for `1e-07`). Such text, even inside a string, sends the value to json instead.
# (Two searches: an alternation in one pattern is several times slower.)
_SMALL_FIXED = b"0.0000"
_SHORT_EXPONENT = pattern(rb"e-[1-9](?![0-9])")


def _orjson_bytes(value: Any, pretty: bool) -> bytes | None:
    """`value` as orjson writes it, where that is json.dumps' text before escape_json; None
    where it might differ (small floats) or orjson refuses (integers over 64 bits, lone
    surrogates, NaN), or may not be used (fastparse.orjson_allowed)."""
    if not orjson_allowed():
        return None
    import orjson

    try:
        data = orjson.dumps(value, option=orjson.OPT_INDENT_2 if pretty else 0)
    except (TypeError, ValueError):
        return None
    if _SMALL_FIXED in data or _SHORT_EXPONENT.search(data):
        return None
    return data


def _orjson_text(value: Any, pretty: bool) -> str | None:
    """`value` as json_text writes it with json.dumps (escape_json applied), by orjson;
    None where _orjson_bytes gives none."""
    data = _orjson_bytes(value, pretty)
    if data is None:
        return None
    text = data.decode("utf-8")
    # Nothing escape_json would change can be there without one of these bytes (a raw
    # control byte, or the UTF-8 lead bytes of U+0080-U+00BF, U+061C and U+2000-U+2FFF),
    # and one search of the bytes is several times faster than escape_json's of the text.
    return escape_json(text) if may_be_unsafe(data) else text


_MAY_BE_UNSAFE = pattern(rb"[\x00-\x08\x0b-\x1f\x7f\xc2\xd8\xe2]")
#: The bytes _MAY_BE_UNSAFE looks for, each searched for by itself (memchr is many times
#: faster than a character class over megabytes); ASCII text needs only the first 30.
_CONTROL_BYTES = tuple(bytes([b]) for b in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F))
_LEAD_BYTES = (b"\xc2", b"\xd8", b"\xe2")


def may_be_unsafe(data: bytes) -> bool:
    """Whether `data` holds a byte _MAY_BE_UNSAFE finds (tests/test_startup.py holds the
    two alike): a raw control byte, or a lead byte of U+0080-U+00BF, U+061C or
    U+2000-U+2FFF."""
    if any(b in data for b in _CONTROL_BYTES):
        return True
    return not data.isascii() and any(b in data for b in _LEAD_BYTES)


def json_text(value: Any, pretty: bool) -> str:
    """`value` as JSON text, the way every JSON answer writes it: json.dumps (orjson for a
    list of FAST_JSON_FROM records or more, where its text is the same) with non-ASCII
    kept, no NaN, two-space indentation when `pretty` else no spaces at all, and DEL, C1
    and bidi controls escaped (escape_json). Raises ValueError for NaN or infinity."""
    if isinstance(value, list) and len(value) >= FAST_JSON_FROM:
        fast = _orjson_text(value, pretty)
        if fast is not None:
            return fast  # escaped where need be
    import json

    text = json.dumps(
        value,
        ensure_ascii=False,
        allow_nan=False,  # strict JSON (RFC 8259): validation lets no NaN or Infinity in
        indent=2 if pretty else None,
        separators=None if pretty else (",", ":"),
    )
    # json leaves DEL, C1 and the bidi controls raw: written as \u escapes, the same value.
    return escape_json(text)


def compact_json_texts(records: list[Any]) -> list[str]:
    """Each record as `json_text(record, False)` writes it, by orjson where its text is the
    same (several times faster for many records): when the text of all of them needs no
    escape and holds no small float, neither does any record's."""
    whole = _orjson_bytes(records, False)
    if whole is not None and not may_be_unsafe(whole):
        import orjson

        dumps = orjson.dumps
        return [dumps(r).decode("utf-8") for r in records]
    return [_orjson_text(r, False) or json_text(r, False) for r in records]


def render_json(view: View, ctx: RenderContext) -> str:
    """One JSON document: an array, or an object for a single-record view."""
    payload: Any = view.records[0] if view.single and view.records else view.records
    if view.single and not view.records:
        payload = None
    return json_text(payload, ctx.terminal) + "\n"


def render_jsonl(view: View, ctx: RenderContext) -> str:
    """One compact JSON object per line."""
    return "".join(json_text(r, False) + "\n" for r in view.records)


def all_inferred(record: Record) -> list[Record]:
    """A record's inferences and those of the objects nested in it, each nested field named
    by its path (`posts[0].as_of`): one flat list for a CSV cell or a table's column."""
    found: list[Record] = [e for e in record.get("inferred") or () if isinstance(e, dict)]
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
    text = cell(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        import re

        text = re.sub(r"[\\\t\n\r]", lambda m: _PLAIN_ESC[m.group()], text)
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


_MD_SPECIAL = pattern(r"[\\|\[\]`*_]")
_SCRIPT_SCHEME = pattern(r"(?i)(javascript|vbscript|data):")


def render_markdown(view: View, ctx: RenderContext) -> str:
    """A GitHub-flavoured Markdown table."""

    def md(value: Any) -> str:
        text = shown(value)
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
    """The SVG figure rasterised to PNG; a note on stderr when installed fonts lack some of
    its characters (fonts.missing_note), which the PNG shows as empty boxes."""
    from .figures import to_png

    svg = figure_svg(view, ctx)
    png = to_png(svg)
    from .fonts import missing_note

    told = missing_note(svg)
    if told is not None:
        from ..streams import note

        note(told)
    return png


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
