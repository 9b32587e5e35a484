"""What each part of a big file's first sight on two cores gives, switched off in turn.

Usage: python benchmarks/helpers.py [--partners N] [--runs K] [--markdown]

A file of N partners (default 100,000) is generated (benchmarks/generate.py), and the
question "the partners in Germany, as JSON" is asked at first sight (a fresh cache folder
each run) in K rounds (default 7), each round running every variant once, then jq:

- without the set-aside and without helpers (a first sight as it was before them);
- with the parsed file set aside from the cycle collector (lifecycle.set_aside);
- with that and both helpers: the graph rules (load.HELPER_PARTNERS) and the index
  (lifecycle.after_answer).

A variant is partyintl's own console entry run by `python -c`, with the parts it leaves
out replaced by what does nothing (the set-aside), by a size no file reaches (the rules'
helper) and by "no helper" (the index's). The table gives each variant's median and least
wall time and the largest peak RSS (wait4: the process or a helper it waited for).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

import table
from compare import JQ_FILTER, PY, run_once

HERE = Path(__file__).resolve().parent

#: Each variant's label and what its launcher switches off before answering.
VARIANTS = {
    "no set-aside, no helpers": (
        "lifecycle.set_aside = lambda: None; load.HELPER_PARTNERS = 1 << 60; "
        "lifecycle.after_answer = lambda work, spare=0: False"
    ),
    "set-aside, no helpers": (
        "load.HELPER_PARTNERS = 1 << 60; lifecycle.after_answer = lambda work, spare=0: False"
    ),
    "set-aside and helpers": "",
}
#: What the variants replace (a name that no longer exists would be set in vain).
SWITCHED = (("lifecycle", "set_aside"), ("load", "HELPER_PARTNERS"), ("lifecycle", "after_answer"))
LAUNCHER = (
    "import sys; from partyintl import lifecycle; from partyintl.data import load; "
    f"assert all(hasattr(globals()[m], n) for m, n in {SWITCHED!r}); "
    "{off}; from partyintl.__main__ import main; sys.argv[0] = 'partyintl'; main()"
)


def main() -> None:
    """Measure and print the table (Markdown with --markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="partyintl-helpers-") as folder:
        tmp = Path(folder)
        data = tmp / "big.json"
        subprocess.run([PY, str(HERE / "generate.py"), str(args.partners), str(data)], check=True)
        question = ["--data", str(data), "partners", "--country", "Germany", "--json"]
        times: dict[str, list[float]] = {name: [] for name in [*VARIANTS, "jq"]}
        peaks: dict[str, float] = dict.fromkeys(times, 0.0)
        for round_ in range(args.runs):
            for name, off in VARIANTS.items():
                cache = tmp / f"cache-{round_}-{len(times[name])}-{name.replace(' ', '')}"
                code = LAUNCHER.format(off=off or "pass")
                run_env = {**env, "PARTYINTL_CACHE_DIR": str(cache)}
                elapsed, peak = run_once([PY, "-c", code, *question], run_env)
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
            elapsed, peak = run_once(["jq", JQ_FILTER, str(data)], env)
            times["jq"].append(elapsed)
            peaks["jq"] = max(peaks["jq"], peak)
    head = ["first sight", "median", "least", "peak RSS"]
    rows = [
        [
            name,
            f"{statistics.median(spent):.2f} s",
            f"{min(spent):.2f} s",
            f"{peaks[name]:,.0f} MiB",
        ]
        for name, spent in times.items()
    ]
    table.print_table(head, rows, args.markdown)
    print(f"\n{args.partners:,} partners, medians of {args.runs} rounds")


if __name__ == "__main__":
    main()
