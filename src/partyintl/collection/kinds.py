"""The choices of `partyintl network`, kept light: the command line imports them on every run."""

from __future__ import annotations

from enum import Enum

__all__ = ["NetworkFormat", "NetworkGraph"]


class NetworkFormat(str, Enum):
    """How the network of a collection is written."""

    GEXF = "gexf"
    GRAPHML = "graphml"
    CSV = "csv"
    SQLITE = "sqlite"


class NetworkGraph(str, Enum):
    """Which network: ties between parties, parties and internationals, or its projection."""

    TIES = "ties"
    MEMBERSHIP = "membership"
    PROJECTION = "projection"
