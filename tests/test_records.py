"""The records `query` hands to `render`: each record type (query/records.py) has exactly
the fields its command declares (query/fields.py), in the same order, so the types mypy
checks and the tuples `--fields`, CSV headers and empty answers use are one truth.

The types live in a module that imports `typing`; the fast path must never load it.
"""

from __future__ import annotations

import subprocess
import sys
from typing import get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl import load_dataset, query
from partyintl.data import jsontypes, shapes
from partyintl.query import records

#: Each record type and the field tuple of the answers made of it.
DECLARED = {
    records.PartnerRecord: query.PARTNER_FIELDS,
    records.SpectrumRecord: query.SPECTRUM_FIELDS,
    records.CountryRecord: query.COUNTRY_FIELDS,
    records.TimelineRecord: query.TIMELINE_FIELDS,
    records.PersonRecord: query.PEOPLE_FIELDS,
    records.ContactRecord: query.CONTACT_FIELDS,
    records.NetworkRecord: query.NETWORK_FIELDS,
    records.RegionRecord: query.REGION_FIELDS,
    records.SourceRecord: query.SOURCE_FIELDS,
    records.TagRecord: query.TAG_FIELDS,
}

#: The small objects inside records and the shapes data/shapes.py writes them in.
SHAPED = {
    jsontypes.Citation: shapes.CITATION,
    jsontypes.Inference: shapes.INFERENCE,
    jsontypes.OtherName: shapes.OTHER_NAME,
    jsontypes.Identifier: shapes.IDENTIFIER,
}


@pytest.mark.parametrize("kind", list(DECLARED), ids=lambda k: k.__name__)
def test_a_record_type_has_its_commands_fields_in_order(kind: type) -> None:
    assert tuple(kind.__annotations__) == DECLARED[kind]
    assert kind.__required_keys__ == frozenset(DECLARED[kind])  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(SHAPED), ids=lambda k: k.__name__)
def test_a_nested_type_has_the_fields_of_its_shape(kind: type) -> None:
    assert tuple(kind.__annotations__) == tuple(name for name, _ in SHAPED[kind])


def test_every_answer_type_is_checked_here() -> None:
    """A record type added to query/records.py without a field tuple fails here."""
    answers = {
        value
        for name, value in vars(records).items()
        if name.endswith("Record")
        and isinstance(value, type)
        and value.__module__ == records.__name__
    }
    nested = {records.PostRecord, records.PeriodRecord, records.BandRecord}
    assert answers - nested == set(DECLARED)


def test_the_types_resolve() -> None:
    """Every annotation names something real (a typo would pass mypy only as a string)."""
    for kind in [*DECLARED, *SHAPED, records.EventBrief, records.BandRecord]:
        assert get_type_hints(kind)


def test_the_fast_path_never_imports_typing_or_the_record_types() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from partyintl.cli.interpret import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert run(['partners', '--country', 'Germany', '--json']) == 0\n"
        "print(sorted(m for m in ('typing', 'partyintl.query.records',"
        " 'partyintl.data.jsontypes') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_look_up_answers_alike_with_the_folded_names_kept(data: st.DataObject) -> None:
    """find_record keeps each dataset's folded names (folding 100,000 names took most of
    a question about several files); the answer, or the error, is the one a dataset seen
    for the first time gives."""
    from partyintl.data.load import Dataset
    from partyintl.errors import UsageError
    from partyintl.query.names import find_record, record_names

    kept = load_dataset()
    names = record_names(kept)
    query = data.draw(
        st.sampled_from(names).flatmap(
            lambda n: st.sampled_from([n, n.upper(), n[: max(1, len(n) // 2)], n + "x"])
        )
    )

    def answer(ds: Dataset) -> object:
        try:
            kind, raw = find_record(ds, query)
        except UsageError as exc:
            return str(exc)
        return kind, raw.get("id")

    first = answer(kept)
    assert answer(kept) == first  # from the kept names
    assert answer(Dataset(kept.raw, None, None)) == first  # a dataset seen anew
