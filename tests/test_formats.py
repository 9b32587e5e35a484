"""Every output format for every command, field selection, and round-trips."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from conftest import run_cli
from partyintl import Dataset, query
from partyintl.errors import FigureTooBig
from partyintl.render import views
from partyintl.render.figures import MAX_SVG_ROWS
from partyintl.render.formats import for_format, render
from partyintl.render.view import TEXT_FORMATS, OutputFormat, RenderContext, View, cell

COMMANDS: dict[str, Callable[[Dataset], View]] = {
    "partners": lambda ds: views.partners_view(
        [query.partner_record(o) for o in query.filter_partners(ds, query.PartnerFilter())]
    ),
    "show": lambda ds: views.show_view(query.show_org(ds, ds.orgs["socialist-international"])),
    "countries": lambda ds: views.countries_view(query.country_counts(ds)),
    "timeline": lambda ds: views.timeline_view(
        query.timeline(ds, query.TimelineFilter()),
        query.status_bands(ds),
    ),
    "people": lambda ds: views.people_view(query.people(ds)),
    "contacts": lambda ds: views.contacts_view(query.contacts(ds)),
}


SEEN_IN_TABLE = {
    "partners": "São Paulo Forum",
    "show": "Socialist International",
    "countries": "Germany",
    "timeline": "2008-06-30",
    "people": "Sergei Mironov",
    "contacts": "+7 495 787-85-15",
}


@pytest.mark.parametrize("fmt", list(TEXT_FORMATS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_format_renders_every_command(ds: Dataset, command: str, fmt: OutputFormat) -> None:
    view = for_format(COMMANDS[command](ds), fmt)
    if fmt is OutputFormat.SVG and len(view.records) > MAX_SVG_ROWS and not view.figure:
        with pytest.raises(FigureTooBig) as info:
            render(view, fmt, RenderContext(width=120))
        assert (info.value.what, info.value.most) == (
            f"{len(view.records)} rows",
            f"at most {MAX_SVG_ROWS}",
        )
        return
    out = render(view, fmt, RenderContext(width=120))
    assert out.endswith("\n")
    n = len(view.records)
    if fmt is OutputFormat.JSON:
        parsed = json.loads(out)
        assert parsed == (view.records[0] if view.single else view.records)
    elif fmt is OutputFormat.JSONL:
        assert [json.loads(line) for line in out.splitlines()] == view.records
    elif fmt in (OutputFormat.CSV, OutputFormat.CSV_EXCEL):
        if fmt is OutputFormat.CSV_EXCEL:  # CSV after a byte-order mark, for Excel, with
            # formulas neutralised (tests/test_pipes.py): the same cells but an apostrophe.
            assert out.startswith("\ufeff")
            plain = render(view, OutputFormat.CSV, RenderContext(width=120))
            out = out[1:]
            for a, b in zip(_csv_cells(out), _csv_cells(plain), strict=True):
                assert a in (b, "'" + b)
        rows = list(csv.reader(io.StringIO(out, newline="")))
        assert rows[0] == view.valid_fields()
        assert len(rows) == n + 1
    elif fmt in (OutputFormat.PLAIN, OutputFormat.TSV):
        lines = out.splitlines()
        assert len(lines) == n
        assert all(line.count("\t") == len(view.columns) - 1 for line in lines)
    elif fmt is OutputFormat.MARKDOWN and view.single:  # one record: field | value rows
        lines = out.splitlines()
        assert lines[:2] == ["| field | value |", "| --- | --- |"]
        shown = [c for c in view.columns if view.records[0].get(c) not in (None, "", [])]
        assert [line.split(" | ")[0][2:] for line in lines[2:]] == [
            c.replace("_", "\\_") for c in shown
        ]
    elif fmt is OutputFormat.MARKDOWN:
        assert out.splitlines()[0] == "| " + " | ".join(view.columns) + " |"
        assert len(out.splitlines()) == n + 2
    elif fmt is OutputFormat.SVG:
        assert out.lstrip().startswith("<svg") and out.rstrip().endswith("</svg>")
    elif fmt is OutputFormat.HTML:
        assert out.lstrip().startswith("<!DOCTYPE html>")
    else:
        assert fmt is OutputFormat.TABLE
        assert "\x1b[" not in out
        assert SEEN_IN_TABLE[command] in out


def _csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def test_csv_round_trips_to_the_same_records(ds: Dataset) -> None:
    view = COMMANDS["partners"](ds)
    out = render(view, OutputFormat.CSV, RenderContext())
    assert "\r\n" in out
    back = list(csv.DictReader(io.StringIO(out, newline="")))
    assert back == [{k: cell(view.value(r, k)) for k in view.valid_fields()} for r in view.records]
    spd = next(row for row in back if row["id"] == "spd")  # one column per id scheme
    assert (spd["partyfacts"], spd["wikidata"], spd["manifesto"]) == ("383", "Q49768", "41320")


def test_jsonl_round_trips(ds: Dataset) -> None:
    view = COMMANDS["timeline"](ds)
    out = render(view, OutputFormat.JSONL, RenderContext())
    assert [json.loads(line) for line in out.splitlines()] == view.records


def test_default_is_plain_when_piped() -> None:
    result = run_cli("partners", "--country", "NL")
    assert result.stdout == (  # the last column lists what is inferred: nothing here
        "npo\t9\talfred-mozer-foundation\tAlfred Mozer Foundation\tnpo\tNetherlands\tNL\t\t\n"
    )


def test_fields_pick_and_order_in_every_format() -> None:
    assert run_cli("partners", "-c", "NL", "--fields", "country_code,name").stdout == (
        "NL\tAlfred Mozer Foundation\n"
    )
    assert run_cli("partners", "-c", "NL", "--fields", "country_code,name", "--json").stdout == (
        '[{"country_code":"NL","name":"Alfred Mozer Foundation"}]\n'
    )
    assert run_cli("partners", "-c", "NL", "--fields", "name", "-f", "csv").stdout == (
        "name\r\nAlfred Mozer Foundation\r\n"
    )
    assert run_cli("partners", "-c", "NL", "--fields", "id", "-f", "markdown").stdout == (
        "| id |\n| --- |\n| alfred-mozer-foundation |\n"
    )


def test_unknown_field_exits_2_listing_valid_ones() -> None:
    result = run_cli("partners", "--fields", "name,colour")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "partyintl: error: Unknown field 'colour'. Valid fields: id, "
        "name, type, kind, country, country_code, region, list,"
    )


@pytest.mark.parametrize("value", [[], [","], [" , "]])
def test_fields_alone_lists_them(value: list[str]) -> None:
    result = run_cli("countries", "--fields", *value)
    assert result.stdout.splitlines() == [
        "country",
        "country_code",
        "region",
        "partners",
        "party",
        "international",
        "npo",
        "inferred",
    ]


def test_csv_lists_are_joined() -> None:
    out = run_cli("partners", "-c", "SV", "-f", "csv", "--fields", "id,other_names").stdout
    assert out == (
        "id,other_names\r\nfmln,FMLN; Frente Farabundo Martí para la Liberación Nacional\r\n"
    )


def test_pictures_as_svg_and_html() -> None:
    svg = run_cli("timeline", "--format", "svg")
    assert svg.returncode == 0 and svg.stdout.startswith("<svg")
    assert "observer" in svg.stdout
    html = run_cli("countries", "--format", "html")
    assert "Germany" in html.stdout and html.stdout.startswith("<!DOCTYPE html>")
