"""The sources: the line under every figure, short labels, the rows of `sources` with
how many facts cite each, and the year the data holds as of."""

from __future__ import annotations

from collections import Counter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import SourceRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def source_as_of(ds: Dataset) -> str:
    """As of when the data holds: the file's `as_of` (each source has its own too)."""
    return ds.as_of


#: Between the sources and the date the data holds as of, in source_line (a figure keeps
#: what follows it whole when the line must be cut).
AS_OF_WORDS = "; data as of "


def source_line(ds: Dataset) -> str:
    """The line under every figure: the main source with its as-of date, the others by
    publisher (or short title), and the date the data holds as of."""
    first, *others = ds.sources.values()
    where = first.get("site") or first.get("publisher")
    head = f"Source: {first['title']} ({where}"
    head += f", as of {first['as_of']})" if first.get("as_of") else ")"
    names = [str(s["title"] if len(s["title"]) <= 30 else s["publisher"]) for s in others]
    if names:
        head += "; also " + ", ".join(dict.fromkeys(names))
    return f"{head}{AS_OF_WORDS}{ds.as_of}"


def source_labels(ds: Dataset) -> dict[str, str]:
    """Each source in a few words, by id: its title, publisher and as-of date."""
    return {
        ident: f"{s['title']} ({s['publisher']}"
        + (f", as of {s['as_of']})" if s.get("as_of") else ")")
        for ident, s in ds.sources.items()
    }


def source_rows(ds: Dataset) -> list[SourceRecord]:
    """Every source of the file, with how many facts cite it."""
    counts = citation_counts(ds)
    return [
        {
            "id": source["id"],
            "title": source["title"],
            "publisher": source["publisher"],
            "url": source.get("url") or source.get("site"),
            "language": source["language"],
            "published": source.get("published"),
            "as_of": source.get("as_of"),
            "retrieved": source.get("retrieved"),
            "terms": source.get("terms"),
            "licence": source.get("licence"),
            "commit": source.get("commit"),
            "parts": [p["id"] for p in source.get("parts", ())],
            "lists": [entry["id"] for entry in source.get("lists", ())],
            "facts": counts.get(source["id"], 0),
            "note": source.get("note"),
        }
        for source in ds.sources.values()
    ]


def citation_counts(ds: Dataset) -> Counter[str]:
    """How many citations (list items included) name each source."""
    counts: Counter[str] = Counter()
    list_sources = ds.list_sources
    stack: list[Any] = [ds.raw[k] for k in ds.raw if k != "sources"]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "sources" and isinstance(value, list):
                    counts.update(c["source"] for c in value)
                elif key in ("identifiers",):
                    counts.update(i["source"] for i in value)
                elif key == "positions_source" and value:
                    counts[value["source"]] += 1
                elif key == "listing" and value:
                    counts[list_sources[value["list"]]] += 1
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return counts


def as_of(ds: Dataset) -> str | None:
    """The year the data holds as of: the year of the file's `as_of` (`2022-03-07` ->
    `2022`), or None when it names no single year."""
    text = str(ds.as_of or "")
    years = []  # re.findall(r"\d{4}", text), without importing re
    at = 0
    while at + 4 <= len(text):
        if text[at : at + 4].isdecimal():
            years.append(text[at : at + 4])
            at += 4
        else:
            at += 1
    return years[-1] if years else None
