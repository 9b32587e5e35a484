"""The bundled dataset: complete, faithful to the source, valid; and the loader's rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl import Dataset, DatasetError, load_dataset, query
from partyintl.query import SortKey

# The source's lists, item by item, as printed (the names are facts).
SOURCE_PARTNERS = [
    "The Party of European Socialists (PES) and its Group of the Progressive Alliance of "
    "Socialists and Democrats in the European Parliament (PASD)",
    "The Armenian Revolutionary Federation-Dashnaktsutyun",
    "The Belarusian Party of the Left Fair World",
    "The Republican Party of Labor and Justice (Belorussia)",
    "The Hungarian Socialist Party",
    "The Panhellenic Socialist Movement (PASOK)",
    'The Republican political Party "New Ossetia" (South Ossetia)',
    "The Democratic Party of Moldova",
    "The Socialist Democratic Party of Moldova",
    "The Labor Party of Georgia",
    "The Socialist Democratic Party of Kyrgyzstan",
    "Socialist Party Ata-Meken (Kyrgyzstan)",
    "The Socialist Democratic Party Harmony (Latvia)",
    "The Socialist Democratic Party of Lithuania",
    "The Serbian Radical Party",
    "The Socialist Party of Serbia",
    "The Bulgarian Socialist Party",
    "The Party Bulgarian Social Democrats",
    "The Polish Democratic Left Alliance",
    "The Czech Social Democratic Party",
    "The Democratic Party of Italy",
    "The Spanish Socialist Workers’ Party",
    "The Socialist Democratic Party of Germany",
    "The Left Party (Germany)",
    "The Socialist Democratic Party of Finland",
    "The Socialist Democratic Party of Sweden",
    "The Socialist Party of France",
    "The Communist Party of Vietnam",
    "The Communist Party of China",
    "The Workers Party of Korea – DPRK (North Korea)",
    "The International Conference of the Asian Political Parties (ICAPP)",
    "The Indian National Congress",
    "The Democratic Party of Kurdistan, Iraq (DPK)",
    "Fatah (Palestine)",
    "The Institutional Revolutionary Party of Mexico",
    "The Communist Party of Cuba",
    "The Workers Party of Brazil",
    "Coalition of Radical Left (SYRIZA, Greece)",
    "Party of Socialists of the Republic of Moldova",
    "São Paulo Forum (a conference of leftist political parties and other organizations from "
    "Latin America and the Caribbean)",
    "Farabundo Martí National Liberation Front",
]
SOURCE_NPOS = [
    "The Institute of Social and Economic Development of Eurasia (China)",
    "China Center for Contemporary World Studies",
    "The International Center of Olof Palme (Sweden)",
    "The Friedrich Ebert Foundation (Germany)",
    "The Rosa Luxemburg Foundation (Germany)",
    "Hanns Seidel Foundation (Germany)",
    "The Center for Russia and CIS affairs in German Council on Foreign Relations (Germany)",
    "Jean-Jaurès Foundation (France)",
    "Alfred Mozer Foundation (Netherlands)",
    "Kalevi Sorsa Foundation (Finland)",
    "Foundation for European Progressive Studies (European Union)",
    "European Forum for Democracy and Solidarity (European Union)",
]
SEED = Path(__file__).parent / "fixtures" / "seed-page.txt"  # the seed page, unchanged


def test_bundled_dataset_counts(ds: Dataset) -> None:
    d = ds.data
    assert (
        len(d.partners),
        len(d.organizations),
        len(d.events),
        len(d.people),
        len(d.contacts),
    ) == (54, 12, 13, 6, 6)
    assert [p.status for p in d.memberships[0].periods] == ["observer", "consultative", "full"]
    assert [s.id for s in d.sources] == [
        "party-page-2018",
        "party-news-2016-07-02",
        "si-xxiv-congress-decisions",
        "si-press-release-2022-03-07",
        "partyfacts",
    ]


@pytest.mark.parametrize(("lst", "expected"), [("partners", SOURCE_PARTNERS), ("npo", SOURCE_NPOS)])
def test_every_list_item_is_present_in_order(ds: Dataset, lst: str, expected: list[str]) -> None:
    items = {
        (o.listing.position, o.listing.printed)
        for o in ds.partners
        if o.listing and o.listing.list == lst
    }
    assert sorted(items) == list(enumerate(expected, start=1))


def test_list_items_are_in_the_source_verbatim() -> None:
    text = SEED.read_text(encoding="utf-8")
    for item in SOURCE_PARTNERS + SOURCE_NPOS:
        assert item in text, item


def test_partner_names_drop_only_the_leading_article(ds: Dataset) -> None:
    for org in ds.partners:
        assert org.listing is not None
        printed = org.listing.printed.removeprefix("The ")
        assert org.name.replace("'", "’") in printed.replace("'", "’") or org.id == "pasd", org.id


def test_item_one_holds_two_bodies(ds: Dataset) -> None:
    first = [
        o
        for o in ds.partners
        if o.listing and o.listing.list == "partners" and o.listing.position == 1
    ]
    assert [o.id for o in first] == ["pes", "pasd"]
    assert ds.orgs["pasd"].part_of == "pes"


def test_si_status_path(ds: Dataset) -> None:
    periods = ds.data.memberships[0].periods
    assert [(p.status, p.start_date, p.decided_at) for p in periods] == [
        ("observer", "2008-06-30", "si-congress-23-athens"),
        ("consultative", "2010-11", "si-council-paris-2010"),
        ("full", "2012-08-30", "si-congress-24-cape-town"),
    ]
    # The year of the full membership is stated now, by the party's 2016 page: no inference.
    full = periods[2]
    assert full.inferred == ()
    assert [(c.source, c.fields, c.date) for c in full.sources] == [
        ("party-page-2018", ("start_date", "decided_at"), None),
        ("party-news-2016-07-02", ("start_date",), "2012"),
        ("si-xxiv-congress-decisions", ("status",), "2012/2017"),
    ]
    assert full.end is not None
    assert (full.end.date, full.end.status) == ("2022-03-07", "ended")
    assert [c.source for c in full.end.sources] == ["si-press-release-2022-03-07"]


def test_contacts_are_e164_with_russian_labels(ds: Dataset) -> None:
    assert {c.label.language for c in ds.data.contacts} == {"ru"}
    got = [
        (c.value, c.label.text, c.restriction.gloss if c.restriction else None)
        for c in ds.data.contacts
    ]
    assert got == [
        ("+74957878515", "Телефон", None),
        ("+74959593586", "Факс", None),
        ("+74957839803", "Раб. тел.", None),
        ("+79162494947", "Моб. тел.", "for the media only"),
        ("+74956296101", "Конт. тел", None),
        ("spravedlivo.ru", "Официальный сайт Политической партии СПРАВЕДЛИВАЯ РОССИЯ", None),
    ]


def test_disputed_territory_has_no_code_and_a_note(ds: Dataset) -> None:
    org = ds.orgs["new-ossetia"]
    assert (org.country, org.country_code) == ("South Ossetia", None)
    assert "disputed" in org.notes[0]


def test_library_use_without_cli() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from partyintl import load_dataset; d = load_dataset(); "
        "print(d.orgs['spd'].country_code, 'typer' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "DE False False\n"


def _problems(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    return [p.describe() for p in info.value.problems]


BAD_CHANGES: list[tuple[str, Any, str]] = [
    (
        "missing field",
        lambda d: d["partners"][3].pop("name"),
        "partners[3].name: missing: this field is required",
    ),
    (
        "unknown field",
        lambda d: d["partners"][0].update(colour="red"),
        "partners[0].colour: unknown field",
    ),
    (
        "wrong type",
        lambda d: d["partners"][2].update(name=5),
        "partners[2].name: must be text (a JSON string), not a number (got 5)",
    ),
    (
        "number as text",
        lambda d: d["partners"][2]["listing"].update(position="3"),
        'partners[2].listing.position: must be a whole number, not a string (got "3")',
    ),
    (
        "bad enum",
        lambda d: d["organizations"][2].update(type="club"),
        "organizations[2].type: must be one of 'party', 'international', 'npo', 'parliament', "
        "'faction', 'commission', 'committee' or 'party_unit' (got \"club\")",
    ),
    (
        "bad partner type",
        lambda d: d["partners"][2].update(type="club"),
        "partners[2].type: a partner's type must be one of 'party', 'international' or 'npo' "
        '(got "club")',
    ),
    (
        "duplicate id",
        lambda d: d["partners"][5].update(id="pes"),
        "partners[5].id: duplicate id 'pes' (first used at partners[0].id)",
    ),
    (
        "dangling reference",
        lambda d: d["events"][0].update(organization_id="nobody"),
        "events[0].organization_id: refers to 'nobody', which is no id in this file",
    ),
    (
        "not an ISO code",
        lambda d: d["partners"][12].update(country_code="XX"),
        "partners[12].country_code: 'XX' is not an ISO 3166-1 alpha-2 code",
    ),
    (
        "name and code disagree",
        lambda d: d["partners"][12].update(country_code="FR"),
        "partners[12].country: 'Kyrgyzstan' does not match country_code 'FR' (France)",
    ),
    (
        "impossible date",
        lambda d: d["events"][0].update(date="2013-02-30"),
        "events[0].date: 2013-02-30 is not a real date",
    ),
    (
        "impossible month",
        lambda d: d["events"][0].update(date="2013-13"),
        "events[0].date: month 13 does not exist",
    ),
    (
        "padded date form",
        lambda d: d["events"][0].update(date="30.06.2008"),
        "events[0].date: '30.06.2008' is not a date in EDTF levels 0-1",
    ),
    (
        "invalid phone",
        lambda d: d["contacts"][0].update(value="+7495"),
        "contacts[0].value: '+7495' is not a valid phone number",
    ),
    (
        "phone not E.164",
        lambda d: d["contacts"][0].update(value="(495) 787-85-15"),
        "contacts[0].value: '(495) 787-85-15' is not in E.164 form (+ and up to 15 digits, the "
        "first not 0; ;ext= and up to 20 digits for an extension)",
    ),
    (
        "extension too long",
        lambda d: d["contacts"][0].update(value="+74957878515;ext=" + "1" * 21),
        "contacts[0].value: '+74957878515;ext=111111111111111111111' is not in E.164 form (+ "
        "and up to 15 digits, the first not 0; ;ext= and up to 20 digits for an extension)",
    ),
    (
        "control character",
        lambda d: d["partners"][4].update(name="Bad\x1b[31m"),
        "partners[4].name: a name may not hold U+001B, a control character "
        '(got "Bad\\u001b[31m"): remove it',
    ),
    (
        "partner part of nothing",
        lambda d: d["partners"][3].update(part_of="ghost"),
        "partners[3].part_of: refers to 'ghost', which is no id in this file",
    ),
    (
        "partner of a non-partner type",
        lambda d: d["partners"][3].update(type="faction"),
        "partners[3].type: a partner's type must be one of 'party', 'international' or 'npo' "
        '(got "faction") (the type of an organisation that is no partner: list it under '
        "organizations)",
    ),
    (
        "partner without listing",
        lambda d: d["partners"][4].pop("listing"),
        "partners[4].listing: a partner needs its place in a source's list",
    ),
    (
        "periods out of order",
        lambda d: d["memberships"][0]["periods"][1].update(start_date="2001"),
        "memberships[0].periods[1].start_date: 2001 is before",
    ),
]


@pytest.mark.parametrize(
    ("label", "change", "expected"), BAD_CHANGES, ids=[b[0] for b in BAD_CHANGES]
)
def test_invalid_files_are_rejected_with_a_place(
    spoil: Any, label: str, change: Any, expected: str
) -> None:
    problems = _problems(spoil(change))
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_at_once(spoil: Any) -> None:
    def many(d: dict[str, Any]) -> None:
        d["partners"][0]["country_code"] = "ZZ"
        d["partners"][1]["colour"] = "x"
        d["events"][1]["date"] = "2010-02-31"
        d["people"][0]["posts"][0]["organization_id"] = "ghost"

    problems = _problems(spoil(many))
    # Root causes first: the shape, then wrong values, then references; each in file order.
    assert problems == [
        "partners[1].colour: unknown field",
        "events[1].date: 2010-02-31 is not a real date",
        "partners[0].country_code: 'ZZ' is not an ISO 3166-1 alpha-2 code",
        "people[0].posts[0].organization_id: refers to 'ghost', which is no id in this file",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "(top level): the file is empty"),
        (b"\xff\xfe{}", "line 1, column 1: not UTF-8 (byte 0xff)"),
        (
            b'{\n  "partners": [1,,]\n}',
            "line 2, column 18: malformed JSON: a value was expected here (a string, number, "
            "object, array, true, false or null)",
        ),
        (b"[]", "(top level): the top level is an array, not an object"),
        (b"[" * 100_000 + b"]" * 100_000, "(top level): JSON nested too deeply to be a data file"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    assert _problems(path) == [expected]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nope.json") == ["(top level): no such file"]
    assert _problems(tmp_path) == ["(top level): is a directory, not a file"]


def test_byte_order_mark_is_accepted(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(raw_data).encode())
    assert len(load_dataset(path).partners) == 54


def test_oversized_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partyintl.data import load as dataset

    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2048)
    monkeypatch.setattr(dataset, "MAX_BYTES", 1024)
    assert _problems(path) == ["(top level): is 2 KiB; the limit is 1 KiB"]


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 2**50))
def test_a_size_is_said_in_the_unit_people_read(n: int) -> None:
    """The size limit was said as "268435456 bytes". A size is given in the largest binary
    unit under it, to one decimal at most, and reads back within that decimal's rounding."""
    from partyintl.words import byte_size

    said = byte_size(n)
    number, unit = said.split(" ")
    if n < 1024:
        assert said == (f"{n} byte" if n == 1 else f"{n:,} bytes")
        return
    scale = 1024 ** ["KiB", "MiB", "GiB", "TiB"].index(unit) * 1024
    assert 1 <= n / scale < 1024 or unit == "TiB"
    assert abs(float(number) - n / scale) <= 0.05 + 1e-9
    assert byte_size(256 * 1024 * 1024) == "256 MiB"


@settings(max_examples=60, deadline=None)
@given(
    sort=st.one_of(st.sampled_from([k.value for k in SortKey]), st.sampled_from(list(SortKey)),
                   st.text(max_size=12)),
    limit=st.one_of(st.none(), st.integers(-5, 80), st.text(max_size=3), st.booleans()),
    country=st.sampled_from(["Germany", "Cuba", "Moldova"]),
)  # fmt: skip
def test_a_partner_filter_from_a_script_is_checked_as_the_command_line_is(
    sort: Any, limit: Any, country: str
) -> None:
    """`PartnerFilter(sort="name")` sorted nothing (the code compared with `is`), a wrong
    sort was accepted, `limit=-1` dropped the last partner, `limit="3"` failed inside a
    slice and `countries="Germany"` was read letter by letter. A sort's value is its key, a
    text is one country, and anything else is a ValueError or TypeError naming the field."""
    ds = load_dataset()
    good_sort = sort in [k.value for k in SortKey]
    good_limit = limit is None or (type(limit) is int and limit >= 0)
    if not (good_sort and good_limit):
        with pytest.raises((ValueError, TypeError), match="^PartnerFilter (sort|limit): "):
            query.PartnerFilter(sort=sort, limit=limit)
        return
    got = query.filter_partners(ds, query.PartnerFilter(countries=country, sort=sort, limit=limit))
    same = query.filter_partners(
        ds, query.PartnerFilter(countries=(country,), sort=SortKey(sort), limit=limit)
    )
    assert got == same
    everyone = query.filter_partners(
        ds, query.PartnerFilter(countries=(country,), sort=SortKey(sort))
    )
    assert got == everyone[:limit]
    assert len(got) == (len(everyone) if limit is None else min(len(everyone), limit))


def test_the_library_lists_its_names_and_takes_any_path_os_takes(tmp_path: Path) -> None:
    """`dir(partyintl)` showed no public name (they are imported on first use), so neither
    completion nor help() found load_dataset; `load_dataset(b"x")` failed inside with
    "a bytes-like object is required, not 'str'"."""
    import os

    import partyintl

    assert set(partyintl.__all__) <= set(dir(partyintl))
    assert set(query.__all__) <= set(dir(query))
    bundled = load_dataset()
    for path in (str(partyintl.bundled_path()), os.fsencode(partyintl.bundled_path())):
        assert load_dataset(path).raw == bundled.raw
    missing = tmp_path / "missing.json"
    for named in (missing, os.fsencode(missing)):
        with pytest.raises(DatasetError) as caught:
            load_dataset(named)
        assert caught.value.problems[0].message == "no such file"
    for wrong in (3, 2.5, ["a.json"]):
        with pytest.raises(TypeError, match=r"^load_dataset: give a data file's path"):
            load_dataset(wrong)  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["str", "bytes", "Path", "generator"])
@pytest.mark.parametrize("several", [False, True])
def test_load_collection_takes_any_path_load_dataset_takes(form: str, several: bool) -> None:
    """`load_collection([Path("a.json")])` failed with "'PosixPath' object has no attribute
    'strip'" and `load_collection(Path(...))` with "'PosixPath' object is not iterable"
    (the fresh tester, helper 58), though load_dataset takes both."""
    import os

    import partyintl
    from partyintl import load_collection

    shaped = {"str": str, "bytes": os.fsencode, "Path": Path, "generator": str}[form]
    paths = [shaped(partyintl.bundled_path()), shaped("bundled:si-membership")]
    given: Any = paths if several else paths[0]
    if form == "generator":
        given = (p for p in (paths if several else paths[:1]))
    found = load_collection(given)
    assert [d.raw for d in found.datasets] == [
        load_dataset(p).raw for p in (paths if several else paths[:1])
    ]
    for wrong, said in (
        (3, "a data file's path or a list of them, not 3"),
        ([3], "each data file's path as a str or os.PathLike, not 3"),
        ([None], "each data file's path as a str or os.PathLike, not None"),
    ):
        with pytest.raises(TypeError) as caught:
            load_collection(wrong)  # type: ignore[arg-type]
        assert str(caught.value) == f"load_collection: give {said}"


def test_a_folder_is_read_whole_by_load_collection_and_validate(tmp_path: Path) -> None:
    """`load_dataset('fold')` said only "is a directory, not a file" while `--data fold`
    read it, and `validate fold` refused it. load_collection reads a folder (exported from
    partyintl), load_dataset says to use it, and validate checks each file of a folder."""
    import shutil

    import partyintl
    from conftest import DATA, ROOT, run_cli
    from partyintl.errors import DatasetError

    folder = tmp_path / "fold"
    folder.mkdir()
    shutil.copy(DATA, folder / "a.json")
    shutil.copy(ROOT / "data" / "si-membership.json", folder / "b.json")
    coll = partyintl.load_collection(str(folder))
    assert coll.labels == ["a", "b"]
    with pytest.raises(DatasetError) as raised:
        partyintl.load_dataset(str(folder))
    assert str(raised.value).endswith(
        "The data files of a folder are read together by load_collection(FOLDER)."
    )
    done = run_cli("validate", str(folder))
    assert done.returncode == 0, done.stderr
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == [
        str(folder / "a.json"),
        str(folder / "b.json"),
    ]


@settings(max_examples=15, deadline=None)
@given(kinds=st.lists(st.sampled_from(["valid", "cut", "array", "bad id"]), min_size=2, max_size=5))
def test_validate_of_several_files_says_each_one(
    tmp_path_factory: pytest.TempPathFactory, kinds: list[str]
) -> None:
    """`validate FOLDER` stopped at the first invalid file: the files after it were not
    checked, and the valid ones before it were not said. Each file of a folder is checked:
    the valid ones on stdout, each invalid one's problems on stderr, then how many are not
    valid; exit 1 when any is not."""
    import json

    from conftest import DATA, run_here

    folder = tmp_path_factory.mktemp("several")
    good = DATA.read_text(encoding="utf-8")
    bad_id = json.loads(good)
    bad_id["partners"][-1]["id"] = "Not An Id"  # a partner no record refers to
    texts = {"valid": good, "cut": "{", "array": "[]", "bad id": json.dumps(bad_id)}
    names = [f"f{i}.json" for i in range(len(kinds))]
    for name, kind in zip(names, kinds, strict=True):
        (folder / name).write_text(texts[kind], encoding="utf-8")
    code, out, err = run_here(["validate", str(folder)])
    valid = [n for n, k in zip(names, kinds, strict=True) if k == "valid"]
    invalid = [n for n in names if n not in valid]
    assert [line.split(":")[0] for line in out.splitlines()] == [str(folder / n) for n in valid]
    said = [line for line in err.splitlines() if line.startswith("partyintl: error: ")]
    if invalid:
        assert code == 1, err
        assert said == [
            *(f"partyintl: error: {folder / n}: 1 problem" for n in invalid),
            f"partyintl: error: {len(invalid)} of {len(names)} data files are not valid (each "
            "is said above).",
        ], err
    else:
        assert (code, err) == (0, "")
