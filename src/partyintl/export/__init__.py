"""Whole-dataset exports, one module per format; `ExportFormat` names them all."""

from __future__ import annotations

from enum import Enum


class ExportFormat(str, Enum):
    """Formats of a whole-dataset export."""

    POPOLO = "popolo"
    GRAPHML = "graphml"
    SQLITE = "sqlite"
    DATAPACKAGE = "datapackage"


#: Formats written by building a file or folder, never to stdout.
NEEDS_OUTPUT = (ExportFormat.SQLITE, ExportFormat.DATAPACKAGE)
