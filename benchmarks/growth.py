"""How each command's time grows with the data: 1x, 2x and 4x a size, against n log n.

Usage: python benchmarks/growth.py [--size N] [--quick] [--runs K] [--markdown] [--only WORD]

Every command is run as a user runs it (a new process) on datasets of N, 2N and 4N
partners made by `generate.py N --all` (scores, events and people grow with them), in
the formats people and programs ask for: tables and machine formats, figures (SVG, PNG),
the report and the exports. A run's time is the CPU time the process used (user + system,
from wait4), the median of K runs after a warm-up that also fills the validation cache:
unlike wall time, it hardly moves with the load of a shared machine, and the least of K
runs is taken (load only ever adds). The same command on the bundled data (54 partners)
is its fixed cost (start-up, imports).

A command fails when the work above its fixed cost grows faster than n log n: from 2N to
4N by more than TOLERANCE x 2 log(4N) / log(2N), or from N to 4N by more than TOLERANCE
x 4 log(4N) / log(N). Quadratic work (x4 for x2 the data) fails; linear work with a large
fixed cost passes. A step whose smaller work is under MIN_WORK seconds is not judged
(a few milliseconds of noise would be a large ratio), nor is work under MIN_WORK at 4N.
The exit status is 1 when any command fails, so the bench fails, not the tests;
--json keeps every run's time.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import table

HERE = Path(__file__).resolve().parent
PY = sys.executable
_SCRIPT = Path(PY).with_name("partyintl")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "partyintl"]
#: How much faster than n log n the work may seem to grow before it counts as growing
#: faster (CPU time still moves by a few percent between runs).
TOLERANCE = 1.5
#: Work (seconds of CPU above the fixed cost) below which growth is not judged.
MIN_WORK = 0.05

#: (label, arguments) of every question; {out} is a fresh output path for each run.
QUESTIONS: list[tuple[str, list[str]]] = [
    ("partners -f table", ["partners", "-f", "table"]),
    ("partners -f plain", ["partners"]),
    ("partners -f csv", ["partners", "-f", "csv"]),
    ("partners --json", ["partners", "--json"]),
    ("partners -c Germany -f markdown", ["partners", "-c", "Germany", "-f", "markdown"]),
    ("partners -s labour -f table", ["partners", "-s", "labour", "-f", "table"]),
    ("partners --limit 30 -f svg", ["partners", "--limit", "30", "-f", "svg"]),
    ("partners --limit 30 -f html", ["partners", "--limit", "30", "-f", "html"]),
    ("show pes -f table", ["show", "pes", "-f", "table"]),
    ("countries -f table", ["countries", "-f", "table"]),
    ("countries -f csv", ["countries", "-f", "csv"]),
    ("countries -f svg", ["countries", "-f", "svg"]),
    ("countries -f png", ["countries", "-f", "png"]),
    ("map -f table", ["map", "-f", "table"]),
    ("map -f svg", ["map", "-f", "svg"]),
    ("map -f png", ["map", "-f", "png"]),
    ("graph -f csv", ["graph", "-f", "csv"]),
    ("graph -f svg", ["graph", "-f", "svg"]),
    ("graph -f png", ["graph", "-f", "png"]),
    ("spectrum -f table", ["spectrum", "-f", "table"]),
    ("spectrum --json", ["spectrum", "--json"]),
    ("spectrum -f svg", ["spectrum", "-f", "svg"]),
    ("spectrum -f png", ["spectrum", "-f", "png"]),
    ("timeline -f table", ["timeline", "-f", "table"]),
    ("timeline -f csv", ["timeline", "-f", "csv"]),
    ("timeline -f svg", ["timeline", "-f", "svg"]),
    ("timeline -f png", ["timeline", "-f", "png"]),
    ("people -f table", ["people", "-f", "table"]),
    ("people --json", ["people", "--json"]),
    ("contacts -f table", ["contacts", "-f", "table"]),
    ("regions -f table", ["regions", "-f", "table"]),
    ("report -o report.html", ["report", "-o", "{out}"]),
    ("export -f popolo", ["export", "-f", "popolo"]),
    ("export -f graphml", ["export", "-f", "graphml"]),
    ("export -f sqlite -o db", ["export", "-f", "sqlite", "-o", "{out}"]),
    ("export -f datapackage -o dir", ["export", "-f", "datapackage", "-o", "{out}"]),
    ("validate", ["validate", "{data}"]),
]


@dataclass
class Growth:
    """One question's times (CPU seconds) at the fixed cost and at N, 2N, 4N."""

    label: str
    fixed: float
    times: tuple[float, float, float]
    size: int

    def work(self, i: int) -> float:
        """CPU seconds above the fixed cost at the i-th size (never below a millisecond)."""
        return max(self.times[i] - self.fixed, 0.001)

    def limit(self, factor: int, n: int | None = None) -> float:
        """The most the work may grow from n to `factor` n (n log n, with TOLERANCE)."""
        n = n or self.size
        return TOLERANCE * factor * math.log(factor * n) / math.log(n)

    def ratios(self) -> tuple[float, float]:
        """Growth of the work from 2N to 4N and from N to 4N."""
        return self.work(2) / self.work(1), self.work(2) / self.work(0)

    def verdict(self) -> str:
        """ok, too little work to tell, or FASTER THAN N LOG N."""
        if self.work(2) < MIN_WORK:
            return "ok (too little work to tell)"
        two, four = self.ratios()
        if self.work(1) >= MIN_WORK and two > self.limit(2, 2 * self.size):
            return "FASTER THAN N LOG N"
        if self.work(0) >= MIN_WORK and four > self.limit(4):
            return "FASTER THAN N LOG N"
        return "ok"


def cpu_seconds(cmd: list[str], env: dict[str, str], before: Callable[[], None]) -> float:
    """CPU time (user + system) of one run of a command, output discarded; exit 0 or stop."""
    before()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime


def measure(
    args: list[str], data: str | None, runs: int, env: dict[str, str], tmp: Path
) -> list[float]:
    """The CPU times of `runs` runs after a warm-up (which fills the cache)."""
    out = tmp / "out"

    def clear() -> None:
        if out.is_dir():
            shutil.rmtree(out)
        elif out.exists():
            out.unlink()

    argv = [a.format(out=out, data=data or "") for a in args]
    if argv == ["validate", ""]:
        argv = ["validate"]
    cmd = [*CLI, *(["--data", data] if data else []), *argv]
    cpu_seconds(cmd, env, clear)
    return [cpu_seconds(cmd, env, clear) for _ in range(runs)]


def main() -> int:
    """Run every question at the three sizes, print the table, and judge the growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=None, help="N (default 10,000)")
    parser.add_argument("--quick", action="store_true", help="N = 2,000 and one run each")
    parser.add_argument("--runs", type=int, default=None, help="timed runs each (default 3)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", default="", help="only questions whose label has this")
    parser.add_argument("--json", type=Path, default=None, help="write every run's time here")
    args = parser.parse_args()
    size = args.size or (2_000 if args.quick else 10_000)
    runs = args.runs or (1 if args.quick else 3)
    dropped = ("PARTYINTL_DATA", "NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PARTYINTL_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    results = []
    raw: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="partyintl-growth-") as name:
        tmp = Path(name)
        env["PARTYINTL_CACHE_DIR"] = str(tmp / "cache")
        paths = []
        for factor in (1, 2, 4):
            path = tmp / f"data-{factor}.json"
            subprocess.run(
                [PY, str(HERE / "generate.py"), str(size * factor), str(path), "--all"], check=True
            )
            paths.append(str(path))
        for label, question in QUESTIONS:
            if args.only not in label:
                continue
            fixed = measure(question, None, runs, env, tmp)
            sized = [measure(question, p, runs, env, tmp) for p in paths]
            raw.append({"question": label, "bundled": fixed, "sizes": sized})
            result = Growth(label, min(fixed), (min(sized[0]), min(sized[1]), min(sized[2])), size)
            results.append(result)
            print(f"{label}: {result.verdict()}", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps({"size": size, "runs": raw}, indent=1), "utf-8")
    print_table(results, size, args.markdown)
    return 1 if any(r.verdict().startswith("FASTER") for r in results) else 0


def print_table(results: list[Growth], size: int, markdown: bool) -> None:
    """The times and the judgement, aligned or as Markdown."""
    head = [
        "question",
        "bundled",
        f"{size:,}",
        f"{2 * size:,}",
        f"{4 * size:,}",
        "work 2N->4N",
        "work N->4N",
        "limits",
        "verdict",
    ]
    rows = []
    for r in results:
        two, four = r.ratios()
        rows.append(
            [
                r.label,
                *(f"{t * 1000:.0f} ms" for t in (r.fixed, *r.times)),
                f"{two:.1f}" if r.work(1) >= MIN_WORK else "-",
                f"{four:.1f}" if r.work(0) >= MIN_WORK else "-",
                f"{r.limit(2, 2 * r.size):.1f} / {r.limit(4):.1f}",
                r.verdict(),
            ]
        )
    table.print_table(head, rows, markdown)


if __name__ == "__main__":
    sys.exit(main())
