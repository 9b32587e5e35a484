"""What a reader takes away: marked inferences, names first, regions, lookups, timeline."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import run_cli

W80 = {"COLUMNS": "80"}


def _json(*args: str) -> Any:
    result = run_cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# What the source does not say looks different


def test_an_inferred_date_is_marked_with_a_footnote_in_a_table() -> None:
    out = run_cli("timeline", "--org", "SI", "--since", "2012", "-f", "table", env=W80).stdout
    # Only the statuses that overlap 2012 are drawn: the observer status ended in 2010. The
    # full status's year is stated by the party's 2016 page: no mark; its end has a date.
    assert out.startswith(
        "Socialist International: the party's status\n"
        "consultative  ▒▒▒▒ 2010-11–2012-08-30\n"
        "full              ███████████████████ 2012-08-30–2022-03-07, ended\n"
    )
    assert (
        "2012-08-30–2022-03-07  status_change    Full status in  Cape Town,       1, 2, 3\n" in out
    )
    assert (
        "  24th Congress of the Socialist International, date: the page gives 30 August\n"
        "    without a year; the party's news page of 2 July 2016 dates the full\n"
        "    membership this congress granted to 2012\n"
    ) in out


def test_people_in_plain_give_the_year_of_the_cape_town_congress_unmarked() -> None:
    out = run_cli("people", "Mironov", "--fields", "name,delegations_led").stdout
    assert out == (  # plain is for pipes: no mark glued to the date (tables mark it)
        "Sergei Mironov\t2012-08-30 24th Congress of the Socialist International (head_of_"
        "delegation); 2013-05-22 Founding conference of the Progressive Alliance, Leipzig "
        "(head_of_delegation)\n"
    )


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "csv-excel"])
def test_machine_formats_carry_no_marks(fmt: str) -> None:
    out = run_cli("timeline", "--org", "SI", "-f", fmt).stdout
    assert "†" not in out
    assert "2012-08-30" in out


def test_plain_output_keeps_stderr_clean_in_a_pipe() -> None:
    result = run_cli("partners", "-c", "Armenia", "--fields", "name,country")
    assert (result.stdout, result.stderr) == (
        "Armenian Revolutionary Federation-Dashnaktsutyun\tArmenia\n",
        "",
    )


def test_markdown_has_its_footnote() -> None:
    out = run_cli("partners", "-c", "Armenia", "--fields", "name,country", "-f", "markdown")
    assert out.stdout == (
        "| name | country |\n"
        "| --- | --- |\n"
        "| Armenian Revolutionary Federation-Dashnaktsutyun | Armenia† |\n"
        "\n"
        "† not stated by the source; inferred:  \n"
        "Armenian Revolutionary Federation-Dashnaktsutyun, country: the country is implied by "
        "the adjective in the party's name (Armenian)  \n"
    )


def test_ascii_terminals_get_an_ascii_mark() -> None:
    out = run_cli(
        "partners",
        "-c",
        "Armenia",
        "--fields",
        "name,country",
        "-f",
        "table",
        env={"PYTHONIOENCODING": "ascii", **W80},
    ).stdout
    assert "Armenia*" in out and "* not stated by the source; inferred:" in out


# Data corrections, with the page's words


def test_the_press_line_is_an_interpretation_on_both_plus7_numbers() -> None:
    rows = {c["id"]: c for c in _json("contacts")}
    mobile, work = rows["central-office-mobile"], rows["central-office-work-phone"]
    assert mobile["restriction_printed"] == "только для СМИ"
    assert [i["field"] for i in mobile["inferred"]] == ["restriction.text", "restriction.gloss"]
    assert "may cover the work phone" in mobile["note"]
    assert work["restriction"] is None
    assert [i["field"] for i in work["inferred"]] == ["restriction.gloss"]
    assert "press block" in work["note"]


def test_corrections_follow_the_page() -> None:
    palme = _json("show", "olof-palme-center")
    assert palme["kind"] == "centre"
    committee = _json("show", "si-committee-local-governments")
    assert committee["type"] == "committee"
    psoe = _json("show", "psoe")
    assert psoe["name"] == "Spanish Socialist Workers’ Party"
    china = _json("show", "china-center-contemporary-world-studies")
    assert [i["field"] for i in china["inferred"]] == ["country", "country_code"]
    mou = _json("show", "mou-sd-group-2008")
    assert [(p["id"], p["role"]) for p in mou["participants"]] == [
        ("just-russia-duma-faction", "signatory"),
        ("pasd", "signatory"),
        ("nikolai-levichev", "signatory"),
        ("martin-schulz", "signatory"),
    ]
    assert mou["description"].startswith("Levichev, as head of the party's State Duma faction")
    cis = _json("show", "cis-forum-2010")
    assert [i["field"] for i in cis["inferred"]] == ["participants"]
    brochure = _json("show", "election-campaign-brochure")
    assert brochure["participants"][0]["role"] == "author"
    assert "G-20" in _json("show", "progressive-alliance-leipzig-2013")["description"]
    mironov = _json("people", "Mironov")[0]
    leader = next(p for p in mironov["posts"] if p["role"] == "Leader of the party")
    assert (leader["as_of"], [i["field"] for i in leader["inferred"]]) == ("2012-08-30", ["as_of"])


# Tables for people


def test_partners_at_80_columns_is_a_table_led_by_names_without_ids() -> None:
    out = run_cli("partners", "-f", "table", env=W80).stdout.splitlines()
    assert (
        out[1] == "name                   type           country      code  region     list      #"
    )
    assert "pes" not in out[3].split()
    with_ids = run_cli("partners", "--fields", "id,name", "-f", "table", env=W80).stdout
    assert with_ids.splitlines()[3].split()[:2] == ["pes", "Party"]


def test_plain_keeps_every_field_as_before() -> None:
    first = run_cli("partners", "-n", "1").stdout
    assert first.split("\t")[:4] == ["partners", "1", "pes", "Party of European Socialists"]


@pytest.mark.parametrize("width", ["120", "80", "60"])
def test_numbers_and_sites_are_never_cut(width: str) -> None:
    out = run_cli("contacts", "-f", "table", env={"COLUMNS": width}).stdout
    for number in (
        "+7 495 787-85-15",
        "+7 495 959-35-86",
        "+7 495 783-98-03",
        "+7 916 249-49-47",
        "+7 495 629-61-01",
        "spravedlivo.ru",
    ):
        assert number in out, (width, number)


def test_contacts_json_keeps_e164() -> None:
    first = _json("contacts")[0]
    assert (first["value"], first["formatted"], first["printed"]) == (
        "+74957878515",
        "+7 495 787-85-15",
        "(495) 787-85-15",
    )


def test_show_as_markdown_is_a_field_value_table() -> None:
    out = run_cli("show", "fatah", "-f", "markdown").stdout.splitlines()
    assert out[:4] == [
        "| field | value |",
        "| --- | --- |",
        "| record\\_type | organisation |",
        "| id | fatah |",
    ]


def test_csv_for_excel_starts_with_a_byte_order_mark() -> None:
    out = run_cli("partners", "-c", "Czechia", "--fields", "name,country", "-f", "csv-excel")
    assert out.stdout == "\ufeffname,country\r\nCzech Social Democratic Party,Czechia\r\n"


# Regions, lists and lookups


def _names(*args: str) -> list[str]:
    return run_cli("partners", *args, "--fields", "name").stdout.splitlines()


def test_cis_region_as_of_the_file() -> None:
    assert _names("--region", "CIS") == [
        "Armenian Revolutionary Federation-Dashnaktsutyun",
        "Belarusian Party of the Left Fair World",
        "Republican Party of Labor and Justice",
        "Democratic Party of Moldova",
        "Socialist Democratic Party of Moldova",
        "Socialist Democratic Party of Kyrgyzstan",
        "Socialist Party Ata-Meken",
        "Party of Socialists of the Republic of Moldova",
    ]
    cis = next(r for r in _json("regions") if r["name"] == "CIS")
    # The file holds as of 7 March 2022: Ukraine ended its participation in 2018.
    assert (cis["as_of"], cis["kind"], cis["countries"]) == ("2022-03-07", "union", 10)
    assert "UA" not in cis["country_codes"] and "TM" in cis["country_codes"]
    assert cis["source"].startswith("CIS Executive Committee")


def test_europe_holds_the_eu_bodies_and_a_known_empty_region_is_empty() -> None:
    europe = _names("--region", "Europe")
    assert europe[:2] == [
        "Party of European Socialists",
        "Group of the Progressive Alliance of Socialists and Democrats in the European Parliament",
    ]
    africa = run_cli("partners", "--region", "Africa")
    assert (africa.returncode, africa.stdout, africa.stderr) == (0, "", "No partners match.\n")


def test_an_unknown_region_lists_the_known_ones() -> None:
    result = run_cli("partners", "--region", "Mars")
    assert result.returncode == 2
    assert result.stderr.splitlines()[:3] == [
        "partyintl: error: No region is called 'Mars'. The regions are (see `partyintl regions`):",
        "  union: European Union (EU), CIS (Commonwealth of Independent States)",
        "  continent: Europe, Asia, Africa, North America, South America, Oceania, Antarctica",
    ]


def test_several_values_in_one_option() -> None:
    assert _names("-c", "Armenia,Belarus") == _names("-c", "Armenia", "-c", "Belarus")
    assert len(_names("-c", "Armenia,Belarus")) == 3
    assert _names("-t", "party,npo") == _names("-t", "party", "-t", "npo")
    assert _names("-c", "Korea, Democratic People's Republic of") == ["Workers Party of Korea"]


@pytest.mark.parametrize(
    ("query", "record_type", "name"),
    [
        ("Mironov", "person", "Sergei Mironov"),
        ("24th Congress", "event", "24th Congress of the Socialist International"),
        ("Leipzig", "event", "Founding conference of the Progressive Alliance, Leipzig"),
        ("PES", "organisation", "Party of European Socialists"),
    ],
)
def test_show_finds_organisations_people_and_events(
    query: str, record_type: str, name: str
) -> None:
    record = _json("show", query)
    assert (record["record_type"], record["name"]) == (record_type, name)


def test_show_pes_includes_the_events_of_its_group() -> None:
    events = _json("show", "pes")["events"]
    assert [(e["id"], e["role"]) for e in events] == [
        (
            "mou-sd-group-2008",
            "signatory (as Group of the Progressive Alliance of Socialists and Democrats in the "
            "European Parliament)",
        ),
        (
            "tripartite-working-group-2010",
            "member (as Group of the Progressive Alliance of Socialists and Democrats in the "
            "European Parliament)",
        ),
    ]


def test_people_name_is_one_person() -> None:
    assert [p["id"] for p in _json("people", "Levichev")] == ["nikolai-levichev"]
    missing = run_cli("people", "Putin")
    assert missing.returncode == 2
    assert missing.stderr == "partyintl: error: No person matches 'Putin'.\n"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("social democratic", "Socialist Democratic Party of Germany"),
        ("social democratic", "Party Bulgarian Social Democrats"),
        ("labour", "Labor Party of Georgia"),
        ("socialists", "Party of Socialists of the Republic of Moldova"),
    ],
)
def test_search_finds_word_forms_and_translation_quirks(query: str, expected: str) -> None:
    assert expected in _names("--search", query)


@pytest.mark.parametrize(
    ("value", "stderr"),
    [
        (
            "Viet",
            "partyintl: error: 'Viet' is not a country I know.\nDid you mean 'Vietnam'?\n",
        ),
        (
            "Kurdistan",
            "partyintl: error: 'Kurdistan' is not a country I know, but partners have it in "
            "their names; try --search 'Kurdistan'.\nPartners:\n"
            "  Democratic Party of Kurdistan (Iraq)\n",
        ),
    ],
)
def test_suggestions_come_from_the_dataset_first(value: str, stderr: str) -> None:
    result = run_cli("partners", "-c", value)
    assert (result.returncode, result.stderr) == (2, stderr)


def test_own_language_names_and_spdd() -> None:
    assert _names("-c", "Deutschland")[0] == "Socialist Democratic Party of Germany"
    spdd = run_cli("show", "spdd")
    assert spdd.stderr.splitlines()[1].startswith(
        "Did you mean 'Socialist Democratic Party of Germany'"
    )


# Timeline


def test_a_period_shows_its_whole_range_and_overlap_selects() -> None:
    out = run_cli("timeline", "--since", "2011", "--until", "2011", "-f", "table", env=W80).stdout
    assert "2007–2012            forum_series   Three " in out
    assert "2010-11–2012-08-30   status_change  Consultative " in out
    assert "2007-06, as of 2018  appointment    Sergei " in out
    rows = _json("timeline", "--since", "2011", "--until", "2011")
    assert [(r["event_id"] or r["title"]) for r in rows] == [
        "international-socialist-forums",
        "Sergei Mironov: Member, SI Commission on Sustainable World Society",
        "Aksakov: Member, SI Commission on Global Financial Issues",
        "si-council-paris-2010",  # the consultative status it granted, held to 2012
    ]


def test_since_after_until_is_a_usage_error() -> None:
    result = run_cli("timeline", "--since", "2012", "--until", "2010")
    assert (result.returncode, result.stderr) == (
        2,
        "partyintl: error: --since 2012 is after --until 2010: give the earlier year to --since.\n",
    )


@pytest.mark.parametrize("width", ["80", "60"])
def test_bands_and_axis_never_wrap(width: str) -> None:
    out = run_cli("timeline", "--org", "SI", "-f", "table", env={"COLUMNS": width}).stdout
    lines = out.splitlines()
    assert lines[0] == "Socialist International: the party's status"
    assert [line.split()[0] for line in lines[1:4]] == ["observer", "consultative", "full"]
    assert lines[3].endswith("2012-08-30–2022-03-07, ended")
    if width == "80":
        assert lines[5].split() == ["2008", "2011", "2014", "2017", "2020", "2023"]
    assert all(len(line) <= int(width) for line in lines[:6])


# Help that teaches


@pytest.mark.parametrize(
    "command",
    [
        "partners",
        "show",
        "countries",
        "timeline",
        "people",
        "contacts",
        "regions",
        "export",
        "validate",
        "schema",
    ],
)
def test_every_help_has_two_examples(command: str) -> None:
    text = run_cli(command, "--help", env=W80).stdout
    examples = text.split("Examples:")[1]
    assert examples.count("partyintl ") == 2


def test_help_lists_the_allowed_values() -> None:
    text = " ".join(run_cli("partners", "--help", env=W80).stdout.split())
    assert (
        "Order of the list: source, name, country, type, left_right (from far left; partners "
        "without a score last; the score is then shown in a column of its own, last in plain "
        "output)." in text
    )
    assert "a union (EU, CIS), a continent or a UN M49 sub-region" in text
    assert "table, plain, tsv, csv, csv-excel, json, jsonl, markdown, svg, html" in text
    contacts = " ".join(run_cli("contacts", "--help", env=W80).stdout.split())
    assert "Labels in English (en: the glosses), as printed (printed)" in contacts
