"""Countries and places: the names people type resolve, and the map says what it cannot draw.

Generated: every ISO 3166-1 country's names (code, alpha-3, ISO, common, official and
everyday name) as people and sources write them (case, a leading "The", "&" for "and",
"St." for "Saint", accents dropped, hyphens for spaces, inverted "X, Republic of") resolve
to it, in `--country` and in a data file's validation alike; every name country_converter's
table prints for a country resolves to it, and where its regular expressions recognise one
of our own spellings they agree; every ISO 3166-3 former country resolves to its successor
or, divided, to a place that names the countries that followed it; every ISO 3166-1
country with a partner in it on one map (each either shaded or listed as not drawn, never
dropped).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import unicodedata
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import DATA, run_here
from partyintl.data import countries, regions, rules
from partyintl.data._iso import COUNTRIES, FORMER
from partyintl.data.countries import SHARED_NAMES
from partyintl.render.figures import COUNT_COLOURS, MAX_APART, map_figure, world_paths
from partyintl.render.view import View

ASSIGNED = {row[0] for row in COUNTRIES}


def _coco_rows() -> list[dict[str, str]]:
    """country_converter's table, read as data: importing the package would load pandas."""
    spec = importlib.util.find_spec("country_converter")
    assert spec is not None and spec.submodule_search_locations
    path = Path(list(spec.submodule_search_locations)[0]) / "country_data.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:  # a few ISO2 cells are patterns themselves ("^GB$|^UK$")
        codes = re.findall(r"[A-Z]{2}", row["ISO2"])
        row["ISO2"] = codes[0] if codes else ""
    return rows


COCO = _coco_rows()


def _spellings(code: str) -> list[str]:
    """The standard names of a country: ISO's and the everyday short name."""
    row = next(r for r in COUNTRIES if r[0] == code)
    return [n for n in (*row[:2], *row[2:], countries.short_name(code)) if n]


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _invert(text: str) -> str:
    head, _, tail = text.partition(", ")
    return f"{tail} {head}" if tail else text


#: How people and sources vary a country's name.
CHANGES: list[Callable[[str], str]] = [
    _invert,  # first, if at all: sources invert the standard name
    str.upper,
    str.lower,
    str.title,
    lambda t: t if t.lower().startswith("the ") else f"The {t}",
    lambda t: t.replace(" and ", " & "),
    lambda t: t.replace("Saint ", "St. "),
    lambda t: t.replace("Saint ", "St "),
    _strip_accents,
    lambda t: t.replace(" ", "-"),
]


@given(
    st.sampled_from(sorted(ASSIGNED)).flatmap(
        lambda code: st.tuples(
            st.just(code),
            st.sampled_from(_spellings(code)),
            st.lists(st.sampled_from(CHANGES), max_size=3, unique=True),
        )
    )
)
def test_every_country_resolves_as_people_write_it(
    case: tuple[str, str, list[Callable[[str], str]]],
) -> None:
    code, spelling, changes = case
    for change in sorted(changes, key=CHANGES.index):
        spelling = change(spelling)
    found = countries.lookup(spelling)
    assert found is not None and found.code == code, (spelling, found)
    assert rules._place_problems(spelling, code, False) == ()  # a data file says the same


@pytest.mark.parametrize("column", ["name_short", "name_official"])
def test_every_name_country_converter_prints_resolves(column: str) -> None:
    wrong = [
        (row[column], row["ISO2"], countries.lookup(row[column]))
        for row in COCO
        if row["ISO2"] in ASSIGNED
        and getattr(countries.lookup(row[column]), "code", None) != row["ISO2"]
    ]
    assert wrong == []


#: Where country_converter's patterns recognise a word of the name but not the country.
COCO_MISREADS = {
    "white russia": "an old name of Belarus, read as Russia",
    "portuguese timor": "East Timor before 1975, read as Portugal",
}


def test_our_own_spellings_agree_with_country_converter() -> None:
    patterns = [(re.compile(r["regex"], re.IGNORECASE), r["ISO2"]) for r in COCO]
    ours = [
        *countries.ALIASES,
        *countries.DIVIDED_ALIASES,
        *countries.MERGED,
        *countries.RENAMED,
        *countries.SHORT_NAMES.values(),
        *(name for row in COUNTRIES for name in row[2:] if name),
    ]
    disagree = {}
    for spelling in ours:
        theirs = {code for pattern, code in patterns if pattern.search(spelling)}
        found = countries.lookup(spelling)
        assert found is not None
        if theirs and found.code not in theirs and not found.successors:
            disagree[spelling] = (found.code, sorted(theirs))
    assert sorted(disagree) == sorted(COCO_MISREADS)


def test_every_former_country_resolves_to_what_followed_it() -> None:
    for alpha_2, _, alpha_4, name, withdrawn in FORMER:
        found = countries.lookup(name)
        assert found is not None, name
        if found.code is None:  # divided: a place of its own, naming its successors
            assert alpha_4 in countries.DIVIDED
            assert found.successors and set(found.successors) <= ASSIGNED
            assert found.ended == withdrawn
        else:
            assert found.code in (alpha_4[2:], alpha_2) and found.code in ASSIGNED
        if alpha_2 not in ASSIGNED and sum(r[0] == alpha_2 for r in FORMER) == 1:
            assert countries.lookup(alpha_2) == found, alpha_2


CONGO = ["Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Zaire"]


@pytest.mark.parametrize("name", CONGO)
def test_names_of_dr_congo(
    name: str, invoke: Callable[..., Any], spoil: Callable[..., Path]
) -> None:
    assert invoke("partners", "-c", name) == (0, "", "No partners match.\n")
    assert countries.resolve(name).code == "CD"

    def change(data: dict[str, Any]) -> None:
        for p in data["partners"]:
            if p["id"] == "communist-party-of-china":
                p["country"], p["country_code"] = name, "CD"

    path = str(spoil(change))
    assert invoke("validate", path)[0] == 0
    code, out, err = invoke("--data", path, "partners", "-c", "DR Congo", "--fields", "name")
    assert (code, out, err) == (0, "Communist Party of China\n", "")


SOVIET = (
    "No partners match. Soviet Union is a former country (ISO 3166-3 withdrew its code in "
    "1992); the countries that followed it: Armenia, Azerbaijan, Belarus, Estonia, Georgia, "
    "Kyrgyzstan, Kazakhstan, Lithuania, Latvia, Moldova, Russia, Tajikistan, Turkmenistan, "
    "Ukraine, Uzbekistan.\n"
)


@pytest.mark.parametrize("name", ["Soviet Union", "USSR", "Union of Soviet Socialist Republics"])
def test_the_soviet_union_is_one_place_by_any_name(
    name: str, invoke: Callable[..., Any], spoil: Callable[..., Path]
) -> None:
    assert invoke("partners", "-c", name) == (0, "", SOVIET)

    def change(data: dict[str, Any]) -> None:
        for p in data["partners"]:
            if p["id"] == "communist-party-of-china":
                p["country"], p["country_code"] = "USSR", None
                p["notes"] = ["A former country: no ISO 3166-1 code."]

    path = str(spoil(change))
    assert invoke("validate", path)[0] == 0
    code, out, err = invoke("--data", path, "partners", "-c", name, "--fields", "name")
    assert (code, out, err) == (0, "Communist Party of China\n", "")


def test_a_former_country_with_a_code_is_refused(
    invoke: Callable[..., Any], spoil: Callable[..., Path]
) -> None:
    def change(data: dict[str, Any]) -> None:
        for p in data["partners"]:
            if p["id"] == "communist-party-of-china":
                p["country"], p["country_code"] = "Soviet Union", "RU"

    code, out, err = invoke("validate", str(spoil(change)))
    assert (code, out) == (1, "")
    assert (
        "'Soviet Union' is a former country (Soviet Union) without an ISO 3166-1 code: leave "
        "country_code 'RU' out and say why in a note"
    ) in err


def test_renamed_and_merged_countries_answer_for_their_successor(
    invoke: Callable[..., Any],
) -> None:
    germany = invoke("partners", "-c", "Germany")
    assert germany[0] == 0 and germany[1]
    for name in ("East Germany", "German Democratic Republic", "DDR", "GDR"):
        assert invoke("partners", "-c", name) == germany


def _listed(svg: str) -> list[str]:
    """The lines of the map's 'not drawn' list."""
    return [unescape(t) for t in re.findall(r">• (.*?)</text>", svg)]


def _shaded(svg: str) -> int:
    """How many country outlines of the world map (not of an inset) carry a partner's shade."""
    shades = "|".join(COUNT_COLOURS)
    world = re.search(r"<svg x=.*?</svg>", svg, re.S)
    assert world is not None
    return len(re.findall(rf'<g class="mark" fill="({shades})" stroke', world.group()))


def test_every_country_is_drawn_or_listed_never_dropped() -> None:
    outlines = world_paths()
    rows = [
        {"country": name, "country_code": code, "region": None, "partners": 1}
        for code, _, name, _, _ in COUNTRIES
    ]
    partners: list[tuple[str, str | None]] = [
        (f"Party of {name} ({name})", code) for code, _, name, _, _ in COUNTRIES
    ]
    partners.append(("New Ossetia (South Ossetia)", None))
    svg = map_figure(View(rows, ["country", "country_code"]), None, partners, "Source: test")
    missing = [(label, code) for label, code in partners if code and code.lower() not in outlines]
    assert len(missing) == 65  # pygal_maps_world 1.0.2 has no outline for these
    # 66 partners apart: more than MAX_APART, so counted by place, the rest in one line.
    places = [
        f"{name} (no outline on this map): 1 partner"
        for code, _, name, _, _ in COUNTRIES
        if code.lower() not in outlines
    ]
    places.append("South Ossetia: 1 partner")
    assert _listed(svg) == places[:MAX_APART]
    rest = len(places) - MAX_APART
    assert f"… and {rest} more places with {rest} partners" in svg
    assert "Partners not drawn on the map, counted by place:" in svg
    drawn = len(COUNTRIES) - len(missing)
    assert _shaded(svg) == drawn
    assert f"shading {drawn} countries" in svg
    assert f"{len(missing) + 1} partners the map cannot draw are listed" in svg


def test_a_partner_in_qatar_is_listed_under_the_map(
    spoil: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    def change(data: dict[str, Any]) -> None:
        for p in data["partners"]:
            if p["id"] == "communist-party-of-china":
                p["country"], p["country_code"] = "Qatar", "QA"

    code, out, err = invoke("--data", str(spoil(change)), "map", "-f", "svg")
    assert (code, err) == (0, "")
    assert "Communist Party of China (Qatar): no outline on this map" in _listed(out)
    assert 'Republican political Party "New Ossetia" (South Ossetia)' in _listed(out)
    bundled = invoke("map", "-f", "svg")[1]
    assert "shading 30 countries" in bundled
    # China's two other partners keep it shaded; Qatar, without an outline, is not counted.
    assert "shading 30 countries" in out


def _two_part_names() -> list[tuple[str, str]]:
    from partyintl.data._iso import COUNTRIES

    return [
        (name.split(", ", 1)[0].split(" and ", 1)[0], code)
        for code, _, name, _, _ in COUNTRIES
        if " and " in name
    ]


@pytest.mark.parametrize(("first", "code"), _two_part_names())
def test_the_first_part_of_a_two_part_name_finds_its_country(first: str, code: str) -> None:
    """`-c Bosnia` is Bosnia and Herzegovina, `Trinidad` Trinidad and Tobago: the first
    part of every ISO name of two parts joined by "and" finds that country."""
    from partyintl.data import countries

    found = countries.lookup(first)
    assert found is not None and found.code == code, (first, found)


# Places given to --country that the data names without an ISO code (a disputed or
# unrecognised country) are asked for by name, in any case; commas alone name no place.

#: Partners moved to the generated place: three of the bundled ones, in the file's order.
IDS = [p["id"] for p in json.loads(DATA.read_text(encoding="utf-8"))["partners"]][3::11][:3]


@st.composite
def places(draw: st.DrawFn) -> str:
    words = draw(
        st.lists(
            st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzäöü"), min_size=3, max_size=9),
            min_size=1,
            max_size=3,
        )
    )
    name = " ".join(w.capitalize() for w in words)
    assume(countries.lookup(name) is None and regions.lookup(name) is None)
    return name


def _file(tmp: Path, place: str, ids: list[str]) -> Path:
    raw: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    for partner in raw["partners"]:
        if partner["id"] in ids:
            partner |= {"country": place, "country_code": None, "region": None}
            partner["notes"] = [f"{place} has no ISO code of its own."]
            partner.pop("inferred", None)
    path = tmp / "data.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None)
@given(place=places(), spelling=st.sampled_from([str, str.lower, str.upper, str.casefold]))
def test_a_place_the_data_names_without_a_code_is_asked_for_by_name(
    place: str, spelling: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ids = IDS
    path = _file(tmp_path_factory.mktemp("places"), place, ids)
    argv = ["--data", str(path), "partners", "-c", spelling(place), "-f", "csv"]
    code, out, err = run_here([*argv, "--fields", "id,country"])
    assert (code, err) == (0, ""), err
    assert out.splitlines() == ["id,country", *(f"{i},{place}" for i in ids)]


@pytest.mark.parametrize("value", [",", " , ", ",,", ", ,"])
def test_commas_alone_name_no_country(value: str) -> None:
    assert run_here(["partners", "-c", value]) == (
        2,
        "",
        "partyintl: error: --country was given an empty value: give one, or leave the "
        "option out.\nTry 'partyintl partners --help' for help.\n",
    )


#: Abbreviations statistical tables use in names turned round at a comma.
ABBREVIATED = {"Republic": "Rep.", "Democratic": "Dem.", "Federated": "Fed.", "States": "Sts."}


def _turned_round(official: str) -> list[str]:
    """An official name "Form of Name" as tables sort it: "Name, Form", with and without
    its words abbreviated ("Korea, Rep.", "Micronesia, Fed. Sts.")."""
    form, of, name = official.partition(" of ")
    if not of or not form or not name:
        return []
    name = name.removeprefix("the ")
    short = " ".join(ABBREVIATED.get(word, word) for word in form.split())
    return [f"{name}, {form}", f"{name}, {short}"]


TURNED = sorted(
    {(spelling, row[0]) for row in COUNTRIES for n in row[2:] if n for spelling in _turned_round(n)}
)


@settings(max_examples=200, deadline=None)
@given(case=st.sampled_from(TURNED))
def test_a_name_turned_round_at_a_comma_means_its_country(case: tuple[str, str]) -> None:
    """`-c "Korea, Rep."` split at its comma and asked for 'Rep.'; "Gambia, The" in a
    data file did not match its code."""
    spelling, code = case
    found = countries.lookup(spelling)
    assert found is not None and found.code == code, (spelling, found)
    assert rules._place_problems(spelling, code, False) == ()
    code_out, out, err = run_here(
        ["partners", "-c", spelling, "--fields", "country_code", "-f", "csv"]
    )
    assert code_out == 0, err
    assert set(out.split()[1:]) <= {code}


#: The World Bank's names of this kind (World Development Indicators' country names).
WORLD_BANK = [
    "Gambia, The",
    "Bahamas, The",
    "Korea, Rep.",
    "Korea, Dem. People's Rep.",
    "Congo, Dem. Rep.",
    "Congo, Rep.",
    "Egypt, Arab Rep.",
    "Iran, Islamic Rep.",
    "Yemen, Rep.",
    "Micronesia, Fed. Sts.",
    "Venezuela, RB",
]


@pytest.mark.parametrize("name", WORLD_BANK)
def test_the_world_banks_names_mean_what_country_converter_reads(name: str) -> None:
    """The country each means is the one country_converter's patterns recognise."""
    read = {r["ISO2"] for r in COCO if re.search(r["regex"], name, re.IGNORECASE)}
    found = countries.lookup(name)
    assert found is not None and {found.code} == read, (name, found, read)


@pytest.mark.parametrize(
    ("name", "code"),
    [("Hong Kong SAR, China", "HK"), ("Macao SAR, China", "MO"), ("Taiwan, China", "TW")],
)
def test_a_territory_named_with_its_country_is_the_territory(name: str, code: str) -> None:
    """The World Bank names these with China after a comma: read as two places, China's
    partners were answered too, and a data file's country had no code."""
    from partyintl.query.places import resolve_countries

    assert [c.code for c in resolve_countries((name,))] == [code]
    assert rules._place_problems(name, code, False) == ()


@settings(max_examples=200, deadline=None)
@given(
    turned=st.lists(
        st.sampled_from(TURNED + [(w, "") for w in WORLD_BANK]), min_size=1, max_size=3
    ),
    plain=st.lists(st.sampled_from(sorted(ASSIGNED)), max_size=2),
)
def test_names_turned_round_in_a_list_keep_their_commas(
    turned: list[tuple[str, str]], plain: list[str]
) -> None:
    """`-c "Korea, Rep.,Japan"` asked for a country 'Rep.'; `-c "Japan,Virgin Islands, U.S."`
    for a country 'Virgin Islands'."""
    from partyintl.query.places import resolve_countries

    names = [n for n, _ in turned] + [countries.short_name(c) for c in plain]
    assume(not any("," in countries.short_name(c) for c in plain))
    # "America, United States": both halves are countries, and a list of two is read;
    # "Virgin Islands, U.S." is one (Virgin Islands alone is none).
    assume(
        not any(
            countries.lookup(n.partition(",")[2]) and countries.lookup(n.partition(",")[0])
            for n, _ in turned
        )
    )
    assume(all(n.count(",") == 1 for n, _ in turned))  # "China, Taiwan, Province" is no list item
    expected = [countries.lookup(n).code for n in names]  # type: ignore[union-attr]
    assert [c.code for c in resolve_countries((",".join(names),))] == expected


@settings(max_examples=300, deadline=None)
@given(pair=st.lists(st.sampled_from(sorted(ASSIGNED)), min_size=2, max_size=2, unique=True))
def test_two_countries_with_a_comma_between_are_still_two(pair: list[str]) -> None:
    names = [countries.short_name(code) for code in pair]
    assume(not any("," in n for n in names))
    # "Hong Kong, China" is one place's name (the WTO's for Hong Kong): a full run drew it.
    assume(countries.lookup(",".join(names)) is None)
    from partyintl.query.places import resolve_countries

    assert [c.code for c in resolve_countries((",".join(names),))] == pair


@pytest.mark.parametrize("territory", ["Hong Kong SAR, China", "Macao SAR, China", "Taiwan, China"])
@pytest.mark.parametrize("first", [True, False])
def test_a_territory_named_with_its_country_in_a_list_adds_no_country(
    territory: str, first: bool
) -> None:
    """`-c "Hong Kong SAR, China,Japan"` answered China's partners too."""
    from partyintl.query.places import resolve_countries

    code = countries.lookup(territory).code  # type: ignore[union-attr]
    value = f"{territory},Japan" if first else f"Japan,{territory}"
    expected = [code, "JP"] if first else ["JP", code]
    assert [c.code for c in resolve_countries((value,))] == expected


def _one_place_names() -> list[str]:
    """Names with a comma that --country reads as one place although both sides name
    countries: from the aliases and ISO's names, and each turned round."""
    from partyintl.data._iso import COUNTRIES as ISO

    names = [*countries.ALIASES, *(row[2] for row in ISO)]
    found = []
    for name in names:
        head, comma, tail = name.partition(",")
        for text in (name, f"{tail.strip()}, {head.strip()}"):
            first, _, second = text.partition(",")
            whole, a, b = (countries.lookup(t) for t in (text, first, second))
            if comma and whole and a and b and a != b:
                found.append(text)
    return sorted(set(found))


ONE_PLACE = _one_place_names()


def test_there_are_names_read_as_one_place() -> None:
    assert {"taiwan, china", "hong kong, china", "macao sar, china"} <= set(ONE_PLACE)


@pytest.mark.parametrize("name", ONE_PLACE)
def test_a_name_read_as_one_place_says_how_to_ask_for_both(name: str) -> None:
    """`-c "Taiwan, China"` answered Taiwan's partners, and `-c "Hong Kong, China"` both
    places' (a fresh tester): both read as one place now, and an empty answer says how to
    ask for both sides."""
    from partyintl.query.places import country_notes

    head, _, tail = name.partition(",")
    whole = countries.lookup(name)
    assert whole is not None
    said = (
        f"'{name}' is read as one place, {whole.name}; for both, give "
        f"-c '{head.strip()}' -c '{tail.strip()}'."
    )
    assert said in country_notes((name,))
    assert said in country_notes((f"Armenia,{name}",))


@settings(max_examples=60, deadline=None)
@given(
    pair=st.lists(st.sampled_from(sorted(ASSIGNED)), min_size=2, max_size=4, unique=True),
    at=st.integers(min_value=1, max_value=3),
    blank=st.sampled_from(["", " ", "  "]),
)
def test_an_empty_country_in_a_list_is_refused_as_an_empty_field_is(
    pair: list[str], at: int, blank: str
) -> None:
    """`-c "Germany,,Cuba"` was read as Germany and Cuba without a word, where `--fields
    name,,country` is an error: an empty part between commas is one too, named by place."""
    from partyintl.errors import UsageError
    from partyintl.query.places import resolve_countries
    from partyintl.words import ordinal

    names = [countries.short_name(code) for code in pair]
    assume(not any("," in n for n in names))
    at = min(at, len(names))  # at the end too: "Germany," is a typo as "Germany,,Cuba" is
    value = ",".join([*names[:at], blank, *names[at:]])
    with pytest.raises(UsageError) as refused:
        resolve_countries((value,))
    assert refused.value.message == (
        f"The {ordinal(at + 1)} country of --country {value!r} is empty: separate countries "
        "with single commas, e.g. Armenia,Belarus."
    )


@settings(max_examples=80, deadline=None)
@given(
    language=st.sampled_from(countries.CLDR_COMMON),
    nth=st.integers(0, 10_000),
)
def test_a_country_named_in_another_language_is_that_country(language: str, nth: int) -> None:
    """`-c Германия`, `-c Allemagne`, `-c 中国` were refused ("not a country I know") while
    `-c Россия` and `-c Deutschland` were taken, and a data file's "Russland" with
    country_code RU failed validation while "Deutschland" with DE passed. Any CLDR name of a
    country, in any of the common languages, now means that country, in --country and in
    a data file, unless it names two countries in some language."""
    from babel import Locale

    from partyintl.query.places import resolve_countries

    names = sorted(
        (code, name)
        for code, name in Locale.parse(language).territories.items()
        if len(code) == 2 and code.isalpha() and countries.is_iso_code(code)
    )
    code, name = names[nth % len(names)]
    meant = countries.lookup_translated(name)
    if meant is None or countries.lookup(name) is not None or regions.lookup(name) is not None:
        return  # two countries' name somewhere, or already an English name or a region
    assert meant.code == code, (name, code, meant)
    assert [c.code for c in resolve_countries((name,))] == [code]
    assert rules._place_problems(name, code, False) == ()


@settings(max_examples=30, deadline=None)
@given(
    spellings=st.lists(
        st.sampled_from(
            ["Germany", "Deutschland", "Германия", "Allemagne", "Federal Republic of Germany"]
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_country_spelt_several_ways_is_counted_once(spellings: list[str]) -> None:
    """Partners of Germany spelt "Германия" and "Allemagne" (now that other languages'
    names are taken) made two rows of `countries`, each counting one. One code is one
    country: one row, all its partners, named as the first one spells it."""
    import copy

    from partyintl.data.load import Dataset, load_dataset
    from partyintl.query.partners import country_counts

    raw = copy.deepcopy(load_dataset().raw)
    germans = [p for p in raw["partners"] if p.get("country_code") == "DE"]
    for partner, name in zip(germans, spellings, strict=False):
        partner["country"] = name
    rows = [r for r in country_counts(Dataset(raw, None)) if r["country_code"] == "DE"]
    assert [(r["country"], r["partners"]) for r in rows] == [(spellings[0], len(germans))]


@pytest.mark.parametrize("name", sorted(SHARED_NAMES))
@pytest.mark.parametrize("case", [str, str.upper, str.title])
def test_a_name_of_several_countries_is_never_one_of_them_silently(name: str, case: Any) -> None:
    """`-c Congo` answered about the Republic of the Congo without a word, though the file
    listed a partner of the DR Congo; `-c Korea` offered North Korea alone. A name several
    countries go by is refused, each country named with its code, which --country takes."""
    from conftest import run_here
    from partyintl.data.countries import lookup

    typed = case(name)
    code, out, err = run_here(["partners", "-c", typed])
    meant = [lookup(c) for c in SHARED_NAMES[name]]
    assert (code, out) == (2, ""), err
    assert err.startswith(
        f"partyintl: error: '{typed}' names more than one country: give one of them.\n"
        "Countries:\n" + "".join(f"  {c.name} ({c.code})\n" for c in meant if c is not None)
    ), err
    for country in meant:
        assert country is not None
        assert run_here(["partners", "-c", country.code or ""])[0] == 0


@settings(max_examples=60, deadline=None)
@given(
    year=st.integers(1950, 2025),
    month=st.one_of(st.none(), st.integers(1, 12)),
    years=st.integers(0, 3),
)
def test_a_union_asked_about_over_a_span_says_what_changed_within_it(
    year: int, month: int | None, years: int
) -> None:
    """A file as of 2020 left the United Kingdom out of the EU, and one as of 2013 counted
    Croatia in, without a word: the last day of the span is taken. Over any span (a year,
    a month, an interval of years), a note says so exactly when the members on its first
    and last days differ."""
    from partyintl.data import dates, regions

    span = f"{year}-{month:02d}" if month else (f"{year}/{year + years}" if years else str(year))
    first, last = dates.start(span), dates.end(span)
    for name, region in regions.regions().items():
        if not region.dated:
            continue
        said = regions.span_note(name, span)
        differ = region.countries_on(first) != region.countries_on(last)
        assert (said is not None) == differ, (name, span, said)
        if said is not None:
            assert said.endswith(f"it is counted with its members on the last day, {last}.")


def test_partners_in_a_union_over_a_span_carry_the_note(tmp_path: Path) -> None:
    """The note reaches the user of `partners --region EU` (on stderr: the answer itself
    stays the same), for a file as of 2020 to 2022: the United Kingdom left in 2020."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["as_of"] = "2020/2022"
    data = tmp_path / "d.json"
    data.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = run_here(["--data", str(data), "partners", "--region", "EU", "-f", "plain"])
    assert code == 0, err
    assert " ".join(err.split()) == (
        "note: the data holds as of 2020/2022, and within it the European Union's members "
        "changed (United Kingdom left on 2020-01-31): it is counted with its members on the "
        "last day, 2022-12-31."
    )


@pytest.mark.parametrize("name", sorted(SHARED_NAMES))
def test_a_file_or_a_draft_never_picks_one_of_several_countries_for_a_name(
    tmp_path: Path, name: str
) -> None:
    """`validate` said "'Congo' has the ISO code 'CG'" of a DR Congo partner, and
    "'Korea' has no ISO code"; a table's "Congo" was drafted as the Republic of the Congo
    without a word. A file may give a name several countries go by with any of their
    codes (or with none, and a note); a draft leaves the country for a person to choose."""
    from partyintl.data.load import DatasetError, load_bytes

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    partner = raw["partners"][10]
    partner.pop("inferred", None)
    partner["country"] = name.title()
    for code in SHARED_NAMES[name]:
        partner["country_code"] = code
        load_bytes(json.dumps(raw).encode(), "d.json")  # valid
    partner["country_code"] = None
    with pytest.raises(DatasetError) as caught:
        load_bytes(json.dumps(raw).encode(), "d.json")
    codes = " or ".join(f"'{c}'" for c in SHARED_NAMES[name])
    assert [p.message for p in caught.value.problems] == [
        f"missing: '{name.title()}' is the name of several countries: give {codes}, or say "
        "in a note which it may be"
    ]
    partner["notes"] = ["The source says only 'Congo'."]
    load_bytes(json.dumps(raw).encode(), "d.json")
    table = tmp_path / "t.csv"
    table.write_text(f'name,country\nA Party,"{name.title()}"\n', encoding="utf-8")
    code, out, err = run_here(
        ["draft", str(table), "--party", "X", "--retrieved", "2024-05-02", "-o", "-"]
    )
    assert code == 0, err
    drafted = json.loads(out)["partners"][0]
    assert "country" not in drafted and "several countries" in drafted["notes"][0]
    page = tmp_path / "p.html"
    page.write_text(f"<ul><li>A Party ({name.title()})</li></ul><p>(c) 2020</p>", encoding="utf-8")
    code, out, err = run_here(["draft", str(page), "--party", "X", "-o", "-"])
    assert code == 0, err
    assert json.loads(out)["partners"][0].get("country_code") is None


@pytest.mark.parametrize(("code", "name"), [("EL", "Greece"), ("XK", "Kosovo"), ("el", "GR")])
def test_codes_in_everyday_use_outside_iso_mean_their_country(code: str, name: str) -> None:
    """`-c EL` (the European Union's code for Greece) and `-c XK` (Kosovo's, user-assigned
    in ISO 3166) were "not a country I know", though `-c SU` and `-c YU` are known. Each
    answers as its country's name does."""
    by_code = run_here(["partners", "-c", code, "--json"])
    assert by_code[0] == 0, by_code[2]
    assert by_code == run_here(["partners", "-c", name, "--json"])


def _halves() -> list[tuple[str, str]]:
    import re

    from partyintl.data._iso import COUNTRIES

    return [
        (half.strip(), code)
        for code, _, name, *_ in COUNTRIES
        if " and " in name
        for half in re.split(r", | and ", name)
    ]


@pytest.mark.parametrize(("half", "code"), _halves())
def test_either_half_of_a_two_part_name_is_its_country(half: str, code: str) -> None:
    """`--country Trinidad`, `Antigua`, `Saint Kitts` found their countries and `Tobago`,
    `Barbuda` (which suggested Bermuda), `Nevis` did not, nor `Ascension` or `Saba`.
    Each part of every ISO 3166 name of parts joined by "and" and commas finds it."""
    from partyintl.data import countries

    found = countries.lookup(half)
    assert found is not None and found.code == code, (half, found)
