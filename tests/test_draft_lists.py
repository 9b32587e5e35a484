"""Drafts of big pages and nested lists: every item its own record, in linear time; the
type proposed from a name in several languages; the script of a page that declares no
language."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl.draft import page as page_module
from partyintl.draft.build import PageInfo, build_draft
from partyintl.draft.page import read_page

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
    clean = page_module._clean

    def counting(value: str) -> str:
        nonlocal cleaned
        cleaned += len(value)
        return clean(value)

    monkeypatch.setattr(page_module, "_clean", counting)
    page = read_page(text)
    assert sum(len(lst.items) for lst in page.lists) == items
    assert cleaned <= 4 * len(text)


def test_many_bodies_of_one_name_get_numbered_ids() -> None:
    """Ids stay unique (and are found in linear time) when a page names one body often."""
    text = "Partners\n\nOurs:\n\n" + "".join(f"{n}. Same Party\n" for n in range(1, 3_001))
    draft = build_draft(read_page(text), PageInfo())
    ids = [r.id for r in draft.records]
    assert ids[:3] == ["same-party", "same-party-2", "same-party-3"]
    assert ids[-1] == "same-party-3000"
    assert len(set(ids)) == 3_000
