"""How option values are read: one parser per kind of value, shared by both command lines.

The Typer app names these functions with `parser=`; the generated spec records their names,
and the fast interpreter calls the same functions, so a value means the same thing on both
paths. Each takes the text as typed and returns the canonical value, or raises BadValue
with what was wrong and what is allowed. No Typer, no pydantic: the fast path imports this.
"""

from __future__ import annotations

from enum import Enum

from ..collection.kinds import NetworkFormat, NetworkGraph
from ..data.enums import GLOSS, PRINTED, PartnerType
from ..export import ExportFormat
from ..patterns import pattern
from ..query import SortKey
from ..render.view import OutputFormat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, MutableMapping
    from typing import TypeVar

    from .spec import Argument, Command, Option

    _T = TypeVar("_T")

_ASCII_INT = pattern(r"[0-9]{1,18}")
#: The biggest count an option takes (18 digits).
MAX_COUNT = 10**18 - 1
_YEAR = pattern(r"[0-9]{4}")


class Shell(str, Enum):
    """Shells that partyintl completes in."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


class NameStyle(str, Enum):
    """Which names tables and pictures show."""

    SOURCE = "source"
    USUAL = "usual"


class BadValue(Exception):
    """A value the option cannot take; the message says what is allowed."""


#: Every parser by name: the generated spec refers to them so.
PARSERS: dict[str, Callable[[str], object]] = {}
#: The allowed values of the parsers that take a choice, by parser name (for completion).
CHOICES: dict[str, type[Enum]] = {}


def parser(
    choices: type[Enum] | None = None,
) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """Register an option-value parser under its name, with the choices it takes if any."""

    def register(parse: Callable[[str], _T]) -> Callable[[str], _T]:
        PARSERS[parse.__name__] = parse
        if choices is not None:
            CHOICES[parse.__name__] = choices
        return parse

    return register


def _choice(enum: type[Enum], raw: str) -> str:
    """The choice typed, without regard to case or to `-` for `_` (`left-right`)."""
    folded = raw.casefold().replace("-", "_")
    for member in enum:
        if str(member.value).replace("-", "_") == folded:
            return str(member.value)
    from ..data.suggest import close_matches

    close = close_matches(raw, [str(m.value) for m in enum], n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise BadValue(f"{raw!r} is not one of {allowed(enum)}.{hint}")


def allowed(enum: type[Enum]) -> str:
    """The values of a choice, as help and errors list them."""
    return ", ".join(str(m.value) for m in enum)


@parser(NetworkFormat)
def network_format(raw: str) -> str:
    """A format of `network`."""
    return _choice(NetworkFormat, raw)


@parser(NetworkGraph)
def network_graph(raw: str) -> str:
    """A network of `network`."""
    return _choice(NetworkGraph, raw)


@parser(OutputFormat)
def output_format(raw: str) -> str:
    """--format of the data commands: a format's name, or an alias as a file extension
    spells it (`md` for markdown: render.FORMAT_ALIASES)."""
    from ..render.view import FORMAT_ALIASES

    alias = FORMAT_ALIASES.get(raw.casefold().removeprefix("."))
    return alias.value if alias is not None else _choice(OutputFormat, raw)


@parser(ExportFormat)
def export_format(raw: str) -> str:
    """--format of export."""
    return _choice(ExportFormat, raw)


@parser(PartnerType)
def partner_type(raw: str) -> str:
    """--type: a partner type, or several separated by commas (`party,npo`)."""
    return ",".join(_choice(PartnerType, part.strip()) for part in raw.split(","))


@parser(SortKey)
def sort_key(raw: str) -> str:
    """--sort: an order of the partner list."""
    return _choice(SortKey, raw)


_LANGUAGE = pattern(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


@parser()
def contact_lang(raw: str) -> str:
    """--lang: en (the English glosses), printed, or a language the labels are printed in."""
    folded = raw.strip().casefold()
    if folded in (GLOSS, PRINTED) or _LANGUAGE.fullmatch(folded):  # the words first: no re
        return folded
    raise BadValue(
        f"{raw!r} is not a language: give {GLOSS} (the English glosses), {PRINTED} (the "
        "labels as printed) or the labels' own language, e.g. ru."
    )


@parser()
def edtf_date(raw: str) -> str:
    """A date in EDTF levels 0-1 (2018, 2018-03, 2012/2017)."""
    from ..data import dates

    text = raw.strip()
    why = dates.problem(text) if text else "it is empty"
    if why:  # a reason that names the date already is not preceded by it again
        said = why.startswith(f"'{text}'")
        raise BadValue(f"{why}." if said else f"{raw!r} is not a date: {why}.")
    return text


@parser()
def asked_date(raw: str) -> str:
    """A date asked about (--as-of): as edtf_date, its examples the forms it takes (no
    uncertain or approximate date, which the command refuses)."""
    from ..data import dates

    try:
        return edtf_date(raw)
    except BadValue as exc:
        raise BadValue(str(exc).replace(dates.EDTF_EXAMPLES, dates.ASKED_EXAMPLES)) from None


@parser(NameStyle)
def name_style(raw: str) -> str:
    """--names: the page's names or the usual ones."""
    return _choice(NameStyle, raw)


@parser(Shell)
def shell(raw: str) -> str:
    """--show-completion / --install-completion: a shell, or empty to detect it.

    Anything else is an error naming the shells, with the closest one if any (`zhs`)."""
    if not raw:
        return ""
    try:
        return _choice(Shell, raw)
    except BadValue:
        from ..data.suggest import close_matches

        close = close_matches(raw, [m.value for m in Shell], n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise BadValue(
            f"{raw!r} is not a shell partyintl completes in{hint}; the shells are {allowed(Shell)}."
        ) from None


_SCORE = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_RANGE = pattern(rf"({_SCORE})?\.\.({_SCORE})?")


@parser()
def score_range(raw: str) -> str:
    """--left-right MIN..MAX: scores (ASCII, -2.5 to 2.5 in practice); either end may be open."""
    found = _RANGE.fullmatch(raw.strip())
    # Three dots in a row (`1...2`, `...2`) read two ways: 1. to 2, or 1 to .2.
    if found is None or raw.strip() == ".." or "..." in raw:
        raise BadValue(f"{raw!r} is not a range of scores: give MIN..MAX, e.g. -1..0 or 1.5..")
    low, high = (float(x) if x else None for x in found.groups())
    if low is not None and high is not None and low > high:
        raise BadValue(f"{raw!r} is an empty range: give the lower score first.")
    return raw.strip()


@parser()
def count(raw: str) -> int:
    """A number of items: ASCII digits, 0 or more."""
    if not _ASCII_INT.fullmatch(raw):
        if raw.isascii() and raw.isdigit():
            raise BadValue(f"{raw!r} is too big a count: give at most {MAX_COUNT:,}.")
        raise BadValue(f"{raw!r} is not a count: give a whole number of 0 or more, e.g. 10.")
    return int(raw)


@parser()
def year(raw: str) -> int:
    """A year of four ASCII digits."""
    if not _YEAR.fullmatch(raw):
        raise BadValue(f"{raw!r} is not a year: give four digits, e.g. 2010.")
    return int(raw)


_MATCH_SCORE = pattern(r"(?:[0-9]{1,3}(?:\.[0-9]*)?|\.[0-9]+)")


@parser()
def match_score(raw: str) -> float:
    """--threshold: a matching score from 0 to 100 (ASCII digits, a decimal point allowed)."""
    text = str(raw).strip()  # the default arrives as a number
    if not _MATCH_SCORE.fullmatch(text) or not 0 <= float(text) <= 100:
        raise BadValue(f"{raw!r} is not a score: give a number from 0 to 100, e.g. 95.")
    return float(text)


def with_os_paths(
    parameters: Iterable[Option | Argument], given: MutableMapping[str, object]
) -> None:
    """Each value of `given` that names a file (Option.path, Argument.path) as the system
    takes it (filenames.os_path), in place; several values (--data, given again) each."""
    from ..filenames import os_path

    for parameter in parameters:
        value = given.get(parameter.dest)
        if not parameter.path or value is None:
            continue
        if isinstance(value, str):
            given[parameter.dest] = os_path(value)
        elif isinstance(value, (list, tuple)):
            given[parameter.dest] = type(value)(
                os_path(v) if isinstance(v, str) else v for v in value
            )


def check_given(command: Command, given: Mapping[str, object]) -> None:
    """A usage error for what a command was given that cannot be meant (values by dest,
    as the command body receives them):

    - --json with another --format: two formats asked for (the JSON won, unsaid);
    - an empty or blank text value of an option or argument: it names nothing, and some
      filters took it as no filter at all. A value the option may leave out (`--fields`
      alone) is its own question, and parsers say what their values allow.
    """
    from ..errors import UsageError
    from .spec import flag, usage_hint

    hint = usage_hint(f"partyintl {command.name}")
    fmt = given.get("fmt")
    if given.get("json_") and fmt not in (None, "json"):
        raise UsageError(
            f"{flag('json_', command.name)} and {flag('fmt', command.name)} {fmt} ask for two "
            f"formats: give one ({flag('json_', command.name)} is "
            f"{flag('fmt', command.name)} json).",
            hint=hint,
        )
    named = [
        (
            o.dest,
            f"{flag(o.dest, command.name)} was given an empty value: give one, or leave "
            "the option out.",
            o.separator,
        )
        for o in command.options
        if o.takes_value and o.parser is None and not o.optional
    ]
    named += [
        (
            a.dest,
            f"{a.metavar.strip('[]')} is empty: give one"
            + ("." if a.required else ", or leave it out."),
            "",
        )
        for a in command.arguments
    ]
    from ..escaping import shows_nothing

    for dest, message, separator in named:
        values = given.get(dest)
        for value in values if isinstance(values, (tuple, list)) else (values,):
            # Separators alone (`-c ,`) name nothing either, nor a zero-width space.
            if isinstance(value, str) and shows_nothing(value.replace(separator or " ", " ")):
                raise UsageError(message, hint=hint)
