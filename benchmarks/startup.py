"""Everyday commands on the bundled data against `python -c pass`, wall and CPU time.

Usage: python benchmarks/startup.py [--runs N] [--before VENV] [COMMAND ...]

Each command runs as a user runs it (the console script, a new process, output to
/dev/null, COLUMNS=100), once to warm up and then --runs times, each run followed by
`python -c pass` on the same interpreter, so that load on a shared machine hits both
alike. The table gives medians and their ratios; CPU time (user + system of the child,
from wait4) moves less with the load than wall time. With --before, another install's
console script (a checkout's `.venv`) runs in the same rounds, for a before/after table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: The everyday commands (docs/performance.md, issue 21's goal: <= 3x python -c pass).
EVERYDAY = [
    "partners",
    "show spd",
    "contacts",
    "countries",
    "countries -f table",
    "timeline -f table",
    "spectrum -f table",
    "people -f table",
    "partners --country Germany --json",
]


def once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    """Measure and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", type=Path, help="another install's venv, run beside")
    parser.add_argument("commands", nargs="*", default=EVERYDAY)
    args = parser.parse_args()
    python = sys.executable
    after = str(Path(python).with_name("partyintl"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COLUMNS"] = "100"
    head = "| command | python -c pass | after | after / pass (wall, CPU) |"
    rule = "|---|---|---|---|"
    if args.before:
        head = (
            "| command | python -c pass | before | after | before / pass (wall, CPU) "
            "| after / pass (wall, CPU) |"
        )
        rule = "|---|---|---|---|---|---|"
    print(head)
    print(rule)
    for command in args.commands:
        words = command.split()
        runs = [[python, "-c", "pass"], [after, *words]]
        if args.before:
            runs.insert(1, [str(args.before / "bin" / "partyintl"), *words])
        for cmd in runs:
            once(cmd, env)
        found: list[list[tuple[float, float]]] = [[] for _ in runs]
        for _ in range(args.runs):
            for i, cmd in enumerate(runs):
                found[i].append(once(cmd, env))
        wall = [statistics.median(w for w, _ in f) for f in found]
        cpu = [statistics.median(c for _, c in f) for f in found]
        cells = [f"`{command}`", f"{wall[0] * 1000:.1f} ms"]
        cells += [f"{w * 1000:.1f} ms" for w in wall[1:]]
        cells += [
            f"{w / wall[0]:.2f}x, {c / cpu[0]:.2f}x" for w, c in zip(wall[1:], cpu[1:], strict=True)
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
