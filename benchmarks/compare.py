"""partyintl beside jq, sqlite3 on its SQLite export, and a plain orjson script, on big files.

Usage: python benchmarks/compare.py [--sizes 10000,100000,1000000] [--runs N] [--markdown]

For each size a file is generated (benchmarks/generate.py) and the same question is asked
of it, "the partners in Germany, as JSON", by:

- partyintl at first sight: a fresh cache folder for each run, so the file is parsed,
  validated in full and indexed (what the first question about a new file costs);
- partyintl later: the same question again, answered from the index and the answer
  records kept beside it (data/answers.py) by the question before;
- partyintl later, records rendered: the same, with the kept records removed before each
  run (what the first question about a country and type costs once the file is indexed);
- jq on the JSON file;
- an orjson script (read, parse, filter, write), the floor for a program that parses;
- sqlite3 on the file partyintl exports (`export --format sqlite`, timed too).

Each round runs every command once, one after the other (A B C D ...), so load on a busy
machine falls on all alike; the table gives each command's median over the rounds, its
ratio to jq's median, and the largest peak RSS (from wait4: the process, or the largest of
the helper processes it waited for, whichever is larger).
`python -c pass` runs in each round too, as the floor of starting a process.
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
from pathlib import Path

import table

HERE = Path(__file__).resolve().parent
PY = sys.executable
_SCRIPT = Path(PY).with_name("partyintl")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "partyintl"]
JQ_FILTER = '[.partners[] | select(.country_code == "DE")]'
ORJSON_SCRIPT = (
    "import sys, orjson; d = orjson.loads(open(sys.argv[1], 'rb').read()); "
    "sys.stdout.buffer.write(orjson.dumps("
    "[p for p in d['partners'] if p.get('country_code') == 'DE']))"
)
SQL = (
    "SELECT o.* FROM partners p JOIN organizations o ON o.id = p.organization_id "
    "WHERE o.country_code = 'DE' ORDER BY p.rowid"
)


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one process, output discarded; exit 1 if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{err}")
    if proc.stderr:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def measure_size(
    n: int, runs: int, tmp: Path, env: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Medians (s) and peak RSS (MiB) of every command at n partners."""
    data = tmp / f"p{n}.json"
    subprocess.run([PY, str(HERE / "generate.py"), str(n), str(data)], check=True)
    warm = tmp / f"cache-{n}"
    warm_env = {**env, "PARTYINTL_CACHE_DIR": str(warm)}
    question = [*CLI, "--data", str(data), "partners", "--country", "Germany", "--json"]
    db = tmp / f"p{n}.db"

    def export() -> list[str]:
        if db.exists():
            db.unlink()
        return [*CLI, "--data", str(data), "export", "--format", "sqlite", "--output", str(db)]

    run_once(question, warm_env)  # the index the later questions read
    run_once(question, warm_env)  # the answer records they write
    run_once(export(), warm_env)
    commands: dict[str, object] = {
        "python -c pass": [PY, "-c", "pass"],
        "partyintl, first sight": "first",
        "partyintl, later": question,
        "partyintl, later, records rendered": "render",
        "jq": ["jq", JQ_FILTER, str(data)] if shutil.which("jq") else None,
        "orjson script": [PY, "-c", ORJSON_SCRIPT, str(data)],
        "sqlite3 on the export": (
            ["sqlite3", "-json", str(db), SQL] if shutil.which("sqlite3") else None
        ),
        "partyintl export --format sqlite": "export",
    }
    times: dict[str, list[float]] = {k: [] for k, v in commands.items() if v is not None}
    peaks: dict[str, float] = dict.fromkeys(times, 0.0)
    for round_ in range(runs):
        for label, cmd in commands.items():
            if cmd is None:
                continue
            run_env = warm_env
            if cmd == "first":
                fresh = tmp / f"fresh-{n}-{round_}"
                run_env = {**env, "PARTYINTL_CACHE_DIR": str(fresh)}
                cmd = question
            elif cmd == "export":
                cmd = export()
            elif cmd == "render":
                for kept in warm.glob("answers-*"):
                    kept.unlink()
                cmd = question
            assert isinstance(cmd, list)
            t, rss = run_once(cmd, run_env)
            times[label].append(t)
            peaks[label] = max(peaks[label], rss)
    data.unlink()
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def main() -> None:
    """Measure every size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    dropped = ("PARTYINTL_DATA", "NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PARTYINTL_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    results = {}
    with tempfile.TemporaryDirectory(prefix="partyintl-compare-") as tmp:
        for n in sizes:
            results[n] = measure_size(n, args.runs, Path(tmp), env)
    labels = list(next(iter(results.values())))
    head = ["partners", *labels]
    rows = []
    for n, found in results.items():
        jq = found.get("jq", (0.0, 0.0))[0]
        cells = [f"{n:,}"]
        for label in labels:
            t, rss = found[label]
            ratio = f", {t / jq:.2f}x jq" if jq and label != "jq" else ""
            cells.append(f"{_seconds(t)}{ratio}, {rss:,.0f} MiB")
        rows.append(cells)
    if args.markdown:
        table.print_table(head, rows, markdown=True)
    else:
        for row in rows:
            print()
            for label, cell in zip(head, row, strict=True):
                print(f"  {label:34} {cell}")
    print(
        f"\nmedians of {args.runs} rounds; machine: {platform.machine()}, {os.cpu_count()} "
        f"cores, Python {platform.python_version()}, {platform.platform()}"
    )


def _seconds(t: float) -> str:
    return f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s"


if __name__ == "__main__":
    main()
