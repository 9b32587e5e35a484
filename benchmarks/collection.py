"""Scale of a collection: many parties' files, one party's ties from an indexed store.

    uv run python benchmarks/collection.py                  # 10,000 parties, 1,000,000 ties
    uv run python benchmarks/collection.py --parties 1000 --ties 100000

1. Generates PARTIES data files (schema version 2, validated as any file is), each a party
   listing TIES / PARTIES partners among the others by their Party Facts ids (so that
   records of one party in different files are one organisation, and some ties are
   reciprocal), with Wikidata ids on the parties.
2. Builds the collection store with the tool itself, in a child process:
   `partyintl --data DIR network --format sqlite -o store.db` (streaming: one file at a
   time), and reports its wall time and peak memory (max RSS).
3. Answers one party's ties from the store: `partyintl --data store.db ties partyfacts:N`
   in a child process (wall time, peak memory), and the same look-up through the library
   (`store_ties`), timed over many parties: the median and the slowest, in milliseconds.

Nothing is written outside a temporary folder (removed at the end unless --keep).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def party_file(index: int, parties: int, per_party: int, rng: random.Random) -> dict[str, object]:
    """One party's file: its record and its partners, by Party Facts id."""
    others = rng.sample(range(parties - 1), per_party)
    partners = []
    for position, other in enumerate(others, 1):
        target = other if other < index else other + 1  # never itself
        partners.append(
            {
                "id": f"p{target}",
                "name": f"Party {target}",
                "type": "party",
                "listing": {"list": "partners", "position": position, "printed": f"Party {target}"},
                "identifiers": [
                    {
                        "scheme": "partyfacts",
                        "identifier": str(target + 1),
                        "source": "pf",
                        "at": "core",
                    }
                ],
            }
        )
    return {
        "schema_version": 2,
        "as_of": "2024",
        "sources": [
            {
                "id": "page",
                "title": f"Partners of Party {index}",
                "publisher": f"Party {index}",
                "language": "en",
                "as_of": "2024",
                "lists": [{"id": "partners"}],
            },
            {
                "id": "pf",
                "title": "Party Facts",
                "publisher": "Party Facts",
                "language": "en",
                "as_of": "2024",
                "parts": [{"id": "core", "path": "core.csv"}, {"id": "wikidata", "path": "w.csv"}],
            },
        ],
        "party": {
            "id": f"p{index}",
            "name": f"Party {index}",
            "type": "party",
            "sources": [{"source": "page", "at": "title"}],
            "identifiers": [
                {
                    "scheme": "partyfacts",
                    "identifier": str(index + 1),
                    "source": "pf",
                    "at": "core",
                },
                {
                    "scheme": "wikidata",
                    "identifier": f"Q{index + 1}",
                    "source": "pf",
                    "at": "wikidata",
                },
            ],
        },
        "partners": partners,
    }


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """A child partyintl: (wall seconds, its peak RSS in MiB, stdout)."""
    code = (
        "import resource, sys; from partyintl.__main__ import answer\n"
        "rc = answer(sys.argv[1:])\n"
        "sys.stderr.write(f'maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
        "sys.exit(rc)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, env=env, text=True, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"partyintl {' '.join(args)} failed:\n{done.stderr}")
    rss = next(
        int(line.split("=")[1]) for line in done.stderr.splitlines() if line.startswith("maxrss=")
    )
    return wall, rss // 1024, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parties", type=int, default=10_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    per_party = options.ties // options.parties
    rng = random.Random(20)
    work = Path(tempfile.mkdtemp(prefix="partyintl-collection-"))
    folder = work / "parties"
    folder.mkdir()
    env = dict(os.environ, PARTYINTL_NO_CACHE="1")
    env.pop("PARTYINTL_DATA", None)
    try:
        start = time.perf_counter()
        for index in range(options.parties):
            data = party_file(index, options.parties, per_party, rng)
            (folder / f"party-{index:06}.json").write_text(json.dumps(data), encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(
            f"generated {options.parties:,} files, {per_party * options.parties:,} ties "
            f"({size / 2**20:.0f} MiB) in {time.perf_counter() - start:.1f} s"
        )
        store = work / "store.db"
        wall, rss, _ = run(
            ["--data", str(folder), "network", "--format", "sqlite", "-o", str(store)], env
        )
        print(
            f"store built (partyintl --data DIR network --format sqlite -o store.db): "
            f"{wall:.1f} s, peak memory {rss} MiB, {store.stat().st_size / 2**20:.0f} MiB on disk"
        )
        who = f"partyfacts:{rng.randrange(options.parties) + 1}"
        wall, rss, out = run(["--data", str(store), "ties", who, "--format", "csv"], env)
        rows = len(out.splitlines()) - 1
        print(
            f"one party's ties (partyintl --data store.db ties {who} --format csv): {rows} rows "
            f"in {wall * 1000:.0f} ms wall (start-up included), peak memory {rss} MiB"
        )
        from partyintl.collection.store import store_ties

        times = []
        for _ in range(options.lookups):
            key = f"partyfacts:{rng.randrange(options.parties) + 1}"
            start = time.perf_counter()
            found = store_ties(str(store), key)
            times.append((time.perf_counter() - start) * 1000)
            assert found, key
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"store_ties over {options.lookups} parties: median {statistics.median(times):.1f} ms, "
            f"slowest {max(times):.1f} ms (each about {2 * per_party} ties with reciprocity); "
            f"this process's peak memory {peak // 1024} MiB"
        )
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
