"""An answer with no records is an answer: the same fields, header and JSON shape as a full
one, and an honest figure (its title, "No partners match.", no invented axis), exit 0.

The generating test runs every command that takes --format, in every format, on questions
that match nothing (filters on the bundled data, and a data file with no partners, events,
people or contacts), in this process, and compares each with the full answer.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, captured
from partyintl import load_dataset, query
from partyintl.cli import interpret
from partyintl.cli.app import main as typer_main
from partyintl.cli.argv import normalise
from partyintl.cli.spec import SPEC
from partyintl.render.view import OutputFormat

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("empty") / "empty.json"
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    keep = {k: raw[k] for k in ("schema_version", "as_of", "sources", "party")}
    path.write_text(json.dumps({**keep, "partners": []}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run_here(*argv: str) -> tuple[int, bytes, str]:
    """Exit code, stdout bytes and stderr text of a command line, answered in this process
    as `partyintl` answers it (the fast path, else the Typer app)."""
    args = normalise(list(argv))
    with captured(tty=False) as (out, err):
        code = interpret.run(args)
        if code is None:
            code = typer_main(args)
    return code, out.getvalue(), err.getvalue().decode("utf-8")


#: The same, remembered: the files these tests read do not change while they run.
invoke = cache(run_here)


#: For each command: the note an empty answer gives, and questions that match nothing
#: (None stands for the data file without partners, events, people or contacts).
EMPTY: dict[str, tuple[str, list[tuple[str, ...] | None]]] = {
    "partners": (
        "No partners match.",
        [("-c", "Russia"), ("--ideology", "nonsense"), ("--left-right", "3..4"), None],
    ),
    "countries": ("No partners match.", [None]),
    "map": ("No partners match.", [None]),
    "graph": ("No ties.", [None]),
    # The party itself is always on its scale; its partners may all be filtered out.
    "spectrum": ("No partners match.", [("--region", "Africa"), None]),
    "timeline": (
        "No timeline entries match.",
        [("--until", "2000"), ("--org", "Progressive Alliance", "--until", "2011"), None],
    ),
    "people": ("No people.", [None]),
    "contacts": ("No contacts.", [None]),
    # Every region is known whatever the file; none holds a partner of the empty file.
    "regions": ("No regions.", [None]),
    # A file cites at least one source, whatever else it holds.
    "sources": ("No sources.", [None]),
    # The file to link is link's argument; its party is always there to link.
    "link": ("No organisation to link.", [(str(FIXTURES / "link-no-partners.json"),)]),
    "tags": ("No partner has a tag.", [None]),
    "memberships": (
        "No loaded data file records a membership of Party of European Socialists.",
        [("PES",)],
    ),
    "ties": ("No loaded data file lists Socialist International or is about it.", [("SI",)]),
    "shared": (
        "A JUST RUSSIA and Party of European Socialists list no partner in common. Party of "
        "European Socialists lists no partners in the loaded files: no file is about it.",
        [("A JUST RUSSIA", "PES")],
    ),
}
#: What a question says on stderr before the empty answer's note: a tag no partner has.
ASIDE = {
    ("--ideology", "nonsense"): "No partner has the tag 'nonsense'; `partyintl tags` lists "
    f"the {len(query.tag_rows(load_dataset(str(DATA))))} tags they have.\n",
    # A range no score can be in says so (exit 0: the answer is empty, not wrong).
    ("--left-right", "3..4"): "--left-right 3..4: the left-right scale runs from -2.5 to "
    "2.5, so no score lies in this range.\n",
}
#: A question with records, to compare with (the whole partner list is too long for SVG).
FULL: dict[str, tuple[str, ...]] = {
    "partners": ("-c", "Germany"),
    "link": (str(FIXTURES / "link-two-parties.json"),),
    "memberships": ("A JUST RUSSIA",),
    "ties": ("SPD",),
    "shared": (
        "A JUST RUSSIA",
        "Example Labour Party",
        "--data",
        "bundled",
        "--data",
        str(FIXTURES / "collection-other-party.json"),
    ),
}
#: `show` answers one record or exits 2: it has no empty answer.
NO_EMPTY_ANSWER = {"show"}
#: Answers that are never without records (the party on its scale, the known regions, the
#: file's sources).
NEVER_EMPTY = {"spectrum", "regions", "sources", "link"}


def test_the_table_covers_every_command_with_formats() -> None:
    with_formats = {
        cmd.name
        for cmd in SPEC.commands
        if any("--format" in o.names and "table" in (o.choices or ()) for o in cmd.options)
    }
    assert with_formats == set(EMPTY) | NO_EMPTY_ANSWER


def _cases() -> Iterator[Any]:
    for command, (_, questions) in EMPTY.items():
        for question in questions:
            for fmt in OutputFormat:
                label = " ".join(question) if question else "empty file"
                yield pytest.param(command, question, fmt, id=f"{command}-{label}-{fmt.value}")


def _csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _ask(empty_file: str, command: str, question: tuple[str, ...] | None, *more: str) -> Any:
    if question is None:
        return invoke("--data", empty_file, command, *more)
    return invoke(command, *question, *more)


@pytest.mark.parametrize(("command", "question", "fmt"), list(_cases()))
def test_an_empty_answer_has_the_shape_of_a_full_one(
    empty_file: str, command: str, question: tuple[str, ...] | None, fmt: OutputFormat
) -> None:
    note = EMPTY[command][0]
    code, out, err = _ask(empty_file, command, question, "-f", fmt.value)
    assert code == 0, err
    full_question = FULL.get(command, ())
    if question and "--left-right" in question:  # a list cut by the score shows the score
        full_question = (*full_question, "--left-right", "-2.5..2.5")
    if fmt is not OutputFormat.PNG:  # full figures as PNG are drawn in test_figures.py
        full_code, full, full_err = invoke(command, *full_question, "-f", fmt.value)
        assert full_code == 0, full_err
    records = json.loads(_ask(empty_file, command, question, "--json")[1])
    empty = not records
    assert empty or command in NEVER_EMPTY
    if fmt in (OutputFormat.CSV, OutputFormat.CSV_EXCEL):
        assert out.startswith(b"\xef\xbb\xbf") == (fmt is OutputFormat.CSV_EXCEL)
        assert _csv(out)[0] == _csv(full)[0]
        assert len(_csv(out)) == len(records) + 1
    elif fmt is OutputFormat.JSON:
        assert isinstance(json.loads(out), list) and isinstance(json.loads(full), list)
        # Every record of the full answer has the command's declared fields, in order.
        header = _csv(invoke(command, *full_question, "-f", "csv")[1])[0]
        assert all(list(r) == header[: len(r)] for r in json.loads(full))
    elif fmt is OutputFormat.JSONL:
        assert out.decode().splitlines() == [
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records
        ]
    elif fmt is OutputFormat.MARKDOWN:
        assert out.decode().splitlines()[:2] == full.decode().splitlines()[:2]
    elif fmt in (OutputFormat.PLAIN, OutputFormat.TSV, OutputFormat.TABLE) and empty:
        assert (out, err) == (b"", ASIDE.get(question or (), "") + note + "\n")
    elif fmt is OutputFormat.SVG:
        svg = ET.fromstring(out)
        texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert svg.find("{http://www.w3.org/2000/svg}title") is not None
        assert texts[0]  # the figure's title comes first
        assert note not in texts if not (empty or command == "spectrum") else note in texts
        if command == "timeline" and empty:  # nothing dated: no axis is invented
            assert not [t for t in texts if t.isdigit()]
    elif fmt is OutputFormat.HTML:
        page = out.decode()
        assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
        assert note not in page if not (empty or command == "spectrum") else note in page
    elif fmt is OutputFormat.PNG:
        assert out.startswith(b"\x89PNG\r\n\x1a\n") and len(out) > 1000


@pytest.mark.parametrize(
    ("command", "question"),
    [(c, q) for c, (_, qs) in EMPTY.items() for q in qs],
)
def test_fields_are_the_same_whatever_matches(
    empty_file: str, command: str, question: tuple[str, ...] | None
) -> None:
    full = invoke(command, *FULL.get(command, ()), "--fields")
    code, out, err = _ask(empty_file, command, question, "--fields")
    assert (code, out) == (0, full[1]), err
    every = ",".join(out.decode().split())
    code, out, err = _ask(empty_file, command, question, "--fields", every, "-f", "csv")
    assert code == 0, err
    assert ",".join(_csv(out)[0]) == every


def test_each_full_record_has_the_fields_its_command_declares(ds: Any) -> None:
    flt = query.PartnerFilter()
    answers = {
        query.PARTNER_FIELDS: [
            query.partner_record(o, ds.list_headings, ds.list_sources)
            for o in query.filter_partners(ds, flt)
        ],
        query.SPECTRUM_FIELDS: query.spectrum(ds, flt),
        query.COUNTRY_FIELDS: query.country_counts(ds),
        query.TIMELINE_FIELDS: query.timeline(ds, query.TimelineFilter()),
        query.PEOPLE_FIELDS: query.people(ds),
        query.CONTACT_FIELDS: query.contacts(ds, "ru"),
        query.NETWORK_FIELDS: query.network(ds),
        query.REGION_FIELDS: query.region_rows(ds),
        query.SOURCE_FIELDS: query.source_rows(ds),
        query.TAG_FIELDS: query.tag_rows(ds),
    }
    for fields, records in answers.items():
        assert records
        assert all(tuple(r) == fields for r in records), fields


# The examples of the issue, each with its right value.


def test_partners_of_russia_as_png_is_an_empty_figure() -> None:
    code, out, err = invoke("partners", "-c", "Russia", "-f", "png")
    assert (code, err) == (0, "")
    assert out.startswith(b"\x89PNG")
    svg = invoke("partners", "-c", "Russia", "-f", "svg")[1].decode()
    assert ">A JUST RUSSIA: partners in Russia</text>" in svg
    assert ">No partners match.</text>" in svg


@pytest.mark.parametrize(
    "args",
    [
        ("partners", "--ideology", "nonsense", "-f", "svg"),
        ("partners", "--left-right", "3..4", "-f", "png"),
    ],
)
def test_filters_that_match_nothing_draw(args: tuple[str, ...]) -> None:
    code, out, err = invoke(*args)
    assert (code, err) == (0, ASIDE.get(args[1:3], ""))
    assert out.startswith(b"<svg" if args[-1] == "svg" else b"\x89PNG")


def test_contacts_as_svg_on_a_file_without_contacts(empty_file: str) -> None:
    code, out, err = invoke("--data", empty_file, "contacts", "-f", "svg")
    assert (code, err) == (0, "")
    assert b">A JUST RUSSIA: contacts</text>" in out and b">No contacts.</text>" in out


def test_fields_of_an_empty_answer_are_those_of_a_full_one() -> None:
    assert invoke("partners", "--ideology", "communist", "--fields", "name,left_right") == (
        0,
        b"",
        "No partner has the tag 'communist'. Did you mean 'communism'?\nNo partners match.\n",
    )


def test_empty_csv_headers_have_every_field(empty_file: str) -> None:
    partners = _csv(invoke("partners", "-c", "Russia", "-f", "csv")[1])
    assert partners == [
        [*query.PARTNER_FIELDS, "partyfacts", "wikidata", "manifesto", "vparty", "parlgov"]
    ]
    assert len(partners[0]) == 26
    timeline = _csv(invoke("--data", empty_file, "timeline", "-f", "csv")[1])
    assert timeline == [list(query.TIMELINE_FIELDS)]
    assert len(timeline[0]) == 14


def test_timeline_without_events_draws_no_axis(empty_file: str) -> None:
    code, out, _ = invoke("--data", empty_file, "timeline", "-f", "svg")
    assert code == 0
    texts = [t.text for t in ET.fromstring(out).iter("{http://www.w3.org/2000/svg}text")]
    assert "2000" not in texts and "2001" not in texts
    assert "No timeline entries match." in texts
    assert invoke("--data", empty_file, "timeline", "-f", "png")[0] == 0


def test_report_and_exports_of_a_file_with_nothing(empty_file: str, tmp_path: Path) -> None:
    code, page, err = invoke("--data", empty_file, "report")
    assert code == 0, err
    assert page.startswith(b"<!DOCTYPE html>")
    code, out, err = invoke("--data", empty_file, "export", "-f", "popolo")
    assert code == 0, err
    popolo = json.loads(out)
    assert [o["id"] for o in popolo["organizations"]] == ["a-just-russia"]
    code, out, err = invoke("--data", empty_file, "export", "-f", "graphml")
    assert code == 0, err
    ET.fromstring(out)
    db = tmp_path / "empty.db"
    assert invoke("--data", empty_file, "export", "-f", "sqlite", "-o", str(db))[0] == 0
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM partners").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM timeline").fetchone() == (0,)
    folder = tmp_path / "package"
    assert invoke("--data", empty_file, "export", "-f", "datapackage", "-o", str(folder))[0] == 0
    assert (folder / "datapackage.json").is_file()
