"""A quick test that a partner record is certainly valid, so pydantic need not see it.

Validating a partner with pydantic costs about 15 us; this check costs a fraction of that.
It accepts only records of the plain shape the models describe (known keys, exact JSON
types, ids of the right form) and says nothing about anything else: a record it does not
accept is validated by pydantic as before, which then gives the error messages. It must
never accept what the models reject; tests/test_fastcheck.py holds it to that with
hypothesis.
"""

from __future__ import annotations

import re

from .dates import EDTF_PATTERN
from .enums import IdentifierScheme, NameUsage, OrgType
from .numbers import LEFT_RIGHT_SCALE, MAX_ID_LENGTH, MAX_WHOLE, MIN_WHOLE
from .shapes import CITATION, IDENTIFIER, INFERENCE, LISTING, ORGANIZATION, OTHER_NAME, keys

# An id of at most MAX_ID_LENGTH characters (the models' max_length).
_ID = re.compile(rf"(?=.{{1,{MAX_ID_LENGTH}}}\Z)[a-z0-9]+(?:-[a-z0-9]+)*", re.DOTALL)
_DATE = re.compile(EDTF_PATTERN.removeprefix("^").removesuffix("$"))  # whole text only
_ORG_TYPES = frozenset(t.value for t in OrgType)
_OPTIONAL_TEXT = ("kind", "country", "country_code", "region", "description")
_OPTIONAL_TEXT_SET = frozenset(_OPTIONAL_TEXT)
_KEYS = frozenset(keys(ORGANIZATION))
_LISTING_KEYS = frozenset(keys(LISTING))
_OTHER_NAME_KEYS = frozenset(keys(OTHER_NAME))
_USAGES = frozenset(u.value for u in NameUsage)
_SCHEMES = frozenset(s.value for s in IdentifierScheme)
_IDENTIFIER_KEYS = frozenset(keys(IDENTIFIER))
_CITATION_KEYS = frozenset(keys(CITATION))
_INFERENCE_KEYS = frozenset(keys(INFERENCE))
# A JSON escape of a UTF-16 surrogate: Python keeps a lone one as text, pydantic does not.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]|\\u[dD][c-fC-F]")
#: The same, searched in a file's bytes.
SURROGATE_ESCAPE_BYTES = re.compile(SURROGATE_ESCAPE.pattern.encode("ascii"))


_id_match = _ID.fullmatch
_LOW, _HIGH = LEFT_RIGHT_SCALE


def organization_ok(org: object) -> bool:
    """Whether a partner record is certainly accepted by the Organization model."""
    if type(org) is not dict or not org.keys() <= _KEYS:
        return False
    get = org.get
    ident = get("id")
    if type(ident) is not str or _id_match(ident) is None:
        return False
    kind = get("type")
    if type(get("name")) is not str or type(kind) is not str or kind not in _ORG_TYPES:
        return False
    # One pass over the fields present (absent ones take their valid defaults).
    for key, value in org.items():
        if key in _OPTIONAL_TEXT_SET:
            if value is not None and type(value) is not str:
                return False
        elif key in _LIST_CHECKS:
            if not _LIST_CHECKS[key](value):
                return False
        elif key == "part_of":
            if value is not None and (type(value) is not str or _id_match(value) is None):
                return False
        elif key == "left_right":
            # Never bool; a NaN fails the comparison, an infinity the scale.
            if value is not None and not (type(value) in (float, int) and _LOW <= value <= _HIGH):
                return False
        elif key == "positions_source":
            if value is not None and not _citation_ok(value):
                return False
        elif (
            key == "listing"
            and value is not None
            and not (
                type(value) is dict
                and value.keys() == _LISTING_KEYS
                and type(value["list"]) is str
                and _id_match(value["list"]) is not None
                and type(value["printed"]) is str
                and type(value["position"]) is int  # not bool, which JSON's true would give
                and MIN_WHOLE <= value["position"] <= MAX_WHOLE
            )
        ):
            return False
    return True


def _optional_text(item: dict[str, object], key: str) -> bool:
    value = item.get(key)
    return value is None or type(value) is str


def _other_names_ok(value: object) -> bool:
    return type(value) is list and all(
        type(item) is dict
        and item.keys() <= _OTHER_NAME_KEYS
        and type(item.get("name")) is str
        and _optional_text(item, "note")
        and ((usage := item.get("usage")) is None or (type(usage) is str and usage in _USAGES))
        and _citations_ok(item.get("sources", ()))
        for item in value
    )


def _identifiers_ok(value: object) -> bool:
    return type(value) is list and all(
        type(item) is dict
        and item.keys() <= _IDENTIFIER_KEYS
        and type(item.get("scheme")) is str
        and item["scheme"] in _SCHEMES
        and type(item.get("identifier")) is str
        and type(source := item.get("source")) is str
        and _id_match(source) is not None
        and type(at := item.get("at")) is str
        and at != ""
        and _optional_text(item, "evidence")
        for item in value
    )


def _citation_ok(value: object) -> bool:
    if not (
        type(value) is dict
        and value.keys() <= _CITATION_KEYS
        and type(source := value.get("source")) is str
        and _id_match(source) is not None
        and type(at := value.get("at")) is str
        and at != ""
        and _optional_text(value, "note")
    ):
        return False
    date = value.get("date")
    fields = value.get("fields", ())
    return (date is None or (type(date) is str and _DATE.fullmatch(date) is not None)) and (
        fields == () or (type(fields) is list and all(type(f) is str for f in fields))
    )


def _citations_ok(value: object) -> bool:
    return value == () or (type(value) is list and all(_citation_ok(c) for c in value))


def _notes_ok(value: object) -> bool:
    return type(value) is list and all(type(n) is str for n in value)


def _inferred_ok(value: object) -> bool:
    return type(value) is list and all(
        type(i) is dict
        and i.keys() == _INFERENCE_KEYS
        and type(i["field"]) is str
        and type(i["reason"]) is str
        for i in value
    )


_LIST_CHECKS = {
    "other_names": _other_names_ok,
    "identifiers": _identifiers_ok,
    "ideology": _notes_ok,
    "notes": _notes_ok,
    "inferred": _inferred_ok,
    "sources": _citations_ok,
}
