"""A Draft as a data file (schema version 2): the one place that knows the file's form.

The page is the file's one source, cited by every record: listed bodies by their list
and position (and the paragraphs that name them), the party by the title and the
paragraphs that name it. What the page does not print is marked in `inferred` with the
reason: a country or region implied by a word of the name, the party's name read off the
title, and every proposed type, whose reason says it is a proposal to check.
"""

from __future__ import annotations

from typing import Any

from ..data.numbers import SCHEMA_VERSION
from ..data.shapes import ORGANIZATION, keys
from ..escaping import escape_control
from .build import Draft, DraftRecord
from .names import Place

__all__ = ["PAGE_SOURCE", "PROPOSAL", "draft_data", "main_script"]

#: The id of the page among the file's sources.
PAGE_SOURCE = "page"
#: How a proposed type's reason begins: a reader (and a test) can tell proposals apart.
PROPOSAL = "proposed by partyintl draft, to be checked"


def _place(record: dict[str, Any], place: Place | None, noun: str) -> list[dict[str, str]]:
    """The country or region fields of a record, and their inferences."""
    if place is None:
        return []
    inferred = []
    if place.country is not None:
        record["country"] = place.country
        record["country_code"] = place.code
        if place.reason:
            reason = place.reason.replace("in the name", f"in the {noun}'s name")
            inferred = [{"field": "country", "reason": reason}]
            if place.code is not None:
                inferred.append({"field": "country_code", "reason": reason})
        if place.code is None:
            record.setdefault("notes", []).append(
                f"{place.country} has no ISO 3166-1 code of its own; the name is kept as the "
                "page gives it and no code is given."
            )
    elif place.region is not None:
        record["region"] = place.region
        if place.reason:
            inferred = [{"field": "region", "reason": place.reason}]
    return inferred


def _organisation(record: DraftRecord) -> dict[str, Any]:
    noun = "party" if record.type.type == "party" else "organisation"
    out: dict[str, Any] = {"id": record.id, "name": record.name, "type": record.type.type}
    inferred = _place(out, record.place, noun)
    out["listing"] = {
        "list": record.source_list.id,
        "position": record.position,
        "printed": record.printed,
    }
    if record.part_of:
        out["part_of"] = record.part_of
    if record.other_names:
        out["other_names"] = [{"name": n, "note": note} for n, note in record.other_names]
    notes = [*record.notes, *out.pop("notes", [])]
    if notes:
        out["notes"] = notes
    inferred.append({"field": "type", "reason": f"{PROPOSAL}: {record.type.reason}"})
    out["inferred"] = inferred
    out["sources"] = [{"source": PAGE_SOURCE, "at": f"paragraph {n}"} for n in record.paragraphs]
    return {k: out[k] for k in keys(ORGANIZATION) if k in out and out[k] != []}


def _as_of(draft: Draft) -> tuple[str | None, str | None, str | None]:
    """(published, as_of, why) of the page: as the user gives them, else from its
    copyright line, else the day it was retrieved."""
    info = draft.info
    if info.published:
        end = info.published.split("/")[-1] or info.published.split("/")[0]
        return info.published, end, None
    if draft.copyright:
        first, _, last = draft.copyright.partition("-")
        published = f"{first}/{last}" if last else first
        return (
            published,
            last or first,
            f"The page gives no date: it is taken to be published within its copyright "
            f"line's years ({draft.copyright}) and to hold as of the last of them.",
        )
    if info.retrieved:
        return None, info.retrieved, "The page gives no date: it holds as of its retrieval."
    return None, None, None


def main_script(text: str) -> str | None:
    """The script most of a text's letters are written in, by their Unicode names
    ("Cyrillic", "Latin", "Greek", "Arabic", "CJK"...); None for a text without letters."""
    import unicodedata
    from collections import Counter

    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name:
                counts[name.split()[0]] += 1
    if not counts:
        return None
    found = counts.most_common(1)[0][0]
    return found if found == "CJK" else found.capitalize()


def draft_data(draft: Draft) -> dict[str, Any]:
    """The data file of a draft, as a JSON-ready dict. Raises ValueError when the page
    gives no date and none was given (the caller asks for --published or --retrieved)."""
    info = draft.info
    published, as_of, why = _as_of(draft)
    if as_of is None:
        raise ValueError("no date")
    language = info.language or draft.declared_language or "und"
    notes = [
        "Drafted by partyintl draft: list items are records, paragraphs are numbered from 1 "
        "after the title; types are proposals and implied countries inferences, to be checked."
    ]
    if why:
        notes.append(why)
    if language == "und":
        from ..cli.spec import flag

        texts = [draft.title or "", *draft.paragraphs, *(r.printed for r in draft.records)]
        script = main_script(" ".join(texts))
        written = f"; its text is in {script} script" if script else ""
        declared = draft.written_language
        said = f"'{escape_control(declared)}', which names no language" if declared else ""
        notes.append(
            f"The page {'declares ' + said if said else 'does not declare its language'}"
            f"{written}: give {flag('language', 'draft')}."
        )
    site = None
    if info.url:
        from urllib.parse import urlsplit

        site = urlsplit(info.url).hostname
    lists = []
    for page_list in draft.lists:
        entry: dict[str, Any] = {"id": page_list.id, "heading": page_list.heading}
        if page_list.nested_in is not None:
            owner, number = page_list.nested_in
            entry["note"] = f"Nested in item {number} of list {owner}."
        elif page_list.heading is None and page_list.intro is not None:
            entry["note"] = f"Introduced by paragraph {page_list.intro}, not by a heading."
        lists.append(entry)
    source: dict[str, Any] = {
        "id": PAGE_SOURCE,
        "title": draft.title or info.file or "untitled page",
        "url": info.url,
        "site": site,
        "publisher": draft.party_name,
        "language": language,
        "published": published,
        "as_of": as_of,
        "retrieved": info.retrieved,
        "file": info.file,
        "copyright": draft.copyright,
        "lists": lists,
        "note": " ".join(
            [*notes, "The publisher is taken to be the party the page is about: check it."]
        ),
    }
    source = {k: v for k, v in source.items() if v is not None}
    party: dict[str, Any] = {"id": draft.party_id, "name": draft.party_name, "type": "party"}
    from ..data.countries import fold

    # The title is cited where it prints the name; a name the page never prints (given
    # with --party) is the user's, said so, and the page cited as a whole.
    in_title = bool(draft.title) and fold(draft.party_name) in fold(draft.title or "")
    party["sources"] = [
        *([{"source": PAGE_SOURCE, "at": "title"}] if in_title else []),
        *({"source": PAGE_SOURCE, "at": f"paragraph {n}"} for n in draft.party_paragraphs),
    ] or [{"source": PAGE_SOURCE, "at": "the page as a whole"}]
    if draft.party_reason:
        party["inferred"] = [{"field": "name", "reason": draft.party_reason}]
    elif not in_title and not draft.party_paragraphs:
        from ..cli.spec import flag

        party["inferred"] = [
            {
                "field": "name",
                "reason": f"given with {flag('party', 'draft')}: the page does not print it",
            }
        ]
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of,
        "sources": [source],
        "party": party,
        "partners": [_organisation(r) for r in draft.records],
    }
