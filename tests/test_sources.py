"""Sources and time: every fact cites a declared source, dates keep their precision and
their doubt, periods end with a reason and a source, regions count the members of the
file's date, and no output says "current" or "onwards" without the date it holds as of."""

from __future__ import annotations

import copy
import io
import json
import re
import shlex
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from partyintl import DatasetError, load_dataset
from partyintl.cli import interpret
from partyintl.data import dates, models, regions, shapes
from partyintl.data.load import validate
from partyintl.data.schema_doc import describe

README = (ROOT / "README.md").read_text(encoding="utf-8")
W100 = {"COLUMNS": "100"}


def answer(*args: str, refused: bool = False) -> str:
    """What the command line prints for these arguments, answered in this process (with
    `refused`, a usage error such as a table too long for SVG is an empty answer)."""
    out = io.StringIO()
    with redirect_stdout(out):
        code = interpret.run(list(args))
    assert code == 0 or (refused and code == 2), (args, code)
    return out.getvalue()


def as_json(*args: str) -> Any:
    return json.loads(answer(*args, "--json"))


# The SI membership, from observer to its end, and who says what


def test_timeline_of_the_si_from_observer_to_the_end() -> None:
    rows = as_json("timeline", "--org", "SI")
    statuses = [(r["kind"], r["status"], r["date"], r["end_date"]) for r in rows if r["status"]]
    assert statuses == [
        ("status_change", "observer", "2008-06-30", "2010-11"),
        ("status_change", "consultative", "2010-11", "2012-08-30"),
        ("status_change", "full", "2012-08-30", "2022-03-07"),
        ("status_end", "ended", "2022-03-07", None),
    ]
    [end] = [r for r in rows if r["kind"] == "status_end"]
    assert end["description"].startswith(
        "The Socialist International ended the membership over the party's support for "
        "Russia's war against Ukraine. The SI's press release is read from a copy that breaks "
        "off before its operative sentence; Greek press of 8 March 2022 (in.gr, reporter.gr) "
        "report the decision as an expulsion on the recommendation of the SI's Ethics Committee."
    )
    assert [c["source"] for c in end["sources"]] == ["si-press-release-2022-03-07"]


def test_since_2013_shows_the_end_of_2022_with_its_source() -> None:
    rows = as_json("timeline", "--org", "SI", "--since", "2013")
    assert [(r["kind"], r["date"]) for r in rows if r["status"]] == [
        ("status_change", "2012-08-30"),  # full status, held to 2022
        ("status_end", "2022-03-07"),
    ]
    table = run_cli("timeline", "--org", "SI", "--since", "2013", "-f", "table", env=W100).stdout
    assert table.startswith(
        "Socialist International: the party's status\n"
        "full    ███████████████████████████████████████████████ 2012-08-30–2022-03-07, ended\n"
    )
    assert (
        "ended 2022-03-07: The Socialist International ended the membership over the party's "
        "support for\nRussia's war against Ukraine. Source: si-press-release-2022-03-07, title "
        "and opening (the copy\nbreaks off before the operative sentence).\n"
    ) in table
    assert "2022-03-07             status_end       Membership of" in table
    assert "  4 si-press-release-2022-03-07: Decision regarding membership of A Just" in table
    svg = run_cli("timeline", "--org", "SI", "--since", "2013", "-f", "svg").stdout
    assert "ended 2022-03-07: The Socialist International ended the membership" in svg
    assert (
        "2022-03-07 Membership of Socialist International: ended [si-press-release-2022-03-07]"
        in svg
    )


def test_the_year_of_the_full_membership_is_stated_and_the_reader_sees_by_whom() -> None:
    party = as_json("show", "a-just-russia")
    [full] = [m for m in party["memberships"] if m["status"] == "full"]
    assert full["inferred"] == []
    assert [(c["source"], c["at"], c["fields"], c["date"]) for c in full["sources"]] == [
        ("party-page-2018", "paragraph 3", ["start_date", "decided_at"], None),
        ("party-news-2016-07-02", "body", ["start_date"], "2012"),
        (
            "si-xxiv-congress-decisions",
            "upgrades to full membership: Russia, 'A Just Russia Party'",
            ["status"],
            "2012/2017",
        ),
    ]
    card = " ".join(run_cli("show", "a-just-russia", "-f", "markdown").stdout.split())
    assert (
        "A JUST RUSSIA: full member of Socialist International from 2012-08-30 to 2022-03-07, "
        "then ended" in card
    )
    names = [n["name"] for n in party["other_names"]]
    assert "A Just Russia-Patriots-For the Truth Party" in names


def test_romanovich_at_the_si_council_in_geneva() -> None:
    [person] = as_json("people", "Romanovich")
    assert [
        (p["role"], p["as_of"], [c["source"] for c in p["sources"]]) for p in person["posts"]
    ] == [
        (
            "Secretary of the Presidium of the Central Council on Foreign Affairs",
            "2016-07-02",
            ["party-news-2016-07-02"],
        ),
        ("Vice-Chairman of the State Duma", "2016-07-02", ["party-news-2016-07-02"]),
    ]
    council = as_json("show", "si-council-geneva-2016")
    assert (council["date"], council["end_date"], council["place"]) == (
        "2016-07-01",
        "2016-07-02",
        "Geneva, Switzerland",
    )
    assert {
        "id": "alexander-romanovich",
        "name": "Alexander Romanovich",
        "role": "representative",
    } in council["participants"]


# Every fact names its source, and every source resolves


def _record_ids() -> list[str]:
    data = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    return [
        r["id"] for key in ("partners", "organizations", "people", "events") for r in data[key]
    ] + [data["party"]["id"]]


QUESTIONS = [
    ("partners",),
    ("timeline",),
    ("people",),
    ("contacts",),
    ("contacts", "--lang", "ru"),
    *(("show", ident) for ident in _record_ids()),
]


def _citations(value: Any, where: str = "") -> list[tuple[str, str]]:
    """Every source id a JSON answer names, with where: citations, ends, identifiers."""
    found = []
    if isinstance(value, dict):
        if "source" in value and "at" in value:
            found.append((where, value["source"]))
        for key, item in value.items():
            found += _citations(item, f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _citations(item, f"{where}[{n}]")
    return found


@pytest.mark.parametrize("args", QUESTIONS, ids=[" ".join(q) for q in QUESTIONS])
def test_every_fact_in_json_names_its_source_and_the_source_resolves(args: tuple[str, ...]) -> None:
    known = {s["id"] for s in as_json("sources")}
    answer_ = as_json(*args)
    records = answer_ if isinstance(answer_, list) else [answer_]
    for record in records:
        assert record["sources"], (args, record.get("id"))
        nested = [
            item
            for key in ("posts", "events", "delegations_led", "memberships")
            for item in record.get(key) or ()
        ]
        assert all(item["sources"] for item in nested), (args, record.get("id"))
    cited = _citations(records)
    assert cited and {ident for _, ident in cited} <= known


def test_every_source_is_cited_and_lists_its_facts() -> None:
    rows = as_json("sources")
    assert [(r["id"], r["as_of"], r["facts"] > 0) for r in rows] == [
        ("party-page-2018", "2018", True),
        ("party-news-2016-07-02", "2016-07-02", True),
        ("si-xxiv-congress-decisions", "2012/2017", True),
        ("si-press-release-2022-03-07", "2022-03-07", True),
        ("partyfacts", "2026-03-11", True),
    ]


# Nothing is "current" without the date it holds as of

WORDS = re.compile(r"\b(current(ly)?|now|onwards|today|at present|presently|still)\b", re.I)
DATE = re.compile(r"\b[0-9]{4}\b")
HUMAN_FORMATS = ["table", "plain", "markdown", "svg", "html", "csv", "json"]
COMMANDS = [
    ["partners"],
    ["show", "a-just-russia"],
    ["show", "socialist-international"],
    ["show", "sergei-mironov"],
    ["countries"],
    ["timeline"],
    ["timeline", "--org", "SI", "--since", "2013"],
    ["people"],
    ["contacts"],
    ["regions"],
    ["sources"],
    ["graph"],
]


def _undated_claims(text: str) -> list[str]:
    lines = re.split(r"\n|</text>|</p>|</li>|</td>", text)
    return [line for line in lines if WORDS.search(line) and not DATE.search(line)]


@pytest.fixture(scope="module")
def open_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled file with the full membership left open (no end), held as of 2018."""
    data = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    full = data["memberships"][0]["periods"][-1]
    del full["end"]
    data["sources"] = [s for s in data["sources"] if s["id"] != "si-press-release-2022-03-07"]
    data["party"]["sources"] = [
        c for c in data["party"]["sources"] if c["source"] != "si-press-release-2022-03-07"
    ]
    data["party"]["other_names"] = [
        n
        for n in data["party"]["other_names"]
        if all(c["source"] != "si-press-release-2022-03-07" for c in n.get("sources", ()))
    ]
    path = tmp_path_factory.mktemp("open") / "open.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
@pytest.mark.parametrize("which", ["bundled", "open-ended"])
def test_no_output_says_current_without_a_date(
    which: str, command: list[str], fmt: str, open_file: Path
) -> None:
    data = [] if which == "bundled" else ["--data", str(open_file)]
    text = answer(*data, *command, "-f", fmt, refused=True)
    assert _undated_claims(text) == []
    if which == "open-ended" and command[0] == "timeline" and fmt == "table":
        assert "2012-08-30, holds as of 2018" in text  # the band, never "onwards"


@pytest.mark.parametrize("which", ["bundled", "open-ended"])
def test_the_report_states_its_dates_and_never_current(which: str, open_file: Path) -> None:
    data = [] if which == "bundled" else ["--data", str(open_file)]
    page = answer(*data, "report")
    assert _undated_claims(page) == []
    assert "current" not in page.lower()
    if which == "bundled":
        assert (
            "Its membership of the Socialist International ended on 7 March 2022, after full "
            "status from 2012-08-30: The Socialist International ended the membership"
        ) in page
        assert "The data holds as of 7 March 2022; each source holds as of its own date" in page
        assert "As listed by “International activities of A JUST RUSSIA Party” " in page
        for ident in ("party-page-2018", "si-press-release-2022-03-07", "partyfacts"):
            assert f"<strong>{ident}</strong>" in page
    else:
        assert (
            "Its standing in the Socialist International as of 2018: full member since 2012-08-30."
        ) in page


# A file for another party, as the README writes it


def _guide() -> tuple[dict[str, Any], list[list[str]]]:
    section = README.split("## Write a file for another party", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```json\n(.*?)```", section, re.S)
    [commands] = re.findall(r"```sh\n(.*?)```", section, re.S)
    return json.loads(block), [shlex.split(line)[1:] for line in commands.splitlines()]


def test_a_file_for_another_party_as_the_readme_writes_it(tmp_path: Path) -> None:
    data, commands = _guide()
    path = tmp_path / "beispiel.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    outputs = []
    for args in commands:
        args = [str(path) if a == "beispiel.json" else a for a in args]
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        outputs.append(result.stdout)
    assert outputs[0] == (
        f"{path}: valid, schema version 2: 1 source, 2 partners, 1 other organisation, "
        "1 membership (1 status period), 0 events, 0 people, 1 contact\n"
    )
    timeline = json.loads(run_cli("--data", str(path), "timeline", "--json").stdout)
    assert [(r["kind"], r["status"], r["date"], r["end_date"]) for r in timeline] == [
        ("status_change", "associate", "2015", "2023-11"),
        ("status_end", "left", "2023-11", None),
    ]
    assert timeline[1]["sources"][0]["at"] == "paragraph 3"
    assert outputs[2].split("\t")[:2] == ["Telefon", "+493022700"]
    english = run_cli("--data", str(path), "contacts", "--fields", "label,office").stdout
    assert english == "Phone\tFederal office\n"
    assert outputs[
        3
    ] == "beispielsozialisten\tBeispielsozialisten\tparty\tAustria\tAT\t\tpartner\t2\n" or (
        "Beispielsozialisten" in outputs[3] and "Example Labour" not in outputs[3]
    )
    bad = run_cli("--data", str(path), "contacts", "--lang", "fr")
    assert (bad.returncode, bad.stderr.splitlines()[0]) == (
        2,
        "partyintl: error: 'fr' is not a language of the labels: they are printed in de.",
    )
    # Its data package credits its own source and licence, and not Party Facts.
    package = tmp_path / "package"
    assert (
        run_cli("--data", str(path), "export", "-f", "datapackage", "-o", str(package)).returncode
        == 0
    )
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in descriptor["sources"]] == ["Internationale Zusammenarbeit"]
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0", "other-at"]
    credits = json.dumps([descriptor["sources"], descriptor["licenses"]])
    assert "Party Facts" not in credits and "partyfacts" not in credits


def test_the_bundled_package_credits_party_facts_because_it_cites_it(tmp_path: Path) -> None:
    package = tmp_path / "package"
    assert run_cli("export", "-f", "datapackage", "-o", str(package)).returncode == 0
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert {"name": "MIT", "title": "Party Facts (partyfacts)"} in descriptor["licenses"]
    assert len(descriptor["sources"]) == 5


# Regions counted on the file's date

EU = next(
    r
    for r in json.loads(
        (ROOT / "src" / "partyintl" / "data" / "regions.json").read_text(encoding="utf-8")
    )["regions"]
    if r["name"] == "European Union"
)


def test_the_united_kingdom_leaves_the_eu_on_31_january_2020() -> None:
    eu = "European Union"
    assert "GB" in regions.countries_of(eu, "2018")
    assert "GB" in regions.countries_of(eu, "2020-01-31")
    assert "GB" not in regions.countries_of(eu, "2020-02-01")
    assert "GB" not in regions.countries_of(eu, "2024")
    assert "HR" not in regions.countries_of(eu, "2013-06") and "HR" in regions.countries_of(
        eu, "2013-07"
    )
    assert len(regions.countries_of(eu, "2024")) == 27


@settings(max_examples=200, deadline=None)
@given(
    st.dates(
        min_value=__import__("datetime").date(1950, 1, 1),
        max_value=__import__("datetime").date(2035, 12, 31),
    )
)
def test_union_members_on_any_day_are_those_that_joined_and_had_not_left(day: Any) -> None:
    iso = day.isoformat()
    expected = {
        m["code"]
        for m in EU["members"]
        if m["from"] <= iso and ("until" not in m or iso <= m["until"])
    }
    assert regions.countries_of("European Union", iso) == expected


# Dates as EDTF

PLAIN = (
    st.dates().map(lambda d: d.isoformat())
    | st.dates().map(lambda d: d.isoformat()[:7])
    | st.integers(0, 9999).map(lambda y: f"{y:04d}")
)


@settings(max_examples=300, deadline=None)
@given(PLAIN, PLAIN)
def test_plain_dates_and_intervals_have_the_bounds_the_edtf_package_gives(a: str, b: str) -> None:
    from edtf import parse_edtf

    for text in (a, f"{min(a, b)}/{max(a, b)}"):
        low, high = dates.bounds(text)
        parsed = parse_edtf(text)
        lo, hi = parsed.lower_strict(), parsed.upper_strict()
        if dates.start(min(a, b)) <= dates.end(max(a, b)):  # type: ignore[operator]
            assert (low, high) == (
                f"{lo.tm_year:04d}-{lo.tm_mon:02d}-{lo.tm_mday:02d}",
                f"{hi.tm_year:04d}-{hi.tm_mon:02d}-{hi.tm_mday:02d}",
            ), text


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("2012/2017", ("2012-01-01", "2017-12-31")),
        ("2012?", ("2012-01-01", "2012-12-31")),
        ("2012~", ("2012-01-01", "2012-12-31")),
        ("201X", ("2010-01-01", "2019-12-31")),
        ("2012-08-30/..", ("2012-08-30", None)),
        ("2004-06-XX", ("2004-06-01", "2004-06-30")),
        ("2016-07-01/2016-07-02", ("2016-07-01", "2016-07-02")),
    ],
)
def test_edtf_dates_keep_their_uncertainty(text: str, bounds: tuple[str, str | None]) -> None:
    assert dates.bounds(text) == bounds


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2013-02-30", "2013-02-30 is not a real date"),
        ("2017/2012", "'2017/2012' ends before it starts"),
        ("2012-08-30T10:00", "'2012-08-30T10:00' holds a time of day; give the date only"),
        ("[2012..2017]", "'[2012..2017]' is not a date in EDTF levels 0-1"),
        ("30.06.2008", "'30.06.2008' is not a date in EDTF levels 0-1"),
    ],
)
def test_bad_dates_say_why(text: str, problem: str) -> None:
    assert (dates.problem(text) or "").startswith(problem)


# The rules of schema 2, each a problem with its place


def _spoil(change: Any) -> list[str]:
    data = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(DatasetError) as info:
        validate(data, "x", None)
    return [p.describe() for p in info.value.problems]


def _period(d: dict[str, Any]) -> dict[str, Any]:
    period: dict[str, Any] = d["memberships"][0]["periods"][2]
    return period


RULES = [
    (
        "undeclared source",
        lambda d: d["events"][0]["sources"][0].update(source="nowhere"),
        "events[0].sources[0].source: refers to 'nowhere', which is no source of this file",
    ),
    (
        "a partner citing an undeclared source",  # the quick path checks those one by one
        lambda d: d["partners"][3].update(sources=[{"source": "nowhere", "at": "x"}]),
        "partners[3].sources[0].source: refers to 'nowhere', which is no source of this file",
    ),
    (
        "part not declared",
        lambda d: d["partners"][2]["identifiers"][0].update(at="core-v2"),
        "partners[2].identifiers[0].at: 'core-v2' is no part of the source 'partyfacts'",
    ),
    (
        "list not declared",
        lambda d: d["partners"][2]["listing"].update(list="friends"),
        "partners[2].listing.list: 'friends' is no list of the file's sources (partners, npo)",
    ),
    (
        "source nobody cites",
        lambda d: d["sources"].append({**d["sources"][1], "id": "unused"}),
        "sources[5].id: no fact cites the source 'unused': cite it or remove it",
    ),
    (
        "fact after the file's as-of",
        lambda d: d.update(as_of="2020"),
        "memberships[0].periods[2].end.date: 2022-03-07 is after the file's as_of 2020",
    ),
    (
        "end before its start",
        lambda d: _period(d)["end"].update(date="2011"),
        "memberships[0].periods[2].end.date: 2011 is before the start 2012-08-30",
    ),
    (
        "a record citing nothing",
        lambda d: d["events"][1].update(sources=[]),
        "events[1].sources: the event cites no source: add one",
    ),
    (
        "an end citing nothing",
        lambda d: _period(d)["end"].update(sources=[]),
        "memberships[0].periods[2].end.sources: the end cites no source",
    ),
    (
        "a field no record has",
        lambda d: _period(d)["sources"][0].update(fields=["colour"]),
        "memberships[0].periods[2].sources[0].fields[0]: 'colour' is no field of this record",
    ),
    (
        "a language that is none",
        lambda d: d["contacts"][0]["label"].update(language="xq"),
        "contacts[0].label.language: 'xq' does not start with an ISO 639 language code",
    ),
    (
        "a citation's date",
        lambda d: _period(d)["sources"][1].update(date="2012-13"),
        "memberships[0].periods[2].sources[1].date: month 13 does not exist",
    ),
    (
        "no address",
        lambda d: d["sources"][1].update(url="special.spravedlivo.ru/5_77935.html"),
        "sources[1].url: 'special.spravedlivo.ru/5_77935.html' is not a web address",
    ),
    (
        "a printed number that is another",
        lambda d: d["contacts"][0].update(printed="(495) 787-85-16"),
        "contacts[0].printed: '(495) 787-85-16' is the number +74957878516, not +74957878515",
    ),
    (
        "a status of no form",
        lambda d: _period(d).update(status="Full Member"),
        "memberships[0].periods[2].status: a status is lower-case words joined by _ or -",
    ),
]


@pytest.mark.parametrize(("label", "change", "expected"), RULES, ids=[r[0] for r in RULES])
def test_schema_2_rules(label: str, change: Any, expected: str) -> None:
    problems = _spoil(change)
    assert any(p.startswith(expected) for p in problems), problems


def test_open_statuses_are_accepted() -> None:
    data = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    _period(data)["status"] = "fraternal"
    _period(data)["end"]["status"] = "expelled"
    ds = validate(data, "x", None)
    assert ds.data.memberships[0].periods[2].status == "fraternal"


# One truth: the schema in words, and the shapes the fast path fills in


def _models() -> list[type[models.BaseModel]]:
    return [
        m
        for m in vars(models).values()
        if isinstance(m, type)
        and issubclass(m, models.BaseModel)
        and m.__module__ == models.__name__
        and not m.__name__.startswith("_")
    ]


def test_the_schema_in_words_documents_every_field_of_every_model() -> None:
    words = describe()
    for model in _models():
        assert f"## {model.__name__}\n" in words, model
        for name, field in model.model_fields.items():
            text = " ".join((field.description or "").split())
            assert f"- `{name}` (" in words and text in words, (model.__name__, name)
    assert run_cli("schema").stdout == words


@pytest.mark.parametrize(
    ("shape", "model"),
    [
        (shapes.ORGANIZATION, models.Organization),
        (shapes.CONTACT, models.Contact),
        (shapes.CITATION, models.Citation),
        (shapes.OTHER_NAME, models.OtherName),
        (shapes.IDENTIFIER, models.Identifier),
        (shapes.PRINTED, models.PrintedText),
        (shapes.END, models.End),
        (shapes.POST, models.Post),
        (shapes.PERSON, models.Person),
        (shapes.EVENT, models.Event),
        (shapes.STATUS_PERIOD, models.StatusPeriod),
        (shapes.LISTING, models.Listing),
    ],
)
def test_dump_shapes_are_the_models(shape: Any, model: Any) -> None:
    assert [name for name, _ in shape] == list(model.model_fields)


def test_the_bundled_file_round_trips_through_the_models() -> None:
    ds = load_dataset()
    dumped = ds.data.model_dump(mode="json", exclude_defaults=True)
    again = validate(copy.deepcopy(dumped), "again", None)
    assert again.data == ds.data


def test_a_list_items_citation_has_the_shape_of_every_citation() -> None:
    from partyintl import query

    cite = query.listing_citation({"list": "npo", "position": 4}, {"npo": "party-page-2018"})
    assert list(cite) == [name for name, _ in shapes.CITATION]
    assert cite == shapes.dump(
        {"source": "party-page-2018", "at": "list 'npo', item 4"}, shapes.CITATION
    )


@pytest.mark.parametrize("kept", [1, 2, 5])
@pytest.mark.parametrize("spoil", ["list id", "language", "title"])
def test_sources_all_spoilt_are_not_said_to_be_too_few(
    tmp_path: Path, kept: int, spoil: str
) -> None:
    """pydantic counts the valid items of a list: one source with a list id too long gave
    "sources: must have at least 1 item, not 1" beside the real problem."""
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["sources"] = raw["sources"][:kept]
    for source in raw["sources"]:
        if spoil == "list id":
            source.setdefault("lists", [{"id": "x"}])[0]["id"] = "a" * 201
        elif spoil == "language":
            source["language"] = 7
        else:
            source["title"] = ["no"]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run_here(["validate", str(path)])
    assert code == 1 and "sources[0]." in err, err
    assert "must have at least" not in err, err


@pytest.mark.parametrize("key", ["title", "publisher"])
@pytest.mark.parametrize(
    "blank", ["", " ", "\t\n", "\u3000\u00a0", "\u200b", "\u200d \u2060\ufeff"]
)
def test_a_source_title_or_publisher_is_never_blank(tmp_path: Path, key: str, blank: str) -> None:
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["sources"][1][key] = blank
    path = tmp_path / "d.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run_here(["validate", str(path)])
    assert code == 1
    assert f"sources[1].{key}: a source's {key} cannot be empty or blank: give it as printed" in err


@pytest.mark.parametrize("key", ["title", "publisher"])
def test_a_blank_title_in_drafts_sources_is_said_of_that_file(tmp_path: Path, key: str) -> None:
    """It was reported as a problem of 'the draft', with a hint to report the page."""
    from conftest import run_here

    table = tmp_path / "t.csv"
    table.write_text("name_as_printed,source\nLabour Party,s1\n", encoding="utf-8")
    described = {"id": "s1", "title": "T", "publisher": "P", "language": "en", "as_of": "2020"}
    sources = tmp_path / "src.json"
    sources.write_text(json.dumps([described | {key: " "}]), encoding="utf-8")
    code, out, err = run_here(
        ["draft", str(table), "--sources", str(sources), "--party", "X Party", "-o", "-"]
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"partyintl: error: {sources}: 1 problem\n  [0].{key}: a source's")
    assert "the draft" not in err


def _texts_that_say_something(value: object, path: str = "") -> list[tuple[str, str]]:
    """(path of the record, kind of rules.BLANK_REFUSED) for every source, citation, list,
    place, end, post, inference, printed text (a contact's label) and listing of a data
    file."""
    from partyintl.data.rules import BLANK_REFUSED

    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and "at" in value:
            found.append((path, "citation"))
        for key, inner in value.items():
            at = f"{path}.{key}" if path else key
            if key == "end" and isinstance(inner, dict):
                found.append((at, "end"))
            if key == "place" and isinstance(inner, dict) and "city" in inner:
                found.append((at, "place"))
            if key in ("label", "office", "restriction") and isinstance(inner, dict):
                found.append((at, "printed"))
            if key == "listing" and isinstance(inner, dict):
                found.append((at, "listing"))
            lists = {"posts": "post", "inferred": "inference", "lists": "list"}
            if key in lists and isinstance(inner, list):
                found += [
                    (f"{at}[{i}]", lists[key])
                    for i, item in enumerate(inner)
                    if key != "lists" or "heading" in item
                ]
            if at == "sources" and isinstance(inner, list):
                found += [(f"sources[{i}]", "source") for i in range(len(inner))]
            found += _texts_that_say_something(inner, at)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _texts_that_say_something(inner, f"{path}[{i}]")
    assert {kind for _, kind in found} <= BLANK_REFUSED.keys()
    return found


def _bundled_places() -> list[tuple[str, str]]:
    from conftest import DATA

    return _texts_that_say_something(json.loads(DATA.read_text(encoding="utf-8")))


def _bundled_with_record_at(path: str) -> tuple[Any, Any]:
    """The bundled data (parsed, to spoil) and the record at a path of _bundled_places."""
    from conftest import DATA

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    record: Any = raw
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        record = record[int(step[1:-1])] if step.startswith("[") else record[step]
    return raw, record


def test_the_bundled_file_has_each_kind_of_text_that_must_say_something() -> None:
    from partyintl.data.rules import BLANK_REFUSED

    assert {kind for _, kind in _bundled_places()} == BLANK_REFUSED.keys()


@settings(max_examples=40, deadline=None)
@given(
    place=st.sampled_from(_bundled_places()),
    blank=st.text(
        st.sampled_from(" \t\n\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\u200e"), min_size=0
    ),
    which=st.integers(0, 1),
)
def test_a_role_or_reason_is_never_blank(
    tmp_path_factory: pytest.TempPathFactory, place: tuple[str, str], blank: str, which: int
) -> None:
    """A post's role, an end's reason and an inferred value's reason are printed in
    sentences: a blank one validated and was printed as "(until 2021-10, ended: )". A
    contact's label of spaces validated too. Each is said once, in these words: an empty
    citation's place was said twice, once as "must have at least 1 character"."""
    from conftest import run_here
    from partyintl.data.rules import BLANK_REFUSED

    path, kind = place
    raw, record = _bundled_with_record_at(path)
    whose, keys, _ = BLANK_REFUSED[kind]
    key = keys[which % len(keys)]
    record[key] = blank
    spoilt = tmp_path_factory.mktemp("blank") / "d.json"
    spoilt.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", str(spoilt)])
    assert (code, out) == (1, "")
    assert f"  {path}.{key}: {whose} {key} cannot be empty or blank: " in err, err
    assert "at least 1 character" not in err, err


@pytest.mark.parametrize("bundled", ["bundled", "bundled:si-membership"])
def test_an_end_never_becomes_the_status_that_ended(bundled: str) -> None:
    """An end says what the membership became: an associate period that "ended" as
    associate validated, and the timeline printed the status as its end. Every period of
    the bundled datasets, given an end of its own status, is refused at that end."""
    from partyintl.collection import path_of
    from partyintl.data.load import DatasetError, load_bytes

    raw = json.loads(Path(path_of(bundled)).read_text(encoding="utf-8"))
    periods = [
        (m, p, period)
        for m, ms in enumerate(raw.get("memberships", []))
        for p, period in enumerate(ms["periods"])
    ]
    assert periods or bundled == "bundled"
    for m, p, period in periods:
        spoilt = json.loads(json.dumps(raw))
        end = dict(period.get("end") or {"date": None, "reason": "It ended.", "sources": []})
        end["status"] = period["status"]
        end["sources"] = end["sources"] or period["sources"]
        spoilt["memberships"][m]["periods"][p]["end"] = end
        with pytest.raises(DatasetError) as caught:
            load_bytes(json.dumps(spoilt).encode(), "d.json")
        said = [(pr.path, pr.message) for pr in caught.value.problems]
        assert said == [
            (
                f"memberships[{m}].periods[{p}].end.status",
                f"'{period['status']}' is the status that ends here: say what the membership "
                "became (ended, expelled, left, or another status), or leave it out",
            )
        ]


@settings(max_examples=60, deadline=None)
@given(
    place=st.sampled_from(_bundled_places()),
    blank=st.text(
        st.sampled_from(" \t\u3000\u00a0\u00ad\u200b\u2060\ufeff\u200e\u3164"), min_size=1
    ),
    first=st.booleans(),
    which=st.integers(0, 1),
)
def test_a_text_that_must_say_something_never_begins_or_ends_blank(
    tmp_path_factory: pytest.TempPathFactory,
    place: tuple[str, str],
    blank: str,
    first: bool,
    which: int,
) -> None:
    """A source's title " International activities ", a publisher "A JUST RUSSIA ", a city
    "Athens ", a heading "NCO ", a role ending in a space validated (a fresh tester): such
    text is refused as names are, the blank ends shown escaped."""
    from conftest import run_here
    from partyintl.data.rules import BLANK_REFUSED
    from partyintl.escaping import quoted_ends_shown

    path, kind = place
    raw, record = _bundled_with_record_at(path)
    whose, keys, _ = BLANK_REFUSED[kind]
    key = keys[which % len(keys)]
    text = (blank + "Athens") if first else ("Athens" + blank)
    record[key] = text
    spoilt = tmp_path_factory.mktemp("ends") / "d.json"
    spoilt.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", str(spoilt)])
    assert (code, out) == (1, "")
    said = (
        f"  {path}.{key}: {whose} {key} begins or ends with a space or a character that "
        f"shows nothing (got {quoted_ends_shown(text)}): remove it"
    )
    assert said in err, err


@settings(max_examples=80, deadline=None)
@given(
    cells=st.lists(st.sampled_from(["s1", "s2", "s3", ""]), min_size=1, max_size=6),
    column=st.booleans(),
    described=st.lists(st.sampled_from(["s1", "s2", "s3", "table"]), min_size=1, max_size=4),
)
def test_drafts_sources_file_against_the_rows_it_describes(
    tmp_path_factory: pytest.TempPathFactory, cells: list[str], column: bool, described: list[str]
) -> None:
    """`draft TABLE --sources FILE`: a source id given twice, a row citing an id FILE does
    not describe, rows naming no source when FILE describes several are refused (they were
    kept silently: the later of two, a placeholder titled by the id, the table itself);
    rows naming no source cite the one source FILE gives; sources no row cites are said."""
    from conftest import run_here
    from partyintl.words import ordinal

    folder = tmp_path_factory.mktemp("given")
    rows = [f"Party {i}" + (f",{cell}" if column else "") for i, cell in enumerate(cells)]
    table = folder / "t.csv"
    table.write_text("\n".join(["name_as_printed" + (",source" if column else ""), *rows]) + "\n")
    sources = folder / "src.json"
    sources.write_text(
        json.dumps(
            [
                {"id": s, "title": f"Title of {s}", "publisher": "P", "language": "en"}
                | {"as_of": "2020"}
                for s in described
            ]
        ),
        encoding="utf-8",
    )
    code, out, err = run_here(
        ["draft", str(table), "--sources", str(sources), "--party", "X Party", "-o", "-"]
    )
    cited = [
        (c if column else "") or ("table" if len(described) > 1 else described[0]) for c in cells
    ]
    if len(set(described)) < len(described):
        twice = next(j for j, s in enumerate(described) if described.index(s) != j)
        assert (code, out) == (1, "")
        first = ordinal(described.index(described[twice]) + 1)
        assert (
            f"\n  [{twice}].id: duplicate source id '{described[twice]}': the {first} source "
            "has it already\n"
        ) in err, err
        return
    unknown = [i for i, s in enumerate(cited) if s not in described]
    if unknown:
        assert (code, out) == (1, "")
        assert err.startswith(f"partyintl: error: {table}: ")
        if not column and len(described) > 1:
            assert "line 1, column 1: the table has no source column" in err
        else:
            for i in unknown:
                assert f"  line {i + 2}, column {2 if column else 1}: " in err
        return
    assert code == 0, err
    data = json.loads(out)
    order = list(dict.fromkeys(cited))
    assert [s["id"] for s in data["sources"]] == order
    assert [s["title"] for s in data["sources"]] == [f"Title of {s}" for s in order]
    unused = [s for s in described if s not in order]
    if unused:
        assert f"({sources} describes {', '.join(unused)}, which no row cites: left out)" in err
    else:
        assert "left out" not in err


def _edtf_at(day: Any, precision: str) -> str:
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": f"{day:%Y-%m-%d}"}[precision]


def _bounds(day: Any, precision: str) -> tuple[Any, Any]:
    """The first and last day a date at this precision can mean (datetime arithmetic)."""
    import calendar
    import datetime

    if precision == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return datetime.date(day.year, day.month, 1), datetime.date(day.year, day.month, last)
    return day, day


@settings(max_examples=60, deadline=None)
@given(
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 11, 30)),
    retrieved=st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 11, 30)),
    precisions=st.tuples(*[st.sampled_from(["year", "month", "day"])] * 2),
)
def test_a_source_is_published_before_it_is_retrieved(
    tmp_path_factory: pytest.TempPathFactory, published: Any, retrieved: Any, precisions: Any
) -> None:
    """A copy retrieved before its source was published is refused (it validated); dates
    of a year or a month are taken at their widest: 2020 and 2020-05-01 agree."""
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    source = {"id": "extra", "title": "T", "publisher": "P", "language": "en"}
    source["published"] = _edtf_at(published, precisions[0])
    source["retrieved"] = _edtf_at(retrieved, precisions[1])
    raw["sources"].insert(1, source)  # cited by the party, which no date of this source bounds
    raw["party"]["sources"].append({"source": "extra", "at": "page"})
    spoilt = tmp_path_factory.mktemp("retrieved") / "d.json"
    spoilt.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", str(spoilt)])
    impossible = _bounds(published, precisions[0])[0] > _bounds(retrieved, precisions[1])[1]
    said = "sources[1].published: " in err and "is after the copy was retrieved" in err
    assert said is impossible, err
    assert code == (1 if impossible else 0), err


@pytest.mark.parametrize(
    ("options", "notice", "said"),
    [
        (
            ["--published", "2018", "--retrieved", "2010"],
            "",
            "--published 2018 is after --retrieved 2010: ",
        ),
        (
            ["--published", "2018-05", "--retrieved", "2018-04-30"],
            "",
            "--published 2018-05 is after",
        ),
        (
            ["--retrieved", "2010"],
            "© 2013-2018 Party",
            "copyright line dates it 2013/2018, after --retrieved 2010: ",
        ),
        (["--published", "2018", "--retrieved", "2018-01-01"], "", None),
        (
            ["--retrieved", "2015"],
            "© 2013-2018 Party",
            "dates it 2013/2018, after --retrieved 2015",
        ),
        (["--retrieved", "2019"], "© 2013-2018 Party", None),
        (
            ["--retrieved", "2020"],
            "© 2019-2012 Party",
            "copyright line reads 2019-2012, which ends before",
        ),
        (["--published", "2012/2019", "--retrieved", "2020"], "© 2019-2012 Party", None),
        (
            ["--retrieved", "2024"],
            "© 2013-2999 Party",
            "copyright line reads 2013-2999, which ends after today",
        ),
        ([], "© 2999 Party", "copyright line reads 2999, which ends after today"),
        (["--retrieved", "2020"], "(c) 2013–18 Party", None),
        (["--retrieved", "2020"], "© 1999-2013, 2018 Party", None),
        (["--published", "2009", "--retrieved", "2010"], "© 2013-2018 Party", None),
    ],
)
def test_drafts_dates_published_before_retrieved(
    tmp_path: Path, options: list[str], notice: str, said: str | None
) -> None:
    """A page cannot be retrieved before it was published: the options, or the page's
    copyright line against --retrieved, are refused in their own words (exit 2, nothing
    written), not as a draft that broke the rules and should be reported."""
    from conftest import run_here

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>X Party</title></head><body><p>X Party works.</p>"
        f"<ul><li>Party A (France)</li></ul><p>{notice}</p></body></html>",
        encoding="utf-8",
    )
    code, out, err = run_here(["draft", str(page), *options, "-o", "-"])
    if said is None:
        assert code == 0, err
        source = json.loads(out)["sources"][0]
        assert source["retrieved"] == options[-1]
        if "–18" in notice or ", 2018" in notice:  # a range's short end, years listed after
            assert source["published"] in ("2013/2018", "1999/2018"), source
    else:
        assert (code, out) == (2, "")
        assert said in err and "report the page" not in err, err


def _held_places() -> list[str]:
    """The path of every post and status period of the bundled file."""
    from conftest import DATA

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    posts = [
        f"people[{i}].posts[{j}]"
        for i, person in enumerate(raw["people"])
        for j in range(len(person.get("posts", ())))
    ]
    periods = [
        f"memberships[{i}].periods[{j}]"
        for i, ms in enumerate(raw["memberships"])
        for j in range(len(ms["periods"]))
    ]
    return posts + periods


def _at(raw: Any, path: str) -> Any:
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        raw = raw[int(step[1:-1])] if step.startswith("[") else raw[step]
    return raw


#: (how a period is spoilt, what validation says of its as_of)
AS_OF_SPOILS = {
    "before its start": ({"start_date": "2015", "as_of": "2014"}, "2014 is before the start 2015"),
    "after its end": (
        {"start_date": "2010", "as_of": "2013", "end": {"date": "2012", "reason": "left"}},
        "2013 is after the end 2012",
    ),
    "after its sources": (
        {"start_date": None, "as_of": "2025-06"},
        "2025-06 is after what its sources can report",
    ),
    "open-ended": ({"start_date": "2010", "as_of": "2011/.."}, "2011/.. is open at one end"),
}


@settings(max_examples=60, deadline=None)
@given(place=st.sampled_from(_held_places()), spoil=st.sampled_from(sorted(AS_OF_SPOILS)))
def test_a_period_is_held_as_of_a_day_its_dates_and_sources_allow(
    tmp_path_factory: pytest.TempPathFactory, place: str, spoil: str
) -> None:
    """A post or status period "as of" a day before it began, after it ended, after what
    its sources can speak of, or from a day on (open-ended) validated, and was printed as
    "since 2007-06, as of 2006" or "as of from 2022 on"."""
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    record = _at(raw, place)
    change, said = AS_OF_SPOILS[spoil]
    for key, value in change.items():
        if value is None:
            record.pop(key, None)
        elif key == "end":
            cited = record.get("sources") or [{"source": "party-page-2018", "at": "paragraph 5"}]
            record["end"] = {**value, "sources": cited}
        else:
            record[key] = value
    record.pop("end", None) if "end" not in change else None
    if spoil == "after its sources":  # every source it cites dated earlier than its as_of
        person = place.split(".")[0]
        if not record.get("sources"):
            record["sources"] = _at(raw, person).get("sources") or []
        assume(record["sources"])
    spoilt = tmp_path_factory.mktemp("asof") / "d.json"
    spoilt.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["validate", str(spoilt)])
    assert (code, out) == (1, ""), err
    assert f"  {place}.as_of: {said}" in err, err


@pytest.mark.parametrize(
    ("where", "value", "said"),
    [
        ("as_of", "2018/..", "as_of: 2018/.. is open at one end"),
        ("sources[0].as_of", "../2018", "sources[0].as_of: ../2018 is open at one end"),
        (
            "sources[1].as_of",
            "2026-11-30",
            "sources[1].as_of: 2026-11-30 is after the copy was retrieved",
        ),
    ],
)
def test_a_file_or_source_holds_as_of_a_closed_day_before_its_copy(
    tmp_path: Path, where: str, value: str, said: str
) -> None:
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    owner = raw if where == "as_of" else raw["sources"][int(where[8])]
    owner["as_of"] = value
    if where == "sources[1].as_of":
        owner["retrieved"] = "2017"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run_here(["validate", str(path)])
    assert code == 1 and said in err, err


@pytest.mark.parametrize("blank", ["", "  ", "\u200b"])
def test_a_citation_says_where_in_its_source(tmp_path: Path, blank: str) -> None:
    """A citation's place `at` of spaces or a zero-width space validated, and the timeline
    printed "party-page-2018,   ", which says nowhere."""
    from conftest import DATA, run_here

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["memberships"][0]["periods"][0]["sources"][0]["at"] = blank
    path = tmp_path / "d.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run_here(["validate", str(path)])
    assert code == 1
    assert (
        "memberships[0].periods[0].sources[0].at: a citation's at cannot be empty or blank" in err
    )


@pytest.mark.parametrize("option", ["--published", "--retrieved"])
@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2019/..", "is open at one end"),
        ("../2019", "is open at one end"),
        ("2999", "is in the future (today is "),
        ("9999-12-31", "is in the future (today is "),
    ],
)
def test_drafts_date_options_are_closed_days_that_have_come(
    tmp_path: Path, option: str, value: str, said: str
) -> None:
    """`--published 2019/..` was taken, and the draft then broke its own rules (exit 1,
    "report the page"); a future date too. Both are the option's fault, said of it."""
    from conftest import run_here

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>X Party</title></head><body><p>X Party works.</p>"
        "<ul><li>Party A (France)</li></ul></body></html>",
        encoding="utf-8",
    )
    code, out, err = run_here(["draft", str(page), option, value, "-o", "-"])
    assert (code, out) == (2, "")
    assert err.startswith(f"partyintl: error: {option} {value} {said}"), err


@pytest.mark.parametrize(
    ("described", "said"),
    [
        ({"as_of": "2024-06", "retrieved": "2024-05-02"}, "[0].as_of: 2024-06 is after the copy"),
        ({"published": "2025", "retrieved": "2024"}, "[0].published: 2025 is after the copy"),
        ({"published": "2020/2021", "retrieved": "2024-05-02"}, None),
        ({"published": "2020"}, None),
    ],
)
def test_drafts_sources_dates_are_checked_and_used(
    tmp_path: Path, described: dict[str, str], said: str | None
) -> None:
    """A --sources file whose source holds as of a day after its copy was taken gave "the
    draft ... report the page" (exit 1); one dated only by publication and retrieval was
    refused as giving no date."""
    from conftest import run_here

    table = tmp_path / "t.csv"
    table.write_text("name_as_printed,source\nLabour Party,s1\n", encoding="utf-8")
    sources = tmp_path / "src.json"
    source = {"id": "s1", "title": "T", "publisher": "P", "language": "en", **described}
    sources.write_text(json.dumps([source]), encoding="utf-8")
    code, out, err = run_here(
        ["draft", str(table), "--party", "X Party", "--sources", str(sources), "-o", "-"]
    )
    if said is None:
        assert code == 0, err
        assert json.loads(out)["as_of"] == (described.get("retrieved") or "2020")
    else:
        assert (code, out) == (1, "")
        assert err.startswith(f"partyintl: error: {sources}: 1 problem\n  {said}"), err
        assert "report the page" not in err


@settings(max_examples=30, deadline=None)
@given(
    years_ahead=st.integers(min_value=1, max_value=500),
    where=st.sampled_from(["table", "published", "as_of", "retrieved"]),
)
def test_a_future_date_in_drafts_own_files_is_said_of_that_file(
    tmp_path_factory: pytest.TempPathFactory, years_ahead: int, where: str
) -> None:
    """A table's meeting_dates of 2030, or a --sources entry published in 2030, was said of
    "the draft" (as_of, a field the user never wrote): it is said of the file, at its
    line and column or its entry."""
    from conftest import run_here
    from partyintl.data import dates

    year = str(int(dates.today()[:4]) + years_ahead)
    folder = tmp_path_factory.mktemp("future")
    table, sources = folder / "t.csv", folder / "s.json"
    if where == "table":
        table.write_text(
            f"name_as_printed,decision,meeting_dates\nLabour Party,new_full,{year}-01-01\n",
            encoding="utf-8",
        )
        argv = ["draft", str(table), "--party", "Socialist International (SI)", "-o", "-"]
        said = f"  line 2, column 3: meeting_dates '{year}-01-01': {year}-01-01 is in the future"
    else:
        source = {"id": "s1", "title": "T", "publisher": "P", "language": "en", where: year}
        sources.write_text(json.dumps([source]), encoding="utf-8")
        table.write_text("name_as_printed,source\nLabour Party,s1\n", encoding="utf-8")
        argv = ["draft", str(table), "--party", "X Party", "--sources", str(sources), "-o", "-"]
        said = f"  [0].{where}: {year} is in the future"
    code, out, err = run_here(argv)
    assert (code, out) == (1, "")
    assert err.startswith(f"partyintl: error: {table if where == 'table' else sources}: ")
    assert said in err and "the draft" not in err, err


@settings(max_examples=30, deadline=None)
@given(
    columns=st.lists(
        st.sampled_from(["name_as_printed", "country", "source", "decision"]),
        min_size=2,
        max_size=5,
    ).filter(lambda c: len(set(c)) < len(c) and "name_as_printed" in c),
)
def test_a_table_with_a_column_given_twice_is_refused(
    tmp_path_factory: pytest.TempPathFactory, columns: list[str]
) -> None:
    """`name_as_printed,name_as_printed` was drafted without a word (the second column's
    cells were lost)."""
    from conftest import run_here

    table = tmp_path_factory.mktemp("twice") / "t.csv"
    table.write_text(",".join(columns) + "\n" + ",".join("x" for _ in columns) + "\n")
    code, out, err = run_here(["draft", str(table), "--party", "X Party", "-o", "-"])
    twice = sorted({c for c in columns if columns.count(c) > 1})
    assert (code, out) == (1, "")
    assert f"line 1, column 1: column{'s' if len(twice) > 1 else ''} " in err
    assert all(repr(c) in err for c in twice)


@pytest.mark.parametrize("party", ["A\u202eB", " X Party", "X\u200bParty", "\u3164"])
def test_a_party_name_that_no_name_may_be_is_a_usage_error(tmp_path: Path, party: str) -> None:
    """`--party $'A\\u202eB'` was refused as a fault of "the draft" (exit 1)."""
    from conftest import run_here
    from partyintl.data.rules import name_problem

    table = tmp_path / "t.csv"
    table.write_text("name_as_printed\nLabour Party\n", encoding="utf-8")
    argv = ["draft", str(table), "--party", party, "--published", "2020", "-o", "-"]
    code, out, err = run_here(argv)
    why = name_problem(party.strip())
    if why is None:  # spaces at the ends are only trimmed
        assert code == 0 and json.loads(out)["party"]["name"] == party.strip()
        return
    assert (code, out) == (2, "")
    assert "the draft" not in err
    assert err.startswith(("partyintl: error: --party: a name ", "partyintl: error: --party was"))


def test_an_empty_sources_list_is_refused(tmp_path: Path) -> None:
    from conftest import run_here

    table, sources = tmp_path / "t.csv", tmp_path / "s.json"
    table.write_text("name_as_printed,source\nLabour Party,s1\n", encoding="utf-8")
    sources.write_text("[]", encoding="utf-8")
    code, out, err = run_here(
        ["draft", str(table), "--party", "X Party", "--sources", str(sources), "-o", "-"]
    )
    assert (code, out) == (1, "")
    assert "the list describes no source: give one, or leave the option out" in err


@settings(max_examples=40, deadline=None)
@given(nth=st.integers(0, 100), kept=st.sets(st.sampled_from(["published", "as_of", "retrieved"])))
def test_every_source_says_as_of_when_it_holds(nth: int, kept: set[str]) -> None:
    """A source with no date at all validated, and figures then drew its facts as of the
    file's date, which no source gives, while tables said nothing. A source keeps at least
    one of published, as_of and retrieved; one without is refused at its own place."""
    from partyintl.data.rules import SOURCE_DATES, UNDATED_SOURCE

    raw = copy.deepcopy(load_dataset().raw)
    index = nth % len(raw["sources"])
    source = raw["sources"][index]
    held = {key: source.get(key) for key in SOURCE_DATES if source.get(key) is not None}
    assume(kept <= set(held))
    for key in SOURCE_DATES:
        if key not in kept:
            source.pop(key, None)
    if kept:
        validate(raw, "dated", None)
        return
    with pytest.raises(DatasetError) as info:
        validate(raw, "undated", None)
    assert [p.describe() for p in info.value.problems] == [f"sources[{index}]: {UNDATED_SOURCE}"]
