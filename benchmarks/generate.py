"""Generate a valid synthetic dataset of N partners (same schema as data/partners.json).

Usage: python benchmarks/generate.py N OUT.json [--seed S] [--long-name MB]
The bundled dataset's party, organisations, events, people and contacts are kept, and its
partners are followed by synthetic ones spread over real countries and the three types.
With --long-name, the first partner's name is made MB megabytes long (words and hyphens),
to measure what wrapping long text costs.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = [
    ("Germany", "DE", 8),
    ("France", "FR", 6),
    ("Italy", "IT", 5),
    ("Spain", "ES", 5),
    ("Poland", "PL", 4),
    ("Sweden", "SE", 3),
    ("Finland", "FI", 2),
    ("Greece", "GR", 3),
    ("Moldova", "MD", 2),
    ("Serbia", "RS", 2),
    ("China", "CN", 6),
    ("India", "IN", 6),
    ("Vietnam", "VN", 3),
    ("Brazil", "BR", 5),
    ("Mexico", "MX", 4),
    ("Cuba", "CU", 1),
    ("United States", "US", 6),
    ("South Africa", "ZA", 3),
    ("Japan", "JP", 4),
    ("Kyrgyzstan", "KG", 1),
    ("Armenia", "AM", 1),
    ("Iraq", "IQ", 1),
    ("Czechia", "CZ", 2),
]
REGIONS = ["European Union", "Asia", "Latin America and the Caribbean"]
WORDS = [
    "Social",
    "Democratic",
    "Labour",
    "Socialist",
    "Progressive",
    "Green",
    "Left",
    "Union",
    "Alliance",
    "Movement",
    "Front",
    "Workers",
    "National",
    "Popular",
    "Unity",
]


def generate(n: int, seed: int = 1) -> dict[str, Any]:
    """The bundled dataset with synthetic partners appended until it holds n partners."""
    rng = random.Random(seed)
    data: dict[str, Any] = json.loads((ROOT / "data" / "partners.json").read_text("utf-8"))
    partners = data["partners"][:n]
    weights = [w for _, _, w in COUNTRIES]
    counters = {"partners": 41, "npo": 12}
    for i in range(len(partners), n):
        kind = rng.choices(["party", "international", "npo"], [70, 8, 22])[0]
        lst = "npo" if kind == "npo" else "partners"
        counters[lst] += 1
        name = " ".join(rng.sample(WORDS, 3)) + f" {i}"
        record: dict[str, Any] = {
            "id": f"synthetic-{i}",
            "name": name,
            "type": kind,
            "country": None,
            "country_code": None,
            "region": None,
        }
        if kind == "international":
            record["region"] = rng.choice(REGIONS)
        else:
            country, code, _ = rng.choices(COUNTRIES, weights)[0]
            record["country"], record["country_code"] = country, code
        record["listing"] = {"list": lst, "position": counters[lst], "printed": name}
        if rng.random() < 0.3:
            record["other_names"] = [{"name": "".join(w[0] for w in name.split()[:3])}]
        partners.append(record)
    data["partners"] = partners
    return data


def main() -> None:
    """Write a synthetic dataset to a file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of partners")
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long-name", type=int, default=0, metavar="MB")
    args = parser.parse_args()
    data = generate(args.n, args.seed)
    if args.long_name:
        words = "Party-of word "
        data["partners"][0]["name"] = words * (args.long_name * 1024 * 1024 // len(words))
    args.out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
