"""Whole-dataset exports, one module per format; `ExportFormat` names them all."""

from __future__ import annotations

from enum import Enum


class ExportFormat(str, Enum):
    """Formats of a whole-dataset export."""

    POPOLO = "popolo"
    GRAPHML = "graphml"
    SQLITE = "sqlite"
    DATAPACKAGE = "datapackage"


#: What each export to a file holds, in words, and the names that say so (for messages;
#: a folder's name says nothing of what it holds).
HOLDS = {
    ExportFormat.POPOLO: ("Popolo JSON", ".json"),
    ExportFormat.GRAPHML: ("GraphML (XML)", ".graphml"),
    ExportFormat.SQLITE: ("an SQLite database", ".sqlite, .db, .sqlite3"),
}
#: What `network --format gexf` holds, and the name that says so.
GEXF_HOLDS = ("GEXF (XML)", ".gexf")
#: Formats written by building a file or folder, never to stdout.
NEEDS_OUTPUT = (ExportFormat.SQLITE, ExportFormat.DATAPACKAGE)
