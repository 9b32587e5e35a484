"""How option values are read: one parser per kind of value, shared by both command lines.

The Typer app names these functions with `parser=`; the generated spec records their names,
and the fast interpreter calls the same functions, so a value means the same thing on both
paths. Each takes the text as typed and returns the canonical value, or raises BadValue
with what was wrong and what is allowed. No Typer, no pydantic: the fast path imports this.
"""

from __future__ import annotations

import re
from enum import Enum

from ..data.enums import ContactLang, PartnerType
from ..export import ExportFormat
from ..query import SortKey
from ..render import OutputFormat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

_ASCII_INT = re.compile(r"[0-9]{1,18}")
_YEAR = re.compile(r"[0-9]{4}")


class Shell(str, Enum):
    """Shells that partyintl completes in."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


class BadValue(Exception):
    """A value the option cannot take; the message says what is allowed."""


def _choice(enum: type[Enum], raw: str) -> str:
    folded = raw.casefold()
    for member in enum:
        if member.value == folded:
            return str(member.value)
    raise BadValue(f"{raw!r} is not one of {allowed(enum)}.")


def allowed(enum: type[Enum]) -> str:
    """The values of a choice, as help and errors list them."""
    return ", ".join(str(m.value) for m in enum)


def output_format(raw: str) -> str:
    """--format of the data commands."""
    return _choice(OutputFormat, raw)


def export_format(raw: str) -> str:
    """--format of export."""
    return _choice(ExportFormat, raw)


def partner_type(raw: str) -> str:
    """--type: a partner type, or several separated by commas (`party,npo`)."""
    return ",".join(_choice(PartnerType, part.strip()) for part in raw.split(","))


def sort_key(raw: str) -> str:
    """--sort: an order of the partner list."""
    return _choice(SortKey, raw)


def contact_lang(raw: str) -> str:
    """--lang: the language of the contact labels."""
    return _choice(ContactLang, raw)


def shell(raw: str) -> str:
    """--show-completion / --install-completion: a shell, or empty to detect it."""
    return _choice(Shell, raw) if raw else ""


def count(raw: str) -> int:
    """A number of items: ASCII digits, 0 or more."""
    if not _ASCII_INT.fullmatch(raw):
        raise BadValue(f"{raw!r} is not a count: give a whole number of 0 or more, e.g. 10.")
    return int(raw)


def year(raw: str) -> int:
    """A year of four ASCII digits."""
    if not _YEAR.fullmatch(raw):
        raise BadValue(f"{raw!r} is not a year: give four digits, e.g. 2010.")
    return int(raw)


#: Every parser by name (the generated spec refers to them so), with its choices if any.
PARSERS: dict[str, Callable[[str], object]] = {
    f.__name__: f
    for f in (
        output_format,
        export_format,
        partner_type,
        sort_key,
        contact_lang,
        shell,
        count,
        year,
    )
}
CHOICES: dict[str, type[Enum]] = {
    "output_format": OutputFormat,
    "export_format": ExportFormat,
    "partner_type": PartnerType,
    "sort_key": SortKey,
    "contact_lang": ContactLang,
    "shell": Shell,
}
