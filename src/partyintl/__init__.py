"""partyintl: a party's international relations, as a library and a command line."""

from __future__ import annotations

from .dataset import Dataset, bundled_path, load_dataset
from .errors import DatasetError, ExitCode, PartyintlError, Problem, UsageError

__version__ = "0.1.0"

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
