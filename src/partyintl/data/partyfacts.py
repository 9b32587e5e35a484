"""The Party Facts snapshot as a source: its tables (cited by id) and what it is.

One place for what `partyintl link --apply` writes and what `partyintl upgrade` derives
from a file of schema version 1, whose every identifier repeated a table path and a commit.
"""

from __future__ import annotations

#: The Party Facts tables a file cites, by the id its facts cite them with.
TABLES = {
    "core": "import/elecglob/partyfacts-core-parties.csv",
    "wikidata": "import/wikipedia/wikidata.csv",
    "manifesto": "import/pip/pf-manifesto-ids.csv",
    "vparty": "import/vparty/vparty.csv",
    "parlgov": "import/ipod/partyfacts-parlgov-ids.csv",
    "wptags": "import/wptags/wptags.csv",
}
#: What each table holds, for its part's note.
TABLE_NOTES = {
    "core": "the core party list: names, country, years",
    "wikidata": "Party Facts ids linked to Wikidata items, with their labels and native names",
    "manifesto": "Party Facts ids linked to Manifesto Project party codes",
    "vparty": "Party Facts ids linked to V-Party (V-Dem) party ids",
    "parlgov": "Party Facts ids linked to ParlGov party ids",
}
SOURCE_ID = "partyfacts"
URL = "https://github.com/hdigital/partyfactsdata"
TITLE = "Party Facts"
PUBLISHER = "Holger Döring and Sven Regel (Party Facts)"
LICENCE = "MIT"
TERMS = "MIT licence: reuse with the copyright notice."
CITATION = (
    "Döring, H. and Regel, S. (2019), 'Party Facts: A database of political parties "
    "worldwide', Party Politics 25(2); tags: Herrmann, M. and Döring, H. (2021), Political "
    "Analysis."
)


def source_record(
    commit: str,
    tables: dict[str, str],
    notes: dict[str, str] | None = None,
    as_of: str | None = None,
    ident: str = SOURCE_ID,
) -> dict[str, object]:
    """The source record of a Party Facts snapshot read at `commit`, with the given tables
    (part id -> path) and notes on how some were read (part id -> note)."""
    notes = {**TABLE_NOTES, **(notes or {})}
    record: dict[str, object] = {
        "id": ident,
        "title": TITLE,
        "url": URL,
        "publisher": PUBLISHER,
        "language": "en",
        "as_of": as_of,
        "commit": commit,
        "terms": TERMS,
        "licence": LICENCE,
        "citation": CITATION,
        "parts": [
            {"id": key, "path": path, **({"note": notes[key]} if notes.get(key) else {})}
            for key, path in tables.items()
        ],
    }
    if as_of is None:
        del record["as_of"]
    return record


def part_id(path: str) -> str:
    """The id a table is cited by: its key in TABLES, or a slug of its file name."""
    for key, known in TABLES.items():
        if known == path:
            return key
    import re

    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    return "-".join(re.findall(r"[a-z0-9]+", stem)) or "table"
