"""Phone numbers one way, through phonenumbers: the value a data file stores, the number a
printed line means, and the form people read.

The value is E.164 (`+74957878515`), followed by RFC 3966's `;ext=` and the digits when the
source prints an extension (`+74957878515;ext=123` for `(495) 787-85-15, доб. 123`):
phonenumbers reads extensions written as `доб.`, `ext.`, `x`, `#` and the like. People see
the international format with the extension (`+7 495 787-85-15 ext. 123`).
"""

from __future__ import annotations

from ..patterns import pattern
from .forms import EXTENSION_DIGITS, PHONE_DIGITS, PHONE_VALUE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

#: The stored form: E.164 (at most 15 digits after the +), then an optional extension.
VALUE = pattern(PHONE_VALUE)
FORM = (
    f"E.164 form (+ and up to {PHONE_DIGITS} digits, the first not 0; ;ext= and up to "
    f"{EXTENSION_DIGITS} digits for an extension)"
)


def _parse(text: str, region: str | None = None) -> PhoneNumber | None:
    import phonenumbers

    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def value_of(number: PhoneNumber) -> str:
    """A parsed number in the stored form: E.164 and `;ext=N` when it has an extension."""
    import phonenumbers

    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def value_problem(value: str) -> str | None:
    """Why a stored value is not a valid number in the stored form, or None."""
    import phonenumbers

    if not VALUE.fullmatch(value):
        return f"'{value}' is not in {FORM}"
    number = _parse(value)
    if number is None or not phonenumbers.is_valid_number(number):
        return f"'{value}' is not a valid phone number"
    return None


def printed_value(text: str, region: str | None) -> str | None:
    """The stored form of a number as a page prints it (`(495) 787-85-15, доб. 123`, read
    as a number of `region`, an ISO code; None reads only numbers printed with their country
    code), or None when it is not a valid number."""
    import phonenumbers

    number = _parse(text, region)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return value_of(number)


def formatted(value: str, table: bool = True) -> str:
    """A stored value in international format, the extension kept: `+7 495 787-85-15 ext. 123`.

    The bundled file's numbers are read from a table that scripts/gen_static.py writes with
    this function (table=False) and tests/test_static.py keeps equal to it."""
    if table:
        from ._bundled import FORMATTED_PHONES

        known = FORMATTED_PHONES.get(value)
        if known is not None:
            return known
    import phonenumbers

    number = _parse(value)
    if number is None:
        return value
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
