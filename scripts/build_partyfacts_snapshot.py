"""Build the Party Facts snapshot that ships inside the package.

Usage: uv run python scripts/build_partyfacts_snapshot.py PARTYFACTS_DIR [--subset OUT]

Reads a checkout (or a copy) of hdigital/partyfactsdata as `partyintl link --partyfacts`
does (partyintl.link.snapshot.read_checkout) and writes
src/partyintl/link/partyfacts_snapshot.json.gz: the core parties (technical rows left
out) with their names, country and years, their Wikidata items, labels and native names,
their Manifesto, V-Party and ParlGov ids and their Wikipedia tags, with the commit read,
its date, the licence (MIT) and the citation Party Facts asks for; and Party Facts' licence
beside it (PARTYFACTS-LICENSE.md), as MIT asks. The output is the same
bytes for the same input (no time stamp in the gzip header), so rebuilding changes nothing.

`--subset OUT` writes instead a small checkout-shaped copy (the same CSV columns) holding
only the parties of the countries the bundled dataset's links name: the tests read it as
a `--partyfacts` folder.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
import sys
from pathlib import Path

from partyintl.link.snapshot import SNAPSHOT_FILE, TABLES, read_checkout, to_json

ROOT = Path(__file__).resolve().parents[1]


def write_snapshot(base: Path) -> None:
    """The package's snapshot from a checkout."""
    snapshot = read_checkout(str(base))
    text = json.dumps(to_json(snapshot), ensure_ascii=False, separators=(",", ":"))
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    Path(SNAPSHOT_FILE).write_bytes(data)
    # MIT asks for the copyright notice with every copy of a substantial portion.
    shutil.copyfile(base / "LICENSE.md", Path(SNAPSHOT_FILE).with_name("PARTYFACTS-LICENSE.md"))
    print(
        f"{len(snapshot.parties)} parties at {snapshot.commit} ({snapshot.date}): "
        f"{SNAPSHOT_FILE} ({len(data)} bytes)",
        file=sys.stderr,
    )


def write_subset(base: Path, out: Path, countries: set[str]) -> None:
    """A checkout-shaped copy with only these countries' parties (alpha-3)."""
    with open(base / TABLES["core"], encoding="utf-8", newline="") as handle:
        core = list(csv.DictReader(handle))
    keep = {row["partyfacts_id"] for row in core if row["country"] in countries}
    for path in TABLES.values():
        with open(base / path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [row for row in reader if row["partyfacts_id"] in keep]
            fields = reader.fieldnames or []
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    for name in ("LICENSE.md", "CITATION.cff"):
        if (base / name).exists():
            shutil.copyfile(base / name, out / name)
    from partyintl.link.snapshot import commit_of

    commit, date = commit_of(str(base))
    (out / "README.md").write_text(
        "# Party Facts: a subset for partyintl's tests\n\n"
        f"The parties of {', '.join(sorted(countries))} from hdigital/partyfactsdata, commit\n"
        f"`{commit}` ({date}), in the repository's own layout and columns, made by\n"
        "`scripts/build_partyfacts_snapshot.py --subset`. MIT licence (LICENSE.md); cite as\n"
        "CITATION.cff asks: Döring, H. and Regel, S. (2019), Party Politics 25(2).\n",
        encoding="utf-8",
    )
    print(f"{len(keep)} parties of {len(countries)} countries: {out}", file=sys.stderr)


def main() -> None:
    """Build the snapshot, or a subset for the tests."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("partyfacts", type=Path, help="a Party Facts checkout (or copy)")
    parser.add_argument("--subset", type=Path, help="write a small checkout-shaped copy here")
    parser.add_argument(
        "--countries", default="", help="with --subset: alpha-3 codes, comma-separated"
    )
    args = parser.parse_args()
    if args.subset is not None:
        write_subset(args.partyfacts, args.subset, set(filter(None, args.countries.split(","))))
    else:
        write_snapshot(args.partyfacts)


if __name__ == "__main__":
    main()
