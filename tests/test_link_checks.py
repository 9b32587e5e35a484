"""`partyintl link`: names and evidence quoted whole, decisions files checked line by line,
files that are not data, and records already linked."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from partyintl.link.match import Candidate, names_of, quote
from partyintl.link.snapshot import Party

# Names with quotes at their ends keep them; evidence quotes them unambiguously.

_plain = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x52F),
    min_size=1,
    max_size=8,
)
_words = st.lists(_plain, min_size=1, max_size=4).map(" ".join)
#: A name with a quoted part at its start, its end, or both: `Party "A Just World"`.
_quoted_name = st.tuples(
    st.sampled_from(['"', "'", "«"]),
    st.one_of(st.none(), _words),
    _words,
    st.one_of(st.none(), _words),
).filter(lambda t: t[1] is not None or t[3] is not None or t[0] != '"')


def _name(parts: tuple[str, str | None, str, str | None]) -> str:
    mark, before, inner, after = parts
    closing = {"«": "»"}.get(mark, mark)
    return " ".join(p for p in (before, f"{mark}{inner}{closing}", after) if p)


def _party(english: str, native: str = "Partiya") -> Party:
    return Party("2030", "BLR", native, "", english, "", 1991, None)


@settings(max_examples=150, deadline=None)
@given(_quoted_name, _quoted_name)
def test_names_with_quotes_at_their_ends_are_kept_whole(first: tuple, second: tuple) -> None:
    """Party Facts' names, alone or two joined by ' / ', are read with every quote that is
    part of them; the evidence quotes each so that its ends are the name's."""
    one, two = _name(first), _name(second)
    assume(one != two)
    assert names_of(_party(one))[0] == (one, "core.name_english")
    assert [n for n, _ in names_of(_party(f"{one} / {two}"))][:2] == [one, two]
    candidate = Candidate(_party(one), 90.0, two, one, "core.name_english", 1)
    evidence = candidate.evidence("Belarus")
    assert f"; {quote(two)} ~ {quote(one)} (core.name_english), Party Facts {quote(one)} (-)" in (
        evidence
    )
    for name in (one, two):
        quoted = quote(name)
        assert quoted[1:-1] == name
        assert quoted[0] not in (name[0], name[-1]) or quoted[0] not in "'\""


def test_a_name_wholly_in_quotes_loses_them() -> None:
    assert names_of(_party('"Yabloko"'))[0][0] == "Yabloko"


def test_the_testers_party_facts_2030() -> None:
    """The closing quote of 'A Just World' stays (it was lost)."""
    from partyintl.link.snapshot import load_snapshot

    party = load_snapshot().parties["2030"]
    assert ('Belarusian Left Party "A Just World"', "core.name_english") in names_of(party)
    candidate = Candidate(party, 80.0, "Party of the Left", 'Belarusian Left Party "A Just World"',
                          "core.name_english", 1)  # fmt: skip
    assert candidate.evidence("Belarus") == (
        "Belarus; 'Party of the Left' ~ 'Belarusian Left Party \"A Just World\"' "
        "(core.name_english), Party Facts 'Party of Communists of Belarus / Belarusian Left "
        'Party "A Just World"\' (PKB), 1991-; score 80'
    )
