"""partyintl: a party's international relations, as a library and a command line."""

from __future__ import annotations

from ._version import __version__
from .dataset import Dataset, bundled_path, load_dataset
from .errors import DatasetError, ExitCode, PartyintlError, Problem, UsageError

__all__ = [
    "Dataset",
    "DatasetError",
    "ExitCode",
    "PartyintlError",
    "Problem",
    "UsageError",
    "__version__",
    "bundled_path",
    "load_dataset",
]
