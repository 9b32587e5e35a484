"""Work bounded by what is asked, not by what the environment or an argument says.

COLUMNS is taken only when it is a whole number, and at most MAX_COLUMNS; the search text
is bounded, and folding text is whole-string work, never a Python step per character.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import run_here
from partyintl import Dataset, UsageError, query
from partyintl.data.countries import fold
from partyintl.render.table import width
from partyintl.streams import MAX_COLUMNS

# --- COLUMNS ---------------------------------------------------------------------------

#: Commands whose terminal pictures are laid out to the width (spectrum's track, the
#: countries bars and the timeline bands grow with it).
WIDE = [["spectrum"], ["countries"], ["timeline"], ["partners"], ["show", "spd"], ["people"]]


def _table(argv: list[str], columns: str | None, monkeypatch: pytest.MonkeyPatch) -> str:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run_here([*argv, "-f", "table"], tty=True)
    assert (code, err) == (0, ""), (argv, columns)
    return out


def _widest(text: str) -> int:
    import re

    return max(width(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in text.splitlines())


def _no_terminal(*args: object) -> object:
    # Without COLUMNS the width is the terminal's: none here, so the fallback (100).
    raise OSError("not a terminal")


@pytest.mark.parametrize(
    ("columns", "as_if"),
    [
        ("1000000", str(MAX_COLUMNS)),  # the 16.8 MB
        ("99999999999999999999999", str(MAX_COLUMNS)),  # the OverflowError
        ("9" * 5000, str(MAX_COLUMNS)),  # too long for int() itself
        ("abc", None),
        ("-5", None),
        ("0", None),
        ("", None),
        ("٣", None),  # a digit, but not an ASCII one
        ("80x", None),
        (" 120 ", "120"),
    ],
)
def test_columns_out_of_range_is_clamped_and_nonsense_is_ignored(
    columns: str, as_if: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.get_terminal_size", _no_terminal)
    for argv in WIDE:
        assert _table(argv, columns, monkeypatch) == _table(argv, as_if, monkeypatch), argv


@settings(max_examples=25, deadline=None)
@given(
    columns=st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.integers(min_value=1, max_value=3 * MAX_COLUMNS).map(str),
        # Anything an environment variable can hold: no NUL, no lone surrogates.
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8
        ),
    ),
    argv=st.sampled_from(WIDE),
)
def test_any_columns_gives_a_bounded_table(columns: str, argv: list[str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr("os.get_terminal_size", _no_terminal)
        out = _table(argv, columns, monkeypatch)
    widest = _widest(out)
    assert widest <= MAX_COLUMNS
    valid = columns.strip().isascii() and columns.strip().isdigit() and int(columns) > 0
    if valid:  # narrower than the default, ids and numbers that are never cut may stick out
        assert widest <= max(100, min(int(columns), MAX_COLUMNS))
    else:
        assert widest <= 100  # as if COLUMNS were unset
    assert len(out) < 200 * MAX_COLUMNS  # a few hundred lines at most, whatever the width


# --- the search text -------------------------------------------------------------------


def _fold_by_character(text: str) -> str:
    """fold as it was written before: one Python step per character (the reference), the
    combining marks and the format characters (Cf) dropped."""
    import re

    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(
        ch
        for ch in decomposed
        if not (unicodedata.combining(ch) or unicodedata.category(ch) == "Cf")
    )
    return re.sub(r"[\s.\-_'’,()]+", " ", bare.casefold()).strip()


@given(st.text())
def test_fold_is_the_same_as_character_by_character(text: str) -> None:
    assert fold(text) == _fold_by_character(text)


def test_a_50_mb_search_is_refused_at_once(ds: Dataset) -> None:
    huge = "social democrat " * 3_276_800  # 50 MiB, as in the issue
    with pytest.raises(UsageError) as caught:
        query.filter_partners(ds, query.PartnerFilter(search=huge))
    assert caught.value.message == (
        "--search is 52,428,800 characters long; at most 1,000 are compared. "
        "Search for a word or a part of a name."
    )


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(min_value=query.MAX_SEARCH - 3, max_value=query.MAX_SEARCH + 3),
    piece=st.sampled_from(["a", "é", "Ё", " ", "-", "中"]),
)
def test_the_search_text_bound_is_exact(n: int, piece: str) -> None:
    code, out, err = run_here(["partners", "-s", "qqzz" + piece * (n - 4), "-f", "json"])
    if n <= query.MAX_SEARCH:
        assert (code, out) == (0, "[]\n")
    else:
        assert (code, out) == (2, "")
        assert err == (
            f"partyintl: error: --search is {n:,} characters long; at most 1,000 are "
            "compared. Search for a word or a part of a name.\n"
        )


def test_a_search_still_finds_what_it_did(ds: Dataset) -> None:
    found = query.filter_partners(ds, query.PartnerFilter(search="social democratic"))
    names = [o["name"] for o in found]
    assert "Socialist Democratic Party of Germany" in names


_ENDS = st.none() | st.floats(-10, 10, allow_nan=False).map(lambda x: round(x, 2))


@given(low=_ENDS, high=_ENDS)
def test_a_range_off_the_scale_is_said_to_be_so(low: float | None, high: float | None) -> None:
    """`--left-right 3..4` answered "No partners match." without saying that no score can
    lie there; a range that meets the scale says nothing."""
    from partyintl.data.numbers import LEFT_RIGHT_SCALE
    from partyintl.query import off_the_scale

    bottom, top = LEFT_RIGHT_SCALE
    meets = (low is None or low <= top) and (high is None or high >= bottom)
    assert (off_the_scale((low, high)) == "") == meets


@pytest.mark.parametrize("digits", [19, 20, 40])
def test_a_count_too_big_says_how_big_a_count_may_be(digits: int) -> None:
    from conftest import run_here

    code, _, err = run_here(["partners", "--limit", "9" * digits])
    assert code == 2
    assert "is too big a count: give at most 999,999,999,999,999,999." in err


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        st.characters(
            categories=("Pc", "Pd", "Ps", "Pe", "Po", "Sm", "Sc", "Sk", "So", "Mn", "Cf", "Zs")
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_search_of_no_letter_or_digit_is_refused(text: str) -> None:
    """`--search .` (or -, ', a lone accent) matched every partner, exit 0, and `!!` none;
    a search with no letter or digit has nothing to search for: exit 2, in words."""
    from partyintl.escaping import UNSAFE

    assume(not text.startswith("-") and UNSAFE.search(text) is None)
    code, out, err = run_here(["partners", "--search", text, "-f", "plain"])
    assert (code, out) == (2, "")
    assert "holds no letter or digit" in err or "was given an empty value" in err, err


@settings(max_examples=100, deadline=None)
@given(
    which=st.integers(0, 10_000),
    at=st.integers(0, 100),
    hidden=st.sampled_from(["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e"]),
)
def test_a_search_with_an_invisible_character_in_a_word_finds_what_the_word_finds(
    ds: Dataset, which: int, at: int, hidden: str
) -> None:
    """`--search 'Labor\\u200b'` (a soft hyphen or a zero-width space pasted from a web page)
    found nothing while `--search Labor` found two partners."""
    word = max(ds.raw_partners[which % len(ds.raw_partners)]["name"].split(), key=len)
    cut = at % (len(word) + 1)
    pasted = word[:cut] + hidden + word[cut:]
    assert fold(pasted) == fold(word)
    found = [o["id"] for o in query.filter_partners(ds, query.PartnerFilter(search=pasted))]
    wanted = [o["id"] for o in query.filter_partners(ds, query.PartnerFilter(search=word))]
    assert found == wanted and found
