"""Regenerate the README's figures: docs/figures/{timeline,map,graph}.png.

Usage: uv run python scripts/make_figures.py
tests/test_figures.py fails when a committed PNG differs from what this writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures"
#: Each committed figure and the command that draws it.
COMMANDS = {
    "timeline.png": ["timeline", "--format", "png"],
    "map.png": ["map", "--format", "png"],
    "graph.png": ["graph", "--format", "png"],
}


def draw(args: list[str]) -> bytes:
    """The PNG a command writes."""
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *args], capture_output=True, check=True
    )
    return done.stdout


def main() -> None:
    """Write every figure."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    for name, args in COMMANDS.items():
        (FIGURES / name).write_bytes(draw(args))


if __name__ == "__main__":
    main()
