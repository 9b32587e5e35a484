"""Time partyintl as a user runs it, against `python -c pass` measured in the same run.

Usage: python benchmarks/run.py [--quick] [--runs N] [--markdown]

Each question is run as a whole command (a new process, as in a shell loop), once to warm
up and then --runs times, each run interleaved with the baseline so that load on a noisy
machine hits both alike. The table gives medians, the ratio to the baseline, the goal, and
peak memory (max RSS). Where jq is installed it answers the same question on the same file.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import table

HERE = Path(__file__).resolve().parent
PY = sys.executable
# The console script, as users run it (python -m adds runpy's import time).
_SCRIPT = Path(PY).with_name("partyintl")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "partyintl"]


@dataclass
class Result:
    """One question's timings."""

    label: str
    median: float
    baseline: float
    rss_mib: float
    goal: str

    @property
    def ratio(self) -> float:
        """Median over the baseline's median."""
        return self.median / self.baseline


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one process (or of the largest helper it waited
    for: wait4 gives the larger), output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(label: str, cmd: list[str], runs: int, goal: str, env: dict[str, str]) -> Result:
    """Median of `runs` timed runs after one warm-up, interleaved with the baseline."""
    base_cmd = [PY, "-c", "pass"]
    run_once(cmd, env)
    run_once(base_cmd, env)
    times, bases, peaks = [], [], []
    for _ in range(runs):
        t, rss = run_once(cmd, env)
        b, _ = run_once(base_cmd, env)
        times.append(t)
        bases.append(b)
        peaks.append(rss)
    return Result(label, statistics.median(times), statistics.median(bases), max(peaks), goal)


def main() -> None:
    """Run every question and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small N and few runs (for CI)")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    small_runs = args.runs or (3 if args.quick else 21)
    big_runs = args.runs or (2 if args.quick else 7)
    n_big = 20_000 if args.quick else 100_000
    n_mid = n_big // 10
    # Users' installs load modules from bytecode (pip compiles it at install time); a shell
    # with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run instead.
    dropped = ("PARTYINTL_DATA", "NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PARTYINTL_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    cache_dir = tempfile.mkdtemp(prefix="partyintl-bench-cache-")
    env["PARTYINTL_CACHE_DIR"] = cache_dir  # a fresh cache: the warm-up run fills it
    with tempfile.TemporaryDirectory() as tmp:
        big, mid = Path(tmp) / "big.json", Path(tmp) / "mid.json"
        # Generated in child processes: a child forked from a big parent would report the
        # parent's peak memory as its own.
        for n, path in ((n_big, big), (n_mid, mid)):
            subprocess.run([PY, str(HERE / "generate.py"), str(n), str(path)], check=True)
        long_mb = 3 if args.quick else 12
        long_name = Path(tmp) / "long-name.json"
        subprocess.run(
            [PY, str(HERE / "generate.py"), "54", str(long_name), "--long-name", str(long_mb)],
            check=True,
        )
        q = ["partners", "--country", "Germany"]
        results = [
            measure(
                "partners --country Germany --json", [*CLI, *q, "--json"], small_runs, "<= 5x", env
            ),
            measure(
                "partners --country Germany --format table",
                [*CLI, *q, "-f", "table"],
                small_runs,
                "<= 8x",
                env,
            ),
            measure("--help", [*CLI, "--help"], small_runs, "<= 6x", env),
            measure("--version", [*CLI, "--version"], small_runs, "<= 4x", env),
            measure(
                "completion: partners --country Ger<TAB> (bash)",
                CLI,
                small_runs,
                "",
                {
                    **env,
                    "_PARTYINTL_COMPLETE": "complete_bash",
                    "_PARTYINTL_LINE": "partyintl partners --country Ger",
                },
            ),
            measure(
                'completion: show "Party of Eu<TAB> (bash)',
                CLI,
                small_runs,
                "",
                {
                    **env,
                    "_PARTYINTL_COMPLETE": "complete_bash",
                    "_PARTYINTL_LINE": 'partyintl show "Party of Eu',
                },
            ),
            measure(
                "--show-completion bash", [*CLI, "--show-completion", "bash"], small_runs, "", env
            ),
            measure(
                f"{n_mid:,} partners: --data mid.json ... --json",
                [*CLI, "--data", str(mid), *q, "--json"],
                big_runs,
                "",
                env,
            ),
            measure(
                f"{n_big:,} partners: --data big.json ... --json (from the index)",
                [*CLI, "--data", str(big), *q, "--json"],
                big_runs,
                "<= 0.1x jq, <= 60 MiB",
                env,
            ),
            measure(
                f"{n_big:,} partners, first sight (validated in full)",
                [*CLI, "--data", str(big), *q, "--json"],
                big_runs,
                "<= 0.7x jq, <= 250 MiB",
                {**env, "PARTYINTL_NO_CACHE": "1"},
            ),
        ]
        out_dir = Path(tmp)
        results += [
            measure(
                "spectrum --json (bundled)", [*CLI, "spectrum", "--json"], small_runs, "<= 10x", env
            ),
            measure(
                "spectrum -f table (bundled)",
                [*CLI, "spectrum", "-f", "table"],
                small_runs,
                "<= 10x",
                env,
            ),
            measure(
                "export --format popolo (bundled)",
                [*CLI, "export", "-f", "popolo"],
                small_runs,
                "<= 10x",
                env,
            ),
            measure(
                "export --format sqlite (bundled)",
                [PY, "-c", _EXPORT_FRESH, "sqlite", str(out_dir / "b.db")],
                small_runs,
                "<= 10x",
                env,
            ),
            measure(
                "export --format datapackage (bundled)",
                [PY, "-c", _EXPORT_FRESH, "datapackage", str(out_dir / "pkg")],
                small_runs,
                "<= 10x",
                env,
            ),
            *(
                measure(
                    f"{cmd} --format svg (bundled)",
                    [*CLI, cmd, "-f", "svg"],
                    small_runs,
                    "<= 10x",
                    env,
                )
                for cmd in ("timeline", "countries", "spectrum", "map", "graph")
            ),
            measure(
                "map --format png (bundled), the same figure again",
                [*CLI, "map", "-f", "png"],
                small_runs,
                "<= 10x",
                env,
            ),
            measure(
                "map --format png (bundled), first drawn",
                [*CLI, "map", "-f", "png"],
                small_runs,
                "<= 10x",
                {**env, "PARTYINTL_NO_CACHE": "1"},
            ),
            *(
                measure(f"{' '.join(q)} (bundled)", [*CLI, *q], small_runs, "<= 3x", env)
                for q in (
                    ["partners"],
                    ["timeline", "-f", "table"],
                    ["contacts"],
                    ["people", "-f", "table"],
                    ["countries", "-f", "table"],
                    ["show", "spd"],
                )
            ),
            measure(
                "report -o report.html (bundled)",
                [*CLI, "report", "-o", str(out_dir / "report.html")],
                small_runs,
                "<= 1.0 s",
                env,
            ),
            measure(
                f"show -f table, a {long_mb} MB name",
                [*CLI, "--data", str(long_name), "show", "pes", "-f", "table"],
                big_runs,
                "<= 1.0 s",
                env,
            ),
            measure(
                f"partners -f table, a {long_mb} MB name",
                [*CLI, "--data", str(long_name), "partners", "-f", "table"],
                big_runs,
                "<= 1.0 s",
                env,
            ),
            measure(
                f"{n_big:,} partners: export --format popolo",
                [*CLI, "--data", str(big), "export", "-f", "popolo"],
                big_runs,
                "",
                env,
            ),
            measure(
                f"{n_big:,} partners: network --format gexf",
                [*CLI, "--data", str(big), "network", "-f", "gexf"],
                big_runs,
                "memory bounded",
                env,
            ),
        ]
        results.append(
            measure(
                f"{n_big:,} partners: export --format sqlite",
                [PY, "-c", _EXPORT_FRESH, "sqlite", str(out_dir / "big.db"), str(big)],
                big_runs,
                "<= 1.0 s",
                env,
            )
        )
        if shutil.which("jq"):
            results.append(
                measure(
                    f"jq, same question on the {n_big:,}-partner file",
                    ["jq", '[.partners[] | select(.country_code == "DE")]', str(big)],
                    big_runs,
                    "slower than partyintl",
                    env,
                )
            )
    print_table(results, args.markdown)
    mid_r = next(r for r in results if r.label.startswith(f"{n_mid:,} partners: --data"))
    big_r = next(r for r in results if r.label.startswith(f"{n_big:,} partners: --data"))
    growth = (big_r.median - big_r.baseline) / max(mid_r.median - mid_r.baseline, 1e-9)
    print(
        f"\ngrowth {n_mid:,} -> {n_big:,} partners (time above the baseline): x{growth:.1f} "
        f"for x10 the data (the smaller file read as JSON, the bigger from its index; "
        f"benchmarks/growth.py measures growth)"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )


# Each run exports to a path that does not exist yet (exports never replace a folder):
# the path is removed first, then the console script's main() runs, as a user's would.
_EXPORT_FRESH = (
    "import shutil, sys, os; fmt, out = sys.argv[1:3]; "
    "shutil.rmtree(out, ignore_errors=True) if os.path.isdir(out) else "
    "(os.path.exists(out) and os.remove(out)); "
    "sys.argv = ['partyintl', *(['--data', sys.argv[3]] if sys.argv[3:] else []), "
    "'export', '-f', fmt, '-o', out]; "
    "from partyintl.__main__ import main; main()"
)


def print_table(results: list[Result], markdown: bool) -> None:
    """The results as an aligned text table, or Markdown."""
    head = ["question", "median", "python -c pass", "ratio", "peak RSS", "goal"]
    rows = [
        [
            r.label,
            f"{r.median * 1000:.1f} ms",
            f"{r.baseline * 1000:.1f} ms",
            f"{r.ratio:.1f}x",
            f"{r.rss_mib:.0f} MiB",
            r.goal,
        ]
        for r in results
    ]
    table.print_table(head, rows, markdown)


if __name__ == "__main__":
    main()
