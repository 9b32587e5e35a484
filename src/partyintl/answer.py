"""A command's answer rendered in the format asked for and written to stdout."""

from __future__ import annotations

import os
import sys

from .escaping import escape_control, terminal_safe
from .filenames import device_is_terminal
from .render.formats import for_format, render
from .render.view import FOR_PEOPLE, FORMAT_ALIASES, MACHINE, OutputFormat, RenderContext, View
from .streams import is_terminal, note, output_columns, write, write_bytes
from .structs import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


class Settings(Struct):
    """Global options, shared by every command."""

    __slots__ = ("data", "no_color", "debug", "names", "command")

    def __init__(
        self,
        data: str | tuple[str, ...] | list[str] | None = None,
        no_color: bool = False,
        debug: bool = False,
        names: str = "source",
        command: str = "",
    ) -> None:
        #: The command being run (its name in cli/spec.py), for messages about its options.
        self.command = command
        #: The --data values in order (a file, a folder or a bundled name each).
        self.data: tuple[str, ...] = (data,) if isinstance(data, str) else tuple(data or ())
        self.no_color = no_color
        self.debug = debug
        self.names = names


class Output(Struct):
    """How the user asked for output: format, fields, and the file of `-o` (None or `-`:
    stdout)."""

    __slots__ = ("fmt", "json", "fields", "output")

    def __init__(
        self,
        fmt: str | None = None,
        json: bool = False,
        fields: str | None = None,
        output: str | None = None,
    ) -> None:
        self.fmt = fmt
        self.json = json
        self.fields = fields
        self.output = output

    @property
    def to_file(self) -> bool:
        """Whether the answer goes to a file named by `-o` rather than to stdout."""
        return self.output is not None and self.output != "-"

    @property
    def to_terminal(self) -> bool:
        """Whether the file of `-o` is a terminal (`-o /dev/tty`, `-o /dev/stdout` on one):
        what it gets is what a terminal gets on stdout (escaped; no image)."""
        return self.to_file and self.output is not None and device_is_terminal(self.output)


#: The format a file's extension asks for when `-o FILE` is given without --format: a
#: format's own name or one of its aliases (render.FORMAT_ALIASES: .md, .txt, ...). A file
#: is never a terminal table, csv-excel has no extension of its own, and plain is what any
#: other extension gets.
FORMAT_BY_EXTENSION = {
    f".{name}": fmt
    for name, fmt in (
        *((f.value, f) for f in OutputFormat),
        *FORMAT_ALIASES.items(),
    )
    if fmt not in (OutputFormat.TABLE, OutputFormat.CSV_EXCEL) and name != "plain"
}


#: Extensions of formats partyintl never writes, which the programs that open them would
#: refuse as text: what each says the file is.
FOREIGN_EXTENSIONS = {
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".odt": "an OpenDocument text",
    ".pdf": "a PDF document",
    ".yaml": "YAML",
    ".yml": "YAML",
    ".parquet": "a Parquet table",
    ".gz": "a gzip archive",
    ".zip": "a zip archive",
    ".bz2": "a bzip2 archive",
    ".xz": "an xz archive",
    ".7z": "a 7-Zip archive",
    ".jpg": "a JPEG image",
    ".jpeg": "a JPEG image",
    ".gif": "a GIF image",
    ".webp": "a WebP image",
    ".pptx": "a PowerPoint deck",
    ".geojson": "GeoJSON",
    ".kml": "KML",
    ".ics": "an iCalendar file",
    ".vcf": "a vCard file",
    ".dot": "a Graphviz graph",
    ".dta": "a Stata data file",
    ".sav": "an SPSS data file",
    ".rds": "an R data file",
    ".feather": "a Feather table",
    ".svgz": "a gzipped SVG image",
    ".tar": "a tar archive",
    ".tgz": "a gzip archive",
    ".rar": "a RAR archive",
    ".zst": "a Zstandard archive",
    ".lz4": "an LZ4 archive",
    ".emf": "a Windows metafile",
    ".wmf": "a Windows metafile",
    ".ico": "an icon",
    ".heic": "a HEIC image",
    ".avif": "an AVIF image",
    ".toml": "a TOML file",
    ".tif": "a TIFF image",
    ".tiff": "a TIFF image",
    ".bmp": "a bitmap image",
    ".eps": "an EPS image",
    ".ps": "a PostScript file",
    ".rtf": "an RTF document",
}


def _own_file_extensions() -> dict[str, str]:
    """The names of the files partyintl writes besides answers (export, network: `.db`,
    `.graphml`, `.gexf`), each with what it says the file holds (export.HOLDS)."""
    from .export import GEXF_HOLDS, HOLDS

    return {
        ext.strip(): holds
        for holds, names in (*HOLDS.values(), GEXF_HOLDS)
        for ext in names.split(",")
        if ext.strip() != ".json"
    }


def extension(path: str) -> str:
    """A file name's extension, case folded: `.png` of `map.PNG`, and of `.png` alone (a
    name that is nothing but an extension says that format too)."""
    name = os.path.basename(path)
    ext = os.path.splitext(name)[1] or (name if name.count(".") == 1 and len(name) > 1 else "")
    return ext.casefold() if ext.startswith(".") else ""


def format_for_file(path: str) -> OutputFormat:
    """The format `-o FILE` writes without --format: by extension, else plain (as piped)."""
    return FORMAT_BY_EXTENSION.get(extension(path), OutputFormat.PLAIN)


def refuse_name_of_another_format(
    path: str,
    writes: str,
    fits: tuple[OutputFormat, ...],
    text: bool,
    names: str = "",
    formats: bool = True,
) -> None:
    """A usage error when `-o FILE`'s extension names a format (FORMAT_BY_EXTENSION) that is
    none of `fits`, the formats of what is written: `-f png -o notes.txt` wrote a PNG into
    a text file, `export -f sqlite -o mydata.json` a database over a data file (a fresh
    tester). A name no format claims (`.dat`, `.sqlite`, none) takes anything.

    `writes`: what is written, in words; `text`: whether it is text, which a `.txt` name
    takes; `names`: the names to suggest (default: the extensions that name `fits`, as
    FORMAT_BY_EXTENSION has them: .txt for plain, none for a terminal table); `formats`:
    whether the command could write another format instead. An extension of a format
    partyintl never writes (FOREIGN_EXTENSIONS: `.xlsx`, `.yaml`, `.gz`) fits nothing, and
    one of its other files (`.db`, `.graphml`, `.gexf`) only what `names` lists. First, a
    name with a blank at an end, which hides its extension (files.refuse_blank_ends)."""
    from .export.files import refuse_blank_ends

    refuse_blank_ends(path)
    ext = extension(path)
    taken = {name.strip() for name in names.split(",")}
    foreign = FOREIGN_EXTENSIONS.get(ext) or (
        None if ext in taken else _own_file_extensions().get(ext)
    )
    named = FORMAT_BY_EXTENSION.get(ext)
    if foreign is None and (
        named is None or named in fits or (named is OutputFormat.PLAIN and text)
    ):
        return
    from .cli.spec import flag
    from .errors import UsageError

    names = names or ", ".join(ext for ext, f in FORMAT_BY_EXTENSION.items() if f in fits)
    said = foreign or ("text" if named is OutputFormat.PLAIN else str(getattr(named, "value", "")))
    raise UsageError(
        f"{flag('output', short=True)} {path}: the name says {said}, and the output "
        f"is {writes}; nothing was written. Give a name that says what it holds"
        + (f" ({names})" if names else "")
        + (", or ask for another format." if formats else ".")
    )


def deliver(blocks: Iterable[bytes], output: str | None) -> None:
    """Bytes to stdout, or with `-o FILE` to that file by export/files.py's safe write
    (whole or not at all; "Wrote FILE" on stderr)."""
    if output is None or output == "-":
        for block in blocks:
            write_bytes(block)
        return
    from .export import files

    for message in files.write_output(output, blocks):
        note(message)


def render_context(
    no_color: bool = False, source: str = "", to_file: bool = False, device: bool = False
) -> RenderContext:
    """Where output is going: a terminal or not, colour or not, how wide, which characters.

    A file named by `-o` is written as stdout would be when piped: no colour, UTF-8; one
    that is a terminal (`device`: Output.to_terminal) is escaped as a terminal is."""
    terminal = device or (not to_file and is_terminal(sys.stdout))
    color = (
        terminal
        and not to_file
        and not no_color
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    width = output_columns(100)  # COLUMNS as given, down to MIN_COLUMNS
    encoding = "utf-8" if to_file else getattr(sys.stdout, "encoding", None) or "utf-8"
    encoding = encoding.lower().replace("_", "-")
    return RenderContext(
        terminal=terminal,
        color=color,
        width=max(width, MIN_COLUMNS),
        ascii=not encoding.startswith("utf"),
        source=source,
    )


#: The narrowest layout drawn; a narrower COLUMNS is taken as this (cards still fit it).
MIN_COLUMNS = 16


def refuse_binary_on_terminal(fmt: OutputFormat, out: Output) -> None:
    """A usage error when an image would be written to a terminal: give -o or redirect."""
    on_terminal = out.to_terminal if out.to_file else is_terminal(sys.stdout)
    if fmt is OutputFormat.PNG and on_terminal:
        from .cli.spec import flag
        from .errors import UsageError

        to_file = flag("output", "partners", short=True)
        raise UsageError(
            f"PNG is an image, not for a terminal: write it to a file with {to_file} "
            "figure.png (or redirect it: > figure.png)."
        )


def split_fields(raw: str) -> list[str]:
    """The field names of `--fields A,B,C`, in order; none for a value with no name at all
    (`--fields` alone, or blank: then the fields are listed). A UsageError names the place
    of an empty name among others (`name,,country`: the 2nd), which a typo usually is."""
    names = [part.strip() for part in raw.split(",")]
    if not any(names):
        return []
    if "" in names:
        from .cli.spec import flag
        from .errors import UsageError
        from .words import ordinal

        nth = ordinal(names.index("") + 1)
        shown = escape_control(raw)
        raise UsageError(
            f"The {nth} field of {flag('fields')} {shown!r} is empty: separate field names "
            "with single commas, e.g. name,country."
        )
    return names


def chosen_format(out: Output, rctx: RenderContext) -> OutputFormat:
    """The format an answer is written in: --json, --format, else by the extension of
    `-o FILE`, else a table on a terminal and plain text elsewhere."""
    fmt = OutputFormat.JSON if out.json else OutputFormat(out.fmt) if out.fmt else None
    if fmt is not None and out.to_file:
        fits = {
            OutputFormat.CSV_EXCEL: (OutputFormat.CSV, fmt),  # CSV for spreadsheets
            OutputFormat.PLAIN: (fmt, OutputFormat.TSV),  # the same tab-separated text
            OutputFormat.TABLE: (OutputFormat.PLAIN,),  # text, as .txt says
        }.get(fmt, (fmt,))
        text = fmt is not OutputFormat.PNG
        refuse_name_of_another_format(str(out.output), fmt.value, fits, text)
    if fmt is None and out.to_file:
        fmt = format_for_file(str(out.output))
        # A name of a format partyintl never writes (`.xlsx`) is not filled with text.
        writes = "plain text" if fmt is OutputFormat.PLAIN else fmt.value
        refuse_name_of_another_format(str(out.output), writes, (fmt,), True)
    if fmt is None:
        fmt = OutputFormat.TABLE if rctx.terminal else OutputFormat.PLAIN
    return fmt


#: The formats whose answer is a header and then each record's own text, which
#: query.stored_partner_texts can keep beside a big file's index, by the name it keeps
#: them under (JSON and JSON lines share their records' compact text).
KEPT_FORMS = {
    OutputFormat.JSON: "json",
    OutputFormat.JSONL: "json",
    OutputFormat.CSV: "csv",
    OutputFormat.PLAIN: "plain",
    OutputFormat.TSV: "plain",
}


def kept_format(settings: Settings, out: Output) -> tuple[OutputFormat, RenderContext] | None:
    """The format and render context of an answer that `record_texts` and `emit_texts` can
    write from records' own texts (a format of KEPT_FORMS, not shown on a terminal, no
    --fields); else None."""
    if out.fields is not None:
        return None
    rctx = render_context(settings.no_color, "", out.to_file, out.to_terminal)
    fmt = chosen_format(out, rctx)
    if rctx.terminal or fmt not in KEPT_FORMS:
        return None
    return fmt, rctx


def record_texts(
    settings: Settings, view: View, fmt: OutputFormat, rctx: RenderContext
) -> tuple[str, list[str], bool] | None:
    """A view's answer in a format of KEPT_FORMS as `emit` writes it, cut into its header
    and one text per record (JSON: each record's compact JSON, without the brackets and
    commas of the array), and whether it has footnotes that people are shown beside plain
    text. None when the pieces, put together, would not be exactly the text emit writes
    for the whole view (nothing is kept then)."""
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL):
        from .render.formats import compact_json_texts

        return "", compact_json_texts(list(view.records)), False
    if fmt not in KEPT_FORMS:
        return None
    prepared = prepared_view(settings, view, Output(fmt.value), fmt, rctx)
    whole = rendered_text(prepared, fmt, rctx)
    header = rendered_text(prepared._replace(records=[]), fmt, rctx)
    texts = [rendered_text(prepared._replace(records=[r]), fmt, rctx) for r in view.records]
    if not all(text.startswith(header) for text in texts):
        return None
    texts = [text[len(header) :] for text in texts]
    if header + "".join(texts) != whole:
        return None
    return header, texts, bool(prepared.footnotes)


def emit_texts(header: bytes, texts: list[bytes], fmt: OutputFormat, output: str | None) -> None:
    """An answer from records' texts (UTF-8, record_texts's pieces, in order) as `emit`
    writes it in `fmt` (kept_format's): for JSON one array, else the header and the
    records one after another; to stdout, or to the file of `-o`. Footnotes are not
    written: the caller uses emit when they would be shown (footnotes_shown)."""
    if fmt is OutputFormat.JSON:
        blocks = [b"[", b",".join(texts), b"]\n"]  # no copy of the whole made to add two
    elif fmt is OutputFormat.JSONL:
        blocks = [b"\n".join(texts), b"\n"]
    else:
        blocks = [header, b"".join(texts)]
    deliver(blocks, output)


def footnotes_shown(fmt: OutputFormat) -> bool:
    """Whether an answer's footnotes are written beside it: plain text while stderr is a
    terminal (stdout stays one record a line)."""
    return fmt in (OutputFormat.PLAIN, OutputFormat.TSV) and is_terminal(sys.stderr)


def rendered_text(view: View, fmt: OutputFormat, rctx: RenderContext) -> str:
    """The text `emit` writes for a prepared view in a text format (not PNG)."""
    text = render(view, fmt, rctx)
    if fmt not in MACHINE or rctx.terminal:
        # The last guard: nothing a person reads drives the terminal (CSV or JSON shown on
        # one included); piped, machine formats stay byte for byte what the data holds.
        text = terminal_safe(text)
    return text


def prepared_view(
    settings: Settings, view: View, out: Output, fmt: OutputFormat, rctx: RenderContext
) -> View:
    """A command's view as `fmt` shows it: the fields of --fields (or the list of fields
    for `--fields` alone), people's columns and usual names, what is inferred marked (for
    people) or in a column of its own (plain text). A UsageError for an unknown field."""
    from . import query
    from .render import views

    wanted: list[str] | None = None
    if out.fields is not None:
        valid = view.valid_fields()
        wanted = split_fields(out.fields)
        if not wanted:  # `--fields` alone (or only commas): which fields are there?
            view = views.fields_view(valid)
        else:
            query.check_fields(wanted, valid)
    if wanted is None:
        view = for_format(view, fmt)
    if fmt in FOR_PEOPLE and settings.names == "usual":
        from .render.views import with_usual_names

        view = with_usual_names(view)
    plain = fmt in (OutputFormat.PLAIN, OutputFormat.TSV)
    if fmt in FOR_PEOPLE:  # what the source does not say is marked for people
        from .render.marks import mark_view

        view = mark_view(view, wanted or view.columns, rctx.ascii)
        if view.footnotes and not wanted and "inferred" in view.columns:
            view = view._replace(columns=[c for c in view.columns if c != "inferred"])
    elif plain:  # for pipes: values as they are, what is inferred in a column of its own
        from .render.marks import mark_view

        view = mark_view(view, wanted or view.columns, rctx.ascii, glue=False)
        if not wanted and "inferred" in view.valid_fields() and "inferred" not in view.columns:
            view = view._replace(columns=[*view.columns, "inferred"])
    if wanted:
        view = view.with_fields(wanted)
    return view


def emit(settings: Settings, view: View, out: Output, source: str = "", more: bool = False) -> None:
    """Render a view in the chosen format and write it to stdout, or to the file of `-o`
    (what stdout would have had when piped); notes go to stderr.

    `source` is the line figures carry under them (see query.source_line). Unless the
    command has `more` to do, its answer is then complete (lifecycle.answer_complete): a
    stop signal after it waits for the process's end (letting go of a big file's parsed
    tree takes 0.1 s) instead of calling the whole answer interrupted.
    """
    _emit(settings, view, out, source)
    if not more:
        from .lifecycle import answer_complete

        answer_complete()


def _emit(settings: Settings, view: View, out: Output, source: str) -> None:
    rctx = render_context(settings.no_color, source, out.to_file, out.to_terminal)
    fmt = chosen_format(out, rctx)
    refuse_binary_on_terminal(fmt, out)
    view = prepared_view(settings, view, out, fmt, rctx)
    plain = fmt in (OutputFormat.PLAIN, OutputFormat.TSV)
    from .errors import FigureTooBig, UsageError

    try:
        if fmt is OutputFormat.PNG:
            from .render.formats import render_png

            deliver([render_png(view, rctx)], out.output)
            return
        text = rendered_text(view, fmt, rctx)
    except FigureTooBig as exc:
        from .render.figures import too_big_message

        raise UsageError(too_big_message(exc, settings.command, fmt.value)) from None
    if out.to_file:
        deliver([text.encode("utf-8")], out.output)
    else:
        write(text, machine=fmt is not OutputFormat.TABLE)
    if view.footnotes and footnotes_shown(fmt):
        # stdout stays one record per line; a person watching gets the footnote beside it.
        from .render.marks import footnote

        for line in footnote(view, rctx.ascii, marked=False):
            note(line)
    if not view.records and (plain or fmt is OutputFormat.TABLE):
        note(view.empty_note)
