"""Evaluate `partyintl draft` and `partyintl link` on the bundled dataset's own page.

Usage: uv run python benchmarks/link.py [--runs N] [--markdown]

Drafts the page the bundled dataset was built from (tests/fixtures/seed-page.txt), links
the draft against the Party Facts snapshot in the package, and compares the candidates
with the hand-made links of data/partyfacts-links.csv (its accepted rows for the listed
partners: 37), matching draft records to the bundled ones by list, position and name:

- top-1 and top-3: how many hand links are the first candidate, or among the first three;
- wrong machine-accepts: links `--accept-unique` (default threshold) would make that are
  not the hand link, or where the hand decision is none-in-Party-Facts;
- the time to link every record of the draft (the 54 bodies of the 53 list items, and the
  party), in-process: cold (loading the snapshot and indexing its names) and warm (the
  candidates alone), the median of --runs runs.

The goals (issue 19): >= 35 of 37 first, 37 of 37 in the top three, no wrong accept,
under a second to link the names.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "tests" / "fixtures" / "seed-page.txt"
BUNDLED = ROOT / "data" / "partners.json"
DECISIONS = ROOT / "data" / "partyfacts-links.csv"


@dataclass
class Figures:
    """What the evaluation measured."""

    gold: int
    top1: int
    top3: int
    accepted: int
    wrong_accepts: int
    misses: list[str]
    cold: float
    warm: float
    cold_cpu: float
    warm_cpu: float
    names: int

    def lines(self) -> list[str]:
        """The figures in words."""
        return [
            f"hand links of listed partners: {self.gold}",
            f"top-1: {self.top1}/{self.gold} (goal >= 35)",
            f"top-3: {self.top3}/{self.gold} (goal {self.gold})",
            f"machine-accepted (--accept-unique): {self.accepted}, wrong: "
            f"{self.wrong_accepts} (goal 0)",
            f"time to link {self.names} names: {self.cold * 1000:.0f} ms cold (snapshot "
            f"loaded and indexed), {self.warm * 1000:.0f} ms warm (goal < 1 s); CPU time "
            f"{self.cold_cpu * 1000:.0f} ms and {self.warm_cpu * 1000:.0f} ms",
            *(f"miss: {m}" for m in self.misses),
        ]


def _draft_dataset() -> Any:
    from partyintl.data.load import load_bytes
    from partyintl.draft.run import draft_file

    _, body, _ = draft_file(
        str(PAGE), url=None, retrieved=None, published=None, language="en", party=None
    )
    return load_bytes(body, "draft", None)


def _gold(draft: Any) -> tuple[dict[str, str], dict[str, str | None]]:
    """Draft record id -> bundled record id (the party to the party; a listed body to the
    bundled one with the same name at the same place of the same list, lists counted in
    order), and bundled record id -> its hand decision (a Party Facts id, or None for
    none-in-Party-Facts)."""
    import json

    from partyintl.link.decisions import Verdict, read_decisions

    def places(records: list[dict[str, Any]]) -> dict[tuple[int, int, str], str]:
        lists: dict[str, int] = {}
        found = {}
        for record in records:
            listing = record["listing"]
            number = lists.setdefault(listing["list"], len(lists))
            found[(number, listing["position"], record["name"])] = record["id"]
        return found

    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    theirs = places(bundled["partners"])
    mapping = {draft.raw["party"]["id"]: bundled["party"]["id"]}
    for key, ident in places(draft.raw["partners"]).items():
        if key in theirs:
            mapping[ident] = theirs[key]
    decisions = read_decisions(DECISIONS.read_text(encoding="utf-8"), str(DECISIONS))
    gold: dict[str, str | None] = {}
    for d in decisions:
        if d.verdict is Verdict.ACCEPT:
            gold[d.record] = d.candidate
        elif d.verdict is Verdict.NONE:
            gold[d.record] = None
    return mapping, gold


def evaluate(runs: int = 3) -> Figures:
    """Draft, link and compare (see the module's docstring)."""
    from partyintl.link import DEFAULT_THRESHOLD, match, snapshot
    from partyintl.link.decisions import Verdict
    from partyintl.link.run import _years, link_records, plan_decisions

    draft = _draft_dataset()
    mapping, gold = _gold(draft)
    raw = draft.raw  # type: ignore[attr-defined]
    first, last = _years(draft)
    everyone = [raw["party"], *raw["partners"]]
    queries = [
        match.Query(
            r["id"],
            (r["name"], *(o["name"] for o in r.get("other_names", ()))),
            r.get("country_code"),
            first,
            last,
        )
        for r in everyone
    ]
    colds, warms, cold_cpus, warm_cpus = [], [], [], []
    for _ in range(runs):
        snapshot._bundled.cache_clear()
        match._INDEXES.clear()
        start, cpu = time.perf_counter(), time.process_time()
        snap = snapshot.load_snapshot()
        for q in queries:
            match.candidates(q, snap)
        colds.append(time.perf_counter() - start)
        cold_cpus.append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        for q in queries:
            match.candidates(q, snap)
        warms.append(time.perf_counter() - start)
        warm_cpus.append(time.process_time() - cpu)
    snap = snapshot.load_snapshot()
    linked = link_records(draft, snap)
    top1 = top3 = 0
    misses = []
    party = mapping[raw["party"]["id"]]
    listed = set(mapping.values()) - {party}  # the bundled partners the draft has
    partner_gold = {b: pf for b, pf in gold.items() if b in listed}
    for item in linked:
        bundled_id = mapping.get(item.record)
        if bundled_id is None or bundled_id not in partner_gold:
            continue
        want = partner_gold[bundled_id]
        if want is None:
            continue
        ids = [c.party.id for c in item.candidates]
        top1 += ids[:1] == [want]
        top3 += want in ids[:3]
        if ids[:1] != [want]:
            misses.append(f"{bundled_id}: hand {want}, candidates {ids[:3]}")
    rows = plan_decisions(linked, [], True, DEFAULT_THRESHOLD, today="2000-01-01")
    accepted = [r for r in rows if r.verdict is Verdict.ACCEPT]
    wrong = 0
    for row in accepted:
        bundled_id = mapping.get(row.record)
        if bundled_id is None or gold.get(bundled_id, "?") != row.candidate:
            wrong += 1
    return Figures(
        gold=sum(1 for pf in partner_gold.values() if pf is not None),
        top1=top1,
        top3=top3,
        accepted=len(accepted),
        wrong_accepts=wrong,
        misses=misses,
        cold=statistics.median(colds),
        warm=statistics.median(warms),
        cold_cpu=statistics.median(cold_cpus),
        warm_cpu=statistics.median(warm_cpus),
        names=len(queries),
    )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    figures = evaluate(args.runs)
    prefix = "- " if args.markdown else ""
    for line in figures.lines():
        print(prefix + line)
    ok = (
        figures.top1 >= 35
        and figures.top3 == figures.gold
        and figures.wrong_accepts == 0
        and figures.warm < 1
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
