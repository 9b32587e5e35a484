"""One self-contained HTML page about the party's international relations.

The party, a summary in numbers, the timeline, the map, the network, the spectrum, the
partner table (sortable and filterable by a small inline script; the table reads fine
without it), people, contacts and the sources. No request leaves the page: figures are
inline SVG with text alternatives, styles inline, system fonts. It follows the reader's
light or dark scheme and prints on paper without the controls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import query
from . import View, cell
from .figures import (
    esc,
    graph_figure,
    spectrum_figure,
    timeline_figure,
)
from .marks import mark_view

if TYPE_CHECKING:
    from ..data.load import Dataset

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
th button { all: inherit; cursor: pointer; }
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
  input.addEventListener('input', function () {
    var q = input.value.toLowerCase();
    var n = 0;
    rows.forEach(function (row) {
      var hit = row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !hit;
      if (hit) { n += 1; }
    });
    count.textContent = n;
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var button = th.querySelector('button');
    button.addEventListener('click', function () {
      var up = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
        c.removeAttribute('aria-sort');
      });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return up ? r : -r;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
})();
"""


def _table(view: View, table_id: str = "") -> str:
    ident = f' id="{table_id}"' if table_id else ""
    heads = "".join(
        f'<th scope="col"><button type="button">{esc(c)}</button></th>'
        if table_id
        else f'<th scope="col">{esc(c)}</th>'
        for c in view.columns
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell(r.get(c)))}</td>" for c in view.columns) + "</tr>\n"
        for r in view.records
    )
    return f"<table{ident}>\n<thead><tr>{heads}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def _notes(view: View) -> str:
    from .marks import footnote

    return "".join(f'<p class="note">{esc(line.strip())}</p>' for line in footnote(view, False))


def _marked(view: View) -> View:
    return mark_view(view, view.columns, ascii=False)


def build_report(ds: Dataset) -> str:
    """The whole page as HTML."""
    from . import views

    source = query.source_line(ds)
    party = ds.raw["party"]
    src = ds.raw["source"]
    partners = [query.partner_record(o, ds.list_headings) for o in ds.raw_partners]
    partner_view = _marked(
        View(
            partners,
            ["name", "type", "country", "region", "list", "position", "left_right"],
            title="Partners",
        )
    )
    timeline = query.timeline(ds, query.TimelineFilter())
    bands = query.status_bands(ds)
    timeline_view = _marked(views.timeline_view(timeline, bands))
    rows, home, apart = query.map_data(ds, query.PartnerFilter())
    map_view = views.map_view(rows, home, apart)
    _, drawing = query.network(ds)
    spectrum_view = _marked(views.spectrum_view(query.spectrum(ds, query.PartnerFilter())))
    people_view = _marked(
        View(query.people(ds), ["name", "posts", "delegations_led"], title="People")
    )
    contacts = query.contacts(ds)
    contact_view = _marked(
        View(contacts, ["label", "formatted", "restriction", "office", "note"], title="Contacts")
    )
    linked = sum(1 for p in partners if p["identifiers"])
    numbers = [
        (len(partners), "partners"),
        (len({p["country_code"] for p in partners if p["country_code"]}), "countries"),
        (sum(1 for p in partners if p["type"] == "party"), "parties"),
        (sum(1 for p in partners if p["type"] == "international"), "internationals"),
        (sum(1 for p in partners if p["type"] == "npo"), "non-profit organisations"),
        (len(ds.raw_events), "events"),
        (len(ds.raw_people), "people"),
        (linked, "partners with Party Facts ids"),
    ]
    status = bands[-1]["status"] if bands else None
    sections = [
        f"<header>\n<h1>{esc(party['name'])}: international relations</h1>\n"
        f'<p class="lead">{esc(party.get("description") or "")}'
        + (
            f" Its current standing in {esc(bands[-1]['organization'])}: {esc(status)} member."
            if status
            else ""
        )
        + "</p>\n</header>",
        '<section aria-labelledby="h-numbers">\n<h2 id="h-numbers">In numbers</h2>\n'
        '<ul class="numbers">'
        + "".join(f"<li><strong>{n}</strong>{esc(label)}</li>" for n, label in numbers)
        + "</ul>\n</section>",
        _figure_section("timeline", "Timeline", timeline_figure(timeline_view, bands, source)),
        _figure_section("map", "Where the partners are", _map(map_view, source)),
        _figure_section("network", "Network", graph_figure(drawing, source)),
        _figure_section("spectrum", "Left and right", spectrum_figure(spectrum_view, source)),
        '<section aria-labelledby="h-partners">\n<h2 id="h-partners">Partners</h2>\n'
        '<label for="filter" class="noprint">Filter the partners: '
        '<input type="search" id="filter" placeholder="name, country, type…"></label>\n'
        f'<p class="note noprint"><span id="shown">{len(partners)}</span> of {len(partners)} '
        "shown; click a column heading to sort.</p>\n"
        + _table(partner_view, "partners")
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
        f"<li>{esc(src['title'])}, {esc(src['site'])} (© {esc(src['copyright'])}). "
        f"{esc(src.get('note') or '')}</li>"
        "<li>Identifiers, usual names and left-right positions: Party Facts (Döring and "
        "Regel 2019, Party Politics 25(2)), Wikipedia tags (Herrmann and Döring 2021).</li>"
        "<li>Map outlines: pygal_maps_world (LGPL-3.0+).</li></ul>\n"
        '<p class="note">† marks a value the page does not state; each is explained where '
        "it appears.</p>\n</section>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(party['name'])}: international relations</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(sections)
        + f"\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


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
