"""Fuzz entry point for the data-file loader (atheris-compatible).

Run with atheris installed:  python fuzz/fuzz_load.py -atheris_runs=100000
Any outcome but a valid load or a DatasetError is a bug.
"""

from __future__ import annotations

import contextlib
import sys

from partyintl.data.load import load_bytes
from partyintl.errors import DatasetError


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris looks for
    """Load arbitrary bytes as a data file; only DatasetError may escape."""
    with contextlib.suppress(DatasetError):
        load_bytes(data, "<fuzz>")


def main() -> None:
    """Start atheris over TestOneInput."""
    import atheris  # type: ignore[import-not-found]

    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
