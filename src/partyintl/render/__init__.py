"""Everything people or programs are shown: a command's answer as a View in, text out.

The modules by job (this file only gathers the names others use, so `render.X` works):

- `view`: the View and RenderContext every renderer takes, the output formats, a value as
  one cell of text;
- `formats`: one renderer per output format and the dispatch (`render`);
- `views`: each command's View: default columns, titles, pictures and figures;
- `table`, `human`, `pictures`: terminal tables, cards and rich pictures;
- `figures` (SVG, PNG), `palette` (colours, contrast), `worldmap`, `network` (the
  network's layout), `report` (the report page), `marks` (what is inferred, marked),
  `cells` (how wide text is).
"""

from __future__ import annotations

from ..escaping import escape_control
from .formats import (
    FORMULA_START,
    all_inferred,
    csv_cell,
    figure_svg,
    footnote,
    for_format,
    plain_cell,
    render,
    render_csv,
    render_human,
    render_json,
    render_jsonl,
    render_markdown,
    render_plain,
    render_png,
    spreadsheet_cell,
)
from .view import (
    FOR_PEOPLE,
    FORMAT_ALIASES,
    HUMAN,
    MACHINE,
    TEXT_FORMATS,
    OutputFormat,
    RenderContext,
    View,
    cell,
    citation_text,
    object_parts,
)

__all__ = [
    "FORMAT_ALIASES",
    "FORMULA_START",
    "FOR_PEOPLE",
    "HUMAN",
    "MACHINE",
    "TEXT_FORMATS",
    "OutputFormat",
    "RenderContext",
    "View",
    "all_inferred",
    "cell",
    "citation_text",
    "csv_cell",
    "escape_control",
    "figure_svg",
    "footnote",
    "for_format",
    "object_parts",
    "plain_cell",
    "render",
    "render_csv",
    "render_human",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_plain",
    "render_png",
    "spreadsheet_cell",
]
