"""Generate a valid synthetic dataset of N partners (same schema as data/partners.json).

Usage: python benchmarks/generate.py N OUT.json [--seed S] [--long-name MB] [--all]
The bundled dataset's party, organisations, events, people and contacts are kept, and its
partners are followed by synthetic ones spread over real countries and the three types.
With --long-name, the first partner's name is made MB megabytes long (words and hyphens),
to measure what wrapping long text costs. With --all, every kind of record grows with N:
two partners in five get a left-right score, and N/10 dated events (a tenth of them
spans), N/50 undated ones and N/50 people with a post each are added, so that the
spectrum, the timeline and the people grow too.
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


EVENT_TYPES = ["congress", "council_meeting", "conference", "forum", "working_group"]


def grow_all(data: dict[str, Any], n: int, seed: int = 1) -> dict[str, Any]:
    """Scores, events and people in proportion to n partners (see --all)."""
    rng = random.Random(seed + 1)
    scored = next(p for p in data["partners"] if p.get("positions_source"))
    for p in data["partners"]:
        if p["id"].startswith("synthetic-") and rng.random() < 0.4:
            p["left_right"] = round(rng.uniform(-2.5, 2.5), 2)
            p["positions_source"] = scored["positions_source"]
    party = data["party"]["id"]
    cite = {"source": data["sources"][0]["id"], "at": "paragraph 1"}
    for i in range(n // 10 + n // 50):
        dated = i < n // 10
        year = rng.randint(1990, 2020)
        event: dict[str, Any] = {
            "id": f"synthetic-event-{i}",
            "name": " ".join(rng.sample(WORDS, 2)) + f" meeting {i}",
            "type": rng.choice(EVENT_TYPES),
            "date": f"{year}-{rng.randint(1, 12):02d}" if dated else None,
            "participants": [{"id": party, "role": "participant"}],
            "description": "A synthetic event for benchmarks.",
            "sources": [cite],
        }
        if dated and rng.random() < 0.1:
            event["end_date"] = str(min(year + rng.randint(1, 5), 2021))  # before as_of
        data["events"].append(event)
    for i in range(n // 50):
        data["people"].append(
            {
                "id": f"synthetic-person-{i}",
                "name": f"Person {i}",
                "family_name": f"Person {i}",
                "posts": [
                    {
                        "role": "Member of the international department",
                        "organization_id": party,
                        "start_date": f"{rng.randint(2000, 2020)}",
                        "sources": [cite],
                    }
                ],
            }
        )
    return data


def main() -> None:
    """Write a synthetic dataset to a file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of partners")
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long-name", type=int, default=0, metavar="MB")
    parser.add_argument("--all", action="store_true", help="grow every kind of record")
    args = parser.parse_args()
    data = generate(args.n, args.seed)
    if args.all:
        grow_all(data, args.n, args.seed)
    if args.long_name:
        words = "Party-of word "
        long = words * (args.long_name * 1024 * 1024 // len(words))
        data["partners"][0]["name"] = long.strip()  # a name has no spaces at its ends
    args.out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
