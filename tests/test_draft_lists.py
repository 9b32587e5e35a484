"""Drafts of big pages and nested lists: every item its own record, in linear time; the
type proposed from a name in several languages; the script of a page that declares no
language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from partyintl.draft import page as page_module
from partyintl.draft.build import PageInfo, build_draft
from partyintl.draft.page import is_site_link, read_page

# Big pages: items numbered with any number of digits, read in linear time.


def _numbered_page(count: int, first: int = 1) -> str:
    lines = ["Partners of the Left Party", "", "Our partners:", ""]
    lines += [f"{n}. Party number {n} of Germany" for n in range(first, first + count)]
    return "\n".join([*lines, "", "© 2018", ""])


@settings(max_examples=12, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=1, max_value=300),
        st.sampled_from([9_998, 9_999, 10_000, 10_001, 12_000]),
    ),
    st.sampled_from([1, 9_990, 99_995, 10**12]),
)
def test_a_page_of_n_numbered_items_drafts_n_records(count: int, first: int) -> None:
    """A page of `count` items numbered from `first` (numbers of up to 13 digits): as many
    records, each with its own name and its printed number as position, in one list."""
    draft = build_draft(read_page(_numbered_page(count, first)), PageInfo())
    assert len(draft.records) == count
    assert len(draft.lists) == 1
    numbers = range(first, first + count)
    assert [r.position for r in draft.records] == list(numbers)
    assert [r.name for r in draft.records] == [f"Party number {n} of Germany" for n in numbers]
    assert len({r.id for r in draft.records}) == count


def test_items_from_10000_on_are_items_of_their_own() -> None:
    """The tester's example: items 10000 and up were merged into item 9999."""
    page = read_page(_numbered_page(4, first=9_998))
    [lst] = page.lists
    assert [(i.position, i.text) for i in lst.items] == [
        (9_998, "Party number 9998 of Germany"),
        (9_999, "Party number 9999 of Germany"),
        (10_000, "Party number 10000 of Germany"),
        (10_001, "Party number 10001 of Germany"),
    ]


@pytest.mark.parametrize("html", [False, True])
@pytest.mark.parametrize(("items", "more"), [(2_000, 0), (1, 4_000), (200, 20)])
def test_reading_a_page_cleans_each_character_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch, items: int, more: int, html: bool
) -> None:
    """Linear time, counted rather than timed: the text whitespace is cleaned in stays
    within a small multiple of the page's size, however many items, and however many
    lines an item runs on (each continuation line was cleaned with all the item's text
    before it: quadratic)."""
    if html:
        body = "".join(
            f"<li>Party {n}" + "".join(f"<br><b>line {k}</b>" for k in range(more)) + "</li>"
            for n in range(items)
        )
        text = f"<html><body><h1>Partners</h1><p>Ours:</p><ol>{body}</ol></body></html>"
    else:
        text = "Partners\n\nOurs:\n\n" + "".join(
            f"{n + 1}. Party {n}\n" + "".join(f"   line {k}\n" for k in range(more))
            for n in range(items)
        )
    cleaned = 0
    clean = page_module.as_shown

    def counting(value: str) -> str:
        nonlocal cleaned
        cleaned += len(value)
        return clean(value)

    monkeypatch.setattr(page_module, "as_shown", counting)
    page = read_page(text)
    assert sum(len(lst.items) for lst in page.lists) == items
    assert cleaned <= 4 * len(text)


def test_many_bodies_of_one_name_get_numbered_ids() -> None:
    """Ids stay unique (and are found in linear time) when a page names one body often."""
    text = "Partners\n\nOurs:\n\n" + "".join(f"{n}. Same Party\n" for n in range(1, 3_001))
    draft = build_draft(read_page(text), PageInfo(party="X Party"))
    ids = [r.id for r in draft.records]
    assert ids[:3] == ["same-party", "same-party-2", "same-party-3"]
    assert ids[-1] == "same-party-3000"
    assert len(set(ids)) == 3_000


# Nested HTML lists: the outer list stays one, nested items name their parent.

_word = st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=1, max_size=8)
#: An item's text; not one the reader takes for the site's own contact line ("ТЕЛЕФОН",
#: "Fax ...": the test below) or social network.
_text = st.lists(_word, min_size=1, max_size=3).map(" ".join).filter(lambda t: not is_site_link(t))
#: An outer list: each item its text and the texts of a list nested in it (maybe none).
_nested = st.lists(
    st.tuples(_text, st.lists(_text, max_size=3), st.booleans()), min_size=1, max_size=6
)


def _nested_html(items: list[tuple[str, list[str], bool]], outer: str) -> str:
    import html

    body = ""
    for text, inner, numbered in items:
        tag = "ol" if numbered else "ul"
        sub = f"<{tag}>" + "".join(f"<li>{html.escape(t)}</li>" for t in inner) + f"</{tag}>"
        body += f"<li>{html.escape(text)}{sub if inner else ''}</li>"
    return (
        "<html><head><title>Partners</title></head><body><h2>Partnerparteien</h2>"
        f"<{outer}>{body}</{outer}><p>Ende.</p></body></html>"
    )


@settings(max_examples=60, deadline=None)
@given(_nested, st.sampled_from(["ul", "ol"]))
@example([("Partei A", ["Telefonica Partei"], False)], "ul")
def test_nested_html_lists_keep_the_outer_list_whole(
    items: list[tuple[str, list[str], bool]], outer: str
) -> None:
    """The outer list is one list, positions 1..n in order; each nested item is in a list
    of its own declared as nested in its item, positions 1..m, part_of its item's body."""
    page = read_page(_nested_html(items, outer))
    [lst] = page.lists
    assert lst.heading == "Partnerparteien"
    assert [(i.position, i.text) for i in lst.items if i.parent is None] == [
        (n, " ".join(text.split())) for n, (text, _, _) in enumerate(items, 1)
    ]
    draft = build_draft(page, PageInfo(party="X Party"))
    outer_records = [r for r in draft.records if r.source_list.nested_in is None]
    assert [r.position for r in outer_records] == list(range(1, len(items) + 1))
    for n, (_, inner, _) in enumerate(items, 1):
        mine = [r for r in draft.records if r.source_list.nested_in == ("partnerparteien", n)]
        assert [(r.position, r.printed) for r in mine] == [
            (k, " ".join(t.split())) for k, t in enumerate(inner, 1)
        ]
        parent = next(r for r in outer_records if r.position == n)
        assert all(r.part_of == parent.id for r in mine)
    assert len(draft.lists) == 1 + sum(1 for _, inner, _ in items if inner)


def test_the_testers_nested_list() -> None:
    """A `ul` whose first `li` holds a `ul`: one outer list (not 'partnerparteien' and
    'partnerparteien-3'), its sub-items parts of item 1."""
    page = read_page(
        "<html><body><h1>Internationales</h1><p>Text.</p><h2>Partnerparteien</h2><ul>"
        "<li>Sozialdemokratische Partei Deutschlands<ul><li>Jusos</li><li>AfA</li></ul></li>"
        "<li>SPÖ (Österreich)</li><li>Parti socialiste (Frankreich)</li></ul></body></html>"
    )
    draft = build_draft(page, PageInfo(party="X Party"))
    assert [(r.id, r.source_list.id, r.position, r.part_of) for r in draft.records] == [
        ("sozialdemokratische-partei-deutschlands", "partnerparteien", 1, None),
        ("jusos", "partnerparteien-1", 1, "sozialdemokratische-partei-deutschlands"),
        ("afa", "partnerparteien-1", 2, "sozialdemokratische-partei-deutschlands"),
        ("spo", "partnerparteien", 2, None),
        ("parti-socialiste", "partnerparteien", 3, None),
    ]


# Proposed types from the words for an international or a foundation, in any case.

_INTERNATIONAL_WORDS = ["International", "Internationale", "Internacional", "Интернационал"]
_FOUNDATION_WORDS = ["Foundation", "Stiftung", "Fondation", "Fundación", "Фонд"]


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(_INTERNATIONAL_WORDS + _FOUNDATION_WORDS),
    st.sampled_from([str.lower, str.upper, str.title, lambda w: w]),
    st.lists(_word.filter(lambda w: w.isalpha()), max_size=2),
    st.booleans(),
)
def test_international_and_foundation_words_propose_their_type(
    word: str, case: object, others: list[str], first: bool
) -> None:
    """A name holding one of the words, in any case, before or after other words (drawn
    from letters that are none of the words)."""
    from partyintl.draft.types import propose_type

    assert callable(case)
    shown = case(word)
    rest = [w for w in others if not any(k.casefold() in w.casefold() for k in
            [*_INTERNATIONAL_WORDS, *_FOUNDATION_WORDS, "conference", "forum", "foro", "fora",
             "network", "parliament", "parties", "institut", "center", "centre", "studies",
             "research", "academy", "fond", "stichting", "group", "интернационал",
             "институт", "центр", "part", "парти", "stran", "centro", "estudios"])]  # fmt: skip
    name = " ".join([shown, *rest] if first else [*rest, shown])
    expected = "international" if word in _INTERNATIONAL_WORDS else "npo"
    assert propose_type(name, None).type == expected, name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sozialistische Internationale", "international"),
        ("Socialist International", "international"),
        ("Социалистический интернационал", "international"),
        ("Фонд Розы Люксембург", "npo"),
        ("Friedrich-Ebert-Stiftung", "npo"),
        ("International Foundation for Electoral Systems", "npo"),
    ],
)
def test_the_testers_type_proposals(name: str, expected: str) -> None:
    from partyintl.draft.types import propose_type

    assert propose_type(name, None).type == expected


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Международные связи партии", "Cyrillic"),
        ("Internationale Beziehungen", "Latin"),
        ("Διεθνείς σχέσεις", "Greek"),
        ("العلاقات الدولية", "Arabic"),
        ("国际关系", "CJK"),
        ("2018 — 2024", None),
    ],
)
def test_the_main_script_of_a_text(text: str, script: str | None) -> None:
    from partyintl.draft.datafile import main_script

    assert main_script(text) == script


def test_a_cyrillic_page_without_lang_says_its_script_and_stays_und() -> None:
    """The tester's page: Cyrillic text, no lang attribute: the language is not guessed
    (und), the note says the script and asks for --language."""
    from partyintl.draft.datafile import draft_data

    page = read_page(
        "<html><head><title>Международные связи</title></head><body><p>Наши партнёры:</p>"
        "<ul><li>Социалистический интернационал</li><li>Фонд Розы Люксембург</li></ul>"
        "<p>© 2018</p></body></html>"
    )
    data = draft_data(build_draft(page, PageInfo(party="X Party")))
    [source] = data["sources"]
    assert source["language"] == "und"
    assert (
        "The page does not declare its language; its text is in Cyrillic script: give "
        "--language." in source["note"]
    )
    assert [p["type"] for p in data["partners"]] == ["international", "npo"]
    given = draft_data(build_draft(page, PageInfo(language="ru", party="X Party")))
    assert given["sources"][0]["language"] == "ru"
    assert "does not declare" not in given["sources"][0]["note"]


@pytest.mark.parametrize("decision", ["ended", "expelled", "left"])
@pytest.mark.parametrize("earlier", [None, "new_full", "new_observer"])
def test_an_end_alone_marks_the_standing_it_assumes(
    tmp_path: Path, decision: str, earlier: str | None
) -> None:
    """A decisions table whose only row for a party ends its membership drafted the standing
    before as "member", unmarked, and `memberships` cited the row twice."""
    import json

    from conftest import run_here

    rows = ["party_as_printed,country_as_printed,source,decision,meeting,meeting_dates"]
    if earlier:
        rows.append(f"Parti socialiste,France,c1,{earlier},Congress,2008-06-30")
    rows.append(f"Parti socialiste,France,c1,{decision},Council,2012-08-30")
    table = tmp_path / "decisions.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sources = tmp_path / "c1.json"
    sources.write_text(
        json.dumps([{"id": "c1", "title": "Decisions", "publisher": "SI", "language": "en",
                     "as_of": "2018"}]),
        encoding="utf-8",
    )  # fmt: skip
    drafted = tmp_path / "draft.json"
    code, _, err = run_here(
        ["draft", str(table), "--party", "Socialist International (SI)", "--sources",
         str(sources), "-o", str(drafted)]
    )  # fmt: skip
    assert code == 0, err
    periods = [p for ms in json.loads(drafted.read_text())["memberships"] for p in ms["periods"]]
    assumed = [p for p in periods if p["status"] == "member" and p.get("start_date") is None]
    assert len(assumed) == 1  # unlinked, the end stays a period of its own
    assert [i["field"] for i in assumed[0].get("inferred", ())] == ["status"]
    code, out, err = run_here(["--data", str(drafted), "memberships", "SI", "--json"])
    assert code == 0, err
    for row in json.loads(out):
        assert len(row["sources"]) == len(set(row["sources"])), row["sources"]


@settings(max_examples=40, deadline=None)
@given(
    sep=st.sampled_from([";", "\t"]),
    names=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1),
        min_size=1,
        max_size=4,
    ),
    quote_all=st.booleans(),
)
def test_a_table_saved_with_semicolons_or_tabs_reads_as_with_commas(
    sep: str, names: list[str], quote_all: bool
) -> None:
    """A table of names saved by German Excel (semicolons) or as text (tabs): the header
    tells the separator, and the rows are those of the same table with commas, names
    holding commas, semicolons or quotes included."""
    import csv
    import io

    rows = [["name_as_printed", "country", "meeting_dates"]]
    rows += [[n, "Germany; France", "2024-01-01"] for n in names if n.strip()]
    texts = []
    for delimiter in (",", sep):
        out = io.StringIO()
        mode = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
        csv.writer(out, delimiter=delimiter, quoting=mode).writerows(rows)
        texts.append(out.getvalue())
    assert _read_or_said(texts[1]) == _read_or_said(texts[0])


def _read_or_said(text: str) -> object:
    """A table's rows, or what its error says (a name of nothing but a mark, 𞀛, is no name
    whatever the separator: a full run drew it)."""
    from partyintl.draft.table import read_table
    from partyintl.errors import DatasetError

    try:
        return read_table(text, "t.csv")
    except DatasetError as exc:
        return str(exc)


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(
        st.sampled_from(["Labour Party, UK", "SPD", "Parti socialiste", 'A "B"; C Party']),
        min_size=1,
        max_size=4,
    ),
    sep=st.sampled_from([",", ";", "\t"]),
    empty_tail=st.integers(min_value=0, max_value=2),
    sep_line=st.booleans(),
    crlf=st.booleans(),
)
def test_tables_as_spreadsheets_save_them(
    names: list[str], sep: str, empty_tail: int, sep_line: bool, crlf: bool
) -> None:
    """A header with empty last columns (`name;country;`) was refused as a column '', and
    Excel's `sep=;` line read as the header: each reads as the same table."""
    import csv
    import io

    from partyintl.draft.table import read_table

    plain = io.StringIO()
    csv.writer(plain).writerows([["name_as_printed"], *([n] for n in names)])
    expected = [r.name for r in read_table(plain.getvalue(), "t.csv")]
    out = io.StringIO()
    if sep_line:
        out.write(f"sep={sep}" + ("\r\n" if crlf else "\n"))
    rows = [["name_as_printed", *[""] * empty_tail], *([n, *[""] * empty_tail] for n in names)]
    csv.writer(out, delimiter=sep, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    assert [r.name for r in read_table(out.getvalue(), "t.csv")] == expected


@pytest.mark.parametrize("crlf", [False, True])
def test_a_one_column_table_keeps_the_commas_in_its_names(crlf: bool) -> None:
    """`name_as_printed` then `Labour Party, UK` unquoted (as German Excel saves it, its
    separator being ;) was refused as two cells where the header has one."""
    from partyintl.draft.table import read_table

    end = "\r\n" if crlf else "\n"
    text = end.join(["name_as_printed", "Labour Party, UK", "SPD", ""])
    rows = read_table(text, "t.csv")
    assert [(r.line, r.printed) for r in rows] == [(2, "Labour Party, UK"), (3, "SPD")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_table_saved_as_unicode_text_is_read(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode text" (UTF-16 with its byte-order mark, tabs between cells) was
    refused as not UTF-8, with a hint to save "the page" as UTF-8."""
    import codecs
    import json

    from conftest import run_here

    text = "name_as_printed\tcountry_as_printed\r\nСДПГ\tGermany\r\nLabour Party\tNorway\r\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp_path / "t.csv"
    path.write_bytes(bom + text.encode(encoding))
    code, out, err = run_here(
        ["draft", str(path), "--party", "T", "--published", "2020", "-o", "-"]
    )
    assert code == 0, err
    names = [(p["name"], p["country"]) for p in json.loads(out)["partners"]]
    assert names == [("СДПГ", "Germany"), ("Labour Party", "Norway")]


@settings(max_examples=20, deadline=None)
@given(
    names=st.lists(
        st.text(st.characters(categories=["L"]), min_size=2, max_size=20),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    big_endian=st.booleans(),
)
def test_a_table_saved_as_utf16_without_its_mark_reads_as_in_utf8(
    names: list[str], big_endian: bool
) -> None:
    """UTF-16 without its byte-order mark was refused as not UTF-8, or read with a NUL
    after every letter. A table of any names now reads as the same text as in UTF-8, and
    so drafts the same records."""
    from partyintl.draft.run import decode_text

    text = "name_as_printed\tcountry_as_printed\r\n" + "".join(f"{n}\tGermany\r\n" for n in names)
    data = text.encode("utf-16-be" if big_endian else "utf-16-le")
    assert decode_text(data, "t.csv", "the page") == text


#: Each option that describes a table's own source, with a value it may take.
_DESCRIBING = {
    "url": "https://example.org/decisions",
    "published": "2012",
    "retrieved": "2024-05-02",
    "language": "fr",
}


@settings(max_examples=30, deadline=None)
@given(
    told=st.sets(st.sampled_from(sorted(_DESCRIBING)), min_size=1),
    elsewhere=st.sampled_from([None, "sources", "column"]),
)
def test_draft_options_describe_a_tables_own_source_or_are_refused(
    tmp_path_factory: pytest.TempPathFactory, told: set[str], elsewhere: str | None
) -> None:
    """`draft t.csv --url ... --published 2011 --retrieved ... --language fr` wrote a
    source with none of them (and `en`): the options were read, checked and dropped. They
    now describe the table's own source; where it has none (--sources, or a source column,
    describes every one) --url and --language are refused, naming each, and nothing is
    written; --published and --retrieved, which also date the table, are then taken as
    its date alone."""
    import json

    from conftest import run_here
    from partyintl.cli.spec import flag

    folder = tmp_path_factory.mktemp("described")
    column = elsewhere == "column"
    head = "party_as_printed,country_as_printed,decision,meeting,meeting_dates"
    row = "Parti socialiste,France,new_full,Council,2010-11"
    table = folder / "decisions.csv"
    table.write_text(
        f"{head}{',source' if column else ''}\n{row}{',c1' if column else ''}\n", encoding="utf-8"
    )
    args = ["draft", str(table), "--party", "Socialist International (SI)"]
    for option in sorted(told):
        args += [flag(option, "draft"), _DESCRIBING[option]]
    if elsewhere == "sources":
        described = folder / "c1.json"
        described.write_text(
            json.dumps([{"id": "table", "title": "T", "publisher": "SI", "language": "en",
                         "as_of": "2018"}]),
            encoding="utf-8",
        )  # fmt: skip
        args += ["--sources", str(described)]
    drafted = folder / "draft.json"
    code, out, err = run_here([*args, "-o", str(drafted)])
    if elsewhere is None:
        assert code == 0, err
        [source] = json.loads(drafted.read_text(encoding="utf-8"))["sources"]
        assert {k: source.get(k) for k in told} == {k: _DESCRIBING[k] for k in told}
        assert source["language"] == (_DESCRIBING["language"] if "language" in told else "en")
        assert ("address" in source["note"]) is ("url" not in told)
    elif told & {"url", "language"}:  # they describe nothing else: refused
        assert (code, out) == (2, ""), err
        named = " and ".join(flag(k, "draft") for k in ("url", "language") if k in told)
        assert err.startswith(f"partyintl: error: {named} describe"), err
        assert not drafted.exists()
    else:  # --published and --retrieved date the table, and leave its sources as described
        assert code == 0, err
        data = json.loads(drafted.read_text(encoding="utf-8"))
        assert not any(k in s for s in data["sources"] for k in told)
        assert data["as_of"] == _DESCRIBING["published" if "published" in told else "retrieved"]


@pytest.mark.parametrize("option", ["published", "retrieved"])
def test_a_table_dated_before_a_meeting_it_reports_is_refused(tmp_path: Path, option: str) -> None:
    """`--published 2009` on a table of 2010 decisions failed the draft's own check with six
    problems blaming "the draft"; it is the option's date that is wrong, said as such."""
    from conftest import run_here

    table = tmp_path / "decisions.csv"
    table.write_text(
        "party_as_printed,decision,meeting,meeting_dates\nLabour Party,new_full,Council,2010-11\n"
        "PS,new_full,Congress,2008\n",
        encoding="utf-8",
    )
    code, out, err = run_here(
        ["draft", str(table), "--party", "Socialist International (SI)", f"--{option}", "2009"]
    )
    assert (code, out) == (2, "")
    assert err == (
        f"partyintl: error: --{option} 2009 is before {table}'s line 2, which dates its "
        "meeting 2010-11: a table is published and copied after the meetings it reports. "
        "Give a later date.\n"
    )


@settings(max_examples=25, deadline=None)
@given(
    code=st.sampled_from(["PT", "DE", "FR", "GR", "RU", "CU", "ZA", "MD", "BY", "VN"]),
    local=st.booleans(),
    short=st.sampled_from(["PS", "SPD", "KKE", "PT", "DE"]),
)
def test_a_country_in_brackets_after_the_party_is_its_country(
    tmp_path_factory: pytest.TempPathFactory, code: str, local: bool, short: str
) -> None:
    """`--party "Partido Socialista (Portugal)"` made "Portugal" the party's short name, and
    link then offered socialist parties of every country. A bracket that is a country's
    name, in English or in another language, is the party's country (marked as given
    with --party); an abbreviation, even one that looks like a code (PS, PT), stays a
    short name."""
    import json

    from babel import Locale

    from conftest import run_here
    from partyintl.data import countries

    name = Locale.parse("de").territories[code] if local else countries.short_name(code)
    table = tmp_path_factory.mktemp("party") / "t.csv"
    table.write_text("name_as_printed\nParti socialiste\n", encoding="utf-8")
    for bracket, country in ((name, code), (short, None)):
        code_, out, err = run_here(
            ["draft", str(table), "--party", f"Partido Socialista ({bracket})", "--published",
             "2024"]
        )  # fmt: skip
        assert code_ == 0, err
        party = json.loads(out)["party"]
        assert (party["name"], party.get("country_code")) == ("Partido Socialista", country)
        shorts = [o["name"] for o in party.get("other_names", ())]
        assert shorts == ([] if country else [bracket])


@pytest.mark.parametrize(
    ("printed", "code"),
    [("Frankreich", "FR"), ("Германия", "DE"), ("Allemagne", "DE"), ("中国", "CN"),
     ("Ελλάδα", "GR"), ("France", "FR"), ("Narnia", None)],
)  # fmt: skip
def test_a_tables_country_in_another_language_is_read(
    tmp_path: Path, printed: str, code: str | None
) -> None:
    """A table's `country_as_printed` "Frankreich" or "Германия" was noted as a country
    partyintl does not know, though --country and data files take it."""
    import json

    from conftest import run_here

    table = tmp_path / "t.csv"
    table.write_text(f"name_as_printed,country_as_printed\nX,{printed}\n", encoding="utf-8")
    code_, out, err = run_here(["draft", str(table), "--party", "P", "--published", "2020"])
    assert code_ == 0, err
    [partner] = json.loads(out)["partners"]
    assert partner.get("country_code") == code
    assert ("notes" in partner) is (code is None)


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["Social", "Democrats", "Partido", "Verde"]), min_size=1, max_size=3
    ),
    hidden=st.lists(
        st.tuples(
            st.integers(0, 40),
            st.sampled_from(
                [
                    "\u200b",
                    "\u202e",
                    "\u200e",
                    "\u2060",
                    "\ufeff",
                    "\x07",
                    "\x1b",
                    "\x9b",
                    "\u00ad",
                    "\U000e0041",
                    "\t",
                    "\n",
                    "\u2028",
                    "\x85",
                    "\ufdd0",
                    "\ufe0f",
                    "\u0301",
                    "\u200d",
                ]
            ),
        ),
        max_size=4,
    ),
    html=st.booleans(),
    emoji=st.booleans(),
)
@example(words=["Social"], hidden=[(1, "\u2028"), (1, "\ufe0f")], html=True, emoji=False)
@example(words=["Social"], hidden=[(4, "\u2028")], html=True, emoji=False)  # "al" no Albania
def test_a_page_or_table_with_characters_that_show_nothing_drafts_as_shown(
    tmp_path_factory: pytest.TempPathFactory,
    words: list[str],
    hidden: list[tuple[int, str]],
    html: bool,
    emoji: bool,
) -> None:
    """A table's name with a zero-width space or U+202E made a draft that failed its own
    check ("report the page: a draft should always be valid"), and so did a page's BEL, a
    cell's line break or tab, an emoji's variation selector at the end ("❤\ufe0f"), a
    noncharacter and a leading accent. A name with any of them, anywhere, in a table or a
    page, drafts as the page shows it (escaping.as_shown; a table keeps its other spaces
    as printed: escaping.cell_text)."""
    import csv
    import io
    import json

    from conftest import run_here
    from partyintl.escaping import as_shown, cell_text

    name = " ".join(words) + (" \u2764\ufe0f" if emoji else "")
    for at, ch in hidden:
        at %= len(name) + 1
        name = name[:at] + ch + name[at:]
    assume(as_shown(name))
    folder = tmp_path_factory.mktemp("shown")
    if html:
        page = folder / "page.html"
        page.write_text(f"<ul><li>{name}</li><li>Labour Party</li></ul>", encoding="utf-8")
    else:
        page = folder / "table.csv"
        table = io.StringIO()
        csv.writer(table, lineterminator="\n").writerows([["name"], [name], ["Labour Party"]])
        page.write_text(table.getvalue(), encoding="utf-8")
    code, out, err = run_here(
        ["draft", str(page), "--party", "X", "--retrieved", "2024-05-02", "-o", "-"]
    )
    assert code == 0, err
    names = [p["name"] for p in json.loads(out)["partners"]]
    # In HTML, U+2028 is a line of the item, as <br> is: each line is read as shown.
    lines = " ".join(filter(None, (as_shown(line) for line in name.split("\u2028"))))
    assert names == [lines if html else cell_text(name), "Labour Party"]


@settings(max_examples=30, deadline=None)
@given(
    extra=st.lists(
        st.sampled_from(["notes", "Bemerkung", "comment", "x", "colour"]), min_size=1, max_size=3
    ),
    places=st.lists(st.integers(0, 3), min_size=3, max_size=3),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_a_column_a_table_of_names_has_not_is_said_where_it_is(
    extra: list[str], places: list[int], sep: str
) -> None:
    """A notes column after the name and country was "line 1, column 1: column 'notes'
    cannot be read": the wrong place, and no word of what to do. Each column the table
    cannot have is said at its own place on the header's line, with its number."""
    from partyintl.data.load import DatasetError
    from partyintl.draft.table import read_table
    from partyintl.words import ordinal

    header = ["name_as_printed", "country_as_printed"]
    for column, at in zip(extra, places, strict=False):
        if column not in header:
            header.insert(min(at, len(header)), column)
    line = sep.join(header)
    with pytest.raises(DatasetError) as caught:
        read_table(f"{line}\n" + sep.join("v" for _ in header) + "\n", "t.csv")
    said = [(p.line, p.column, p.message) for p in caught.value.problems]
    expected = [
        (
            1,
            len(sep.join(header[:i])) + (len(sep) if i else 0) + 1,
            f"the header's {ordinal(i + 1)} name, {name!r}, is no column of a table of names",
        )
        for i, name in enumerate(header)
        if name not in ("name_as_printed", "country_as_printed")
    ]
    assert said == expected
    assert caught.value.hint.startswith("Delete the column or rename it. ")


@pytest.mark.parametrize("control", ["\t", "\n", "\x07", "\x1b", "\x7f"])
def test_a_party_name_with_a_control_character_is_the_options_error(
    tmp_path: Path, control: str
) -> None:
    """`--party $'Example\\tParty'` failed the draft's own check ("report the page"). It is
    the option's error, with the fix, and nothing is written."""
    from conftest import run_here
    from partyintl.data.load import control_message

    table = tmp_path / "t.csv"
    table.write_text("name\nSPD\n", encoding="utf-8")
    out = tmp_path / "d.json"
    party = f"Example{control}Party"
    code, stdout, err = run_here(
        ["draft", str(table), "--party", party, "--retrieved", "2024-05-02", "-o", str(out)]
    )
    assert (code, stdout) == (2, "")
    assert err.startswith(f"partyintl: error: --party: {control_message(control, party)}."), err
    assert not out.exists()


_SOURCE_MISTAKES = {
    "published": ["2018-99", "2018-02-30", "2999", "2018/2017"],
    "url": ["ftp://x.org", "www.example.org", "mailto:a@b.org"],
    "language": ["EN", "english", "en_US"],
    "title": [" T", "   ", "T\u200b"],
    "retrieved": ["2017", "2999-01-01"],
}


@settings(max_examples=30, deadline=None)
@given(
    key=st.sampled_from(sorted(_SOURCE_MISTAKES)),
    data=st.data(),
    at=st.integers(0, 2),
    with_column=st.booleans(),
    published=st.booleans(),
    shape_at=st.none() | st.integers(0, 2),
)
def test_a_mistake_in_a_sources_file_is_said_of_that_file(
    tmp_path_factory: pytest.TempPathFactory,
    key: str,
    data: st.DataObject,
    at: int,
    with_column: bool,
    published: bool,
    shape_at: int | None,
) -> None:
    """A --sources file whose source had the month 99 or an ftp:// address got "t.csv
    gives no date" (the table blamed) or "the draft: 2 problems ... report the page" (a
    bug of partyintl, said the message). A mistake of any source rule in any source of
    the file, with or without a source column and --published: said of the file, at
    `[i].key`, exit 1, nothing written; beside a mistake of shape in a source (a
    publisher that is a number), which hid it."""
    import json

    from conftest import run_here

    folder = tmp_path_factory.mktemp("sources")
    good = {"title": "T", "publisher": "P", "language": "en", "url": "https://x.org",
            "published": "2018", "retrieved": "2019-01-01"}  # fmt: skip
    sources = [{"id": f"s{i}", **good} for i in range(3)]
    value = data.draw(st.sampled_from(_SOURCE_MISTAKES[key]))
    sources[at][key] = value
    if shape_at is not None:
        sources[shape_at]["publisher"] = 7
    (folder / "s.json").write_text(json.dumps(sources), encoding="utf-8")
    table = folder / "t.csv"
    table.write_text("name,source\nFoo Party,s0\n" if with_column else "name\nFoo Party\n")
    out = folder / "d.json"
    code, stdout, err = run_here(
        ["draft", str(table), "--party", "X", "--sources", str(folder / "s.json"), "-o", str(out),
         *(["--published", "2018"] if published else [])]
    )  # fmt: skip
    assert (code, stdout) == (1, ""), err
    assert err.startswith(f"partyintl: error: {folder / 's.json'}: "), err
    assert f"\n  [{at}]." in err, err  # at the key, or the date it contradicts
    if shape_at is not None:
        assert f"\n  [{shape_at}].publisher: must be text" in err, err
        assert f"\n  [{at}].{key}" in err or key in ("published", "retrieved"), err
    assert "report the page" not in err and "the draft" not in err
    assert not out.exists()


_DECLARED = [
    "EN",
    "en_US",
    "en_gb",
    "iw",
    "in",
    " ru",
    "ru,en",
    "x-klingon",
    "qaa",
    "",
    "zh_hant_tw",
]
_BEFORE_BRACKET = ["\u200d", "\u200b", "\ufe0f", " \u0301", "\u2060", "\u00ad", " "]


@settings(max_examples=40, deadline=None)
@given(
    lang=st.sampled_from(_DECLARED),
    hidden=st.sampled_from(_BEFORE_BRACKET),
    control=st.sampled_from(["", "\t", "\n", "\x1b", "\u202e"]),
    dates=st.sampled_from(
        [
            ("2023/2025", "2024"),
            ("2020", "2024"),
            ("2024-05/2024-12", "2024-06-01"),
            ("2023-05/2024-05", "2024-06-01"),
            (None, None),
        ]
    ),
)
def test_ordinary_pages_draft_what_validate_takes_or_an_options_error(
    tmp_path_factory: pytest.TempPathFactory,
    lang: str,
    hidden: str,
    control: str,
    dates: tuple[str | None, str | None],
) -> None:
    """`draft` refused its own draft ("report the page") for a page declaring `lang="EN"`
    or `en_US`, a zero-width joiner before "(UK)", a tab in the page's file name, and
    --published 2023/2025 with --retrieved 2024. Pages of these kinds, mixed: a draft that
    validates, or (for options that contradict each other) an options error, exit 2."""
    import json

    from conftest import run_here
    from partyintl.data.rules import language_tag

    folder = tmp_path_factory.mktemp("ordinary")
    page = folder / f"pa{control}ge.html"
    page.write_text(
        f'<html lang="{lang}"><head><title>Partei X</title></head><body><h2>Partner</h2>'
        f"<ul><li>Labour Party{hidden} (UK)</li><li>Parti socialiste (France)</li></ul>"
        "<p>© 2020 Partei X</p></body></html>",
        encoding="utf-8",
    )
    published, retrieved = dates
    options = [*(["--published", published] if published else [])]
    options += ["--retrieved", retrieved] if retrieved else []
    out = folder / "d.json"
    code, stdout, err = run_here(["draft", str(page), "-o", str(out), *options])
    assert "report the page" not in err, err
    if published in ("2023/2025", "2024-05/2024-12"):  # ends after the copy was taken
        assert (code, stdout) == (2, ""), err
        assert f"--published {published} ends after --retrieved {retrieved}" in err
        return
    assert code == 0, err
    assert run_here(["validate", str(out)])[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sources"][0]["language"] == (language_tag(lang) or "und")
    assert [p["name"] for p in data["partners"]] == ["Labour Party", "Parti socialiste"]
    assert data["partners"][0]["country_code"] == "GB"


@settings(max_examples=30, deadline=None)
@given(
    table=st.booleans(),
    published=st.sampled_from(["2023/2025", "2024-21", "2024-05/2024-08", "2023", "2022/2023"]),
    retrieved=st.sampled_from(["2024-01-01", "2024-03-01", "2024-06-30", "2024"]),
    language=st.sampled_from([None, "EN", "en_US", "iw", "de"]),
)
def test_draft_options_are_read_alike_for_a_page_and_a_table(
    tmp_path_factory: pytest.TempPathFactory,
    table: bool,
    published: str,
    retrieved: str,
    language: str | None,
) -> None:
    """`--published 2023/2025 --retrieved 2024-01-01` was refused for a page but drafted for
    a table (a file "as of" after its copy was taken, which validate took); `--language
    EN` was refused though a page's lang="EN" is read as en. Both paths: an interval that
    ends certainly after the retrieval is the options' error (a year or season that only
    may end later is not); a language in any form a page may declare it is its tag."""
    import json

    from conftest import run_here
    from partyintl.data import dates
    from partyintl.data.rules import language_tag

    folder = tmp_path_factory.mktemp("alike")
    if table:
        page = folder / "t.csv"
        page.write_text("name\nFoo Party\n", encoding="utf-8")
    else:
        page = folder / "p.html"
        page.write_text(
            "<html><head><title>Partei X</title></head><body><ul><li>Labour Party (UK)</li>"
            "</ul></body></html>",
            encoding="utf-8",
        )
    options = ["--published", published, "--retrieved", retrieved]
    options += ["--language", language] if language else []
    options += ["--party", "Partei X"] if table else []
    code, out, err = run_here(["draft", str(page), *options])
    last = published.split("/")[-1]  # what a draft holds as of: certainly after the copy?
    late = (dates.start(last) or "") > (dates.end(retrieved) or "")
    early = (dates.start(published) or "") > (dates.end(retrieved) or "")
    if early or late:
        assert (code, out) == (2, ""), err
        assert f"--published {published} " in err and f"--retrieved {retrieved}" in err, err
        return
    assert code == 0, err
    source = json.loads(out)["sources"][0]
    if language:
        assert source["language"] == language_tag(language)


@settings(max_examples=30, deadline=None)
@given(
    breaks=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(["after the bullet", "before the bracket"]),
                  st.sampled_from(["\u2028", "\u2029", "\x85", "\x0c", "\x1c"])),
        max_size=3,
    )
)  # fmt: skip
def test_a_line_separator_in_a_text_pages_item_never_joins_two_items(
    tmp_path_factory: pytest.TempPathFactory, breaks: list[tuple[int, str, str]]
) -> None:
    """In a text page, "- \\u2028Social Party (Spain)" made the item before it "Labour
    Party (UK) - Social Party" of Spain: the page was cut into lines at U+2028 too (Python's
    splitlines), so a bullet stood alone. Separators that are not a line feed, inside any
    item: each item is one partner with its country."""
    import json

    from conftest import run_here

    items = [("Labour Party", "(UK)", "GB"), ("Social Party", "(Spain)", "ES"),
             ("Green Party", "(Ireland)", "IE")]  # fmt: skip
    lines = []
    for at, (name, country, _) in enumerate(items):
        mark = {where: ch for i, where, ch in breaks if i == at}
        lines.append(
            f"- {mark.get('after the bullet', '')}{name}{mark.get('before the bracket', '')} "
            f"{country}"
        )
    page = tmp_path_factory.mktemp("separators") / "p.txt"
    page.write_text("Partei X\n\nPartners\n" + "\n".join(lines) + "\n\n© 2020 Partei X\n",
                    encoding="utf-8", newline="")  # fmt: skip
    code, out, err = run_here(["draft", str(page)])
    assert code == 0, err
    partners = json.loads(out)["partners"]
    assert [(p["name"], p["country_code"]) for p in partners] == [(n, c) for n, _, c in items]


_ADJECTIVES = ["Liberal", "Democratic", "Green", "Social", "Popular", "National"]


@settings(max_examples=40, deadline=None)
@given(
    adjective=st.sampled_from(_ADJECTIVES),
    pattern=st.sampled_from(
        [
            ("{a} Centre Party", "party"),
            ("{a} Center Party", "party"),
            ("Party of the {a} Centre", "party"),
            ("{a} Institute Party", "party"),
            ("Institute of the {a} Party", "npo"),
            ("{a} Party Foundation", "npo"),
            ("Foundation for {a} Party Studies", "npo"),
            ("Centre for {a} Party Research", "npo"),
            ("Partido {a} de Centro", "party"),
            ("Fundación del Partido {a}", "npo"),
            ("Партия «Центр {a}»", "party"),
            ("Институт Партии {a}", "npo"),
            ("Partei {a} Stiftung", "party"),
            ("{a} Stiftung der Partei", "npo"),
            ("{a} Partei-Stiftung", "npo"),
            ("{a} Network Party", "party"),
            ("{a} Forum Party", "party"),
            ("Party Network of the {a} Left", "international"),
            ("Forum of {a} Parties", "international"),
        ]
    ),
)
def test_the_head_of_a_name_with_a_party_and_a_foundation_word_decides(
    adjective: str, pattern: tuple[str, str]
) -> None:
    """ "Centre Party" (Estonia's, Finland's, Sweden's) was proposed as a non-profit for the
    word Centre, and "Национальный демократический институт" as a party. A name holding
    the word party and a foundation's word is what its head names: in English the last of
    the two before "of"/"for", in other languages the first."""
    from partyintl.draft.types import propose_type

    template, expected = pattern
    name = template.format(a=adjective)
    assert propose_type(name, None).type == expected, name


_MENTION_WORDS = st.sampled_from(
    ["SPD", "Social", "Democratic", "Party", "of", "Germany", "PS-PPE", "Partei", "die", "Linke",
     "SPD's", "(SPD)", "Left", "–", "Партия", "Центр", "x", "Germany."]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(st.lists(_MENTION_WORDS, max_size=12).map(" ".join), max_size=6),
    name=st.lists(_MENTION_WORDS, min_size=1, max_size=4).map(" ".join),
    abbreviations=st.lists(st.sampled_from(["SPD", "PS-PPE", "Linke", "x"]), max_size=2),
)
def test_the_paragraphs_that_name_a_body_are_found_from_an_index(
    paragraphs: list[str], name: str, abbreviations: list[str]
) -> None:
    """Finding the paragraphs that name each body read every paragraph for every body: 107 s
    for a page of 50,000 items and 2,000 paragraphs. Found from an index of the page's words,
    they are those a direct reading finds: a name in the normal form, an abbreviation as a
    word as printed."""
    import re

    from partyintl.draft.build import _Mentions
    from partyintl.link.variants import normalise

    texts = tuple(paragraphs)
    form = normalise(name) if len(name) > 3 else ""
    expected = [
        number
        for number, text in enumerate(texts, 1)
        if (form and f" {form} " in f" {normalise(text)} ")
        or any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text) for a in abbreviations)
    ]
    assert _Mentions(texts).of([name], abbreviations) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("International organisations", "international"),
        ("International Organizations", "international"),
        ("Internationale Organisationen", "international"),
        ("Organisations internationales", "international"),
        ("Organizaciones internacionales", "international"),
        ("Международные организации", "international"),
        ("International partners", "party"),
        ("Internationale Partnerparteien", "party"),
        ("Sister parties", "party"),
    ],
)
def test_a_heading_of_international_organisations_proposes_internationals(
    heading: str, expected: str
) -> None:
    """Under "International organisations" (and its German, French, Spanish and Russian
    forms) the Progressive Alliance and ALDE were proposed as parties."""
    from partyintl.draft.types import propose_type

    assert propose_type("Progressive Alliance", heading).type == expected, heading


#: Items a site lists about itself, not partners: contact labels and lines, social networks.
_site_items = st.sampled_from(
    [
        "ТЕЛЕФОН",
        "Телефон",
        "E-mail",
        "Fax",
        "tel.",
        "Facebook",
        "info@party.example",
        "+7 495 123-45-67",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(_text, _site_items),
            st.lists(st.one_of(_text, _site_items), max_size=3),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["ul", "ol"]),
)
@example([("ТЕЛЕФОН", ["A"], False)], "ul")
@example([("A", ["ТЕЛЕФОН"], False)], "ul")
@example([("ТЕЛЕФОН", [], False)], "ul")
def test_a_contact_item_goes_with_what_is_nested_in_it(
    items: list[tuple[str, list[str], bool]], outer: str
) -> None:
    """An item that is the site's own contact line or network leaves the list with the
    items nested in it (a "Телефон" item's numbers are no partners); the other items keep
    their positions and their nested lists; a list left with nothing is left out."""
    page = read_page(_nested_html(items, outer))
    partners = [
        (n, text, [t for t in inner if not is_site_link(t)])
        for n, (text, inner, _) in enumerate(items, 1)
        if not is_site_link(text)
    ]
    if not partners:
        assert page.lists == ()
        return
    [lst] = page.lists
    outer_items = [i for i in lst.items if i.parent is None]
    assert [(i.position, i.text) for i in outer_items] == [(n, t) for n, t, _ in partners]
    for at, (_, _, inner) in enumerate(partners):
        parent = lst.items.index(outer_items[at])
        assert [i.text for i in lst.items if i.parent == parent] == inner
    assert len(lst.items) == sum(1 + len(inner) for _, _, inner in partners)
    given = sum(1 + len(inner) for _, inner, _ in items)
    assert page.menu_items == given - len(lst.items)


# Copyright notices at a list's edge: never a partner's text, always the page's years.

#: A copyright notice's forms, for a year: the page's years as build._copyright reads them.
_NOTICES = st.sampled_from(["(c) {y}", "© {y} Example Party", "Copyright {y}", "(C) {y}-{z}"])
_YEAR = st.integers(2000, 2024)


def _notice(form: str, year: int) -> tuple[str, str]:
    """A notice's text and the years a draft reads from it."""
    text = form.format(y=year, z=year + 1)
    return text, (f"{year}-{year + 1}" if "{z}" in form else str(year))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_text, min_size=1, max_size=5),
    st.sampled_from(["{n}. ", "- ", "* "]),
    _NOTICES,
    _YEAR,
)
@example(["Social Democratic Party of Germany", "Labour Party (UK)"], "{n}. ", "(c) {y}", 2020)
def test_a_notice_right_under_a_text_list_is_not_its_last_item(
    names: list[str], mark: str, form: str, year: int
) -> None:
    """A copyright line right under the last item (no blank line, as text copied from a
    browser comes) was read as the rest of that item ("Labour Party (UK) (c) 2020", the
    country lost) and the page said to have no copyright line."""
    notice, years = _notice(form, year)
    lines = [mark.format(n=n) + name for n, name in enumerate(names, 1)]
    page = read_page(
        "\n".join(["Partners of the Example Party", "", "Our partners:", "", *lines, notice])
    )
    assert [i.text for lst in page.lists for i in lst.items] == [" ".join(n.split()) for n in names]
    assert build_draft(page, PageInfo(party="X Party")).copyright == years


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_text, min_size=1, max_size=4),
    st.lists(st.sampled_from(["Impressum", "Datenschutz", "Kontakt"]), max_size=3),
    st.integers(0, 3),
    _NOTICES,
    _YEAR,
    st.booleans(),
)
def test_a_notice_in_a_list_gives_the_pages_years(
    names: list[str], others: list[str], at: int, form: str, year: int, footer: bool
) -> None:
    """A notice as a list item, in a footer's list (`<footer><ul><li>© 2020 ...`, which a
    draft leaves out with the menus) or in the page's own list, gives the page's years and
    is no partner; the footer's other items stay out."""
    import html

    notice, years = _notice(form, year)
    items = [html.escape(o) for o in others]
    items.insert(min(at, len(items)), html.escape(notice))
    partners = "".join(f"<li>{html.escape(n)}</li>" for n in names)
    listed = "".join(f"<li>{i}</li>" for i in items)
    if footer:
        body = f"<ul>{partners}</ul><footer><ul>{listed}</ul></footer>"
    else:  # the page's own list ends with it
        body = f"<ul>{partners}<li>{html.escape(notice)}</li></ul>"
    page = read_page(
        f"<html><head><title>Partners</title></head><body><h2>Partner</h2>{body}</body></html>"
    )
    assert [i.text for lst in page.lists for i in lst.items] == [" ".join(n.split()) for n in names]
    assert build_draft(page, PageInfo(party="X Party")).copyright == years


# A row of a CSV table whose quoted cell holds line breaks: cited at the line it starts on.


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_text, st.integers(0, 2), st.booleans()), min_size=1, max_size=6))
def test_a_table_row_is_cited_at_the_line_it_starts_on(
    rows: list[tuple[str, int, bool]],
) -> None:
    """A row whose name held a line break was cited at the line it ends on (`line 6` for a
    row that begins on line 5: the fresh tester, helper 58), in draft's tables and in link's
    decisions files alike: every row at its first line, blank lines between rows counted."""
    import csv
    import io

    from partyintl.draft.table import read_table
    from partyintl.errors import DatasetError
    from partyintl.link.decisions import read_decisions

    lines = ["name,country"]
    starts = []
    for name, breaks, blank_after in rows:
        starts.append(sum(line.count("\n") + 1 for line in lines) + 1)
        quoted = '"' + "\n".join([name] * (breaks + 1)).replace('"', '""') + '"'
        lines.append(f"{quoted},Germany")
        if blank_after:
            lines.append("")
    table = read_table("\n".join(lines) + "\n", "t.csv")
    assert [r.line for r in table] == starts
    # A decisions file: link's own layout, a row's reason holding the line breaks.
    sample = (Path(__file__).parent.parent / "data" / "partyfacts-links.csv").read_text(
        encoding="utf-8"
    )
    header, first = sample.splitlines()[:2]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    layout = next(csv.reader([header]))

    values = next(csv.reader([first]))
    writer.writerow(layout)
    expected = []
    for n, (name, breaks, _) in enumerate(rows):
        expected.append(len(out.getvalue().splitlines()) + 1)
        row = dict(zip(layout, values, strict=True))
        row["record"] = f"{row['record']}-{n}"
        if "reason" in row:
            row["reason"] = "\n".join([name] * (breaks + 1))
        writer.writerow([row[k] for k in layout])
    broken = [line for line, (_, breaks, _) in zip(expected, rows, strict=True) if breaks]
    if not broken:
        got = read_decisions(out.getvalue(), "links.csv", today="2026-12-03")
        assert [d.line for d in got] == expected
        return
    # A reason may not hold a line break: each such row is refused at its first line.
    with pytest.raises(DatasetError) as caught:
        read_decisions(out.getvalue(), "links.csv", today="2026-12-03")
    assert [p.line for p in caught.value.problems] == broken


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(
            _text,
            st.text(alphabet="-–—*_=.·•0123456789 ", min_size=1, max_size=6).filter(str.strip),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_an_item_with_no_letter_is_no_partner(items: list[str], html: bool) -> None:
    """Items `---`, `1234` became partners named so (id `x`, typed party: the fresh tester,
    helper 58): an item with no letter at all names nothing. Left out and counted; the
    others keep their printed positions."""
    import html as markup

    if html:
        body = "".join(f"<li>{markup.escape(t)}</li>" for t in items)
        text = f"<html><body><h2>Partner</h2><ol>{body}</ol><p>Ende.</p></body></html>"
    else:
        text = "\n".join(["Partner", "", *(f"{n}. {t}" for n, t in enumerate(items, 1)), ""])
    page = read_page(text)
    named = [(n, " ".join(t.split())) for n, t in enumerate(items, 1) if not is_site_link(t)]
    got = [(i.position, i.text) for lst in page.lists for i in lst.items]
    assert got == named
    assert page.menu_items == len(items) - len(named)
