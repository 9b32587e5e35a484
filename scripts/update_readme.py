"""Rewrite the README's ```console examples with what the command really prints.

Usage: uv run python scripts/update_readme.py
Each block starts with `$ partyintl ARGS`; its output is replaced with the output (stdout
then stderr) of those arguments at 96 columns. tests/test_docs.py fails when one differs.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(```console\n\$ partyintl (.*?)\n)(.*?)(```)", re.S)


def output(args: str) -> str:
    """What `partyintl ARGS` prints at 96 columns, stdout then stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL_")}
    env.update(COLUMNS="96", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", *shlex.split(args)], capture_output=True, env=env
    )
    text = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n")) + "\n"


def main() -> None:
    """Rewrite README.md in place (only the example outputs change)."""
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda m: m.group(1) + output(m.group(2)) + m.group(4), text)
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    main()
