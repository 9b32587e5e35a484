"""Regenerate the dataset's links to Party Facts from a Party Facts checkout.

Usage: uv run python scripts/link_partyfacts.py PARTYFACTS_DIR [--commit SHA]

Reads the reviewed mapping `data/partyfacts-links.csv` (record id, Party Facts id and the
hand-checked evidence that they are the same party; a strict CSV: a row with more or fewer
cells than the header stops the script) and rewrites it in canonical CSV (quotes doubled,
never backslash-escaped). Every record of every type (the party, partners, other bodies)
is compared with Party Facts' names in its country (the European Union's bodies with
Party Facts' `EUN` rows; a record without a country with every row): a name match that
is neither linked nor listed in `data/partyfacts-nonlinks.csv` (reviewed non-matches,
each with its reason) stops the script. Then, for each linked record of
`data/partners.json`, it writes from Party Facts' own tables:
- the source `partyfacts` in `sources`: the snapshot read (its commit and date) and the
  tables used, declared once (partyintl.data.partyfacts says what it is);
- `identifiers`: partyfacts (with the evidence), wikidata, manifesto, vparty, parlgov, each
  citing the source and its table;
- `other_names` from outside the page: the usual English name (Wikidata's label), the
  short name and the name in the party's own language, each citing its table, with usage;
- `left_right`, `ideology` and `positions_source` from the Wikipedia-tag table, with the
  tags cleaned (see clean_tags; the table's note in the source says how).
Everything it wrote before is replaced, so running it twice changes nothing. The commit and
its date are read from the checkout's .git, or from the copy's README, unless given.

`--names-fixture PATH` also writes the Party Facts names of the dataset's countries (and
the EU's) to PATH, the fixture with which tests/test_joined.py repeats the name check
without a Party Facts checkout.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from partyintl.data.partyfacts import SOURCE_ID, TABLES, source_record

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "partners.json"
LINKS = ROOT / "data" / "partyfacts-links.csv"
NONLINKS = ROOT / "data" / "partyfacts-nonlinks.csv"
LINK_HEADER = ("record_id", "partyfacts_id", "evidence")
NONLINK_HEADER = ("record_id", "partyfacts_id", "reason")
#: Party Facts' code for bodies of the European Union (its parliament's groups).
EU_COUNTRY = "EUN"
#: Position tags of the Wikipedia classification, from far left to far right.
POSITIONS = (
    "far-left",
    "left-wing",
    "centre-left",
    "centre",
    "centre-right",
    "right-wing",
    "far-right",
    "big tent",
    "syncretic",
)
#: Scraped text that is no tag: publishers and notes of the infobox's references.
NOISE = re.compile(
    r"press|publish|media|routledge|springer|university|journal|books?$|not found|radio|"
    r"crisis group|sharpe|reuters|times$|news",
    re.IGNORECASE,
)
TAG_CLEANING = (
    "Tags from Wikipedia infoboxes as Party Facts' wptags table gives them: only the tags "
    "the table's own classification used are kept (bracketed ones, which it did not use, "
    "are dropped, as are publisher and reference names scraped with them); position tags "
    "come first."
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form, to compare names."""
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold().strip()


def read(base: Path, key: str) -> list[dict[str, str]]:
    """One Party Facts table as rows."""
    with open(base / TABLES[key], encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def commit_of(base: Path) -> tuple[str, str | None]:
    """The commit of the checkout and its date: from git, or from the README of a plain
    copy ("commit `SHA` (YYYY-MM-DD)")."""
    try:
        done = subprocess.run(
            ["git", "-C", str(base), "log", "-1", "--format=%H %cs"],
            capture_output=True,
            text=True,
        )
    except OSError:
        done = None
    if done is not None and done.returncode == 0 and done.stdout.strip():
        commit, _, date = done.stdout.strip().partition(" ")
        return commit, date or None
    readme = (base / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"commit\s+`?([0-9a-f]{40})`?(?:\s+\(([0-9]{4}-[0-9]{2}-[0-9]{2})\))?", readme
    )
    if found is None:
        raise SystemExit(f"{base}: no git checkout and no commit in README.md; use --commit")
    return found.group(1), found.group(2)


def clean_tags(raw: str) -> list[str]:
    """Position tags then ideology tags, without bracketed and scraped noise."""
    positions: list[str] = []
    ideology: list[str] = []
    for line in raw.splitlines():
        head, _, rest = line.partition(":")
        if head.strip() not in ("tags position", "tags ideology"):
            continue
        for tag in (t.strip() for t in rest.split("//")):
            if not tag or tag.startswith("[") or NOISE.search(tag):
                continue
            (positions if tag in POSITIONS else ideology).append(tag)
    positions.sort(key=POSITIONS.index)
    return list(dict.fromkeys(positions + ideology))


def read_reviewed(path: Path, header: tuple[str, ...]) -> list[dict[str, str]]:
    """A reviewed CSV file as rows; SystemExit naming the line of a row a CSV reader would
    split or shorten (a quote escaped as \\" instead of ""), or of a wrong header."""
    hint = 'a quote inside a quoted cell is written "" (doubled), not \\"'
    rows: list[list[str]] = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            rows.extend(reader)
        except csv.Error as error:
            raise SystemExit(f"{path.name}: line {reader.line_num}: {error}: {hint}") from None
    if not rows or tuple(rows[0]) != header:
        raise SystemExit(f"{path.name}: line 1 must be the header {','.join(header)}")
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SystemExit(
                f"{path.name}: line {number} has {len(row)} cells, not {len(header)}: {hint}"
            )
        out.append(dict(zip(header, row, strict=True)))
    return out


def write_reviewed(path: Path, header: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Rewrite a reviewed CSV file in canonical form (RFC 4180 quoting, LF line ends)."""
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row[k] for k in header] for row in rows)
    if path.read_text(encoding="utf-8") != buf.getvalue():
        tmp = path.with_suffix(".csv.tmp")
        tmp.write_text(buf.getvalue(), encoding="utf-8")
        tmp.replace(path)


def party_names(core: list[dict[str, str]], wikidata: list[dict[str, str]]) -> dict[str, Any]:
    """Party Facts id -> its country code and every name it has (core table and Wikidata)."""
    out: dict[str, Any] = {}
    for row in core:
        names = [row["name"], row["name_english"], row["name_short"]]
        # name_other: "Russian: Справедливая Россия, СР; ..." (a language, then names)
        names += [part.rpartition(":")[2] for part in row["name_other"].split(";")]
        entry = out.setdefault(row["partyfacts_id"], {"country": row["country"], "names": []})
        entry["names"] += names
    for row in wikidata:
        entry = out.setdefault(row["partyfacts_id"], {"country": row["country"], "names": []})
        entry["names"] += [row["name"], row["name_short"], row["name_native"]]
    for entry in out.values():
        entry["names"] = sorted({n.strip() for n in entry["names"] if n.strip()})
    return out


def record_country(record: dict[str, Any]) -> str | None:
    """The Party Facts country code of a record: ISO alpha-3, EUN for the EU's bodies."""
    code = record.get("country_code")
    if code:
        import pycountry

        found = pycountry.countries.get(alpha_2=code)
        return str(found.alpha_3) if found is not None else None
    return EU_COUNTRY if record.get("region") == "European Union" else None


def name_matches(data: dict[str, Any], names: dict[str, Any]) -> dict[str, set[str]]:
    """Record id -> the Party Facts ids that have one of its names, in its country.

    Every record type is compared: the party, partners and other bodies. A record without
    a country (and not the EU's) is compared with every row given.
    """
    by_name: dict[tuple[str, str], set[str]] = {}
    for pf, entry in names.items():
        for name in entry["names"]:
            by_name.setdefault((entry["country"], fold(name)), set()).add(pf)
    found: dict[str, set[str]] = {}
    for record in [data["party"], *data["partners"], *data.get("organizations", [])]:
        country = record_country(record)
        own = {fold(record["name"]), *(fold(o["name"]) for o in record.get("other_names", []))}
        for (where, name), ids in by_name.items():
            if name in own and (country is None or where == country):
                found.setdefault(record["id"], set()).update(ids)
    return found


def unreviewed(
    matches: dict[str, set[str]], links: list[dict[str, str]], nonlinks: list[dict[str, str]]
) -> list[str]:
    """Name matches neither linked nor reviewed as different, as 'record_id partyfacts_id'."""
    seen = {(r["record_id"], r["partyfacts_id"]) for r in [*links, *nonlinks]}
    return sorted(
        f"{record} {pf}"
        for record, ids in matches.items()
        for pf in ids
        if (record, pf) not in seen
    )


def write_names_fixture(path: Path, data: dict[str, Any], names: dict[str, Any]) -> None:
    """The names of Party Facts' parties in the dataset's countries and the EU, as CSV."""
    records = [data["party"], *data["partners"], *data.get("organizations", [])]
    countries = {record_country(r) for r in records} | {EU_COUNTRY}
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("country", "partyfacts_id", "names"))
        for pf, entry in sorted(names.items(), key=lambda kv: int(kv[0])):
            if entry["country"] in countries:
                writer.writerow((entry["country"], pf, " | ".join(entry["names"])))


def build(base: Path) -> dict[str, dict[str, Any]]:
    """For each linked record: the values to write."""
    core = {r["partyfacts_id"]: r for r in read(base, "core")}
    by_pf: dict[str, dict[str, list[dict[str, str]]]] = {}
    for key in ("wikidata", "manifesto", "vparty", "parlgov", "wptags"):
        for row in read(base, key):
            by_pf.setdefault(row["partyfacts_id"], {}).setdefault(key, []).append(row)
    links = read_reviewed(LINKS, LINK_HEADER)
    out: dict[str, dict[str, Any]] = {}
    for link in links:
        pf = link["partyfacts_id"]
        if pf not in core:
            raise SystemExit(f"{LINKS.name}: Party Facts id {pf} is not in the core table")
        rows = by_pf.get(pf, {})

        def ident(scheme: str, value: str, key: str, evidence: str | None = None) -> dict[str, str]:
            found = {"scheme": scheme, "identifier": value, "source": SOURCE_ID, "at": key}
            return {**found, "evidence": evidence} if evidence else found

        identifiers = [ident("partyfacts", pf, "core", link["evidence"])]
        identifiers += [
            ident("wikidata", r["wikidata_id"], "wikidata") for r in rows.get("wikidata", [])
        ]
        identifiers += [
            ident("manifesto", r["dataset_party_id"], "manifesto")
            for r in rows.get("manifesto", [])
        ]
        identifiers += [ident("vparty", r["party_id"], "vparty") for r in rows.get("vparty", [])]
        identifiers += [
            ident("parlgov", r["parlgov_id"], "parlgov") for r in rows.get("parlgov", [])
        ]
        record = core[pf]
        wiki = rows.get("wikidata", [{}])[0]
        names = [
            (wiki["name"], "usual", "wikidata", "the Wikidata label")
            if wiki.get("name")
            else (record["name_english"], "usual", "core", None),
            (record["name_short"], "short", "core", None),
            (wiki["name_native"], "own", "wikidata", None)
            if wiki.get("name_native")
            else (record["name"], "own", "core", None),
        ]
        entry: dict[str, Any] = {"identifiers": identifiers, "names": names}
        tags = rows.get("wptags", [])
        if tags and tags[0]["left_right"]:
            entry["left_right"] = float(tags[0]["left_right"])
            entry["ideology"] = clean_tags(tags[0]["tags"])
            entry["positions_source"] = {"source": SOURCE_ID, "at": "wptags"}
        out[link["record_id"]] = entry
    return out


def _from_partyfacts(name: dict[str, Any]) -> bool:
    return any(c.get("source") == SOURCE_ID for c in name.get("sources", []))


def apply(
    data: dict[str, Any], links: dict[str, dict[str, Any]], commit: str, date: str | None
) -> list[str]:
    """Write the links into the data (replacing earlier ones); the ids that were not found."""
    records = {r["id"]: r for r in [data["party"], *data["partners"], *data["organizations"]]}
    for record in records.values():  # what an earlier run wrote goes first
        for key in ("identifiers", "left_right", "ideology", "positions_source"):
            record.pop(key, None)
        if "other_names" in record:
            record["other_names"] = [o for o in record["other_names"] if not _from_partyfacts(o)]
            if not record["other_names"]:
                del record["other_names"]
    missing = []
    used: set[str] = set()
    for record_id, entry in links.items():
        record = records.get(record_id)
        if record is None:
            missing.append(record_id)
            continue
        record["identifiers"] = entry["identifiers"]
        used.update(i["at"] for i in entry["identifiers"])
        known = {fold(record["name"]), *(fold(o["name"]) for o in record.get("other_names", []))}
        for name, usage, table, note in entry["names"]:
            for other in record.get("other_names", []):  # the page's own form of that name
                if fold(other["name"]) == fold(name) and "usage" not in other:
                    other["usage"] = usage
            if name and fold(name) not in known:
                cite = {"source": SOURCE_ID, "at": table, **({"note": note} if note else {})}
                record.setdefault("other_names", []).append(
                    {"name": name, "usage": usage, "sources": [cite]}
                )
                used.add(table)
                known.add(fold(name))
        for key in ("left_right", "ideology", "positions_source"):
            if key in entry:
                record[key] = entry[key]
                used.add("wptags")
    tables = {key: path for key, path in TABLES.items() if key in used}
    source = source_record(commit, tables, {"wptags": TAG_CLEANING}, as_of=date)
    if date:
        source = {"published": date, **source}
    sources = data["sources"]
    at = next((i for i, s in enumerate(sources) if s["id"] == SOURCE_ID), None)
    if at is None:
        sources.append(_ordered_source(source))
    else:
        sources[at] = _ordered_source(
            {**source, **{k: v for k, v in sources[at].items() if k in ("retrieved", "note")}}
        )
    return missing


#: The order of a source's keys in the file (the models' order).
SOURCE_ORDER = (
    "id",
    "title",
    "url",
    "site",
    "publisher",
    "language",
    "published",
    "as_of",
    "retrieved",
    "file",
    "copyright",
    "terms",
    "licence",
    "commit",
    "citation",
    "parts",
    "lists",
    "note",
)


def _ordered_source(source: dict[str, Any]) -> dict[str, Any]:
    return {k: source[k] for k in SOURCE_ORDER if k in source}


def main() -> None:
    """Regenerate the links in data/partners.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("partyfacts", type=Path, help="a Party Facts checkout (or copy)")
    parser.add_argument("--commit", help="the commit read (default: from the checkout)")
    parser.add_argument("--names-fixture", type=Path, help="also write the names fixture here")
    args = parser.parse_args()
    commit, date = (args.commit, None) if args.commit else commit_of(args.partyfacts)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    links = read_reviewed(LINKS, LINK_HEADER)
    nonlinks = read_reviewed(NONLINKS, NONLINK_HEADER)
    write_reviewed(LINKS, LINK_HEADER, links)
    write_reviewed(NONLINKS, NONLINK_HEADER, nonlinks)
    names = party_names(read(args.partyfacts, "core"), read(args.partyfacts, "wikidata"))
    if args.names_fixture is not None:
        write_names_fixture(args.names_fixture, data, names)
    left = unreviewed(name_matches(data, names), links, nonlinks)
    if left:
        raise SystemExit(
            "Party Facts has these records' names but they are neither linked in "
            f"{LINKS.name} nor reviewed as different in {NONLINKS.name}: " + "; ".join(left)
        )
    missing = apply(data, build(args.partyfacts), commit, date)
    if missing:
        raise SystemExit(f"{LINKS.name}: no record with id {', '.join(missing)}")
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    tmp = DATA.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(DATA)
    print(f"linked {len(data['partners'])} partners' file: {DATA}", file=sys.stderr)


if __name__ == "__main__":
    main()
