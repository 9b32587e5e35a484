"""`partyintl draft PAGE`: read a page, write a draft data file that validates."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from ..data.load import load_bytes
from ..errors import DatasetError, Problem, UsageError
from ..words import counted

if TYPE_CHECKING:
    from .page import Page

__all__ = ["draft_file", "read_text"]

#: Largest page read (a saved web page is far smaller).
MAX_PAGE = 32 * 1024 * 1024


def read_text(path: str, what: str) -> str:
    """A text file's content, as decode_text reads it. Exit 1 in the words of every file a
    command reads (data/load.py read_input, not_utf8) when it cannot be read; `what` names
    it, as the spec's `reads` does ("the page", "the decisions file")."""
    from ..data.load import read_input

    return decode_text(read_input(path, what, MAX_PAGE), path, what)


def decode_text(data: bytes, path: str, what: str) -> str:
    """A file's bytes as text: UTF-8 (a byte-order mark allowed), UTF-16 with its
    byte-order mark (a spreadsheet's "Unicode text") or without it (load.utf16_order), or
    the encoding an HTML page declares in its `meta charset`; a DatasetError (not_utf8)
    otherwise."""
    import codecs
    import re

    from ..data.load import not_utf8, utf16_order

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # said as not UTF-8, below
    elif (order := utf16_order(data)) is not None:
        try:
            return data.decode("utf-16-le" if order == "little-endian" else "utf-16-be")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise not_utf8(data, exc, path, what) from None


def checked_date(option: str, value: str | None) -> str | None:
    """A date option's value, checked as the data file's rules will check it: EDTF, closed
    at both ends (a day the page was published or copied, the date a file holds as of),
    not after today; UsageError (exit 2) naming the option otherwise (draft's dates,
    upgrade's --as-of)."""
    from ..data import dates

    if value is None:
        return None
    why = dates.problem(value)
    if why:
        raise UsageError(f"{option} {value}: {why}.")
    if dates.start(value) is None or dates.end(value) is None:
        raise UsageError(
            f"{option} {value} is open at one end: give a day, a month, a year or an "
            "interval with both ends (2013/2018)."
        )
    today = dates.today()
    if (dates.start(value) or "") > today:
        raise UsageError(f"{option} {value} is in the future (today is {today}).")
    return value


def draft_file(
    page: str,
    *,
    url: str | None,
    retrieved: str | None,
    published: str | None,
    language: str | None,
    party: str | None,
    sources: str | None = None,
) -> tuple[dict[str, Any], bytes, str]:
    """The draft of a page file: (the data as a dict, its JSON bytes, a summary for people).

    Usage errors (exit 2) for a bad date, language or URL, and for a page that gives no
    date when none was given; the draft is validated as any data file before it is
    returned (a DatasetError would be a fault of the drafting, not of the page).
    """
    import re

    from ..cli.spec import flag, reads
    from ..data.forms import WEB_ADDRESS
    from ..data.rules import language_tag, published_after
    from ..escaping import one_line
    from ..filenames import STDIN, as_text
    from .build import PageInfo, build_draft
    from .datafile import draft_data
    from .page import read_page

    published = checked_date(flag("published", "draft"), published)
    retrieved = checked_date(flag("retrieved", "draft"), retrieved)
    if published_after(published, retrieved):
        raise UsageError(
            f"{flag('published', 'draft')} {published} is after {flag('retrieved', 'draft')} "
            f"{retrieved}: a page is published before a copy of it is taken."
        )
    if _ends_after(published, retrieved):  # 2023/2025 with 2024: would hold as of 2025
        raise UsageError(
            f"{flag('published', 'draft')} {published} ends after {flag('retrieved', 'draft')} "
            f"{retrieved}: the page would hold as of a day after its copy was taken; give the "
            "dates the page was published between, up to the day of the copy."
        )
    if language is not None:  # in any case or form a page may declare it (`EN`, `en_US`)
        tag = language_tag(language)
        if tag is None:
            raise UsageError(
                f"{flag('language', 'draft')} {language}: not a language tag such as en, de "
                "or pt-BR."
            )
        language = tag
    if url is not None and not re.match(WEB_ADDRESS, url):
        raise UsageError(f"{flag('url', 'draft')} {url}: not a web address (http:// or https://).")
    if party is not None and party.strip():
        from ..data.load import control_problem
        from ..data.rules import name_problem

        why = control_problem(party) or name_problem(party.strip())
        if why is not None:  # the draft's own check would blame the draft
            raise UsageError(f"{flag('party', 'draft')}: {why}.")
    text = read_text(page, reads("draft", "page"))
    if not text.lstrip("\ufeff").strip():  # nothing, or a byte-order mark alone
        raise DatasetError(
            page,
            [Problem("", "the file is empty")],
            "Give a page of the party's site (HTML or text) or a CSV table of names.",
        )
    from .table import is_table

    if is_table(page, text):
        from .table import DESCRIBED

        described = dict(zip(DESCRIBED, (url, published, retrieved, language), strict=True))
        return _draft_table(page, text, party, sources, published or retrieved, described)
    if sources is not None:
        raise UsageError(
            f"{flag('sources', 'draft')} describes the sources a table's rows name; a page is "
            f"its own one source: give {flag('url', 'draft')} and {flag('published', 'draft')}."
        )
    info = PageInfo(
        # stdin: no name; a character a text may not hold (a tab) written as its escape
        file=None if page == STDIN else one_line(as_text(os.path.basename(page))),
        url=url,
        retrieved=retrieved,
        published=published,
        language=language,
        party=party,
    )
    read = read_page(text)
    if not (read.title or read.paragraphs or read.lists):  # markup alone, or scripts
        shown = "the page shows no text (no title, paragraph or list)"
        if read.menu_items:
            one = read.menu_items == 1
            items = "list item is" if one else f"{read.menu_items:,} list items are"
            shown = (
                f"the page shows no title or paragraph, and its only {items} the site's "
                "menus, header, footer, contact lines, social network links or items "
                "with no letter, which a draft leaves out"
            )
        raise DatasetError(
            page,
            [Problem("", shown)],
            "Give a page of the party's site (HTML or text) or a CSV table of names.",
        )
    draft = build_draft(read, info)
    first, _, last = (draft.copyright or "").partition("-")
    if published is None and last and last < first:
        raise UsageError(
            f"{page}'s copyright line reads {draft.copyright}, which ends before it starts: "
            f"give {flag('published', 'draft')} DATE (when the page was published)."
        )
    if published is None and first and first < FIRST_WEB_YEAR:  # "© 0000": no page's date
        raise UsageError(
            f"{page}'s copyright line reads {draft.copyright}, before any web page "
            f"({FIRST_WEB_YEAR}): give {flag('published', 'draft')} DATE (when the page was "
            "published)."
        )
    from ..data import dates

    if published is None and draft.copyright and (last or first) > dates.today()[:4]:
        raise UsageError(
            f"{page}'s copyright line reads {draft.copyright}, which ends after today "
            f"({dates.today()}): give {flag('published', 'draft')} DATE (when the page was "
            "published)."
        )
    if not draft.records:
        import re

        table = (
            " Its names are in an HTML table: save the table as CSV (a name column, and a "
            "country column if it has one) and draft that file."
            if re.search(r"<t[dh][\s>]", text, re.IGNORECASE)
            else ""
        )
        raise DatasetError(
            page,
            [Problem("", "no numbered or bulleted list item found")],
            "A draft is made of a page's lists: items that begin with '1.', '1)', '-' or '•', "
            "or HTML lists." + table,
        )
    try:
        data = draft_data(draft)
    except ValueError:
        raise UsageError(
            f"{page} gives no date (no copyright line): give {flag('published', 'draft')} DATE "
            "(when the page was published, EDTF: 2018, 2018-05, 2013/2018) or "
            f"{flag('retrieved', 'draft')} DATE."
        ) from None
    dated, as_of = data["sources"][0].get("published"), data["sources"][0].get("as_of")
    if published is None and (
        published_after(dated, retrieved) or published_after(as_of, retrieved)
    ):
        raise UsageError(
            f"{page}'s copyright line dates it {dated}, after {flag('retrieved', 'draft')} "
            f"{retrieved}: give the day the copy was taken, or {flag('published', 'draft')} "
            "DATE."
        )
    body = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _check_draft(body, page)
    return data, body, _summary(draft, read)


#: The year of the first web page: a copyright line that starts earlier dates no page.
FIRST_WEB_YEAR = "1991"


def _ends_after(published: str | None, retrieved: str | None) -> bool:
    """Whether an interval a page was published within ends certainly after its copy was
    retrieved (`2023/2025` with 2024): a draft holds as of the interval's end, which
    would then come after the copy. A year, month or season that only may end later
    (2018 with 2018-01-01) is no contradiction."""
    from ..data.rules import published_after

    if published is None or "/" not in published:
        return False
    return published_after(published.split("/")[-1] or None, retrieved)


def _check_draft(body: bytes, read: str) -> None:
    """Validate a draft as any data file; a DatasetError naming what it was made from, with
    a hint that fits a file never written (validate has nothing to read again)."""
    try:
        load_bytes(body, "the draft", None, full=True)
    except DatasetError as exc:
        exc.hint = (
            f"The draft of {read} breaks these rules, so nothing was written. Mend what "
            "the page or table says (or its options), or report the page: a draft should "
            "always be valid."
        )
        raise


def _read_sources(path: str) -> list[dict[str, Any]]:
    """The sources a --sources file describes: a JSON list of sources in the data file's
    form, each checked by the models; a DatasetError (exit 1) otherwise."""
    from .._stops import StopsHeld

    with StopsHeld():  # pydantic-core's native start-up, whole
        from pydantic import TypeAdapter, ValidationError

    from ..cli.spec import reads
    from ..data.load import _pydantic_problems, parse_json_checked
    from ..data.models import Source

    raw, problems = parse_json_checked(read_text(path, reads("draft", "sources")), path)
    if not problems and not isinstance(raw, list):
        problems = [Problem("", "not a JSON list of sources")]
    if not problems and raw == []:
        problems = [Problem("", "the list describes no source: give one, or leave the option out")]
    if problems:
        raise DatasetError(path, problems, "Give a JSON list of sources, as a data file has.")
    shape: list[Problem] = []
    try:
        TypeAdapter(list[Source]).validate_python(raw)
    except ValidationError as exc:
        shape = list(_pydantic_problems(exc))
    from ..data.rules import source_list_problems

    found = source_list_problems(raw, shape)
    if found:  # said of this file, not of the draft made from it
        raise DatasetError(
            path,
            found,
            "Correct the sources file: each source as a data file gives it (id, title and "
            "publisher as printed, its language, real dates, a web address).",
        )
    return list(raw)


def _draft_table(
    path: str,
    text: str,
    party: str | None,
    sources: str | None,
    as_of: str | None,
    described: dict[str, str | None],
) -> tuple[dict[str, Any], bytes, str]:
    """A draft of a CSV table of names or of membership decisions (draft/table.py).
    `described`: what --url, --published, --retrieved and --language say of the table's
    own source (the one its rows without a source cell cite); a UsageError for --url or
    --language when it has none (--sources, or a source column, describes every one).
    --published and --retrieved also date the table (its as_of) in any case."""
    from ..cli.spec import flag
    from .table import ONLY_DESCRIBE, TABLE_SOURCE, check_party, cite_given, read_table, table_data

    name = check_party(party)
    given = _read_sources(sources) if sources is not None else None
    rows = read_table(text, path)
    # The table's own source: cited by rows without a source cell, not described by
    # --sources. --published and --retrieved date the table in any case (its as_of).
    own = any(not r.source for r in rows) and TABLE_SOURCE not in {s.get("id") for s in given or ()}
    told = [flag(k, "draft") for k in ONLY_DESCRIBE if described.get(k) is not None]
    if told and not own:
        column = sorted({r.source for r in rows if r.source})
        where = (
            f"in {sources}, which {flag('sources', 'draft')} names"
            if sources is not None
            else f"by its source column ({', '.join(column)}): give {flag('sources', 'draft')} "
            "FILE to describe them"
        )
        raise UsageError(
            f"{' and '.join(told)} describe{'s' if len(told) == 1 else ''} a table's own "
            f"source, but every source of {path} is described {where}."
        )
    if given is not None and sources is not None:
        cite_given(rows, given, path, sources)
    _refuse_dated_before(rows, path, described)
    try:
        data = table_data(
            rows,
            party=name,
            sources=given,
            as_of=as_of,
            described={k: v for k, v in described.items() if v is not None},
        )
    except ValueError:
        raise UsageError(
            f"{path} gives no date: give {flag('published', 'draft')} DATE (the date the table "
            f"holds as of) or {flag('sources', 'draft')} FILE with the sources' dates."
        ) from None
    body = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _check_draft(body, path)
    decided = len(data.get("memberships", ()))
    what = (
        f"{counted(decided, 'membership decision')} of {name}"
        if decided
        else f"{counted(len(data['partners']), 'name')} listed by {name}"
    )
    cited = {s["id"] for s in data["sources"]}
    unused = [s["id"] for s in given or () if s["id"] not in cited]
    left = f" ({sources} describes {', '.join(unused)}, which no row cites: left out)"
    return (
        data,
        body,
        f"{counted(len(rows), 'row')}: {what}, each its own record as printed, "
        f"{counted(len(data['sources']), 'source')}{left if unused else ''}; link them to "
        "tell which rows name one party.",
    )


def _refuse_dated_before(rows: list[Any], path: str, described: dict[str, str | None]) -> None:
    """A UsageError when --published or --retrieved dates the table before a meeting it
    gives a date for: the table cannot hold as of a day before what it reports."""
    from ..cli.spec import flag
    from ..data import dates

    for option in ("published", "retrieved"):
        given = described.get(option)
        if given is None:
            continue
        latest = dates.end(given) or ""
        for row in rows:
            if row.meeting_dates and (dates.start(row.meeting_dates) or "") > latest:
                raise UsageError(
                    f"{flag(option, 'draft')} {given} is before {path}'s line {row.line}, "
                    f"which dates its meeting {row.meeting_dates}: a table is published and "
                    "copied after the meetings it reports. Give a later date."
                )


def _summary(draft: Any, page: Page) -> str:
    """What a draft holds, in one sentence; then what the page holds that it left out:
    its HTML tables (drafted as CSV) and its menus' items (page.Page)."""
    from collections import Counter

    types = Counter(r.type.type for r in draft.records)
    inferred = sum(1 for r in draft.records if r.place is not None and r.place.reason)
    without = sum(1 for r in draft.records if r.place is None)

    parts = ", ".join(f"{n} {t}" for t, n in sorted(types.items()))
    return (
        f"{counted(len(draft.records), 'record')} from "
        f"{counted(len(draft.lists), 'list')} and "
        f"{counted(len(draft.paragraphs), 'paragraph')}: types proposed ({parts}), "
        f"{counted(inferred, 'country or region', 'countries or regions')} inferred, "
        f"{without} without a country: check them (inferred)."
        + (
            " Not read: "
            + counted(
                page.tables, "HTML table or definition list", "HTML tables or definition lists"
            )
            + " (if one lists partners, save it as CSV and draft that file)."
            if page.tables
            else ""
        )
        + (
            f" Left out: {counted(page.menu_items, 'item')} of the site's menus, header, "
            "footer, contact lines or social network links, or with no letter."
            if page.menu_items
            else ""
        )
        + (
            f" Left out: {counted(page.footnotes, 'footnote')} (not partners; check "
            "whether one says something of a partner)."
            if page.footnotes
            else ""
        )
    )
