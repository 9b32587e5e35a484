"""One self-contained HTML page about the party's international relations.

The party, a summary in numbers, the timeline, the map, the network, the spectrum, the
partner table (sortable and filterable by a small inline script; the table reads fine
without it), people, contacts and the sources. No request leaves the page: figures are
inline SVG with text alternatives, styles inline, system fonts. It follows the reader's
light or dark scheme and prints on paper without the controls.

The page says when it was made (UTC; `SOURCE_DATE_EPOCH` fixes the time, for output that
is the same byte for byte), by which version of partyintl, and as of when its data holds
(the file's as-of date, and each source's own): nothing on it is "current". The partner
table's filter finds what `partners --search` finds: each row carries the text the search
looks in, and the script folds what is typed by the same rules (query.search_rules).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..data import dates
from ..data.enums import PARTNER_TYPE_WORDS
from ..query.names import scheme_ids
from ..query.search import SEARCHED
from ..structs import Struct
from ..words import counted
from .figures import (
    esc,
    graph_figure,
    spectrum_figure,
    timeline_figure,
)
from .marks import mark_view
from .view import View, cell

if TYPE_CHECKING:
    from ..query.records import (
        BandRecord,
        ContactRecord,
        CountryRecord,
        PartnerRecord,
        PersonRecord,
        SourceRecord,
        SpectrumRecord,
        TimelineRecord,
    )

CSS = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --muted: #555555;
  --line: #c8c8c8; --head: #f0f0f0; --accent: #0057a0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181c; --fg: #ececec; --muted: #b4b4b4; --line: #444a52; --head: #252a31;
    --accent: #7fb7ff; }
  figure svg { background: #ffffff; border-radius: 4px; }
}
body { font-family: DejaVu Sans, Liberation Sans, Arial, sans-serif; background: var(--bg);
  color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
a { color: var(--accent); }
.lead, .note, figcaption { color: var(--muted); }
.numbers { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
.numbers li { border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 1rem; }
.numbers strong { display: block; font-size: 1.6rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: var(--head); }
td.nowrap, th.nowrap { white-space: nowrap; }
.wide { overflow-x: auto; }
#partners td:first-child { font-size: 0.8rem; }
.made { font-size: 0.9rem; }
th button { all: inherit; border: 0; padding: 0; cursor: pointer; }
label { display: block; margin: 0.6rem 0; }
input[type=search] { font: inherit; padding: 0.25rem 0.4rem; min-width: 18rem; }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --line: #999999; --head: #eeeeee; }
  body { max-width: none; padding: 0; }
  label[for=filter], .noprint { display: none; }
  figure, table { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""

SCRIPT = """
(function () {
  var table = document.getElementById('partners');
  var input = document.getElementById('filter');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById('shown');
  var rules = JSON.parse(document.getElementById('search-rules').textContent);
  var drop = new RegExp(rules.drop, 'g');
  var combining = new RegExp(rules.combining, 'gu');
  // query/search.py's fold and search_key, step by step, with its rules as data.
  function fold(text) {
    return text.normalize('NFKD').replace(combining, '').toLowerCase()
      .replace(/\u00df/g, 'ss').replace(/\u03c2/g, '\u03c3').replace(drop, ' ').trim();
  }
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(rules.spellings, word)) {
      word = rules.spellings[word];
    }
    for (var i = 0; i < rules.suffixes.length; i += 1) {
      var suffix = rules.suffixes[i];
      if (word.endsWith(suffix) && word.length > suffix.length + 3) {
        word = word.slice(0, -suffix.length);
        break;
      }
    }
    if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) {
      word = word.slice(0, -1);
    }
    if (word.endsWith('ic') && word.length > 6) { word = word.slice(0, -2); }
    return word;
  }
  function key(text) {
    return fold(text).split(' ').filter(Boolean).map(stem).join(' ');
  }
  input.addEventListener('input', function () {
    var q = input.value;
    var needle = key(q), folded = fold(q);
    var n = 0;
    rows.forEach(function (row) {
      var hay = row.getAttribute('data-search');
      var hit = q === '' || hay.indexOf(needle) !== -1 || hay.indexOf(folded) !== -1;
      row.hidden = !hit;
      if (hit) { n += 1; }
    });
    count.textContent = n.toLocaleString('en-US');
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var button = th.querySelector('button');
    button.addEventListener('click', function () {
      var up = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
        c.removeAttribute('aria-sort');
      });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-sort');
        var y = b.cells[col].getAttribute('data-sort');
        if (x === '' || y === '') { return (x === '') - (y === ''); }  // blanks last, always
        var r = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return up ? r : -r;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
})();
"""


#: Columns whose values are never broken across lines (numbers, dates, ids).
NOWRAP = frozenset(
    ("formatted", "position", "left_right", "partyfacts", "wikidata", "date", "start_date")
)
#: Column headings for people.
HEADINGS = {
    "formatted": "number",
    "position": "#",
    "left_right": "left-right score",
    "partyfacts": "Party Facts",
    "wikidata": "Wikidata",
    "delegations_led": "delegations led",
}
#: Where an id of each scheme leads.
LINKS = {
    "partyfacts": "https://partyfacts.herokuapp.com/data/partycodes/{}/",
    "wikidata": "https://www.wikidata.org/wiki/{}",
}
#: The partner table's columns.
PARTNER_COLUMNS = (
    "id",
    "name",
    "type",
    "country",
    "region",
    "list",
    "position",
    "left_right",
    "ideology",
    "partyfacts",
    "wikidata",
    "sources",
)
NUMBERS = frozenset(("position", "left_right"))


def _nowrap(column: str) -> str:
    return ' class="nowrap"' if column in NOWRAP else ""


def _table(view: View) -> str:
    heads = "".join(
        f'<th scope="col"{_nowrap(c)}>{esc(HEADINGS.get(c, c))}</th>' for c in view.columns
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{_nowrap(c)}>{esc(cell(r.get(c)))}</td>" for c in view.columns)
        + "</tr>\n"
        for r in view.records
    )
    return (
        f'<div class="wide">\n<table>\n<thead><tr>{heads}</tr></thead>\n<tbody>\n{body}'
        "</tbody>\n</table>\n</div>"
    )


def _partner_table(view: View, raw: list[dict[str, Any]], search_texts: list[str]) -> str:
    """The sortable, filterable partner table: ids, links to Party Facts and Wikidata,
    ideology and score; each row with the text `--search` looks in, each cell with the
    value it sorts by (blanks sort last)."""
    heads = "".join(
        f'<th scope="col"{_nowrap(c)}'
        + (' data-type="number"' if c in NUMBERS else "")
        + f'><button type="button">{esc(HEADINGS.get(c, c))}</button></th>'
        for c in PARTNER_COLUMNS
    )
    rows = []
    for shown, org, text_searched in zip(view.records, raw, search_texts, strict=True):
        cells = []
        for c in PARTNER_COLUMNS:
            if c in LINKS:
                ids = scheme_ids(shown, c)
                sort = ids[0] if ids else ""
                if ids:  # ids sort by their number: Q49768 before Q507343
                    sort = f"{int(ids[0].lstrip('Q')):012d}"
                text = ", ".join(f'<a href="{esc(LINKS[c].format(i))}">{esc(i)}</a>' for i in ids)
            else:
                value = shown.get(c)
                sort = cell(org.get(c) if c in org else value)
                if c == "position":
                    sort = cell((org.get("listing") or {}).get("position"))
                text = esc(cell(value))
            cells.append(f'<td{_nowrap(c)} data-sort="{esc(sort)}">{text}</td>')
        search = esc(text_searched)
        rows.append(f'<tr data-search="{search}">' + "".join(cells) + "</tr>\n")
    return (
        f'<div class="wide">\n<table id="partners">\n<thead><tr>{heads}</tr></thead>\n'
        "<tbody>\n" + "".join(rows) + "</tbody>\n</table>\n</div>"
    )


def _notes(view: View) -> str:
    from .marks import footnote

    return "".join(f'<p class="note">{esc(line.strip())}</p>' for line in footnote(view, False))


def _marked(view: View) -> View:
    return mark_view(view, view.columns, ascii=False)


class ReportContent(Struct):
    """What the page shows, as the commands' queries answer it (commands.report_content
    gathers it): records and rows only, no Dataset."""

    __slots__ = (
        "party",
        "source_line",
        "as_of",
        "year",
        "partners",
        "raw_partners",
        "search_texts",
        "list_notes",
        "timeline",
        "bands",
        "source_labels",
        "map_rows",
        "home",
        "placed",
        "network",
        "spectrum",
        "people",
        "contacts",
        "sources",
        "search_rules",
        "events",
    )

    def __init__(
        self,
        *,
        party: dict[str, Any],
        source_line: str,
        as_of: str,
        year: str | None,
        partners: list[PartnerRecord],
        raw_partners: list[dict[str, Any]],
        search_texts: list[str],
        list_notes: list[str],
        timeline: list[TimelineRecord],
        bands: list[BandRecord],
        source_labels: dict[str, str],
        map_rows: list[CountryRecord],
        home: str | None,
        placed: list[tuple[str, str | None]],
        network: dict[str, Any],
        spectrum: list[SpectrumRecord],
        people: list[PersonRecord],
        contacts: list[ContactRecord],
        sources: list[SourceRecord],
        search_rules: dict[str, Any],
        events: int,
    ) -> None:
        #: The party's JSON; the line under every figure; the file's as-of date and its
        #: year (query.as_of).
        self.party = party
        self.source_line = source_line
        self.as_of = as_of
        self.year = year
        #: Partner records, the same partners as JSON (sort values), the text `--search`
        #: looks in for each, and a sentence per source the lists come from.
        self.partners = partners
        self.raw_partners = raw_partners
        self.search_texts = search_texts
        self.list_notes = list_notes
        #: The timeline's entries, the party's status periods, each source in a few words.
        self.timeline = timeline
        self.bands = bands
        self.source_labels = source_labels
        #: query.map_data's three parts.
        self.map_rows = map_rows
        self.home = home
        self.placed = placed
        #: The network arranged for drawing (render/network.py).
        self.network = network
        self.spectrum = spectrum
        self.people = people
        self.contacts = contacts
        #: The rows of `sources`; query.search_rules; how many events the file holds.
        self.sources = sources
        self.search_rules = search_rules
        self.events = events


#: The most rows the page's partner table has: a page of 20,000 rows weighed 15 MB and
#: took a browser seconds to open; the rest are said, with the command that lists them.
REPORT_PARTNERS = 1_000


def build_report(content: ReportContent, made: datetime | None = None) -> str:
    """The whole page as HTML, saying it was made at `made` (UTC; default now)."""
    from .._version import __version__
    from . import views

    source = content.source_line
    party = content.party
    partners = content.partners
    partner_view = _marked(View(partners, list(PARTNER_COLUMNS), title="Partners"))
    timeline = content.timeline
    bands = content.bands
    timeline_view = _marked(
        views.timeline_view(timeline, bands, content.year, content.source_labels)
    )
    name = party["name"]
    map_view = views.map_view(content.map_rows, content.home, content.placed)._replace(
        caption=f"{name}: where its partners are"
    )
    drawing = content.network
    spectrum_view = _marked(views.spectrum_view(content.spectrum))
    people_view = _marked(
        View(content.people, ["name", "posts", "delegations_led", "sources"], title="People")
    )
    contact_view = _marked(
        View(
            content.contacts,
            ["label", "formatted", "restriction", "office", "note", "sources"],
            title="Contacts",
        )
    )
    every = content.raw_partners  # the table shows the first REPORT_PARTNERS of them
    linked = sum(1 for p in every if p.get("identifiers"))
    numbers = [
        (len(every), "partners"),
        (len({p["country_code"] for p in every if p.get("country_code")}), "countries"),
        *(
            (sum(1 for p in every if p["type"] == kind), many)
            for kind, (_, many) in PARTNER_TYPE_WORDS.items()
        ),
        (content.events, "events"),
        (len(content.people), "people"),
        (linked, "partners with Party Facts ids"),
    ]
    as_of = dates.long_date(content.as_of)
    when = (made or datetime.now(timezone.utc)).astimezone(timezone.utc)
    last_bands = _last_bands(bands)
    band_view = _marked(View(last_bands, ["start_date", "end_date"]))
    standing_notes = _notes(band_view) if last_bands else ""
    standing = "".join(f" {esc(line)}" for line in standings(band_view.records))
    sections = [
        f"<header>\n<h1>{esc(party['name'])}: international relations</h1>\n"
        f'<p class="lead">{esc(party.get("description") or "")}{standing}</p>\n'
        + standing_notes
        + "\n"
        f'<p class="made note">Made <time datetime="{when:%Y-%m-%dT%H:%M:%SZ}">'
        f"{when:%Y-%m-%d %H:%M} UTC</time> by partyintl {esc(__version__)}. The data holds "
        f"as of {esc(as_of)}; each source holds as of its own date (see Sources).</p>\n"
        "</header>",
        '<section aria-labelledby="h-numbers">\n<h2 id="h-numbers">In numbers</h2>\n'
        '<ul class="numbers">'
        + "".join(f"<li><strong>{n:,}</strong>{esc(label)}</li>" for n, label in numbers)
        + "</ul>\n</section>",
        _figure_section(
            "timeline",
            "Timeline",
            timeline_figure(
                timeline_view._replace(caption=f"{name}: timeline"), bands, source, content.year
            ),
        ),
        _figure_section("map", "Where the partners are", _map(map_view, source)),
        _figure_section(
            "network",
            "Network",
            graph_figure(drawing, source, f"{name}: its international network"),
        ),
        _figure_section(
            "spectrum",
            "Left and right",
            spectrum_figure(
                spectrum_view._replace(
                    caption=f"{name}: the party and its partners on the left-right scale"
                ),
                source,
            ),
        ),
        '<section aria-labelledby="h-partners">\n<h2 id="h-partners">Partners</h2>\n'
        + "".join(f'<p class="note">{esc(n)}</p>\n' for n in content.list_notes)
        + _more_partners(len(partners), len(every))
        + '<label for="filter" class="noprint">Filter the partners: '
        f'<input type="search" id="filter" placeholder="{esc(SEARCHED)}…"></label>\n'
        f'<p class="note noprint"><span id="shown">{len(partners):,}</span> of {len(partners):,} '
        "shown; click a column heading to sort.</p>\n"
        + _partner_table(partner_view, every[: len(partners)], content.search_texts)
        + _notes(partner_view)
        + "\n</section>",
        '<section aria-labelledby="h-people">\n<h2 id="h-people">People</h2>\n'
        + _table(people_view)
        + _notes(people_view)
        + "\n</section>",
        '<section aria-labelledby="h-contacts">\n<h2 id="h-contacts">Contacts</h2>\n'
        + _table(contact_view)
        + _notes(contact_view)
        + "\n</section>",
        '<section aria-labelledby="h-sources">\n<h2 id="h-sources">Sources</h2>\n<ul>'
        + "".join(_source_item(row) for row in content.sources)
        + "<li>Map outlines: pygal_maps_world (LGPL-3.0+).</li></ul>\n"
        '<p class="note">† marks a value no source states; each is explained where '
        "it appears.</p>\n</section>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(party['name'])}: international relations</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(sections)
        + "\n</main>\n"
        + '<script type="application/json" id="search-rules">'
        + json.dumps(content.search_rules, ensure_ascii=False).replace("</", "<\\/")
        + f"</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _more_partners(shown: int, total: int) -> str:
    """What the page says when its table shows only the first `shown` of `total`."""
    if shown == total:
        return ""
    from ..cli.spec import flag

    return (
        f'<p class="note">The table shows the first {shown:,} of the {total:,} partners, in '
        "the file's order, and its filter finds among them; for all of them, ask the same "
        f"data file: <code>partyintl partners {flag('fmt', 'partners')} html</code> (or "
        "<code>csv</code>).</p>\n"
    )


def _last_bands(bands: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The last status period of each membership."""
    last: dict[str, Mapping[str, Any]] = {}
    for band in bands:
        last[band["organization_id"]] = band
    return list(last.values())


def standings(bands: Sequence[Mapping[str, Any]]) -> list[str]:
    """The party's last standing in each international (`bands`: the last of each), with
    the date it holds as of: never 'current' without a date."""
    lines = []
    for band in bands:
        org = band["organization"]
        start = band["start_date"] or "an undated start"
        if band.get("end_status") or band.get("end_date"):
            when = _long(band["end_date"]) if band["end_date"] else "an undated day"
            what = band.get("end_status") or "ended"
            cited = ", ".join(dict.fromkeys(c["source"] for c in band.get("end_sources") or ()))
            lines.append(
                f"Its membership of the {org} {what} on {when}, after {band['status']} status "
                f"from {start}: {band['end_reason']}" + (f" (source: {cited})" if cited else "")
            )
        elif band.get("as_of"):
            lines.append(
                f"Its standing in the {org} as of {dates.long_date(band['as_of'])}: "
                f"{band['status']} member since {start}."
            )
        else:
            lines.append(
                f"Its last known standing in the {org}: {band['status']} member from "
                f"{start}; no source dates it later."
            )
    return lines


def _long(date: str) -> str:
    """A date in words ('7 March 2022'), its mark kept when it is inferred ('2012†')."""
    bare = dates.unmarked(date)
    return dates.long_date(bare) + date[len(bare) :]


def _source_item(row: SourceRecord) -> str:
    """One source in the Sources list: title (linked), publisher, dates, terms, facts."""
    url = row.get("url") or ""
    link = url if url.startswith(("http://", "https://")) else ""
    title = f'<a href="{esc(link)}">{esc(row["title"])}</a>' if link else esc(row["title"])
    bits = [f"{esc(row['publisher'])}"]
    if not link and url:
        bits.append(esc(url))
    for when, label in (
        (row["published"], "published"),
        (row["as_of"], "as of"),
        (row["retrieved"], "read"),
    ):
        if when:
            bits.append(f"{label} {esc(when)}")
    if row.get("commit"):
        bits.append(f"commit {esc(row['commit'])}")
    terms = row.get("licence") or row.get("terms")
    text = f"<li><strong>{esc(row['id'])}</strong>: {title}. {', '.join(bits)}."
    if terms:
        text += f" Terms: {esc(terms)}"
    if row.get("note"):
        text += f" {esc(row['note'])}"
    return text + f" Cited by {counted(row['facts'], 'fact')}.</li>"


def _map(view: View, source: str) -> str:
    return view.figure(view, source) if view.figure else ""


def _figure_section(ident: str, title: str, svg: str) -> str:
    # The SVG's own <title> and <desc> are its text alternative (role="img").
    svg = svg.replace('id="t"', f'id="{ident}-t"').replace('id="d"', f'id="{ident}-d"')
    svg = svg.replace('aria-labelledby="t d"', f'aria-labelledby="{ident}-t {ident}-d"')
    return (
        f'<section aria-labelledby="h-{ident}">\n<h2 id="h-{ident}">{esc(title)}</h2>\n'
        f"<figure>\n{svg}</figure>\n</section>"
    )
