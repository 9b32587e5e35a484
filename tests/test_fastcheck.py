"""The quick partner check never accepts what the models reject."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl.data.fastcheck import organization_ok
from partyintl.data.models import Organization

IDS = st.sampled_from(["spd", "a-b", "A", "a--b", "-a", "a\n", "é", "", "a1-2b"])
TEXT = st.one_of(st.text(max_size=5), st.none(), st.integers(), st.booleans(), st.floats())
LISTING = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "list": st.sampled_from(["partners", "npo", "other", "Not-an-id", 1]),
            "position": st.one_of(st.integers(-1, 3), st.booleans(), st.just("1"), st.just(1.0)),
            "printed": TEXT,
        }
    ),
    st.dictionaries(st.sampled_from(["list", "position", "printed", "x"]), TEXT),
    TEXT,
)
NAMES = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"name": TEXT}, optional={"note": TEXT, "sources": st.deferred(lambda: CITATIONS)}
        ),
        st.dictionaries(st.sampled_from(["name", "note", "x"]), TEXT),
        TEXT,
    ),
    max_size=2,
)
INFERRED = st.lists(
    st.one_of(
        st.fixed_dictionaries({"field": TEXT, "reason": TEXT}),
        st.dictionaries(st.sampled_from(["field", "reason", "x"]), TEXT),
    ),
    max_size=2,
)
DATES = st.sampled_from(["2012", "2012/2017", "2012-13", "2012\n", "", 2012, None])
CITATION = st.one_of(
    st.fixed_dictionaries(
        {"source": st.one_of(IDS, st.integers()), "at": TEXT},
        optional={
            "fields": st.one_of(st.lists(TEXT, max_size=2), TEXT),
            "date": DATES,
            "note": TEXT,
        },
    ),
    st.dictionaries(st.sampled_from(["source", "at", "fields", "date", "x"]), TEXT),
)
CITATIONS = st.lists(st.one_of(CITATION, TEXT), max_size=2)
FIELDS: dict[str, Any] = {
    "id": IDS,
    "name": TEXT,
    "type": st.sampled_from(["party", "npo", "club", None, 3]),
    "kind": TEXT,
    "country": TEXT,
    "country_code": TEXT,
    "region": TEXT,
    "listing": LISTING,
    "part_of": st.one_of(IDS, st.none(), st.integers()),
    "other_names": st.one_of(NAMES, TEXT),
    "description": TEXT,
    "notes": st.one_of(st.lists(TEXT, max_size=2), TEXT),
    "inferred": st.one_of(INFERRED, TEXT),
    "sources": st.one_of(CITATIONS, TEXT),
    "identifiers": st.one_of(
        st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "scheme": st.sampled_from(["partyfacts", "wikidata", "x", None]),
                        "identifier": st.one_of(TEXT, st.integers()),
                        "source": st.one_of(IDS, TEXT),
                        "at": TEXT,
                    },
                    optional={"evidence": st.one_of(TEXT, st.none(), st.integers())},
                ),
                st.dictionaries(st.sampled_from(["scheme", "identifier", "x"]), TEXT),
            ),
            max_size=2,
        ),
        TEXT,
    ),
    "left_right": st.one_of(
        st.floats(allow_nan=False), st.integers(), st.booleans(), st.none(), TEXT
    ),
    "ideology": st.one_of(st.lists(st.one_of(TEXT, st.integers()), max_size=2), TEXT),
    "positions_source": st.one_of(
        CITATION,
        st.dictionaries(st.sampled_from(["source", "at", "x"]), TEXT),
        st.none(),
        TEXT,
    ),
    "extra": TEXT,
}


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.sets(st.sampled_from(sorted(FIELDS))))
    base = {"id": "x", "name": "X", "type": "party"} if draw(st.booleans()) else {}
    return base | {k: draw(FIELDS[k]) for k in keys}


SHORT = st.text(max_size=5)
VALID: dict[str, Any] = {
    "id": st.just("spd"),
    "name": SHORT,
    "type": st.sampled_from(["party", "international"]),
    "kind": st.one_of(SHORT, st.none()),
    "country": st.one_of(SHORT, st.none()),
    "country_code": st.one_of(SHORT, st.none()),
    "region": st.one_of(SHORT, st.none()),
    "listing": st.fixed_dictionaries(
        {"list": st.just("npo"), "position": st.integers(1, 9), "printed": SHORT}
    ),
    "part_of": st.just("pes"),
    "other_names": st.lists(
        st.fixed_dictionaries({"name": SHORT}, optional={"note": st.one_of(SHORT, st.none())}),
        max_size=2,
    ),
    "description": SHORT,
    "notes": st.lists(SHORT, max_size=2),
    "inferred": st.lists(st.fixed_dictionaries({"field": SHORT, "reason": SHORT}), max_size=1),
    "sources": st.lists(
        st.fixed_dictionaries(
            {"source": st.just("page"), "at": st.just("paragraph 1")},
            optional={"fields": st.lists(SHORT, max_size=2), "date": st.just("2012/2017")},
        ),
        max_size=2,
    ),
    "identifiers": st.lists(
        st.fixed_dictionaries(
            {
                "scheme": st.sampled_from(["partyfacts", "wikidata", "manifesto"]),
                "identifier": SHORT,
                "source": st.just("partyfacts"),
                "at": st.just("core"),
            }
        ),
        max_size=2,
    ),
    "left_right": st.one_of(st.floats(-3, 3), st.none()),
    "ideology": st.lists(SHORT, max_size=2),
    "positions_source": st.fixed_dictionaries({"source": st.just("pf"), "at": st.just("t")}),
    "extra": st.nothing(),
}


@st.composite
def near_valid(draw: st.DrawFn) -> dict[str, Any]:
    """A valid record with, now and then, one field drawn from the wild values."""
    keys = draw(st.sets(st.sampled_from(sorted(k for k in VALID if k != "extra"))))
    record = {"id": "x", "name": "X", "type": "party"}
    for key in keys:
        record[key] = draw(VALID[key])
    if draw(st.booleans()):
        wild = draw(st.sampled_from(sorted(FIELDS)))
        record[wild] = draw(FIELDS[wild])
    return record


@settings(max_examples=1500, deadline=None)
@given(st.one_of(records(), near_valid()))
def test_accepted_records_are_valid(record: dict[str, Any]) -> None:
    if organization_ok(record):
        Organization.model_validate(record)  # raises if the check was wrong


def test_every_bundled_partner_takes_the_quick_path(raw_data: dict[str, Any]) -> None:
    assert all(organization_ok(p) for p in raw_data["partners"])


@pytest.mark.parametrize(
    ("keys", "model"),
    [
        ("_KEYS", "Organization"),
        ("_LISTING_KEYS", "Listing"),
        ("_OTHER_NAME_KEYS", "OtherName"),
        ("_IDENTIFIER_KEYS", "Identifier"),
        ("_CITATION_KEYS", "Citation"),
        ("_INFERENCE_KEYS", "Inference"),
    ],
)
def test_the_quick_check_knows_exactly_the_models_fields(keys: str, model: str) -> None:
    """The schema is written in the models: a field added to or dropped from a model and
    not from the quick check (or the reverse) fails here."""
    from partyintl.data import fastcheck, models

    fields = {f.alias or name for name, f in getattr(models, model).model_fields.items()}
    assert set(getattr(fastcheck, keys)) == fields
