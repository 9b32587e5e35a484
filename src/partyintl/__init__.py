"""partyintl: a party's international relations, as a library and a command line.

    from partyintl import load_dataset
    ds = load_dataset()

Names are imported on first use, so that `partyintl --version` and the command line's
fast path do not pay for what they do not need.
"""

# Nothing is imported here, not even __future__: the console script's first milliseconds
# run this module before main() can catch a stop signal (a fresh tester saw a Ctrl-C
# traceback through the import of a _version module).
__version__ = "0.1.0"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .collection import Collection, load_collection
    from .data.load import Dataset, bundled_path, load_dataset
    from .errors import DatasetError, ExitCode, PartyintlError, Problem, UsageError

__all__ = [
    "Collection",
    "Dataset",
    "DatasetError",
    "ExitCode",
    "PartyintlError",
    "Problem",
    "UsageError",
    "__version__",
    "bundled_path",
    "load_collection",
    "load_dataset",
]
_HOMES = {
    "Collection": "collection",
    "load_collection": "collection",
    "Dataset": "data.load",
    "bundled_path": "data.load",
    "load_dataset": "data.load",
    "DatasetError": "errors",
    "ExitCode": "errors",
    "PartyintlError": "errors",
    "Problem": "errors",
    "UsageError": "errors",
}


def __dir__() -> "list[str]":
    """The module's names, the public ones not yet imported among them (for completion
    and help())."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> "Any":
    """Import a public name from its module when it is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'partyintl' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
