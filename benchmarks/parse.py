"""Size of the bundled file, and how long a generated N-partner file takes to read.

Usage: python benchmarks/parse.py [N] [--runs R] [--root CHECKOUT]
Prints the bundled data/partners.json's size, the generated file's size (benchmarks/
generate.py), and the medians of: parsing it (json.loads, the cycle collector off as the
loader has it), loading it with full validation, loading it when its digest is known
valid, and the whole command `partners --country Germany --json` on it, first with
validation (PARTYINTL_NO_CACHE=1) and then from the cache. It measures the code and
data of the checkout it is in, or of --root (another version's files, e.g. from
`git archive`), with the same interpreter.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(action: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure")
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root / "src"))
    from partyintl.data import cache, load

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.json"
        subprocess.run(
            [sys.executable, str(root / "benchmarks" / "generate.py"), str(args.n), str(big)],
            check=True,
        )
        data = big.read_bytes()
        bundled = (root / "data" / "partners.json").stat().st_size
        print(f"bundled data/partners.json: {bundled:,} bytes")
        print(f"{args.n:,}-partner file: {len(data):,} bytes")
        gc.disable()
        print(f"json.loads: {median_ms(lambda: json.loads(data), args.runs):.0f} ms")
        gc.enable()
        os.environ["PARTYINTL_NO_CACHE"] = "1"
        full = median_ms(lambda: load.load_bytes(data, "big", full=True), args.runs)
        print(f"load, validated in full: {full:.0f} ms")
        del os.environ["PARTYINTL_NO_CACHE"]
        cache.is_known_valid = lambda key: True  # type: ignore[assignment]
        known = median_ms(lambda: load.load_bytes(data, "big"), args.runs)
        print(f"load, known valid: {known:.0f} ms")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYINTL_")}
        env["PARTYINTL_CACHE_DIR"] = str(Path(tmp) / "cache")
        env["PYTHONPATH"] = str(root / "src")
        command = [sys.executable, "-m", "partyintl", "--data", str(big)]
        command += ["partners", "--country", "Germany", "--json"]

        def cli(extra: dict[str, str]) -> None:
            subprocess.run(command, env={**env, **extra}, check=True, stdout=subprocess.DEVNULL)

        first = median_ms(lambda: cli({"PARTYINTL_NO_CACHE": "1"}), args.runs)
        print(f"command, first sight (validated in full): {first:.0f} ms")
        cli({})
        print(f"command, known valid: {median_ms(lambda: cli({}), args.runs):.0f} ms")


if __name__ == "__main__":
    main()
