"""Phone numbers keep their extension: in the value (RFC 3966 `;ext=`), in tables, and in
validation, which compares the printed form with the value.

Generated: an example number of every region phonenumbers knows, printed in international
form (and in Russian national form) with an extension spelled as pages spell it (`доб.`,
`ext.`, `x`, `#`, `;ext=`), is read as E.164 plus `;ext=` with those digits, is shown with
them, and a value without them (or with others) is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyintl.data import phones

REGIONS = sorted(r for r in phonenumbers.SUPPORTED_REGIONS if phonenumbers.example_number(r))
SPELLINGS = [", доб. ", " доб.", " доб ", " ext. ", ", ext ", " x", " #", ";ext="]


@st.composite
def printed_numbers(draw: st.DrawFn) -> tuple[str, str, str]:
    """(printed line, its value, its international form)."""
    region = draw(st.sampled_from(["RU", *REGIONS]))
    number = phonenumbers.example_number(region)
    assert number is not None
    style = (
        draw(st.sampled_from(["national", "international"])) if region == "RU" else "international"
    )
    form = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if style == "national"
        else (phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )
    ext = draw(st.from_regex(r"[1-9][0-9]{0,5}", fullmatch=True))
    printed = phonenumbers.format_number(number, form) + draw(st.sampled_from(SPELLINGS)) + ext
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    # The region's own way to write an extension: " ext. 123" mostly, " x123" in Britain.
    with_ext = phonenumbers.parse(e164)
    with_ext.extension = ext
    spelled = phonenumbers.format_number(with_ext, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert spelled.startswith(shown) and spelled.endswith(ext)
    return printed, f"{e164};ext={ext}", spelled


@given(printed_numbers())
def test_an_extension_is_kept_read_and_shown(case: tuple[str, str, str]) -> None:
    printed, value, shown = case
    assert phones.printed_value(printed, "RU") == value
    assert phones.value_problem(value) is None
    assert phones.formatted(value) == shown
    e164, _, ext = value.partition(";ext=")
    assert phones.printed_value(shown, "RU") == value  # what people see reads back the same
    for other in (e164, f"{e164};ext={ext}0"):
        assert phones.printed_value(printed, "RU") != other


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("+74957878515;ext=", "not in E.164 form"),
        ("+74957878515 ext. 123", "not in E.164 form"),
        ("+74957878515;ext=12a", "not in E.164 form"),
        ("+7495;ext=123", "not a valid phone number"),
    ],
)
def test_a_value_in_another_form_is_refused(value: str, problem: str) -> None:
    assert problem in (phones.value_problem(value) or "")


PRINTED = "(495) 787-85-15, доб. 123"


def _with_extension(raw: dict[str, Any], value: str, printed: str = PRINTED) -> dict[str, Any]:
    data = json.loads(json.dumps(raw))
    data["contacts"][0].update(value=value, printed=printed)
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "ext.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_printed_extension_is_in_the_value_and_the_table(
    raw_data: dict[str, Any], tmp_path: Path, invoke: Callable[..., tuple[int, str, str]]
) -> None:
    path = _write(tmp_path, _with_extension(raw_data, "+74957878515;ext=123"))
    assert invoke("validate", path)[0] == 0
    rows = json.loads(invoke("--data", path, "contacts", "--json")[1])
    assert (rows[0]["value"], rows[0]["printed"], rows[0]["formatted"]) == (
        "+74957878515;ext=123",
        PRINTED,
        "+7 495 787-85-15 ext. 123",
    )
    table = invoke("--data", path, "contacts", "-f", "markdown", "--fields", "label,formatted")[1]
    assert table.splitlines()[2] == "| Phone | +7 495 787-85-15 ext. 123 |"


def test_validation_compares_the_printed_extension_with_the_value(
    raw_data: dict[str, Any], tmp_path: Path, invoke: Callable[..., tuple[int, str, str]]
) -> None:
    lost = _write(tmp_path, _with_extension(raw_data, "+74957878515"))
    code, out, err = invoke("validate", lost)
    assert (code, out) == (1, "")
    assert (
        "  contacts[0].printed: '(495) 787-85-15, доб. 123' is the number "
        "+74957878515;ext=123, not +74957878515\n"
    ) in err
    invented = _write(
        tmp_path, _with_extension(raw_data, "+74957878515;ext=123", "(495) 787-85-15")
    )
    code, out, err = invoke("validate", invented)
    assert code == 1
    assert "'(495) 787-85-15' is the number +74957878515, not +74957878515;ext=123" in err
