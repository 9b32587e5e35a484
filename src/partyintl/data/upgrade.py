"""Turn a data file of schema version 1 into one of version 2, losing nothing.

Version 1 had one source (a page) whose paragraphs records named by number, repeated the
Party Facts table and commit in every identifier, and fixed the contact labels to Russian
with an English translation. Version 2 declares its sources once and every record cites
them. The upgrade maps each old field onto its new place:

- `source` becomes the first of `sources` (its lists keep their ids); `paragraph` and
  `paragraphs` become citations of it ("paragraph 6"); a contact cites its contact block;
- every Party Facts commit becomes one source whose parts are the tables read, and each
  identifier cites it by id and table; the standard evidence of a linked id ("linked to
  Party Facts 6233 in this table") is what version 2 means by no evidence, and the shared
  note on positions goes onto the table it describes;
- a name's `source` text becomes a citation of the Party Facts table it names;
- contact labels, offices and restrictions become printed texts (Russian, as version 1
  defined them) with their English gloss.

What version 1 did not record and version 2 asks for is derived and reported as a note:
the dataset's and the page's `as_of` (from the page's copyright years, or the latest date
in the file), and the page's language (English). Pure functions: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from . import dates
from .partyfacts import TITLE, part_id, source_record
from .shapes import ORGANIZATION, keys

Raw = dict[str, Any]

#: Names' `source` texts of version 1: the Party Facts table each one names, and the note
#: that keeps what else the text said (which of the table's names it is).
NAME_SOURCES = {
    "Party Facts core table": ("core", None),
    "Wikidata label (Party Facts)": ("wikidata", "the Wikidata label"),
    "Wikidata (Party Facts)": ("wikidata", None),
}
#: A contact's texts of version 1, their new field, and the part of it each one fills.
CONTACT_TEXTS = (
    ("label", "label_ru", "label_en"),
    ("office", "office_ru", "office_en"),
    ("restriction", "restriction_ru", "restriction_en"),
)
CONTACT_BLOCK = "contact block"
#: The place cited for a record that version 1 took from the page without a paragraph.
WHOLE_PAGE = "the page (version 1 recorded no paragraph)"


class UpgradeProblem(ValueError):
    """The file cannot be upgraded: what is missing, in words; `fix` how to get past it
    (empty: the command says it)."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


def schema_version(raw: Any) -> int | None:
    """The schema version a parsed file declares (None when it declares none)."""
    if isinstance(raw, dict):
        version = raw.get("schema_version")
        if type(version) is int:
            return version
    return None


def linked_evidence(partyfacts_id: str) -> str:
    """Version 1's evidence of an id that a table links to the record's Party Facts id."""
    return f"linked to Party Facts {partyfacts_id} in this table"


def upgrade(old: Raw, as_of: str | None = None) -> tuple[Raw, list[str]]:
    """The version-2 file for a version-1 file, and notes on what had to be derived.

    `as_of` (an EDTF date) overrides the derived as-of date of the file and its page.
    Raises UpgradeProblem when the old file lacks what the upgrade needs.
    """
    if schema_version(old) != 1:
        raise UpgradeProblem("the file does not declare schema_version 1")
    source = old.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("id"), str):
        raise UpgradeProblem(
            "source: missing, or without an id",
            "A version-1 file names the page it was drafted from in `source` (an object with "
            "its id, title and publisher): add it.",
        )
    notes: list[str] = []
    page_id: str = source["id"]
    page_as_of = as_of or _derived_as_of(source.get("copyright"), _latest_date(old), notes)
    if page_as_of is None:
        raise UpgradeProblem(
            "no as-of date can be derived: the page has no copyright years and the file no dates"
        )
    pf = _PartyFacts(old)
    body: dict[str, Any] = {}
    for key in ("party", "partners", "organizations", "memberships", "people", "events"):
        if key in old:
            body[key] = _section(key, old[key], page_id, pf)
    if "contacts" in old:
        body["contacts"] = [_contact(c, page_id) for c in old["contacts"]]
    file_as_of = page_as_of
    notes.append("sources[0].language: en (version 1 did not record it); check it")
    sources = [_page(source, page_as_of), *pf.sources(file_as_of, notes)]
    new: Raw = {"schema_version": 2, "as_of": file_as_of, "sources": sources}
    new.update(body)
    for key, value in old.items():  # anything else is kept for validation to report
        if key not in (*new, "source"):
            new[key] = value
    return new, notes


def _derived_as_of(copyright: Any, latest: str | None, notes: list[str]) -> str | None:
    """The page's as-of date: the last year of its copyright line, or the latest date in the
    file when that is later (a page holds as of its newest fact at least)."""
    years: list[str] = re.findall(r"\b[0-9]{4}\b", copyright) if isinstance(copyright, str) else []
    year = years[-1] if years else None
    if year is not None and (latest is None or (dates.end(latest) or "") <= f"{year}-12-31"):
        notes.append(
            f"sources[0].as_of and as_of: {year}, the last year of the copyright line "
            f"'{copyright}' (version 1 did not record them); check them"
        )
        return year
    if latest is not None:
        notes.append(
            f"sources[0].as_of and as_of: {latest}, the latest date in the file (version 1 "
            "did not record them"
            + (f"; the copyright line '{copyright}' ends earlier" if year else "")
            + "); check them"
        )
    return latest


def _latest_date(old: Raw) -> str | None:
    found = _fact_dates(old)
    return max(found, key=lambda d: dates.end(d) or "") if found else None


def latest_start(old: Raw) -> str | None:
    """Of the dates a version-1 file gives its facts, the one that begins latest (an
    upgraded file's as-of date may not be earlier: the rule _not_after_as_of); None for
    none."""
    found = [d for d in _fact_dates(old) if dates.start(d)]
    return max(found, key=lambda d: dates.start(d) or "") if found else None


def _fact_dates(old: Raw) -> list[str]:
    """Every valid date of a facts' `date`, `end_date`, `start_date` or `as_of` field."""
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif (
            isinstance(value, str)
            and key in ("date", "end_date", "start_date", "as_of")
            and dates.problem(value) is None
        ):
            found.append(value)

    walk(old)
    return found


def _page(source: Raw, as_of: str | None) -> Raw:
    page: Raw = {
        "id": source["id"],
        "title": source.get("title"),
        "site": source.get("site"),
        "publisher": source.get("publisher"),
        "language": "en",
    }
    if as_of is not None:
        page["as_of"] = as_of
    for key in ("file", "copyright", "note"):
        if key in source:
            page[key] = source[key]
    if "lists" in source:
        page["lists"] = [
            {"id" if k == "list" else k: v for k, v in entry.items()}
            if isinstance(entry, dict)
            else entry
            for entry in source["lists"]
        ]
    known = {"id", "title", "site", "publisher", "copyright", "file", "note", "lists"}
    page.update({k: v for k, v in source.items() if k not in known})
    return page


class _PartyFacts:
    """The Party Facts snapshots (one per commit) an old file's identifiers name."""

    def __init__(self, old: Raw) -> None:
        self.tables: dict[str, dict[str, str]] = {}  # commit -> part id -> path
        self.notes: dict[tuple[str, str], set[str]] = {}  # (commit, part) -> notes
        for org in _orgs(old):
            for ident in org.get("identifiers") or ():
                if isinstance(ident, dict):
                    self._table(ident.get("commit"), ident.get("table"))
            pos = org.get("positions_source")
            if isinstance(pos, dict):
                key = self._table(pos.get("commit"), pos.get("table"))
                if key is not None and isinstance(pos.get("note"), str):
                    self.notes.setdefault(key, set()).add(pos["note"])
        self.commits = list(self.tables)

    def _table(self, commit: Any, table: Any) -> tuple[str, str] | None:
        if not isinstance(commit, str) or not isinstance(table, str):
            return None
        part = part_id(table)
        self.tables.setdefault(commit, {})[part] = table
        return commit, part

    def source_id(self, commit: str) -> str:
        """The id of the source for a commit: `partyfacts`, or with the commit when many."""
        return "partyfacts" if len(self.commits) <= 1 else f"partyfacts-{commit[:12]}"

    def shared_note(self, commit: str, part: str) -> str | None:
        found = self.notes.get((commit, part), set())
        return next(iter(found)) if len(found) == 1 else None

    def sources(self, file_as_of: str, said: list[str]) -> list[Raw]:
        """A source record for each Party Facts commit the file cites, dated as of the
        commit: the date of the snapshot partyintl ships when it is that commit, else the
        file's own date, said in `said` as a stand-in to check (version 1 recorded no
        date; every source says as of when it holds)."""
        from ..link.snapshot import load_snapshot

        shipped = load_snapshot() if self.tables else None
        out = []
        for index, (commit, tables) in enumerate(self.tables.items(), 1):
            notes = {p: n for p in tables if (n := self.shared_note(commit, p))}
            known = shipped.date if shipped is not None and shipped.commit == commit else None
            record = source_record(
                commit, tables, notes, as_of=known or file_as_of, ident=self.source_id(commit)
            )
            out.append({"published": known, **record} if known else record)
            said.append(
                f"sources[{index}]: {TITLE} at commit {commit}, declared once; its as_of is "
                + (
                    f"{known}, the commit's date (the snapshot partyintl ships)"
                    if known
                    else f"{file_as_of}, the file's date, as version 1 did not record the "
                    "commit's date: put the commit's date instead"
                )
            )
        return out

    def cite(self, thing: Raw) -> Raw | None:
        """An identifier's or position's table and commit as a citation."""
        commit, table = thing.get("commit"), thing.get("table")
        if not isinstance(commit, str) or not isinstance(table, str):
            return None
        return {"source": self.source_id(commit), "at": part_id(table)}

    def name_citation(self, text: str, org: Raw) -> Raw | None:
        """A name's source text as a citation of the table it names, if it names one."""
        found = NAME_SOURCES.get(text)
        if found is None or not self.commits:
            return None
        part, note = found
        commits = [
            i["commit"]
            for i in org.get("identifiers") or ()
            if isinstance(i, dict) and isinstance(i.get("commit"), str)
        ]
        # The commit of the record's ids that read the table the name comes from, else any
        # commit that read it; else the first, which then declares that table too.
        declaring = [c for c in (*commits, *self.commits) if part in self.tables.get(c, {})]
        commit = declaring[0] if declaring else (commits or self.commits)[0]
        if part not in self.tables.setdefault(commit, {}):
            self.tables[commit][part] = part
        cite = {"source": self.source_id(commit), "at": part}
        return {**cite, "note": note} if note else cite


def _orgs(old: Raw) -> list[Raw]:
    found = []
    if isinstance(old.get("party"), dict):
        found.append(old["party"])
    for key in ("partners", "organizations"):
        found += [o for o in old.get(key) or () if isinstance(o, dict)]
    return found


def _cite_paragraph(page_id: str, n: Any) -> Raw:
    return {"source": page_id, "at": f"paragraph {n}"}


def _section(key: str, value: Any, page_id: str, pf: _PartyFacts) -> Any:
    if key == "party":
        return _org(value, page_id, pf) if isinstance(value, dict) else value
    if not isinstance(value, list):
        return value

    def convert(record: Raw) -> Raw:
        if key in ("partners", "organizations"):
            return _org(record, page_id, pf)
        if key == "memberships":
            return _membership(record, page_id)
        if key == "people":
            return _person(record, page_id, pf)
        return _with_paragraph(record, page_id)

    return [convert(r) if isinstance(r, dict) else r for r in value]


def _org(org: Raw, page_id: str, pf: _PartyFacts) -> Raw:
    out: Raw = {}
    partyfacts = [
        i.get("identifier")
        for i in org.get("identifiers") or ()
        if isinstance(i, dict) and i.get("scheme") == "partyfacts"
    ]
    for key, value in org.items():
        if key == "paragraphs":
            if isinstance(value, list):
                out["sources"] = [_cite_paragraph(page_id, n) for n in value]
            else:
                out[key] = value
        elif key == "identifiers" and isinstance(value, list):
            out[key] = [_identifier(i, pf, partyfacts) for i in value]
        elif key == "positions_source" and isinstance(value, dict):
            out[key] = _position(value, pf)
        elif key == "other_names" and isinstance(value, list):
            out[key] = [_other_name(n, org, pf) for n in value]
        else:
            out[key] = value
    if not out.get("sources") and not org.get("listing"):
        # Version 1 held only what the page names; no paragraph was recorded for this one.
        out["sources"] = [{"source": page_id, "at": WHOLE_PAGE}]
    return _ordered(out, _ORG_ORDER)


_ORG_ORDER = keys(ORGANIZATION)


def _ordered(record: Raw, order: tuple[str, ...]) -> Raw:
    """The record's keys in the models' order (unknown keys last)."""
    rank = {k: i for i, k in enumerate(order)}
    return dict(sorted(record.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def _identifier(ident: Any, pf: _PartyFacts, partyfacts: list[Any]) -> Any:
    if not isinstance(ident, dict):
        return ident
    cite = pf.cite(ident)
    out: Raw = {k: ident[k] for k in ("scheme", "identifier") if k in ident}
    if cite is not None:
        out.update(cite)
    evidence = ident.get("evidence")
    standard = {linked_evidence(str(p)) for p in partyfacts}
    if evidence is not None and not (ident.get("scheme") != "partyfacts" and evidence in standard):
        out["evidence"] = evidence
    out.update({k: v for k, v in ident.items() if k not in (*out, "table", "commit", "evidence")})
    return out


def _position(pos: Raw, pf: _PartyFacts) -> Raw:
    cite = pf.cite(pos)
    if cite is None:
        return pos
    note = pos.get("note")
    commit = str(pos["commit"])
    if note is not None and note != pf.shared_note(commit, str(cite["at"])):
        cite["note"] = note
    cite.update({k: v for k, v in pos.items() if k not in ("table", "commit", "note")})
    return cite


def _other_name(name: Any, owner: Raw, pf: _PartyFacts) -> Any:
    if not isinstance(name, dict) or "source" not in name:
        return name
    out = {k: v for k, v in name.items() if k != "source"}
    text = name["source"]
    if text is None:
        return out
    cite = pf.name_citation(text, owner) if isinstance(text, str) else None
    if cite is not None:
        out["sources"] = [cite]
    else:  # a source in words that names no table: kept in the note
        note = out.get("note")
        out["note"] = f"{note}; from {text}" if note else f"from {text}"
    return out


def _with_paragraph(record: Raw, page_id: str) -> Raw:
    """A record whose `paragraph` becomes a citation, in the same place among its keys."""
    out: Raw = {}
    for key, value in record.items():
        if key == "paragraph":
            out["sources"] = [_cite_paragraph(page_id, value)]
        else:
            out[key] = value
    if "sources" in out and "inferred" in out:  # sources before inferred, as in the models
        out["inferred"] = out.pop("inferred")
    return out


def _person(person: Raw, page_id: str, pf: _PartyFacts) -> Raw:
    out = dict(person)
    if isinstance(out.get("posts"), list):
        out["posts"] = [
            _with_paragraph(p, page_id) if isinstance(p, dict) else p for p in out["posts"]
        ]
    if isinstance(out.get("other_names"), list):
        out["other_names"] = [_other_name(n, person, pf) for n in out["other_names"]]
    return out


def _membership(ms: Raw, page_id: str) -> Raw:
    out = dict(ms)
    if isinstance(out.get("periods"), list):
        out["periods"] = [
            _with_paragraph(p, page_id) if isinstance(p, dict) else p for p in out["periods"]
        ]
    return out


def _contact(contact: Any, page_id: str) -> Any:
    if not isinstance(contact, dict):
        return contact
    out: Raw = {}
    renamed: dict[str, str] = {}
    for key, value in contact.items():
        triple = next((t for t in CONTACT_TEXTS if key in t[1:]), None)
        if triple is None:
            out[key] = value
            continue
        new, ru, en = triple
        if new in out:
            continue
        renamed[ru], renamed[en] = f"{new}.text", f"{new}.gloss"
        text, gloss = contact.get(ru), contact.get(en)
        if text is None and gloss is None:
            if ru in contact or en in contact:
                out[new] = None
            continue
        if text is None:  # only an English text: it is the printed one
            out[new] = {"text": gloss, "language": "en"}
            renamed[en] = f"{new}.text"
        else:
            out[new] = {"text": text, "language": "ru", "gloss": gloss}
    if "inferred" in out and isinstance(out["inferred"], list):
        out["inferred"] = [
            {**i, "field": renamed.get(str(i.get("field")), i.get("field"))}
            if isinstance(i, dict)
            else i
            for i in out["inferred"]
        ]
    inferred = out.pop("inferred", None)
    out["sources"] = [{"source": page_id, "at": CONTACT_BLOCK}]
    if inferred is not None:
        out["inferred"] = inferred
    return out
