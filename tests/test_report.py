"""The report page: what it says of itself, its partner table's filter, sort and links.

The browser tests run the page in headless Chromium (playwright, the system's Chromium) and
generate their cases from the data: every filter text drawn from the partners' names, ids
and other names (whole, in part, in other case, without accents) must show the rows that
`partners --search` finds; every column sorted both ways keeps its blanks last.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import needs_chromium, run_cli
from partyintl import __version__, load_dataset
from partyintl.query import PartnerFilter, filter_partners

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def _page(tmp_path: Path, env: dict[str, str] | None = None) -> str:
    out = tmp_path / "report.html"
    result = run_cli("report", "-o", str(out), env=env or EPOCH)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def _text(html: str) -> str:
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_the_page_says_when_by_what_and_as_of_when(tmp_path: Path) -> None:
    text = _text(_page(tmp_path))
    assert (
        f"Made 2023-11-14 22:13 UTC by partyintl {__version__}. The data holds as of 7 March "
        "2022; each source holds as of its own date (see Sources)."
    ) in text
    assert (
        "Its membership of the Socialist International ended on 7 March 2022, after full "
        "status from 2012-08-30: The Socialist International ended the membership over the "
        "party's support for Russia's war against Ukraine. (source: "
        "si-press-release-2022-03-07)"
    ) in text
    assert not re.search(r"\bcurrent", _page(tmp_path), re.IGNORECASE)


def test_source_date_epoch_makes_the_page_reproducible(tmp_path: Path) -> None:
    first = _page(tmp_path)
    assert _page(tmp_path) == first
    assert '<time datetime="2023-11-14T22:13:20Z">' in first


@pytest.mark.parametrize("epoch", ["yesterday", "-5", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_usage_error(tmp_path: Path, epoch: str) -> None:
    out = tmp_path / "report.html"
    result = run_cli("report", "-o", str(out), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 2
    assert result.stderr.startswith(f"partyintl: error: SOURCE_DATE_EPOCH is '{epoch}': ")
    assert "Traceback" not in result.stderr and not out.exists()


def test_the_partner_table_has_ids_links_ideology_and_score(tmp_path: Path) -> None:
    html = _page(tmp_path)
    table = html[html.index('<table id="partners">') :]
    table = table[: table.index("</table>")]
    heads = re.findall(r"<button type=\"button\">([^<]+)</button>", table)
    assert heads == [
        "id",
        "name",
        "type",
        "country",
        "region",
        "list",
        "#",
        "left-right score",
        "ideology",
        "Party Facts",
        "Wikidata",
        "sources",
    ]
    spd = next(r for r in table.split("<tr ") if '<td data-sort="spd">' in r)
    assert '<a href="https://partyfacts.herokuapp.com/data/partycodes/383/">383</a>' in spd
    assert '<a href="https://www.wikidata.org/wiki/Q49768">Q49768</a>' in spd
    assert 'data-sort="-0.4">' in spd or "left-wing" in spd or "social democracy" in spd


def _queries(ds: Any) -> Iterator[str]:
    """Filter texts from the data: ids, names and other names whole and in part, in upper
    case and without accents, single words, and the issue's examples."""
    rng = random.Random(15)
    yield from ("SPD", "social democratic", "labour", "Germany", "", "  ", "zzz", "Sozial")
    for org in ds.raw_partners:
        names = [org["name"], org["id"], *(o["name"] for o in org.get("other_names", ()))]
        for name in names:
            yield name
            words = name.split()
            yield rng.choice(words).upper()
            bare = unicodedata.normalize("NFKD", name)
            yield "".join(c for c in bare if not unicodedata.combining(c))
            if len(name) > 6:
                start = rng.randrange(len(name) - 4)
                yield name[start : start + rng.randrange(3, 8)]


@needs_chromium
def test_the_partner_table_in_a_real_browser(tmp_path: Path, browser: Any) -> None:
    ds = load_dataset()
    page_path = tmp_path / "report.html"
    page_path.write_text(_page(tmp_path), encoding="utf-8")
    queries = list(dict.fromkeys(_queries(ds)))
    assert len(queries) > 200
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        # The filter finds what --search finds, for every query drawn from the data.
        found = page.evaluate(
            """queries => queries.map(q => {
                const input = document.getElementById('filter');
                input.value = q;
                input.dispatchEvent(new Event('input'));
                return [...document.querySelectorAll('#partners tbody tr')]
                    .filter(r => !r.hidden).map(r => r.cells[0].getAttribute('data-sort'));
            })""",
            queries,
        )
        every = [o["id"] for o in ds.raw_partners]
        for query, ids in zip(queries, found, strict=True):
            if not any(c.isalnum() for c in query):  # --search refuses it; the box hides none
                assert sorted(ids) == sorted(every), query
                continue
            wanted = [o["id"] for o in filter_partners(ds, PartnerFilter(search=query))]
            assert sorted(ids) == sorted(wanted), query
        assert found[0] == ["spd"]  # "SPD", an other name
        page.fill("#filter", "")
        # Every column, sorted up and down: blanks last both ways, the rest in order.
        columns = page.eval_on_selector_all("#partners thead th", "els => els.length")
        for col in range(columns):
            for _ in ("ascending", "descending"):
                page.click(f"#partners thead th:nth-child({col + 1}) button")
                values = page.eval_on_selector_all(
                    f"#partners tbody tr td:nth-child({col + 1})",
                    "els => els.map(e => e.getAttribute('data-sort'))",
                )
                filled = [v for v in values if v != ""]
                assert values == filled + [""] * (len(values) - len(filled)), col
        # Contact numbers never wrap, even on a narrow screen.
        page.set_viewport_size({"width": 420, "height": 900})
        lines = page.eval_on_selector_all(
            "#h-contacts ~ .wide td.nowrap",
            """els => els.map(e => {
                const r = document.createRange(); r.selectNodeContents(e);
                const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
                return [e.textContent, getComputedStyle(e).whiteSpace, tops.size];
            })""",
        )
        page.set_viewport_size({"width": 1200, "height": 900})
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    finally:
        page.close()
    assert errors == []
    numbers = [row for row in lines if row[0].startswith("+")]
    assert len(numbers) == 5
    assert all(style == "nowrap" and tops == 1 for _, style, tops in numbers), numbers


@pytest.mark.parametrize("partners", [999, 1_000, 12_345])
def test_the_numbers_are_grouped_in_thousands_as_the_figures_write_them(
    tmp_path: Path, partners: int
) -> None:
    """The "In numbers" boxes wrote 10000 beside figures that write 6,925."""
    import json
    import sys

    from conftest import ROOT
    from partyintl.render.report import REPORT_PARTNERS

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    data = tmp_path / "many.json"
    data.write_text(json.dumps(generate(partners)), encoding="utf-8")
    out = tmp_path / "report.html"
    result = run_cli("--data", str(data), "report", "-o", str(out), env=EPOCH)
    assert result.returncode == 0, result.stderr
    section = out.read_text("utf-8").split('<ul class="numbers">', 1)[1].split("</ul>", 1)[0]
    boxes = re.findall(r"<li><strong>([^<]*)</strong>([^<]*)</li>", section)
    assert (f"{partners:,}", "partners") in boxes
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", n) for n, _ in boxes), boxes
    page = out.read_text("utf-8")
    rows = min(partners, REPORT_PARTNERS)  # the table's cap
    assert f'<span id="shown">{rows:,}</span> of {rows:,} shown' in page
    assert "count.textContent = n.toLocaleString('en-US')" in page  # after a filter too
    # Counts in the figures' descriptions and the sources' citations are grouped too.
    for said in re.findall(
        r"(\d[\d,]*) (?:without a score|partners the map|partners on the)", page
    ):
        assert re.fullmatch(r"\d{1,3}(,\d{3})*", said), said
    for said in re.findall(r"Cited by (\d[\d,]*) facts?", page):
        assert re.fullmatch(r"\d{1,3}(,\d{3})*", said), said


@pytest.mark.parametrize("extra", [0, 1, 2, 7])
def test_the_partner_table_stops_at_its_cap_and_says_how_many_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: int
) -> None:
    """A report of 20,000 partners put every one in its table (15 MB; a browser took
    seconds to open it, 6 minutes at 100,000). The table shows at most REPORT_PARTNERS
    rows, in the file's order; when there are more it says how many and how to list them;
    the numbers count every partner. Checked at and around a cap lowered to the bundled
    file's size."""
    import json

    from conftest import DATA
    from partyintl.render import report

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    total = len(raw["partners"])
    monkeypatch.setattr(report, "REPORT_PARTNERS", total - extra)
    out = tmp_path / "r.html"
    done = run_cli("report", "-o", str(out), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    body = page.split('<table id="partners">', 1)[1].split("</table>", 1)[0]
    ids = re.findall(r'<tr data-search="[^"]*">', body)
    assert len(ids) == total - extra
    said = re.findall(
        r'<p class="note">The table shows the first ([\d,]+) of the ([\d,]+) partners', page
    )
    assert said == ([(f"{total - extra:,}", f"{total:,}")] if extra else [])
    assert f"<li><strong>{total:,}</strong>partners</li>" in page
    assert 'placeholder="names, other names and notes…"' in page


def test_the_readme_says_the_tables_cap_as_the_code_has_it() -> None:
    """The README gives the partner table's cap: the number is the code's (one truth)."""
    from conftest import ROOT
    from partyintl.render.report import REPORT_PARTNERS

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"The table holds the first {REPORT_PARTNERS:,} partners" in readme
