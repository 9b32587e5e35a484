"""Party Facts, read once: the core parties with their names, countries and years, and
what Party Facts links them to (Wikidata, Manifesto, V-Party, ParlGov, Wikipedia tags).

Two places it comes from:
- the snapshot that ships inside the package (`partyfacts_snapshot.json.gz` beside this
  module), built by scripts/build_partyfacts_snapshot.py from Party Facts' repository at
  the commit it records (MIT licence; cite Döring and Regel 2019, as Party Facts asks);
- a checkout (or a copy) of hdigital/partyfactsdata, given with `--partyfacts DIR`, read
  from its CSV tables; its commit is read from git, or from a copy's README.

Both give the same Snapshot. Technical entries of the core table (Party Facts' "other",
"independent", "unknown", "alliance" rows for each country) are no parties and are left
out.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..data.partyfacts import TABLES
from ..errors import UsageError
from ..words import counted

__all__ = [
    "SNAPSHOT_FILE",
    "TABLES",
    "Party",
    "Snapshot",
    "load_snapshot",
    "read_checkout",
]

HERE = os.path.dirname(os.path.abspath(__file__))
#: The snapshot shipped with the package.
SNAPSHOT_FILE = os.path.join(HERE, "partyfacts_snapshot.json.gz")


@dataclass
class Party:
    """One core party of Party Facts and what its tables link to it."""

    id: str
    #: ISO 3166-1 alpha-3 as Party Facts gives it (some are its own: EUN, XKX, DDR...).
    country: str
    name: str
    name_short: str
    name_english: str
    name_other: str
    year_first: int | None
    year_last: int | None
    #: (Wikidata item, label, short name, native name) rows of the wikidata table.
    wikidata: list[tuple[str, str, str, str]] = field(default_factory=list)
    manifesto: list[str] = field(default_factory=list)
    vparty: list[str] = field(default_factory=list)
    parlgov: list[str] = field(default_factory=list)
    #: (left_right, tags as the table gives them) of the wptags table, if it has the party.
    wptags: tuple[float | None, str] | None = None

    def years(self) -> str:
        """Its years active as Party Facts gives them: "1989-", "1990-2004", "-"."""
        first = str(self.year_first) if self.year_first is not None else ""
        last = str(self.year_last) if self.year_last is not None else ""
        return f"{first}-{last}"

    def active(self, first: int | None, last: int | None) -> bool:
        """Whether it was active at some time between the years `first` and `last`
        (either may be None: open); unknown years never rule it out."""
        if first is not None and self.year_last is not None and self.year_last < first:
            return False
        return not (last is not None and self.year_first is not None and self.year_first > last)


@dataclass
class Snapshot:
    """Party Facts at one commit."""

    commit: str
    #: The commit's date (ISO 8601), when known.
    date: str | None
    #: Where it was read, in words: the snapshot in the package, or a checkout.
    origin: str
    parties: dict[str, Party]
    #: The parties of each country (alpha-3), in id order.
    by_country: dict[str, list[Party]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_country:
            for party in self.parties.values():
                self.by_country.setdefault(party.country, []).append(party)


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _flag() -> str:
    """The option that names a checkout, as the command line spells it."""
    from ..cli.spec import flag

    return flag("partyfacts", "link")


#: The columns each table of a checkout must have (the ones read from it; others are
#: left alone), by its key in TABLES.
COLUMNS = {
    "core": (
        "partyfacts_id",
        "country",
        "name",
        "name_short",
        "name_english",
        "name_other",
        "year_first",
        "year_last",
    ),
    "wikidata": ("partyfacts_id", "wikidata_id", "name", "name_short", "name_native"),
    "manifesto": ("partyfacts_id", "dataset_party_id"),
    "vparty": ("partyfacts_id", "party_id"),
    "parlgov": ("partyfacts_id", "parlgov_id"),
    "wptags": ("partyfacts_id", "left_right", "tags"),
}
#: Columns whose values must be whole numbers: the core table's ids; a year, another
#: table's id (a row of no party) and a wptags score may also be missing (empty, or R's
#: NA), and a score is any number.
_WHOLE = ("partyfacts_id",)
_YEARS = ("year_first", "year_last")
_SCORES = ("left_right",)
_MISSING = ("", "NA")
#: The ids of the other datasets each link table gives, in their forms (a value spanning
#: lines is a quote left open above, which joined rows into one).
_LINKED = {
    "wikidata_id": (re.compile(r"Q[1-9][0-9]*"), "a Wikidata id (Q and digits)"),
    "dataset_party_id": (re.compile(r"[0-9]+"), "a Manifesto party code (digits)"),
    "party_id": (re.compile(r"[0-9]+"), "a V-Party id (digits)"),
    "parlgov_id": (re.compile(r"[0-9]+"), "a ParlGov id (digits)"),
}
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _rows(base: str, key: str) -> list[dict[str, str]]:
    """The rows of one table of a checkout, each with every column of COLUMNS[key]; a
    DatasetError (exit 1) in the words of every file a command reads (data/load.py
    read_input) when it cannot be read, lacks a column, or holds a row whose fields do not
    match its header or whose ids, years or scores are not numbers (each with its line)."""
    import io

    from ..cli.spec import reads
    from ..data.load import not_utf8, read_input
    from ..errors import DatasetError, Problem
    from ..spreadsheet import rows_with_lines

    path = os.path.join(base, TABLES[key])
    what = reads("link", "partyfacts")
    hint = (
        f"{_flag()} names a checkout of hdigital/partyfactsdata; leave it out to use the "
        "bundled snapshot."
    )
    try:
        raw = read_input(path, what, 1 << 30)
    except DatasetError as exc:
        exc.hint = f"{exc.hint} {hint}"
        raise
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(raw, exc, path, what) from None
    columns = COLUMNS[key]
    problems: list[Problem] = []
    rows: list[dict[str, str]] = []
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            found = ", ".join(header) if header else "nothing"
            raise DatasetError(
                path,
                [Problem("", f"no column {', '.join(missing)} (the header has {found})", 1, 1)],
                f"A Party Facts table of this name has the columns {', '.join(columns)}. " + hint,
            )
        for line, row in rows_with_lines(reader):  # a value may hold line breaks
            if None in row or any(v is None for v in row.values()):  # short or long
                joined = any("\n" in v for v in row.values() if isinstance(v, str))
                problems.append(
                    Problem(
                        "",
                        f"{counted(_fields(row), 'field')} where the header has {len(header)}"
                        + ("; a quote opened here is never closed" if joined else ""),
                        line,
                    )
                )
                continue
            for c in columns:
                problem = _not_a_number(key, c, row[c])
                if problem:
                    problems.append(Problem("", problem, line, header.index(c) + 1))
            rows.append(row)
    except csv.Error as exc:
        raise DatasetError(path, [Problem("", f"not a CSV table: {exc}")], hint) from None
    if problems:
        raise DatasetError(path, problems, f"Mend these rows of the table. {hint}")
    return rows


def _not_a_number(key: str, column: str, value: str) -> str:
    """What is wrong with a value of a number column (nothing: ""): ids are used as
    written, so an id with spaces around it is wrong too."""
    if column in _WHOLE:
        if (value.isascii() and value.isdigit()) or (key != "core" and value in _MISSING):
            return ""
        kind = "a whole number" if key == "core" else "a whole number, empty or NA"
    elif column in _YEARS:
        if value.strip() in _MISSING or (value.strip().isascii() and value.strip().isdigit()):
            return ""
        kind = "a year, empty or NA"
    elif column in _SCORES:
        if value.strip() in _MISSING or _NUMBER.fullmatch(value.strip()) is not None:
            return ""
        kind = "a number, empty or NA"
    elif column in _LINKED and key != "core":
        form, kind = _LINKED[column]
        if value.strip() in _MISSING or form.fullmatch(value.strip()) is not None:
            return ""
        if "\n" in value:
            return f"{column} spans lines: a quote opened here or above is never closed"
    else:
        return ""
    return f"{column} is {value!r}, not {kind}"


def _fields(row: dict[str | None, object]) -> int:
    """How many fields a row of csv.DictReader had (its extras are a list under None)."""
    extra = row.get(None)
    return sum(1 for k, v in row.items() if k is not None and v is not None) + (
        len(extra) if isinstance(extra, list) else 0
    )


def files_read(base: str) -> list[str]:
    """The files of a Party Facts checkout that `read_checkout` reads: its tables and the
    README that may name its commit (paths under `base`, whether they exist or not)."""
    return [
        *(os.path.join(base, path) for path in TABLES.values()),
        os.path.join(base, "README.md"),
    ]


def commit_of(base: str) -> tuple[str, str | None]:
    """The commit of a checkout and its date, from git (when the folder is a checkout's
    root: a copy inside another repository is not that repository); for a plain copy, from
    its README ("commit `SHA` (YYYY-MM-DD)"). A usage error when neither says."""
    import subprocess

    done = None
    if os.path.exists(os.path.join(base, ".git")):
        try:
            done = subprocess.run(
                ["git", "-C", base, "log", "-1", "--pretty=%H %cs"],
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError:
            done = None
    if done is not None and done.returncode == 0 and done.stdout.strip():
        commit, _, date = done.stdout.strip().partition(" ")
        return commit, date or None
    try:
        with open(os.path.join(base, "README.md"), encoding="utf-8") as handle:
            readme = handle.read()
    except OSError:
        readme = ""
    found = re.search(
        r"commit\s+`?([0-9a-f]{40})`?(?:\s+\(([0-9]{4}-[0-9]{2}-[0-9]{2})\))?", readme
    )
    if found is None:
        raise UsageError(
            f"{_flag()} {base}: not a git checkout, and its README.md names no commit; "
            "give a git checkout of hdigital/partyfactsdata."
        )
    return found.group(1), found.group(2)


def read_checkout(base: str) -> Snapshot:
    """Party Facts from a checkout's CSV tables (see the module's docstring)."""
    if not os.path.isdir(base):
        from ..errors import DatasetError, Problem

        missing = not os.path.exists(base)
        raise DatasetError(
            base,
            [Problem("", "no such folder" if missing else "is a file, not a folder")],
            f"{_flag()} names a checkout of hdigital/partyfactsdata (a folder); leave it out "
            "to use the bundled snapshot.",
        )
    parties: dict[str, Party] = {}
    for row in _rows(base, "core"):
        if row.get("technical"):
            continue
        parties[row["partyfacts_id"]] = Party(
            id=row["partyfacts_id"],
            country=row["country"],
            name=row["name"],
            name_short=row["name_short"],
            name_english=row["name_english"],
            name_other=row["name_other"],
            year_first=_year(row["year_first"]),
            year_last=_year(row["year_last"]),
        )
    for row in _rows(base, "wikidata"):
        party = parties.get(row["partyfacts_id"])
        if party is not None:
            party.wikidata.append(
                (row["wikidata_id"], row["name"], row["name_short"], row["name_native"])
            )
    for key, column in (
        ("manifesto", "dataset_party_id"),
        ("vparty", "party_id"),
        ("parlgov", "parlgov_id"),
    ):
        for row in _rows(base, key):
            party = parties.get(row["partyfacts_id"])
            if party is not None:
                getattr(party, key).append(row[column])
    for row in _rows(base, "wptags"):
        party = parties.get(row["partyfacts_id"])
        if party is not None and party.wptags is None:
            score = row["left_right"].strip()  # a number, empty or NA: _rows checks
            party.wptags = (None if score in _MISSING else float(score), row["tags"])
    commit, date = commit_of(base)
    from ..filenames import as_text

    where = f"a checkout of the repository ({as_text(os.path.basename(os.path.abspath(base)))})"
    return Snapshot(commit, date, where, dict(sorted(parties.items(), key=_id_order)))


def _id_order(item: tuple[str, Party]) -> tuple[int, str]:
    key = item[0]
    return (int(key), key) if key.isdigit() else (1 << 62, key)


def to_json(snapshot: Snapshot) -> dict[str, object]:
    """The snapshot as the package stores it: compact rows, one table each."""
    core: list[list[object]] = []
    wikidata: list[list[object]] = []
    links: list[list[object]] = []
    tags: list[list[object]] = []
    for p in snapshot.parties.values():
        core.append(
            [
                p.id,
                p.country,
                p.name,
                p.name_short,
                p.name_english,
                p.name_other,
                p.year_first,
                p.year_last,
            ]
        )
        wikidata.extend([p.id, *row] for row in p.wikidata)
        links.extend([p.id, "manifesto", x] for x in p.manifesto)
        links.extend([p.id, "vparty", x] for x in p.vparty)
        links.extend([p.id, "parlgov", x] for x in p.parlgov)
        if p.wptags is not None:
            tags.append([p.id, p.wptags[0], p.wptags[1]])
    return {
        "format": 1,
        "source": "https://github.com/hdigital/partyfactsdata",
        "commit": snapshot.commit,
        "date": snapshot.date,
        "licence": "MIT",
        "citation": "Döring, H. and Regel, S. (2019), 'Party Facts: A database of political "
        "parties worldwide', Party Politics 25(2): 97-109, doi:10.1177/1354068818820671.",
        "tables": TABLES,
        "core": core,
        "wikidata": wikidata,
        "links": links,
        "wptags": tags,
    }


def from_json(data: dict[str, object], origin: str) -> Snapshot:
    """A snapshot from what to_json gives."""
    parties: dict[str, Party] = {}
    for row in data["core"]:  # type: ignore[attr-defined]
        ident, country, name, short, english, other, first, last = row
        parties[ident] = Party(ident, country, name, short, english, other, first, last)
    for ident, *rest in data["wikidata"]:  # type: ignore[attr-defined]
        parties[ident].wikidata.append(tuple(rest))
    for ident, key, value in data["links"]:  # type: ignore[attr-defined]
        getattr(parties[ident], key).append(value)
    for ident, score, tags in data["wptags"]:  # type: ignore[attr-defined]
        parties[ident].wptags = (score, tags)
    return Snapshot(str(data["commit"]), data.get("date"), origin, parties)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _bundled() -> Snapshot:
    with gzip.open(SNAPSHOT_FILE, "rt", encoding="utf-8") as handle:
        return from_json(
            json.load(handle),
            "the snapshot of the repository that partyintl ships (scripts/"
            "build_partyfacts_snapshot.py)",
        )


def load_snapshot(base: str | None = None) -> Snapshot:
    """Party Facts from a checkout folder, or the snapshot in the package when None."""
    return _bundled() if base is None else read_checkout(base)
