"""A part of a name finds a record only where it begins a word: `ross` finds "Spravedlivaya
Rossiya", `si` inside "Rossiya" finds nothing (a fresh tester's `ties SI` answered about
A JUST RUSSIA). Generated over every name of the bundled records."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from partyintl import load_dataset
from partyintl.data import countries
from partyintl.data.countries import fold
from partyintl.errors import UsageError
from partyintl.query.names import ORGANISATION, find_record, folded_names, part_of

DS = load_dataset()
NAMES = sorted({n for raw in DS.raw_orgs.values() for n in folded_names(ORGANISATION, raw)})


def _finds(query: str) -> str | None:
    try:
        return find_record(DS, query, (ORGANISATION,))[1]["id"]
    except UsageError:
        return None


@given(name=st.sampled_from(NAMES), data=st.data())
@settings(max_examples=300, deadline=None)
def test_a_part_inside_a_word_finds_nothing_by_that_part(name: str, data: st.DataObject) -> None:
    inside = [
        (i, j)
        for i in range(1, len(name))
        for j in range(i + 2, len(name) + 1)
        if name[i - 1] != " " and " " not in name[i:j]
    ]
    if not inside:
        return
    i, j = data.draw(st.sampled_from(inside))
    key = name[i:j]
    if fold(key) != key or any(part_of(key, n) for n in NAMES):
        return  # the same letters begin a word of some name (or any part, unspaced)
    found = _finds(key)
    # Only an id or another dataset's id could still find it: never the part.
    assert found is None or found == key, (key, found)


@given(name=st.sampled_from(NAMES), data=st.data())
@settings(max_examples=300, deadline=None)
def test_a_unique_part_that_begins_a_word_finds_its_record(name: str, data: st.DataObject) -> None:
    starts = [0, *(i + 1 for i, ch in enumerate(name) if ch == " ")]
    start = data.draw(st.sampled_from(starts))
    end = data.draw(st.integers(start + 1, len(name)))
    key = name[start:end].strip()
    if not key or fold(key) != key or countries.lookup(key) is not None:
        return  # a country's name asks for its partners (find_record says so)
    if not any(ch.isalnum() for ch in key):
        return  # punctuation alone (a dash between words) asks for an id or a name
    owners = {
        ident
        for ident, raw in DS.raw_orgs.items()
        if any(part_of(key, n) for n in folded_names(ORGANISATION, raw))
    }
    exact = {ident for ident, raw in DS.raw_orgs.items() if key in folded_names(ORGANISATION, raw)}
    if len(owners) == 1 and not exact - owners:
        assert _finds(key) in owners | {key}


@pytest.mark.parametrize(
    ("key", "name", "expected"),
    [
        ("si", "spravedlivaya rossiya", False),
        ("ya", "spravedlivaya rossiya", False),
        ("ross", "spravedlivaya rossiya", True),
        ("just russia", "a just russia", True),
        ("民主", "自由民主党", True),  # written without spaces: any part
        ("tro", "partido revolucionario", False),
    ],
)
def test_part_of(key: str, name: str, expected: bool) -> None:
    assert part_of(key, name) is expected


@given(text=st.text(st.characters(whitelist_categories=("P", "S", "Zs")), min_size=1, max_size=6))
@example(text="::")  # a clean-clone CI run: `:` then `:` read as a label and an id
@example(text=":")
@settings(max_examples=100, deadline=None)
def test_a_query_without_a_letter_or_digit_asks_for_an_id_or_a_name(text: str) -> None:
    """`show '!'` said no record matched and `show '.'` asked for a name: anything without
    a letter or a digit (once folded: `🄐` is `(a)`) is no name, and gets the one answer."""
    if any(ch.isalnum() for ch in fold(text)) or text in DS.raw_orgs:
        return
    from partyintl.escaping import escape_control

    with pytest.raises(UsageError) as caught:
        find_record(DS, text, (ORGANISATION,))
    said = f"'{escape_control(text)}' holds no letter or digit: give" if text.strip() else "Give"
    assert caught.value.message == f"{said} an id or a name."


def _non_latin_names() -> list[tuple[str, str]]:
    """(record id, name) of every name in the bundled data written in another script, of
    letters enough to be compared across scripts (not فتح, "fth")."""
    from anyascii import anyascii

    from partyintl.query.names import _LATIN_LEAST, latin

    ds = load_dataset()
    return [
        (raw["id"], name)
        for raw in [*ds.raw_orgs.values(), *ds.raw.get("people", [])]
        for name in [raw["name"], *(o["name"] for o in raw.get("other_names", ()))]
        if anyascii(name) != name
        and any(c.isalpha() and not c.isascii() for c in name)
        and len(latin(name).replace(" ", "")) >= _LATIN_LEAST
    ]


@pytest.mark.parametrize(("ident", "name"), _non_latin_names())
def test_a_name_typed_in_latin_letters_finds_its_record_in_another_script(
    ident: str, name: str
) -> None:
    """`show "Spravedlivaya Rossiya"` found nothing although the party's own name is
    СПРАВЕДЛИВАЯ РОССИЯ (and `show Миронов` nothing of Sergei Mironov): every name of the
    data in another script, typed as anyascii spells it in Latin letters, finds its record,
    or lists it among the candidates when others share the spelling."""
    from anyascii import anyascii

    ds = load_dataset()
    typed = anyascii(name)
    try:
        _, raw = find_record(ds, typed)
    except UsageError as exc:
        assert "matches" in exc.message and any(s.startswith(f"{ident} (") for s in exc.suggestions)
        return
    assert raw["id"] == ident


@pytest.mark.parametrize(
    ("typed", "ident"),
    [("Миронов", "sergei-mironov"), ("Spravedlivaya Rossiya", "a-just-russia")],
)
def test_the_testers_names_in_another_script(typed: str, ident: str) -> None:
    _, raw = find_record(load_dataset(), typed)
    assert raw["id"] == ident


@pytest.mark.parametrize(
    ("typed", "country"),
    [
        ("Германия", "Germany"),
        ("Allemagne", "Germany"),
        ("Франция", "France"),
        ("Ελλάδα", "Greece"),
    ],
)
def test_a_country_in_another_language_is_said_to_be_one(typed: str, country: str) -> None:
    """`show Deutschland` said it was a country, `show Германия` that nothing matched."""
    from partyintl.errors import NamesACountry

    with pytest.raises(NamesACountry) as caught:
        find_record(DS, typed)
    assert caught.value.message.startswith(f"'{typed}' is a country ({country}), not a ")


@pytest.mark.parametrize("syllable", ["당", "\u1103\u1161\u11bc"])
def test_one_syllable_of_another_script_finds_nothing_by_its_transliteration(
    syllable: str,
) -> None:
    """Hangul 당 ("party", also as its decomposed letters) is "dang" in Latin letters, which
    found the Communist Party of Vietnam by its Vietnamese name's "Đảng": one character of
    a script that writes a syllable a character is too little to compare across scripts."""
    assert _finds(syllable) is None
